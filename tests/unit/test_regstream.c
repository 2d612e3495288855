/* The registry checkpoint stream parser (cs_regstream.c) and the rule of
 * which keys a restore may replace (cs_regkey.c). */
#include "clusstore.h"
#include "check.h"
#include "wcstream.h"

#include <stdlib.h>
#include <string.h>

struct sbuf {
    unsigned char p[4096];
    size_t n;
};

static void put(struct sbuf *b, const void *d, size_t n)
{
    wcs_put(b->p, &b->n, d, n);
}

static void key(struct sbuf *b, const char *path)
{
    wcs_key(b->p, &b->n, path);
}

static void value(struct sbuf *b, const char *name, const char *data)
{
    wcs_value(b->p, &b->n, name, 1 /* REG_SZ */, data, (uint32_t)strlen(data));
}

static void start(struct sbuf *b)
{
    wcs_start(b->p, &b->n);
}

/* A tree with values at several depths, as regckpt_save writes it. */
static void good(struct sbuf *b)
{
    start(b);
    key(b, "");
    value(b, "", "default");
    value(b, "Name", "x");
    key(b, "Sub");
    value(b, "Empty", "");
    key(b, "Sub\\Deeper");
    value(b, "v", "deep");
    key(b, "Sub\\Deeper\\Deepest");
    key(b, "Sub2");
    value(b, "w", "w");
    put(b, "E", 1);
}

struct count {
    int keys, values;
    char last[64];
};

static uint32_t on_record(void *ctx, const cs_regrec *r)
{
    struct count *c = ctx;
    uint32_t i;

    if (r->tag == 'K')
        c->keys++;
    else
        c->values++;
    for (i = 0; i < r->name_len && i < sizeof(c->last) - 1; i++)
        c->last[i] = (char)r->name[i];
    c->last[i] = 0;
    return 0;
}

static uint32_t walk(const struct sbuf *b, struct count *c)
{
    memset(c, 0, sizeof(*c));
    return cs_regstream_walk(b->p, b->n, on_record, c, NULL, 0);
}

/* Fed in pieces of every size, the verdict is the whole stream's. */
static uint32_t fed(const struct sbuf *b, size_t piece)
{
    cs_regstream *p = cs_regstream_new();
    uint32_t err = 0;
    size_t at;

    for (at = 0; !err && at < b->n; at += piece)
        err = cs_regstream_feed(p, b->p + at, b->n - at < piece ? b->n - at : piece);
    if (!err)
        err = cs_regstream_end(p);
    cs_regstream_free(p);
    return err;
}

static void test_valid(void)
{
    struct sbuf b;
    struct count c;
    size_t piece;

    good(&b);
    CHECK_EQ(walk(&b, &c), 0);
    CHECK_EQ(c.keys, 5);
    CHECK_EQ(c.values, 5);
    CHECK(!strcmp(c.last, "w"));
    for (piece = 1; piece <= b.n; piece++)
        CHECK_EQ(fed(&b, piece), 0);
    /* 0 bytes: the key did not exist; valid, and nothing to hand out. */
    b.n = 0;
    CHECK_EQ(walk(&b, &c), 0);
    CHECK_EQ(c.keys + c.values, 0);
    /* The smallest: the key itself, no values. */
    start(&b);
    key(&b, "");
    put(&b, "E", 1);
    CHECK_EQ(walk(&b, &c), 0);
    CHECK_EQ(c.keys, 1);
    /* "." and ".." are plain names in the registry. */
    start(&b);
    key(&b, "");
    key(&b, "..");
    key(&b, "..\\.");
    put(&b, "E", 1);
    CHECK_EQ(walk(&b, &c), 0);
}

static void test_truncated_and_flipped(void)
{
    struct sbuf b, t;
    struct count c;
    size_t cut, at, bit, taken = 0;
    char why[128];

    good(&b);
    for (cut = 1; cut < b.n; cut++) {
        t = b;
        t.n = cut;
        memset(&c, 0, sizeof(c));
        CHECK_EQ(cs_regstream_walk(t.p, t.n, on_record, &c, why, sizeof(why)), CS_ERROR_INVALID_DATA);
        /* Nothing of a refused stream reaches the callback. */
        CHECK_EQ(c.keys + c.values, 0);
        CHECK(why[0] != 0);
        CHECK_EQ(fed(&t, 7), CS_ERROR_INVALID_DATA);
    }
    /* One bit flipped anywhere: refused, or still a stream that keeps every rule. */
    for (at = 0; at < b.n; at++)
        for (bit = 0; bit < 8; bit++) {
            t = b;
            t.p[at] ^= (unsigned char)(1u << bit);
            if (!walk(&t, &c))
                taken++;
            CHECK_EQ(fed(&t, 3), walk(&t, &c));
        }
    /* Flips inside value data or names keep the form: some are taken. */
    CHECK(taken > 0 && taken < b.n * 8);
}

/* A stream of the keys in paths (NULL-ended), no values -> walk's verdict. */
static uint32_t keys_only(struct sbuf *b, const char *const *paths)
{
    struct count c;

    start(b);
    while (*paths)
        key(b, *paths++);
    put(b, "E", 1);
    return walk(b, &c);
}

static void test_malformed(void)
{
    static const char *const climbing[] = { "\\Absolute", "a\\\\b", "Trailing\\", "\\", "Sub\\" };
    struct sbuf b;
    struct count c;
    char why[128];
    size_t i;

    /* Wrong magic. */
    good(&b);
    b.p[5] = '2';
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    /* Anything after the end record. */
    good(&b);
    put(&b, "E", 1);
    CHECK_EQ(cs_regstream_walk(b.p, b.n, NULL, NULL, why, sizeof(why)), CS_ERROR_INVALID_DATA);
    CHECK(strstr(why, "after the end") != NULL);
    good(&b);
    put(&b, "\0", 1);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    /* Lengths: a key path over 32767 characters, a value name over 16383, data past the end. */
    start(&b);
    put(&b, "K", 1);
    wcs_u32(b.p, &b.n, 32768);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    start(&b);
    key(&b, "");
    put(&b, "V", 1);
    wcs_u32(b.p, &b.n, 16384);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    start(&b);
    key(&b, "");
    put(&b, "V", 1);
    wcs_name(b.p, &b.n, "v");
    wcs_u32(b.p, &b.n, 3);
    wcs_u32(b.p, &b.n, 0xffffffffu);
    put(&b, "abcE", 4);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    /* A key name over 255 characters. */
    {
        char longname[300];
        memset(longname, 'n', 256);
        longname[256] = 0;
        CHECK_EQ(keys_only(&b, (const char *const[]){ "", longname, NULL }), CS_ERROR_INVALID_DATA);
        longname[255] = 0;
        CHECK_EQ(keys_only(&b, (const char *const[]){ "", longname, NULL }), 0);
    }
    /* Paths that are absolute or have an empty name. */
    for (i = 0; i < sizeof(climbing) / sizeof(climbing[0]); i++)
        CHECK_EQ(keys_only(&b, (const char *const[]){ "", "Sub", climbing[i], NULL }), CS_ERROR_INVALID_DATA);
    /* A NUL in a path ("a", NUL, "b"), or in a value name ("a", NUL, with no data). */
    for (i = 0; i < 2; i++) {
        start(&b);
        key(&b, "");
        put(&b, i ? "V" : "K", 1);
        wcs_u32(b.p, &b.n, 3 - (uint32_t)i);
        put(&b, "a\0\0\0b\0", 6 - 2 * i);
        if (i) {
            wcs_u32(b.p, &b.n, 1);
            wcs_u32(b.p, &b.n, 0);
        }
        put(&b, "E", 1);
        CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    }
    /* Order: the first key is the key itself, once; a parent before its children. */
    start(&b);
    key(&b, "Sub");
    put(&b, "E", 1);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    start(&b);
    value(&b, "v", "x");
    put(&b, "E", 1);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    start(&b);
    put(&b, "E", 1);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
    CHECK_EQ(keys_only(&b, (const char *const[]){ "", "A\\B", NULL }), CS_ERROR_INVALID_DATA);
    CHECK_EQ(keys_only(&b, (const char *const[]){ "", "A", "AB\\C", NULL }), CS_ERROR_INVALID_DATA);
    CHECK_EQ(keys_only(&b, (const char *const[]){ "", "A", "", NULL }), CS_ERROR_INVALID_DATA);
    /* Back up the tree after a deep key is fine. */
    CHECK_EQ(keys_only(&b, (const char *const[]){ "", "A", "A\\B", "A\\B\\C", "A\\D", "E", NULL }), 0);
    /* An unknown tag. */
    start(&b);
    key(&b, "");
    put(&b, "Z", 1);
    put(&b, "E", 1);
    CHECK_EQ(walk(&b, &c), CS_ERROR_INVALID_DATA);
}

static uint32_t refuse_second(void *ctx, const cs_regrec *r)
{
    int *n = ctx;

    (void)r;
    return ++*n == 2 ? CS_ERROR_ACCESS_DENIED : 0;
}

static void test_callback_error(void)
{
    struct sbuf b;
    int n = 0;

    good(&b);
    CHECK_EQ(cs_regstream_walk(b.p, b.n, refuse_second, &n, NULL, 0), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(n, 2);
}

static void test_protected(void)
{
    static const char *const owned[] = {
        "", "\\", "SYSTEM", "system\\", "Sam", "SECURITY", "HARDWARE", "SOFTWARE", "Software\\\\",
        "SOFTWARE\\Microsoft", "software\\microsoft\\windows", "SOFTWARE\\Microsoft\\Windows NT",
        "SOFTWARE\\Classes", "SOFTWARE\\Policies", "SOFTWARE\\Wine", "Software\\Wine\\Cluster",
        "Software\\Wine\\Cluster\\Applied", "\\\\SOFTWARE\\\\Microsoft\\", "SY\xc5\xbfTEM" /* long s */,
        "SECUR\xc4\xb1TY" /* dotless i */,
    };
    static const char *const free_keys[] = {
        "SOFTWARE\\Vendor\\App", "Software\\Canary", "SYSTEM\\CurrentControlSet\\Services\\MyService",
        "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon", "SOFTWARE\\Microsoft\\MyApp",
        "SOFTWARE\\Wine\\Direct3D", "SOFTWARE\\ClassesX", "SYSTEMS", "SOFTWARE\\Microsoft\\Windows NT2",
        "SOFTWARE\\..", "Software\\Wine\\Cluster\\Applied2",
    };
    size_t i;

    for (i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
        if (!cs_regkey_is_protected(owned[i]))
            fprintf(stderr, "not protected: %s\n", owned[i]);
        CHECK(cs_regkey_is_protected(owned[i]));
    }
    for (i = 0; i < sizeof(free_keys) / sizeof(free_keys[0]); i++) {
        if (cs_regkey_is_protected(free_keys[i]))
            fprintf(stderr, "protected: %s\n", free_keys[i]);
        CHECK(!cs_regkey_is_protected(free_keys[i]));
    }
}

int main(void)
{
    test_valid();
    test_truncated_and_flipped();
    test_malformed();
    test_callback_error();
    test_protected();
    return check_finish();
}

/* The property-list codec (libs/proplist): byte layouts written by hand,
 * the builder's size counting, and every kind of malformed list, each read
 * from a heap block of exactly its size so that ASan sees any overread. */
#include "proplist.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* A list written by hand, independently of the builder. */
struct hand {
    uint8_t p[512];
    size_t n;
};

static void h32(struct hand *h, uint32_t v)
{
    uint8_t le[4] = { v, v >> 8, v >> 16, v >> 24 };

    memcpy(h->p + h->n, le, 4);
    h->n += 4;
}

/* An entry: syntax, length, data, zero padding. */
static void hentry(struct hand *h, uint32_t syntax, const void *data, uint32_t len)
{
    h32(h, syntax);
    h32(h, len);
    memcpy(h->p + h->n, data, len);
    h->n += len;
    while (h->n % 4)
        h->p[h->n++] = 0;
}

/* ASCII to UTF-16LE with its NUL; returns the byte length. */
static uint32_t wide(uint8_t *out, const char *ascii)
{
    size_t i, n = strlen(ascii);

    for (i = 0; i <= n; i++) {
        out[2 * i] = (uint8_t)ascii[i];
        out[2 * i + 1] = 0;
    }
    return (uint32_t)(2 * (n + 1));
}

static void hname(struct hand *h, const char *name)
{
    uint8_t w[128];

    hentry(h, PL_SYNTAX_NAME, w, wide(w, name));
}

static void hsz(struct hand *h, uint32_t format, const char *s)
{
    uint8_t w[128];

    hentry(h, PL_LIST_VALUE(format), w, wide(w, s));
}

static void hdword(struct hand *h, uint32_t format, uint32_t v)
{
    uint8_t le[4] = { v, v >> 8, v >> 16, v >> 24 };

    hentry(h, PL_LIST_VALUE(format), le, 4);
}

/* The reference list: Name "Disk Q:" (SZ), PendingTimeout 180000 (DWORD),
 * Path "%SystemRoot%" (EXPAND_SZ then EXPANDED_SZ), Nodes (MULTI_SZ a, bc). */
static void reference(struct hand *h)
{
    static const uint8_t multi[] = { 'a', 0, 0, 0, 'b', 0, 'c', 0, 0, 0, 0, 0 };

    h->n = 0;
    h32(h, 4);
    hname(h, "Name");
    hsz(h, PL_FORMAT_SZ, "Disk Q:");
    h32(h, 0);
    hname(h, "PendingTimeout");
    hdword(h, PL_FORMAT_DWORD, 180000);
    h32(h, 0);
    hname(h, "Path");
    hsz(h, PL_FORMAT_EXPAND_SZ, "%SystemRoot%");
    hsz(h, PL_FORMAT_EXPANDED_SZ, "C:\\WINDOWS");
    h32(h, 0);
    hname(h, "Nodes");
    hentry(h, PL_LIST_VALUE(PL_FORMAT_MULTI_SZ), multi, sizeof(multi));
    h32(h, 0);
}

static const pl_wchar *w(const char *ascii)
{
    static pl_wchar buf[4][128];
    static int turn;
    pl_wchar *out = buf[turn++ % 4];
    size_t i;

    for (i = 0; i <= strlen(ascii); i++)
        out[i] = (uint8_t)ascii[i];
    return out;
}

/* The reference list again, through the builder, into buf[0..cap). */
static size_t build_reference(void *buf, size_t cap, int *fits)
{
    static const pl_wchar multi[] = { 'a', 0, 'b', 'c', 0, 0 };
    struct pl_builder b;
    const pl_wchar *s;

    pl_build_begin(&b, buf, cap);
    pl_build_name(&b, w("Name"));
    s = w("Disk Q:");
    pl_build_value(&b, PL_LIST_VALUE(PL_FORMAT_SZ), s, (uint32_t)(pl_wcslen(s) + 1) * 2);
    pl_build_endmark(&b);
    pl_build_name(&b, w("PendingTimeout"));
    pl_build_dword(&b, PL_LIST_VALUE(PL_FORMAT_DWORD), 180000);
    pl_build_endmark(&b);
    pl_build_name(&b, w("Path"));
    s = w("%SystemRoot%");
    pl_build_value(&b, PL_LIST_VALUE(PL_FORMAT_EXPAND_SZ), s, (uint32_t)(pl_wcslen(s) + 1) * 2);
    s = w("C:\\WINDOWS");
    pl_build_value(&b, PL_LIST_VALUE(PL_FORMAT_EXPANDED_SZ), s, (uint32_t)(pl_wcslen(s) + 1) * 2);
    pl_build_endmark(&b);
    pl_build_name(&b, w("Nodes"));
    pl_build_value(&b, PL_LIST_VALUE(PL_FORMAT_MULTI_SZ), multi, (uint32_t)pl_multi_sz_size(multi));
    pl_build_endmark(&b);
    *fits = pl_build_fits(&b);
    return pl_build_size(&b);
}

/* pl_validate on an exact-size heap copy. */
static enum pl_error validate(const void *data, size_t size)
{
    void *copy = malloc(size ? size : 1);
    enum pl_error e;

    memcpy(copy, data, size);
    e = pl_validate(copy, size, NULL, NULL);
    free(copy);
    return e;
}

static void test_builder(void)
{
    struct hand h;
    uint8_t buf[512];
    size_t need, cap;
    int fits;

    reference(&h);
    need = build_reference(buf, sizeof(buf), &fits);
    CHECK(fits);
    CHECK_EQ(need, h.n);
    CHECK(!memcmp(buf, h.p, h.n));
    /* Every smaller buffer: the same size counted, nothing written past it. */
    for (cap = 0; cap < need; cap++) {
        uint8_t *small = malloc(cap ? cap : 1);
        size_t got = build_reference(cap ? small : NULL, cap, &fits);

        CHECK(!fits);
        CHECK_EQ(got, need);
        free(small);
    }
    /* An empty list is its count alone. */
    {
        struct pl_builder b;

        pl_build_begin(&b, buf, sizeof(buf));
        CHECK_EQ(pl_build_size(&b), 4);
        CHECK_EQ(pl_get32(buf), 0);
        CHECK_EQ(validate(buf, 4), PL_OK);
    }
    CHECK_EQ(pl_multi_sz_size(w("")), 2);
}

static void test_reader(void)
{
    struct hand h;
    struct pl_reader r;
    struct pl_prop p;
    struct pl_cursor c;
    struct pl_value v;
    uint32_t count;

    reference(&h);
    CHECK_EQ(pl_validate(h.p, h.n, &count, NULL), PL_OK);
    CHECK_EQ(count, 4);
    CHECK_EQ(pl_read_begin(&r, h.p, h.n), PL_OK);
    CHECK_EQ(pl_read_next(&r, &p), PL_OK);
    CHECK_EQ(p.name_len, 4);
    CHECK_EQ(p.value.syntax, PL_LIST_VALUE(PL_FORMAT_SZ));
    CHECK_EQ(p.value.size, 16);
    CHECK_EQ(p.nvalues, 1);
    CHECK_EQ(pl_read_next(&r, &p), PL_OK);
    CHECK_EQ(p.name_len, 14);
    CHECK_EQ(pl_get32(p.value.data), 180000);
    CHECK_EQ(pl_read_next(&r, &p), PL_OK);
    CHECK_EQ(p.nvalues, 2);
    pl_values_begin(&c, p.values, p.values_size, 1);
    CHECK_EQ(pl_values_next(&c, &v), PL_OK);
    CHECK_EQ(v.syntax, PL_LIST_VALUE(PL_FORMAT_EXPAND_SZ));
    CHECK_EQ(pl_values_next(&c, &v), PL_OK);
    CHECK_EQ(v.syntax, PL_LIST_VALUE(PL_FORMAT_EXPANDED_SZ));
    CHECK_EQ(v.size, 22);
    CHECK_EQ(pl_values_next(&c, &v), PL_END);
    CHECK_EQ(c.pos, p.values_size);
    CHECK_EQ(pl_read_next(&r, &p), PL_OK);
    CHECK_EQ(p.value.size, 12);
    CHECK_EQ(pl_read_next(&r, &p), PL_END);
    CHECK_EQ(pl_read_next(&r, &p), PL_END);
}

/* Every truncation and every single-byte change of the reference list:
 * truncations all fail; changes never read outside the block. */
static void test_truncated_and_flipped(void)
{
    struct hand h;
    size_t n, i;
    int bad = 0;

    reference(&h);
    for (n = 0; n < h.n; n++)
        if (validate(h.p, n) == PL_OK)
            bad++;
    CHECK_EQ(bad, 0);
    for (i = 0; i < h.n; i++) {
        static const uint8_t values[] = { 0x00, 0x01, 0x03, 0x7f, 0x80, 0xfe, 0xff };
        uint8_t keep = h.p[i];
        size_t k;

        for (k = 0; k < sizeof(values); k++) {
            h.p[i] = values[k];
            validate(h.p, h.n);
        }
        h.p[i] = keep;
    }
    CHECK_EQ(validate(h.p, h.n), PL_OK);
}

/* One property "A" with the given value entry, then an end mark. */
static void one_prop(struct hand *h, uint32_t syntax, const void *data, uint32_t len)
{
    h->n = 0;
    h32(h, 1);
    hname(h, "A");
    hentry(h, syntax, data, len);
    h32(h, 0);
}

static void test_malformed(void)
{
    static const uint8_t sz_no_nul[] = { 'a', 0, 'b', 0 };
    static const uint8_t multi_one_nul[] = { 'a', 0, 0, 0, 'b', 0, 0, 0 };
    static const uint8_t multi_empty[] = { 0, 0 };
    static const uint8_t multi_ok[] = { 'a', 0, 0, 0, 0, 0 };
    static const uint8_t odd[] = { 'a', 0, 0 };
    static const uint8_t word[] = { 1, 0 };
    static const uint8_t dw[] = { 1, 0, 0, 0 };
    static const uint8_t nothing[1];
    uint8_t name[16];
    struct hand h;

    CHECK_EQ(pl_validate(NULL, 0, NULL, NULL), PL_ERR_TRUNCATED);
    CHECK_EQ(validate("\0\0", 2), PL_ERR_TRUNCATED);
    /* Misaligned: the reference list with one more byte. */
    reference(&h);
    h.p[h.n++] = 0;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_MISALIGNED);
    /* Trailing junk: one more end mark. */
    reference(&h);
    h32(&h, 0);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_TRAILING);
    /* Counts that lie, both ways, and one no buffer could hold. */
    reference(&h);
    h.p[0] = 5;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_COUNT);
    h.p[0] = 3;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_TRAILING);
    h.p[0] = 0xff; h.p[3] = 0xff;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_COUNT);
    /* No end mark: the last property runs out, or runs into the next name. */
    reference(&h);
    CHECK_EQ(validate(h.p, h.n - 4), PL_ERR_NO_ENDMARK);
    h.n = 0;
    h32(&h, 2);
    hname(&h, "A");
    hdword(&h, PL_FORMAT_DWORD, 1);
    hname(&h, "B");
    hdword(&h, PL_FORMAT_DWORD, 1);
    h32(&h, 0);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_NO_ENDMARK);
    /* A name then straight its end mark. */
    h.n = 0;
    h32(&h, 1);
    hname(&h, "A");
    h32(&h, 0);
    h32(&h, 0); /* room for the count's plausibility */
    h32(&h, 0);
    h32(&h, 0);
    h.n -= 12;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_COUNT);
    {
        /* The same, in a buffer the count fits. */
        uint8_t big[64];

        memset(big, 0, sizeof(big));
        memcpy(big, h.p, h.n);
        CHECK_EQ(validate(big, sizeof(big)), PL_ERR_NO_VALUE);
    }
    /* Wrong syntaxes: a value where the name should be, a non-list value,
     * unknown formats and types, Server 2008's FILETIME. */
    h.n = 0;
    h32(&h, 1);
    hdword(&h, PL_FORMAT_DWORD, 1);
    hdword(&h, PL_FORMAT_DWORD, 1);
    h32(&h, 0);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_SYNTAX);
    one_prop(&h, PL_SYNTAX(PL_TYPE_RESCLASS, PL_FORMAT_DWORD), dw, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_SYNTAX);
    one_prop(&h, PL_LIST_VALUE(0), word, 2);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_SYNTAX);
    one_prop(&h, PL_LIST_VALUE(12), word, 2);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_SYNTAX);
    one_prop(&h, PL_LIST_VALUE(0x8000), word, 2);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_SYNTAX);
    one_prop(&h, PL_SYNTAX(3, PL_FORMAT_DWORD), dw, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_SYNTAX);
    /* Lengths wrong for the format. */
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_DWORD), word, 2);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_LENGTH);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_WORD), dw, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_LENGTH);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_LARGE_INTEGER), dw, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_LENGTH);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_SZ), odd, 3);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_LENGTH);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_WORD), word, 2);
    CHECK_EQ(validate(h.p, h.n), PL_OK);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_BINARY), nothing, 0);
    CHECK_EQ(validate(h.p, h.n), PL_OK);
    /* Strings. */
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_SZ), sz_no_nul, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_STRING);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_EXPAND_SZ), nothing, 0);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_STRING);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_MULTI_SZ), multi_one_nul, 6);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_MULTI_SZ);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_MULTI_SZ), sz_no_nul, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_MULTI_SZ);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_MULTI_SZ), multi_ok, 6);
    CHECK_EQ(validate(h.p, h.n), PL_OK);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_MULTI_SZ), multi_empty, 2);
    CHECK_EQ(validate(h.p, h.n), PL_OK);
    /* Lengths past the end, up to the largest. */
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_BINARY), nothing, 0);
    h.p[h.n - 8] = 5; /* the value's length: 5 bytes where 0 + end mark stand */
    CHECK_EQ(validate(h.p, h.n), PL_ERR_OVERRUN);
    memset(h.p + h.n - 8, 0xff, 4);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_OVERRUN);
    memset(h.p + h.n - 8, 0xfc, 1);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_OVERRUN);
    /* Names: empty, unterminated, a NUL inside, odd, oversized. */
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_WORD), word, 2);
    h.p[8] = 2; /* "\0" */
    h.p[12] = 0;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_NAME);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_WORD), word, 2);
    h.p[14] = 'B'; /* "AB" without NUL */
    CHECK_EQ(validate(h.p, h.n), PL_ERR_NAME);
    h.n = 0;
    h32(&h, 1);
    wide(name, "AB");
    name[2] = 0; /* "A\0" + "\0" */
    hentry(&h, PL_SYNTAX_NAME, name, 6);
    hdword(&h, PL_FORMAT_DWORD, 1);
    h32(&h, 0);
    CHECK_EQ(validate(h.p, h.n), PL_ERR_NAME);
    one_prop(&h, PL_LIST_VALUE(PL_FORMAT_WORD), word, 2);
    h.p[8] = 3;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_NAME);
    h.p[8] = 0xf0; h.p[11] = 0x7f;
    CHECK_EQ(validate(h.p, h.n), PL_ERR_OVERRUN);
    /* Truncated inside a value's header. */
    h.n = 0;
    h32(&h, 1);
    hname(&h, "ABCDEFGHIJ");
    h32(&h, PL_LIST_VALUE(PL_FORMAT_DWORD));
    CHECK_EQ(validate(h.p, h.n), PL_ERR_TRUNCATED);
}

static void test_value_lists(void)
{
    static const uint8_t multi[] = { 'a', 0, 0, 0, 0, 0 };
    struct pl_builder b;
    uint8_t buf[128];
    struct hand h;
    uint32_t count;
    uint8_t name[32];

    /* Required dependencies: a resource class, a type name, the end mark. */
    h.n = 0;
    {
        uint8_t le[4] = { 1, 0, 0, 0 };

        hentry(&h, PL_SYNTAX(PL_TYPE_RESCLASS, PL_FORMAT_DWORD), le, 4);
    }
    hentry(&h, PL_SYNTAX_NAME, name, wide(name, "IP Address"));
    h32(&h, 0);
    /* Names are values in these lists, not property names. */
    CHECK_EQ(pl_values_validate(h.p, h.n, 0, &count), PL_ERR_SYNTAX);
    h.n = 0;
    {
        uint8_t le[4] = { 1, 0, 0, 0 };

        hentry(&h, PL_SYNTAX(PL_TYPE_RESCLASS, PL_FORMAT_DWORD), le, 4);
    }
    hentry(&h, PL_SYNTAX(PL_TYPE_DISK_SERIALNUMBER, PL_FORMAT_SZ), name, wide(name, "X1"));
    h32(&h, 0);
    CHECK_EQ(pl_values_validate(h.p, h.n, 0, &count), PL_OK);
    CHECK_EQ(count, 2);
    CHECK_EQ(pl_values_validate(h.p, h.n - 4, 0, NULL), PL_ERR_NO_ENDMARK);
    CHECK_EQ(pl_values_validate(h.p, h.n, 1, NULL), PL_ERR_SYNTAX);
    h32(&h, 0);
    CHECK_EQ(pl_values_validate(h.p, h.n, 0, NULL), PL_ERR_TRAILING);
    pl_build_begin_values(&b, buf, sizeof(buf));
    pl_build_dword(&b, PL_SYNTAX(PL_TYPE_RESCLASS, PL_FORMAT_DWORD), 1);
    pl_build_value(&b, PL_SYNTAX(PL_TYPE_DISK_SERIALNUMBER, PL_FORMAT_SZ), name, 6);
    pl_build_endmark(&b);
    CHECK(pl_build_fits(&b));
    CHECK_EQ(pl_build_size(&b), h.n - 4);
    CHECK(!memcmp(buf, h.p, h.n - 4));
    CHECK_EQ(pl_values_validate(multi, 0, 0, NULL), PL_ERR_NO_ENDMARK);
}

int main(void)
{
    test_builder();
    test_reader();
    test_truncated_and_flipped();
    test_malformed();
    test_value_lists();
    return check_finish();
}

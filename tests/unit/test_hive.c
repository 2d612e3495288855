/* The empty hive (hive_new.c) and moving hives through descriptors and
 * memory (hive_io.c): a hive built with a value of each REG_ type survives a
 * commit and a reopen, from a file and from memory.  The checkpoint reader
 * (cs_hivewalk.c) on hives cut short, lying, looping and too deep. */
#define _GNU_SOURCE
#include "clusstore.h"
#include "hive.h"
#include "check.h"
#include "wcstream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char sz[] = "a\0b\0c\0\0\0";            /* UTF-16LE "abc" */
static const char multi[] = "x\0\0\0y\0\0\0\0\0";    /* "x", "y", end */
static const char dword[] = "\x78\x56\x34\x12", dword_be[] = "\x12\x34\x56\x78";
static const char qword[] = "\1\2\3\4\5\6\7\x8";
static char big[300000];                             /* past hivex's db threshold */

static const hive_set_value values[] = {
    { (char *)"None", hive_t_REG_NONE, 0, (char *)"" },
    { (char *)"Sz", hive_t_REG_SZ, sizeof(sz) - 1, (char *)sz },
    { (char *)"Expand", hive_t_REG_EXPAND_SZ, sizeof(sz) - 1, (char *)sz },
    { (char *)"Binary", hive_t_REG_BINARY, 3, (char *)"\0\1\2" },
    { (char *)"Dword", hive_t_REG_DWORD, 4, (char *)dword },
    { (char *)"DwordBE", hive_t_REG_DWORD_BIG_ENDIAN, 4, (char *)dword_be },
    { (char *)"Link", hive_t_REG_LINK, sizeof(sz) - 1, (char *)sz },
    { (char *)"Multi", hive_t_REG_MULTI_SZ, sizeof(multi) - 1, (char *)multi },
    { (char *)"ResList", hive_t_REG_RESOURCE_LIST, 2, (char *)"rl" },
    { (char *)"FullRes", hive_t_REG_FULL_RESOURCE_DESCRIPTOR, 2, (char *)"fr" },
    { (char *)"ResReq", hive_t_REG_RESOURCE_REQUIREMENTS_LIST, 2, (char *)"rr" },
    { (char *)"Qword", hive_t_REG_QWORD, 8, (char *)qword },
    { (char *)"Big", hive_t_REG_BINARY, sizeof(big), big },
    { (char *)"", hive_t_REG_SZ, sizeof(sz) - 1, (char *)sz },       /* the default value */
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

static uint32_t count_record(void *ctx, const cs_regrec *r)
{
    (void)r;
    ++*(int *)ctx;
    return 0;
}

static hive_h *build(void)
{
    char err[200] = "";
    hive_node_h child, grandchild;
    hive_h *h = cs_hive_new("Checkpointed", err, sizeof(err));

    CHECK(h != NULL && !err[0]);
    if (!h)
        return NULL;
    CHECK((child = hivex_node_add_child(h, hivex_root(h), "Parameters")) != 0);
    CHECK((grandchild = hivex_node_add_child(h, child, "Deeper")) != 0);
    CHECK(hivex_node_add_child(h, hivex_root(h), "Empty") != 0);
    CHECK_EQ(hivex_node_set_values(h, child, NVALUES, values, 0), 0);
    CHECK_EQ(hivex_node_set_value(h, grandchild, &values[4], 0), 0);
    return h;
}

static void check_read(hive_h *h)
{
    hive_node_h root, child, deeper;
    hive_value_h v;
    hive_type t;
    size_t i, len;
    char *name, *data;

    CHECK(h != NULL);
    if (!h)
        return;
    root = hivex_root(h);
    name = hivex_node_name(h, root);
    CHECK(name && !strcmp(name, "Checkpointed"));
    free(name);
    CHECK(hivex_node_get_child(h, root, "Empty") != 0);
    CHECK((child = hivex_node_get_child(h, root, "Parameters")) != 0);
    CHECK((deeper = hivex_node_get_child(h, child, "Deeper")) != 0);
    CHECK(hivex_node_get_value(h, deeper, "Dword") != 0);
    for (i = 0; i < NVALUES; i++) {
        CHECK((v = hivex_node_get_value(h, child, values[i].key)) != 0);
        if (!v)
            continue;
        data = hivex_value_value(h, v, &t, &len);
        CHECK_EQ(t, values[i].t);
        CHECK_EQ(len, values[i].len);
        CHECK(data && len == values[i].len && !memcmp(data, values[i].value, len));
        free(data);
    }
}

static void test_roundtrip(void)
{
    char err[200], path[] = "/tmp/test_hive_XXXXXX";
    unsigned char *bytes, *again;
    size_t len, len2;
    hive_h *h = build(), *back;
    int fd;

    if (!h)
        return;
    /* Through a file the caller opened. */
    CHECK((fd = mkstemp(path)) >= 0);
    unlink(path);
    CHECK_EQ(cs_hive_commit_fd(h, fd, err, sizeof(err)), 0);
    back = cs_hive_open_fd(fd, 0, err, sizeof(err));
    check_read(back);
    if (back)
        hivex_close(back);
    close(fd);

    /* Through memory, twice: the same hive gives the same bytes. */
    CHECK_EQ(cs_hive_to_mem(h, &bytes, &len, err, sizeof(err)), 0);
    CHECK_EQ(cs_hive_to_mem(h, &again, &len2, err, sizeof(err)), 0);
    CHECK(len > CS_HIVE_EMPTY_SIZE && !memcmp(bytes, "regf", 4));
    back = cs_hive_open_mem(bytes, len, HIVEX_OPEN_WRITE, err, sizeof(err));
    check_read(back);
    /* A reopened hive stays writable. */
    CHECK(back && hivex_node_add_child(back, hivex_root(back), "Later") != 0);
    if (back)
        hivex_close(back);
    free(bytes);
    free(again);
    hivex_close(h);
}

static void test_root_names(void)
{
    static const char *const good[] = { "K", "Ünïcode €", "\xf0\x9f\x98\x80 astral", NULL };
    static const char *const bad[] = { "", "a\\b", "tab\there", "\xff", NULL };
    char err[200], *name, long_name[300];
    const char *const *p;
    hive_h *h;

    for (p = good; *p; p++) {
        CHECK((h = cs_hive_new(*p, err, sizeof(err))) != NULL);
        if (!h)
            continue;
        name = hivex_node_name(h, hivex_root(h));
        CHECK(name && !strcmp(name, *p));
        free(name);
        hivex_close(h);
    }
    for (p = bad; *p; p++) {
        err[0] = 0;
        CHECK(cs_hive_new(*p, err, sizeof(err)) == NULL);
        CHECK(err[0] != 0);
    }
    memset(long_name, 'n', 255);
    long_name[255] = 0;
    CHECK((h = cs_hive_new(long_name, err, sizeof(err))) != NULL);
    if (h)
        hivex_close(h);
    long_name[255] = 'n';
    long_name[256] = 0;
    CHECK(cs_hive_new(long_name, err, sizeof(err)) == NULL);
}

static void test_not_a_hive(void)
{
    static const unsigned char junk[CS_HIVE_EMPTY_SIZE];
    char err[200] = "";

    CHECK(cs_hive_open_mem(junk, sizeof(junk), 0, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "not a registry hive") != NULL);
    CHECK(cs_hive_open_mem("regf", 4, 0, err, sizeof(err)) == NULL);
    CHECK(cs_hive_open_mem(NULL, 0, 0, err, sizeof(err)) == NULL);
}

/* ---- the checkpoint reader (cs_hivewalk.c) on hostile hives ---- */

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void set32(unsigned char *p, uint32_t v)
{
    p[0] = v, p[1] = v >> 8, p[2] = v >> 16, p[3] = v >> 24;
}

/* The file offset of the nk cell's "nk" of the key named name (Latin-1). */
static size_t find_nk(const unsigned char *b, size_t n, const char *name)
{
    size_t off, len = strlen(name);

    for (off = 0x1000; off + 0x50 + len <= n; off += 8)
        if (!memcmp(b + off + 4, "nk", 2) && b[off + 4 + 0x48] == len && !memcmp(b + off + 4 + 0x4c, name, len))
            return off + 4;
    return 0;
}

#define ROOT_NK(b) (0x1000 + le32((b) + 0x24) + 4)

static unsigned char *tree(size_t *n, int shared_values)
{
    char err[200], name[16];
    unsigned char *bytes = NULL;
    hive_h *h = cs_hive_new("Key", err, sizeof(err));
    hive_node_h a, b;
    int i;

    a = hivex_node_add_child(h, hivex_root(h), "A");
    b = hivex_node_add_child(h, a, "B");
    CHECK_EQ(hivex_node_set_values(h, b, 4, values + 1, 0), 0);
    if (shared_values) {
        static char names[200][8];
        hive_set_value many[200];
        for (i = 0; i < 200; i++) {
            snprintf(names[i], sizeof(names[i]), "v%d", i);
            many[i] = (hive_set_value){ names[i], hive_t_REG_DWORD, 4, (char *)dword };
        }
        CHECK_EQ(hivex_node_set_values(h, b, 200, many, 0), 0);
    }
    for (i = 0; i < shared_values; i++) {
        snprintf(name, sizeof(name), "S%03d", i);
        CHECK(hivex_node_add_child(h, hivex_root(h), name) != 0);
    }
    CHECK_EQ(cs_hive_to_mem(h, &bytes, n, err, sizeof(err)), 0);
    hivex_close(h);
    return bytes;
}

static int refused(const unsigned char *b, size_t n, const char *want)
{
    char why[160] = "";
    int records = 0;
    uint32_t err = cs_reghive_walk(b, n, count_record, &records, why, sizeof(why));

    if (!err || records || !why[0] || (want && !strstr(why, want))) {
        fprintf(stderr, "walk: %u, %d records, why \"%s\" (want \"%s\")\n", err, records, why, want ? want : "");
        return 0;
    }
    return err == CS_ERROR_INVALID_DATA;
}

static void test_walk(void)
{
    unsigned char *b, *c;
    size_t n, cut, a_nk, b_nk, s_nk;
    int records = 0, i;

    b = tree(&n, 0);
    CHECK_EQ(cs_reghive_walk(b, n, count_record, &records, NULL, 0), 0);
    CHECK_EQ(records, 3 + 4);   /* root, A, B and B's values */
    CHECK_EQ(cs_reghive_walk(NULL, 0, count_record, &records, NULL, 0), 0);   /* the key did not exist */

    /* Cut anywhere short of its bins' end. */
    for (cut = 1; cut < n; cut += cut < 0x1100 ? 61 : 509)
        CHECK(refused(b, cut, NULL));

    /* Lying: the root offset, a cell's size, a value count, a subkey list offset. */
    c = malloc(n);
    memcpy(c, b, n);
    set32(c + 0x24, 0x7ffffff0);
    CHECK(refused(c, n, NULL));
    a_nk = find_nk(b, n, "A");
    b_nk = find_nk(b, n, "B");
    CHECK(a_nk && b_nk);
    memcpy(c, b, n);
    set32(c + a_nk - 4, 0x80000000u);   /* a used cell of -2 GiB */
    CHECK(refused(c, n, NULL));
    memcpy(c, b, n);
    set32(c + b_nk + 0x24, 100000);     /* 100 000 values in a list of 4 */
    CHECK(refused(c, n, NULL));
    memcpy(c, b, n);
    set32(c + a_nk + 0x1c, (uint32_t)n);  /* subkeys past the end */
    CHECK(refused(c, n, NULL));
    memcpy(c, b, n);
    c[b_nk + 0x4c] = 0;                 /* a NUL in a name: "\0" for "B" */
    CHECK(refused(c, n, NULL));

    /* Looping: B's subkeys are the root's (A): A would be walked forever. */
    memcpy(c, b, n);
    set32(c + b_nk + 0x14, 1);
    set32(c + b_nk + 0x1c, le32(b + ROOT_NK(b) + 0x1c));
    CHECK(refused(c, n, "reached twice"));
    /* B's own list made A's: B below itself. */
    memcpy(c, b, n);
    set32(c + b_nk + 0x14, 1);
    set32(c + b_nk + 0x1c, le32(b + a_nk + 0x1c));
    CHECK(refused(c, n, "reached twice"));
    free(c);
    free(b);

    /* Many keys sharing one value list: the values multiply past any hive's room. */
    b = tree(&n, 300);
    b_nk = find_nk(b, n, "B");
    for (i = 0; i < 300; i++) {
        char name[16];
        snprintf(name, sizeof(name), "S%03d", i);
        s_nk = find_nk(b, n, name);
        CHECK(s_nk != 0);
        set32(b + s_nk + 0x24, le32(b + b_nk + 0x24));
        set32(b + s_nk + 0x28, le32(b + b_nk + 0x28));
    }
    CHECK(refused(b, n, "room"));
    free(b);
}

/* Names the registry cannot hold, and nesting past its 512 levels. */
static void test_walk_limits(void)
{
    char err[200];
    unsigned char *bytes;
    hive_node_h node;
    size_t n;
    hive_h *h;
    int i;

    h = cs_hive_new("Key", err, sizeof(err));
    CHECK(hivex_node_add_child(h, hivex_root(h), "a\\b") != 0);
    CHECK_EQ(cs_hive_to_mem(h, &bytes, &n, err, sizeof(err)), 0);
    CHECK(refused(bytes, n, "backslash"));
    free(bytes);
    hivex_close(h);

    h = cs_hive_new("Key", err, sizeof(err));
    for (node = hivex_root(h), i = 0; i < 520 && node; i++)
        node = hivex_node_add_child(h, node, "d");
    CHECK(node != 0);
    CHECK_EQ(cs_hive_to_mem(h, &bytes, &n, err, sizeof(err)), 0);
    CHECK(refused(bytes, n, "512"));
    free(bytes);
    hivex_close(h);
}

/* A stream the conversion refuses says why: a value name that is a lone
 * UTF-16 surrogate (U+D800) under the root key. */
static void test_conversion_reason(void)
{
    static const unsigned char stream[] = "WCREG1\n\0K\0\0\0\0V\1\0\0\0\0\xd8\4\0\0\0\4\0\0\0\1\0\0\0E";
    unsigned char *hive = NULL;
    char why[200] = "";
    size_t n = 0;

    CHECK_EQ(cs_reghive_from_stream(stream, sizeof(stream) - 1, "Key", &hive, &n, why, sizeof(why)),
             CS_ERROR_INVALID_DATA);
    CHECK(!hive && !n);
    CHECK(strstr(why, "lone surrogate") != NULL);
}

static void put_dword(unsigned char *p, size_t *n, const char *name, uint32_t v)
{
    unsigned char le[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                            (unsigned char)(v >> 24) };

    wcs_value(p, n, name, CS_REG_DWORD, le, 4);
}

struct seen {
    size_t   keys, dwords;
    uint32_t k0005_m, k0005_n, root_r, c099;
    char     key[64];
};

static uint32_t saw(void *ctx, const cs_regrec *r)
{
    struct seen *w = ctx;
    uint32_t i, v = 0;

    if (r->tag == 'K') {
        w->keys++;
        for (i = 0; i < r->name_len && i < sizeof(w->key) - 1; i++)
            w->key[i] = (char)r->name[i];
        w->key[i] = 0;
        w->c099 += !strcmp(w->key, "k0010\\c099");
        return 0;
    }
    w->dwords++;
    if (r->size == 4)
        memcpy(&v, r->data, 4);
    if (!strcmp(w->key, "k0005"))
        *(r->name_len == 1 && r->name[0] == 'm' ? &w->k0005_m : &w->k0005_n) += v + 1;
    if (!w->key[0] && r->name_len == 1 && r->name[0] == 'r')
        w->root_r = v;
    return 0;
}

/* A key with 3000 subkeys, one of them with 100: hivex alone made such a
 * hive grow with the square of the subkeys (8000 gave 273 MB), so the tree
 * goes in a depth at a time and in bulk (hive_tree.c).  The hive is small,
 * holds every key and value, the same stream gives the same bytes, and a
 * key listed again keeps its last listing's values, as before. */
static void test_conversion_many(void)
{
    unsigned char *s = malloc(1 << 20), *hive = NULL, *again = NULL;
    struct seen w;
    size_t len = 0, n = 0, n2 = 0;
    char name[32];
    int i;

    wcs_start(s, &len);
    wcs_key(s, &len, "");
    put_dword(s, &len, "r", 7);
    for (i = 0; i < 3000; i++) {
        snprintf(name, sizeof(name), "k%04d", i);
        wcs_key(s, &len, name);
        put_dword(s, &len, "n", (uint32_t)i);
        for (int j = 0; i == 10 && j < 100; j++) {
            snprintf(name, sizeof(name), "k0010\\c%03d", j);
            wcs_key(s, &len, name);
        }
    }
    wcs_key(s, &len, "k0005");
    put_dword(s, &len, "m", 1);
    wcs_put(s, &len, "E", 1);
    CHECK_EQ(cs_reghive_from_stream(s, len, "Key", &hive, &n, NULL, 0), 0);
    CHECK(n > 0 && n < 1024 * 1024);
    CHECK_EQ(cs_reghive_from_stream(s, len, "Key", &again, &n2, NULL, 0), 0);
    CHECK(n == n2 && hive && again && !memcmp(hive, again, n));
    memset(&w, 0, sizeof(w));
    CHECK_EQ(cs_reghive_walk(hive, n, saw, &w, NULL, 0), 0);
    CHECK_EQ(w.keys, 1 + 3000 + 100);
    CHECK_EQ(w.dwords, 1 + 2999 + 1);
    CHECK_EQ(w.root_r, 7);
    CHECK_EQ(w.k0005_m, 2);
    CHECK_EQ(w.k0005_n, 0);
    CHECK_EQ(w.c099, 1);
    free(hive);
    free(again);
    free(s);
}

int main(void)
{
    memset(big, 0x5a, sizeof(big));
    test_roundtrip();
    test_root_names();
    test_not_a_hive();
    test_walk();
    test_walk_limits();
    test_conversion_reason();
    test_conversion_many();
    return check_finish();
}

/* The empty hive (hive_new.c) and moving hives through descriptors and
 * memory (hive_io.c): a hive built with a value of each REG_ type survives a
 * commit and a reopen, from a file and from memory. */
#define _GNU_SOURCE
#include "hive.h"
#include "check.h"

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

int main(void)
{
    memset(big, 0x5a, sizeof(big));
    test_roundtrip();
    test_root_names();
    test_not_a_hive();
    return check_finish();
}

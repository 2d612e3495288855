/* Keys with many subkeys (hive.h's bulk children, hive_bulk.c): 30 000
 * subkeys of one key in linear time; after the splice every child is its
 * parent's, listed once in Windows' order, the chain's lists are free cells,
 * hivex and hivexml read the hive, and hivex still writes to it. */
#define _GNU_SOURCE
#include "hive.h"
#include "check.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MANY 30000

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t rd32(const unsigned char *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Every bin is tiled by cells; counts the used index cells (lh, ri, lf, li). */
static int index_cells(const unsigned char *buf, size_t len)
{
    size_t end = 0x1000 + rd32(buf + 0x28), bin = 0x1000, off, size;
    int n = 0;

    CHECK(end <= len);
    while (bin < end) {
        CHECK(!memcmp(buf + bin, "hbin", 4) && rd32(buf + bin + 4) == bin - 0x1000);
        size = rd32(buf + bin + 8);
        for (off = bin + 0x20; off < bin + size;) {
            int32_t c = (int32_t)rd32(buf + off);
            size_t cl = (size_t)(c < 0 ? -(int64_t)c : c);
            if (cl < 8 || cl % 8 || off + cl > bin + size) {
                CHECK(!"a cell runs past its bin");
                return -1;
            }
            if (c < 0 && buf[off + 4] == 'l' && strchr("hfi", buf[off + 5]))
                n++;
            if (c < 0 && buf[off + 4] == 'r' && buf[off + 5] == 'i')
                n++;
            off += cl;
        }
        bin += size;
    }
    CHECK_EQ(bin, end);
    return n;
}

static void check_hivexml(const unsigned char *buf, size_t len, int keys)
{
    char path[] = "/tmp/test_hive_bulk_XXXXXX", cmd[200], line[64];
    FILE *p;
    int fd = mkstemp(path), got = -1;

    CHECK(fd >= 0 && write(fd, buf, len) == (ssize_t)len);
    close(fd);
    snprintf(cmd, sizeof(cmd), "hivexml %s | grep -o '<node ' | wc -l", path);
    if ((p = popen(cmd, "r"))) {
        if (fgets(line, sizeof(line), p))
            got = atoi(line);
        pclose(p);
    }
    CHECK_EQ(got, keys);
    unlink(path);
}

static void test_many(void)
{
    char err[200] = "", name[32];
    hive_node_h many, few, *kids, k42, later;
    cs_hive_bulk *b = cs_hive_bulk_new();
    hive_h *h = cs_hive_new("Cluster", err, sizeof(err));
    unsigned char *bytes;
    size_t i, n, len;
    double t0 = now();
    int order = 1, parents = 1;

    CHECK(b && h);
    if (!b || !h)
        return;
    many = hivex_node_add_child(h, hivex_root(h), "Many");
    few = hivex_node_add_child(h, hivex_root(h), "Few");
    /* Not in Windows' order as added: the splice sorts. */
    for (i = 0; i < MANY; i++) {
        snprintf(name, sizeof(name), i % 2 ? "k%05zu" : "K%05zu", (size_t)MANY - 1 - i);
        if (!cs_hive_bulk_add(b, h, many, name))
            break;
    }
    CHECK_EQ(i, MANY);
    CHECK(cs_hive_bulk_add(b, h, few, "b_") && cs_hive_bulk_add(b, h, few, "B") && cs_hive_bulk_add(b, h, few, "\xc3\xa9t\xc3\xa9"));
    h = cs_hive_bulk_splice(b, h, err, sizeof(err));
    CHECK(h != NULL);
    if (!h)
        goto out;
    CHECK(now() - t0 < 20);
    kids = hivex_node_children(h, many);
    for (n = 0; kids && kids[n]; n++) {
        char *kn = hivex_node_name(h, kids[n]), *prev = n ? hivex_node_name(h, kids[n - 1]) : NULL;
        if (prev && strcasecmp(prev, kn) >= 0)
            order = 0;
        if (hivex_node_parent(h, kids[n]) != many)
            parents = 0;
        free(kn);
        free(prev);
    }
    CHECK_EQ(n, MANY);
    CHECK(order);
    CHECK(parents);
    free(kids);
    /* Windows' order: "B" < "B_" (shorter first) < "ÉTÉ". */
    kids = hivex_node_children(h, few);
    for (n = 0; kids && kids[n]; n++) {
        char *kn = hivex_node_name(h, kids[n]);
        CHECK(kn && !strcmp(kn, n == 0 ? "B" : n == 1 ? "b_" : "\xc3\xa9t\xc3\xa9"));
        free(kn);
    }
    CHECK_EQ(n, 3);
    free(kids);
    CHECK((k42 = cs_hive_bulk_find(b, many, "K00042")) != 0);
    CHECK(k42 && k42 == cs_hive_bulk_find(b, many, "k00042") && k42 == hivex_node_get_child(h, many, "k00042"));
    CHECK(cs_hive_bulk_find(b, many, "K30000") == 0);
    CHECK(cs_hive_bulk_find(b, few, "\xc3\x89T\xc3\x89") != 0);
    /* hivex goes on writing: below a spliced child, and beside them. */
    CHECK((later = hivex_node_add_child(h, k42, "Parameters")) != 0);
    CHECK(hivex_node_add_child(h, many, "K00042 later") != 0);
    CHECK(hivex_node_add_child(h, many, "k00042") == 0 && errno == EEXIST);
    CHECK_EQ(cs_hive_to_mem(h, &bytes, &len, err, sizeof(err)), 0);
    /* Root, Many (an ri of 60 lh lists), Few, K00042: no index of the chain stays in use. */
    CHECK_EQ(index_cells(bytes, len), 1 + 1 + MANY / 500 + 1 + 1);
    CHECK(len < 4u << 20);
    check_hivexml(bytes, len, 1 + 2 + MANY + 1 + 3 + 1);
    free(bytes);
    hivex_close(h);
out:
    cs_hive_bulk_free(b);
}

static void test_case_twins(void)
{
    char err[200] = "";
    cs_hive_bulk *b = cs_hive_bulk_new();
    hive_h *h = cs_hive_new("Cluster", err, sizeof(err));
    hive_node_h k = h ? hivex_node_add_child(h, hivex_root(h), "K") : 0;

    CHECK(b && k && cs_hive_bulk_add(b, h, k, "Twin") && cs_hive_bulk_add(b, h, k, "other") &&
          cs_hive_bulk_add(b, h, k, "TWIN"));
    err[0] = 0;
    CHECK(h && cs_hive_bulk_splice(b, h, err, sizeof(err)) == NULL);
    CHECK_EQ(errno, EEXIST);
    CHECK(strstr(err, "two subkeys of one name") != NULL);
    cs_hive_bulk_free(b);
}

int main(void)
{
    test_many();
    test_case_twins();
    return check_finish();
}

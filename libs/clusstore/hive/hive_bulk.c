/* Keys with many subkeys in linear time (hive.h, "bulk").
 *
 * hivex adds a subkey in time and space proportional to its siblings: it
 * compares the new name with each sibling's (a conversion each), and copies
 * the parent's whole subkey list into a new cell, leaving the old one free
 * but never reused.  So each child of a bulk parent is made by hivex under
 * the child made before it, which has no other subkey: nothing to compare or
 * copy.  The splice then works on the committed hive's bytes (docs/
 * backup-format.md, "Limits and cost of hivex"): the one-entry lists of that
 * chain are marked free, each child's parent field names the bulk parent,
 * and the parent gets one index in a new bin at the end: an lh list sorted
 * as Windows requires (by upper-cased name), or an ri of such lists when
 * they are more than one bin of Windows' own would hold.  The base block's
 * length and checksum follow, and hivex opens the result again. */
#include "hive.h"
#include "clusstore.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Offsets in an nk cell (from the cell's size field). */
#define NK_FLAGS      0x06
#define NK_PARENT     0x14
#define NK_NSUBKEYS   0x18
#define NK_SUBKEYS    0x20
#define NK_MAXNAME    0x38
#define NK_NAMELEN    0x4c
#define NK_NAME       0x50
#define NK_ASCII_NAME 0x0020

#define NO_CELL 0xffffffffu
/* Entries per lh list: Windows splits a leaf that would outgrow one 4 KiB
 * block (the bin header, the cell header and the list's own header
 * leave room for 507 entries of 8 bytes); then an ri lists the leaves. */
#define LEAF_MAX 500
#define RI_MAX   1000

struct entry {
    hive_node_h node;
    uint16_t   *name;   /* upper-cased UTF-16 code units */
    size_t      len;
    uint32_t    hash;
};

struct group {
    hive_node_h   parent, last;
    struct entry *e;
    size_t        n, cap;
    uint16_t      maxname;  /* bytes of the longest name as UTF-16 */
};

struct cs_hive_bulk {
    struct group *g;
    size_t        n, cap;
};

cs_hive_bulk *cs_hive_bulk_new(void)
{
    return calloc(1, sizeof(cs_hive_bulk));
}

void cs_hive_bulk_free(cs_hive_bulk *b)
{
    size_t i, j;

    if (!b)
        return;
    for (i = 0; i < b->n; i++) {
        for (j = 0; j < b->g[i].n; j++)
            free(b->g[i].e[j].name);
        free(b->g[i].e);
    }
    free(b->g);
    free(b);
}

/* Newest first: a parent's children come together (cs_hive_tree_write, the
 * object keys and their Wineclus keys in turn), so the search is one step
 * however many parents there are (4000 parents of 64 subkeys each: 334 ms
 * searching oldest first, 178-213 ms this way). */
static struct group *group_of(cs_hive_bulk *b, hive_node_h parent, int make)
{
    size_t i;

    for (i = b->n; i--;)
        if (b->g[i].parent == parent)
            return &b->g[i];
    if (!make)
        return NULL;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        struct group *grown = realloc(b->g, cap * sizeof(*grown));
        if (!grown)
            return NULL;
        b->g = grown;
        b->cap = cap;
    }
    memset(&b->g[b->n], 0, sizeof(b->g[b->n]));
    b->g[b->n].parent = parent;
    return &b->g[b->n++];
}

hive_node_h cs_hive_bulk_add(cs_hive_bulk *b, hive_h *h, hive_node_h parent, const char *name)
{
    struct group *g = group_of(b, parent, 1);
    hive_node_h node;

    if (!g) {
        errno = ENOMEM;
        return 0;
    }
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        struct entry *grown = realloc(g->e, cap * sizeof(*grown));
        if (!grown) {
            errno = ENOMEM;
            return 0;
        }
        g->e = grown;
        g->cap = cap;
    }
    if (!(node = hivex_node_add_child(h, g->n ? g->last : parent, name)))
        return 0;
    memset(&g->e[g->n], 0, sizeof(g->e[g->n]));
    g->e[g->n++].node = node;
    g->last = node;
    return node;
}

/* Windows compares key names upper-cased; this folds ASCII and Latin-1
 * (the letters hivex itself and the store's names use), others compare
 * as they are. */
static uint16_t upcase(uint16_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7))
        return c - 0x20;
    return c == 0xff ? 0x178 : c;
}

static int entry_cmp(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    size_t i, n = a->len < b->len ? a->len : b->len;

    for (i = 0; i < n; i++)
        if (a->name[i] != b->name[i])
            return a->name[i] < b->name[i] ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len;
}

static uint32_t rd32(const unsigned char *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static void wr32(unsigned char *p, uint32_t v)
{
    p[0] = v & 0xff;
    p[1] = (v >> 8) & 0xff;
    p[2] = (v >> 16) & 0xff;
    p[3] = v >> 24;
}

static void wr16(unsigned char *p, uint16_t v)
{
    p[0] = v & 0xff;
    p[1] = v >> 8;
}

/* A used cell at hive offset off (hivex's handles are file offsets; the
 * hive's own are 0x1000 less) whose size covers need bytes. */
static unsigned char *cell(unsigned char *buf, size_t len, size_t off, size_t need)
{
    int32_t size;

    if (off < 0x1020 || off % 8 || off + 4 > len)
        return NULL;
    size = (int32_t)rd32(buf + off);
    if (size >= 0 || (size_t)-(int64_t)size < need || off + (size_t)-(int64_t)size > len)
        return NULL;
    return buf + off;
}

static void mark_free(unsigned char *c)
{
    wr32(c, (uint32_t)-(int32_t)rd32(c));
}

/* The name of the nk at c, upper-cased, into e; its hash as Windows'
 * lh lists keep it. */
static int read_name(struct entry *e, const unsigned char *c, size_t cellsize)
{
    size_t nlen = rd16(c + NK_NAMELEN), i;
    int ascii = rd16(c + NK_FLAGS) & NK_ASCII_NAME;

    if (NK_NAME + nlen > cellsize || (!ascii && nlen % 2))
        return EFAULT;
    e->len = ascii ? nlen : nlen / 2;
    if (!(e->name = malloc((e->len ? e->len : 1) * sizeof(uint16_t))))
        return ENOMEM;
    e->hash = 0;
    for (i = 0; i < e->len; i++) {
        e->name[i] = upcase(ascii ? c[NK_NAME + i] : rd16(c + NK_NAME + 2 * i));
        e->hash = e->hash * 37 + e->name[i];
    }
    return 0;
}

/* Unlink the chain of g: every child's list of one (the next child) is
 * freed and its parent is g's. */
static int unchain(struct group *g, unsigned char *buf, size_t len)
{
    unsigned char *pc = cell(buf, len, g->parent, NK_NAME), *c, *list;
    size_t i;
    int err;

    if (!pc || rd32(pc + NK_NSUBKEYS) != 1)
        return EFAULT;
    for (i = 0; i <= g->n; i++) {
        c = i ? cell(buf, len, g->e[i - 1].node, NK_NAME) : pc;
        if (!c)
            return EFAULT;
        if (i < g->n) {
            if (rd32(c + NK_NSUBKEYS) != 1 || !(list = cell(buf, len, (size_t)rd32(c + NK_SUBKEYS) + 0x1000, 12)))
                return EFAULT;
            mark_free(list);
            wr32(c + NK_NSUBKEYS, 0);
            wr32(c + NK_SUBKEYS, NO_CELL);
            wr16(c + NK_MAXNAME, 0);
        }
        if (i) {
            wr32(c + NK_PARENT, (uint32_t)(g->parent - 0x1000));
            if ((err = read_name(&g->e[i - 1], c, (size_t)-(int64_t)(int32_t)rd32(c))))
                return err;
            if (g->e[i - 1].len * 2 > g->maxname)
                g->maxname = (uint16_t)(g->e[i - 1].len * 2);
        }
    }
    qsort(g->e, g->n, sizeof(*g->e), entry_cmp);
    for (i = 1; i < g->n; i++)
        if (!entry_cmp(&g->e[i - 1], &g->e[i]))
            return EEXIST;
    return 0;
}

static size_t round8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* Bytes of the index cells of g. */
static size_t index_size(const struct group *g)
{
    size_t leaves = (g->n + LEAF_MAX - 1) / LEAF_MAX;

    return round8(8 + 8 * g->n) * (leaves == 1) +
           (leaves > 1 ? round8(8 + 4 * leaves) + leaves * round8(8 + 8 * LEAF_MAX) : 0);
}

/* g's index at buf + at (hive offset hoff of that byte); returns the bytes
 * used. */
static size_t put_index(const struct group *g, unsigned char *buf, size_t at, size_t *root)
{
    size_t leaves = (g->n + LEAF_MAX - 1) / LEAF_MAX, start = at, l, i, k, first;
    unsigned char *ri = NULL;

    *root = at;
    if (leaves > 1) {
        ri = buf + at;
        wr32(ri, (uint32_t)-(int32_t)round8(8 + 4 * leaves));
        memcpy(ri + 4, "ri", 2);
        wr16(ri + 6, (uint16_t)leaves);
        at += round8(8 + 4 * leaves);
    }
    for (l = 0, first = 0; l < leaves; l++, first += k) {
        unsigned char *lh = buf + at;
        k = g->n - first < LEAF_MAX ? g->n - first : LEAF_MAX;
        wr32(lh, (uint32_t)-(int32_t)round8(8 + 8 * k));
        memcpy(lh + 4, "lh", 2);
        wr16(lh + 6, (uint16_t)k);
        for (i = 0; i < k; i++) {
            wr32(lh + 8 + 8 * i, (uint32_t)(g->e[first + i].node - 0x1000));
            wr32(lh + 12 + 8 * i, g->e[first + i].hash);
        }
        if (ri)
            wr32(ri + 8 + 4 * l, (uint32_t)(at - 0x1000));
        at += round8(8 + 8 * k);
    }
    return at - start;
}

static void checksum(unsigned char *base)
{
    uint32_t x = 0;
    int i;

    for (i = 0; i < 127; i++)
        x ^= rd32(base + 4 * i);
    wr32(base + 0x1fc, x == 0 ? 1 : x == 0xffffffffu ? 0xfffffffeu : x);
}

/* Splice the committed hive buf (len bytes, malloc'd) into *out. */
static int splice(cs_hive_bulk *b, unsigned char *buf, size_t len, unsigned char **out, size_t *outlen)
{
    size_t end, need = 0, binsize, at, i, root;
    unsigned char *nb, *pc;
    int err;

    if (len < 0x1000 || memcmp(buf, "regf", 4) || (end = 0x1000 + (size_t)rd32(buf + 0x28)) > len)
        return EFAULT;
    for (i = 0; i < b->n; i++) {
        if (b->g[i].n > (size_t)LEAF_MAX * RI_MAX)
            return EOVERFLOW;
        if (b->g[i].n && (err = unchain(&b->g[i], buf, end)))
            return err;
        need += b->g[i].n ? index_size(&b->g[i]) : 0;
    }
    binsize = (0x20 + need + 4 + 0xfff) & ~(size_t)0xfff;
    if (!(nb = realloc(buf, end + binsize)))
        return ENOMEM;
    buf = nb;
    memset(buf + end, 0, binsize);
    memcpy(buf + end, "hbin", 4);
    wr32(buf + end + 4, (uint32_t)(end - 0x1000));
    wr32(buf + end + 8, (uint32_t)binsize);
    at = end + 0x20;
    for (i = 0; i < b->n; i++) {
        if (!b->g[i].n)
            continue;
        at += put_index(&b->g[i], buf, at, &root);
        pc = buf + b->g[i].parent;
        wr32(pc + NK_NSUBKEYS, (uint32_t)b->g[i].n);
        wr32(pc + NK_SUBKEYS, (uint32_t)(root - 0x1000));
        if (rd16(pc + NK_MAXNAME) < b->g[i].maxname)
            wr16(pc + NK_MAXNAME, b->g[i].maxname);
    }
    wr32(buf + at, (uint32_t)(end + binsize - at));     /* the rest of the bin: one free cell */
    wr32(buf + 0x28, (uint32_t)(end + binsize - 0x1000));
    checksum(buf);
    *out = buf;
    *outlen = end + binsize;
    return 0;
}

hive_h *cs_hive_bulk_splice(cs_hive_bulk *b, hive_h *h, char *err, size_t errlen)
{
    unsigned char *buf, *out = NULL;
    size_t len, outlen = 0;
    hive_h *back = NULL;
    int rc;

    rc = cs_hive_to_mem(h, &buf, &len, err, errlen);
    hivex_close(h);
    if (rc)
        return NULL;
    if ((rc = splice(b, buf, len, &out, &outlen))) {
        free(buf);
        snprintf(err, errlen, "cannot list the subkeys of a key: %s",
                 rc == EEXIST ? "two subkeys of one name" : strerror(rc));
        errno = rc;
        return NULL;
    }
    back = cs_hive_open_mem(out, outlen, HIVEX_OPEN_WRITE, err, errlen);
    free(out);
    return back;
}

hive_node_h cs_hive_bulk_find(const cs_hive_bulk *b, hive_node_h parent, const char *name)
{
    struct group *g = group_of((cs_hive_bulk *)b, parent, 0);
    struct entry key = { 0, NULL, 0, 0 }, *hit;
    uint16_t units[512];
    uint32_t cp;
    size_t step;

    if (!g)
        return 0;
    for (key.name = units; *name; name += step) {
        if (!(step = cs_utf8_next(name, &cp)) || key.len + 2 > sizeof(units) / sizeof(units[0]))
            return 0;
        if (cp >= 0x10000) {
            units[key.len++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
            units[key.len++] = (uint16_t)(0xdc00 + (cp & 0x3ff));
        } else
            units[key.len++] = upcase((uint16_t)cp);
    }
    hit = bsearch(&key, g->e, g->n, sizeof(*g->e), entry_cmp);
    return hit ? hit->node : 0;
}

/* A WCREG1 stream (what the DLL reads a key tree into, and what stores
 * before schema version 6 kept) turned into the hive a .CPT now holds: the
 * root key is the checkpointed key, its values and subkeys below, as
 * Windows' RegSaveKey writes it.  The same stream gives the same bytes (no
 * clock goes in), so contents keep comparing by digest. */
#include "cs_internal.h"
#include "hive.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A key of the stream, gathered first: the hive is written in one go
 * (hive.h, cs_hive_tree_write), for hivex alone made a .CPT of a key with
 * 8000 subkeys 273 MB in 6.6 s, and one with 20 000 larger than a
 * checkpoint may be. */
struct ckey {
    char    *name;                 /* UTF-8 */
    size_t   parent;               /* index, or CS_HIVE_TOP: a subkey of the root */
    uint32_t path_len;             /* of its path in the stream, in UTF-16 units */
    size_t   first, nvals;         /* its values: vals[first ..] */
};

struct conv {
    struct ckey    *k;
    size_t          nk, kcap;
    size_t         *open;          /* the open keys from the root's subkeys down (indexes) */
    size_t          depth;         /* of open; 0: only the root is open */
    size_t         *slot;          /* hash of (parent, name) -> key index + 1, to find a key listed again */
    size_t          nslot;
    hive_set_value *vals;          /* the values, data pointing into the stream */
    size_t          nvals, vcap;
    size_t          root_first, root_n;
    int             root_open;     /* the root was listed last: values are its */
    char            why[128];
};

/* UTF-16 (n characters) as hivex's UTF-8; NULL if it holds a lone surrogate. */
static char *to_utf8(const uint16_t *s, size_t n)
{
    char *out = malloc(3 * n + 1), *o = out;
    uint32_t cp;
    size_t i;

    for (i = 0; out && i < n; i++) {
        cp = s[i];
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff)
            cp = 0x10000 + ((cp - 0xd800) << 10) + (s[++i] - 0xdc00);
        else if (cp >= 0xd800 && cp <= 0xdfff) {
            free(out);
            return NULL;
        }
        if (cp < 0x80)
            *o++ = cp;
        else if (cp < 0x800)
            *o++ = 0xc0 | cp >> 6, *o++ = 0x80 | (cp & 0x3f);
        else if (cp < 0x10000)
            *o++ = 0xe0 | cp >> 12, *o++ = 0x80 | (cp >> 6 & 0x3f), *o++ = 0x80 | (cp & 0x3f);
        else
            *o++ = 0xf0 | cp >> 18, *o++ = 0x80 | (cp >> 12 & 0x3f), *o++ = 0x80 | (cp >> 6 & 0x3f),
            *o++ = 0x80 | (cp & 0x3f);
    }
    if (out)
        *o = 0;
    return out;
}

static uint32_t fail(struct conv *c, const char *why)
{
    snprintf(c->why, sizeof(c->why), "%s", why);
    return CS_ERROR_INVALID_DATA;
}

static uint32_t add_value(struct conv *c, const cs_regrec *r)
{
    hive_set_value *v;

    if (c->nvals == c->vcap) {
        size_t cap = c->vcap ? 2 * c->vcap : 16;
        if (!(v = realloc(c->vals, cap * sizeof(*v))))
            return CS_ERROR_NOT_ENOUGH_MEMORY;
        c->vals = v;
        c->vcap = cap;
    }
    v = &c->vals[c->nvals];
    if (!(v->key = to_utf8(r->name, r->name_len)))
        return fail(c, "value name with a lone surrogate");
    v->value = (char *)r->data;
    v->t = r->type;
    v->len = r->size;
    c->nvals++;
    if (c->root_open || !c->depth)
        c->root_n++;
    else
        c->k[c->open[c->depth - 1]].nvals++;
    return 0;
}

/* Names compared as hivex compares them (ASCII letters folded). */
static size_t key_hash(size_t parent, const char *name)
{
    size_t h = parent * 0x9e3779b97f4a7c15ull;

    for (; *name; name++)
        h = h * 31 + (unsigned char)(*name >= 'A' && *name <= 'Z' ? *name + 32 : *name);
    return h;
}

static int same_key(const struct ckey *k, size_t parent, const char *name)
{
    return k->parent == parent && !strcasecmp(k->name, name);
}

/* The slot of (parent, name): its key's index + 1, or 0 where it would go. */
static size_t *find_slot(struct conv *c, size_t parent, const char *name)
{
    size_t i = key_hash(parent, name) & (c->nslot - 1);

    while (c->slot[i] && !same_key(&c->k[c->slot[i] - 1], parent, name))
        i = (i + 1) & (c->nslot - 1);
    return &c->slot[i];
}

static uint32_t grow_slots(struct conv *c)
{
    size_t n = c->nslot ? 2 * c->nslot : 256, i;
    size_t *old = c->slot, nold = c->nslot;

    if (!(c->slot = calloc(n, sizeof(*c->slot)))) {
        c->slot = old;
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    c->nslot = n;
    for (i = 0; i < nold; i++)
        if (old[i])
            *find_slot(c, c->k[old[i] - 1].parent, c->k[old[i] - 1].name) = old[i];
    free(old);
    return 0;
}

/* A key: the stream's order rule (cs_regstream.c) makes its parent one of
 * the open keys, the one whose path is the key's path up to its last '\'.
 * A key listed again is the same key, its values those of its last listing. */
static uint32_t add_key(struct conv *c, const cs_regrec *r)
{
    uint32_t parent_len = r->name_len, err;
    size_t parent, *slot;
    struct ckey *k;
    char *leaf;

    if (!r->name_len) {
        c->root_open = 1;
        c->root_first = c->nvals;
        c->root_n = 0;
        return 0;
    }
    c->root_open = 0;
    while (parent_len && r->name[parent_len - 1] != '\\')
        parent_len--;
    while (c->depth && c->k[c->open[c->depth - 1]].path_len > (parent_len ? parent_len - 1 : 0))
        c->depth--;
    parent = c->depth ? c->open[c->depth - 1] : CS_HIVE_TOP;
    if (!(leaf = to_utf8(r->name + parent_len, r->name_len - parent_len)))
        return fail(c, "key name with a lone surrogate");
    if (2 * (c->nk + 1) > c->nslot && (err = grow_slots(c))) {
        free(leaf);
        return err;
    }
    slot = find_slot(c, parent, leaf);
    if (*slot)
        free(leaf);
    else {
        if (c->nk == c->kcap) {
            size_t cap = c->kcap ? 2 * c->kcap : 64;
            if (!(k = realloc(c->k, cap * sizeof(*k)))) {
                free(leaf);
                return CS_ERROR_NOT_ENOUGH_MEMORY;
            }
            c->k = k;
            c->kcap = cap;
        }
        k = &c->k[c->nk++];
        k->name = leaf;
        k->parent = parent;
        k->path_len = r->name_len;
        *slot = c->nk;
    }
    k = &c->k[*slot - 1];
    k->first = c->nvals;
    k->nvals = 0;
    c->open[c->depth++] = *slot - 1;
    return 0;
}

static uint32_t on_record(void *ctx, const cs_regrec *r)
{
    return r->tag == 'K' ? add_key(ctx, r) : add_value(ctx, r);
}

static int set_values(const struct conv *c, hive_h *h, hive_node_h node, size_t first, size_t n)
{
    return n && hivex_node_set_values(h, node, n, c->vals + first, 0);
}

static int key_values(void *ctx, size_t i, hive_h *h, hive_node_h node)
{
    struct conv *c = ctx;

    return set_values(c, h, node, c->k[i].first, c->k[i].nvals);
}

static void conv_free(struct conv *c)
{
    size_t i;

    for (i = 0; i < c->nk; i++)
        free(c->k[i].name);
    for (i = 0; i < c->nvals; i++)
        free(c->vals[i].key);
    free(c->k);
    free(c->open);
    free(c->slot);
    free(c->vals);
}

/* The gathered tree into a new hive, in its bytes. */
static uint32_t write_hive(struct conv *c, const char *root_name, unsigned char **hive, size_t *hive_size)
{
    cs_hive_tkey *t = c->nk ? calloc(c->nk, sizeof(*t)) : NULL;
    hive_h *h = NULL;
    uint32_t err = 0;
    size_t i;

    if (c->nk && !t)
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    if (!(h = cs_hive_new(root_name, c->why, sizeof(c->why))))
        err = CS_ERROR_INVALID_PARAMETER;
    else if (set_values(c, h, hivex_root(h), c->root_first, c->root_n))
        err = fail(c, "hivex cannot store a value");
    for (i = 0; !err && i < c->nk; i++) {
        t[i].name = c->k[i].name;
        t[i].parent = c->k[i].parent;
        t[i].under = hivex_root(h);
    }
    if (!err && cs_hive_tree_write(&h, t, c->nk, key_values, c, c->why, sizeof(c->why)))
        err = errno == ENOMEM ? CS_ERROR_NOT_ENOUGH_MEMORY : CS_ERROR_INVALID_DATA;
    if (!err && cs_hive_to_mem(h, hive, hive_size, c->why, sizeof(c->why)))
        err = CS_ERROR_NOT_ENOUGH_MEMORY;
    if (h)
        hivex_close(h);
    free(t);
    return err;
}

uint32_t cs_reghive_from_stream(const void *stream, size_t size, const char *root_name, unsigned char **hive,
                                size_t *hive_size, char *why, size_t why_size)
{
    char walk_why[128] = "";
    struct conv c;
    uint32_t err;

    *hive = NULL;
    *hive_size = 0;
    memset(&c, 0, sizeof(c));
    /* Nothing taken (the key did not exist) stays nothing. */
    if (!size)
        return 0;
    /* Paths are at most 32767 characters: at most 16384 levels. */
    if (!(c.open = malloc(16385 * sizeof(*c.open))))
        err = CS_ERROR_NOT_ENOUGH_MEMORY;
    /* The walk says why the stream is bad, on_record why it was refused:
     * the walk must not write over on_record's reason. */
    else if ((err = cs_regstream_walk(stream, size, on_record, &c, walk_why, sizeof(walk_why))) && !c.why[0])
        snprintf(c.why, sizeof(c.why), "%s", walk_why);
    if (!err)
        err = write_hive(&c, root_name, hive, hive_size);
    conv_free(&c);
    if (why && why_size)
        snprintf(why, why_size, "%s", c.why);
    return err;
}

const char *cs_reghive_root_name(const char *key, char *buf, size_t size)
{
    size_t end = strlen(key), start;

    while (end && key[end - 1] == '\\')
        end--;
    for (start = end; start && key[start - 1] != '\\'; start--)
        ;
    snprintf(buf, size, "%.*s", (int)(end - start), key + start);
    return buf;
}

uint32_t cs_reghive_take(const void *data, size_t size, const char *key, unsigned char **hive, size_t *hive_size,
                         char *why, size_t why_size)
{
    char root[CS_PATH_MAX];

    *hive = NULL;
    *hive_size = 0;
    if (!cs_regstream_starts(data, size))
        return cs_reghive_walk(data, size, NULL, NULL, why, why_size);
    return cs_reghive_from_stream(data, size, cs_reghive_root_name(key, root, sizeof(root)), hive, hive_size, why,
                                  why_size);
}

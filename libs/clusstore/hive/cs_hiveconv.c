/* A WCREG1 stream (what the DLL reads a key tree into, and what stores
 * before schema version 6 kept) turned into the hive a .CPT now holds: the
 * root key is the checkpointed key, its values and subkeys below, as
 * Windows' RegSaveKey writes it.  The same stream gives the same bytes (no
 * clock goes in), so contents keep comparing by digest. */
#include "cs_internal.h"
#include "hive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct conv {
    hive_h         *h;
    hive_node_h    *node;      /* the open keys from the root down */
    uint32_t       *node_len;  /* ... and the length of each one's path */
    size_t          depth;
    hive_set_value *vals;      /* the values of the deepest key, set at once */
    size_t          nvals, cap;
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

static void drop_values(struct conv *c)
{
    while (c->nvals) {
        c->nvals--;
        free(c->vals[c->nvals].key);
        free(c->vals[c->nvals].value);
    }
}

static uint32_t fail(struct conv *c, const char *why)
{
    snprintf(c->why, sizeof(c->why), "%s", why);
    return CS_ERROR_INVALID_DATA;
}

/* The deepest open key's values, in one write (hivex rewrites a key's whole
 * value list each time it is set). */
static uint32_t flush_values(struct conv *c)
{
    uint32_t err = 0;

    if (c->nvals && hivex_node_set_values(c->h, c->node[c->depth - 1], c->nvals, c->vals, 0))
        err = fail(c, "hivex cannot store a value");
    drop_values(c);
    return err;
}

static uint32_t add_value(struct conv *c, const cs_regrec *r)
{
    hive_set_value *v;

    if (c->nvals == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        if (!(v = realloc(c->vals, cap * sizeof(*v))))
            return CS_ERROR_NOT_ENOUGH_MEMORY;
        c->vals = v;
        c->cap = cap;
    }
    v = &c->vals[c->nvals];
    if (!(v->key = to_utf8(r->name, r->name_len)))
        return fail(c, "value name with a lone surrogate");
    if (!(v->value = malloc(r->size ? r->size : 1))) {
        free(v->key);
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    memcpy(v->value, r->data, r->size);
    v->t = r->type;
    v->len = r->size;
    c->nvals++;
    return 0;
}

/* A key: the stream's order rule (cs_regstream.c) makes its parent one of
 * the open keys, the one whose path is the key's path up to its last '\'. */
static uint32_t add_key(struct conv *c, const cs_regrec *r)
{
    uint32_t parent = r->name_len, err;
    hive_node_h node;
    char *leaf;

    if (!r->name_len)
        return 0;   /* the root, open from the start */
    if ((err = flush_values(c)))
        return err;
    while (parent && r->name[parent - 1] != '\\')
        parent--;
    while (c->depth > 1 && c->node_len[c->depth - 1] > (parent ? parent - 1 : 0))
        c->depth--;
    if (!(leaf = to_utf8(r->name + parent, r->name_len - parent)))
        return fail(c, "key name with a lone surrogate");
    /* A key listed twice is one key, as the registry would make it. */
    if (!(node = hivex_node_get_child(c->h, c->node[c->depth - 1], leaf)) &&
        !(node = hivex_node_add_child(c->h, c->node[c->depth - 1], leaf)))
        err = fail(c, "hivex cannot add a key");
    free(leaf);
    if (!err) {
        c->node[c->depth] = node;
        c->node_len[c->depth++] = r->name_len;
    }
    return err;
}

static uint32_t on_record(void *ctx, const cs_regrec *r)
{
    return r->tag == 'K' ? add_key(ctx, r) : add_value(ctx, r);
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
    if (!(c.node = malloc(16385 * sizeof(*c.node))) || !(c.node_len = malloc(16385 * sizeof(*c.node_len))))
        err = CS_ERROR_NOT_ENOUGH_MEMORY;
    else if (!(c.h = cs_hive_new(root_name, c.why, sizeof(c.why))))
        err = CS_ERROR_INVALID_PARAMETER;
    else {
        c.node[0] = hivex_root(c.h);
        c.node_len[0] = 0;
        c.depth = 1;
        /* The walk says why the stream is bad, on_record why hivex refused
         * it: the walk must not write over on_record's reason. */
        if ((err = cs_regstream_walk(stream, size, on_record, &c, walk_why, sizeof(walk_why))) && !c.why[0])
            snprintf(c.why, sizeof(c.why), "%s", walk_why);
        if (!err && !(err = flush_values(&c)) && cs_hive_to_mem(c.h, hive, hive_size, c.why, sizeof(c.why)))
            err = CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    if (c.h)
        hivex_close(c.h);
    drop_values(&c);
    free(c.vals);
    free(c.node);
    free(c.node_len);
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

/* A registry checkpoint as a hive (docs/checkpoint-format.md): the one
 * reader of .CPT contents, for the restore that checks a set before the
 * store changes, for the store that takes a capture, and for the DLL that
 * applies one.  A hive is untrusted input: hivex checks the cells it reads;
 * this adds the registry's own limits and what hivex does not look for (a
 * key reached twice, so a subkey list pointing back cannot loop, and value
 * lists shared between keys, which could multiply the work). */
#include "cs_internal.h"
#include "hive.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_CHARS  32767u  /* the registry's limit on a key path */
#define VALUE_MAX_CHARS 16383u  /* ... on a value name */
#define NAME_MAX_CHARS  255u    /* ... on one key name */
#define DEPTH_MAX       512u    /* ... on the levels of keys */
#define VK_MIN          24u     /* the smallest value cell: 8-byte aligned 4 + 20 */

struct walk {
    hive_h      *h;
    size_t       size;          /* of the hive's bytes: bounds the work */
    cs_regrec_fn fn;
    void        *ctx;
    unsigned char *seen;        /* a bit per 8 bytes of hive: nk cells reached */
    uint64_t     values, data;  /* so far, against what the hive can hold */
    uint16_t     path[PATH_MAX_CHARS + NAME_MAX_CHARS + 2];
    uint16_t     name[VALUE_MAX_CHARS + 1];
    char         why[160];
};

static uint32_t bad(struct walk *w, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(w->why, sizeof(w->why), fmt, ap);
    va_end(ap);
    return CS_ERROR_INVALID_DATA;
}

/* hivex's UTF-8 name (with its length in bytes, which a NUL inside the name
 * makes longer than strlen) into out as UTF-16; the count of characters,
 * or -1 with the reason when it is no name the registry could hold. */
static long to_utf16(struct walk *w, const char *utf8, size_t len, uint16_t *out, size_t max, const char *what)
{
    size_t n = 0, step;
    uint32_t cp;

    if (!utf8)
        return bad(w, "%s unreadable", what), -1;
    if (strlen(utf8) != len)
        return bad(w, "%s with a NUL", what), -1;
    for (; *utf8; utf8 += step) {
        if (!(step = cs_utf8_next(utf8, &cp)))
            return bad(w, "%s not text", what), -1;
        if (n + 1 + (cp > 0xffff) > max)
            return bad(w, "%s longer than %zu characters", what, max), -1;
        if (cp > 0xffff) {
            out[n++] = 0xd800 + ((cp - 0x10000) >> 10);
            out[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else
            out[n++] = cp;
    }
    return (long)n;
}

static uint32_t walk_values(struct walk *w, hive_node_h node)
{
    hive_value_h *vals = hivex_node_values(w->h, node);
    uint32_t err = 0;
    size_t i, len;
    hive_type t;
    char *key, *data;
    long n;

    if (!vals)
        return bad(w, "damaged value list");
    for (i = 0; !err && vals[i]; i++) {
        /* Each value has a cell of its own: more than fit are lists shared. */
        if (++w->values * VK_MIN > w->size)
            return free(vals), bad(w, "more values than the hive has room for");
        key = hivex_value_key(w->h, vals[i]);
        n = to_utf16(w, key, hivex_value_key_len(w->h, vals[i]), w->name, VALUE_MAX_CHARS, "value name");
        free(key);
        if (n < 0)
            err = CS_ERROR_INVALID_DATA;
        else if (!(data = hivex_value_value(w->h, vals[i], &t, &len)))
            err = bad(w, "value data unreadable");
        else {
            if ((w->data += len) > w->size || len > UINT32_MAX)
                err = bad(w, "more value data than the hive has room for");
            else if (w->fn) {
                cs_regrec r = { 'V', w->name, (uint32_t)n, (uint32_t)t, (uint32_t)len, (unsigned char *)data };
                err = w->fn(w->ctx, &r);
            }
            free(data);
        }
    }
    free(vals);
    return err;
}

/* A key name holding one would read as a path of several keys. */
static int has_backslash(const uint16_t *name, size_t n)
{
    while (n--)
        if (*name++ == '\\')
            return 1;
    return 0;
}

static uint32_t walk_key(struct walk *w, hive_node_h node, uint32_t path_len, unsigned depth)
{
    hive_node_h *kids;
    uint32_t err = 0, at;
    size_t i;
    char *name;
    long n;

    if (depth > DEPTH_MAX)
        return bad(w, "keys nested deeper than %u levels", DEPTH_MAX);
    if (node >= w->size || (w->seen[node / 64] >> (node / 8 % 8) & 1))
        return bad(w, "a key reached twice (subkey lists loop or share)");
    w->seen[node / 64] |= 1u << (node / 8 % 8);
    if (w->fn) {
        cs_regrec r = { 'K', w->path, path_len, 0, 0, NULL };
        if ((err = w->fn(w->ctx, &r)))
            return err;
    }
    if ((err = walk_values(w, node)))
        return err;
    if (!(kids = hivex_node_children(w->h, node)))
        return bad(w, "damaged subkey list");
    for (i = 0; !err && kids[i]; i++) {
        at = path_len + !!path_len;
        name = hivex_node_name(w->h, kids[i]);
        n = to_utf16(w, name, hivex_node_name_len(w->h, kids[i]), w->path + at, NAME_MAX_CHARS, "key name");
        free(name);
        if (n < 0)
            err = CS_ERROR_INVALID_DATA;
        else if (!n)
            err = bad(w, "key with an empty name");
        else if (at + n > PATH_MAX_CHARS)
            err = bad(w, "key path longer than %u characters", PATH_MAX_CHARS);
        else if (has_backslash(w->path + at, (size_t)n))
            err = bad(w, "key name with a backslash");
        else {
            if (path_len)
                w->path[path_len] = '\\';
            err = walk_key(w, kids[i], at + (uint32_t)n, depth + 1);
        }
    }
    free(kids);
    return err;
}

static uint32_t walk_once(hive_h *h, size_t size, cs_regrec_fn fn, void *ctx, struct walk *w)
{
    memset(w->seen, 0, size / 64 + 1);
    w->h = h;
    w->size = size;
    w->fn = fn;
    w->ctx = ctx;
    w->values = w->data = 0;
    return walk_key(w, hivex_root(h), 0, 1);
}

uint32_t cs_reghive_walk(const void *data, size_t size, cs_regrec_fn fn, void *ctx, char *why, size_t why_size)
{
    struct walk *w;
    uint32_t err;
    hive_h *h;

    if (why && why_size)
        why[0] = 0;
    /* Empty contents: the key did not exist when it was taken. */
    if (!size)
        return 0;
    /* Not calloc: the name buffers are 100 KiB, filled before they are read. */
    if (!(w = malloc(sizeof(*w))) || !(w->seen = malloc(size / 64 + 1))) {
        if (w)
            free(w);
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    w->why[0] = 0;
    if (!(h = cs_hive_open_mem(data, size, 0, w->why, sizeof(w->why))))
        err = CS_ERROR_INVALID_DATA;
    else {
        /* Whole first: nothing is handed to fn from a hive that is not. */
        err = walk_once(h, size, NULL, NULL, w);
        if (!err && fn)
            err = walk_once(h, size, fn, ctx, w);
        hivex_close(h);
    }
    if (why && why_size)
        snprintf(why, why_size, "%s", w->why);
    free(w->seen);
    free(w);
    return err;
}

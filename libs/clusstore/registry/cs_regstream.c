/* The registry checkpoint stream (docs/checkpoint-format.md, "WCREG1"):
 * every rule of its form, for the restore that checks a set before the
 * store changes and for the DLL that checks a stream whole before it
 * touches a key.  A push parser, so a restore checks a .CPT as it streams
 * past without holding it; the DLL hands it the whole stream at once and
 * gets each record back whole. */
#include "cs_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_CHARS  32767u  /* the registry's limit on a key path */
#define VALUE_MAX_CHARS 16383u  /* ... on a value name */
#define NAME_MAX_CHARS  255u    /* ... on one key name */

static const unsigned char magic[8] = "WCREG1\n";

enum { S_MAGIC, S_TAG, S_LEN, S_NAME, S_TYPE, S_SIZE, S_DATA, S_DONE, S_BAD };

struct cs_regstream {
    int       state;
    uint64_t  pos;              /* bytes taken so far, for the reasons given */
    unsigned  need, have;       /* of the fixed-size field being gathered */
    unsigned char field[8];
    int       tag;              /* 'K' or 'V' of the record being read */
    uint32_t  len, type;
    uint64_t  data_left;
    int       keys;             /* 'K' records so far */
    uint16_t  name[PATH_MAX_CHARS];
    uint32_t  prev_len;         /* the last 'K' path, for the order rule */
    uint16_t  prev[PATH_MAX_CHARS];
    char      why[128];
};

int cs_regstream_starts(const void *data, size_t size)
{
    return size >= sizeof(magic) && !memcmp(data, magic, sizeof(magic));
}

cs_regstream *cs_regstream_new(void)
{
    cs_regstream *p = malloc(sizeof(*p));

    if (p)
        cs_regstream_reset(p);
    return p;
}

void cs_regstream_reset(cs_regstream *p)
{
    p->state = S_MAGIC;
    p->pos = 0;
    p->need = sizeof(magic);
    p->have = 0;
    p->keys = 0;
    p->prev_len = 0;
    p->why[0] = 0;
}

void cs_regstream_free(cs_regstream *p)
{
    free(p);
}

const char *cs_regstream_why(const cs_regstream *p)
{
    return p->why;
}

static uint32_t bad(cs_regstream *p, const char *fmt, unsigned long long a)
{
    char what[96];

    snprintf(what, sizeof(what), fmt, a);
    snprintf(p->why, sizeof(p->why), "%s at byte %llu", what, (unsigned long long)p->pos);
    p->state = S_BAD;
    return CS_ERROR_INVALID_DATA;
}

static uint32_t le32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void expect(cs_regstream *p, int state, unsigned need)
{
    p->state = state;
    p->need = need;
    p->have = 0;
}

/* A path below the checkpointed key that names exactly one key there:
 * relative, no empty name (Wine's registry would fold "a\\b" into "a\b"),
 * no NUL (the Win32 calls would stop at it), no name over 255 characters.
 * "." and ".." are ordinary key names in Wine's registry and Windows'. */
static uint32_t check_path(cs_regstream *p)
{
    uint32_t i, start = 0;

    for (i = 0; i <= p->len; i++) {
        if (i < p->len && p->name[i] && p->name[i] != '\\')
            continue;
        if (i < p->len && !p->name[i])
            return bad(p, "key path with a NUL", 0);
        if (i == start)
            return bad(p, "key path with an empty name", 0);
        if (i - start > NAME_MAX_CHARS)
            return bad(p, "key name longer than %llu characters", NAME_MAX_CHARS);
        start = i + 1;
    }
    return 0;
}

/* Depth first, parent before children: the parent of each key is the last
 * key or one of its ancestors, so every key's parent came before it, and
 * the first key is the checkpointed key itself (""). */
static uint32_t check_order(cs_regstream *p)
{
    uint32_t parent = p->len;

    if (!p->keys)
        return p->len ? bad(p, "first key is not the checkpointed key itself", 0) : 0;
    if (!p->len)
        return bad(p, "the checkpointed key listed twice", 0);
    while (parent && p->name[parent - 1] != '\\')
        parent--;
    parent = parent ? parent - 1 : 0;
    if (parent > p->prev_len || memcmp(p->name, p->prev, parent * sizeof(uint16_t)) ||
        (parent && parent < p->prev_len && p->prev[parent] != '\\'))
        return bad(p, "key before its parent", 0);
    return 0;
}

static uint32_t name_done(cs_regstream *p, cs_regrec_fn fn, void *ctx)
{
    cs_regrec r;
    uint32_t err, i;

    if (p->tag == 'V') {
        for (i = 0; i < p->len; i++)
            if (!p->name[i])
                return bad(p, "value name with a NUL", 0);
        expect(p, S_TYPE, 4);
        return 0;
    }
    if ((p->len && (err = check_path(p))) || (err = check_order(p)))
        return err;
    p->keys++;
    memcpy(p->prev, p->name, p->len * sizeof(uint16_t));
    p->prev_len = p->len;
    expect(p, S_TAG, 1);
    if (!fn)
        return 0;
    memset(&r, 0, sizeof(r));
    r.tag = 'K';
    r.name = p->name;
    r.name_len = p->len;
    return fn(ctx, &r);
}

/* A fixed-size field is complete in p->field. */
static uint32_t field_done(cs_regstream *p)
{
    switch (p->state) {
    case S_MAGIC:
        if (memcmp(p->field, magic, sizeof(magic)))
            return bad(p, "not a registry checkpoint stream", 0);
        expect(p, S_TAG, 1);
        return 0;
    case S_TAG:
        p->tag = p->field[0];
        /* The first record is the checkpointed key itself, 'K' "". */
        if (p->tag == 'E' && p->keys)
            expect(p, S_DONE, 0);
        else if (p->tag == 'K' || (p->tag == 'V' && p->keys))
            expect(p, S_LEN, 4);
        else if (p->tag == 'E' || p->tag == 'V')
            return bad(p, "record 0x%02llx before the checkpointed key", p->field[0]);
        else
            return bad(p, "unknown record tag 0x%02llx", p->field[0]);
        return 0;
    case S_LEN:
        p->len = le32(p->field);
        if (p->len > (p->tag == 'K' ? PATH_MAX_CHARS : VALUE_MAX_CHARS))
            return bad(p, "name of %llu characters", p->len);
        expect(p, S_NAME, p->len * 2);
        return 0;
    case S_TYPE:
        p->type = le32(p->field);
        expect(p, S_SIZE, 4);
        return 0;
    default: /* S_SIZE */
        p->data_left = le32(p->field);
        expect(p, S_DATA, 0);
        return 0;
    }
}

/* With fn, a value's data must be all in this buffer (cs_regstream_walk). */
static uint32_t take(cs_regstream *p, const unsigned char *buf, size_t n, cs_regrec_fn fn, void *ctx)
{
    uint32_t err = 0;
    size_t k;

    while (n && !err) {
        switch (p->state) {
        case S_BAD:
            return CS_ERROR_INVALID_DATA;
        case S_DONE:
            return bad(p, "data after the end record", 0);
        case S_NAME:
            k = p->need - p->have < n ? p->need - p->have : n;
            memcpy((unsigned char *)p->name + p->have, buf, k);
            break;
        case S_DATA:
            k = p->data_left < n ? (size_t)p->data_left : n;
            if (fn && k == p->data_left) {
                cs_regrec r = { 'V', p->name, p->len, p->type, (uint32_t)k, buf };
                err = fn(ctx, &r);
            } else if (fn) {
                return bad(p, "value data cut short", 0);
            }
            p->data_left -= k;
            break;
        default:
            k = p->need - p->have < n ? p->need - p->have : n;
            memcpy(p->field + p->have, buf, k);
            break;
        }
        p->have += p->state == S_DATA ? 0 : (unsigned)k;
        p->pos += k;
        buf += k;
        n -= k;
        if (p->state == S_DATA && !p->data_left)
            expect(p, S_TAG, 1);
        else if (p->state == S_NAME && p->have == p->need)
            err = err ? err : name_done(p, fn, ctx);
        else if (p->state != S_DATA && p->state != S_NAME && p->have == p->need)
            err = err ? err : field_done(p);
        /* A record with no bytes left to read completes now, not at the next byte. */
        while (!err && ((p->state == S_NAME && !p->need) || (p->state == S_DATA && !p->data_left))) {
            if (p->state == S_NAME)
                err = name_done(p, fn, ctx);
            else {
                if (fn) {
                    cs_regrec r = { 'V', p->name, p->len, p->type, 0, buf };
                    err = fn(ctx, &r);
                }
                expect(p, S_TAG, 1);
            }
        }
    }
    return err;
}

uint32_t cs_regstream_feed(cs_regstream *p, const void *buf, size_t n)
{
    return take(p, buf, n, NULL, NULL);
}

uint32_t cs_regstream_end(cs_regstream *p)
{
    if (p->state == S_BAD)
        return CS_ERROR_INVALID_DATA;
    /* An empty stream: the key did not exist when it was taken. */
    if (p->state == S_DONE || (p->state == S_MAGIC && !p->pos))
        return 0;
    return bad(p, "stream cut short", 0);
}

uint32_t cs_regstream_walk(const void *data, size_t size, cs_regrec_fn fn, void *ctx, char *why, size_t why_size)
{
    cs_regstream *p = cs_regstream_new();
    uint32_t err;

    if (!p)
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    /* Whole first: nothing is handed to fn from a stream that is not. */
    err = cs_regstream_feed(p, data, size);
    if (!err)
        err = cs_regstream_end(p);
    if (!err && fn) {
        cs_regstream_reset(p);
        err = take(p, data, size, fn, ctx);
    }
    if (why && why_size)
        snprintf(why, why_size, "%s", p->why);
    cs_regstream_free(p);
    return err;
}

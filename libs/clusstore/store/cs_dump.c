/* Writing the text dump of the whole database (docs/store-format.md). */
#include "cs_internal.h"
#include "cs_dumpfmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
    cs_write_fn wr;
    void       *ctx;
    char       *line;
    size_t      len, cap;
    uint32_t    crc;
    uint64_t    lines;
    int         started; /* bytes reached the writer: no retry possible */
};

static uint32_t grow(cs_store *s, struct out *o, size_t n)
{
    size_t cap = (o->len + n + 1) * 2;
    char *q = realloc(o->line, cap);

    if (!q)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    o->line = q;
    o->cap = cap;
    return 0;
}

static uint32_t put(cs_store *s, struct out *o, const char *p, size_t n)
{
    uint32_t err;

    if (o->len + n + 1 > o->cap && (err = grow(s, o, n)))
        return err;
    memcpy(o->line + o->len, p, n);
    o->len += n;
    return 0;
}

/* Text fields escaped (cs__dump_escape): a line is one record and a TAB
 * always separates fields. */
static uint32_t put_text(cs_store *s, struct out *o, const unsigned char *t)
{
    size_t n = t ? strlen((const char *)t) : 0;
    uint32_t err;

    if (!n)
        return 0;
    /* Room for the escaped form, then only what it took. */
    if (o->len + 3 * n + 1 > o->cap && (err = grow(s, o, 3 * n + 1)))
        return err;
    cs__dump_escape((const char *)t, o->line + o->len);
    o->len += strlen(o->line + o->len);
    return 0;
}

static uint32_t put_hex(cs_store *s, struct out *o, const unsigned char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    uint32_t err = 0;
    size_t i;

    for (i = 0; i < n && !err; i++) {
        char pair[2] = { hex[p[i] >> 4], hex[p[i] & 15] };
        err = put(s, o, pair, 2);
    }
    return err;
}

static uint32_t flush_line(cs_store *s, struct out *o, int counted)
{
    uint32_t err = put(s, o, "\n", 1);

    if (err)
        return err;
    if (counted) {
        o->crc = cs__crc32(o->crc, o->line, o->len);
        o->lines++;
    }
    o->started = 1;
    err = o->wr(o->ctx, o->line, o->len);
    o->len = 0;
    if (err && !s->err[0])
        cs__fail(s, err, "dump writer failed");
    return err;
}

static uint32_t dump_table(cs_store *s, struct out *o, const struct cs__dump_table *t)
{
    sqlite3_stmt *st;
    char num[32];
    uint32_t err;
    int row, i;

    if ((err = cs__prep(s, &st, t->select, "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        err = put(s, o, t->tag, strlen(t->tag));
        for (i = 0; !err && t->types[i]; i++) {
            if ((err = put(s, o, "\t", 1)))
                break;
            switch (t->types[i]) {
            case 'i':
                snprintf(num, sizeof(num), "%lld", (long long)sqlite3_column_int64(st, i));
                err = put(s, o, num, strlen(num));
                break;
            case 'x':
                err = put_hex(s, o, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
                break;
            default:
                err = put_text(s, o, sqlite3_column_text(st, i));
            }
        }
        if (err || (err = flush_line(s, o, 1)))
            break;
    }
    cs__done(s, st);
    return err;
}

static uint32_t dump_fn(cs_store *s, void *arg)
{
    struct out *o = arg;
    sqlite3_stmt *st;
    char head[128];
    uint32_t err;
    size_t i;
    int row;

    o->len = 0;
    o->crc = 0;
    o->lines = 0;
    if ((err = cs__prep(s, &st, "SELECT log_seq FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    snprintf(head, sizeof(head), "%s\t%d\t%lld\t%d", CS_DUMP_MAGIC, CS_DUMP_FORMAT_VERSION,
             row ? (long long)sqlite3_column_int64(st, 0) : 0LL, CS_SCHEMA_VERSION);
    cs__done(s, st);
    if (err || (err = put(s, o, head, strlen(head))) || (err = flush_line(s, o, 1)))
        return err;
    for (i = 0; i < cs__dump_ntables && !err; i++)
        if (CS__DUMP_HAS(&cs__dump_tables[i], CS_DUMP_FORMAT_VERSION))
            err = dump_table(s, o, &cs__dump_tables[i]);
    if (err)
        return err == CS_RETRY && o->started ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during dump") : err;
    snprintf(head, sizeof(head), "end\t%llu\t%08x", (unsigned long long)o->lines, o->crc);
    if ((err = put(s, o, head, strlen(head))))
        return err;
    return flush_line(s, o, 0);
}

uint32_t cs_snapshot_dump(cs_store *s, cs_write_fn wr, void *ctx)
{
    struct out o;
    uint32_t err;

    if (!wr)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no writer");
    memset(&o, 0, sizeof(o));
    o.wr = wr;
    o.ctx = ctx;
    err = cs__read(s, dump_fn, &o);
    free(o.line);
    return err;
}

static uint32_t file_write(void *ctx, const void *buf, size_t n)
{
    return fwrite(buf, 1, n, ctx) == n ? 0 : CS_ERROR_DISK_FULL;
}

uint32_t cs_snapshot_dump_file(cs_store *s, FILE *f)
{
    if (!f)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no file");
    return cs_snapshot_dump(s, file_write, f);
}

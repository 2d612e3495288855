/* Reading the text dump: its lines become the rows cs_loadrows.c loads. */
#include "cs_internal.h"
#include "cs_dumpfmt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A longer line cannot come from cs_snapshot_dump of a sane database. */
#define CS_LINE_MAX (64u << 20)
#define CS_MAX_FIELDS 16

struct in {
    cs_read_fn rd;
    void      *ctx;
    char      *buf;
    size_t     len, cap, pos;
    int        eof;
    uint64_t   lineno;
    uint32_t   crc;
    unsigned   flags;
};

static const char *line_of(const struct in *r, char where[48])
{
    snprintf(where, 48, "dump line %llu", (unsigned long long)r->lineno);
    return where;
}

static uint32_t corrupt(cs_store *s, struct in *r, const char *why)
{
    char where[48];

    return cs__load_bad(s, line_of(r, where), why);
}

/* Next line without its '\n' (NUL-terminated in place), NULL at clean EOF. */
static uint32_t next_line(cs_store *s, struct in *r, char **line, size_t *n)
{
    char *nl;

    *line = NULL;
    for (;;) {
        nl = r->len > r->pos ? memchr(r->buf + r->pos, '\n', r->len - r->pos) : NULL;
        if (nl) {
            *line = r->buf + r->pos;
            *n = (size_t)(nl - *line);
            *nl = 0;
            r->pos += *n + 1;
            r->lineno++;
            return 0;
        }
        if (r->eof) {
            if (r->len > r->pos) {
                r->lineno++;
                return corrupt(s, r, "truncated (no newline at the end)");
            }
            return 0;
        }
        if (r->pos) {
            memmove(r->buf, r->buf + r->pos, r->len - r->pos);
            r->len -= r->pos;
            r->pos = 0;
        }
        if (r->len + 65536 > r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 131072;
            char *p;
            if (cap > CS_LINE_MAX + 131072u)
                return corrupt(s, r, "line too long");
            if (!(p = realloc(r->buf, cap)))
                return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
            r->buf = p;
            r->cap = cap;
        }
        {
            size_t got = 0;
            uint32_t err = r->rd(r->ctx, r->buf + r->len, r->cap - r->len, &got);
            if (err)
                return cs__fail(s, err, "reading the dump failed (error %u)", err);
            if (got > r->cap - r->len)
                return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "dump reader returned too much");
            r->len += got;
            r->eof = got == 0;
        }
    }
}

static int split(char *line, char **f, int max)
{
    int n = 0;

    for (;;) {
        if (n == max)
            return -1;
        f[n++] = line;
        line = strchr(line, '\t');
        if (!line)
            return n;
        *line++ = 0;
    }
}

int cs__dump_parse_int(const char *t, int64_t *v)
{
    char *end;

    if (!t[0] || (t[0] == '0' && t[1]) || (t[0] == '-' && (t[1] == '0' || !t[1])))
        return 0; /* one spelling per number keeps dumps canonical */
    errno = 0;
    *v = strtoll(t, &end, 10);
    return !errno && !*end;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int cs__dump_unescape(char *t)
{
    char *w = t;

    for (; *t; t++) {
        if ((unsigned char)*t < 0x20 || *t == 0x7f)
            return 0;
        if (*t == '%') {
            int hi = hexval(t[1]), lo = hi < 0 ? -1 : hexval(t[2]);
            if (lo < 0 || (hi == 0 && lo == 0))
                return 0;
            *w++ = (char)(hi * 16 + lo);
            t += 2;
        } else
            *w++ = *t;
    }
    *w = 0;
    return 1;
}

static int unhex(char *t, size_t *n)
{
    size_t len = strlen(t), i;

    if (len % 2)
        return 0;
    for (i = 0; i < len / 2; i++) {
        int hi = hexval(t[2 * i]), lo = hexval(t[2 * i + 1]);
        if (hi < 0 || lo < 0 || (t[2 * i] >= 'A' && t[2 * i] <= 'F') || (t[2 * i + 1] >= 'A' && t[2 * i + 1] <= 'F'))
            return 0;
        t[i] = (char)(hi * 16 + lo);
    }
    *n = len / 2;
    return 1;
}

/* The fields of a line, decoded in place, become one row. */
static uint32_t insert_row(cs_store *s, struct in *r, const struct cs__dump_table *t, char **f, int nf)
{
    cs__field v[CS_MAX_FIELDS];
    char where[48];
    int i;

    if ((size_t)nf != strlen(t->types) + 1)
        return corrupt(s, r, "wrong number of fields");
    memset(v, 0, sizeof(v));
    for (i = 0; t->types[i]; i++) {
        char *x = f[i + 1];
        v[i].p = x;
        if (t->types[i] == 'i' ? !cs__dump_parse_int(x, &v[i].i)
            : t->types[i] == 'x' ? !unhex(x, &v[i].n)
            : t->types[i] != 'g' && !cs__dump_unescape(x))
            return corrupt(s, r, t->types[i] == 'i' ? "bad number" : t->types[i] == 'x' ? "bad hex value" : "bad text field");
    }
    return cs__load_row(s, line_of(r, where), t, v);
}

static uint32_t read_all(cs_store *s, struct in *r, int64_t *head_seq)
{
    char *line, *f[CS_MAX_FIELDS];
    size_t n, t = 0, i;
    uint64_t lines = 0;
    int64_t v;
    uint32_t err;
    int nf, version;

    if ((err = next_line(s, r, &line, &n)))
        return err;
    if (!line)
        return corrupt(s, r, "empty dump");
    r->crc = cs__crc32(0, line, n);
    r->crc = cs__crc32(r->crc, "\n", 1);
    lines = 1;
    nf = split(line, f, CS_MAX_FIELDS);
    if (nf != 4 || strcmp(f[0], CS_DUMP_MAGIC) || !cs__dump_parse_int(f[1], &v))
        return corrupt(s, r, "not a wineclus cluster database dump");
    if (v < 1 || v > CS_DUMP_FORMAT_VERSION)
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT,
                        "cluster database dump has format version %lld; this build reads versions 1 to %d",
                        (long long)v, CS_DUMP_FORMAT_VERSION);
    version = (int)v;
    if (!cs__dump_parse_int(f[2], head_seq) || !cs__dump_parse_int(f[3], &v))
        return corrupt(s, r, "bad header");
    for (;;) {
        if ((err = next_line(s, r, &line, &n)))
            return err;
        if (!line)
            return corrupt(s, r, "truncated (no end line)");
        if (!strncmp(line, "end\t", 4))
            break;
        r->crc = cs__crc32(r->crc, line, n);
        r->crc = cs__crc32(r->crc, "\n", 1);
        lines++;
        nf = split(line, f, CS_MAX_FIELDS);
        /* Tables come in a fixed order; a tag earlier than the current one is out of place. */
        for (i = t; i < cs__dump_ntables &&
                    (strcmp(cs__dump_tables[i].tag, f[0]) || !CS__DUMP_HAS(&cs__dump_tables[i], version)); i++)
            ;
        if (nf < 0 || i == cs__dump_ntables)
            return corrupt(s, r, "unknown or misplaced line");
        t = i;
        if ((err = insert_row(s, r, &cs__dump_tables[t], f, nf)))
            return err;
    }
    {
        char want[64];
        snprintf(want, sizeof(want), "end\t%llu\t%08x", (unsigned long long)lines, r->crc);
        if (strcmp(line, want))
            return corrupt(s, r, "line count or checksum does not match the contents");
    }
    if ((err = next_line(s, r, &line, &n)))
        return err;
    return line ? corrupt(s, r, "data after the end line") : 0;
}

static uint32_t load_fn(cs_store *s, void *arg)
{
    struct in *r = arg;
    int64_t seq = 0;
    uint32_t err;
    char where[48];

    if ((err = cs__load_wipe(s)))
        return err;
    if ((err = read_all(s, r, &seq)))
        return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during restore") : err;
    return cs__load_finish(s, line_of(r, where), seq, r->flags);
}

uint32_t cs__load_in_txn(cs_store *s, cs_read_fn rd, void *ctx, unsigned flags)
{
    struct in r;
    uint32_t err;

    if (!rd || (flags & ~CS_LOAD_EXACT))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no reader or unknown flags");
    memset(&r, 0, sizeof(r));
    r.rd = rd;
    r.ctx = ctx;
    r.flags = flags;
    /* The first bytes tell a hive (the backup's chk file) from a dump. */
    r.cap = 131072;
    if (!(r.buf = malloc(r.cap)))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    while (r.len < 4 && !r.eof) {
        size_t got = 0;
        if ((err = rd(ctx, r.buf + r.len, r.cap - r.len, &got))) {
            free(r.buf);
            return cs__fail(s, err, "reading the snapshot failed (error %u)", err);
        }
        r.len += got;
        r.eof = !got;
    }
    if (r.len >= 4 && !memcmp(r.buf, "regf", 4))
        return r.eof ? cs__hive_load_stream(s, (unsigned char *)r.buf, r.len, r.cap, NULL, NULL, flags)
                     : cs__hive_load_stream(s, (unsigned char *)r.buf, r.len, r.cap, rd, ctx, flags);
    err = load_fn(s, &r);
    free(r.buf);
    return err;
}

struct load_args { cs_read_fn rd; void *ctx; unsigned flags; };

static uint32_t load_txn(cs_store *s, void *arg)
{
    struct load_args *a = arg;
    return cs__load_in_txn(s, a->rd, a->ctx, a->flags);
}

uint32_t cs_snapshot_load(cs_store *s, cs_read_fn rd, void *ctx, unsigned flags)
{
    struct load_args a = { rd, ctx, flags };

    if (!rd || (flags & ~CS_LOAD_EXACT))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no reader or unknown flags");
    return cs__write(s, load_txn, &a);
}

static uint32_t file_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    *got = fread(buf, 1, cap, ctx);
    return *got == 0 && ferror((FILE *)ctx) ? CS_ERROR_INVALID_DATA : 0;
}

uint32_t cs_snapshot_load_file(cs_store *s, FILE *f, unsigned flags)
{
    if (!f)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no file");
    return cs_snapshot_load(s, file_read, f, flags);
}

/* Replacing the whole database from a text dump, all or nothing. */
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

static uint32_t corrupt(cs_store *s, struct in *r, const char *why)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "cluster database dump is damaged: line %llu: %s",
                    (unsigned long long)r->lineno, why);
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

static int parse_int(const char *t, int64_t *v)
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

/* In place: %XX -> byte.  Refuses raw control bytes and bad escapes. */
static int unescape(char *t)
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

/* Field i of table t holds text: it keeps the store's rule for strings, or
 * the set is refused naming the column and the value, escaped. */
static uint32_t check_text(cs_store *s, struct in *r, const struct cs__dump_table *t, int i, const char *x)
{
    char why[64], esc[CS_ESCAPE_MAX], msg[CS_ESCAPE_MAX + 160];
    const char *col = t->select + strlen("SELECT ");
    size_t min = 0, max = 0;
    int k;

    if (!cs__dump_text_bounds(t->types[i], &min, &max))
        return corrupt(s, r, "unknown field type");
    if (!cs__text_flaw(x, min, max, why, sizeof(why)))
        return 0;
    /* The column's name as the SELECT lists it. */
    for (k = 0; k < i; k++)
        col = strstr(col, ", ") + 2;
    cs__escape(esc, sizeof(esc), x);
    snprintf(msg, sizeof(msg), "%s %.*s \"%s\" %s", t->tag, (int)strcspn(col, ", "), col, esc, why);
    return corrupt(s, r, msg);
}

static uint32_t insert_row(cs_store *s, struct in *r, const struct cs__dump_table *t, char **f, int nf)
{
    char guid[CS_GUID_MAX];
    sqlite3_stmt *st;
    uint32_t err;
    int64_t v;
    size_t n;
    int i, rc = SQLITE_OK;

    if ((size_t)nf != strlen(t->types) + 1)
        return corrupt(s, r, "wrong number of fields");
    if ((err = cs__prep(s, &st, t->insert, "")))
        return err;
    for (i = 0; t->types[i]; i++) {
        char *x = f[i + 1];
        const char *bad = NULL;
        switch (t->types[i]) {
        case 'i':
            if (!parse_int(x, &v))
                bad = "bad number";
            else
                rc = sqlite3_bind_int64(st, i + 1, v);
            break;
        case 'x':
            if (!unhex(x, &n))
                bad = "bad hex value";
            else
                rc = sqlite3_bind_blob64(st, i + 1, x, n, SQLITE_TRANSIENT);
            break;
        case 'g':
            if (!cs__norm_guid(x, guid) || strcmp(guid, x))
                bad = "bad GUID";
            else
                rc = sqlite3_bind_text(st, i + 1, x, -1, SQLITE_TRANSIENT);
            break;
        default:
            if (!unescape(x))
                bad = "bad text field";
            else if ((err = check_text(s, r, t, i, x))) {
                cs__done(s, st);
                return err;
            } else
                rc = sqlite3_bind_text(st, i + 1, x, -1, SQLITE_TRANSIENT);
        }
        if (bad) {
            cs__done(s, st);
            return corrupt(s, r, bad);
        }
        if (rc != SQLITE_OK) {
            cs__done(s, st);
            return cs__sqlfail(s, rc, "bind restore");
        }
    }
    rc = sqlite3_step(st);
    cs__done(s, st);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        char why[256];
        snprintf(why, sizeof(why), "%s row breaks a rule (%s)", t->tag, sqlite3_errmsg(s->db));
        return corrupt(s, r, why);
    }
    if (rc != SQLITE_DONE) {
        err = cs__sqlfail(s, rc, "restore row");
        return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during restore") : err;
    }
    return 0;
}

/* Cross-row rules the schema does not enforce: each query names a breach. */
static const struct { const char *sql, *why; } rules[] = {
    { "SELECT (SELECT count(*) FROM cluster) <> 1", "not exactly one cluster line" },
    { "SELECT NOT EXISTS (SELECT 1 FROM node)", "no node" },
    { "SELECT NOT EXISTS (SELECT 1 FROM resource WHERE id = (SELECT quorum_resource FROM cluster))",
      "the quorum resource does not exist" },
    { "SELECT EXISTS (SELECT 1 FROM log WHERE seq > (SELECT log_seq FROM cluster))",
      "a log record is newer than the log sequence" },
    { "SELECT EXISTS (SELECT 1 FROM log_checkpoint WHERE seq > (SELECT log_seq FROM cluster))",
      "a checkpoint is newer than the log sequence" },
    { "SELECT EXISTS (SELECT 1 FROM cluster WHERE max_log_size < 32768 OR log_seq < 0 OR log_bytes < 0)",
      "bad cluster settings" },
    { "SELECT EXISTS (SELECT 1 FROM node WHERE id < 1)", "a node id below 1" },
    { "SELECT EXISTS (SELECT 1 FROM resource r JOIN grp g ON g.id = r.grp WHERE r.owner <> g.owner)",
      "a resource is not on its group's node" },
    { "SELECT EXISTS (SELECT 1 FROM dependency d JOIN resource a ON a.id = d.res JOIN resource b ON b.id = d.dep"
      " WHERE a.grp <> b.grp OR a.id = b.id)",
      "a dependency crosses groups" },
    { "WITH RECURSIVE up(start, id) AS (SELECT res, dep FROM dependency"
      " UNION SELECT up.start, d.dep FROM dependency d JOIN up ON d.res = up.id)"
      " SELECT EXISTS (SELECT 1 FROM up WHERE start = id)",
      "circular dependencies" },
    { "SELECT EXISTS (SELECT 1 FROM checkpoint WHERE key = '' OR substr(key, 1, 1) = '\\' OR generation < 1)",
      "bad checkpoint key" },
};

static uint32_t check_rules(cs_store *s, struct in *r)
{
    const char *why;
    sqlite3_stmt *st;
    uint32_t err;
    size_t i;
    int row;

    for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if ((err = cs__prep(s, &st, rules[i].sql, "")))
            return err;
        err = cs__step(s, st, &row);
        if (!err && row && sqlite3_column_int(st, 0))
            err = corrupt(s, r, rules[i].why);
        cs__done(s, st);
        if (err)
            return err;
    }
    if ((err = cs__prep(s, &st, "PRAGMA foreign_key_check", "")))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        return corrupt(s, r, "a row refers to a missing object");
    if (!err && !(err = cs__reg_check_rows(s, &why)) && why)
        err = corrupt(s, r, why);
    return err;
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
    if (nf != 4 || strcmp(f[0], CS_DUMP_MAGIC) || !parse_int(f[1], &v))
        return corrupt(s, r, "not a wineclus cluster database dump");
    if (v < 1 || v > CS_DUMP_FORMAT_VERSION)
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT,
                        "cluster database dump has format version %lld; this build reads versions 1 to %d",
                        (long long)v, CS_DUMP_FORMAT_VERSION);
    version = (int)v;
    if (!parse_int(f[2], head_seq) || !parse_int(f[3], &v))
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
    static const char wipe[] = "DELETE FROM regval; DELETE FROM regkey; DELETE FROM netif; DELETE FROM network; DELETE FROM dependency; DELETE FROM checkpoint;"
                               " DELETE FROM resource; DELETE FROM grp; DELETE FROM node; DELETE FROM restype;"
                               " DELETE FROM log; DELETE FROM log_checkpoint; DELETE FROM cluster;";
    struct in *r = arg;
    int64_t seq = 0;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (sqlite3_exec(s->db, wipe, NULL, NULL, NULL) != SQLITE_OK)
        return cs__sqlfail(s, sqlite3_errcode(s->db), "clear for restore");
    if ((err = read_all(s, r, &seq)) || (err = check_rules(s, r)))
        return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during restore") : err;
    if ((err = cs__prep(s, &st, "SELECT log_seq FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err && sqlite3_column_int64(st, 0) != seq)
        err = corrupt(s, r, "header log sequence differs from the cluster's");
    cs__done(s, st);
    /* Captured contents survive for checkpoints the dump still lists. */
    if (err || (err = cs__exec(s,
                               "DELETE FROM ckpt_data WHERE NOT EXISTS (SELECT 1 FROM checkpoint k WHERE k.res ="
                               " ckpt_data.res AND k.kind = ckpt_data.kind AND k.key = ckpt_data.key)",
                               "")))
        return err;
    if (r->flags & CS_LOAD_EXACT)
        return 0;
    /* New generation: nodes re-apply every checkpoint after a restore. */
    if ((err = cs__exec(s, "UPDATE checkpoint SET generation = generation + 1", "")) ||
        (err = cs__prep(s, &st, "SELECT id FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err)
        err = cs__log(s, "restore", (const char *)sqlite3_column_text(st, 0), "database restored from log sequence %lld",
                      (long long)seq);
    cs__done(s, st);
    return err;
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

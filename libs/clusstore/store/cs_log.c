/* The quorum log: one record per committed change, checkpointed by size. */
#include "cs_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Per-record overhead counted against MaxQuorumLogSize, standing in for the
 * fixed header a record has in quolog.log. */
#define CS_LOG_RECORD_OVERHEAD 32

uint32_t cs__log_seq(cs_store *s, uint64_t *seq)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT log_seq FROM cluster", "")))
        return err;
    if (!(err = cs__step(s, st, &row)))
        *seq = row ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    cs__done(s, st);
    return err;
}

uint32_t cs__checkpoint(cs_store *s)
{
    uint64_t seq = 0;
    uint32_t err;

    /* One checkpoint is kept, as the Server 2003 quorum keeps one chk*.tmp;
     * the records a watcher has still to read stay (cs_watch.c). */
    if ((err = cs__exec(s, "DELETE FROM log_checkpoint", "")) ||
        (err = cs__exec(s, "INSERT INTO log_checkpoint SELECT log_seq, ? FROM cluster", "i", cs__now())) ||
        (err = cs__log_seq(s, &seq)) ||
        (err = cs__exec(s, "DELETE FROM log WHERE seq <= ?", "i", (int64_t)cs__events_keep(s, seq))))
        return err;
    return cs__exec(s, "UPDATE cluster SET log_bytes = 0", "");
}

uint32_t cs__log(cs_store *s, const char *op, const char *object, const char *fmt, ...)
{
    char detail[CS_TEXT_MAX];
    sqlite3_stmt *st;
    int64_t seq, bytes, max, size;
    uint32_t err;
    va_list ap;
    int row;

    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    cs__utf8_cut(detail);
    if ((err = cs__prep(s, &st, "SELECT log_seq, log_bytes, max_log_size FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "cluster row missing");
    seq = row ? sqlite3_column_int64(st, 0) + 1 : 0;
    bytes = row ? sqlite3_column_int64(st, 1) : 0;
    max = row ? sqlite3_column_int64(st, 2) : 0;
    cs__done(s, st);
    if (err)
        return err;
    size = CS_LOG_RECORD_OVERHEAD + (int64_t)(strlen(op) + strlen(object) + strlen(detail));
    if ((err = cs__exec(s, "INSERT INTO log VALUES(?, ?, ?, ?, ?)", "iittt", seq, cs__now(), op, object, detail)) ||
        (err = cs__exec(s, "UPDATE cluster SET log_seq = ?, log_bytes = ?", "ii", seq, bytes + size)))
        return err;
    return bytes + size > max ? cs__checkpoint(s) : 0;
}

uint32_t cs__log_each(cs_store *s, uint64_t since, cs__log_each_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    cs_log_record rec;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT seq, time, op, object, detail FROM log WHERE seq > ? ORDER BY seq", "i",
                        (int64_t)since)))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        rec.seq = (uint64_t)sqlite3_column_int64(st, 0);
        rec.time = sqlite3_column_int64(st, 1);
        rec.op = (const char *)sqlite3_column_text(st, 2);
        rec.object_id = (const char *)sqlite3_column_text(st, 3);
        rec.detail = (const char *)sqlite3_column_text(st, 4);
        if ((err = fn(ctx, &rec)))
            break;
    }
    cs__done(s, st);
    return err == CS__LOG_STOP ? 0 : err;
}

struct list_args { uint64_t since; cs_log_fn fn; void *ctx; };

static uint32_t list_record(void *ctx, const cs_log_record *rec)
{
    struct list_args *a = ctx;
    return a->fn(a->ctx, rec) ? CS__LOG_STOP : 0;
}

static uint32_t list_fn(cs_store *s, void *arg)
{
    struct list_args *a = arg;
    return cs__log_each(s, a->since, list_record, a);
}

uint32_t cs_log_list(cs_store *s, uint64_t since_seq, cs_log_fn fn, void *ctx)
{
    struct list_args a = { since_seq, fn, ctx };

    if (!fn)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no callback");
    return cs__read(s, list_fn, &a);
}

static uint32_t checkpoint_fn(cs_store *s, void *arg)
{
    (void)arg;
    return cs__checkpoint(s);
}

uint32_t cs_log_checkpoint_now(cs_store *s)
{
    return cs__write(s, checkpoint_fn, NULL);
}

struct append_args { const char *op, *object, *detail; };

static uint32_t append_fn(cs_store *s, void *arg)
{
    struct append_args *a = arg;
    return cs__log(s, a->op, a->object, "%s", a->detail);
}

uint32_t cs_log_append(cs_store *s, const char *op, const char *object_id, const char *detail)
{
    struct append_args a = { op, object_id ? object_id : "", detail ? detail : "" };
    uint32_t err;

    /* A detail longer than a record holds is cut, as cs__log cuts its own. */
    if ((err = cs__check_text(s, "log operation", op, 1, CS_NAME_MAX - 1)) ||
        (err = cs__check_text(s, "log object", a.object, 0, CS_NAME_MAX - 1)) ||
        (err = cs__check_text(s, "log detail", a.detail, 0, SIZE_MAX - 1)))
        return err;
    return cs__write(s, append_fn, &a);
}

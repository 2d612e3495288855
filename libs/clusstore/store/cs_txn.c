/* Transactions with retry, so SQLITE_BUSY never reaches a caller.
 *
 * busy_timeout covers most waits; the loop here covers what it cannot:
 * BUSY from BEGIN IMMEDIATE after the timeout, SQLITE_LOCKED, and BUSY in
 * the middle of a read transaction (WAL recovery by another process). */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <stdlib.h>
#include <time.h>

/* A writer waiting this long means something is wedged; report it. */
#define CS_RETRY_LIMIT_MS (10 * 60 * 1000)

static void backoff(unsigned attempt, unsigned *waited_ms)
{
    unsigned ms = 1u + (unsigned)(rand() % 8) + (attempt < 6 ? attempt * 2u : 12u);
    struct timespec ts = { 0, (long)ms * 1000000L };

    nanosleep(&ts, NULL);
    *waited_ms += ms;
}

static void rollback(cs_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static uint32_t run(cs_store *s, const char *begin, cs__txfn fn, void *arg)
{
    unsigned attempt, waited = 0;
    uint32_t err;
    int rc;

    for (attempt = 0;; attempt++) {
        if (waited > CS_RETRY_LIMIT_MS)
            return cs__fail(s, CS_ERROR_BUSY, "cluster database stayed locked for %u s", waited / 1000);
        rc = sqlite3_exec(s->db, begin, NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            err = cs__sqlfail(s, rc, "begin transaction");
            if (err == CS_RETRY) {
                backoff(attempt, &waited);
                continue;
            }
            return err;
        }
        err = fn(s, arg);
        if (err == CS_RETRY) {
            rollback(s);
            backoff(attempt, &waited);
            continue;
        }
        if (err) {
            rollback(s);
            return err;
        }
        for (;;) {
            rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
            if (rc == SQLITE_OK)
                return 0;
            err = cs__sqlfail(s, rc, "commit");
            if (err != CS_RETRY || waited > CS_RETRY_LIMIT_MS)
                break;
            /* COMMIT that fails with BUSY leaves the transaction open: retry it. */
            backoff(attempt, &waited);
        }
        rollback(s);
        if (err == CS_RETRY)
            err = cs__fail(s, CS_ERROR_BUSY, "commit: cluster database stayed locked");
        return err;
    }
}

uint32_t cs__write(cs_store *s, cs__txfn fn, void *arg)
{
    uint32_t err;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    if (!s->db)
        return CS_ERROR_INVALID_HANDLE; /* keeps the open failure in cs_errmsg */
    cs__clear(s);
    if (s->in_snapshot)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "a snapshot is open on this store: end it before changing the cluster");
    if ((err = cs__share(s)))
        return err;
    err = s->rep ? cs__replica_write(s, fn, arg, run) : run(s, "BEGIN IMMEDIATE", fn, arg);
    cs__unshare(s);
    if (!err) {
        cs__events_touch(s);
        cs__blobs_collect(s, 0);
    }
    return err;
}

uint32_t cs__read(cs_store *s, cs__txfn fn, void *arg)
{
    uint32_t err;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    if (!s->db)
        return CS_ERROR_INVALID_HANDLE; /* keeps the open failure in cs_errmsg */
    cs__clear(s);
    if (!s->in_snapshot) {
        if ((err = cs__sync(s)) || (err = cs__share(s)))
            return err;
        err = run(s, "BEGIN", fn, arg);
        cs__unshare(s);
        return err;
    }
    /* Inside a snapshot the read transaction is the caller's: no retry. */
    err = fn(s, arg);
    if (err == CS_RETRY)
        err = cs__fail(s, CS_ERROR_BUSY, "cluster database busy during snapshot");
    return err;
}

uint32_t cs__sync(cs_store *s)
{
    return s->rep ? cs__replica_catch_up(s, run) : 0;
}

/* data_version moves when another connection (this process's or another's)
 * committed; total_changes counts the rows this one wrote, rolled back or
 * not, so a stamp may move for nothing but never stays for a change. */
uint64_t cs_store_stamp(cs_store *s)
{
    sqlite3_stmt *st;
    uint64_t v = 0;
    int row = 0;

    if (!s || !s->db || cs__prep(s, &st, "PRAGMA data_version", ""))
        return 0;
    if (!cs__step(s, st, &row) && row)
        v = (uint64_t)sqlite3_column_int64(st, 0);
    cs__done(s, st);
    return row ? (v << 40) + (uint64_t)sqlite3_total_changes64(s->db) + 1 : 0;
}


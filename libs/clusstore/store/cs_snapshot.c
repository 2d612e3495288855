/* Snapshot: one read transaction spanning many calls, for the backup writer. */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <unistd.h>

uint32_t cs_snapshot_begin(cs_store *s)
{
    unsigned tries;
    uint32_t err;
    int rc;

    if (!s || !s->db)
        return CS_ERROR_INVALID_HANDLE;
    cs__clear(s);
    if (s->in_snapshot)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "a snapshot is already open on this store");
    /* Held until the end: the contents files the snapshot's rows name stay. */
    if ((err = cs__sync(s)) || (err = cs__share(s)))
        return err;
    /* BEGIN is lazy: the first read pins the snapshot, so read now. */
    for (tries = 0; tries < 12000; tries++) {
        rc = sqlite3_exec(s->db, "BEGIN; SELECT log_seq FROM cluster", NULL, NULL, NULL);
        if (rc == SQLITE_OK) {
            s->in_snapshot = 1;
            return 0;
        }
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        if (cs__sqlfail(s, rc, "begin snapshot") != CS_RETRY) {
            cs__unshare(s);
            return cs__sqlfail(s, rc, "begin snapshot");
        }
        usleep(5000);
    }
    cs__unshare(s);
    return cs__fail(s, CS_ERROR_BUSY, "cluster database stayed locked");
}

uint32_t cs_snapshot_end(cs_store *s)
{
    if (!s || !s->db)
        return CS_ERROR_INVALID_HANDLE;
    cs__clear(s);
    if (!s->in_snapshot)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "no snapshot is open on this store");
    s->in_snapshot = 0;
    /* A read transaction has nothing to commit; ROLLBACK cannot fail on BUSY. */
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    cs__unshare(s);
    return 0;
}

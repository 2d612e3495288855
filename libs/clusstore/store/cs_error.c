/* Error detail text and the SQLite -> Windows error mapping. */
#include "cs_internal.h"

#include <stdarg.h>
#include <stdio.h>

uint32_t cs__fail(cs_store *s, uint32_t code, const char *fmt, ...)
{
    va_list ap;

    if (!s)
        return code;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof(s->err), fmt, ap);
    va_end(ap);
    return code;
}

/* For calls that only read: sqlite3_blob_open reports a page it could not
 * read as plain SQLITE_IOERR, without the extended code. */
uint32_t cs__sqlfail_reading(cs_store *s, int rc, const char *what)
{
    int ext = s && s->db ? sqlite3_extended_errcode(s->db) : rc;

    if (((rc & 0xff) == SQLITE_IOERR || (ext & 0xff) == SQLITE_IOERR) && rc != SQLITE_IOERR_NOMEM &&
        ext != SQLITE_IOERR_NOMEM)
        return cs__fail(s, 30u /* ERROR_READ_FAULT */, "%s: cannot read the cluster database (%s)", what,
                        s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
    return cs__sqlfail(s, rc, what);
}

uint32_t cs__sqlfail(cs_store *s, int rc, const char *what)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);

    /* The extended code tells a failing disk's reads from its writes. */
    if (s && s->db && (rc & 0xff) == SQLITE_IOERR)
        rc = sqlite3_extended_errcode(s->db);
    switch (rc) {
    case SQLITE_IOERR_READ:
    case SQLITE_IOERR_SHORT_READ:
        return cs__fail(s, 30u /* ERROR_READ_FAULT */, "%s: cannot read the cluster database (%s)", what, msg);
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC:
    case SQLITE_IOERR_TRUNCATE:
        return cs__fail(s, 29u /* ERROR_WRITE_FAULT */, "%s: cannot write the cluster database (%s)", what, msg);
    case SQLITE_IOERR_NOMEM:
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "%s: out of memory", what);
    }
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        /* Retried by the transaction runner; never shown to callers. */
        return CS_RETRY;
    case SQLITE_NOMEM:
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "%s: out of memory", what);
    case SQLITE_FULL:
        return cs__fail(s, CS_ERROR_DISK_FULL, "%s: disk full (%s)", what, msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s: cluster database is damaged (%s)", what, msg);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "%s: %s", what, msg);
    case SQLITE_CANTOPEN:
        return cs__fail(s, CS_ERROR_PATH_NOT_FOUND, "%s: %s", what, msg);
    default:
        return cs__fail(s, CS_ERROR_DATABASE_FAILURE, "%s: %s", what, msg);
    }
}

void cs__clear(cs_store *s)
{
    if (s)
        s->err[0] = 0;
}

const char *cs_errmsg(const cs_store *s)
{
    return s ? s->err : "no store";
}

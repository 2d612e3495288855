/* See faultvfs.h.  Every method forwards to the real VFS's file; only
 * xRead, xWrite, xTruncate and xSync consult the plan. */
#include "faultvfs.h"

#include <sqlite3.h>
#include <string.h>

typedef struct fv_file {
    sqlite3_file  base;
    sqlite3_file *real;   /* follows this struct in the same allocation */
} fv_file;

static sqlite3_vfs vfs, *under;
static unsigned counts[FV_OPS], plan_nth;
static int plan_op = -1, plan_rc, plan_sticky, fired;

void fv_plan(int op, unsigned nth, int rc, int sticky)
{
    memset(counts, 0, sizeof(counts));
    plan_op = nth ? op : -1;
    plan_nth = nth;
    plan_rc = rc;
    plan_sticky = sticky;
    fired = 0;
}

unsigned fv_count(int op)
{
    return counts[op];
}

int fv_fired(void)
{
    return fired;
}

static int fault(int op)
{
    unsigned n = ++counts[op];

    if (op != plan_op || (n != plan_nth && !(plan_sticky && n > plan_nth)))
        return SQLITE_OK;
    fired = 1;
    return plan_rc;
}

#define REAL(f) (((fv_file *)(f))->real)

static int x_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }

static int x_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    int rc = fault(FV_READ);
    return rc ? rc : REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int x_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    int rc = fault(FV_WRITE);
    return rc ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int x_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    int rc = fault(FV_WRITE);
    return rc ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int x_sync(sqlite3_file *f, int flags)
{
    int rc = fault(FV_SYNC);
    return rc ? rc : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int x_size(sqlite3_file *f, sqlite3_int64 *size) { return REAL(f)->pMethods->xFileSize(REAL(f), size); }
static int x_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int x_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int x_check(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int x_fctl(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int x_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int x_dev(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int x_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}
static int x_shm_lock(sqlite3_file *f, int off, int n, int flags) { return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags); }
static void x_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int x_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }
static int x_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), off, n, p); }
static int x_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), off, p); }

static const sqlite3_io_methods methods = {
    3, x_close, x_read, x_write, x_truncate, x_sync, x_size, x_lock, x_unlock, x_check, x_fctl, x_sector, x_dev,
    x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch, x_unfetch,
};

static int x_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    fv_file *ff = (fv_file *)f;
    int rc;

    (void)v;
    ff->real = (sqlite3_file *)(ff + 1);
    rc = under->xOpen(under, name, ff->real, flags, out);
    /* The real file has no methods when its open failed: then neither do we. */
    f->pMethods = rc == SQLITE_OK && ff->real->pMethods ? &methods : NULL;
    return rc;
}

static int x_delete(sqlite3_vfs *v, const char *n, int sync) { (void)v; return under->xDelete(under, n, sync); }
static int x_access(sqlite3_vfs *v, const char *n, int fl, int *out) { (void)v; return under->xAccess(under, n, fl, out); }
static int x_full(sqlite3_vfs *v, const char *n, int len, char *out) { (void)v; return under->xFullPathname(under, n, len, out); }
static void *x_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return under->xDlOpen(under, n); }
static void x_dlerror(sqlite3_vfs *v, int n, char *msg) { (void)v; under->xDlError(under, n, msg); }
static void (*x_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return under->xDlSym(under, h, s); }
static void x_dlclose(sqlite3_vfs *v, void *h) { (void)v; under->xDlClose(under, h); }
static int x_random(sqlite3_vfs *v, int n, char *out) { (void)v; return under->xRandomness(under, n, out); }
static int x_sleep(sqlite3_vfs *v, int us) { (void)v; return under->xSleep(under, us); }
static int x_time(sqlite3_vfs *v, double *t) { (void)v; return under->xCurrentTime(under, t); }
static int x_lasterr(sqlite3_vfs *v, int n, char *s) { (void)v; return under->xGetLastError(under, n, s); }
static int x_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return under->xCurrentTimeInt64(under, t); }

void fv_install(void)
{
    if (under)
        return;
    under = sqlite3_vfs_find(NULL);
    vfs = *under;
    vfs.zName = "stressfault";
    vfs.szOsFile = (int)sizeof(fv_file) + under->szOsFile;
    vfs.pNext = NULL;
    vfs.xOpen = x_open;
    vfs.xDelete = x_delete;
    vfs.xAccess = x_access;
    vfs.xFullPathname = x_full;
    vfs.xDlOpen = x_dlopen;
    vfs.xDlError = x_dlerror;
    vfs.xDlSym = x_dlsym;
    vfs.xDlClose = x_dlclose;
    vfs.xRandomness = x_random;
    vfs.xSleep = x_sleep;
    vfs.xCurrentTime = x_time;
    vfs.xGetLastError = x_lasterr;
    vfs.xCurrentTimeInt64 = x_time64;
    /* Version 3's system-call hooks are the real VFS's business. */
    vfs.iVersion = 2;
    sqlite3_vfs_register(&vfs, 1);
}

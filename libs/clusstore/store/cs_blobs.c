/* Checkpoint contents live in files beside cluster.db, contents/<SHA-256
 * in hex>, never changed once named; a ckpt_data row names its contents by
 * digest.  SQLite then carries only small rows: a capture or a restore
 * writes each content once, as a file, not through SQLite's pages, its WAL
 * and the WAL's copy back (docs/store-format.md, "Contents").
 *
 * Three rules keep rows and files in step:
 * - a row names only a file that is whole and durable: contents are written
 *   under contents/tmp/, made durable, listed in ckpt_pending, renamed to
 *   their digest, and only then does a transaction name them (cs__stage_*);
 * - a file no row names is listed in ckpt_pending, by the stage before its
 *   rename or by the schema's triggers when a row lets go of it, so that a
 *   crash at any point leaves nothing the collector cannot find;
 * - every transaction of every process holds contents/.lock shared; the
 *   collector removes files only while it holds the lock exclusively, so
 *   no one is between reading a row and opening its file, and no one is
 *   about to name a file it found already there.
 *
 * Files no row names are moved to contents/free/ for the next contents to
 * be written over, rather than removed, as PostgreSQL recycles its WAL
 * segments: a restore that changes every checkpoint frees as many files
 * as it writes.  Removing and creating them cost it twice over: on ext4
 * without a journal each new inode is first checked against every inode
 * freed in the last minutes (CPU time growing with the square of the
 * files: half of a 10 000-file restore), and freeing the blocks of a
 * gigabyte only to allocate a gigabyte again took 1.5 s of its 3.7.  A
 * registry capture keeps its blocks in free/ while the pool holds less
 * than the live contents (so the store takes at most twice its contents,
 * as SQLite's free pages did); crypto contents, and copies no row ever
 * named, are emptied first: a deleted key does not linger. */
#define _GNU_SOURCE
#include "cs_internal.h"
#include "fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define CS_CONTENTS "contents"
#define CS_CHUNK    (256 * 1024)
/* Files kept in free/ for reuse, at most. */
#define CS_POOL_MAX 16384

void cs__sha_hex(const unsigned char sha[CS_SHA_LEN], char out[2 * CS_SHA_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = 0; i < CS_SHA_LEN; i++) {
        out[2 * i] = digits[sha[i] >> 4];
        out[2 * i + 1] = digits[sha[i] & 15];
    }
    out[2 * CS_SHA_LEN] = 0;
}

static uint32_t io_fail(cs_store *s, int e, int writing, const char *what, const char *name)
{
    return cs__fail(s, fsio_winerr(e, writing), "%s %s/" CS_CONTENTS "/%s: %s", what, s->dir, name, strerror(e));
}

uint32_t cs__blobs_open(cs_store *s)
{
    uint32_t err = cs__dir_open(s, s->dir_fd, "", CS_CONTENTS, 1, &s->contents_fd);

    if (!err)
        err = cs__dir_open(s, s->contents_fd, CS_CONTENTS, "tmp", 1, &s->tmp_fd);
    if (!err)
        err = cs__dir_open(s, s->contents_fd, CS_CONTENTS, "free", 1, &s->free_fd);
    if (!err)
        err = cs__file_open(s, s->contents_fd, CS_CONTENTS, ".lock", O_RDWR | O_CREAT, &s->lock_fd);
    return err;
}

void cs__blobs_close(cs_store *s)
{
    if (s->lock_fd >= 0)
        close(s->lock_fd);
    if (s->tmp_fd >= 0)
        close(s->tmp_fd);
    if (s->free_fd >= 0)
        close(s->free_fd);
    if (s->contents_fd >= 0)
        close(s->contents_fd);
    s->lock_fd = s->tmp_fd = s->free_fd = s->contents_fd = -1;
}

uint32_t cs__share(cs_store *s)
{
    int rc;

    if (s->shared++)
        return 0;
    while ((rc = flock(s->lock_fd, LOCK_SH)) && errno == EINTR)
        ;
    if (rc) {
        s->shared = 0;
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot lock %s/" CS_CONTENTS "/.lock: %s", s->dir, strerror(errno));
    }
    return 0;
}

void cs__unshare(cs_store *s)
{
    if (s->shared && !--s->shared)
        flock(s->lock_fd, LOCK_UN);
}

static int pending(cs_store *s)
{
    sqlite3_stmt *st;
    int row = 0;

    if (cs__prep(s, &st, "SELECT 1 FROM ckpt_pending LIMIT 1", ""))
        return 0;
    if (cs__step(s, st, &row))
        row = 0;
    cs__done(s, st);
    return row;
}

/* What free/ may still take: files, and bytes of data kept in them. */
struct pool_room {
    size_t   files;
    uint64_t bytes;
};

/* Files in free/, and the bytes of data they keep. */
static uint64_t pool_kept(cs_store *s, size_t *files)
{
    uint64_t kept = 0;
    const char *name;
    struct stat sb;
    fsio_dir *d;

    *files = 0;
    if (fsio_opendir(s->free_fd, &d))
        return 0;
    while (!fsio_readdir(d, &name) && name) {
        ++*files;
        if (!fstatat(s->free_fd, name, &sb, AT_SYMLINK_NOFOLLOW))
            kept += (uint64_t)sb.st_size;
    }
    fsio_closedir(d);
    return kept;
}

static void pool_room(cs_store *s, struct pool_room *r)
{
    uint64_t live = 0, kept;
    sqlite3_stmt *st;
    size_t n;
    int row = 0;

    memset(r, 0, sizeof(*r));
    if (!cs__prep(s, &st, "SELECT total(size) FROM (SELECT DISTINCT sha256, size FROM ckpt_data)", "")) {
        if (!cs__step(s, st, &row) && row)
            live = (uint64_t)sqlite3_column_double(st, 0);
        cs__done(s, st);
    }
    kept = pool_kept(s, &n);
    r->files = n < CS_POOL_MAX ? CS_POOL_MAX - n : 0;
    r->bytes = kept < live ? live - kept : 0;
}

uint32_t cs__stage_room(cs_store *s, uint64_t bytes)
{
    struct statvfs vfs;
    uint64_t avail;
    size_t n;

    /* Cannot tell: the writes themselves will say. */
    if (!bytes || fstatvfs(s->tmp_fd, &vfs))
        return 0;
    /* free/'s files are written over, so their blocks count as room. */
    avail = (uint64_t)vfs.f_bavail * vfs.f_frsize + pool_kept(s, &n);
    if (bytes <= avail)
        return 0;
    return cs__fail(s, CS_ERROR_DISK_FULL, "the checkpoint contents to copy take %llu bytes, and the file system of "
                    "%s has %llu free: nothing was written", (unsigned long long)bytes, s->dir,
                    (unsigned long long)avail);
}

/* name's file into free/ (with its data if wipe is 0 and there is room
 * for it), or removed when free/ is full. */
static int release(cs_store *s, const char *name, int wipe, struct pool_room *r)
{
    struct stat sb;
    int fd, e;

    if (!r->files)
        return fsio_unlinkat(s->contents_fd, name, 0);
    if ((e = fsio_fstatat(s->contents_fd, name, &sb)))
        return e;
    /* Not ours alone (a link, or a file with another name elsewhere): only
     * the name goes, never what it leads to. */
    if (!S_ISREG(sb.st_mode) || sb.st_nlink != 1)
        return fsio_unlinkat(s->contents_fd, name, 0);
    /* Emptied before it leaves the name a row could look for: a crash in
     * between leaves an empty file there, which is not contents. */
    if (wipe || (uint64_t)sb.st_size > r->bytes) {
        if ((e = fsio_open_regular(s->contents_fd, name, O_WRONLY | O_TRUNC, 0, &fd, &sb)))
            return e;
        fsio_close(fd);
    } else
        r->bytes -= (uint64_t)sb.st_size;
    if ((e = fsio_renameat(s->contents_fd, name, s->free_fd, name)))
        return e;
    r->files--;
    return 0;
}

/* Under the exclusive lock: every pending digest no row names loses its
 * file.  A file is released before its listing, so a failure part way
 * leaves it listed for the next collection. */
static uint32_t collect_fn(cs_store *s, void *arg)
{
    char name[2 * CS_SHA_LEN + 1];
    sqlite3_stmt *st, *used;
    struct pool_room room;
    uint32_t err;
    int row, named, e;

    (void)arg;
    pool_room(s, &room);
    if ((err = cs__prep(s, &st, "SELECT sha256, wipe FROM ckpt_pending", "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        if (sqlite3_column_bytes(st, 0) != CS_SHA_LEN)
            continue;
        cs__sha_hex(sqlite3_column_blob(st, 0), name);
        if ((err = cs__prep(s, &used, "SELECT 1 FROM ckpt_data WHERE sha256 = ? LIMIT 1", "b",
                            sqlite3_column_blob(st, 0), (size_t)CS_SHA_LEN)))
            break;
        err = cs__step(s, used, &named);
        cs__done(s, used);
        if (err)
            break;
        if (!named && (e = release(s, name, sqlite3_column_int(st, 1), &room)) && e != ENOENT) {
            err = io_fail(s, e, 1, "cannot remove", name);
            break;
        }
    }
    cs__done(s, st);
    return err ? err : cs__exec(s, "DELETE FROM ckpt_pending", "");
}

/* What a crash left in contents/tmp/: no one is writing while we hold the
 * lock exclusively, so everything there is abandoned. */
static void sweep_tmp(cs_store *s)
{
    const char *name;
    fsio_dir *d;

    if (fsio_opendir(s->tmp_fd, &d))
        return;
    while (!fsio_readdir(d, &name) && name)
        fsio_unlinkat(s->tmp_fd, name, 0);
    fsio_closedir(d);
}

/* Best effort by design: the caller's change is committed already, and
 * whatever is not removed now stays listed for the next collection. */
void cs__blobs_collect(cs_store *s, int at_open)
{
    char err[sizeof(s->err)];

    if (s->shared || !s->db || s->in_snapshot || (!at_open && !pending(s)))
        return;
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB))
        return;
    /* The caller's outcome, and its error text, are what the caller reports. */
    memcpy(err, s->err, sizeof(err));
    /* Held: the transaction below must not take (and so convert) it. */
    s->shared = 1;
    if (at_open)
        sweep_tmp(s);
    if (pending(s))
        cs__write(s, collect_fn, NULL);
    s->shared = 0;
    flock(s->lock_fd, LOCK_UN);
    memcpy(s->err, err, sizeof(err));
}

int cs__blob_have(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size)
{
    char name[2 * CS_SHA_LEN + 1];
    struct stat st;

    if (!size)
        return 1;
    cs__sha_hex(sha, name);
    return !fstatat(s->contents_fd, name, &st, AT_SYMLINK_NOFOLLOW) && S_ISREG(st.st_mode) &&
           (uint64_t)st.st_size == size;
}

uint32_t cs__blob_open(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size, int *fd)
{
    char name[2 * CS_SHA_LEN + 1];
    struct stat st;
    int e;

    cs__sha_hex(sha, name);
    e = fsio_open_regular(s->contents_fd, name, O_RDONLY, 0, fd, &st);
    /* On etcd, contents another host wrote come when first opened here. */
    if (e == ENOENT && s->rep) {
        uint32_t err = cs__replica_blob_fetch(s, sha, size);

        if (err)
            return err;
        e = fsio_open_regular(s->contents_fd, name, O_RDONLY, 0, fd, &st);
    }
    if (e == ENOENT || e == ELOOP || e == ENXIO)
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents %s/" CS_CONTENTS "/%s are missing or not a file",
                        s->dir, name);
    if (e)
        return io_fail(s, e, 0, "cannot open", name);
    if ((uint64_t)st.st_size != size) {
        fsio_close(*fd);
        *fd = -1;
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents %s/" CS_CONTENTS "/%s: %lld bytes, %llu listed",
                        s->dir, name, (long long)st.st_size, (unsigned long long)size);
    }
    return 0;
}

uint32_t cs__stage_begin(cs_store *s, cs_stage *st)
{
    memset(st, 0, sizeof(*st));
    return cs__share(s);
}

static void read_pool(cs_store *s, cs_stage *st)
{
    const char *name;
    size_t cap = 0;
    void *p;
    fsio_dir *d;

    st->pool_read = 1;
    if (fsio_opendir(s->free_fd, &d))
        return;
    while (!fsio_readdir(d, &name) && name && st->npool < CS_POOL_MAX) {
        if (strlen(name) >= sizeof(*st->pool))
            continue;
        if (st->npool == cap) {
            cap = cap ? 2 * cap : 256;
            if (!(p = realloc(st->pool, cap * sizeof(*st->pool))))
                break;
            st->pool = p;
        }
        memcpy(st->pool[st->npool++], name, strlen(name) + 1);
    }
    fsio_closedir(d);
}

/* A file from free/, renamed to f->tmp, opened and cut or stretched to
 * size, so writing size bytes over it leaves exactly them (-1: none).
 * Another writer may take the same one first: then the next is tried. */
static int reuse(cs_store *s, cs_stage *st, const cs__staged *f, uint64_t size)
{
    struct stat sb;
    int fd;

    if (!st->pool_read)
        read_pool(s, st);
    while (st->npool) {
        const char *name = st->pool[--st->npool];
        /* Only a file of ours alone is written over: not a link, not a
         * file with a name elsewhere, not whatever else was put there. */
        if (fsio_fstatat(s->free_fd, name, &sb) || !S_ISREG(sb.st_mode) || sb.st_nlink != 1 ||
            fsio_renameat(s->free_fd, name, s->tmp_fd, f->tmp))
            continue;
        if (!fsio_open_regular(s->tmp_fd, f->tmp, O_WRONLY, 0, &fd, &sb)) {
            if (!ftruncate(fd, (off_t)size))
                return fd;
            fsio_close(fd);
        }
        fsio_unlinkat(s->tmp_fd, f->tmp, 0);
    }
    return -1;
}

uint32_t cs__stage_create(cs_store *s, cs_stage *st, uint64_t size, int *fd, size_t *idx)
{
    static unsigned counter;
    cs__staged *f;
    int e;

    if (st->n == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 16;
        if (!(f = realloc(st->f, cap * sizeof(*f))))
            return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        st->f = f;
        st->cap = cap;
    }
    f = &st->f[st->n];
    memset(f, 0, sizeof(*f));
    snprintf(f->tmp, sizeof(f->tmp), "%ld.%u", (long)getpid(), __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
    if ((*fd = reuse(s, st, f, size)) >= 0) {
        *idx = st->n++;
        return 0;
    }
    if ((e = fsio_openat(s->tmp_fd, f->tmp, O_WRONLY | O_CREAT | O_EXCL, 0600, fd)))
        return io_fail(s, e, 1, "cannot create", f->tmp);
    *idx = st->n++;
    /* The store's files are 0600 whatever the umask, and must stay readable. */
    if ((e = fsio_fchmod(*fd, 0600))) {
        fsio_close(*fd);
        *fd = -1;
        return io_fail(s, e, 1, "cannot set the mode of", f->tmp);
    }
    return 0;
}

void cs__stage_named(cs_stage *st, size_t idx, const unsigned char sha[CS_SHA_LEN])
{
    memcpy(st->f[idx].sha, sha, CS_SHA_LEN);
    st->f[idx].named = 1;
}

uint32_t cs__stage_stream(cs_store *s, cs_stage *st, uint64_t size, cs_read_fn rd, void *ctx,
                          const unsigned char *known, unsigned char sha[CS_SHA_LEN])
{
    unsigned char *buf = NULL;
    unsigned int len = 0;
    uint64_t done = 0;
    EVP_MD_CTX *md;
    uint32_t err = 0;
    size_t idx, got;
    int fd = -1, e;

    if (known && cs__blob_have(s, known, size)) {
        memcpy(sha, known, CS_SHA_LEN);
        return 0;
    }
    if (!(md = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(md, EVP_sha256(), NULL) || !(buf = malloc(CS_CHUNK))) {
        EVP_MD_CTX_free(md);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    err = cs__stage_create(s, st, size, &fd, &idx);
    while (!err && done < size) {
        size_t want = size - done < CS_CHUNK ? (size_t)(size - done) : CS_CHUNK;
        got = 0;
        if ((err = rd(ctx, buf, want, &got)))
            break;
        if (!got || got > want)
            err = cs__fail(s, CS_ERROR_INVALID_DATA, "checkpoint stream ended after %llu of %llu bytes",
                           (unsigned long long)done, (unsigned long long)size);
        else if ((e = fsio_write(fd, buf, got)))
            err = io_fail(s, e, 1, "cannot write", st->f[idx].tmp);
        else if (!EVP_DigestUpdate(md, buf, got))
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
        done += got;
    }
    /* Durable before it is named: a name always stands for whole contents. */
    if (!err && (e = fsio_fsync(fd)))
        err = io_fail(s, e, 1, "cannot flush", st->f[idx].tmp);
    if (!err && (!EVP_DigestFinal_ex(md, sha, &len) || len != CS_SHA_LEN))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    if (!err && known && memcmp(known, sha, CS_SHA_LEN))
        err = cs__fail(s, CS_ERROR_INVALID_DATA, "checkpoint contents changed while they were read");
    if (fd >= 0)
        fsio_close(fd);
    if (!err)
        cs__stage_named(st, idx, sha);
    EVP_MD_CTX_free(md);
    free(buf);
    return err;
}

static uint32_t pending_fn(cs_store *s, void *arg)
{
    cs_stage *st = arg;
    uint32_t err = 0;
    size_t i;

    for (i = 0; !err && i < st->n; i++)
        if (st->f[i].named)
            err = cs__exec(s, "INSERT OR IGNORE INTO ckpt_pending(sha256, wipe) VALUES(?, 1)", "b", st->f[i].sha,
                           (size_t)CS_SHA_LEN);
    return err;
}

uint32_t cs__stage_commit(cs_store *s, cs_stage *st, int syncfs)
{
    char name[2 * CS_SHA_LEN + 1];
    uint32_t err;
    size_t i;
    int e;

    for (i = 0; i < st->n && !st->f[i].named; i++)
        ;
    if (i == st->n)
        return 0;
    if (syncfs && (e = fsio_syncfs(s->tmp_fd)))
        return io_fail(s, e, 1, "cannot flush", "tmp");
    /* Inside the caller's transaction (the upgrade) the listing commits
     * with the rows that name the files; on its own it must be durable
     * before any file has a name. */
    if ((err = sqlite3_get_autocommit(s->db) ? cs__write(s, pending_fn, st) : pending_fn(s, st)))
        return err;
    for (i = 0; i < st->n; i++) {
        if (!st->f[i].named)
            continue;
        cs__sha_hex(st->f[i].sha, name);
        if ((e = fsio_renameat(s->tmp_fd, st->f[i].tmp, s->contents_fd, name)))
            return io_fail(s, e, 1, "cannot rename", st->f[i].tmp);
        st->f[i].renamed = 1;
    }
    if ((e = fsio_fsync(s->contents_fd)))
        return io_fail(s, e, 1, "cannot flush", ".");
    /* On etcd, other hosts must find them before a row names them. */
    for (i = 0; s->rep && i < st->n; i++)
        if (st->f[i].named && (err = cs__replica_blob_push(s, st->f[i].sha)))
            return err;
    return 0;
}

void cs__stage_end(cs_store *s, cs_stage *st)
{
    size_t i;

    for (i = 0; i < st->n; i++)
        if (!st->f[i].renamed)
            fsio_unlinkat(s->tmp_fd, st->f[i].tmp, 0);
    free(st->f);
    free(st->pool);
    memset(st, 0, sizeof(*st));
    cs__unshare(s);
    cs__blobs_collect(s, 0);
}

/* cs_read_fn over a version 2 row's value. */
struct old_value {
    cs_store     *s;
    sqlite3_blob *b;
    uint64_t      off;
};

static uint32_t read_old(void *ctx, void *buf, size_t cap, size_t *got)
{
    struct old_value *v = ctx;
    int rc = sqlite3_blob_read(v->b, buf, (int)cap, (int)v->off);

    if (rc != SQLITE_OK)
        return cs__sqlfail_reading(v->s, rc, "read checkpoint contents");
    v->off += cap;
    *got = cap;
    return 0;
}

uint32_t cs__blobs_migrate(cs_store *s)
{
    struct old_value v = { s, NULL, 0 };
    unsigned char sha[CS_SHA_LEN];
    sqlite3_stmt *st;
    cs_stage stage;
    uint32_t err;
    int row, rc;

    if ((err = cs__exec(s, "CREATE TABLE ckpt_pending(sha256 BLOB PRIMARY KEY, wipe INTEGER NOT NULL)"
                           " WITHOUT ROWID", "")) ||
        (err = cs__exec(s, "CREATE TABLE ckpt_data_v3(res TEXT NOT NULL, kind INTEGER NOT NULL,"
                           " key TEXT NOT NULL COLLATE NOCASE, size INTEGER NOT NULL, sha256 BLOB NOT NULL,"
                           " PRIMARY KEY(res, kind, key))", "")) ||
        (err = cs__stage_begin(s, &stage)))
        return err;
    if ((err = cs__prep(s, &st, "SELECT rowid, res, kind, key, size, sha256 FROM ckpt_data", ""))) {
        cs__stage_end(s, &stage);
        return err;
    }
    while (!err && !(err = cs__step(s, st, &row)) && row) {
        uint64_t size = (uint64_t)sqlite3_column_int64(st, 4);
        const unsigned char *known = sqlite3_column_bytes(st, 5) == CS_SHA_LEN ? sqlite3_column_blob(st, 5) : NULL;
        v.off = 0;
        rc = sqlite3_blob_open(s->db, "main", "ckpt_data", "data", sqlite3_column_int64(st, 0), 0, &v.b);
        if (rc != SQLITE_OK) {
            err = cs__sqlfail_reading(s, rc, "open checkpoint contents");
            break;
        }
        err = cs__stage_stream(s, &stage, size, read_old, &v, known, sha);
        sqlite3_blob_close(v.b);
        if (!err)
            err = cs__exec(s, "INSERT INTO ckpt_data_v3 VALUES(?, ?, ?, ?, ?)", "titib",
                           (const char *)sqlite3_column_text(st, 1), (int64_t)sqlite3_column_int64(st, 2),
                           (const char *)sqlite3_column_text(st, 3), (int64_t)size, sha, (size_t)CS_SHA_LEN);
    }
    cs__done(s, st);
    if (!err)
        err = cs__stage_commit(s, &stage, 0);
    cs__stage_end(s, &stage);
    if (!err)
        err = cs__exec(s, "DROP TABLE ckpt_data", "");
    if (!err)
        err = cs__exec(s, "ALTER TABLE ckpt_data_v3 RENAME TO ckpt_data", "");
    if (!err)
        err = cs__exec(s, "CREATE INDEX ckpt_data_sha ON ckpt_data(sha256)", "");
    /* Not INSERT OR IGNORE: inside a trigger the firing statement's conflict
     * policy wins, and an upsert's is ABORT.  Contents a crypto checkpoint
     * let go of are to be wiped, whatever else held the same bytes. */
    if (!err)
        err = cs__exec(s, "CREATE TRIGGER ckpt_data_release AFTER DELETE ON ckpt_data BEGIN"
                          " INSERT INTO ckpt_pending SELECT old.sha256, old.kind = 2"
                          " WHERE NOT EXISTS (SELECT 1 FROM ckpt_pending WHERE sha256 = old.sha256);"
                          " UPDATE ckpt_pending SET wipe = 1 WHERE old.kind = 2 AND sha256 = old.sha256; END", "");
    if (!err)
        err = cs__exec(s, "CREATE TRIGGER ckpt_data_replace AFTER UPDATE OF sha256 ON ckpt_data"
                          " WHEN old.sha256 <> new.sha256 BEGIN"
                          " INSERT INTO ckpt_pending SELECT old.sha256, old.kind = 2"
                          " WHERE NOT EXISTS (SELECT 1 FROM ckpt_pending WHERE sha256 = old.sha256);"
                          " UPDATE ckpt_pending SET wipe = 1 WHERE old.kind = 2 AND sha256 = old.sha256; END", "");
    return err;
}

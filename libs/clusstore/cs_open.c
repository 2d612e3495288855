/* Finding, creating, checking and opening the store; closing it. */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define DB_NAME "cluster.db"

uint32_t cs_default_dir(char *buf, size_t n)
{
    const char *env = getenv("WINECLUS_STORE"), *base, *home;
    int len;

    if (!buf || !n)
        return CS_ERROR_INVALID_PARAMETER;
    if (env && env[0])
        len = snprintf(buf, n, "%s", env);
    else if ((base = getenv("XDG_DATA_HOME")) && base[0] == '/')
        len = snprintf(buf, n, "%s/wineclus", base);
    else {
        home = getenv("HOME");
        if (!home || !home[0]) {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : NULL;
        }
        if (!home)
            return CS_ERROR_PATH_NOT_FOUND;
        len = snprintf(buf, n, "%s/.local/share/wineclus", home);
    }
    return len < 0 || (size_t)len >= n ? CS_ERROR_MORE_DATA : 0;
}

/* mkdir -p; folders we create are 0700 whatever the umask, since the
 * database holds the cluster's configuration and checkpointed secrets. */
static uint32_t make_dirs(cs_store *s, const char *dir)
{
    char path[PATH_MAX];
    size_t i, len = strlen(dir);

    if (len >= sizeof(path))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "store folder path too long");
    memcpy(path, dir, len + 1);
    for (i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != 0)
            continue;
        path[i] = 0;
        if (mkdir(path, 0700) == 0)
            chmod(path, 0700);
        else if (errno != EEXIST)
            return cs__fail(s, errno == EACCES ? CS_ERROR_ACCESS_DENIED : CS_ERROR_PATH_NOT_FOUND,
                            "cannot create folder %s: %s", path, strerror(errno));
        path[i] = i < len ? '/' : 0;
    }
    return 0;
}

static uint32_t set_pragmas(cs_store *s)
{
    sqlite3_busy_timeout(s->db, 5000);
    /* FULL: a committed cluster change must survive power loss, as the
     * quorum log promises to the other nodes.  mmap: a backup reads every
     * checkpoint page, and a pread per 4 KiB page cost it a third of its
     * system time; SQLite clamps the size to what it was built for. */
    if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL",
                     NULL, NULL, NULL) != SQLITE_OK)
        return cs__sqlfail(s, sqlite3_errcode(s->db), "configure database");
    return 0;
}

struct create_args { const char *cluster, *node; };

static uint32_t create_fn(cs_store *s, void *arg)
{
    struct create_args *a = arg;
    return cs__schema_create(s, a->cluster, a->node);
}

static void unlink_db(const char *path)
{
    char side[2 * PATH_MAX];

    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

/* Built under a private name and linked into place, so a crash never
 * leaves a half-made cluster.db and two first opens cannot both win. */
static uint32_t create_store(cs_store *s, const char *path, const char *cluster, const char *node)
{
    char tmp[PATH_MAX + 64];
    struct create_args a = { cluster, node };
    uint32_t err;
    int fd, rc;

    snprintf(tmp, sizeof(tmp), "%s/.%s.new.%ld.%d", s->dir, DB_NAME, (long)getpid(), rand());
    fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return cs__fail(s, errno == EACCES ? CS_ERROR_ACCESS_DENIED : CS_ERROR_PATH_NOT_FOUND,
                        "cannot create %s: %s", tmp, strerror(errno));
    fchmod(fd, 0600);
    close(fd);
    rc = sqlite3_open_v2(tmp, &s->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK)
        err = cs__sqlfail(s, rc, "create database");
    else if (!(err = set_pragmas(s)) &&
             sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
        err = cs__sqlfail(s, sqlite3_errcode(s->db), "enable WAL");
    if (!err)
        err = cs__write(s, create_fn, &a);
    cs__stmt_cache_clear(s);
    sqlite3_close(s->db);
    s->db = NULL;
    if (!err && link(tmp, path) != 0 && errno != EEXIST)
        err = cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot create %s: %s", path, strerror(errno));
    unlink_db(tmp);
    return err;
}

/* Checked before SQLite sees the file: SQLite would happily initialise an
 * empty file, and we must never write over something that is not ours. */
static uint32_t check_header(cs_store *s, const char *path)
{
    static const char magic[16] = "SQLite format 3";
    char head[100];
    ssize_t got;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return cs__fail(s, errno == EACCES ? CS_ERROR_ACCESS_DENIED : CS_ERROR_FILE_NOT_FOUND, "cannot open %s: %s",
                        path, strerror(errno));
    got = read(fd, head, sizeof(head));
    close(fd);
    if (got != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0)
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is damaged: not an SQLite database (left untouched)", path);
    return 0;
}

/* One table's b-tree, its indexes and overflow chains. */
static uint32_t quick_check_table(cs_store *s, const char *path, const char *table)
{
    sqlite3_stmt *st;
    char sql[128];
    uint32_t err;
    int row;

    snprintf(sql, sizeof(sql), "PRAGMA quick_check(\"%s\")", table);
    if ((err = cs__prep(s, &st, sql, "")))
        return err == CS_RETRY ? err : cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is damaged: %s", path, s->err);
    err = cs__step(s, st, &row);
    if (!err && (!row || strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0))
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is damaged: integrity check of %s says \"%s\" (left untouched)",
                       path, table, row ? (const char *)sqlite3_column_text(st, 0) : "nothing");
    else if (err && err != CS_RETRY)
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is damaged: %s (left untouched)", path, s->err);
    cs__done(s, st);
    return err;
}

/* Every table but the checkpoint contents: their overflow chains are nearly
 * all of a large store (a full check read the whole gigabyte on each open),
 * and whatever reads them, a backup or applying a checkpoint, walks the same
 * chains and gets SQLite's "malformed" (1392) on a broken one. */
static uint32_t quick_check(cs_store *s, const char *path)
{
    sqlite3_stmt *st;
    char table[64];
    uint32_t err;
    int row = 0;

    if ((err = cs__prep(s, &st, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'ckpt_data' "
                                "ORDER BY name", "")))
        return err == CS_RETRY ? err : cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is damaged: %s", path, s->err);
    while (!err && !(err = cs__step(s, st, &row)) && row) {
        snprintf(table, sizeof(table), "%s", (const char *)sqlite3_column_text(st, 0));
        err = quick_check_table(s, path, table);
    }
    if (err && err != CS_RETRY && err != CS_ERROR_FILE_CORRUPT)
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is damaged: %s (left untouched)", path, s->err);
    cs__done(s, st);
    return err;
}

static uint32_t quick_check_retry(cs_store *s, const char *path)
{
    unsigned i;
    uint32_t err = CS_RETRY;

    for (i = 0; i < 1000 && err == CS_RETRY; i++) {
        err = quick_check(s, path);
        if (err == CS_RETRY)
            usleep(5000);
    }
    return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database stayed locked") : err;
}

static void fix_modes(const char *path)
{
    static const char *const sfx[] = { "", "-wal", "-shm" };
    char p[2 * PATH_MAX];
    size_t i;

    for (i = 0; i < 3; i++) {
        snprintf(p, sizeof(p), "%s%s", path, sfx[i]);
        chmod(p, 0600);
    }
}

static uint32_t do_open(cs_store *s, const char *dir, const char *cluster, const char *node)
{
    char path[PATH_MAX + 16];
    struct stat st;
    uint32_t err;
    int rc;

    if (dir && dir[0])
        snprintf(s->dir, sizeof(s->dir), "%s", dir);
    else if ((err = cs_default_dir(s->dir, sizeof(s->dir))))
        return cs__fail(s, err, "cannot find the store folder: set WINECLUS_STORE or HOME");
    if (strlen(s->dir) > PATH_MAX - 64)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "store folder path too long");
    if ((err = make_dirs(s, s->dir)) || (err = cs__blobs_open(s)))
        return err;
    snprintf(path, sizeof(path), "%s/%s", s->dir, DB_NAME);
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            return cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot stat %s: %s", path, strerror(errno));
        if ((err = create_store(s, path, cluster, node)))
            return err;
    } else if (!S_ISREG(st.st_mode))
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s is not a regular file", path);
    if ((err = check_header(s, path)))
        return err;
    rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK)
        return cs__sqlfail(s, rc, "open database");
    if ((err = set_pragmas(s)) || (err = quick_check_retry(s, path)) || (err = cs__schema_upgrade(s)))
        return err;
    fix_modes(path);
    cs__blobs_collect(s, 1);
    return 0;
}

uint32_t cs_open(const char *dir, const char *cluster, const char *node, cs_store **out)
{
    cs_store *s;
    uint32_t err;

    if (!out)
        return CS_ERROR_INVALID_PARAMETER;
    *out = NULL;
    s = calloc(1, sizeof(*s));
    if (!s)
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    s->join_fd = s->contents_fd = s->tmp_fd = s->free_fd = s->lock_fd = -1;
    err = do_open(s, dir, cluster, node);
    if (err) {
        /* Hand back a dead store anyway so cs_errmsg can say why. */
        if (s->db) {
            cs__stmt_cache_clear(s);
            sqlite3_close_v2(s->db);
        }
        s->db = NULL;
        *out = s;
        return err;
    }
    cs__clear(s);
    *out = s;
    return 0;
}

void cs_close(cs_store *s)
{
    if (!s)
        return;
    if (s->db) {
        cs__stmt_cache_clear(s);
        if (s->in_snapshot)
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close_v2(s->db);
    }
    if (s->join_fd >= 0)
        close(s->join_fd);
    cs__blobs_close(s);
    free(s);
}

const char *cs_dir(const cs_store *s)
{
    return s ? s->dir : NULL;
}

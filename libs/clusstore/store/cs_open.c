/* Finding, creating, checking and opening the store; closing it. */
#define _GNU_SOURCE
#include "cs_internal.h"
#include "fsio.h"

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

/* Fails with buf holding the reason, for the caller's message. */
static uint32_t refuse(char *buf, size_t n, const char *source, const char *value, const char *what)
{
    char shown[CS_PATH_MAX];

    cs__escape(shown, sizeof(shown), value);
    snprintf(buf, n, "%s \"%s\" is %s; name the store's folder by an absolute path%s", source, shown, what,
             !strcmp(source, "WINECLUS_STORE") ? ", or unset WINECLUS_STORE for the default store" : "");
    return CS_ERROR_BAD_ENVIRONMENT;
}

uint32_t cs_store_check(const char *source, const char *value, char *buf, size_t n)
{
    char why[256], shown[CS_PATH_MAX];

    if (!source || !value || !buf || !n)
        return CS_ERROR_INVALID_PARAMETER;
    /* A relative folder would be another store in every working directory,
     * and a URL of another kind (http://...) would silently become a folder. */
    if (cs__replica_is_url(value)) {
        if (!cs__replica_check_url(value, why, sizeof(why)))
            return 0;
        cs__escape(shown, sizeof(shown), value);
        snprintf(buf, n, "%s \"%s\" is not a valid etcd store URL: %s", source, shown, why);
        return CS_ERROR_BAD_ENVIRONMENT;
    }
    if (strstr(value, "://"))
        return refuse(buf, n, source, value, "a URL of a kind this build does not know (only etcd:// and etcds://)");
    if (value[0] != '/')
        return refuse(buf, n, source, value, "not an absolute path");
    return 0;
}

uint32_t cs_store_dir(const char *configured, char *buf, size_t n)
{
    const char *env = getenv("WINECLUS_STORE"), *base, *home, *chosen;
    uint32_t err;
    int len;

    if (!buf || !n)
        return CS_ERROR_INVALID_PARAMETER;
    /* Set but empty is a mistake (a script's unset variable), never a wish
     * for the default store: using that one would be the wrong cluster. */
    if (env && !env[0])
    {
        snprintf(buf, n, "WINECLUS_STORE is set but empty: unset it for the default store, or name the store's "
                 "folder");
        return CS_ERROR_BAD_ENVIRONMENT;
    }
    chosen = env ? env : configured && configured[0] ? configured : NULL;
    if (chosen && (err = cs_store_check(env ? "WINECLUS_STORE" : "the prefix's Store setting", chosen, buf, n)))
        return err;
    if (chosen)
        len = snprintf(buf, n, "%s", chosen);
    else if ((base = getenv("XDG_DATA_HOME")) && base[0] == '/')
        len = snprintf(buf, n, "%s/wineclus", base);
    else {
        home = getenv("HOME");
        if (!home || !home[0]) {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : NULL;
        }
        if (!home)
        {
            snprintf(buf, n, "cannot find the default store folder: no HOME; set WINECLUS_STORE");
            return CS_ERROR_PATH_NOT_FOUND;
        }
        len = snprintf(buf, n, "%s/.local/share/wineclus", home);
    }
    if (len < 0 || (size_t)len >= n)
    {
        snprintf(buf, n, "store folder path too long");
        return CS_ERROR_MORE_DATA;
    }
    return 0;
}

uint32_t cs_default_dir(char *buf, size_t n)
{
    return cs_store_dir(NULL, buf, n);
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

static void unlink_db(cs_store *s, const char *name)
{
    char side[PATH_MAX];

    unlinkat(s->dir_fd, name, 0);
    snprintf(side, sizeof(side), "%s-wal", name);
    unlinkat(s->dir_fd, side, 0);
    snprintf(side, sizeof(side), "%s-shm", name);
    unlinkat(s->dir_fd, side, 0);
}

/* tmp becomes cluster.db unless another program's is there first (0 then
 * too).  Not link() where rename can refuse to replace: for an instant
 * cluster.db would have two names, which an open refuses (cs__file_check);
 * a file system without RENAME_NOREPLACE (NFS) leaves only that instant. */
static int place_db(cs_store *s, const char *tmp)
{
    if (!renameat2(s->dir_fd, tmp, s->dir_fd, DB_NAME, RENAME_NOREPLACE))
        return 0;
    if (errno == EINVAL || errno == ENOSYS)
        return linkat(s->dir_fd, tmp, s->dir_fd, DB_NAME, 0) && errno != EEXIST ? -1 : 0;
    return errno == EEXIST ? 0 : -1;
}

/* Built under a private name and renamed into place, so a crash never
 * leaves a half-made cluster.db and two first opens cannot both win.
 * real is the store folder's path with no link in it, as SQLite's NOFOLLOW
 * wants. */
static uint32_t create_store(cs_store *s, const char *real, const char *cluster, const char *node)
{
    char tmp[64], path[PATH_MAX + 128];
    struct create_args a = { cluster, node };
    uint32_t err;
    int fd, rc;

    snprintf(tmp, sizeof(tmp), ".%s.new.%ld.%d", DB_NAME, (long)getpid(), rand());
    if ((err = cs__file_open(s, s->dir_fd, "", tmp, O_RDWR | O_CREAT, &fd)))
        return err;
    close(fd);
    snprintf(path, sizeof(path), "%s/%s", real, tmp);
    rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
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
    if (!err && place_db(s, tmp))
        err = cs__fail(s, fsio_winerr(errno, 1), "cannot create %s/%s: %s", s->dir, DB_NAME, strerror(errno));
    unlink_db(s, tmp);
    return err;
}

/* Checked before SQLite sees the file: SQLite would happily initialise an
 * empty file, and we must never write over something that is not ours.
 * Before SQLite opens it, too, since closing any fd of a file drops the
 * process's POSIX locks on it, SQLite's included. */
static uint32_t check_header(cs_store *s)
{
    static const char magic[16] = "SQLite format 3";
    struct stat st;
    char head[100];
    uint32_t err;
    ssize_t got;
    int fd;

    if ((err = cs__file_open(s, s->dir_fd, "", DB_NAME, O_RDONLY, &fd)))
        return err;
    got = read(fd, head, sizeof(head));
    /* Stores made before cluster.db was 0600 whatever the umask; SQLite
     * gives its -wal and -shm the database's mode. */
    if (!fstat(fd, &st) && (st.st_mode & 07777) != 0600)
        fchmod(fd, 0600);
    close(fd);
    if (got != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0)
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s/%s is damaged: not an SQLite database (left untouched)",
                        s->dir, DB_NAME);
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

static const char *const db_files[] = { DB_NAME, DB_NAME "-wal", DB_NAME "-shm" };

/* SQLite's files beside cluster.db are checked as it is: SQLite writes
 * them in place too (and refuses a link there only with "unable to open"). */
static uint32_t check_db_files(cs_store *s)
{
    uint32_t err = 0;
    size_t i;

    for (i = 0; !err && i < sizeof(db_files) / sizeof(db_files[0]); i++)
        if ((err = cs__file_check(s, s->dir_fd, "", db_files[i])) == CS_ERROR_FILE_NOT_FOUND && i)
            err = 0;
    return err;
}

/* The store's folder, made (with its parents) when create; otherwise a
 * missing one is no store.  The path is the user's own, links and all:
 * only what is inside the folder must be ours alone (docs/store-format.md). */
static uint32_t open_dir(cs_store *s, int create)
{
    uint32_t err;
    int e;

    if (create && (err = make_dirs(s, s->dir)))
        return err;
    if ((e = fsio_open_dir(s->dir, &s->dir_fd)) == ENOENT && !create)
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no cluster store: %s does not exist", s->dir);
    if (e)
        return cs__fail(s, e == ENOENT || e == ENOTDIR ? CS_ERROR_PATH_NOT_FOUND : fsio_winerr(e, 0),
                        "cannot open the store folder %s: %s", s->dir, strerror(e));
    return cs__dir_trusted(s, s->dir_fd, "");
}

/* The folder's path with no symbolic link in it, for SQLite to open
 * cluster.db with SQLITE_OPEN_NOFOLLOW; checked to be the folder open. */
static uint32_t real_dir(cs_store *s, char real[PATH_MAX])
{
    struct stat a, b;

    if (!realpath(s->dir, real) || stat(real, &a) || fstat(s->dir_fd, &b))
        return cs__fail(s, fsio_winerr(errno, 0), "cannot resolve the store folder %s: %s", s->dir, strerror(errno));
    if (a.st_dev != b.st_dev || a.st_ino != b.st_ino)
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "the store folder %s was replaced while it was opened", s->dir);
    if (strlen(real) > PATH_MAX - 64)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "store folder path %s too long", real);
    return 0;
}

static uint32_t do_open(cs_store *s, const char *dir, const char *cluster, const char *node, int create)
{
    char real[PATH_MAX], path[PATH_MAX + 16];
    uint32_t err;
    int rc, exists;

    if (dir && dir[0])
        snprintf(s->dir, sizeof(s->dir), "%s", dir);
    else if ((err = cs_default_dir(s->dir, sizeof(s->dir))))
    {
        char why[sizeof(s->dir)];

        memcpy(why, s->dir, sizeof(why));
        s->dir[0] = 0;
        return cs__fail(s, err, "%s", why);
    }
    if (cs__replica_is_url(s->dir))
    {
        char url[sizeof(s->dir)];

        /* connect puts the replica's folder in s->dir. */
        memcpy(url, s->dir, sizeof(url));
        if ((err = cs__replica_connect(s, url)))
            return err;
    }
    if (strlen(s->dir) > PATH_MAX - 64)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "store folder path too long");
    /* An etcd store's replica folder is a cache, made whenever missing. */
    if ((err = open_dir(s, create || s->rep != NULL)) || (err = real_dir(s, real)))
        return err;
    err = cs__file_check(s, s->dir_fd, "", DB_NAME);
    exists = err != CS_ERROR_FILE_NOT_FOUND;
    if (exists && err)
        return err;
    if (s->rep && (err = cs__replica_claim(s, exists)))
        return err;
    if (!exists && s->rep && (err = cs__replica_fetch(s, DB_NAME, &exists)))
        return err;
    /* A read-only open of no store leaves the folder exactly as it was. */
    if (!exists && !create)
        return s->rep ? cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no cluster store: etcd holds no such cluster")
                      : cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no cluster store: %s holds no %s", s->dir, DB_NAME);
    if ((err = cs__blobs_open(s)) || (!exists && (err = create_store(s, real, cluster, node))) ||
        (err = check_db_files(s)) || (err = check_header(s)))
        return err;
    snprintf(path, sizeof(path), "%s/%s", real, DB_NAME);
    rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK)
        return cs__sqlfail(s, rc, "open database");
    if ((err = set_pragmas(s)) || (err = quick_check_retry(s, path)) || (err = cs__schema_upgrade(s)) ||
        (s->rep && (err = cs__replica_attach(s, DB_NAME))))
        return err;
    cs__blobs_collect(s, 1);
    return 0;
}

cs_store *cs_open_none(void)
{
    cs_store *s = calloc(1, sizeof(*s));

    if (s)
        s->dir_fd = s->join_fd = s->service_fd = s->contents_fd = s->tmp_fd = s->free_fd = s->lock_fd =
            s->events_fd = s->tick_fd = -1;
    return s;
}

static uint32_t open_store(const char *dir, const char *cluster, const char *node, int create, cs_store **out)
{
    cs_store *s;
    uint32_t err;

    if (!out)
        return CS_ERROR_INVALID_PARAMETER;
    *out = NULL;
    if (!(s = cs_open_none()))
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    err = do_open(s, dir, cluster, node, create);
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

uint32_t cs_open(const char *dir, const char *cluster, const char *node, cs_store **out)
{
    return open_store(dir, cluster, node, 1, out);
}

uint32_t cs_open_existing(const char *dir, cs_store **out)
{
    return open_store(dir, NULL, NULL, 0, out);
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
    cs__service_release(s);
    cs__replica_close(s);
    if (s->join_fd >= 0)
        close(s->join_fd);
    cs__blobs_close(s);
    if (s->tick_fd >= 0)
        close(s->tick_fd);
    if (s->events_fd >= 0)
        close(s->events_fd);
    if (s->dir_fd >= 0)
        close(s->dir_fd);
    free(s->listed);
    free(s);
}

const char *cs_dir(const cs_store *s)
{
    return s ? s->dir : NULL;
}

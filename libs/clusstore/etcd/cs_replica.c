/* A store on etcd (docs/etcd.md): SQLite stays the query engine on a local
 * replica, etcd is the authority.  etcd holds, under /<CLUSTER>/:
 *   snapshot   the database as it was at seq 0 (sqlite3_serialize)
 *   head       the seq of the last change, as decimal text
 *   log/<seq>  one change: the SQLite session changeset of one write
 * The replica records the seq it holds in its table etcd_replica, which no
 * changeset carries.  A write publishes its changeset with one etcd
 * transaction guarded by "head is still the seq the replica holds"; losing
 * that race fetches the news and runs the caller's function again. */
#define _GNU_SOURCE
/* Debian's libsqlite3 is built with the session extension; its header
 * declares it only when asked. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "cs_internal.h"
#include "cs_etcd.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define REPLICA_TABLE "etcd_replica"

struct cs_replica {
    cs_etcd        *etcd;
    cs_etcd_url     url;
    char            text[PATH_MAX];                    /* the URL as given */
    char            head[CS_ETCD_CLUSTER_MAX + 8];
    char            snapshot[CS_ETCD_CLUSTER_MAX + 16];
    char            log[CS_ETCD_CLUSTER_MAX + 8];      /* "/<CLUSTER>/log/" */
    int             attached;                          /* the replica holds etcd's cluster */
    uint64_t        base;                              /* the replica's seq when this write began */
    cs_etcd_result  pending;                           /* changes fetched, not yet applied */
    int64_t         lease;                             /* the node's liveness lease this service holds */
    uint32_t        lease_node;
    struct timespec lease_kept;                        /* when it was last granted or kept alive */
};

typedef struct cs_replica cs_replica;

static void log_key(const cs_replica *r, uint64_t seq, char *out, size_t n)
{
    /* Fixed width, so that etcd's byte order of keys is the order of seqs. */
    snprintf(out, n, "%s%020" PRIu64, r->log, seq);
}

static uint32_t etcd_fail(cs_store *s, uint32_t code, const char *why)
{
    return cs__fail(s, code, "cluster store %.300s: %s", s->rep->text, why);
}

cs_etcd *cs__replica_etcd(cs_store *s, const char **cluster)
{
    if (!s->rep)
        return NULL;
    *cluster = s->rep->url.cluster;
    return s->rep->etcd;
}

/* A connection of its own to the store's etcd, for a thread that follows
 * the cluster's head (cs_watch.c); key gets the head's key. */
uint32_t cs__replica_follow_client(cs_store *s, cs_etcd **out, char *key, size_t n)
{
    char why[512];
    uint32_t err;

    *out = NULL;
    if (!s->rep)
        return 0;
    snprintf(key, n, "%s", s->rep->head);
    if ((err = cs_etcd_connect(&s->rep->url, out, why, sizeof(why))))
        return etcd_fail(s, err, why);
    return 0;
}

int cs__replica_is_url(const char *text)
{
    return cs_etcd_is_url(text);
}

uint32_t cs__replica_check_url(const char *text, char *why, size_t n)
{
    cs_etcd_url u;

    return cs_etcd_parse_url(text, &u, why, n);
}

const char *cs_url(const cs_store *s)
{
    return s && s->rep ? s->rep->text : NULL;
}

/* ${WINECLUS_ETCD_REPLICA}, else the user's cache: one folder per etcd
 * endpoint and cluster, since it is a copy of that cluster only. */
static uint32_t replica_dir(cs_store *s)
{
    const char *set = getenv("WINECLUS_ETCD_REPLICA"), *cache = getenv("XDG_CACHE_HOME"), *home;
    cs_replica *r = s->rep;
    int len;

    if (set && set[0] != '/')
        return cs__fail(s, CS_ERROR_BAD_ENVIRONMENT, "WINECLUS_ETCD_REPLICA \"%.200s\" is not an absolute path", set);
    if (set)
        len = snprintf(s->dir, sizeof(s->dir), "%s", set);
    else if (cache && cache[0] == '/')
        len = snprintf(s->dir, sizeof(s->dir), "%s/wineclus/etcd/%s_%u/%s", cache, r->url.host[0], r->url.port[0],
                       r->url.cluster);
    else {
        struct passwd *pw;

        home = getenv("HOME");
        if ((!home || !home[0]) && (pw = getpwuid(getuid())))
            home = pw->pw_dir;
        if (!home)
            return cs__fail(s, CS_ERROR_PATH_NOT_FOUND, "no HOME for the etcd replica; set WINECLUS_ETCD_REPLICA");
        len = snprintf(s->dir, sizeof(s->dir), "%s/.cache/wineclus/etcd/%s_%u/%s", home, r->url.host[0],
                       r->url.port[0], r->url.cluster);
    }
    if (len < 0 || (size_t)len >= sizeof(s->dir) - 64)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "etcd replica folder path too long");
    return 0;
}

uint32_t cs__replica_connect(cs_store *s, const char *url)
{
    char why[512];
    cs_replica *r;
    uint32_t err;

    if (!(r = s->rep = calloc(1, sizeof(*r))))
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    if ((err = cs_etcd_parse_url(url, &r->url, why, sizeof(why))))
        return cs__fail(s, err, "\"%.200s\" is not an etcd store URL: %s", url, why);
    snprintf(r->text, sizeof(r->text), "%s", url);
    snprintf(r->head, sizeof(r->head), "/%s/head", r->url.cluster);
    snprintf(r->snapshot, sizeof(r->snapshot), "/%s/snapshot", r->url.cluster);
    snprintf(r->log, sizeof(r->log), "/%s/log/", r->url.cluster);
    if ((err = replica_dir(s)))
        return err;
    if ((err = cs_etcd_connect(&r->url, &r->etcd, why, sizeof(why))))
        return etcd_fail(s, err, why);
    return 0;
}

void cs__replica_close(cs_store *s)
{
    if (!s->rep)
        return;
    cs__replica_alive_drop(s);
    cs_etcd_result_free(&s->rep->pending);
    cs_etcd_free(s->rep->etcd);
    free(s->rep);
    s->rep = NULL;
}

#define REPLICA_MARK "etcd-cluster"

/* The mark is read through the store's rule for its files (cs__file_open):
 * a FIFO planted under its name blocked a plain open for good. */
uint32_t cs__replica_claim(cs_store *s, int has_db)
{
    char want[CS_ETCD_CLUSTER_MAX + 2], have[CS_ETCD_CLUSTER_MAX + 2];
    ssize_t got;
    uint32_t err;
    int fd;

    snprintf(want, sizeof(want), "%s\n", s->rep->url.cluster);
    err = cs__file_open(s, s->dir_fd, "", REPLICA_MARK, O_RDONLY | O_CLOEXEC, &fd);
    if (!err) {
        got = read(fd, have, sizeof(have) - 1);
        close(fd);
        if (got >= 0)
            have[got] = 0;
        if (got >= 0 && !strcmp(have, want))
            return 0;
        return cs__fail(s, CS_ERROR_BAD_ENVIRONMENT, "the etcd replica folder %s is cluster %.*s's, not %s's: give "
                        "this cluster a folder of its own (WINECLUS_ETCD_REPLICA)", s->dir,
                        got > 1 ? (int)got - 1 : 0, have, s->rep->url.cluster);
    }
    if (err != CS_ERROR_FILE_NOT_FOUND)
        return err;
    if (has_db)
        return cs__fail(s, CS_ERROR_BAD_ENVIRONMENT, "%s holds a cluster database that is no replica of etcd's %s: "
                        "give this cluster a folder of its own (WINECLUS_ETCD_REPLICA)", s->dir, s->rep->url.cluster);
    /* O_EXCL makes nothing old; another process that made it first: its
     * mark is read as above. */
    if ((fd = openat(s->dir_fd, REPLICA_MARK, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) < 0)
        return errno == EEXIST ? cs__replica_claim(s, has_db)
                               : cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot mark %s as the replica of %s: %s", s->dir,
                                          s->rep->url.cluster, strerror(errno));
    if (write(fd, want, strlen(want)) != (ssize_t)strlen(want) || fsync(fd)) {
        close(fd);
        unlinkat(s->dir_fd, REPLICA_MARK, 0);
        return cs__fail(s, CS_ERROR_DISK_FULL, "cannot mark %s as the replica of %s", s->dir, s->rep->url.cluster);
    }
    close(fd);
    return 0;
}

/* cluster.db from etcd's snapshot, written aside and renamed into place
 * (another program of this replica may have placed one first: theirs
 * stays).  *found = 0 when etcd has no such cluster. */
uint32_t cs__replica_fetch(cs_store *s, const char *db_name, int *found)
{
    cs_etcd_op get = { 0, s->rep->snapshot, NULL, NULL, 0 };
    cs_etcd_result res;
    char why[512], tmp[64];
    uint32_t err;
    ssize_t put = 0;
    int fd;

    *found = 0;
    if ((err = cs_etcd_txn(s->rep->etcd, NULL, &get, 1, NULL, 0, &res, why, sizeof(why))))
        return etcd_fail(s, err, why);
    if (!res.nkv) {
        cs_etcd_result_free(&res);
        return 0;
    }
    snprintf(tmp, sizeof(tmp), ".%s.etcd.%ld.%d", db_name, (long)getpid(), rand());
    if (!(err = cs__file_open(s, s->dir_fd, "", tmp, O_RDWR | O_CREAT | O_TRUNC, &fd))) {
        put = write(fd, res.kvs[0].value, res.kvs[0].len);
        if (put != (ssize_t)res.kvs[0].len || fsync(fd))
            err = cs__fail(s, CS_ERROR_DISK_FULL, "cannot write the etcd replica in %s: %s", s->dir,
                           put < 0 ? strerror(errno) : "short write");
        close(fd);
        if (!err && renameat2(s->dir_fd, tmp, s->dir_fd, db_name, RENAME_NOREPLACE) && errno != EEXIST)
            err = cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot place the etcd replica in %s: %s", s->dir,
                           strerror(errno));
        unlinkat(s->dir_fd, tmp, 0);
    }
    cs_etcd_result_free(&res);
    *found = !err;
    return err;
}

static uint32_t local_seq(cs_store *s, uint64_t *seq)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT seq FROM " REPLICA_TABLE, "")))
        return err;
    if (!(err = cs__step(s, st, &row)))
        *seq = row ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    cs__done(s, st);
    return err;
}

static uint32_t bootstrap_fn(cs_store *s, void *arg)
{
    (void)arg;
    uint32_t err = cs__exec(s, "CREATE TABLE IF NOT EXISTS " REPLICA_TABLE "(one INTEGER PRIMARY KEY"
                               " CHECK(one = 1), seq INTEGER NOT NULL)", "");

    return err ? err : cs__exec(s, "INSERT OR IGNORE INTO " REPLICA_TABLE " VALUES (1, 0)", "");
}

/* A replica from etcd's snapshot knows its seq; a cluster.db made here is a
 * new cluster, which becomes etcd's snapshot unless another program's got
 * there first (then this one is thrown away: open again to take theirs). */
uint32_t cs__replica_attach(cs_store *s, const char *db_name)
{
    cs_etcd_cmp absent = { s->rep->head, NULL, 0 };
    cs_etcd_op puts[2] = { { 1, s->rep->snapshot, NULL, NULL, 0 }, { 1, s->rep->head, NULL, "0", 1 } };
    cs_etcd_result res;
    sqlite3_int64 size;
    unsigned char *bytes;
    char why[512];
    uint32_t err;
    int known = sqlite3_table_column_metadata(s->db, "main", REPLICA_TABLE, "seq", NULL, NULL, NULL, NULL, NULL)
                == SQLITE_OK;

    if (known) {
        s->rep->attached = 1;
        return 0;
    }
    if ((err = cs__write(s, bootstrap_fn, NULL)))
        return err;
    if (!(bytes = sqlite3_serialize(s->db, "main", &size, 0)))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "cannot copy the new cluster database for etcd");
    puts[0].value = bytes;
    puts[0].len = (size_t)size;
    err = cs_etcd_txn(s->rep->etcd, &absent, puts, 2, NULL, 0, &res, why, sizeof(why));
    sqlite3_free(bytes);
    if (err)
        return etcd_fail(s, err, why);
    s->rep->attached = res.succeeded;
    cs_etcd_result_free(&res);
    if (s->rep->attached)
        return 0;
    unlinkat(s->dir_fd, db_name, 0);
    return etcd_fail(s, CS_ERROR_BUSY, "another program created this cluster at the same moment; open it again");
}

/* Applying our own log in order can meet only what the schema's triggers
 * already did (a node's network interfaces deleted with it): the changeset's
 * result wins.  A constraint broken means the replica is not etcd's. */
static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
    (void)it;
    switch (kind) {
    case SQLITE_CHANGESET_NOTFOUND:
        return SQLITE_CHANGESET_OMIT;
    case SQLITE_CHANGESET_DATA:
    case SQLITE_CHANGESET_CONFLICT:
        return SQLITE_CHANGESET_REPLACE;
    default:
        *(int *)ctx = kind;
        return SQLITE_CHANGESET_ABORT;
    }
}

static uint32_t set_seq(cs_store *s, uint64_t seq)
{
    return cs__exec(s, "UPDATE " REPLICA_TABLE " SET seq = ?", "i", (int64_t)seq);
}

/* The fetched changes after the replica's seq, inside the write transaction. */
/* A log entry that names a changeset stored in pieces (publish) becomes
 * that changeset, in place. */
#define BIG_MARK   "WCBIG1 "
#define BIG_CHANGE (768 * 1024)

static uint32_t big_change(cs_store *s, cs_etcd_kv *kv)
{
    char text[2 * CS_SHA_LEN + 48], hex[2 * CS_SHA_LEN + 1], why[512];
    unsigned long long len;
    unsigned char *data;
    uint32_t err;

    if (kv->len < strlen(BIG_MARK) || memcmp(kv->value, BIG_MARK, strlen(BIG_MARK)))
        return 0;
    if (kv->len >= sizeof(text) || (memcpy(text, kv->value, kv->len), text[kv->len] = 0,
                                    sscanf(text, BIG_MARK "%64s %llu", hex, &len) != 2) ||
        strlen(hex) != 2 * CS_SHA_LEN || !len || len > INT32_MAX)
        return etcd_fail(s, CS_ERROR_FILE_CORRUPT, "a change in the log names its pieces wrongly");
    if ((err = cs__etcd_change_get(s->rep->etcd, s->rep->url.cluster, hex, (size_t)len, &data, why, sizeof(why))))
        return etcd_fail(s, err, why);
    free(kv->value);
    kv->value = data;
    kv->len = (size_t)len;
    return 0;
}

static uint32_t apply_pending(cs_store *s)
{
    cs_etcd_result *p = &s->rep->pending;
    size_t i, plen = strlen(s->rep->log);
    uint64_t seq, at;
    uint32_t err;
    int rc, kind;

    if ((err = local_seq(s, &seq)))
        return err;
    s->rep->base = seq;
    for (i = 0; i < p->nkv; i++) {
        if (strncmp(p->kvs[i].key, s->rep->log, plen))
            continue;
        at = strtoull(p->kvs[i].key + plen, NULL, 10);
        if (at <= seq)
            continue;
        if (at != seq + 1)
            return etcd_fail(s, CS_ERROR_FILE_CORRUPT, "the change log has a gap: remove the replica folder to "
                             "fetch the cluster again");
        kind = 0;
        if ((err = big_change(s, &p->kvs[i])))
            return err;
        rc = sqlite3changeset_apply(s->db, (int)p->kvs[i].len, p->kvs[i].value, NULL, on_conflict, &kind);
        if (rc != SQLITE_OK)
            return kind || rc == SQLITE_ABORT
                       ? cs__fail(s, CS_ERROR_FILE_CORRUPT, "the etcd replica in %s differs from etcd at change %"
                                  PRIu64 " (conflict %d): remove the folder to fetch the cluster again", s->dir, at,
                                  kind)
                       : cs__sqlfail(s, rc, "apply a change from etcd");
        seq = at;
        if ((err = set_seq(s, seq)))
            return err;
    }
    return 0;
}

static int not_replica_table(void *ctx, const char *table)
{
    (void)ctx;
    return strcmp(table, REPLICA_TABLE) != 0;
}

/* The caller's change as one etcd transaction; CS_RETRY with the news
 * fetched when another replica changed the cluster first. */
static uint32_t publish(cs_store *s, sqlite3_session *ses)
{
    cs_replica *r = s->rep;
    char seqtext[24], next[24], key[sizeof(r->log) + 24], from[sizeof(r->log) + 24], *end;
    cs_etcd_cmp guard = { r->head, seqtext, 0 };
    cs_etcd_op puts[2], news[1];
    char bigref[2 * CS_SHA_LEN + 48];
    cs_etcd_result res;
    void *cset = NULL;
    int size = 0, rc;
    uint64_t seq;
    uint32_t err;
    char why[512];

    if ((rc = sqlite3session_changeset(ses, &size, &cset)) != SQLITE_OK)
        return cs__sqlfail(s, rc, "record the change for etcd");
    if (!size) {
        sqlite3_free(cset);
        return 0;
    }
    if ((err = local_seq(s, &seq))) {
        sqlite3_free(cset);
        return err;
    }
    snprintf(seqtext, sizeof(seqtext), "%" PRIu64, seq);
    guard.len = strlen(seqtext);
    snprintf(next, sizeof(next), "%" PRIu64, seq + 1);
    log_key(r, seq + 1, key, sizeof(key));
    /* The news from where a rollback leaves the replica, not from seq. */
    log_key(r, r->base + 1, from, sizeof(from));
    puts[0] = (cs_etcd_op){ 1, key, NULL, cset, (size_t)size };
    /* Too large for one request (etcd takes 1.5 MiB): its pieces first, the
     * log entry a reference to them. */
    if (size > BIG_CHANGE) {
        char hex[2 * CS_SHA_LEN + 1];

        if ((err = cs__etcd_change_put(r->etcd, r->url.cluster, cset, (size_t)size, hex, why, sizeof(why)))) {
            sqlite3_free(cset);
            return etcd_fail(s, err, why);
        }
        snprintf(bigref, sizeof(bigref), BIG_MARK "%s %d", hex, size);
        puts[0].value = bigref;
        puts[0].len = strlen(bigref);
    }
    puts[1] = (cs_etcd_op){ 1, r->head, NULL, next, strlen(next) };
    if (!(end = cs_etcd_prefix_end(r->log))) {
        sqlite3_free(cset);
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    news[0] = (cs_etcd_op){ 0, from, end, NULL, 0 };
    err = cs_etcd_txn(r->etcd, &guard, puts, 2, news, 1, &res, why, sizeof(why));
    free(end);
    sqlite3_free(cset);
    if (err)
        return etcd_fail(s, err, why);
    if (res.succeeded) {
        cs_etcd_result_free(&res);
        return set_seq(s, seq + 1);
    }
    cs_etcd_result_free(&r->pending);
    r->pending = res;
    return CS_RETRY;
}

struct replica_call { cs__txfn fn; void *arg; };

static uint32_t replica_fn(cs_store *s, void *arg)
{
    struct replica_call *c = arg;
    sqlite3_session *ses;
    uint32_t err;
    int rc;

    if ((err = apply_pending(s)))
        return err;
    if ((rc = sqlite3session_create(s->db, "main", &ses)) != SQLITE_OK)
        return cs__sqlfail(s, rc, "record the change for etcd");
    sqlite3session_table_filter(ses, not_replica_table, NULL);
    if ((rc = sqlite3session_attach(ses, NULL)) != SQLITE_OK)
        err = cs__sqlfail(s, rc, "record the change for etcd");
    else if (!(err = c->fn(s, c->arg)))
        err = publish(s, ses);
    sqlite3session_delete(ses);
    return err;
}

uint32_t cs__replica_write(cs_store *s, cs__txfn fn, void *arg, cs__txrun run)
{
    struct replica_call c = { fn, arg };
    uint32_t err;

    /* Until attached the database is being made or fetched: nothing to publish. */
    if (!s->rep->attached)
        return run(s, "BEGIN IMMEDIATE", fn, arg);
    err = run(s, "BEGIN IMMEDIATE", replica_fn, &c);

    if (!err)
        cs_etcd_result_free(&s->rep->pending);
    return err;
}

static uint32_t nothing(cs_store *s, void *arg)
{
    (void)s;
    (void)arg;
    return 0;
}

/* What other replicas changed since the replica's seq, applied:
 * a read on one host sees a write on another at once. */
uint32_t cs__replica_catch_up(cs_store *s, cs__txrun run)
{
    cs_replica *r = s->rep;
    char key[sizeof(r->log) + 24], *end, why[512];
    cs_etcd_op news;
    uint64_t seq;
    uint32_t err;

    if (!r->attached)
        return 0;
    /* The replica's own seq, not one this handle remembers: another program
     * of this host may have brought it further, and a rolled back write less. */
    if ((err = local_seq(s, &seq)))
        return err == CS_RETRY ? 0 : err;  /* a busy replica: the write below will wait for it */
    log_key(r, seq + 1, key, sizeof(key));
    if (!(end = cs_etcd_prefix_end(r->log)))
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    news = (cs_etcd_op){ 0, key, end, NULL, 0 };
    cs_etcd_result_free(&r->pending);
    err = cs_etcd_txn(r->etcd, NULL, &news, 1, NULL, 0, &r->pending, why, sizeof(why));
    free(end);
    if (err)
        return etcd_fail(s, err, why);
    if (!r->pending.nkv)
        return 0;
    return cs__replica_write(s, nothing, NULL, run);
}

/* Node liveness across hosts (docs/etcd.md, "Liveness"): a node's cluster
 * service holds /<CLUSTER>/alive/<id> under a lease it keeps alive each
 * round; a host that vanishes stops keeping it, and etcd deletes the key a
 * TTL later.  Within one host the replica folder's locks say it at once. */
static void alive_key(const cs_replica *r, uint32_t node, char *out, size_t n)
{
    snprintf(out, n, "/%s/alive/%u", r->url.cluster, node);
}

/* 0: the variable is set to something else than 2-3600 seconds. */
static unsigned lease_ttl(void)
{
    const char *t = getenv("WINECLUS_ETCD_TTL");
    char *end;
    long v;

    if (!t)
        return 10;
    v = strtol(t, &end, 10);
    return *t && !*end && v >= 2 && v <= 3600 ? (unsigned)v : 0;
}

/* The name this host gives in its leases: WINECLUS_ETCD_HOST, else its
 * hostname (hosts that share one, as containers may, must set it). */
static void host_name(char *out, size_t n)
{
    const char *h = getenv("WINECLUS_ETCD_HOST");

    out[0] = 0;
    if (h && *h)
        snprintf(out, n, "%s", h);
    else
        gethostname(out, n - 1);
    out[n - 1] = 0;
}

static uint32_t alive_put(cs_store *s)
{
    cs_replica *r = s->rep;
    char key[CS_ETCD_CLUSTER_MAX + 32], who[300], host[256] = "", why[512];
    uint32_t err;
    int len;

    if (!lease_ttl())
        return cs__fail(s, CS_ERROR_BAD_ENVIRONMENT, "WINECLUS_ETCD_TTL must be a number of seconds from 2 to 3600");
    if ((err = cs_etcd_lease_grant(r->etcd, lease_ttl(), &r->lease, why, sizeof(why))))
        return etcd_fail(s, err, why);
    host_name(host, sizeof(host));
    len = snprintf(who, sizeof(who), "%s %d", host, (int)getpid());
    alive_key(r, r->lease_node, key, sizeof(key));
    if ((err = cs_etcd_put_leased(r->etcd, key, who, (size_t)len, r->lease, why, sizeof(why))))
        return etcd_fail(s, err, why);
    clock_gettime(CLOCK_MONOTONIC, &r->lease_kept);
    return 0;
}

uint32_t cs__replica_alive_hold(cs_store *s, uint32_t node)
{
    if (!s->rep)
        return 0;
    s->rep->lease_node = node;
    return alive_put(s);
}

/* A lease that ended (the host was cut off longer than the TTL) is granted
 * anew: the node is up again from this round on. */
uint32_t cs__replica_alive_renew(cs_store *s)
{
    cs_replica *r = s->rep;
    char why[512];
    int64_t ttl;
    uint32_t err;

    if (!r || !r->lease_node)
        return 0;
    if (r->lease && (err = cs_etcd_lease_keepalive(r->etcd, r->lease, &ttl, why, sizeof(why))))
        return etcd_fail(s, err, why);
    if (r->lease && ttl > 0) {
        clock_gettime(CLOCK_MONOTONIC, &r->lease_kept);
        return 0;
    }
    return alive_put(s);
}

/* Half the TTL without a keep-alive: other hosts may soon take this node
 * for down and start its groups' processes, so this host must end its own
 * first (docs/etcd.md, "Liveness"). */
int cs__replica_alive_lost(cs_store *s)
{
    cs_replica *r = s->rep;
    struct timespec now;
    unsigned ttl = lease_ttl();

    if (!r || !r->lease_node)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - r->lease_kept.tv_sec) * 2 >= (time_t)(ttl ? ttl : 10);
}

/* A service that stops says so at once rather than a TTL later. */
void cs__replica_alive_drop(cs_store *s)
{
    cs_replica *r = s->rep;
    char why[512];

    if (!r || !r->lease)
        return;
    cs_etcd_lease_revoke(r->etcd, r->lease, why, sizeof(why)); /* failing that, the TTL ends it */
    r->lease = 0;
    r->lease_node = 0;
}

/* A lease of a service of this very host whose process is gone (kill -9):
 * down now, as the folder's lock says, not a TTL later. */
static int dead_here(const cs_etcd_kv *kv)
{
    char text[300], host[256] = "";
    const char *space;
    long pid;

    if (kv->len >= sizeof(text))
        return 0;
    memcpy(text, kv->value, kv->len);
    text[kv->len] = 0;
    host_name(host, sizeof(host));
    if (!(space = strrchr(text, ' ')) || (size_t)(space - text) != strlen(host) || strncmp(text, host, strlen(host)))
        return 0;
    pid = strtol(space + 1, NULL, 10);
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

uint32_t cs__replica_alive_probe(cs_store *s, uint32_t node, int *up)
{
    cs_replica *r = s->rep;
    char key[CS_ETCD_CLUSTER_MAX + 32], why[512];
    cs_etcd_op get = { 0, key, NULL, NULL, 0 };
    cs_etcd_result res = { 0 };
    uint32_t err;

    *up = 0;
    if (!r)
        return 0;
    alive_key(r, node, key, sizeof(key));
    if ((err = cs_etcd_txn(r->etcd, NULL, &get, 1, NULL, 0, &res, why, sizeof(why))))
        return etcd_fail(s, err, why);
    *up = res.nkv > 0 && !dead_here(&res.kvs[0]);
    cs_etcd_result_free(&res);
    return 0;
}

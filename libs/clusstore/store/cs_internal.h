/* Private to libs/clusstore: the store object and helpers shared by its files. */
#ifndef WINECLUS_CS_INTERNAL_H
#define WINECLUS_CS_INTERNAL_H

#include "clusstore.h"
#include <limits.h>
#include <sqlite3.h>
#include <sys/stat.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* Returned by helpers when SQLite said BUSY/LOCKED: the transaction runner
 * rolls back and retries, so this value never leaves the library. */
#define CS_RETRY 0xFFFFFFF0u

/* Prepared statements kept for reuse (cs_sql.c). */
#define CS__STMT_CACHE 48

/* A checkpoint a hive without our key listed (Resources\<GUID>\RegSync or
 * CryptoSync, as Windows writes it), with the number its file has there. */
typedef struct cs__listed {
    char     res[CS_GUID_MAX];
    int      kind;
    uint32_t number;
    char     key[CS_PATH_MAX];
} cs__listed;

struct cs_store {
    sqlite3 *db;
    sqlite3_stmt *stmt_cache[CS__STMT_CACHE];
    unsigned char stmt_busy[CS__STMT_CACHE];
    uint64_t stmt_used[CS__STMT_CACHE];  /* stmt_clock at the last use */
    uint64_t stmt_clock;
    char     dir[PATH_MAX];
    int      dir_fd;        /* the store's folder, checked ours alone (cs_storedir.c) */
    char     err[1024];
    /* cs_set_lock_wait_notice: told once when a backup or restore waits. */
    void   (*lock_wait)(void *ctx, const char *dir, const char *holder);
    void    *lock_wait_ctx;
    int      in_snapshot;
    uint32_t joined_node;
    int      join_fd;
    int      service_fd;    /* nodes/<id>.service, locked while this store is the node's service */
    int      contents_fd;   /* contents/: checkpoint contents by digest (cs_blobs.c) */
    int      tmp_fd;        /* contents/tmp/: contents being written */
    int      free_fd;       /* contents/free/: emptied files kept for reuse */
    int      lock_fd;       /* contents/.lock: shared by transactions, exclusive to the collector */
    unsigned shared;        /* nesting depth of cs__share */
    int      events_fd;     /* events/: the tick and the watchers' pins (cs_watch.c) */
    int      tick_fd;       /* events/tick, written after each commit */
    struct cs_replica *rep; /* a store on etcd: the replica's link to it (cs_replica.c), else NULL */
    cs__listed *listed;     /* what the last hive loaded listed (cs_hiveread.c); none for a hive with our key */
    size_t      nlisted;
};

struct cs_blob {
    cs_store *s;
    int       fd;
    uint64_t  size;
};

#if defined(__GNUC__) || defined(__clang__)
#define CS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CS_PRINTF(a, b)
#endif

/* cs_error.c */
uint32_t cs__fail(cs_store *s, uint32_t code, const char *fmt, ...) CS_PRINTF(3, 4);
uint32_t cs__sqlfail(cs_store *s, int rc, const char *what);
uint32_t cs__sqlfail_reading(cs_store *s, int rc, const char *what);
void     cs__clear(cs_store *s);

/* cs_sql.c: bind types are 't' text, 'n' text or NULL, 'i' int64, 'b' blob (ptr, size_t). */
uint32_t cs__prep(cs_store *s, sqlite3_stmt **st, const char *sql, const char *types, ...);
uint32_t cs__exec(cs_store *s, const char *sql, const char *types, ...);
/* Every statement from cs__prep goes back through cs__done, never sqlite3_finalize. */
void     cs__done(cs_store *s, sqlite3_stmt *st);
void     cs__stmt_cache_clear(cs_store *s);
/* Steps once: 0 with *row=1 (row), 0 with *row=0 (done), or an error. */
uint32_t cs__step(cs_store *s, sqlite3_stmt *st, int *row);
void     cs__copy(char *dst, size_t n, const unsigned char *src);

/* cs_txn.c */
typedef uint32_t (*cs__txfn)(cs_store *s, void *arg);
uint32_t cs__write(cs_store *s, cs__txfn fn, void *arg);
uint32_t cs__read(cs_store *s, cs__txfn fn, void *arg);
/* Bring an etcd replica up to date (nothing for a folder store). */
uint32_t cs__sync(cs_store *s);
/* The transaction runner, as the replica calls it: begin, fn, commit, retried. */
typedef uint32_t (*cs__txrun)(cs_store *s, const char *begin, cs__txfn fn, void *arg);

/* cs_replica.c: the seam to the etcd backend (docs/etcd.md).  connect sets
 * s->dir to the replica's folder; fetch places etcd's snapshot as db_name
 * there when the replica has none; attach, once the database is open, makes
 * a new one etcd's cluster.  Then every write goes through replica_write. */
uint32_t cs__replica_connect(cs_store *s, const char *url);
/* The replica folder is this cluster's (its mark names it), or made so
 * when empty: never another cluster's database taken for this one. */
uint32_t cs__replica_claim(cs_store *s, int has_db);
uint32_t cs__replica_fetch(cs_store *s, const char *db_name, int *found);
uint32_t cs__replica_attach(cs_store *s, const char *db_name);
uint32_t cs__replica_write(cs_store *s, cs__txfn fn, void *arg, cs__txrun run);
uint32_t cs__replica_catch_up(cs_store *s, cs__txrun run);
void     cs__replica_close(cs_store *s);
/* Node liveness on etcd: the service holds its node's lease (hold, then
 * renew each round, drop at its end); probe asks whether a node's is held. */
uint32_t cs__replica_alive_hold(cs_store *s, uint32_t node);
uint32_t cs__replica_alive_renew(cs_store *s);
void     cs__replica_alive_drop(cs_store *s);
uint32_t cs__replica_alive_probe(cs_store *s, uint32_t node, int *up);
int      cs__replica_alive_lost(cs_store *s);
/* etcd/cs_etcdfollow.c: for a watcher of a store on etcd, a thread that
 * writes a byte to tick_fd (events/tick, taken over, closed by stop) at each
 * change of the cluster, whichever host made it. */
typedef struct cs__follow cs__follow;
uint32_t cs__replica_follow_start(cs_store *s, int tick_fd, cs__follow **out);
void     cs__replica_follow_stop(cs__follow *f);
/* store/cs_open.c's rule for a store's name: does text name a store on etcd,
 * and is it a valid one (else 10, why says what is wrong). */
int      cs__replica_is_url(const char *text);
uint32_t cs__replica_check_url(const char *text, char *why, size_t n);

/* hive/cs_hivesnap.c: a chk hive whose first len bytes are in head
 * (malloc'd, cap bytes, taken over), the rest from rd (NULL: no more),
 * loaded into the store as cs_load.c loads a dump. */
uint32_t cs__hive_load_stream(cs_store *s, unsigned char *head, size_t len, size_t cap, cs_read_fn rd, void *ctx,
                              unsigned flags);

/* cs_log.c: appends a quorum log record inside the current write transaction. */
uint32_t cs__log(cs_store *s, const char *op, const char *object, const char *fmt, ...) CS_PRINTF(4, 5);
uint32_t cs__checkpoint(cs_store *s);
/* The seq of the last record (0 if the cluster row is missing). */
uint32_t cs__log_seq(cs_store *s, uint64_t *seq);
/* Each log record after since, in order, inside the caller's transaction:
 * fn's nonzero code ends the walk and is returned, but CS__LOG_STOP is 0. */
#define CS__LOG_STOP 0xffffffffu
typedef uint32_t (*cs__log_each_fn)(void *ctx, const cs_log_record *rec);
uint32_t cs__log_each(cs_store *s, uint64_t since, cs__log_each_fn fn, void *ctx);

/* cs_events.c: the events of the records after since, handed to fn once
 * the read has ended well; *last is the seq read up to. */
uint32_t cs__events_read(cs_store *s, uint64_t since, cs_event_fn fn, void *ctx, uint64_t *last);
/* cs_watch.c: wake the watchers after a commit; the oldest seq a live
 * watcher still needs (at most CS_EVENTS_KEEP records back), else log_seq. */
void     cs__events_touch(cs_store *s);
uint64_t cs__events_keep(cs_store *s, uint64_t log_seq);

/* cs_storedir.c: the store's folders and files under their folder's fd;
 * rel is the folder's path inside the store ("" for the store's own), for
 * messages.  A folder must be ours and writable by no one else. */
uint32_t cs__dir_trusted(cs_store *s, int fd, const char *rel);
/* Subfolder name of dfd (made 0700 if create and missing), trusted. */
uint32_t cs__dir_open(cs_store *s, int dfd, const char *rel, const char *name, int create, int *fd);
/* A regular file under dfd: flags as open(2); with O_CREAT a file made
 * here is 0600.  Missing: FILE_NOT_FOUND; anything else there: FILE_CORRUPT. */
uint32_t cs__file_open(cs_store *s, int dfd, const char *rel, const char *name, int flags, int *fd);
/* A file the store writes in place: regular, ours, with no other name. */
uint32_t cs__file_check(cs_store *s, int dfd, const char *rel, const char *name);

/* cs_blobs.c: checkpoint contents as files named by their SHA-256. */
#define CS_SHA_LEN 32
/* One set of contents files being written, named, then referred to. */
typedef struct cs__staged {
    char          tmp[40];
    unsigned char sha[CS_SHA_LEN];
    int           named, renamed;
} cs__staged;
typedef struct cs_stage {
    cs__staged *f;
    size_t      n, cap;
    char      (*pool)[2 * CS_SHA_LEN + 1]; /* names in contents/free/, read once */
    size_t      npool;
    int         pool_read;
} cs_stage;
/* Lowercase hex of a digest: a contents file's name, a manifest's field. */
void     cs__sha_hex(const unsigned char sha[CS_SHA_LEN], char out[2 * CS_SHA_LEN + 1]);
/* cs_etcdblobs.c: checkpoint contents of a cluster on etcd.  push copies
 * contents/<sha> into etcd unless there already; fetch makes the file from
 * etcd's copy (checked against sha and size). */
uint32_t cs__replica_blob_push(cs_store *s, const unsigned char sha[CS_SHA_LEN]);
uint32_t cs__replica_blob_fetch(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size);
uint32_t cs__blobs_open(cs_store *s);
void     cs__blobs_close(cs_store *s);
/* contents/.lock shared, nested; every transaction runs inside one. */
uint32_t cs__share(cs_store *s);
void     cs__unshare(cs_store *s);
/* Remove the contents files no row names, if no one else is in the store. */
void     cs__blobs_collect(cs_store *s, int at_open);
/* Contents with this digest and size are in the store (empty ones always are). */
int      cs__blob_have(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size);
/* The file of contents a row names, checked against its size. */
uint32_t cs__blob_open(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size, int *fd);
uint32_t cs__stage_begin(cs_store *s, cs_stage *st);
/* DISK_FULL, before anything is written, if bytes more cannot fit. */
uint32_t cs__stage_room(cs_store *s, uint64_t bytes);
/* A file in contents/tmp/ for the caller to write size bytes into and
 * close: entry *idx (new, or one from free/ cut to size). */
uint32_t cs__stage_create(cs_store *s, cs_stage *st, uint64_t size, int *fd, size_t *idx);
/* size bytes from rd into the stage, hashed into sha; with known (their
 * digest beforehand) nothing is written if the store has them. */
uint32_t cs__stage_stream(cs_store *s, cs_stage *st, uint64_t size, cs_read_fn rd, void *ctx,
                          const unsigned char *known, unsigned char sha[CS_SHA_LEN]);
void     cs__stage_named(cs_stage *st, size_t idx, const unsigned char sha[CS_SHA_LEN]);
/* Make the named files durable (syncfs: they were written but not synced),
 * list them as pending, and rename them to their digests. */
uint32_t cs__stage_commit(cs_store *s, cs_stage *st, int syncfs);
/* Remove what was not committed, leave the lock, collect. */
void     cs__stage_end(cs_store *s, cs_stage *st);
/* Move version 2 contents out of ckpt_data into files (inside the upgrade). */
uint32_t cs__blobs_migrate(cs_store *s);
/* cs_read_fn over a buffer. */
typedef struct cs__mem {
    const unsigned char *p;
    size_t               left;
} cs__mem;
uint32_t cs__read_mem(void *ctx, void *buf, size_t cap, size_t *got);
/* Turn version 5 registry contents (WCREG1 streams) into hives (inside the upgrade). */
uint32_t cs__ckpt_hive_migrate(cs_store *s);
/* A checkpoint's contents (size bytes, digest sha) whole into *out (malloc'd),
 * checked against the digest; key names it in errors. */
uint32_t cs__ckpt_read(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size, const char *key, void **out);

/* cs_ckptdata.c: the row naming a checkpoint's contents. */
uint32_t cs__ckpt_data_put(cs_store *s, const char *res, int kind, const char *key, uint64_t size,
                           const unsigned char sha[CS_SHA_LEN]);

/* cs_util.c */
uint32_t cs__new_guid(cs_store *s, char out[CS_GUID_MAX]);
/* Lowercase GUID without braces into out; 0 if text is not a GUID. */
int      cs__norm_guid(const char *text, char out[CS_GUID_MAX]);
/* The one rule for every string the store keeps (docs/store-format.md,
 * "Names"): UTF-8 without control characters, min..max bytes.  0 when text
 * keeps it, else why it does not ("is empty") and the error a caller gets:
 * 87 for the length, 123 for the characters. */
uint32_t cs__text_flaw(const char *text, size_t min, size_t max, char *why, size_t n);
uint32_t cs__check_text(cs_store *s, const char *what, const char *text, size_t min, size_t max);
/* Cut a character that vsnprintf left half at the end of text. */
void     cs__utf8_cut(char *text);
/* An object name: 1..CS_NAME_MAX-1 bytes. */
uint32_t cs__check_name(cs_store *s, const char *what, const char *name);
/* text for a message: its start, with control characters, '%' and bytes
 * that are not UTF-8 as %XX, and its length when cut. */
void     cs__escape(char *out, size_t n, const char *text);
#define CS_ESCAPE_MAX (48 * 3 + 32)
void     cs__host_name(char *buf, size_t n);
int64_t  cs__now(void);

/* cs_liveness.c: nodes/<id>.<suffix>, made if create (nodes/ too); without
 * create, a missing one is *fd -1 and no error. */
uint32_t cs__node_file(cs_store *s, uint32_t id, const char *suffix, int create, int *fd);
/* flock(2), again after a signal. */
int      cs__flock(int fd, int op);
/* cs_service.c: leave the node's service lock (cs_close). */
void     cs__service_release(cs_store *s);

/* cs_lookup.c: resolve names inside a transaction. */
uint32_t cs__res_lookup(cs_store *s, const char *name_or_id, cs_resource *out);
/* cs_state.c: cs_resource_finish_online(ok), inside the caller's write transaction. */
uint32_t cs__res_finish(cs_store *s, const char *res);
/* cs_handover.c: the records of this service's node go (its claim: a predecessor's processes died with it). */
uint32_t cs__running_forget_node(cs_store *s, uint32_t node);
uint32_t cs__group_lookup(cs_store *s, const char *name_or_id, cs_group *out);
uint32_t cs__node_lookup(cs_store *s, uint32_t id, cs_node *out);
/* cs_node.c: store a node's state and log it (node.state), inside a write transaction. */
uint32_t cs__node_store_state(cs_store *s, const cs_node *n, int state);
void     cs__res_row(sqlite3_stmt *st, cs_resource *r);
#define CS_RES_COLUMNS "r.id, r.name, r.type, g.name, r.owner, r.state"
#define CS_RES_FROM    " FROM resource r JOIN grp g ON g.id = r.grp "

/* cs_load.c: cs_snapshot_load's body inside the caller's write transaction
 * (the backup restore adds checkpoint contents in the same transaction). */
uint32_t cs__load_in_txn(cs_store *s, cs_read_fn rd, void *ctx, unsigned flags);

/* cs_lockholder.c: who holds a flock on the file st describes, as
 * "pid N (user U, command C)" (and how many others share it), or a
 * sentence saying why that is not known. */
void     cs__lock_holder(const struct stat *st, char *out, size_t size);

/* The cluster registry keeps private properties as values of the resource's
 * Parameters key: the one mapping between CLUSPROP_FORMAT_* and REG_* (a
 * LONG is a REG_DWORD, as in Windows' registry, and reads back as DWORD). */
#define CS__SQL_PARAMETERS(res) "('Resources\\' || " res " || '\\Parameters')"
#define CS__SQL_REGTYPE_OF_FORMAT(f) \
    "(CASE " f " WHEN 1 THEN 3 WHEN 2 THEN 4 WHEN 3 THEN 1 WHEN 4 THEN 2 WHEN 5 THEN 7 WHEN 6 THEN 11 WHEN 7 THEN 4 END)"
#define CS__SQL_FORMAT_OF_REGTYPE(t) \
    "(CASE " t " WHEN 1 THEN 3 WHEN 2 THEN 4 WHEN 4 THEN 2 WHEN 7 THEN 5 WHEN 11 THEN 6 ELSE 1 END)"

/* What a new cluster is (cs__schema_create), and what a restored hive
 * without our key gets: Server 2003 SP2, CLUSTER_MAKE_VERSION(NT51_MAJOR_VERSION
 * = 4, 3790), its default quorum path. */
#define CS_W2K3_CLUSTER_VERSION ((4u << 16) | 3790u)
#define CS_W2K3_MAJOR 5
#define CS_W2K3_MINOR 2
#define CS_W2K3_BUILD 3790
#define CS_W2K3_CSD "Service Pack 2"
#define CS_DEFAULT_QUORUM_PATH "C:\\WINDOWS\\cluster\\MSCS\\"

/* cs_regpath.c: what a registry path names, resolved inside a transaction. */
enum cs__regkind {
    CS__REG_ROOT,    /* the cluster root */
    CS__REG_CLASS,   /* Groups, Resources, ResourceTypes, Nodes, Networks, NetworkInterfaces */
    CS__REG_OBJECT,  /* one object's key, or Quorum */
    CS__REG_PARAMS,  /* a resource's Parameters */
    CS__REG_STORED,  /* a key made through the registry (a regkey row) */
};
typedef struct cs__regpath {
    char path[CS_PATH_MAX];       /* as the store spells it */
    enum cs__regkind kind;
    int  cls;                     /* index of the class (cs__reg_class_name), -1 for none */
    char object[CS_NAME_MAX];     /* the object's id (GUID, node id, type name), "" for none */
    int  exists;                  /* 0: a stored key that is not there (yet) */
    int  created;                 /* create: a stored key was made */
} cs__regpath;
enum { CS__CLS_GROUPS, CS__CLS_RESOURCES, CS__CLS_TYPES, CS__CLS_NODES, CS__CLS_NETWORKS, CS__CLS_NETIFS,
       CS__CLS_QUORUM, CS__CLS_COUNT };
/* A checkpoint's file in a backup set (<GUID>\00000001.CPT) and its value
 * in the set's Resources\<GUID>\RegSync or CryptoSync: numbered from 1 for
 * each resource and kind, in cs_checkpoint_list's order (res, kind, key).
 * prev_res: the checkpoint before in that order, NULL for the first. */
uint32_t cs__ckpt_file_number(const char *res, int kind, const char *prev_res, int prev_kind, uint32_t prev);
#define CS_CKPT_FILE_STEM "%08X"

const char *cs__reg_class_name(int cls);
/* The class a root key's name is, or -1. */
int         cs__reg_class_of(const char *name);
/* Check and resolve text; a missing object or a missing key above the last
 * component -> FILE_NOT_FOUND; the last one missing -> 0 with exists = 0.
 * With create (in a write transaction) missing keys are made instead. */
uint32_t cs__reg_resolve(cs_store *s, const char *text, cs__regpath *out, int create);
/* Every regkey and regval row hangs from a key that exists (a dump's check). */
uint32_t cs__reg_check_rows(cs_store *s, const char **why);

/* cs_prefowners.c: drop an evicted node from every group's preferred
 * owners, so that a node later given its id does not inherit them. */
uint32_t cs__preferred_forget(cs_store *s, uint32_t node);
/* A group's preferred owners' ids (nodes or not), malloc'd; NULL and 0 if none. */
uint32_t cs__preferred_ids(cs_store *s, const char *group_id, uint32_t **ids, size_t *n);

/* cs_owners.c: *yes = 1 if node may host r. */
uint32_t cs__res_can_host(cs_store *s, const cs_resource *r, uint32_t node, int *yes);

/* The one place a state or owner is written, logged, inside a write
 * transaction: cs_resource.c, cs_group.c. */
uint32_t cs__res_put_state(cs_store *s, const cs_resource *r, int state);
uint32_t cs__group_put_state(cs_store *s, const cs_group *g, int state);
uint32_t cs__group_put_owner(cs_store *s, const cs_group *g, const cs_node *n);

/* cs_regvalue.c: values made from typed columns. */
int      cs__reg_is_synthetic(const cs__regpath *p, const char *name);
/* A value's name and bytes fit the registry: 0, else the check's error. */
uint32_t cs__reg_check_value(cs_store *s, const char *name, uint32_t type, const void *data, size_t size);
/* Data of a REG_* type there (size bytes), within CS_REG_DATA_MAX in its hive form: else 87. */
uint32_t cs__reg_check_data(cs_store *s, uint32_t type, const void *data, size_t size);
/* The REG_* type a CS_PROP_* format is kept as (CS_REG_NONE for none). */
uint32_t cs__prop_reg_type(uint32_t format);
/* Write one value of the resolved key p (in a write transaction), refusing a
 * class key or a value made from the object's columns; logged. */
uint32_t cs__reg_put(cs_store *s, const cs__regpath *p, const char *name, uint32_t type, const void *data,
                     size_t size);

/* cs_schema.c */
uint32_t cs__schema_create(cs_store *s, const char *cluster, const char *node);
uint32_t cs__schema_upgrade(cs_store *s);

/* cs_list.c: growable arrays of fixed-size structs. */
typedef struct { void *items; size_t n, cap, size; } cs__vec;
uint32_t cs__vec_push(cs_store *s, cs__vec *v, const void *item);
/* Run a read that fills v (reached through arg) and hand the items to *arr
 * (a pointer to the caller's array pointer) and *n; nothing on failure. */
uint32_t cs__read_vec(cs_store *s, cs__txfn fn, void *arg, cs__vec *v, void *arr, size_t *n);
/* cs_node.c: every node, by id, into v (emptied first: a retried transaction starts again). */
uint32_t cs__node_rows(cs_store *s, cs__vec *v);

#endif

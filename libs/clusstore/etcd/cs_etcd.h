/* The etcd backend (docs/etcd.md): its URL, its client, its replica.
 * Private to libs/clusstore, and to the unit tests of the client. */
#ifndef WINECLUS_CS_ETCD_H
#define WINECLUS_CS_ETCD_H

#include <stddef.h>
#include <stdint.h>

#define CS_ETCD_ENDPOINTS_MAX 8
#define CS_ETCD_HOST_MAX      256
#define CS_ETCD_CLUSTER_MAX   64

typedef struct cs_etcd_url {
    int      tls;                                   /* etcds:// */
    unsigned n;                                     /* endpoints */
    char     host[CS_ETCD_ENDPOINTS_MAX][CS_ETCD_HOST_MAX]; /* as written; [v6] keeps its brackets */
    unsigned port[CS_ETCD_ENDPOINTS_MAX];
    char     cluster[CS_ETCD_CLUSTER_MAX];
} cs_etcd_url;

/* cs_etcdurl.c: text names an etcd store (starts etcd:// or etcds://). */
int      cs_etcd_is_url(const char *text);
/* etcd[s]://HOST:PORT[,HOST:PORT...]/CLUSTER; else BAD_ENVIRONMENT with why. */
uint32_t cs_etcd_parse_url(const char *text, cs_etcd_url *u, char *why, size_t n);

/* cs_etcdhttp.c: the etcd v3 JSON gateway over libcurl.  Every call fails
 * with a Windows error code and a sentence in err: DATABASE_FAILURE when no
 * endpoint answers, ACCESS_DENIED when etcd refuses the credentials. */
typedef struct cs_etcd cs_etcd;
typedef struct cs_etcd_kv {
    char          *key;
    unsigned char *value;
    size_t         len;
    int64_t        mod_rev;
} cs_etcd_kv;
/* One request of a transaction: a put of value, or a range [key, end)
 * (end NULL: the key alone). */
typedef struct cs_etcd_op {
    int            put;
    const char    *key;
    const char    *end;
    const void    *value;
    size_t         len;
} cs_etcd_op;
/* The one guard a transaction may have: key's value equals value, or
 * (value NULL) key does not exist. */
typedef struct cs_etcd_cmp {
    const char    *key;
    const void    *value;
    size_t         len;
} cs_etcd_cmp;
typedef struct cs_etcd_result {
    int         succeeded;
    int64_t     revision;   /* etcd's revision after the transaction */
    cs_etcd_kv *kvs;        /* every range's keys, in request order */
    size_t      nkv;
} cs_etcd_result;

uint32_t cs_etcd_connect(const cs_etcd_url *u, cs_etcd **out, char *err, size_t n);
void     cs_etcd_free(cs_etcd *c);
/* cmp NULL: unconditional.  success runs if the guard holds, failure if not. */
uint32_t cs_etcd_txn(cs_etcd *c, const cs_etcd_cmp *cmp, const cs_etcd_op *success, size_t nsuccess,
                     const cs_etcd_op *failure, size_t nfailure, cs_etcd_result *res, char *err, size_t n);
void     cs_etcd_result_free(cs_etcd_result *res);
/* Leases (etcd ends a lease, and deletes its keys, ttl seconds after its
 * last keep-alive).  keepalive's *ttl is 0 when the lease has ended. */
uint32_t cs_etcd_lease_grant(cs_etcd *c, unsigned ttl, int64_t *id, char *err, size_t n);
uint32_t cs_etcd_lease_keepalive(cs_etcd *c, int64_t id, int64_t *ttl, char *err, size_t n);
uint32_t cs_etcd_lease_revoke(cs_etcd *c, int64_t id, char *err, size_t n);
/* key = value, deleted with the lease when it ends. */
uint32_t cs_etcd_put_leased(cs_etcd *c, const char *key, const void *value, size_t len, int64_t lease, char *err,
                            size_t n);
/* Follows key until *stop (checked about once a second) or the stream
 * ends: fn(ctx, 0) once the watch is made, fn(ctx, 1) at each change of the
 * key.  0 when stopped; an error when no endpoint took the watch or the
 * stream broke. */
typedef void (*cs_etcd_watch_fn)(void *ctx, int changed);
uint32_t cs_etcd_watch(cs_etcd *c, const char *key, cs_etcd_watch_fn fn, void *ctx, const volatile int *stop,
                       char *err, size_t n);
/* The end of the range of every key starting with prefix, malloc'd. */
char    *cs_etcd_prefix_end(const char *prefix);

/* What the etcd folder's files share beyond cs_internal.h's seam (the
 * store's side never sees a cs_etcd). */
struct cs_store;
/* cs_replica.c: the replica's etcd client and cluster name (NULL: a folder
 * store); a new connection of its own and the key of the cluster's head,
 * which every change moves, for the follower thread. */
cs_etcd *cs__replica_etcd(struct cs_store *s, const char **cluster);
uint32_t cs__replica_follow_client(struct cs_store *s, cs_etcd **out, char *key, size_t n);
/* cs_etcdblobs.c: a changeset too large for one etcd request, in pieces
 * named by its SHA-256 (hex); get checks it against the name. */
uint32_t cs__etcd_change_put(cs_etcd *c, const char *cluster, const void *data, size_t len, char hex[65], char *why,
                             size_t n);
uint32_t cs__etcd_change_get(cs_etcd *c, const char *cluster, const char *hex, size_t len, unsigned char **out,
                             char *why, size_t n);

#endif

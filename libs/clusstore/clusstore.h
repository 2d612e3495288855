/*
 * clusstore: the Windows Server 2003 cluster database, kept in SQLite.
 *
 * Host-side plain C shared by the winelib clusapi module and the wineclus
 * tool.  Strings are UTF-8.  Every fallible function returns a Windows
 * system error code (0 = success) so the Win32 layer can pass it through
 * unchanged; cs_errmsg() then holds a human-readable detail.
 *
 * Thread model: one cs_store per thread.  Many processes may open the same
 * folder at once; every mutating call is one SQLite transaction.
 */
#ifndef WINECLUS_CLUSSTORE_H
#define WINECLUS_CLUSSTORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Windows system error codes (values from winerror.h). */
#define CS_ERROR_SUCCESS                        0u
#define CS_ERROR_FILE_NOT_FOUND                 2u
#define CS_ERROR_PATH_NOT_FOUND                 3u
#define CS_ERROR_ACCESS_DENIED                  5u
#define CS_ERROR_INVALID_HANDLE                 6u
#define CS_ERROR_NOT_ENOUGH_MEMORY              8u
#define CS_ERROR_BAD_ENVIRONMENT                10u
#define CS_ERROR_INVALID_DATA                   13u
#define CS_ERROR_NOT_SUPPORTED                  50u
#define CS_ERROR_DUP_NAME                       52u
#define CS_ERROR_SHARING_PAUSED                 70u
#define CS_ERROR_INVALID_PARAMETER              87u
#define CS_ERROR_DISK_FULL                      112u
#define CS_ERROR_INVALID_NAME                   123u
#define CS_ERROR_MOD_NOT_FOUND                  126u
#define CS_ERROR_DIR_NOT_EMPTY                  145u
#define CS_ERROR_BUSY                           170u
#define CS_ERROR_ALREADY_EXISTS                 183u
#define CS_ERROR_MORE_DATA                      234u
#define CS_ERROR_NO_MORE_ITEMS                  259u
#define CS_ERROR_IO_PENDING                     997u
#define CS_ERROR_CIRCULAR_DEPENDENCY            1059u
#define CS_ERROR_REVISION_MISMATCH              1306u
#define CS_ERROR_FILE_CORRUPT                   1392u
#define CS_ERROR_DATABASE_FAILURE               4313u
#define CS_ERROR_DEPENDENT_RESOURCE_EXISTS      5001u
#define CS_ERROR_DEPENDENCY_NOT_FOUND           5002u
#define CS_ERROR_DEPENDENCY_ALREADY_EXISTS      5003u
#define CS_ERROR_RESOURCE_NOT_ONLINE            5004u
#define CS_ERROR_HOST_NODE_NOT_AVAILABLE        5005u
#define CS_ERROR_RESOURCE_NOT_FOUND             5007u
#define CS_ERROR_CANT_EVICT_ACTIVE_NODE         5009u
#define CS_ERROR_OBJECT_ALREADY_EXISTS          5010u
#define CS_ERROR_GROUP_NOT_FOUND                5013u
#define CS_ERROR_HOST_NODE_NOT_RESOURCE_OWNER   5015u
#define CS_ERROR_RESOURCE_ONLINE                5019u
#define CS_ERROR_QUORUM_RESOURCE                5020u
#define CS_ERROR_NOT_QUORUM_CAPABLE             5021u
#define CS_ERROR_INVALID_STATE                  5023u
#define CS_ERROR_RESOURCE_PROPERTIES_STORED     5024u
#define CS_ERROR_CLUSTER_NODE_EXISTS            5040u
#define CS_ERROR_CLUSTER_NODE_NOT_FOUND         5042u
#define CS_ERROR_CLUSTER_NETWORK_NOT_FOUND      5045u
#define CS_ERROR_CLUSTER_NETINTERFACE_NOT_FOUND 5047u
#define CS_ERROR_CLUSTER_NODE_DOWN              5050u
#define CS_ERROR_CLUSTER_NODE_NOT_PAUSED        5058u
#define CS_ERROR_DEPENDENCY_NOT_ALLOWED         5069u
#define CS_ERROR_CLUSTER_NODE_PAUSED            5070u
#define CS_ERROR_NODE_CANT_HOST_RESOURCE        5071u
#define CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND 5078u
#define CS_ERROR_DATABASE_BACKUP_CORRUPT        5087u

/* Fixed buffer sizes (bytes, including the NUL). */
#define CS_NAME_MAX   256   /* object names, type names, dll names */
#define CS_GUID_MAX   37    /* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" */
#define CS_PATH_MAX   1024  /* quorum path, checkpoint keys */
#define CS_TEXT_MAX   512   /* log detail, CSD version */

/* Length of the UTF-8 character at text (1 for its NUL), its code point in
 * *cp (may be NULL); 0 when the bytes there are not UTF-8 (overlong forms
 * and surrogates included).  Every string the store keeps is UTF-8. */
size_t cs_utf8_next(const char *text, uint32_t *cp);
/* What the store refuses in names and every other string: C0, DEL and C1. */
#define CS_IS_CONTROL(cp) ((cp) < 0x20 || ((cp) >= 0x7f && (cp) <= 0x9f))

/* Schema version this build writes (PRAGMA user_version). */
#define CS_SCHEMA_VERSION 7
/* Version of the text dump format this build writes (docs/store-format.md);
 * it reads every version from 1. */
#define CS_DUMP_FORMAT_VERSION 3

/* Smallest accepted maximum quorum log size, and the Server 2003 default. */
#define CS_QUORUM_LOG_MIN     32768u
#define CS_QUORUM_LOG_DEFAULT 4194304u

/* Object states: the clusapi.h numeric values, stored unchanged. */
enum { CS_NODE_UP = 0, CS_NODE_DOWN = 1, CS_NODE_PAUSED = 2, CS_NODE_JOINING = 3 };
enum { CS_GROUP_ONLINE = 0, CS_GROUP_OFFLINE = 1, CS_GROUP_FAILED = 2,
       CS_GROUP_PARTIAL_ONLINE = 3, CS_GROUP_PENDING = 4 };
enum { CS_RES_INHERITED = 0, CS_RES_INITIALIZING = 1, CS_RES_ONLINE = 2,
       CS_RES_OFFLINE = 3, CS_RES_FAILED = 4, CS_RES_PENDING = 128,
       CS_RES_ONLINE_PENDING = 129, CS_RES_OFFLINE_PENDING = 130 };

/* Private property formats: the CLUSPROP_FORMAT_* values.  Data is opaque
 * bytes; by convention SZ/EXPAND_SZ are UTF-8 with their NUL and MULTI_SZ is
 * UTF-8 strings each NUL-terminated plus a final NUL. */
enum { CS_PROP_BINARY = 1, CS_PROP_DWORD = 2, CS_PROP_SZ = 3,
       CS_PROP_EXPAND_SZ = 4, CS_PROP_MULTI_SZ = 5, CS_PROP_ULARGE_INTEGER = 6,
       CS_PROP_LONG = 7 };

/* Checkpoint kinds. */
enum { CS_CKPT_REGISTRY = 1, CS_CKPT_CRYPTO = 2 };

/* Flags for cs_snapshot_load. */
#define CS_LOAD_EXACT 1u  /* replica: no "restore" record, no generation bump */

typedef struct cs_store cs_store;
typedef struct cs_blob cs_blob;

typedef struct cs_cluster {
    char     name[CS_NAME_MAX];
    char     id[CS_GUID_MAX];               /* cluster instance GUID */
    char     quorum_resource[CS_GUID_MAX];  /* quorum resource GUID */
    char     quorum_path[CS_PATH_MAX];      /* e.g. "C:\WINDOWS\cluster\MSCS\" */
    uint32_t max_log_size;                  /* bytes */
    uint32_t highest_version;               /* CLUSTER_MAKE_VERSION(major, build) */
    uint32_t lowest_version;
    uint16_t major_version, minor_version, build_number; /* 5.2.3790 */
    char     csd_version[CS_TEXT_MAX];      /* "Service Pack 2" */
    uint64_t log_seq;                       /* sequence of the last log record */
    uint64_t log_bytes;                     /* bytes in the log since the checkpoint */
    uint64_t checkpoint_seq;                /* last seq included in the newest checkpoint */
} cs_cluster;

typedef struct cs_node {
    uint32_t id;                  /* from 1 */
    char     name[CS_NAME_MAX];
    int      state;               /* CS_NODE_*, as stored; see cs_node_is_up */
} cs_node;

typedef struct cs_group {
    char     id[CS_GUID_MAX];
    char     name[CS_NAME_MAX];
    uint32_t owner_node;
    int      state;               /* CS_GROUP_* */
} cs_group;

typedef struct cs_restype {
    char name[CS_NAME_MAX];
    char display_name[CS_NAME_MAX];
    char dll_name[CS_NAME_MAX];
} cs_restype;

typedef struct cs_resource {
    char     id[CS_GUID_MAX];     /* lowercase 8-4-4-4-12 */
    char     name[CS_NAME_MAX];
    char     type[CS_NAME_MAX];
    char     group[CS_NAME_MAX];  /* owning group's name */
    uint32_t owner_node;
    int      state;               /* CS_RES_* */
} cs_resource;

/* One private property; data points into the same allocation as the array. */
typedef struct cs_property {
    char        name[CS_NAME_MAX];
    uint32_t    format;           /* CS_PROP_* */
    size_t      size;
    const void *data;
} cs_property;

typedef struct cs_checkpoint {
    int      kind;                /* CS_CKPT_* */
    char     resource[CS_GUID_MAX];
    char     key[CS_PATH_MAX];
    uint64_t data_size;           /* bytes of captured content, 0 if none */
    uint64_t generation;          /* bumped by every restore */
    int      has_sha256;          /* 1: there are contents, and sha256 is their digest (it names their file) */
    unsigned char sha256[32];
} cs_checkpoint;

typedef struct cs_log_record {
    uint64_t    seq;
    int64_t     time;             /* Unix seconds, UTC */
    const char *op;               /* e.g. "group.create" */
    const char *object_id;        /* GUID, node id or name of the object */
    const char *detail;
} cs_log_record;

/* Callbacks.  A nonzero uint32_t return aborts the operation with that code. */
typedef int      (*cs_log_fn)(void *ctx, const cs_log_record *rec); /* nonzero stops */
typedef uint32_t (*cs_write_fn)(void *ctx, const void *buf, size_t n);
typedef uint32_t (*cs_read_fn)(void *ctx, void *buf, size_t cap, size_t *got); /* *got==0: EOF */

/* ---- open / close ---- */
/* Store folder: $WINECLUS_STORE, else configured (a prefix's setting) if not NULL or empty, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/wineclus.  WINECLUS_STORE set but empty, or either one refused by
 * cs_store_check: BAD_ENVIRONMENT.  On failure buf holds the reason, for the message. */
uint32_t    cs_store_dir(const char *configured, char *buf, size_t n);
/* The one rule for a store named by the user (source says where, for the message): an absolute folder or a
 * valid etcd:// / etcds:// URL (docs/etcd.md); else BAD_ENVIRONMENT with the reason in buf. */
uint32_t    cs_store_check(const char *source, const char *value, char *buf, size_t n);
/* The same with nothing configured. */
uint32_t    cs_default_dir(char *buf, size_t n);
/* The default node (and cluster) name: the host name, short, upper case, at most 15 characters. */
void        cs_default_node_name(char *buf, size_t n);
/* Open (creating folder and default single-node cluster if no cluster.db yet); names NULL = host name.
 * On failure *out is still set (except out of memory) to a dead store for cs_errmsg: cs_close it. */
uint32_t    cs_open(const char *dir, const char *create_cluster_name, const char *create_node_name, cs_store **out);
/* Open only a store that exists, creating nothing when there is none (FILE_NOT_FOUND): for readers. */
uint32_t    cs_open_existing(const char *dir, cs_store **out);
/* Close, releasing any node join; NULL is fine. */
void        cs_close(cs_store *s);
/* Detail text of the last error on this store ("" after success). */
const char *cs_errmsg(const cs_store *s);
/* A store with no database, for work on a backup set alone (cs_backup_inspect):
 * it carries error messages and the lock-wait notice.  cs_close it; NULL when
 * out of memory. */
cs_store *cs_open_none(void);
/* The store's folder. */
const char *cs_dir(const cs_store *s);
/* The etcd store's URL (docs/etcd.md), cs_dir then being its replica's folder; NULL for a folder store. */
const char *cs_url(const cs_store *s);
/* A number that changes whenever the store may have changed since it was
 * last taken, by this process or another: for caches of what was read.
 * 0 when it cannot be told (cache nothing then). */
uint64_t    cs_store_stamp(cs_store *s);
/* Free an array returned by any *_list / *_get_property call. */
void        cs_free(void *p);

/* ---- cluster ---- */
/* Read cluster-wide information. */
uint32_t cs_cluster_get(cs_store *s, cs_cluster *out);
/* Rename the cluster (1..15 chars not required; any non-empty name < CS_NAME_MAX); a node's name ->
 * DUP_NAME.  The Name private property of the cluster's own Network Name (the one that held the old
 * name) follows in the same transaction, since that is where Windows keeps the name. */
uint32_t cs_cluster_rename(cs_store *s, const char *name);

/* ---- nodes ---- */
/* Add a node (next free id); duplicate name -> CLUSTER_NODE_EXISTS. */
uint32_t cs_node_add(cs_store *s, const char *name, cs_node *out);
/* Evict a node; CANT_EVICT_ACTIVE_NODE if it owns groups/resources, is up or is the last node.
 * It leaves every group's preferred owners. */
uint32_t cs_node_remove(cs_store *s, const char *name);
/* Find a node by name (case-insensitive) -> CLUSTER_NODE_NOT_FOUND. */
uint32_t cs_node_find(cs_store *s, const char *name, cs_node *out);
/* Find a node by id -> CLUSTER_NODE_NOT_FOUND. */
uint32_t cs_node_get_by_id(cs_store *s, uint32_t id, cs_node *out);
/* All nodes ordered by id; free *arr with cs_free. */
uint32_t cs_node_list(cs_store *s, cs_node **arr, size_t *n);
/* Set the stored state (CS_NODE_*). */
uint32_t cs_node_set_state(cs_store *s, uint32_t id, int state);
/* Pause (paused = 1) an up node: CLUSTER_NODE_DOWN if it is down, CLUSTER_NODE_PAUSED if it is paused
 * already; resume (0) a paused one, else CLUSTER_NODE_NOT_PAUSED.  The state is kept across restarts. */
uint32_t cs_node_set_paused(cs_store *s, uint32_t id, int paused);
/* This process acts as node `name`: shared flock on <dir>/nodes/<id>.lock until cs_close. */
uint32_t cs_node_join(cs_store *s, const char *name);
/* *up = 1 if the node is joined by this store or any live process. */
uint32_t cs_node_is_up(cs_store *s, uint32_t id, int *up);
/* The node this store joined, 0 if none. */
uint32_t cs_node_local_id(const cs_store *s);

/* ---- the node's cluster service (cs_service.c, docs/cluster-service.md) ---- */
#define CS_ERROR_SERVICE_ALREADY_RUNNING 1056u
#define CS_ERROR_SERVICE_NOT_ACTIVE      1062u
#define CS_ERROR_SERVICE_REQUEST_TIMEOUT 1053u
/* How long a stop waits for a service to end (`node stop`, a forced restore). */
#define CS_SERVICE_STOP_WAIT_MS 10000u
typedef struct cs_service_info {
    int running;    /* a process holds the node's service lock */
    int pid;        /* running: its pid (0 for the instant it starts); not running: the pid a service
                       left when it ended without stopping (killed), else 0 */
} cs_service_info;
/* This store becomes node name's cluster service until cs_close: an exclusive flock on
 * nodes/<id>.service, which records this process's pid, and the node joined (cs_node_join).
 * Another live service of the node -> SERVICE_ALREADY_RUNNING. */
uint32_t cs_service_claim(cs_store *s, const char *name);
/* Whether node id's service runs, from its lock (a pid alone proves nothing). */
uint32_t cs_service_query(cs_store *s, uint32_t id, cs_service_info *out);
/* A service's work, on every wake and period: a node whose liveness no longer matches its stored
 * state gets node.state UP or DOWN (a paused node stays paused), then every group of a node that is
 * down fails over (cs_group_failover).  *changed: nodes and groups changed (may be NULL).  The first
 * error is returned after all the work was tried. */
uint32_t cs_service_work(cs_store *s, unsigned *changed);
/* A service on a store on etcd that has not kept its node's lease alive for
 * half its TTL: other hosts may take its node for down any moment, so it
 * must run nothing (docs/etcd.md, "Liveness").  0 for a folder store. */
int      cs_service_cut_off(cs_store *s);
/* Stop node id's service from another process (cs_svcstop.c): SIGTERM, then wait up to wait_ms for
 * its lock to be free.  0: it stopped, *pid its pid; none running -> SERVICE_NOT_ACTIVE (*pid 0);
 * still running -> SERVICE_REQUEST_TIMEOUT (*pid its pid). */
uint32_t cs_service_stop(cs_store *s, uint32_t id, unsigned wait_ms, int *pid);

/* ---- networks and network interfaces (cs_network.c, cs_hostnet.c) ---- */
#define CS_ADDR_MAX 16      /* dotted IPv4 */
typedef struct cs_network {
    char     id[CS_GUID_MAX];
    char     name[CS_NAME_MAX];
    char     address[CS_ADDR_MAX];  /* the subnet's address */
    char     mask[CS_ADDR_MAX];
    uint32_t priority;              /* from 1: SetClusterNetworkPriorityOrder's order */
    uint32_t role;                  /* its Role property (ClusterNetworkRole*) */
} cs_network;
typedef struct cs_netif {
    char     id[CS_GUID_MAX];
    char     name[CS_NAME_MAX * 2 + 4];   /* "<node> - <network>" */
    uint32_t node;
    char     network[CS_GUID_MAX];  /* the network's id */
    char     adapter[CS_NAME_MAX];
    char     address[CS_ADDR_MAX];
} cs_netif;
/* One IPv4 address of a host's adapter. */
typedef struct cs_hostnet {
    char adapter[CS_NAME_MAX];
    char address[CS_ADDR_MAX], mask[CS_ADDR_MAX], subnet[CS_ADDR_MAX];
} cs_hostnet;
/* This host's IPv4 addresses, loopback excluded; free *arr with cs_free. */
uint32_t cs_host_networks(cs_hostnet **arr, size_t *n);
/* Record a node's addresses in one transaction: a network per new subnet
 * (named after the adapter), an interface per (node, network) new or updated. */
uint32_t cs_node_record_networks(cs_store *s, uint32_t node, const cs_hostnet *nets, size_t n);
/* Find by name (case-insensitive) or id -> CLUSTER_NETWORK_NOT_FOUND / CLUSTER_NETINTERFACE_NOT_FOUND. */
uint32_t cs_network_find(cs_store *s, const char *name_or_id, cs_network *out);
uint32_t cs_netif_find(cs_store *s, const char *name_or_id, cs_netif *out);
/* Networks in priority order; interfaces of a network (NULL: all) and node (0: all) by name; cs_free. */
uint32_t cs_network_list(cs_store *s, cs_network **arr, size_t *n);
uint32_t cs_netif_list(cs_store *s, const char *network, uint32_t node, cs_netif **arr, size_t *n);
/* Rename a network; a name in use -> OBJECT_ALREADY_EXISTS. */
uint32_t cs_network_rename(cs_store *s, const char *id, const char *name);
/* These networks first, in this order (ids); the others after them, in their order. */
uint32_t cs_network_set_order(cs_store *s, const char *const *ids, size_t n);

/* ---- groups ---- */
/* Create an offline group owned by node owner_node; duplicate -> OBJECT_ALREADY_EXISTS. */
uint32_t cs_group_create(cs_store *s, const char *name, uint32_t owner_node, cs_group *out);
/* Delete an empty group; DIR_NOT_EMPTY if it has resources. */
uint32_t cs_group_delete(cs_store *s, const char *name);
/* Find by name (case-insensitive) or GUID -> GROUP_NOT_FOUND. */
uint32_t cs_group_find(cs_store *s, const char *name_or_id, cs_group *out);
/* All groups ordered by name; free with cs_free. */
uint32_t cs_group_list(cs_store *s, cs_group **arr, size_t *n);
/* Set the stored state (CS_GROUP_*) as given, no rule applied: cs_group_online and the
 * others below apply Server 2003's. */
uint32_t cs_group_set_state(cs_store *s, const char *name, int state);
/* Hand a group and its resources to another node as it is (cs_group_move checks and
 * restores states). */
uint32_t cs_group_set_owner(cs_store *s, const char *name, uint32_t node);
/* Rename a group. */
uint32_t cs_group_rename(cs_store *s, const char *name, const char *new_name);
/* Replace a group's preferred owners (node ids, most preferred first, n = 0 for none): a node named
 * twice is kept at its first place; an unknown id -> CLUSTER_NODE_NOT_FOUND.  They are the group's
 * PreferredOwners value (REG_MULTI_SZ of decimal ids), as the Server 2003 hive keeps them. */
uint32_t cs_group_set_preferred(cs_store *s, const char *group, const uint32_t *nodes, size_t n);
/* Its preferred owners that are nodes of the cluster, in order; free *arr with cs_free. */
uint32_t cs_group_list_preferred(cs_store *s, const char *group, cs_node **arr, size_t *n);

/* ---- resource types ---- */
/* All resource types ordered by name; free with cs_free. */
uint32_t cs_restype_list(cs_store *s, cs_restype **arr, size_t *n);
/* Find by name (case-insensitive) -> CLUSTER_RESOURCE_TYPE_NOT_FOUND. */
uint32_t cs_restype_find(cs_store *s, const char *name, cs_restype *out);
/* Add a type (names as object names; ALREADY_EXISTS if taken) with its LooksAlive and IsAlive poll
 * intervals (ms, as the common properties allow: else INVALID_DATA), kept as those properties. */
uint32_t cs_restype_create(cs_store *s, const char *name, const char *display_name, const char *dll,
                           uint32_t looks_alive, uint32_t is_alive);
/* Delete a type and its registry values; DIR_NOT_EMPTY while resources of it exist. */
uint32_t cs_restype_delete(cs_store *s, const char *name);

/* ---- resources ---- */
/* Create an offline resource with a new GUID in group (owner = group's owner). */
uint32_t cs_resource_create(cs_store *s, const char *name, const char *type, const char *group, cs_resource *out);
/* Delete; QUORUM_RESOURCE for the quorum, DEPENDENT_RESOURCE_EXISTS if depended on. Drops its checkpoints. */
uint32_t cs_resource_delete(cs_store *s, const char *name_or_id);
/* Find by name (case-insensitive) or GUID with/without braces -> RESOURCE_NOT_FOUND. */
uint32_t cs_resource_find(cs_store *s, const char *name_or_id, cs_resource *out);
/* Resources of a group (NULL = all) ordered by name; free with cs_free. */
uint32_t cs_resource_list(cs_store *s, const char *group, cs_resource **arr, size_t *n);
/* Set the stored state (CS_RES_*) as given, no rule applied (cs_resource_online...). */
uint32_t cs_resource_set_state(cs_store *s, const char *name_or_id, int state);
/* Rename a resource. */
uint32_t cs_resource_rename(cs_store *s, const char *name_or_id, const char *new_name);
/* Move a resource and every resource linked to it by dependencies, either way and transitively, to
 * another group (dependencies never cross groups). */
uint32_t cs_resource_move(cs_store *s, const char *name_or_id, const char *group);
/* res depends on dep: same group (INVALID_PARAMETER), no cycle nor itself (CIRCULAR_DEPENDENCY), not
 * twice, res not the quorum (DEPENDENCY_NOT_ALLOWED) nor online (RESOURCE_ONLINE). */
uint32_t cs_resource_add_dependency(cs_store *s, const char *res, const char *dep);
/* Remove a dependency -> DEPENDENCY_NOT_FOUND. */
uint32_t cs_resource_remove_dependency(cs_store *s, const char *res, const char *dep);
/* Resources that res depends on; free with cs_free. */
uint32_t cs_resource_list_dependencies(cs_store *s, const char *res, cs_resource **arr, size_t *n);
/* Resources that depend on res; free with cs_free. */
uint32_t cs_resource_list_dependents(cs_store *s, const char *res, cs_resource **arr, size_t *n);
/* Possible owners (cs_owners.c): the REG_MULTI_SZ value PossibleOwners of Resources\<GUID>, node
 * ids in decimal; no value = every node.  Add: no list -> 0, nothing changes; listed -> OBJECT_ALREADY_EXISTS.
 * Remove: not a possible owner -> CLUSTER_NODE_NOT_FOUND; the node hosts it online or pending -> INVALID_STATE.
 * List: the possible owners that are nodes, in the value's order (id order with no list); cs_free. */
uint32_t cs_resource_add_owner(cs_store *s, const char *res, uint32_t node);
uint32_t cs_resource_remove_owner(cs_store *s, const char *res, uint32_t node);
uint32_t cs_resource_list_owners(cs_store *s, const char *res, cs_node **arr, size_t *n);
/* ---- state changes (cs_state.c, docs/states.md) ----
 * Server 2003's rules, each call one transaction logged as resource.state,
 * group.state and group.move records.  A resource comes online after its
 * providers and goes offline after its dependents; a group's state follows
 * its resources.  0, or IO_PENDING when a resource is left OnlinePending for
 * its owner node's cluster service (cs_restype_online_on_owner). */
/* The seam: 1 if bringing a resource of this type online must run on its
 * owner node (Generic Application, Generic Service), 0 if the change of state
 * is all there is to it. */
int      cs_restype_online_on_owner(const char *type);
/* A pending resource or dependent: INVALID_STATE; owner paused (the quorum
 * aside): SHARING_PAUSED; owner not a possible owner: NODE_CANT_HOST_RESOURCE. */
uint32_t cs_resource_online(cs_store *s, const char *res);
/* Dependents first; a pending resource or dependent: INVALID_STATE. */
uint32_t cs_resource_offline(cs_store *s, const char *res);
/* Online or OnlinePending -> Failed, with every dependent online or on its
 * way; else RESOURCE_NOT_ONLINE.  Restarting it is the cluster service's job. */
uint32_t cs_resource_fail(cs_store *s, const char *res);
/* The owner node's service ends an OnlinePending: ok -> Online, and the
 * dependents that waited only for it follow; else as cs_resource_fail.  Not
 * OnlinePending, or still waiting for a provider: INVALID_STATE. */
uint32_t cs_resource_finish_online(cs_store *s, const char *res, int ok);
/* The hand-over (cs_handover.c), for a node's cluster service only (else INVALID_STATE): the
 * service's node starts res's process.  As cs_resource_finish_online(ok), and in the same
 * transaction the store records that the process runs on this node; res not this node's, or not
 * of a type run on its owner: INVALID_STATE.  While another node whose service runs still holds
 * that record (its process has not ended yet): IO_PENDING, nothing changes, *holder (may be NULL)
 * is that node.  A record of a node whose service is not running is dropped. */
uint32_t cs_resource_start_here(cs_store *s, const char *res, uint32_t *holder);
/* The process of res that this node started has ended: the record goes. */
uint32_t cs_resource_ended_here(cs_store *s, const char *res);
/* Every resource online, on node (0: where the group is; another node: the
 * group moves there first, checked as cs_group_move checks it). */
uint32_t cs_group_online(cs_store *s, const char *group, uint32_t node);
uint32_t cs_group_offline(cs_store *s, const char *group);
/* Move to node (0: the best other node: preferred owners first, then by id,
 * up, not paused and a possible owner of every resource; none:
 * HOST_NODE_NOT_AVAILABLE); what was online comes online there.  A node down:
 * CLUSTER_NODE_DOWN; paused: SHARING_PAUSED; not a possible owner of every
 * resource: NODE_CANT_HOST_RESOURCE; a pending resource: INVALID_STATE.
 * *to (may be NULL) is where it went. */
uint32_t cs_group_move(cs_store *s, const char *group, uint32_t node, uint32_t *to);
/* Failover: a group whose owner is down moves to the best other node (as cs_group_move picks it), and
 * what was Online or OnlinePending there comes online on it (OnlinePending again for a type run on the
 * owner: IO_PENDING).  *to: the new owner, 0 when the owner is up (nothing done, 0 returned).  No node
 * can take it: HOST_NODE_NOT_AVAILABLE, nothing done. */
uint32_t cs_group_failover(cs_store *s, const char *group, uint32_t *to);
/* Failover after a resource of the group failed past its restart policy (RestartAction 2): as
 * cs_group_failover, with the failed resources coming online on the new node too, and logged as
 * group.failover, unless the group failed over FailoverThreshold times (0xFFFFFFFF: the number of nodes
 * less one) within its last FailoverPeriod hours: then it stays where it is with every resource failed,
 * and *to is 0.  No resource failed: INVALID_STATE; no other node can take it: HOST_NODE_NOT_AVAILABLE,
 * nothing done. */
uint32_t cs_group_failover_after_failure(cs_store *s, const char *group, uint32_t *to);
/* The same checks, nothing changed: *to is the node cs_group_failover_after_failure would move the group
 * to now, or 0 if it would leave it failed here.  The service asks first, so that it ends the group's
 * processes only for what the store will do. */
uint32_t cs_group_failover_after_failure_check(cs_store *s, const char *group, uint32_t *to);
/* Failback: the group goes to node if its AutoFailbackType is 1 and node is one of its preferred owners,
 * before its current owner in their order (or the owner is none of them); what was Online comes online
 * there (IO_PENDING as for a move).  Otherwise nothing is done and 0 returned.  *to: where the group is
 * after.  Node checked as cs_group_move checks a target; a pending resource: INVALID_STATE. */
uint32_t cs_group_failback(cs_store *s, const char *group, uint32_t node, uint32_t *to);
/* The same checks, nothing changed: *to is where cs_group_failback would put the group now.  The owner's
 * service asks first, so that it ends the group's processes only for a move the store will make. */
uint32_t cs_group_failback_check(cs_store *s, const char *group, uint32_t node, uint32_t *to);
/* Whether the failback window of FailbackWindowStart and FailbackWindowEnd is open at hour (0-23,
 * local): from hour start through hour end, across midnight if end < start; no window (either is not an
 * hour, 0xFFFFFFFF) is always open. */
int      cs_failback_window_open(uint32_t start, uint32_t end, unsigned hour);
/* Set (insert or replace) a private property; name case-insensitive. */
uint32_t cs_resource_set_property(cs_store *s, const char *res, const char *name, uint32_t format, const void *data, size_t size);
/* Get a property: *data malloc'd (free with cs_free), missing -> FILE_NOT_FOUND. */
uint32_t cs_resource_get_property(cs_store *s, const char *res, const char *name, uint32_t *format, void **data, size_t *size);
/* Delete a property; missing -> FILE_NOT_FOUND. */
uint32_t cs_resource_delete_property(cs_store *s, const char *res, const char *name);
/* All properties ordered by name; one allocation, free with cs_free. */
uint32_t cs_resource_list_properties(cs_store *s, const char *res, cs_property **arr, size_t *n);

/* ---- property definitions (cs_propdefs.c, docs/properties.md) ---- */
/* The Server 2003 common properties of each object class and the private
 * properties of each standard resource type, as Microsoft documents them:
 * the single place their names, formats, defaults and limits live. */
enum { CS_CLASS_CLUSTER = 1, CS_CLASS_NODE, CS_CLASS_GROUP, CS_CLASS_RESOURCE, CS_CLASS_RESTYPE,
       CS_CLASS_NETWORK, CS_CLASS_NETINTERFACE };
#define CS_PD_READ_ONLY     0x01u /* documented read-only: a SET of it is refused */
#define CS_PD_REQUIRED      0x02u /* documented "Required": a SZ of it may not be empty */
#define CS_PD_COLUMN        0x04u /* kept in a typed column of the store (a name, a version), not as a value */
#define CS_PD_DEFAULT       0x08u /* has a documented default (else a property not stored is absent) */
#define CS_PD_ALL_ONES      0x10u /* 0xFFFFFFFF is accepted besides min..max: the documented "none" value */
#define CS_PD_AT_ONLINE     0x20u /* documented: a change to an online resource takes effect at its next online */
typedef struct cs_propdef {
    const char *name;
    uint32_t    format;           /* CS_PROP_* */
    uint32_t    flags;            /* CS_PD_* */
    int64_t     min, max;         /* DWORD and LONG only */
    uint32_t    dword_default;    /* DWORD, with CS_PD_DEFAULT */
    const char *sz_default;       /* SZ/EXPAND_SZ (UTF-8), with CS_PD_DEFAULT */
} cs_propdef;
/* The common properties of a class (CS_CLASS_*), in the order of Microsoft's
 * reference (Windows' own listing order is not documented: ENUM and GET list
 * in this one); NULL and *n = 0 for an unknown class. */
const cs_propdef *cs_propdefs_common(int cls, size_t *n);
/* The private properties of a standard resource type (name case-insensitive);
 * NULL and *n = 0 for a type Microsoft documents none for, or any other type. */
const cs_propdef *cs_propdefs_private(const char *restype, size_t *n);
/* A definition by name (ASCII case-insensitive) in a table, NULL if none. */
const cs_propdef *cs_propdef_find(const cs_propdef *defs, size_t n, const char *name);
/* May a SET give d this value?  0; INVALID_PARAMETER (87) for bytes that
 * are no value of their format (a DWORD not 4 bytes, a string without its
 * NUL, a MULTI_SZ not closed), another format than d's or a read-only d;
 * INVALID_DATA (13) for a number out of range, an empty required string or
 * one not UTF-8 (docs/properties.md, "Rules"). */
uint32_t cs_propdef_check(const cs_propdef *d, uint32_t format, const void *data, size_t size);
/* A resource's RetryPeriodOnFailure may not be below its RestartPeriod (the
 * documented minimum): INVALID_DATA if it is, given both after a SET. */
uint32_t cs_propdef_check_retry_period(uint32_t restart_period, uint32_t retry_period);
/* 1 if ENUM_*_PROPERTIES names d: those list the read/write properties only. */
int      cs_propdef_listed(const cs_propdef *d);
/* The default as the bytes a property list carries (DWORD in host order,
 * strings UTF-8 with their NUL): FILE_NOT_FOUND if it has none, MORE_DATA
 * with *size set if cap is too small, INVALID_PARAMETER for a NULL d or size. */
uint32_t cs_propdef_default(const cs_propdef *d, void *buf, size_t cap, size_t *size);
/* What a successful SET of d returns: RESOURCE_PROPERTIES_STORED (5024) when
 * the resource is online and the change waits for its next online, else 0. */
uint32_t cs_propdef_set_status(const cs_propdef *d, int resource_online);

/* ---- an object's property values (cs_propobj.c) ----
 * What the property control codes and the tool's listings read of one
 * object: the same rule for both (stored value, else column, else default). */
typedef struct cs_propobj {
    int               cls;                /* CS_CLASS_* */
    char              key[CS_PATH_MAX];   /* its cluster registry key, "" for the cluster */
    const cs_propdef *common, *private;
    size_t            ncommon, nprivate;
    int               online;             /* a resource online: some SETs answer 5024 */
    const void       *record;             /* the class's cs_* record, NULL for the cluster */
} cs_propobj;
/* record: cs_node, cs_group, cs_resource, cs_restype for their classes;
 * INVALID_PARAMETER for another class. */
uint32_t cs_propobj_init(int cls, const void *record, cs_propobj *obj);
/* A CS_PD_COLUMN property's value: out->data points into the record or
 * scratch; FILE_NOT_FOUND if no column holds it. */
uint32_t cs_propobj_column(cs_store *s, const cs_propobj *obj, const cs_propdef *def, cs_property *out,
                           char *scratch, size_t scratch_size);
/* The values stored under the object's key (private: its Parameters key),
 * with their property formats; one allocation, free with cs_free. */
uint32_t cs_propobj_load(cs_store *s, const cs_propobj *obj, int private, cs_property **arr, size_t *n);
/* Write them all in one transaction, or none. */
uint32_t cs_propobj_save(cs_store *s, const cs_propobj *obj, int private, const cs_property *arr, size_t n);
/* A value by name (ASCII case-insensitive, the last of equal names), NULL if none. */
const cs_property *cs_property_find(const cs_property *arr, size_t n, const char *name);
/* A defined property's value: its column, what stored holds, else its
 * default (*is_default 1, bytes in scratch); FILE_NOT_FOUND if none. */
uint32_t cs_propobj_value(cs_store *s, const cs_propobj *obj, const cs_propdef *def, const cs_property *stored,
                          size_t nstored, cs_property *out, char *scratch, size_t scratch_size, int *is_default);

/* A common DWORD property's value (stored, else its default); INVALID_PARAMETER
 * for a name that is no common DWORD property of the class. */
uint32_t cs_propobj_dword(cs_store *s, const cs_propobj *obj, const char *name, uint32_t *value);

/* ---- cluster registry (cs_regpath.c, cs_registry.c, cs_regvalue.c; docs/cluster-registry.md) ----
 * Paths are UTF-8, backslash-separated, relative to the cluster root ("" is
 * the root), case-insensitive for ASCII letters; each component 1..255 bytes
 * without control characters, the whole at most CS_PATH_MAX-1 bytes (87 for
 * a length, 123 for the characters).  Values of the string types (REG_SZ,
 * REG_EXPAND_SZ, REG_MULTI_SZ) are kept as UTF-8 with their NULs; the others
 * as the bytes given.  Object keys and the values taken from typed columns
 * are made on read; writing one goes through the object's own rule. */
enum { CS_REG_NONE = 0, CS_REG_SZ = 1, CS_REG_EXPAND_SZ = 2, CS_REG_BINARY = 3, CS_REG_DWORD = 4,
       CS_REG_MULTI_SZ = 7, CS_REG_QWORD = 11 };
/* Largest value data the store takes, counted as a backup's hive holds it
 * (strings as UTF-16): chk????.tmp is written with hivex, which makes no
 * cell above 1 000 000 bytes (its 4-byte header included), and a value the
 * store took but no backup could hold would fail every backup after it. */
#define CS_REG_DATA_MAX 999996u
typedef struct cs_regkey_name {
    char name[CS_NAME_MAX];
} cs_regkey_name;
/* One value; data points into the same allocation as the array, NUL-padded. */
typedef struct cs_regval {
    char        name[CS_NAME_MAX];
    uint32_t    type;             /* REG_* */
    size_t      size;
    const void *data;
} cs_regval;
typedef struct cs_reginfo {
    uint32_t subkeys, values;
    size_t   max_subkey_len, max_value_name_len, max_value_len; /* bytes as kept (UTF-8) */
    size_t   security_size;       /* 0: none stored (the default applies) */
} cs_reginfo;
/* The key's path as the store spells it (canon may be NULL); missing -> FILE_NOT_FOUND. */
uint32_t cs_reg_open_key(cs_store *s, const char *path, char *canon, size_t canon_size);
/* Create path and the missing keys above it; *created (may be NULL) says whether it was new.
 * Only below the root, an object's key or Quorum (elsewhere ACCESS_DENIED). */
uint32_t cs_reg_create_key(cs_store *s, const char *path, int *created, char *canon, size_t canon_size);
/* Delete a key made by cs_reg_create_key and its values; one with subkeys, or
 * a key the store makes (root, classes, objects, Parameters): ACCESS_DENIED. */
uint32_t cs_reg_delete_key(cs_store *s, const char *path);
/* Names of the subkeys; free with cs_free. */
uint32_t cs_reg_list_keys(cs_store *s, const char *path, cs_regkey_name **arr, size_t *n);
/* Set a value (name "" is the key's default value). */
uint32_t cs_reg_set_value(cs_store *s, const char *path, const char *name, uint32_t type, const void *data,
                          size_t size);
/* Set several values of one key in one transaction (cs_regbatch.c), making the key and those above it
 * if missing: all, or none on any error; a value made from a typed column is refused (ACCESS_DENIED)
 * rather than written through. */
uint32_t cs_reg_set_values(cs_store *s, const char *path, const cs_regval *vals, size_t n);
/* Get a value: *data malloc'd with one spare NUL (free with cs_free); missing -> FILE_NOT_FOUND. */
uint32_t cs_reg_get_value(cs_store *s, const char *path, const char *name, uint32_t *type, void **data,
                          size_t *size);
/* Delete a value; missing -> FILE_NOT_FOUND; one made from a typed column -> ACCESS_DENIED. */
uint32_t cs_reg_delete_value(cs_store *s, const char *path, const char *name);
/* All values, those made from typed columns first; one allocation, free with cs_free. */
uint32_t cs_reg_list_values(cs_store *s, const char *path, cs_regval **arr, size_t *n);
/* Counts and longest names and data, as kept. */
uint32_t cs_reg_query_info(cs_store *s, const char *path, cs_reginfo *out);
/* The key's security descriptor as set (self-relative); none set -> *sd NULL, *size 0. */
uint32_t cs_reg_get_security(cs_store *s, const char *path, void **sd, size_t *size);
/* Replace it (1..65536 bytes; the caller checks it is a descriptor). */
uint32_t cs_reg_set_security(cs_store *s, const char *path, const void *sd, size_t size);

/* ---- quorum ---- */
/* Set quorum resource (Physical Disk, Majority Node Set or Local Quorum, else NOT_QUORUM_CAPABLE),
 * path (non-empty) and max log size (>= CS_QUORUM_LOG_MIN). */
uint32_t cs_quorum_set(cs_store *s, const char *res, const char *path, uint32_t max_log_size);

/* ---- checkpoints ---- */
/* Add a checkpoint key; empty or leading '\' -> INVALID_PARAMETER; duplicate -> ALREADY_EXISTS. */
uint32_t cs_checkpoint_add(cs_store *s, const char *res, int kind, const char *key);
/* Delete a checkpoint key -> FILE_NOT_FOUND if absent. */
uint32_t cs_checkpoint_delete(cs_store *s, const char *res, int kind, const char *key);
/* Checkpoints of one resource (NULL = all) of kind (0 = both); ordered by resource, kind, key. */
uint32_t cs_checkpoint_list(cs_store *s, const char *res, int kind, cs_checkpoint **arr, size_t *n);
/* Replace the captured contents with a buffer.  Registry contents given as
 * a WCREG1 stream are kept as the hive of the same tree (cs_reghive_from_stream);
 * other registry contents must be a hive that keeps every rule (cs_reghive_walk)
 * -> INVALID_DATA otherwise.  Crypto contents are kept as given. */
uint32_t cs_checkpoint_set_data(cs_store *s, const char *res, int kind, const char *key, const void *data, size_t size);
/* The same, only while node `owner` owns the resource (checked in the transaction that
 * names the contents; 0: any node) -> HOST_NODE_NOT_RESOURCE_OWNER otherwise. */
uint32_t cs_checkpoint_save(cs_store *s, const char *res, int kind, const char *key, const void *data, size_t size,
                            uint32_t owner);
/* Replace the captured contents with `size` bytes pulled in chunks from rd. */
uint32_t cs_checkpoint_write_stream(cs_store *s, const char *res, int kind, const char *key, uint64_t size, cs_read_fn rd, void *ctx);
/* Read all captured contents: *data malloc'd (NULL if empty), free with cs_free. */
uint32_t cs_checkpoint_get_data(cs_store *s, const char *res, int kind, const char *key, void **data, size_t *size);
/* Inside a snapshot: open, for chunked reading, the contents of a checkpoint
 * cs_checkpoint_list returned in the same snapshot (by its digest, without
 * looking it up again); empty contents -> *blob NULL. */
uint32_t cs_snapshot_open_blob(cs_store *s, const cs_checkpoint *c, cs_blob **blob);
/* Read n bytes at offset (must be within the size). */
uint32_t cs_blob_read(cs_blob *b, uint64_t offset, void *buf, size_t n);
/* Close a blob handle (NULL is fine). */
void     cs_blob_close(cs_blob *b);

/* ---- registry checkpoint streams (cs_regstream.c, docs/checkpoint-format.md) ---- */
/* One record: 'K' (name = key path below the checkpointed key, "" = itself)
 * or 'V' (name = value name of the last key, with type and data).  UTF-16LE
 * as stored, name_len characters, no terminator; pointers valid during the call. */
typedef struct cs_regrec {
    int                  tag;
    const uint16_t      *name;
    uint32_t             name_len;
    uint32_t             type;
    uint32_t             size;
    const unsigned char *data;
} cs_regrec;
typedef uint32_t (*cs_regrec_fn)(void *ctx, const cs_regrec *rec);
typedef struct cs_regstream cs_regstream;
/* 1 if data (size bytes) begins as a WCREG1 stream does. */
int           cs_regstream_starts(const void *data, size_t size);
/* A checker fed in pieces (NULL: out of memory). */
cs_regstream *cs_regstream_new(void);
void          cs_regstream_reset(cs_regstream *p);
void          cs_regstream_free(cs_regstream *p);
/* The next n bytes; INVALID_DATA once the stream breaks a rule. */
uint32_t      cs_regstream_feed(cs_regstream *p, const void *buf, size_t n);
/* The stream ended here: 0 if it is whole and valid (0 bytes is valid). */
uint32_t      cs_regstream_end(cs_regstream *p);
/* Why it was refused, with the byte offset ("" if it was not). */
const char   *cs_regstream_why(const cs_regstream *p);
/* Check a whole stream; only if it is valid, call fn (if any) for each
 * record in order.  Returns INVALID_DATA (reason in why), fn's error or 0. */
uint32_t      cs_regstream_walk(const void *data, size_t size, cs_regrec_fn fn, void *ctx, char *why, size_t why_size);
/* ---- registry checkpoints as hives (cs_hivewalk.c, cs_hiveconv.c) ---- */
/* Check a registry checkpoint's contents (a hive, or 0 bytes: the key did not
 * exist) whole; only if it keeps every rule, call fn (if any) for each key
 * ('K', path below the root, parent first) and its values ('V'), as
 * cs_regstream_walk does.  Returns INVALID_DATA (reason in why), fn's error or 0. */
uint32_t      cs_reghive_walk(const void *data, size_t size, cs_regrec_fn fn, void *ctx, char *why, size_t why_size);
/* A WCREG1 stream as the hive of the same tree, its root key called
 * root_name; *hive malloc'd (NULL for an empty stream).  INVALID_DATA with
 * the reason in why for a stream that breaks its rules. */
uint32_t      cs_reghive_from_stream(const void *stream, size_t size, const char *root_name, unsigned char **hive,
                                     size_t *hive_size, char *why, size_t why_size);
/* Registry contents of the checkpoint on key as the store keeps them: a
 * WCREG1 stream becomes its hive (*hive malloc'd, root named for the key);
 * anything else must be a hive that keeps every rule (*hive NULL: take the
 * contents as they are).  INVALID_DATA with the reason in why otherwise. */
uint32_t      cs_reghive_take(const void *data, size_t size, const char *key, unsigned char **hive,
                              size_t *hive_size, char *why, size_t why_size);
/* The root key's name a hive of the checkpoint on key gets: key's last name. */
const char   *cs_reghive_root_name(const char *key, char *buf, size_t size);
/* 1 if a registry checkpoint on key (relative to HKEY_LOCAL_MACHINE) would
 * replace a key Windows or Wine owns, or an ancestor of one: a restore
 * applies such a key only when forced (cs_regkey.c has the list). */
int           cs_regkey_is_protected(const char *key);

/* ---- quorum log ---- */
/* Call fn for every record with seq > since_seq, in order. */
uint32_t cs_log_list(cs_store *s, uint64_t since_seq, cs_log_fn fn, void *ctx);
/* Checkpoint now: record a checkpoint row and drop the records it includes. */
uint32_t cs_log_checkpoint_now(cs_store *s);
/* Append a record for a change made outside the store's own calls (e.g. "backup"). */
uint32_t cs_log_append(cs_store *s, const char *op, const char *object_id, const char *detail);

/* ---- change events (cs_events.c, cs_watch.c; docs/notifications.md) ---- */
/* The CLUSTER_CHANGE_* values of clusapi.h, for host programs. */
#define CS_CHANGE_NODE_STATE             0x00000001u
#define CS_CHANGE_NODE_DELETED           0x00000002u
#define CS_CHANGE_NODE_ADDED             0x00000004u
#define CS_CHANGE_NODE_PROPERTY          0x00000008u
#define CS_CHANGE_REGISTRY_NAME          0x00000010u
#define CS_CHANGE_REGISTRY_ATTRIBUTES    0x00000020u
#define CS_CHANGE_REGISTRY_VALUE         0x00000040u
#define CS_CHANGE_REGISTRY_SUBTREE       0x00000080u
#define CS_CHANGE_RESOURCE_STATE         0x00000100u
#define CS_CHANGE_RESOURCE_DELETED       0x00000200u
#define CS_CHANGE_RESOURCE_ADDED         0x00000400u
#define CS_CHANGE_RESOURCE_PROPERTY      0x00000800u
#define CS_CHANGE_GROUP_STATE            0x00001000u
#define CS_CHANGE_GROUP_DELETED          0x00002000u
#define CS_CHANGE_GROUP_ADDED            0x00004000u
#define CS_CHANGE_GROUP_PROPERTY         0x00008000u
#define CS_CHANGE_RESOURCE_TYPE_DELETED  0x00010000u
#define CS_CHANGE_RESOURCE_TYPE_ADDED    0x00020000u
#define CS_CHANGE_RESOURCE_TYPE_PROPERTY 0x00040000u
#define CS_CHANGE_CLUSTER_RECONNECT      0x00080000u
#define CS_CHANGE_NETWORK_STATE          0x00100000u
#define CS_CHANGE_NETWORK_DELETED        0x00200000u
#define CS_CHANGE_NETWORK_ADDED          0x00400000u
#define CS_CHANGE_NETWORK_PROPERTY       0x00800000u
#define CS_CHANGE_NETINTERFACE_STATE     0x01000000u
#define CS_CHANGE_NETINTERFACE_DELETED   0x02000000u
#define CS_CHANGE_NETINTERFACE_ADDED     0x04000000u
#define CS_CHANGE_NETINTERFACE_PROPERTY  0x08000000u
#define CS_CHANGE_QUORUM_STATE           0x10000000u
#define CS_CHANGE_CLUSTER_STATE          0x20000000u
#define CS_CHANGE_CLUSTER_PROPERTY       0x40000000u
#define CS_CHANGE_HANDLE_CLOSE           0x80000000u

/* Records a watcher that stops reading may keep from a checkpoint; one
 * further behind gets CS_CHANGE_CLUSTER_RECONNECT. */
#define CS_EVENTS_KEEP 200000u

typedef struct cs_event {
    uint64_t    seq;              /* of the log record */
    int64_t     time;
    uint32_t    change;           /* one CS_CHANGE_* */
    const char *op;               /* the log operation ("events.lost" for a RECONNECT of lost events) */
    const char *object;           /* what a registration matches: GUID, node or type name, key path */
    const char *name;             /* GetClusterNotify's name: the object's name, a key's path */
} cs_event;
typedef void (*cs_event_fn)(void *ctx, const cs_event *ev);

/* The change a log operation raises (0: none), and a change's name
 * without CLUSTER_CHANGE_ ("GROUP_STATE"; NULL, 0 if unknown). */
uint32_t    cs_change_of(const char *op);
const char *cs_change_name(uint32_t change);
uint32_t    cs_change_parse(const char *name);

/* A watcher of the store's changes, from the moment it is opened. */
typedef struct cs_watch cs_watch;
uint32_t cs_watch_open(cs_store *s, cs_watch **out);
/* Hand fn the events committed since the last read, in order, each once;
 * s is any store open on the same folder. */
uint32_t cs_watch_read(cs_store *s, cs_watch *w, cs_event_fn fn, void *ctx);
/* Sleep until a change may have been committed (1), wake_fd (>= 0) is
 * readable (2), or timeout_ms (-1: none) passed (0); -1 on error. */
int      cs_watch_wait(cs_watch *w, int timeout_ms, int wake_fd);
uint64_t cs_watch_seq(const cs_watch *w);
void     cs_watch_close(cs_watch *w);

/* ---- snapshot ---- */
/* Start a read transaction: reads until cs_snapshot_end see one point; writes fail with INVALID_STATE. */
uint32_t cs_snapshot_begin(cs_store *s);
/* End the read transaction. */
uint32_t cs_snapshot_end(cs_store *s);
/* Serialise the whole database (no checkpoint blobs) as text; see docs/store-format.md. */
uint32_t cs_snapshot_dump(cs_store *s, cs_write_fn wr, void *ctx);
/* The whole database (no checkpoint contents) as a registry hive laid out as
 * Windows' HKLM\Cluster, the backup's chk????.tmp (docs/backup-format.md).
 * cs_snapshot_load takes it back, as it takes a dump. */
uint32_t cs_snapshot_hive(cs_store *s, cs_write_fn wr, void *ctx);
/* cs_snapshot_dump into a stdio stream. */
uint32_t cs_snapshot_dump_file(cs_store *s, FILE *f);
/* Replace the whole database from a dump in one transaction; bad dump -> DATABASE_BACKUP_CORRUPT. */
uint32_t cs_snapshot_load(cs_store *s, cs_read_fn rd, void *ctx, unsigned flags);
/* cs_snapshot_load from a stdio stream. */
uint32_t cs_snapshot_load_file(cs_store *s, FILE *f, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif

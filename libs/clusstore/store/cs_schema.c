/* Schema creation, migrations, and the default single-node cluster. */
#include "cs_internal.h"

#include <stdio.h>
#include <string.h>

/* Version 1.  Names compare with NOCASE: SQLite folds ASCII only, so
 * non-ASCII names are case-sensitive (documented in docs/store-format.md).
 * Checkpoint contents live in ckpt_data, apart from the checkpoint list,
 * so a restore can replace the list while keeping captured contents. */
static const char schema_v1[] =
    "CREATE TABLE cluster(one INTEGER PRIMARY KEY CHECK(one = 1), name TEXT NOT NULL, id TEXT NOT NULL,"
    " quorum_resource TEXT NOT NULL, quorum_path TEXT NOT NULL, max_log_size INTEGER NOT NULL,"
    " highest_version INTEGER NOT NULL, lowest_version INTEGER NOT NULL, major INTEGER NOT NULL,"
    " minor INTEGER NOT NULL, build INTEGER NOT NULL, csd TEXT NOT NULL,"
    " log_seq INTEGER NOT NULL, log_bytes INTEGER NOT NULL);"
    "CREATE TABLE node(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, state INTEGER NOT NULL);"
    "CREATE TABLE grp(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " owner INTEGER NOT NULL REFERENCES node(id), state INTEGER NOT NULL);"
    "CREATE TABLE restype(name TEXT PRIMARY KEY COLLATE NOCASE, display_name TEXT NOT NULL, dll TEXT NOT NULL);"
    "CREATE TABLE resource(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " type TEXT NOT NULL REFERENCES restype(name), grp TEXT NOT NULL REFERENCES grp(id),"
    " owner INTEGER NOT NULL REFERENCES node(id), state INTEGER NOT NULL);"
    "CREATE INDEX resource_grp ON resource(grp);"
    "CREATE TABLE dependency(res TEXT NOT NULL REFERENCES resource(id), dep TEXT NOT NULL REFERENCES resource(id),"
    " PRIMARY KEY(res, dep));"
    "CREATE INDEX dependency_dep ON dependency(dep);"
    "CREATE TABLE property(res TEXT NOT NULL REFERENCES resource(id), name TEXT NOT NULL COLLATE NOCASE,"
    " format INTEGER NOT NULL, value BLOB NOT NULL, PRIMARY KEY(res, name));"
    "CREATE TABLE checkpoint(res TEXT NOT NULL REFERENCES resource(id), kind INTEGER NOT NULL CHECK(kind IN (1, 2)),"
    " key TEXT NOT NULL COLLATE NOCASE, generation INTEGER NOT NULL, PRIMARY KEY(res, kind, key));"
    "CREATE TABLE ckpt_data(res TEXT NOT NULL, kind INTEGER NOT NULL, key TEXT NOT NULL COLLATE NOCASE,"
    " size INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(res, kind, key));"
    "CREATE TABLE log(seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, op TEXT NOT NULL, object TEXT NOT NULL,"
    " detail TEXT NOT NULL);"
    "CREATE TABLE log_checkpoint(seq INTEGER PRIMARY KEY, time INTEGER NOT NULL);";

/* Deleting an object deletes its registry subtree: one trigger per class. */
#define CS__REG_SUBTREE_TRIGGER(table, prefix, col)                                                          \
    "CREATE TRIGGER " table "_registry AFTER DELETE ON " table " BEGIN"                                     \
    " DELETE FROM regval WHERE key = '" prefix "\\' || old." col " OR (key > '" prefix "\\' || old." col \
    " || '\\' AND key < '" prefix "\\' || old." col " || ']');"                                           \
    " DELETE FROM regkey WHERE path = '" prefix "\\' || old." col " OR (path > '" prefix "\\' || old." col \
    " || '\\' AND path < '" prefix "\\' || old." col " || ']'); END;"

/* migrations[i] upgrades schema version i+1 to i+2.  Append only; a step
 * is SQL or code.
 * 2: each checkpoint's SHA-256, computed as its contents are written, so a
 *    backup lists it instead of hashing a gigabyte again, and a restore
 *    leaves contents that are already the set's alone (NULL: not known,
 *    rows written before version 2).  It goes before data: SQLite reaches
 *    a column after a large value only by walking the value's overflow
 *    pages, so ADD COLUMN would make reading a digest read the contents.
 * 3: the contents move out of ckpt_data into files named by their digest,
 *    which needs code, not only SQL: cs__blobs_migrate.
 * 4: the cluster registry (docs/cluster-registry.md): keys made through it
 *    and every value not in a typed column; the private properties move
 *    from `property` to their resource's Parameters key.  A key is kept by
 *    its whole path: keys are never renamed, and object keys are named by
 *    ids that never change.  security is an empty blob when none was set.
 * 5: networks and network interfaces (cs_network.c); a node's interfaces
 *    go with the node.
 * 6: on which node the process of a resource run on its owner runs
 *    (cs_handover.c): the services' runtime record, not dumped, and kept
 *    when its resource is deleted (a restore deletes and loads them all)
 *    until the process has ended.
 * 7: registry checkpoint contents are hives, not WCREG1 streams
 *    (docs/checkpoint-format.md): cs__ckpt_hive_migrate. */
static const struct {
    const char *sql;
    uint32_t  (*code)(cs_store *s);
} migrations[] = {
    { "CREATE TABLE ckpt_data_v2(res TEXT NOT NULL, kind INTEGER NOT NULL, key TEXT NOT NULL COLLATE NOCASE,"
    " size INTEGER NOT NULL, sha256 BLOB, data BLOB NOT NULL, PRIMARY KEY(res, kind, key));"
    "INSERT INTO ckpt_data_v2(res, kind, key, size, data) SELECT res, kind, key, size, data FROM ckpt_data;"
    "DROP TABLE ckpt_data;"
    "ALTER TABLE ckpt_data_v2 RENAME TO ckpt_data;", NULL },
    { NULL, cs__blobs_migrate },
    { "CREATE TABLE regkey(path TEXT PRIMARY KEY COLLATE NOCASE, security BLOB NOT NULL);"
    "CREATE TABLE regval(key TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE,"
    " type INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(key, name));"
    "INSERT INTO regval SELECT " CS__SQL_PARAMETERS("res") ", name, " CS__SQL_REGTYPE_OF_FORMAT("format")
    ", value FROM property;"
    "DROP TABLE property;"
    CS__REG_SUBTREE_TRIGGER("resource", "Resources", "id")
    CS__REG_SUBTREE_TRIGGER("grp", "Groups", "id")
    CS__REG_SUBTREE_TRIGGER("node", "Nodes", "id")
    CS__REG_SUBTREE_TRIGGER("restype", "ResourceTypes", "name"), NULL },
    { "CREATE TABLE network(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, address TEXT NOT NULL,"
    " mask TEXT NOT NULL, priority INTEGER NOT NULL, UNIQUE(address, mask));"
    "CREATE TABLE netif(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " node INTEGER NOT NULL REFERENCES node(id), network TEXT NOT NULL REFERENCES network(id),"
    " adapter TEXT NOT NULL, address TEXT NOT NULL, UNIQUE(node, network));"
    "CREATE TRIGGER node_netif AFTER DELETE ON node BEGIN DELETE FROM netif WHERE node = old.id; END;"
    CS__REG_SUBTREE_TRIGGER("network", "Networks", "id")
    CS__REG_SUBTREE_TRIGGER("netif", "NetworkInterfaces", "id"), NULL },
    { "CREATE TABLE running(res TEXT PRIMARY KEY, node INTEGER NOT NULL);", NULL },
    { NULL, cs__ckpt_hive_migrate },
};
#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static const struct { const char *name, *dll; } std_types[] = {
    { "Physical Disk", "clusres.dll" },
    { "IP Address", "clusres.dll" },
    { "Network Name", "clusres.dll" },
    { "Generic Application", "clusres.dll" },
    { "Generic Service", "clusres.dll" },
    { "Generic Script", "clusres.dll" },
    { "File Share", "clusres.dll" },
    { "Print Spooler", "clusres.dll" },
    { "DHCP Service", "clusres.dll" },
    { "WINS Service", "clusres.dll" },
    { "Majority Node Set", "clusres.dll" },
    { "Local Quorum", "clusres.dll" },
    { "Volume Shadow Copy Service Task", "clusres.dll" },
    { "Distributed Transaction Coordinator", "mtxclu.dll" },
    { "Message Queuing", "mqclus.dll" },
};


/* From schema version `from` to CS_SCHEMA_VERSION, a new store included. */
static uint32_t migrate(cs_store *s, int from)
{
    uint32_t err;
    int v;

    for (v = from; v < CS_SCHEMA_VERSION && v - 1 < N_MIGRATIONS; v++) {
        if (migrations[v - 1].code)
            err = migrations[v - 1].code(s);
        else if (sqlite3_exec(s->db, migrations[v - 1].sql, NULL, NULL, NULL) != SQLITE_OK)
            err = cs__sqlfail(s, sqlite3_errcode(s->db), "schema migration");
        else
            err = 0;
        if (err)
            return err;
    }
    return 0;
}

static uint32_t add_resource(cs_store *s, const char *name, const char *type, const char *grp, char id[CS_GUID_MAX])
{
    uint32_t err = cs__new_guid(s, id);

    if (!err)
        err = cs__exec(s, "INSERT INTO resource VALUES(?, ?, ?, ?, 1, ?)", "tttti", id, name, type, grp,
                       (int64_t)CS_RES_ONLINE);
    return err;
}

static uint32_t add_sz(cs_store *s, const char *res, const char *name, const char *value)
{
    return cs__exec(s, "INSERT INTO regval VALUES(" CS__SQL_PARAMETERS("?") ", ?, ?, ?)", "ttib", res, name,
                    (int64_t)CS_REG_SZ, value, strlen(value) + 1);
}

/* The core IP Address carries the three properties Microsoft's reference
 * says the type requires (Address, Network, SubnetMask).  Server 2003 names
 * a cluster network after the connection it was found on; the store learns
 * networks only as nodes join, after this, so Network names the first
 * connection's usual Windows name. */
uint32_t cs__schema_create(cs_store *s, const char *cluster, const char *node)
{
    char host[CS_NAME_MAX], cid[CS_GUID_MAX], gid[CS_GUID_MAX], ip[CS_GUID_MAX], nn[CS_GUID_MAX], q[CS_GUID_MAX];
    uint32_t err;
    size_t i;
    char version[32];

    cs__host_name(host, sizeof(host));
    if (!cluster)
        cluster = host;
    if (!node)
        node = host;
    if ((err = cs__check_name(s, "cluster", cluster)) || (err = cs__check_name(s, "node", node)))
        return err;
    if (sqlite3_exec(s->db, schema_v1, NULL, NULL, NULL) != SQLITE_OK)
        return cs__sqlfail(s, sqlite3_errcode(s->db), "create schema");
    if ((err = migrate(s, 1)))
        return err;
    for (i = 0; i < sizeof(std_types) / sizeof(std_types[0]); i++)
        if ((err = cs__exec(s, "INSERT INTO restype VALUES(?, ?, ?)", "ttt", std_types[i].name, std_types[i].name,
                            std_types[i].dll)))
            return err;
    if ((err = cs__new_guid(s, cid)) || (err = cs__new_guid(s, gid)))
        return err;
    if ((err = cs__exec(s, "INSERT INTO node VALUES(1, ?, ?)", "ti", node, (int64_t)CS_NODE_UP)) ||
        (err = cs__exec(s, "INSERT INTO grp VALUES(?, 'Cluster Group', 1, ?)", "ti", gid, (int64_t)CS_GROUP_ONLINE)))
        return err;
    if ((err = add_resource(s, "Cluster IP Address", "IP Address", gid, ip)) ||
        (err = add_resource(s, "Cluster Name", "Network Name", gid, nn)) ||
        (err = add_resource(s, "Local Quorum", "Local Quorum", gid, q)))
        return err;
    if ((err = cs__exec(s, "INSERT INTO dependency VALUES(?, ?)", "tt", nn, ip)) ||
        (err = add_sz(s, ip, "Address", "127.0.0.1")) || (err = add_sz(s, ip, "SubnetMask", "255.0.0.0")) ||
        (err = add_sz(s, ip, "Network", "Local Area Connection")) ||
        (err = add_sz(s, nn, "Name", cluster)))
        return err;
    if ((err = cs__exec(s, "INSERT INTO cluster VALUES(1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                        "ttttiiiiiit", cluster, cid, q, CS_DEFAULT_QUORUM_PATH, (int64_t)CS_QUORUM_LOG_DEFAULT,
                        (int64_t)CS_W2K3_CLUSTER_VERSION, (int64_t)CS_W2K3_CLUSTER_VERSION, (int64_t)CS_W2K3_MAJOR,
                        (int64_t)CS_W2K3_MINOR, (int64_t)CS_W2K3_BUILD, CS_W2K3_CSD)))
        return err;
    snprintf(version, sizeof(version), "PRAGMA user_version = %d", CS_SCHEMA_VERSION);
    if (sqlite3_exec(s->db, version, NULL, NULL, NULL) != SQLITE_OK)
        return cs__sqlfail(s, sqlite3_errcode(s->db), "set schema version");
    return cs__log(s, "cluster.create", cid, "cluster '%s', node '%s'", cluster, node);
}

static uint32_t user_version(cs_store *s, int *v)
{
    sqlite3_stmt *st;
    int row;
    uint32_t err = cs__prep(s, &st, "PRAGMA user_version", "");

    if (err)
        return err;
    err = cs__step(s, st, &row);
    *v = !err && row ? sqlite3_column_int(st, 0) : 0;
    cs__done(s, st);
    return err;
}

static uint32_t check_version(cs_store *s, int v)
{
    if (v > CS_SCHEMA_VERSION)
        return cs__fail(s, CS_ERROR_REVISION_MISMATCH,
                        "cluster database %s/cluster.db has schema version %d, written by a newer wineclus; "
                        "this build understands up to version %d",
                        s->dir, v, CS_SCHEMA_VERSION);
    if (v < 1)
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "%s/cluster.db is an SQLite file but not a wineclus store",
                        s->dir);
    return 0;
}

static uint32_t read_version(cs_store *s, void *arg)
{
    return user_version(s, arg);
}

static uint32_t upgrade(cs_store *s, void *arg)
{
    char sql[64];
    uint32_t err;
    int v;

    (void)arg;
    if ((err = user_version(s, &v)) || (err = check_version(s, v)))
        return err;
    if (v == CS_SCHEMA_VERSION)
        return 0;
    if ((err = migrate(s, v)))
        return err;
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", CS_SCHEMA_VERSION);
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return cs__sqlfail(s, sqlite3_errcode(s->db), "set schema version");
    return cs__log(s, "schema.upgrade", "", "schema version %d", CS_SCHEMA_VERSION);
}

uint32_t cs__schema_upgrade(cs_store *s)
{
    int v;
    uint32_t err = cs__read(s, read_version, &v);

    if (err || (err = check_version(s, v)))
        return err;
    /* Only take the write lock when there is something to do: a read-only
     * check lets a newer-version store be refused without writing. */
    if (v == CS_SCHEMA_VERSION)
        return 0;
    return cs__write(s, upgrade, NULL);
}

/* Cluster networks and network interfaces (schema version 5).  A network is
 * an IPv4 subnet some node's host is on; an interface is a node's address on
 * a network.  Both are learnt from the host when a node joins, in one
 * transaction, and never deleted by that: a network a host left stays, as it
 * does in Server 2003 until an administrator removes it. */
#include "cs_internal.h"

#include <stdio.h>
#include <string.h>

static void network_row(sqlite3_stmt *st, cs_network *n)
{
    cs__copy(n->id, sizeof(n->id), sqlite3_column_text(st, 0));
    cs__copy(n->name, sizeof(n->name), sqlite3_column_text(st, 1));
    cs__copy(n->address, sizeof(n->address), sqlite3_column_text(st, 2));
    cs__copy(n->mask, sizeof(n->mask), sqlite3_column_text(st, 3));
    n->priority = (uint32_t)sqlite3_column_int64(st, 4);
    n->role = 3; /* ClusterNetworkRoleInternalAndClient, the documented default */
    if (sqlite3_column_bytes(st, 5) == (int)sizeof(n->role))
        memcpy(&n->role, sqlite3_column_blob(st, 5), sizeof(n->role));
}

static void netif_row(sqlite3_stmt *st, cs_netif *n)
{
    cs__copy(n->id, sizeof(n->id), sqlite3_column_text(st, 0));
    cs__copy(n->name, sizeof(n->name), sqlite3_column_text(st, 1));
    n->node = (uint32_t)sqlite3_column_int64(st, 2);
    cs__copy(n->network, sizeof(n->network), sqlite3_column_text(st, 3));
    cs__copy(n->adapter, sizeof(n->adapter), sqlite3_column_text(st, 4));
    cs__copy(n->address, sizeof(n->address), sqlite3_column_text(st, 5));
}

/* Role is a stored value (a common property without a column). */
#define NETWORK_COLS                                                                                          \
    "SELECT id, name, address, mask, priority, (SELECT data FROM regval WHERE key = 'Networks\\' || id"      \
    " AND name = 'Role' AND type = 4) FROM network"
#define NETIF_COLS "SELECT id, name, node, network, adapter, address FROM netif"

struct find_args { const char *key; const char *sql; uint32_t code; void *out; int netif; };

static uint32_t find_fn(cs_store *s, void *arg)
{
    struct find_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, a->sql, "t", a->key)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, a->code, "'%s' not found", a->key);
    if (!err) {
        if (a->netif)
            netif_row(st, a->out);
        else
            network_row(st, a->out);
    }
    cs__done(s, st);
    return err;
}

/* A network (netif = 0) or an interface by name or id. */
static uint32_t find(cs_store *s, const char *name_or_id, int netif, void *out)
{
    struct find_args a = { name_or_id,
                           netif ? NETIF_COLS " WHERE name = ?1 OR id = lower(?1)"
                                 : NETWORK_COLS " WHERE name = ?1 OR id = lower(?1)",
                           netif ? CS_ERROR_CLUSTER_NETINTERFACE_NOT_FOUND : CS_ERROR_CLUSTER_NETWORK_NOT_FOUND,
                           out, netif };

    if (!name_or_id || !out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no name or output");
    return cs__read(s, find_fn, &a);
}

uint32_t cs_network_find(cs_store *s, const char *name_or_id, cs_network *out)
{
    return find(s, name_or_id, 0, out);
}

uint32_t cs_netif_find(cs_store *s, const char *name_or_id, cs_netif *out)
{
    return find(s, name_or_id, 1, out);
}

struct list_args { cs__vec *v; const char *network; uint32_t node; int netif; };

static uint32_t list_fn(cs_store *s, void *arg)
{
    struct list_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (a->netif)
        err = cs__prep(s, &st, NETIF_COLS " WHERE (?1 IS NULL OR network = ?1) AND (?2 = 0 OR node = ?2)"
                       " ORDER BY name", "ti", a->network, (int64_t)a->node);
    else
        err = cs__prep(s, &st, NETWORK_COLS " ORDER BY priority, name", "");
    while (!err && !(err = cs__step(s, st, &row)) && row) {
        cs_network n;
        cs_netif i;

        if (a->netif)
            netif_row(st, &i);
        else
            network_row(st, &n);
        err = cs__vec_push(s, a->v, a->netif ? (void *)&i : (void *)&n);
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_network_list(cs_store *s, cs_network **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_network) };
    struct list_args a = { &v, NULL, 0, 0 };

    return cs__read_vec(s, list_fn, &a, &v, arr, n);
}

uint32_t cs_netif_list(cs_store *s, const char *network, uint32_t node, cs_netif **arr, size_t *n)
{
    cs__vec v = { NULL, 0, 0, sizeof(cs_netif) };
    struct list_args a = { &v, network, node, 1 };

    return cs__read_vec(s, list_fn, &a, &v, arr, n);
}

struct rename_args { const char *id, *name; };

static uint32_t rename_fn(cs_store *s, void *arg)
{
    struct rename_args *a = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT 1 FROM network WHERE name = ? AND id <> ?", "tt", a->name, a->id)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_OBJECT_ALREADY_EXISTS, "a network is named '%s' already", a->name);
    if (err || (err = cs__exec(s, "UPDATE network SET name = ? WHERE id = ?", "tt", a->name, a->id)))
        return err;
    if (!sqlite3_changes(s->db))
        return cs__fail(s, CS_ERROR_CLUSTER_NETWORK_NOT_FOUND, "network %s not found", a->id);
    return cs__log(s, "network.rename", a->id, "network %s renamed '%s'", a->id, a->name);
}

uint32_t cs_network_rename(cs_store *s, const char *id, const char *name)
{
    struct rename_args a = { id, name };
    uint32_t err;

    if (!id || !name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no network or name");
    if ((err = cs__check_name(s, "network", name)))
        return err;
    return cs__write(s, rename_fn, &a);
}

struct record_args { uint32_t node; const cs_hostnet *nets; size_t n; };

/* The network of a subnet, made if new: named after the first adapter found
 * on it, or after the adapter and subnet when that name is taken. */
static uint32_t network_of(cs_store *s, const cs_hostnet *h, char id[CS_GUID_MAX], char *name, size_t name_size)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row, taken;

    if ((err = cs__prep(s, &st, "SELECT id, name FROM network WHERE address = ? AND mask = ?", "tt", h->subnet,
                        h->mask)))
        return err;
    if (!(err = cs__step(s, st, &row)) && row) {
        cs__copy(id, CS_GUID_MAX, sqlite3_column_text(st, 0));
        cs__copy(name, name_size, sqlite3_column_text(st, 1));
    }
    cs__done(s, st);
    if (err || row)
        return err;
    if ((err = cs__prep(s, &st, "SELECT 1 FROM network WHERE name = ?", "t", h->adapter)))
        return err;
    err = cs__step(s, st, &taken);
    cs__done(s, st);
    if (err || (err = cs__new_guid(s, id)))
        return err;
    if ((size_t)(taken ? snprintf(name, name_size, "%s (%s)", h->adapter, h->subnet)
                       : snprintf(name, name_size, "%s", h->adapter)) >= name_size)
        return cs__fail(s, CS_ERROR_INVALID_NAME, "adapter name '%s' too long for a network name", h->adapter);
    return cs__exec(s, "INSERT INTO network VALUES(?, ?, ?, ?, (SELECT count(*) + 1 FROM network))", "tttt", id,
                    name, h->subnet, h->mask);
}

static uint32_t record_fn(cs_store *s, void *arg)
{
    struct record_args *a = arg;
    char id[CS_GUID_MAX], name[CS_NAME_MAX], ifname[CS_NAME_MAX * 2 + 4], ifid[CS_GUID_MAX];
    cs_node node;
    uint32_t err;
    size_t i;

    if ((err = cs__node_lookup(s, a->node, &node)))
        return err;
    for (i = 0; i < a->n; i++) {
        const cs_hostnet *h = &a->nets[i];

        if ((err = network_of(s, h, id, name, sizeof(name))))
            return err;
        /* Server 2003 names an interface "<node> - <network>". */
        if ((size_t)snprintf(ifname, sizeof(ifname), "%s - %s", node.name, name) >= sizeof(ifname))
            return cs__fail(s, CS_ERROR_INVALID_NAME, "interface name too long");
        if ((err = cs__exec(s, "UPDATE netif SET adapter = ?, address = ? WHERE node = ? AND network = ?", "ttit",
                            h->adapter, h->address, (int64_t)a->node, id)))
            return err;
        if (sqlite3_changes(s->db))
            continue;
        if ((err = cs__new_guid(s, ifid)) ||
            (err = cs__exec(s, "INSERT INTO netif VALUES(?, ?, ?, ?, ?, ?)", "ttitt" "t", ifid, ifname,
                            (int64_t)a->node, id, h->adapter, h->address)) ||
            (err = cs__log(s, "netif.create", ifid, "node %u on network '%s' as %s", a->node, name, h->address)))
            return err;
    }
    return 0;
}

uint32_t cs_node_record_networks(cs_store *s, uint32_t node, const cs_hostnet *nets, size_t n)
{
    struct record_args a = { node, nets, n };

    if (!nets && n)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no networks");
    return cs__write(s, record_fn, &a);
}

struct order_args { const char *const *ids; size_t n; };

static uint32_t order_fn(cs_store *s, void *arg)
{
    struct order_args *a = arg;
    uint32_t err;
    size_t i, j;

    /* Networks not listed keep their order, after the listed ones. */
    if ((err = cs__exec(s, "UPDATE network SET priority = priority + ?", "i", (int64_t)a->n)))
        return err;
    for (i = 0; i < a->n; i++) {
        for (j = 0; j < i; j++)
            if (!strcmp(a->ids[i], a->ids[j]))
                return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "network %s listed twice", a->ids[i]);
        if ((err = cs__exec(s, "UPDATE network SET priority = ? WHERE id = ?", "it", (int64_t)(i + 1), a->ids[i])))
            return err;
        if (!sqlite3_changes(s->db))
            return cs__fail(s, CS_ERROR_CLUSTER_NETWORK_NOT_FOUND, "network %s not found", a->ids[i]);
    }
    return cs__log(s, "network.order", "", "%zu networks ordered", a->n);
}

uint32_t cs_network_set_order(cs_store *s, const char *const *ids, size_t n)
{
    struct order_args a = { ids, n };

    if (!ids && n)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no networks");
    return cs__write(s, order_fn, &a);
}

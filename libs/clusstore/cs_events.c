/* Change events: the quorum log read as CLUSTER_CHANGE_* notifications.
 *
 * Every change the store makes is logged with its seq in the transaction
 * that makes it, so the log is the event source: nothing is written twice,
 * and an event exists exactly when its change was committed. */
#include "cs_internal.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Records read in one transaction at most: a reader far behind catches up
 * in batches rather than holding all of them in memory at once. */
#define CS_EVENTS_BATCH 1024

/* How each log operation is named and notified: the one table.  what
 * says where the object's name comes from. */
enum what { BY_NAME, BY_GROUP, BY_RESOURCE, BY_NETWORK, BY_NETIF, KEY_PATH, CLUSTER };
static const struct {
    const char *op;
    uint32_t change;
    enum what what;
} ops[] = {
    { "cluster.rename",            CS_CHANGE_CLUSTER_PROPERTY,       CLUSTER },
    { "quorum.set",                CS_CHANGE_CLUSTER_PROPERTY,       CLUSTER },
    { "network.order",             CS_CHANGE_CLUSTER_PROPERTY,       CLUSTER },
    /* A restore replaces everything: a listener has to read the cluster
     * again, which is what RECONNECT tells it. */
    { "restore",                   CS_CHANGE_CLUSTER_RECONNECT,      CLUSTER },
    { "node.add",                  CS_CHANGE_NODE_ADDED,             BY_NAME },
    { "node.remove",               CS_CHANGE_NODE_DELETED,           BY_NAME },
    { "node.state",                CS_CHANGE_NODE_STATE,             BY_NAME },
    { "node.pause",                CS_CHANGE_NODE_STATE,             BY_NAME },
    { "node.resume",               CS_CHANGE_NODE_STATE,             BY_NAME },
    { "group.create",              CS_CHANGE_GROUP_ADDED,            BY_GROUP },
    { "group.delete",              CS_CHANGE_GROUP_DELETED,          BY_GROUP },
    { "group.state",               CS_CHANGE_GROUP_STATE,            BY_GROUP },
    { "group.move",                CS_CHANGE_GROUP_STATE,            BY_GROUP },
    { "group.rename",              CS_CHANGE_GROUP_PROPERTY,         BY_GROUP },
    { "group.preferred",           CS_CHANGE_GROUP_PROPERTY,         BY_GROUP },
    { "restype.create",            CS_CHANGE_RESOURCE_TYPE_ADDED,    BY_NAME },
    { "restype.delete",            CS_CHANGE_RESOURCE_TYPE_DELETED,  BY_NAME },
    { "resource.create",           CS_CHANGE_RESOURCE_ADDED,         BY_RESOURCE },
    { "resource.delete",           CS_CHANGE_RESOURCE_DELETED,       BY_RESOURCE },
    { "resource.state",            CS_CHANGE_RESOURCE_STATE,         BY_RESOURCE },
    { "resource.rename",           CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "resource.move",             CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "resource.owner.add",        CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "resource.owner.remove",     CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "dependency.add",            CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "dependency.remove",         CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "property.set",              CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "property.delete",           CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "checkpoint.registry.add",   CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "checkpoint.registry.delete", CS_CHANGE_RESOURCE_PROPERTY,     BY_RESOURCE },
    { "checkpoint.crypto.add",     CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "checkpoint.crypto.delete",  CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "network.rename",            CS_CHANGE_NETWORK_PROPERTY,       BY_NETWORK },
    { "netif.create",              CS_CHANGE_NETINTERFACE_ADDED,     BY_NETIF },
    { "registry.key.create",       CS_CHANGE_REGISTRY_NAME,          KEY_PATH },
    { "registry.key.delete",       CS_CHANGE_REGISTRY_NAME,          KEY_PATH },
    { "registry.value.set",        CS_CHANGE_REGISTRY_VALUE,         KEY_PATH },
    { "registry.value.delete",     CS_CHANGE_REGISTRY_VALUE,         KEY_PATH },
    { "registry.security.set",     CS_CHANGE_REGISTRY_ATTRIBUTES,    KEY_PATH },
};

static const struct { uint32_t change; const char *name; } names[] = {
    { CS_CHANGE_NODE_STATE, "NODE_STATE" }, { CS_CHANGE_NODE_DELETED, "NODE_DELETED" },
    { CS_CHANGE_NODE_ADDED, "NODE_ADDED" }, { CS_CHANGE_NODE_PROPERTY, "NODE_PROPERTY" },
    { CS_CHANGE_REGISTRY_NAME, "REGISTRY_NAME" }, { CS_CHANGE_REGISTRY_ATTRIBUTES, "REGISTRY_ATTRIBUTES" },
    { CS_CHANGE_REGISTRY_VALUE, "REGISTRY_VALUE" }, { CS_CHANGE_REGISTRY_SUBTREE, "REGISTRY_SUBTREE" },
    { CS_CHANGE_RESOURCE_STATE, "RESOURCE_STATE" }, { CS_CHANGE_RESOURCE_DELETED, "RESOURCE_DELETED" },
    { CS_CHANGE_RESOURCE_ADDED, "RESOURCE_ADDED" }, { CS_CHANGE_RESOURCE_PROPERTY, "RESOURCE_PROPERTY" },
    { CS_CHANGE_GROUP_STATE, "GROUP_STATE" }, { CS_CHANGE_GROUP_DELETED, "GROUP_DELETED" },
    { CS_CHANGE_GROUP_ADDED, "GROUP_ADDED" }, { CS_CHANGE_GROUP_PROPERTY, "GROUP_PROPERTY" },
    { CS_CHANGE_RESOURCE_TYPE_DELETED, "RESOURCE_TYPE_DELETED" },
    { CS_CHANGE_RESOURCE_TYPE_ADDED, "RESOURCE_TYPE_ADDED" },
    { CS_CHANGE_RESOURCE_TYPE_PROPERTY, "RESOURCE_TYPE_PROPERTY" },
    { CS_CHANGE_CLUSTER_RECONNECT, "CLUSTER_RECONNECT" }, { CS_CHANGE_NETWORK_STATE, "NETWORK_STATE" },
    { CS_CHANGE_NETWORK_DELETED, "NETWORK_DELETED" }, { CS_CHANGE_NETWORK_ADDED, "NETWORK_ADDED" },
    { CS_CHANGE_NETWORK_PROPERTY, "NETWORK_PROPERTY" }, { CS_CHANGE_NETINTERFACE_STATE, "NETINTERFACE_STATE" },
    { CS_CHANGE_NETINTERFACE_DELETED, "NETINTERFACE_DELETED" },
    { CS_CHANGE_NETINTERFACE_ADDED, "NETINTERFACE_ADDED" },
    { CS_CHANGE_NETINTERFACE_PROPERTY, "NETINTERFACE_PROPERTY" }, { CS_CHANGE_QUORUM_STATE, "QUORUM_STATE" },
    { CS_CHANGE_CLUSTER_STATE, "CLUSTER_STATE" }, { CS_CHANGE_CLUSTER_PROPERTY, "CLUSTER_PROPERTY" },
    { CS_CHANGE_HANDLE_CLOSE, "HANDLE_CLOSE" },
};

static int op_index(const char *op)
{
    size_t i;

    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (!strcmp(ops[i].op, op))
            return (int)i;
    return -1;
}

uint32_t cs_change_of(const char *op)
{
    int i = op ? op_index(op) : -1;
    return i < 0 ? 0 : ops[i].change;
}

const char *cs_change_name(uint32_t change)
{
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].change == change)
            return names[i].name;
    return NULL;
}

uint32_t cs_change_parse(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(names[i].name, name))
            return names[i].change;
    return 0;
}

/* The name a deleted object had, from its record's detail, which starts
 * with it quoted: "'NAME'" or "'NAME' more".  A name holding "' " is cut
 * there; the object is gone, so nothing better is left to ask. */
static void quoted_name(const char *detail, char *out, size_t n)
{
    const char *end;

    if (detail[0] != '\'') {
        cs__copy(out, n, (const unsigned char *)"");
        return;
    }
    detail++;
    if (!(end = strstr(detail, "' ")))
        end = detail + strlen(detail) - (detail[0] && detail[strlen(detail) - 1] == '\'');
    snprintf(out, n, "%.*s", (int)(end - detail), detail);
}

/* A registry record's detail starts with the key's path; what follows it
 * (" 'value' ...", " (N bytes)") starts with a space and a quote or a
 * parenthesis.  A key name holding one of those is cut there. */
static void key_path(const char *op, const char *detail, char *out, size_t n)
{
    const char *end = NULL;

    if (!strncmp(op, "registry.value.", 15))
        end = strstr(detail, " '");
    else if (!strcmp(op, "registry.security.set"))
        end = strrchr(detail, '(') && strrchr(detail, '(') > detail ? strrchr(detail, '(') - 1 : NULL;
    if (!end)
        end = detail + strlen(detail);
    snprintf(out, n, "%.*s", (int)(end - detail), detail);
}

static uint32_t name_by_id(cs_store *s, const char *sql, const char *id, char *out, size_t n, int *found)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row = 0;

    if ((err = cs__prep(s, &st, sql, "t", id)))
        return err;
    if (!(err = cs__step(s, st, &row)) && row)
        cs__copy(out, n, sqlite3_column_text(st, 0));
    cs__done(s, st);
    *found = row;
    return err;
}

static const char *const name_sql[] = {
    [BY_GROUP] = "SELECT name FROM grp WHERE id = ?",
    [BY_RESOURCE] = "SELECT name FROM resource WHERE id = ?",
    [BY_NETWORK] = "SELECT name FROM network WHERE id = ?",
    [BY_NETIF] = "SELECT name FROM netif WHERE id = ?",
    [CLUSTER] = "SELECT name FROM cluster WHERE ? IS NOT NULL",
};

/* The event a log record raises (0: none): its object and name into ev. */
static uint32_t record_event(cs_store *s, const cs_log_record *rec, cs_event *ev, char *object, char *name)
{
    int i = op_index(rec->op), found = 1;
    uint32_t err = 0;

    ev->change = 0;
    if (i < 0)
        return 0;
    ev->seq = rec->seq;
    ev->time = rec->time;
    ev->op = ops[i].op;
    ev->change = ops[i].change;
    cs__copy(object, CS_PATH_MAX, (const unsigned char *)rec->object_id);
    switch (ops[i].what) {
    case BY_NAME:
        cs__copy(name, CS_PATH_MAX, (const unsigned char *)rec->object_id);
        break;
    case KEY_PATH:
        key_path(rec->op, rec->detail, object, CS_PATH_MAX);
        cs__copy(name, CS_PATH_MAX, (const unsigned char *)object);
        break;
    default:
        /* The name the object has now; one deleted since has the name its
         * record quotes. */
        err = name_by_id(s, name_sql[ops[i].what], rec->object_id, name, CS_PATH_MAX, &found);
        if (!err && !found)
            quoted_name(rec->detail, name, CS_PATH_MAX);
        break;
    }
    ev->object = object;
    ev->name = name;
    return err;
}

/* Events are gathered and handed out only once the read transaction has
 * ended well: a read that is retried must not hand any out twice. */
struct gathered {
    cs_event ev;
    char object[CS_PATH_MAX], name[CS_PATH_MAX];
};

struct read_args {
    uint64_t since, last;
    int more;
    struct gathered *g;
    size_t n, cap;
};

static struct gathered *gather(cs_store *s, struct read_args *a, uint32_t *err)
{
    struct gathered *g;

    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        if (!(g = realloc(a->g, cap * sizeof(*g)))) {
            *err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading events");
            return NULL;
        }
        a->g = g;
        a->cap = cap;
    }
    *err = 0;
    return &a->g[a->n];
}

/* Some events could not be read: CLUSTER_RECONNECT says so, as MS-CMRP
 * ApiGetNotify does when a server fails to return indications. */
static uint32_t lost(cs_store *s, struct read_args *a, uint64_t seq)
{
    struct gathered *g;
    uint32_t err;
    int found;

    if (!(g = gather(s, a, &err)))
        return err;
    memset(&g->ev, 0, sizeof(g->ev));
    g->ev.seq = seq;
    g->ev.time = cs__now();
    g->ev.op = "events.lost";
    g->ev.change = CS_CHANGE_CLUSTER_RECONNECT;
    g->object[0] = g->name[0] = 0;
    if ((err = name_by_id(s, name_sql[CLUSTER], "", g->name, sizeof(g->name), &found)))
        return err;
    a->n++;
    return 0;
}

static uint32_t read_fn(cs_store *s, void *arg)
{
    struct read_args *a = arg;
    uint64_t log_seq = 0, expect = a->since + 1;
    struct gathered *g;
    cs_log_record rec;
    sqlite3_stmt *st;
    uint32_t err;
    int row, rows = 0;

    a->n = 0;
    a->more = 0;
    if ((err = cs__prep(s, &st, "SELECT log_seq FROM cluster", "")))
        return err;
    if (!(err = cs__step(s, st, &row)) && row)
        log_seq = (uint64_t)sqlite3_column_int64(st, 0);
    cs__done(s, st);
    if (err)
        return err;
    a->last = log_seq;
    /* A restore can take the log back to an older seq: go on from there. */
    if (log_seq < a->since)
        return lost(s, a, log_seq);
    if (log_seq == a->since)
        return 0;
    if ((err = cs__prep(s, &st, "SELECT seq, time, op, object, detail FROM log WHERE seq > ? ORDER BY seq LIMIT ?",
                        "ii", (int64_t)a->since, (int64_t)CS_EVENTS_BATCH)))
        return err;
    while (!err && !(err = cs__step(s, st, &row)) && row) {
        rows++;
        rec.seq = (uint64_t)sqlite3_column_int64(st, 0);
        rec.time = sqlite3_column_int64(st, 1);
        rec.op = (const char *)sqlite3_column_text(st, 2);
        rec.object_id = (const char *)sqlite3_column_text(st, 3);
        rec.detail = (const char *)sqlite3_column_text(st, 4);
        /* Records checkpointed away before this reader got to them. */
        if (rec.seq != expect && (err = lost(s, a, rec.seq - 1)))
            break;
        expect = rec.seq + 1;
        if (!(g = gather(s, a, &err)) || (err = record_event(s, &rec, &g->ev, g->object, g->name)))
            break;
        if (g->ev.change)
            a->n++;
    }
    cs__done(s, st);
    if (rows == CS_EVENTS_BATCH) {
        a->last = expect - 1;
        a->more = 1;
    }
    else if (!err && expect != log_seq + 1)
        err = lost(s, a, log_seq);
    return err;
}

uint32_t cs__events_read(cs_store *s, uint64_t since, cs_event_fn fn, void *ctx, uint64_t *last, int *more)
{
    struct read_args a = { since, since, 0, NULL, 0, 0 };
    uint32_t err = cs__read(s, read_fn, &a);
    size_t i;

    *last = err ? since : a.last;
    *more = !err && a.more;
    for (i = 0; !err && i < a.n; i++) {
        a.g[i].ev.object = a.g[i].object;
        a.g[i].ev.name = a.g[i].name;
        fn(ctx, &a.g[i].ev);
    }
    free(a.g);
    return err;
}

/* Change events: the quorum log read as CLUSTER_CHANGE_* notifications.
 *
 * Every change the store makes is logged with its seq in the transaction
 * that makes it, so the log is the event source: nothing is written twice,
 * and an event exists exactly when its change was committed. */
#define _GNU_SOURCE
#include "cs_internal.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* How each log operation is named and notified: the one table.  what
 * says where the object's name comes from. */
enum what { BY_NAME, BY_GROUP, BY_RESOURCE, BY_NETWORK, BY_NETIF, BY_NODE_ID, KEY_PATH, CLUSTER };
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

/* An object's properties are values of its key (or of its Parameters key,
 * the private ones): a value set or deleted there is also a change of the
 * object's properties. */
static const struct {
    const char *key;
    uint32_t change;
    enum what what;
} property_keys[] = {
    { "Resources",         CS_CHANGE_RESOURCE_PROPERTY,      BY_RESOURCE },
    { "Groups",            CS_CHANGE_GROUP_PROPERTY,         BY_GROUP },
    { "Nodes",             CS_CHANGE_NODE_PROPERTY,          BY_NODE_ID },
    { "Networks",          CS_CHANGE_NETWORK_PROPERTY,       BY_NETWORK },
    { "NetworkInterfaces", CS_CHANGE_NETINTERFACE_PROPERTY,  BY_NETIF },
    { "ResourceTypes",     CS_CHANGE_RESOURCE_TYPE_PROPERTY, BY_NAME },
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

/* The name a record quotes first: "'NAME'" or "'NAME' more".  Only where
 * nothing better is known: a name holding "' " is cut there. */
static void quoted_name(const char *detail, char *out, size_t n)
{
    size_t len = strlen(detail);
    const char *end;

    if (detail[0] != '\'') {
        out[0] = 0;
        return;
    }
    if (!(end = strstr(detail + 1, "' ")))
        end = detail + len - (len > 1 && detail[len - 1] == '\'');
    snprintf(out, n, "%.*s", (int)(end - detail - 1), detail + 1);
}

/* A rename's record says "'OLD' to 'NEW'": knowing NEW, OLD is exact. */
static int renamed_from(const char *detail, const char *new_name, char *out, size_t n)
{
    size_t len = strlen(detail), nl = strlen(new_name);

    if (len < 8 + nl || detail[0] != '\'' || detail[len - 1] != '\'' ||
        memcmp(detail + len - 7 - nl, "' to '", 6) || memcmp(detail + len - 1 - nl, new_name, nl))
        return 0;
    snprintf(out, n, "%.*s", (int)(len - 8 - nl), detail + 1);
    return 1;
}

/* A registry record's detail starts with the key's path; what follows it
 * (" 'value' ...", " (N bytes)") starts with a space and a quote or a
 * parenthesis.  A key name holding " '" is cut there. */
static void key_path(const char *op, const char *detail, char *out, size_t n)
{
    const char *end = NULL, *paren = strrchr(detail, '(');

    if (!strncmp(op, "registry.value.", 15))
        end = strstr(detail, " '");
    else if (!strcmp(op, "registry.security.set") && paren > detail)
        end = paren - 1;
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
    [BY_NODE_ID] = "SELECT name FROM node WHERE CAST(id AS TEXT) = ?",
    [CLUSTER] = "SELECT name FROM cluster WHERE ? IS NOT NULL",
};

/* Events are gathered and handed out only once the read transaction has
 * ended well: a read that is retried must not hand any out twice. */
struct gathered {
    cs_event ev;
    enum what what;
    char *object, *detail, *name;
};

struct read_args {
    uint64_t since, last;
    struct gathered *g;
    size_t n, cap;
};

static void drop(struct read_args *a)
{
    size_t i;

    for (i = 0; i < a->n; i++) {
        free(a->g[i].object);
        free(a->g[i].detail);
        free(a->g[i].name);
    }
    a->n = 0;
}

/* A new entry, its strings copied (name may be NULL: found later). */
static uint32_t gather(cs_store *s, struct read_args *a, const cs_event *ev, enum what what, const char *object,
                       const char *detail, const char *name)
{
    struct gathered *g;

    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        if (!(g = realloc(a->g, cap * sizeof(*g))))
            return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading events");
        a->g = g;
        a->cap = cap;
    }
    g = &a->g[a->n++];
    g->ev = *ev;
    g->what = what;
    g->object = strdup(object);
    g->detail = strdup(detail);
    g->name = name ? strdup(name) : NULL;
    if (!g->object || !g->detail || (name && !g->name))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading events");
    return 0;
}

/* Some events could not be read: CLUSTER_RECONNECT says so, as MS-CMRP
 * ApiGetNotify does when a server fails to return indications. */
static uint32_t lost(cs_store *s, struct read_args *a, uint64_t seq)
{
    char name[CS_NAME_MAX];
    cs_event ev;
    uint32_t err;
    int found;

    memset(&ev, 0, sizeof(ev));
    ev.seq = seq;
    ev.time = cs__now();
    ev.op = "events.lost";
    ev.change = CS_CHANGE_CLUSTER_RECONNECT;
    if ((err = name_by_id(s, name_sql[CLUSTER], "", name, sizeof(name), &found)))
        return err;
    return gather(s, a, &ev, CLUSTER, "", "", found ? name : "");
}

/* The property change a value's change at path makes, if path is an
 * object's key or its Parameters key. */
static uint32_t property_event(cs_store *s, struct read_args *a, const cs_event *value, const char *path,
                               const char *detail)
{
    char id[CS_PATH_MAX], name[CS_PATH_MAX];
    const char *slash = strchr(path, '\\'), *rest;
    const char *nm = name, *object = id;
    cs_event ev = *value;
    size_t i, n;
    uint32_t err;
    int found;

    if (!slash)
        return 0;
    for (i = 0; i < sizeof(property_keys) / sizeof(property_keys[0]); i++)
        if (strlen(property_keys[i].key) == (size_t)(slash - path) &&
            !strncasecmp(path, property_keys[i].key, (size_t)(slash - path)))
            break;
    rest = slash + 1;
    n = strcspn(rest, "\\");
    if (i == sizeof(property_keys) / sizeof(property_keys[0]) || !n ||
        (rest[n] && strcasecmp(rest + n, "\\Parameters")))
        return 0;
    snprintf(id, sizeof(id), "%.*s", (int)n, rest);
    ev.change = property_keys[i].change;
    switch (property_keys[i].what) {
    case BY_GROUP:
    case BY_RESOURCE:
        nm = NULL;
        break;
    case BY_NAME:
        nm = id;
        break;
    default:
        /* A node's events name it by its name, not its number. */
        if ((err = name_by_id(s, name_sql[property_keys[i].what], id, name, sizeof(name), &found)))
            return err;
        if (!found)
            cs__copy(name, sizeof(name), (const unsigned char *)id);
        if (property_keys[i].what == BY_NODE_ID)
            object = name;
        break;
    }
    return gather(s, a, &ev, property_keys[i].what, object, detail, nm);
}

static uint32_t record(cs_store *s, struct read_args *a, const cs_log_record *rec)
{
    char name[CS_PATH_MAX], object[CS_PATH_MAX];
    int i = op_index(rec->op), found = 1;
    const char *nm = name;
    cs_event ev;
    uint32_t err = 0;

    if (i < 0)
        return 0;
    memset(&ev, 0, sizeof(ev));
    ev.seq = rec->seq;
    ev.time = rec->time;
    ev.op = ops[i].op;
    ev.change = ops[i].change;
    cs__copy(object, sizeof(object), (const unsigned char *)rec->object_id);
    switch (ops[i].what) {
    case BY_NAME:
        nm = object;
        break;
    case KEY_PATH:
        key_path(rec->op, rec->detail, object, sizeof(object));
        nm = object;
        break;
    case BY_GROUP:
    case BY_RESOURCE:
        nm = NULL;      /* from the records around it: names_back */
        break;
    default:
        /* A network's rename does not say its old name: the one it has now. */
        if (!(err = name_by_id(s, name_sql[ops[i].what], rec->object_id, name, sizeof(name), &found)) && !found)
            quoted_name(rec->detail, name, sizeof(name));
        break;
    }
    if (err || (err = gather(s, a, &ev, ops[i].what, object, rec->detail, nm)))
        return err;
    return strncmp(rec->op, "registry.value.", 15) ? 0 : property_event(s, a, &ev, object, rec->detail);
}

static int by_object(const void *x, const void *y, void *arg)
{
    const struct gathered *g = arg, *p = &g[*(const size_t *)x], *q = &g[*(const size_t *)y];
    int c = strcmp(p->object, q->object);

    return c ? c : (p->ev.seq > q->ev.seq) - (p->ev.seq < q->ev.seq);
}

static int op_ends(const char *op, const char *end)
{
    size_t n = strlen(op), m = strlen(end);
    return n >= m && !strcmp(op + n - m, end);
}

/* Each group and resource event is named as its object was called then:
 * walking its records from the newest back, from the name it has now (or
 * the one its deletion quotes), each rename giving the name before it. */
static uint32_t names_back(cs_store *s, struct read_args *a)
{
    char cur[CS_TEXT_MAX], prev[CS_TEXT_MAX];
    size_t *idx, m = 0, i, j, k;
    struct gathered *g;
    uint32_t err = 0;
    int have;

    if (!(idx = malloc((a->n + 1) * sizeof(*idx))))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading events");
    for (i = 0; i < a->n; i++)
        if (a->g[i].what == BY_GROUP || a->g[i].what == BY_RESOURCE)
            idx[m++] = i;
    qsort_r(idx, m, sizeof(*idx), by_object, a->g);
    for (i = 0; !err && i < m; i = j) {
        for (j = i + 1; j < m && !strcmp(a->g[idx[j]].object, a->g[idx[i]].object); j++)
            ;
        g = &a->g[idx[j - 1]];
        if ((err = name_by_id(s, name_sql[g->what], g->object, cur, sizeof(cur), &have)))
            break;
        for (k = j; !err && k-- > i;) {
            g = &a->g[idx[k]];
            if (op_ends(g->ev.op, ".delete") && strlen(g->detail) >= 2) {
                snprintf(cur, sizeof(cur), "%.*s", (int)strlen(g->detail) - 2, g->detail + 1);
                have = 1;
            }
            if (!have)
                quoted_name(g->detail, cur, sizeof(cur));
            if (!(g->name = strdup(cur)))
                err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading events");
            have = 0;
            if (op_ends(g->ev.op, ".rename") && renamed_from(g->detail, cur, prev, sizeof(prev))) {
                memcpy(cur, prev, sizeof(cur));
                have = 1;
            } else if (!op_ends(g->ev.op, ".rename"))
                have = 1;
        }
    }
    free(idx);
    return err;
}

struct walk { cs_store *s; struct read_args *a; uint64_t expect; };

static uint32_t each_record(void *ctx, const cs_log_record *rec)
{
    struct walk *w = ctx;
    uint32_t err;

    /* Records checkpointed away before this reader got to them. */
    if (rec->seq != w->expect && (err = lost(w->s, w->a, rec->seq - 1)))
        return err;
    w->expect = rec->seq + 1;
    return record(w->s, w->a, rec);
}

static uint32_t read_fn(cs_store *s, void *arg)
{
    struct read_args *a = arg;
    struct walk w = { s, a, a->since + 1 };
    uint64_t log_seq = 0;
    uint32_t err;

    drop(a);
    if ((err = cs__log_seq(s, &log_seq)))
        return err;
    a->last = log_seq;
    /* A restore can take the log back to an older seq: go on from there. */
    if (log_seq < a->since)
        return lost(s, a, log_seq);
    if (log_seq == a->since)
        return 0;
    err = cs__log_each(s, a->since, each_record, &w);
    if (!err && w.expect != log_seq + 1)
        err = lost(s, a, log_seq);
    return err ? err : names_back(s, a);
}

uint32_t cs__events_read(cs_store *s, uint64_t since, cs_event_fn fn, void *ctx, uint64_t *last)
{
    struct read_args a = { since, since, NULL, 0, 0 };
    uint32_t err = cs__read(s, read_fn, &a);
    size_t i;

    *last = err ? since : a.last;
    for (i = 0; !err && i < a.n; i++) {
        a.g[i].ev.object = a.g[i].object;
        a.g[i].ev.name = a.g[i].name;
        fn(ctx, &a.g[i].ev);
    }
    drop(&a);
    free(a.g);
    return err;
}

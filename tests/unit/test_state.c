/* Unit tests for the store's state changes (cs_state.c): dependency order,
 * pending types, failures, group states, moves between nodes, and two
 * processes changing one group at once. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"
#include "node_up.h"
#include "states.h"

#include <stdlib.h>
#include <string.h>

/* The resources of the resource.state records after seq, in order, as
 * "name name ...": the log is read first, names looked up after. */
struct trail { char ids[16][CS_GUID_MAX]; size_t n; };

static int trail_fn(void *ctx, const cs_log_record *rec)
{
    struct trail *t = ctx;

    if (!strcmp(rec->op, "resource.state") && t->n < 16)
        snprintf(t->ids[t->n++], CS_GUID_MAX, "%s", rec->object_id);
    return 0;
}

static uint64_t log_seq(cs_store *s)
{
    cs_cluster c;
    return cs_cluster_get(s, &c) ? 0 : c.log_seq;
}

static const char *trail_since(cs_store *s, uint64_t seq, char *text, size_t size)
{
    struct trail t;
    cs_resource r;
    size_t i, len = 0;

    t.n = 0;
    text[0] = 0;
    CHECK_EQ(cs_log_list(s, seq, trail_fn, &t), 0);
    for (i = 0; i < t.n && len < size; i++)
        len += (size_t)snprintf(text + len, size - len, "%s ", cs_resource_find(s, t.ids[i], &r) ? "?" : r.name);
    return text;
}

static void make_web(cs_store *s)
{
    CHECK_EQ(cs_group_create(s, "web", 1, NULL), 0);
    CHECK_EQ(cs_resource_create(s, "disk", "Physical Disk", "web", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "ip", "IP Address", "web", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "name", "Network Name", "web", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "app", "Generic Application", "web", NULL), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "ip", "disk"), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "name", "ip"), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "app", "name"), 0);
}

static void test_seam(void)
{
    CHECK_EQ(cs_restype_online_on_owner("Generic Application"), 1);
    CHECK_EQ(cs_restype_online_on_owner("generic service"), 1);
    CHECK_EQ(cs_restype_online_on_owner("Physical Disk"), 0);
    CHECK_EQ(cs_restype_online_on_owner(NULL), 0);
}

static void test_order(cs_store *s)
{
    char text[256];
    uint64_t seq;

    make_web(s);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_OFFLINE);
    seq = log_seq(s);
    CHECK_EQ(cs_resource_online(s, "name"), 0);
    CHECK(!strcmp(trail_since(s, seq, text, sizeof(text)), "disk ip name "));
    CHECK_EQ(res_state(s, "app"), CS_RES_OFFLINE);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_PARTIAL_ONLINE);
    /* Online again: nothing to do, nothing logged. */
    seq = log_seq(s);
    CHECK_EQ(cs_resource_online(s, "name"), 0);
    CHECK_EQ(log_seq(s), seq);

    /* A type whose online runs on the owner node stays pending. */
    CHECK_EQ(cs_resource_online(s, "app"), CS_ERROR_IO_PENDING);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_PENDING);
    CHECK_EQ(cs_resource_online(s, "app"), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_resource_offline(s, "app"), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_resource_offline(s, "disk"), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_group_offline(s, "web"), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_group_online(s, "web", 0), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_group_move(s, "web", 0, NULL), CS_ERROR_INVALID_STATE);
    CHECK_EQ(res_state(s, "disk"), CS_RES_ONLINE);
    CHECK_EQ(cs_resource_finish_online(s, "disk", 1), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_resource_finish_online(s, "app", 1), 0);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_ONLINE);
    CHECK_EQ(cs_resource_finish_online(s, "app", 1), CS_ERROR_INVALID_STATE);

    /* Offline: dependents first. */
    seq = log_seq(s);
    CHECK_EQ(cs_resource_offline(s, "disk"), 0);
    CHECK(!strcmp(trail_since(s, seq, text, sizeof(text)), "app name ip disk "));
    CHECK_EQ(group_state(s, "web"), CS_GROUP_OFFLINE);
    CHECK_EQ(cs_resource_offline(s, "disk"), 0);

    /* A failed start fails it; the group shows it. */
    CHECK_EQ(cs_resource_online(s, "app"), CS_ERROR_IO_PENDING);
    CHECK_EQ(cs_resource_finish_online(s, "app", 0), 0);
    CHECK_EQ(res_state(s, "app"), CS_RES_FAILED);
    CHECK_EQ(res_state(s, "name"), CS_RES_ONLINE);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_FAILED);
    CHECK_EQ(cs_resource_fail(s, "app"), CS_ERROR_RESOURCE_NOT_ONLINE);
    /* FailClusterResource: the resource and what depends on it. */
    CHECK_EQ(cs_resource_fail(s, "ip"), 0);
    CHECK_EQ(res_state(s, "ip"), CS_RES_FAILED);
    CHECK_EQ(res_state(s, "name"), CS_RES_FAILED);
    CHECK_EQ(res_state(s, "disk"), CS_RES_ONLINE);
    CHECK_EQ(cs_group_offline(s, "web"), 0);
    CHECK_EQ(res_state(s, "ip"), CS_RES_OFFLINE);
    CHECK_EQ(res_state(s, "disk"), CS_RES_OFFLINE);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_OFFLINE);
    CHECK_EQ(cs_resource_fail(s, "ghost"), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_resource_online(s, "ghost"), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_group_online(s, "ghost", 0), CS_ERROR_GROUP_NOT_FOUND);
}

/* A dependent waits for a pending provider and follows it online. */
static void test_waiting(cs_store *s)
{
    CHECK_EQ(cs_group_create(s, "svcs", 1, NULL), 0);
    CHECK_EQ(cs_resource_create(s, "svc", "Generic Service", "svcs", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "share", "File Share", "svcs", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "share2", "File Share", "svcs", NULL), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "share", "svc"), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "share2", "share"), 0);
    CHECK_EQ(cs_resource_online(s, "share2"), CS_ERROR_IO_PENDING);
    CHECK_EQ(res_state(s, "svc"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(res_state(s, "share"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(res_state(s, "share2"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(cs_resource_finish_online(s, "share", 1), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_resource_finish_online(s, "svc", 1), 0);
    CHECK_EQ(res_state(s, "share"), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, "share2"), CS_RES_ONLINE);
    CHECK_EQ(group_state(s, "svcs"), CS_GROUP_ONLINE);
    CHECK_EQ(cs_resource_fail(s, "svc"), 0);
    CHECK_EQ(res_state(s, "share2"), CS_RES_FAILED);
    CHECK_EQ(group_state(s, "svcs"), CS_GROUP_FAILED);
    /* Online again from Failed, and a failed start of a waiting chain. */
    CHECK_EQ(cs_group_online(s, "svcs", 0), CS_ERROR_IO_PENDING);
    CHECK_EQ(cs_resource_finish_online(s, "svc", 0), 0);
    CHECK_EQ(res_state(s, "share"), CS_RES_FAILED);
    CHECK_EQ(res_state(s, "share2"), CS_RES_FAILED);
    CHECK_EQ(cs_group_offline(s, "svcs"), 0);
    CHECK_EQ(group_state(s, "svcs"), CS_GROUP_OFFLINE);
}

/* An empty group has nothing to bring online: Offline, as documented. */
static void test_empty(cs_store *s)
{
    CHECK_EQ(cs_group_create(s, "empty", 1, NULL), 0);
    CHECK_EQ(cs_group_online(s, "empty", 0), 0);
    CHECK_EQ(group_state(s, "empty"), CS_GROUP_OFFLINE);
    CHECK_EQ(cs_group_delete(s, "empty"), 0);
}

static void test_moves(cs_store *s)
{
    cs_resource *arr;
    uint32_t to = 0, two[] = { 2 }, three[] = { 3 };
    size_t n, i;
    pid_t up2;

    /* ONE is this store's node; TWO up in a child; THREE down. */
    CHECK_EQ(cs_node_join(s, "ONE"), 0);
    CHECK_EQ(cs_resource_online(s, "name"), 0);
    CHECK_EQ(cs_group_move(s, "web", 0, NULL), CS_ERROR_HOST_NODE_NOT_AVAILABLE);
    CHECK_EQ(cs_group_move(s, "web", 3, NULL), CS_ERROR_CLUSTER_NODE_DOWN);
    CHECK_EQ(cs_group_move(s, "web", 99, NULL), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_group_online(s, "web", 3), CS_ERROR_CLUSTER_NODE_DOWN);
    CHECK_EQ(group_owner(s, "web"), 1);
    up2 = node_up_begin(s, "TWO");
    /* To its own node: nothing to do ([MS-CMRP] ApiMoveGroupToNode). */
    CHECK_EQ(cs_group_move(s, "web", 1, &to), 0);
    CHECK_EQ(to, 1);
    CHECK_EQ(cs_group_move(s, "web", 0, &to), 0);
    CHECK_EQ(to, 2);
    CHECK_EQ(group_owner(s, "web"), 2);
    /* What was online is online there; the rest stays offline. */
    CHECK_EQ(res_state(s, "name"), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, "app"), CS_RES_OFFLINE);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_PARTIAL_ONLINE);
    CHECK_EQ(cs_resource_list(s, "web", &arr, &n), 0);
    for (i = 0; i < n; i++)
        CHECK_EQ(arr[i].owner_node, 2);
    cs_free(arr);

    /* Possible owners: a node that cannot host one resource takes no group. */
    CHECK_EQ(cs_resource_remove_owner(s, "disk", 1), 0);
    CHECK_EQ(cs_group_move(s, "web", 1, NULL), CS_ERROR_NODE_CANT_HOST_RESOURCE);
    CHECK_EQ(cs_group_move(s, "web", 0, NULL), CS_ERROR_HOST_NODE_NOT_AVAILABLE);
    CHECK_EQ(cs_resource_add_owner(s, "disk", 1), 0);
    CHECK_EQ(cs_resource_remove_owner(s, "disk", 2), CS_ERROR_INVALID_STATE);

    /* Paused nodes take no groups and bring nothing online but the quorum. */
    CHECK_EQ(cs_node_set_paused(s, 1, 1), 0);
    CHECK_EQ(cs_group_move(s, "web", 1, NULL), CS_ERROR_SHARING_PAUSED);
    CHECK_EQ(cs_group_move(s, "web", 0, NULL), CS_ERROR_HOST_NODE_NOT_AVAILABLE);
    CHECK_EQ(cs_resource_offline(s, "Local Quorum"), 0);
    CHECK_EQ(cs_resource_offline(s, "Cluster IP Address"), 0);
    CHECK_EQ(cs_resource_online(s, "Local Quorum"), 0);
    CHECK_EQ(cs_resource_online(s, "Cluster IP Address"), CS_ERROR_SHARING_PAUSED);
    CHECK_EQ(cs_group_online(s, "Cluster Group", 0), CS_ERROR_SHARING_PAUSED);
    CHECK_EQ(cs_node_set_paused(s, 1, 0), 0);
    CHECK_EQ(cs_group_online(s, "Cluster Group", 0), 0);
    CHECK_EQ(group_state(s, "Cluster Group"), CS_GROUP_ONLINE);

    /* Preferred owners first when the caller names no node. */
    CHECK_EQ(cs_group_set_preferred(s, "web", two, 1), 0);
    CHECK_EQ(cs_group_move(s, "web", 0, &to), 0);
    CHECK_EQ(to, 1);
    CHECK_EQ(cs_group_move(s, "web", 0, &to), 0);
    CHECK_EQ(to, 2);
    CHECK_EQ(cs_group_set_preferred(s, "web", three, 1), 0);
    CHECK_EQ(cs_group_move(s, "web", 0, &to), 0);
    CHECK_EQ(to, 1);

    /* Online on another node moves the group there first; a pending
     * resource comes online there, pending again. */
    CHECK_EQ(cs_group_offline(s, "web"), 0);
    CHECK_EQ(cs_group_online(s, "web", 2), CS_ERROR_IO_PENDING);
    CHECK_EQ(group_owner(s, "web"), 2);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(cs_resource_finish_online(s, "app", 1), 0);
    CHECK_EQ(cs_group_move(s, "web", 1, &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 1);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(res_state(s, "disk"), CS_RES_ONLINE);
    CHECK_EQ(cs_resource_finish_online(s, "app", 1), 0);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_ONLINE);
    node_up_end(up2);
    /* TWO died: it takes nothing now. */
    CHECK_EQ(cs_group_move(s, "web", 2, NULL), CS_ERROR_CLUSTER_NODE_DOWN);
}

/* In a child: open the store, run op on web, exit with its code's place in
 * a small table (exit codes are 8 bits). */
static const uint32_t codes[] = { 0, CS_ERROR_IO_PENDING, CS_ERROR_INVALID_STATE, CS_ERROR_CLUSTER_NODE_DOWN };

static pid_t child(cs_store *s, int op, uint32_t node, int rounds)
{
    pid_t pid = fork();

    if (pid == 0) {
        cs_store *t;
        uint32_t err = 0;
        size_t i;
        int r;

        if (cs_open(cs_dir(s), NULL, NULL, &t))
            _exit(100);
        for (r = 0; r < rounds; r++) {
            err = op == 0 ? cs_group_move(t, "web", node, NULL)
                : op == 1 ? cs_group_online(t, "web", r % 2 ? node : 0)
                          : cs_group_offline(t, "web");
            for (i = 0; i < sizeof(codes) / sizeof(*codes) && codes[i] != err; i++)
                ;
            if (i == sizeof(codes) / sizeof(*codes))
                _exit(101);
        }
        cs_close(t);
        _exit((int)i);
    }
    return pid;
}

static uint32_t child_code(pid_t pid)
{
    int status = 0;

    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) >= (int)(sizeof(codes) / sizeof(*codes)))
        return 0xFFFFFFFFu;
    return codes[WEXITSTATUS(status)];
}

/* Each resource on the group's node, and the group state what they make it. */
static void check_whole(cs_store *s)
{
    cs_resource *arr;
    cs_group g;
    size_t n, i, online = 0, pending = 0, failed = 0;
    int want;

    CHECK_EQ(cs_snapshot_begin(s), 0);
    CHECK_EQ(cs_group_find(s, "web", &g), 0);
    CHECK_EQ(cs_resource_list(s, "web", &arr, &n), 0);
    CHECK_EQ(cs_snapshot_end(s), 0);
    for (i = 0; i < n; i++) {
        CHECK_EQ(arr[i].owner_node, g.owner_node);
        online += arr[i].state == CS_RES_ONLINE;
        pending += arr[i].state == CS_RES_ONLINE_PENDING;
        failed += arr[i].state == CS_RES_FAILED;
    }
    cs_free(arr);
    want = failed ? CS_GROUP_FAILED : pending ? CS_GROUP_PENDING : online == n ? CS_GROUP_ONLINE
         : online ? CS_GROUP_PARTIAL_ONLINE : CS_GROUP_OFFLINE;
    CHECK_EQ(g.state, want);
}

static void test_races(cs_store *s)
{
    uint32_t a, b;
    pid_t up2, up3, p, q;

    up2 = node_up_begin(s, "TWO");
    up3 = node_up_begin(s, "THREE");
    /* Two movers of a group whose application must start on the new node:
     * the first leaves it pending there, the second finds it so. */
    CHECK_EQ(group_state(s, "web"), CS_GROUP_ONLINE);
    p = child(s, 0, 2, 1);
    q = child(s, 0, 3, 1);
    a = child_code(p);
    b = child_code(q);
    CHECK((a == CS_ERROR_IO_PENDING && b == CS_ERROR_INVALID_STATE) ||
          (b == CS_ERROR_IO_PENDING && a == CS_ERROR_INVALID_STATE));
    CHECK_EQ(group_owner(s, "web"), a == CS_ERROR_IO_PENDING ? 2 : 3);
    check_whole(s);
    CHECK_EQ(cs_resource_finish_online(s, "app", 1), 0);

    /* Without it, movers and online against offline, many rounds each:
     * every call ends in a documented answer and the group is never torn. */
    CHECK_EQ(cs_group_offline(s, "web"), 0);
    CHECK_EQ(cs_resource_delete(s, "app"), 0);
    CHECK_EQ(cs_group_online(s, "web", 0), 0);
    p = child(s, 0, 2, 40);
    q = child(s, 0, 3, 40);
    CHECK_EQ(child_code(p), 0);
    CHECK_EQ(child_code(q), 0);
    check_whole(s);
    CHECK_EQ(group_state(s, "web"), CS_GROUP_ONLINE);
    p = child(s, 1, 2, 40);
    q = child(s, 2, 0, 40);
    CHECK_EQ(child_code(p), 0);
    CHECK_EQ(child_code(q), 0);
    check_whole(s);
    node_up_end(up2);
    node_up_end(up3);
}

int main(void)
{
    char root[256], cmd[300];
    cs_node n;
    cs_store *s;

    snprintf(root, sizeof(root), "%s/state-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_EQ(cs_open(root, "C", "ONE", &s), 0);
    CHECK_EQ(cs_node_add(s, "TWO", &n), 0);
    CHECK_EQ(cs_node_add(s, "THREE", &n), 0);
    test_seam();
    test_order(s);
    test_waiting(s);
    test_empty(s);
    test_moves(s);
    test_races(s);
    cs_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    CHECK_EQ(system(cmd), 0);
    return check_finish();
}

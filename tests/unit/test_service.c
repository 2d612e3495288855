/* The node's cluster service, store side (cs_service.c): one service per
 * node, known running by its lock alone, and the node states its work
 * records. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "clusstore.h"
#include "node_up.h"
#include "states.h"

static int node_state(cs_store *s, const char *name)
{
    cs_node n;

    return cs_node_find(s, name, &n) ? -1 : n.state;
}

static void test_claim(cs_store *s)
{
    cs_service_info info = { -1, -1 };
    cs_store *t;
    cs_node n;
    pid_t pid;
    int up;

    CHECK_EQ(cs_node_find(s, "TWO", &n), 0);
    /* Never started: no file, not running, no pid. */
    CHECK_EQ(cs_service_query(s, n.id, &info), 0);
    CHECK_EQ(info.running, 0);
    CHECK_EQ(info.pid, 0);

    pid = child_begin(s, "two", cs_service_claim);
    CHECK(pid > 0);
    CHECK_EQ(cs_service_query(s, n.id, &info), 0);
    CHECK_EQ(info.running, 1);
    CHECK_EQ(info.pid, pid);
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 1);
    /* A second service of the node is refused, naming the first. */
    CHECK_EQ(cs_open_existing(cs_dir(s), &t), 0);
    CHECK_EQ(cs_service_claim(t, "TWO"), CS_ERROR_SERVICE_ALREADY_RUNNING);
    {
        char want[32];

        snprintf(want, sizeof(want), "pid %d", (int)pid);
        CHECK(strstr(cs_errmsg(t), want) != NULL);
    }
    CHECK_EQ(cs_node_local_id(t), 0);

    /* kill -9: the lock goes, the pid stays and is known stale. */
    node_up_end(pid);
    CHECK_EQ(cs_service_query(s, n.id, &info), 0);
    CHECK_EQ(info.running, 0);
    CHECK_EQ(info.pid, pid);
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 0);

    /* The next service starts over the stale pid; it is the node's join too. */
    CHECK_EQ(cs_service_claim(t, "two"), 0);
    CHECK_EQ(cs_node_local_id(t), n.id);
    CHECK_EQ(cs_service_query(s, n.id, &info), 0);
    CHECK_EQ(info.running, 1);
    CHECK_EQ(info.pid, getpid());
    CHECK_EQ(cs_service_claim(t, "TWO"), CS_ERROR_INVALID_STATE);
    /* Stopped cleanly: not running, and no pid to call stale. */
    cs_close(t);
    CHECK_EQ(cs_service_query(s, n.id, &info), 0);
    CHECK_EQ(info.running, 0);
    CHECK_EQ(info.pid, 0);
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 0);

    CHECK_EQ(cs_service_claim(s, "NOBODY"), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_service_claim(s, NULL), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_service_claim(NULL, "TWO"), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_service_query(s, n.id, NULL), CS_ERROR_INVALID_PARAMETER);
}

/* Many starters at once, while others query: exactly one service wins. */
static void test_race(cs_store *s)
{
    enum { STARTERS = 6, QUERIERS = 2, ROUNDS = 20 };
    pid_t pids[STARTERS + QUERIERS];
    int r, i, won, status;

    for (r = 0; r < ROUNDS; r++) {
        for (i = 0; i < STARTERS + QUERIERS; i++)
            if ((pids[i] = fork()) == 0) {
                cs_service_info info;
                cs_store *t;
                int k;

                if (cs_open_existing(cs_dir(s), &t))
                    _exit(3);
                if (i >= STARTERS) {
                    for (k = 0; k < 50; k++)
                        if (cs_service_query(t, 3, &info))
                            _exit(3);
                    _exit(2);
                }
                /* A winner keeps the lock a moment so every loser meets it. */
                if (!cs_service_claim(t, "THREE")) {
                    usleep(200000);
                    _exit(0);
                }
                _exit(cs_errmsg(t) && strstr(cs_errmsg(t), "runs already") ? 1 : 3);
            }
        for (won = i = 0; i < STARTERS + QUERIERS; i++) {
            CHECK(pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] && WIFEXITED(status));
            if (WEXITSTATUS(status) == 0)
                won++;
            else
                CHECK_EQ(WEXITSTATUS(status), i < STARTERS ? 1 : 2);
        }
        CHECK_EQ(won, 1);
    }
}

struct ops { int node_state; };

static int count_cb(void *ctx, const cs_log_record *rec)
{
    struct ops *o = ctx;

    o->node_state += !strcmp(rec->op, "node.state");
    return 0;
}

static void test_work(cs_store *s)
{
    struct ops o = { 0 };
    unsigned changed = 99;
    pid_t pid;
    cs_node n;

    CHECK_EQ(cs_node_find(s, "TWO", &n), 0);
    /* Stored up but down: recorded down, once however often the work runs. */
    CHECK_EQ(cs_node_set_state(s, n.id, CS_NODE_UP), 0);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK(changed >= 1);
    CHECK_EQ(node_state(s, "TWO"), CS_NODE_DOWN);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(changed, 0);
    CHECK_EQ(cs_service_work(s, NULL), 0);

    pid = node_up_begin(s, "TWO");
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(changed, 1);
    CHECK_EQ(node_state(s, "TWO"), CS_NODE_UP);
    /* Paused stays paused, up or down. */
    CHECK_EQ(cs_node_set_paused(s, n.id, 1), 0);
    node_up_end(pid);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(changed, 0);
    CHECK_EQ(node_state(s, "TWO"), CS_NODE_PAUSED);
    CHECK_EQ(cs_node_set_paused(s, n.id, 0), 0);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(changed, 1);
    CHECK_EQ(node_state(s, "TWO"), CS_NODE_DOWN);

    CHECK_EQ(cs_log_list(s, 0, count_cb, &o), 0);
    CHECK(o.node_state >= 4);
    CHECK_EQ(cs_service_work(NULL, &changed), CS_ERROR_INVALID_PARAMETER);
}

struct moves { int n; };

static int move_cb(void *ctx, const cs_log_record *rec)
{
    ((struct moves *)ctx)->n += !strcmp(rec->op, "group.move");
    return 0;
}

/* A dead owner's group goes to the best node that is up, with what was
 * online or coming online; none up: it waits. */
static void test_failover(cs_store *s)
{
    const uint32_t pref[] = { 3, 1 };
    struct moves m = { 0 };
    unsigned changed;
    uint32_t to = 99;
    pid_t two, three;

    CHECK_EQ(cs_group_create(s, "fo", 2, NULL), 0);
    CHECK_EQ(cs_resource_create(s, "disk", "Physical Disk", "fo", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "app", "Generic Application", "fo", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "ip", "IP Address", "fo", NULL), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "app", "disk"), 0);
    CHECK_EQ(cs_group_set_preferred(s, "fo", pref, 2), 0);
    /* ONE, up all along (this store's node), cannot host it. */
    CHECK_EQ(cs_resource_remove_owner(s, "disk", 1), 0);
    two = node_up_begin(s, "TWO");
    CHECK_EQ(cs_resource_online(s, "app"), CS_ERROR_IO_PENDING);
    CHECK_EQ(res_state(s, "disk"), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE_PENDING);
    /* The owner is up: nothing to do. */
    CHECK_EQ(cs_group_failover(s, "fo", &to), 0);
    CHECK_EQ(to, 0);
    CHECK_EQ(group_owner(s, "fo"), 2);

    three = node_up_begin(s, "THREE");
    node_up_end(two);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK(changed >= 2);
    CHECK_EQ(group_owner(s, "fo"), 3);
    CHECK_EQ(res_state(s, "disk"), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(res_state(s, "ip"), CS_RES_OFFLINE);
    CHECK_EQ(cs_resource_finish_online(s, "app", 1), 0);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(changed, 0);
    CHECK_EQ(group_owner(s, "fo"), 3);

    /* No node up to take it: it stays, and goes when one comes up. */
    node_up_end(three);
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(group_owner(s, "fo"), 3);
    CHECK_EQ(cs_group_failover(s, "fo", &to), CS_ERROR_HOST_NODE_NOT_AVAILABLE);
    CHECK_EQ(to, 0);
    two = node_up_begin(s, "TWO");
    CHECK_EQ(cs_service_work(s, &changed), 0);
    CHECK_EQ(group_owner(s, "fo"), 2);
    CHECK_EQ(res_state(s, "disk"), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, "app"), CS_RES_ONLINE_PENDING);
    node_up_end(two);
    CHECK_EQ(cs_log_list(s, 0, move_cb, &m), 0);
    CHECK_EQ(m.n, 2);
    CHECK_EQ(cs_group_failover(s, "nogroup", &to), CS_ERROR_GROUP_NOT_FOUND);
}

static int failovers_cb(void *ctx, const cs_log_record *rec)
{
    ((struct moves *)ctx)->n += !strcmp(rec->op, "group.failover");
    return 0;
}

/* A group property set through the store, as a SET control code would. */
static void set_group_dword(cs_store *s, const char *group, const char *name, uint32_t value)
{
    cs_property p;
    cs_propobj obj;
    cs_group g;

    snprintf(p.name, sizeof(p.name), "%s", name);
    p.format = CS_PROP_DWORD;
    p.size = sizeof(value);
    p.data = &value;
    CHECK_EQ(cs_group_find(s, group, &g), 0);
    CHECK_EQ(cs_propobj_init(CS_CLASS_GROUP, &g, &obj), 0);
    CHECK_EQ(cs_propobj_save(s, &obj, 0, &p, 1), 0);
}

/* Group NAME on node owner with NAMEip (IP Address), NAMEapp (Generic
 * Application) and NAMEoff (IP Address, left offline). */
static void policy_group(cs_store *s, const char *name, uint32_t owner)
{
    static const char *const types[] = { "IP Address", "Generic Application", "IP Address" };
    static const char *const suffixes[] = { "ip", "app", "off" };
    char res[64];
    size_t i;

    CHECK_EQ(cs_group_create(s, name, owner, NULL), 0);
    for (i = 0; i < 3; i++) {
        snprintf(res, sizeof(res), "%s%s", name, suffixes[i]);
        CHECK_EQ(cs_resource_create(s, res, types[i], name, NULL), 0);
    }
}

/* A policy_group came to node: what was online comes online there, its
 * application pending until the service (here: the test) has started it. */
static void arrived(cs_store *s, const char *name, uint32_t node)
{
    char ip[64], app[64], off[64];

    snprintf(ip, sizeof(ip), "%sip", name);
    snprintf(app, sizeof(app), "%sapp", name);
    snprintf(off, sizeof(off), "%soff", name);
    CHECK_EQ(group_owner(s, name), node);
    CHECK_EQ(res_state(s, ip), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, app), CS_RES_ONLINE_PENDING);
    CHECK_EQ(res_state(s, off), CS_RES_OFFLINE);
    CHECK_EQ(cs_resource_finish_online(s, app, 1), 0);
}

/* cs_group_failover_after_failure with its check asked first, as the
 * service asks it: the same answer, and nothing changed by the check. */
static uint32_t after_failure(cs_store *s, const char *group, uint32_t *to)
{
    uint32_t owner = group_owner(s, group);
    int state = group_state(s, group);
    uint32_t would = 99, checked = cs_group_failover_after_failure_check(s, group, &would), err;

    CHECK_EQ(group_owner(s, group), owner);
    CHECK_EQ(group_state(s, group), state);
    err = cs_group_failover_after_failure(s, group, to);
    CHECK_EQ(checked, err == CS_ERROR_IO_PENDING ? 0 : err);
    CHECK_EQ(would, checked ? 0 : *to);
    return err;
}

/* After a resource failure past its restarts: the group fails over with what
 * failed, at most FailoverThreshold times (default: nodes less one) within
 * FailoverPeriod hours; past that it stays, every resource failed. */
static void test_failover_policy(cs_store *s)
{
    struct moves m = { 0 };
    cs_propobj obj;
    cs_group g;
    uint32_t to = 99, value = 0;
    pid_t two;

    policy_group(s, "fp", 2);
    CHECK_EQ(cs_resource_add_dependency(s, "fpapp", "fpip"), 0);
    CHECK_EQ(cs_group_find(s, "fp", &g), 0);
    CHECK_EQ(cs_propobj_init(CS_CLASS_GROUP, &g, &obj), 0);
    CHECK_EQ(cs_propobj_dword(s, &obj, "FailoverThreshold", &value), 0);
    CHECK_EQ(value, 0xFFFFFFFFu);
    CHECK_EQ(cs_propobj_dword(s, &obj, "FailoverPeriod", &value), 0);
    CHECK_EQ(value, 6);
    CHECK_EQ(cs_propobj_dword(s, &obj, "Name", &value), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_propobj_dword(s, &obj, "NoSuchProperty", &value), CS_ERROR_INVALID_PARAMETER);

    two = node_up_begin(s, "TWO");
    CHECK_EQ(cs_resource_online(s, "fpapp"), CS_ERROR_IO_PENDING);
    CHECK_EQ(cs_resource_finish_online(s, "fpapp", 1), 0);
    /* Nothing failed: nothing to fail over. */
    CHECK_EQ(after_failure(s, "fp", &to), CS_ERROR_INVALID_STATE);
    CHECK_EQ(to, 0);
    CHECK_EQ(group_owner(s, "fp"), 2);

    /* Three nodes: two failovers within the period.  ONE is up (this store). */
    CHECK_EQ(cs_resource_fail(s, "fpip"), 0);
    CHECK_EQ(res_state(s, "fpapp"), CS_RES_FAILED);
    CHECK_EQ(after_failure(s, "fp", &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 1);
    arrived(s, "fp", 1);
    CHECK_EQ(cs_resource_fail(s, "fpapp"), 0);
    CHECK_EQ(after_failure(s, "fp", &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 2);
    CHECK_EQ(cs_resource_finish_online(s, "fpapp", 1), 0);
    CHECK_EQ(group_state(s, "fp"), CS_GROUP_PARTIAL_ONLINE);
    /* The third within 6 hours: it stays on TWO, all of it failed. */
    CHECK_EQ(cs_resource_fail(s, "fpapp"), 0);
    CHECK_EQ(after_failure(s, "fp", &to), 0);
    CHECK_EQ(to, 0);
    CHECK_EQ(group_owner(s, "fp"), 2);
    CHECK_EQ(res_state(s, "fpip"), CS_RES_FAILED);
    CHECK_EQ(res_state(s, "fpapp"), CS_RES_FAILED);
    CHECK_EQ(res_state(s, "fpoff"), CS_RES_OFFLINE);
    CHECK_EQ(group_state(s, "fp"), CS_GROUP_FAILED);
    CHECK_EQ(cs_log_list(s, 0, failovers_cb, &m), 0);
    CHECK_EQ(m.n, 2);

    /* A threshold of its own, stored: one more is allowed. */
    set_group_dword(s, "fp", "FailoverThreshold", 3);
    CHECK_EQ(after_failure(s, "fp", &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 1);
    CHECK_EQ(res_state(s, "fpip"), CS_RES_ONLINE);
    CHECK_EQ(res_state(s, "fpapp"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(cs_resource_fail(s, "fpapp"), 0);
    CHECK_EQ(after_failure(s, "fp", &to), 0);
    CHECK_EQ(to, 0);
    CHECK_EQ(group_owner(s, "fp"), 1);
    /* A period of 0 hours counts none of them. */
    set_group_dword(s, "fp", "FailoverPeriod", 0);
    CHECK_EQ(after_failure(s, "fp", &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 2);
    /* Threshold 0: never. */
    CHECK_EQ(cs_resource_fail(s, "fpapp"), 0);
    set_group_dword(s, "fp", "FailoverThreshold", 0);
    CHECK_EQ(after_failure(s, "fp", &to), 0);
    CHECK_EQ(to, 0);
    CHECK_EQ(group_owner(s, "fp"), 2);

    /* No other node up: it stays, nothing changed. */
    set_group_dword(s, "fp", "FailoverThreshold", 10);
    CHECK_EQ(cs_resource_remove_owner(s, "fpip", 1), 0);
    CHECK_EQ(after_failure(s, "fp", &to), CS_ERROR_HOST_NODE_NOT_AVAILABLE);
    CHECK_EQ(to, 0);
    CHECK_EQ(group_owner(s, "fp"), 2);
    CHECK_EQ(res_state(s, "fpapp"), CS_RES_FAILED);
    node_up_end(two);
    CHECK_EQ(after_failure(s, "nogroup", &to), CS_ERROR_GROUP_NOT_FOUND);
}

/* Failback: only with AutoFailbackType 1, only to a preferred owner ranked
 * before the group's owner, checked as a move; the window's hours. */
static void test_failback(cs_store *s)
{
    const uint32_t pref[] = { 2, 3 };
    uint32_t to = 99;
    pid_t two, three;

    policy_group(s, "fb", 3);
    CHECK_EQ(cs_group_set_preferred(s, "fb", pref, 2), 0);
    two = node_up_begin(s, "TWO");
    three = node_up_begin(s, "THREE");
    CHECK_EQ(cs_resource_online(s, "fbip"), 0);
    CHECK_EQ(cs_resource_online(s, "fbapp"), CS_ERROR_IO_PENDING);
    /* Prevented by default: nothing done. */
    CHECK_EQ(cs_group_failback(s, "fb", 2, &to), 0);
    CHECK_EQ(to, 3);
    CHECK_EQ(group_owner(s, "fb"), 3);
    set_group_dword(s, "fb", "AutoFailbackType", 1);
    /* A pending resource: not now. */
    CHECK_EQ(cs_group_failback(s, "fb", 2, &to), CS_ERROR_INVALID_STATE);
    CHECK_EQ(group_owner(s, "fb"), 3);
    CHECK_EQ(cs_resource_finish_online(s, "fbapp", 1), 0);
    /* ONE is no preferred owner, THREE is where it is: nothing. */
    CHECK_EQ(cs_group_failback(s, "fb", 1, &to), 0);
    CHECK_EQ(to, 3);
    CHECK_EQ(cs_group_failback(s, "fb", 3, &to), 0);
    CHECK_EQ(to, 3);
    /* TWO comes before THREE: asked first, nothing moves; then back there, with what was online. */
    CHECK_EQ(cs_group_failback_check(s, "fb", 2, &to), 0);
    CHECK_EQ(to, 2);
    CHECK_EQ(group_owner(s, "fb"), 3);
    CHECK_EQ(cs_group_failback(s, "fb", 2, &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 2);
    arrived(s, "fb", 2);
    /* Never away from a better one. */
    CHECK_EQ(cs_group_failback(s, "fb", 3, &to), 0);
    CHECK_EQ(to, 2);
    /* A node down is refused as a move refuses it; nothing done. */
    CHECK_EQ(cs_group_move(s, "fb", 3, &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(cs_resource_finish_online(s, "fbapp", 1), 0);
    node_up_end(two);
    CHECK_EQ(cs_group_failback_check(s, "fb", 2, &to), CS_ERROR_CLUSTER_NODE_DOWN);
    CHECK_EQ(cs_group_failback(s, "fb", 2, &to), CS_ERROR_CLUSTER_NODE_DOWN);
    CHECK_EQ(group_owner(s, "fb"), 3);
    CHECK_EQ(cs_group_failback(s, "nogroup", 2, &to), CS_ERROR_GROUP_NOT_FOUND);
    node_up_end(three);

    CHECK_EQ(cs_failback_window_open(0xFFFFFFFFu, 0xFFFFFFFFu, 5), 1);
    CHECK_EQ(cs_failback_window_open(3, 0xFFFFFFFFu, 5), 1);
    CHECK_EQ(cs_failback_window_open(0xFFFFFFFFu, 3, 5), 1);
    CHECK_EQ(cs_failback_window_open(3, 6, 2), 0);
    CHECK_EQ(cs_failback_window_open(3, 6, 3), 1);
    CHECK_EQ(cs_failback_window_open(3, 6, 6), 1);
    CHECK_EQ(cs_failback_window_open(3, 6, 7), 0);
    CHECK_EQ(cs_failback_window_open(22, 2, 23), 1);
    CHECK_EQ(cs_failback_window_open(22, 2, 0), 1);
    CHECK_EQ(cs_failback_window_open(22, 2, 2), 1);
    CHECK_EQ(cs_failback_window_open(22, 2, 12), 0);
    CHECK_EQ(cs_failback_window_open(9, 9, 9), 1);
    CHECK_EQ(cs_failback_window_open(9, 9, 10), 0);
}

/* A service of node name that has started hoapp's process. */
static uint32_t claim_and_start(cs_store *s, const char *name)
{
    uint32_t err = cs_service_claim(s, name);

    return err ? err : cs_resource_start_here(s, "hoapp", NULL);
}

static cs_store *service_of(cs_store *s, const char *name)
{
    cs_store *t = NULL;

    CHECK_EQ(cs_open(cs_dir(s), NULL, NULL, &t), 0);
    CHECK_EQ(cs_service_claim(t, name), 0);
    return t;
}

/* The hand-over (cs_handover.c): a resource moved to a node starts there
 * only once the node it left has ended its process, or that node's service
 * is dead; a service's claim drops what its predecessor recorded. */
static void test_handover(cs_store *s)
{
    cs_store *three, *two;
    uint32_t holder = 99, to;
    pid_t pid;

    CHECK_EQ(cs_group_create(s, "ho", 2, NULL), 0);
    CHECK_EQ(cs_resource_create(s, "hoapp", "Generic Application", "ho", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "hoip", "IP Address", "ho", NULL), 0);
    pid = node_up_begin(s, "TWO");
    CHECK_EQ(cs_resource_online(s, "hoapp"), CS_ERROR_IO_PENDING);
    node_up_end(pid);
    /* Only a service runs processes. */
    CHECK_EQ(cs_resource_start_here(s, "hoapp", &holder), CS_ERROR_INVALID_STATE);
    CHECK_EQ(holder, 0);
    pid = child_begin(s, "TWO", claim_and_start);
    CHECK_EQ(res_state(s, "hoapp"), CS_RES_ONLINE);

    three = service_of(s, "THREE");
    CHECK_EQ(cs_resource_start_here(three, "hoapp", &holder), CS_ERROR_INVALID_STATE); /* TWO's */
    CHECK_EQ(cs_group_move(s, "ho", 3, &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(to, 3);
    CHECK_EQ(cs_resource_start_here(three, "hoapp", &holder), CS_ERROR_IO_PENDING);
    CHECK_EQ(holder, 2);
    CHECK_EQ(res_state(s, "hoapp"), CS_RES_ONLINE_PENDING);
    CHECK_EQ(cs_resource_online(s, "hoip"), 0);
    CHECK_EQ(cs_resource_start_here(three, "hoip", &holder), CS_ERROR_INVALID_STATE); /* not a process */
    /* TWO's service killed: its record binds nothing. */
    node_up_end(pid);
    CHECK_EQ(cs_resource_start_here(three, "hoapp", &holder), 0);
    CHECK_EQ(holder, 0);
    CHECK_EQ(res_state(s, "hoapp"), CS_RES_ONLINE);
    CHECK_EQ(cs_resource_start_here(three, "hoapp", &holder), CS_ERROR_INVALID_STATE); /* not pending */

    /* Back to TWO: it waits until THREE's process ended. */
    two = service_of(s, "TWO");
    CHECK_EQ(cs_group_move(s, "ho", 2, &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(cs_resource_start_here(two, "hoapp", &holder), CS_ERROR_IO_PENDING);
    CHECK_EQ(holder, 3);
    CHECK_EQ(cs_resource_ended_here(three, "hoapp"), 0);
    CHECK_EQ(cs_resource_start_here(two, "hoapp", &holder), 0);
    CHECK_EQ(holder, 0);

    /* TWO's service again (its processes gone with the last one): nothing it held binds THREE. */
    cs_close(two);
    two = service_of(s, "TWO");
    CHECK_EQ(cs_group_move(s, "ho", 3, &to), CS_ERROR_IO_PENDING);
    CHECK_EQ(cs_resource_start_here(three, "hoapp", &holder), 0);
    CHECK_EQ(cs_resource_ended_here(three, "hoapp"), 0);
    CHECK_EQ(cs_resource_ended_here(three, "nosuch"), 0); /* deleted: its record went with it */
    CHECK_EQ(cs_resource_ended_here(three, NULL), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_resource_start_here(NULL, "hoapp", &holder), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_group_offline(s, "ho"), 0);
    cs_close(two);
    cs_close(three);
}

/* A service that ignores SIGTERM, as a stuck one would. */
static uint32_t claim_deaf(cs_store *s, const char *name)
{
    signal(SIGTERM, SIG_IGN);
    return cs_service_claim(s, name);
}

/* Stopping from another process (cs_svcstop.c): SIGTERM, and the lock says when it ended. */
static void test_stop(cs_store *s)
{
    cs_node n;
    pid_t pid;
    int got = -1, status;

    CHECK_EQ(cs_node_find(s, "THREE", &n), 0);
    CHECK_EQ(cs_service_stop(s, n.id, 1000, &got), CS_ERROR_SERVICE_NOT_ACTIVE);
    CHECK_EQ(got, 0);
    pid = child_begin(s, "THREE", cs_service_claim);
    CHECK_EQ(cs_service_stop(s, n.id, 5000, &got), 0);
    CHECK_EQ(got, pid);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    CHECK_EQ(cs_service_stop(s, n.id, 1000, &got), CS_ERROR_SERVICE_NOT_ACTIVE);

    pid = child_begin(s, "THREE", claim_deaf);
    CHECK_EQ(cs_service_stop(s, n.id, 200, &got), CS_ERROR_SERVICE_REQUEST_TIMEOUT);
    CHECK_EQ(got, pid);
    CHECK(strstr(cs_errmsg(s), "did not stop") != NULL);
    node_up_end(pid);
    CHECK_EQ(cs_service_stop(s, n.id, 0, NULL), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_service_stop(NULL, n.id, 0, &got), CS_ERROR_INVALID_PARAMETER);
}

int main(void)
{
    char root[256], cmd[300];
    cs_store *s;

    snprintf(root, sizeof(root), "%s/service-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_EQ(cs_open(root, "C", "ONE", &s), 0);
    CHECK_EQ(cs_node_add(s, "TWO", NULL), 0);
    CHECK_EQ(cs_node_add(s, "THREE", NULL), 0);
    /* ONE up: the cluster's own group stays where it is. */
    CHECK_EQ(cs_node_join(s, "ONE"), 0);
    test_claim(s);
    test_race(s);
    test_work(s);
    test_failover(s);
    test_failover_policy(s);
    test_failback(s);
    test_handover(s);
    test_stop(s);
    cs_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    CHECK_EQ(system(cmd), 0);
    return check_finish();
}

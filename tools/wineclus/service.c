/*
 * `wineclus node start|stop|status`: the node's cluster service, the
 * counterpart of Windows' ClusSvc (docs/cluster-service.md).  A node is
 * named, or is the one `wineclus setup` made of a prefix (--prefix, else
 * $WINEPREFIX); such a prefix's store is the one it was set up with.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wineclus.h"

struct target
{
    char dir[PATH_MAX];
    char node[CS_NAME_MAX];    /* "" for every node (status only) */
    char prefix[PATH_MAX];     /* the node's Wine prefix, "" if not known */
};

/* Which node and store the command line means; all: no operand means every node. */
static int find_target(const char *verb, int argc, char **argv, int all, struct target *t)
{
    const char *prefix = NULL;
    const struct optspec spec[] = { { "prefix", &prefix, NULL, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    char configured[PATH_MAX] = "";
    char **ops;
    uint32_t err;
    int n = parse_args(verb, argc, argv, spec, 0, 1, "the NAME of the node", &ops);

    t->node[0] = t->prefix[0] = 0;
    if (n && prefix) die_usage(verb, "give a node NAME or --prefix, not both");
    if (n)
    {
        char owner[CS_NAME_MAX];

        snprintf(t->node, sizeof(t->node), "%s", ops[0]);
        /* $WINEPREFIX is the node's prefix only if it was set up as that node. */
        if (prefix_setting(layout_prefix(), "NodeName", owner, sizeof(owner)) && !strcasecmp(owner, t->node))
            snprintf(t->prefix, sizeof(t->prefix), "%s", layout_prefix());
    }
    else if (prefix || !all)
    {
        if (!prefix) prefix = layout_prefix();
        if (!prefix_setting(prefix, "NodeName", t->node, sizeof(t->node)))
            return report_failure(CS_ERROR_CLUSTER_NODE_NOT_FOUND, NULL,
                                  "`wineclus setup --node NAME` makes a prefix a node; or name the node.",
                                  "%s is not a Wine prefix set up as a node of a cluster", prefix);
        prefix_setting(prefix, "Store", configured, sizeof(configured));
        snprintf(t->prefix, sizeof(t->prefix), "%s", prefix);
    }
    if ((err = cs_store_dir(configured, t->dir, sizeof(t->dir))))
        return report_failure(err, t->dir, NULL, "cannot tell which cluster store to use");
    return 0;
}

/* The store of t, and its node (when t names one). */
static int open_target(const struct target *t, cs_store **s, cs_node *node)
{
    uint32_t err = cs_open_existing(t->dir, s);
    int rc;

    if (err)
    {
        rc = store_fail(*s, err, "cannot open the cluster store in %s", t->dir);
        cs_close(*s);
        return rc;
    }
    if (t->node[0] && (rc = find_node(*s, t->node, node)))
    {
        cs_close(*s);
        return rc;
    }
    return 0;
}

/* The forked service: claims the node, tells the parent through fd how
 * that went ("ok", or the code and message), then serves. */
static int serve(const struct target *t, int fd)
{
    char path[PATH_MAX + 64];
    sigset_t set;
    cs_store *s = NULL;
    cs_node node;
    uint32_t err;
    int log, null;

    setsid();
    service_block_signals(&set);
    if ((err = cs_open_existing(t->dir, &s)) || (err = cs_node_find(s, t->node, &node)) ||
        (err = cs_service_claim(s, node.name)))
    {
        dprintf(fd, "%u %s", err, cs_errmsg(s));
        cs_close(s);
        return EXIT_FAILED;
    }
    /* cs_dir: on etcd, t->dir is the URL and the log goes in this host's replica. */
    snprintf(path, sizeof(path), "%s/nodes/%u.log", cs_dir(s), node.id);
    log = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (log < 0 || null < 0 || dup2(null, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0)
    {
        dprintf(fd, "%u cannot write the service's log %s: %s", CS_ERROR_ACCESS_DENIED, path, strerror(errno));
        cs_close(s);
        return EXIT_FAILED;
    }
    close(log);
    close(null);
    dprintf(fd, "ok");
    close(fd);
    /* Its applications run in its prefix, with this clusapi (as `wineclus run`). */
    if (t->prefix[0] && !setenv("WINEPREFIX", t->prefix, 1) && !layout_find())
    {
        wine_env_for_clusapi();
        return service_loop(s, node.name, t->prefix, &set);
    }
    return service_loop(s, node.name, NULL, &set);
}

int node_start(int argc, char **argv)
{
    struct target t;
    cs_service_info info;
    cs_store *s;
    cs_node node;
    char reply[CS_TEXT_MAX + 64], *detail;
    ssize_t got;
    size_t len = 0;
    int fds[2], rc;
    pid_t pid;

    if ((rc = find_target("node start", argc, argv, 0, &t)) || (rc = open_target(&t, &s, &node))) return rc;
    /* Said here for the message; the claim in the service decides. */
    if (!cs_service_query(s, node.id, &info) && info.running)
    {
        cs_close(s);
        return report_failure(CS_ERROR_SERVICE_ALREADY_RUNNING, NULL, "`wineclus node stop` stops it.",
                              "the cluster service of node \"%s\" runs already (pid %d)", node.name, info.pid);
    }
    cs_close(s);
    fflush(NULL);
    if (pipe2(fds, O_CLOEXEC) || (pid = fork()) < 0)
        return report_failure(CS_ERROR_NOT_ENOUGH_MEMORY, strerror(errno), NULL, "cannot start the cluster service");
    if (!pid)
    {
        close(fds[0]);
        _exit(serve(&t, fds[1]));
    }
    close(fds[1]);
    while (len < sizeof(reply) - 1 && ((got = read(fds[0], reply + len, sizeof(reply) - 1 - len)) > 0 ||
                                       (got < 0 && errno == EINTR)))
        if (got > 0) len += (size_t)got;
    reply[len] = 0;
    close(fds[0]);
    if (strcmp(reply, "ok"))
    {
        uint32_t code = (uint32_t)strtoul(reply, &detail, 10);

        waitpid(pid, NULL, 0);
        if (detail == reply) code = CS_ERROR_SERVICE_NOT_ACTIVE, detail = "it ended before it started";
        else detail += *detail == ' ';
        return report_failure(code, detail, code == CS_ERROR_SERVICE_ALREADY_RUNNING ? "`wineclus node stop` stops it." : NULL,
                              "cannot start the cluster service of node \"%s\"", node.name);
    }
    if (json_output)
    {
        json_open(NULL, '{');
        json_str("node", node.name);
        json_int("pid", pid);
        json_str("result", "started");
        json_close('}');
    }
    else say("Cluster service of node \"%s\" started (pid %d).\n", node.name, (int)pid);
    return EXIT_OK;
}

int node_stop(int argc, char **argv)
{
    struct target t;
    cs_store *s;
    cs_node node;
    uint32_t err;
    int rc, pid;

    if ((rc = find_target("node stop", argc, argv, 0, &t)) || (rc = open_target(&t, &s, &node))) return rc;
    err = cs_service_stop(s, node.id, CS_SERVICE_STOP_WAIT_MS, &pid);
    if (err == CS_ERROR_SERVICE_REQUEST_TIMEOUT)
        rc = report_failure(err, "it holds its lock still", "It may be stuck: `kill -9` it; the node then goes down.",
                            "the cluster service of node \"%s\" (pid %d) did not stop within %u s", node.name,
                            pid, CS_SERVICE_STOP_WAIT_MS / 1000);
    else if (err == CS_ERROR_SERVICE_NOT_ACTIVE)
        rc = report_failure(err, NULL, "`wineclus node start` starts it.",
                            "the cluster service of node \"%s\" is not running", node.name);
    else if (err) rc = store_fail(s, err, "cannot tell whether the cluster service of node \"%s\" runs", node.name);
    else if (json_output)
    {
        json_open(NULL, '{');
        json_str("node", node.name);
        json_int("pid", pid);
        json_str("result", "stopped");
        json_close('}');
    }
    else say("Cluster service of node \"%s\" (pid %d) stopped.\n", node.name, pid);
    cs_close(s);
    return rc;
}

static void show(cs_store *s, const cs_node *n)
{
    cs_service_info info;
    int up;

    if (cs_node_is_up(s, n->id, &up)) up = 0;
    if (cs_service_query(s, n->id, &info)) info.running = info.pid = 0;
    if (json_output)
    {
        json_open(NULL, '{');
        json_str("name", n->name);
        json_uint("id", n->id);
        json_bool("up", up);
        json_bool("service_running", info.running);
        if (info.pid) json_int("pid", info.pid);
        else json_str("pid", NULL);
        json_bool("stale_pid", !info.running && info.pid);
        json_close('}');
    }
    else if (info.running && !info.pid)
        say("%s: %s; cluster service running on another host\n", n->name, up ? "up" : "down");
    else if (info.running)
        say("%s: %s; cluster service running (pid %d)\n", n->name, up ? "up" : "down", info.pid);
    else if (info.pid)
        say("%s: %s; cluster service not running (pid %d ended without stopping)\n", n->name, up ? "up" : "down",
            info.pid);
    else say("%s: %s; cluster service not running\n", n->name, up ? "up" : "down");
}

int node_status(int argc, char **argv)
{
    struct target t;
    cs_store *s;
    cs_node node, *nodes;
    uint32_t err;
    size_t i, n = 1;
    int rc;

    if ((rc = find_target("node status", argc, argv, 1, &t)) || (rc = open_target(&t, &s, &node))) return rc;
    if (t.node[0]) nodes = &node;
    else if ((err = cs_node_list(s, &nodes, &n)))
    {
        rc = store_fail(s, err, "cannot list the nodes");
        cs_close(s);
        return rc;
    }
    if (json_output) json_open(NULL, '{'), json_open("nodes", '[');
    for (i = 0; i < n; i++) show(s, &nodes[i]);
    if (json_output) json_close(']'), json_close('}');
    if (nodes != &node) cs_free(nodes);
    cs_close(s);
    return EXIT_OK;
}

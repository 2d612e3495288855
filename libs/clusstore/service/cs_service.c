/* The node's cluster service, store side: one process per node holds an
 * exclusive flock on nodes/<id>.service, which holds its pid.  Whether a
 * service runs is the lock's answer; the pid only says whom to signal, so a
 * pid left by a killed service is known stale (docs/cluster-service.md). */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* Try the service lock with the node's probe lock held: a claim and a
 * query each try it without blocking, and would otherwise make each other
 * see a live service. */
static uint32_t try_lock(cs_store *s, uint32_t id, int fd, int *got)
{
    uint32_t err;
    int probe;

    if ((err = cs__node_file(s, id, "probe", 1, &probe)))
        return err;
    cs__flock(probe, LOCK_EX);
    *got = cs__flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (!*got && errno != EWOULDBLOCK)
        err = cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot lock the service file of node %u: %s", id, strerror(errno));
    close(probe);
    return err;
}

static int read_pid(int fd)
{
    char buf[24];
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    long pid;
    char *end;

    if (n <= 0)
        return 0;
    buf[n] = 0;
    pid = strtol(buf, &end, 10);
    return end != buf && *end == '\n' && pid > 0 && pid < 1 << 30 ? (int)pid : 0;
}

uint32_t cs_service_claim(cs_store *s, const char *name)
{
    char line[24];
    cs_node n;
    uint32_t err;
    int fd, got, len;

    if (!s || !name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or node name");
    if (s->service_fd >= 0)
        return cs__fail(s, CS_ERROR_INVALID_STATE, "this store is a node's service already");
    if ((err = cs_node_find(s, name, &n)) || (err = cs__node_file(s, n.id, "service", 1, &fd)))
        return err;
    if ((err = try_lock(s, n.id, fd, &got)) || !got) {
        int pid = read_pid(fd);

        close(fd);
        if (err)
            return err;
        if (pid)
            return cs__fail(s, CS_ERROR_SERVICE_ALREADY_RUNNING, "the cluster service of node '%s' runs already (pid %d)",
                            n.name, pid);
        return cs__fail(s, CS_ERROR_SERVICE_ALREADY_RUNNING, "the cluster service of node '%s' runs already", n.name);
    }
    len = snprintf(line, sizeof(line), "%d\n", (int)getpid());
    if (ftruncate(fd, 0) || pwrite(fd, line, (size_t)len, 0) != len) {
        err = cs__fail(s, CS_ERROR_DISK_FULL, "cannot record the service's pid for node '%s': %s", n.name,
                       strerror(errno));
        close(fd);
        return err;
    }
    s->service_fd = fd;
    /* What a predecessor of this node recorded running died with it. */
    if ((err = cs_node_join(s, n.name)) || (err = cs__running_forget_node(s, n.id)) ||
        (err = cs__replica_alive_hold(s, n.id)))
        cs__service_release(s);
    return err;
}

void cs__service_release(cs_store *s)
{
    if (s->service_fd < 0)
        return;
    cs__replica_alive_drop(s);
    /* An empty file: this service stopped; a pid left there is a killed one's. */
    if (ftruncate(s->service_fd, 0) != 0) {
        /* the pid stays, and a later query calls it stale: still true */
    }
    close(s->service_fd);
    s->service_fd = -1;
}

uint32_t cs_service_query(cs_store *s, uint32_t id, cs_service_info *out)
{
    uint32_t err;
    int fd, got;

    if (!s || !out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or output");
    out->running = out->pid = 0;
    if ((err = cs__node_file(s, id, "service", 0, &fd)))
        return err;
    if (fd >= 0 && !(err = try_lock(s, id, fd, &got))) {
        out->running = !got;
        out->pid = read_pid(fd);
        if (got)
            flock(fd, LOCK_UN);
    }
    if (fd >= 0)
        close(fd);
    /* On etcd, a service of another host: its lease (no pid of this host's). */
    if (!err && !out->running && !(err = cs__replica_alive_probe(s, id, &out->running)) && out->running)
        out->pid = 0;
    return err;
}

static uint32_t work_fn(cs_store *s, void *arg)
{
    unsigned *changed = arg;
    cs__vec v = { NULL, 0, 0, sizeof(cs_node) };
    cs_node *nodes;
    uint32_t err;
    size_t i;
    int up;

    *changed = 0; /* a retried transaction counts again */
    err = cs__node_rows(s, &v);
    nodes = v.items;
    for (i = 0; !err && i < v.n; i++) {
        if (nodes[i].state == CS_NODE_PAUSED || (err = cs_node_is_up(s, nodes[i].id, &up)))
            continue;
        if (up != (nodes[i].state == CS_NODE_UP) &&
            !(err = cs__node_store_state(s, &nodes[i], up ? CS_NODE_UP : CS_NODE_DOWN)))
            ++*changed;
    }
    free(v.items);
    return err;
}

/* Every group whose owner is down, to another node; the transaction of
 * each checks again, so two services never move one group twice. */
static uint32_t failover(cs_store *s, unsigned *changed)
{
    cs_group *groups;
    size_t i, n;
    uint32_t err, first = 0, to;
    int up;

    if ((err = cs_group_list(s, &groups, &n)))
        return err;
    for (i = 0; i < n; i++) {
        if ((err = cs_node_is_up(s, groups[i].owner_node, &up)) || up)
            err = 0;
        else if ((err = cs_group_failover(s, groups[i].id, &to)) == CS_ERROR_IO_PENDING || !err) {
            err = 0;
            *changed += to != 0;
        } else if (err == CS_ERROR_HOST_NODE_NOT_AVAILABLE)
            err = 0; /* no node to take it yet: tried again next time */
        if (err && !first)
            first = err;
    }
    cs_free(groups);
    return first;
}

uint32_t cs_service_work(cs_store *s, unsigned *changed)
{
    unsigned dummy;
    uint32_t err;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    if (!changed)
        changed = &dummy;
    /* A keep-alive that failed means etcd is out of reach: the round's work
     * would only wait for it again, call after call, while the caller must
     * be quick to see it is cut off (cs_service_cut_off). */
    if (s->service_fd >= 0 && (err = cs__replica_alive_renew(s)))
        return err;
    if ((err = cs__write(s, work_fn, changed)))
        return err;
    return failover(s, changed);
}

int cs_service_cut_off(cs_store *s)
{
    return s && s->service_fd >= 0 && cs__replica_alive_lost(s);
}

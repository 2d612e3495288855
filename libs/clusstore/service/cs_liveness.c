/* Node liveness: a node is up while some process holds a shared flock on
 * <dir>/nodes/<id>.lock.  flock dies with its process, so kill -9 leaves
 * no stale "up" state behind.  On a store on etcd the locks are the host's
 * replica folder's, and a node whose service runs on another host is up
 * while that service keeps its lease (cs_replica.c). */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

uint32_t cs__node_file(cs_store *s, uint32_t id, const char *suffix, int create, int *fd)
{
    char name[32];
    uint32_t err;
    int nodes;

    *fd = -1;
    err = cs__dir_open(s, s->dir_fd, "", "nodes", create, &nodes);
    if (!err) {
        snprintf(name, sizeof(name), "%u.%s", id, suffix);
        err = cs__file_open(s, nodes, "nodes", name, O_RDWR | (create ? O_CREAT : 0), fd);
        close(nodes);
    }
    if (!create && (err == CS_ERROR_PATH_NOT_FOUND || err == CS_ERROR_FILE_NOT_FOUND)) {
        cs__clear(s);
        return 0;
    }
    return err;
}

int cs__flock(int fd, int op)
{
    int rc;

    do
        rc = flock(fd, op);
    while (rc != 0 && errno == EINTR);
    return rc;
}

uint32_t cs_node_join(cs_store *s, const char *name)
{
    cs_node n;
    uint32_t err;
    int fd;

    if (!s || !name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or node name");
    if ((err = cs_node_find(s, name, &n)))
        return err;
    if (s->joined_node)
        return s->joined_node == n.id ? 0
                                       : cs__fail(s, CS_ERROR_INVALID_STATE, "this store already joined node %u",
                                                  s->joined_node);
    if ((err = cs__node_file(s, n.id, "lock", 1, &fd)))
        return err;
    /* Blocks only for the instant a prober holds the exclusive lock. */
    if (cs__flock(fd, LOCK_SH) != 0) {
        close(fd);
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "cannot lock node %u: %s", n.id, strerror(errno));
    }
    s->join_fd = fd;
    s->joined_node = n.id;
    return 0;
}

uint32_t cs_node_is_up(cs_store *s, uint32_t id, int *up)
{
    uint32_t err;
    int fd, probe, busy;

    if (!s || !up)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no store or output");
    *up = 0;
    /* Our own shared lock would make the probe below fail anyway; answer
     * directly so the result does not depend on that detail. */
    if (id && id == s->joined_node) {
        *up = 1;
        return 0;
    }
    if ((err = cs__node_file(s, id, "lock", 0, &fd)))
        return err;
    if (fd < 0) /* no lock file: never joined on this host, so only another host's service can hold it */
        return cs__replica_alive_probe(s, id, up);
    /* Probers serialise on a second file: two probes holding the exclusive
     * lock at once would each take the other for a live node. */
    if ((err = cs__node_file(s, id, "probe", 1, &probe))) {
        close(fd);
        return err;
    }
    cs__flock(probe, LOCK_EX);
    busy = cs__flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    if (!busy)
        flock(fd, LOCK_UN);
    close(fd);
    close(probe);
    *up = busy;
    return busy ? 0 : cs__replica_alive_probe(s, id, up);
}

uint32_t cs_node_local_id(const cs_store *s)
{
    return s ? s->joined_node : 0;
}

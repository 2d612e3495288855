/* cs_restore: RestoreClusterDatabase from a host folder.  Checks run in the
 * order docs/backup-format.md gives, all before the store changes. */
#include "backup_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Exactly a letter, ':' and the end, as RestoreClusterDatabase documents. */
static int valid_drive(const char *d)
{
    return ((d[0] >= 'A' && d[0] <= 'Z') || (d[0] >= 'a' && d[0] <= 'z')) && d[1] == ':' && !d[2];
}

static char drive_of(const char *path)
{
    return isalpha((unsigned char)path[0]) && path[1] == ':' ? (char)toupper((unsigned char)path[0]) : 0;
}

static uint32_t check_nodes(cs_store *s, int force, cs_restore_report *rep)
{
    uint32_t err, local = cs_node_local_id(s);
    cs_node *nodes = NULL;
    size_t n = 0, i;
    int up;

    if ((err = cs_node_list(s, &nodes, &n)))
        return err;
    for (i = 0; !err && i < n; i++) {
        if (nodes[i].id == local || (err = cs_node_is_up(s, nodes[i].id, &up)) || !up)
            continue;
        if (!force)
            err = cs__fail(s, CS_ERROR_CLUSTER_NODE_UP, "node '%s' is up: stop it or restore with force",
                           nodes[i].name);
        else
            rep->forced_nodes_up = 1;
    }
    cs_free(nodes);
    return err;
}

/* Forced: "the cluster will attempt to shut down the Cluster service on the
 * other active nodes" (RestoreClusterDatabase, ERROR_CLUSTER_NODE_UP).  Done
 * once every check passed, so a refused restore stops nothing; a service
 * that does not stop refuses the restore, since it would go on acting on
 * the database it had.  On etcd a service of another host is left running:
 * its replica takes the restored database from etcd at its next round. */
static uint32_t stop_other_services(cs_store *s, cs_restore_report *rep)
{
    uint32_t err, local = cs_node_local_id(s);
    cs_node *nodes = NULL;
    size_t n = 0, i;
    int pid;

    if ((err = cs_node_list(s, &nodes, &n)))
        return err;
    for (i = 0; !err && i < n; i++) {
        if (nodes[i].id == local)
            continue;
        err = cs_service_stop(s, nodes[i].id, CS_SERVICE_STOP_WAIT_MS, &pid);
        if (err == CS_ERROR_SERVICE_NOT_ACTIVE)
            err = 0; /* no service runs there (any more) */
        else if (err == CS_ERROR_NOT_SUPPORTED)
            err = 0; /* another host's, on etcd: it reads the restored database there at its next round */
        else if (!err)
            rep->stopped_services++;
        else if (err == CS_ERROR_SERVICE_REQUEST_TIMEOUT)
            err = cs__fail(s, err, "the cluster service of node '%s' (pid %d) did not stop within %u s: nothing was "
                           "restored", nodes[i].name, pid, CS_SERVICE_STOP_WAIT_MS / 1000);
    }
    cs_free(nodes);
    return err;
}

/* Our stand-in for Windows' check of the quorum disk's partition layout: the
 * quorum resource must be the backup's.  Its drive letter may have changed,
 * as Windows documents for letters and disk signatures: the restored quorum
 * path then takes the letter the disk has now, unless the caller names one
 * (drive).  *apply: the letter for the restored path, "" to keep the backup's. */
static uint32_t check_quorum(cs_store *s, const bk_manifest *m, const char *drive, int force, cs_restore_report *rep,
                             char apply[3])
{
    cs_cluster c;
    uint32_t err;

    apply[0] = 0;
    if (drive)
        snprintf(apply, 3, "%s", drive);
    if ((err = cs_cluster_get(s, &c)))
        return err;
    if (!strcmp(c.quorum_resource, m->quorum_resource)) {
        if (!drive && drive_of(c.quorum_path) && drive_of(c.quorum_path) != drive_of(m->quorum_path))
            snprintf(apply, 3, "%c:", drive_of(c.quorum_path));
        return 0;
    }
    if (force) {
        rep->forced_quorum = 1;
        return 0;
    }
    return cs__fail(s, CS_ERROR_QUORUM_DISK_NOT_FOUND,
                    "the quorum resource is not the backup's (now %s, backup %s): restore with force",
                    c.quorum_resource, m->quorum_resource);
}

/* A set of another cluster (another cluster id) would make this store that
 * cluster.  Windows documents no such check, and its restore never meets a
 * set of another cluster by accident the way two stores on one host can; we
 * refuse it with 5086, the code a Windows caller already answers by asking
 * its user and calling again with bForce, because the quorum the set
 * describes is indeed not this cluster's.  The set's quorum comes with its
 * identity, so the quorum check has nothing to compare. */
static uint32_t check_identity(cs_store *s, const bk_manifest *m, int flags, cs_restore_report *rep)
{
    cs_cluster c;
    uint32_t err;

    if ((err = cs_cluster_get(s, &c)))
        return err;
    snprintf(rep->old_cluster_name, sizeof(rep->old_cluster_name), "%s", c.name);
    snprintf(rep->old_cluster_id, sizeof(rep->old_cluster_id), "%s", c.id);
    snprintf(rep->cluster_name, sizeof(rep->cluster_name), "%s", m->cluster_name);
    snprintf(rep->cluster_id, sizeof(rep->cluster_id), "%s", m->cluster_id);
    if (!strcasecmp(c.id, m->cluster_id))
        return 0;
    if ((flags & CS_RESTORE_AS_CLUSTER) || ((flags & CS_RESTORE_FORCE) && !(flags & CS_RESTORE_SAME_CLUSTER))) {
        rep->other_cluster = 1;
        return 0;
    }
    return cs__fail(s, CS_ERROR_QUORUM_DISK_NOT_FOUND,
                    "the backup set is of another cluster, '%s' (%s); this store holds '%s' (%s): restore as that "
                    "cluster to replace this one's identity", m->cluster_name, m->cluster_id, c.name, c.id);
}

/* The restoring node forms the cluster from the restored database, so it
 * must be one of its nodes, under the id it has here. */
static uint32_t local_node(cs_store *s, cs_node *node)
{
    uint32_t err, local = cs_node_local_id(s);
    cs_node *nodes = NULL;
    size_t n = 0, i;

    memset(node, 0, sizeof(*node));
    if (!local || (err = cs_node_list(s, &nodes, &n)))
        return 0;
    for (i = 0; i < n; i++)
        if (nodes[i].id == local)
            *node = nodes[i];
    cs_free(nodes);
    return 0;
}

/* A set may name any key under HKEY_LOCAL_MACHINE; one that replaces a key
 * Windows or Wine owns takes force (docs/checkpoint-format.md). */
static uint32_t check_keys(cs_store *s, const bk_manifest *m, int force)
{
    size_t i;

    for (i = 0; !force && i < m->n; i++)
        if (m->entries[i].kind == CS_CKPT_REGISTRY && cs_regkey_is_protected(m->entries[i].key))
            return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT,
                            "backup set would replace registry key '%s', which Windows or Wine owns: restore with "
                            "force to allow it", m->entries[i].key);
    return 0;
}

uint32_t cs_restore(cs_store *s, const char *dir, int flags, const char *quorum_drive, cs_restore_report *out)
{
    int force = flags & CS_RESTORE_FORCE;
    cs_restore_report rep;
    cs_node node;
    cs_stage stage;
    bk_manifest m;
    char drive[3] = "";
    uint32_t err;
    int dfd;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    memset(&rep, 0, sizeof(rep));
    memset(&m, 0, sizeof(m));
    cs__clear(s);
    fsio_fault_arm();
    if (quorum_drive && !valid_drive(quorum_drive))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "quorum drive '%s' is not a letter and ':'", quorum_drive);
    if ((err = bk_open_locked(s, dir, &dfd)))
        return err;
    if ((err = cs__stage_begin(s, &stage))) {
        fsio_close(dfd);
        return err;
    }
    err = bk_repair(s, dfd, &rep.repaired);
    if (!err)
        err = bk_verify(s, dfd, &m, &stage);
    if (!err) {
        rep.had_manifest = !m.stripped;
        err = check_identity(s, &m, flags, &rep);
    }
    if (!err)
        err = local_node(s, &node);
    if (!err)
        err = check_nodes(s, force, &rep);
    if (!err && rep.other_cluster && quorum_drive)
        snprintf(drive, sizeof(drive), "%s", quorum_drive);
    else if (!err && !rep.other_cluster)
        err = check_quorum(s, &m, quorum_drive, force, &rep, drive);
    if (!err)
        err = check_keys(s, &m, force);
    if (!err && force)
        err = stop_other_services(s, &rep);
    /* The contents are durable and named before the rows name them. */
    if (!err)
        err = cs__stage_commit(s, &stage, 1);
    if (!err)
        err = bk_apply(s, dfd, &m, drive[0] ? drive : NULL, node.id ? &node : NULL, &rep);
    cs__stage_end(s, &stage);
    bk_manifest_free(&m);
    fsio_close(dfd);
    if (out)
        *out = rep;
    return err;
}

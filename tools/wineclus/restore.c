/*
 * `wineclus restore DIR`: RestoreClusterDatabase from a host folder.  Like
 * the Windows call it acts as one node, the restoring node, which this tool
 * otherwise never is: it joins that node first so that the nodes found up
 * are the other ones.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backupset.h"
#include "wineclus.h"

static void restore_usage(void)
{
    say("Usage: wineclus restore DIR [--force] [--as-cluster] [--quorum-drive X:] [--node NAME] [--json]\n"
           "Replaces the cluster database of the store ($WINECLUS_STORE), with its checkpoints, by the\n"
           "backup set in DIR (written by `wineclus backup` or BackupClusterDatabase), as\n"
           "RestoreClusterDatabase does.  The set is checked in full before anything changes.\n"
           "  --node NAME        the restoring node (default: the cluster's first node)\n"
           "  --force            restore even when other nodes are up (their cluster services are\n"
           "                     stopped first), when the quorum resource is not the backup's, or when\n"
           "                     a registry checkpoint of the set would replace a key Windows or Wine\n"
           "                     owns; without it they refuse (5056, 5086, 5087)\n"
           "  --as-cluster       the set is of another cluster (another cluster id): take its identity,\n"
           "                     name, nodes and quorum with its database; without it such a set is\n"
           "                     refused (5086), --force or not.  What changes is printed first\n"
           "  --quorum-drive X:  the drive letter of the restored quorum path (default: the letter the\n"
           "                     quorum path has now)\n"
           "Try first without --force.  The restoring node's cluster service carries on with the\n"
           "restored database; other nodes take it when their service (`wineclus node start`) and\n"
           "their programs start again.\n");
}

/* The names of the other nodes that are up, for the 5056 explanation. */
static void other_nodes_up(cs_store *s, char *buf, size_t size)
{
    cs_node *nodes;
    size_t i, n, len = 0;
    int up;

    buf[0] = 0;
    if (cs_node_list(s, &nodes, &n)) return;
    for (i = 0; i < n; i++)
    {
        if (nodes[i].id == cs_node_local_id(s) || cs_node_is_up(s, nodes[i].id, &up) || !up) continue;
        /* Whole names only: a cut one could not be looked up. */
        if (len + strlen(nodes[i].name) + 2 + sizeof(", ...") > size)
        {
            snprintf(buf + len, size - len, "%s...", len ? ", " : "");
            break;
        }
        len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", nodes[i].name);
    }
    cs_free(nodes);
}

static int restore_failed(cs_store *s, uint32_t err, const char *dir)
{
    char up[512], detail[1024];

    switch (err)
    {
    case CS_ERROR_CLUSTER_NODE_UP:
        /* Kept first: the calls that find the nodes clear the store's detail. */
        snprintf(detail, sizeof(detail), "%s", cs_errmsg(s));
        other_nodes_up(s, up, sizeof(up));
        return report_failure(err, detail,
            "Other nodes are up: their cluster services run, or programs in their Wine prefixes use the\n"
            "cluster.  Stop them (`wineclus node stop NAME`, `wineserver -k` in each prefix) and restore\n"
            "again, or restore with --force: it stops the other nodes' cluster services first, as\n"
            "Windows does; their programs must then be restarted to take the restored database.",
            "cannot restore while other nodes of the cluster are up (%s)", up[0] ? up : "?");
    case CS_ERROR_CLUSTER_NODE_NOT_MEMBER:
        return report_failure(err, cs_errmsg(s),
            "The restoring node must be a node of the backup set: restore with --node NAME naming one of\n"
            "the set's nodes (`wineclus verify DIR` lists the set).  Nothing was restored.",
            "the restoring node is not a node of the backup set in %s", dir);
    case CS_ERROR_QUORUM_DISK_NOT_FOUND:
        if (strstr(cs_errmsg(s), "another cluster"))
            return report_failure(err, cs_errmsg(s),
                "The set was made by another cluster.  Restoring it replaces this cluster's name, id,\n"
                "nodes and quorum by the set's: if that is what you want, restore with --as-cluster.",
                "the backup set in %s is of another cluster", dir);
        return report_failure(err, cs_errmsg(s),
            "The quorum resource is not the backup's (a drive letter that changed does not count: the\n"
            "restored quorum path takes the letter the disk has now).  If the quorum disk was replaced\n"
            "since the backup, restore with --force, and --quorum-drive X: to give the restored quorum\n"
            "path the new disk's letter X:.",
            "the quorum of the cluster does not match the backup in %s", dir);
    case CS_ERROR_DATABASE_BACKUP_CORRUPT:
        return report_failure(err, cs_errmsg(s),
            "A file of the set is missing, extra or changed since the backup, or (as the detail says) the\n"
            "set would replace a registry key Windows or Wine owns, which takes --force: nothing was restored.\n"
            "Restore from another backup, or with --force if you trust the set's keys.",
            "the backup set in %s is damaged", dir);
    }
    if (set_folder_hint(err))
        return report_failure(err, cs_errmsg(s), set_folder_hint(err), "cannot restore from %s", dir);
    return store_fail(s, err, "cannot restore the cluster from %s", dir);
}

/* --as-cluster: what the restore will change, said before it does. */
static int show_identity_change(cs_store *s, const char *dir)
{
    cs_set_info info;
    cs_cluster c;
    uint32_t err;

    if ((err = cs_cluster_get(s, &c))) return store_fail(s, err, "cannot read the cluster");
    if ((err = cs_backup_peek(s, dir, &info))) return restore_failed(s, err, dir);
    if (strcasecmp(c.id, info.cluster_id))
        say("Restoring %s replaces this cluster's identity: cluster %s (%s) becomes %s (%s),\n"
            "with the set's nodes, groups, resources and quorum.\n", dir, c.name, c.id, info.cluster_name,
            info.cluster_id);
    cs_set_info_free(&info);
    return 0;
}

/* After --as-cluster: the set's nodes are the cluster's now.  One no Wine
 * prefix here runs as stays down, as a node whose machine is off would. */
static void show_new_nodes(cs_store *s, const char *self, const cs_restore_report *rep)
{
    cs_node *nodes;
    size_t i, n;

    say("This store is now cluster %s (%s); it was %s (%s).\n", rep->cluster_name, rep->cluster_id,
        rep->old_cluster_name, rep->old_cluster_id);
    if (cs_node_list(s, &nodes, &n)) return;
    say("  its nodes:");
    for (i = 0; i < n; i++) say(" %s%s", nodes[i].name, strcasecmp(nodes[i].name, self) ? "" : " (this one)");
    say("\n");
    if (n > 1)
        say("  Each other node is down until a Wine prefix set up as it (`wineclus setup --node NAME`) runs\n"
            "  its cluster service or a program.\n");
    cs_free(nodes);
}

static void print_summary(cs_store *s, const char *dir, const char *node, const cs_restore_report *rep)
{
    if (json_output)
    {
        json_open(NULL, '{');
        json_str("dir", dir);
        json_str("node", node);
        json_uint("log_seq", rep->log_seq);
        json_uint("registry_checkpoints", rep->registry_checkpoints);
        json_uint("crypto_checkpoints", rep->crypto_checkpoints);
        json_uint("checkpoint_bytes", rep->checkpoint_bytes);
        json_uint("unchanged_checkpoints", rep->unchanged_checkpoints);
        json_str("quorum_path", rep->quorum_path);
        json_bool("forced_nodes_up", rep->forced_nodes_up);
        json_uint("stopped_services", rep->stopped_services);
        json_bool("forced_quorum", rep->forced_quorum);
        json_bool("repaired", rep->repaired);
        json_bool("had_manifest", rep->had_manifest);
        json_bool("other_cluster", rep->other_cluster);
        json_str("cluster_name", rep->cluster_name);
        json_str("cluster_id", rep->cluster_id);
        json_str("old_cluster_name", rep->old_cluster_name);
        json_str("old_cluster_id", rep->old_cluster_id);
        json_close('}');
        return;
    }
    if (rep->repaired) say("An interrupted earlier backup in %s was completed first.\n", dir);
    say("Restored the cluster database from %s as node %s, at quorum log sequence %llu:\n"
           "  %zu registry and %zu crypto checkpoints (%llu bytes); quorum path %s\n",
           dir, node, (unsigned long long)rep->log_seq, rep->registry_checkpoints, rep->crypto_checkpoints,
           (unsigned long long)rep->checkpoint_bytes, rep->quorum_path);
    if (rep->unchanged_checkpoints)
        say("  of which %zu already held the backup's contents (same SHA-256) and were left as they were\n",
               rep->unchanged_checkpoints);
    if (rep->stopped_services)
        say("Stopped the cluster service of %zu other node%s (--force): `wineclus node start` starts them\n"
            "again with the restored database.\n", rep->stopped_services, rep->stopped_services > 1 ? "s" : "");
    if (rep->forced_nodes_up)
        say("Other nodes were up (--force): restart the programs of their prefixes to take the restored "
               "database.\n");
    if (!rep->had_manifest)
        say("The set had no " CS_BACKUP_MANIFEST ": its files were checked for form, not against the backup's "
            "SHA-256 digests.\n");
    if (rep->other_cluster) show_new_nodes(s, node, rep);
    if (rep->forced_quorum) say("The quorum differed from the backup's (--force): the backup's quorum now holds.\n");
}

int cmd_restore(int argc, char **argv)
{
    const char *drive = NULL, *node_name = NULL;
    int force = 0, as_cluster = 0, flags;
    const struct optspec opts[] =
    {
        { "force", NULL, &force, 0, NULL },
        { "as-cluster", NULL, &as_cluster, 0, NULL },
        { "quorum-drive", &drive, NULL, 0, NULL },
        { "node", &node_name, NULL, 0, NULL },
        { NULL, NULL, NULL, 0, NULL }
    };
    cs_restore_report rep;
    cs_node node;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    if (wants_help(argc, argv))
    {
        restore_usage();
        return EXIT_OK;
    }
    parse_args("restore", argc, argv, opts, 1, 1, "the backup folder DIR", &ops);
    if (drive && !(isalpha((unsigned char)drive[0]) && drive[1] == ':' && !drive[2]))
        die_usage("restore", "--quorum-drive wants a drive letter and a colon, like Q:, not '%s'", drive);
    if (open_store(&s)) return EXIT_FAILED;
    cs_set_lock_wait_notice(s, lock_wait_show, NULL);
    rc = node_name ? find_node(s, node_name, &node) : find_first_node(s, &node);
    if (!rc && (err = cs_node_join(s, node.name))) rc = store_fail(s, err, "cannot act as node \"%s\"", node.name);
    /* --force is bForce but for the cluster's identity, which only --as-cluster gives away. */
    flags = (force ? CS_RESTORE_FORCE | CS_RESTORE_SAME_CLUSTER : 0) | (as_cluster ? CS_RESTORE_AS_CLUSTER : 0);
    if (!rc && as_cluster && !json_output) rc = show_identity_change(s, ops[0]);
    if (!rc && (err = cs_restore(s, ops[0], flags, drive, &rep))) rc = restore_failed(s, err, ops[0]);
    else if (!rc) print_summary(s, ops[0], node.name, &rep);
    cs_close(s);
    return rc;
}

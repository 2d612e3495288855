/*
 * `wineclus init`: create the store with the cluster and node names of
 * one's choosing, where any other verb would create the default cluster
 * named after the host.  An existing store is never touched: it holds a
 * cluster whose programs and backups depend on its ids.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "wineclus.h"

#define INIT_NODES_MAX 16

static void init_usage(void)
{
    say("Usage: wineclus init [--name CLUSTER] [--node NAME]... [--json]\n"
           "Creates the cluster store ($WINECLUS_STORE, default ${XDG_DATA_HOME:-~/.local/share}/wineclus)\n"
           "with a cluster named CLUSTER (default: this host's name) whose first node is the first --node\n"
           "(default: this host's name); further --node options (at most %d in all) add more nodes.\n"
           "Refuses if the store already holds a cluster: that one is left exactly as it is.\n"
           "Make Wine prefixes nodes with `wineclus setup --node NAME`.\n", INIT_NODES_MAX);
}

static int print_created(cs_store *s)
{
    cs_node *nodes;
    cs_cluster c;
    uint32_t err;
    size_t i, n;

    if ((err = cs_cluster_get(s, &c)) || (err = cs_node_list(s, &nodes, &n)))
        return store_fail(s, err, "cannot read the new cluster");
    if (json_output)
    {
        json_open(NULL, '{');
        json_str("store", cs_dir(s));
        json_open("cluster", '{');
        json_str("name", c.name);
        json_str("id", c.id);
        json_close('}');
        json_open("nodes", '[');
    }
    else say("Created cluster \"%s\" (id %s) in %s, with nodes:\n", c.name, c.id, cs_dir(s));
    for (i = 0; i < n; i++) emit_node(NULL, &nodes[i], 0, "  ");
    if (json_output) json_close(']'), json_close('}');
    cs_free(nodes);
    return EXIT_OK;
}

int cmd_init(int argc, char **argv)
{
    const char *name = NULL, *nodes[INIT_NODES_MAX];
    int nnodes = 0, i, j, rc = EXIT_OK;
    const struct optspec opts[] =
    {
        { "name", &name, NULL, 0, NULL },
        { "node", nodes, NULL, INIT_NODES_MAX, &nnodes },
        { NULL, NULL, NULL, 0, NULL }
    };
    char dir[PATH_MAX], db[PATH_MAX + 16];
    struct stat st;
    cs_node added;
    cs_cluster c;
    cs_store *s;
    uint32_t err;

    if (wants_help(argc, argv))
    {
        init_usage();
        return EXIT_OK;
    }
    parse_args("init", argc, argv, opts, 0, 0, "", NULL);
    if (name && !name[0]) die_usage("init", "--name wants a cluster name");
    for (i = 0; i < nnodes; i++)
    {
        check_node_name("init", "--node", nodes[i]);
        for (j = 0; j < i; j++)
            if (!strcasecmp(nodes[i], nodes[j])) die_usage("init", "node '%s' given twice", nodes[i]);
    }
    if ((err = cs_default_dir(dir, sizeof(dir))))
        return report_failure(err, dir, "Set WINECLUS_STORE to the folder the store should be in.",
                              "cannot tell where the store goes");
    /* "cluster.db" is what makes a folder a store (clusstore.h, cs_open). */
    snprintf(db, sizeof(db), "%s/cluster.db", dir);
    if (!lstat(db, &st))
        return report_failure(CS_ERROR_ALREADY_EXISTS, "", "`wineclus status` shows that cluster; `wineclus node add "
                              "NAME` adds nodes to it.\nFor a new cluster, choose another folder: "
                              "WINECLUS_STORE=/some/folder wineclus init ...",
                              "a cluster store already exists in %s (left untouched)", dir);
    if ((err = cs_open(dir, name, nnodes ? nodes[0] : NULL, &s)))
    {
        rc = store_fail(s, err, "cannot create the cluster store in %s", dir);
        cs_close(s);
        return rc;
    }
    /* Another program may have created the store between our look and cs_open. */
    if ((err = cs_cluster_get(s, &c))) rc = store_fail(s, err, "cannot read the new cluster");
    else if (name && strcmp(c.name, name))
        rc = report_failure(CS_ERROR_ALREADY_EXISTS, "", NULL,
                            "another program created cluster \"%s\" in %s at the same time (left untouched)", c.name,
                            dir);
    for (i = 1; !rc && i < nnodes; i++)
        if ((err = cs_node_add(s, nodes[i], &added))) rc = store_fail(s, err, "cannot add node \"%s\"", nodes[i]);
    if (!rc) rc = print_created(s);
    cs_close(s);
    return rc;
}

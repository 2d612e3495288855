/*
 * `wineclus node list|show|add|remove`: the cluster's membership.  Adding a node
 * only records it; it is up while its cluster service (service.c) runs or a
 * program of a Wine prefix set up for it (`wineclus setup --node NAME`) uses
 * the cluster.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wineclus.h"

static void node_usage(void)
{
    say("Usage: wineclus node list [--json]\n"
           "       wineclus node show NAME [--json]\n"
           "       wineclus node add NAME [--json]\n"
           "       wineclus node remove NAME [--json]\n"
           "       wineclus node start|stop [NAME | --prefix PREFIX] [--json]\n"
           "       wineclus node status [NAME | --prefix PREFIX] [--json]\n"
           "Lists, shows (with its common and private properties), adds or evicts the nodes of the cluster in the store ($WINECLUS_STORE).\n"
           "Start and stop run the node's cluster service, a process that keeps the node up; status shows\n"
           "whether it runs (every node's, without NAME).  Without NAME, the node is the one of the prefix\n"
           "(--prefix, else $WINEPREFIX), in the store that prefix was set up with.\n"
           "A node is up while its cluster service runs or a program of its Wine prefix uses the cluster;\n"
           "`wineclus setup --node NAME` makes a prefix that node.  Node names are NetBIOS-style: 1 to 15 characters.\n"
           "A node cannot be evicted while it is up, owns groups, or is the last one.\n");
}

static int node_list(int argc, char **argv)
{
    cs_node *nodes;
    cs_store *s;
    uint32_t err;
    size_t i, n;
    int up;

    parse_args("node list", argc, argv, NULL, 0, 0, "", NULL);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if ((err = cs_node_list(s, &nodes, &n)))
    {
        int rc = store_fail(s, err, "cannot list the nodes");
        cs_close(s);
        return rc;
    }
    if (json_output) json_open(NULL, '{'), json_open("nodes", '[');
    for (i = 0; i < n; i++)
    {
        if (cs_node_is_up(s, nodes[i].id, &up)) up = 0;
        emit_node(NULL, &nodes[i], up, "");
    }
    if (json_output) json_close(']'), json_close('}');
    cs_free(nodes);
    cs_close(s);
    return EXIT_OK;
}

static int node_show(int argc, char **argv)
{
    struct props props;
    char **ops;
    cs_store *s;
    cs_node node;
    uint32_t err;
    int rc, up;

    parse_args("node show", argc, argv, NULL, 1, 1, "the NAME of the node", &ops);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if (!(rc = find_node(s, ops[0], &node)))
    {
        if ((err = props_read(s, CS_CLASS_NODE, &node, &props)))
            rc = store_fail(s, err, "cannot read the properties of node \"%s\"", node.name);
        else
        {
            if (cs_node_is_up(s, node.id, &up)) up = 0;
            if (json_output) json_open(NULL, '{');
            emit_node("node", &node, up, "");
            props_print(&props);
            if (json_output) json_close('}');
            props_free(&props);
        }
    }
    cs_close(s);
    return rc;
}

static int node_add(int argc, char **argv)
{
    char **ops;
    cs_store *s;
    cs_node node;
    uint32_t err;
    int rc = EXIT_OK;

    parse_args("node add", argc, argv, NULL, 1, 1, "the NAME of the new node", &ops);
    check_node_name("node add", "NAME", ops[0]);
    if (open_store(&s)) return EXIT_FAILED;
    if ((err = cs_node_add(s, ops[0], &node))) rc = store_fail(s, err, "cannot add node \"%s\"", ops[0]);
    else if (json_output)
    {
        json_open(NULL, '{');
        emit_node("node", &node, 0, "");
        json_close('}');
    }
    else say("Node \"%s\" added as node %u (down until its cluster service runs or a program of its prefix uses the cluster).\n", node.name,
                node.id);
    cs_close(s);
    return rc;
}

static int node_remove(int argc, char **argv)
{
    char **ops;
    cs_store *s;
    cs_node node;
    uint32_t err;
    int rc;

    parse_args("node remove", argc, argv, NULL, 1, 1, "the NAME of the node", &ops);
    if (open_store(&s)) return EXIT_FAILED;
    if (!(rc = find_node(s, ops[0], &node)))
    {
        if ((err = cs_node_remove(s, node.name))) rc = store_fail(s, err, "cannot evict node \"%s\"", node.name);
        else emit_done("node", node.name, "evicted");
    }
    cs_close(s);
    return rc;
}

int cmd_node(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "list", node_list },
        { "show", node_show },
        { "add", node_add },
        { "remove", node_remove },
        { "start", node_start },
        { "stop", node_stop },
        { "status", node_status },
    };

    if (wants_help(argc, argv))
    {
        node_usage();
        return EXIT_OK;
    }
    return run_subverb("node", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

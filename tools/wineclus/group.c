/*
 * `wineclus group list|show|add|remove|online|offline|move`: the groups of the
 * cluster, the units that fail over from node to node with their resources.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wineclus.h"

static void group_usage(void)
{
    say("Usage: wineclus group list [--json]\n"
           "       wineclus group show NAME [--json]\n"
           "       wineclus group add NAME [--owner NODE] [--json]\n"
           "       wineclus group remove NAME [--json]\n"
           "       wineclus group online NAME [--node NODE] [--json]\n"
           "       wineclus group offline NAME [--json]\n"
           "       wineclus group move NAME [--to NODE] [--json]\n"
           "Manages the groups of the cluster in the store ($WINECLUS_STORE).\n"
           "  show     one group with its common and private properties\n"
           "  add      creates an empty, offline group owned by NODE (default: the cluster's first node)\n"
           "  remove   deletes a group; it must hold no resources (remove or move them first)\n"
           "  online   brings every resource of the group online, dependencies first (on NODE: moved there first)\n"
           "  offline  takes every resource of the group offline, dependents first\n"
           "  move     moves it to NODE (default: the best other node that is up); what was online comes\n"
           "           online there.  A node taking a group must be up and not paused.\n"
           "Group names are unique in the cluster, whatever their case.\n");
}

/* A group with its owner's name, as one object or line; with_props: and its properties. */
static int show_group(cs_store *s, const char *key, const cs_group *g, int with_props)
{
    struct props props;
    cs_node owner;
    uint32_t err = cs_node_get_by_id(s, g->owner_node, &owner);

    if (err) return store_fail(s, err, "cannot find node %u, the owner of group \"%s\"", g->owner_node, g->name);
    if (with_props && (err = props_read(s, CS_CLASS_GROUP, g, &props)))
        return store_fail(s, err, "cannot read the properties of group \"%s\"", g->name);
    if (json_output) json_open(NULL, '{');
    emit_group_open(key, g, owner.name, "");
    emit_group_close();
    if (with_props) props_print(&props), props_free(&props);
    if (json_output) json_close('}');
    return EXIT_OK;
}

static int group_list(int argc, char **argv)
{
    cs_group *groups = NULL;
    cs_node *nodes = NULL;
    size_t i, ngroups, nnodes;
    cs_store *s;
    uint32_t err;

    parse_args("group list", argc, argv, NULL, 0, 0, "", NULL);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if ((err = cs_group_list(s, &groups, &ngroups)) || (err = cs_node_list(s, &nodes, &nnodes)))
    {
        int rc = store_fail(s, err, "cannot list the groups");
        cs_free(groups);
        cs_close(s);
        return rc;
    }
    if (json_output) json_open(NULL, '{'), json_open("groups", '[');
    for (i = 0; i < ngroups; i++)
    {
        emit_group_open(NULL, &groups[i], node_name_of(nodes, nnodes, groups[i].owner_node), "");
        emit_group_close();
    }
    if (json_output) json_close(']'), json_close('}');
    cs_free(groups);
    cs_free(nodes);
    cs_close(s);
    return EXIT_OK;
}

static int group_show(int argc, char **argv)
{
    cs_group group;
    char **ops;
    cs_store *s;
    int rc;

    parse_args("group show", argc, argv, NULL, 1, 1, "the NAME of the group", &ops);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if (!(rc = find_group(s, ops[0], &group))) rc = show_group(s, "group", &group, 1);
    cs_close(s);
    return rc;
}

static int group_add(int argc, char **argv)
{
    const char *owner_name = NULL;
    const struct optspec opts[] = { { "owner", &owner_name, NULL, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    cs_group group;
    cs_node owner;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("group add", argc, argv, opts, 1, 1, "the NAME of the new group", &ops);
    if (open_store(&s)) return EXIT_FAILED;
    rc = owner_name ? find_node(s, owner_name, &owner) : find_first_node(s, &owner);
    if (!rc && (err = cs_group_create(s, ops[0], owner.id, &group)))
        rc = store_fail(s, err, "cannot create group \"%s\"", ops[0]);
    else if (!rc) rc = show_group(s, "group", &group, 0);
    cs_close(s);
    return rc;
}

static int group_remove(int argc, char **argv)
{
    cs_group group;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("group remove", argc, argv, NULL, 1, 1, "the NAME of the group", &ops);
    if (open_store(&s)) return EXIT_FAILED;
    if (!(rc = find_group(s, ops[0], &group)))
    {
        if ((err = cs_group_delete(s, group.id))) rc = store_fail(s, err, "cannot remove group \"%s\"", group.name);
        else emit_done("group", group.name, "removed");
    }
    cs_close(s);
    return rc;
}

/* node: the node option's name (NULL: none given). */
static int group_change(const char *verb, int argc, char **argv, const char *node_opt,
                        uint32_t (*change)(cs_store *, const char *, uint32_t))
{
    const char *node_name = NULL;
    const struct optspec opts[] = { { node_opt, &node_name, NULL, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    cs_group group;
    cs_node node;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args(verb, argc, argv, node_opt ? opts : NULL, 1, 1, "the NAME of the group", &ops);
    if (open_store(&s)) return EXIT_FAILED;
    node.id = 0;
    if (!(rc = find_group(s, ops[0], &group)) && !(rc = node_name ? find_node(s, node_name, &node) : 0))
    {
        /* Pending is a state to show, not a failure. */
        if (((err = change(s, group.id, node.id)) && err != CS_ERROR_IO_PENDING) ||
            (err = cs_group_find(s, group.id, &group)))
            rc = store_fail(s, err, "%s \"%s\" refused", verb, group.name);
        else rc = show_group(s, "group", &group, 0);
    }
    cs_close(s);
    return rc;
}

static uint32_t offline(cs_store *s, const char *group, uint32_t node)
{
    (void)node;
    return cs_group_offline(s, group);
}

static uint32_t move(cs_store *s, const char *group, uint32_t node)
{
    return cs_group_move(s, group, node, NULL);
}

static int group_online_verb(int argc, char **argv)
{
    return group_change("group online", argc, argv, "node", cs_group_online);
}

static int group_offline_verb(int argc, char **argv)
{
    return group_change("group offline", argc, argv, NULL, offline);
}

static int group_move_verb(int argc, char **argv)
{
    return group_change("group move", argc, argv, "to", move);
}

int cmd_group(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "list", group_list },
        { "show", group_show },
        { "add", group_add },
        { "remove", group_remove },
        { "online", group_online_verb },
        { "offline", group_offline_verb },
        { "move", group_move_verb },
    };

    if (wants_help(argc, argv))
    {
        group_usage();
        return EXIT_OK;
    }
    return run_subverb("group", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

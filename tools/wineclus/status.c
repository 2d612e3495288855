/*
 * `wineclus status`: the whole cluster at a glance.  Everything is read in
 * one snapshot, so the groups, resources and log sequence shown belong to
 * one point in the quorum log even while programs change the cluster.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

struct cluster_view
{
    cs_cluster     cluster;
    cs_resource    quorum;
    const char    *quorum_name;
    cs_node       *nodes;
    size_t         nnodes;
    cs_group      *groups;
    size_t         ngroups;
    cs_resource   *resources;
    size_t         nresources;
    cs_checkpoint *checkpoints;
    size_t         ncheckpoints;
};

static uint32_t read_view(cs_store *s, struct cluster_view *v)
{
    uint32_t err, end;

    if ((err = cs_snapshot_begin(s))) return err;
    if (!(err = cs_cluster_get(s, &v->cluster)) && !(err = cs_node_list(s, &v->nodes, &v->nnodes)) &&
        !(err = cs_group_list(s, &v->groups, &v->ngroups)) &&
        !(err = cs_resource_list(s, NULL, &v->resources, &v->nresources)))
        err = cs_checkpoint_list(s, NULL, 0, &v->checkpoints, &v->ncheckpoints);
    if (!err) v->quorum_name = quorum_name(s, &v->cluster, &v->quorum);
    end = cs_snapshot_end(s);
    return err ? err : end;
}

static void print_cluster(cs_store *s, const cs_cluster *c, const char *quorum)
{
    if (!json_output)
    {
        say("Cluster:    %s (id %s)\n", c->name, c->id);
        say("Version:    %u.%u.%u%s%s\n", c->major_version, c->minor_version, c->build_number,
               c->csd_version[0] ? " " : "", c->csd_version);
        if (cs_url(s))
            say("Store:      %s (replica in %s)\n", cs_url(s), cs_dir(s));
        else
            say("Store:      %s\n", cs_dir(s));
        emit_quorum(c, quorum);
        say("Quorum log: sequence %llu, %llu bytes since the checkpoint at sequence %llu\n",
               (unsigned long long)c->log_seq, (unsigned long long)c->log_bytes,
               (unsigned long long)c->checkpoint_seq);
        return;
    }
    json_open("cluster", '{');
    json_str("name", c->name);
    json_str("id", c->id);
    json_uint("major_version", c->major_version);
    json_uint("minor_version", c->minor_version);
    json_uint("build_number", c->build_number);
    json_str("csd_version", c->csd_version);
    json_uint("highest_version", c->highest_version);
    json_uint("lowest_version", c->lowest_version);
    json_close('}');
    json_str("store", cs_dir(s));
    emit_quorum(c, quorum);
    json_open("log", '{');
    json_uint("sequence", c->log_seq);
    json_uint("bytes", c->log_bytes);
    json_uint("checkpoint_sequence", c->checkpoint_seq);
    json_close('}');
}

static void print_view(cs_store *s, const struct cluster_view *v, const struct props *props)
{
    size_t i, j;
    int up;

    if (json_output) json_open(NULL, '{');
    print_cluster(s, &v->cluster, v->quorum_name);
    if (props) props_print(props);
    if (json_output) json_open("nodes", '[');
    else say("Nodes:\n");
    for (i = 0; i < v->nnodes; i++)
    {
        /* A probe that fails says nothing about the node: show it down. */
        if (cs_node_is_up(s, v->nodes[i].id, &up)) up = 0;
        emit_node(NULL, &v->nodes[i], up, "  ");
    }
    if (json_output) json_close(']'), json_open("groups", '[');
    else say("Groups:\n");
    for (i = 0; i < v->ngroups; i++)
    {
        emit_group_open(NULL, &v->groups[i], node_name_of(v->nodes, v->nnodes, v->groups[i].owner_node), "  ");
        if (json_output) json_open("resources", '[');
        for (j = 0; j < v->nresources; j++)
            if (!strcmp(v->resources[j].group, v->groups[i].name))
                emit_resource(NULL, &v->resources[j], v->checkpoints, v->ncheckpoints, "    ");
        if (json_output) json_close(']');
        emit_group_close();
    }
    if (json_output) json_close(']'), json_close('}');
}

int cmd_status(int argc, char **argv)
{
    int with_props = 0;
    const struct optspec opts[] = { { "properties", NULL, &with_props, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    struct cluster_view v;
    struct props props = { 0 };
    cs_store *s;
    uint32_t err;
    int rc = EXIT_OK;

    if (wants_help(argc, argv))
    {
        say("Usage: wineclus status [--properties] [--json]\n"
               "Shows the cluster of the store ($WINECLUS_STORE, default ${XDG_DATA_HOME:-~/.local/share}/wineclus)\n"
               "at a glance: its name, id and version, the quorum, the quorum log, the nodes (up while a\n"
               "program of their Wine prefix uses the cluster), and the groups with their resources.\n"
               "A store that does not exist yet is created with the default cluster: one node named after\n"
               "this host (`wineclus init` chooses other names).\n"
               "--properties adds the cluster's common and private properties (each stored value, else its\n"
               "documented default, marked so).\n");
        return EXIT_OK;
    }
    parse_args("status", argc, argv, opts, 0, 0, "", NULL);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    memset(&v, 0, sizeof(v));
    if ((err = read_view(s, &v)) || (with_props && (err = props_read(s, CS_CLASS_CLUSTER, NULL, &props))))
        rc = store_fail(s, err, "cannot read the cluster");
    else print_view(s, &v, with_props ? &props : NULL);
    props_free(&props);
    cs_free(v.nodes);
    cs_free(v.groups);
    cs_free(v.resources);
    cs_free(v.checkpoints);
    cs_close(s);
    return rc;
}

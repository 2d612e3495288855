/*
 * Opening the store and finding its objects by name, for the store verbs.
 * A name that matches nothing is the most common mistake on a command line,
 * so it gets a message of its own naming the object, not "cannot do X".
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "wineclus.h"

/* A verb that only reads must not leave a new cluster behind where there
 * was none: the user would take it for theirs. */
static int open_with(int create, cs_store **s)
{
    char dir[PATH_MAX] = "";
    uint32_t err = create ? cs_open(NULL, NULL, NULL, s) : cs_open_existing(NULL, s);
    int rc;

    if (!err) return 0;
    if (cs_default_dir(dir, sizeof(dir))) snprintf(dir, sizeof(dir), "$WINECLUS_STORE");
    if (err == CS_ERROR_FILE_NOT_FOUND && !create)
        rc = report_failure(err, cs_errmsg(*s), "`wineclus init` creates one, as do `wineclus setup` and the first "
                            "program of a node, and any verb that changes the cluster.", "no cluster store in %s", dir);
    else rc = store_fail(*s, err, "cannot open the cluster store in %s", dir);
    cs_close(*s);
    *s = NULL;
    return rc;
}

int open_store(cs_store **s)
{
    return open_with(1, s);
}

int open_store_to_read(cs_store **s)
{
    return open_with(0, s);
}

static int found(cs_store *s, uint32_t err, uint32_t missing, const char *kind, const char *name)
{
    if (!err) return 0;
    if (err == missing) return store_fail(s, err, "%s \"%s\" not found", kind, name);
    return store_fail(s, err, "cannot look up %s \"%s\"", kind, name);
}

int find_node(cs_store *s, const char *name, cs_node *out)
{
    return found(s, cs_node_find(s, name, out), CS_ERROR_CLUSTER_NODE_NOT_FOUND, "node", name);
}

int find_group(cs_store *s, const char *name, cs_group *out)
{
    return found(s, cs_group_find(s, name, out), CS_ERROR_GROUP_NOT_FOUND, "group", name);
}

int find_resource(cs_store *s, const char *name, cs_resource *out)
{
    return found(s, cs_resource_find(s, name, out), CS_ERROR_RESOURCE_NOT_FOUND, "resource", name);
}

/* The node that stands in when a verb needs one and none was named: the
 * cluster's founding node, like the default cluster's only node. */
int find_first_node(cs_store *s, cs_node *out)
{
    cs_node *nodes;
    uint32_t err;
    size_t n;

    if ((err = cs_node_list(s, &nodes, &n))) return store_fail(s, err, "cannot list the nodes");
    if (n) *out = nodes[0];
    cs_free(nodes);
    if (!n) return report_failure(CS_ERROR_CLUSTER_NODE_NOT_FOUND, "", NULL, "the cluster has no node");
    return 0;
}

/* Nodes are Windows computers: Wine gives a prefix its node name as the
 * NetBIOS computer name, so the store must not hold one Windows refuses. */
void check_node_name(const char *verb, const char *option, const char *name)
{
    if (!name[0] || strlen(name) > 15 || strpbrk(name, "\\/:*?\"<>| "))
        die_usage(verb, "%s wants a NetBIOS-style node name: 1 to 15 characters, none of \\/:*?\"<>| "
                  "or space, not '%s'", option, name);
}

/* The store keeps the quorum resource's GUID; people want its name. */
const char *quorum_name(cs_store *s, const cs_cluster *c, cs_resource *buf)
{
    if (!c->quorum_resource[0] || cs_resource_find(s, c->quorum_resource, buf)) return NULL;
    return buf->name;
}

/*
 * What ties a resource to others: its dependencies, the group they share,
 * the Network Name it is reached through, and the nodes that may host it.
 */
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD WINAPI AddClusterResourceDependency(HRESOURCE hResource, HRESOURCE hDependsOn)
{
    TRACE("(%p, %p)\n", hResource, hDependsOn);
    return object_pair(hResource, hDependsOn, HANDLE_RESOURCE, cs_resource_add_dependency);
}

DWORD WINAPI RemoveClusterResourceDependency(HRESOURCE hResource, HRESOURCE hDependsOn)
{
    TRACE("(%p, %p)\n", hResource, hDependsOn);
    return object_pair(hResource, hDependsOn, HANDLE_RESOURCE, cs_resource_remove_dependency);
}

/* The store refuses cycles, but a database loaded from elsewhere is walked
 * no deeper than this, so that a cycle in it cannot exhaust the stack. */
#define MAX_DEPTH 256

/* Does res depend on target, directly or not? */
static BOOL depends_on(cs_store *store, const char *res_id, const char *target_id, int depth, DWORD *err)
{
    cs_resource *providers = NULL;
    size_t n = 0, i;
    BOOL ret = FALSE;

    if (depth > MAX_DEPTH || (*err = cs_resource_list_dependencies(store, res_id, &providers, &n))) return FALSE;
    for (i = 0; i < n && !ret && !*err; i++)
        ret = !strcmp(providers[i].id, target_id) || depends_on(store, providers[i].id, target_id, depth + 1, err);
    cs_free(providers);
    return ret;
}

/* May res depend on provider: the rules AddClusterResourceDependency
 * applies to the pair, without the states (CanResourceBeDependent). */
static DWORD can_depend(cs_store *store, const char *res_id, const char *provider_id)
{
    cs_resource res, provider;
    cs_cluster cluster;
    DWORD err;

    if ((err = cs_resource_find(store, res_id, &res)) || (err = cs_resource_find(store, provider_id, &provider)) ||
        (err = cs_cluster_get(store, &cluster)))
        return err;
    if (!strcmp(res.id, provider.id) || strcmp(res.group, provider.group) || !strcmp(res.id, cluster.quorum_resource))
        return ERROR_DEPENDENCY_NOT_ALLOWED;
    if (depends_on(store, provider.id, res.id, 0, &err)) return ERROR_CIRCULAR_DEPENDENCY;
    return err;
}

BOOL WINAPI CanResourceBeDependent(HRESOURCE hResource, HRESOURCE hResourceDependent)
{
    DWORD err;

    TRACE("(%p, %p)\n", hResource, hResourceDependent);

    /* Only TRUE or FALSE is documented; the reason goes to GetLastError. */
    err = object_pair(hResource, hResourceDependent, HANDLE_RESOURCE, can_depend);
    SetLastError(err);
    return !err;
}

DWORD WINAPI ChangeClusterResourceGroup(HRESOURCE hResource, HGROUP hGroup)
{
    TRACE("(%p, %p)\n", hResource, hGroup);
    return object_pair(hResource, hGroup, HANDLE_GROUP, cs_resource_move);
}

static DWORD add_owner(cs_store *store, const char *res_id, const char *node_id)
{
    return cs_resource_add_owner(store, res_id, strtoul(node_id, NULL, 10));
}

static DWORD remove_owner(cs_store *store, const char *res_id, const char *node_id)
{
    return cs_resource_remove_owner(store, res_id, strtoul(node_id, NULL, 10));
}

DWORD WINAPI AddClusterResourceNode(HRESOURCE hResource, HNODE hNode)
{
    TRACE("(%p, %p)\n", hResource, hNode);
    return object_pair(hResource, hNode, HANDLE_NODE, add_owner);
}

DWORD WINAPI RemoveClusterResourceNode(HRESOURCE hResource, HNODE hNode)
{
    TRACE("(%p, %p)\n", hResource, hNode);
    return object_pair(hResource, hNode, HANDLE_NODE, remove_owner);
}

/* The Name of the first Network Name found among the resources res depends
 * on, nearest first; *found = FALSE if there is none. */
static DWORD find_network_name(cs_store *store, const char *res_id, int depth, char **name, BOOL *found)
{
    cs_resource *providers = NULL;
    size_t n = 0, i;
    DWORD err;

    if (depth > MAX_DEPTH) return ERROR_SUCCESS;
    if ((err = cs_resource_list_dependencies(store, res_id, &providers, &n))) return err;
    for (i = 0; i < n && !*found && !err; i++)
    {
        uint32_t format;
        size_t size;

        if (strcmp(providers[i].type, "Network Name")) continue;
        *found = TRUE;
        if (!(err = cs_resource_get_property(store, providers[i].id, "Name", &format, (void **)name, &size)) &&
            (format != CS_PROP_SZ || !size))
            err = ERROR_INVALID_DATA;
    }
    for (i = 0; i < n && !*found && !err; i++) err = find_network_name(store, providers[i].id, depth + 1, name, found);
    cs_free(providers);
    return err;
}

BOOL WINAPI GetClusterResourceNetworkName(HRESOURCE hResource, LPWSTR lpBuffer, LPDWORD nSize)
{
    struct handle_data data;
    cs_store *store;
    char *name = NULL;
    BOOL found = FALSE;
    DWORD err;

    TRACE("(%p, %p, %p)\n", hResource, lpBuffer, nSize);

    if (!handle_get(hResource, HANDLE_RESOURCE, &data)) err = ERROR_INVALID_HANDLE;
    else if (!nSize) err = ERROR_INVALID_PARAMETER;
    else if ((store = session_enter(&err)))
    {
        if (!(err = find_network_name(store, data.id, 0, &name, &found)) && !found) err = ERROR_DEPENDENCY_NOT_FOUND;
        session_leave();
    }
    if (!err) err = copy_name_out(name, lpBuffer, nSize);
    cs_free(name);
    SetLastError(err);
    return !err;
}

/*
 * ClusterOpenEnum and friends: the cluster's nodes, resource types,
 * resources and groups by name.  We model no networks, so those masks are
 * accepted and enumerate nothing.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD fill_cluster(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_node *nodes = NULL;
    cs_restype *types = NULL;
    cs_resource *resources = NULL;
    cs_group *groups = NULL;
    DWORD err = ERROR_SUCCESS;
    size_t n = 0;

    (void)id;
    if (mask & CLUSTER_ENUM_NODE)
        err = ENUM_TAKE(list, CLUSTER_ENUM_NODE, cs_node_list(store, &nodes, &n), nodes, n);
    if (!err && (mask & CLUSTER_ENUM_RESTYPE))
        err = ENUM_TAKE(list, CLUSTER_ENUM_RESTYPE, cs_restype_list(store, &types, &n), types, n);
    if (!err && (mask & CLUSTER_ENUM_RESOURCE))
        err = ENUM_TAKE(list, CLUSTER_ENUM_RESOURCE, cs_resource_list(store, NULL, &resources, &n), resources, n);
    if (!err && (mask & CLUSTER_ENUM_GROUP))
        err = ENUM_TAKE(list, CLUSTER_ENUM_GROUP, cs_group_list(store, &groups, &n), groups, n);
    return err;
}

HCLUSENUM WINAPI ClusterOpenEnum(HCLUSTER hCluster, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hCluster, dwType);
    return object_open_enum(hCluster, HANDLE_CLUSTER, HANDLE_CLUSENUM, dwType, CLUSTER_ENUM_ALL, fill_cluster);
}

DWORD WINAPI ClusterGetEnumCount(HCLUSENUM hEnum)
{
    TRACE("(%p)\n", hEnum);
    return object_enum_count(hEnum, HANDLE_CLUSENUM);
}

DWORD WINAPI ClusterEnum(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hEnum, dwIndex, lpdwType, lpszName, lpcchName);
    return object_enum(hEnum, HANDLE_CLUSENUM, dwIndex, lpdwType, lpszName, lpcchName);
}

DWORD WINAPI ClusterCloseEnum(HCLUSENUM hEnum)
{
    TRACE("(%p)\n", hEnum);
    return object_close_enum(hEnum, HANDLE_CLUSENUM) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

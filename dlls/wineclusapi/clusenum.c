/*
 * ClusterOpenEnum and friends: the cluster's nodes, resource types,
 * resources, groups, networks and network interfaces by name.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

/* The networks, and (CLUSTER_ENUM_INTERNAL_NETWORK) those for the nodes' own
 * traffic, highest priority first. */
static DWORD add_networks(cs_store *store, DWORD mask, struct enum_list *list)
{
    static const DWORD types[] = { CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_INTERNAL_NETWORK };
    cs_network *nets = NULL;
    size_t n = 0, i, t;
    DWORD err;

    if ((err = cs_network_list(store, &nets, &n))) return err;
    for (t = 0; t < ARRAY_SIZE(types); t++)
        for (i = 0; !err && (mask & types[t]) && i < n; i++)
            if (types[t] == CLUSTER_ENUM_NETWORK || (nets[i].role & ClusterNetworkRoleInternalUse))
                if (!enum_list_add(list, types[t], nets[i].name)) err = ERROR_NOT_ENOUGH_MEMORY;
    cs_free(nets);
    return err;
}

static DWORD fill_cluster(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_node *nodes = NULL;
    cs_restype *types = NULL;
    cs_resource *resources = NULL;
    cs_group *groups = NULL;
    cs_netif *ifs = NULL;
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
    if (!err && (mask & (CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_INTERNAL_NETWORK)))
        err = add_networks(store, mask, list);
    if (!err && (mask & CLUSTER_ENUM_NETINTERFACE))
        err = ENUM_TAKE(list, CLUSTER_ENUM_NETINTERFACE, cs_netif_list(store, NULL, 0, &ifs, &n), ifs, n);
    return err;
}

HCLUSENUM WINAPI ClusterOpenEnum(HCLUSTER hCluster, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hCluster, dwType);
    return object_open_enum(hCluster, HANDLE_CLUSTER, HANDLE_CLUSENUM, dwType,
                            CLUSTER_ENUM_ALL | CLUSTER_ENUM_INTERNAL_NETWORK, fill_cluster);
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

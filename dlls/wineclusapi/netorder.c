/*
 * SetClusterNetworkPriorityOrder: the order in which the nodes use the
 * networks for their own traffic.  Microsoft's reference: the list holds
 * every network for internal use, and only those, highest priority first.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD set_order(cs_store *store, DWORD count, const char (*ids)[CS_GUID_MAX], const char **order)
{
    cs_network *nets = NULL, net;
    size_t n = 0, i, internal = 0;
    DWORD err, k;

    for (k = 0; k < count; k++)
    {
        if ((err = cs_network_find(store, ids[k], &net))) return err;
        if (!(net.role & ClusterNetworkRoleInternalUse)) return ERROR_INVALID_PARAMETER;
        order[k] = ids[k];
    }
    if ((err = cs_network_list(store, &nets, &n))) return err;
    for (i = 0; i < n; i++) internal += !!(nets[i].role & ClusterNetworkRoleInternalUse);
    cs_free(nets);
    /* The store refuses a network listed twice. */
    if (internal != count) return ERROR_INVALID_PARAMETER;
    return cs_network_set_order(store, order, count);
}

DWORD WINAPI SetClusterNetworkPriorityOrder(HCLUSTER hCluster, DWORD NetworkCount, HNETWORK *NetworkList)
{
    char (*ids)[CS_GUID_MAX] = NULL;
    const char **order = NULL;
    struct handle_data data;
    cs_store *store;
    DWORD err = ERROR_SUCCESS, k;

    TRACE("(%p, %u, %p)\n", hCluster, NetworkCount, NetworkList);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (NetworkCount && !NetworkList) return ERROR_INVALID_PARAMETER;
    if (NetworkCount > 0xffff) return ERROR_INVALID_PARAMETER; /* more than any cluster has */
    if (!(ids = HeapAlloc(GetProcessHeap(), 0, (NetworkCount + 1) * sizeof(*ids))) ||
        !(order = HeapAlloc(GetProcessHeap(), 0, (NetworkCount + 1) * sizeof(*order))))
        err = ERROR_NOT_ENOUGH_MEMORY;
    for (k = 0; !err && k < NetworkCount; k++)
    {
        if (!handle_get(NetworkList[k], HANDLE_NETWORK, &data)) err = ERROR_INVALID_HANDLE;
        else lstrcpynA(ids[k], data.id, CS_GUID_MAX);
    }
    if (!err && (store = session_enter(&err)))
    {
        err = set_order(store, NetworkCount, (const char (*)[CS_GUID_MAX])ids, order);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, ids);
    HeapFree(GetProcessHeap(), 0, order);
    return err;
}

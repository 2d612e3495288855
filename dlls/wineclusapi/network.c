/*
 * Networks: the IPv4 subnets the nodes' hosts are on, recorded by the store
 * as each node joins.  Without live monitoring a recorded network is up.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD lookup_network(cs_store *store, const char *name, char *id)
{
    cs_network net;
    DWORD err = cs_network_find(store, name, &net);

    if (!err) strcpy(id, net.id);
    return err;
}

HNETWORK WINAPI OpenClusterNetwork(HCLUSTER hCluster, LPCWSTR lpszNetworkName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszNetworkName));
    return object_open(hCluster, lpszNetworkName, HANDLE_NETWORK, lookup_network);
}

BOOL WINAPI CloseClusterNetwork(HNETWORK hNetwork)
{
    TRACE("(%p)\n", hNetwork);
    return object_close(hNetwork, HANDLE_NETWORK);
}

HCLUSTER WINAPI GetClusterFromNetwork(HNETWORK hNetwork)
{
    TRACE("(%p)\n", hNetwork);
    return object_cluster(hNetwork, HANDLE_NETWORK);
}

static DWORD fill_network(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_netif *ifs = NULL;
    size_t n = 0;

    (void)mask;
    return ENUM_TAKE(list, CLUSTER_NETWORK_ENUM_NETINTERFACES, cs_netif_list(store, id, 0, &ifs, &n), ifs, n);
}

HNETWORKENUM WINAPI ClusterNetworkOpenEnum(HNETWORK hNetwork, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hNetwork, dwType);
    return object_open_enum(hNetwork, HANDLE_NETWORK, HANDLE_NETWORKENUM, dwType, CLUSTER_NETWORK_ENUM_ALL,
                            fill_network);
}

DWORD WINAPI ClusterNetworkGetEnumCount(HNETWORKENUM hNetworkEnum)
{
    TRACE("(%p)\n", hNetworkEnum);
    return object_enum_count(hNetworkEnum, HANDLE_NETWORKENUM);
}

DWORD WINAPI ClusterNetworkEnum(HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hNetworkEnum, dwIndex, lpdwType, lpszName, lpcchName);
    return object_enum(hNetworkEnum, HANDLE_NETWORKENUM, dwIndex, lpdwType, lpszName, lpcchName);
}

DWORD WINAPI ClusterNetworkCloseEnum(HNETWORKENUM hNetworkEnum)
{
    TRACE("(%p)\n", hNetworkEnum);
    return object_close_enum(hNetworkEnum, HANDLE_NETWORKENUM) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

CLUSTER_NETWORK_STATE WINAPI GetClusterNetworkState(HNETWORK hNetwork)
{
    struct handle_data data;
    cs_network net;
    cs_store *store;
    DWORD err;

    TRACE("(%p)\n", hNetwork);

    if (!handle_get(hNetwork, HANDLE_NETWORK, &data)) err = ERROR_INVALID_HANDLE;
    else if ((store = session_enter(&err)))
    {
        err = cs_network_find(store, data.id, &net);
        session_leave();
    }
    if (!err) return ClusterNetworkUp;
    SetLastError(err);
    return ClusterNetworkStateUnknown;
}

DWORD WINAPI SetClusterNetworkName(HNETWORK hNetwork, LPCWSTR lpszName)
{
    struct handle_data data;
    cs_store *store;
    char *utf8;
    DWORD err;

    TRACE("(%p, %s)\n", hNetwork, debugstr_w(lpszName));

    if (!handle_get(hNetwork, HANDLE_NETWORK, &data)) return ERROR_INVALID_HANDLE;
    if (!lpszName || !*lpszName) return ERROR_INVALID_PARAMETER;
    if (!(utf8 = utf8_from_wide(lpszName))) return ERROR_NOT_ENOUGH_MEMORY;
    if ((store = session_enter(&err)))
    {
        err = cs_network_rename(store, data.id, utf8);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, utf8);
    return err;
}

DWORD WINAPI GetClusterNetworkId(HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchName)
{
    struct handle_data data;

    TRACE("(%p, %p, %p)\n", hNetwork, lpszNetworkId, lpcchName);

    if (!handle_get(hNetwork, HANDLE_NETWORK, &data)) return ERROR_INVALID_HANDLE;
    if (!lpcchName) return ERROR_INVALID_PARAMETER;
    return copy_name_out(data.id, lpszNetworkId, lpcchName);
}

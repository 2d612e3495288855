/*
 * Network interfaces: a node's address on a cluster network, one per
 * (node, network), recorded with the networks.  Without live monitoring a
 * recorded interface is up.
 */
#include <stdlib.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD lookup_netif(cs_store *store, const char *name, char *id)
{
    cs_netif netif;
    DWORD err = cs_netif_find(store, name, &netif);

    if (!err) strcpy(id, netif.id);
    return err;
}

HNETINTERFACE WINAPI OpenClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszInterfaceName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszInterfaceName));
    return object_open(hCluster, lpszInterfaceName, HANDLE_NETINTERFACE, lookup_netif);
}

BOOL WINAPI CloseClusterNetInterface(HNETINTERFACE hNetInterface)
{
    TRACE("(%p)\n", hNetInterface);
    return object_close(hNetInterface, HANDLE_NETINTERFACE);
}

HCLUSTER WINAPI GetClusterFromNetInterface(HNETINTERFACE hNetInterface)
{
    TRACE("(%p)\n", hNetInterface);
    return object_cluster(hNetInterface, HANDLE_NETINTERFACE);
}

CLUSTER_NETINTERFACE_STATE WINAPI GetClusterNetInterfaceState(HNETINTERFACE hNetInterface)
{
    struct handle_data data;
    cs_netif netif;
    cs_store *store;
    DWORD err;

    TRACE("(%p)\n", hNetInterface);

    if (!handle_get(hNetInterface, HANDLE_NETINTERFACE, &data)) err = ERROR_INVALID_HANDLE;
    else if ((store = session_enter(&err)))
    {
        err = cs_netif_find(store, data.id, &netif);
        session_leave();
    }
    if (!err) return ClusterNetInterfaceUp;
    SetLastError(err);
    return ClusterNetInterfaceStateUnknown;
}

/* The interface of a node (by name) on a network (by name). */
static DWORD find_interface(cs_store *store, const char *node_name, const char *network_name, cs_netif *out)
{
    cs_netif *ifs = NULL;
    cs_network net;
    cs_node node;
    size_t n = 0;
    DWORD err;

    if ((err = cs_node_find(store, node_name, &node)) || (err = cs_network_find(store, network_name, &net)) ||
        (err = cs_netif_list(store, net.id, node.id, &ifs, &n)))
        return err;
    if (n) *out = ifs[0];
    cs_free(ifs);
    return n ? ERROR_SUCCESS : ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
}

DWORD WINAPI GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                    LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName)
{
    char *node = NULL, *network = NULL;
    cs_netif netif;
    cs_store *store;
    DWORD err;

    TRACE("(%p, %s, %s, %p, %p)\n", hCluster, debugstr_w(lpszNodeName), debugstr_w(lpszNetworkName),
          lpszInterfaceName, lpcchInterfaceName);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!lpszNodeName || !lpszNetworkName || !lpcchInterfaceName) return ERROR_INVALID_PARAMETER;
    if (!(node = utf8_from_wide(lpszNodeName)) || !(network = utf8_from_wide(lpszNetworkName)))
        err = ERROR_NOT_ENOUGH_MEMORY;
    else if ((store = session_enter(&err)))
    {
        err = find_interface(store, node, network, &netif);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, node);
    HeapFree(GetProcessHeap(), 0, network);
    return err ? err : copy_name_out(netif.name, lpszInterfaceName, lpcchInterfaceName);
}

/*
 * Nodes: one per Wine prefix joined to the cluster.  A node is up while a
 * program of its prefix has the cluster open (the store's liveness lock),
 * unless it was paused.
 */
#include <stdio.h>
#include <stdlib.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD lookup_node(cs_store *store, const char *name, char *id)
{
    cs_node node;
    DWORD err = cs_node_find(store, name, &node);

    if (!err) sprintf(id, "%u", node.id);
    return err;
}

HNODE WINAPI OpenClusterNode(HCLUSTER hCluster, LPCWSTR lpszNodeName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszNodeName));
    return object_open(hCluster, lpszNodeName, HANDLE_NODE, lookup_node);
}

BOOL WINAPI CloseClusterNode(HNODE hNode)
{
    TRACE("(%p)\n", hNode);
    return object_close(hNode, HANDLE_NODE);
}

HCLUSTER WINAPI GetClusterFromNode(HNODE hNode)
{
    TRACE("(%p)\n", hNode);
    return object_cluster(hNode, HANDLE_NODE);
}

CLUSTER_NODE_STATE WINAPI GetClusterNodeState(HNODE hNode)
{
    struct handle_data data;
    cs_store *store;
    cs_node node;
    DWORD err;
    int up = 0;

    TRACE("(%p)\n", hNode);

    if (!handle_get(hNode, HANDLE_NODE, &data))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return ClusterNodeStateUnknown;
    }
    if (!(store = session_enter(&err)))
    {
        SetLastError(err);
        return ClusterNodeStateUnknown;
    }
    if (!(err = cs_node_get_by_id(store, strtoul(data.id, NULL, 10), &node)))
        err = cs_node_is_up(store, node.id, &up);
    session_leave();
    if (err)
    {
        SetLastError(err);
        return ClusterNodeStateUnknown;
    }
    if (!up) return ClusterNodeDown;
    return node.state == CS_NODE_PAUSED ? ClusterNodePaused : ClusterNodeUp;
}

DWORD WINAPI GetClusterNodeId(HNODE hNode, LPWSTR lpszNodeId, LPDWORD lpcchName)
{
    struct handle_data data;
    cs_store *store;
    DWORD err;

    TRACE("(%p, %p, %p)\n", hNode, lpszNodeId, lpcchName);

    if (!lpcchName) return ERROR_INVALID_PARAMETER;
    /* A NULL node means the node this program runs on. */
    if (!hNode)
    {
        if (!(store = session_enter(&err))) return err;
        err = lookup_node(store, session_node_name(), data.id);
        session_leave();
        if (err) return err;
    }
    else if (!handle_get(hNode, HANDLE_NODE, &data)) return ERROR_INVALID_HANDLE;
    return copy_name_out(data.id, lpszNodeId, lpcchName);
}

static DWORD fill_node(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_netif *ifs = NULL;
    size_t n = 0;

    (void)mask;
    return ENUM_TAKE(list, CLUSTER_NODE_ENUM_NETINTERFACES,
                     cs_netif_list(store, NULL, strtoul(id, NULL, 10), &ifs, &n), ifs, n);
}

HNODEENUM WINAPI ClusterNodeOpenEnum(HNODE hNode, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hNode, dwType);
    return object_open_enum(hNode, HANDLE_NODE, HANDLE_NODEENUM, dwType, CLUSTER_NODE_ENUM_ALL, fill_node);
}

DWORD WINAPI ClusterNodeGetEnumCount(HNODEENUM hNodeEnum)
{
    TRACE("(%p)\n", hNodeEnum);
    return object_enum_count(hNodeEnum, HANDLE_NODEENUM);
}

DWORD WINAPI ClusterNodeEnum(HNODEENUM hNodeEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hNodeEnum, dwIndex, lpdwType, lpszName, lpcchName);
    return object_enum(hNodeEnum, HANDLE_NODEENUM, dwIndex, lpdwType, lpszName, lpcchName);
}

DWORD WINAPI ClusterNodeCloseEnum(HNODEENUM hNodeEnum)
{
    TRACE("(%p)\n", hNodeEnum);
    return object_close_enum(hNodeEnum, HANDLE_NODEENUM) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

static DWORD set_paused(HNODE node, int paused)
{
    struct handle_data data;
    cs_store *store;
    DWORD err;

    if (!handle_get(node, HANDLE_NODE, &data)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    err = cs_node_set_paused(store, strtoul(data.id, NULL, 10), paused);
    session_leave();
    return err;
}

DWORD WINAPI PauseClusterNode(HNODE hNode)
{
    TRACE("(%p)\n", hNode);
    return set_paused(hNode, 1);
}

DWORD WINAPI ResumeClusterNode(HNODE hNode)
{
    TRACE("(%p)\n", hNode);
    return set_paused(hNode, 0);
}

DWORD WINAPI EvictClusterNode(HNODE hNode)
{
    struct handle_data data;
    cs_store *store;
    cs_node node;
    DWORD err;

    TRACE("(%p)\n", hNode);

    if (!handle_get(hNode, HANDLE_NODE, &data)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    if (!(err = cs_node_get_by_id(store, strtoul(data.id, NULL, 10), &node)))
        err = cs_node_remove(store, node.name);
    session_leave();
    return err;
}

/* Cleanup is what the evicted node's own cluster service does to leave the
 * cluster (on Windows, the ClusSvc of that node, reached over the network).
 * The store refuses to evict a node that is up, and a node that is down has
 * nothing running to clean up: the node's prefix keeps its settings, so the
 * eviction is always without cleanup, as EvictClusterNodeEx reports it. */
DWORD WINAPI EvictClusterNodeEx(HNODE hNode, DWORD dwTimeOut, HRESULT *phrCleanupStatus)
{
    DWORD err;

    TRACE("(%p, %u, %p)\n", hNode, dwTimeOut, phrCleanupStatus);

    if ((err = EvictClusterNode(hNode))) return err;
    if (phrCleanupStatus) *phrCleanupStatus = HRESULT_FROM_WIN32(ERROR_CLUSTER_NODE_DOWN);
    return ERROR_CLUSTER_EVICT_WITHOUT_CLEANUP;
}

/*
 * Groups: creating, deleting, opening and renaming them, their state and
 * owner, their preferred owners and the resources they contain.
 */
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD lookup_group(cs_store *store, const char *name, char *id)
{
    cs_group group;
    DWORD err = cs_group_find(store, name, &group);

    if (!err) strcpy(id, group.id);
    return err;
}

HGROUP WINAPI OpenClusterGroup(HCLUSTER hCluster, LPCWSTR lpszGroupName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszGroupName));
    return object_open(hCluster, lpszGroupName, HANDLE_GROUP, lookup_group);
}

BOOL WINAPI CloseClusterGroup(HGROUP hGroup)
{
    TRACE("(%p)\n", hGroup);
    return object_close(hGroup, HANDLE_GROUP);
}

HCLUSTER WINAPI GetClusterFromGroup(HGROUP hGroup)
{
    TRACE("(%p)\n", hGroup);
    return object_cluster(hGroup, HANDLE_GROUP);
}

static DWORD create_group(cs_store *store, const char *name, char *id)
{
    cs_group group;
    cs_node node;
    DWORD err;

    /* A new group starts on the node that created it. */
    if (!(err = cs_node_find(store, session_node_name(), &node)) &&
        !(err = cs_group_create(store, name, node.id, &group)))
        strcpy(id, group.id);
    return err;
}

HGROUP WINAPI CreateClusterGroup(HCLUSTER hCluster, LPCWSTR lpszGroupName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszGroupName));
    return object_open(hCluster, lpszGroupName, HANDLE_GROUP, create_group);
}

DWORD WINAPI DeleteClusterGroup(HGROUP hGroup)
{
    struct handle_data data;
    cs_store *store;
    DWORD err;

    TRACE("(%p)\n", hGroup);

    if (!handle_get(hGroup, HANDLE_GROUP, &data)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    err = cs_group_delete(store, data.id);
    session_leave();
    return err;
}

CLUSTER_GROUP_STATE WINAPI GetClusterGroupState(HGROUP hGroup, LPWSTR lpszNodeName, LPDWORD lpcchNodeName)
{
    struct handle_data data;
    cs_store *store;
    cs_group group;
    cs_node node;
    DWORD err;

    TRACE("(%p, %p, %p)\n", hGroup, lpszNodeName, lpcchNodeName);

    if (!handle_get(hGroup, HANDLE_GROUP, &data)) err = ERROR_INVALID_HANDLE;
    else if ((store = session_enter(&err)))
    {
        if (!(err = cs_group_find(store, data.id, &group)))
            err = cs_node_get_by_id(store, group.owner_node, &node);
        session_leave();
    }
    if (!err && lpcchNodeName) err = copy_name_out(node.name, lpszNodeName, lpcchNodeName);
    if (err)
    {
        SetLastError(err);
        return ClusterGroupStateUnknown;
    }
    return group.state;
}

DWORD WINAPI SetClusterGroupName(HGROUP hGroup, LPCWSTR lpszGroupName)
{
    struct handle_data data;
    cs_store *store;
    char *name;
    DWORD err;

    TRACE("(%p, %s)\n", hGroup, debugstr_w(lpszGroupName));

    if (!handle_get(hGroup, HANDLE_GROUP, &data)) return ERROR_INVALID_HANDLE;
    if (!lpszGroupName || !*lpszGroupName) return ERROR_INVALID_PARAMETER;
    if (!(name = utf8_from_wide(lpszGroupName))) return ERROR_NOT_ENOUGH_MEMORY;
    if ((store = session_enter(&err)))
    {
        err = cs_group_rename(store, data.id, name);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, name);
    return err;
}

DWORD WINAPI SetClusterGroupNodeList(HGROUP hGroup, DWORD NodeCount, HNODE *NodeList)
{
    struct handle_data data, node;
    cs_store *store;
    uint32_t *ids;
    DWORD i, err;

    TRACE("(%p, %u, %p)\n", hGroup, NodeCount, NodeList);

    if (!handle_get(hGroup, HANDLE_GROUP, &data)) return ERROR_INVALID_HANDLE;
    if (NodeCount && !NodeList) return ERROR_INVALID_PARAMETER;
    if (!(ids = HeapAlloc(GetProcessHeap(), 0, (NodeCount + 1) * sizeof(*ids)))) return ERROR_NOT_ENOUGH_MEMORY;
    for (err = ERROR_SUCCESS, i = 0; !err && i < NodeCount; i++)
    {
        if (handle_get(NodeList[i], HANDLE_NODE, &node)) ids[i] = strtoul(node.id, NULL, 10);
        else err = ERROR_INVALID_HANDLE;
    }
    if (!err && (store = session_enter(&err)))
    {
        err = cs_group_set_preferred(store, data.id, ids, NodeCount);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, ids);
    return err;
}

static DWORD fill_group(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_resource *arr = NULL;
    cs_node *nodes = NULL;
    size_t n = 0;
    DWORD err;

    if (mask & CLUSTER_GROUP_ENUM_CONTAINS &&
        (err = ENUM_TAKE(list, CLUSTER_GROUP_ENUM_CONTAINS, cs_resource_list(store, id, &arr, &n), arr, n)))
        return err;
    if (!(mask & CLUSTER_GROUP_ENUM_NODES)) return ERROR_SUCCESS;
    return ENUM_TAKE(list, CLUSTER_GROUP_ENUM_NODES, cs_group_list_preferred(store, id, &nodes, &n), nodes, n);
}

HGROUPENUM WINAPI ClusterGroupOpenEnum(HGROUP hGroup, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hGroup, dwType);
    return object_open_enum(hGroup, HANDLE_GROUP, HANDLE_GROUPENUM, dwType, CLUSTER_GROUP_ENUM_ALL, fill_group);
}

DWORD WINAPI ClusterGroupGetEnumCount(HGROUPENUM hGroupEnum)
{
    TRACE("(%p)\n", hGroupEnum);
    return object_enum_count(hGroupEnum, HANDLE_GROUPENUM);
}

DWORD WINAPI ClusterGroupEnum(HGROUPENUM hGroupEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszResourceName,
                              LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hGroupEnum, dwIndex, lpdwType, lpszResourceName, lpcchName);
    return object_enum(hGroupEnum, HANDLE_GROUPENUM, dwIndex, lpdwType, lpszResourceName, lpcchName);
}

DWORD WINAPI ClusterGroupCloseEnum(HGROUPENUM hGroupEnum)
{
    TRACE("(%p)\n", hGroupEnum);
    return object_close_enum(hGroupEnum, HANDLE_GROUPENUM) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

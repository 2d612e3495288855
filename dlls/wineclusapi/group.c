/*
 * Groups: creating, deleting, opening them, their state and owner, and the
 * resources they contain.
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

static DWORD fill_group(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_resource *arr = NULL;
    size_t n = 0;

    /* Preferred owners (CLUSTER_GROUP_ENUM_NODES) are not modelled: none. */
    if (!(mask & CLUSTER_GROUP_ENUM_CONTAINS)) return ERROR_SUCCESS;
    return ENUM_TAKE(list, CLUSTER_GROUP_ENUM_CONTAINS, cs_resource_list(store, id, &arr, &n), arr, n);
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

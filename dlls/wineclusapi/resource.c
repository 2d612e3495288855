/*
 * Resources: creating, deleting, opening them, their state, and what they
 * depend on.  Control codes are in control.c.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD lookup_resource(cs_store *store, const char *name, char *id)
{
    cs_resource res;
    DWORD err = cs_resource_find(store, name, &res);

    if (!err) strcpy(id, res.id);
    return err;
}

HRESOURCE WINAPI OpenClusterResource(HCLUSTER hCluster, LPCWSTR lpszResourceName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszResourceName));
    return object_open(hCluster, lpszResourceName, HANDLE_RESOURCE, lookup_resource);
}

BOOL WINAPI CloseClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    return object_close(hResource, HANDLE_RESOURCE);
}

HCLUSTER WINAPI GetClusterFromResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    return object_cluster(hResource, HANDLE_RESOURCE);
}

DWORD WINAPI SetClusterResourceName(HRESOURCE hResource, LPCWSTR lpszResourceName)
{
    struct handle_data data;
    cs_store *store;
    char *name;
    DWORD err;

    TRACE("(%p, %s)\n", hResource, debugstr_w(lpszResourceName));

    if (!handle_get(hResource, HANDLE_RESOURCE, &data)) return ERROR_INVALID_HANDLE;
    /* [MS-CMRP] ApiSetResourceName: a name needs at least one character. */
    if (!lpszResourceName || !*lpszResourceName) return ERROR_INVALID_NAME;
    if (!(name = utf8_from_wide(lpszResourceName))) return ERROR_NOT_ENOUGH_MEMORY;
    if ((store = session_enter(&err)))
    {
        err = cs_resource_rename(store, data.id, name);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, name);
    /* [MS-CMRP] ApiSetResourceName answers a name in use with this code,
     * not with the one creating a resource gets. */
    return err == ERROR_OBJECT_ALREADY_EXISTS ? ERROR_ALREADY_EXISTS : err;
}

HRESOURCE WINAPI CreateClusterResource(HGROUP hGroup, LPCWSTR lpszResourceName, LPCWSTR lpszResourceType,
                                       DWORD dwFlags)
{
    struct handle_data group, data = { 0 };
    cs_resource res;
    cs_store *store;
    char *name = NULL, *type = NULL;
    DWORD err;

    TRACE("(%p, %s, %s, %#x)\n", hGroup, debugstr_w(lpszResourceName), debugstr_w(lpszResourceType), dwFlags);

    if (!handle_get(hGroup, HANDLE_GROUP, &group)) err = ERROR_INVALID_HANDLE;
    else if (!lpszResourceName || !*lpszResourceName || !lpszResourceType || !*lpszResourceType ||
             (dwFlags & ~CLUSTER_RESOURCE_SEPARATE_MONITOR))
        err = ERROR_INVALID_PARAMETER;
    else if (!(name = utf8_from_wide(lpszResourceName)) || !(type = utf8_from_wide(lpszResourceType)))
        err = ERROR_NOT_ENOUGH_MEMORY;
    else if ((store = session_enter(&err)))
    {
        if (!(err = cs_resource_create(store, name, type, group.id, &res))) strcpy(data.id, res.id);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, name);
    HeapFree(GetProcessHeap(), 0, type);
    if (err)
    {
        SetLastError(err);
        return NULL;
    }
    return handle_alloc(HANDLE_RESOURCE, handle_parent(hGroup, HANDLE_GROUP), &data);
}

DWORD WINAPI DeleteClusterResource(HRESOURCE hResource)
{
    struct handle_data data;
    cs_store *store;
    DWORD err;

    TRACE("(%p)\n", hResource);

    if (!handle_get(hResource, HANDLE_RESOURCE, &data)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    err = cs_resource_delete(store, data.id);
    session_leave();
    return err;
}

CLUSTER_RESOURCE_STATE WINAPI GetClusterResourceState(HRESOURCE hResource, LPWSTR lpszNodeName,
                                                      LPDWORD lpcchNodeName, LPWSTR lpszGroupName,
                                                      LPDWORD lpcchGroupName)
{
    struct handle_data data;
    cs_resource res;
    cs_store *store;
    cs_node node;
    DWORD err;

    TRACE("(%p, %p, %p, %p, %p)\n", hResource, lpszNodeName, lpcchNodeName, lpszGroupName, lpcchGroupName);

    if (!handle_get(hResource, HANDLE_RESOURCE, &data)) err = ERROR_INVALID_HANDLE;
    else if ((store = session_enter(&err)))
    {
        if (!(err = cs_resource_find(store, data.id, &res)))
            err = cs_node_get_by_id(store, res.owner_node, &node);
        session_leave();
    }
    /* Both name buffers are optional; a short one fails the whole call. */
    if (!err && lpcchNodeName) err = copy_name_out(node.name, lpszNodeName, lpcchNodeName);
    if (!err && lpcchGroupName) err = copy_name_out(res.group, lpszGroupName, lpcchGroupName);
    if (err)
    {
        SetLastError(err);
        return ClusterResourceStateUnknown;
    }
    return res.state;
}

static DWORD fill_resource(cs_store *store, const char *id, DWORD mask, struct enum_list *list)
{
    cs_resource *depends = NULL, *provides = NULL;
    cs_node *owners = NULL;
    DWORD err = ERROR_SUCCESS;
    size_t n = 0;

    if (mask & CLUSTER_RESOURCE_ENUM_DEPENDS)
        err = ENUM_TAKE(list, CLUSTER_RESOURCE_ENUM_DEPENDS,
                        cs_resource_list_dependencies(store, id, &depends, &n), depends, n);
    if (!err && (mask & CLUSTER_RESOURCE_ENUM_PROVIDES))
        err = ENUM_TAKE(list, CLUSTER_RESOURCE_ENUM_PROVIDES,
                        cs_resource_list_dependents(store, id, &provides, &n), provides, n);
    if (!err && (mask & CLUSTER_RESOURCE_ENUM_NODES))
        err = ENUM_TAKE(list, CLUSTER_RESOURCE_ENUM_NODES, cs_resource_list_owners(store, id, &owners, &n), owners, n);
    return err;
}

HRESENUM WINAPI ClusterResourceOpenEnum(HRESOURCE hResource, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hResource, dwType);
    return object_open_enum(hResource, HANDLE_RESOURCE, HANDLE_RESENUM, dwType, CLUSTER_RESOURCE_ENUM_ALL,
                            fill_resource);
}

DWORD WINAPI ClusterResourceGetEnumCount(HRESENUM hResEnum)
{
    TRACE("(%p)\n", hResEnum);
    return object_enum_count(hResEnum, HANDLE_RESENUM);
}

DWORD WINAPI ClusterResourceEnum(HRESENUM hResEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                 LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hResEnum, dwIndex, lpdwType, lpszName, lpcchName);
    return object_enum(hResEnum, HANDLE_RESENUM, dwIndex, lpdwType, lpszName, lpcchName);
}

DWORD WINAPI ClusterResourceCloseEnum(HRESENUM hResEnum)
{
    TRACE("(%p)\n", hResEnum);
    return object_close_enum(hResEnum, HANDLE_RESENUM) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

/*
 * Resource types as objects of the cluster: creating and deleting them, and
 * enumerating the nodes that can host one and the resources of one.
 */
#include <string.h>
#include <strings.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

/* The names given, as UTF-8 (NULL and 87 for a missing or empty one). */
static DWORD names_in(const WCHAR **in, char **out, size_t n)
{
    size_t i;

    memset(out, 0, n * sizeof(*out));
    for (i = 0; i < n; i++)
    {
        if (!in[i] || !*in[i]) return ERROR_INVALID_PARAMETER;
        if (!(out[i] = utf8_from_wide(in[i]))) return ERROR_NOT_ENOUGH_MEMORY;
    }
    return ERROR_SUCCESS;
}

static void names_free(char **names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) HeapFree(GetProcessHeap(), 0, names[i]);
}

DWORD WINAPI CreateClusterResourceType(HCLUSTER hCluster, LPCWSTR lpszResourceTypeName,
                                       LPCWSTR lpszDisplayName, LPCWSTR lpszResourceTypeDll,
                                       DWORD dwLooksAlivePollInterval, DWORD dwIsAlivePollInterval)
{
    const WCHAR *in[3] = { lpszResourceTypeName, lpszDisplayName, lpszResourceTypeDll };
    char *names[3];
    cs_store *store;
    DWORD err;

    TRACE("(%p, %s, %s, %s, %u, %u)\n", hCluster, debugstr_w(lpszResourceTypeName),
          debugstr_w(lpszDisplayName), debugstr_w(lpszResourceTypeDll), dwLooksAlivePollInterval,
          dwIsAlivePollInterval);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!(err = names_in(in, names, ARRAY_SIZE(names))) && (store = session_enter(&err)))
    {
        err = cs_restype_create(store, names[0], names[1], names[2], dwLooksAlivePollInterval,
                                dwIsAlivePollInterval);
        session_leave();
    }
    names_free(names, ARRAY_SIZE(names));
    return err;
}

DWORD WINAPI DeleteClusterResourceType(HCLUSTER hCluster, LPCWSTR lpszResourceTypeName)
{
    char *name = NULL;
    cs_store *store;
    DWORD err;

    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszResourceTypeName));

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!(err = names_in(&lpszResourceTypeName, &name, 1)) && (store = session_enter(&err)))
    {
        err = cs_restype_delete(store, name);
        session_leave();
    }
    names_free(&name, 1);
    return err;
}

/* Every node can host every type: the store does not record on which nodes
 * a type's DLL is installed. */
static DWORD fill_type(cs_store *store, const char *name, DWORD mask, struct enum_list *list)
{
    cs_node *nodes = NULL;
    cs_resource *resources = NULL;
    cs_restype type;
    DWORD err;
    size_t n = 0, i;

    if ((err = cs_restype_find(store, name, &type))) return err;
    if (mask & CLUSTER_RESOURCE_TYPE_ENUM_NODES &&
        (err = ENUM_TAKE(list, CLUSTER_RESOURCE_TYPE_ENUM_NODES, cs_node_list(store, &nodes, &n), nodes, n)))
        return err;
    if (!(mask & CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES)) return ERROR_SUCCESS;
    if ((err = cs_resource_list(store, NULL, &resources, &n))) return err;
    for (i = 0; !err && i < n; i++)
        if (!strcasecmp(resources[i].type, type.name) &&
            !enum_list_add(list, CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, resources[i].name))
            err = ERROR_NOT_ENOUGH_MEMORY;
    cs_free(resources);
    return err;
}

HRESTYPEENUM WINAPI ClusterResourceTypeOpenEnum(HCLUSTER hCluster, LPCWSTR lpszResourceTypeName, DWORD dwType)
{
    HRESTYPEENUM ret = NULL;
    char *name = NULL;
    DWORD err;

    TRACE("(%p, %s, %#x)\n", hCluster, debugstr_w(lpszResourceTypeName), dwType);

    /* Other bits of dwType are ignored, as [MS-CMRP] ApiCreateResTypeEnum
     * says; Server 2003 knows only CLUSTER_RESOURCE_TYPE_ENUM_NODES, the
     * resources of a type came with Server 2008 R2. */
    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) err = ERROR_INVALID_HANDLE;
    else if (!(err = names_in(&lpszResourceTypeName, &name, 1)))
    {
        ret = enum_open(hCluster, name, HANDLE_RESTYPEENUM, dwType, fill_type);
        err = GetLastError();
    }
    names_free(&name, 1);
    if (!ret) SetLastError(err);
    return ret;
}

DWORD WINAPI ClusterResourceTypeGetEnumCount(HRESTYPEENUM hResTypeEnum)
{
    TRACE("(%p)\n", hResTypeEnum);
    return object_enum_count(hResTypeEnum, HANDLE_RESTYPEENUM);
}

DWORD WINAPI ClusterResourceTypeEnum(HRESTYPEENUM hResTypeEnum, DWORD dwIndex, LPDWORD lpdwType,
                                     LPWSTR lpszName, LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hResTypeEnum, dwIndex, lpdwType, lpszName, lpcchName);
    return object_enum(hResTypeEnum, HANDLE_RESTYPEENUM, dwIndex, lpdwType, lpszName, lpcchName);
}

DWORD WINAPI ClusterResourceTypeCloseEnum(HRESTYPEENUM hResTypeEnum)
{
    TRACE("(%p)\n", hResTypeEnum);
    return object_close_enum(hResTypeEnum, HANDLE_RESTYPEENUM) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

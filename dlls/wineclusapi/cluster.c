/*
 * The cluster object: opening and closing it, its name and version, its
 * quorum, and a node's cluster state.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

/* Is `value` the private property `prop` (a string) of some resource of `type`? */
static BOOL resource_value_is(cs_store *store, const char *type, const char *prop, const char *value)
{
    cs_resource *res = NULL;
    size_t n = 0, i, size;
    uint32_t format;
    char *data;
    BOOL found = FALSE;

    if (cs_resource_list(store, NULL, &res, &n)) return FALSE;
    for (i = 0; i < n && !found; i++)
    {
        if (strcmp(res[i].type, type) || cs_resource_get_property(store, res[i].id, prop, &format, (void **)&data, &size))
            continue;
        found = format == CS_PROP_SZ && !lstrcmpiA(data, value);   /* the store ends every value with a NUL */
        cs_free(data);
    }
    cs_free(res);
    return found;
}

/* A name that reaches a node's cluster service on Windows, by NetBIOS: the
 * cluster's, a node's, a Network Name resource's; or by address: an IP
 * Address resource's. */
static BOOL names_host(cs_store *store, const char *name)
{
    cs_cluster cluster;
    cs_node node;

    if (!cs_cluster_get(store, &cluster) && !lstrcmpiA(cluster.name, name)) return TRUE;
    if (!cs_node_find(store, name, &node)) return TRUE;
    return resource_value_is(store, "Network Name", "Name", name) ||
           resource_value_is(store, "IP Address", "Address", name);
}

/* Any of those, or a DNS name whose first label is one: the store knows no
 * DNS domains, so the rest of the name is not checked (docs/api.md). */
BOOL cluster_name_matches(cs_store *store, const char *name)
{
    const char *dot = strchr(name, '.');
    char label[CS_NAME_MAX];

    if (names_host(store, name)) return TRUE;
    if (!dot || dot == name || dot - name >= (ptrdiff_t)sizeof(label)) return FALSE;
    memcpy(label, name, dot - name);
    label[dot - name] = 0;
    return names_host(store, label);
}

HCLUSTER WINAPI OpenCluster(LPCWSTR lpszClusterName)
{
    struct handle_data data = { 0 };
    cs_store *store;
    char *name = NULL;
    DWORD err = ERROR_SUCCESS;
    HCLUSTER ret;

    TRACE("(%s)\n", debugstr_w(lpszClusterName));

    if (!(store = session_enter(&err)))
    {
        SetLastError(err);
        return NULL;
    }
    if (lpszClusterName && *lpszClusterName)
    {
        if (!(name = utf8_from_wide(lpszClusterName))) err = ERROR_NOT_ENOUGH_MEMORY;
        /* An unknown name is a machine with no cluster service to answer. */
        else if (!cluster_name_matches(store, name)) err = RPC_S_SERVER_UNAVAILABLE;
    }
    session_leave();
    HeapFree(GetProcessHeap(), 0, name);
    if (err)
    {
        SetLastError(err);
        return NULL;
    }
    if ((ret = handle_alloc(HANDLE_CLUSTER, NULL, &data))) SetLastError(ERROR_SUCCESS);
    return ret;
}

BOOL WINAPI CloseCluster(HCLUSTER hCluster)
{
    TRACE("(%p)\n", hCluster);

    if (!handle_close(hCluster, HANDLE_CLUSTER))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

DWORD WINAPI GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
                                   LPCLUSTERVERSIONINFO lpClusterInfo)
{
    cs_cluster cluster;
    cs_store *store;
    DWORD err;

    TRACE("(%p, %p, %p, %p)\n", hCluster, lpszClusterName, lpcchClusterName, lpClusterInfo);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!lpcchClusterName) return ERROR_INVALID_PARAMETER;
    /* Programs written for NT4 pass the structure without its last four members. */
    if (lpClusterInfo && lpClusterInfo->dwVersionInfoSize < sizeof(CLUSTERVERSIONINFO_NT4))
        return ERROR_INVALID_PARAMETER;
    if (!(store = session_enter(&err))) return err;
    err = cs_cluster_get(store, &cluster);
    session_leave();
    if (err) return err;

    if (lpClusterInfo)
    {
        lpClusterInfo->MajorVersion = cluster.major_version;
        lpClusterInfo->MinorVersion = cluster.minor_version;
        lpClusterInfo->BuildNumber = cluster.build_number;
        lstrcpyW(lpClusterInfo->szVendorId, L"Microsoft");
        MultiByteToWideChar(CP_UTF8, 0, cluster.csd_version, -1, lpClusterInfo->szCSDVersion,
                            ARRAY_SIZE(lpClusterInfo->szCSDVersion));
        lpClusterInfo->szCSDVersion[ARRAY_SIZE(lpClusterInfo->szCSDVersion) - 1] = 0;
    }
    if (lpClusterInfo && lpClusterInfo->dwVersionInfoSize >= sizeof(*lpClusterInfo))
    {
        lpClusterInfo->dwClusterHighestVersion = cluster.highest_version;
        lpClusterInfo->dwClusterLowestVersion = cluster.lowest_version;
        lpClusterInfo->dwFlags = cluster.highest_version != cluster.lowest_version
                               ? CLUSTER_VERSION_FLAG_MIXED_MODE : 0;
        lpClusterInfo->dwReserved = 0;
    }
    return copy_name_out(cluster.name, lpszClusterName, lpcchClusterName);
}

DWORD WINAPI SetClusterName(HCLUSTER hCluster, LPCWSTR lpszNewClusterName)
{
    cs_store *store;
    char *name;
    DWORD err;

    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszNewClusterName));

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!lpszNewClusterName || !*lpszNewClusterName) return ERROR_INVALID_NAME;
    /* [MS-CMRP] ApiSetClusterName (Server 2003's protocol version 2): at most
     * 15 characters and the NUL. */
    if (lstrlenW(lpszNewClusterName) > 15) return RPC_S_STRING_TOO_LONG;
    if (!(name = utf8_from_wide(lpszNewClusterName))) return ERROR_NOT_ENOUGH_MEMORY;
    if ((store = session_enter(&err)))
    {
        err = cs_cluster_rename(store, name);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, name);
    /* Windows stores the name at once and uses it when the cluster's Network
     * Name next comes online; with no resource monitor here the store's name
     * is the one every call answers with at once.  Either way the caller is
     * told the change is stored, as documented. */
    return err ? err : ERROR_RESOURCE_PROPERTIES_STORED;
}

DWORD WINAPI GetClusterQuorumResource(HCLUSTER hCluster, LPWSTR lpszResourceName, LPDWORD lpcchResourceName,
                                      LPWSTR lpszDeviceName, LPDWORD lpcchDeviceName, LPDWORD lpdwMaxQuorumLogSize)
{
    cs_cluster cluster;
    cs_resource res;
    cs_store *store;
    DWORD err, err2;

    TRACE("(%p, %p, %p, %p, %p, %p)\n", hCluster, lpszResourceName, lpcchResourceName,
          lpszDeviceName, lpcchDeviceName, lpdwMaxQuorumLogSize);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!lpcchResourceName || !lpcchDeviceName || !lpdwMaxQuorumLogSize) return ERROR_INVALID_PARAMETER;
    if (!(store = session_enter(&err))) return err;
    if (!(err = cs_cluster_get(store, &cluster)))
        err = cs_resource_find(store, cluster.quorum_resource, &res);
    session_leave();
    if (err) return err;

    *lpdwMaxQuorumLogSize = cluster.max_log_size;
    err = copy_name_out(res.name, lpszResourceName, lpcchResourceName);
    err2 = copy_name_out(cluster.quorum_path, lpszDeviceName, lpcchDeviceName);
    return err ? err : err2;
}

/* "Q:" and "Q:\" mean the MSCS folder of that drive; other paths are kept,
 * with the trailing backslash the quorum path always carries. */
static char *quorum_path_from(const WCHAR *device)
{
    size_t len = lstrlenW(device);
    WCHAR *full;
    char *ret;

    if (!(full = HeapAlloc(GetProcessHeap(), 0, (len + 8) * sizeof(WCHAR)))) return NULL;
    lstrcpyW(full, device);
    if ((len == 2 || (len == 3 && device[2] == '\\')) && device[1] == ':')
        lstrcpyW(full + 2, L"\\MSCS\\");
    else if (device[len - 1] != '\\')
        lstrcatW(full, L"\\");
    ret = utf8_from_wide(full);
    HeapFree(GetProcessHeap(), 0, full);
    return ret;
}

DWORD WINAPI SetClusterQuorumResource(HRESOURCE hResource, LPCWSTR lpszDeviceName, DWORD dwMaxQuoLogSize)
{
    struct handle_data res;
    cs_cluster cluster;
    cs_store *store;
    char *path = NULL;
    DWORD err;

    TRACE("(%p, %s, %u)\n", hResource, debugstr_w(lpszDeviceName), dwMaxQuoLogSize);

    if (!handle_get(hResource, HANDLE_RESOURCE, &res)) return ERROR_INVALID_HANDLE;
    if (lpszDeviceName && *lpszDeviceName && !(path = quorum_path_from(lpszDeviceName)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if (!(store = session_enter(&err)))
    {
        HeapFree(GetProcessHeap(), 0, path);
        return err;
    }
    if (!(err = cs_cluster_get(store, &cluster)))
        err = cs_quorum_set(store, res.id, path ? path : cluster.quorum_path,
                            dwMaxQuoLogSize ? dwMaxQuoLogSize : CS_QUORUM_LOG_DEFAULT);
    session_leave();
    HeapFree(GetProcessHeap(), 0, path);
    return err;
}

DWORD WINAPI GetNodeClusterState(LPCWSTR lpszNodeName, LPDWORD pdwClusterState)
{
    cs_store *store;
    cs_node node;
    char *name = NULL;
    DWORD err = ERROR_SUCCESS;
    int up = 0;

    TRACE("(%s, %p)\n", debugstr_w(lpszNodeName), pdwClusterState);

    if (!pdwClusterState) return ERROR_INVALID_PARAMETER;
    if (lpszNodeName && *lpszNodeName && !(name = utf8_from_wide(lpszNodeName))) return ERROR_NOT_ENOUGH_MEMORY;
    if (!(store = session_enter(&err)))
    {
        HeapFree(GetProcessHeap(), 0, name);
        /* The local machine is simply not a configured node of any cluster. */
        if (!name && err == RPC_S_SERVER_UNAVAILABLE)
        {
            *pdwClusterState = ClusterStateNotConfigured;
            return ERROR_SUCCESS;
        }
        return err;
    }
    if (!(err = cs_node_find(store, name ? name : session_node_name(), &node)))
        err = cs_node_is_up(store, node.id, &up);
    session_leave();
    HeapFree(GetProcessHeap(), 0, name);
    if (err == CS_ERROR_CLUSTER_NODE_NOT_FOUND) return RPC_S_SERVER_UNAVAILABLE;
    if (err) return err;
    *pdwClusterState = up ? ClusterStateRunning : ClusterStateNotRunning;
    return ERROR_SUCCESS;
}

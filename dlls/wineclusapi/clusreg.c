/*
 * The cluster registry: keys (docs/cluster-registry.md).
 *
 * A cluster HKEY is a handle of our handle table, never a real registry
 * key: it keeps the key's path below the cluster root, and dies with its
 * cluster handle.  Every call goes to the store, so each process of each
 * node sees a change at once.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

BOOL clusreg_key_path(HKEY key, char *path)
{
    struct handle_data data;

    if (!handle_get(key, HANDLE_KEY, &data)) return FALSE;
    strcpy(path, data.id);
    return TRUE;
}

HKEY clusreg_open(HCLUSTER cluster, const char *path, DWORD *err)
{
    struct handle_data data = { 0 };
    cs_store *store;
    HKEY ret;

    if (!cluster)
    {
        *err = ERROR_INVALID_HANDLE;
        return NULL;
    }
    if (!(store = session_enter(err))) return NULL;
    *err = cs_reg_open_key(store, path, data.id, sizeof(data.id));
    session_leave();
    if (*err) return NULL;
    if (!(ret = handle_alloc(HANDLE_KEY, cluster, &data))) *err = GetLastError();
    return ret;
}

/* The key of an object whose handle holds its id. */
static HKEY object_key(void *object, enum handle_type type, const char *class)
{
    struct handle_data data;
    char path[CS_PATH_MAX + 32];  /* an id is short; the store refuses a path too long */
    DWORD err;
    HKEY ret;

    if (!handle_get(object, type, &data))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    snprintf(path, sizeof(path), "%s\\%s", class, data.id);
    if (!(ret = clusreg_open(handle_parent(object, type), path, &err))) SetLastError(err);
    return ret;
}

HKEY WINAPI GetClusterKey(HCLUSTER hCluster, REGSAM samDesired)
{
    DWORD err;
    HKEY ret;

    TRACE("(%p, %#x)\n", hCluster, samDesired);
    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) err = ERROR_INVALID_HANDLE;
    else if ((ret = clusreg_open(hCluster, "", &err))) return ret;
    SetLastError(err);
    return NULL;
}

HKEY WINAPI GetClusterGroupKey(HGROUP hGroup, REGSAM samDesired)
{
    TRACE("(%p, %#x)\n", hGroup, samDesired);
    return object_key(hGroup, HANDLE_GROUP, "Groups");
}

HKEY WINAPI GetClusterResourceKey(HRESOURCE hResource, REGSAM samDesired)
{
    TRACE("(%p, %#x)\n", hResource, samDesired);
    return object_key(hResource, HANDLE_RESOURCE, "Resources");
}

HKEY WINAPI GetClusterNodeKey(HNODE hNode, REGSAM samDesired)
{
    TRACE("(%p, %#x)\n", hNode, samDesired);
    return object_key(hNode, HANDLE_NODE, "Nodes");
}

HKEY WINAPI GetClusterResourceTypeKey(HCLUSTER hCluster, LPCWSTR lpszTypeName, REGSAM samDesired)
{
    char path[CS_PATH_MAX], *name;
    DWORD err;
    HKEY ret = NULL;

    TRACE("(%p, %s, %#x)\n", hCluster, debugstr_w(lpszTypeName), samDesired);
    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) err = ERROR_INVALID_HANDLE;
    else if (!lpszTypeName || !*lpszTypeName) err = ERROR_INVALID_PARAMETER;
    else if (!(name = utf8_from_wide(lpszTypeName))) err = ERROR_NOT_ENOUGH_MEMORY;
    else
    {
        /* A name with a backslash would reach another key. */
        if (strchr(name, '\\')) err = ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND;
        else
        {
            snprintf(path, sizeof(path), "ResourceTypes\\%s", name);
            ret = clusreg_open(hCluster, path, &err);
            if (err == ERROR_FILE_NOT_FOUND) err = ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND;
        }
        HeapFree(GetProcessHeap(), 0, name);
    }
    if (!ret) SetLastError(err);
    return ret;
}

HKEY WINAPI GetClusterNetworkKey(HNETWORK hNetwork, REGSAM samDesired)
{
    TRACE("(%p, %#x)\n", hNetwork, samDesired);
    return object_key(hNetwork, HANDLE_NETWORK, "Networks");
}

HKEY WINAPI GetClusterNetInterfaceKey(HNETINTERFACE hNetInterface, REGSAM samDesired)
{
    TRACE("(%p, %#x)\n", hNetInterface, samDesired);
    return object_key(hNetInterface, HANDLE_NETINTERFACE, "NetworkInterfaces");
}

/* key's path and sub joined, as UTF-8 (sub NULL or empty: key itself). */
static DWORD sub_path(HKEY key, const WCHAR *sub, char *path)
{
    char *utf8;
    size_t have;

    if (!clusreg_key_path(key, path)) return ERROR_INVALID_HANDLE;
    if (!sub || !*sub) return ERROR_SUCCESS;
    if (!(utf8 = utf8_from_wide(sub))) return ERROR_NOT_ENOUGH_MEMORY;
    have = strlen(path);
    if (have + !!have + strlen(utf8) >= CS_PATH_MAX)
    {
        HeapFree(GetProcessHeap(), 0, utf8);
        return ERROR_INVALID_PARAMETER;
    }
    if (have) path[have++] = '\\';
    strcpy(path + have, utf8);
    HeapFree(GetProcessHeap(), 0, utf8);
    return ERROR_SUCCESS;
}

static DWORD new_key(HKEY parent, const char *path, HKEY *out)
{
    struct handle_data data = { 0 };

    lstrcpynA(data.id, path, sizeof(data.id));
    if (!(*out = handle_alloc(HANDLE_KEY, handle_parent(parent, HANDLE_KEY), &data))) return GetLastError();
    return ERROR_SUCCESS;
}

LONG WINAPI ClusterRegOpenKey(HKEY hKey, LPCWSTR lpszSubKey, REGSAM samDesired, PHKEY phkResult)
{
    char path[CS_PATH_MAX], canon[CS_PATH_MAX];
    cs_store *store;
    DWORD err;

    TRACE("(%p, %s, %#x, %p)\n", hKey, debugstr_w(lpszSubKey), samDesired, phkResult);
    if ((err = sub_path(hKey, lpszSubKey, path))) return err;
    if (!phkResult) return ERROR_INVALID_PARAMETER;
    *phkResult = NULL;
    if (!(store = session_enter(&err))) return err;
    err = cs_reg_open_key(store, path, canon, sizeof(canon));
    session_leave();
    return err ? err : new_key(hKey, canon, phkResult);
}

/* What a new key takes from the caller's security attributes. */
#define SD_PARTS (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION)

LONG WINAPI ClusterRegCreateKey(HKEY hKey, LPCWSTR lpszSubKey, DWORD dwOptions, REGSAM samDesired,
                                LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult, LPDWORD lpdwDisposition)
{
    char path[CS_PATH_MAX], canon[CS_PATH_MAX];
    PSECURITY_DESCRIPTOR given, sd = NULL;
    cs_store *store;
    int created = 0;
    DWORD err;

    TRACE("(%p, %s, %#x, %#x, %p, %p, %p)\n", hKey, debugstr_w(lpszSubKey), dwOptions, samDesired,
          lpSecurityAttributes, phkResult, lpdwDisposition);
    if ((err = sub_path(hKey, lpszSubKey, path))) return err;
    /* The cluster database keeps every key: there are no volatile ones. */
    if (!lpszSubKey || !phkResult || dwOptions != REG_OPTION_NON_VOLATILE) return ERROR_INVALID_PARAMETER;
    if (lpSecurityAttributes && (given = lpSecurityAttributes->lpSecurityDescriptor) &&
        (err = clusreg_sd_capture(given, SD_PARTS, &sd)))
        return err;
    *phkResult = NULL;
    if ((store = session_enter(&err)))
    {
        err = cs_reg_create_key(store, path, &created, canon, sizeof(canon));
        session_leave();
    }
    if (!err && created && sd) err = clusreg_store_security(canon, SD_PARTS, sd);
    LocalFree(sd);
    if (err) return err;
    if (lpdwDisposition) *lpdwDisposition = created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
    return new_key(hKey, canon, phkResult);
}

LONG WINAPI ClusterRegDeleteKey(HKEY hKey, LPCWSTR lpszSubKey)
{
    char path[CS_PATH_MAX];
    cs_store *store;
    DWORD err;

    TRACE("(%p, %s)\n", hKey, debugstr_w(lpszSubKey));
    if ((err = sub_path(hKey, lpszSubKey, path))) return err;
    if (!lpszSubKey || !*lpszSubKey) return ERROR_INVALID_PARAMETER;
    if (!(store = session_enter(&err))) return err;
    err = cs_reg_delete_key(store, path);
    session_leave();
    return err;
}

LONG WINAPI ClusterRegCloseKey(HKEY hKey)
{
    TRACE("(%p)\n", hKey);
    return handle_close(hKey, HANDLE_KEY) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

LONG WINAPI ClusterRegEnumKey(HKEY hKey, DWORD dwIndex, LPWSTR lpszName, LPDWORD lpcchName,
                              PFILETIME lpftLastWriteTime)
{
    char path[CS_PATH_MAX], name[CS_NAME_MAX];
    cs_store *store;
    DWORD err;

    TRACE("(%p, %u, %p, %p, %p)\n", hKey, dwIndex, lpszName, lpcchName, lpftLastWriteTime);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!lpcchName) return ERROR_INVALID_PARAMETER;
    if (!(store = session_enter(&err))) return err;
    err = regcache_subkey(store, path, dwIndex, name);
    session_leave();
    if (!err) err = copy_name_out(name, lpszName, lpcchName);
    /* The store keeps no write times. */
    if (!err && lpftLastWriteTime) memset(lpftLastWriteTime, 0, sizeof(*lpftLastWriteTime));
    return err;
}

/*
 * A resource's environment with its network name: ResUtilGetEnvironmentWithNetName,
 * ResUtilFreeEnvironment and ResUtilSetResourceServiceEnvironment.  The
 * block is this process's environment with _CLUSTER_NETWORK_NAME_ set to
 * the Name of the Network Name resource the resource depends on.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

static const WCHAR netname_var[] = L"_CLUSTER_NETWORK_NAME_=";

static BOOL is_network_name(HRESOURCE res, const void *ctx)
{
    (void)ctx;
    return ResUtilResourceTypesEqual(L"Network Name", res);
}

/* Strings "NAME=value" up to the empty one, in a LocalAlloc'ed block. */
static WCHAR *environment_with(const WCHAR *netname, DWORD *size)
{
    WCHAR *env = GetEnvironmentStringsW(), *block, *out;
    const WCHAR *p;
    size_t len = 0, var_len = lstrlenW(netname_var);

    if (!env) return NULL;
    for (p = env; *p; p += lstrlenW(p) + 1) len += lstrlenW(p) + 1;
    len += var_len + lstrlenW(netname) + 2;
    if ((block = LocalAlloc(LMEM_FIXED, len * sizeof(WCHAR))))
    {
        out = block;
        for (p = env; *p; p += lstrlenW(p) + 1)
        {
            /* The variable's old value, if any, gives way to the new one. */
            if (CompareStringOrdinal(p, min(var_len, (size_t)lstrlenW(p)), netname_var, var_len, TRUE) == CSTR_EQUAL)
                continue;
            lstrcpyW(out, p);
            out += lstrlenW(p) + 1;
        }
        lstrcpyW(out, netname_var);
        lstrcatW(out, netname);
        out += lstrlenW(out) + 1;
        *out++ = 0;
        *size = (out - block) * sizeof(WCHAR);
    }
    FreeEnvironmentStringsW(env);
    return block;
}

static WCHAR *get_environment(HRESOURCE res, DWORD *size, DWORD *err)
{
    HRESOURCE netname_res;
    HCLUSTER cluster;
    WCHAR *netname, *env = NULL;

    if (!(cluster = local_cluster(err))) return NULL;
    if (!(netname_res = find_dependency(cluster, res, FALSE, is_network_name, NULL)))
    {
        *err = GetLastError();
        return NULL;
    }
    *err = resource_private_sz(netname_res, L"Name", &netname);
    CloseClusterResource(netname_res);
    if (*err) return NULL;
    if (!(env = environment_with(netname, size))) *err = ERROR_NOT_ENOUGH_MEMORY;
    LocalFree(netname);
    return env;
}

LPVOID WINAPI ResUtilGetEnvironmentWithNetName(HRESOURCE hResource)
{
    DWORD err, size;
    WCHAR *env;

    TRACE("(%p)\n", hResource);

    if (!(env = get_environment(hResource, &size, &err))) SetLastError(err);
    return env;
}

DWORD WINAPI ResUtilFreeEnvironment(LPVOID lpEnvironment)
{
    TRACE("(%p)\n", lpEnvironment);

    if (!lpEnvironment) return ERROR_INVALID_PARAMETER;
    return LocalFree(lpEnvironment) ? GetLastError() : ERROR_SUCCESS;
}

/* The block goes to the service's Environment value, which the service
 * control manager gives the service's process when it starts it. */
DWORD WINAPI ResUtilSetResourceServiceEnvironment(LPCWSTR pszServiceName, HRESOURCE hResource,
                                                  PLOG_EVENT_ROUTINE pfnLogEvent,
                                                  RESOURCE_HANDLE hResourceHandle)
{
    static const WCHAR services[] = L"System\\CurrentControlSet\\Services\\";
    WCHAR *env, *path;
    DWORD err, size;
    HKEY key;

    TRACE("(%s, %p, %p, %p)\n", debugstr_w(pszServiceName), hResource, pfnLogEvent, hResourceHandle);

    if (!pszServiceName || !*pszServiceName) return ERROR_INVALID_PARAMETER;
    if (!(env = get_environment(hResource, &size, &err))) return err;
    if (!(path = HeapAlloc(GetProcessHeap(), 0, sizeof(services) + lstrlenW(pszServiceName) * sizeof(WCHAR))))
        err = ERROR_NOT_ENOUGH_MEMORY;
    else
    {
        lstrcpyW(path, services);
        lstrcatW(path, pszServiceName);
        /* Only a service that exists gets an environment. */
        if (!(err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_SET_VALUE, &key)))
        {
            err = RegSetValueExW(key, L"Environment", 0, REG_MULTI_SZ, (BYTE *)env, size);
            RegCloseKey(key);
        }
        HeapFree(GetProcessHeap(), 0, path);
    }
    LocalFree(env);
    return err;
}

/*
 * Resource enumeration and comparisons: ResUtilEnumResources(Ex),
 * ResUtilResourcesEqual, ResUtilResourceTypesEqual,
 * ResUtilIsResourceClassEqual, ResUtilGetResourceName.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* The resource named `name`, of type `type` if one is given, or NULL. */
static HRESOURCE open_matching(HCLUSTER cluster, const WCHAR *name, const WCHAR *type)
{
    HRESOURCE res = OpenClusterResource(cluster, name);

    if (res && type && !ResUtilResourceTypesEqual(type, res))
    {
        CloseClusterResource(res);
        return NULL;
    }
    return res;
}

static DWORD enum_resources(HCLUSTER cluster, HRESOURCE self, const WCHAR *type, LPRESOURCE_CALLBACK callback,
                            LPRESOURCE_CALLBACK_EX callback_ex, void *param)
{
    DWORD err = ERROR_SUCCESS, i, kind, cch, cap = 64;
    WCHAR *name;
    HCLUSENUM en;

    if (!(en = ClusterOpenEnum(cluster, CLUSTER_ENUM_RESOURCE))) return GetLastError();
    if (!(name = HeapAlloc(GetProcessHeap(), 0, cap * sizeof(WCHAR))))
    {
        ClusterCloseEnum(en);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; !err; i++)
    {
        HRESOURCE res;

        cch = cap;
        if ((err = ClusterEnum(en, i, &kind, name, &cch)) == ERROR_MORE_DATA)
        {
            WCHAR *grown = HeapReAlloc(GetProcessHeap(), 0, name, (cch + 1) * sizeof(WCHAR));

            if (!grown)
            {
                err = ERROR_NOT_ENOUGH_MEMORY;
                break;
            }
            name = grown;
            cap = cch + 1;
            cch = cap;
            err = ClusterEnum(en, i, &kind, name, &cch);
        }
        if (err == ERROR_NO_MORE_ITEMS)
        {
            err = ERROR_SUCCESS;
            break;
        }
        if (err) break;
        /* A resource deleted since the enumeration began is passed over. */
        if (!(res = open_matching(cluster, name, type))) continue;
        /* The caller's own resource is not offered to it. */
        if (!self || !ResUtilResourcesEqual(self, res))
            err = callback_ex ? callback_ex(cluster, self, res, param) : callback(self, res, param);
        CloseClusterResource(res);
    }
    HeapFree(GetProcessHeap(), 0, name);
    ClusterCloseEnum(en);
    return err;
}

DWORD WINAPI ResUtilEnumResources(HRESOURCE hSelf, LPCWSTR lpszResTypeName, LPRESOURCE_CALLBACK pResCallBack,
                                  PVOID pParameter)
{
    HCLUSTER cluster;
    DWORD err;

    TRACE("(%p, %s, %p, %p)\n", hSelf, debugstr_w(lpszResTypeName), pResCallBack, pParameter);

    if (!pResCallBack) return ERROR_INVALID_PARAMETER;
    if (!(cluster = local_cluster(&err))) return err;
    return enum_resources(cluster, hSelf, lpszResTypeName, pResCallBack, NULL, pParameter);
}

DWORD WINAPI ResUtilEnumResourcesEx(HCLUSTER hCluster, HRESOURCE hSelf, LPCWSTR lpszResTypeName,
                                    LPRESOURCE_CALLBACK_EX pResCallBack, PVOID pParameter)
{
    TRACE("(%p, %p, %s, %p, %p)\n", hCluster, hSelf, debugstr_w(lpszResTypeName), pResCallBack, pParameter);

    if (!pResCallBack) return ERROR_INVALID_PARAMETER;
    return enum_resources(hCluster, hSelf, lpszResTypeName, NULL, pResCallBack, pParameter);
}

/* Resource names are unique in a cluster, compared without case. */
BOOL WINAPI ResUtilResourcesEqual(HRESOURCE hSelf, HRESOURCE hResource)
{
    WCHAR *a = NULL, *b = NULL;
    BOOL ret = FALSE;
    DWORD err;

    TRACE("(%p, %p)\n", hSelf, hResource);

    if (!(err = resource_control_string(hSelf, CLUSCTL_RESOURCE_GET_NAME, &a)) &&
        !(err = resource_control_string(hResource, CLUSCTL_RESOURCE_GET_NAME, &b)))
        ret = !lstrcmpiW(a, b);
    HeapFree(GetProcessHeap(), 0, a);
    HeapFree(GetProcessHeap(), 0, b);
    SetLastError(err);
    return ret;
}

BOOL WINAPI ResUtilResourceTypesEqual(LPCWSTR lpszResourceTypeName, HRESOURCE hResource)
{
    WCHAR *type = NULL;
    BOOL ret = FALSE;
    DWORD err;

    TRACE("(%s, %p)\n", debugstr_w(lpszResourceTypeName), hResource);

    if (!lpszResourceTypeName) err = ERROR_INVALID_PARAMETER;
    else if (!(err = resource_control_string(hResource, CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, &type)))
        ret = !lstrcmpiW(type, lpszResourceTypeName);
    HeapFree(GetProcessHeap(), 0, type);
    SetLastError(err);
    return ret;
}

/* Class and subclass both: a caller asking for shared-bus storage does not
 * want any other storage. */
BOOL WINAPI ResUtilIsResourceClassEqual(PCLUS_RESOURCE_CLASS_INFO prci, HRESOURCE hResource)
{
    CLUS_RESOURCE_CLASS_INFO info;
    DWORD err, size = 0;

    TRACE("(%p, %p)\n", prci, hResource);

    if (!prci)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    err = ClusterResourceControl(hResource, NULL, CLUSCTL_RESOURCE_GET_CLASS_INFO, NULL, 0, &info, sizeof(info),
                                 &size);
    if (!err && size != sizeof(info)) err = ERROR_INVALID_DATA;
    SetLastError(err);
    return !err && info.rc == prci->rc && info.SubClass == prci->SubClass;
}

DWORD WINAPI ResUtilGetResourceName(HRESOURCE hResource, PWSTR pszResourceName, DWORD *pcchResourceNameInOut)
{
    DWORD err, size = 0;

    TRACE("(%p, %p, %p)\n", hResource, pszResourceName, pcchResourceNameInOut);

    if (!pcchResourceNameInOut) return ERROR_INVALID_PARAMETER;
    if (*pcchResourceNameInOut > MAXDWORD / sizeof(WCHAR)) return ERROR_INVALID_PARAMETER;
    err = ClusterResourceControl(hResource, NULL, CLUSCTL_RESOURCE_GET_NAME, NULL, 0, pszResourceName,
                                 *pcchResourceNameInOut * sizeof(WCHAR), &size);
    /* Counted in characters, the terminating null included, as the
     * control code counts its bytes; on ERROR_MORE_DATA the size needed. */
    if (!err || err == ERROR_MORE_DATA) *pcchResourceNameInOut = size / sizeof(WCHAR);
    return err;
}

/*
 * Dependency lookups: ResUtilGetResourceDependency(ByName, ByClass),
 * ResUtilGetResourceNameDependency, ResUtilFindDependentDiskResourceDriveLetter.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* Depth first: each dependency, then (recursing) what it depends on. */
HRESOURCE find_dependency(HCLUSTER cluster, HRESOURCE self, BOOL recurse, resource_match_fn match,
                          const void *ctx)
{
    DWORD err = ERROR_SUCCESS, i, kind, cch;
    HRESOURCE found = NULL;
    WCHAR name[MAX_PATH];
    HRESENUM en;

    if (!(en = ClusterResourceOpenEnum(self, CLUSTER_RESOURCE_ENUM_DEPENDS))) return NULL;
    for (i = 0; !found; i++)
    {
        HRESOURCE dep;

        cch = ARRAY_SIZE(name);
        if ((err = ClusterResourceEnum(en, i, &kind, name, &cch))) break;
        if (!(dep = OpenClusterResource(cluster, name)))
        {
            err = GetLastError();
            break;
        }
        if (match(dep, ctx)) found = dep;
        else
        {
            if (recurse) found = find_dependency(cluster, dep, TRUE, match, ctx);
            CloseClusterResource(dep);
        }
    }
    ClusterResourceCloseEnum(en);
    /* Running out of dependencies means there is none of that kind. */
    if (!found) SetLastError(err == ERROR_NO_MORE_ITEMS ? ERROR_RESOURCE_NOT_FOUND : err);
    return found;
}

static BOOL type_matches(HRESOURCE res, const void *type)
{
    return ResUtilResourceTypesEqual(type, res);
}

static BOOL class_matches(HRESOURCE res, const void *info)
{
    return ResUtilIsResourceClassEqual((PCLUS_RESOURCE_CLASS_INFO)info, res);
}

HRESOURCE WINAPI ResUtilGetResourceDependency(HANDLE hSelf, LPCWSTR lpszResourceType)
{
    HCLUSTER cluster;
    DWORD err;

    TRACE("(%p, %s)\n", hSelf, debugstr_w(lpszResourceType));

    if (!lpszResourceType)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(cluster = local_cluster(&err)))
    {
        SetLastError(err);
        return NULL;
    }
    return find_dependency(cluster, hSelf, FALSE, type_matches, lpszResourceType);
}

HRESOURCE WINAPI ResUtilGetResourceDependencyByName(HCLUSTER hCluster, HANDLE hSelf, LPCWSTR lpszResourceType,
                                                    BOOL bRecurse)
{
    TRACE("(%p, %p, %s, %d)\n", hCluster, hSelf, debugstr_w(lpszResourceType), bRecurse);

    if (!lpszResourceType)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return find_dependency(hCluster, hSelf, bRecurse, type_matches, lpszResourceType);
}

HRESOURCE WINAPI ResUtilGetResourceDependencyByClass(HCLUSTER hCluster, HANDLE hSelf,
                                                     PCLUS_RESOURCE_CLASS_INFO prci, BOOL bRecurse)
{
    TRACE("(%p, %p, %p, %d)\n", hCluster, hSelf, prci, bRecurse);

    if (!prci)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return find_dependency(hCluster, hSelf, bRecurse, class_matches, prci);
}

HRESOURCE WINAPI ResUtilGetResourceNameDependency(LPCWSTR lpszResourceName, LPCWSTR lpszResourceType)
{
    HRESOURCE self, found;
    HCLUSTER cluster;
    DWORD err;

    TRACE("(%s, %s)\n", debugstr_w(lpszResourceName), debugstr_w(lpszResourceType));

    if (!lpszResourceName || !lpszResourceType)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(cluster = local_cluster(&err)))
    {
        SetLastError(err);
        return NULL;
    }
    if (!(self = OpenClusterResource(cluster, lpszResourceName))) return NULL;
    found = find_dependency(cluster, self, FALSE, type_matches, lpszResourceType);
    err = GetLastError();
    CloseClusterResource(self);
    SetLastError(err);
    return found;
}

DWORD WINAPI ResUtilFindDependentDiskResourceDriveLetter(HCLUSTER hCluster, HRESOURCE hResource,
                                                         LPWSTR pszDriveLetter, DWORD *pcchDriveLetter)
{
    HRESOURCE disk;
    DWORD err;

    TRACE("(%p, %p, %p, %p)\n", hCluster, hResource, pszDriveLetter, pcchDriveLetter);

    if (!pcchDriveLetter) return ERROR_INVALID_PARAMETER;
    if (!(disk = find_dependency(hCluster, hResource, FALSE, type_matches, L"Physical Disk")))
    {
        err = GetLastError();
        return err == ERROR_RESOURCE_NOT_FOUND ? ERROR_NO_MORE_ITEMS : err;
    }
    CloseClusterResource(disk);
    /* The letter is the disk's partition information (its DLL's
     * STORAGE_GET_DISK_INFO), which no Physical Disk here has. */
    FIXME("no disk information for Physical Disk resources\n");
    return ERROR_RESOURCE_NOT_PRESENT;
}

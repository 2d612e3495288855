/*
 * ResUtilGetCoreClusterResources: the cluster's Network Name and IP Address
 * (the core resources of those types) and its quorum resource.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

struct core
{
    HRESOURCE name, address;
};

static HRESOURCE reopen(HCLUSTER cluster, HRESOURCE res)
{
    WCHAR *name;
    HRESOURCE ret = NULL;
    DWORD err;

    if ((err = resource_control_string(res, CLUSCTL_RESOURCE_GET_NAME, &name))) SetLastError(err);
    else ret = OpenClusterResource(cluster, name);
    HeapFree(GetProcessHeap(), 0, name);
    return ret;
}

static DWORD __cdecl check_core(HCLUSTER cluster, HRESOURCE self, HRESOURCE res, void *param)
{
    struct core *core = param;
    DWORD flags = 0, size = 0;
    HRESOURCE *slot = NULL;

    (void)self;
    if (ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, &flags, sizeof(flags), &size) ||
        !(flags & CLUS_FLAG_CORE))
        return ERROR_SUCCESS;
    if (ResUtilResourceTypesEqual(L"Network Name", res)) slot = &core->name;
    else if (ResUtilResourceTypesEqual(L"IP Address", res)) slot = &core->address;
    /* The enumeration closes res once this returns. */
    if (slot && !*slot) *slot = reopen(cluster, res);
    return ERROR_SUCCESS;
}

static HRESOURCE open_quorum(HCLUSTER cluster)
{
    WCHAR name[MAX_PATH], device[MAX_PATH];
    DWORD cch_name = ARRAY_SIZE(name), cch_device = ARRAY_SIZE(device), log_size, err;

    if ((err = GetClusterQuorumResource(cluster, name, &cch_name, device, &cch_device, &log_size)))
    {
        SetLastError(err);
        return NULL;
    }
    return OpenClusterResource(cluster, name);
}

static void hand_out(HRESOURCE res, HRESOURCE *out, BOOL keep)
{
    if (keep && out) *out = res;
    else if (res) CloseClusterResource(res);
}

DWORD WINAPI ResUtilGetCoreClusterResources(HCLUSTER hCluster, HRESOURCE *phClusterNameResource,
                                            HRESOURCE *phClusterIPAddressResource,
                                            HRESOURCE *phClusterQuorumResource)
{
    struct core core = { NULL, NULL };
    HRESOURCE quorum = NULL;
    DWORD err;

    TRACE("(%p, %p, %p, %p)\n", hCluster, phClusterNameResource, phClusterIPAddressResource,
          phClusterQuorumResource);

    if (phClusterNameResource) *phClusterNameResource = NULL;
    if (phClusterIPAddressResource) *phClusterIPAddressResource = NULL;
    if (phClusterQuorumResource) *phClusterQuorumResource = NULL;
    err = ResUtilEnumResourcesEx(hCluster, NULL, NULL, check_core, &core);
    if (!err && phClusterQuorumResource && !(quorum = open_quorum(hCluster))) err = GetLastError();
    if (!err && ((phClusterNameResource && !core.name) || (phClusterIPAddressResource && !core.address)))
        err = ERROR_RESOURCE_NOT_FOUND;
    /* All or nothing. */
    hand_out(core.name, phClusterNameResource, !err);
    hand_out(core.address, phClusterIPAddressResource, !err);
    hand_out(quorum, phClusterQuorumResource, !err);
    return err;
}

/*
 * ClusterControl: the codes the cluster service answers for the cluster.
 */
#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

/* The cluster's name qualified with this node's DNS domain, or the bare
 * name when the node has none. */
static DWORD get_fqdn(cs_store *store, const void *object, struct control_io *io)
{
    const cs_cluster *cluster = object;
    WCHAR domain[256], *name, *fqdn;
    DWORD len = ARRAY_SIZE(domain), err;

    (void)store;
    if (!GetComputerNameExW(ComputerNameDnsDomain, domain, &len)) domain[0] = 0;
    if (!(name = wide_from_utf8(cluster->name))) return ERROR_NOT_ENOUGH_MEMORY;
    len = lstrlenW(name) + 1 + lstrlenW(domain) + 1;
    if (!(fqdn = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR))))
    {
        HeapFree(GetProcessHeap(), 0, name);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    lstrcpyW(fqdn, name);
    if (domain[0])
    {
        lstrcatW(fqdn, L".");
        lstrcatW(fqdn, domain);
    }
    err = control_put(io, fqdn, (lstrlenW(fqdn) + 1) * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, fqdn);
    HeapFree(GetProcessHeap(), 0, name);
    return err;
}

static const struct control_entry codes[] =
{
    { CLUSCTL_CLUSTER_UNKNOWN, control_none },
    { CLUSCTL_CLUSTER_GET_FQDN, get_fqdn },
    PROPERTY_CODES(CLUSCTL_CLUSTER),
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    (void)id;
    return cs_cluster_get(store, object);
}

static const struct control_class cluster_class = { CLUS_OBJECT_CLUSTER, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterControl(HCLUSTER hCluster, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                            DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                            LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };

    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hCluster, hHostNode, dwControlCode, lpInBuffer,
          nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    return control_dispatch(&cluster_class, hHostNode, "", dwControlCode, &io);
}

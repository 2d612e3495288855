/*
 * ResUtilGetResourceDependentIPAddressProps: the Address, SubnetMask and
 * Network private properties of the IP Address resource a resource
 * depends on.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

static BOOL is_ip_address(HRESOURCE res, const void *ctx)
{
    (void)ctx;
    return ResUtilResourceTypesEqual(L"IP Address", res);
}

/* One property into the caller's buffer: every size is reported, and a
 * short buffer makes the whole call ERROR_MORE_DATA. */
static DWORD copy_property(HRESOURCE res, const WCHAR *name, WCHAR *buf, DWORD *cch)
{
    WCHAR *value;
    DWORD err, need;

    if ((err = resource_private_sz(res, name, &value))) return err;
    need = lstrlenW(value) + 1;
    if (!buf || *cch < need) err = ERROR_MORE_DATA;
    else memcpy(buf, value, need * sizeof(WCHAR));
    *cch = need;
    LocalFree(value);
    return err;
}

DWORD WINAPI ResUtilGetResourceDependentIPAddressProps(HRESOURCE hResource, LPWSTR pszAddress,
                                                       DWORD *pcchAddress, LPWSTR pszSubnetMask,
                                                       DWORD *pcchSubnetMask, LPWSTR pszNetwork,
                                                       DWORD *pcchNetwork)
{
    static const WCHAR * const names[] = { L"Address", L"SubnetMask", L"Network" };
    WCHAR *bufs[] = { pszAddress, pszSubnetMask, pszNetwork };
    DWORD *cchs[] = { pcchAddress, pcchSubnetMask, pcchNetwork };
    DWORD err = ERROR_SUCCESS, one;
    HCLUSTER cluster;
    HRESOURCE ip;
    size_t i;

    TRACE("(%p, %p, %p, %p, %p, %p, %p)\n", hResource, pszAddress, pcchAddress, pszSubnetMask, pcchSubnetMask,
          pszNetwork, pcchNetwork);

    if (!pcchAddress || !pcchSubnetMask || !pcchNetwork) return ERROR_INVALID_PARAMETER;
    if (!(cluster = local_cluster(&err))) return err;
    if (!(ip = find_dependency(cluster, hResource, FALSE, is_ip_address, NULL))) return GetLastError();
    for (i = 0; i < ARRAY_SIZE(names); i++)
    {
        one = copy_property(ip, names[i], bufs[i], cchs[i]);
        if (one && one != ERROR_MORE_DATA)
        {
            err = one;
            break;
        }
        if (one) err = one;
    }
    CloseClusterResource(ip);
    return err;
}

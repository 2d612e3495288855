/*
 * A resource's private properties, as the resource utilities read them:
 * the property list the cluster returns, searched by name.
 */
#include "resutils_private.h"

DWORD resource_private_sz(HRESOURCE res, const WCHAR *name, WCHAR **value)
{
    DWORD size, err;
    void *list;

    *value = NULL;
    if ((err = resource_control_alloc(res, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &list, &size))) return err;
    err = ResUtilFindSzProperty(list, size, name, value);
    HeapFree(GetProcessHeap(), 0, list);
    return err;
}

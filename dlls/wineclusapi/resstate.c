/*
 * Bringing a resource online or offline, and failing it: the store applies
 * Server 2003's rules (docs/states.md); ERROR_IO_PENDING comes from there
 * when the owner node's cluster service has the rest to do.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD WINAPI OnlineClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    return object_call(hResource, HANDLE_RESOURCE, cs_resource_online);
}

DWORD WINAPI OfflineClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    return object_call(hResource, HANDLE_RESOURCE, cs_resource_offline);
}

DWORD WINAPI FailClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    return object_call(hResource, HANDLE_RESOURCE, cs_resource_fail);
}

/*
 * clusapi exports not (yet) backed by the cluster store.
 *
 * Each one logs its arguments and fails cleanly: a program probing an API we
 * lack must get an error code it can handle, never an abort as with Wine's
 * spec stubs.  The exports the cluster store implements live elsewhere.
 */

#include <stdarg.h>

#include "windef.h"
#include "winbase.h"
#include "winreg.h"
#include "winerror.h"
#include "clusapi.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

/* For exports that report failure through their return value. */
#define STUB_RETURN(err) do { FIXME("stub\n"); return (err); } while (0)

/* For exports whose return value only says "failed" (NULL, FALSE, an
 * unknown state): the reason goes to GetLastError, as documented. */
#define STUB_FAIL(ret) do { FIXME("stub\n"); SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return (ret); } while (0)

/* ---- Cluster ---- */

DWORD WINAPI SetClusterServiceAccountPassword(LPCWSTR lpszClusterName, LPCWSTR lpszNewPassword, DWORD dwFlags,
                                              PCLUSTER_SET_PASSWORD_STATUS lpReturnStatusBuffer,
                                              LPDWORD lpcbReturnStatusBufferSize)
{
    TRACE("(%s, %p, %#x, %p, %p)\n", debugstr_w(lpszClusterName), lpszNewPassword, dwFlags,
          lpReturnStatusBuffer, lpcbReturnStatusBufferSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* ---- Groups ---- */

DWORD WINAPI OnlineClusterGroup(HGROUP hGroup, HNODE hDestinationNode)
{
    TRACE("(%p, %p)\n", hGroup, hDestinationNode);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI MoveClusterGroup(HGROUP hGroup, HNODE hDestinationNode)
{
    TRACE("(%p, %p)\n", hGroup, hDestinationNode);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI OfflineClusterGroup(HGROUP hGroup)
{
    TRACE("(%p)\n", hGroup);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* ---- Resources ---- */

DWORD WINAPI FailClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI OnlineClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI OfflineClusterResource(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

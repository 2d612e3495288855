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

/* ---- Cluster ---- */

DWORD WINAPI SetClusterServiceAccountPassword(LPCWSTR lpszClusterName, LPCWSTR lpszNewPassword, DWORD dwFlags,
                                              PCLUSTER_SET_PASSWORD_STATUS lpReturnStatusBuffer,
                                              LPDWORD lpcbReturnStatusBufferSize)
{
    TRACE("(%s, %p, %#x, %p, %p)\n", debugstr_w(lpszClusterName), lpszNewPassword, dwFlags,
          lpReturnStatusBuffer, lpcbReturnStatusBufferSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

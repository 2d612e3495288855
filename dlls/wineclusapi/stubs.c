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

/* ---- Notifications ---- */

HCHANGE WINAPI CreateClusterNotifyPort(HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter,
                                       DWORD_PTR dwNotifyKey)
{
    TRACE("(%p, %p, %#x, %#lx)\n", hChange, hCluster, dwFilter, dwNotifyKey);
    STUB_FAIL(NULL);
}

DWORD WINAPI RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject, DWORD_PTR dwNotifyKey)
{
    TRACE("(%p, %#x, %p, %#lx)\n", hChange, dwFilterType, hObject, dwNotifyKey);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
                              LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds)
{
    TRACE("(%p, %p, %p, %p, %p, %u)\n", hChange, lpdwNotifyKey, lpdwFilterType, lpszName, lpcchName,
          dwMilliseconds);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

BOOL WINAPI CloseClusterNotifyPort(HCHANGE hChange)
{
    TRACE("(%p)\n", hChange);
    STUB_FAIL(FALSE);
}


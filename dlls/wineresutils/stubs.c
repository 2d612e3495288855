/*
 * resutils exports not (yet) implemented.
 *
 * Each one logs its arguments and fails cleanly instead of aborting the
 * caller.  ResUtilIsPathValid and ResUtilExpandEnvironmentStrings live in
 * path.c.
 */

#include <stdarg.h>

#include "windef.h"
#include "winbase.h"
#include "winreg.h"
#include "winsvc.h"
#include "winerror.h"
#include "clusapi.h"
#include "resapi.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* For exports that report failure through their return value. */
#define STUB_RETURN(err) do { FIXME("stub\n"); return (err); } while (0)

/* For exports whose return value only says "failed" (NULL, FALSE): the
 * reason goes to GetLastError. */
#define STUB_FAIL(ret) do { FIXME("stub\n"); SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return (ret); } while (0)

/* ---- Resources ---- */

DWORD WINAPI ResUtilGetResourceDependentIPAddressProps(HRESOURCE hResource, LPWSTR pszAddress,
                                                       DWORD *pcchAddress, LPWSTR pszSubnetMask,
                                                       DWORD *pcchSubnetMask, LPWSTR pszNetwork,
                                                       DWORD *pcchNetwork)
{
    TRACE("(%p, %p, %p, %p, %p, %p, %p)\n", hResource, pszAddress, pcchAddress, pszSubnetMask, pcchSubnetMask,
          pszNetwork, pcchNetwork);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* ---- Services ---- */

DWORD WINAPI ResUtilStartResourceService(LPCWSTR pszServiceName, LPSC_HANDLE phServiceHandle)
{
    TRACE("(%s, %p)\n", debugstr_w(pszServiceName), phServiceHandle);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilVerifyResourceService(LPCWSTR pszServiceName)
{
    TRACE("(%s)\n", debugstr_w(pszServiceName));
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilStopResourceService(LPCWSTR pszServiceName)
{
    TRACE("(%s)\n", debugstr_w(pszServiceName));
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilVerifyService(SC_HANDLE hServiceHandle)
{
    TRACE("(%p)\n", hServiceHandle);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilStopService(SC_HANDLE hServiceHandle)
{
    TRACE("(%p)\n", hServiceHandle);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetResourceServiceEnvironment(LPCWSTR pszServiceName, HRESOURCE hResource,
                                                  PLOG_EVENT_ROUTINE pfnLogEvent,
                                                  RESOURCE_HANDLE hResourceHandle)
{
    TRACE("(%s, %p, %p, %p)\n", debugstr_w(pszServiceName), hResource, pfnLogEvent, hResourceHandle);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetResourceServiceStartParameters(LPCWSTR pszServiceName, SC_HANDLE schSCMHandle,
                                                      LPSC_HANDLE phService, PLOG_EVENT_ROUTINE pfnLogEvent,
                                                      RESOURCE_HANDLE hResourceHandle)
{
    TRACE("(%s, %p, %p, %p, %p)\n", debugstr_w(pszServiceName), schSCMHandle, phService, pfnLogEvent,
          hResourceHandle);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilTerminateServiceProcessFromResDll(DWORD dwServicePid, BOOL bOffline,
                                                      PDWORD pdwResourceState, PLOG_EVENT_ROUTINE pfnLogEvent,
                                                      RESOURCE_HANDLE hResourceHandle)
{
    TRACE("(%u, %d, %p, %p, %p)\n", dwServicePid, bOffline, pdwResourceState, pfnLogEvent, hResourceHandle);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

LPVOID WINAPI ResUtilGetEnvironmentWithNetName(HRESOURCE hResource)
{
    TRACE("(%p)\n", hResource);
    STUB_FAIL(NULL);
}

DWORD WINAPI ResUtilFreeEnvironment(LPVOID lpEnvironment)
{
    TRACE("(%p)\n", lpEnvironment);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

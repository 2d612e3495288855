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

/* ---- Worker threads ---- */

DWORD WINAPI ClusWorkerCreate(PCLUS_WORKER lpWorker, PWORKER_START_ROUTINE lpStartAddress, PVOID lpParameter)
{
    TRACE("(%p, %p, %p)\n", lpWorker, lpStartAddress, lpParameter);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* FALSE also means "keep working", the harmless answer for a worker. */
BOOL WINAPI ClusWorkerCheckTerminate(PCLUS_WORKER lpWorker)
{
    TRACE("(%p)\n", lpWorker);
    STUB_FAIL(FALSE);
}

/* VOID: no worker can have been started, so there is nothing to stop. */
VOID WINAPI ClusWorkerTerminate(PCLUS_WORKER lpWorker)
{
    TRACE("(%p)\n", lpWorker);
    FIXME("stub\n");
}

/* Undocumented; see the note in wineresutils.spec. */
DWORD WINAPI ClusWorkerStart(LPVOID lpThreadParameter)
{
    TRACE("(%p)\n", lpThreadParameter);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* ---- Resources ---- */

BOOL WINAPI ResUtilResourcesEqual(HRESOURCE hSelf, HRESOURCE hResource)
{
    TRACE("(%p, %p)\n", hSelf, hResource);
    STUB_FAIL(FALSE);
}

BOOL WINAPI ResUtilResourceTypesEqual(LPCWSTR lpszResourceTypeName, HRESOURCE hResource)
{
    TRACE("(%s, %p)\n", debugstr_w(lpszResourceTypeName), hResource);
    STUB_FAIL(FALSE);
}

BOOL WINAPI ResUtilIsResourceClassEqual(PCLUS_RESOURCE_CLASS_INFO prci, HRESOURCE hResource)
{
    TRACE("(%p, %p)\n", prci, hResource);
    STUB_FAIL(FALSE);
}

DWORD WINAPI ResUtilEnumResources(HRESOURCE hSelf, LPCWSTR lpszResTypeName, LPRESOURCE_CALLBACK pResCallBack,
                                  PVOID pParameter)
{
    TRACE("(%p, %s, %p, %p)\n", hSelf, debugstr_w(lpszResTypeName), pResCallBack, pParameter);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilEnumResourcesEx(HCLUSTER hCluster, HRESOURCE hSelf, LPCWSTR lpszResTypeName,
                                    LPRESOURCE_CALLBACK_EX pResCallBack, PVOID pParameter)
{
    TRACE("(%p, %p, %s, %p, %p)\n", hCluster, hSelf, debugstr_w(lpszResTypeName), pResCallBack, pParameter);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

HRESOURCE WINAPI ResUtilGetResourceDependency(HANDLE hSelf, LPCWSTR lpszResourceType)
{
    TRACE("(%p, %s)\n", hSelf, debugstr_w(lpszResourceType));
    STUB_FAIL(NULL);
}

HRESOURCE WINAPI ResUtilGetResourceDependencyByName(HCLUSTER hCluster, HANDLE hSelf, LPCWSTR lpszResourceType,
                                                    BOOL bRecurse)
{
    TRACE("(%p, %p, %s, %d)\n", hCluster, hSelf, debugstr_w(lpszResourceType), bRecurse);
    STUB_FAIL(NULL);
}

HRESOURCE WINAPI ResUtilGetResourceDependencyByClass(HCLUSTER hCluster, HANDLE hSelf,
                                                     PCLUS_RESOURCE_CLASS_INFO prci, BOOL bRecurse)
{
    TRACE("(%p, %p, %p, %d)\n", hCluster, hSelf, prci, bRecurse);
    STUB_FAIL(NULL);
}

HRESOURCE WINAPI ResUtilGetResourceNameDependency(LPCWSTR lpszResourceName, LPCWSTR lpszResourceType)
{
    TRACE("(%s, %s)\n", debugstr_w(lpszResourceName), debugstr_w(lpszResourceType));
    STUB_FAIL(NULL);
}

DWORD WINAPI ResUtilGetResourceDependentIPAddressProps(HRESOURCE hResource, LPWSTR pszAddress,
                                                       DWORD *pcchAddress, LPWSTR pszSubnetMask,
                                                       DWORD *pcchSubnetMask, LPWSTR pszNetwork,
                                                       DWORD *pcchNetwork)
{
    TRACE("(%p, %p, %p, %p, %p, %p, %p)\n", hResource, pszAddress, pcchAddress, pszSubnetMask, pcchSubnetMask,
          pszNetwork, pcchNetwork);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilFindDependentDiskResourceDriveLetter(HCLUSTER hCluster, HRESOURCE hResource,
                                                         LPWSTR pszDriveLetter, DWORD *pcchDriveLetter)
{
    TRACE("(%p, %p, %p, %p)\n", hCluster, hResource, pszDriveLetter, pcchDriveLetter);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetCoreClusterResources(HCLUSTER hCluster, HRESOURCE *phClusterNameResource,
                                            HRESOURCE *phClusterIPAddressResource,
                                            HRESOURCE *phClusterQuorumResource)
{
    TRACE("(%p, %p, %p, %p)\n", hCluster, phClusterNameResource, phClusterIPAddressResource,
          phClusterQuorumResource);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetResourceName(HRESOURCE hResource, PWSTR pszResourceName, DWORD *pcchResourceNameInOut)
{
    TRACE("(%p, %p, %p)\n", hResource, pszResourceName, pcchResourceNameInOut);
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

/* ---- Strings and paths ---- */

LPWSTR WINAPI ResUtilDupString(LPCWSTR pszInString)
{
    TRACE("(%s)\n", debugstr_w(pszInString));
    STUB_FAIL(NULL);
}

DWORD WINAPI ResUtilCreateDirectoryTree(LPCWSTR pszPath)
{
    TRACE("(%s)\n", debugstr_w(pszPath));
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

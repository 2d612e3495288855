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

/* ---- Registry values ---- */

DWORD WINAPI ResUtilGetBinaryValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPBYTE *ppbOutValue,
                                   LPDWORD pcbOutValueSize)
{
    TRACE("(%p, %s, %p, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), ppbOutValue, pcbOutValueSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

LPWSTR WINAPI ResUtilGetSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName)
{
    TRACE("(%p, %s)\n", hkeyClusterKey, debugstr_w(pszValueName));
    STUB_FAIL(NULL);
}

DWORD WINAPI ResUtilGetDwordValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPDWORD pdwOutValue,
                                  DWORD dwDefaultValue)
{
    TRACE("(%p, %s, %p, %u)\n", hkeyClusterKey, debugstr_w(pszValueName), pdwOutValue, dwDefaultValue);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetBinaryValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, const LPBYTE pbNewValue,
                                   DWORD cbNewValueSize, LPBYTE *ppbOutValue, LPDWORD pcbOutValueSize)
{
    TRACE("(%p, %s, %p, %u, %p, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), pbNewValue, cbNewValueSize,
          ppbOutValue, pcbOutValueSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                               LPWSTR *ppszOutString)
{
    TRACE("(%p, %s, %s, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), debugstr_w(pszNewValue),
          ppszOutString);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetExpandSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                     LPWSTR *ppszOutString)
{
    TRACE("(%p, %s, %s, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), debugstr_w(pszNewValue),
          ppszOutString);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetMultiSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                    DWORD cbNewValueSize, LPWSTR *ppszOutValue, LPDWORD pcbOutValueSize)
{
    TRACE("(%p, %s, %s, %u, %p, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), debugstr_w(pszNewValue),
          cbNewValueSize, ppszOutValue, pcbOutValueSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetDwordValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, DWORD dwNewValue,
                                  LPDWORD pdwOutValue)
{
    TRACE("(%p, %s, %u, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), dwNewValue, pdwOutValue);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* ---- Property lists and property tables ---- */

DWORD WINAPI ResUtilEnumPrivateProperties(HKEY hkeyClusterKey, LPWSTR pszOutProperties,
                                          DWORD cbOutPropertiesSize, LPDWORD pcbBytesReturned,
                                          LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %u, %p, %p)\n", hkeyClusterKey, pszOutProperties, cbOutPropertiesSize, pcbBytesReturned,
          pcbRequired);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                  PVOID pOutPropertyList, DWORD cbOutPropertyListSize,
                                  LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %p, %u, %p, %p)\n", hkeyClusterKey, pPropertyTable, pOutPropertyList,
          cbOutPropertyListSize, pcbBytesReturned, pcbRequired);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetAllProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                     PVOID pOutPropertyList, DWORD cbOutPropertyListSize,
                                     LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %p, %u, %p, %p)\n", hkeyClusterKey, pPropertyTable, pOutPropertyList,
          cbOutPropertyListSize, pcbBytesReturned, pcbRequired);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetPrivateProperties(HKEY hkeyClusterKey, PVOID pOutPropertyList,
                                         DWORD cbOutPropertyListSize, LPDWORD pcbBytesReturned,
                                         LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %u, %p, %p)\n", hkeyClusterKey, pOutPropertyList, cbOutPropertyListSize, pcbBytesReturned,
          pcbRequired);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetPropertySize(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTableItem,
                                    LPDWORD pcbOutPropertyListSize, LPDWORD pnPropertyCount)
{
    TRACE("(%p, %p, %p, %p)\n", hkeyClusterKey, pPropertyTableItem, pcbOutPropertyListSize, pnPropertyCount);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetProperty(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTableItem,
                                PVOID *pOutPropertyItem, LPDWORD pcbOutPropertyItemSize)
{
    TRACE("(%p, %p, %p, %p)\n", hkeyClusterKey, pPropertyTableItem, pOutPropertyItem, pcbOutPropertyItemSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetPropertyTable(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                     PVOID Reserved, BOOL bAllowUnknownProperties,
                                     const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                     LPBYTE pOutParams)
{
    TRACE("(%p, %p, %p, %d, %p, %u, %p)\n", hkeyClusterKey, pPropertyTable, Reserved, bAllowUnknownProperties,
          pInPropertyList, cbInPropertyListSize, pOutParams);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetPropertyTableEx(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                       PVOID Reserved, BOOL bAllowUnknownProperties,
                                       const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                       BOOL bForceWrite, LPBYTE pOutParams)
{
    TRACE("(%p, %p, %p, %d, %p, %u, %d, %p)\n", hkeyClusterKey, pPropertyTable, Reserved,
          bAllowUnknownProperties, pInPropertyList, cbInPropertyListSize, bForceWrite, pOutParams);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetPropertyParameterBlock(HKEY hkeyClusterKey,
                                              const PRESUTIL_PROPERTY_ITEM pPropertyTable, PVOID Reserved,
                                              const LPBYTE pInParams, const PVOID pInPropertyList,
                                              DWORD cbInPropertyListSize, LPBYTE pOutParams)
{
    TRACE("(%p, %p, %p, %p, %p, %u, %p)\n", hkeyClusterKey, pPropertyTable, Reserved, pInParams,
          pInPropertyList, cbInPropertyListSize, pOutParams);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetPropertyParameterBlockEx(HKEY hkeyClusterKey,
                                                const PRESUTIL_PROPERTY_ITEM pPropertyTable, PVOID Reserved,
                                                const LPBYTE pInParams, const PVOID pInPropertyList,
                                                DWORD cbInPropertyListSize, BOOL bForceWrite,
                                                LPBYTE pOutParams)
{
    TRACE("(%p, %p, %p, %p, %p, %u, %d, %p)\n", hkeyClusterKey, pPropertyTable, Reserved, pInParams,
          pInPropertyList, cbInPropertyListSize, bForceWrite, pOutParams);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetUnknownProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                         const PVOID pInPropertyList, DWORD cbInPropertyListSize)
{
    TRACE("(%p, %p, %p, %u)\n", hkeyClusterKey, pPropertyTable, pInPropertyList, cbInPropertyListSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetPropertiesToParameterBlock(HKEY hkeyClusterKey,
                                                  const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                  LPBYTE pOutParams, BOOL bCheckForRequiredProperties,
                                                  LPWSTR *pszNameOfPropInError)
{
    TRACE("(%p, %p, %p, %d, %p)\n", hkeyClusterKey, pPropertyTable, pOutParams, bCheckForRequiredProperties,
          pszNameOfPropInError);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilAddUnknownProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                         PVOID pOutPropertyList, DWORD pcbOutPropertyListSize,
                                         LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %p, %u, %p, %p)\n", hkeyClusterKey, pPropertyTable, pOutPropertyList,
          pcbOutPropertyListSize, pcbBytesReturned, pcbRequired);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilSetPrivatePropertyList(HKEY hkeyClusterKey, const PVOID pInPropertyList,
                                           DWORD cbInPropertyListSize)
{
    TRACE("(%p, %p, %u)\n", hkeyClusterKey, pInPropertyList, cbInPropertyListSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

/* ---- Single values inside a property list ---- */

DWORD WINAPI ResUtilGetBinaryProperty(LPBYTE *ppbOutValue, LPDWORD pcbOutValueSize,
                                      const PCLUSPROP_BINARY pValueStruct, const LPBYTE pbOldValue,
                                      DWORD cbOldValueSize, LPBYTE *ppPropertyList,
                                      LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %p, %p, %u, %p, %p)\n", ppbOutValue, pcbOutValueSize, pValueStruct, pbOldValue,
          cbOldValueSize, ppPropertyList, pcbPropertyListSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetSzProperty(LPWSTR *ppszOutValue, const PCLUSPROP_SZ pValueStruct, LPCWSTR pszOldValue,
                                  LPBYTE *ppPropertyList, LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %s, %p, %p)\n", ppszOutValue, pValueStruct, debugstr_w(pszOldValue), ppPropertyList,
          pcbPropertyListSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetMultiSzProperty(LPWSTR *ppszOutValue, LPDWORD pcbOutValueSize,
                                       const PCLUSPROP_SZ pValueStruct, LPCWSTR pszOldValue,
                                       DWORD cbOldValueSize, LPBYTE *ppPropertyList,
                                       LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %p, %s, %u, %p, %p)\n", ppszOutValue, pcbOutValueSize, pValueStruct,
          debugstr_w(pszOldValue), cbOldValueSize, ppPropertyList, pcbPropertyListSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ResUtilGetDwordProperty(LPDWORD pdwOutValue, const PCLUSPROP_DWORD pValueStruct,
                                     DWORD dwOldValue, DWORD dwMinimum, DWORD dwMaximum,
                                     LPBYTE *ppPropertyList, LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %u, %u, %u, %p, %p)\n", pdwOutValue, pValueStruct, dwOldValue, dwMinimum, dwMaximum,
          ppPropertyList, pcbPropertyListSize);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

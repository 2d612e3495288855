/*
 * Resource utility library (resutils.dll) as shipped with Windows Server 2003:
 * the types and functions resource DLLs and cluster tools use.
 *
 * Written for wineclus from Microsoft's public documentation; only what the
 * resutils exports need, not the whole resource DLL interface.
 */

#ifndef _RESAPI_DEFINES_
#define _RESAPI_DEFINES_

#include <windef.h>
#include <winbase.h>
#include <winreg.h>
#include <winsvc.h>
#include "clusapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Resource DLL basics
 */
typedef PVOID  RESID;
typedef HANDLE RESOURCE_HANDLE;

typedef enum LOG_LEVEL
{
    LOG_INFORMATION,
    LOG_WARNING,
    LOG_ERROR,
    LOG_SEVERE
} LOG_LEVEL, *PLOG_LEVEL;

/* Variadic, so the caller cleans the stack whatever the declared convention. */
typedef VOID (WINAPIV *PLOG_EVENT_ROUTINE)(RESOURCE_HANDLE ResourceHandle, LOG_LEVEL LogLevel,
                                           LPCWSTR FormatString, ...);

typedef struct RESOURCE_STATUS
{
    CLUSTER_RESOURCE_STATE ResourceState;
    DWORD                  CheckPoint;
    DWORD                  WaitHint;
    HANDLE                 EventHandle;
} RESOURCE_STATUS, *PRESOURCE_STATUS;

typedef DWORD (WINAPI *PSET_RESOURCE_STATUS_ROUTINE)(RESOURCE_HANDLE ResourceHandle,
                                                     PRESOURCE_STATUS ResourceStatus);
typedef VOID (WINAPI *PQUORUM_RESOURCE_LOST)(RESOURCE_HANDLE Resource);

typedef enum RESOURCE_EXIT_STATE
{
    ResourceExitStateContinue = 0,
    ResourceExitStateTerminate,
    ResourceExitStateMax
} RESOURCE_EXIT_STATE;

/* ------------------------------------------------------------------------
 * Worker threads
 */
typedef struct CLUS_WORKER
{
    HANDLE hThread;
    BOOL   Terminate;
} CLUS_WORKER, *PCLUS_WORKER;

typedef DWORD (WINAPI *PWORKER_START_ROUTINE)(PCLUS_WORKER pWorker, LPVOID lpThreadParameter);

/* ------------------------------------------------------------------------
 * Property tables
 */
typedef struct RESUTIL_LARGEINT_DATA
{
    LARGE_INTEGER Default;
    LARGE_INTEGER Minimum;
    LARGE_INTEGER Maximum;
} RESUTIL_LARGEINT_DATA, *PRESUTIL_LARGEINT_DATA;

typedef struct RESUTIL_ULARGEINT_DATA
{
    ULARGE_INTEGER Default;
    ULARGE_INTEGER Minimum;
    ULARGE_INTEGER Maximum;
} RESUTIL_ULARGEINT_DATA, *PRESUTIL_ULARGEINT_DATA;

#define RESUTIL_PROPITEM_READ_ONLY 0x00000001
#define RESUTIL_PROPITEM_REQUIRED  0x00000002
#define RESUTIL_PROPITEM_SIGNED    0x00000004

/* One entry of a table that maps a property to a registry value and to a
 * field (at Offset) of the caller's parameter block; a NULL Name ends it. */
typedef struct RESUTIL_PROPERTY_ITEM
{
    LPWSTR Name;
    LPWSTR KeyName;
    DWORD  Format;
    union
    {
        DWORD_PTR               DefaultPtr;
        DWORD                   Default;
        LPVOID                  lpDefault;
        PRESUTIL_LARGEINT_DATA  LargeIntData;
        PRESUTIL_ULARGEINT_DATA ULargeIntData;
    } DUMMYUNIONNAME;
    DWORD  Minimum;
    DWORD  Maximum;
    DWORD  Flags;
    DWORD  Offset;
} RESUTIL_PROPERTY_ITEM, *PRESUTIL_PROPERTY_ITEM;

#define RESUTIL_ENTRY(name, key, fmt, def, min, max, flags, offset) \
    { name, key, fmt, { (DWORD_PTR)(def) }, min, max, flags, offset }

/* The SDK declares the enumeration callbacks without WINAPI: the
 * compiler's default, cdecl, spelt out for winelib (Windows' x64 ABI on
 * x86_64, not the host's). */
typedef DWORD (__cdecl *LPRESOURCE_CALLBACK)(HRESOURCE hSelf, HRESOURCE hResource, PVOID pParameter);
typedef DWORD (__cdecl *LPRESOURCE_CALLBACK_EX)(HCLUSTER hCluster, HRESOURCE hSelf, HRESOURCE hResource,
                                                PVOID pParameter);

/* ------------------------------------------------------------------------
 * Functions exported by the Windows Server 2003 resutils.dll
 */

/* Worker threads */
DWORD   WINAPI ClusWorkerCreate(PCLUS_WORKER lpWorker, PWORKER_START_ROUTINE lpStartAddress, PVOID lpParameter);
BOOL    WINAPI ClusWorkerCheckTerminate(PCLUS_WORKER lpWorker);
VOID    WINAPI ClusWorkerTerminate(PCLUS_WORKER lpWorker);
/* Exported but undocumented: public debugger stack traces show it at the base
 * of worker threads, so it is declared as a thread entry point. */
DWORD   WINAPI ClusWorkerStart(LPVOID lpThreadParameter);

/* Resources */
BOOL    WINAPI ResUtilResourcesEqual(HRESOURCE hSelf, HRESOURCE hResource);
BOOL    WINAPI ResUtilResourceTypesEqual(LPCWSTR lpszResourceTypeName, HRESOURCE hResource);
BOOL    WINAPI ResUtilIsResourceClassEqual(PCLUS_RESOURCE_CLASS_INFO prci, HRESOURCE hResource);
DWORD   WINAPI ResUtilEnumResources(HRESOURCE hSelf, LPCWSTR lpszResTypeName, LPRESOURCE_CALLBACK pResCallBack,
                                    PVOID pParameter);
DWORD   WINAPI ResUtilEnumResourcesEx(HCLUSTER hCluster, HRESOURCE hSelf, LPCWSTR lpszResTypeName,
                                      LPRESOURCE_CALLBACK_EX pResCallBack, PVOID pParameter);
HRESOURCE WINAPI ResUtilGetResourceDependency(HANDLE hSelf, LPCWSTR lpszResourceType);
HRESOURCE WINAPI ResUtilGetResourceDependencyByName(HCLUSTER hCluster, HANDLE hSelf, LPCWSTR lpszResourceType,
                                                    BOOL bRecurse);
HRESOURCE WINAPI ResUtilGetResourceDependencyByClass(HCLUSTER hCluster, HANDLE hSelf,
                                                     PCLUS_RESOURCE_CLASS_INFO prci, BOOL bRecurse);
HRESOURCE WINAPI ResUtilGetResourceNameDependency(LPCWSTR lpszResourceName, LPCWSTR lpszResourceType);
DWORD   WINAPI ResUtilGetResourceDependentIPAddressProps(HRESOURCE hResource, LPWSTR pszAddress,
                                                         DWORD *pcchAddress, LPWSTR pszSubnetMask,
                                                         DWORD *pcchSubnetMask, LPWSTR pszNetwork,
                                                         DWORD *pcchNetwork);
DWORD   WINAPI ResUtilFindDependentDiskResourceDriveLetter(HCLUSTER hCluster, HRESOURCE hResource,
                                                           LPWSTR pszDriveLetter, DWORD *pcchDriveLetter);
DWORD   WINAPI ResUtilGetCoreClusterResources(HCLUSTER hCluster, HRESOURCE *phClusterNameResource,
                                              HRESOURCE *phClusterIPAddressResource,
                                              HRESOURCE *phClusterQuorumResource);
DWORD   WINAPI ResUtilGetResourceName(HRESOURCE hResource, PWSTR pszResourceName, DWORD *pcchResourceNameInOut);

/* Services */
DWORD   WINAPI ResUtilStartResourceService(LPCWSTR pszServiceName, LPSC_HANDLE phServiceHandle);
DWORD   WINAPI ResUtilVerifyResourceService(LPCWSTR pszServiceName);
DWORD   WINAPI ResUtilStopResourceService(LPCWSTR pszServiceName);
DWORD   WINAPI ResUtilVerifyService(SC_HANDLE hServiceHandle);
DWORD   WINAPI ResUtilStopService(SC_HANDLE hServiceHandle);
DWORD   WINAPI ResUtilSetResourceServiceEnvironment(LPCWSTR pszServiceName, HRESOURCE hResource,
                                                    PLOG_EVENT_ROUTINE pfnLogEvent,
                                                    RESOURCE_HANDLE hResourceHandle);
DWORD   WINAPI ResUtilSetResourceServiceStartParameters(LPCWSTR pszServiceName, SC_HANDLE schSCMHandle,
                                                        LPSC_HANDLE phService, PLOG_EVENT_ROUTINE pfnLogEvent,
                                                        RESOURCE_HANDLE hResourceHandle);
DWORD   WINAPI ResUtilTerminateServiceProcessFromResDll(DWORD dwServicePid, BOOL bOffline,
                                                        PDWORD pdwResourceState, PLOG_EVENT_ROUTINE pfnLogEvent,
                                                        RESOURCE_HANDLE hResourceHandle);
LPVOID  WINAPI ResUtilGetEnvironmentWithNetName(HRESOURCE hResource);
DWORD   WINAPI ResUtilFreeEnvironment(LPVOID lpEnvironment);

/* Strings and paths */
LPWSTR  WINAPI ResUtilDupString(LPCWSTR pszInString);
LPWSTR  WINAPI ResUtilExpandEnvironmentStrings(LPCWSTR pszSrc);
BOOL    WINAPI ResUtilIsPathValid(LPCWSTR pszPath);
DWORD   WINAPI ResUtilCreateDirectoryTree(LPCWSTR pszPath);

/* Registry values */
DWORD   WINAPI ResUtilGetBinaryValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPBYTE *ppbOutValue,
                                     LPDWORD pcbOutValueSize);
LPWSTR  WINAPI ResUtilGetSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName);
DWORD   WINAPI ResUtilGetDwordValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPDWORD pdwOutValue,
                                    DWORD dwDefaultValue);
DWORD   WINAPI ResUtilSetBinaryValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, const LPBYTE pbNewValue,
                                     DWORD cbNewValueSize, LPBYTE *ppbOutValue, LPDWORD pcbOutValueSize);
DWORD   WINAPI ResUtilSetSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                 LPWSTR *ppszOutString);
DWORD   WINAPI ResUtilSetExpandSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                       LPWSTR *ppszOutString);
DWORD   WINAPI ResUtilSetMultiSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                      DWORD cbNewValueSize, LPWSTR *ppszOutValue, LPDWORD pcbOutValueSize);
DWORD   WINAPI ResUtilSetDwordValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, DWORD dwNewValue,
                                    LPDWORD pdwOutValue);

/* Property lists and property tables */
DWORD   WINAPI ResUtilEnumProperties(const PRESUTIL_PROPERTY_ITEM pPropertyTable, LPWSTR pszOutProperties,
                                     DWORD cbOutPropertiesSize, LPDWORD pcbBytesReturned, LPDWORD pcbRequired);
DWORD   WINAPI ResUtilEnumPrivateProperties(HKEY hkeyClusterKey, LPWSTR pszOutProperties,
                                            DWORD cbOutPropertiesSize, LPDWORD pcbBytesReturned,
                                            LPDWORD pcbRequired);
DWORD   WINAPI ResUtilGetProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                    PVOID pOutPropertyList, DWORD cbOutPropertyListSize,
                                    LPDWORD pcbBytesReturned, LPDWORD pcbRequired);
DWORD   WINAPI ResUtilGetAllProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                       PVOID pOutPropertyList, DWORD cbOutPropertyListSize,
                                       LPDWORD pcbBytesReturned, LPDWORD pcbRequired);
DWORD   WINAPI ResUtilGetPrivateProperties(HKEY hkeyClusterKey, PVOID pOutPropertyList,
                                           DWORD cbOutPropertyListSize, LPDWORD pcbBytesReturned,
                                           LPDWORD pcbRequired);
DWORD   WINAPI ResUtilGetPropertySize(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTableItem,
                                      LPDWORD pcbOutPropertyListSize, LPDWORD pnPropertyCount);
DWORD   WINAPI ResUtilGetProperty(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTableItem,
                                  PVOID *pOutPropertyItem, LPDWORD pcbOutPropertyItemSize);
DWORD   WINAPI ResUtilVerifyPropertyTable(const PRESUTIL_PROPERTY_ITEM pPropertyTable, PVOID Reserved,
                                          BOOL bAllowUnknownProperties, const PVOID pInPropertyList,
                                          DWORD cbInPropertyListSize, LPBYTE pOutParams);
DWORD   WINAPI ResUtilSetPropertyTable(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                       PVOID Reserved, BOOL bAllowUnknownProperties,
                                       const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                       LPBYTE pOutParams);
DWORD   WINAPI ResUtilSetPropertyTableEx(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                         PVOID Reserved, BOOL bAllowUnknownProperties,
                                         const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                         BOOL bForceWrite, LPBYTE pOutParams);
DWORD   WINAPI ResUtilSetPropertyParameterBlock(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                PVOID Reserved, const LPBYTE pInParams,
                                                const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                                LPBYTE pOutParams);
DWORD   WINAPI ResUtilSetPropertyParameterBlockEx(HKEY hkeyClusterKey,
                                                  const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                  PVOID Reserved, const LPBYTE pInParams,
                                                  const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                                  BOOL bForceWrite, LPBYTE pOutParams);
DWORD   WINAPI ResUtilSetUnknownProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                           const PVOID pInPropertyList, DWORD cbInPropertyListSize);
DWORD   WINAPI ResUtilGetPropertiesToParameterBlock(HKEY hkeyClusterKey,
                                                    const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                    LPBYTE pOutParams, BOOL bCheckForRequiredProperties,
                                                    LPWSTR *pszNameOfPropInError);
DWORD   WINAPI ResUtilPropertyListFromParameterBlock(const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                     PVOID pOutPropertyList, LPDWORD pcbOutPropertyListSize,
                                                     const LPBYTE pInParams, LPDWORD pcbBytesReturned,
                                                     LPDWORD pcbRequired);
DWORD   WINAPI ResUtilDupParameterBlock(LPBYTE pOutParams, const LPBYTE pInParams,
                                        const PRESUTIL_PROPERTY_ITEM pPropertyTable);
void    WINAPI ResUtilFreeParameterBlock(LPBYTE pOutParams, const LPBYTE pInParams,
                                         const PRESUTIL_PROPERTY_ITEM pPropertyTable);
DWORD   WINAPI ResUtilAddUnknownProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                           PVOID pOutPropertyList, DWORD pcbOutPropertyListSize,
                                           LPDWORD pcbBytesReturned, LPDWORD pcbRequired);
DWORD   WINAPI ResUtilSetPrivatePropertyList(HKEY hkeyClusterKey, const PVOID pInPropertyList,
                                             DWORD cbInPropertyListSize);
DWORD   WINAPI ResUtilVerifyPrivatePropertyList(const PVOID pInPropertyList, DWORD cbInPropertyListSize);
DWORD   WINAPI ResUtilGetPropertyFormats(const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                         PVOID pOutPropertyFormatList, DWORD cbPropertyFormatListSize,
                                         LPDWORD pcbBytesReturned, LPDWORD pcbRequired);

/* Single values inside a property list */
DWORD   WINAPI ResUtilFindSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                     LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue);
DWORD   WINAPI ResUtilFindExpandSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                           LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue);
DWORD   WINAPI ResUtilFindExpandedSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                             LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue);
DWORD   WINAPI ResUtilFindDwordProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                        LPCWSTR pszPropertyName, LPDWORD pdwPropertyValue);
DWORD   WINAPI ResUtilFindBinaryProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                         LPCWSTR pszPropertyName, LPBYTE *pbPropertyValue,
                                         LPDWORD pcbPropertyValueSize);
DWORD   WINAPI ResUtilFindMultiSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                          LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue,
                                          LPDWORD pcbPropertyValueSize);
DWORD   WINAPI ResUtilFindLongProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                       LPCWSTR pszPropertyName, LPLONG plPropertyValue);
DWORD   WINAPI ResUtilGetBinaryProperty(LPBYTE *ppbOutValue, LPDWORD pcbOutValueSize,
                                        const PCLUSPROP_BINARY pValueStruct, const LPBYTE pbOldValue,
                                        DWORD cbOldValueSize, LPBYTE *ppPropertyList,
                                        LPDWORD pcbPropertyListSize);
DWORD   WINAPI ResUtilGetSzProperty(LPWSTR *ppszOutValue, const PCLUSPROP_SZ pValueStruct, LPCWSTR pszOldValue,
                                    LPBYTE *ppPropertyList, LPDWORD pcbPropertyListSize);
DWORD   WINAPI ResUtilGetMultiSzProperty(LPWSTR *ppszOutValue, LPDWORD pcbOutValueSize,
                                         const PCLUSPROP_SZ pValueStruct, LPCWSTR pszOldValue,
                                         DWORD cbOldValueSize, LPBYTE *ppPropertyList,
                                         LPDWORD pcbPropertyListSize);
DWORD   WINAPI ResUtilGetDwordProperty(LPDWORD pdwOutValue, const PCLUSPROP_DWORD pValueStruct,
                                       DWORD dwOldValue, DWORD dwMinimum, DWORD dwMaximum,
                                       LPBYTE *ppPropertyList, LPDWORD pcbPropertyListSize);

#ifdef __cplusplus
}
#endif

#endif /* _RESAPI_DEFINES_ */

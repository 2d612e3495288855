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

DWORD WINAPI SetClusterNetworkPriorityOrder(HCLUSTER hCluster, DWORD NetworkCount, HNETWORK *NetworkList)
{
    TRACE("(%p, %u, %p)\n", hCluster, NetworkCount, NetworkList);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

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

/* ---- Networks ---- */

HNETWORK WINAPI OpenClusterNetwork(HCLUSTER hCluster, LPCWSTR lpszNetworkName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszNetworkName));
    STUB_FAIL(NULL);
}

BOOL WINAPI CloseClusterNetwork(HNETWORK hNetwork)
{
    TRACE("(%p)\n", hNetwork);
    STUB_FAIL(FALSE);
}

HCLUSTER WINAPI GetClusterFromNetwork(HNETWORK hNetwork)
{
    TRACE("(%p)\n", hNetwork);
    STUB_FAIL(NULL);
}

HNETWORKENUM WINAPI ClusterNetworkOpenEnum(HNETWORK hNetwork, DWORD dwType)
{
    TRACE("(%p, %#x)\n", hNetwork, dwType);
    STUB_FAIL(NULL);
}

DWORD WINAPI ClusterNetworkGetEnumCount(HNETWORKENUM hNetworkEnum)
{
    TRACE("(%p)\n", hNetworkEnum);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ClusterNetworkEnum(HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                LPDWORD lpcchName)
{
    TRACE("(%p, %u, %p, %p, %p)\n", hNetworkEnum, dwIndex, lpdwType, lpszName, lpcchName);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ClusterNetworkCloseEnum(HNETWORKENUM hNetworkEnum)
{
    TRACE("(%p)\n", hNetworkEnum);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

CLUSTER_NETWORK_STATE WINAPI GetClusterNetworkState(HNETWORK hNetwork)
{
    TRACE("(%p)\n", hNetwork);
    STUB_FAIL(ClusterNetworkStateUnknown);
}

DWORD WINAPI SetClusterNetworkName(HNETWORK hNetwork, LPCWSTR lpszName)
{
    TRACE("(%p, %s)\n", hNetwork, debugstr_w(lpszName));
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI GetClusterNetworkId(HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchName)
{
    TRACE("(%p, %p, %p)\n", hNetwork, lpszNetworkId, lpcchName);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

DWORD WINAPI ClusterNetworkControl(HNETWORK hNetwork, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                                   DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                                   LPDWORD lpBytesReturned)
{
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hNetwork, hHostNode, dwControlCode, lpInBuffer,
          nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);
    /* No network exists, so no handle can be one: nothing to ask a code of. */
    return ERROR_INVALID_HANDLE;
}

/* ---- Network interfaces ---- */

HNETINTERFACE WINAPI OpenClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszInterfaceName)
{
    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszInterfaceName));
    STUB_FAIL(NULL);
}

DWORD WINAPI GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                    LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName)
{
    TRACE("(%p, %s, %s, %p, %p)\n", hCluster, debugstr_w(lpszNodeName), debugstr_w(lpszNetworkName),
          lpszInterfaceName, lpcchInterfaceName);
    STUB_RETURN(ERROR_CALL_NOT_IMPLEMENTED);
}

BOOL WINAPI CloseClusterNetInterface(HNETINTERFACE hNetInterface)
{
    TRACE("(%p)\n", hNetInterface);
    STUB_FAIL(FALSE);
}

HCLUSTER WINAPI GetClusterFromNetInterface(HNETINTERFACE hNetInterface)
{
    TRACE("(%p)\n", hNetInterface);
    STUB_FAIL(NULL);
}

CLUSTER_NETINTERFACE_STATE WINAPI GetClusterNetInterfaceState(HNETINTERFACE hNetInterface)
{
    TRACE("(%p)\n", hNetInterface);
    STUB_FAIL(ClusterNetInterfaceStateUnknown);
}

DWORD WINAPI ClusterNetInterfaceControl(HNETINTERFACE hNetInterface, HNODE hHostNode, DWORD dwControlCode,
                                        LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
                                        DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hNetInterface, hHostNode, dwControlCode, lpInBuffer,
          nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);
    /* No network exists, so no handle can be one: nothing to ask a code of. */
    return ERROR_INVALID_HANDLE;
}

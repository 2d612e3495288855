/*
 * The service helpers, through the service control manager: starting a
 * service and waiting until it runs, stopping one and waiting until it has
 * stopped, checking that one runs, and preparing one for the cluster.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* How long a service may take to start or stop, and how often to look. */
#define SERVICE_WAIT_MS 60000
#define SERVICE_POLL_MS 100

static DWORD open_service(const WCHAR *name, DWORD access, SC_HANDLE *service)
{
    SC_HANDLE scm;
    DWORD err = ERROR_SUCCESS;

    *service = NULL;
    if (!name || !*name) return ERROR_INVALID_PARAMETER;
    if (!(scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT))) return GetLastError();
    if (!(*service = OpenServiceW(scm, name, access))) err = GetLastError();
    CloseServiceHandle(scm);
    return err;
}

/* Polls until the service is in `want`; ERROR_TIMEOUT if it takes too long,
 * ERROR_SERVICE_NOT_ACTIVE if it stopped when it was to run. */
static DWORD wait_for_state(SC_HANDLE service, DWORD want)
{
    DWORD waited;

    for (waited = 0; ; waited += SERVICE_POLL_MS)
    {
        SERVICE_STATUS status;

        if (!QueryServiceStatus(service, &status)) return GetLastError();
        if (status.dwCurrentState == want) return ERROR_SUCCESS;
        if (want == SERVICE_RUNNING && status.dwCurrentState == SERVICE_STOPPED)
            return status.dwWin32ExitCode == ERROR_SERVICE_SPECIFIC_ERROR ? status.dwServiceSpecificExitCode
                 : status.dwWin32ExitCode ? status.dwWin32ExitCode : ERROR_SERVICE_NOT_ACTIVE;
        if (waited >= SERVICE_WAIT_MS) return ERROR_TIMEOUT;
        Sleep(SERVICE_POLL_MS);
    }
}

DWORD WINAPI ResUtilStartResourceService(LPCWSTR pszServiceName, LPSC_HANDLE phServiceHandle)
{
    SC_HANDLE service;
    DWORD err;

    TRACE("(%s, %p)\n", debugstr_w(pszServiceName), phServiceHandle);

    if ((err = open_service(pszServiceName, SERVICE_START | SERVICE_STOP | SERVICE_QUERY_STATUS, &service)))
        return err;
    /* A service that runs already is what the caller wants. */
    if (!StartServiceW(service, 0, NULL) && (err = GetLastError()) == ERROR_SERVICE_ALREADY_RUNNING)
        err = ERROR_SUCCESS;
    if (!err) err = wait_for_state(service, SERVICE_RUNNING);
    if (!err && phServiceHandle) *phServiceHandle = service;
    else CloseServiceHandle(service);
    return err;
}

DWORD WINAPI ResUtilVerifyService(SC_HANDLE hServiceHandle)
{
    SERVICE_STATUS status;

    TRACE("(%p)\n", hServiceHandle);

    if (!QueryServiceStatus(hServiceHandle, &status)) return GetLastError();
    switch (status.dwCurrentState)
    {
    case SERVICE_RUNNING:
    case SERVICE_START_PENDING:
    case SERVICE_CONTINUE_PENDING:
        return ERROR_SUCCESS;
    default:
        return ERROR_SERVICE_NOT_ACTIVE;
    }
}

DWORD WINAPI ResUtilVerifyResourceService(LPCWSTR pszServiceName)
{
    SC_HANDLE service;
    DWORD err;

    TRACE("(%s)\n", debugstr_w(pszServiceName));

    if ((err = open_service(pszServiceName, SERVICE_QUERY_STATUS, &service))) return err;
    err = ResUtilVerifyService(service);
    CloseServiceHandle(service);
    return err;
}

DWORD WINAPI ResUtilStopService(SC_HANDLE hServiceHandle)
{
    SERVICE_STATUS status;
    DWORD err = ERROR_SUCCESS;

    TRACE("(%p)\n", hServiceHandle);

    /* A service that is not running is stopped already. */
    if (!ControlService(hServiceHandle, SERVICE_CONTROL_STOP, &status) &&
        (err = GetLastError()) == ERROR_SERVICE_NOT_ACTIVE)
        err = ERROR_SUCCESS;
    if (!err) err = wait_for_state(hServiceHandle, SERVICE_STOPPED);
    return err;
}

DWORD WINAPI ResUtilStopResourceService(LPCWSTR pszServiceName)
{
    SC_HANDLE service;
    DWORD err;

    TRACE("(%s)\n", debugstr_w(pszServiceName));

    if ((err = open_service(pszServiceName, SERVICE_STOP | SERVICE_QUERY_STATUS, &service))) return err;
    err = ResUtilStopService(service);
    CloseServiceHandle(service);
    return err;
}

/* The cluster, not the service control manager, starts and restarts a
 * clustered service: it is set to start on demand, with no recovery
 * actions of its own. */
DWORD WINAPI ResUtilSetResourceServiceStartParameters(LPCWSTR pszServiceName, SC_HANDLE schSCMHandle,
                                                      LPSC_HANDLE phService, PLOG_EVENT_ROUTINE pfnLogEvent,
                                                      RESOURCE_HANDLE hResourceHandle)
{
    SERVICE_FAILURE_ACTIONSW actions = { 0 };
    SC_HANDLE service;
    DWORD err = ERROR_SUCCESS;

    TRACE("(%s, %p, %p, %p, %p)\n", debugstr_w(pszServiceName), schSCMHandle, phService, pfnLogEvent,
          hResourceHandle);

    if (!pszServiceName || !schSCMHandle || !phService) return ERROR_INVALID_PARAMETER;
    *phService = NULL;
    if (!(service = OpenServiceW(schSCMHandle, pszServiceName, SERVICE_ALL_ACCESS))) return GetLastError();
    if (!ChangeServiceConfigW(service, SERVICE_NO_CHANGE, SERVICE_DEMAND_START, SERVICE_NO_CHANGE, NULL, NULL,
                              NULL, NULL, NULL, NULL, NULL) ||
        !ChangeServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS, &actions))
        err = GetLastError();
    if (err) CloseServiceHandle(service);
    else *phService = service;
    return err;
}

/* The cluster's answer to a service that must go: its process ends, and
 * the resource is offline if that was asked for, failed otherwise. */
DWORD WINAPI ResUtilTerminateServiceProcessFromResDll(DWORD dwServicePid, BOOL bOffline,
                                                      PDWORD pdwResourceState, PLOG_EVENT_ROUTINE pfnLogEvent,
                                                      RESOURCE_HANDLE hResourceHandle)
{
    HANDLE process;
    DWORD err = ERROR_SUCCESS;

    TRACE("(%u, %d, %p, %p, %p)\n", dwServicePid, bOffline, pdwResourceState, pfnLogEvent, hResourceHandle);

    if (!(process = OpenProcess(PROCESS_TERMINATE, FALSE, dwServicePid))) err = GetLastError();
    else
    {
        if (!TerminateProcess(process, ERROR_PROCESS_ABORTED)) err = GetLastError();
        CloseHandle(process);
    }
    if (!err && pdwResourceState) *pdwResourceState = bOffline ? ClusterResourceOffline : ClusterResourceFailed;
    return err;
}

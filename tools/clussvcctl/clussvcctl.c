/*
 * clussvcctl.exe: what a node's cluster service (a Linux process) needs
 * done with a Windows service of the node's Wine prefix for a Generic
 * Service resource.  Run by the cluster service with the prefix's Wine:
 *
 *   clussvcctl.exe watch NAME   start NAME (running already is fine), then
 *                               stay while it runs: the exit is the cluster
 *                               service's sign that it stopped (IsAlive)
 *   clussvcctl.exe stop NAME    stop NAME and wait until it has stopped
 *
 * While `watch` runs, the prefix has an ordinary program, so its wineserver
 * keeps services.exe (and the service) running.  Exit codes: 0 stopped as
 * asked (stop) or the service stopped by itself (watch: after running),
 * otherwise the Win32 error, so that the service's log can name it.
 * docs/cluster-service.md, "Generic Service".
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

/* How long a start or a stop may take before the resource is failed. */
#define PENDING_WAIT_MS 30000
#define POLL_MS 250

static DWORD wait_while(SC_HANDLE svc, DWORD pending, SERVICE_STATUS *st)
{
    DWORD waited = 0;

    for (;;)
    {
        if (!QueryServiceStatus(svc, st)) return GetLastError();
        if (st->dwCurrentState != pending || waited >= PENDING_WAIT_MS) return 0;
        Sleep(POLL_MS);
        waited += POLL_MS;
    }
}

static DWORD watch(SC_HANDLE svc)
{
    SERVICE_STATUS st;
    DWORD err;

    if (!StartServiceA(svc, 0, NULL) && (err = GetLastError()) != ERROR_SERVICE_ALREADY_RUNNING) return err;
    if ((err = wait_while(svc, SERVICE_START_PENDING, &st))) return err;
    if (st.dwCurrentState != SERVICE_RUNNING) return ERROR_SERVICE_REQUEST_TIMEOUT;
    printf("running\n");
    fflush(stdout);
    while (QueryServiceStatus(svc, &st) && st.dwCurrentState != SERVICE_STOPPED) Sleep(POLL_MS);
    return 0;
}

static DWORD stop(SC_HANDLE svc)
{
    SERVICE_STATUS st;
    DWORD err;

    if (!ControlService(svc, SERVICE_CONTROL_STOP, &st) && (err = GetLastError()) != ERROR_SERVICE_NOT_ACTIVE)
        return err;
    if ((err = wait_while(svc, SERVICE_STOP_PENDING, &st))) return err;
    return st.dwCurrentState == SERVICE_STOPPED ? 0 : ERROR_SERVICE_REQUEST_TIMEOUT;
}

int main(int argc, char **argv)
{
    SC_HANDLE scm, svc;
    int watching;
    DWORD err;

    if (argc != 3 || (strcmp(argv[1], "watch") && strcmp(argv[1], "stop")))
    {
        fprintf(stderr, "usage: clussvcctl.exe watch|stop SERVICE-NAME\n");
        return ERROR_INVALID_PARAMETER;
    }
    watching = !strcmp(argv[1], "watch");
    if (!(scm = OpenSCManagerA(NULL, NULL, SC_MANAGER_CONNECT)))
        err = GetLastError();
    else if (!(svc = OpenServiceA(scm, argv[2], SERVICE_START | SERVICE_STOP | SERVICE_QUERY_STATUS)))
        err = GetLastError();
    else
    {
        err = watching ? watch(svc) : stop(svc);
        CloseServiceHandle(svc);
    }
    if (scm) CloseServiceHandle(scm);
    if (err) fprintf(stderr, "clussvcctl: %s %s: error %lu\n", argv[1], argv[2], err);
    return (int)err;
}

/*
 * make bench: how long a change made by one process takes to come out of
 * GetClusterNotify in another, and whether a burst of changes all come out,
 * once each.  The changer is this program run again ("change N PACE_MS"): it
 * renames a group N times, each name carrying its number and the
 * QueryPerformanceCounter reading taken just before the call (the counter
 * is the system's monotonic clock, one for every process).
 *
 * Prints, in report.h's form, "notify_latency calls=N median_us=.." for
 * paced changes and "notify_count changes=N received=N lost=N duplicated=N
 * seconds=S" for a burst; exits 1 if any was lost or duplicated.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <clusapi.h>

#include "report.h"

static const WCHAR group_name[] = L"wineclus notify bench";

static LONGLONG qpc(void)
{
    LARGE_INTEGER t;

    QueryPerformanceCounter(&t);
    return t.QuadPart;
}

static int changer(int n, int pace)
{
    HCLUSTER cluster = OpenCluster(NULL);
    HGROUP group = cluster ? OpenClusterGroup(cluster, group_name) : NULL;
    WCHAR name[64];
    int i;

    if (!group) return 1;
    for (i = 0; i < n; i++)
    {
        swprintf(name, ARRAYSIZE(name), L"nb %d %lld", i, qpc());
        if (SetClusterGroupName(group, name)) return 1;
        if (pace) Sleep(pace);
    }
    SetClusterGroupName(group, group_name);
    CloseClusterGroup(group);
    CloseCluster(cluster);
    return 0;
}

/* Runs the changer and takes n renames from port; returns how many were
 * lost or seen twice. */
static int follow(HCHANGE port, const char *self, int n, int pace, double *latency_us)
{
    double freq;
    LARGE_INTEGER f;
    PROCESS_INFORMATION pi;
    STARTUPINFOA si;
    char cmd[MAX_PATH + 64];
    unsigned char *seen = calloc(n, 1);
    int got = 0, bad, i, dup = 0;
    LONGLONG start = qpc(), sent;
    WCHAR name[128];
    DWORD_PTR key;
    DWORD filter, len, err;

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    QueryPerformanceFrequency(&f);
    freq = (double)f.QuadPart;
    snprintf(cmd, sizeof(cmd), "\"%s\" change %d %d", self, n, pace);
    if (!seen || !CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        printf("notify: cannot start the changer (%lu)\n", GetLastError());
        return n;
    }
    while (got < n)
    {
        len = ARRAYSIZE(name);
        if ((err = GetClusterNotify(port, &key, &filter, name, &len, 60000)))
        {
            printf("notify: GetClusterNotify: %lu after %d events\n", err, got);
            break;
        }
        if (swscanf(name, L"nb %d %lld", &i, &sent) != 2 || i < 0 || i >= n) continue;
        if (seen[i]++) { dup++; continue; }
        if (latency_us) latency_us[got] = (double)(qpc() - sent) * 1e6 / freq;
        got++;
    }
    WaitForSingleObject(pi.hProcess, 60000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    if (!latency_us)
        printf("notify_count changes=%d received=%d lost=%d duplicated=%d seconds=%.2f\n", n, got, n - got, dup,
               (double)(qpc() - start) / freq);
    bad = n - got + dup;
    free(seen);
    return bad;
}

int main(int argc, char **argv)
{
    int paced = argc > 1 ? atoi(argv[1]) : 200, burst = argc > 2 ? atoi(argv[2]) : 10000, bad;
    double *lat;
    HCLUSTER cluster;
    HGROUP group;
    HCHANGE port;

    if (argc > 3 && !strcmp(argv[1], "change")) return changer(atoi(argv[2]), atoi(argv[3]));
    if (!(cluster = OpenCluster(NULL)) || !(group = CreateClusterGroup(cluster, group_name)))
    {
        printf("notify: no cluster or group (%lu)\n", GetLastError());
        return 1;
    }
    port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, cluster, CLUSTER_CHANGE_GROUP_PROPERTY, 0);
    lat = malloc(sizeof(*lat) * (paced > 0 ? paced : 1));
    if (!port || !lat)
    {
        printf("notify: CreateClusterNotifyPort: %lu\n", GetLastError());
        return 1;
    }
    /* Paced changes, 10 ms apart: the latency of one change on its own. */
    bad = follow(port, argv[0], paced, 10, lat);
    if (!bad) report("notify_latency", lat, paced, lat[0], -1);
    /* Back to back: every one arrives, once. */
    bad += follow(port, argv[0], burst, 0, NULL);
    CloseClusterNotifyPort(port);
    DeleteClusterGroup(group);
    CloseClusterGroup(group);
    CloseCluster(cluster);
    free(lat);
    return bad ? 1 : 0;
}

/*
 * In-process cost of BackupClusterDatabase and OpenCluster/CloseCluster:
 * timed one call at a time inside one process, so Wine's start-up and the
 * first opening of the store (reported apart as "first") stay out of the
 * figures.  Built with the stock SDK, like the legacy tools it stands for.
 *
 *   inproc.exe BACKUP-FOLDER [CALLS]
 *
 * Prints one line per call, "NAME calls=N median_us=.. p99_us=.. max_us=..
 * first_us=.. [cpu_us=..]" (report.h), for tools/bench/bench.sh to pick up.
 */
#include <windows.h>
#include <clusapi.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"

static LARGE_INTEGER freq;

static double now_us(void)
{
    LARGE_INTEGER t;

    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1e6 / (double)freq.QuadPart;
}

/* The process's CPU time so far, in µs: Wine answers for the calling process
 * from the kernel's own accounting of all its threads. */
static double cpu_us(void)
{
    FILETIME created, ended, kernel, user;
    ULARGE_INTEGER k, u;

    if (!GetProcessTimes(GetCurrentProcess(), &created, &ended, &kernel, &user))
        return -1;
    k.LowPart = kernel.dwLowDateTime;
    k.HighPart = kernel.dwHighDateTime;
    u.LowPart = user.dwLowDateTime;
    u.HighPart = user.dwHighDateTime;
    return (double)(k.QuadPart + u.QuadPart) / 10;
}

static int time_open(double *t, int n)
{
    double first = 0, t0;
    HCLUSTER h;
    int i;

    for (i = -1; i < n; i++) {
        t0 = now_us();
        h = OpenCluster(NULL);
        if (!h) {
            printf("OpenCluster failed: error %lu\n", GetLastError());
            return 0;
        }
        CloseCluster(h);
        if (i < 0)
            first = now_us() - t0;
        else
            t[i] = now_us() - t0;
    }
    report("OpenCluster+CloseCluster", t, n, first, -1);
    return 1;
}

static int time_backup(const WCHAR *dir, double *t, int n)
{
    double first = 0, t0, cpu0 = -1, cpu;
    HCLUSTER h = OpenCluster(NULL);
    DWORD err;
    int i;

    if (!h) {
        printf("OpenCluster failed: error %lu\n", GetLastError());
        return 0;
    }
    for (i = -1; i < n; i++) {
        t0 = now_us();
        err = BackupClusterDatabase(h, dir);
        if (err) {
            printf("BackupClusterDatabase failed: error %lu\n", err);
            CloseCluster(h);
            return 0;
        }
        if (i < 0) {
            first = now_us() - t0;
            cpu0 = cpu_us();
        } else
            t[i] = now_us() - t0;
    }
    cpu = cpu0 < 0 ? -1 : (cpu_us() - cpu0) / n;
    CloseCluster(h);
    report("BackupClusterDatabase", t, n, first, cpu);
    return 1;
}

int main(int argc, char **argv)
{
    WCHAR dir[MAX_PATH];
    int n = argc > 2 ? atoi(argv[2]) : 1000;
    double *t;

    if (argc < 2 || n < 1 || !MultiByteToWideChar(CP_ACP, 0, argv[1], -1, dir, MAX_PATH)) {
        printf("usage: inproc.exe BACKUP-FOLDER [CALLS]\n");
        return 2;
    }
    QueryPerformanceFrequency(&freq);
    if (!(t = malloc(n * sizeof(*t))))
        return 1;
    /* Backups first: their first call opens the store, which "first" shows. */
    if (!time_backup(dir, t, n) || !time_open(t, n))
        return 1;
    free(t);
    return 0;
}

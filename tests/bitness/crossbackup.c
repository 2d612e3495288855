/*
 * crossbackup: one side of the 32-bit/64-bit same-store test (tests/run-tests.sh).
 * Built for both architectures with the stock SDK; one of each runs at once in
 * the same prefix.  Each round it creates a group of its own, backs the cluster
 * up into a folder of its own, and counts the other side's groups, which it
 * must see as soon as they exist: both go through one store.
 *
 * Usage: crossbackup.exe TAG OTHER ROUNDS DIR
 * Groups are named xb-TAG-round-NNN, sets written to DIR\TAG-NNN.  The two sides
 * meet at a group xb-TAG-ready before the rounds and xb-TAG-done after them,
 * so that the rounds overlap and the last count is the other side's whole set.
 * Prints one line per round, "TAG NNN saw K", and exits 0 when every call
 * succeeded, the other side's groups were seen during the rounds, and all of
 * them at the end.
 */
#include <windows.h>
#include <clusapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define WAIT_MS 120000

/* The groups whose names start with prefix; -1 when the enumeration fails. */
static int count_groups(HCLUSTER cluster, const WCHAR *prefix)
{
    WCHAR name[256];
    HCLUSENUM e;
    DWORD i, type, len, err;
    int n = 0;

    if (!(e = ClusterOpenEnum(cluster, CLUSTER_ENUM_GROUP))) return -1;
    for (i = 0;; i++)
    {
        len = ARRAYSIZE(name);
        err = ClusterEnum(e, i, &type, name, &len);
        if (err == ERROR_NO_MORE_ITEMS) break;
        if (err)
        {
            n = -1;
            break;
        }
        if (!wcsncmp(name, prefix, wcslen(prefix))) n++;
    }
    ClusterCloseEnum(e);
    return n;
}

static int create_group(HCLUSTER cluster, const WCHAR *name)
{
    HGROUP group = CreateClusterGroup(cluster, name);

    if (!group)
    {
        printf("CreateClusterGroup(%ls) failed: error %lu\n", name, GetLastError());
        return 0;
    }
    CloseClusterGroup(group);
    return 1;
}

/* Wait until the other side's group of that name exists. */
static int await_group(HCLUSTER cluster, const WCHAR *name)
{
    DWORD start = GetTickCount();
    int n;

    while ((n = count_groups(cluster, name)) == 0 && GetTickCount() - start < WAIT_MS) Sleep(20);
    if (n <= 0) printf("group %ls never appeared (%d)\n", name, n);
    return n > 0;
}

int wmain(int argc, WCHAR **argv)
{
    WCHAR name[300], other[300], dir[MAX_PATH];
    int rounds, i, seen = 0, max_seen = 0, ok = 1;
    HCLUSTER cluster;
    DWORD err;

    if (argc != 5 || (rounds = _wtoi(argv[3])) <= 0 || rounds > 999)
    {
        printf("Usage: crossbackup TAG OTHER ROUNDS DIR\n");
        return 2;
    }
    if (!(cluster = OpenCluster(NULL)))
    {
        printf("OpenCluster failed: error %lu\n", GetLastError());
        return 1;
    }
    swprintf(name, ARRAYSIZE(name), L"xb-%ls-ready", argv[1]);
    swprintf(other, ARRAYSIZE(other), L"xb-%ls-ready", argv[2]);
    if (!create_group(cluster, name) || !await_group(cluster, other)) return 1;
    swprintf(other, ARRAYSIZE(other), L"xb-%ls-round-", argv[2]);
    for (i = 0; i < rounds && ok; i++)
    {
        swprintf(name, ARRAYSIZE(name), L"xb-%ls-round-%03d", argv[1], i);
        swprintf(dir, ARRAYSIZE(dir), L"%ls\\%ls-%03d", argv[4], argv[1], i);
        if (!create_group(cluster, name)) ok = 0;
        else if (!CreateDirectoryW(dir, NULL))
        {
            printf("CreateDirectory(%ls) failed: error %lu\n", dir, GetLastError());
            ok = 0;
        }
        else if ((err = BackupClusterDatabase(cluster, dir)))
        {
            printf("BackupClusterDatabase(%ls) failed: error %lu\n", dir, err);
            ok = 0;
        }
        else if ((seen = count_groups(cluster, other)) < max_seen)
        {
            printf("round %d: saw %d of %ls's groups after %d\n", i, seen, argv[2], max_seen);
            ok = 0;
        }
        else
        {
            max_seen = seen;
            printf("%ls %03d saw %d\n", argv[1], i, seen);
        }
    }
    swprintf(name, ARRAYSIZE(name), L"xb-%ls-done", argv[1]);
    swprintf(other, ARRAYSIZE(other), L"xb-%ls-done", argv[2]);
    if (ok && (!create_group(cluster, name) || !await_group(cluster, other))) ok = 0;
    if (ok)
    {
        swprintf(other, ARRAYSIZE(other), L"xb-%ls-round-", argv[2]);
        seen = count_groups(cluster, other);
        printf("%ls: %d rounds, saw %d of %ls's groups during them, %d at the end\n",
               argv[1], rounds, max_seen, argv[2], seen);
        if (!max_seen || seen != rounds) ok = 0;
    }
    CloseCluster(cluster);
    return ok ? 0 : 1;
}

/*
 * Conformance tests of notification ports: CreateClusterNotifyPort,
 * RegisterClusterNotify, GetClusterNotify and CloseClusterNotifyPort, for
 * changes this process makes and changes another process makes.
 *
 * What is checked is what the ClusAPI reference documents: the key and
 * filter given back, lpszName by event type (the object's name; a registry
 * key's relative name), WAIT_TIMEOUT, ERROR_MORE_DATA with the length
 * needed, CLUSTER_CHANGE_HANDLE_CLOSE.  Everything the test makes it deletes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"

static const WCHAR group_name[] = L"wineclus notify group";
static const WCHAR renamed[] = L"wineclus notify renamed";
static const WCHAR child_group[] = L"wineclus notify child group";
static const WCHAR res_name[] = L"wineclus notify resource";
static const WCHAR key_name[] = L"wineclus notify";

/* The next event of the port within ms; its name in name (256 characters). */
static DWORD next_event(HCHANGE port, DWORD_PTR *key, DWORD *filter, WCHAR *name, DWORD ms)
{
    DWORD len = 256;

    *key = 0;
    *filter = 0;
    name[0] = 0;
    return GetClusterNotify(port, key, filter, name, &len, ms);
}

static void test_bad_handles(HCLUSTER cluster)
{
    DWORD_PTR key;
    DWORD filter, len = 10, err;
    WCHAR name[10];
    HCHANGE port;

    SetLastError(0xdeadbeef);
    port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, NULL, CLUSTER_CHANGE_ALL, 0);
    ok(!port, "port with no cluster\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "got %lu\n", GetLastError());
    err = GetClusterNotify(NULL, &key, &filter, name, &len, 0);
    ok(err == ERROR_INVALID_HANDLE, "GetClusterNotify(NULL): %lu\n", err);
    err = RegisterClusterNotify(NULL, CLUSTER_CHANGE_GROUP_STATE, cluster, 0);
    ok(err == ERROR_INVALID_HANDLE, "RegisterClusterNotify(NULL): %lu\n", err);
    SetLastError(0xdeadbeef);
    ok(!CloseClusterNotifyPort(NULL), "closed NULL\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "got %lu\n", GetLastError());
}

static void test_same_process(HCLUSTER cluster)
{
    WCHAR name[256];
    DWORD_PTR key, keys[2];
    DWORD filter, len, err;
    HCHANGE port, again;
    HGROUP group;
    HRESOURCE res;
    int i;

    port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, cluster,
                                   CLUSTER_CHANGE_GROUP_ADDED | CLUSTER_CHANGE_GROUP_DELETED |
                                   CLUSTER_CHANGE_GROUP_PROPERTY, 0x1234);
    ok(port != NULL, "CreateClusterNotifyPort: %lu\n", GetLastError());
    if (!port) return;
    err = next_event(port, &key, &filter, name, 0);
    ok(err == WAIT_TIMEOUT, "nothing changed yet: %lu\n", err);

    group = CreateClusterGroup(cluster, group_name);
    ok(group != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    if (!group)
    {
        CloseClusterNotifyPort(port);
        return;
    }
    /* A short buffer: the length needed, and the event is still there. */
    len = 3;
    err = GetClusterNotify(port, &key, &filter, name, &len, 5000);
    ok(err == ERROR_MORE_DATA, "short buffer: %lu\n", err);
    ok(len == wcslen(group_name), "needed %lu\n", len);
    err = next_event(port, &key, &filter, name, 5000);
    ok(!err, "GetClusterNotify: %lu\n", err);
    ok(key == 0x1234, "key %#Ix\n", key);
    ok(filter == CLUSTER_CHANGE_GROUP_ADDED, "filter %#lx\n", filter);
    ok(!wcscmp(name, group_name), "name %s\n", wine_dbgstr_w(name));

    /* An existing port adds a filter with its own key. */
    again = CreateClusterNotifyPort(port, cluster, CLUSTER_CHANGE_RESOURCE_ADDED, 0x55);
    ok(again == port, "added to %p, not %p (%lu)\n", again, port, GetLastError());
    res = CreateClusterResource(group, res_name, L"Generic Application", 0);
    ok(res != NULL, "CreateClusterResource: %lu\n", GetLastError());
    err = next_event(port, &key, &filter, name, 5000);
    ok(!err && key == 0x55 && filter == CLUSTER_CHANGE_RESOURCE_ADDED, "got %lu, key %#Ix, filter %#lx\n", err, key,
       filter);
    ok(!wcscmp(name, res_name), "name %s\n", wine_dbgstr_w(name));
    if (res)
    {
        ok(!DeleteClusterResource(res), "DeleteClusterResource\n");
        CloseClusterResource(res);
    }

    /* The group's own registration and the cluster's both hear a rename:
     * one event each, with their keys. */
    err = RegisterClusterNotify(port, CLUSTER_CHANGE_GROUP_PROPERTY | CLUSTER_CHANGE_HANDLE_CLOSE, group, 0x77);
    ok(!err, "RegisterClusterNotify: %lu\n", err);
    ok(!SetClusterGroupName(group, renamed), "SetClusterGroupName\n");
    for (i = 0; i < 2; i++)
    {
        err = next_event(port, &keys[i], &filter, name, 5000);
        ok(!err && filter == CLUSTER_CHANGE_GROUP_PROPERTY, "rename %d: %lu, filter %#lx\n", i, err, filter);
        ok(!wcscmp(name, renamed), "name %s\n", wine_dbgstr_w(name));
    }
    ok((keys[0] == 0x77 && keys[1] == 0x1234) || (keys[0] == 0x1234 && keys[1] == 0x77), "keys %#Ix %#Ix\n",
       keys[0], keys[1]);
    err = next_event(port, &key, &filter, name, 100);
    ok(err == WAIT_TIMEOUT, "a third rename event: %lu, filter %#lx, key %#Ix\n", err, filter, key);

    ok(!DeleteClusterGroup(group), "DeleteClusterGroup\n");
    err = next_event(port, &key, &filter, name, 5000);
    ok(!err && key == 0x1234 && filter == CLUSTER_CHANGE_GROUP_DELETED, "got %lu, key %#Ix, filter %#lx\n", err, key,
       filter);
    ok(!wcscmp(name, renamed), "name %s\n", wine_dbgstr_w(name));
    CloseClusterGroup(group);
    err = next_event(port, &key, &filter, name, 5000);
    ok(!err && key == 0x77 && filter == CLUSTER_CHANGE_HANDLE_CLOSE, "got %lu, key %#Ix, filter %#lx\n", err, key,
       filter);
    ok(!wcscmp(name, renamed), "name %s\n", wine_dbgstr_w(name));
    ok(CloseClusterNotifyPort(port), "CloseClusterNotifyPort: %lu\n", GetLastError());
}

static void test_registry(HCLUSTER cluster)
{
    WCHAR name[256];
    DWORD_PTR key;
    DWORD filter, disp, err, v = 1;
    HCHANGE port;
    HKEY root, sub;

    if (!(root = GetClusterKey(cluster, KEY_ALL_ACCESS)))
    {
        ok(0, "GetClusterKey: %lu\n", GetLastError());
        return;
    }
    err = ClusterRegCreateKey(root, key_name, 0, KEY_ALL_ACCESS, NULL, &sub, &disp);
    ok(!err, "ClusterRegCreateKey: %lu\n", err);
    if (err)
    {
        ClusterRegCloseKey(root);
        return;
    }
    /* The cluster's registration watches the root key alone. */
    port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, cluster, CLUSTER_CHANGE_REGISTRY_VALUE, 1);
    ok(port != NULL, "CreateClusterNotifyPort: %lu\n", GetLastError());
    if (!port) goto done;
    err = RegisterClusterNotify(port, CLUSTER_CHANGE_REGISTRY_VALUE, sub, 2);
    ok(!err, "RegisterClusterNotify(key): %lu\n", err);
    err = RegisterClusterNotify(port, CLUSTER_CHANGE_REGISTRY_VALUE | CLUSTER_CHANGE_REGISTRY_SUBTREE, root, 3);
    ok(!err, "RegisterClusterNotify(root, subtree): %lu\n", err);
    ok(!ClusterRegSetValue(sub, L"Watched", REG_DWORD, (BYTE *)&v, sizeof(v)), "ClusterRegSetValue\n");
    err = next_event(port, &key, &filter, name, 5000);
    ok(!err && filter == CLUSTER_CHANGE_REGISTRY_VALUE, "got %lu, filter %#lx\n", err, filter);
    ok(key == 2 || key == 3, "key %#Ix\n", key);
    ok(wcsstr(name, key_name) != NULL, "name %s\n", wine_dbgstr_w(name));
    err = next_event(port, &key, &filter, name, 5000);
    ok(!err && filter == CLUSTER_CHANGE_REGISTRY_VALUE, "got %lu, filter %#lx\n", err, filter);
    ok(key == 2 || key == 3, "key %#Ix\n", key);
    err = next_event(port, &key, &filter, name, 100);
    ok(err == WAIT_TIMEOUT, "the root's registration heard a subkey: %lu, key %#Ix\n", err, key);
    ok(!ClusterRegDeleteValue(sub, L"Watched"), "ClusterRegDeleteValue\n");
    CloseClusterNotifyPort(port);
done:
    ClusterRegCloseKey(sub);
    ok(!ClusterRegDeleteKey(root, key_name), "ClusterRegDeleteKey\n");
    ClusterRegCloseKey(root);
}

/* Events of another process: made and undone by a child of this test. */
static void test_other_process(HCLUSTER cluster)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si;
    char cmd[MAX_PATH * 2], **argv;
    WCHAR name[256];
    DWORD_PTR key;
    DWORD filter, err;
    HCHANGE port;

    port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, cluster,
                                   CLUSTER_CHANGE_GROUP_ADDED | CLUSTER_CHANGE_GROUP_DELETED, 42);
    ok(port != NULL, "CreateClusterNotifyPort: %lu\n", GetLastError());
    if (!port) return;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    winetest_get_mainargs(&argv);
    snprintf(cmd, sizeof(cmd), "\"%s\" notify child", argv[0]);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess failed: %lu\n", GetLastError());
        CloseClusterNotifyPort(port);
        return;
    }
    err = next_event(port, &key, &filter, name, 30000);
    ok(!err && key == 42 && filter == CLUSTER_CHANGE_GROUP_ADDED, "got %lu, key %#Ix, filter %#lx\n", err, key,
       filter);
    ok(!wcscmp(name, child_group), "name %s\n", wine_dbgstr_w(name));
    err = next_event(port, &key, &filter, name, 30000);
    ok(!err && key == 42 && filter == CLUSTER_CHANGE_GROUP_DELETED, "got %lu, key %#Ix, filter %#lx\n", err, key,
       filter);
    ok(!wcscmp(name, child_group), "name %s\n", wine_dbgstr_w(name));
    wait_child_process(pi.hProcess);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseClusterNotifyPort(port);
}

struct waiter
{
    HCHANGE port;
    DWORD err;
};

static DWORD WINAPI wait_thread(void *arg)
{
    struct waiter *w = arg;
    WCHAR name[256];
    DWORD_PTR key;
    DWORD filter;

    w->err = next_event(w->port, &key, &filter, name, INFINITE);
    return 0;
}

/* Closing a port ends a GetClusterNotify waiting on it. */
static void test_close_wakes(HCLUSTER cluster)
{
    struct waiter w = { NULL, 0xdeadbeef };
    HANDLE thread;

    w.port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, cluster, CLUSTER_CHANGE_NODE_ADDED, 0);
    ok(w.port != NULL, "CreateClusterNotifyPort: %lu\n", GetLastError());
    if (!w.port) return;
    thread = CreateThread(NULL, 0, wait_thread, &w, 0, NULL);
    ok(WaitForSingleObject(thread, 300) == WAIT_TIMEOUT, "the waiter returned %lu at once\n", w.err);
    ok(CloseClusterNotifyPort(w.port), "CloseClusterNotifyPort: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, 5000) == WAIT_OBJECT_0, "the waiter still waits\n");
    ok(w.err != ERROR_SUCCESS && w.err != WAIT_TIMEOUT, "the waiter got %lu\n", w.err);
    CloseHandle(thread);
}

static void child(void)
{
    HCLUSTER cluster = OpenCluster(NULL);
    HGROUP group;

    if (cluster && (group = CreateClusterGroup(cluster, child_group)))
    {
        DeleteClusterGroup(group);
        CloseClusterGroup(group);
    }
    if (cluster) CloseCluster(cluster);
}

START_TEST(notify)
{
    HCLUSTER cluster;
    char **argv;

    if (winetest_get_mainargs(&argv) > 2 && !strcmp(argv[2], "child"))
    {
        child();
        return;
    }
    cluster = OpenCluster(NULL);
    if (!cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    test_bad_handles(cluster);
    test_same_process(cluster);
    test_registry(cluster);
    test_other_process(cluster);
    test_close_wakes(cluster);
    CloseCluster(cluster);
}

/*
 * Conformance tests of the calls that tie cluster objects together: the
 * cluster handle behind an object, renames, dependencies, the group of a
 * resource, its possible owners and the Network Name it is reached by.
 * Expected results are written from Microsoft's reference of each call and
 * from [MS-CMRP] where that reference names no code.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"
#include "testutil.h"

#ifndef ERROR_RESOURCE_PROPERTIES_STORED
#define ERROR_RESOURCE_PROPERTIES_STORED 5024
#endif

static const WCHAR group1_name[] = L"wineclus objects one";
static const WCHAR group2_name[] = L"wineclus objects two";

struct fixture
{
    HCLUSTER cluster;
    HGROUP group1, group2;
    HRESOURCE app, svc, name;       /* app depends on svc depends on name, once made so */
    HNODE node;
};

static HNODE open_first_node(HCLUSTER cluster, WCHAR *name, DWORD size)
{
    HCLUSENUM en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    DWORD type, len = size;
    HNODE node = NULL;

    if (en && !ClusterEnum(en, 0, &type, name, &len)) node = OpenClusterNode(cluster, name);
    if (en) ClusterCloseEnum(en);
    return node;
}

static DWORD count_nodes(HCLUSTER cluster)
{
    HCLUSENUM en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    DWORD n = en ? ClusterGetEnumCount(en) : 0;

    if (en) ClusterCloseEnum(en);
    return n;
}

/* The names a resource enumeration of one type lists, joined by '|'. */
static DWORD list_of(HRESOURCE res, DWORD type, WCHAR *out, DWORD size)
{
    HRESENUM en = ClusterResourceOpenEnum(res, type);
    DWORD i, count, got, len;
    WCHAR name[256];

    out[0] = 0;
    if (!en) return ~0u;
    count = ClusterResourceGetEnumCount(en);
    for (i = 0; i < count; i++)
    {
        len = ARRAY_SIZE(name);
        if (ClusterResourceEnum(en, i, &got, name, &len)) break;
        if (i) wcsncat(out, L"|", size - wcslen(out) - 1);
        wcsncat(out, name, size - wcslen(out) - 1);
    }
    ClusterResourceCloseEnum(en);
    return count;
}

static void group_of(HRESOURCE res, WCHAR *group, DWORD size)
{
    DWORD len = size;

    group[0] = 0;
    GetClusterResourceState(res, NULL, NULL, group, &len);
}

static void test_cluster_from(struct fixture *f)
{
    WCHAR name[256];
    HCLUSTER c;
    DWORD len, err;

    c = GetClusterFromResource(f->app);
    ok(c != NULL, "GetClusterFromResource: %lu\n", GetLastError());
    ok(c != f->cluster, "the same handle came back\n");
    len = ARRAY_SIZE(name);
    err = c ? GetClusterInformation(c, name, &len, NULL) : ~0u;
    ok(!err, "GetClusterInformation on it: %lu\n", err);
    /* Closing it leaves the resource and the first cluster handle alone. */
    ok(c && CloseCluster(c), "CloseCluster: %lu\n", GetLastError());
    ok(GetClusterResourceState(f->app, NULL, NULL, NULL, NULL) != ClusterResourceStateUnknown,
       "the resource handle died with it: %lu\n", GetLastError());
    len = ARRAY_SIZE(name);
    ok(!GetClusterInformation(f->cluster, name, &len, NULL), "the first cluster handle died with it\n");

    c = GetClusterFromGroup(f->group1);
    ok(c != NULL, "GetClusterFromGroup: %lu\n", GetLastError());
    if (c) CloseCluster(c);
    c = GetClusterFromNode(f->node);
    ok(c != NULL, "GetClusterFromNode: %lu\n", GetLastError());
    if (c) CloseCluster(c);

    /* A handle of another class: Windows' RPC layer may fault on it. */
    if (winetest_platform_is_wine)
    {
        SetLastError(0xdeadbeef);
        ok(!GetClusterFromResource((HRESOURCE)f->group1), "a group handle was taken for a resource\n");
        ok(GetLastError() == ERROR_INVALID_HANDLE, "got %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        ok(!GetClusterFromGroup(NULL), "NULL was taken for a group\n");
        ok(GetLastError() == ERROR_INVALID_HANDLE, "got %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        ok(!GetClusterFromNode((HNODE)f->app), "a resource handle was taken for a node\n");
        ok(GetLastError() == ERROR_INVALID_HANDLE, "got %lu\n", GetLastError());
    }
}

static void test_resource_name(struct fixture *f)
{
    HRESOURCE again;
    DWORD err;

    err = SetClusterResourceName(f->svc, L"wineclus objects renamed");
    ok(!err, "rename: %lu\n", err);
    again = OpenClusterResource(f->cluster, L"WINECLUS OBJECTS RENAMED");
    ok(again != NULL, "not found by its new name: %lu\n", GetLastError());
    if (again) CloseClusterResource(again);
    ok(!OpenClusterResource(f->cluster, L"wineclus objects svc"), "still found by its old name\n");
    err = SetClusterResourceName(f->svc, L"wineclus objects app");
    ok(err == ERROR_ALREADY_EXISTS, "another's name: %lu\n", err);
    err = SetClusterResourceName(f->svc, L"");
    ok(err == ERROR_INVALID_NAME, "empty name: %lu\n", err);
    err = SetClusterResourceName(f->svc, L"wineclus objects svc");
    ok(!err, "rename back: %lu\n", err);
    if (winetest_platform_is_wine)
    {
        err = SetClusterResourceName((HRESOURCE)f->group1, L"x");
        ok(err == ERROR_INVALID_HANDLE, "group handle: %lu\n", err);
    }
}

static void test_dependencies(struct fixture *f)
{
    HRESOURCE other, ip;
    WCHAR list[512];
    DWORD err, count;

    ok(CanResourceBeDependent(f->app, f->svc), "app on svc refused: %lu\n", GetLastError());
    err = AddClusterResourceDependency(f->app, f->svc);
    ok(!err, "app on svc: %lu\n", err);
    err = AddClusterResourceDependency(f->app, f->svc);
    ok(err == ERROR_DEPENDENCY_ALREADY_EXISTS, "twice: %lu\n", err);
    err = AddClusterResourceDependency(f->app, f->app);
    ok(err == ERROR_CIRCULAR_DEPENDENCY, "on itself: %lu\n", err);
    ok(!CanResourceBeDependent(f->app, f->app), "on itself allowed\n");
    err = AddClusterResourceDependency(f->svc, f->app);
    ok(err == ERROR_CIRCULAR_DEPENDENCY, "a cycle: %lu\n", err);
    ok(!CanResourceBeDependent(f->svc, f->app), "a cycle allowed\n");
    err = AddClusterResourceDependency(f->svc, f->name);
    ok(!err, "svc on name: %lu\n", err);
    ok(!CanResourceBeDependent(f->name, f->app), "an indirect cycle allowed\n");
    err = AddClusterResourceDependency(f->name, f->app);
    ok(err == ERROR_CIRCULAR_DEPENDENCY, "an indirect cycle: %lu\n", err);

    count = list_of(f->app, CLUSTER_RESOURCE_ENUM_DEPENDS, list, ARRAY_SIZE(list));
    ok(count == 1 && !lstrcmpiW(list, L"wineclus objects svc"), "app depends on %lu: %s\n", count, wine_dbgstr_w(list));
    count = list_of(f->svc, CLUSTER_RESOURCE_ENUM_PROVIDES, list, ARRAY_SIZE(list));
    ok(count == 1 && !lstrcmpiW(list, L"wineclus objects app"), "svc provides %lu: %s\n", count, wine_dbgstr_w(list));

    /* Across groups: the documented code is ERROR_INVALID_PARAMETER. */
    other = CreateClusterResource(f->group2, L"wineclus objects other", L"Generic Application", 0);
    ok(other != NULL, "CreateClusterResource: %lu\n", GetLastError());
    if (other)
    {
        ok(!CanResourceBeDependent(f->app, other), "another group's resource allowed\n");
        err = AddClusterResourceDependency(f->app, other);
        ok(err == ERROR_INVALID_PARAMETER, "another group: %lu\n", err);
        DeleteClusterResource(other);
        CloseClusterResource(other);
    }

    /* A dependent that is online takes no new provider. */
    ip = OpenClusterResource(f->cluster, L"Cluster IP Address");
    if (ip && GetClusterResourceState(ip, NULL, NULL, NULL, NULL) == ClusterResourceOnline)
    {
        WCHAR group[256];
        HGROUP core;

        group_of(ip, group, ARRAY_SIZE(group));
        core = OpenClusterGroup(f->cluster, group);
        other = core ? CreateClusterResource(core, L"wineclus objects core", L"Generic Application", 0) : NULL;
        ok(other != NULL, "CreateClusterResource in %s: %lu\n", wine_dbgstr_w(group), GetLastError());
        if (other)
        {
            err = AddClusterResourceDependency(ip, other);
            ok(err == ERROR_RESOURCE_ONLINE, "online dependent: %lu\n", err);
            if (!err) RemoveClusterResourceDependency(ip, other);
            DeleteClusterResource(other);
            CloseClusterResource(other);
        }
        if (core) CloseClusterGroup(core);
    }
    else skip("no online \"Cluster IP Address\": %lu\n", GetLastError());
    if (ip) CloseClusterResource(ip);

    err = RemoveClusterResourceDependency(f->app, f->name);
    ok(err == ERROR_DEPENDENCY_NOT_FOUND, "not a provider: %lu\n", err);
    if (winetest_platform_is_wine)
    {
        err = AddClusterResourceDependency(f->app, (HRESOURCE)f->group1);
        ok(err == ERROR_INVALID_HANDLE, "group handle: %lu\n", err);
        err = RemoveClusterResourceDependency(NULL, f->app);
        ok(err == ERROR_INVALID_HANDLE, "NULL: %lu\n", err);
        SetLastError(0xdeadbeef);
        ok(!CanResourceBeDependent(f->app, (HRESOURCE)f->node), "node handle allowed\n");
        ok(GetLastError() == ERROR_INVALID_HANDLE, "node handle: %lu\n", GetLastError());
    }
}

static void test_network_name(struct fixture *f)
{
    WCHAR name[64];
    DWORD len, err;
    HKEY key, params;
    BOOL ret;

    /* The Network Name's own Name, written as its resource DLL keeps it. */
    key = GetClusterResourceKey(f->name, KEY_ALL_ACCESS);
    ok(key != NULL, "GetClusterResourceKey: %lu\n", GetLastError());
    if (!key) return;
    err = ClusterRegCreateKey(key, L"Parameters", 0, KEY_ALL_ACCESS, NULL, &params, NULL);
    ok(!err, "Parameters: %lu\n", err);
    if (!err)
    {
        err = ClusterRegSetValue(params, L"Name", REG_SZ, (const BYTE *)L"WINECLUSNN", sizeof(L"WINECLUSNN"));
        ok(!err, "Name: %lu\n", err);
        ClusterRegCloseKey(params);
    }
    ClusterRegCloseKey(key);

    /* app -> svc -> name: found through a resource between. */
    len = ARRAY_SIZE(name);
    ret = GetClusterResourceNetworkName(f->app, name, &len);
    ok(ret, "GetClusterResourceNetworkName: %lu\n", GetLastError());
    ok(ret && !wcscmp(name, L"WINECLUSNN"), "got %s\n", wine_dbgstr_w(name));
    ok(len == 10, "length %lu\n", len);
    len = 4;
    SetLastError(0xdeadbeef);
    ret = GetClusterResourceNetworkName(f->app, name, &len);
    ok(!ret && GetLastError() == ERROR_MORE_DATA, "short buffer: %d %lu\n", ret, GetLastError());
    ok(len == 10, "needed %lu\n", len);

    /* The Network Name depends on no Network Name. */
    len = ARRAY_SIZE(name);
    ok(!GetClusterResourceNetworkName(f->name, name, &len), "found a Network Name for the Network Name\n");
    if (winetest_platform_is_wine)
    {
        ok(GetLastError() == ERROR_DEPENDENCY_NOT_FOUND, "none: %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        ok(!GetClusterResourceNetworkName((HRESOURCE)f->group1, name, &len), "group handle\n");
        ok(GetLastError() == ERROR_INVALID_HANDLE, "group handle: %lu\n", GetLastError());
    }
}

static void test_change_group(struct fixture *f)
{
    WCHAR group[256];
    DWORD err;

    /* The whole dependency tree moves: app and name come along with svc. */
    err = ChangeClusterResourceGroup(f->svc, f->group2);
    ok(!err, "ChangeClusterResourceGroup: %lu\n", err);
    group_of(f->app, group, ARRAY_SIZE(group));
    ok(!lstrcmpiW(group, group2_name), "app is in %s\n", wine_dbgstr_w(group));
    group_of(f->name, group, ARRAY_SIZE(group));
    ok(!lstrcmpiW(group, group2_name), "name is in %s\n", wine_dbgstr_w(group));
    err = ChangeClusterResourceGroup(f->app, f->group1);
    ok(!err, "back: %lu\n", err);
    group_of(f->svc, group, ARRAY_SIZE(group));
    ok(!lstrcmpiW(group, group1_name), "svc is in %s\n", wine_dbgstr_w(group));
    if (winetest_platform_is_wine)
    {
        err = ChangeClusterResourceGroup(f->app, (HGROUP)f->svc);
        ok(err == ERROR_INVALID_HANDLE, "resource as group: %lu\n", err);
    }
}

static void test_owners(struct fixture *f, const WCHAR *node_name)
{
    WCHAR list[512];
    DWORD err, count;

    err = RemoveClusterResourceNode(f->app, f->node);
    ok(!err, "RemoveClusterResourceNode: %lu\n", err);
    count = list_of(f->app, CLUSTER_RESOURCE_ENUM_NODES, list, ARRAY_SIZE(list));
    ok(count == count_nodes(f->cluster) - 1, "%lu possible owners: %s\n", count, wine_dbgstr_w(list));
    ok(!wcsstr(list, node_name), "%s still listed: %s\n", wine_dbgstr_w(node_name), wine_dbgstr_w(list));
    err = RemoveClusterResourceNode(f->app, f->node);
    ok(err == ERROR_CLUSTER_NODE_NOT_FOUND, "removed twice: %lu\n", err);
    err = AddClusterResourceNode(f->app, f->node);
    ok(!err, "AddClusterResourceNode: %lu\n", err);
    err = AddClusterResourceNode(f->app, f->node);
    ok(err == ERROR_OBJECT_ALREADY_EXISTS, "added twice: %lu\n", err);
    count = list_of(f->app, CLUSTER_RESOURCE_ENUM_NODES, list, ARRAY_SIZE(list));
    ok(count == count_nodes(f->cluster), "%lu possible owners\n", count);
    ok(wcsstr(list, node_name) != NULL, "%s not listed: %s\n", wine_dbgstr_w(node_name), wine_dbgstr_w(list));
    if (winetest_platform_is_wine)
    {
        err = AddClusterResourceNode(f->app, (HNODE)f->group1);
        ok(err == ERROR_INVALID_HANDLE, "group as node: %lu\n", err);
        err = RemoveClusterResourceNode((HRESOURCE)f->node, f->node);
        ok(err == ERROR_INVALID_HANDLE, "node as resource: %lu\n", err);
    }
}

static BOOL name_of_cluster_name(HCLUSTER cluster, WCHAR *out, DWORD size)
{
    HRESOURCE res = OpenClusterResource(cluster, L"Cluster Name");
    DWORD type, len = size * sizeof(WCHAR), err = ~0u;
    HKEY key = res ? GetClusterResourceKey(res, KEY_READ) : NULL, params;

    if (key && !ClusterRegOpenKey(key, L"Parameters", KEY_READ, &params))
    {
        err = ClusterRegQueryValue(params, L"Name", &type, (BYTE *)out, &len);
        ClusterRegCloseKey(params);
    }
    if (key) ClusterRegCloseKey(key);
    if (res) CloseClusterResource(res);
    return !err;
}

static void test_cluster_name(struct fixture *f, const WCHAR *node_name)
{
    WCHAR old[64], name[64];
    DWORD len = ARRAY_SIZE(old), err;

    if (!winetest_platform_is_wine && !GetEnvironmentVariableW(L"WINECLUS_TEST_RENAME", NULL, 0))
    {
        skip("renames the cluster: set WINECLUS_TEST_RENAME=1 to test it\n");
        return;
    }
    err = GetClusterInformation(f->cluster, old, &len, NULL);
    ok(!err, "GetClusterInformation: %lu\n", err);
    err = SetClusterName(f->cluster, L"WINECLUSRENAMED");
    ok(err == ERROR_RESOURCE_PROPERTIES_STORED, "SetClusterName: %lu\n", err);
    /* Stored where Windows keeps the name at once, whenever it takes effect. */
    ok(name_of_cluster_name(f->cluster, name, ARRAY_SIZE(name)), "no Name on \"Cluster Name\"\n");
    ok(!wcscmp(name, L"WINECLUSRENAMED"), "the Network Name's Name is %s\n", wine_dbgstr_w(name));
    err = SetClusterName(f->cluster, L"WINECLUSTOOLONGNAME");
    ok(err == RPC_S_STRING_TOO_LONG, "16 characters: %lu\n", err);
    err = SetClusterName(f->cluster, node_name);
    ok(err == ERROR_DUP_NAME, "a node's name: %lu\n", err);
    err = SetClusterName(f->cluster, old);
    ok(err == ERROR_RESOURCE_PROPERTIES_STORED, "back: %lu\n", err);
    ok(name_of_cluster_name(f->cluster, name, ARRAY_SIZE(name)) && !lstrcmpiW(name, old),
       "the Network Name's Name is %s\n", wine_dbgstr_w(name));
    if (winetest_platform_is_wine)
    {
        err = SetClusterName((HCLUSTER)f->group1, L"X");
        ok(err == ERROR_INVALID_HANDLE, "group as cluster: %lu\n", err);
    }
}

/* Dependencies and possible owners are part of the database a backup keeps. */
static void test_backup_restore(struct fixture *f, const WCHAR *node_name)
{
    WCHAR dir[MAX_PATH], list[512];
    DWORD err, count;

    if (!restore_set_dir(L"wineclus-objects-backup", dir)) return;
    RemoveClusterResourceNode(f->app, f->node);
    err = BackupClusterDatabase(f->cluster, dir);
    /* Server 2008 and later dropped backup. */
    ok(!err || broken(err == ERROR_CALL_NOT_IMPLEMENTED || err == ERROR_INVALID_FUNCTION), "backup: %lu\n", err);
    if (!err)
    {
        AddClusterResourceNode(f->app, f->node);
        RemoveClusterResourceDependency(f->app, f->svc);
        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(!err, "restore: %lu\n", err);
        CloseClusterResource(f->app);
        f->app = OpenClusterResource(f->cluster, L"wineclus objects app");
        ok(f->app != NULL, "the resource is gone after the restore: %lu\n", GetLastError());
        if (f->app)
        {
            count = list_of(f->app, CLUSTER_RESOURCE_ENUM_NODES, list, ARRAY_SIZE(list));
            ok(!wcsstr(list, node_name), "the restore brought back %s: %s\n", wine_dbgstr_w(node_name),
               wine_dbgstr_w(list));
            count = list_of(f->app, CLUSTER_RESOURCE_ENUM_DEPENDS, list, ARRAY_SIZE(list));
            ok(count == 1, "the restore lost the dependency: %s\n", wine_dbgstr_w(list));
        }
    }
    /* Remove every file of the backup, then its folder. */
    {
        WIN32_FIND_DATAW fd;
        WCHAR path[MAX_PATH];
        HANDLE h;

        swprintf(path, ARRAY_SIZE(path), L"%s\\*", dir);
        if ((h = FindFirstFileW(path, &fd)) != INVALID_HANDLE_VALUE)
        {
            do
            {
                swprintf(path, ARRAY_SIZE(path), L"%s\\%s", dir, fd.cFileName);
                if (!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) DeleteFileW(path);
            } while (FindNextFileW(h, &fd));
            FindClose(h);
        }
        RemoveDirectoryW(dir);
    }
}

static void cleanup(struct fixture *f)
{
    HRESOURCE *res[] = { &f->app, &f->svc, &f->name };
    unsigned int i;

    if (f->app && f->svc) RemoveClusterResourceDependency(f->app, f->svc);
    if (f->svc && f->name) RemoveClusterResourceDependency(f->svc, f->name);
    for (i = 0; i < ARRAY_SIZE(res); i++)
    {
        if (!*res[i]) continue;
        DeleteClusterResource(*res[i]);
        CloseClusterResource(*res[i]);
    }
    if (f->group1)
    {
        DeleteClusterGroup(f->group1);
        CloseClusterGroup(f->group1);
    }
    if (f->group2)
    {
        DeleteClusterGroup(f->group2);
        CloseClusterGroup(f->group2);
    }
    if (f->node) CloseClusterNode(f->node);
}

START_TEST(objects)
{
    struct fixture f = { 0 };
    WCHAR node_name[256];

    f.cluster = OpenCluster(NULL);
    if (!f.cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    f.group1 = CreateClusterGroup(f.cluster, group1_name);
    ok(f.group1 != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    f.group2 = CreateClusterGroup(f.cluster, group2_name);
    ok(f.group2 != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    if (f.group1)
    {
        f.app = CreateClusterResource(f.group1, L"wineclus objects app", L"Generic Application", 0);
        f.svc = CreateClusterResource(f.group1, L"wineclus objects svc", L"Generic Service", 0);
        f.name = CreateClusterResource(f.group1, L"wineclus objects name", L"Network Name", 0);
    }
    ok(f.app && f.svc && f.name, "CreateClusterResource: %lu\n", GetLastError());
    f.node = open_first_node(f.cluster, node_name, ARRAY_SIZE(node_name));
    ok(f.node != NULL, "no node: %lu\n", GetLastError());
    if (f.group1 && f.group2 && f.app && f.svc && f.name && f.node)
    {
        test_cluster_from(&f);
        test_resource_name(&f);
        test_dependencies(&f);
        test_network_name(&f);
        test_change_group(&f);
        test_owners(&f, node_name);
        test_cluster_name(&f, node_name);
        test_backup_restore(&f, node_name);
    }
    cleanup(&f);
    CloseCluster(f.cluster);
}

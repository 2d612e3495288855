/*
 * Conformance tests of the Windows Server 2003 cluster API (clusapi.dll).
 *
 * Built with the stock mingw-w64 SDK; runs under Wine (through wineclus) and,
 * unchanged, on a real Windows machine.  Without a cluster the tests skip.
 * Where Windows versions differ, the older behaviour is marked broken().
 * The restore tests replace the cluster database, so on Windows they run only
 * when WINECLUS_TEST_RESTORE=1 is set.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"
#include "testutil.h"

/* Codes this file checks that not every SDK header spells out. */
#ifndef ERROR_OBJECT_ALREADY_EXISTS
#define ERROR_OBJECT_ALREADY_EXISTS 5010
#endif
#ifndef ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
#define ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND 5078
#endif
#ifndef ERROR_FILE_CORRUPT
#define ERROR_FILE_CORRUPT 1392
#endif
#ifndef ERROR_DATABASE_BACKUP_CORRUPT
#define ERROR_DATABASE_BACKUP_CORRUPT 5087
#endif

static BOOL backup_api_removed;     /* Server 2008 and later */
static WCHAR temp_root[MAX_PATH];

static const WCHAR test_group[] = L"wineclus test group";
static const WCHAR test_resource[] = L"wineclus test resource";
/* The cluster checkpoints keys of the 64-bit registry, its own view on a
 * 64-bit Windows: a 32-bit program there names that view to reach the same
 * keys (HKLM\Software is Software\Wow6432Node in its own).  Windows of 32
 * bits ignores the flag. */
#define KEY_VIEW KEY_WOW64_64KEY
static const WCHAR test_key[] = L"Software\\WineclusTest";

static void init_version(void)
{
    OSVERSIONINFOW info;

    memset(&info, 0, sizeof(info));
    info.dwOSVersionInfoSize = sizeof(info);
    GetVersionExW(&info);
    backup_api_removed = info.dwMajorVersion >= 6;
    trace("Windows %lu.%lu.%lu\n", info.dwMajorVersion, info.dwMinorVersion, info.dwBuildNumber);
}

/* A fresh folder under the temp folder, for one test. */
static void make_temp_dir(WCHAR *buf, const WCHAR *name)
{
    swprintf(buf, MAX_PATH, L"%ls\\%ls", temp_root, name);
    CreateDirectoryW(buf, NULL);
}

void delete_tree(const WCHAR *dir)
{
    WCHAR pattern[MAX_PATH], child[MAX_PATH];
    WIN32_FIND_DATAW fd;
    HANDLE find;

    swprintf(pattern, MAX_PATH, L"%ls\\*", dir);
    if ((find = FindFirstFileW(pattern, &fd)) != INVALID_HANDLE_VALUE)
    {
        do
        {
            if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L"..")) continue;
            swprintf(child, MAX_PATH, L"%ls\\%ls", dir, fd.cFileName);
            SetFileAttributesW(child, FILE_ATTRIBUTE_NORMAL);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) delete_tree(child);
            else DeleteFileW(child);
        } while (FindNextFileW(find, &fd));
        FindClose(find);
    }
    RemoveDirectoryW(dir);
}

BOOL restore_set_dir(const WCHAR *name, WCHAR *dir)
{
    DWORD len;

    if (!winetest_platform_is_wine && !GetEnvironmentVariableW(L"WINECLUS_TEST_RESTORE", NULL, 0))
    {
        skip("restore replaces the cluster database: set WINECLUS_TEST_RESTORE=1 to test it\n");
        return FALSE;
    }
    len = GetTempPathW(MAX_PATH, dir);
    if (len && dir[len - 1] != '\\') wcscat(dir, L"\\");
    wcscat(dir, name);
    CreateDirectoryW(dir, NULL);
    return TRUE;
}

static BOOL file_exists(const WCHAR *dir, const WCHAR *name, DWORD *attrs)
{
    WCHAR path[MAX_PATH];
    DWORD a;

    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, name);
    a = GetFileAttributesW(path);
    if (attrs) *attrs = a;
    return a != INVALID_FILE_ATTRIBUTES;
}

static BOOL pattern_exists(const WCHAR *dir, const WCHAR *pattern)
{
    WCHAR path[MAX_PATH];
    WIN32_FIND_DATAW fd;
    HANDLE find;

    swprintf(path, MAX_PATH, L"%ls\\%ls", dir, pattern);
    if ((find = FindFirstFileW(path, &fd)) == INVALID_HANDLE_VALUE) return FALSE;
    FindClose(find);
    return TRUE;
}

static BOOL folder_is_empty(const WCHAR *dir)
{
    WIN32_FIND_DATAW fd;
    WCHAR path[MAX_PATH];
    HANDLE find;
    BOOL empty = TRUE;

    swprintf(path, MAX_PATH, L"%ls\\*", dir);
    if ((find = FindFirstFileW(path, &fd)) == INVALID_HANDLE_VALUE) return TRUE;
    do
        if (wcscmp(fd.cFileName, L".") && wcscmp(fd.cFileName, L"..")) empty = FALSE;
    while (FindNextFileW(find, &fd));
    FindClose(find);
    return empty;
}

static void test_open_close(void)
{
    HCLUSTER cluster;
    BOOL ret;

    SetLastError(0xdeadbeef);
    cluster = OpenCluster(L"wineclus-no-such-cluster");
    ok(!cluster, "OpenCluster of an unknown name succeeded\n");
    ok(GetLastError() == RPC_S_SERVER_UNAVAILABLE || broken(GetLastError() == RPC_S_INVALID_NET_ADDR),
       "got error %lu\n", GetLastError());
    if (cluster) CloseCluster(cluster);

    cluster = OpenCluster(NULL);
    ok(cluster != NULL, "OpenCluster(NULL) failed: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ret = CloseCluster(cluster);
    ok(ret, "CloseCluster failed: %lu\n", GetLastError());

    /* A closed handle is no handle; Windows does not promise to notice. */
    if (winetest_platform_is_wine)
    {
        SetLastError(0xdeadbeef);
        ret = CloseCluster(cluster);
        ok(!ret && GetLastError() == ERROR_INVALID_HANDLE, "got %d, error %lu\n", ret, GetLastError());
        SetLastError(0xdeadbeef);
        ret = CloseCluster(NULL);
        ok(!ret && GetLastError() == ERROR_INVALID_HANDLE, "got %d, error %lu\n", ret, GetLastError());
        ret = CloseCluster((HCLUSTER)(ULONG_PTR)0xdeadbeef);
        ok(!ret, "CloseCluster of a made-up handle succeeded\n");
    }
}

/* OpenCluster reaches a cluster by any name or address its RPC could go to:
 * its DNS name (CLUSCTL_CLUSTER_GET_FQDN) and the address of an IP Address
 * resource of the cluster (its Parameters\Address in the cluster registry). */
static void test_open_by_address(HCLUSTER cluster)
{
    WCHAR fqdn[512], name[256], address[64];
    DWORD len, type, i, err;
    HCLUSTER other;
    HRESOURCE res;
    HCLUSENUM en;
    HKEY key, params;

    err = ClusterControl(cluster, NULL, CLUSCTL_CLUSTER_GET_FQDN, NULL, 0, fqdn, sizeof(fqdn), &len);
    ok(!err, "GET_FQDN: %lu\n", err);
    if (!err)
    {
        other = OpenCluster(fqdn);
        ok(other != NULL, "OpenCluster(%s) failed: %lu\n", wine_dbgstr_w(fqdn), GetLastError());
        if (other) CloseCluster(other);
    }

    address[0] = 0;
    en = ClusterOpenEnum(cluster, CLUSTER_ENUM_RESOURCE);
    ok(en != NULL, "ClusterOpenEnum: %lu\n", GetLastError());
    for (i = 0; en && !address[0] && (len = ARRAY_SIZE(name), !ClusterEnum(en, i, &type, name, &len)); i++)
    {
        if (!(res = OpenClusterResource(cluster, name))) continue;
        if ((key = GetClusterResourceKey(res, KEY_READ)))
        {
            if (!ClusterRegOpenKey(key, L"Parameters", KEY_READ, &params))
            {
                WCHAR res_type[64];

                len = sizeof(res_type);
                if (!ClusterRegQueryValue(key, L"Type", &type, (BYTE *)res_type, &len) &&
                    !wcscmp(res_type, L"IP Address"))
                {
                    len = sizeof(address);
                    if (ClusterRegQueryValue(params, L"Address", &type, (BYTE *)address, &len) || type != REG_SZ)
                        address[0] = 0;
                }
                ClusterRegCloseKey(params);
            }
            ClusterRegCloseKey(key);
        }
        CloseClusterResource(res);
    }
    if (en) ClusterCloseEnum(en);
    if (!address[0])
    {
        skip("no IP Address resource with an address\n");
        return;
    }
    other = OpenCluster(address);
    ok(other != NULL, "OpenCluster(%s) failed: %lu\n", wine_dbgstr_w(address), GetLastError());
    if (other) CloseCluster(other);
}

static void test_information(HCLUSTER cluster)
{
    WCHAR name[256], name2[256];
    CLUSTERVERSIONINFO_NT4 info4;
    CLUSTERVERSIONINFO info;
    DWORD len, err;
    HCLUSTER by_name;

    len = ARRAY_SIZE(name);
    memset(&info, 0, sizeof(info));
    info.dwVersionInfoSize = sizeof(info);
    err = GetClusterInformation(cluster, name, &len, &info);
    ok(!err, "GetClusterInformation failed: %lu\n", err);
    ok(len == wcslen(name) && len > 0, "got length %lu for %s\n", len, wine_dbgstr_w(name));
    ok(info.MajorVersion >= 5, "got major version %u\n", info.MajorVersion);
    ok(info.dwClusterHighestVersion >= info.dwClusterLowestVersion, "got versions %#lx, %#lx\n",
       info.dwClusterHighestVersion, info.dwClusterLowestVersion);
    if (winetest_platform_is_wine)
        ok(info.MajorVersion == 5 && info.MinorVersion == 2 && info.BuildNumber == 3790,
           "got %u.%u.%u\n", info.MajorVersion, info.MinorVersion, info.BuildNumber);

    /* A short buffer: the length without the NUL, and ERROR_MORE_DATA. */
    len = 1;
    err = GetClusterInformation(cluster, name2, &len, NULL);
    ok(err == ERROR_MORE_DATA, "got %lu\n", err);
    ok(len == wcslen(name), "got length %lu\n", len);
    len = wcslen(name);
    err = GetClusterInformation(cluster, name2, &len, NULL);
    ok(err == ERROR_MORE_DATA, "room for all but the NUL: got %lu\n", err);
    len = wcslen(name) + 1;
    err = GetClusterInformation(cluster, name2, &len, NULL);
    ok(!err && !wcscmp(name, name2), "got %lu, %s\n", err, wine_dbgstr_w(name2));

    if (winetest_platform_is_wine)
    {
        len = ARRAY_SIZE(name2);
        err = GetClusterInformation(NULL, name2, &len, NULL);
        ok(err == ERROR_INVALID_HANDLE, "NULL handle: got %lu\n", err);
    }

    /* A program written for NT4 passes the smaller structure. */
    memset(&info4, 0xcc, sizeof(info4));
    info4.dwVersionInfoSize = sizeof(info4);
    len = ARRAY_SIZE(name2);
    err = GetClusterInformation(cluster, name2, &len, (CLUSTERVERSIONINFO *)&info4);
    ok(!err, "NT4 structure: got %lu\n", err);
    ok(info4.MajorVersion == info.MajorVersion && info4.BuildNumber == info.BuildNumber, "NT4 structure: %u.%u.%u\n",
       info4.MajorVersion, info4.MinorVersion, info4.BuildNumber);
    ok(!wcscmp(info4.szVendorId, info.szVendorId), "NT4 structure: vendor %s\n", wine_dbgstr_w(info4.szVendorId));

    /* The cluster's own name opens it too, case-insensitively. */
    CharLowerW(name);
    by_name = OpenCluster(name);
    ok(by_name != NULL, "OpenCluster(%s) failed: %lu\n", wine_dbgstr_w(name), GetLastError());
    if (by_name) CloseCluster(by_name);
    test_open_by_address(cluster);
}

static void test_quorum(HCLUSTER cluster)
{
    WCHAR res[256], device[MAX_PATH];
    DWORD res_len = ARRAY_SIZE(res), device_len = ARRAY_SIZE(device), max_log = 0, err;
    HRESOURCE quorum;

    err = GetClusterQuorumResource(cluster, res, &res_len, device, &device_len, &max_log);
    ok(!err, "GetClusterQuorumResource failed: %lu\n", err);
    if (err) return;
    ok(res_len == wcslen(res) && res_len, "got %lu for %s\n", res_len, wine_dbgstr_w(res));
    ok(device_len == wcslen(device) && device_len, "got %lu for %s\n", device_len, wine_dbgstr_w(device));
    ok(max_log > 0, "got max log size %lu\n", max_log);
    trace("quorum %s at %s, log up to %lu bytes\n", wine_dbgstr_w(res), wine_dbgstr_w(device), max_log);

    /* Setting the quorum to what it is changes nothing, even on a live cluster. */
    quorum = OpenClusterResource(cluster, res);
    ok(quorum != NULL, "OpenClusterResource(%s) failed: %lu\n", wine_dbgstr_w(res), GetLastError());
    if (quorum)
    {
        WCHAR res2[256], device2[MAX_PATH];
        DWORD res2_len = ARRAY_SIZE(res2), device2_len = ARRAY_SIZE(device2), max_log2 = 0;

        err = SetClusterQuorumResource(quorum, device, max_log);
        ok(!err, "SetClusterQuorumResource failed: %lu\n", err);
        err = GetClusterQuorumResource(cluster, res2, &res2_len, device2, &device2_len, &max_log2);
        ok(!err && !wcscmp(res, res2) && !wcscmp(device, device2) && max_log == max_log2,
           "got %lu, %s, %s, %lu\n", err, wine_dbgstr_w(res2), wine_dbgstr_w(device2), max_log2);
        CloseClusterResource(quorum);
    }

    res_len = 1;
    device_len = ARRAY_SIZE(device);
    err = GetClusterQuorumResource(cluster, res, &res_len, device, &device_len, &max_log);
    ok(err == ERROR_MORE_DATA, "short name buffer: got %lu\n", err);
    ok(res_len > 1, "got %lu\n", res_len);
    if (winetest_platform_is_wine)
    {
        err = GetClusterQuorumResource(cluster, res, &res_len, device, &device_len, NULL);
        ok(err == ERROR_INVALID_PARAMETER, "NULL log size pointer: got %lu\n", err);
        err = SetClusterQuorumResource(NULL, device, max_log);
        ok(err == ERROR_INVALID_HANDLE, "NULL resource: got %lu\n", err);
    }
}

/* Walk an enumeration; return whether `want` (of type `type`) was in it. */
static BOOL enum_contains(HCLUSENUM en, DWORD type, const WCHAR *want)
{
    WCHAR name[256];
    DWORD i, len, got_type, err, count = ClusterGetEnumCount(en);
    BOOL found = FALSE;

    for (i = 0;; i++)
    {
        winetest_push_context("item %lu", i);
        len = ARRAY_SIZE(name);
        err = ClusterEnum(en, i, &got_type, name, &len);
        winetest_pop_context();
        if (err == ERROR_NO_MORE_ITEMS) break;
        ok(!err, "ClusterEnum(%lu) failed: %lu\n", i, err);
        if (err) break;
        ok(len == wcslen(name), "got length %lu for %s\n", len, wine_dbgstr_w(name));
        if (got_type == type && !_wcsicmp(name, want)) found = TRUE;
    }
    ok(i == count, "enumerated %lu of %lu\n", i, count);
    return found;
}

static void test_enum(HCLUSTER cluster)
{
    WCHAR name[256];
    HCLUSENUM en;
    DWORD len, type, err;

    SetLastError(0xdeadbeef);
    en = ClusterOpenEnum(cluster, CLUSTER_ENUM_ALL);
    ok(en != NULL, "ClusterOpenEnum failed: %lu\n", GetLastError());
    if (!en) return;
    ok(ClusterGetEnumCount(en) >= 2, "got %lu objects\n", ClusterGetEnumCount(en));
    ok(enum_contains(en, CLUSTER_ENUM_GROUP, L"Cluster Group"), "no \"Cluster Group\"\n");

    len = 1;
    err = ClusterEnum(en, 0, &type, name, &len);
    ok(err == ERROR_MORE_DATA, "short buffer: got %lu\n", err);
    ok(len > 0, "got length %lu\n", len);
    err = ClusterCloseEnum(en);
    ok(!err, "ClusterCloseEnum failed: %lu\n", err);

    en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    ok(en != NULL, "ClusterOpenEnum(NODE) failed: %lu\n", GetLastError());
    if (en)
    {
        len = ARRAY_SIZE(name);
        err = ClusterEnum(en, 0, &type, name, &len);
        ok(!err && type == CLUSTER_ENUM_NODE, "got %lu, type %lu\n", err, type);
        len = ARRAY_SIZE(name);
        err = ClusterEnum(en, ClusterGetEnumCount(en), &type, name, &len);
        ok(err == ERROR_NO_MORE_ITEMS, "past the end: got %lu\n", err);
        ClusterCloseEnum(en);
    }

    if (winetest_platform_is_wine)
    {
        SetLastError(0xdeadbeef);
        en = ClusterOpenEnum(cluster, 0x80);
        ok(!en && GetLastError() == ERROR_INVALID_PARAMETER, "bad mask: got %p, %lu\n", en, GetLastError());
        err = ClusterCloseEnum(NULL);
        ok(err == ERROR_INVALID_HANDLE, "got %lu\n", err);
    }
}

static void test_node_state(HCLUSTER cluster)
{
    DWORD state = 0xdeadbeef, err;
    WCHAR name[256], id[32];
    DWORD len = ARRAY_SIZE(name), type;
    HCLUSENUM en;
    HNODE node;

    err = GetNodeClusterState(NULL, &state);
    ok(!err, "GetNodeClusterState failed: %lu\n", err);
    ok(state == ClusterStateRunning, "got state %#lx\n", state);

    en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    if (!en || ClusterEnum(en, 0, &type, name, &len))
    {
        if (en) ClusterCloseEnum(en);
        skip("no node to open\n");
        return;
    }
    ClusterCloseEnum(en);
    node = OpenClusterNode(cluster, name);
    ok(node != NULL, "OpenClusterNode(%s) failed: %lu\n", wine_dbgstr_w(name), GetLastError());
    if (!node) return;
    len = ARRAY_SIZE(id);
    err = GetClusterNodeId(node, id, &len);
    ok(!err && len == wcslen(id) && len, "got %lu, %s\n", err, wine_dbgstr_w(id));
    state = GetClusterNodeState(node);
    ok(state == ClusterNodeUp || state == ClusterNodeDown || state == ClusterNodePaused, "got %ld\n", (LONG)state);
    CloseClusterNode(node);

    SetLastError(0xdeadbeef);
    node = OpenClusterNode(cluster, L"wineclus-no-such-node");
    ok(!node, "opened an unknown node\n");
    ok(GetLastError() == ERROR_CLUSTER_NODE_NOT_FOUND, "got %lu\n", GetLastError());
}

static HRESOURCE create_test_resource(HCLUSTER cluster, HGROUP *group)
{
    HRESOURCE res;

    *group = CreateClusterGroup(cluster, test_group);
    if (!*group && GetLastError() == ERROR_OBJECT_ALREADY_EXISTS) *group = OpenClusterGroup(cluster, test_group);
    if (!*group) return NULL;
    res = CreateClusterResource(*group, test_resource, L"Generic Application", 0);
    if (!res && GetLastError() == ERROR_OBJECT_ALREADY_EXISTS) res = OpenClusterResource(cluster, test_resource);
    return res;
}

static void test_groups_resources(HCLUSTER cluster)
{
    WCHAR node[256], group_name[256], buf[512];
    DWORD len, len2, err, returned;
    CLUSTER_GROUP_STATE gstate;
    CLUSTER_RESOURCE_STATE rstate;
    HGROUP group, dup;
    HRESOURCE res, bad;
    HGROUPENUM gen;
    BYTE small[4];

    SetLastError(0xdeadbeef);
    group = CreateClusterGroup(cluster, test_group);
    ok(group != NULL, "CreateClusterGroup failed: %lu\n", GetLastError());
    if (!group) return;

    SetLastError(0xdeadbeef);
    dup = CreateClusterGroup(cluster, L"WINECLUS TEST GROUP");
    ok(!dup && GetLastError() == ERROR_OBJECT_ALREADY_EXISTS, "duplicate group: got %p, %lu\n", dup,
       GetLastError());

    len = ARRAY_SIZE(node);
    gstate = GetClusterGroupState(group, node, &len);
    ok(gstate == ClusterGroupOffline || gstate == ClusterGroupOnline, "got group state %d\n", gstate);
    ok(len == wcslen(node) && len, "got owner %s\n", wine_dbgstr_w(node));

    SetLastError(0xdeadbeef);
    bad = CreateClusterResource(group, L"wineclus bad type", L"wineclus no such type", 0);
    ok(!bad && GetLastError() == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "got %p, %lu\n", bad, GetLastError());

    res = CreateClusterResource(group, test_resource, L"Generic Application", 0);
    ok(res != NULL, "CreateClusterResource failed: %lu\n", GetLastError());
    if (!res) goto done;

    len = ARRAY_SIZE(node);
    len2 = ARRAY_SIZE(group_name);
    rstate = GetClusterResourceState(res, node, &len, group_name, &len2);
    ok(rstate == ClusterResourceOffline, "got resource state %d\n", rstate);
    ok(!_wcsicmp(group_name, test_group), "got group %s\n", wine_dbgstr_w(group_name));
    rstate = GetClusterResourceState(res, NULL, NULL, NULL, NULL);
    ok(rstate == ClusterResourceOffline, "without buffers: got %d\n", rstate);

    /* The group lists its new resource. */
    gen = ClusterGroupOpenEnum(group, CLUSTER_GROUP_ENUM_CONTAINS);
    ok(gen != NULL, "ClusterGroupOpenEnum failed: %lu\n", GetLastError());
    if (gen)
    {
        DWORD type;
        len = ARRAY_SIZE(buf);
        err = ClusterGroupEnum(gen, 0, &type, buf, &len);
        ok(!err && type == CLUSTER_GROUP_ENUM_CONTAINS && !wcscmp(buf, test_resource), "got %lu, %lu, %s\n",
           err, type, wine_dbgstr_w(buf));
        ClusterGroupCloseEnum(gen);
    }

    /* Every node may own the resource; it depends on nothing. */
    {
        HRESENUM ren = ClusterResourceOpenEnum(res, CLUSTER_RESOURCE_ENUM_NODES | CLUSTER_RESOURCE_ENUM_DEPENDS);
        DWORD type;

        ok(ren != NULL, "ClusterResourceOpenEnum failed: %lu\n", GetLastError());
        if (ren)
        {
            ok(ClusterResourceGetEnumCount(ren) >= 1, "got %lu\n", ClusterResourceGetEnumCount(ren));
            len = ARRAY_SIZE(buf);
            err = ClusterResourceEnum(ren, 0, &type, buf, &len);
            ok(!err && type == CLUSTER_RESOURCE_ENUM_NODES, "got %lu, type %lu\n", err, type);
            err = ClusterResourceCloseEnum(ren);
            ok(!err, "ClusterResourceCloseEnum failed: %lu\n", err);
        }
    }

    /* The control codes the cluster service answers for every resource. */
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_NAME, NULL, 0, buf, sizeof(buf), &returned);
    ok(!err && !wcscmp(buf, test_resource), "GET_NAME: %lu, %s\n", err, wine_dbgstr_w(buf));
    ok(returned == (wcslen(test_resource) + 1) * sizeof(WCHAR), "got %lu bytes\n", returned);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, NULL, 0, buf, sizeof(buf), &returned);
    ok(!err && !wcscmp(buf, L"Generic Application"), "GET_RESOURCE_TYPE: %lu, %s\n", err, wine_dbgstr_w(buf));
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, buf, sizeof(buf), &returned);
    ok(!err && wcslen(buf) == 36 && buf[8] == '-', "GET_ID: %lu, %s\n", err, wine_dbgstr_w(buf));
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_NAME, NULL, 0, small, sizeof(small), &returned);
    ok(err == ERROR_MORE_DATA && returned == (wcslen(test_resource) + 1) * sizeof(WCHAR),
       "short buffer: %lu, %lu\n", err, returned);

    /* Registry checkpoints. */
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, (void *)test_key,
                                 sizeof(test_key), NULL, 0, &returned);
    ok(!err, "ADD_REGISTRY_CHECKPOINT failed: %lu\n", err);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, (void *)test_key,
                                 sizeof(test_key), NULL, 0, &returned);
    ok(err == ERROR_ALREADY_EXISTS, "twice: got %lu\n", err);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, (void *)L"\\Software\\X",
                                 sizeof(L"\\Software\\X"), NULL, 0, &returned);
    ok(err == ERROR_INVALID_PARAMETER, "leading backslash: got %lu\n", err);
    returned = 0;
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS, NULL, 0, small, sizeof(small),
                                 &returned);
    ok(err == ERROR_MORE_DATA && returned == sizeof(test_key) + sizeof(WCHAR), "got %lu, %lu bytes\n", err, returned);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS, NULL, 0, buf, sizeof(buf),
                                 &returned);
    ok(!err && !wcscmp(buf, test_key) && !buf[wcslen(test_key) + 1], "got %lu, %s\n", err, wine_dbgstr_w(buf));
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT, (void *)test_key,
                                 sizeof(test_key), NULL, 0, &returned);
    ok(!err, "DELETE_REGISTRY_CHECKPOINT failed: %lu\n", err);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT, (void *)test_key,
                                 sizeof(test_key), NULL, 0, &returned);
    ok(err == ERROR_FILE_NOT_FOUND, "deleting it twice: got %lu\n", err);
    err = ClusterResourceControl(res, NULL, 0x0100ffff, NULL, 0, NULL, 0, &returned);
    ok(err == ERROR_INVALID_FUNCTION, "unknown code: got %lu\n", err);
    if (winetest_platform_is_wine)
    {
        err = ClusterResourceControl(NULL, NULL, CLUSCTL_RESOURCE_GET_NAME, NULL, 0, buf, sizeof(buf), &returned);
        ok(err == ERROR_INVALID_HANDLE, "NULL resource: got %lu\n", err);
    }

    /* A group with a resource cannot go. */
    err = DeleteClusterGroup(group);
    ok(err == ERROR_DIR_NOT_EMPTY, "deleting a group with a resource: got %lu\n", err);
    err = DeleteClusterResource(res);
    ok(!err, "DeleteClusterResource failed: %lu\n", err);
    CloseClusterResource(res);
    SetLastError(0xdeadbeef);
    res = OpenClusterResource(cluster, test_resource);
    ok(!res && GetLastError() == ERROR_RESOURCE_NOT_FOUND, "deleted resource: got %p, %lu\n", res, GetLastError());

done:
    err = DeleteClusterGroup(group);
    ok(!err, "DeleteClusterGroup failed: %lu\n", err);
    CloseClusterGroup(group);
}

/* Names the store cannot keep are refused, never stored: a control
 * character (C0, DEL, C1) gives ERROR_INVALID_NAME, more than 255 bytes of
 * UTF-8 ERROR_INVALID_PARAMETER.  Windows documents no limit; these are ours. */
/* ---- Control codes that are not properties ---- */

/* A resource's value list of required dependencies, checked entry by entry:
 * storage: a CLUS_RESCLASS_STORAGE entry expected; type: a type name expected
 * (NULL: none). */
static void check_required_dependencies(const BYTE *buf, DWORD size, BOOL storage, const WCHAR *type)
{
    const BYTE *p = buf, *end = buf + size;
    BOOL seen_storage = FALSE, seen_type = FALSE;

    while (p + sizeof(DWORD) <= end)
    {
        const CLUSPROP_VALUE *value = (const CLUSPROP_VALUE *)p;

        if (value->Syntax.dw == CLUSPROP_SYNTAX_ENDMARK)
        {
            p += sizeof(DWORD);
            break;
        }
        ok(p + sizeof(*value) + value->cbLength <= end, "entry runs past the end\n");
        if (p + sizeof(*value) + value->cbLength > end) return;
        if (value->Syntax.dw == CLUSPROP_SYNTAX_RESCLASS)
        {
            ok(value->cbLength == sizeof(DWORD), "class entry of %lu bytes\n", value->cbLength);
            seen_storage |= *(const DWORD *)(value + 1) == CLUS_RESCLASS_STORAGE;
        }
        else if (value->Syntax.dw == CLUSPROP_SYNTAX_NAME)
            seen_type |= type && !wcscmp((const WCHAR *)(value + 1), type);
        else ok(0, "unexpected syntax %#lx\n", value->Syntax.dw);
        p += sizeof(*value) + ((value->cbLength + 3) & ~3);
    }
    ok(p == end, "end mark at %Iu of %lu bytes\n", (size_t)(p - buf), size);
    ok(seen_storage == storage, "storage class: got %d\n", seen_storage);
    ok(seen_type == (type != NULL), "type %s: got %d\n", wine_dbgstr_w(type), seen_type);
}

static void test_resource_controls(HCLUSTER cluster)
{
    DWORD err, value, returned, info[2];
    HRESOURCE res, name_res;
    BYTE buf[256];
    HGROUP group;

    res = create_test_resource(cluster, &group);
    ok(res != NULL, "no test resource: %lu\n", GetLastError());
    if (!res) return;

    returned = 0xdeadbeef;
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_UNKNOWN, NULL, 0, NULL, 0, &returned);
    ok(!err && !returned, "UNKNOWN: got %lu, %lu bytes\n", err, returned);

    value = 0xdeadbeef;
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_CHARACTERISTICS, NULL, 0, &value, sizeof(value),
                                 &returned);
    ok(!err && returned == sizeof(value) && value == CLUS_CHAR_UNKNOWN, "characteristics: got %lu, %lu, %#lx\n",
       err, returned, value);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, &value, sizeof(value), &returned);
    ok(!err && returned == sizeof(value) && !value, "flags: got %lu, %lu, %#lx\n", err, returned, value);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_CLASS_INFO, NULL, 0, info, sizeof(info), &returned);
    ok(!err && returned == sizeof(info) && info[0] == CLUS_RESCLASS_UNKNOWN && !info[1],
       "class: got %lu, %lu, %lu/%#lx\n", err, returned, info[0], info[1]);
    /* A Generic Application needs nothing: the end mark alone. */
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, NULL, 0, buf, sizeof(buf),
                                 &returned);
    ok(!err, "required dependencies: got %lu\n", err);
    if (!err) check_required_dependencies(buf, returned, FALSE, NULL);

    /* All or nothing, with the size needed. */
    returned = 0;
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_CLASS_INFO, NULL, 0, info, sizeof(info) - 1,
                                 &returned);
    ok(err == ERROR_MORE_DATA && returned == sizeof(info), "short class: got %lu, %lu\n", err, returned);
    returned = 0;
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, NULL, 0, &returned);
    ok(err == ERROR_MORE_DATA && returned == sizeof(DWORD), "no buffer: got %lu, %lu\n", err, returned);

    /* Another class's code, and a known code with other access bits. */
    err = ClusterResourceControl(res, NULL, CLUSCTL_GROUP_GET_NAME, NULL, 0, buf, sizeof(buf), &returned);
    ok(err == ERROR_INVALID_FUNCTION, "group code: got %lu\n", err);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_NAME ^ CLUS_ACCESS_WRITE, NULL, 0, buf,
                                 sizeof(buf), &returned);
    ok(err == ERROR_INVALID_FUNCTION, "other access: got %lu\n", err);
    /* The host node must be a node. */
    err = ClusterResourceControl(res, (HNODE)group, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, &value, sizeof(value),
                                 &returned);
    ok(err == ERROR_INVALID_HANDLE, "group as host node: got %lu\n", err);
    if (winetest_platform_is_wine)
    {
        err = ClusterResourceControl((HRESOURCE)group, NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, &value,
                                     sizeof(value), &returned);
        ok(err == ERROR_INVALID_HANDLE, "group handle: got %lu\n", err);
    }
    /* The tests after this one make the group afresh. */
    DeleteClusterResource(res);
    CloseClusterResource(res);
    DeleteClusterGroup(group);
    CloseClusterGroup(group);

    /* The cluster's own name: a core resource that needs an IP Address. */
    name_res = OpenClusterResource(cluster, L"Cluster Name");
    if (!name_res)
    {
        skip("no resource \"Cluster Name\": %lu\n", GetLastError());
        return;
    }
    err = ClusterResourceControl(name_res, NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, &value, sizeof(value),
                                 &returned);
    ok(!err && value == CLUS_FLAG_CORE, "name flags: got %lu, %#lx\n", err, value);
    err = ClusterResourceControl(name_res, NULL, CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, NULL, 0, buf,
                                 sizeof(buf), &returned);
    ok(!err, "name dependencies: got %lu\n", err);
    if (!err) check_required_dependencies(buf, returned, FALSE, L"IP Address");
    /* 8-byte header, "IP Address" and its null padded to 24 bytes, 4-byte end mark. */
    ok(returned == 36, "got %lu bytes\n", returned);
    err = ClusterResourceControl(name_res, NULL, CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, NULL, 0, buf, 35,
                                 &returned);
    ok(err == ERROR_MORE_DATA && returned == 36, "short list: got %lu, %lu\n", err, returned);
    CloseClusterResource(name_res);
}

static void test_type_controls(HCLUSTER cluster)
{
    DWORD err, value, returned, info[2];
    BYTE buf[256];

    err = ClusterResourceTypeControl(cluster, L"Physical Disk", NULL, CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO, NULL, 0,
                                     info, sizeof(info), &returned);
    ok(!err && returned == sizeof(info) && info[0] == CLUS_RESCLASS_STORAGE &&
       info[1] == (DWORD)CLUS_RESSUBCLASS_SHARED, "disk class: got %lu, %lu, %lu/%#lx\n", err, returned, info[0],
       info[1]);
    err = ClusterResourceTypeControl(cluster, L"Physical Disk", NULL, CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS,
                                     NULL, 0, &value, sizeof(value), &returned);
    ok(!err && (value & CLUS_CHAR_QUORUM), "disk characteristics: got %lu, %#lx\n", err, value);
    err = ClusterResourceTypeControl(cluster, L"Print Spooler", NULL,
                                     CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES, NULL, 0, buf, sizeof(buf),
                                     &returned);
    ok(!err, "spooler dependencies: got %lu\n", err);
    if (!err) check_required_dependencies(buf, returned, TRUE, L"Network Name");
    err = ClusterResourceTypeControl(cluster, L"Generic Service", NULL, CLUSCTL_RESOURCE_TYPE_UNKNOWN, NULL, 0,
                                     NULL, 0, &returned);
    ok(!err && !returned, "UNKNOWN: got %lu, %lu\n", err, returned);

    err = ClusterResourceTypeControl(cluster, L"wineclus no such type", NULL,
                                     CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS, NULL, 0, &value, sizeof(value),
                                     &returned);
    ok(err == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "unknown type: got %lu\n", err);
    err = ClusterResourceTypeControl(cluster, L"Physical Disk", NULL, CLUSCTL_RESOURCE_GET_CHARACTERISTICS, NULL, 0,
                                     &value, sizeof(value), &returned);
    ok(err == ERROR_INVALID_FUNCTION, "resource code: got %lu\n", err);
}

static void test_group_node_controls(HCLUSTER cluster)
{
    WCHAR buf[256], id[256];
    DWORD err, value, returned, len;
    HGROUP group;
    HNODE node;

    group = OpenClusterGroup(cluster, L"Cluster Group");
    if (group)
    {
        err = ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_NAME, NULL, 0, buf, sizeof(buf), &returned);
        ok(!err && !wcscmp(buf, L"Cluster Group") && returned == sizeof(L"Cluster Group"),
           "group name: got %lu, %s, %lu\n", err, wine_dbgstr_w(buf), returned);
        err = ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_NAME, NULL, 0, buf, 4, &returned);
        ok(err == ERROR_MORE_DATA && returned == sizeof(L"Cluster Group"), "short name: got %lu, %lu\n", err,
           returned);
        err = ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_ID, NULL, 0, buf, sizeof(buf), &returned);
        ok(!err && lstrlenW(buf) == 36, "group id: got %lu, %s\n", err, wine_dbgstr_w(buf));
        err = ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_FLAGS, NULL, 0, &value, sizeof(value), &returned);
        ok(!err && value == CLUS_FLAG_CORE, "group flags: got %lu, %#lx\n", err, value);
        err = ClusterGroupControl(group, NULL, CLUSCTL_NODE_GET_NAME, NULL, 0, buf, sizeof(buf), &returned);
        ok(err == ERROR_INVALID_FUNCTION, "node code: got %lu\n", err);
        CloseClusterGroup(group);
    }
    else skip("no \"Cluster Group\": %lu\n", GetLastError());

    len = ARRAY_SIZE(id);
    err = GetClusterNodeId(NULL, id, &len);
    ok(!err, "GetClusterNodeId: %lu\n", err);
    len = ARRAY_SIZE(buf);
    if (!GetComputerNameW(buf, &len)) buf[0] = 0;
    node = OpenClusterNode(cluster, buf);
    if (!node)
    {
        /* Under Wine the node is the prefix's, not the host's, name. */
        HCLUSENUM en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
        DWORD type;

        len = ARRAY_SIZE(buf);
        if (en && !ClusterEnum(en, 0, &type, buf, &len)) node = OpenClusterNode(cluster, buf);
        if (en) ClusterCloseEnum(en);
    }
    ok(node != NULL, "no node: %lu\n", GetLastError());
    if (!node) return;
    {
        WCHAR name[256], node_id[256];

        err = ClusterNodeControl(node, NULL, CLUSCTL_NODE_GET_NAME, NULL, 0, name, sizeof(name), &returned);
        ok(!err && !_wcsicmp(name, buf), "node name: got %lu, %s\n", err, wine_dbgstr_w(name));
        err = ClusterNodeControl(node, NULL, CLUSCTL_NODE_GET_ID, NULL, 0, node_id, sizeof(node_id), &returned);
        len = ARRAY_SIZE(id);
        ok(!err && !GetClusterNodeId(node, id, &len) && !wcscmp(node_id, id), "node id: got %lu, %s, %s\n", err,
           wine_dbgstr_w(node_id), wine_dbgstr_w(id));
        err = ClusterNodeControl(node, NULL, CLUSCTL_NODE_GET_FLAGS, NULL, 0, &value, sizeof(value), &returned);
        ok(!err && returned == sizeof(value), "node flags: got %lu, %lu\n", err, returned);
        err = ClusterNodeControl(node, node, CLUSCTL_NODE_UNKNOWN, NULL, 0, NULL, 0, &returned);
        ok(!err && !returned, "UNKNOWN with a host node: got %lu, %lu\n", err, returned);
    }
    CloseClusterNode(node);
}

static void test_cluster_controls(HCLUSTER cluster)
{
    WCHAR name[256], fqdn[512];
    DWORD err, len = ARRAY_SIZE(name), returned;

    err = ClusterControl(cluster, NULL, CLUSCTL_CLUSTER_UNKNOWN, NULL, 0, NULL, 0, &returned);
    ok(!err && !returned, "UNKNOWN: got %lu, %lu\n", err, returned);
    GetClusterInformation(cluster, name, &len, NULL);
    err = ClusterControl(cluster, NULL, CLUSCTL_CLUSTER_GET_FQDN, NULL, 0, fqdn, sizeof(fqdn), &returned);
    /* Server 2003 before SP1 may lack the code. */
    ok(!err || broken(err == ERROR_INVALID_FUNCTION), "FQDN: got %lu\n", err);
    if (!err)
        ok(!_wcsnicmp(fqdn, name, len) && (!fqdn[len] || fqdn[len] == '.'), "got %s for %s\n",
           wine_dbgstr_w(fqdn), wine_dbgstr_w(name));
    err = ClusterControl(cluster, NULL, CLUSCTL_RESOURCE_GET_NAME, NULL, 0, fqdn, sizeof(fqdn), &returned);
    ok(err == ERROR_INVALID_FUNCTION, "resource code: got %lu\n", err);
    if (winetest_platform_is_wine)
    {
        /* No network exists here, so no handle is one. */
        err = ClusterNetworkControl((HNETWORK)cluster, NULL, CLUSCTL_NETWORK_UNKNOWN, NULL, 0, NULL, 0, &returned);
        ok(err == ERROR_INVALID_HANDLE, "network: got %lu\n", err);
        err = ClusterNetInterfaceControl(NULL, NULL, CLUSCTL_NETINTERFACE_UNKNOWN, NULL, 0, NULL, 0, &returned);
        ok(err == ERROR_INVALID_HANDLE, "interface: got %lu\n", err);
        err = ClusterControl(NULL, NULL, CLUSCTL_CLUSTER_UNKNOWN, NULL, 0, NULL, 0, &returned);
        ok(err == ERROR_INVALID_HANDLE, "no cluster: got %lu\n", err);
    }
}

static void test_hostile_names(HCLUSTER cluster)
{
    static const WCHAR *const bad[] = { L"wineclus\x1b[31m", L"wineclus\nforged line", L"wineclus\x7f",
                                        L"wineclus\x9b" L"31m" };
    WCHAR name[100];
    HGROUP group;
    HRESOURCE res;
    DWORD err;
    size_t i;

    group = CreateClusterGroup(cluster, test_group);
    ok(group != NULL, "CreateClusterGroup failed: %lu\n", GetLastError());
    if (!group) return;
    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        HGROUP g;

        SetLastError(0xdeadbeef);
        g = CreateClusterGroup(cluster, bad[i]);
        ok(!g && GetLastError() == ERROR_INVALID_NAME, "group %s: got %p, %lu\n", wine_dbgstr_w(bad[i]), g,
           GetLastError());
        if (g) DeleteClusterGroup(g), CloseClusterGroup(g);
        SetLastError(0xdeadbeef);
        res = CreateClusterResource(group, bad[i], L"Generic Application", 0);
        ok(!res && GetLastError() == ERROR_INVALID_NAME, "resource %s: got %p, %lu\n", wine_dbgstr_w(bad[i]), res,
           GetLastError());
        if (res) DeleteClusterResource(res), CloseClusterResource(res);
    }
    /* U+20AC is 3 bytes of UTF-8: 86 of them are 258 bytes, 85 are 255. */
    for (i = 0; i < 86; i++) name[i] = 0x20ac;
    name[86] = 0;
    SetLastError(0xdeadbeef);
    res = CreateClusterResource(group, name, L"Generic Application", 0);
    ok(!res && GetLastError() == ERROR_INVALID_PARAMETER, "258 bytes: got %p, %lu\n", res, GetLastError());
    if (res) DeleteClusterResource(res), CloseClusterResource(res);
    name[85] = 0;
    res = CreateClusterResource(group, name, L"Generic Application", 0);
    ok(res != NULL, "255 bytes: CreateClusterResource failed: %lu\n", GetLastError());
    if (res)
    {
        CloseClusterResource(res);
        res = OpenClusterResource(cluster, name);
        ok(res != NULL, "255 bytes: OpenClusterResource failed: %lu\n", GetLastError());
        err = res ? DeleteClusterResource(res) : 0;
        ok(!err, "DeleteClusterResource failed: %lu\n", err);
        if (res) CloseClusterResource(res);
    }
    err = DeleteClusterGroup(group);
    ok(!err, "DeleteClusterGroup failed: %lu\n", err);
    CloseClusterGroup(group);
}

static void test_handles_die_with_cluster(void)
{
    HCLUSTER cluster = OpenCluster(NULL);
    HGROUP group;
    CLUSTER_GROUP_STATE state;

    if (!winetest_platform_is_wine || !cluster)
    {
        if (cluster) CloseCluster(cluster);
        return;
    }
    group = OpenClusterGroup(cluster, L"Cluster Group");
    ok(group != NULL, "OpenClusterGroup failed: %lu\n", GetLastError());
    CloseCluster(cluster);
    SetLastError(0xdeadbeef);
    state = GetClusterGroupState(group, NULL, NULL);
    ok(state == ClusterGroupStateUnknown && GetLastError() == ERROR_INVALID_HANDLE,
       "group of a closed cluster: got %d, %lu\n", state, GetLastError());
}

static void set_test_value(DWORD value)
{
    HKEY key;
    LONG ret = RegCreateKeyExW(HKEY_LOCAL_MACHINE, test_key, 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &key, NULL);

    ok(!ret, "RegCreateKeyEx failed: %ld\n", ret);
    if (ret) return;
    RegSetValueExW(key, L"Value", 0, REG_DWORD, (BYTE *)&value, sizeof(value));
    RegCloseKey(key);
}

static DWORD get_test_value(void)
{
    DWORD value = 0, size = sizeof(value);
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, test_key, 0, KEY_READ | KEY_VIEW, &key)) return 0;
    RegQueryValueExW(key, L"Value", NULL, NULL, (BYTE *)&value, &size);
    RegCloseKey(key);
    return value;
}

static void test_backup_version_switch(HCLUSTER cluster)
{
    WCHAR dir[MAX_PATH];
    DWORD err, size;

    make_temp_dir(dir, L"removed");
    err = BackupClusterDatabase(cluster, dir);
    ok(err == ERROR_CALL_NOT_IMPLEMENTED, "BackupClusterDatabase: got %lu\n", err);
    ok(folder_is_empty(dir), "the backup wrote something\n");
    err = RestoreClusterDatabase(dir, TRUE, NULL);
    ok(err == ERROR_CALL_NOT_IMPLEMENTED, "RestoreClusterDatabase: got %lu\n", err);
    err = BackupClusterDatabase(NULL, NULL);
    ok(err == ERROR_CALL_NOT_IMPLEMENTED, "with nothing valid: got %lu\n", err);
    size = 0xdeadbeef;
    err = SetClusterServiceAccountPassword(NULL, L"unused", 0, NULL, &size);
    ok(err == ERROR_CALL_NOT_IMPLEMENTED, "SetClusterServiceAccountPassword: got %lu\n", err);
    ok(size == 0xdeadbeef, "SetClusterServiceAccountPassword set the size to %lu\n", size);
    delete_tree(dir);
}

static void check_backup_set(const WCHAR *dir, const WCHAR *guid_with_checkpoint)
{
    WCHAR path[MAX_PATH];
    DWORD attrs;

    ok(file_exists(dir, L"Clusbackup.dat", &attrs), "no Clusbackup.dat\n");
    ok((attrs & (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN)) == (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN),
       "Clusbackup.dat attributes %#lx\n", attrs);
    ok(pattern_exists(dir, L"chk*.tmp"), "no chk????.tmp\n");
    ok(file_exists(dir, L"quolog.log", NULL), "no quolog.log\n");
    if (guid_with_checkpoint)
    {
        swprintf(path, MAX_PATH, L"%ls\\*.CPT", guid_with_checkpoint);
        ok(pattern_exists(dir, path), "no %s\n", wine_dbgstr_w(path));
    }
    {
        HANDLE file;
        swprintf(path, MAX_PATH, L"%ls\\Clusbackup.dat", dir);
        file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
        ok(file != INVALID_HANDLE_VALUE, "cannot open the marker: %lu\n", GetLastError());
        ok(GetFileSize(file, NULL) == 0, "the marker has %lu bytes\n", GetFileSize(file, NULL));
        CloseHandle(file);
    }
}

static void test_backup_paths(HCLUSTER cluster)
{
    static const struct { const WCHAR *path; DWORD error; DWORD broken_error; } bad[] =
    {
        { L"", ERROR_INVALID_PARAMETER, ERROR_INVALID_NAME },
        { L"Q:\\wineclus\\no\\such\\folder", ERROR_PATH_NOT_FOUND, ERROR_PATH_NOT_FOUND },
    };
    WCHAR dir[MAX_PATH], file[MAX_PATH], missing[MAX_PATH];
    HANDLE h;
    DWORD err;
    unsigned int i;

    err = BackupClusterDatabase(cluster, NULL);
    ok(err == ERROR_INVALID_PARAMETER, "NULL path: got %lu\n", err);
    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        winetest_push_context("%s", wine_dbgstr_w(bad[i].path));
        err = BackupClusterDatabase(cluster, bad[i].path);
        ok(err == bad[i].error || broken(err == bad[i].broken_error), "got %lu\n", err);
        winetest_pop_context();
    }

    make_temp_dir(dir, L"paths");
    swprintf(file, MAX_PATH, L"%ls\\a file", dir);
    h = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(h);
    err = BackupClusterDatabase(cluster, file);
    ok(err == ERROR_DIRECTORY, "a file: got %lu\n", err);
    swprintf(missing, MAX_PATH, L"%ls\\missing", dir);
    err = BackupClusterDatabase(cluster, missing);
    ok(err == ERROR_PATH_NOT_FOUND || err == ERROR_FILE_NOT_FOUND, "a missing folder: got %lu\n", err);
    if (winetest_platform_is_wine)
    {
        err = BackupClusterDatabase(NULL, dir);
        ok(err == ERROR_INVALID_HANDLE, "NULL cluster: got %lu\n", err);
        err = BackupClusterDatabase((HCLUSTER)(ULONG_PTR)0xdeadbeef, dir);
        ok(err == ERROR_INVALID_HANDLE, "made-up cluster: got %lu\n", err);
    }
    ok(folder_is_empty(dir) || file_exists(dir, L"a file", NULL), "failed backups left files\n");
    ok(!file_exists(dir, L"Clusbackup.dat", NULL), "a failed backup left a marker\n");
    delete_tree(dir);
}

/* RegDeleteTree is Vista's: this runs on Server 2003 too. */
static LONG delete_key_tree(const WCHAR *path)
{
    WCHAR name[256], child[MAX_PATH + 256];
    DWORD len = ARRAY_SIZE(name);
    LONG ret = 0;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_VIEW, &key)) return ERROR_FILE_NOT_FOUND;
    /* Always the first child: the one before is gone. */
    while (!ret && !RegEnumKeyExW(key, 0, name, &len, NULL, NULL, NULL, NULL))
    {
        swprintf(child, ARRAY_SIZE(child), L"%ls\\%ls", path, name);
        ret = delete_key_tree(child);
        len = ARRAY_SIZE(name);
    }
    RegCloseKey(key);
    return ret ? ret : RegDeleteKeyExW(HKEY_LOCAL_MACHINE, path, KEY_VIEW, 0);
}

/* What a backup program that copies only the documented files of a set
 * brings back, through a tool that changed the names' case: no file but
 * chk????.tmp, quolog.log, <GUID>\*.CPT, *.CPR and Clusbackup.dat. */
static void strip_set(const WCHAR *dir)
{
    WCHAR from[MAX_PATH], to[MAX_PATH];
    WIN32_FIND_DATAW fd;
    HANDLE find;
    WCHAR *c;

    swprintf(from, ARRAY_SIZE(from), L"%ls\\*", dir);
    find = FindFirstFileW(from, &fd);
    ok(find != INVALID_HANDLE_VALUE, "cannot list the set: %lu\n", GetLastError());
    if (find == INVALID_HANDLE_VALUE) return;
    do
    {
        if (fd.cFileName[0] == '.') continue;
        swprintf(from, ARRAY_SIZE(from), L"%ls\\%ls", dir, fd.cFileName);
        if (!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) && !lstrcmpiW(fd.cFileName, L"wineclus.sum"))
        {
            ok(DeleteFileW(from), "cannot delete %s: %lu\n", wine_dbgstr_w(from), GetLastError());
            continue;
        }
        swprintf(to, ARRAY_SIZE(to), L"%ls\\%ls", dir, fd.cFileName);
        for (c = to + lstrlenW(dir); *c; c++) if (*c >= 'a' && *c <= 'z') *c -= 'a' - 'A';
        if (lstrcmpW(from, to))
            ok(MoveFileW(from, to), "cannot rename %s: %lu\n", wine_dbgstr_w(from), GetLastError());
    } while (FindNextFileW(find, &fd));
    FindClose(find);
}

/* Backs up into a fresh folder, sets the checkpointed value to other (and
 * drops the subkey Sub), restores: the value must be back at want.  strip:
 * the set as strip_set leaves it. */
static void check_captured(HCLUSTER cluster, DWORD want, DWORD other, const char *what, BOOL strip)
{
    WCHAR dir[MAX_PATH], sub[MAX_PATH];
    DWORD err;

    winetest_push_context("%s%s", what, strip ? ", documented files only" : "");
    make_temp_dir(dir, L"later");
    err = BackupClusterDatabase(cluster, dir);
    ok(!err, "BackupClusterDatabase failed: %lu\n", err);
    if (strip) strip_set(dir);
    set_test_value(other);
    swprintf(sub, ARRAY_SIZE(sub), L"%ls\\Sub", test_key);
    delete_key_tree(sub);
    err = RestoreClusterDatabase(dir, FALSE, NULL);
    ok(!err, "RestoreClusterDatabase failed: %lu\n", err);
    ok(get_test_value() == want, "checkpointed value after restore: %lu, want %lu\n", get_test_value(), want);
    delete_tree(dir);
    winetest_pop_context();
}

/* Every backup carries what the checkpointed key holds at that moment, however
 * it got there since the backup before: a value set again, the key deleted and
 * made again, a value in a new subkey. */
static void test_later_changes(HCLUSTER cluster)
{
    HKEY key;
    DWORD v = 7;
    LONG ret;

    set_test_value(3333);
    check_captured(cluster, 3333, 4444, "value set", FALSE);
    check_captured(cluster, 3333, 4444, "value set", TRUE);
    check_captured(cluster, 3333, 5555, "unchanged since the restore", FALSE);
    delete_key_tree(test_key);
    set_test_value(6666);
    check_captured(cluster, 6666, 1, "key made again", FALSE);
    ret = RegCreateKeyExW(HKEY_LOCAL_MACHINE, test_key, 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &key, NULL);
    ok(!ret, "RegCreateKeyEx failed: %ld\n", ret);
    if (!ret)
    {
        HKEY sub;
        ret = RegCreateKeyExW(key, L"Sub\\Deeper", 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &sub, NULL);
        ok(!ret, "RegCreateKeyEx of a subkey failed: %ld\n", ret);
        if (!ret)
        {
            RegSetValueExW(sub, L"Deep", 0, REG_DWORD, (BYTE *)&v, sizeof(v));
            RegCloseKey(sub);
        }
        RegCloseKey(key);
    }
    check_captured(cluster, 6666, 8888, "subkey added", TRUE);
    v = 0;
    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, test_key, 0, KEY_READ | KEY_VIEW, &key);
    if (!ret)
    {
        DWORD size = sizeof(v);
        RegGetValueW(key, L"Sub\\Deeper", L"Deep", RRF_RT_REG_DWORD, NULL, &v, &size);
        RegCloseKey(key);
    }
    ok(v == 7, "value of the subkey after restore: %lu\n", v);
}

/* ---- a checkpoint made bad in a set (issue 17) ---- */

static const WCHAR canary_key[] = L"Software\\Canary";

static void make_canary(void)
{
    static const BYTE bin[] = { 0, 1, 2, 0xfe, 0xff };
    DWORD dw = 0x12345678;
    HKEY key, sub;

    delete_key_tree(canary_key);
    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, canary_key, 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &key, NULL))
        return;
    RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)L"default", sizeof(L"default"));
    RegSetValueExW(key, L"Number", 0, REG_DWORD, (const BYTE *)&dw, sizeof(dw));
    RegSetValueExW(key, L"Bytes", 0, REG_BINARY, bin, sizeof(bin));
    if (!RegCreateKeyExW(key, L"CanaryLeaf\\Deeper", 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &sub, NULL))
    {
        RegSetValueExW(sub, L"Text", 0, REG_SZ, (const BYTE *)L"deep", sizeof(L"deep"));
        RegCloseKey(sub);
    }
    if (!RegCreateKeyExW(key, L"Empty", 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &sub, NULL)) RegCloseKey(sub);
    RegCloseKey(key);
}

/* Every key, value, type and byte below path, as text ("" if it is missing). */
static void describe_key(const WCHAR *path, char *out, size_t size)
{
    WCHAR name[256], child[MAX_PATH];
    BYTE data[512];
    DWORD i, len, type, data_len;
    size_t used;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_VIEW, &key)) return;
    used = strlen(out);
    snprintf(out + used, size - used, "[%ls]\n", path);
    for (i = 0; len = ARRAY_SIZE(name), data_len = sizeof(data),
                !RegEnumValueW(key, i, name, &len, NULL, &type, data, &data_len); i++)
    {
        DWORD b;
        used = strlen(out);
        snprintf(out + used, size - used, "%ls=%lu:", name, type);
        for (b = 0; b < data_len; b++)
        {
            used = strlen(out);
            snprintf(out + used, size - used, "%02x", data[b]);
        }
        used = strlen(out);
        snprintf(out + used, size - used, "\n");
    }
    for (i = 0; len = ARRAY_SIZE(name), !RegEnumKeyExW(key, i, name, &len, NULL, NULL, NULL, NULL); i++)
    {
        swprintf(child, ARRAY_SIZE(child), L"%ls\\%ls", path, name);
        describe_key(child, out, size);
    }
    RegCloseKey(key);
}

static BOOL sha256_hex(const BYTE *data, DWORD size, char hex[65])
{
    HCRYPTPROV prov;
    HCRYPTHASH hash;
    BYTE md[32];
    DWORD len = sizeof(md), i;
    BOOL ret;

    if (!CryptAcquireContextW(&prov, NULL, NULL, PROV_RSA_AES, CRYPT_VERIFYCONTEXT)) return FALSE;
    ret = CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash);
    if (ret)
    {
        ret = CryptHashData(hash, data, size, 0) && CryptGetHashParam(hash, HP_HASHVAL, md, &len, 0) && len == 32;
        CryptDestroyHash(hash);
    }
    CryptReleaseContext(prov, 0);
    for (i = 0; ret && i < 32; i++) sprintf(hex + 2 * i, "%02x", md[i]);
    return ret;
}

static BYTE *read_whole(const WCHAR *path, DWORD *size)
{
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    BYTE *data = NULL;

    *size = 0;
    if (file == INVALID_HANDLE_VALUE) return NULL;
    *size = GetFileSize(file, NULL);
    data = HeapAlloc(GetProcessHeap(), 0, *size + 1);
    if (data && !ReadFile(file, data, *size, size, NULL)) *size = 0;
    if (data) data[*size] = 0;
    CloseHandle(file);
    return data;
}

static BOOL write_whole(const WCHAR *path, const void *data, DWORD size)
{
    HANDLE file;
    DWORD done = 0;

    SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    WriteFile(file, data, size, &done, NULL);
    CloseHandle(file);
    return done == size;
}

/* The .CPT (NAME.CPT in the GUID folder) whose hive holds the canary's subkey. */
static BOOL find_canary_cpt(const WCHAR *dir, const WCHAR *guid, WCHAR *name)
{
    /* A hive keeps a key name that fits Latin-1 in one byte a character. */
    static const char leaf[] = "CanaryLeaf";
    WCHAR pattern[MAX_PATH], path[MAX_PATH];
    WIN32_FIND_DATAW fd;
    HANDLE find;
    BOOL found = FALSE;

    swprintf(pattern, MAX_PATH, L"%ls\\%ls\\*.CPT", dir, guid);
    if ((find = FindFirstFileW(pattern, &fd)) == INVALID_HANDLE_VALUE) return FALSE;
    do
    {
        DWORD size, i;
        BYTE *data;
        swprintf(path, MAX_PATH, L"%ls\\%ls\\%ls", dir, guid, fd.cFileName);
        data = read_whole(path, &size);
        for (i = 0; data && !found && i + sizeof(leaf) - 1 <= size; i++)
            found = !memcmp(data + i, leaf, sizeof(leaf) - 1);
        HeapFree(GetProcessHeap(), 0, data);
        if (found) wcscpy(name, fd.cFileName);
    } while (!found && FindNextFileW(find, &fd));
    FindClose(find);
    return found;
}

/* Cut the canary's .CPT to half and rebuild wineclus.sum to match it
 * (docs/backup-format.md), as anyone who can write a set can. */
static BOOL cut_canary_cpt(const WCHAR *dir, const WCHAR *guid)
{
    WCHAR name[MAX_PATH], path[MAX_PATH];
    char rel[128], line_head[160], hex[65], *text, *line, *rest, *out, *last;
    DWORD size, text_size, i;
    BYTE *data;
    BOOL ret = FALSE;

    if (!find_canary_cpt(dir, guid, name)) return FALSE;
    swprintf(path, MAX_PATH, L"%ls\\%ls\\%ls", dir, guid, name);
    if (!(data = read_whole(path, &size))) return FALSE;
    size /= 2;
    if (!write_whole(path, data, size) || !sha256_hex(data, size, hex))
    {
        HeapFree(GetProcessHeap(), 0, data);
        return FALSE;
    }
    HeapFree(GetProcessHeap(), 0, data);
    snprintf(rel, sizeof(rel), "%ls/%ls", guid, name);
    snprintf(line_head, sizeof(line_head), "checkpoint %s ", rel);
    swprintf(path, MAX_PATH, L"%ls\\wineclus.sum", dir);
    if (!(text = (char *)read_whole(path, &text_size))) return FALSE;
    out = HeapAlloc(GetProcessHeap(), 0, text_size + 256);
    if (out && (line = strstr(text, line_head)) && (last = strstr(text, "\nsha256 ")))
    {
        /* Size and digest after the path; kind and key stay. */
        for (rest = line + strlen(line_head), i = 0; rest && i < 2; i++)
            if ((rest = strchr(rest, ' '))) rest++;
        last[1] = 0;
        if (rest)
        {
            snprintf(out, text_size + 256, "%.*s%s%lu %s %s", (int)(line - text), text, line_head, size, hex, rest);
            if (sha256_hex((const BYTE *)out, strlen(out), hex))
            {
                sprintf(out + strlen(out), "sha256 %s\n", hex);
                ret = write_whole(path, out, strlen(out));
            }
        }
    }
    HeapFree(GetProcessHeap(), 0, out);
    HeapFree(GetProcessHeap(), 0, text);
    return ret;
}

/* The store's own file of the canary's contents (named by their SHA-256),
 * one byte changed, the size kept. */
static BOOL damage_stored_canary(const WCHAR *dir, const WCHAR *guid)
{
    WCHAR name[MAX_PATH], path[MAX_PATH], store[MAX_PATH];
    char hex[65];
    DWORD size, i;
    BYTE *data;
    BOOL ret = FALSE;

    if (!GetEnvironmentVariableW(L"WINECLUS_STORE", store, MAX_PATH) || !find_canary_cpt(dir, guid, name)) return FALSE;
    swprintf(path, MAX_PATH, L"%ls\\%ls\\%ls", dir, guid, name);
    if (!(data = read_whole(path, &size)) || size < 2 || !sha256_hex(data, size, hex))
    {
        HeapFree(GetProcessHeap(), 0, data);
        return FALSE;
    }
    /* The last value's data (just before the end record). */
    data[size - 2] ^= 0x55;
    swprintf(path, MAX_PATH, L"Z:%ls/contents/%hs", store, hex);
    for (i = 0; path[i]; i++) if (path[i] == '/') path[i] = '\\';
    ret = write_whole(path, data, size);
    HeapFree(GetProcessHeap(), 0, data);
    return ret;
}

/* Issue 17: a set whose registry checkpoint stream is cut short (its
 * manifest rebuilt to match) used to be restored with success while the
 * checkpointed key was deleted.  Now the restore refuses the set and the key
 * keeps every value and subkey; and contents damaged in the store make the
 * apply fail without touching the key. */
#define MANY_KEYS 70
static const WCHAR many_root[] = L"Software\\WineclusMany";

static LONG set_many_value(unsigned int i, DWORD value)
{
    WCHAR path[MAX_PATH];
    HKEY key;
    LONG ret;

    swprintf(path, ARRAY_SIZE(path), L"%ls\\K%02u", many_root, i);
    if ((ret = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_ALL_ACCESS | KEY_VIEW, NULL, &key, NULL)))
        return ret;
    ret = RegSetValueExW(key, L"Value", 0, REG_DWORD, (BYTE *)&value, sizeof(value));
    RegCloseKey(key);
    return ret;
}

static DWORD get_many_value(unsigned int i)
{
    WCHAR path[MAX_PATH];
    DWORD value = 0, size = sizeof(value);
    HKEY key;

    swprintf(path, ARRAY_SIZE(path), L"%ls\\K%02u", many_root, i);
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_VIEW, &key)) return 0;
    RegQueryValueExW(key, L"Value", NULL, NULL, (BYTE *)&value, &size);
    RegCloseKey(key);
    return value;
}

/* More checkpointed keys than one wait can watch (64), a few of them changed
 * between two backups, side by side and far apart: the second backup must
 * carry each change, and the restore of it bring back exactly those. */
static void test_many_checkpoints(HRESOURCE res, HCLUSTER cluster)
{
    static const unsigned int changed[] = { 3, 64, 65, 69 };
    WCHAR dir[MAX_PATH], path[MAX_PATH];
    DWORD err, returned, want;
    unsigned int i, j;
    BOOL is_changed;

    for (i = 0; i < MANY_KEYS; i++)
    {
        ok(!set_many_value(i, 1), "cannot set key %u\n", i);
        swprintf(path, ARRAY_SIZE(path), L"%ls\\K%02u", many_root, i);
        err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, (void *)path,
                                     (lstrlenW(path) + 1) * sizeof(WCHAR), NULL, 0, &returned);
        ok(!err, "ADD_REGISTRY_CHECKPOINT %u failed: %lu\n", i, err);
    }
    make_temp_dir(dir, L"many");
    err = BackupClusterDatabase(cluster, dir);
    ok(!err, "first backup failed: %lu\n", err);
    for (j = 0; j < ARRAY_SIZE(changed); j++) set_many_value(changed[j], 2);
    err = BackupClusterDatabase(cluster, dir);
    ok(!err, "second backup failed: %lu\n", err);
    for (i = 0; i < MANY_KEYS; i++) set_many_value(i, 3);
    err = RestoreClusterDatabase(dir, FALSE, NULL);
    ok(!err, "RestoreClusterDatabase failed: %lu\n", err);
    for (i = 0; i < MANY_KEYS; i++)
    {
        for (j = 0, is_changed = FALSE; j < ARRAY_SIZE(changed); j++) is_changed |= changed[j] == i;
        want = is_changed ? 2 : 1;
        ok(get_many_value(i) == want, "key %u after restore: %lu, want %lu\n", i, get_many_value(i), want);
    }
    for (i = 0; i < MANY_KEYS; i++)
    {
        swprintf(path, ARRAY_SIZE(path), L"%ls\\K%02u", many_root, i);
        err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT, (void *)path,
                                     (lstrlenW(path) + 1) * sizeof(WCHAR), NULL, 0, &returned);
        ok(!err, "DELETE_REGISTRY_CHECKPOINT %u failed: %lu\n", i, err);
    }
    delete_key_tree(many_root);
    delete_tree(dir);
}

static void test_bad_checkpoint_stream(HCLUSTER cluster, HRESOURCE res, const WCHAR *guid)
{
    static char before[16384], after[16384];
    WCHAR dir[MAX_PATH], path[MAX_PATH];
    DWORD err, returned;
    HKEY key;

    make_canary();
    before[0] = 0;
    describe_key(canary_key, before, sizeof(before));
    ok(strstr(before, "CanaryLeaf\\Deeper") != NULL, "canary not made: %s\n", before);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, (void *)canary_key,
                                 sizeof(canary_key), NULL, 0, &returned);
    ok(!err, "ADD_REGISTRY_CHECKPOINT failed: %lu\n", err);
    make_temp_dir(dir, L"canary");
    err = BackupClusterDatabase(cluster, dir);
    ok(!err, "BackupClusterDatabase failed: %lu\n", err);
    if (!winetest_platform_is_wine)
        skip("the set's own format is Wine's: no cut stream to restore here\n");
    else if (!err)
    {
        /* Its manifest resealed to match: the digests stand for the walk, so
         * the set is restored, and the apply's walk refuses the hive before
         * the key is touched (docs/checkpoint-format.md). */
        ok(cut_canary_cpt(dir, guid), "cannot cut the canary's hive\n");
        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(err == ERROR_INVALID_DATA, "restore of a cut hive with its manifest: got %lu\n", err);
        after[0] = 0;
        describe_key(canary_key, after, sizeof(after));
        ok(!strcmp(before, after), "the canary changed:\n%s\nnow:\n%s\n", before, after);
        /* Without the manifest every hive is walked: the set is refused whole. */
        swprintf(path, MAX_PATH, L"%ls\\wineclus.sum", dir);
        ok(DeleteFileW(path), "cannot delete the manifest: %lu\n", GetLastError());
        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(err == ERROR_DATABASE_BACKUP_CORRUPT, "restore of a cut hive without a manifest: got %lu\n", err);
        after[0] = 0;
        describe_key(canary_key, after, sizeof(after));
        ok(!strcmp(before, after), "the canary changed:\n%s\nnow:\n%s\n", before, after);

        /* A good set, but the store's copy of the contents damaged in place. */
        make_canary();
        before[0] = 0;
        describe_key(canary_key, before, sizeof(before));
        delete_tree(dir);
        make_temp_dir(dir, L"canary");
        err = BackupClusterDatabase(cluster, dir);
        ok(!err, "BackupClusterDatabase failed: %lu\n", err);

        /* What a crash in an earlier apply would have left beside the key goes at the next. */
        RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Canary.wineclus-new\\Half", 0, NULL, 0,
                        KEY_ALL_ACCESS | KEY_VIEW, NULL, &key, NULL);
        RegCloseKey(key);
        RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Canary.wineclus-old", 0, NULL, 0,
                        KEY_ALL_ACCESS | KEY_VIEW, NULL, &key, NULL);
        RegCloseKey(key);
        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(!err, "RestoreClusterDatabase failed: %lu\n", err);
        ok(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Canary.wineclus-new", 0, KEY_READ | KEY_VIEW, &key) ==
           ERROR_FILE_NOT_FOUND, "the staging key is still there\n");
        ok(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Canary.wineclus-old", 0, KEY_READ | KEY_VIEW, &key) ==
           ERROR_FILE_NOT_FOUND, "the old key is still there\n");
        after[0] = 0;
        describe_key(canary_key, after, sizeof(after));
        ok(!strcmp(before, after), "the canary changed:\n%s\nnow:\n%s\n", before, after);

        if (!damage_stored_canary(dir, guid)) skip("no store folder to damage (WINECLUS_STORE)\n");
        else
        {
            /* The set's file has the listed digest: it replaces the store's damaged copy. */
            err = RestoreClusterDatabase(dir, FALSE, NULL);
            ok(!err, "restore with damaged stored contents: got %lu\n", err);
            after[0] = 0;
            describe_key(canary_key, after, sizeof(after));
            ok(!strcmp(before, after), "the canary changed:\n%s\nnow:\n%s\n", before, after);
            /* A backup reads every stored copy (a damaged one fails it with 1392). */
            delete_tree(dir);
            make_temp_dir(dir, L"canary");
            err = BackupClusterDatabase(cluster, dir);
            ok(!err, "backup after the restore replaced the damaged copy: got %lu\n", err);
        }
    }
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT, (void *)canary_key,
                                 sizeof(canary_key), NULL, 0, &returned);
    ok(!err, "DELETE_REGISTRY_CHECKPOINT failed: %lu\n", err);
    delete_key_tree(canary_key);
    delete_tree(dir);
}

static void test_backup_restore(HCLUSTER cluster)
{
    WCHAR dir[MAX_PATH], guid[64], with_slash[MAX_PATH + 1];
    DWORD err, returned;
    HRESOURCE res;
    HGROUP group;

    res = create_test_resource(cluster, &group);
    ok(res != NULL, "cannot create the test resource: %lu\n", GetLastError());
    if (!res) return;
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_GET_ID, NULL, 0, guid, sizeof(guid), &returned);
    ok(!err, "GET_ID failed: %lu\n", err);
    set_test_value(1111);
    err = ClusterResourceControl(res, NULL, CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, (void *)test_key,
                                 sizeof(test_key), NULL, 0, &returned);
    ok(!err || err == ERROR_ALREADY_EXISTS, "ADD_REGISTRY_CHECKPOINT failed: %lu\n", err);

    make_temp_dir(dir, L"backup");
    swprintf(with_slash, ARRAY_SIZE(with_slash), L"%ls\\", dir);
    err = BackupClusterDatabase(cluster, with_slash);
    ok(!err, "BackupClusterDatabase(%s) failed: %lu\n", wine_dbgstr_w(with_slash), err);
    if (!err) check_backup_set(dir, guid);

    /* Restore brings back the checkpointed key as it was at the backup. */
    set_test_value(2222);
    if (!winetest_platform_is_wine && !GetEnvironmentVariableW(L"WINECLUS_TEST_RESTORE", NULL, 0))
        skip("restore replaces the cluster database: set WINECLUS_TEST_RESTORE=1 to test it\n");
    else
    {
        static const WCHAR *const bad_letters[] = { L"", L"C", L"CC:", L"1:", L"C:\\", L"C:x" };
        WCHAR empty[MAX_PATH];
        unsigned int i;

        for (i = 0; i < ARRAY_SIZE(bad_letters); i++)
        {
            winetest_push_context("%s", wine_dbgstr_w(bad_letters[i]));
            err = RestoreClusterDatabase(dir, FALSE, bad_letters[i]);
            ok(err == ERROR_INVALID_PARAMETER, "got %lu\n", err);
            winetest_pop_context();
        }
        make_temp_dir(empty, L"empty");
        err = RestoreClusterDatabase(empty, FALSE, NULL);
        ok(err && err != ERROR_INVALID_PARAMETER, "restore from an empty folder: got %lu\n", err);
        trace("restore from an empty folder: %lu\n", err);
        delete_tree(empty);

        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(!err, "RestoreClusterDatabase failed: %lu\n", err);
        ok(get_test_value() == 1111, "checkpointed value after restore: %lu\n", get_test_value());
        test_later_changes(cluster);
        test_many_checkpoints(res, cluster);
        test_bad_checkpoint_stream(cluster, res, guid);
    }

    /* A second backup after the resource is gone drops its folder. */
    CloseClusterResource(res);
    res = OpenClusterResource(cluster, test_resource);
    ok(res != NULL, "the restored resource is not there: %lu\n", GetLastError());
    if (res)
    {
        err = DeleteClusterResource(res);
        ok(!err, "DeleteClusterResource failed: %lu\n", err);
        CloseClusterResource(res);
    }
    err = BackupClusterDatabase(cluster, dir);
    ok(!err, "second backup failed: %lu\n", err);
    if (!err) check_backup_set(dir, NULL);
    ok(!file_exists(dir, guid, NULL), "the deleted resource's folder is still there\n");
    delete_tree(dir);

    CloseClusterGroup(group);
    group = OpenClusterGroup(cluster, test_group);
    if (group)
    {
        DeleteClusterGroup(group);
        CloseClusterGroup(group);
    }
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, test_key, KEY_VIEW, 0);
}

/* The documentation's own example: a share named ClusBack, folder 19991215.
 * The test run maps \\ClusBack to a host folder through the prefix. */
static void test_backup_unc(HCLUSTER cluster)
{
    static const WCHAR unc[] = L"\\\\ClusBack\\19991215";
    DWORD err;

    if (GetFileAttributesW(unc) == INVALID_FILE_ATTRIBUTES)
    {
        skip("no share \\\\ClusBack\\19991215 here\n");
        return;
    }
    err = BackupClusterDatabase(cluster, unc);
    ok(!err, "BackupClusterDatabase(%s) failed: %lu\n", wine_dbgstr_w(unc), err);
    if (!err) check_backup_set(unc, NULL);
}

START_TEST(clusapi)
{
    HCLUSTER cluster;
    DWORD len;

    init_version();
    len = GetTempPathW(ARRAY_SIZE(temp_root), temp_root);
    if (len && temp_root[len - 1] == '\\') temp_root[len - 1] = 0;
    wcscat(temp_root, L"\\wineclus-test");
    CreateDirectoryW(temp_root, NULL);

    cluster = OpenCluster(NULL);
    if (!cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    test_open_close();
    test_information(cluster);
    test_quorum(cluster);
    test_enum(cluster);
    test_node_state(cluster);
    test_groups_resources(cluster);
    test_resource_controls(cluster);
    test_type_controls(cluster);
    test_group_node_controls(cluster);
    test_cluster_controls(cluster);
    test_hostile_names(cluster);
    test_handles_die_with_cluster();
    if (backup_api_removed) test_backup_version_switch(cluster);
    else
    {
        test_backup_paths(cluster);
        test_backup_restore(cluster);
        test_backup_unc(cluster);
    }
    CloseCluster(cluster);
    delete_tree(temp_root);
}

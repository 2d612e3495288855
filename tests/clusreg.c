/*
 * Conformance tests of the cluster registry (ClusterReg*, Get*Key).
 *
 * Built with the stock mingw-w64 SDK; runs under Wine (through wineclus) and,
 * unchanged, on a Windows Server 2003 cluster.  The restore test replaces the
 * cluster database, so on Windows it runs only with WINECLUS_TEST_RESTORE=1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"

static const WCHAR app_key[] = L"WineclusRegTest";
static const WCHAR reg_group[] = L"wineclus registry group";
static const WCHAR reg_resource[] = L"wineclus registry resource";

static DWORD query_dword(HKEY key, const WCHAR *name)
{
    DWORD v = 0xdeadbeef, size = sizeof(v), type = 0;
    LONG ret = ClusterRegQueryValue(key, name, &type, (BYTE *)&v, &size);

    ok(!ret && type == REG_DWORD && size == sizeof(v), "%s: %ld, type %lu, size %lu\n", wine_dbgstr_w(name), ret,
       type, size);
    return v;
}

static BOOL query_sz(HKEY key, const WCHAR *name, WCHAR *buf, DWORD cch)
{
    DWORD size = cch * sizeof(WCHAR), type = 0;
    LONG ret = ClusterRegQueryValue(key, name, &type, (BYTE *)buf, &size);

    if (ret) buf[0] = 0;
    return !ret && type == REG_SZ;
}

static BOOL has_subkey(HKEY key, const WCHAR *name)
{
    WCHAR buf[256];
    DWORD i, cch;

    for (i = 0;; i++)
    {
        cch = ARRAY_SIZE(buf);
        if (ClusterRegEnumKey(key, i, buf, &cch, NULL)) return FALSE;
        if (!lstrcmpiW(buf, name)) return TRUE;
    }
}

static void test_layout(HCLUSTER cluster)
{
    static const WCHAR *const classes[] = { L"Groups", L"Resources", L"ResourceTypes", L"Nodes", L"Networks",
                                            L"NetworkInterfaces", L"Quorum" };
    WCHAR name[256], value[256];
    DWORD len = ARRAY_SIZE(name), i;
    HKEY root, key;
    LONG ret;

    SetLastError(0xdeadbeef);
    ok(!GetClusterKey(NULL, KEY_READ) && GetLastError() == ERROR_INVALID_HANDLE, "GetClusterKey(NULL): %lu\n",
       GetLastError());
    root = GetClusterKey(cluster, KEY_READ);
    ok(root != NULL, "GetClusterKey failed: %lu\n", GetLastError());
    if (!root) return;
    for (i = 0; i < ARRAY_SIZE(classes); i++)
        ok(has_subkey(root, classes[i]), "no %s key\n", wine_dbgstr_w(classes[i]));
    GetClusterInformation(cluster, name, &len, NULL);
    ok(query_sz(root, L"ClusterName", value, ARRAY_SIZE(value)), "no ClusterName\n");
    ok(!lstrcmpiW(value, name), "ClusterName %s, cluster %s\n", wine_dbgstr_w(value), wine_dbgstr_w(name));
    ret = ClusterRegOpenKey(root, L"ResourceTypes\\Physical Disk", KEY_READ, &key);
    ok(!ret, "open ResourceTypes\\Physical Disk: %ld\n", ret);
    if (!ret)
    {
        ok(query_sz(key, L"DllName", value, ARRAY_SIZE(value)), "no DllName\n");
        ok(!lstrcmpiW(value, L"clusres.dll"), "DllName %s\n", wine_dbgstr_w(value));
        ClusterRegCloseKey(key);
    }
    key = GetClusterResourceTypeKey(cluster, L"Physical Disk", KEY_READ);
    ok(key != NULL, "GetClusterResourceTypeKey failed: %lu\n", GetLastError());
    if (key) ClusterRegCloseKey(key);
    ret = ClusterRegOpenKey(root, L"Quorum", KEY_READ, &key);
    ok(!ret, "open Quorum: %ld\n", ret);
    if (!ret)
    {
        ok(query_sz(key, L"Path", value, ARRAY_SIZE(value)), "no quorum Path\n");
        ClusterRegCloseKey(key);
    }
    ret = ClusterRegOpenKey(root, L"No Such Key\\Below", KEY_READ, &key);
    ok(ret == ERROR_FILE_NOT_FOUND, "open a missing key: %ld\n", ret);
    ClusterRegCloseKey(root);
}

static void test_object_keys(HCLUSTER cluster)
{
    WCHAR value[256], renamed[] = L"wineclus registry renamed";
    HRESOURCE res, again;
    HGROUP group;
    HKEY key, params;
    DWORD dw = 5, disp = 0;
    LONG ret;

    group = CreateClusterGroup(cluster, reg_group);
    ok(group != NULL, "CreateClusterGroup failed: %lu\n", GetLastError());
    if (!group) return;
    res = CreateClusterResource(group, reg_resource, L"Generic Service", 0);
    ok(res != NULL, "CreateClusterResource failed: %lu\n", GetLastError());
    if (!res) goto done;

    key = GetClusterGroupKey(group, KEY_READ);
    ok(key != NULL, "GetClusterGroupKey failed: %lu\n", GetLastError());
    if (key)
    {
        ok(query_sz(key, L"Name", value, ARRAY_SIZE(value)) && !lstrcmpW(value, reg_group), "group Name %s\n",
           wine_dbgstr_w(value));
        ClusterRegCloseKey(key);
    }
    key = GetClusterResourceKey(res, KEY_ALL_ACCESS);
    ok(key != NULL, "GetClusterResourceKey failed: %lu\n", GetLastError());
    if (!key) goto done;
    ok(query_sz(key, L"Name", value, ARRAY_SIZE(value)) && !lstrcmpW(value, reg_resource), "Name %s\n",
       wine_dbgstr_w(value));
    ok(query_sz(key, L"Type", value, ARRAY_SIZE(value)) && !lstrcmpW(value, L"Generic Service"), "Type %s\n",
       wine_dbgstr_w(value));
    ret = ClusterRegCreateKey(key, L"Parameters", 0, KEY_ALL_ACCESS, NULL, &params, &disp);
    ok(!ret && disp == REG_OPENED_EXISTING_KEY, "Parameters: %ld, disposition %lu\n", ret, disp);
    if (!ret)
    {
        ret = ClusterRegSetValue(params, L"RestartPeriod", REG_DWORD, (BYTE *)&dw, sizeof(dw));
        ok(!ret, "set a private property: %ld\n", ret);
        ok(query_dword(params, L"RestartPeriod") == 5, "private property not read back\n");
        ClusterRegCloseKey(params);
    }
    /* The object API and the registry are one database: writing Name renames. */
    if (winetest_platform_is_wine)
    {
        ret = ClusterRegSetValue(key, L"Name", REG_SZ, (BYTE *)renamed, sizeof(renamed));
        ok(!ret, "set Name: %ld\n", ret);
        again = OpenClusterResource(cluster, renamed);
        ok(again != NULL, "the resource was not renamed: %lu\n", GetLastError());
        if (again) CloseClusterResource(again);
        ret = ClusterRegSetValue(key, L"Name", REG_DWORD, (BYTE *)&dw, sizeof(dw));
        ok(ret == ERROR_INVALID_PARAMETER, "a DWORD Name: %ld\n", ret);
        ret = ClusterRegSetValue(key, L"Type", REG_SZ, (BYTE *)L"IP Address", sizeof(L"IP Address"));
        ok(ret == ERROR_ACCESS_DENIED, "set Type: %ld\n", ret);
        ret = ClusterRegSetValue(key, L"Name", REG_SZ, (BYTE *)reg_resource, sizeof(reg_resource));
        ok(!ret, "rename back: %ld\n", ret);
    }
    ClusterRegCloseKey(key);
    /* Deleting the object deletes its key. */
    ok(!DeleteClusterResource(res), "DeleteClusterResource failed\n");
    SetLastError(0xdeadbeef);
    key = GetClusterResourceKey(res, KEY_READ);
    ok(!key, "the key of a deleted resource opened\n");
    if (key) ClusterRegCloseKey(key);
    CloseClusterResource(res);
done:
    DeleteClusterGroup(group);
    CloseClusterGroup(group);
}

static HKEY make_app_key(HCLUSTER cluster)
{
    HKEY root = GetClusterKey(cluster, KEY_ALL_ACCESS), key = NULL;
    DWORD disp = 0;
    LONG ret;

    if (!root) return NULL;
    ret = ClusterRegCreateKey(root, app_key, 0, KEY_ALL_ACCESS, NULL, &key, &disp);
    ok(!ret, "ClusterRegCreateKey failed: %ld\n", ret);
    ClusterRegCloseKey(root);
    return ret ? NULL : key;
}

static void delete_app_key(HCLUSTER cluster)
{
    HKEY root = GetClusterKey(cluster, KEY_ALL_ACCESS), key;
    WCHAR name[256];
    DWORD cch;

    if (!root) return;
    if (!ClusterRegOpenKey(root, app_key, KEY_ALL_ACCESS, &key))
    {
        for (;;)
        {
            cch = ARRAY_SIZE(name);
            if (ClusterRegEnumKey(key, 0, name, &cch, NULL) || ClusterRegDeleteKey(key, name)) break;
        }
        ClusterRegCloseKey(key);
        ClusterRegDeleteKey(root, app_key);
    }
    ClusterRegCloseKey(root);
}

static void test_values(HCLUSTER cluster)
{
    static const WCHAR multi[] = L"one\0two\0";
    static const BYTE bin[] = { 1, 2, 0, 0xff };
    WCHAR buf[64], name[64];
    DWORD type, size, cch, count, max_name, max_data, subkeys, dw = 42, disp;
    BYTE small[4];
    HKEY key, sub, sub2;
    LONG ret;

    delete_app_key(cluster);
    if (!(key = make_app_key(cluster))) return;
    ret = ClusterRegCreateKey(key, L"Sub\\Deeper", 0, KEY_ALL_ACCESS, NULL, &sub, &disp);
    ok(!ret && disp == REG_CREATED_NEW_KEY, "create Sub\\Deeper: %ld, disposition %lu\n", ret, disp);
    if (!ret) ClusterRegCloseKey(sub);
    ret = ClusterRegCreateKey(key, L"sub", 0, KEY_ALL_ACCESS, NULL, &sub, &disp);
    ok(!ret && disp == REG_OPENED_EXISTING_KEY, "create sub again: %ld, disposition %lu\n", ret, disp);
    if (!ret) ClusterRegCloseKey(sub);

    ok(!ClusterRegSetValue(key, L"Text", REG_SZ, (BYTE *)L"hello", sizeof(L"hello")), "set REG_SZ\n");
    ok(!ClusterRegSetValue(key, L"Number", REG_DWORD, (BYTE *)&dw, sizeof(dw)), "set REG_DWORD\n");
    ok(!ClusterRegSetValue(key, L"List", REG_MULTI_SZ, (BYTE *)multi, sizeof(multi)), "set REG_MULTI_SZ\n");
    ok(!ClusterRegSetValue(key, L"Bytes", REG_BINARY, bin, sizeof(bin)), "set REG_BINARY\n");
    ok(!ClusterRegSetValue(key, NULL, REG_SZ, (BYTE *)L"dflt", sizeof(L"dflt")), "set the default value\n");

    /* Sizes: asked for with no buffer, ERROR_MORE_DATA with a short one. */
    size = 0;
    ret = ClusterRegQueryValue(key, L"Text", &type, NULL, &size);
    ok(!ret && type == REG_SZ && size == sizeof(L"hello"), "size query: %ld, type %lu, size %lu\n", ret, type, size);
    size = sizeof(small);
    ret = ClusterRegQueryValue(key, L"Text", &type, small, &size);
    ok(ret == ERROR_MORE_DATA && size == sizeof(L"hello"), "short buffer: %ld, size %lu\n", ret, size);
    size = sizeof(buf);
    ret = ClusterRegQueryValue(key, L"List", &type, (BYTE *)buf, &size);
    ok(!ret && type == REG_MULTI_SZ && size == sizeof(multi) && !memcmp(buf, multi, sizeof(multi)),
       "REG_MULTI_SZ: %ld, type %lu, size %lu\n", ret, type, size);
    size = sizeof(buf);
    ret = ClusterRegQueryValue(key, L"Bytes", &type, (BYTE *)buf, &size);
    ok(!ret && type == REG_BINARY && size == sizeof(bin) && !memcmp(buf, bin, sizeof(bin)), "REG_BINARY: %ld\n", ret);
    ok(query_dword(key, L"number") == 42, "REG_DWORD not read back\n");
    ret = ClusterRegQueryValue(key, L"Missing", &type, NULL, &size);
    ok(ret == ERROR_FILE_NOT_FOUND, "missing value: %ld\n", ret);

    /* Enumeration and key information. */
    ret = ClusterRegQueryInfoKey(key, &subkeys, NULL, &count, &max_name, &max_data, NULL, NULL);
    ok(!ret && subkeys == 1 && count == 5 && max_name == 6 && max_data == sizeof(multi),
       "QueryInfoKey: %ld, %lu subkeys, %lu values, longest name %lu, data %lu\n", ret, subkeys, count, max_name,
       max_data);
    cch = ARRAY_SIZE(name);
    size = sizeof(buf);
    for (count = 0; !ClusterRegEnumValue(key, count, name, &cch, &type, (BYTE *)buf, &size); count++)
    {
        cch = ARRAY_SIZE(name);
        size = sizeof(buf);
    }
    ok(count == 5, "enumerated %lu values\n", count);
    cch = ARRAY_SIZE(name);
    ret = ClusterRegEnumValue(key, 5, name, &cch, &type, NULL, NULL);
    ok(ret == ERROR_NO_MORE_ITEMS, "past the last value: %ld\n", ret);
    /* What an index means follows every change, one made between two calls too. */
    ok(!ClusterRegSetValue(key, L"Sixth", REG_DWORD, (BYTE *)&dw, sizeof(dw)), "set a sixth value\n");
    cch = ARRAY_SIZE(name);
    ret = ClusterRegEnumValue(key, 5, name, &cch, &type, NULL, NULL);
    ok(!ret, "the value set after the last was enumerated: %ld\n", ret);
    ok(!ClusterRegDeleteValue(key, L"Sixth"), "delete the sixth value\n");
    cch = ARRAY_SIZE(name);
    ret = ClusterRegEnumValue(key, 5, name, &cch, &type, NULL, NULL);
    ok(ret == ERROR_NO_MORE_ITEMS, "the sixth value is still listed: %ld\n", ret);
    cch = ARRAY_SIZE(name);
    ret = ClusterRegEnumKey(key, 0, name, &cch, NULL);
    ok(!ret && !lstrcmpW(name, L"Sub") && cch == 3, "first subkey: %ld, %s, %lu\n", ret, wine_dbgstr_w(name), cch);
    cch = 2;
    ret = ClusterRegEnumKey(key, 0, name, &cch, NULL);
    ok(ret == ERROR_MORE_DATA, "short name buffer: %ld\n", ret);
    cch = ARRAY_SIZE(name);
    ret = ClusterRegEnumKey(key, 1, name, &cch, NULL);
    ok(ret == ERROR_NO_MORE_ITEMS, "past the last subkey: %ld\n", ret);

    /* A key with subkeys stays; values go with their key. */
    ret = ClusterRegDeleteKey(key, L"Sub");
    ok(ret != ERROR_SUCCESS, "a key with subkeys was deleted\n");
    ok(!ClusterRegOpenKey(key, L"Sub\\Deeper", KEY_ALL_ACCESS, &sub2), "Sub\\Deeper is gone\n");
    ClusterRegCloseKey(sub2);
    ok(!ClusterRegDeleteKey(key, L"Sub\\Deeper"), "delete Sub\\Deeper\n");
    ok(!ClusterRegDeleteKey(key, L"Sub"), "delete Sub\n");
    ret = ClusterRegDeleteKey(key, L"Sub");
    ok(ret == ERROR_FILE_NOT_FOUND, "delete a missing key: %ld\n", ret);
    ok(!ClusterRegDeleteValue(key, L"Bytes"), "delete a value\n");
    ret = ClusterRegDeleteValue(key, L"Bytes");
    ok(ret == ERROR_FILE_NOT_FOUND, "delete a missing value: %ld\n", ret);
    ClusterRegCloseKey(key);
}

static void test_security(HCLUSTER cluster)
{
    BYTE sd[1024];
    DWORD size = 0;
    HKEY key;
    LONG ret;

    if (!(key = make_app_key(cluster))) return;
    ret = ClusterRegGetKeySecurity(key, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, NULL, &size);
    ok(ret == ERROR_INSUFFICIENT_BUFFER && size > 0, "size query: %ld, %lu\n", ret, size);
    size = sizeof(sd);
    ret = ClusterRegGetKeySecurity(key, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, sd, &size);
    ok(!ret && IsValidSecurityDescriptor(sd), "GetKeySecurity: %ld\n", ret);
    if (!ret)
    {
        ret = ClusterRegSetKeySecurity(key, DACL_SECURITY_INFORMATION, sd);
        ok(!ret, "SetKeySecurity: %ld\n", ret);
    }
    ClusterRegCloseKey(key);
}

/* Handles of closed keys, or of no key, fail cleanly. */
static void test_bad_handles(HCLUSTER cluster)
{
    DWORD size = 4, cch = 8;
    WCHAR name[8];
    HKEY key, sub;

    if (!winetest_platform_is_wine) return; /* Windows may dereference them */
    key = GetClusterKey(cluster, KEY_READ);
    ok(key != NULL, "GetClusterKey failed\n");
    ok(!ClusterRegCloseKey(key), "close\n");
    ok(ClusterRegCloseKey(key) == ERROR_INVALID_HANDLE, "closed twice\n");
    ok(ClusterRegOpenKey(key, L"Quorum", KEY_READ, &sub) == ERROR_INVALID_HANDLE, "open below a closed key\n");
    ok(ClusterRegQueryValue(NULL, L"x", NULL, NULL, &size) == ERROR_INVALID_HANDLE, "query on NULL\n");
    ok(ClusterRegEnumKey(HKEY_LOCAL_MACHINE, 0, name, &cch, NULL) == ERROR_INVALID_HANDLE, "a real HKEY\n");
    ok(ClusterRegSetValue((HKEY)(ULONG_PTR)0x12345679, L"x", REG_DWORD, (BYTE *)&size, 4) == ERROR_INVALID_HANDLE,
       "a made-up handle\n");
}

/* A value written before a backup is there again after the restore. */
static void test_backup_restore(HCLUSTER cluster)
{
    WCHAR dir[MAX_PATH];
    DWORD dw = 1, err;
    HKEY key;

    OSVERSIONINFOW info;

    memset(&info, 0, sizeof(info));
    info.dwOSVersionInfoSize = sizeof(info);
    GetVersionExW(&info);
    if (info.dwMajorVersion >= 6)
    {
        skip("Windows %lu.%lu has no cluster database backup\n", info.dwMajorVersion, info.dwMinorVersion);
        return;
    }
    if (!winetest_platform_is_wine && !GetEnvironmentVariableW(L"WINECLUS_TEST_RESTORE", NULL, 0))
    {
        skip("restore replaces the cluster database: set WINECLUS_TEST_RESTORE=1 to test it\n");
        return;
    }
    if (!(key = make_app_key(cluster))) return;
    ok(!ClusterRegSetValue(key, L"Kept", REG_DWORD, (BYTE *)&dw, sizeof(dw)), "set\n");
    GetTempPathW(ARRAY_SIZE(dir), dir);
    lstrcatW(dir, L"wineclus-regbackup");
    CreateDirectoryW(dir, NULL);
    err = BackupClusterDatabase(cluster, dir);
    ok(!err, "BackupClusterDatabase failed: %lu\n", err);
    dw = 2;
    ClusterRegSetValue(key, L"Kept", REG_DWORD, (BYTE *)&dw, sizeof(dw));
    ClusterRegCloseKey(key);
    delete_app_key(cluster);
    if (!err)
    {
        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(!err, "RestoreClusterDatabase failed: %lu\n", err);
    }
    if ((key = make_app_key(cluster)))
    {
        ok(query_dword(key, L"Kept") == 1, "the value did not come back\n");
        ClusterRegCloseKey(key);
    }
}

/* Another process sees a change at once: nothing is cached per process. */
static void test_other_process(HCLUSTER cluster)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si;
    char cmd[MAX_PATH * 2], **argv;
    DWORD dw = 0x5eed, code = 1;
    HKEY key;

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (!(key = make_app_key(cluster))) return;
    ok(!ClusterRegSetValue(key, L"Shared", REG_DWORD, (BYTE *)&dw, sizeof(dw)), "set\n");
    ok(!has_subkey(key, L"FromChild"), "a subkey the other process is to make is there already\n");
    winetest_get_mainargs(&argv);
    snprintf(cmd, sizeof(cmd), "\"%s\" clusreg child", argv[0]);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
    {
        ok(0, "CreateProcess failed: %lu\n", GetLastError());
        return;
    }
    WaitForSingleObject(pi.hProcess, 60000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0x5eed, "the other process read %#lx\n", code);
    /* Listed a moment ago here, made there since: listed now. */
    ok(has_subkey(key, L"FromChild"), "the subkey the other process made is not listed\n");
    ClusterRegDeleteKey(key, L"FromChild");
    ClusterRegCloseKey(key);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

static void child(void)
{
    HCLUSTER cluster = OpenCluster(NULL);
    DWORD v = 0, size = sizeof(v);
    HKEY root, key, sub;
    DWORD disp;

    if (cluster && (root = GetClusterKey(cluster, KEY_ALL_ACCESS)))
    {
        if (!ClusterRegOpenKey(root, app_key, KEY_ALL_ACCESS, &key))
        {
            ClusterRegQueryValue(key, L"Shared", NULL, (BYTE *)&v, &size);
            if (!ClusterRegCreateKey(key, L"FromChild", 0, KEY_ALL_ACCESS, NULL, &sub, &disp))
                ClusterRegCloseKey(sub);
            ClusterRegCloseKey(key);
        }
        ClusterRegCloseKey(root);
    }
    if (cluster) CloseCluster(cluster);
    ExitProcess(v);
}

START_TEST(clusreg)
{
    HCLUSTER cluster;
    char **argv;

    if (winetest_get_mainargs(&argv) > 2 && !strcmp(argv[2], "child")) child();
    cluster = OpenCluster(NULL);
    if (!cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    test_layout(cluster);
    test_object_keys(cluster);
    test_values(cluster);
    test_security(cluster);
    test_bad_handles(cluster);
    test_other_process(cluster);
    test_backup_restore(cluster);
    delete_app_key(cluster);
    CloseCluster(cluster);
}

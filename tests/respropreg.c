/*
 * Conformance tests for resutils' helpers that read and write the cluster
 * database through ClusterReg*: ResUtilGet/Set*Value, ResUtilGetProperties,
 * ResUtilGetAllProperties, ResUtilGetPrivateProperties,
 * ResUtilEnumPrivateProperties, ResUtilGetPropertySize, ResUtilGetProperty,
 * ResUtilGetPropertiesToParameterBlock, ResUtilSetPropertyTable(Ex),
 * ResUtilSetPropertyParameterBlock(Ex), ResUtilSetPrivatePropertyList,
 * ResUtilSetUnknownProperties and ResUtilAddUnknownProperties.
 *
 * They work in a key of their own under the cluster key.  Where the cluster
 * registry is not there yet (GetClusterKey failing, as in wineclus before
 * issue 13's registry), they skip, saying so.
 */

#include <stdarg.h>
#include <string.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"
#include "resprops.h"

static DWORD (WINAPI *pGetDwordValue)(HKEY, LPCWSTR, DWORD *, DWORD);
static LPWSTR (WINAPI *pGetSzValue)(HKEY, LPCWSTR);
static DWORD (WINAPI *pGetBinaryValue)(HKEY, LPCWSTR, BYTE **, DWORD *);
static DWORD (WINAPI *pSetDwordValue)(HKEY, LPCWSTR, DWORD, DWORD *);
static DWORD (WINAPI *pSetSzValue)(HKEY, LPCWSTR, LPCWSTR, LPWSTR *);
static DWORD (WINAPI *pSetExpandSzValue)(HKEY, LPCWSTR, LPCWSTR, LPWSTR *);
static DWORD (WINAPI *pSetMultiSzValue)(HKEY, LPCWSTR, LPCWSTR, DWORD, LPWSTR *, DWORD *);
static DWORD (WINAPI *pSetBinaryValue)(HKEY, LPCWSTR, const BYTE *, DWORD, BYTE **, DWORD *);
static DWORD (WINAPI *pGetProperties)(HKEY, const struct prop_item *, void *, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pGetAllProperties)(HKEY, const struct prop_item *, void *, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pGetPrivateProperties)(HKEY, void *, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pEnumPrivateProperties)(HKEY, LPWSTR, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pGetPropertySize)(HKEY, const struct prop_item *, DWORD *, DWORD *);
static DWORD (WINAPI *pGetProperty)(HKEY, const struct prop_item *, void **, DWORD *);
static DWORD (WINAPI *pGetToBlock)(HKEY, const struct prop_item *, BYTE *, BOOL, LPWSTR *);
static DWORD (WINAPI *pSetPropertyTable)(HKEY, const struct prop_item *, void *, BOOL, const void *, DWORD, BYTE *);
static DWORD (WINAPI *pSetFromBlock)(HKEY, const struct prop_item *, void *, const BYTE *, const void *, DWORD,
                                     BYTE *);
static DWORD (WINAPI *pSetPrivateList)(HKEY, const void *, DWORD);
static DWORD (WINAPI *pSetUnknown)(HKEY, const struct prop_item *, const void *, DWORD);
static DWORD (WINAPI *pAddUnknown)(HKEY, const struct prop_item *, void *, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pFindDword)(const void *, DWORD, LPCWSTR, DWORD *);
static DWORD (WINAPI *pFindSz)(const void *, DWORD, LPCWSTR, LPWSTR *);

struct block
{
    DWORD timeout;
    LPWSTR label;
};

static struct prop_item table[] =
{
    { (LPWSTR)L"Timeout", NULL, CLUSPROP_FORMAT_DWORD, { 60 }, 1, 1000, PROPITEM_REQUIRED,
      FIELD_OFFSET(struct block, timeout) },
    { (LPWSTR)L"Label", NULL, CLUSPROP_FORMAT_SZ, { (DWORD_PTR)L"none" }, 0, 0, 0, FIELD_OFFSET(struct block, label) },
    { NULL }
};

static DWORD query_dword(HKEY key, const WCHAR *value)
{
    DWORD type, data = 0xdeadbeef, size = sizeof(data);

    ClusterRegQueryValue(key, value, &type, (BYTE *)&data, &size);
    return data;
}

static void test_values(HKEY key)
{
    static const WCHAR multi[] = L"a\0bc\0";
    static const BYTE bin[] = { 9, 8, 7 };
    WCHAR *str, *out = NULL;
    BYTE *data;
    DWORD ret, dw, size;

    ret = pGetDwordValue(key, L"Missing", &dw, 77);
    ok(ret == ERROR_SUCCESS && dw == 77, "default: got %lu, %lu\n", ret, dw);
    ret = pSetDwordValue(key, L"D", 5, &dw);
    ok(ret == ERROR_SUCCESS && dw == 5, "got %lu, %lu\n", ret, dw);
    ret = pGetDwordValue(key, L"D", &dw, 77);
    ok(ret == ERROR_SUCCESS && dw == 5, "got %lu, %lu\n", ret, dw);
    ok(query_dword(key, L"D") == 5, "not in the database\n");

    ret = pSetSzValue(key, L"S", L"text", &out);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(out && !lstrcmpW(out, L"text"), "got %s\n", wine_dbgstr_w(out));
    LocalFree(out);
    str = pGetSzValue(key, L"S");
    ok(str && !lstrcmpW(str, L"text"), "got %s\n", wine_dbgstr_w(str));
    LocalFree(str);
    /* Documented: not a numeric value. */
    ret = pGetDwordValue(key, L"S", &dw, 0);
    ok(ret == ERROR_INVALID_PARAMETER, "got %lu\n", ret);

    ret = pSetExpandSzValue(key, L"E", L"%WINDIR%", NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pSetMultiSzValue(key, L"M", multi, sizeof(multi), NULL, NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pSetBinaryValue(key, L"B", bin, sizeof(bin), NULL, NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    data = NULL;
    ret = pGetBinaryValue(key, L"B", &data, &size);
    ok(ret == ERROR_SUCCESS && size == sizeof(bin) && data && !memcmp(data, bin, size), "got %lu, %lu\n", ret, size);
    LocalFree(data);
}

static void test_table(HKEY key)
{
    BYTE buf[512];
    struct list l;
    struct block blk;
    WCHAR *str, *bad;
    DWORD ret, returned, required, dw, size, count;
    void *p;

    /* Timeout not set yet: its default. */
    ClusterRegDeleteValue(key, L"Timeout");
    ClusterRegDeleteValue(key, L"Label");
    ret = pGetProperties(key, table, buf, 4, &returned, &required);
    ok(ret == ERROR_MORE_DATA, "got %lu\n", ret);
    ok(required > 4, "required %lu\n", required);
    ret = pGetProperties(key, table, buf, required, &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pFindDword(buf, returned, L"Timeout", &dw);
    ok(ret == ERROR_SUCCESS && dw == 60, "got %lu, %lu\n", ret, dw);
    ret = pFindSz(buf, returned, L"Label", &str);
    ok(ret == ERROR_SUCCESS && !lstrcmpW(str, L"none"), "got %lu\n", ret);
    LocalFree(str);

    /* A required property missing. */
    memset(&blk, 0, sizeof(blk));
    bad = NULL;
    ret = pGetToBlock(key, table, (BYTE *)&blk, TRUE, &bad);
    ok(ret != ERROR_SUCCESS, "missing required property accepted\n");
    ok(bad && !lstrcmpW(bad, L"Timeout"), "got %s\n", wine_dbgstr_w(bad));
    LocalFree(bad);

    /* Set through the table, then read back every way. */
    list_begin(&l, 1);
    list_dword_prop(&l, L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 300);
    ret = pSetPropertyTable(key, table, NULL, FALSE, l.b, l.n, NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(query_dword(key, L"Timeout") == 300, "not in the database\n");
    memset(&blk, 0, sizeof(blk));
    ret = pGetToBlock(key, table, (BYTE *)&blk, TRUE, NULL);
    ok(ret == ERROR_SUCCESS && blk.timeout == 300, "got %lu, %lu\n", ret, blk.timeout);
    ok(blk.label && !lstrcmpW(blk.label, L"none"), "got %s\n", wine_dbgstr_w(blk.label));
    LocalFree(blk.label);

    /* Out of range: refused, nothing written. */
    list_begin(&l, 1);
    list_dword_prop(&l, L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 5000);
    ret = pSetPropertyTable(key, table, NULL, FALSE, l.b, l.n, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "got %lu\n", ret);
    ok(query_dword(key, L"Timeout") == 300, "changed\n");

    /* From a parameter block. */
    blk.timeout = 400;
    blk.label = (LPWSTR)L"blocked";
    ret = pSetFromBlock(key, table, NULL, (BYTE *)&blk, NULL, 0, NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(query_dword(key, L"Timeout") == 400, "not in the database\n");

    size = count = 0;
    ret = pGetPropertySize(key, &table[0], &size, &count);
    ok(ret == ERROR_SUCCESS && count == 1, "got %lu, %lu\n", ret, count);
    /* Name entry 8 + 16, DWORD value 8 + 4, end mark 4. */
    ok(size == 40, "size %lu\n", size);
    p = buf;
    size = sizeof(buf);
    ret = pGetProperty(key, &table[0], &p, &size);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok((BYTE *)p == buf + 40 && size == sizeof(buf) - 40, "moved %Iu, left %lu\n", (BYTE *)p - buf, size);
}

static void test_private(HKEY key)
{
    BYTE buf[1024];
    WCHAR names[256], *p;
    struct list l;
    DWORD ret, returned, required, dw;

    list_begin(&l, 2);
    list_dword_prop(&l, L"PrivA", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 11);
    list_sz_prop(&l, L"PrivB", CLUSPROP_SYNTAX_LIST_VALUE_SZ, L"bee");
    ret = pSetPrivateList(key, l.b, l.n);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(query_dword(key, L"PrivA") == 11, "not in the database\n");

    /* Malformed (no end mark): refused, nothing written. */
    l.n -= 4;
    ClusterRegDeleteValue(key, L"PrivA");
    ret = pSetPrivateList(key, l.b, l.n);
    ok(ret == ERROR_INVALID_DATA || ret == ERROR_INVALID_PARAMETER || ret == ERROR_INSUFFICIENT_BUFFER, "got %lu\n", ret);
    ok(query_dword(key, L"PrivA") == 0xdeadbeef, "written\n");
    l.n += 4;
    ret = pSetPrivateList(key, l.b, l.n);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);

    ret = pGetPrivateProperties(key, buf, 8, &returned, &required);
    ok(ret == ERROR_MORE_DATA && required > 8, "got %lu, %lu\n", ret, required);
    ret = pGetPrivateProperties(key, buf, sizeof(buf), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pFindDword(buf, returned, L"PrivA", &dw);
    ok(ret == ERROR_SUCCESS && dw == 11, "got %lu, %lu\n", ret, dw);

    ret = pEnumPrivateProperties(key, NULL, 0, &returned, &required);
    ok(ret == ERROR_MORE_DATA, "got %lu\n", ret);
    ret = pEnumPrivateProperties(key, names, sizeof(names), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    for (p = names; *p && lstrcmpW(p, L"PrivB"); p += lstrlenW(p) + 1)
        ;
    ok(*p, "PrivB not among the names\n");

    /* Unknown properties: the ones the table lacks. */
    ret = pGetAllProperties(key, table, buf, sizeof(buf), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pFindDword(buf, returned, L"PrivA", &dw);
    ok(ret == ERROR_SUCCESS && dw == 11, "got %lu, %lu\n", ret, dw);
    ret = pGetProperties(key, table, buf, sizeof(buf), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pAddUnknown(key, table, buf, sizeof(buf), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pFindDword(buf, returned, L"PrivA", &dw);
    ok(ret == ERROR_SUCCESS && dw == 11, "got %lu, %lu\n", ret, dw);

    list_begin(&l, 2);
    list_dword_prop(&l, L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 999);
    list_dword_prop(&l, L"PrivC", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 12);
    ret = pSetUnknown(key, table, l.b, l.n);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(query_dword(key, L"PrivC") == 12, "unknown property not written\n");
    ok(query_dword(key, L"Timeout") != 999, "known property written\n");
}

void test_resutils_registry(HMODULE module)
{
    HCLUSTER cluster;
    HKEY root, key;
    DWORD disp;
    LONG ret;

#define GET(p, n) p = (void *)GetProcAddress(module, n)
    GET(pGetDwordValue, "ResUtilGetDwordValue");
    GET(pGetSzValue, "ResUtilGetSzValue");
    GET(pGetBinaryValue, "ResUtilGetBinaryValue");
    GET(pSetDwordValue, "ResUtilSetDwordValue");
    GET(pSetSzValue, "ResUtilSetSzValue");
    GET(pSetExpandSzValue, "ResUtilSetExpandSzValue");
    GET(pSetMultiSzValue, "ResUtilSetMultiSzValue");
    GET(pSetBinaryValue, "ResUtilSetBinaryValue");
    GET(pGetProperties, "ResUtilGetProperties");
    GET(pGetAllProperties, "ResUtilGetAllProperties");
    GET(pGetPrivateProperties, "ResUtilGetPrivateProperties");
    GET(pEnumPrivateProperties, "ResUtilEnumPrivateProperties");
    GET(pGetPropertySize, "ResUtilGetPropertySize");
    GET(pGetProperty, "ResUtilGetProperty");
    GET(pGetToBlock, "ResUtilGetPropertiesToParameterBlock");
    GET(pSetPropertyTable, "ResUtilSetPropertyTable");
    GET(pSetFromBlock, "ResUtilSetPropertyParameterBlock");
    GET(pSetPrivateList, "ResUtilSetPrivatePropertyList");
    GET(pSetUnknown, "ResUtilSetUnknownProperties");
    GET(pAddUnknown, "ResUtilAddUnknownProperties");
    GET(pFindDword, "ResUtilFindDwordProperty");
    GET(pFindSz, "ResUtilFindSzProperty");
#undef GET
    if (!pGetDwordValue || !pGetProperties || !pSetPrivateList || !pFindDword)
    {
        win_skip("resutils' database helpers not available\n");
        return;
    }
    if (!(cluster = OpenCluster(NULL)))
    {
        skip("no cluster (error %lu): the cluster database tests need one\n", GetLastError());
        return;
    }
    if (!(root = GetClusterKey(cluster, KEY_ALL_ACCESS)))
    {
        /* wineclus before the cluster registry of issue 13: ClusterReg* answer 120. */
        skip("no cluster registry (GetClusterKey: error %lu): the cluster database tests are skipped\n",
             GetLastError());
        CloseCluster(cluster);
        return;
    }
    ret = ClusterRegCreateKey(root, L"WineclusResutilsTest", 0, KEY_ALL_ACCESS, NULL, &key, &disp);
    ok(ret == ERROR_SUCCESS, "ClusterRegCreateKey: %ld\n", ret);
    if (!ret)
    {
        test_values(key);
        test_table(key);
        test_private(key);
        ClusterRegCloseKey(key);
        ClusterRegDeleteKey(root, L"WineclusResutilsTest");
    }
    ClusterRegCloseKey(root);
    CloseCluster(cluster);
}

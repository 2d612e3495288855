/*
 * Conformance tests for resutils' property-list and property-table helpers
 * that need no cluster database: ResUtilFind*Property,
 * ResUtilEnumProperties, ResUtilGetPropertyFormats,
 * ResUtilPropertyListFromParameterBlock, ResUtilVerifyPropertyTable,
 * ResUtilVerifyPrivatePropertyList, ResUtilDupParameterBlock and
 * ResUtilFreeParameterBlock.  Every list is written byte by byte here, in
 * the layout Microsoft documents ("Property Lists", [MS-CMRP] 2.2.3.10).
 * Run from START_TEST(resutils) in resutils.c.
 */

#include <stdarg.h>
#include <string.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"
#include "resprops.h"

static DWORD (WINAPI *pFindSz)(const void *, DWORD, LPCWSTR, LPWSTR *);
static DWORD (WINAPI *pFindExpandSz)(const void *, DWORD, LPCWSTR, LPWSTR *);
static DWORD (WINAPI *pFindExpandedSz)(const void *, DWORD, LPCWSTR, LPWSTR *);
static DWORD (WINAPI *pFindDword)(const void *, DWORD, LPCWSTR, DWORD *);
static DWORD (WINAPI *pFindLong)(const void *, DWORD, LPCWSTR, LONG *);
static DWORD (WINAPI *pFindBinary)(const void *, DWORD, LPCWSTR, BYTE **, DWORD *);
static DWORD (WINAPI *pFindMultiSz)(const void *, DWORD, LPCWSTR, LPWSTR *, DWORD *);
static DWORD (WINAPI *pEnumProperties)(const struct prop_item *, LPWSTR, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pGetPropertyFormats)(const struct prop_item *, void *, DWORD, DWORD *, DWORD *);
static DWORD (WINAPI *pListFromBlock)(const struct prop_item *, void *, DWORD *, const BYTE *, DWORD *, DWORD *);
static DWORD (WINAPI *pVerifyTable)(const struct prop_item *, void *, BOOL, const void *, DWORD, BYTE *);
static DWORD (WINAPI *pVerifyPrivate)(const void *, DWORD);
static DWORD (WINAPI *pDupBlock)(BYTE *, const BYTE *, const struct prop_item *);
static void (WINAPI *pFreeBlock)(BYTE *, const BYTE *, const struct prop_item *);
static DWORD (WINAPI *pGetDwordProp)(DWORD *, const void *, DWORD, DWORD, DWORD, BYTE **, DWORD *);
static DWORD (WINAPI *pGetSzProp)(LPWSTR *, const void *, LPCWSTR, BYTE **, DWORD *);
static DWORD (WINAPI *pGetMultiSzProp)(LPWSTR *, DWORD *, const void *, LPCWSTR, DWORD, BYTE **, DWORD *);
static DWORD (WINAPI *pGetBinaryProp)(BYTE **, DWORD *, const void *, const BYTE *, DWORD, BYTE **, DWORD *);

/* ---- Lists written by hand ---- */

void list_put32(struct list *l, DWORD v)
{
    memcpy(l->b + l->n, &v, 4);
    l->n += 4;
}

/* syntax, length, data, zero padding to 4 bytes */
void list_entry(struct list *l, DWORD syntax, const void *data, DWORD len)
{
    list_put32(l, syntax);
    list_put32(l, len);
    memcpy(l->b + l->n, data, len);
    l->n += len;
    while (l->n % 4) l->b[l->n++] = 0;
}

void list_name(struct list *l, const WCHAR *s)
{
    list_entry(l, CLUSPROP_SYNTAX_NAME, s, (lstrlenW(s) + 1) * sizeof(WCHAR));
}

void list_sz(struct list *l, DWORD syntax, const WCHAR *s)
{
    list_entry(l, syntax, s, (lstrlenW(s) + 1) * sizeof(WCHAR));
}

void list_dword(struct list *l, DWORD syntax, DWORD v)
{
    list_entry(l, syntax, &v, 4);
}

void list_begin(struct list *l, DWORD count)
{
    l->n = 0;
    list_put32(l, count);
}

void list_dword_prop(struct list *l, const WCHAR *s, DWORD syntax, DWORD v)
{
    list_name(l, s);
    list_dword(l, syntax, v);
    list_put32(l, CLUSPROP_SYNTAX_ENDMARK);
}

void list_sz_prop(struct list *l, const WCHAR *s, DWORD syntax, const WCHAR *v)
{
    list_name(l, s);
    list_sz(l, syntax, v);
    list_put32(l, CLUSPROP_SYNTAX_ENDMARK);
}

static const WCHAR multi[] = L"one\0two\0";   /* 18 bytes with the final NUL */
static const BYTE blob[] = { 1, 2, 3, 4, 5 };

/* Name, Timeout (DWORD), Bias (LONG), Path (EXPAND_SZ + EXPANDED_SZ),
 * Nodes (MULTI_SZ), Key (BINARY). */
static void reference(struct list *l)
{
    list_begin(l, 6);
    list_sz_prop(l, L"Name", CLUSPROP_SYNTAX_LIST_VALUE_SZ, L"Disk Q:");
    list_dword_prop(l, L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 180000);
    list_dword_prop(l, L"Bias", CLUSPROP_SYNTAX_LIST_VALUE_LONG, (DWORD)-5);
    list_name(l, L"Path");
    list_sz(l, CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ, L"%WINECLUS_P%\\x");
    list_sz(l, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ, L"C:\\p\\x");
    list_put32(l, CLUSPROP_SYNTAX_ENDMARK);
    list_name(l, L"Nodes");
    list_entry(l, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ, multi, sizeof(multi));
    list_put32(l, CLUSPROP_SYNTAX_ENDMARK);
    list_name(l, L"Key");
    list_entry(l, CLUSPROP_SYNTAX_LIST_VALUE_BINARY, blob, sizeof(blob));
    list_put32(l, CLUSPROP_SYNTAX_ENDMARK);
}

/* One property "A" with one value entry. */
static void one(struct list *l, DWORD syntax, const void *data, DWORD len)
{
    list_begin(l, 1);
    list_name(l, L"A");
    list_entry(l, syntax, data, len);
    list_put32(l, CLUSPROP_SYNTAX_ENDMARK);
}

/* A malformed list of each kind the documentation's "not formatted
 * correctly" covers; returns FALSE after the last. */
static BOOL malformed(int i, struct list *l, const char **what)
{
    static const WCHAR no_nul[] = { 'a', 'b' };
    static const WCHAR one_nul[] = { 'a', 0, 'b', 0 };
    static const DWORD two = 2;

    reference(l);
    switch (i)
    {
    case 0: *what = "count too high"; l->b[0] = 7; return TRUE;
    case 1: *what = "count too low"; l->b[0] = 5; return TRUE;
    case 2: *what = "no end mark"; l->n -= 4; return TRUE;
    case 3: *what = "trailing end mark"; list_put32(l, 0); return TRUE;
    case 4: *what = "misaligned size"; l->b[l->n++] = 0; return TRUE;
    case 5: *what = "value where the name goes"; memcpy(l->b + 4, &two, 4); l->b[6] = 1; return TRUE;
    case 6: *what = "unknown format"; one(l, CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, 0x7f), &two, 4); return TRUE;
    case 7: *what = "DWORD of 2 bytes"; one(l, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, &two, 2); return TRUE;
    case 8: *what = "SZ without NUL"; one(l, CLUSPROP_SYNTAX_LIST_VALUE_SZ, no_nul, sizeof(no_nul)); return TRUE;
    case 9: *what = "MULTI_SZ without double NUL"; one(l, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ, one_nul, sizeof(one_nul)); return TRUE;
    case 10: *what = "name without NUL"; one(l, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, &two, 4); l->b[12] = 'B'; l->b[14] = 'C'; return TRUE;
    case 11: *what = "value length past the end"; one(l, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, &two, 4); l->b[l->n - 12] = 0xf0; return TRUE;
    case 12: *what = "huge value length"; one(l, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, &two, 4); memset(l->b + l->n - 12, 0xff, 4); return TRUE;
    case 13: *what = "empty list, but the count says one"; l->n = 0; list_put32(l, 1); return TRUE;
    }
    return FALSE;
}

/* ---- Find ---- */

static void test_find(void)
{
    WCHAR *str;
    BYTE *bin;
    DWORD ret, dw, size;
    LONG lng;
    struct list l;
    const char *what;
    int i;

    SetEnvironmentVariableW(L"WINECLUS_P", L"C:\\p");
    reference(&l);

    str = NULL;
    ret = pFindSz(l.b, l.n, L"Name", &str);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(str && !lstrcmpW(str, L"Disk Q:"), "got %s\n", wine_dbgstr_w(str));
    ok(LocalFree(str) == NULL, "not LocalAlloc'd\n");
    /* Names compare without regard to case. */
    ret = pFindSz(l.b, l.n, L"nAME", NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ret = pFindSz(l.b, l.n, L"Nam", NULL);
    ok(ret == ERROR_FILE_NOT_FOUND, "got %lu\n", ret);
    ret = pFindSz(l.b, l.n, L"Timeout", &str);
    ok(ret == ERROR_INVALID_DATA, "DWORD as string: got %lu\n", ret);

    str = NULL;
    ret = pFindExpandSz(l.b, l.n, L"Path", &str);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(str && !lstrcmpW(str, L"%WINECLUS_P%\\x"), "got %s\n", wine_dbgstr_w(str));
    LocalFree(str);
    str = NULL;
    ret = pFindExpandedSz(l.b, l.n, L"Path", &str);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(str && !lstrcmpW(str, L"C:\\p\\x"), "got %s\n", wine_dbgstr_w(str));
    LocalFree(str);

    dw = 0;
    ret = pFindDword(l.b, l.n, L"Timeout", &dw);
    ok(ret == ERROR_SUCCESS && dw == 180000, "got %lu, %lu\n", ret, dw);
    ret = pFindDword(l.b, l.n, L"Missing", &dw);
    ok(ret == ERROR_FILE_NOT_FOUND, "got %lu\n", ret);
    lng = 0;
    ret = pFindLong(l.b, l.n, L"Bias", &lng);
    ok(ret == ERROR_SUCCESS && lng == -5, "got %lu, %ld\n", ret, lng);

    bin = NULL;
    size = 0;
    ret = pFindBinary(l.b, l.n, L"Key", &bin, &size);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(size == sizeof(blob) && bin && !memcmp(bin, blob, sizeof(blob)), "got %lu bytes\n", size);
    LocalFree(bin);

    str = NULL;
    size = 0;
    ret = pFindMultiSz(l.b, l.n, L"Nodes", &str, &size);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(size == sizeof(multi) && str && !memcmp(str, multi, sizeof(multi)), "got %lu bytes\n", size);
    LocalFree(str);

    for (i = 0; malformed(i, &l, &what); i++)
    {
        winetest_push_context("%s", what);
        dw = 0xdeadbeef;
        ret = pFindDword(l.b, l.n, L"A", &dw);
        ok(ret == ERROR_INVALID_DATA, "got %lu\n", ret);
        ok(dw == 0xdeadbeef, "value written: %lu\n", dw);
        winetest_pop_context();
    }
}

/* ---- Tables and parameter blocks ---- */

struct block
{
    DWORD timeout;
    LONG bias;
    LPWSTR label;
    LPWSTR path;
    LPWSTR nodes;
    DWORD nodes_size;
    BYTE *key;
    DWORD key_size;
    DWORD fixed;
};

static struct prop_item table[] =
{
    { (LPWSTR)L"Timeout", NULL, CLUSPROP_FORMAT_DWORD, { 60 }, 10, 200000, 0, FIELD_OFFSET(struct block, timeout) },
    { (LPWSTR)L"Bias", NULL, CLUSPROP_FORMAT_LONG, { 0 }, (DWORD)-10, 10, 0, FIELD_OFFSET(struct block, bias) },
    { (LPWSTR)L"Name", NULL, CLUSPROP_FORMAT_SZ, { 0 }, 0, 0, 0, FIELD_OFFSET(struct block, label) },
    { (LPWSTR)L"Path", NULL, CLUSPROP_FORMAT_EXPAND_SZ, { 0 }, 0, 0, 0, FIELD_OFFSET(struct block, path) },
    { (LPWSTR)L"Nodes", NULL, CLUSPROP_FORMAT_MULTI_SZ, { 0 }, 0, 0, 0, FIELD_OFFSET(struct block, nodes) },
    { (LPWSTR)L"Key", NULL, CLUSPROP_FORMAT_BINARY, { 0 }, 0, 0, 0, FIELD_OFFSET(struct block, key) },
    { (LPWSTR)L"Fixed", NULL, CLUSPROP_FORMAT_DWORD, { 1 }, 0, 10, PROPITEM_READ_ONLY, FIELD_OFFSET(struct block, fixed) },
    { NULL }
};

static void test_enum_properties(void)
{
    static const WCHAR expect[] = L"Timeout\0Bias\0Name\0Path\0Nodes\0Key\0Fixed\0";
    WCHAR buf[64];
    DWORD ret, returned, required;

    returned = required = 0xdeadbeef;
    ret = pEnumProperties(table, NULL, 0, &returned, &required);
    ok(ret == ERROR_MORE_DATA, "got %lu\n", ret);
    ok(required == sizeof(expect), "required %lu, expected %u\n", required, (unsigned)sizeof(expect));
    ret = pEnumProperties(table, buf, sizeof(expect) - 1, &returned, &required);
    ok(ret == ERROR_MORE_DATA && required == sizeof(expect), "got %lu, %lu\n", ret, required);
    memset(buf, 0xcc, sizeof(buf));
    ret = pEnumProperties(table, buf, sizeof(buf), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(returned == sizeof(expect), "returned %lu\n", returned);
    ok(!memcmp(buf, expect, sizeof(expect)), "wrong names\n");
}

static void test_property_formats(void)
{
    BYTE buf[512];
    struct list l;
    DWORD ret, returned, required;
    const struct prop_item *item;

    list_begin(&l, 7);
    for (item = table; item->Name; item++)
    {
        WORD format = (WORD)item->Format;

        list_name(&l, item->Name);
        list_entry(&l, CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, CLUSPROP_FORMAT_WORD), &format, sizeof(format));
        list_put32(&l, CLUSPROP_SYNTAX_ENDMARK);
    }
    ret = pGetPropertyFormats(table, buf, 8, &returned, &required);
    ok(ret == ERROR_MORE_DATA, "got %lu\n", ret);
    ok(required == l.n, "required %lu, expected %lu\n", required, l.n);
    ret = pGetPropertyFormats(table, buf, sizeof(buf), &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(returned == l.n, "returned %lu, expected %lu\n", returned, l.n);
    ok(!memcmp(buf, l.b, l.n), "layout differs\n");
}

static void test_list_from_block(void)
{
    BYTE buf[1024];
    struct block blk = { 180000, -5, (LPWSTR)L"Disk Q:", (LPWSTR)L"%WINECLUS_P%\\x", (LPWSTR)multi, sizeof(multi),
                         (BYTE *)blob, sizeof(blob), 3 };
    struct list l;
    DWORD ret, size, returned, required;

    SetEnvironmentVariableW(L"WINECLUS_P", L"C:\\p");
    /* The table's order; an EXPAND_SZ is followed by its expansion. */
    list_begin(&l, 7);
    list_dword_prop(&l, L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 180000);
    list_dword_prop(&l, L"Bias", CLUSPROP_SYNTAX_LIST_VALUE_LONG, (DWORD)-5);
    list_sz_prop(&l, L"Name", CLUSPROP_SYNTAX_LIST_VALUE_SZ, L"Disk Q:");
    list_name(&l, L"Path");
    list_sz(&l, CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ, L"%WINECLUS_P%\\x");
    list_sz(&l, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ, L"C:\\p\\x");
    list_put32(&l, 0);
    list_name(&l, L"Nodes");
    list_entry(&l, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ, multi, sizeof(multi));
    list_put32(&l, 0);
    list_name(&l, L"Key");
    list_entry(&l, CLUSPROP_SYNTAX_LIST_VALUE_BINARY, blob, sizeof(blob));
    list_put32(&l, 0);
    list_dword_prop(&l, L"Fixed", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 3);

    size = 16;
    returned = required = 0xdeadbeef;
    ret = pListFromBlock(table, buf, &size, (BYTE *)&blk, &returned, &required);
    ok(ret == ERROR_MORE_DATA, "got %lu\n", ret);
    ok(required == l.n, "required %lu, expected %lu\n", required, l.n);
    size = sizeof(buf);
    ret = pListFromBlock(table, buf, &size, (BYTE *)&blk, &returned, &required);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(returned == l.n, "returned %lu, expected %lu\n", returned, l.n);
    ok(!memcmp(buf, l.b, l.n), "layout differs\n");
}

static void test_verify_table(void)
{
    struct block blk;
    struct list l;
    const char *what;
    DWORD ret, v;
    int i;

    /* Everything the table may set, within range. */
    list_begin(&l, 4);
    list_dword_prop(&l, L"timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 300);
    list_dword_prop(&l, L"Bias", CLUSPROP_SYNTAX_LIST_VALUE_LONG, (DWORD)-10);
    list_sz_prop(&l, L"Name", CLUSPROP_SYNTAX_LIST_VALUE_SZ, L"new");
    list_name(&l, L"Key");
    list_entry(&l, CLUSPROP_SYNTAX_LIST_VALUE_BINARY, blob, 3);
    list_put32(&l, 0);
    ret = pVerifyTable(table, NULL, FALSE, l.b, l.n, NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);

    /* Into a block: strings and blobs are the block's own, LocalAlloc'd. */
    memset(&blk, 0, sizeof(blk));
    blk.label = LocalAlloc(LMEM_FIXED, 4);
    ret = pVerifyTable(table, NULL, FALSE, l.b, l.n, (BYTE *)&blk);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(blk.timeout == 300 && blk.bias == -10, "got %lu, %ld\n", blk.timeout, blk.bias);
    ok(blk.label && !lstrcmpW(blk.label, L"new"), "got %s\n", wine_dbgstr_w(blk.label));
    ok(blk.key_size == 3 && blk.key && !memcmp(blk.key, blob, 3), "got %lu bytes\n", blk.key_size);
    ok(!blk.path && !blk.nodes, "untouched fields changed\n");
    pFreeBlock((BYTE *)&blk, NULL, table);

    /* Unknown properties: refused unless allowed. */
    reference(&l);
    list_begin(&l, 1);
    list_dword_prop(&l, L"Other", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 1);
    ret = pVerifyTable(table, NULL, FALSE, l.b, l.n, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "got %lu\n", ret);
    ret = pVerifyTable(table, NULL, TRUE, l.b, l.n, NULL);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);

    /* Ranges, read-only entries, wrong formats. */
    for (i = 0; i < 7; i++)
    {
        static const struct { const WCHAR *name; DWORD syntax, value; DWORD expect; } rows[] =
        {
            { L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 9, ERROR_INVALID_PARAMETER },
            { L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 200001, ERROR_INVALID_PARAMETER },
            { L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 200000, ERROR_SUCCESS },
            { L"Bias", CLUSPROP_SYNTAX_LIST_VALUE_LONG, (DWORD)-11, ERROR_INVALID_PARAMETER },
            { L"Bias", CLUSPROP_SYNTAX_LIST_VALUE_LONG, 10, ERROR_SUCCESS },
            { L"Fixed", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 1, ERROR_INVALID_PARAMETER },
            { L"Timeout", CLUSPROP_SYNTAX_LIST_VALUE_LONG, 100, ERROR_INVALID_PARAMETER },
        };

        winetest_push_context("row %d", i);
        list_begin(&l, 1);
        list_dword_prop(&l, rows[i].name, rows[i].syntax, rows[i].value);
        v = 0x1234;
        memset(&blk, 0, sizeof(blk));
        blk.timeout = v;
        ret = pVerifyTable(table, NULL, FALSE, l.b, l.n, (BYTE *)&blk);
        ok(ret == rows[i].expect, "got %lu\n", ret);
        if (ret) ok(blk.timeout == v && !blk.bias, "block changed\n");
        winetest_pop_context();
    }

    /* Malformed lists change nothing. */
    for (i = 0; malformed(i, &l, &what); i++)
    {
        winetest_push_context("%s", what);
        memset(&blk, 0, sizeof(blk));
        ret = pVerifyTable(table, NULL, TRUE, l.b, l.n, (BYTE *)&blk);
        ok(ret == ERROR_INVALID_DATA || ret == ERROR_INVALID_PARAMETER || ret == ERROR_INSUFFICIENT_BUFFER,
           "got %lu\n", ret);
        ok(!blk.timeout && !blk.label, "block changed\n");
        winetest_pop_context();
    }
    /* Documented: no list at all is ERROR_INVALID_DATA. */
    ret = pVerifyTable(table, NULL, TRUE, NULL, 0, NULL);
    ok(ret == ERROR_INVALID_DATA, "got %lu\n", ret);
}

static void test_verify_private(void)
{
    struct list l;
    const char *what;
    DWORD ret;
    int i;

    reference(&l);
    ret = pVerifyPrivate(l.b, l.n);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    list_begin(&l, 0);
    ret = pVerifyPrivate(l.b, l.n);
    ok(ret == ERROR_SUCCESS, "empty list: got %lu\n", ret);
    for (i = 0; malformed(i, &l, &what); i++)
    {
        winetest_push_context("%s", what);
        ret = pVerifyPrivate(l.b, l.n);
        ok(ret == ERROR_INVALID_DATA || ret == ERROR_INVALID_PARAMETER || ret == ERROR_INSUFFICIENT_BUFFER,
           "got %lu\n", ret);
        winetest_pop_context();
    }
}

static void test_dup_free_block(void)
{
    struct block in = { 7, -1, (LPWSTR)L"label", NULL, (LPWSTR)multi, sizeof(multi), (BYTE *)blob, sizeof(blob), 2 };
    struct block out;
    DWORD ret;

    memset(&out, 0, sizeof(out));
    ret = pDupBlock((BYTE *)&out, (BYTE *)&in, table);
    ok(ret == ERROR_SUCCESS, "got %lu\n", ret);
    ok(out.timeout == 7 && out.bias == -1 && out.fixed == 2, "scalars not copied\n");
    ok(out.label && out.label != in.label && !lstrcmpW(out.label, L"label"), "string not duplicated\n");
    ok(!out.path, "NULL string became %p\n", out.path);
    ok(out.nodes && out.nodes != in.nodes && out.nodes_size == sizeof(multi) &&
       !memcmp(out.nodes, multi, sizeof(multi)), "MULTI_SZ not duplicated\n");
    ok(out.key && out.key != in.key && out.key_size == sizeof(blob), "binary not duplicated\n");
    ok(LocalSize(out.label) >= 12, "not LocalAlloc'd\n");
    /* Fields shared with the reference block are left alone. */
    out.path = in.path = LocalAlloc(LMEM_FIXED, 2);
    pFreeBlock((BYTE *)&out, (BYTE *)&in, table);
    ok(LocalSize(in.path) >= 2, "shared pointer freed\n");
    LocalFree(in.path);
}

/* The value entry of one(): after the count and the name entry of "A". */
#define ONE_VALUE 16

static void test_get_value_entries(void)
{
    struct list l;
    BYTE *p, *bin;
    WCHAR *str;
    DWORD ret, size, dw, out_size;

    one(&l, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, "\x2a\0\0\0", 4);
    p = l.b + ONE_VALUE;
    size = l.n - ONE_VALUE;
    ret = pGetDwordProp(&dw, p, 0, 50, 60, &p, &size);
    ok(ret == ERROR_INVALID_PARAMETER, "out of range: got %lu\n", ret);
    ok(p == l.b + ONE_VALUE && size == l.n - ONE_VALUE, "moved on a failure\n");
    ret = pGetDwordProp(&dw, p, 0, 0, 100, &p, &size);
    ok(ret == ERROR_SUCCESS && dw == 42, "got %lu, %lu\n", ret, dw);
    /* Past the entry: the end mark is what is left. */
    ok(p == l.b + ONE_VALUE + 12 && size == 4, "moved %Iu, left %lu\n", p - l.b, size);

    p = l.b + ONE_VALUE;
    size = l.n - ONE_VALUE;
    ret = pGetSzProp(&str, p, NULL, &p, &size);
    ok(ret == ERROR_INVALID_PARAMETER, "DWORD as string: got %lu\n", ret);

    one(&l, CLUSPROP_SYNTAX_LIST_VALUE_SZ, L"abc", 8);
    p = l.b + ONE_VALUE;
    size = l.n - ONE_VALUE;
    str = NULL;
    ret = pGetSzProp(&str, p, L"old", &p, &size);
    ok(ret == ERROR_SUCCESS && str && !lstrcmpW(str, L"abc"), "got %lu, %s\n", ret, wine_dbgstr_w(str));
    ok(size == 4, "left %lu\n", size);
    LocalFree(str);
    /* An entry longer than the size left. */
    p = l.b + ONE_VALUE;
    size = 12;
    ret = pGetSzProp(&str, p, NULL, &p, &size);
    ok(ret == ERROR_INVALID_PARAMETER, "got %lu\n", ret);

    one(&l, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ, multi, sizeof(multi));
    p = l.b + ONE_VALUE;
    size = l.n - ONE_VALUE;
    str = NULL;
    ret = pGetMultiSzProp(&str, &out_size, p, NULL, 0, &p, &size);
    ok(ret == ERROR_SUCCESS && out_size == sizeof(multi) && str && !memcmp(str, multi, sizeof(multi)),
       "got %lu, %lu\n", ret, out_size);
    ok(size == 4, "left %lu\n", size);
    LocalFree(str);

    one(&l, CLUSPROP_SYNTAX_LIST_VALUE_BINARY, blob, sizeof(blob));
    p = l.b + ONE_VALUE;
    size = l.n - ONE_VALUE;
    bin = NULL;
    ret = pGetBinaryProp(&bin, &out_size, p, NULL, 0, &p, &size);
    ok(ret == ERROR_SUCCESS && out_size == sizeof(blob) && bin && !memcmp(bin, blob, sizeof(blob)),
       "got %lu, %lu\n", ret, out_size);
    ok(size == 4, "left %lu\n", size);
    LocalFree(bin);
}

void test_resutils_properties(HMODULE module)
{
#define GET(p, n) p = (void *)GetProcAddress(module, n)
    GET(pFindSz, "ResUtilFindSzProperty");
    GET(pFindExpandSz, "ResUtilFindExpandSzProperty");
    GET(pFindExpandedSz, "ResUtilFindExpandedSzProperty");
    GET(pFindDword, "ResUtilFindDwordProperty");
    GET(pFindLong, "ResUtilFindLongProperty");
    GET(pFindBinary, "ResUtilFindBinaryProperty");
    GET(pFindMultiSz, "ResUtilFindMultiSzProperty");
    GET(pEnumProperties, "ResUtilEnumProperties");
    GET(pGetPropertyFormats, "ResUtilGetPropertyFormats");
    GET(pListFromBlock, "ResUtilPropertyListFromParameterBlock");
    GET(pVerifyTable, "ResUtilVerifyPropertyTable");
    GET(pVerifyPrivate, "ResUtilVerifyPrivatePropertyList");
    GET(pDupBlock, "ResUtilDupParameterBlock");
    GET(pFreeBlock, "ResUtilFreeParameterBlock");
    GET(pGetDwordProp, "ResUtilGetDwordProperty");
    GET(pGetSzProp, "ResUtilGetSzProperty");
    GET(pGetMultiSzProp, "ResUtilGetMultiSzProperty");
    GET(pGetBinaryProp, "ResUtilGetBinaryProperty");
#undef GET
    if (!pFindSz || !pEnumProperties || !pVerifyTable || !pDupBlock || !pFreeBlock || !pGetDwordProp)
    {
        win_skip("resutils' property helpers not available\n");
        return;
    }
    test_find();
    test_enum_properties();
    test_property_formats();
    test_list_from_block();
    test_verify_table();
    test_verify_private();
    test_dup_free_block();
    test_get_value_entries();
}

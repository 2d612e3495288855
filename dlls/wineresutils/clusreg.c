/*
 * The cluster database through clusapi's ClusterReg* exports.  resutils.dll
 * imports clusapi.dll on Windows; here it is looked up at first use, so that
 * the PE forwarder a prefix has for clusapi.dll (docs/loading.md) answers.
 */

#include <stdarg.h>
#include <string.h>

#include "windef.h"
#include "winbase.h"
#include "winreg.h"
#include "winerror.h"
#include "clusapi.h"
#include "clusreg.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

static struct
{
    LONG (WINAPI *create)(HKEY, LPCWSTR, DWORD, REGSAM, LPSECURITY_ATTRIBUTES, PHKEY, LPDWORD);
    LONG (WINAPI *open)(HKEY, LPCWSTR, REGSAM, PHKEY);
    LONG (WINAPI *close)(HKEY);
    LONG (WINAPI *query)(HKEY, LPCWSTR, LPDWORD, LPBYTE, LPDWORD);
    DWORD (WINAPI *set)(HKEY, LPCWSTR, DWORD, const BYTE *, DWORD);
    DWORD (WINAPI *enum_value)(HKEY, DWORD, LPWSTR, LPDWORD, LPDWORD, LPBYTE, LPDWORD);
    LONG (WINAPI *info)(HKEY, LPDWORD, LPDWORD, LPDWORD, LPDWORD, LPDWORD, LPDWORD, PFILETIME);
} api;

static BOOL WINAPI load_api(INIT_ONCE *once, void *param, void **context)
{
    HMODULE module = LoadLibraryW(L"clusapi.dll");

    (void)once;
    (void)param;
    (void)context;
    if (!module)
    {
        ERR("clusapi.dll not loaded, error %u\n", GetLastError());
        return TRUE;
    }
    api.create = (void *)GetProcAddress(module, "ClusterRegCreateKey");
    api.open = (void *)GetProcAddress(module, "ClusterRegOpenKey");
    api.close = (void *)GetProcAddress(module, "ClusterRegCloseKey");
    api.query = (void *)GetProcAddress(module, "ClusterRegQueryValue");
    api.set = (void *)GetProcAddress(module, "ClusterRegSetValue");
    api.enum_value = (void *)GetProcAddress(module, "ClusterRegEnumValue");
    api.info = (void *)GetProcAddress(module, "ClusterRegQueryInfoKey");
    return TRUE;
}

static BOOL have_api(void)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;

    InitOnceExecuteOnce(&once, load_api, NULL, NULL);
    return api.create && api.open && api.close && api.query && api.set && api.enum_value && api.info;
}

/* Data with two NUL WCHARs after it, so that strings end whatever is stored. */
static BYTE *alloc_data(DWORD size)
{
    BYTE *p = size <= MAXDWORD - 2 * sizeof(WCHAR) ? HeapAlloc(GetProcessHeap(), 0, size + 2 * sizeof(WCHAR)) : NULL;

    if (p)
        memset(p + size, 0, 2 * sizeof(WCHAR));
    return p;
}

DWORD clusreg_read(HKEY key, LPCWSTR subkey, LPCWSTR name, DWORD *type, BYTE **data, DWORD *size)
{
    HKEY sub = NULL;
    DWORD err;
    int tries;

    *data = NULL;
    if (!have_api())
        return ERROR_CALL_NOT_IMPLEMENTED;
    if (subkey && (err = api.open(key, subkey, KEY_READ, &sub)))
        return err;
    /* The value may grow between the two calls: try again then. */
    for (tries = 0; tries < 4; tries++)
    {
        *size = 0;
        if ((err = api.query(sub ? sub : key, name, type, NULL, size)) && err != ERROR_MORE_DATA)
            break;
        if (!(*data = alloc_data(*size)))
        {
            err = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        if (!(err = api.query(sub ? sub : key, name, type, *data, size)))
            break;
        HeapFree(GetProcessHeap(), 0, *data);
        *data = NULL;
        if (err != ERROR_MORE_DATA)
            break;
    }
    if (sub)
        api.close(sub);
    return err;
}

DWORD clusreg_write(HKEY key, LPCWSTR subkey, LPCWSTR name, DWORD type, const void *data, DWORD size)
{
    HKEY sub = NULL;
    DWORD err;

    if (!have_api())
        return ERROR_CALL_NOT_IMPLEMENTED;
    if (subkey && (err = api.create(key, subkey, 0, KEY_ALL_ACCESS, NULL, &sub, NULL)))
        return err;
    err = api.set(sub ? sub : key, name, type, data, size);
    if (sub)
        api.close(sub);
    return err;
}

DWORD clusreg_enum(HKEY key, DWORD index, WCHAR **name, DWORD *type, BYTE **data, DWORD *size)
{
    DWORD err, name_max, data_max, len;

    *name = NULL;
    *data = NULL;
    if (!have_api())
        return ERROR_CALL_NOT_IMPLEMENTED;
    if ((err = api.info(key, NULL, NULL, NULL, &name_max, &data_max, NULL, NULL)))
        return err;
    if (!(*name = HeapAlloc(GetProcessHeap(), 0, (name_max + 1) * sizeof(WCHAR))) || !(*data = alloc_data(data_max)))
    {
        HeapFree(GetProcessHeap(), 0, *name);
        *name = NULL;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    len = name_max + 1;
    *size = data_max;
    if ((err = api.enum_value(key, index, *name, &len, type, *data, size)))
    {
        HeapFree(GetProcessHeap(), 0, *name);
        HeapFree(GetProcessHeap(), 0, *data);
        *name = NULL;
        *data = NULL;
    }
    else
        memset(*data + *size, 0, 2 * sizeof(WCHAR));
    return err;
}

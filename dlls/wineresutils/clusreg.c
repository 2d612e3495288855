/*
 * The cluster database through clusapi's ClusterReg* exports, which
 * resutils imports as on Windows (Makefile.in says which module).
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
    if (subkey && (err = ClusterRegOpenKey(key, subkey, KEY_READ, &sub)))
        return err;
    /* The value may grow between the two calls: try again then. */
    for (tries = 0; tries < 4; tries++)
    {
        *size = 0;
        if ((err = ClusterRegQueryValue(sub ? sub : key, name, type, NULL, size)) && err != ERROR_MORE_DATA)
            break;
        if (!(*data = alloc_data(*size)))
        {
            err = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        if (!(err = ClusterRegQueryValue(sub ? sub : key, name, type, *data, size)))
            break;
        HeapFree(GetProcessHeap(), 0, *data);
        *data = NULL;
        if (err != ERROR_MORE_DATA)
            break;
    }
    if (sub)
        ClusterRegCloseKey(sub);
    return err;
}

DWORD clusreg_write(HKEY key, LPCWSTR subkey, LPCWSTR name, DWORD type, const void *data, DWORD size)
{
    HKEY sub = NULL;
    DWORD err;

    if (subkey && (err = ClusterRegCreateKey(key, subkey, 0, KEY_ALL_ACCESS, NULL, &sub, NULL)))
        return err;
    err = ClusterRegSetValue(sub ? sub : key, name, type, data, size);
    if (sub)
        ClusterRegCloseKey(sub);
    return err;
}

DWORD clusreg_enum(HKEY key, DWORD index, WCHAR **name, DWORD *type, BYTE **data, DWORD *size)
{
    DWORD err, name_max, data_max, len;

    *name = NULL;
    *data = NULL;
    if ((err = ClusterRegQueryInfoKey(key, NULL, NULL, NULL, &name_max, &data_max, NULL, NULL)))
        return err;
    if (!(*name = HeapAlloc(GetProcessHeap(), 0, (name_max + 1) * sizeof(WCHAR))) || !(*data = alloc_data(data_max)))
    {
        HeapFree(GetProcessHeap(), 0, *name);
        *name = NULL;
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    len = name_max + 1;
    *size = data_max;
    if ((err = ClusterRegEnumValue(key, index, *name, &len, type, *data, size)))
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

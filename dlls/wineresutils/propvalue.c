/*
 * ResUtilGet*Value and ResUtilSet*Value: one value of the cluster database,
 * through clusreg.c.  What they hand out is LocalAlloc'd; a Set function
 * given an output pointer frees what it held and points it at a copy of
 * the new value.
 */

#include <stdarg.h>
#include <string.h>

#include "windef.h"
#include "winbase.h"
#include "winreg.h"
#include "winerror.h"
#include "resapi.h"
#include "clusreg.h"
#include "propcommon.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* The value, which must be of one of the types, as a LocalAlloc'd copy. */
static DWORD get_value(HKEY key, LPCWSTR name, DWORD type1, DWORD type2, BYTE **out, DWORD *out_size)
{
    DWORD err, type, size;
    BYTE *data;

    if (!key || !out)
        return ERROR_INVALID_PARAMETER;
    if ((err = clusreg_read(key, NULL, name, &type, &data, &size)))
        return err;
    if (type != type1 && type != type2)
        err = ERROR_INVALID_PARAMETER;
    /* Strings get their NUL even if the database lacks it. */
    else if (!(*out = prop_local_copy(data, type == REG_BINARY ? size : size + 2 * sizeof(WCHAR))))
        err = ERROR_NOT_ENOUGH_MEMORY;
    else if (out_size)
        *out_size = size;
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

LPWSTR WINAPI ResUtilGetSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName)
{
    BYTE *value = NULL;
    DWORD err;

    TRACE("(%p, %s)\n", hkeyClusterKey, debugstr_w(pszValueName));
    if ((err = get_value(hkeyClusterKey, pszValueName, REG_SZ, REG_EXPAND_SZ, &value, NULL)))
    {
        SetLastError(err);
        return NULL;
    }
    return (LPWSTR)value;
}

DWORD WINAPI ResUtilGetBinaryValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPBYTE *ppbOutValue,
                                   LPDWORD pcbOutValueSize)
{
    TRACE("(%p, %s, %p, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), ppbOutValue, pcbOutValueSize);
    return get_value(hkeyClusterKey, pszValueName, REG_BINARY, REG_BINARY, ppbOutValue, pcbOutValueSize);
}

/* Documented: a value not found is the default; one of another type is
 * ERROR_INVALID_PARAMETER. */
DWORD WINAPI ResUtilGetDwordValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPDWORD pdwOutValue,
                                  DWORD dwDefaultValue)
{
    DWORD err, type, size;
    BYTE *data;

    TRACE("(%p, %s, %p, %u)\n", hkeyClusterKey, debugstr_w(pszValueName), pdwOutValue, dwDefaultValue);
    if (!hkeyClusterKey || !pdwOutValue)
        return ERROR_INVALID_PARAMETER;
    if ((err = clusreg_read(hkeyClusterKey, NULL, pszValueName, &type, &data, &size)) == ERROR_FILE_NOT_FOUND)
    {
        *pdwOutValue = dwDefaultValue;
        return ERROR_SUCCESS;
    }
    if (err)
        return err;
    if (type != REG_DWORD || size != sizeof(DWORD))
        err = ERROR_INVALID_PARAMETER;
    else
        memcpy(pdwOutValue, data, sizeof(DWORD));
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

/* Writes the value; then, if out is given, *out becomes a copy of it. */
static DWORD set_value(HKEY key, LPCWSTR name, DWORD type, const void *data, DWORD size, BYTE **out,
                       DWORD *out_size)
{
    BYTE *copy = NULL;
    DWORD err;

    if (!key || !data)
        return ERROR_INVALID_PARAMETER;
    if (out && !(copy = prop_local_copy(data, size)))
        return ERROR_NOT_ENOUGH_MEMORY;
    if ((err = clusreg_write(key, NULL, name, type, data, size)))
    {
        LocalFree(copy);
        return err;
    }
    if (out)
    {
        LocalFree(*out);
        *out = copy;
    }
    if (out_size)
        *out_size = size;
    return ERROR_SUCCESS;
}

static DWORD set_string(HKEY key, LPCWSTR name, DWORD type, LPCWSTR value, LPWSTR *out)
{
    return set_value(key, name, type, value, value ? (lstrlenW(value) + 1) * sizeof(WCHAR) : 0, (BYTE **)out, NULL);
}

DWORD WINAPI ResUtilSetSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                               LPWSTR *ppszOutString)
{
    TRACE("(%p, %s, %s, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), debugstr_w(pszNewValue),
          ppszOutString);
    return set_string(hkeyClusterKey, pszValueName, REG_SZ, pszNewValue, ppszOutString);
}

DWORD WINAPI ResUtilSetExpandSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                     LPWSTR *ppszOutString)
{
    TRACE("(%p, %s, %s, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), debugstr_w(pszNewValue),
          ppszOutString);
    return set_string(hkeyClusterKey, pszValueName, REG_EXPAND_SZ, pszNewValue, ppszOutString);
}

DWORD WINAPI ResUtilSetMultiSzValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, LPCWSTR pszNewValue,
                                    DWORD cbNewValueSize, LPWSTR *ppszOutValue, LPDWORD pcbOutValueSize)
{
    TRACE("(%p, %s, %s, %u, %p, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), debugstr_w(pszNewValue),
          cbNewValueSize, ppszOutValue, pcbOutValueSize);
    return set_value(hkeyClusterKey, pszValueName, REG_MULTI_SZ, pszNewValue, cbNewValueSize,
                     (BYTE **)ppszOutValue, pcbOutValueSize);
}

DWORD WINAPI ResUtilSetBinaryValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, const LPBYTE pbNewValue,
                                   DWORD cbNewValueSize, LPBYTE *ppbOutValue, LPDWORD pcbOutValueSize)
{
    TRACE("(%p, %s, %p, %u, %p, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), pbNewValue, cbNewValueSize,
          ppbOutValue, pcbOutValueSize);
    return set_value(hkeyClusterKey, pszValueName, REG_BINARY, pbNewValue, cbNewValueSize, ppbOutValue,
                     pcbOutValueSize);
}

DWORD WINAPI ResUtilSetDwordValue(HKEY hkeyClusterKey, LPCWSTR pszValueName, DWORD dwNewValue,
                                  LPDWORD pdwOutValue)
{
    DWORD err;

    TRACE("(%p, %s, %u, %p)\n", hkeyClusterKey, debugstr_w(pszValueName), dwNewValue, pdwOutValue);
    if ((err = set_value(hkeyClusterKey, pszValueName, REG_DWORD, &dwNewValue, sizeof(dwNewValue), NULL, NULL)))
        return err;
    if (pdwOutValue)
        *pdwOutValue = dwNewValue;
    return ERROR_SUCCESS;
}

/*
 * ResUtilGet{Binary,Sz,MultiSz,Dword}Property: the value entry a caller
 * walking a property list stands on, taken out, and the walk moved past it
 * (*ppPropertyList forward, *pcbPropertyListSize down by the entry's size,
 * padding included).  An entry of another format, one that runs past the
 * size left, or a DWORD out of range is ERROR_INVALID_PARAMETER, as
 * documented; the old value is the caller's and stays untouched.
 */

#include <stdarg.h>
#include <string.h>

#include "windef.h"
#include "winbase.h"
#include "winerror.h"
#include "resapi.h"
#include "propcommon.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* The entry, of format or alt, which must lie in the list left. */
static DWORD take_value(const void *entry, WORD format, WORD alt, LPBYTE *list, LPDWORD list_size,
                        struct pl_value *v)
{
    struct pl_cursor c;
    size_t offset;

    if (!entry || !list || !*list || !list_size || (const BYTE *)entry < *list ||
        (size_t)((const BYTE *)entry - *list) >= *list_size)
        return ERROR_INVALID_PARAMETER;
    offset = (const BYTE *)entry - *list;
    pl_values_begin(&c, entry, *list_size - offset, 1);
    if (pl_values_next(&c, v) != PL_OK ||
        (PL_SYNTAX_FORMAT(v->syntax) != format && PL_SYNTAX_FORMAT(v->syntax) != alt))
        return ERROR_INVALID_PARAMETER;
    *list += offset + c.pos;
    *list_size -= (DWORD)(offset + c.pos);
    return ERROR_SUCCESS;
}

static DWORD take_copy(void **out, LPDWORD out_size, const void *entry, WORD format, WORD alt, LPBYTE *list,
                       LPDWORD list_size)
{
    struct pl_value v;
    LPBYTE at;
    DWORD err, left;
    BYTE *copy;

    if (!out || !list || !list_size)
        return ERROR_INVALID_PARAMETER;
    at = *list;
    left = *list_size;
    if ((err = take_value(entry, format, alt, &at, &left, &v)))
        return err;
    if (!(copy = prop_local_copy(v.data, v.size)))
        return ERROR_NOT_ENOUGH_MEMORY;
    *out = copy;
    if (out_size)
        *out_size = v.size;
    *list = at;
    *list_size = left;
    return ERROR_SUCCESS;
}

DWORD WINAPI ResUtilGetBinaryProperty(LPBYTE *ppbOutValue, LPDWORD pcbOutValueSize,
                                      const PCLUSPROP_BINARY pValueStruct, const LPBYTE pbOldValue,
                                      DWORD cbOldValueSize, LPBYTE *ppPropertyList,
                                      LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %p, %p, %u, %p, %p)\n", ppbOutValue, pcbOutValueSize, pValueStruct, pbOldValue,
          cbOldValueSize, ppPropertyList, pcbPropertyListSize);
    if (!pcbOutValueSize)
        return ERROR_INVALID_PARAMETER;
    return take_copy((void **)ppbOutValue, pcbOutValueSize, pValueStruct, CLUSPROP_FORMAT_BINARY,
                     CLUSPROP_FORMAT_BINARY, ppPropertyList, pcbPropertyListSize);
}

DWORD WINAPI ResUtilGetSzProperty(LPWSTR *ppszOutValue, const PCLUSPROP_SZ pValueStruct, LPCWSTR pszOldValue,
                                  LPBYTE *ppPropertyList, LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %s, %p, %p)\n", ppszOutValue, pValueStruct, debugstr_w(pszOldValue), ppPropertyList,
          pcbPropertyListSize);
    /* An EXPAND_SZ sets a string as well as an SZ does. */
    return take_copy((void **)ppszOutValue, NULL, pValueStruct, CLUSPROP_FORMAT_SZ, CLUSPROP_FORMAT_EXPAND_SZ,
                     ppPropertyList, pcbPropertyListSize);
}

DWORD WINAPI ResUtilGetMultiSzProperty(LPWSTR *ppszOutValue, LPDWORD pcbOutValueSize,
                                       const PCLUSPROP_SZ pValueStruct, LPCWSTR pszOldValue,
                                       DWORD cbOldValueSize, LPBYTE *ppPropertyList,
                                       LPDWORD pcbPropertyListSize)
{
    TRACE("(%p, %p, %p, %s, %u, %p, %p)\n", ppszOutValue, pcbOutValueSize, pValueStruct,
          debugstr_w(pszOldValue), cbOldValueSize, ppPropertyList, pcbPropertyListSize);
    if (!pcbOutValueSize)
        return ERROR_INVALID_PARAMETER;
    return take_copy((void **)ppszOutValue, pcbOutValueSize, pValueStruct, CLUSPROP_FORMAT_MULTI_SZ,
                     CLUSPROP_FORMAT_MULTI_SZ, ppPropertyList, pcbPropertyListSize);
}

DWORD WINAPI ResUtilGetDwordProperty(LPDWORD pdwOutValue, const PCLUSPROP_DWORD pValueStruct,
                                     DWORD dwOldValue, DWORD dwMinimum, DWORD dwMaximum,
                                     LPBYTE *ppPropertyList, LPDWORD pcbPropertyListSize)
{
    struct pl_value v;
    LPBYTE at;
    DWORD err, left, value;

    TRACE("(%p, %p, %u, %u, %u, %p, %p)\n", pdwOutValue, pValueStruct, dwOldValue, dwMinimum, dwMaximum,
          ppPropertyList, pcbPropertyListSize);
    if (!pdwOutValue || !ppPropertyList || !pcbPropertyListSize)
        return ERROR_INVALID_PARAMETER;
    at = *ppPropertyList;
    left = *pcbPropertyListSize;
    if ((err = take_value(pValueStruct, CLUSPROP_FORMAT_DWORD, CLUSPROP_FORMAT_DWORD, &at, &left, &v)))
        return err;
    value = pl_get32(v.data);
    if (value < dwMinimum || value > dwMaximum)
        return ERROR_INVALID_PARAMETER;
    *pdwOutValue = value;
    *ppPropertyList = at;
    *pcbPropertyListSize = left;
    return ERROR_SUCCESS;
}

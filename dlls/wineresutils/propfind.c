/*
 * ResUtilFind*Property: one property's value out of a property list.
 *
 * The list is checked whole first: a malformed one is ERROR_INVALID_DATA
 * even when the property sought comes before the fault.  A property of
 * another format is ERROR_INVALID_DATA too; one not in the list is
 * ERROR_FILE_NOT_FOUND.  Copies handed out are LocalAlloc'd.
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

/* The first value of the named property whose format is one of formats[]
 * (zero-terminated), in the order of formats[]. */
static DWORD find_value(const void *list, DWORD size, LPCWSTR name, const WORD *formats, struct pl_value *out)
{
    struct pl_reader r;
    struct pl_prop prop;
    struct pl_cursor c;
    struct pl_value v;
    enum pl_error e;

    if (!name)
        return ERROR_INVALID_PARAMETER;
    if ((e = pl_validate(list, size, NULL, NULL)) != PL_OK) {
        TRACE("malformed list: %s\n", pl_strerror(e));
        return prop_list_error(e);
    }
    pl_read_begin(&r, list, size);
    while (pl_read_next(&r, &prop) == PL_OK) {
        const WORD *f;

        if (!prop_name_is(&prop, name))
            continue;
        for (f = formats; *f; f++) {
            pl_values_begin(&c, prop.values, prop.values_size, 1);
            while (pl_values_next(&c, &v) == PL_OK)
                if (PL_SYNTAX_FORMAT(v.syntax) == *f) {
                    *out = v;
                    return ERROR_SUCCESS;
                }
        }
        return ERROR_INVALID_DATA;
    }
    return ERROR_FILE_NOT_FOUND;
}

/* A copy for the caller, or only the check when out is NULL. */
static DWORD copy_out(const struct pl_value *v, void **out, LPDWORD out_size)
{
    BYTE *copy;

    if (out) {
        if (!(copy = prop_local_copy(v->data, v->size)))
            return ERROR_NOT_ENOUGH_MEMORY;
        *out = copy;
    }
    if (out_size)
        *out_size = v->size;
    return ERROR_SUCCESS;
}

static DWORD find_copy(const void *list, DWORD size, LPCWSTR name, const WORD *formats, void **out,
                       LPDWORD out_size)
{
    struct pl_value v;
    DWORD err = find_value(list, size, name, formats, &v);

    return err ? err : copy_out(&v, out, out_size);
}

DWORD WINAPI ResUtilFindSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                   LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_SZ, CLUSPROP_FORMAT_EXPAND_SZ, 0 };

    TRACE("(%p, %u, %s, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          pszPropertyValue);
    return find_copy(pPropertyList, cbPropertyListSize, pszPropertyName, formats, (void **)pszPropertyValue, NULL);
}

DWORD WINAPI ResUtilFindExpandSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                         LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_EXPAND_SZ, 0 };

    TRACE("(%p, %u, %s, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          pszPropertyValue);
    return find_copy(pPropertyList, cbPropertyListSize, pszPropertyName, formats, (void **)pszPropertyValue, NULL);
}

/* The EXPANDED_SZ value a list handed out carries; without one, the
 * property's string expanded here. */
DWORD WINAPI ResUtilFindExpandedSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                           LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_EXPANDED_SZ, CLUSPROP_FORMAT_EXPAND_SZ, CLUSPROP_FORMAT_SZ, 0 };
    struct pl_value v;
    WCHAR *src, *out;
    DWORD err, len;

    TRACE("(%p, %u, %s, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          pszPropertyValue);
    if ((err = find_value(pPropertyList, cbPropertyListSize, pszPropertyName, formats, &v)))
        return err;
    if (PL_SYNTAX_FORMAT(v.syntax) == CLUSPROP_FORMAT_EXPANDED_SZ || !pszPropertyValue)
        return copy_out(&v, (void **)pszPropertyValue, NULL);
    if ((err = copy_out(&v, (void **)&src, NULL)))
        return err;
    len = ExpandEnvironmentStringsW(src, NULL, 0);
    if (!len || !(out = LocalAlloc(LMEM_FIXED, len * sizeof(WCHAR)))) {
        LocalFree(src);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    ExpandEnvironmentStringsW(src, out, len);
    LocalFree(src);
    *pszPropertyValue = out;
    return ERROR_SUCCESS;
}

DWORD WINAPI ResUtilFindDwordProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                      LPCWSTR pszPropertyName, LPDWORD pdwPropertyValue)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_DWORD, 0 };
    struct pl_value v;
    DWORD err;

    TRACE("(%p, %u, %s, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          pdwPropertyValue);
    if ((err = find_value(pPropertyList, cbPropertyListSize, pszPropertyName, formats, &v)))
        return err;
    if (pdwPropertyValue)
        *pdwPropertyValue = pl_get32(v.data);
    return ERROR_SUCCESS;
}

DWORD WINAPI ResUtilFindLongProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                     LPCWSTR pszPropertyName, LPLONG plPropertyValue)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_LONG, 0 };
    struct pl_value v;
    DWORD err;

    TRACE("(%p, %u, %s, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          plPropertyValue);
    if ((err = find_value(pPropertyList, cbPropertyListSize, pszPropertyName, formats, &v)))
        return err;
    if (plPropertyValue)
        *plPropertyValue = (LONG)pl_get32(v.data);
    return ERROR_SUCCESS;
}

DWORD WINAPI ResUtilFindBinaryProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                       LPCWSTR pszPropertyName, LPBYTE *pbPropertyValue,
                                       LPDWORD pcbPropertyValueSize)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_BINARY, 0 };

    TRACE("(%p, %u, %s, %p, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          pbPropertyValue, pcbPropertyValueSize);
    return find_copy(pPropertyList, cbPropertyListSize, pszPropertyName, formats, (void **)pbPropertyValue,
                     pcbPropertyValueSize);
}

DWORD WINAPI ResUtilFindMultiSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
                                        LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue,
                                        LPDWORD pcbPropertyValueSize)
{
    static const WORD formats[] = { CLUSPROP_FORMAT_MULTI_SZ, 0 };

    TRACE("(%p, %u, %s, %p, %p)\n", pPropertyList, cbPropertyListSize, debugstr_w(pszPropertyName),
          pszPropertyValue, pcbPropertyValueSize);
    return find_copy(pPropertyList, cbPropertyListSize, pszPropertyName, formats, (void **)pszPropertyValue,
                     pcbPropertyValueSize);
}

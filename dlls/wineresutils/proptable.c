/*
 * Property tables and parameter blocks without the cluster database:
 * ResUtilEnumProperties, ResUtilGetPropertyFormats,
 * ResUtilPropertyListFromParameterBlock, ResUtilVerifyPropertyTable,
 * ResUtilVerifyPrivatePropertyList, ResUtilDupParameterBlock and
 * ResUtilFreeParameterBlock.  A table ends at the entry with a NULL Name.
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

DWORD WINAPI ResUtilEnumProperties(const PRESUTIL_PROPERTY_ITEM pPropertyTable, LPWSTR pszOutProperties,
                                   DWORD cbOutPropertiesSize, LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    const RESUTIL_PROPERTY_ITEM *item;
    DWORD need = sizeof(WCHAR), len;
    WCHAR *p;

    TRACE("(%p, %p, %u, %p, %p)\n", pPropertyTable, pszOutProperties, cbOutPropertiesSize, pcbBytesReturned,
          pcbRequired);
    if (!pPropertyTable || !pcbBytesReturned || !pcbRequired)
        return ERROR_INVALID_PARAMETER;
    for (item = pPropertyTable; item->Name; item++)
        need += (lstrlenW(item->Name) + 1) * sizeof(WCHAR);
    *pcbBytesReturned = 0;
    *pcbRequired = 0;
    if (!pszOutProperties || cbOutPropertiesSize < need) {
        *pcbRequired = need;
        return ERROR_MORE_DATA;
    }
    /* The names one after the other, each with its NUL, and a final NUL. */
    p = pszOutProperties;
    for (item = pPropertyTable; item->Name; item++) {
        len = lstrlenW(item->Name) + 1;
        memcpy(p, item->Name, len * sizeof(WCHAR));
        p += len;
    }
    *p = 0;
    *pcbBytesReturned = need;
    return ERROR_SUCCESS;
}

/* Each property with its format as a LIST_VALUE_WORD, the layout of the
 * GET_*_PROPERTY_FMTS control codes. */
DWORD WINAPI ResUtilGetPropertyFormats(const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                       PVOID pOutPropertyFormatList, DWORD cbPropertyFormatListSize,
                                       LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_builder b;

    TRACE("(%p, %p, %u, %p, %p)\n", pPropertyTable, pOutPropertyFormatList, cbPropertyFormatListSize,
          pcbBytesReturned, pcbRequired);
    if (!pPropertyTable || !pcbBytesReturned || !pcbRequired)
        return ERROR_INVALID_PARAMETER;
    pl_build_begin(&b, pOutPropertyFormatList, cbPropertyFormatListSize);
    for (item = pPropertyTable; item->Name; item++) {
        WORD format = (WORD)item->Format;

        pl_build_name(&b, item->Name);
        pl_build_value(&b, CLUSPROP_SYNTAX_LIST_VALUE_WORD, &format, sizeof(format));
        pl_build_endmark(&b);
    }
    return prop_build_result(&b, pcbBytesReturned, pcbRequired);
}

DWORD WINAPI ResUtilPropertyListFromParameterBlock(const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                   PVOID pOutPropertyList, LPDWORD pcbOutPropertyListSize,
                                                   const LPBYTE pInParams, LPDWORD pcbBytesReturned,
                                                   LPDWORD pcbRequired)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_builder b;

    TRACE("(%p, %p, %p, %p, %p, %p)\n", pPropertyTable, pOutPropertyList, pcbOutPropertyListSize, pInParams,
          pcbBytesReturned, pcbRequired);
    if (!pPropertyTable || !pcbOutPropertyListSize || !pInParams || !pcbBytesReturned || !pcbRequired)
        return ERROR_INVALID_PARAMETER;
    for (item = pPropertyTable; item->Name; item++)
        if (!prop_format_supported(item->Format))
            return ERROR_INVALID_PARAMETER;
    pl_build_begin(&b, pOutPropertyList, *pcbOutPropertyListSize);
    prop_block_list(&b, pPropertyTable, pInParams, FALSE);
    return prop_build_result(&b, pcbBytesReturned, pcbRequired);
}

/* A value's place in the entry's range: DWORDs unsigned unless the entry
 * is SIGNED, LONGs signed; the 64-bit formats against their range data. */
static BOOL in_range(const RESUTIL_PROPERTY_ITEM *item, const struct pl_value *v)
{
    DWORD dw;
    ULARGE_INTEGER u;

    switch (item->Format) {
    case CLUSPROP_FORMAT_DWORD:
    case CLUSPROP_FORMAT_LONG:
        dw = pl_get32(v->data);
        if (item->Format == CLUSPROP_FORMAT_LONG || (item->Flags & RESUTIL_PROPITEM_SIGNED))
            return (LONG)dw >= (LONG)item->Minimum && (LONG)dw <= (LONG)item->Maximum;
        return dw >= item->Minimum && dw <= item->Maximum;
    case CLUSPROP_FORMAT_LARGE_INTEGER:
        memcpy(&u, v->data, sizeof(u));
        return !item->LargeIntData || ((LONGLONG)u.QuadPart >= item->LargeIntData->Minimum.QuadPart &&
                                       (LONGLONG)u.QuadPart <= item->LargeIntData->Maximum.QuadPart);
    case CLUSPROP_FORMAT_ULARGE_INTEGER:
        memcpy(&u, v->data, sizeof(u));
        return !item->ULargeIntData || (u.QuadPart >= item->ULargeIntData->Minimum.QuadPart &&
                                        u.QuadPart <= item->ULargeIntData->Maximum.QuadPart);
    }
    return TRUE;
}

static BOOL same_format(DWORD table_format, WORD list_format)
{
    /* A plain string may set an expandable one and the other way round. */
    if ((table_format == CLUSPROP_FORMAT_SZ || table_format == CLUSPROP_FORMAT_EXPAND_SZ) &&
        (list_format == CLUSPROP_FORMAT_SZ || list_format == CLUSPROP_FORMAT_EXPAND_SZ))
        return TRUE;
    return table_format == list_format;
}

DWORD prop_table_verify(const RESUTIL_PROPERTY_ITEM *table, BOOL allow_unknown, const void *list, DWORD size)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_reader r;
    struct pl_prop prop;
    enum pl_error e;

    if (!table)
        return ERROR_INVALID_PARAMETER;
    if (!list)
        return ERROR_INVALID_DATA;
    if ((e = pl_validate(list, size, NULL, NULL)) != PL_OK) {
        TRACE("malformed list: %s\n", pl_strerror(e));
        return prop_verify_error(e);
    }
    pl_read_begin(&r, list, size);
    while (pl_read_next(&r, &prop) == PL_OK) {
        if (!(item = prop_table_lookup(table, &prop))) {
            if (allow_unknown)
                continue;
            TRACE("unknown property %s\n", debugstr_wn(prop.name, prop.name_len));
            return ERROR_INVALID_PARAMETER;
        }
        if ((item->Flags & RESUTIL_PROPITEM_READ_ONLY) || !same_format(item->Format, PL_SYNTAX_FORMAT(prop.value.syntax)) ||
            !in_range(item, &prop.value)) {
            TRACE("property %s refused\n", debugstr_w(item->Name));
            return ERROR_INVALID_PARAMETER;
        }
    }
    return ERROR_SUCCESS;
}

DWORD prop_table_store(const RESUTIL_PROPERTY_ITEM *table, const void *list, DWORD size, LPBYTE block)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_reader r;
    struct pl_prop prop;
    DWORD err;

    pl_read_begin(&r, list, size);
    while (pl_read_next(&r, &prop) == PL_OK)
        if ((item = prop_table_lookup(table, &prop)) && (err = prop_block_store(block, item, &prop.value)))
            return err;
    return ERROR_SUCCESS;
}

DWORD WINAPI ResUtilVerifyPropertyTable(const PRESUTIL_PROPERTY_ITEM pPropertyTable, PVOID Reserved,
                                        BOOL bAllowUnknownProperties, const PVOID pInPropertyList,
                                        DWORD cbInPropertyListSize, LPBYTE pOutParams)
{
    DWORD err;

    TRACE("(%p, %p, %d, %p, %u, %p)\n", pPropertyTable, Reserved, bAllowUnknownProperties, pInPropertyList,
          cbInPropertyListSize, pOutParams);
    err = prop_table_verify(pPropertyTable, bAllowUnknownProperties, pInPropertyList, cbInPropertyListSize);
    if (!err && pOutParams)
        err = prop_table_store(pPropertyTable, pInPropertyList, cbInPropertyListSize, pOutParams);
    return err;
}

DWORD WINAPI ResUtilVerifyPrivatePropertyList(const PVOID pInPropertyList, DWORD cbInPropertyListSize)
{
    enum pl_error e;

    TRACE("(%p, %u)\n", pInPropertyList, cbInPropertyListSize);
    if (!pInPropertyList)
        return ERROR_INVALID_DATA;
    if ((e = pl_validate(pInPropertyList, cbInPropertyListSize, NULL, NULL)) != PL_OK)
        TRACE("malformed list: %s\n", pl_strerror(e));
    return prop_verify_error(e);
}

DWORD WINAPI ResUtilDupParameterBlock(LPBYTE pOutParams, const LPBYTE pInParams,
                                      const PRESUTIL_PROPERTY_ITEM pPropertyTable)
{
    const RESUTIL_PROPERTY_ITEM *item, *done;
    DWORD err;

    TRACE("(%p, %p, %p)\n", pOutParams, pInParams, pPropertyTable);
    if (!pOutParams || !pInParams || !pPropertyTable)
        return ERROR_INVALID_PARAMETER;
    for (item = pPropertyTable; item->Name; item++)
        if ((err = prop_block_dup(pOutParams, pInParams, item))) {
            /* Nothing half-copied stays allocated. */
            for (done = pPropertyTable; done != item; done++)
                prop_block_free(pOutParams, pInParams, done);
            return err;
        }
    return ERROR_SUCCESS;
}

void WINAPI ResUtilFreeParameterBlock(LPBYTE pOutParams, const LPBYTE pInParams,
                                      const PRESUTIL_PROPERTY_ITEM pPropertyTable)
{
    const RESUTIL_PROPERTY_ITEM *item;

    TRACE("(%p, %p, %p)\n", pOutParams, pInParams, pPropertyTable);
    if (!pOutParams || !pPropertyTable)
        return;
    for (item = pPropertyTable; item->Name; item++)
        prop_block_free(pOutParams, pInParams, item);
}

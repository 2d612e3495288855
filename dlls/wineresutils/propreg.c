/*
 * Property tables, parameter blocks and property lists against the cluster
 * database (through clusreg.c): the ResUtilGet*Propert* and
 * ResUtilSet*Propert* exports that take an HKEY.
 *
 * A table entry's value is the value named after it, under the subkey
 * KeyName when that is not NULL; an entry whose value is missing, or of
 * another type, has its default.  A list to be set is checked whole before
 * anything is written.
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

static DWORD reg_type_of(DWORD format)
{
    switch (format)
    {
    case CLUSPROP_FORMAT_DWORD: case CLUSPROP_FORMAT_LONG: return REG_DWORD;
    case CLUSPROP_FORMAT_SZ: return REG_SZ;
    case CLUSPROP_FORMAT_EXPAND_SZ: return REG_EXPAND_SZ;
    case CLUSPROP_FORMAT_MULTI_SZ: return REG_MULTI_SZ;
    case CLUSPROP_FORMAT_LARGE_INTEGER: case CLUSPROP_FORMAT_ULARGE_INTEGER: return REG_QWORD;
    }
    return REG_BINARY;
}

/* The format an unknown value is listed with. */
static DWORD format_of(DWORD type, DWORD size)
{
    switch (type)
    {
    case REG_SZ: return CLUSPROP_FORMAT_SZ;
    case REG_EXPAND_SZ: return CLUSPROP_FORMAT_EXPAND_SZ;
    case REG_MULTI_SZ: return CLUSPROP_FORMAT_MULTI_SZ;
    case REG_DWORD: return size == sizeof(DWORD) ? CLUSPROP_FORMAT_DWORD : CLUSPROP_FORMAT_BINARY;
    case REG_QWORD: return size == 8 ? CLUSPROP_FORMAT_ULARGE_INTEGER : CLUSPROP_FORMAT_BINARY;
    }
    return CLUSPROP_FORMAT_BINARY;
}

/* Value entries for data as clusreg.c reads it (NULs after the end), made
 * well-formed: strings end at their first NUL, MULTI_SZ at its double NUL. */
static void build_data(struct pl_builder *b, DWORD format, const BYTE *data, DWORD size)
{
    if (format == CLUSPROP_FORMAT_SZ || format == CLUSPROP_FORMAT_EXPAND_SZ)
        size = (lstrlenW((const WCHAR *)data) + 1) * sizeof(WCHAR);
    else if (format == CLUSPROP_FORMAT_MULTI_SZ)
        size = pl_multi_sz_size((const pl_wchar *)data);
    prop_build_reg_value(b, format, data, size);
}

/* An entry's default as a value of its format. */
static struct pl_value default_value(const RESUTIL_PROPERTY_ITEM *item)
{
    static const WCHAR empty[2];
    struct pl_value v = { CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, item->Format), NULL, 0 };

    switch (item->Format)
    {
    case CLUSPROP_FORMAT_DWORD: case CLUSPROP_FORMAT_LONG:
        v.data = (const BYTE *)&item->Default;
        v.size = sizeof(DWORD);
        break;
    case CLUSPROP_FORMAT_SZ: case CLUSPROP_FORMAT_EXPAND_SZ:
        v.data = item->lpDefault ? item->lpDefault : empty;
        v.size = (lstrlenW((const WCHAR *)v.data) + 1) * sizeof(WCHAR);
        break;
    case CLUSPROP_FORMAT_MULTI_SZ: case CLUSPROP_FORMAT_BINARY:
        /* Documented: Minimum holds the default's size for these two. */
        v.data = item->lpDefault ? item->lpDefault : (item->Format == CLUSPROP_FORMAT_BINARY ? NULL : (const void *)empty);
        v.size = item->lpDefault ? item->Minimum : (item->Format == CLUSPROP_FORMAT_BINARY ? 0 : sizeof(WCHAR));
        break;
    case CLUSPROP_FORMAT_LARGE_INTEGER:
        v.data = item->LargeIntData ? (const BYTE *)&item->LargeIntData->Default : (const BYTE *)empty;
        v.size = 8;
        break;
    case CLUSPROP_FORMAT_ULARGE_INTEGER:
        v.data = item->ULargeIntData ? (const BYTE *)&item->ULargeIntData->Default : (const BYTE *)empty;
        v.size = 8;
        break;
    }
    return v;
}

/* An entry's value from the database, or its default: *data is then NULL. */
static DWORD read_item(HKEY key, const RESUTIL_PROPERTY_ITEM *item, BYTE **data, DWORD *size)
{
    DWORD err, type;

    err = clusreg_read(key, item->KeyName, item->Name, &type, data, size);
    if (err == ERROR_FILE_NOT_FOUND)
        return ERROR_SUCCESS;
    if (!err && (type != reg_type_of(item->Format) ||
                 (type == REG_DWORD && *size != sizeof(DWORD)) || (type == REG_QWORD && *size != 8)))
    {
        TRACE("%s has type %u: its default stands\n", debugstr_w(item->Name), type);
        HeapFree(GetProcessHeap(), 0, *data);
        *data = NULL;
    }
    return err;
}

/* Name, value entries, end mark of one table entry. */
static DWORD build_item(struct pl_builder *b, HKEY key, const RESUTIL_PROPERTY_ITEM *item)
{
    struct pl_value def;
    DWORD err, size;
    BYTE *data;

    if (!prop_format_supported(item->Format))
        return ERROR_INVALID_PARAMETER;
    if ((err = read_item(key, item, &data, &size)))
        return err;
    pl_build_name(b, item->Name);
    if (data)
        build_data(b, item->Format, data, size);
    else
    {
        def = default_value(item);
        prop_build_reg_value(b, item->Format, def.data, def.size);
    }
    pl_build_endmark(b);
    HeapFree(GetProcessHeap(), 0, data);
    return ERROR_SUCCESS;
}

/* Every value of key not in table (all of them when table is NULL). */
static DWORD build_unknown(struct pl_builder *b, HKEY key, const RESUTIL_PROPERTY_ITEM *table)
{
    const RESUTIL_PROPERTY_ITEM *item;
    DWORD err, index, type, size;
    WCHAR *name;
    BYTE *data;

    for (index = 0; !(err = clusreg_enum(key, index, &name, &type, &data, &size)); index++)
    {
        for (item = table; item && item->Name; item++)
            if (!lstrcmpiW(item->Name, name))
                break;
        /* The unnamed default value is no property. */
        if (name[0] && (!item || !item->Name))
        {
            pl_build_name(b, name);
            build_data(b, format_of(type, size), data, size);
            pl_build_endmark(b);
        }
        HeapFree(GetProcessHeap(), 0, name);
        HeapFree(GetProcessHeap(), 0, data);
    }
    return err == ERROR_NO_MORE_ITEMS ? ERROR_SUCCESS : err;
}

static DWORD build_table(struct pl_builder *b, HKEY key, const RESUTIL_PROPERTY_ITEM *table)
{
    DWORD err;

    for (; table->Name; table++)
        if ((err = build_item(b, key, table)))
            return err;
    return ERROR_SUCCESS;
}

/* The table's entries, then (with_unknown) the key's other values. */
static DWORD get_list(HKEY key, const RESUTIL_PROPERTY_ITEM *table, BOOL with_unknown, void *out, DWORD cb,
                      LPDWORD returned, LPDWORD required)
{
    struct pl_builder b;
    DWORD err;

    if (!key || !table || !returned || !required)
        return ERROR_INVALID_PARAMETER;
    pl_build_begin(&b, out, cb);
    if ((err = build_table(&b, key, table)) || (with_unknown && (err = build_unknown(&b, key, table))))
        return err;
    return prop_build_result(&b, returned, required);
}

DWORD WINAPI ResUtilGetProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                  PVOID pOutPropertyList, DWORD cbOutPropertyListSize,
                                  LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %p, %u, %p, %p)\n", hkeyClusterKey, pPropertyTable, pOutPropertyList,
          cbOutPropertyListSize, pcbBytesReturned, pcbRequired);
    return get_list(hkeyClusterKey, pPropertyTable, FALSE, pOutPropertyList, cbOutPropertyListSize,
                    pcbBytesReturned, pcbRequired);
}

DWORD WINAPI ResUtilGetAllProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                     PVOID pOutPropertyList, DWORD cbOutPropertyListSize,
                                     LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    TRACE("(%p, %p, %p, %u, %p, %p)\n", hkeyClusterKey, pPropertyTable, pOutPropertyList,
          cbOutPropertyListSize, pcbBytesReturned, pcbRequired);
    return get_list(hkeyClusterKey, pPropertyTable, TRUE, pOutPropertyList, cbOutPropertyListSize,
                    pcbBytesReturned, pcbRequired);
}

DWORD WINAPI ResUtilGetPrivateProperties(HKEY hkeyClusterKey, PVOID pOutPropertyList,
                                         DWORD cbOutPropertyListSize, LPDWORD pcbBytesReturned,
                                         LPDWORD pcbRequired)
{
    struct pl_builder b;
    DWORD err;

    TRACE("(%p, %p, %u, %p, %p)\n", hkeyClusterKey, pOutPropertyList, cbOutPropertyListSize, pcbBytesReturned,
          pcbRequired);
    if (!hkeyClusterKey || !pcbBytesReturned || !pcbRequired)
        return ERROR_INVALID_PARAMETER;
    pl_build_begin(&b, pOutPropertyList, cbOutPropertyListSize);
    if ((err = build_unknown(&b, hkeyClusterKey, NULL)))
        return err;
    return prop_build_result(&b, pcbBytesReturned, pcbRequired);
}

/* The properties of a checked list, as they are. */
static DWORD build_copy(struct pl_builder *b, const void *list, DWORD size)
{
    struct pl_reader r;
    struct pl_prop prop;
    struct pl_cursor c;
    struct pl_value v;
    WCHAR *name;

    pl_read_begin(&r, list, size);
    while (pl_read_next(&r, &prop) == PL_OK)
    {
        if (!(name = HeapAlloc(GetProcessHeap(), 0, (prop.name_len + 1) * sizeof(WCHAR))))
            return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(name, prop.name, (prop.name_len + 1) * sizeof(WCHAR));
        pl_build_name(b, name);
        HeapFree(GetProcessHeap(), 0, name);
        pl_values_begin(&c, prop.values, prop.values_size, 1);
        while (pl_values_next(&c, &v) == PL_OK)
            pl_build_value(b, v.syntax, v.data, v.size);
        pl_build_endmark(b);
    }
    return ERROR_SUCCESS;
}

/* The list already in the buffer (*pcbBytesReturned bytes), then the key's
 * values the table does not know, counted in.  A buffer too small keeps
 * the list as it was. */
DWORD WINAPI ResUtilAddUnknownProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                         PVOID pOutPropertyList, DWORD pcbOutPropertyListSize,
                                         LPDWORD pcbBytesReturned, LPDWORD pcbRequired)
{
    struct pl_builder b;
    BYTE *old;
    DWORD err, have;
    enum pl_error e;

    TRACE("(%p, %p, %p, %u, %p, %p)\n", hkeyClusterKey, pPropertyTable, pOutPropertyList,
          pcbOutPropertyListSize, pcbBytesReturned, pcbRequired);
    if (!hkeyClusterKey || !pPropertyTable || !pOutPropertyList || !pcbBytesReturned || !pcbRequired)
        return ERROR_INVALID_PARAMETER;
    have = *pcbBytesReturned;
    if (have > pcbOutPropertyListSize)
        return ERROR_INVALID_PARAMETER;
    if ((e = pl_validate(pOutPropertyList, have, NULL, NULL)))
        return prop_list_error(e);
    if (!(old = HeapAlloc(GetProcessHeap(), 0, have)))
        return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(old, pOutPropertyList, have);
    pl_build_begin(&b, NULL, 0);
    if (!(err = build_copy(&b, old, have)) && !(err = build_unknown(&b, hkeyClusterKey, pPropertyTable)))
    {
        if (pl_build_size(&b) > pcbOutPropertyListSize)
        {
            *pcbRequired = pl_build_size(&b) > MAXDWORD ? MAXDWORD : (DWORD)pl_build_size(&b);
            err = ERROR_MORE_DATA;
        }
        else
        {
            pl_build_begin(&b, pOutPropertyList, pcbOutPropertyListSize);
            if (!(err = build_copy(&b, old, have)) && !(err = build_unknown(&b, hkeyClusterKey, pPropertyTable)))
                err = prop_build_result(&b, pcbBytesReturned, pcbRequired);
        }
    }
    HeapFree(GetProcessHeap(), 0, old);
    return err;
}

/* The names of the key's values, as ResUtilEnumProperties gives a table's. */
DWORD WINAPI ResUtilEnumPrivateProperties(HKEY hkeyClusterKey, LPWSTR pszOutProperties,
                                          DWORD cbOutPropertiesSize, LPDWORD pcbBytesReturned,
                                          LPDWORD pcbRequired)
{
    DWORD err, index, type, size, need = sizeof(WCHAR), len, pass;
    WCHAR *name, *p = pszOutProperties;
    BYTE *data;

    TRACE("(%p, %p, %u, %p, %p)\n", hkeyClusterKey, pszOutProperties, cbOutPropertiesSize, pcbBytesReturned,
          pcbRequired);
    if (!hkeyClusterKey || !pcbBytesReturned || !pcbRequired)
        return ERROR_INVALID_PARAMETER;
    *pcbBytesReturned = 0;
    *pcbRequired = 0;
    /* Pass 0 sizes, pass 1 writes. */
    for (pass = 0; pass < 2; pass++)
    {
        for (index = 0; !(err = clusreg_enum(hkeyClusterKey, index, &name, &type, &data, &size)); index++)
        {
            len = lstrlenW(name) + 1;
            if (len > 1 && !pass)
                need += len * sizeof(WCHAR);
            else if (len > 1 && (DWORD)(p - pszOutProperties + len + 1) * sizeof(WCHAR) <= cbOutPropertiesSize)
            {
                memcpy(p, name, len * sizeof(WCHAR));
                p += len;
            }
            HeapFree(GetProcessHeap(), 0, name);
            HeapFree(GetProcessHeap(), 0, data);
        }
        if (err != ERROR_NO_MORE_ITEMS)
            return err;
        if (!pass && (!pszOutProperties || cbOutPropertiesSize < need))
        {
            *pcbRequired = need;
            return ERROR_MORE_DATA;
        }
    }
    *p++ = 0;
    *pcbBytesReturned = (p - pszOutProperties) * sizeof(WCHAR);
    return ERROR_SUCCESS;
}

/* One entry's size in a list is added to *pcbOutPropertyListSize and
 * counted in *pnPropertyCount. */
DWORD WINAPI ResUtilGetPropertySize(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTableItem,
                                    LPDWORD pcbOutPropertyListSize, LPDWORD pnPropertyCount)
{
    struct pl_builder b;
    DWORD err;

    TRACE("(%p, %p, %p, %p)\n", hkeyClusterKey, pPropertyTableItem, pcbOutPropertyListSize, pnPropertyCount);
    if (!hkeyClusterKey || !pPropertyTableItem || !pPropertyTableItem->Name || !pcbOutPropertyListSize ||
        !pnPropertyCount)
        return ERROR_INVALID_PARAMETER;
    pl_build_begin_values(&b, NULL, 0);
    if ((err = build_item(&b, hkeyClusterKey, pPropertyTableItem)))
        return err;
    *pcbOutPropertyListSize += (DWORD)pl_build_size(&b);
    (*pnPropertyCount)++;
    return ERROR_SUCCESS;
}

/* One entry written at *pOutPropertyItem; the pointer and the room left
 * move past it. */
DWORD WINAPI ResUtilGetProperty(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTableItem,
                                PVOID *pOutPropertyItem, LPDWORD pcbOutPropertyItemSize)
{
    struct pl_builder b;
    DWORD err;

    TRACE("(%p, %p, %p, %p)\n", hkeyClusterKey, pPropertyTableItem, pOutPropertyItem, pcbOutPropertyItemSize);
    if (!hkeyClusterKey || !pPropertyTableItem || !pPropertyTableItem->Name || !pOutPropertyItem ||
        !*pOutPropertyItem || !pcbOutPropertyItemSize)
        return ERROR_INVALID_PARAMETER;
    pl_build_begin_values(&b, *pOutPropertyItem, *pcbOutPropertyItemSize);
    if ((err = build_item(&b, hkeyClusterKey, pPropertyTableItem)))
        return err;
    if (!pl_build_fits(&b))
        return ERROR_MORE_DATA;
    *pOutPropertyItem = (BYTE *)*pOutPropertyItem + pl_build_size(&b);
    *pcbOutPropertyItemSize -= (DWORD)pl_build_size(&b);
    return ERROR_SUCCESS;
}

DWORD WINAPI ResUtilGetPropertiesToParameterBlock(HKEY hkeyClusterKey,
                                                  const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                                  LPBYTE pOutParams, BOOL bCheckForRequiredProperties,
                                                  LPWSTR *pszNameOfPropInError)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_value v;
    DWORD err = ERROR_SUCCESS, size;
    BYTE *data;

    TRACE("(%p, %p, %p, %d, %p)\n", hkeyClusterKey, pPropertyTable, pOutParams, bCheckForRequiredProperties,
          pszNameOfPropInError);
    if (!hkeyClusterKey || !pPropertyTable || !pOutParams)
        return ERROR_INVALID_PARAMETER;
    if (pszNameOfPropInError)
        *pszNameOfPropInError = NULL;
    for (item = pPropertyTable; item->Name && !err; item++)
    {
        if (!prop_format_supported(item->Format))
            err = ERROR_INVALID_PARAMETER;
        else if (!(err = read_item(hkeyClusterKey, item, &data, &size)))
        {
            if (!data && bCheckForRequiredProperties && (item->Flags & RESUTIL_PROPITEM_REQUIRED))
                err = ERROR_FILE_NOT_FOUND;
            else
            {
                v = default_value(item);
                if (data)
                {
                    v.data = data;
                    v.size = size;
                    if (item->Format == CLUSPROP_FORMAT_SZ || item->Format == CLUSPROP_FORMAT_EXPAND_SZ)
                        v.size = (lstrlenW((WCHAR *)data) + 1) * sizeof(WCHAR);
                }
                err = prop_block_store(pOutParams, item, &v);
            }
            HeapFree(GetProcessHeap(), 0, data);
        }
        if (err && pszNameOfPropInError)
            *pszNameOfPropInError = (LPWSTR)prop_local_copy(item->Name, (lstrlenW(item->Name) + 1) * sizeof(WCHAR));
    }
    return err;
}

/* A checked list's first values written: table entries (unknown == FALSE)
 * under their KeyName, or the properties the table lacks (unknown == TRUE). */
static DWORD write_list(HKEY key, const RESUTIL_PROPERTY_ITEM *table, BOOL unknown, const void *list, DWORD size)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_reader r;
    struct pl_prop prop;
    WCHAR *name;
    DWORD err = ERROR_SUCCESS;

    pl_read_begin(&r, list, size);
    while (!err && pl_read_next(&r, &prop) == PL_OK)
    {
        item = table ? prop_table_lookup(table, &prop) : NULL;
        if ((item == NULL) != unknown)
            continue;
        if (item)
        {
            err = clusreg_write(key, item->KeyName, item->Name, reg_type_of(item->Format), prop.value.data,
                                prop.value.size);
            continue;
        }
        if (!(name = HeapAlloc(GetProcessHeap(), 0, (prop.name_len + 1) * sizeof(WCHAR))))
            return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(name, prop.name, (prop.name_len + 1) * sizeof(WCHAR));
        err = clusreg_write(key, NULL, name, reg_type_of(PL_SYNTAX_FORMAT(prop.value.syntax)), prop.value.data,
                            prop.value.size);
        HeapFree(GetProcessHeap(), 0, name);
    }
    return err;
}

/* Every value is written: bForceWrite only matters where unchanged values
 * would be skipped, and nothing is skipped here. */
DWORD WINAPI ResUtilSetPropertyTableEx(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                       PVOID Reserved, BOOL bAllowUnknownProperties,
                                       const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                       BOOL bForceWrite, LPBYTE pOutParams)
{
    DWORD err;

    TRACE("(%p, %p, %p, %d, %p, %u, %d, %p)\n", hkeyClusterKey, pPropertyTable, Reserved,
          bAllowUnknownProperties, pInPropertyList, cbInPropertyListSize, bForceWrite, pOutParams);
    if (!hkeyClusterKey)
        return ERROR_INVALID_PARAMETER;
    if ((err = prop_table_verify(pPropertyTable, bAllowUnknownProperties, pInPropertyList, cbInPropertyListSize)))
        return err;
    if ((err = write_list(hkeyClusterKey, pPropertyTable, FALSE, pInPropertyList, cbInPropertyListSize)))
        return err;
    return pOutParams ? prop_table_store(pPropertyTable, pInPropertyList, cbInPropertyListSize, pOutParams)
                      : ERROR_SUCCESS;
}

DWORD WINAPI ResUtilSetPropertyTable(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                     PVOID Reserved, BOOL bAllowUnknownProperties,
                                     const PVOID pInPropertyList, DWORD cbInPropertyListSize,
                                     LPBYTE pOutParams)
{
    return ResUtilSetPropertyTableEx(hkeyClusterKey, pPropertyTable, Reserved, bAllowUnknownProperties,
                                     pInPropertyList, cbInPropertyListSize, FALSE, pOutParams);
}

/* Every writable entry of the block; then the list's properties the table
 * does not know, if a list is given; then out becomes a copy of the block. */
DWORD WINAPI ResUtilSetPropertyParameterBlockEx(HKEY hkeyClusterKey,
                                                const PRESUTIL_PROPERTY_ITEM pPropertyTable, PVOID Reserved,
                                                const LPBYTE pInParams, const PVOID pInPropertyList,
                                                DWORD cbInPropertyListSize, BOOL bForceWrite,
                                                LPBYTE pOutParams)
{
    const RESUTIL_PROPERTY_ITEM *item;
    struct pl_builder b;
    BYTE *list;
    DWORD err;
    enum pl_error e;

    TRACE("(%p, %p, %p, %p, %p, %u, %d, %p)\n", hkeyClusterKey, pPropertyTable, Reserved, pInParams,
          pInPropertyList, cbInPropertyListSize, bForceWrite, pOutParams);
    if (!hkeyClusterKey || !pPropertyTable || !pInParams)
        return ERROR_INVALID_PARAMETER;
    if (pInPropertyList && (e = pl_validate(pInPropertyList, cbInPropertyListSize, NULL, NULL)))
        return prop_verify_error(e);
    for (item = pPropertyTable; item->Name; item++)
        if (!prop_format_supported(item->Format))
            return ERROR_INVALID_PARAMETER;
    /* The block as a list, which write_list then stores. */
    pl_build_begin(&b, NULL, 0);
    prop_block_list(&b, pPropertyTable, pInParams, TRUE);
    if (!(list = HeapAlloc(GetProcessHeap(), 0, pl_build_size(&b))))
        return ERROR_NOT_ENOUGH_MEMORY;
    pl_build_begin(&b, list, pl_build_size(&b));
    prop_block_list(&b, pPropertyTable, pInParams, TRUE);
    err = write_list(hkeyClusterKey, pPropertyTable, FALSE, list, (DWORD)pl_build_size(&b));
    HeapFree(GetProcessHeap(), 0, list);
    if (!err && pInPropertyList)
        err = write_list(hkeyClusterKey, pPropertyTable, TRUE, pInPropertyList, cbInPropertyListSize);
    if (!err && pOutParams && pOutParams != pInParams)
    {
        for (item = pPropertyTable; item->Name; item++)
            prop_block_free(pOutParams, pInParams, item);
        err = ResUtilDupParameterBlock(pOutParams, pInParams, pPropertyTable);
    }
    return err;
}

DWORD WINAPI ResUtilSetPropertyParameterBlock(HKEY hkeyClusterKey,
                                              const PRESUTIL_PROPERTY_ITEM pPropertyTable, PVOID Reserved,
                                              const LPBYTE pInParams, const PVOID pInPropertyList,
                                              DWORD cbInPropertyListSize, LPBYTE pOutParams)
{
    return ResUtilSetPropertyParameterBlockEx(hkeyClusterKey, pPropertyTable, Reserved, pInParams, pInPropertyList,
                                              cbInPropertyListSize, FALSE, pOutParams);
}

DWORD WINAPI ResUtilSetUnknownProperties(HKEY hkeyClusterKey, const PRESUTIL_PROPERTY_ITEM pPropertyTable,
                                         const PVOID pInPropertyList, DWORD cbInPropertyListSize)
{
    enum pl_error e;

    TRACE("(%p, %p, %p, %u)\n", hkeyClusterKey, pPropertyTable, pInPropertyList, cbInPropertyListSize);
    if (!hkeyClusterKey || !pPropertyTable)
        return ERROR_INVALID_PARAMETER;
    if ((e = pl_validate(pInPropertyList, cbInPropertyListSize, NULL, NULL)))
        return prop_verify_error(e);
    return write_list(hkeyClusterKey, pPropertyTable, TRUE, pInPropertyList, cbInPropertyListSize);
}

DWORD WINAPI ResUtilSetPrivatePropertyList(HKEY hkeyClusterKey, const PVOID pInPropertyList,
                                           DWORD cbInPropertyListSize)
{
    enum pl_error e;

    TRACE("(%p, %p, %u)\n", hkeyClusterKey, pInPropertyList, cbInPropertyListSize);
    if (!hkeyClusterKey)
        return ERROR_INVALID_PARAMETER;
    if ((e = pl_validate(pInPropertyList, cbInPropertyListSize, NULL, NULL)))
        return prop_verify_error(e);
    return write_list(hkeyClusterKey, NULL, TRUE, pInPropertyList, cbInPropertyListSize);
}

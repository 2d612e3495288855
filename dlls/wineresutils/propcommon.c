/*
 * resutils' property helpers: error mapping, name lookup, and the output
 * convention of every function that returns a list.
 */

#include <stdarg.h>
#include <string.h>

#include "windef.h"
#include "winbase.h"
#include "winnls.h"
#include "winerror.h"
#include "resapi.h"
#include "propcommon.h"

DWORD prop_list_error(enum pl_error e)
{
    return e == PL_OK ? ERROR_SUCCESS : ERROR_INVALID_DATA;
}

DWORD prop_verify_error(enum pl_error e)
{
    return pl_set_error(e);
}

BOOL prop_name_is(const struct pl_prop *prop, LPCWSTR name)
{
    /* The list's name may sit at any address: copied before comparing. */
    WCHAR small[64], *copy = small;
    BOOL same;

    if (prop->name_len >= ARRAY_SIZE(small) &&
        !(copy = HeapAlloc(GetProcessHeap(), 0, (prop->name_len + 1) * sizeof(WCHAR))))
        return FALSE;
    memcpy(copy, prop->name, (prop->name_len + 1) * sizeof(WCHAR));
    same = CompareStringOrdinal(copy, prop->name_len, name, -1, TRUE) == CSTR_EQUAL;
    if (copy != small)
        HeapFree(GetProcessHeap(), 0, copy);
    return same;
}

const RESUTIL_PROPERTY_ITEM *prop_table_lookup(const RESUTIL_PROPERTY_ITEM *table, const struct pl_prop *prop)
{
    for (; table->Name; table++)
        if (prop_name_is(prop, table->Name))
            return table;
    return NULL;
}

DWORD prop_build_result(const struct pl_builder *b, LPDWORD returned, LPDWORD required)
{
    DWORD size = pl_build_size(b) > MAXDWORD ? MAXDWORD : (DWORD)pl_build_size(b);

    if (!pl_build_fits(b)) {
        *returned = 0;
        *required = size;
        return ERROR_MORE_DATA;
    }
    *returned = size;
    *required = 0;
    return ERROR_SUCCESS;
}

BYTE *prop_local_copy(const void *data, DWORD size)
{
    BYTE *p = LocalAlloc(LMEM_FIXED, size ? size : 1);

    if (p && size)
        memcpy(p, data, size);
    return p;
}

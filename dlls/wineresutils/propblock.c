/*
 * Parameter blocks: the caller's structure a property table describes.  By
 * the entry's format, the field at its Offset is a DWORD (DWORD, LONG), an
 * LPWSTR (SZ, EXPAND_SZ), a pointer followed by a DWORD byte size
 * (MULTI_SZ, BINARY), or 8 bytes (LARGE_INTEGER, ULARGE_INTEGER).  Pointers
 * a block gets from resutils are LocalAlloc'd, for LocalFree.
 */

#include <stdarg.h>
#include <string.h>

#include "windef.h"
#include "winbase.h"
#include "winerror.h"
#include "resapi.h"
#include "propcommon.h"

struct sized { BYTE *ptr; DWORD size; };

BOOL prop_format_supported(DWORD format)
{
    switch (format) {
    case CLUSPROP_FORMAT_DWORD: case CLUSPROP_FORMAT_LONG:
    case CLUSPROP_FORMAT_SZ: case CLUSPROP_FORMAT_EXPAND_SZ:
    case CLUSPROP_FORMAT_MULTI_SZ: case CLUSPROP_FORMAT_BINARY:
    case CLUSPROP_FORMAT_LARGE_INTEGER: case CLUSPROP_FORMAT_ULARGE_INTEGER:
        return TRUE;
    }
    return FALSE;
}

static BOOL has_size(DWORD format)
{
    return format == CLUSPROP_FORMAT_MULTI_SZ || format == CLUSPROP_FORMAT_BINARY;
}

static BOOL is_pointer(DWORD format)
{
    return has_size(format) || format == CLUSPROP_FORMAT_SZ || format == CLUSPROP_FORMAT_EXPAND_SZ;
}

/* The bytes of a field held in the block itself. */
static DWORD scalar_size(DWORD format)
{
    return format == CLUSPROP_FORMAT_LARGE_INTEGER || format == CLUSPROP_FORMAT_ULARGE_INTEGER ? 8 : sizeof(DWORD);
}

/* The pointer field and, for sized formats, its size (0 otherwise). */
static struct sized get_ptr(const BYTE *block, const RESUTIL_PROPERTY_ITEM *item)
{
    struct sized s = { NULL, 0 };

    memcpy(&s.ptr, block + item->Offset, sizeof(s.ptr));
    if (has_size(item->Format))
        memcpy(&s.size, block + item->Offset + sizeof(s.ptr), sizeof(s.size));
    return s;
}

static void set_ptr(LPBYTE block, const RESUTIL_PROPERTY_ITEM *item, struct sized s)
{
    memcpy(block + item->Offset, &s.ptr, sizeof(s.ptr));
    if (has_size(item->Format))
        memcpy(block + item->Offset + sizeof(s.ptr), &s.size, sizeof(s.size));
}

DWORD prop_block_store(LPBYTE block, const RESUTIL_PROPERTY_ITEM *item, const struct pl_value *value)
{
    struct sized old, s;

    if (!is_pointer(item->Format)) {
        memcpy(block + item->Offset, value->data, value->size);
        return ERROR_SUCCESS;
    }
    if (!(s.ptr = prop_local_copy(value->data, value->size)))
        return ERROR_NOT_ENOUGH_MEMORY;
    s.size = value->size;
    old = get_ptr(block, item);
    LocalFree(old.ptr);
    set_ptr(block, item, s);
    return ERROR_SUCCESS;
}

DWORD prop_block_dup(LPBYTE out, const BYTE *in, const RESUTIL_PROPERTY_ITEM *item)
{
    struct sized s;

    if (!is_pointer(item->Format)) {
        memcpy(out + item->Offset, in + item->Offset, scalar_size(item->Format));
        return ERROR_SUCCESS;
    }
    s = get_ptr(in, item);
    if (s.ptr) {
        DWORD size = has_size(item->Format) ? s.size : (lstrlenW((WCHAR *)s.ptr) + 1) * sizeof(WCHAR);

        if (!(s.ptr = prop_local_copy(s.ptr, size)))
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    set_ptr(out, item, s);
    return ERROR_SUCCESS;
}

void prop_block_free(LPBYTE out, const BYTE *in, const RESUTIL_PROPERTY_ITEM *item)
{
    struct sized s;

    if (!is_pointer(item->Format))
        return;
    s = get_ptr(out, item);
    if (s.ptr && (!in || s.ptr != get_ptr(in, item).ptr))
        LocalFree(s.ptr);
    s.ptr = NULL;
    s.size = 0;
    set_ptr(out, item, s);
}

void prop_build_reg_value(struct pl_builder *b, DWORD format, const BYTE *data, DWORD size)
{
    static const WCHAR empty[2];
    DWORD expanded;
    WCHAR *buf;

    pl_build_value(b, CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, format), data, size);
    if (format != CLUSPROP_FORMAT_EXPAND_SZ)
        return;
    /* [MS-CMRP] 2.2.2.3: an EXPAND_SZ handed out is followed by the same
     * string expanded. */
    expanded = ExpandEnvironmentStringsW((const WCHAR *)data, NULL, 0);
    if (expanded && (buf = HeapAlloc(GetProcessHeap(), 0, expanded * sizeof(WCHAR)))) {
        ExpandEnvironmentStringsW((const WCHAR *)data, buf, expanded);
        pl_build_value(b, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ, buf, lstrlenW(buf) * sizeof(WCHAR) + sizeof(WCHAR));
        HeapFree(GetProcessHeap(), 0, buf);
    }
    else
        pl_build_value(b, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ, empty, sizeof(WCHAR));
}

static void block_build(struct pl_builder *b, const BYTE *block, const RESUTIL_PROPERTY_ITEM *item)
{
    static const WCHAR empty[2];
    struct sized s;

    if (!is_pointer(item->Format)) {
        prop_build_reg_value(b, item->Format, block + item->Offset, scalar_size(item->Format));
        return;
    }
    s = get_ptr(block, item);
    if (!has_size(item->Format))
        s.size = s.ptr ? (lstrlenW((WCHAR *)s.ptr) + 1) * sizeof(WCHAR) : 0;
    /* A NULL string is the empty one; a NULL binary is empty. */
    if (!s.ptr && item->Format != CLUSPROP_FORMAT_BINARY) {
        s.ptr = (BYTE *)empty;
        s.size = sizeof(WCHAR);
    }
    prop_build_reg_value(b, item->Format, s.ptr, s.ptr ? s.size : 0);
}

void prop_block_list(struct pl_builder *b, const RESUTIL_PROPERTY_ITEM *table, const BYTE *block, BOOL writable_only)
{
    for (; table->Name; table++)
        if (!writable_only || !(table->Flags & RESUTIL_PROPITEM_READ_ONLY))
        {
            pl_build_name(b, table->Name);
            block_build(b, block, table);
            pl_build_endmark(b);
        }
}

/*
 * Property values between the store and property lists.  The store keeps
 * strings as UTF-8 with their NULs (a MULTI_SZ with its final empty one),
 * numbers as little-endian bytes; lists carry UTF-16LE.  The formats are
 * numbered alike (CS_PROP_* are the CLUSPROP_FORMAT_* values).
 */
#include <string.h>

#include "props.h"

static BOOL is_text(uint32_t format)
{
    return format == CS_PROP_SZ || format == CS_PROP_EXPAND_SZ || format == CS_PROP_MULTI_SZ;
}

static void put_expanded(struct pl_builder *b, const WCHAR *text)
{
    DWORD len = ExpandEnvironmentStringsW(text, NULL, 0);
    WCHAR *expanded;

    if (len && (expanded = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR))))
    {
        len = ExpandEnvironmentStringsW(text, expanded, len);
        pl_build_value(b, PL_LIST_VALUE(PL_FORMAT_EXPANDED_SZ), expanded, len * sizeof(WCHAR));
        HeapFree(GetProcessHeap(), 0, expanded);
    }
}

DWORD propconv_put(struct pl_builder *b, const char *name, uint32_t format, const void *data, size_t size)
{
    WCHAR *wname, *text = NULL;
    int len = 0;

    if (!(wname = wide_from_utf8(name))) return ERROR_NOT_ENOUGH_MEMORY;
    if (is_text(format) && size)
    {
        len = MultiByteToWideChar(CP_UTF8, 0, data, size, NULL, 0);
        if (len <= 0 || !(text = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR))))
        {
            HeapFree(GetProcessHeap(), 0, wname);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        MultiByteToWideChar(CP_UTF8, 0, data, size, text, len);
        data = text;
        size = len * sizeof(WCHAR);
    }
    pl_build_name(b, (const pl_wchar *)wname);
    pl_build_value(b, PL_LIST_VALUE(format), data, size);
    /* As Windows lists it: an EXPAND_SZ, then the same expanded. */
    if (format == CS_PROP_EXPAND_SZ && text) put_expanded(b, text);
    pl_build_endmark(b);
    HeapFree(GetProcessHeap(), 0, text);
    HeapFree(GetProcessHeap(), 0, wname);
    return ERROR_SUCCESS;
}

/* UTF-16 that may sit at any address, count characters, to UTF-8; a lone
 * surrogate is no text the store keeps. */
static DWORD to_utf8(const void *src, size_t count, char *out, size_t out_size, int *len)
{
    WCHAR *copy;
    DWORD err = ERROR_SUCCESS;

    if (!(copy = HeapAlloc(GetProcessHeap(), 0, count * sizeof(WCHAR) + 1))) return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(copy, src, count * sizeof(WCHAR));
    *len = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, copy, count, out, out_size, NULL, NULL);
    if (*len <= 0 && count) err = GetLastError() == ERROR_INSUFFICIENT_BUFFER ? ERROR_INVALID_PARAMETER
                                                                              : ERROR_INVALID_DATA;
    HeapFree(GetProcessHeap(), 0, copy);
    return err;
}

DWORD propconv_get(const struct pl_prop *prop, char *name, size_t name_size, uint32_t *format, void **data,
                   size_t *size)
{
    const struct pl_value *v = &prop->value;
    int len;
    DWORD err;

    /* A name too long for the store is no name it could hold. */
    if ((err = to_utf8(prop->name, prop->name_len + 1, name, name_size, &len))) return err;
    *format = PL_SYNTAX_FORMAT(v->syntax);
    if (*format < CS_PROP_BINARY || *format > CS_PROP_LONG) return ERROR_INVALID_PARAMETER;
    if (!is_text(*format))
    {
        if (!(*data = HeapAlloc(GetProcessHeap(), 0, v->size + 1))) return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(*data, v->data, v->size);
        *size = v->size;
        return ERROR_SUCCESS;
    }
    if ((err = to_utf8(v->data, v->size / sizeof(WCHAR), NULL, 0, &len))) return err;
    if (!(*data = HeapAlloc(GetProcessHeap(), 0, len + 1))) return ERROR_NOT_ENOUGH_MEMORY;
    to_utf8(v->data, v->size / sizeof(WCHAR), *data, len, &len);
    *size = len;
    return ERROR_SUCCESS;
}

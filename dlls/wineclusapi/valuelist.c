/*
 * Value lists written by control codes: entries of CLUSPROP_VALUE header
 * (syntax, byte length) and data padded to 4 bytes, closed by an end mark
 * that is the syntax alone (4 bytes, as clusapi's own size sums count it).
 * The one writer of value lists in this DLL, to be swapped for the
 * property-list codec once there is one.
 */
#include <string.h>

#include "clusapi_private.h"

#define ALIGN4(n) (((n) + 3) & ~(size_t)3)

struct value_list
{
    BYTE *buf;
    size_t size, cap;
    BOOL failed;
};

struct value_list *value_list_new(void)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(struct value_list));
}

void value_list_free(struct value_list *list)
{
    if (!list) return;
    HeapFree(GetProcessHeap(), 0, list->buf);
    HeapFree(GetProcessHeap(), 0, list);
}

/* head_size: 8 for a value, 4 for the end mark. */
static void add(struct value_list *list, DWORD syntax, const void *data, DWORD size, size_t head_size)
{
    size_t need = list->size + head_size + ALIGN4(size);
    DWORD head[2] = { syntax, size };
    BYTE *grown;

    if (list->failed) return;
    if (need > list->cap)
    {
        size_t cap = need * 2;
        grown = list->buf ? HeapReAlloc(GetProcessHeap(), 0, list->buf, cap) : HeapAlloc(GetProcessHeap(), 0, cap);
        if (!grown)
        {
            list->failed = TRUE;
            return;
        }
        list->buf = grown;
        list->cap = cap;
    }
    memcpy(list->buf + list->size, head, head_size);
    if (size) memcpy(list->buf + list->size + head_size, data, size);
    memset(list->buf + list->size + head_size + size, 0, ALIGN4(size) - size);
    list->size = need;
}

void value_list_add(struct value_list *list, DWORD syntax, const void *data, DWORD size)
{
    add(list, syntax, data, size, 2 * sizeof(DWORD));
}

void value_list_add_string(struct value_list *list, DWORD syntax, const char *utf8)
{
    WCHAR *wide = wide_from_utf8(utf8);

    if (!wide) list->failed = TRUE;
    else value_list_add(list, syntax, wide, (lstrlenW(wide) + 1) * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, wide);
}

DWORD value_list_put(struct value_list *list, struct control_io *io)
{
    add(list, CLUSPROP_SYNTAX_ENDMARK, NULL, 0, sizeof(DWORD));
    if (list->failed) return ERROR_NOT_ENOUGH_MEMORY;
    return control_put(io, list->buf, list->size);
}

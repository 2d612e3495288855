/*
 * Enumeration snapshots.  Windows hands out the names present when the
 * enumeration was opened and indexes into that fixed list, so later changes
 * to the cluster never shift the indexes a caller is walking.
 */
#include "clusapi_private.h"

struct enum_entry
{
    DWORD type;
    WCHAR *name;
};

struct enum_list
{
    DWORD count, capacity;
    struct enum_entry *entries;
};

struct enum_list *enum_list_new(void)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(struct enum_list));
}

BOOL enum_list_add(struct enum_list *list, DWORD type, const char *utf8_name)
{
    WCHAR *name;

    if (list->count == list->capacity)
    {
        DWORD capacity = list->capacity ? list->capacity * 2 : 16;
        struct enum_entry *grown = list->entries
            ? HeapReAlloc(GetProcessHeap(), 0, list->entries, capacity * sizeof(*grown))
            : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*grown));
        if (!grown) return FALSE;
        list->entries = grown;
        list->capacity = capacity;
    }
    if (!(name = wide_from_utf8(utf8_name))) return FALSE;
    list->entries[list->count].type = type;
    list->entries[list->count].name = name;
    list->count++;
    return TRUE;
}

void enum_list_free(struct enum_list *list)
{
    DWORD i;

    if (!list) return;
    for (i = 0; i < list->count; i++) HeapFree(GetProcessHeap(), 0, list->entries[i].name);
    HeapFree(GetProcessHeap(), 0, list->entries);
    HeapFree(GetProcessHeap(), 0, list);
}

DWORD enum_list_count(const struct enum_list *list)
{
    return list->count;
}

DWORD enum_list_get(const struct enum_list *list, DWORD index, DWORD *type, WCHAR *name, DWORD *cch)
{
    if (index >= list->count) return ERROR_NO_MORE_ITEMS;
    if (type) *type = list->entries[index].type;
    return wide_name_out(list->entries[index].name, name, cch);
}

DWORD enum_list_take(struct enum_list *list, DWORD type, DWORD err, void *arr, size_t n, size_t stride,
                     size_t name_offset)
{
    size_t i;

    for (i = 0; !err && i < n; i++)
        if (!enum_list_add(list, type, (const char *)arr + i * stride + name_offset))
            err = ERROR_NOT_ENOUGH_MEMORY;
    cs_free(arr);
    return err;
}

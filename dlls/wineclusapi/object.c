/*
 * What opening, closing and enumerating nodes, groups and resources have in
 * common: look the name up in the store, keep the object's stable id in a
 * handle that dies with its cluster handle.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

void *object_open(HCLUSTER cluster, const WCHAR *name, enum handle_type type, object_lookup_fn lookup)
{
    struct handle_data data = { 0 };
    cs_store *store;
    char *utf8;
    DWORD err;

    if (!handle_get(cluster, HANDLE_CLUSTER, NULL))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (!name || !*name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(utf8 = utf8_from_wide(name)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if ((store = session_enter(&err)))
    {
        err = lookup(store, utf8, data.id);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, utf8);
    if (err)
    {
        SetLastError(err);
        return NULL;
    }
    return handle_alloc(type, cluster, &data);
}

BOOL object_close(void *handle, enum handle_type type)
{
    if (handle_close(handle, type)) return TRUE;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

HCLUSTER object_cluster(void *handle, enum handle_type type)
{
    struct handle_data data = { 0 };
    HCLUSTER ret;

    if (!handle_get(handle, type, NULL))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    /* Every cluster handle names the one cluster of the store: a fresh one
     * is as good as the one the object came from, and is the caller's own. */
    if ((ret = handle_alloc(HANDLE_CLUSTER, NULL, &data))) SetLastError(ERROR_SUCCESS);
    return ret;
}

DWORD object_call(void *handle, enum handle_type type, object_call_fn fn)
{
    struct handle_data data;
    cs_store *store;
    DWORD err;

    if (!handle_get(handle, type, &data)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    err = fn(store, data.id);
    session_leave();
    return err;
}

DWORD object_pair(HRESOURCE resource, void *other, enum handle_type other_type, object_pair_fn fn)
{
    struct handle_data res, obj;
    cs_store *store;
    DWORD err;

    if (!handle_get(resource, HANDLE_RESOURCE, &res) || !handle_get(other, other_type, &obj))
        return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    err = fn(store, res.id, obj.id);
    session_leave();
    return err;
}

void *object_open_enum(void *object, enum handle_type object_type, enum handle_type enum_type,
                       DWORD mask, DWORD valid_mask, object_list_fn fill)
{
    struct handle_data data;

    if (!handle_get(object, object_type, &data))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (!mask || (mask & ~valid_mask))
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return enum_open(object_type == HANDLE_CLUSTER ? object : handle_parent(object, object_type), data.id,
                     enum_type, mask, fill);
}

void *enum_open(HCLUSTER cluster, const char *id, enum handle_type enum_type, DWORD mask, object_list_fn fill)
{
    struct handle_data data = { { 0 }, NULL };
    cs_store *store;
    void *ret;
    DWORD err;

    if (!(data.list = enum_list_new()))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if ((store = session_enter(&err)))
    {
        err = fill(store, id, mask, data.list);
        session_leave();
    }
    if (!err)
    {
        if ((ret = handle_alloc(enum_type, cluster, &data))) return ret;
        err = GetLastError();
    }
    enum_list_free(data.list);
    SetLastError(err);
    return NULL;
}

DWORD object_enum(void *handle, enum handle_type type, DWORD index, DWORD *out_type, WCHAR *name, DWORD *cch)
{
    struct handle_data data;

    if (!handle_get(handle, type, &data)) return ERROR_INVALID_HANDLE;
    if (!cch) return ERROR_INVALID_PARAMETER;
    return enum_list_get(data.list, index, out_type, name, cch);
}

DWORD object_enum_count(void *handle, enum handle_type type)
{
    struct handle_data data;

    if (!handle_get(handle, type, &data))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return enum_list_count(data.list);
}

BOOL object_close_enum(void *handle, enum handle_type type)
{
    return handle_close(handle, type);
}

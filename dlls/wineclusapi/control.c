/*
 * What every ClusterXxxControl call shares: the class and host-node checks,
 * the dispatch through each class's table of codes, and the output rules.
 * A class's codes live in its ctl_<class>.c; adding a code to a class is
 * one function and one line in that file's table.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD control_dispatch(const struct control_class *cls, HNODE host, const char *id, DWORD code,
                       struct control_io *io)
{
    union { cs_resource res; cs_group group; cs_node node; cs_restype type; cs_cluster cluster;
            cs_network network; cs_netif netif; } object;
    cs_store *store;
    DWORD err;
    size_t i;

    if (host && !handle_get(host, HANDLE_NODE, NULL)) return ERROR_INVALID_HANDLE;
    /* A code names its object class: a group's code sent to a resource, or a
     * known code with other access bits, is no function of this object. */
    for (i = 0; i < cls->count; i++) if (cls->codes[i].code == code) break;
    if (i == cls->count)
    {
        if (CLUSCTL_GET_CONTROL_OBJECT(code) == cls->object) FIXME("control code %#x is not handled\n", code);
        else WARN("control code %#x is for object class %u, not %u\n", code, CLUSCTL_GET_CONTROL_OBJECT(code),
                  cls->object);
        return ERROR_INVALID_FUNCTION;
    }
    io->code = code;
    if (!(store = session_enter(&err))) return err;
    if (!(err = cls->find(store, id, &object))) err = cls->codes[i].fn(store, &object, io);
    session_leave();
    return err;
}

DWORD control_object(void *handle, enum handle_type type, const struct control_class *cls, HNODE host,
                     DWORD code, struct control_io *io)
{
    struct handle_data data;

    if (!handle_get(handle, type, &data)) return ERROR_INVALID_HANDLE;
    return control_dispatch(cls, host, data.id, code, io);
}

DWORD control_put(struct control_io *io, const void *data, DWORD size)
{
    if (io->returned) *io->returned = size;
    if (!size) return ERROR_SUCCESS;
    if (!io->out || io->out_size < size) return ERROR_MORE_DATA;
    memcpy(io->out, data, size);
    return ERROR_SUCCESS;
}

DWORD control_put_dword(struct control_io *io, DWORD value)
{
    return control_put(io, &value, sizeof(value));
}

DWORD control_put_string(struct control_io *io, const char *utf8)
{
    WCHAR *wide = wide_from_utf8(utf8);
    DWORD err;

    if (!wide) return ERROR_NOT_ENOUGH_MEMORY;
    err = control_put(io, wide, (lstrlenW(wide) + 1) * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, wide);
    return err;
}

DWORD control_none(cs_store *store, const void *object, struct control_io *io)
{
    (void)store; (void)object;
    return control_put(io, NULL, 0);
}

DWORD control_zero(cs_store *store, const void *object, struct control_io *io)
{
    (void)store; (void)object;
    return control_put_dword(io, 0);
}

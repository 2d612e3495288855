/*
 * ClusterGroupControl: the codes the cluster service answers for a group.
 */
#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD get_id(cs_store *store, const void *object, struct control_io *io)
{
    const cs_group *group = object;
    (void)store;
    return control_put_string(io, group->id);
}

static DWORD get_name(cs_store *store, const void *object, struct control_io *io)
{
    const cs_group *group = object;
    (void)store;
    return control_put_string(io, group->name);
}

static DWORD get_flags(cs_store *store, const void *object, struct control_io *io)
{
    const cs_group *group = object;
    return control_put_dword(io, group_is_core(store, group->id) ? CLUS_FLAG_CORE : 0);
}

static const struct control_entry codes[] =
{
    { CLUSCTL_GROUP_UNKNOWN, control_none },
    /* No CLUS_CHAR_* describes a group. */
    { CLUSCTL_GROUP_GET_CHARACTERISTICS, control_zero },
    { CLUSCTL_GROUP_GET_FLAGS, get_flags },
    { CLUSCTL_GROUP_GET_NAME, get_name },
    { CLUSCTL_GROUP_GET_ID, get_id },
    PROPERTY_CODES(CLUSCTL_GROUP),
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    return cs_group_find(store, id, object);
}

static const struct control_class group_class = { CLUS_OBJECT_GROUP, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterGroupControl(HGROUP hGroup, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                                 DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                                 LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hGroup, hHostNode, dwControlCode, lpInBuffer, nInBufferSize,
          lpOutBuffer, nOutBufferSize, lpBytesReturned);

    return control_object(hGroup, HANDLE_GROUP, &group_class, hHostNode, dwControlCode, &io);
}

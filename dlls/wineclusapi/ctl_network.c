/*
 * ClusterNetworkControl: the codes the cluster service answers for a network.
 */
#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD get_id(cs_store *store, const void *object, struct control_io *io)
{
    (void)store;
    return control_put_string(io, ((const cs_network *)object)->id);
}

static DWORD get_name(cs_store *store, const void *object, struct control_io *io)
{
    (void)store;
    return control_put_string(io, ((const cs_network *)object)->name);
}

static const struct control_entry codes[] =
{
    { CLUSCTL_NETWORK_UNKNOWN, control_none },
    /* Neither a CLUS_CHAR_* nor a CLUS_FLAG_* describes a network. */
    { CLUSCTL_NETWORK_GET_CHARACTERISTICS, control_zero },
    { CLUSCTL_NETWORK_GET_FLAGS, control_zero },
    { CLUSCTL_NETWORK_GET_NAME, get_name },
    { CLUSCTL_NETWORK_GET_ID, get_id },
    PROPERTY_CODES(CLUSCTL_NETWORK),
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    return cs_network_find(store, id, object);
}

static const struct control_class network_class = { CLUS_OBJECT_NETWORK, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterNetworkControl(HNETWORK hNetwork, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                                   DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                                   LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hNetwork, hHostNode, dwControlCode, lpInBuffer, nInBufferSize,
          lpOutBuffer, nOutBufferSize, lpBytesReturned);

    return control_object(hNetwork, HANDLE_NETWORK, &network_class, hHostNode, dwControlCode, &io);
}

/*
 * ClusterNetInterfaceControl: the codes the cluster service answers for a
 * network interface.
 */
#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD get_id(cs_store *store, const void *object, struct control_io *io)
{
    (void)store;
    return control_put_string(io, ((const cs_netif *)object)->id);
}

static DWORD get_name(cs_store *store, const void *object, struct control_io *io)
{
    (void)store;
    return control_put_string(io, ((const cs_netif *)object)->name);
}

static DWORD get_node(cs_store *store, const void *object, struct control_io *io)
{
    cs_node node;
    DWORD err = cs_node_get_by_id(store, ((const cs_netif *)object)->node, &node);

    return err ? err : control_put_string(io, node.name);
}

static DWORD get_network(cs_store *store, const void *object, struct control_io *io)
{
    cs_network net;
    DWORD err = cs_network_find(store, ((const cs_netif *)object)->network, &net);

    return err ? err : control_put_string(io, net.name);
}

static const struct control_entry codes[] =
{
    { CLUSCTL_NETINTERFACE_UNKNOWN, control_none },
    /* Neither a CLUS_CHAR_* nor a CLUS_FLAG_* describes an interface. */
    { CLUSCTL_NETINTERFACE_GET_CHARACTERISTICS, control_zero },
    { CLUSCTL_NETINTERFACE_GET_FLAGS, control_zero },
    { CLUSCTL_NETINTERFACE_GET_NAME, get_name },
    { CLUSCTL_NETINTERFACE_GET_ID, get_id },
    { CLUSCTL_NETINTERFACE_GET_NODE, get_node },
    { CLUSCTL_NETINTERFACE_GET_NETWORK, get_network },
    PROPERTY_CODES(CLUSCTL_NETINTERFACE),
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    return cs_netif_find(store, id, object);
}

static const struct control_class netif_class = { CLUS_OBJECT_NETINTERFACE, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterNetInterfaceControl(HNETINTERFACE hNetInterface, HNODE hHostNode, DWORD dwControlCode,
                                        LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
                                        DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hNetInterface, hHostNode, dwControlCode, lpInBuffer,
          nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);

    return control_object(hNetInterface, HANDLE_NETINTERFACE, &netif_class, hHostNode, dwControlCode, &io);
}

/*
 * ClusterNodeControl: the codes the cluster service answers for a node.
 */
#include <stdio.h>
#include <stdlib.h>

#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD get_id(cs_store *store, const void *object, struct control_io *io)
{
    const cs_node *node = object;
    char id[16];

    (void)store;
    sprintf(id, "%u", node->id);
    return control_put_string(io, id);
}

static DWORD get_name(cs_store *store, const void *object, struct control_io *io)
{
    const cs_node *node = object;
    (void)store;
    return control_put_string(io, node->name);
}

static const struct control_entry codes[] =
{
    { CLUSCTL_NODE_UNKNOWN, control_none },
    /* Neither a CLUS_CHAR_* nor a CLUS_FLAG_* describes a node. */
    { CLUSCTL_NODE_GET_CHARACTERISTICS, control_zero },
    { CLUSCTL_NODE_GET_FLAGS, control_zero },
    { CLUSCTL_NODE_GET_NAME, get_name },
    { CLUSCTL_NODE_GET_ID, get_id },
    PROPERTY_CODES(CLUSCTL_NODE),
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    return cs_node_get_by_id(store, strtoul(id, NULL, 10), object);
}

static const struct control_class node_class = { CLUS_OBJECT_NODE, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterNodeControl(HNODE hNode, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
                                DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
                                LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hNode, hHostNode, dwControlCode, lpInBuffer, nInBufferSize,
          lpOutBuffer, nOutBufferSize, lpBytesReturned);

    return control_object(hNode, HANDLE_NODE, &node_class, hHostNode, dwControlCode, &io);
}

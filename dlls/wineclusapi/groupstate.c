/*
 * Bringing a group online or offline and moving it between nodes: the store
 * applies Server 2003's rules (docs/states.md).
 */
#include <stdlib.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

typedef DWORD (*group_node_fn)(cs_store *store, const char *group_id, uint32_t node);

/* fn with the group's id and the node's (0 for a NULL node handle). */
static DWORD group_to_node(HGROUP group, HNODE node, group_node_fn fn)
{
    struct handle_data data, dest;
    uint32_t node_id = 0;
    cs_store *store;
    DWORD err;

    if (!handle_get(group, HANDLE_GROUP, &data)) return ERROR_INVALID_HANDLE;
    if (node)
    {
        if (!handle_get(node, HANDLE_NODE, &dest)) return ERROR_INVALID_HANDLE;
        node_id = strtoul(dest.id, NULL, 10);
    }
    if (!(store = session_enter(&err))) return err;
    err = fn(store, data.id, node_id);
    session_leave();
    return err;
}

DWORD WINAPI OnlineClusterGroup(HGROUP hGroup, HNODE hDestinationNode)
{
    TRACE("(%p, %p)\n", hGroup, hDestinationNode);
    return group_to_node(hGroup, hDestinationNode, cs_group_online);
}

static DWORD move_group(cs_store *store, const char *group_id, uint32_t node)
{
    return cs_group_move(store, group_id, node, NULL);
}

DWORD WINAPI MoveClusterGroup(HGROUP hGroup, HNODE hDestinationNode)
{
    TRACE("(%p, %p)\n", hGroup, hDestinationNode);
    return group_to_node(hGroup, hDestinationNode, move_group);
}

DWORD WINAPI OfflineClusterGroup(HGROUP hGroup)
{
    TRACE("(%p)\n", hGroup);
    return object_call(hGroup, HANDLE_GROUP, cs_group_offline);
}

/*
 * SetClusterServiceAccountPassword.
 *
 * A node's cluster service under wineclus runs as the Linux user who started
 * it (docs/cluster-service.md): there is no Windows account whose password
 * could change.  The call keeps Server 2003's contract, which is what a tool
 * sees (every node up or paused unless told to ignore the down ones, one
 * status per configured node, the buffer-size protocol), and keeps no
 * password: one that nothing uses would only travel into every backup.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD WINAPI SetClusterServiceAccountPassword(LPCWSTR lpszClusterName, LPCWSTR lpszNewPassword, DWORD dwFlags,
                                              PCLUSTER_SET_PASSWORD_STATUS lpReturnStatusBuffer,
                                              LPDWORD lpcbReturnStatusBufferSize)
{
    cs_node *nodes = NULL;
    size_t n = 0, i, down = 0;
    cs_store *store;
    char *name = NULL;
    DWORD err = ERROR_SUCCESS, need;
    int *up = NULL;

    /* The password itself never goes to the log. */
    TRACE("(%s, %p, %#x, %p, %p)\n", debugstr_w(lpszClusterName), lpszNewPassword, dwFlags,
          lpReturnStatusBuffer, lpcbReturnStatusBufferSize);

    if (!version_has_2003_api()) return ERROR_CALL_NOT_IMPLEMENTED;
    if (!lpszNewPassword || !lpcbReturnStatusBufferSize || (dwFlags & ~CLUSTER_SET_PASSWORD_IGNORE_DOWN_NODES))
        return ERROR_INVALID_PARAMETER;
    if (!(store = session_enter(&err))) return err;
    if (lpszClusterName && *lpszClusterName)
    {
        if (!(name = utf8_from_wide(lpszClusterName))) err = ERROR_NOT_ENOUGH_MEMORY;
        /* As OpenCluster: an unknown name is a machine with no cluster service to answer. */
        else if (!cluster_name_matches(store, name)) err = RPC_S_SERVER_UNAVAILABLE;
    }
    if (!err) err = cs_node_list(store, &nodes, &n);
    if (!err && n && !(up = HeapAlloc(GetProcessHeap(), 0, n * sizeof(*up)))) err = ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; !err && i < n; i++)
        if (!(err = cs_node_is_up(store, nodes[i].id, &up[i])) && !up[i]) down++;
    session_leave();
    HeapFree(GetProcessHeap(), 0, name);
    if (err) goto done;

    need = n * sizeof(*lpReturnStatusBuffer);
    /* Documented: a NULL buffer asks for the size and changes nothing. */
    if (!lpReturnStatusBuffer)
        *lpcbReturnStatusBufferSize = need;
    else if (down && !(dwFlags & CLUSTER_SET_PASSWORD_IGNORE_DOWN_NODES))
        err = ERROR_ALL_NODES_NOT_AVAILABLE;
    else if (*lpcbReturnStatusBufferSize < need)
    {
        *lpcbReturnStatusBufferSize = need;
        err = ERROR_MORE_DATA;
    }
    else
    {
        for (i = 0; i < n; i++)
        {
            lpReturnStatusBuffer[i].NodeId = nodes[i].id;
            lpReturnStatusBuffer[i].SetAttempted = up[i] ? TRUE : FALSE;
            /* Ignored by the caller when nothing was attempted; says why anyway. */
            lpReturnStatusBuffer[i].ReturnStatus = up[i] ? ERROR_SUCCESS : ERROR_CLUSTER_NODE_DOWN;
        }
        *lpcbReturnStatusBufferSize = need;
    }
done:
    HeapFree(GetProcessHeap(), 0, up);
    cs_free(nodes);
    return err;
}

/*
 * ClusterResourceControl: the control codes the cluster service answers
 * itself for every resource: its id, name and type, and its registry and
 * crypto checkpoints.  Resource DLL codes have no DLL to go to here.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

struct control_io
{
    const void *in;
    DWORD in_size;
    void *out;
    DWORD out_size;
    DWORD *returned;
};

/* Output is all or nothing: a short buffer gets the size needed. */
static DWORD put_output(struct control_io *io, const void *data, DWORD size)
{
    if (io->returned) *io->returned = size;
    if (!size) return ERROR_SUCCESS;
    if (!io->out || io->out_size < size) return ERROR_MORE_DATA;
    memcpy(io->out, data, size);
    return ERROR_SUCCESS;
}

static DWORD put_string(struct control_io *io, const char *utf8)
{
    WCHAR *wide = wide_from_utf8(utf8);
    DWORD err;

    if (!wide) return ERROR_NOT_ENOUGH_MEMORY;
    err = put_output(io, wide, (lstrlenW(wide) + 1) * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, wide);
    return err;
}

/* The input of the checkpoint codes: one NUL-terminated string within the
 * stated size, as UTF-8. */
static DWORD get_input_key(const struct control_io *io, char **key)
{
    const WCHAR *str = io->in;
    DWORD i, count = io->in_size / sizeof(WCHAR);

    if (!str || !count) return ERROR_INVALID_PARAMETER;
    for (i = 0; i < count && str[i]; i++) ;
    if (i == count || !i) return ERROR_INVALID_PARAMETER;
    if (!(*key = utf8_from_wide(str))) return ERROR_NOT_ENOUGH_MEMORY;
    return ERROR_SUCCESS;
}

/* A multi-sz of the resource's checkpoint keys of one kind. */
static DWORD put_checkpoints(cs_store *store, const char *id, int kind, struct control_io *io)
{
    cs_checkpoint *arr = NULL;
    size_t i, n = 0, total = 1;
    WCHAR *buf, *p;
    DWORD err;

    if ((err = cs_checkpoint_list(store, id, kind, &arr, &n))) return err;
    for (i = 0; i < n; i++) total += MultiByteToWideChar(CP_UTF8, 0, arr[i].key, -1, NULL, 0);
    if (!n) total = 0;  /* no checkpoints: no output at all */
    if (!(buf = HeapAlloc(GetProcessHeap(), 0, (total + 1) * sizeof(WCHAR))))
    {
        cs_free(arr);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0, p = buf; i < n; i++) p += MultiByteToWideChar(CP_UTF8, 0, arr[i].key, -1, p, total - (p - buf));
    *p = 0;
    err = put_output(io, buf, total * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, buf);
    cs_free(arr);
    return err;
}

static DWORD checkpoint_change(cs_store *store, const char *id, int kind, BOOL add, struct control_io *io)
{
    char *key;
    DWORD err;

    if ((err = get_input_key(io, &key))) return err;
    if (add && kind == CS_CKPT_CRYPTO) err = checkpoint_check_crypto(key);
    if (!err) err = add ? cs_checkpoint_add(store, id, kind, key) : cs_checkpoint_delete(store, id, kind, key);
    /* The checkpoint starts out holding what the key holds now. */
    if (!err && add) checkpoint_capture(store, id, kind, key);
    HeapFree(GetProcessHeap(), 0, key);
    if (io->returned) *io->returned = 0;
    return err;
}

DWORD WINAPI ClusterResourceControl(HRESOURCE hResource, HNODE hHostNode, DWORD dwControlCode,
                                    LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
                                    DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned };
    struct handle_data data;
    cs_resource res;
    cs_store *store;
    DWORD err;

    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hResource, hHostNode, dwControlCode, lpInBuffer,
          nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);

    if (!handle_get(hResource, HANDLE_RESOURCE, &data)) return ERROR_INVALID_HANDLE;
    if (hHostNode && !handle_get(hHostNode, HANDLE_NODE, NULL)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    if ((err = cs_resource_find(store, data.id, &res)))
    {
        session_leave();
        return err;
    }
    switch (dwControlCode)
    {
    case CLUSCTL_RESOURCE_UNKNOWN:
        err = put_output(&io, NULL, 0);
        break;
    case CLUSCTL_RESOURCE_GET_ID:
        err = put_string(&io, res.id);
        break;
    case CLUSCTL_RESOURCE_GET_NAME:
        err = put_string(&io, res.name);
        break;
    case CLUSCTL_RESOURCE_GET_RESOURCE_TYPE:
        err = put_string(&io, res.type);
        break;
    case CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT:
        err = checkpoint_change(store, res.id, CS_CKPT_REGISTRY, TRUE, &io);
        break;
    case CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT:
        err = checkpoint_change(store, res.id, CS_CKPT_REGISTRY, FALSE, &io);
        break;
    case CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS:
        err = put_checkpoints(store, res.id, CS_CKPT_REGISTRY, &io);
        break;
    case CLUSCTL_RESOURCE_ADD_CRYPTO_CHECKPOINT:
        err = checkpoint_change(store, res.id, CS_CKPT_CRYPTO, TRUE, &io);
        break;
    case CLUSCTL_RESOURCE_DELETE_CRYPTO_CHECKPOINT:
        err = checkpoint_change(store, res.id, CS_CKPT_CRYPTO, FALSE, &io);
        break;
    case CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS:
        err = put_checkpoints(store, res.id, CS_CKPT_CRYPTO, &io);
        break;
    default:
        FIXME("control code %#x is not handled\n", dwControlCode);
        err = ERROR_INVALID_FUNCTION;
        break;
    }
    session_leave();
    return err;
}

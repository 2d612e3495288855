/*
 * ClusterResourceControl: the codes the cluster service answers itself for
 * every resource: its id, name and type, what its type says of it, and its
 * registry and crypto checkpoints.  Resource DLL codes have no DLL to go to
 * here.
 */
#include <string.h>

#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

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
    err = control_put(io, buf, total * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, buf);
    cs_free(arr);
    return err;
}

/* The six checkpoint codes: which kind of checkpoint, and what to do. */
static const struct
{
    DWORD code;
    int kind;
    enum { CKPT_ADD, CKPT_DELETE, CKPT_LIST } op;
} checkpoint_codes[] =
{
    { CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, CS_CKPT_REGISTRY, CKPT_ADD },
    { CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT, CS_CKPT_REGISTRY, CKPT_DELETE },
    { CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS, CS_CKPT_REGISTRY, CKPT_LIST },
    { CLUSCTL_RESOURCE_ADD_CRYPTO_CHECKPOINT, CS_CKPT_CRYPTO, CKPT_ADD },
    { CLUSCTL_RESOURCE_DELETE_CRYPTO_CHECKPOINT, CS_CKPT_CRYPTO, CKPT_DELETE },
    { CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS, CS_CKPT_CRYPTO, CKPT_LIST },
};

static DWORD checkpoint(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    size_t i;
    char *key;
    DWORD err;
    int kind;

    for (i = 0; checkpoint_codes[i].code != io->code; i++) ;
    kind = checkpoint_codes[i].kind;
    if (checkpoint_codes[i].op == CKPT_LIST) return put_checkpoints(store, res->id, kind, io);
    if ((err = get_input_key(io, &key))) return err;
    if (checkpoint_codes[i].op == CKPT_DELETE) err = cs_checkpoint_delete(store, res->id, kind, key);
    else
    {
        if (kind == CS_CKPT_CRYPTO) err = checkpoint_check_crypto(key);
        if (!err) err = cs_checkpoint_add(store, res->id, kind, key);
        /* The checkpoint starts out holding what the key holds now. */
        if (!err) checkpoint_capture(store, res->id, kind, key);
    }
    HeapFree(GetProcessHeap(), 0, key);
    if (io->returned) *io->returned = 0;
    return err;
}

static DWORD get_id(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    (void)store;
    return control_put_string(io, res->id);
}

static DWORD get_name(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    (void)store;
    return control_put_string(io, res->name);
}

static DWORD get_type(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    (void)store;
    return control_put_string(io, res->type);
}

static DWORD get_characteristics(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    (void)store;
    return control_put_dword(io, restype_info(res->type)->characteristics);
}

static DWORD get_flags(cs_store *store, const void *object, struct control_io *io)
{
    return control_put_dword(io, resource_is_core(store, object) ? CLUS_FLAG_CORE : 0);
}

static DWORD get_class_info(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    (void)store;
    return restype_put_class_info(restype_info(res->type), io);
}

static DWORD get_required_dependencies(cs_store *store, const void *object, struct control_io *io)
{
    const cs_resource *res = object;
    (void)store;
    return restype_put_required_dependencies(restype_info(res->type), io);
}

static const struct control_entry codes[] =
{
    { CLUSCTL_RESOURCE_UNKNOWN, control_none },
    { CLUSCTL_RESOURCE_GET_CHARACTERISTICS, get_characteristics },
    { CLUSCTL_RESOURCE_GET_FLAGS, get_flags },
    { CLUSCTL_RESOURCE_GET_CLASS_INFO, get_class_info },
    { CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, get_required_dependencies },
    { CLUSCTL_RESOURCE_GET_ID, get_id },
    { CLUSCTL_RESOURCE_GET_NAME, get_name },
    { CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, get_type },
    { CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, checkpoint },
    { CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT, checkpoint },
    { CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS, checkpoint },
    { CLUSCTL_RESOURCE_ADD_CRYPTO_CHECKPOINT, checkpoint },
    { CLUSCTL_RESOURCE_DELETE_CRYPTO_CHECKPOINT, checkpoint },
    { CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS, checkpoint },
    PROPERTY_CODES(CLUSCTL_RESOURCE),
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    return cs_resource_find(store, id, object);
}

static const struct control_class resource_class = { CLUS_OBJECT_RESOURCE, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterResourceControl(HRESOURCE hResource, HNODE hHostNode, DWORD dwControlCode,
                                    LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
                                    DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };
    TRACE("(%p, %p, %#x, %p, %u, %p, %u, %p)\n", hResource, hHostNode, dwControlCode, lpInBuffer,
          nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);

    return control_object(hResource, HANDLE_RESOURCE, &resource_class, hHostNode, dwControlCode, &io);
}

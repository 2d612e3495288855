/*
 * ClusterResourceTypeControl: what the cluster service says of a resource
 * type itself (the codes a type's DLL would answer have no DLL here).
 */
#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static DWORD get_characteristics(cs_store *store, const void *object, struct control_io *io)
{
    const cs_restype *type = object;
    (void)store;
    return control_put_dword(io, restype_info(type->name)->characteristics);
}

static DWORD get_class_info(cs_store *store, const void *object, struct control_io *io)
{
    const cs_restype *type = object;
    (void)store;
    return restype_put_class_info(restype_info(type->name), io);
}

static DWORD get_required_dependencies(cs_store *store, const void *object, struct control_io *io)
{
    const cs_restype *type = object;
    (void)store;
    return restype_put_required_dependencies(restype_info(type->name), io);
}

static const struct control_entry codes[] =
{
    { CLUSCTL_RESOURCE_TYPE_UNKNOWN, control_none },
    { CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS, get_characteristics },
    /* No type is a core one. */
    { CLUSCTL_RESOURCE_TYPE_GET_FLAGS, control_zero },
    { CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO, get_class_info },
    { CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES, get_required_dependencies },
    PROPERTY_CODES(CLUSCTL_RESOURCE_TYPE),
    { CLUSCTL_RESOURCE_TYPE_GET_COMMON_RESOURCE_PROPERTY_FMTS, props_control },
    { CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_RESOURCE_PROPERTY_FMTS, props_control },
};

static DWORD find(cs_store *store, const char *id, void *object)
{
    return cs_restype_find(store, id, object);
}

static const struct control_class type_class = { CLUS_OBJECT_RESOURCE_TYPE, codes, ARRAY_SIZE(codes), find };

DWORD WINAPI ClusterResourceTypeControl(HCLUSTER hCluster, LPCWSTR lpszResourceTypeName, HNODE hHostNode,
                                        DWORD dwControlCode, LPVOID lpInBuffer, DWORD nInBufferSize,
                                        LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
    struct control_io io = { lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, 0 };
    char *name;
    DWORD err;

    TRACE("(%p, %s, %p, %#x, %p, %u, %p, %u, %p)\n", hCluster, debugstr_w(lpszResourceTypeName), hHostNode,
          dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if (!lpszResourceTypeName || !*lpszResourceTypeName) return ERROR_INVALID_PARAMETER;
    if (!(name = utf8_from_wide(lpszResourceTypeName))) return ERROR_NOT_ENOUGH_MEMORY;
    err = control_dispatch(&type_class, hHostNode, name, dwControlCode, &io);
    HeapFree(GetProcessHeap(), 0, name);
    return err;
}

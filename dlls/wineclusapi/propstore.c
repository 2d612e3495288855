/*
 * Where the property codes read and write values.  Until the store has the
 * cluster registry, only a resource's private properties are kept (the
 * store's property table); other values read as none stored and a SET of
 * them is refused.
 */
#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD propstore_load(cs_store *store, const struct propobj *obj, BOOL private, cs_property **arr, size_t *n)
{
    *arr = NULL;
    *n = 0;
    if (private && obj->cls == CS_CLASS_RESOURCE)
        return cs_resource_list_properties(store, ((const cs_resource *)obj->record)->id, arr, n);
    return ERROR_SUCCESS;
}

DWORD propstore_save(cs_store *store, const struct propobj *obj, BOOL private, const cs_property *arr, size_t n)
{
    const char *id;
    DWORD err = ERROR_SUCCESS;
    size_t i;

    if (!n) return ERROR_SUCCESS;
    if (!private || obj->cls != CS_CLASS_RESOURCE)
    {
        FIXME("values of %s%s are not stored yet\n", debugstr_a(obj->key), private ? "\\Parameters" : "");
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
    id = ((const cs_resource *)obj->record)->id;
    for (i = 0; i < n && !err; i++) err = cs_resource_set_property(store, id, arr[i].name, arr[i].format,
                                                                   arr[i].data, arr[i].size);
    return err;
}

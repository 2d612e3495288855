/*
 * The object a property control code names, as the store's property reader
 * (cs_propobj) sees it: CLUS_OBJECT_* kinds map to CS_CLASS_* classes.
 */
#include "props.h"

DWORD propobj_init(DWORD object_kind, const void *record, cs_propobj *obj)
{
    static const struct
    {
        DWORD kind;
        int cls;
    } classes[] =
    {
        { CLUS_OBJECT_CLUSTER, CS_CLASS_CLUSTER }, { CLUS_OBJECT_NODE, CS_CLASS_NODE },
        { CLUS_OBJECT_GROUP, CS_CLASS_GROUP }, { CLUS_OBJECT_RESOURCE, CS_CLASS_RESOURCE },
        { CLUS_OBJECT_RESOURCE_TYPE, CS_CLASS_RESTYPE }, { CLUS_OBJECT_NETWORK, CS_CLASS_NETWORK },
        { CLUS_OBJECT_NETINTERFACE, CS_CLASS_NETINTERFACE },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(classes); i++)
        if (classes[i].kind == object_kind) return cs_propobj_init(classes[i].cls, record, obj);
    return ERROR_INVALID_FUNCTION;
}

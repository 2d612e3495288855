/*
 * What the property codes see of an object: its class, its key in the
 * cluster registry, the definitions of its properties, and the values the
 * store keeps in typed columns (names, types, versions) rather than as
 * values of the key.
 */
#include <stdio.h>
#include <string.h>

#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD propobj_init(DWORD object_kind, const void *record, struct propobj *obj)
{
    memset(obj, 0, sizeof(*obj));
    obj->record = record;
    switch (object_kind)
    {
    case CLUS_OBJECT_CLUSTER:
        obj->cls = CS_CLASS_CLUSTER;
        break;
    case CLUS_OBJECT_NODE:
        obj->cls = CS_CLASS_NODE;
        snprintf(obj->key, sizeof(obj->key), "Nodes\\%u", ((const cs_node *)record)->id);
        break;
    case CLUS_OBJECT_GROUP:
        obj->cls = CS_CLASS_GROUP;
        snprintf(obj->key, sizeof(obj->key), "Groups\\%s", ((const cs_group *)record)->id);
        break;
    case CLUS_OBJECT_RESOURCE:
    {
        const cs_resource *res = record;
        obj->cls = CS_CLASS_RESOURCE;
        snprintf(obj->key, sizeof(obj->key), "Resources\\%s", res->id);
        obj->private = cs_propdefs_private(res->type, &obj->nprivate);
        obj->online = res->state == CS_RES_ONLINE;
        break;
    }
    case CLUS_OBJECT_RESOURCE_TYPE:
        obj->cls = CS_CLASS_RESTYPE;
        snprintf(obj->key, sizeof(obj->key), "ResourceTypes\\%s", ((const cs_restype *)record)->name);
        break;
    default:
        return ERROR_INVALID_FUNCTION;
    }
    obj->common = cs_propdefs_common(obj->cls, &obj->ncommon);
    return ERROR_SUCCESS;
}

static void set_text(cs_property *out, const char *text)
{
    out->format = CS_PROP_SZ;
    out->data = text;
    out->size = strlen(text) + 1;
}

static void set_dword(cs_property *out, char *scratch, DWORD value)
{
    out->format = CS_PROP_DWORD;
    memcpy(scratch, &value, sizeof(value));
    out->data = scratch;
    out->size = sizeof(value);
}

/* Every node runs the cluster's one Server 2003 build: the versions are the
 * cluster row's. */
static DWORD node_column(cs_store *store, const cs_node *node, const char *name, cs_property *out,
                         char *scratch, size_t scratch_size)
{
    cs_cluster cluster;
    DWORD err;

    if (!strcmp(name, "NodeName"))
    {
        set_text(out, node->name);
        return ERROR_SUCCESS;
    }
    if ((err = cs_cluster_get(store, &cluster))) return err;
    if (!strcmp(name, "CSDVersion"))
    {
        lstrcpynA(scratch, cluster.csd_version, scratch_size);
        set_text(out, scratch);
    }
    else if (!strcmp(name, "BuildNumber")) set_dword(out, scratch, cluster.build_number);
    else if (!strcmp(name, "MajorVersion")) set_dword(out, scratch, cluster.major_version);
    else if (!strcmp(name, "MinorVersion")) set_dword(out, scratch, cluster.minor_version);
    else if (!strcmp(name, "NodeHighestVersion")) set_dword(out, scratch, cluster.highest_version);
    else if (!strcmp(name, "NodeLowestVersion")) set_dword(out, scratch, cluster.lowest_version);
    else return ERROR_FILE_NOT_FOUND;
    return ERROR_SUCCESS;
}

DWORD propobj_column(cs_store *store, const struct propobj *obj, const cs_propdef *def, cs_property *out,
                     char *scratch, size_t scratch_size)
{
    const char *text = NULL;

    lstrcpynA(out->name, def->name, sizeof(out->name));
    switch (obj->cls)
    {
    case CS_CLASS_NODE:
        return node_column(store, obj->record, def->name, out, scratch, scratch_size);
    case CS_CLASS_GROUP:
        if (!strcmp(def->name, "Name")) text = ((const cs_group *)obj->record)->name;
        break;
    case CS_CLASS_RESOURCE:
        if (!strcmp(def->name, "Name")) text = ((const cs_resource *)obj->record)->name;
        else if (!strcmp(def->name, "Type")) text = ((const cs_resource *)obj->record)->type;
        break;
    case CS_CLASS_RESTYPE:
        if (!strcmp(def->name, "Name")) text = ((const cs_restype *)obj->record)->display_name;
        else if (!strcmp(def->name, "DllName")) text = ((const cs_restype *)obj->record)->dll_name;
        break;
    }
    if (!text)
    {
        FIXME("no column holds %s\n", debugstr_a(def->name));
        return ERROR_FILE_NOT_FOUND;
    }
    set_text(out, text);
    return ERROR_SUCCESS;
}

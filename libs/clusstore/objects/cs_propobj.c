/*
 * An object's properties as the store holds them, read alike by the DLL's
 * property control codes and by the wineclus tool: common properties are
 * values of the object's key, private ones values of its Parameters key
 * (docs/cluster-registry.md), names and versions are typed columns, and a
 * defined property not stored reads as its documented default.  Each
 * property format is kept as the registry type Windows uses for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cs_internal.h"

static const struct
{
    uint32_t format, type;
} types[] =
{
    { CS_PROP_BINARY, CS_REG_BINARY }, { CS_PROP_DWORD, CS_REG_DWORD }, { CS_PROP_SZ, CS_REG_SZ },
    { CS_PROP_EXPAND_SZ, CS_REG_EXPAND_SZ }, { CS_PROP_MULTI_SZ, CS_REG_MULTI_SZ },
    { CS_PROP_ULARGE_INTEGER, CS_REG_QWORD }, { CS_PROP_LONG, CS_REG_DWORD },
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

uint32_t cs__prop_reg_type(uint32_t format)
{
    size_t i;

    for (i = 0; i < NTYPES; i++) if (types[i].format == format) return types[i].type;
    return CS_REG_NONE;
}

uint32_t cs_propobj_init(int cls, const void *record, cs_propobj *obj)
{
    memset(obj, 0, sizeof(*obj));
    obj->cls = cls;
    obj->record = record;
    switch (cls)
    {
    case CS_CLASS_CLUSTER:
        break;
    case CS_CLASS_NODE:
        snprintf(obj->key, sizeof(obj->key), "Nodes\\%u", ((const cs_node *)record)->id);
        break;
    case CS_CLASS_GROUP:
        snprintf(obj->key, sizeof(obj->key), "Groups\\%s", ((const cs_group *)record)->id);
        break;
    case CS_CLASS_RESOURCE:
    {
        const cs_resource *res = record;
        snprintf(obj->key, sizeof(obj->key), "Resources\\%s", res->id);
        obj->private = cs_propdefs_private(res->type, &obj->nprivate);
        obj->online = res->state == CS_RES_ONLINE;
        break;
    }
    case CS_CLASS_RESTYPE:
        snprintf(obj->key, sizeof(obj->key), "ResourceTypes\\%s", ((const cs_restype *)record)->name);
        break;
    case CS_CLASS_NETWORK:
        snprintf(obj->key, sizeof(obj->key), "Networks\\%s", ((const cs_network *)record)->id);
        break;
    case CS_CLASS_NETINTERFACE:
        snprintf(obj->key, sizeof(obj->key), "NetworkInterfaces\\%s", ((const cs_netif *)record)->id);
        break;
    default:
        return CS_ERROR_INVALID_PARAMETER;
    }
    obj->common = cs_propdefs_common(cls, &obj->ncommon);
    return CS_ERROR_SUCCESS;
}

static void set_text(cs_property *out, const char *text)
{
    out->format = CS_PROP_SZ;
    out->data = text;
    out->size = strlen(text) + 1;
}

static void set_dword(cs_property *out, char *scratch, uint32_t value)
{
    out->format = CS_PROP_DWORD;
    memcpy(scratch, &value, sizeof(value));
    out->data = scratch;
    out->size = sizeof(value);
}

/* Every node runs the cluster's one Server 2003 build: the versions are the
 * cluster row's. */
static uint32_t node_column(cs_store *store, const cs_node *node, const char *name, cs_property *out,
                            char *scratch, size_t scratch_size)
{
    cs_cluster cluster;
    uint32_t err;

    if (!strcmp(name, "NodeName"))
    {
        set_text(out, node->name);
        return CS_ERROR_SUCCESS;
    }
    if ((err = cs_cluster_get(store, &cluster))) return err;
    if (!strcmp(name, "CSDVersion"))
    {
        snprintf(scratch, scratch_size, "%s", cluster.csd_version);
        set_text(out, scratch);
    }
    else if (!strcmp(name, "BuildNumber")) set_dword(out, scratch, cluster.build_number);
    else if (!strcmp(name, "MajorVersion")) set_dword(out, scratch, cluster.major_version);
    else if (!strcmp(name, "MinorVersion")) set_dword(out, scratch, cluster.minor_version);
    else if (!strcmp(name, "NodeHighestVersion")) set_dword(out, scratch, cluster.highest_version);
    else if (!strcmp(name, "NodeLowestVersion")) set_dword(out, scratch, cluster.lowest_version);
    else return CS_ERROR_FILE_NOT_FOUND;
    return CS_ERROR_SUCCESS;
}

/* An interface names its node and network by their names. */
static uint32_t netif_column(cs_store *store, const cs_netif *netif, const char *name, cs_property *out,
                             char *scratch, size_t scratch_size)
{
    cs_network net;
    cs_node node;
    uint32_t err;

    if (!strcmp(name, "Name")) set_text(out, netif->name);
    else if (!strcmp(name, "Adapter")) set_text(out, netif->adapter);
    else if (!strcmp(name, "Address")) set_text(out, netif->address);
    else if (!strcmp(name, "Node"))
    {
        if ((err = cs_node_get_by_id(store, netif->node, &node))) return err;
        snprintf(scratch, scratch_size, "%s", node.name);
        set_text(out, scratch);
    }
    else if (!strcmp(name, "Network"))
    {
        if ((err = cs_network_find(store, netif->network, &net))) return err;
        snprintf(scratch, scratch_size, "%s", net.name);
        set_text(out, scratch);
    }
    else return CS_ERROR_FILE_NOT_FOUND;
    return CS_ERROR_SUCCESS;
}

uint32_t cs_propobj_column(cs_store *store, const cs_propobj *obj, const cs_propdef *def, cs_property *out,
                           char *scratch, size_t scratch_size)
{
    const char *text = NULL;

    snprintf(out->name, sizeof(out->name), "%s", def->name);
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
    case CS_CLASS_NETWORK:
        if (!strcmp(def->name, "Name")) text = ((const cs_network *)obj->record)->name;
        else if (!strcmp(def->name, "Address")) text = ((const cs_network *)obj->record)->address;
        else if (!strcmp(def->name, "AddressMask")) text = ((const cs_network *)obj->record)->mask;
        break;
    case CS_CLASS_NETINTERFACE:
        return netif_column(store, obj->record, def->name, out, scratch, scratch_size);
    case CS_CLASS_RESTYPE:
        if (!strcmp(def->name, "Name")) text = ((const cs_restype *)obj->record)->display_name;
        else if (!strcmp(def->name, "DllName")) text = ((const cs_restype *)obj->record)->dll_name;
        break;
    }
    if (!text) return CS_ERROR_FILE_NOT_FOUND;
    set_text(out, text);
    return CS_ERROR_SUCCESS;
}

static uint32_t key_path(const cs_propobj *obj, int private, char *path, size_t size)
{
    int len = snprintf(path, size, "%s%s%s", obj->key, private && obj->key[0] ? "\\" : "",
                       private ? "Parameters" : "");
    return len < 0 || (size_t)len >= size ? CS_ERROR_INVALID_PARAMETER : CS_ERROR_SUCCESS;
}

/* A REG_DWORD is a LONG where the definition says so; a type with no
 * property format (REG_NONE, REG_LINK, ...) reads as BINARY. */
static uint32_t format_of(const cs_propobj *obj, int private, const cs_regval *v)
{
    const cs_propdef *def = private ? cs_propdef_find(obj->private, obj->nprivate, v->name)
                                    : cs_propdef_find(obj->common, obj->ncommon, v->name);
    size_t i;

    if (def && def->format == CS_PROP_LONG && v->type == CS_REG_DWORD) return CS_PROP_LONG;
    for (i = 0; i < NTYPES; i++) if (types[i].type == v->type) return types[i].format;
    return CS_PROP_BINARY;
}

uint32_t cs_propobj_load(cs_store *store, const cs_propobj *obj, int private, cs_property **arr, size_t *n)
{
    char path[CS_PATH_MAX], *data;
    cs_regval *vals;
    size_t i, count, bytes = 0;
    uint32_t err;

    *arr = NULL;
    *n = 0;
    if ((err = key_path(obj, private, path, sizeof(path)))) return err;
    /* No Parameters key yet: no private properties. */
    if ((err = cs_reg_list_values(store, path, &vals, &count)))
        return err == CS_ERROR_FILE_NOT_FOUND ? CS_ERROR_SUCCESS : err;
    for (i = 0; i < count; i++) bytes += vals[i].size + 1;
    if (!(*arr = malloc(count * sizeof(**arr) + bytes + 1)))
    {
        cs_free(vals);
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    data = (char *)(*arr + count);
    for (i = 0; i < count; i++)
    {
        snprintf((*arr)[i].name, sizeof((*arr)[i].name), "%s", vals[i].name);
        (*arr)[i].format = format_of(obj, private, &vals[i]);
        (*arr)[i].size = vals[i].size;
        (*arr)[i].data = data;
        memcpy(data, vals[i].data, vals[i].size);
        data += vals[i].size + 1;
    }
    *n = count;
    cs_free(vals);
    return CS_ERROR_SUCCESS;
}

uint32_t cs_propobj_save(cs_store *store, const cs_propobj *obj, int private, const cs_property *arr, size_t n)
{
    char path[CS_PATH_MAX];
    cs_regval *vals;
    size_t i;
    uint32_t err;

    if (!n) return CS_ERROR_SUCCESS;
    if ((err = key_path(obj, private, path, sizeof(path)))) return err;
    if (!(vals = calloc(n, sizeof(*vals)))) return CS_ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < n; i++)
    {
        snprintf(vals[i].name, sizeof(vals[i].name), "%s", arr[i].name);
        vals[i].type = cs__prop_reg_type(arr[i].format);
        vals[i].data = arr[i].data;
        vals[i].size = arr[i].size;
    }
    err = cs_reg_set_values(store, path, vals, n);
    free(vals);
    return err;
}

const cs_property *cs_property_find(const cs_property *arr, size_t n, const char *name)
{
    size_t i;

    /* Names compare as the registry's do: ASCII case-insensitive; the last one wins. */
    for (i = n; i-- > 0;) if (!strcasecmp(arr[i].name, name)) return &arr[i];
    return NULL;
}

uint32_t cs_propobj_value(cs_store *store, const cs_propobj *obj, const cs_propdef *def, const cs_property *stored,
                          size_t nstored, cs_property *out, char *scratch, size_t scratch_size, int *is_default)
{
    const cs_property *found;
    size_t size;
    uint32_t err;

    *is_default = 0;
    if (def->flags & CS_PD_COLUMN) return cs_propobj_column(store, obj, def, out, scratch, scratch_size);
    if ((found = cs_property_find(stored, nstored, def->name)))
    {
        *out = *found;
        return CS_ERROR_SUCCESS;
    }
    if ((err = cs_propdef_default(def, scratch, scratch_size, &size))) return err;
    snprintf(out->name, sizeof(out->name), "%s", def->name);
    out->format = def->format;
    out->data = scratch;
    out->size = size;
    *is_default = 1;
    return CS_ERROR_SUCCESS;
}

uint32_t cs_propobj_dword(cs_store *store, const cs_propobj *obj, const char *name, uint32_t *value)
{
    const cs_propdef *def = cs_propdef_find(obj->common, obj->ncommon, name);
    cs_property *stored, out;
    char scratch[16];
    size_t n;
    uint32_t err;
    int is_default;

    if (!def || def->format != CS_PROP_DWORD) return CS_ERROR_INVALID_PARAMETER;
    if ((err = cs_propobj_load(store, obj, 0, &stored, &n))) return err;
    err = cs_propobj_value(store, obj, def, stored, n, &out, scratch, sizeof(scratch), &is_default);
    /* A stored value of another size is no DWORD: the default holds. */
    if (!err && out.size != sizeof(*value))
        err = cs_propobj_value(store, obj, def, NULL, 0, &out, scratch, sizeof(scratch), &is_default);
    if (!err) memcpy(value, out.data, sizeof(*value));
    cs_free(stored);
    return err;
}

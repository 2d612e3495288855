/*
 * Where the property codes read and write values: the cluster registry.
 * Common properties are values of the object's key, private ones values of
 * its Parameters key (docs/cluster-registry.md); each property format is
 * kept as the registry type Windows uses for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "props.h"

static const struct
{
    uint32_t format, type;
} types[] =
{
    { CS_PROP_BINARY, CS_REG_BINARY }, { CS_PROP_DWORD, CS_REG_DWORD }, { CS_PROP_SZ, CS_REG_SZ },
    { CS_PROP_EXPAND_SZ, CS_REG_EXPAND_SZ }, { CS_PROP_MULTI_SZ, CS_REG_MULTI_SZ },
    { CS_PROP_ULARGE_INTEGER, CS_REG_QWORD }, { CS_PROP_LONG, CS_REG_DWORD },
};

static DWORD key_path(const struct propobj *obj, BOOL private, char *path, size_t size)
{
    int len = snprintf(path, size, "%s%s%s", obj->key, private && obj->key[0] ? "\\" : "",
                       private ? "Parameters" : "");
    return len < 0 || (size_t)len >= size ? ERROR_FILENAME_EXCED_RANGE : ERROR_SUCCESS;
}

/* A REG_DWORD is a LONG where the definition says so; a type with no
 * property format (REG_NONE, REG_LINK, ...) reads as BINARY. */
static uint32_t format_of(const struct propobj *obj, BOOL private, const cs_regval *v)
{
    const cs_propdef *def = private ? cs_propdef_find(obj->private, obj->nprivate, v->name)
                                    : cs_propdef_find(obj->common, obj->ncommon, v->name);
    size_t i;

    if (def && def->format == CS_PROP_LONG && v->type == CS_REG_DWORD) return CS_PROP_LONG;
    for (i = 0; i < ARRAY_SIZE(types); i++) if (types[i].type == v->type) return types[i].format;
    return CS_PROP_BINARY;
}

DWORD propstore_load(cs_store *store, const struct propobj *obj, BOOL private, cs_property **arr, size_t *n)
{
    char path[CS_PATH_MAX], *data;
    cs_regval *vals;
    size_t i, count, bytes = 0;
    DWORD err;

    *arr = NULL;
    *n = 0;
    if ((err = key_path(obj, private, path, sizeof(path)))) return err;
    /* No Parameters key yet: no private properties. */
    if ((err = cs_reg_list_values(store, path, &vals, &count))) return err == CS_ERROR_FILE_NOT_FOUND ? 0 : err;
    for (i = 0; i < count; i++) bytes += vals[i].size + 1;
    if (!(*arr = malloc(count * sizeof(**arr) + bytes + 1)))
    {
        cs_free(vals);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    data = (char *)(*arr + count);
    for (i = 0; i < count; i++)
    {
        lstrcpynA((*arr)[i].name, vals[i].name, sizeof((*arr)[i].name));
        (*arr)[i].format = format_of(obj, private, &vals[i]);
        (*arr)[i].size = vals[i].size;
        (*arr)[i].data = data;
        memcpy(data, vals[i].data, vals[i].size);
        data += vals[i].size + 1;
    }
    *n = count;
    cs_free(vals);
    return ERROR_SUCCESS;
}

DWORD propstore_save(cs_store *store, const struct propobj *obj, BOOL private, const cs_property *arr, size_t n)
{
    char path[CS_PATH_MAX];
    cs_regval *vals;
    size_t i, k;
    DWORD err;

    if (!n) return ERROR_SUCCESS;
    if ((err = key_path(obj, private, path, sizeof(path)))) return err;
    if (!(vals = calloc(n, sizeof(*vals)))) return ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < n; i++)
    {
        lstrcpynA(vals[i].name, arr[i].name, sizeof(vals[i].name));
        for (k = 0; k < ARRAY_SIZE(types); k++) if (types[k].format == arr[i].format) vals[i].type = types[k].type;
        vals[i].data = arr[i].data;
        vals[i].size = arr[i].size;
    }
    err = cs_reg_set_values(store, path, vals, n);
    free(vals);
    return err;
}

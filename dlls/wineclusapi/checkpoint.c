/*
 * Checkpoints between this node and the store.
 *
 * The store keeps each checkpoint's contents as the quorum does on Windows.
 * This node copies its registry keys and key containers into the store when a
 * checkpoint is added and before a backup (for the resources it owns), and
 * copies them back when the store holds a newer generation than the one it
 * last applied -- after a restore -- recorded per checkpoint under
 * HKLM\Software\Wine\Cluster\Applied.
 */
#include <stdio.h>
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD regckpt_save(const char *key, BYTE **data, size_t *size);
DWORD regckpt_load(const char *key, const BYTE *data, size_t size);
DWORD cryptckpt_check(const char *spec);
DWORD cryptckpt_save(const char *spec, BYTE **data, size_t *size);
DWORD cryptckpt_load(const char *spec, const BYTE *data, size_t size);

DWORD checkpoint_check_crypto(const char *spec)
{
    return cryptckpt_check(spec);
}

DWORD checkpoint_capture(cs_store *store, const char *resource, int kind, const char *key)
{
    BYTE *data;
    void *old;
    size_t size, old_size;
    DWORD err;

    err = kind == CS_CKPT_REGISTRY ? regckpt_save(key, &data, &size) : cryptckpt_save(key, &data, &size);
    if (err)
    {
        WARN("cannot read checkpoint %s of %s: error %#x\n", debugstr_a(key), resource, err);
        return err;
    }
    /* Unchanged contents are no change: no quorum log record, no rewrite. */
    if (!cs_checkpoint_get_data(store, resource, kind, key, &old, &old_size))
    {
        BOOL same = old_size == size && (!size || !memcmp(old, data, size));
        cs_free(old);
        if (same)
        {
            HeapFree(GetProcessHeap(), 0, data);
            return ERROR_SUCCESS;
        }
    }
    err = cs_checkpoint_set_data(store, resource, kind, key, data, size);
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

/* The checkpoints of the resources this node owns. */
static DWORD local_checkpoints(cs_store *store, cs_checkpoint **arr, size_t *n)
{
    uint32_t local = cs_node_local_id(store);
    size_t i, kept = 0;
    DWORD err;

    if ((err = cs_checkpoint_list(store, NULL, 0, arr, n))) return err;
    for (i = 0; i < *n; i++)
    {
        cs_resource res;
        if (!cs_resource_find(store, (*arr)[i].resource, &res) && res.owner_node == local)
            (*arr)[kept++] = (*arr)[i];
    }
    *n = kept;
    return ERROR_SUCCESS;
}

DWORD checkpoint_capture_all(cs_store *store)
{
    cs_checkpoint *arr;
    size_t i, n;
    DWORD err;

    if ((err = local_checkpoints(store, &arr, &n))) return err;
    for (i = 0; i < n && !err; i++) err = checkpoint_capture(store, arr[i].resource, arr[i].kind, arr[i].key);
    cs_free(arr);
    return err;
}

static void applied_value_name(const cs_checkpoint *ckpt, WCHAR *buf, size_t size)
{
    char name[CS_GUID_MAX + CS_PATH_MAX + 8];

    snprintf(name, sizeof(name), "%s\\%d\\%s", ckpt->resource, ckpt->kind, ckpt->key);
    MultiByteToWideChar(CP_UTF8, 0, name, -1, buf, size);
    buf[size - 1] = 0;
}

DWORD checkpoint_apply_all(cs_store *store, BOOL force)
{
    WCHAR value[CS_GUID_MAX + CS_PATH_MAX + 8];
    cs_checkpoint *arr;
    size_t i, n;
    HKEY key;
    DWORD err, first_err = ERROR_SUCCESS;

    if ((err = local_checkpoints(store, &arr, &n))) return err;
    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Wine\\Cluster\\Applied", 0, NULL, 0,
                        KEY_ALL_ACCESS, NULL, &key, NULL))
        key = NULL;
    for (i = 0; i < n; i++)
    {
        ULONGLONG applied = 0;
        DWORD size = sizeof(applied);
        void *data;
        size_t data_size;

        applied_value_name(&arr[i], value, ARRAY_SIZE(value));
        if (key) RegQueryValueExW(key, value, NULL, NULL, (BYTE *)&applied, &size);
        if (!force && arr[i].generation <= applied) continue;
        if ((err = cs_checkpoint_get_data(store, arr[i].resource, arr[i].kind, arr[i].key, &data, &data_size)))
            goto next;
        err = arr[i].kind == CS_CKPT_REGISTRY ? regckpt_load(arr[i].key, data, data_size)
                                              : cryptckpt_load(arr[i].key, data, data_size);
        cs_free(data);
        if (!err && key)
        {
            applied = arr[i].generation;
            RegSetValueExW(key, value, 0, REG_QWORD, (BYTE *)&applied, sizeof(applied));
        }
    next:
        if (err && !first_err) first_err = err;
    }
    if (key) RegCloseKey(key);
    cs_free(arr);
    return first_err;
}

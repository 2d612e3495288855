/*
 * Checkpoints between this node and the store.
 *
 * The store keeps each checkpoint's contents as the quorum does on Windows.
 * This node copies its registry keys and key containers into the store when a
 * checkpoint is added and before a backup (for the resources it owns), and
 * copies them back when the store holds a newer generation than the one it
 * last applied -- after a restore -- recorded per checkpoint under
 * HKLM\Software\Wine\Cluster\Applied.  The keeper of a node whose cluster
 * service runs also applies and saves them as the resource comes and goes
 * (ckptkeep.c).
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD regckpt_save(const char *key, BYTE **data, size_t *size);
DWORD regckpt_load(const char *key, const BYTE *data, size_t size, BOOL allow_protected);
DWORD cryptckpt_check(const char *spec);
DWORD cryptckpt_save(const char *spec, BYTE **data, size_t *size);
DWORD cryptckpt_load(const char *spec, const BYTE *data, size_t size);

DWORD checkpoint_check_crypto(const char *spec)
{
    return cryptckpt_check(spec);
}

/* Does the store hold data (digest md) already?  By the digest it keeps for
 * the contents when the listing brought one (no read of the contents), else
 * by reading them. */
static BOOL unchanged(cs_store *store, const cs_checkpoint *c, const unsigned char md[32], const BYTE *data,
                      size_t size)
{
    void *old;
    size_t old_size;
    BOOL same;

    if (c->has_sha256) return c->data_size == size && !memcmp(md, c->sha256, 32);
    if (cs_checkpoint_get_data(store, c->resource, c->kind, c->key, &old, &old_size)) return FALSE;
    same = old_size == size && (!size || !memcmp(old, data, size));
    cs_free(old);
    return same;
}

static DWORD capture(cs_store *store, const cs_checkpoint *c, uint32_t owner)
{
    unsigned char md[32];
    unsigned int len = 0;
    BYTE *data;
    size_t size;
    DWORD err;

    /* Watched before it is read: a change during the read fires the watch. */
    ckptwatch_arm(c);
    err = c->kind == CS_CKPT_REGISTRY ? regckpt_save(c->key, &data, &size) : cryptckpt_save(c->key, &data, &size);
    if (err)
    {
        WARN("cannot read checkpoint %s of %s: error %#x\n", debugstr_a(c->key), c->resource, err);
        ckptwatch_forget(c);
        return err;
    }
    if (!EVP_Digest(size ? data : (const BYTE *)"", size, md, &len, EVP_sha256(), NULL) || len != sizeof(md))
        err = ERROR_NOT_ENOUGH_MEMORY;
    /* Unchanged contents are no change: no quorum log record, no rewrite. */
    else if (!unchanged(store, c, md, data, size))
        err = cs_checkpoint_save(store, c->resource, c->kind, c->key, data, size, owner);
    HeapFree(GetProcessHeap(), 0, data);
    if (err) ckptwatch_forget(c);
    else ckptwatch_captured(c, md);
    return err;
}

DWORD checkpoint_capture(cs_store *store, const char *resource, int kind, const char *key)
{
    cs_checkpoint c;

    memset(&c, 0, sizeof(c));
    c.kind = kind;
    lstrcpynA(c.resource, resource, sizeof(c.resource));
    lstrcpynA(c.key, key, sizeof(c.key));
    return capture(store, &c, 0);
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const cs_resource *)a)->id, ((const cs_resource *)b)->id);
}

/* res sorted by id (the store lists them by name). */
static int owned_here(const cs_resource *res, size_t nres, const char *id, uint32_t local)
{
    cs_resource key;
    const cs_resource *r;

    snprintf(key.id, sizeof(key.id), "%s", id);
    r = bsearch(&key, res, nres, sizeof(*res), by_id);
    return r && r->owner_node == local;
}

/* The checkpoints of the resources this node owns.  The resources are read
 * in one go (a read per checkpoint cost a backup of 50 resources 50 round
 * trips to etcd on a store there) and looked up by id in log time: a scan
 * per checkpoint was 10^8 comparisons for 10 000 resources. */
static DWORD local_checkpoints(cs_store *store, cs_checkpoint **arr, size_t *n)
{
    uint32_t local = cs_node_local_id(store);
    cs_resource *res;
    size_t i, kept = 0, nres;
    DWORD err;

    if ((err = cs_checkpoint_list(store, NULL, 0, arr, n))) return err;
    if ((err = cs_resource_list(store, NULL, &res, &nres)))
    {
        cs_free(*arr);
        *arr = NULL;
        return err;
    }
    qsort(res, nres, sizeof(*res), by_id);
    for (i = 0; i < *n; i++)
        if (owned_here(res, nres, (*arr)[i].resource, local)) (*arr)[kept++] = (*arr)[i];
    cs_free(res);
    *n = kept;
    return ERROR_SUCCESS;
}

DWORD checkpoint_save(cs_store *store, const cs_checkpoint *c, uint32_t owner)
{
    return ckptwatch_unchanged(c) ? ERROR_SUCCESS : capture(store, c, owner);
}

DWORD checkpoint_capture_all(cs_store *store)
{
    cs_checkpoint *arr;
    size_t i, n;
    DWORD err;

    if ((err = local_checkpoints(store, &arr, &n))) return err;
    ckptwatch_poll();
    for (i = 0; i < n && !err; i++) err = checkpoint_save(store, &arr[i], 0);
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

/* Applies c if its generation is newer than the one recorded in `applied`
 * (always with force), then records it there. */
static DWORD apply_one(cs_store *store, HKEY applied, const cs_checkpoint *c, BOOL force, BOOL allow_protected)
{
    WCHAR value[CS_GUID_MAX + CS_PATH_MAX + 8];
    ULONGLONG generation = 0;
    DWORD size = sizeof(generation), err;
    void *data;
    size_t data_size;

    applied_value_name(c, value, ARRAY_SIZE(value));
    if (applied) RegQueryValueExW(applied, value, NULL, NULL, (BYTE *)&generation, &size);
    if (!force && c->generation <= generation) return ERROR_SUCCESS;
    if ((err = cs_checkpoint_get_data(store, c->resource, c->kind, c->key, &data, &data_size)))
    {
        ERR("checkpoint %s of %s cannot be read: %s (error %u)\n", debugstr_a(c->key), c->resource,
            cs_errmsg(store), err);
        return err;
    }
    err = c->kind == CS_CKPT_REGISTRY ? regckpt_load(c->key, data, data_size, allow_protected)
                                      : cryptckpt_load(c->key, data, data_size);
    cs_free(data);
    /* The key was replaced: its watch is of the old tree. */
    ckptwatch_forget(c);
    if (!err && applied)
    {
        generation = c->generation;
        RegSetValueExW(applied, value, 0, REG_QWORD, (BYTE *)&generation, sizeof(generation));
    }
    return err;
}

DWORD checkpoint_apply(cs_store *store, const cs_checkpoint *arr, size_t n, BOOL force, BOOL allow_protected)
{
    HKEY applied;
    size_t i;
    DWORD err, first_err = ERROR_SUCCESS;

    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Wine\\Cluster\\Applied", 0, NULL, 0,
                        KEY_ALL_ACCESS | REG_VIEW, NULL, &applied, NULL))
        applied = NULL;
    for (i = 0; i < n; i++)
        if ((err = apply_one(store, applied, &arr[i], force, allow_protected)) && !first_err) first_err = err;
    if (applied) RegCloseKey(applied);
    return first_err;
}

DWORD checkpoint_apply_all(cs_store *store, BOOL force, BOOL allow_protected)
{
    cs_checkpoint *arr;
    size_t n;
    DWORD err;

    if ((err = local_checkpoints(store, &arr, &n))) return err;
    err = checkpoint_apply(store, arr, n, force, allow_protected);
    cs_free(arr);
    return err;
}

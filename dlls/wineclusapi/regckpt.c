/*
 * Registry checkpoint contents: a key tree under HKEY_LOCAL_MACHINE turned
 * into a hive, as Windows' RegSaveKey writes, and back
 * (docs/checkpoint-format.md).
 *
 * Wine's RegSaveKey writes its text format (not a hive) and needs
 * SeBackupPrivilege, and RegRestoreKey is not there to read anything back:
 * the tree is read here into a WCREG1 stream, which libclusstore turns into
 * the hive, and a hive is applied through libclusstore's one reader.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static const char magic[8] = "WCREG1\n";

struct buffer
{
    BYTE *data;
    size_t size, capacity;
    BOOL failed;
};

static void put(struct buffer *buf, const void *data, size_t size)
{
    if (buf->failed) return;
    if (buf->size + size > buf->capacity)
    {
        size_t capacity = max(buf->capacity * 2, buf->size + size + 4096);
        BYTE *grown = buf->data ? HeapReAlloc(GetProcessHeap(), 0, buf->data, capacity)
                                : HeapAlloc(GetProcessHeap(), 0, capacity);
        if (!grown)
        {
            buf->failed = TRUE;
            return;
        }
        buf->data = grown;
        buf->capacity = capacity;
    }
    memcpy(buf->data + buf->size, data, size);
    buf->size += size;
}

static void put_u32(struct buffer *buf, DWORD v)
{
    put(buf, &v, sizeof(v));
}

static void put_wstr(struct buffer *buf, const WCHAR *str, DWORD len)
{
    put_u32(buf, len);
    put(buf, str, len * sizeof(WCHAR));
}

/* Depth-first: a 'K' record with the path relative to the root, then its
 * values as 'V' records, then its subkeys. */
static LSTATUS save_tree(HKEY key, WCHAR *path, DWORD path_len, struct buffer *buf)
{
    WCHAR name[256];
    DWORD max_data = 0, max_name = 0, i, len, type, size;
    BYTE *data;
    WCHAR *value_name;
    LSTATUS status;
    HKEY sub;

    put(buf, "K", 1);
    put_wstr(buf, path, path_len);
    if ((status = RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &max_name, &max_data, NULL, NULL)))
        return status;
    value_name = HeapAlloc(GetProcessHeap(), 0, (max_name + 1) * sizeof(WCHAR));
    data = HeapAlloc(GetProcessHeap(), 0, max_data + 1);
    if (!value_name || !data) status = ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; !status; i++)
    {
        len = max_name + 1;
        size = max_data;
        status = RegEnumValueW(key, i, value_name, &len, NULL, &type, data, &size);
        if (status == ERROR_NO_MORE_ITEMS) { status = ERROR_SUCCESS; break; }
        if (status) break;
        put(buf, "V", 1);
        put_wstr(buf, value_name, len);
        put_u32(buf, type);
        put_u32(buf, size);
        put(buf, data, size);
    }
    HeapFree(GetProcessHeap(), 0, value_name);
    HeapFree(GetProcessHeap(), 0, data);
    for (i = 0; !status; i++)
    {
        len = ARRAY_SIZE(name);
        status = RegEnumKeyExW(key, i, name, &len, NULL, NULL, NULL, NULL);
        if (status == ERROR_NO_MORE_ITEMS) { status = ERROR_SUCCESS; break; }
        if (status) break;
        if (path_len + 1 + len >= 32768) return ERROR_FILENAME_EXCED_RANGE;
        if (path_len) path[path_len] = '\\';
        memcpy(path + path_len + !!path_len, name, (len + 1) * sizeof(WCHAR));
        if (!(status = RegOpenKeyExW(key, name, 0, KEY_READ | REG_VIEW, &sub)))
        {
            status = save_tree(sub, path, path_len + !!path_len + len, buf);
            RegCloseKey(sub);
        }
        path[path_len] = 0;
    }
    return status;
}

/* The stream as a hive, in memory of the process heap as callers free it. */
static DWORD hive_of(const char *utf8_key, const struct buffer *buf, BYTE **data, size_t *size)
{
    char why[160], root[256];
    unsigned char *hive;
    size_t hive_size;
    DWORD status;

    if ((status = cs_reghive_from_stream(buf->data, buf->size, cs_reghive_root_name(utf8_key, root, sizeof(root)),
                                         &hive, &hive_size, why, sizeof(why))))
    {
        ERR("registry checkpoint of %s cannot be kept as a hive: %s\n", debugstr_a(utf8_key), why);
        return status;
    }
    if (!(*data = HeapAlloc(GetProcessHeap(), 0, hive_size ? hive_size : 1))) status = ERROR_NOT_ENOUGH_MEMORY;
    else
    {
        memcpy(*data, hive, hive_size);
        *size = hive_size;
    }
    cs_free(hive);
    return status;
}

DWORD regckpt_save(const char *utf8_key, BYTE **data, size_t *size)
{
    struct buffer buf = { 0 };
    WCHAR *key_name, *path;
    LSTATUS status;
    HKEY key;

    *data = NULL;
    *size = 0;
    if (!(key_name = wide_from_utf8(utf8_key))) return ERROR_NOT_ENOUGH_MEMORY;
    status = RegOpenKeyExW(HKEY_LOCAL_MACHINE, key_name, 0, KEY_READ | REG_VIEW, &key);
    HeapFree(GetProcessHeap(), 0, key_name);
    /* A key that does not exist checkpoints as nothing. */
    if (status == ERROR_FILE_NOT_FOUND) return ERROR_SUCCESS;
    if (status) return status;
    if (!(path = HeapAlloc(GetProcessHeap(), 0, 32768 * sizeof(WCHAR))))
    {
        RegCloseKey(key);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    path[0] = 0;
    put(&buf, magic, sizeof(magic));
    status = save_tree(key, path, 0, &buf);
    put(&buf, "E", 1);
    RegCloseKey(key);
    HeapFree(GetProcessHeap(), 0, path);
    if (!status && buf.failed) status = ERROR_NOT_ENOUGH_MEMORY;
    if (status)
    {
        HeapFree(GetProcessHeap(), 0, buf.data);
        return status;
    }
    status = hive_of(utf8_key, &buf, data, size);
    HeapFree(GetProcessHeap(), 0, buf.data);
    return status;
}

/* The tree is built beside the key and swapped in by renames (Wine 8 has a
 * working RegRenameKey; a rename keeps the subtree): a failure while it is
 * built leaves the key as it was.  Not atomic: for a moment between the two
 * renames the key is missing, and a crash there leaves it under the OLD name
 * until the next apply puts it back (docs/checkpoint-format.md). */
#define STAGING L".wineclus-new"
#define OLD     L".wineclus-old"

struct apply
{
    HKEY root, cur;
    WCHAR *buf;     /* a record's name, NUL-terminated */
};

static const WCHAR *terminated(struct apply *ap, const cs_regrec *rec)
{
    memcpy(ap->buf, rec->name, rec->name_len * sizeof(WCHAR));
    ap->buf[rec->name_len] = 0;
    return ap->buf;
}

static uint32_t apply_record(void *ctx, const cs_regrec *rec)
{
    struct apply *ap = ctx;

    if (rec->tag == 'V')
        return RegSetValueExW(ap->cur, terminated(ap, rec), 0, rec->type, rec->data, rec->size);
    if (ap->cur != ap->root) RegCloseKey(ap->cur);
    ap->cur = ap->root;
    if (!rec->name_len) return ERROR_SUCCESS;
    return RegCreateKeyExW(ap->root, terminated(ap, rec), 0, NULL, 0, KEY_ALL_ACCESS | REG_VIEW, NULL, &ap->cur, NULL);
}

/* Deletes and renames go through a handle of the key itself: given a parent
 * and a name, Wine would look the name up in the caller's own view. */
static LSTATUS remove_tree(HKEY parent, const WCHAR *name)
{
    LSTATUS status;
    HKEY key;

    status = RegOpenKeyExW(parent, name, 0, KEY_ALL_ACCESS | REG_VIEW, &key);
    if (!status)
    {
        status = RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
    }
    if (!status) status = RegDeleteKeyExW(parent, name, REG_VIEW, 0);
    return status == ERROR_FILE_NOT_FOUND ? ERROR_SUCCESS : status;
}

static LSTATUS rename_key(HKEY parent, const WCHAR *from, const WCHAR *to)
{
    LSTATUS status;
    HKEY key;

    if ((status = RegOpenKeyExW(parent, from, 0, KEY_WRITE | REG_VIEW, &key))) return status;
    status = RegRenameKey(key, NULL, to);
    RegCloseKey(key);
    return status;
}

static BOOL key_exists(HKEY parent, const WCHAR *name)
{
    HKEY key;

    if (RegOpenKeyExW(parent, name, 0, KEY_READ | REG_VIEW, &key)) return FALSE;
    RegCloseKey(key);
    return TRUE;
}

/* What a crash in an earlier apply left: a half-built tree goes; a key
 * moved aside is put back if the new one never took its place. */
static LSTATUS recover(HKEY parent, const WCHAR *leaf, const WCHAR *staging, const WCHAR *old)
{
    LSTATUS status;

    if (key_exists(parent, old))
    {
        if (!key_exists(parent, leaf)) status = rename_key(parent, old, leaf);
        else status = remove_tree(parent, old);
        if (status) return status;
    }
    return remove_tree(parent, staging);
}

/* Build the stream's tree as parent\staging. */
static LSTATUS build(HKEY parent, const WCHAR *staging, const BYTE *data, size_t size)
{
    struct apply ap = { NULL, NULL, NULL };
    LSTATUS status;

    if (!(ap.buf = HeapAlloc(GetProcessHeap(), 0, 32768 * sizeof(WCHAR)))) return ERROR_NOT_ENOUGH_MEMORY;
    status = RegCreateKeyExW(parent, staging, 0, NULL, 0, KEY_ALL_ACCESS | REG_VIEW, NULL, &ap.root, NULL);
    if (!status)
    {
        ap.cur = ap.root;
        status = cs_reghive_walk(data, size, apply_record, &ap, NULL, 0);
        if (ap.cur != ap.root) RegCloseKey(ap.cur);
        RegCloseKey(ap.root);
    }
    HeapFree(GetProcessHeap(), 0, ap.buf);
    return status;
}

/* Put parent\staging in the place of parent\leaf. */
static LSTATUS swap(HKEY parent, const WCHAR *leaf, const WCHAR *staging, const WCHAR *old)
{
    BOOL had = key_exists(parent, leaf);
    LSTATUS status;

    if (had && (status = rename_key(parent, leaf, old))) return status;
    if ((status = rename_key(parent, staging, leaf)))
    {
        if (had) rename_key(parent, old, leaf);
        return status;
    }
    /* Left behind, the old tree is removed by the next apply. */
    if (had && (status = remove_tree(parent, old)))
        WARN("old tree %s left behind: error %d\n", debugstr_w(old), (int)status);
    return ERROR_SUCCESS;
}

/* key_name split at its last name: *leaf points into it, which is cut there. */
static LSTATUS open_parent(WCHAR *key_name, WCHAR **leaf, HKEY *parent)
{
    WCHAR *end = key_name + lstrlenW(key_name), *sep;

    while (end > key_name && end[-1] == '\\') *--end = 0;
    for (sep = end; sep > key_name && sep[-1] != '\\'; sep--) ;
    *leaf = sep;
    if (sep == key_name || !*sep)
    {
        *parent = HKEY_LOCAL_MACHINE;
        return *sep ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
    }
    sep[-1] = 0;
    return RegCreateKeyExW(HKEY_LOCAL_MACHINE, key_name, 0, NULL, 0, KEY_ALL_ACCESS | REG_VIEW, NULL, parent, NULL);
}

DWORD regckpt_load(const char *utf8_key, const BYTE *data, size_t size, BOOL allow_protected)
{
    WCHAR *key_name, *leaf, *staging = NULL, *old = NULL;
    char why[160];
    HKEY parent = NULL;
    LSTATUS status;
    size_t len;

    /* The key did not exist when it was taken: nothing to apply. */
    if (!size) return ERROR_SUCCESS;
    if (!allow_protected && cs_regkey_is_protected(utf8_key))
    {
        ERR("registry checkpoint of %s not applied: Windows or Wine owns that key, and the restore was not forced\n",
            debugstr_a(utf8_key));
        return ERROR_ACCESS_DENIED;
    }
    /* Whole and valid before anything of the key is touched. */
    if ((status = cs_reghive_walk(data, size, NULL, NULL, why, sizeof(why))))
    {
        ERR("registry checkpoint of %s not applied: %s\n", debugstr_a(utf8_key), why);
        return status;
    }
    if (!(key_name = wide_from_utf8(utf8_key))) return ERROR_NOT_ENOUGH_MEMORY;
    status = open_parent(key_name, &leaf, &parent);
    len = lstrlenW(leaf) + ARRAY_SIZE(STAGING);
    if (!status && (!(staging = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR))) ||
                    !(old = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))))
        status = ERROR_NOT_ENOUGH_MEMORY;
    if (!status)
    {
        lstrcpyW(staging, leaf);
        lstrcatW(staging, STAGING);
        lstrcpyW(old, leaf);
        lstrcatW(old, OLD);
        if (!(status = recover(parent, leaf, staging, old)) && !(status = build(parent, staging, data, size)))
            status = swap(parent, leaf, staging, old);
        /* Whatever failed, the key is as it was and nothing half-built stays. */
        if (status) remove_tree(parent, staging);
    }
    if (parent && parent != HKEY_LOCAL_MACHINE) RegCloseKey(parent);
    HeapFree(GetProcessHeap(), 0, old);
    HeapFree(GetProcessHeap(), 0, staging);
    HeapFree(GetProcessHeap(), 0, key_name);
    if (status) ERR("registry checkpoint of %s could not be applied: error %d\n", debugstr_a(utf8_key), (int)status);
    return status;
}

/*
 * Registry checkpoint contents: a key tree under HKEY_LOCAL_MACHINE turned
 * into a byte stream and back (format: docs/checkpoint-format.md).
 *
 * We write our own format because Wine's RegSaveKey writes its text format
 * (not a hive) and needs SeBackupPrivilege, and RegRestoreKey is not there
 * to read anything back.
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
        if (!(status = RegOpenKeyExW(key, name, 0, KEY_READ, &sub)))
        {
            status = save_tree(sub, path, path_len + !!path_len + len, buf);
            RegCloseKey(sub);
        }
        path[path_len] = 0;
    }
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
    status = RegOpenKeyExW(HKEY_LOCAL_MACHINE, key_name, 0, KEY_READ, &key);
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
    *data = buf.data;
    *size = buf.size;
    return ERROR_SUCCESS;
}

struct reader
{
    const BYTE *data;
    size_t size, pos;
};

static BOOL get(struct reader *rd, void *out, size_t size)
{
    if (rd->size - rd->pos < size) return FALSE;
    memcpy(out, rd->data + rd->pos, size);
    rd->pos += size;
    return TRUE;
}

/* A counted UTF-16 string, NUL-terminated into a fresh allocation. */
static WCHAR *get_wstr(struct reader *rd, DWORD max_len)
{
    DWORD len;
    WCHAR *str;

    if (!get(rd, &len, sizeof(len)) || len > max_len || rd->size - rd->pos < (size_t)len * sizeof(WCHAR))
        return NULL;
    if (!(str = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR)))) return NULL;
    get(rd, str, len * sizeof(WCHAR));
    str[len] = 0;
    return str;
}

/* A relative path that cannot climb out of the checkpointed key. */
static BOOL path_is_inside(const WCHAR *path)
{
    const WCHAR *p = path;

    if (path[0] == '\\') return FALSE;
    while (*p)
    {
        const WCHAR *end = p;
        while (*end && *end != '\\') end++;
        if (end == p) return FALSE;
        p = *end ? end + 1 : end;
    }
    return TRUE;
}

DWORD regckpt_load(const char *utf8_key, const BYTE *data, size_t size)
{
    struct reader rd = { data, size, 0 };
    char head[sizeof(magic)];
    HKEY root = NULL, cur = NULL;
    WCHAR *key_name, *str;
    DWORD type, len;
    BYTE tag;
    LSTATUS status = ERROR_SUCCESS;

    if (!size) return ERROR_SUCCESS;
    if (!get(&rd, head, sizeof(head)) || memcmp(head, magic, sizeof(magic))) return ERROR_INVALID_DATA;
    if (!(key_name = wide_from_utf8(utf8_key))) return ERROR_NOT_ENOUGH_MEMORY;
    /* The checkpoint wins over whatever changed while it was not applied. */
    status = RegDeleteTreeW(HKEY_LOCAL_MACHINE, key_name);
    if (status == ERROR_FILE_NOT_FOUND) status = ERROR_SUCCESS;
    if (!status) status = RegCreateKeyExW(HKEY_LOCAL_MACHINE, key_name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &root, NULL);
    HeapFree(GetProcessHeap(), 0, key_name);
    while (!status)
    {
        if (!get(&rd, &tag, 1)) { status = ERROR_INVALID_DATA; break; }
        if (tag == 'E') break;
        if (tag == 'K')
        {
            if (!(str = get_wstr(&rd, 32767))) { status = ERROR_INVALID_DATA; break; }
            if (cur && cur != root) RegCloseKey(cur);
            cur = NULL;
            if (!str[0]) cur = root;
            else if (!path_is_inside(str)) status = ERROR_INVALID_DATA;
            else status = RegCreateKeyExW(root, str, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &cur, NULL);
            HeapFree(GetProcessHeap(), 0, str);
        }
        else if (tag == 'V' && cur)
        {
            BYTE *value;

            if (!(str = get_wstr(&rd, 16383))) { status = ERROR_INVALID_DATA; break; }
            if (!get(&rd, &type, sizeof(type)) || !get(&rd, &len, sizeof(len)) || rd.size - rd.pos < len)
                status = ERROR_INVALID_DATA;
            else
            {
                value = (BYTE *)rd.data + rd.pos;
                rd.pos += len;
                status = RegSetValueExW(cur, str, 0, type, value, len);
            }
            HeapFree(GetProcessHeap(), 0, str);
        }
        else status = ERROR_INVALID_DATA;
    }
    if (cur && cur != root) RegCloseKey(cur);
    if (root) RegCloseKey(root);
    if (status) ERR("registry checkpoint of %s could not be applied: error %d\n", debugstr_a(utf8_key), (int)status);
    return status;
}

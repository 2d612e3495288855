/*
 * The cluster registry: values and key information.  The store keeps the
 * string types as UTF-8; callers see UTF-16, and every size they are told
 * is in UTF-16 bytes.
 */
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static BOOL is_string(DWORD type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

DWORD clusreg_to_wire(DWORD type, const void *data, size_t size, BYTE **out, DWORD *out_size)
{
    int chars = is_string(type) && size ? MultiByteToWideChar(CP_UTF8, 0, data, size, NULL, 0) : 0;
    size_t bytes = is_string(type) ? chars * sizeof(WCHAR) : size;

    if (bytes > CS_REG_DATA_MAX * 2u) return ERROR_INVALID_DATA;
    if (!(*out = HeapAlloc(GetProcessHeap(), 0, bytes + 1))) return ERROR_NOT_ENOUGH_MEMORY;
    if (is_string(type)) MultiByteToWideChar(CP_UTF8, 0, data, size, (WCHAR *)*out, chars);
    else if (size) memcpy(*out, data, size);
    *out_size = bytes;
    return ERROR_SUCCESS;
}

/* Strings as the store keeps them: each UTF-16 unit of the data converted
 * (an odd last byte cannot be one and is dropped). */
static DWORD from_wire(DWORD type, const BYTE *data, DWORD size, char **out, size_t *out_size)
{
    int len = is_string(type) && size > 1
              ? WideCharToMultiByte(CP_UTF8, 0, (const WCHAR *)data, size / 2, NULL, 0, NULL, NULL) : 0;
    size_t bytes = is_string(type) ? (size_t)len : size;

    if (!(*out = HeapAlloc(GetProcessHeap(), 0, bytes + 1))) return ERROR_NOT_ENOUGH_MEMORY;
    if (is_string(type)) WideCharToMultiByte(CP_UTF8, 0, (const WCHAR *)data, size / 2, *out, len, NULL, NULL);
    else if (size) memcpy(*out, data, size);
    *out_size = bytes;
    return ERROR_SUCCESS;
}

/* The registry's output convention: no buffer asks for the size, a small
 * one gets ERROR_MORE_DATA with the size needed. */
static DWORD data_out(const BYTE *wire, DWORD size, BYTE *buf, DWORD *cb)
{
    DWORD err = ERROR_SUCCESS;

    if (!cb) return buf ? ERROR_INVALID_PARAMETER : ERROR_SUCCESS;
    if (buf && *cb < size) err = ERROR_MORE_DATA;
    else if (buf) memcpy(buf, wire, size);
    *cb = size;
    return err;
}

static DWORD name_utf8(const WCHAR *name, char **out)
{
    *out = utf8_from_wide(name ? name : L"");
    return *out ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
}

DWORD WINAPI ClusterRegSetValue(HKEY hKey, LPCWSTR lpszValueName, DWORD dwType, const BYTE *lpData, DWORD cbData)
{
    char path[CS_PATH_MAX], *name = NULL, *data = NULL;
    cs_store *store;
    size_t size = 0;
    DWORD err;

    TRACE("(%p, %s, %u, %p, %u)\n", hKey, debugstr_w(lpszValueName), dwType, lpData, cbData);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!lpData && cbData) return ERROR_INVALID_PARAMETER;
    if (!(err = name_utf8(lpszValueName, &name)) && !(err = from_wire(dwType, lpData, cbData, &data, &size)) &&
        (store = session_enter(&err)))
    {
        err = cs_reg_set_value(store, path, name, dwType, data, size);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, name);
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

DWORD WINAPI ClusterRegDeleteValue(HKEY hKey, LPCWSTR lpszValueName)
{
    char path[CS_PATH_MAX], *name = NULL;
    cs_store *store;
    DWORD err;

    TRACE("(%p, %s)\n", hKey, debugstr_w(lpszValueName));
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!(err = name_utf8(lpszValueName, &name)) && (store = session_enter(&err)))
    {
        err = cs_reg_delete_value(store, path, name);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, name);
    return err;
}

LONG WINAPI ClusterRegQueryValue(HKEY hKey, LPCWSTR lpszValueName, LPDWORD lpdwValueType, LPBYTE lpData,
                                 LPDWORD lpcbData)
{
    char path[CS_PATH_MAX], *name = NULL;
    BYTE *wire = NULL;
    cs_store *store;
    uint32_t type = 0;
    DWORD err, size = 0;
    size_t stored = 0;
    void *data = NULL;

    TRACE("(%p, %s, %p, %p, %p)\n", hKey, debugstr_w(lpszValueName), lpdwValueType, lpData, lpcbData);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (lpData && !lpcbData) return ERROR_INVALID_PARAMETER;
    if (!(err = name_utf8(lpszValueName, &name)) && (store = session_enter(&err)))
    {
        err = cs_reg_get_value(store, path, name, &type, &data, &stored);
        session_leave();
    }
    if (!err) err = clusreg_to_wire(type, data, stored, &wire, &size);
    if (!err)
    {
        if (lpdwValueType) *lpdwValueType = type;
        err = data_out(wire, size, lpData, lpcbData);
    }
    HeapFree(GetProcessHeap(), 0, name);
    HeapFree(GetProcessHeap(), 0, wire);
    cs_free(data);
    return err;
}

DWORD WINAPI ClusterRegEnumValue(HKEY hKey, DWORD dwIndex, LPWSTR lpszValueName, LPDWORD lpcchValueName,
                                 LPDWORD lpdwType, LPBYTE lpData, LPDWORD lpcbData)
{
    char path[CS_PATH_MAX];
    BYTE *wire = NULL;
    void *data = NULL;
    DWORD err, size = 0, name_err;
    cs_store *store;
    cs_regval val;

    TRACE("(%p, %u, %p, %p, %p, %p, %p)\n", hKey, dwIndex, lpszValueName, lpcchValueName, lpdwType, lpData,
          lpcbData);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!lpcchValueName || (lpData && !lpcbData)) return ERROR_INVALID_PARAMETER;
    if (!(store = session_enter(&err))) return err;
    err = regcache_value(store, path, dwIndex, &val, &data);
    session_leave();
    if (!err && !(err = clusreg_to_wire(val.type, val.data, val.size, &wire, &size)))
    {
        /* Both outputs are filled in as far as they go; either too small is MORE_DATA. */
        name_err = copy_name_out(val.name, lpszValueName, lpcchValueName);
        if (lpdwType) *lpdwType = val.type;
        err = data_out(wire, size, lpData, lpcbData);
        if (name_err) err = name_err;
    }
    HeapFree(GetProcessHeap(), 0, wire);
    HeapFree(GetProcessHeap(), 0, data);
    return err;
}

static DWORD wide_len(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    return n > 0 ? n - 1 : 0;
}

LONG WINAPI ClusterRegQueryInfoKey(HKEY hKey, LPDWORD lpcSubKeys, LPDWORD lpcchMaxSubKeyLen, LPDWORD lpcValues,
                                   LPDWORD lpcchMaxValueNameLen, LPDWORD lpcbMaxValueLen,
                                   LPDWORD lpcbSecurityDescriptor, PFILETIME lpftLastWriteTime)
{
    char path[CS_PATH_MAX];
    cs_regkey_name *keys = NULL;
    cs_regval *vals = NULL;
    DWORD err, max_key = 0, max_name = 0, max_data = 0, sd_size = 0;
    cs_store *store;
    size_t nk = 0, nv = 0, i;

    TRACE("(%p, %p, %p, %p, %p, %p, %p, %p)\n", hKey, lpcSubKeys, lpcchMaxSubKeyLen, lpcValues,
          lpcchMaxValueNameLen, lpcbMaxValueLen, lpcbSecurityDescriptor, lpftLastWriteTime);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!(store = session_enter(&err))) return err;
    err = cs_reg_list_keys(store, path, &keys, &nk);
    if (!err) err = cs_reg_list_values(store, path, &vals, &nv);
    session_leave();
    if (!err && lpcbSecurityDescriptor) err = clusreg_security_size(hKey, &sd_size);
    for (i = 0; !err && i < nk; i++) max_key = max(max_key, wide_len(keys[i].name));
    for (i = 0; !err && i < nv; i++)
    {
        BYTE *wire;
        DWORD size;
        max_name = max(max_name, wide_len(vals[i].name));
        if ((err = clusreg_to_wire(vals[i].type, vals[i].data, vals[i].size, &wire, &size))) break;
        HeapFree(GetProcessHeap(), 0, wire);
        max_data = max(max_data, size);
    }
    if (!err)
    {
        if (lpcSubKeys) *lpcSubKeys = nk;
        if (lpcchMaxSubKeyLen) *lpcchMaxSubKeyLen = max_key;
        if (lpcValues) *lpcValues = nv;
        if (lpcchMaxValueNameLen) *lpcchMaxValueNameLen = max_name;
        if (lpcbMaxValueLen) *lpcbMaxValueLen = max_data;
        if (lpcbSecurityDescriptor) *lpcbSecurityDescriptor = sd_size;
        if (lpftLastWriteTime) memset(lpftLastWriteTime, 0, sizeof(*lpftLastWriteTime));
    }
    cs_free(keys);
    cs_free(vals);
    return err;
}

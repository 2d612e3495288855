/*
 * Strings between the Win32 side (UTF-16) and the store (UTF-8), and the
 * ClusAPI output-buffer convention used by every name-returning call: the
 * count goes in with room for the NUL and comes out without it, and a buffer
 * too small (or absent) gets ERROR_MORE_DATA with the length needed.
 */
#include "clusapi_private.h"

char *utf8_from_wide(const WCHAR *str)
{
    int len = WideCharToMultiByte(CP_UTF8, 0, str, -1, NULL, 0, NULL, NULL);
    char *ret;

    if (len <= 0 || !(ret = HeapAlloc(GetProcessHeap(), 0, len))) return NULL;
    WideCharToMultiByte(CP_UTF8, 0, str, -1, ret, len, NULL, NULL);
    return ret;
}

WCHAR *wide_from_utf8(const char *str)
{
    int len = MultiByteToWideChar(CP_UTF8, 0, str, -1, NULL, 0);
    WCHAR *ret;

    if (len <= 0 || !(ret = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))) return NULL;
    MultiByteToWideChar(CP_UTF8, 0, str, -1, ret, len);
    return ret;
}

DWORD wide_name_out(const WCHAR *name, WCHAR *buf, DWORD *cch)
{
    DWORD len = lstrlenW(name);

    if (!buf || *cch <= len)
    {
        *cch = len;
        return ERROR_MORE_DATA;
    }
    memcpy(buf, name, (len + 1) * sizeof(WCHAR));
    *cch = len;
    return ERROR_SUCCESS;
}

DWORD copy_name_out(const char *utf8, WCHAR *buf, DWORD *cch)
{
    WCHAR *name = wide_from_utf8(utf8);
    DWORD ret;

    if (!name) return ERROR_NOT_ENOUGH_MEMORY;
    ret = wide_name_out(name, buf, cch);
    HeapFree(GetProcessHeap(), 0, name);
    return ret;
}

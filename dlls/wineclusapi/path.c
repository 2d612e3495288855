/*
 * Backup folder paths, as the calling node's prefix sees them: a drive path
 * or a UNC path (which Wine maps through dosdevices/unc), normalised the way
 * Windows does (GetFullPathName: "..", "/", trailing dots and spaces), then
 * turned into the host path the backup writer works on.  Whether the folder
 * exists, is a folder and is writable is the writer's rule, in one place.
 */
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

/* The host libc's wide functions are for 32-bit wchar_t, not WCHAR. */
static BOOL starts_with(const WCHAR *str, const WCHAR *prefix)
{
    while (*prefix && *str == *prefix) { str++; prefix++; }
    return !*prefix;
}

static BOOL is_drive_path(const WCHAR *p)
{
    return ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z' && p[1] == ':' && (p[2] == '\\' || p[2] == '/'));
}

static BOOL is_unc_path(const WCHAR *p)
{
    return (p[0] == '\\' || p[0] == '/') && (p[1] == '\\' || p[1] == '/') && p[2] && p[2] != '?' && p[2] != '.';
}

DWORD path_to_host_dir(const WCHAR *path, char **host_path)
{
    WCHAR *plain, *full = NULL;
    DWORD len, err = ERROR_SUCCESS;

    *host_path = NULL;
    if (!path || !*path) return ERROR_INVALID_PARAMETER;
    if (!(plain = HeapAlloc(GetProcessHeap(), 0, (lstrlenW(path) + 1) * sizeof(WCHAR))))
        return ERROR_NOT_ENOUGH_MEMORY;
    /* "\\?\C:\dir" and "\\?\UNC\server\share" are long forms of the plain paths. */
    if (starts_with(path, L"\\\\?\\UNC\\"))
    {
        lstrcpyW(plain, L"\\\\");
        lstrcatW(plain, path + 8);
    }
    else lstrcpyW(plain, starts_with(path, L"\\\\?\\") ? path + 4 : path);

    /* Only absolute folders: no device namespace, and nothing relative to a
     * current directory that the quorum owner's cluster service does not share. */
    if (!is_drive_path(plain) && !is_unc_path(plain)) err = ERROR_INVALID_NAME;
    else if (!(len = GetFullPathNameW(plain, 0, NULL, NULL))) err = GetLastError();
    else if (len > 32767) err = ERROR_FILENAME_EXCED_RANGE;
    else if (!(full = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR)))) err = ERROR_NOT_ENOUGH_MEMORY;
    else if (!GetFullPathNameW(plain, len, full, NULL)) err = GetLastError();
    /* Reserved device names (CON, NUL, ...) come back in the device namespace. */
    else if (starts_with(full, L"\\\\.\\")) err = ERROR_INVALID_NAME;
    else if (!(*host_path = wine_get_unix_file_name(full))) err = ERROR_PATH_NOT_FOUND;
    TRACE("%s -> %s -> %s\n", debugstr_w(path), debugstr_w(full), debugstr_a(*host_path));
    HeapFree(GetProcessHeap(), 0, plain);
    HeapFree(GetProcessHeap(), 0, full);
    return err;
}

/*
 * ResUtilCreateDirectoryTree: every missing folder of a path, outermost
 * first.  Folders that exist already are fine, the last one included: the
 * caller wants the path to be there.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

static BOOL is_separator(WCHAR c)
{
    return c == '\\' || c == '/';
}

static BOOL is_unc_prefix(const WCHAR *p)
{
    return (p[0] == 'U' || p[0] == 'u') && (p[1] == 'N' || p[1] == 'n') && (p[2] == 'C' || p[2] == 'c') &&
           p[3] == '\\';
}

/* Where the folders to create begin: past "X:\", "\\server\share\" or
 * their "\\?\" forms. */
static size_t root_length(const WCHAR *path)
{
    size_t i = 0;
    int parts = 0;

    if (path[0] == '\\' && path[1] == '\\' && path[2] == '?' && path[3] == '\\')
    {
        i = 4;
        if (is_unc_prefix(path + i))
        {
            i += 4;
            parts = 2;
        }
        else if (path[i] && path[i + 1] == ':') i += 2;
    }
    else if (is_separator(path[0]) && is_separator(path[1]))
    {
        i = 2;
        parts = 2;
    }
    else if (path[0] && path[1] == ':') i = 2;
    /* A UNC path's server and share are not folders to create. */
    while (parts--)
    {
        while (path[i] && !is_separator(path[i])) i++;
        if (parts && path[i]) i++;
    }
    if (is_separator(path[i])) i++;
    return i;
}

static BOOL folder_exists(const WCHAR *path)
{
    DWORD attrs = GetFileAttributesW(path);

    return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY);
}

DWORD WINAPI ResUtilCreateDirectoryTree(LPCWSTR pszPath)
{
    size_t len, i;
    WCHAR *copy;
    DWORD err = ERROR_SUCCESS;

    TRACE("(%s)\n", debugstr_w(pszPath));

    if (!pszPath || !*pszPath) return ERROR_INVALID_PARAMETER;
    len = lstrlenW(pszPath);
    if (!(copy = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR)))) return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(copy, pszPath, (len + 1) * sizeof(WCHAR));
    for (i = root_length(copy); i <= len && !err; i++)
    {
        WCHAR c = copy[i];

        if (c && !is_separator(c)) continue;
        if (i && !is_separator(copy[i - 1]) && copy[i - 1] != ':')
        {
            copy[i] = 0;
            if (!CreateDirectoryW(copy, NULL) &&
                ((err = GetLastError()) == ERROR_ALREADY_EXISTS && folder_exists(copy)))
                err = ERROR_SUCCESS;
            copy[i] = c;
        }
    }
    HeapFree(GetProcessHeap(), 0, copy);
    return err;
}

/*
 * resutils path helpers: ResUtilIsPathValid and ResUtilExpandEnvironmentStrings.
 *
 * Microsoft documents ResUtilIsPathValid only as "checks whether a path is
 * syntactically valid"; it does not check that the path exists.  Its callers
 * on Server 2003 are backup agents and admin tools that check a folder before
 * handing it to BackupClusterDatabase or RestoreClusterDatabase, so "valid"
 * here means: a path that those functions can use, i.e. an absolute drive or
 * UNC path, in plain Win32 form or in the \\?\ long form, whose every name is
 * one the file system will create under that very name.  docs/resutils.md
 * lists every rule and which of them Windows' own answers are not known for.
 */

#include <stdarg.h>

#include "windef.h"
#include "winbase.h"
#include "winerror.h"
#include "resapi.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* The NT path behind a \\?\ path is a UNICODE_STRING: its byte length is a
 * USHORT, so 32767 characters at most. */
#define LONG_PATH_MAX 32767

/* ExpandEnvironmentStrings' results, terminating null included, must stay
 * below this. */
#define EXPAND_MAX 32767

/* NTFS and FAT32 stop at 255 characters a name. */
#define COMPONENT_MAX 255

static BOOL is_separator(WCHAR c, BOOL raw)
{
    /* \\?\ paths reach the file system unparsed, and "/" means nothing there. */
    return c == '\\' || (!raw && c == '/');
}

static BOOL is_letter(WCHAR c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static WCHAR ascii_upper(WCHAR c)
{
    return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

/* Case-insensitive, ASCII only: the names compared against are all ASCII. */
static BOOL name_equals(const WCHAR *name, size_t len, const char *ascii)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!ascii[i] || ascii_upper(name[i]) != (WCHAR)ascii[i]) return FALSE;
    return !ascii[i];
}

/* Win32 turns such a name into the device itself wherever it appears, with any
 * extension ("NUL.txt") and with trailing spaces ("CON .log"), so a folder of
 * that name can be neither created nor reached by ordinary means. */
static BOOL is_device_name(const WCHAR *name, size_t len)
{
    static const char * const devices[] = { "CON", "PRN", "AUX", "NUL" };
    size_t base = 0, i;

    while (base < len && name[base] != '.') base++;
    while (base && name[base - 1] == ' ') base--;

    for (i = 0; i < ARRAY_SIZE(devices); i++)
        if (name_equals(name, base, devices[i])) return TRUE;
    /* COM1-COM9 and LPT1-LPT9; COM0, LPT0 and COM10 are ordinary names. */
    return base == 4 && (name_equals(name, 3, "COM") || name_equals(name, 3, "LPT")) &&
           name[3] >= '1' && name[3] <= '9';
}

/* One file or folder name, neither empty nor "." nor "..". */
static BOOL is_valid_name(const WCHAR *name, size_t len)
{
    size_t i;

    if (len > COMPONENT_MAX) return FALSE;
    for (i = 0; i < len; i++)
    {
        WCHAR c = name[i];

        /* A colon inside a name would select an NTFS stream, not a folder. */
        if (c < 0x20 || c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*')
            return FALSE;
    }
    /* Win32 silently drops trailing dots and spaces, so the folder written to
     * would not be the one named; under \\?\ they stay, and make names that
     * Explorer and most tools cannot open, copy or delete. */
    if (name[len - 1] == '.' || name[len - 1] == ' ') return FALSE;
    return !is_device_name(name, len);
}

/* Checks everything after the root ("C:\", "\\" or "\\?\UNC\").  A UNC path
 * needs a server and a share before its folders, and ".." may not climb
 * above the share or the drive's root: Win32 would quietly stay at the root
 * of a drive but would eat the share of a UNC path. */
static BOOL are_valid_components(const WCHAR *p, BOOL raw, unsigned int required)
{
    unsigned int count = 0, depth = 0;

    for (;;)
    {
        const WCHAR *name = p;
        size_t len;

        while (*p && !is_separator(*p, raw)) p++;
        len = p - name;

        if (count < required)
        {
            if (!len || (len <= 2 && name[0] == '.' && name[len - 1] == '.') || !is_valid_name(name, len))
                return FALSE;
            count++;
        }
        /* Win32 merges repeated separators; the file system behind \\?\ would
         * see an empty name in the middle of the path, which it refuses. */
        else if (!len)
        {
            if (raw && *p) return FALSE;
        }
        /* Win32 resolves "." and ".."; under \\?\ they would be literal names. */
        else if (len == 1 && name[0] == '.')
        {
            if (raw) return FALSE;
        }
        else if (len == 2 && name[0] == '.' && name[1] == '.')
        {
            if (raw || !depth) return FALSE;
            depth--;
        }
        else
        {
            if (!is_valid_name(name, len)) return FALSE;
            depth++;
        }

        if (!*p) return count == required;
        p++;
    }
}

BOOL WINAPI ResUtilIsPathValid(LPCWSTR pszPath)
{
    const WCHAR *p;
    size_t len = 0;
    BOOL raw;

    TRACE("(%s)\n", debugstr_w(pszPath));

    if (!pszPath) return FALSE;

    /* Counting stops past the longest acceptable length: the caller's string
     * may be far longer than anything worth scanning. */
    while (len <= LONG_PATH_MAX && pszPath[len]) len++;

    raw = pszPath[0] == '\\' && pszPath[1] == '\\' && pszPath[2] == '?' && pszPath[3] == '\\';
    if (raw)
    {
        if (len > LONG_PATH_MAX) return FALSE;
        p = pszPath + 4;
    }
    else
    {
        /* Without \\?\, Server 2003's Win32 file functions fail on anything
         * that does not fit MAX_PATH with its terminating null. */
        if (len >= MAX_PATH) return FALSE;
        p = pszPath;
    }

    /* "C:\...": a drive-relative "C:dir" depends on a per-drive current
     * directory that the cluster service on another node does not share. */
    if (is_letter(p[0]) && p[1] == ':' && is_separator(p[2], raw))
        return are_valid_components(p + 3, raw, 0);

    /* "\\server\share\..." or "\\?\UNC\server\share\...".  "\\.\" and the
     * other \\?\ forms (volume GUIDs, GLOBALROOT) name devices, not folders a
     * backup can go to; "\\.\" fails below since "." is no server name. */
    if (raw)
    {
        if (ascii_upper(p[0]) == 'U' && ascii_upper(p[1]) == 'N' && ascii_upper(p[2]) == 'C' && p[3] == '\\')
            return are_valid_components(p + 4, raw, 2);
        return FALSE;
    }
    if (is_separator(p[0], raw) && is_separator(p[1], raw))
        return are_valid_components(p + 2, raw, 2);

    /* Relative ("dir\file") and rooted ("\dir") paths depend on the current
     * directory and drive of whoever opens them: not the cluster service's. */
    return FALSE;
}

LPWSTR WINAPI ResUtilExpandEnvironmentStrings(LPCWSTR pszSrc)
{
    WCHAR *dst = NULL;
    DWORD size, needed;

    TRACE("(%s)\n", debugstr_w(pszSrc));

    if (!pszSrc)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }

    if (!(size = ExpandEnvironmentStringsW(pszSrc, NULL, 0))) return NULL;

    /* Another thread may lengthen a variable between the two calls: retry
     * with the new size until the expansion fits. */
    for (;;)
    {
        /* ExpandEnvironmentStrings is documented to stop at 32K characters, and
         * Wine's cuts longer results short without failing (it also counts a
         * plain 32767-character source as fitting): fail rather than hand
         * back a string that silently lost its end. */
        if (size >= EXPAND_MAX)
        {
            WARN("expansion of %u characters is too long\n", size);
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return NULL;
        }
        if (!(dst = LocalAlloc(LMEM_FIXED, size * sizeof(WCHAR))))
        {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        if (!(needed = ExpandEnvironmentStringsW(pszSrc, dst, size)))
        {
            DWORD err = GetLastError();

            LocalFree(dst);
            SetLastError(err);
            return NULL;
        }
        if (needed <= size) break;
        LocalFree(dst);
        size = needed;
    }

    TRACE("-> %s\n", debugstr_w(dst));
    return dst;
}

/*
 * ResUtilDupString: a copy the caller frees with LocalFree, as documented.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

LPWSTR WINAPI ResUtilDupString(LPCWSTR pszInString)
{
    size_t size;
    WCHAR *copy;

    TRACE("(%s)\n", debugstr_w(pszInString));

    if (!pszInString)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    size = (lstrlenW(pszInString) + 1) * sizeof(WCHAR);
    if (!(copy = LocalAlloc(LMEM_FIXED, size)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    memcpy(copy, pszInString, size);
    return copy;
}

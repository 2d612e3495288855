/*
 * A resource control code's output, however large.
 */
#include "resutils_private.h"

DWORD resource_control_alloc(HRESOURCE res, DWORD code, void **out, DWORD *size)
{
    DWORD err, cap = 256;

    *out = NULL;
    for (;;)
    {
        void *buf = HeapAlloc(GetProcessHeap(), 0, cap);

        if (!buf) return ERROR_NOT_ENOUGH_MEMORY;
        *size = 0;
        err = ClusterResourceControl(res, NULL, code, NULL, 0, buf, cap, size);
        /* The size needed can grow between two calls: ask again. */
        if (err == ERROR_MORE_DATA && *size > cap)
        {
            HeapFree(GetProcessHeap(), 0, buf);
            cap = *size;
            continue;
        }
        if (err) HeapFree(GetProcessHeap(), 0, buf);
        else *out = buf;
        return err;
    }
}

DWORD resource_control_string(HRESOURCE res, DWORD code, WCHAR **out)
{
    DWORD size, err = resource_control_alloc(res, code, (void **)out, &size);

    /* An empty or unterminated answer is not a string. */
    if (!err && (size < sizeof(WCHAR) || (*out)[size / sizeof(WCHAR) - 1]))
    {
        HeapFree(GetProcessHeap(), 0, *out);
        *out = NULL;
        err = ERROR_INVALID_DATA;
    }
    return err;
}

/* The rules a property definition (cs_propdefs.c) sets for a value: what a
 * SET may store, the default of a property not stored, and when a SET is
 * only stored until the resource next comes online. */
#include "clusstore.h"

#include <string.h>

/* One UTF-8 string ending exactly at its NUL, the last of the n bytes. */
static int is_one_string(const unsigned char *p, size_t n)
{
    size_t at = 0, len;
    uint32_t cp;

    if (!n || p[n - 1])
        return 0;
    while (at < n - 1) {
        if (!(len = cs_utf8_next((const char *)p + at, &cp)) || !cp)
            return 0;
        at += len;
    }
    return 1;
}

/* NUL-terminated UTF-8 strings, then the closing NUL, and nothing after it. */
static int is_multi_string(const unsigned char *p, size_t n)
{
    size_t at = 0, end;

    for (;;) {
        if (at >= n)
            return 0;
        if (!p[at])
            return at + 1 == n;
        end = at;
        while (end < n && p[end])
            end++;
        if (end == n || !is_one_string(p + at, end - at + 1))
            return 0;
        at = end + 1;
    }
}

static uint32_t check_number(const cs_propdef *d, int64_t v)
{
    if (v >= d->min && v <= d->max)
        return 0;
    if ((d->flags & CS_PD_ALL_ONES) && v == 0xFFFFFFFFll)
        return 0;
    return CS_ERROR_INVALID_PARAMETER;
}

uint32_t cs_propdef_check(const cs_propdef *d, uint32_t format, const void *data, size_t size)
{
    const unsigned char *p = data;
    uint32_t u;
    int32_t l;

    if (!d || (size && !data))
        return CS_ERROR_INVALID_PARAMETER;
    if ((d->flags & CS_PD_READ_ONLY) || format != d->format)
        return CS_ERROR_INVALID_PARAMETER;
    switch (format) {
    case CS_PROP_DWORD:
        if (size != sizeof(u))
            return CS_ERROR_INVALID_DATA;
        memcpy(&u, p, sizeof(u));
        return check_number(d, u);
    case CS_PROP_LONG:
        if (size != sizeof(l))
            return CS_ERROR_INVALID_DATA;
        memcpy(&l, p, sizeof(l));
        return check_number(d, l);
    case CS_PROP_ULARGE_INTEGER:
        return size == 8 ? 0 : CS_ERROR_INVALID_DATA;
    case CS_PROP_SZ:
    case CS_PROP_EXPAND_SZ:
        if (!is_one_string(p, size))
            return CS_ERROR_INVALID_DATA;
        return (d->flags & CS_PD_REQUIRED) && size == 1 ? CS_ERROR_INVALID_PARAMETER : 0;
    case CS_PROP_MULTI_SZ:
        return is_multi_string(p, size) ? 0 : CS_ERROR_INVALID_DATA;
    case CS_PROP_BINARY:
        return 0;
    }
    return CS_ERROR_INVALID_PARAMETER;
}

uint32_t cs_propdef_default(const cs_propdef *d, void *buf, size_t cap, size_t *size)
{
    const void *src = &d->dword_default;
    size_t n = sizeof(d->dword_default);

    if (!(d->flags & CS_PD_DEFAULT))
        return CS_ERROR_FILE_NOT_FOUND;
    if (d->format != CS_PROP_DWORD) {
        src = d->sz_default;
        n = strlen(d->sz_default) + 1;
    }
    *size = n;
    if (cap < n || !buf)
        return CS_ERROR_MORE_DATA;
    memcpy(buf, src, n);
    return 0;
}

uint32_t cs_propdef_set_status(const cs_propdef *d, int resource_online)
{
    return resource_online && (d->flags & CS_PD_AT_ONLINE) ? CS_ERROR_RESOURCE_PROPERTIES_STORED : 0;
}

/* The rules a property definition (cs_propdefs.c) sets for a value: what a
 * SET may store, the default of a property not stored, and when a SET is
 * only stored until the resource next comes online. */
#include "clusstore.h"

#include <string.h>

/* The SET control codes' pages give two codes: INVALID_PARAMETER for a
 * list "formatted incorrectly", INVALID_DATA for "invalid data, such as an
 * out-of-range value".  Bytes that are no value of their format are the
 * first; a well-formed value the property does not take is the second. */
#define MALFORMED CS_ERROR_INVALID_PARAMETER
#define UNFIT     CS_ERROR_INVALID_DATA

/* One string ending exactly at its NUL, the last of the n bytes: 0,
 * MALFORMED (no NUL there, or one before it) or UNFIT (not UTF-8). */
static uint32_t check_string(const unsigned char *p, size_t n)
{
    size_t at = 0, len;
    uint32_t cp;

    if (!n || p[n - 1] || memchr(p, 0, n - 1))
        return MALFORMED;
    while (at < n - 1) {
        if (!(len = cs_utf8_next((const char *)p + at, &cp)))
            return UNFIT;
        at += len;
    }
    return 0;
}

/* Strings as check_string takes them, then the closing NUL, nothing after. */
static uint32_t check_multi_string(const unsigned char *p, size_t n)
{
    size_t at = 0;
    const unsigned char *nul;
    uint32_t err;

    while (at < n && p[at]) {
        if (!(nul = memchr(p + at, 0, n - at)))
            return MALFORMED;
        if ((err = check_string(p + at, (size_t)(nul - p) - at + 1)))
            return err;
        at = (size_t)(nul - p) + 1;
    }
    return at + 1 == n ? 0 : MALFORMED;
}

static uint32_t check_number(const cs_propdef *d, int64_t v)
{
    if (v >= d->min && v <= d->max)
        return 0;
    if ((d->flags & CS_PD_ALL_ONES) && v == 0xFFFFFFFFll)
        return 0;
    return UNFIT;
}

uint32_t cs_propdef_check(const cs_propdef *d, uint32_t format, const void *data, size_t size)
{
    const unsigned char *p = data;
    uint32_t u, err;
    int32_t l;

    if (!d || (size && !data))
        return MALFORMED;
    if ((d->flags & CS_PD_READ_ONLY) || format != d->format)
        return MALFORMED;
    switch (format) {
    case CS_PROP_DWORD:
        if (size != sizeof(u))
            return MALFORMED;
        memcpy(&u, p, sizeof(u));
        return check_number(d, u);
    case CS_PROP_LONG:
        if (size != sizeof(l))
            return MALFORMED;
        memcpy(&l, p, sizeof(l));
        return check_number(d, l);
    case CS_PROP_ULARGE_INTEGER:
        return size == 8 ? 0 : MALFORMED;
    case CS_PROP_SZ:
    case CS_PROP_EXPAND_SZ:
        if ((err = check_string(p, size)))
            return err;
        return (d->flags & CS_PD_REQUIRED) && size == 1 ? UNFIT : 0;
    case CS_PROP_MULTI_SZ:
        return check_multi_string(p, size);
    case CS_PROP_BINARY:
        return 0;
    }
    return MALFORMED;
}

uint32_t cs_propdef_check_retry_period(uint32_t restart_period, uint32_t retry_period)
{
    return retry_period < restart_period ? UNFIT : 0;
}

int cs_propdef_listed(const cs_propdef *d)
{
    return d && !(d->flags & CS_PD_READ_ONLY);
}

uint32_t cs_propdef_default(const cs_propdef *d, void *buf, size_t cap, size_t *size)
{
    const void *src;
    size_t n = sizeof(d->dword_default);

    if (!d || !size)
        return CS_ERROR_INVALID_PARAMETER;
    if (!(d->flags & CS_PD_DEFAULT))
        return CS_ERROR_FILE_NOT_FOUND;
    src = &d->dword_default;
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
    return resource_online && d && (d->flags & CS_PD_AT_ONLINE) ? CS_ERROR_RESOURCE_PROPERTIES_STORED : 0;
}

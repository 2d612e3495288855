/* WCREG1 streams (docs/checkpoint-format.md, "The capture stream") built
 * record by record for the tests: each call appends at p + *n, in the
 * caller's buffer, which must hold it. */
#ifndef WINECLUS_TEST_WCSTREAM_H
#define WINECLUS_TEST_WCSTREAM_H

#include <stdint.h>
#include <string.h>

static inline void wcs_put(unsigned char *p, size_t *n, const void *d, size_t k)
{
    memcpy(p + *n, d, k);
    *n += k;
}

static inline void wcs_u32(unsigned char *p, size_t *n, uint32_t v)
{
    unsigned char le[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                            (unsigned char)(v >> 24) };

    wcs_put(p, n, le, 4);
}

/* A name: its length in UTF-16 units, then the units (ASCII only here). */
static inline void wcs_name(unsigned char *p, size_t *n, const char *ascii)
{
    size_t i, len = strlen(ascii);

    wcs_u32(p, n, (uint32_t)len);
    for (i = 0; i < len; i++) {
        unsigned char c[2] = { (unsigned char)ascii[i], 0 };
        wcs_put(p, n, c, 2);
    }
}

static inline void wcs_start(unsigned char *p, size_t *n)
{
    *n = 0;
    wcs_put(p, n, "WCREG1\n", 8);
}

static inline void wcs_key(unsigned char *p, size_t *n, const char *path)
{
    wcs_put(p, n, "K", 1);
    wcs_name(p, n, path);
}

static inline void wcs_value(unsigned char *p, size_t *n, const char *name, uint32_t type, const void *data,
                             uint32_t size)
{
    wcs_put(p, n, "V", 1);
    wcs_name(p, n, name);
    wcs_u32(p, n, type);
    wcs_u32(p, n, size);
    wcs_put(p, n, data, size);
}

#endif

/* Writing a property list or a value list into a caller's buffer, counting
 * on past its end so that the caller learns the exact size needed. */
#include <string.h>

#include "proplist.h"

size_t pl_wcslen(const pl_wchar *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

size_t pl_multi_sz_size(const pl_wchar *s)
{
    size_t n = 0;

    if (!s[0])
        return 2;
    while (s[n] || s[n + 1])
        n++;
    return (n + 2) * 2;
}

/* Bytes past the end are counted, not written; a size that would wrap
 * sticks at SIZE_MAX, which no buffer fits. */
static void put(struct pl_builder *b, const void *data, size_t size)
{
    if (b->len > SIZE_MAX - size) {
        b->len = SIZE_MAX;
        return;
    }
    if (b->len + size <= b->cap && size)
        memcpy(b->buf + b->len, data, size);
    b->len += size;
}

static void put32(struct pl_builder *b, uint32_t v)
{
    uint8_t le[4] = { v, v >> 8, v >> 16, v >> 24 };

    put(b, le, 4);
}

static void put_entry(struct pl_builder *b, uint32_t syntax, const void *data, uint32_t size)
{
    static const uint8_t zero[3];

    put32(b, syntax);
    put32(b, size);
    put(b, data, size);
    put(b, zero, (4 - size % 4) % 4);
}

void pl_build_begin(struct pl_builder *b, void *buf, size_t cap)
{
    b->buf = buf;
    b->cap = buf ? cap : 0;
    b->len = 0;
    b->counted = 1;
    put32(b, 0);
}

void pl_build_begin_values(struct pl_builder *b, void *buf, size_t cap)
{
    b->buf = buf;
    b->cap = buf ? cap : 0;
    b->len = 0;
    b->counted = 0;
}

void pl_build_name(struct pl_builder *b, const pl_wchar *name)
{
    /* The count is rewritten with each name, so it is right whenever the
     * buffer held everything. */
    if (b->counted && b->cap >= 4) {
        uint32_t n = pl_get32(b->buf) + 1;
        uint8_t le[4] = { n, n >> 8, n >> 16, n >> 24 };

        memcpy(b->buf, le, 4);
    }
    put_entry(b, PL_SYNTAX_NAME, name, (uint32_t)((pl_wcslen(name) + 1) * 2));
}

void pl_build_value(struct pl_builder *b, uint32_t syntax, const void *data, uint32_t size)
{
    put_entry(b, syntax, data, size);
}

void pl_build_dword(struct pl_builder *b, uint32_t syntax, uint32_t value)
{
    uint8_t le[4] = { value, value >> 8, value >> 16, value >> 24 };

    put_entry(b, syntax, le, 4);
}

void pl_build_endmark(struct pl_builder *b)
{
    put32(b, PL_SYNTAX_ENDMARK);
}

size_t pl_build_size(const struct pl_builder *b)
{
    return b->len;
}

int pl_build_fits(const struct pl_builder *b)
{
    return b->len <= b->cap;
}

/* Reading a property list: strict, and never outside the buffer. */
#include "proplist.h"

/* The smallest property: name entry with a one-character name (8 + 4),
 * one empty binary value (8), end mark (4). */
#define MIN_PROP_SIZE 24

const char *pl_strerror(enum pl_error e)
{
    switch (e) {
    case PL_OK: return "no error";
    case PL_END: return "end of list";
    case PL_ERR_TRUNCATED: return "truncated";
    case PL_ERR_MISALIGNED: return "size not a multiple of 4";
    case PL_ERR_SYNTAX: return "unknown or misplaced syntax";
    case PL_ERR_OVERRUN: return "length past the end of the buffer";
    case PL_ERR_LENGTH: return "length wrong for its format";
    case PL_ERR_NAME: return "bad property name";
    case PL_ERR_STRING: return "string without its NUL";
    case PL_ERR_MULTI_SZ: return "MULTI_SZ without its double NUL";
    case PL_ERR_NO_VALUE: return "property without a value";
    case PL_ERR_NO_ENDMARK: return "value list without its end mark";
    case PL_ERR_COUNT: return "fewer properties than counted";
    case PL_ERR_TRAILING: return "bytes after the last property";
    }
    return "unknown error";
}

enum pl_error pl_read_begin(struct pl_reader *r, const void *buf, size_t size)
{
    r->buf = buf;
    r->size = size;
    r->pos = 4;
    r->seen = 0;
    r->count = 0;
    if (!buf || size < 4)
        return PL_ERR_TRUNCATED;
    if (size % 4)
        return PL_ERR_MISALIGNED;
    r->count = pl_get32(buf);
    /* A count no buffer of this size could hold lies. */
    if (r->count > (size - 4) / MIN_PROP_SIZE)
        return PL_ERR_COUNT;
    return PL_OK;
}

static enum pl_error read_name(struct pl_reader *r, struct pl_prop *prop)
{
    size_t left = r->size - r->pos;
    const uint8_t *p = r->buf + r->pos;
    uint32_t len, i;
    uint64_t padded;

    if (left < 8)
        return PL_ERR_TRUNCATED;
    if (pl_get32(p) != PL_SYNTAX_NAME)
        return PL_ERR_SYNTAX;
    len = pl_get32(p + 4);
    padded = ((uint64_t)len + 3) & ~(uint64_t)3;
    if (padded > left - 8)
        return PL_ERR_OVERRUN;
    if (len < 4 || len % 2)
        return PL_ERR_NAME;
    for (i = 0; i + 2 < len; i += 2)
        if (!pl_get16(p + 8 + i))
            return PL_ERR_NAME;
    if (pl_get16(p + 8 + len - 2))
        return PL_ERR_NAME;
    prop->name = (const pl_wchar *)(p + 8);
    prop->name_len = len / 2 - 1;
    r->pos += 8 + (size_t)padded;
    return PL_OK;
}

enum pl_error pl_read_next(struct pl_reader *r, struct pl_prop *prop)
{
    struct pl_cursor c;
    struct pl_value v;
    enum pl_error e;

    if (r->seen == r->count)
        return r->pos == r->size ? PL_END : PL_ERR_TRAILING;
    if (r->pos == r->size)
        return PL_ERR_COUNT;
    if ((e = read_name(r, prop)) != PL_OK)
        return e;
    pl_values_begin(&c, r->buf + r->pos, r->size - r->pos, 1);
    prop->nvalues = 0;
    while ((e = pl_values_next(&c, &v)) == PL_OK)
        if (!prop->nvalues++)
            prop->value = v;
    if (e != PL_END)
        return e;
    if (!prop->nvalues)
        return PL_ERR_NO_VALUE;
    prop->values = r->buf + r->pos;
    prop->values_size = c.pos;
    r->pos += c.pos;
    r->seen++;
    return PL_OK;
}

enum pl_error pl_validate(const void *buf, size_t size, uint32_t *count, size_t *where)
{
    struct pl_reader r;
    struct pl_prop prop;
    enum pl_error e = pl_read_begin(&r, buf, size);

    if (e == PL_OK)
        while ((e = pl_read_next(&r, &prop)) == PL_OK)
            ;
    if (e == PL_END) {
        if (count)
            *count = r.count;
        e = PL_OK;
    }
    if (where)
        *where = e == PL_OK ? 0 : r.pos;
    return e;
}

/* One value entry of a list: its syntax, its length and what its data must
 * look like; and the walk over a value list. */
#include "proplist.h"

uint32_t pl_get32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

uint16_t pl_get16(const void *p)
{
    const uint8_t *b = p;
    return (uint16_t)(b[0] | b[1] << 8);
}

/* The format whose data rules a syntax follows, 0 for an unknown syntax:
 * the syntax values Server 2003 documents, nothing newer (PROPERTY_LIST,
 * FILETIME, DISK_GUID, ... came with Server 2008). */
static unsigned known_format(uint32_t syntax)
{
    unsigned format = PL_SYNTAX_FORMAT(syntax);

    switch (PL_SYNTAX_TYPE(syntax)) {
    case PL_TYPE_LIST_VALUE:
        return format >= PL_FORMAT_BINARY && format <= PL_FORMAT_WORD ? format : 0;
    case PL_TYPE_RESCLASS:
    case PL_TYPE_SIGNATURE:
    case PL_TYPE_SCSI_ADDRESS:
    case PL_TYPE_DISK_NUMBER:
        return format == PL_FORMAT_DWORD ? format : 0;
    case PL_TYPE_NAME:
    case PL_TYPE_DISK_SERIALNUMBER:
        return format == PL_FORMAT_SZ ? format : 0;
    case PL_TYPE_PARTITION_INFO:
    case PL_TYPE_FTSET_INFO:
        return format == PL_FORMAT_BINARY ? format : 0;
    default:
        return 0;
    }
}

static int nul_at(const uint8_t *data, uint32_t size, uint32_t back)
{
    return size >= 2 * back && !data[size - 2 * back] && !data[size - 2 * back + 1];
}

enum pl_error pl_check_value(uint32_t syntax, const void *data, uint32_t size)
{
    const uint8_t *d = data;

    switch (known_format(syntax)) {
    case 0:
        return PL_ERR_SYNTAX;
    case PL_FORMAT_WORD:
        return size == 2 ? PL_OK : PL_ERR_LENGTH;
    case PL_FORMAT_DWORD:
    case PL_FORMAT_LONG:
        return size == 4 ? PL_OK : PL_ERR_LENGTH;
    case PL_FORMAT_ULARGE_INTEGER:
    case PL_FORMAT_LARGE_INTEGER:
        return size == 8 ? PL_OK : PL_ERR_LENGTH;
    case PL_FORMAT_SZ:
    case PL_FORMAT_EXPAND_SZ:
    case PL_FORMAT_EXPANDED_SZ:
        if (size % 2)
            return PL_ERR_LENGTH;
        return nul_at(d, size, 1) ? PL_OK : PL_ERR_STRING;
    case PL_FORMAT_MULTI_SZ:
        /* "" is a lone NUL; anything longer ends in two. */
        if (size % 2)
            return PL_ERR_LENGTH;
        if (size == 2)
            return nul_at(d, size, 1) ? PL_OK : PL_ERR_MULTI_SZ;
        return nul_at(d, size, 1) && nul_at(d, size, 2) ? PL_OK : PL_ERR_MULTI_SZ;
    default: /* binary, security descriptors, partition and FT set blobs */
        return PL_OK;
    }
}

void pl_values_begin(struct pl_cursor *c, const void *buf, size_t size, int list_values)
{
    c->buf = buf;
    c->size = size;
    c->pos = 0;
    c->list_values = list_values;
}

enum pl_error pl_values_next(struct pl_cursor *c, struct pl_value *v)
{
    size_t left = c->size - c->pos;
    uint64_t padded;
    uint32_t syntax;
    enum pl_error e;

    if (left < 4)
        return PL_ERR_NO_ENDMARK;
    syntax = pl_get32(c->buf + c->pos);
    if (syntax == PL_SYNTAX_ENDMARK) {
        c->pos += 4;
        return PL_END;
    }
    if (syntax == PL_SYNTAX_NAME)
        return c->list_values ? PL_ERR_NO_ENDMARK : PL_ERR_SYNTAX;
    if (c->list_values && PL_SYNTAX_TYPE(syntax) != PL_TYPE_LIST_VALUE)
        return PL_ERR_SYNTAX;
    if (left < 8)
        return PL_ERR_TRUNCATED;
    v->syntax = syntax;
    v->size = pl_get32(c->buf + c->pos + 4);
    padded = ((uint64_t)v->size + 3) & ~(uint64_t)3;
    if (padded > left - 8)
        return PL_ERR_OVERRUN;
    v->data = c->buf + c->pos + 8;
    if ((e = pl_check_value(syntax, v->data, v->size)) != PL_OK)
        return e;
    c->pos += 8 + (size_t)padded;
    return PL_OK;
}

enum pl_error pl_values_validate(const void *buf, size_t size, int list_values, uint32_t *count)
{
    struct pl_cursor c;
    struct pl_value v;
    enum pl_error e;
    uint32_t n = 0;

    if (size % 4)
        return PL_ERR_MISALIGNED;
    pl_values_begin(&c, buf, size, list_values);
    while ((e = pl_values_next(&c, &v)) == PL_OK)
        n++;
    if (e != PL_END)
        return e;
    if (c.pos != size)
        return PL_ERR_TRAILING;
    if (count)
        *count = n;
    return PL_OK;
}

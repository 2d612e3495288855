/*
 * The cluster property-list format (ClusAPI "Property Lists", [MS-CMRP]
 * 2.2.3.10): a codec with no Windows headers, shared by resutils' list
 * helpers and by the GET/SET_*_PROPERTIES control codes.
 *
 * A property list: a 32-bit count, then per property a name entry
 * (CLUSPROP_SYNTAX_NAME), one or more value entries, and an end mark.  Every
 * entry but the end mark is syntax, byte length, data padded to 4 bytes;
 * the end mark is the syntax alone.  All numbers little-endian; strings
 * UTF-16LE with their terminating NUL counted in the length.
 * A value list (required dependencies and the like) is the value entries
 * and the end mark alone.  docs/property-lists.md has the rules and errors.
 */
#ifndef WINECLUS_PROPLIST_H
#define WINECLUS_PROPLIST_H

#include <stddef.h>
#include <stdint.h>

typedef uint16_t pl_wchar;

/* CLUSTER_PROPERTY_FORMAT, CLUSTER_PROPERTY_TYPE (Server 2003's values). */
enum {
    PL_FORMAT_BINARY = 1, PL_FORMAT_DWORD, PL_FORMAT_SZ, PL_FORMAT_EXPAND_SZ, PL_FORMAT_MULTI_SZ,
    PL_FORMAT_ULARGE_INTEGER, PL_FORMAT_LONG, PL_FORMAT_EXPANDED_SZ, PL_FORMAT_SECURITY_DESCRIPTOR,
    PL_FORMAT_LARGE_INTEGER, PL_FORMAT_WORD
};
enum {
    PL_TYPE_ENDMARK = 0, PL_TYPE_LIST_VALUE = 1, PL_TYPE_RESCLASS = 2, PL_TYPE_NAME = 4, PL_TYPE_SIGNATURE = 5,
    PL_TYPE_SCSI_ADDRESS = 6, PL_TYPE_DISK_NUMBER = 7, PL_TYPE_PARTITION_INFO = 8, PL_TYPE_FTSET_INFO = 9,
    PL_TYPE_DISK_SERIALNUMBER = 10
};
#define PL_SYNTAX(type, format) (((uint32_t)(type) << 16) | (uint32_t)(format))
#define PL_SYNTAX_FORMAT(syntax) ((syntax) & 0xffffu)
#define PL_SYNTAX_TYPE(syntax) ((syntax) >> 16)
#define PL_SYNTAX_ENDMARK 0u
#define PL_SYNTAX_NAME PL_SYNTAX(PL_TYPE_NAME, PL_FORMAT_SZ)
#define PL_LIST_VALUE(format) PL_SYNTAX(PL_TYPE_LIST_VALUE, format)

/* What is wrong with a list; PL_END only ends a walk. */
enum pl_error {
    PL_OK = 0,
    PL_END,
    PL_ERR_TRUNCATED,  /* the buffer ends inside an entry header or before the count */
    PL_ERR_MISALIGNED, /* a size that is not a multiple of 4 */
    PL_ERR_SYNTAX,     /* a syntax unknown, or not allowed where it stands */
    PL_ERR_OVERRUN,    /* a length that runs past the end of the buffer */
    PL_ERR_LENGTH,     /* a length wrong for its format */
    PL_ERR_NAME,       /* a property name empty, unterminated or with a NUL inside */
    PL_ERR_STRING,     /* a string value without its terminating NUL */
    PL_ERR_MULTI_SZ,   /* a MULTI_SZ value without its final double NUL */
    PL_ERR_NO_VALUE,   /* a property with no value before its end mark */
    PL_ERR_NO_ENDMARK, /* a value list that runs out or into the next name */
    PL_ERR_COUNT,      /* fewer properties than the count says */
    PL_ERR_TRAILING    /* bytes after the last property the count allows */
};

/* A short English phrase for logs and test output. */
const char *pl_strerror(enum pl_error e);
/* The Windows code for a list refused by a Set, Verify, SET or VALIDATE
 * (pl_errcode.c): 0, ERROR_INSUFFICIENT_BUFFER (122) for a list that runs
 * past its size, ERROR_INVALID_DATA (13) for any other fault. */
uint32_t pl_set_error(enum pl_error e);

/* One value entry; data points into the list, size is its length field. */
struct pl_value {
    uint32_t syntax;
    const uint8_t *data;
    uint32_t size;
};

/* One property of a list.  values/values_size span its value entries and
 * end mark: a value list for pl_values_next. */
struct pl_prop {
    const pl_wchar *name; /* NUL-terminated, possibly unaligned in memory */
    uint32_t name_len;    /* characters, NUL not counted */
    struct pl_value value; /* the first value */
    uint32_t nvalues;
    const uint8_t *values;
    size_t values_size;
};

/* ---- Reading.  Nothing is read outside [buf, buf + size). ---- */

/* A walk over a property list.  pl_read_next gives each property, PL_END
 * after the last (when also nothing follows it), or an error. */
struct pl_reader {
    const uint8_t *buf;
    size_t size, pos;
    uint32_t count, seen;
};
enum pl_error pl_read_begin(struct pl_reader *r, const void *buf, size_t size);
enum pl_error pl_read_next(struct pl_reader *r, struct pl_prop *prop);

/* The whole list checked; *where (may be NULL) gets the byte offset of the
 * first fault.  On success *count (may be NULL) gets the property count. */
enum pl_error pl_validate(const void *buf, size_t size, uint32_t *count, size_t *where);

/* A walk over a value list: each value, PL_END at the end mark (whose
 * offset is then c->pos - 4).  In a property list only LIST_VALUE syntaxes
 * are values (list_values nonzero); in other value lists any Server 2003
 * syntax but the name and the end mark. */
struct pl_cursor {
    const uint8_t *buf;
    size_t size, pos;
    int list_values;
};
void pl_values_begin(struct pl_cursor *c, const void *buf, size_t size, int list_values);
enum pl_error pl_values_next(struct pl_cursor *c, struct pl_value *v);

/* A value list checked whole: every entry, the end mark last, nothing
 * after it.  *count (may be NULL) gets the number of values. */
enum pl_error pl_values_validate(const void *buf, size_t size, int list_values, uint32_t *count);

/* Whether data of this size is a well-formed value of the syntax's format
 * (a string ends in NUL, a DWORD is 4 bytes, ...). */
enum pl_error pl_check_value(uint32_t syntax, const void *data, uint32_t size);

/* Little-endian reads from possibly unaligned memory. */
uint32_t pl_get32(const void *p);
uint16_t pl_get16(const void *p);

/* ---- Writing ---- */

/* A builder writes into buf[0..cap) and counts on past the end: after the
 * last call, pl_build_size is the exact size of the whole list, and the
 * output is complete if and only if pl_build_fits (what was written of an
 * incomplete list is not a list).  pl_build_begin starts a property list
 * (its count is kept up to date by pl_build_name), pl_build_begin_values a
 * bare value list. */
struct pl_builder {
    uint8_t *buf;
    size_t cap, len;
    int counted;
};
void pl_build_begin(struct pl_builder *b, void *buf, size_t cap);
void pl_build_begin_values(struct pl_builder *b, void *buf, size_t cap);
/* name: NUL-terminated. */
void pl_build_name(struct pl_builder *b, const pl_wchar *name);
void pl_build_value(struct pl_builder *b, uint32_t syntax, const void *data, uint32_t size);
void pl_build_dword(struct pl_builder *b, uint32_t syntax, uint32_t value);
void pl_build_endmark(struct pl_builder *b);
size_t pl_build_size(const struct pl_builder *b);
int pl_build_fits(const struct pl_builder *b);

/* Characters before the NUL, and bytes with it. */
size_t pl_wcslen(const pl_wchar *s);
/* A MULTI_SZ's bytes up to and including its final double NUL (2 for ""). */
size_t pl_multi_sz_size(const pl_wchar *s);

#endif

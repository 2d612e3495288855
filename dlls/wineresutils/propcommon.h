/*
 * What resutils' property-list and property-table exports share: the codec
 * (libs/proplist), how its faults become Windows error codes, name lookup,
 * and the parameter block fields a property table describes.
 */
#ifndef WINERESUTILS_PROPCOMMON_H
#define WINERESUTILS_PROPCOMMON_H

#include "proplist.h"

/* A malformed list, as the Find functions report it: ERROR_INVALID_DATA. */
DWORD prop_list_error(enum pl_error e);
/* The same for the Verify functions, which document ERROR_INSUFFICIENT_BUFFER
 * for a list that runs past the size given. */
DWORD prop_verify_error(enum pl_error e);

/* Property names compare without regard to case. */
BOOL prop_name_is(const struct pl_prop *prop, LPCWSTR name);
const RESUTIL_PROPERTY_ITEM *prop_table_lookup(const RESUTIL_PROPERTY_ITEM *table, const struct pl_prop *prop);

/* A LocalAlloc'd copy (one byte at least, so that empty data is not NULL). */
BYTE *prop_local_copy(const void *data, DWORD size);

/* Whether a table entry's format is one a parameter block can hold. */
BOOL prop_format_supported(DWORD format);

/* The value of one table entry taken from a list into a block, replacing
 * (and LocalFree'ing) what the block held: ERROR_NOT_ENOUGH_MEMORY or 0. */
DWORD prop_block_store(LPBYTE block, const RESUTIL_PROPERTY_ITEM *item, const struct pl_value *value);
/* One field copied from in to out, pointers duplicated with LocalAlloc. */
DWORD prop_block_dup(LPBYTE out, const BYTE *in, const RESUTIL_PROPERTY_ITEM *item);
/* One pointer field of out freed unless in holds the same pointer. */
void prop_block_free(LPBYTE out, const BYTE *in, const RESUTIL_PROPERTY_ITEM *item);
/* The table's entries (only those not READ_ONLY if writable_only) as
 * properties of a list, from the block. */
void prop_block_list(struct pl_builder *b, const RESUTIL_PROPERTY_ITEM *table, const BYTE *block, BOOL writable_only);

/* The value entries of a registry value of the given REG_* type. */
void prop_build_reg_value(struct pl_builder *b, DWORD format, const BYTE *data, DWORD size);

/* A list checked against a table (ERROR_INVALID_PARAMETER for unknown,
 * read-only, wrongly formatted or out-of-range properties), and a checked
 * list's known properties stored into a block. */
DWORD prop_table_verify(const RESUTIL_PROPERTY_ITEM *table, BOOL allow_unknown, const void *list, DWORD size);
DWORD prop_table_store(const RESUTIL_PROPERTY_ITEM *table, const void *list, DWORD size, LPBYTE block);

/* A list's output convention: *returned = size if it fit, else
 * *required = size and ERROR_MORE_DATA. */
DWORD prop_build_result(const struct pl_builder *b, LPDWORD returned, LPDWORD required);

#endif

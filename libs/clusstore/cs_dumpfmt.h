/* Shared by cs_dump.c and cs_load.c: the tables of the text dump, in the
 * order they appear (parents before children), and the field encodings. */
#ifndef WINECLUS_CS_DUMPFMT_H
#define WINECLUS_CS_DUMPFMT_H

#include <stddef.h>
#include <stdint.h>

#define CS_DUMP_MAGIC "WINECLUS-DUMP"

/* Field types: 'i' integer, 'g' lowercase GUID, 'x' hex bytes, and text
 * that must keep the store's rule for strings (cs__text_flaw) within its
 * bounds: 'n' a name (1..255 bytes), 'o' a name or empty, 'p' a path or
 * key (1..1023), 'k' a registry path (0..1023), 'd' a detail (0..511).
 * A table is in the dumps of format versions first..last (0: still). */
struct cs__dump_table {
    const char *tag, *select, *types, *insert;
    int first, last;
};
/* Table t is in dumps of format version v. */
#define CS__DUMP_HAS(t, v) ((t)->first <= (v) && (!(t)->last || (v) <= (t)->last))

extern const struct cs__dump_table cs__dump_tables[];
extern const size_t cs__dump_ntables;

/* The bounds of a text type; 0 for the other types. */
int cs__dump_text_bounds(char type, size_t *min, size_t *max);

uint32_t cs__crc32(uint32_t crc, const void *buf, size_t n);

#endif

/* Shared by cs_dump.c and cs_load.c: the tables of the text dump, in the
 * order they appear (parents before children), and the field encodings. */
#ifndef WINECLUS_CS_DUMPFMT_H
#define WINECLUS_CS_DUMPFMT_H

#include <stddef.h>
#include <stdint.h>

#define CS_DUMP_MAGIC "WINECLUS-DUMP"

/* Field types: 'i' integer, 't' text, 'g' lowercase GUID, 'x' hex bytes. */
struct cs__dump_table {
    const char *tag, *select, *types, *insert;
};

extern const struct cs__dump_table cs__dump_tables[];
extern const size_t cs__dump_ntables;

uint32_t cs__crc32(uint32_t crc, const void *buf, size_t n);

#endif

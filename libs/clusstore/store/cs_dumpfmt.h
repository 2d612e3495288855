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

/* Text fields: bytes below 0x20, 0x7f and '%' as %XX (uppercase hex), so
 * that a field holds no TAB or line end; out has room for 3 * strlen(t) + 1. */
void cs__dump_escape(const char *t, char *out);
/* In place: %XX -> byte.  0 for raw control bytes and bad escapes (%00). */
int cs__dump_unescape(char *t);
/* A decimal integer in its one spelling (no leading zero or '+'): 1 if t is one. */
int cs__dump_parse_int(const char *t, int64_t *v);

/* cs_loadrows.c: a whole database replaced, row by row, inside the caller's
 * write transaction, whatever form the snapshot has.  `where` names the place
 * in the source for the detail of a breach (5087). */
typedef struct cs__field {
    const char *p;   /* text and GUIDs NUL-terminated; bytes for 'x' */
    size_t      n;   /* 'x': the length */
    int64_t     i;   /* 'i' */
} cs__field;
/* The table of the current format with this tag, or NULL. */
const struct cs__dump_table *cs__dump_table_of(const char *tag);
uint32_t cs__load_bad(struct cs_store *s, const char *where, const char *why);
/* Empty every table the snapshot fills. */
uint32_t cs__load_wipe(struct cs_store *s);
/* One row of t, f[i] for t->types[i]: each text by the store's rule. */
uint32_t cs__load_row(struct cs_store *s, const char *where, const struct cs__dump_table *t, const cs__field *f);
/* The rules across rows; the cluster's log_seq must be head_seq; contents of
 * dropped checkpoints go; unless CS_LOAD_EXACT, new generations and a
 * `restore` record. */
uint32_t cs__load_finish(struct cs_store *s, const char *where, int64_t head_seq, unsigned flags);

#endif

/* Registry hives (the "regf" files RegSaveKey writes) through libhivex.
 *
 * hivex reads and edits hives but cannot make one, and it opens files only by
 * name.  This layer adds the one thing hivex lacks, an empty hive with a
 * named root key (hive_new.c), and moves hive bytes in and out through file
 * descriptors and memory only (hive_io.c): hivex is handed nothing but
 * /proc/self/fd/N of a descriptor this process holds, never a path that
 * someone else could swap under it.  Every other hive operation is hivex's
 * own API on the handle these return.
 *
 * Functions that fail write a one-line reason into err (errlen bytes, may be
 * 0) and return NULL or an errno value. */
#ifndef WINECLUS_HIVE_H
#define WINECLUS_HIVE_H

#include <stddef.h>
#include <hivex.h>

/* A new hive, open for writing, whose root key is called root_name (UTF-8,
 * 1..255 characters, no NUL). */
hive_h *cs_hive_new(const char *root_name, char *err, size_t errlen);

/* The hive in the regular file fd (the caller's descriptor, still the
 * caller's to close; opened e.g. by fsio_open_regular).  flags: hivex's
 * HIVEX_OPEN_WRITE or 0; HIVEX_OPEN_UNSAFE is never added: a hive from disk
 * is untrusted input. */
hive_h *cs_hive_open_fd(int fd, int flags, char *err, size_t errlen);
/* The same for hive bytes in memory (copied; buf stays the caller's). */
hive_h *cs_hive_open_mem(const void *buf, size_t len, int flags, char *err, size_t errlen);

/* The hive's bytes as they stand, in a malloc'd buffer (*buf, *len). */
int cs_hive_to_mem(hive_h *h, unsigned char **buf, size_t *len, char *err, size_t errlen);
/* Write the hive's bytes at fd's current position (through fsio, so the
 * fault hook sees it); syncing and naming the file stay the caller's. */
int cs_hive_commit_fd(hive_h *h, int fd, char *err, size_t errlen);

/* Keys with many subkeys, in linear time and space (hive_bulk.c): hivex
 * alone takes time and file space proportional to the square of a key's
 * subkeys.  cs_hive_bulk_add makes a child of parent (a key with no other
 * subkeys until the splice); cs_hive_bulk_splice commits h (closing it) and
 * returns it open again for writing, every bulk parent listing its children
 * in one index sorted as Windows requires; hive_node_h handles stay valid.
 * cs_hive_bulk_find looks a bulk parent's child up by name after the splice
 * (0 if none).  Errors: 0 or NULL with errno (and err) set; EEXIST for two
 * children whose names differ only in case. */
typedef struct cs_hive_bulk cs_hive_bulk;
cs_hive_bulk *cs_hive_bulk_new(void);
void cs_hive_bulk_free(cs_hive_bulk *b);
hive_node_h cs_hive_bulk_add(cs_hive_bulk *b, hive_h *h, hive_node_h parent, const char *name);
hive_h *cs_hive_bulk_splice(cs_hive_bulk *b, hive_h *h, char *err, size_t errlen);
hive_node_h cs_hive_bulk_find(const cs_hive_bulk *b, hive_node_h parent, const char *name);

/* A tree of keys added under existing keys of *h in linear time and space
 * (hive_tree.c): key i goes under k[i].under if k[i].parent is CS_HIVE_TOP,
 * else under key k[i].parent of the array, which must come before it.  They
 * are written a depth at a time, the subkeys of one parent together and in
 * bulk where there are CS_HIVE_BULK_MIN or more (fewer cost hivex less than a
 * splice of the whole hive), with a splice after each depth that had some;
 * *h is replaced then (NULL if a splice failed).  Each key's node lands in
 * k[i].node, and set (if not NULL) is called once key i exists, with the
 * hive as it stands, to give it its values; nonzero from set stops the
 * writing (with set's errno, else ECANCELED).  Returns 0 or an errno
 * value, the reason in err. */
#define CS_HIVE_TOP      ((size_t)-1)
#define CS_HIVE_BULK_MIN 64
typedef struct cs_hive_tkey {
    const char *name;
    size_t      parent;
    hive_node_h under;
    hive_node_h node;
} cs_hive_tkey;
typedef int (*cs_hive_tree_fn)(void *ctx, size_t i, hive_h *h, hive_node_h node);
int cs_hive_tree_write(hive_h **h, cs_hive_tkey *k, size_t n, cs_hive_tree_fn set, void *ctx, char *err,
                       size_t errlen);

/* Size of the empty hive cs_hive_new starts from: the base block and one bin. */
#define CS_HIVE_EMPTY_SIZE 0x2000

#endif

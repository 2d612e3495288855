/* The backup's chk????.tmp as a registry hive laid out as Windows' HKLM\Cluster
 * (docs/backup-format.md, "chk????.tmp"): the names both directions share. */
#ifndef WINECLUS_CS_CHKHIVE_H
#define WINECLUS_CS_CHKHIVE_H

#include <stddef.h>
#include <stdint.h>
#include <hivex.h>

#include "cs_internal.h"

#define CS_HIVE_ROOT_NAME "Cluster"
/* What Windows' layout lacks and a restore needs: our key, our format. */
#define CS_HIVE_OURS      "Wineclus"
#define CS_HIVE_FORMAT    1
#define CS_HIVE_LOG       "Log"
#define CS_HIVE_LOGCKPT   "LogCheckpoints"
#define CS_HIVE_CKPTS     "Checkpoints"
#define CS_HIVE_SECURITY  "Security"
#define CS_HIVE_FLAWED    "Flawed"
/* Windows' listing of a resource's checkpoints, subkeys of Resources\<GUID>:
 * values named as the files are (cs__ckpt_file_number), the key as data. */
#define CS_HIVE_REGSYNC    "RegSync"
#define CS_HIVE_CRYPTOSYNC "CryptoSync"
/* String data that is not UTF-8 keeps its bytes, its type marked so. */
#define CS_HIVE_RAW_TYPE  0x80000000u

/* Values made from typed columns, by the key that holds them: a stored value
 * of one of these names there is not a regval row.  kind: CS__REG_ROOT, or
 * CS__REG_OBJECT with the class. */
int cs__hive_is_column(enum cs__regkind kind, int cls, const char *name);

/* What a path of the cluster registry is, from its spelling alone (the rows
 * need not be loaded): as cs__reg_resolve classes a path that exists. */
enum cs__regkind cs__hive_path_kind(const char *path, int *cls);

/* UTF-8 <-> UTF-16LE, unit by unit (NULs included): malloc'd *out; 0 when
 * the input is not UTF-8 / not UTF-16 (an unpaired surrogate). */
int cs__hive_to_utf16(const char *p, size_t n, char **out, size_t *outn);
int cs__hive_from_utf16(const char *p, size_t n, char **out, size_t *outn);

/* cs_hivewrite.c: the database, read in the caller's transaction, into *h,
 * which it replaces (hive.h's splice; NULL if that failed). */
uint32_t cs__hive_fill(cs_store *s, hive_h **h);
/* cs_hiveread.c: the database replaced from h, in the caller's write
 * transaction, with cs__load_row's rules (5087 naming the key and value). */
uint32_t cs__hive_load(cs_store *s, hive_h *h, unsigned flags);

/* cs_hivenames.c: a hive's key and value names, each read from the hive once
 * and kept until cs__hive_names_free (hivex recodes a name on every call).
 * cs__hive_key_name and cs__hive_values return NULL (errno set) when the
 * hive cannot give them; what they return stays c's. */
typedef struct cs__hive_names cs__hive_names;
struct cs__hive_vname {
    const char *name;
    size_t      pos;
};
typedef struct cs__hive_vals {
    size_t                 n;
    char                 **name;     /* UTF-8, in the hive's order ... */
    hive_value_h          *v;        /* ... as the values themselves */
    struct cs__hive_vname *by_name;  /* sorted by name ignoring ASCII case, then position */
} cs__hive_vals;
cs__hive_names *cs__hive_names_new(hive_h *h);
void cs__hive_names_free(cs__hive_names *c);
const char *cs__hive_key_name(cs__hive_names *c, hive_node_h key);
const cs__hive_vals *cs__hive_values(cs__hive_names *c, hive_node_h key);
/* key's values are not needed again: their memory goes (its name stays). */
void cs__hive_values_done(cs__hive_names *c, hive_node_h key);
/* As hivex_node_get_value: the first value named name, ignoring ASCII case;
 * 0 if there is none. */
hive_value_h cs__hive_value(const cs__hive_vals *t, const char *name);

/* cs_hivecount.c: what a hive holds, counted without a store (wineclus
 * verify).  format: CS_HIVE_OURS's FormatVersion, 0 for a hive without our
 * key.  Nonzero (a reason in why) if buf is no hive. */
typedef struct cs__hive_counts {
    unsigned format;
    size_t   nodes, groups, resources, restypes, dependencies, networks, netifs, log_records;
} cs__hive_counts;
int cs__hive_count(const void *buf, size_t len, cs__hive_counts *out, char *why, size_t whylen);


#endif

/* Strings the store's rule refuses (docs/store-format.md, "Names"), and the
 * text columns a set carries them in: shared by the unit tests and the
 * stress campaign, which write them into a store's rows directly (as another
 * program or a hand-edited cluster.db could) and expect restore to refuse
 * the set that results. */
#ifndef WINECLUS_TEST_HOSTILE_NAMES_H
#define WINECLUS_TEST_HOSTILE_NAMES_H

#include <sqlite3.h>
#include <string.h>

#include "clusstore.h"

struct hn_class {
    const char *what;
    const char *bytes;  /* NULL: `over` bytes of 'A', or the column's limit + 1 when over is 1 */
    size_t      over;
};

static const struct hn_class hn_classes[] = {
    { "C0 control", "a\x01z", 0 },
    { "ESC sequence", "\x1b[2J\x1b[31mred\x1b[0m", 0 },
    { "newline", "fine\nwineclus: forged line", 0 },
    { "DEL", "a\x7fz", 0 },
    { "C1 CSI U+009B", "a\xc2\x9b" "31mz", 0 },
    { "invalid UTF-8", "a\xff" "z", 0 },
    { "overlong UTF-8", "a\xc0\xaf" "z", 0 },
    { "UTF-8-encoded surrogate", "a\xed\xa0\x80z", 0 },
    { "cut UTF-8", "a\xe2\x82", 0 },
    { "empty", "", 0 },
    { "one byte too long", NULL, 1 },
    { "5000 bytes", NULL, 5000 },
};
#define HN_NCLASSES (sizeof(hn_classes) / sizeof(hn_classes[0]))

/* sql binds the value as ?1 into one row of the column; a refusal names
 * the column as the dump does (said) or as the manifest does. */
struct hn_field {
    const char *what, *sql;
    size_t      min, max;
    const char *said, *said_manifest;
};

static const struct hn_field hn_fields[] = {
    { "group name", "UPDATE grp SET name = ?1 WHERE id = (SELECT min(id) FROM grp)", 1, 255 , "group name", NULL },
    { "resource name", "UPDATE resource SET name = ?1 WHERE id = (SELECT max(id) FROM resource)", 1, 255 , "resource name", NULL },
    { "cluster name", "UPDATE cluster SET name = ?1", 1, 255 , "cluster name", "cluster-name" },
    { "node name", "UPDATE node SET name = ?1 WHERE id = (SELECT max(id) FROM node)", 1, 255 , "node name", NULL },
    { "resource type display name", "UPDATE restype SET display_name = ?1 WHERE name = 'Generic Script'", 1, 255 , "restype display_name", NULL },
    { "resource type DLL", "UPDATE restype SET dll = ?1 WHERE name = 'Generic Script'", 1, 255 , "restype dll", NULL },
    { "registry value name", "UPDATE regval SET name = ?1 WHERE rowid = (SELECT min(rowid) FROM regval)", 0, 255 , "regval name", NULL },
    { "registry key", "INSERT INTO regkey VALUES(?1, x'')", 0, 1023 , "regkey path", NULL },
    { "checkpoint key", "INSERT INTO checkpoint SELECT min(id), 1, ?1, 1 FROM resource", 1, 1023 , "checkpoint key", "checkpoint key" },
    { "quorum path", "UPDATE cluster SET quorum_path = ?1", 1, 1023 , "cluster quorum_path", "quorum-path" },
    { "CSD version", "UPDATE cluster SET csd = ?1", 0, 511 , "cluster csd", NULL },
    { "log operation", "UPDATE log SET op = ?1 WHERE seq = (SELECT max(seq) FROM log)", 1, 255 , "log op", NULL },
    { "log detail", "UPDATE log SET detail = ?1 WHERE seq = (SELECT max(seq) FROM log)", 0, 511 , "log detail", NULL },
};
#define HN_NFIELDS (sizeof(hn_fields) / sizeof(hn_fields[0]))

/* The value of class c for field f into buf (room for 5001 bytes); its
 * length, or -1 when the column allows it (an empty CSD version). */
static inline long hn_value(const struct hn_class *c, const struct hn_field *f, char *buf)
{
    size_t n = c->bytes ? strlen(c->bytes) : c->over == 1 ? f->max + 1 : c->over;

    if (c->bytes)
        memcpy(buf, c->bytes, n);
    else
        memset(buf, 'A', n);
    buf[n] = 0;
    return n < f->min || n > f->max || (c->bytes && c->bytes[0]) ? (long)n : -1;
}

/* Names of exactly 255 bytes that keep the rule: ASCII, 3-byte and 4-byte UTF-8. */
static inline void hn_longest(int which, char out[256])
{
    static const char *const unit[] = { "N", "\xe2\x82\xac" /* EURO SIGN */, "\xf0\x9f\x98\x80" /* U+1F600 */ };
    size_t n = 0, u = strlen(unit[which]);

    while (n + u <= 255) {
        memcpy(out + n, unit[which], u);
        n += u;
    }
    memset(out + n, 'x', 255 - n);
    out[255] = 0;
}

/* Bytes a terminal would act on, or that are not UTF-8. */
static inline int hn_has_raw_control(const char *text)
{
    uint32_t cp;
    size_t n;

    for (; *text; text += n)
        if (!(n = cs_utf8_next(text, &cp)) || CS_IS_CONTROL(cp))
            return 1;
    return 0;
}

/* One row of the store's cluster.db changed behind its back, as another
 * program could: sql with the n bytes of value as ?1.  1 when one row changed. */
static inline int hn_poke(const char *db_path, const char *sql, const char *value, size_t n)
{
    sqlite3_stmt *st = NULL;
    sqlite3 *db = NULL;
    int ok = sqlite3_open(db_path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
             sqlite3_bind_text(st, 1, value, (int)n, SQLITE_TRANSIENT) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db) == 1;

    if (!ok)
        fprintf(stderr, "%s: %s: %s\n", db_path, sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

#endif

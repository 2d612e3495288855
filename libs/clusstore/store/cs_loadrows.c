/* Replacing the whole database, whatever the snapshot's form (the text dump,
 * cs_load.c, or the backup's hive, cs_hiveread.c): the rows one by one, each
 * field by the store's rules, then the rules across rows.  Every breach is
 * ERROR_DATABASE_BACKUP_CORRUPT naming where the source had it. */
#include "cs_internal.h"
#include "cs_dumpfmt.h"

#include <stdio.h>
#include <string.h>

uint32_t cs__load_bad(cs_store *s, const char *where, const char *why)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "cluster database snapshot is damaged: %s: %s", where, why);
}

const struct cs__dump_table *cs__dump_table_of(const char *tag)
{
    size_t i;

    for (i = 0; i < cs__dump_ntables; i++)
        if (!strcmp(cs__dump_tables[i].tag, tag) && !cs__dump_tables[i].last)
            return &cs__dump_tables[i];
    return NULL;
}

uint32_t cs__load_wipe(cs_store *s)
{
    static const char wipe[] = "DELETE FROM regval; DELETE FROM regkey; DELETE FROM netif; DELETE FROM network; DELETE FROM dependency; DELETE FROM checkpoint;"
                               " DELETE FROM resource; DELETE FROM grp; DELETE FROM node; DELETE FROM restype;"
                               " DELETE FROM log; DELETE FROM log_checkpoint; DELETE FROM cluster;";

    if (sqlite3_exec(s->db, wipe, NULL, NULL, NULL) != SQLITE_OK)
        return cs__sqlfail(s, sqlite3_errcode(s->db), "clear for restore");
    return 0;
}

/* Field i of table t holds text: it keeps the store's rule for strings, or
 * the set is refused naming the column and the value, escaped. */
static uint32_t check_text(cs_store *s, const char *where, const struct cs__dump_table *t, int i, const char *x)
{
    char why[64], esc[CS_ESCAPE_MAX], msg[CS_ESCAPE_MAX + 160];
    const char *col = t->select + strlen("SELECT ");
    size_t min = 0, max = 0;
    int k;

    if (!cs__dump_text_bounds(t->types[i], &min, &max))
        return cs__load_bad(s, where, "unknown field type");
    if (!cs__text_flaw(x, min, max, why, sizeof(why)))
        return 0;
    /* The column's name as the SELECT lists it. */
    for (k = 0; k < i; k++)
        col = strstr(col, ", ") + 2;
    cs__escape(esc, sizeof(esc), x);
    snprintf(msg, sizeof(msg), "%s %.*s \"%s\" %s", t->tag, (int)strcspn(col, ", "), col, esc, why);
    return cs__load_bad(s, where, msg);
}

static uint32_t bind_field(cs_store *s, const char *where, const struct cs__dump_table *t, int i, sqlite3_stmt *st,
                           const cs__field *f)
{
    char guid[CS_GUID_MAX];
    uint32_t err;
    int rc;

    switch (t->types[i]) {
    case 'i':
        rc = sqlite3_bind_int64(st, i + 1, f->i);
        break;
    case 'x':
        rc = sqlite3_bind_blob64(st, i + 1, f->n ? f->p : "", f->n, SQLITE_TRANSIENT);
        break;
    case 'g':
        if (!cs__norm_guid(f->p, guid) || strcmp(guid, f->p))
            return cs__load_bad(s, where, "bad GUID");
        rc = sqlite3_bind_text(st, i + 1, f->p, -1, SQLITE_TRANSIENT);
        break;
    default:
        if ((err = check_text(s, where, t, i, f->p)))
            return err;
        rc = sqlite3_bind_text(st, i + 1, f->p, -1, SQLITE_TRANSIENT);
    }
    return rc == SQLITE_OK ? 0 : cs__sqlfail(s, rc, "bind restore");
}

uint32_t cs__load_row(cs_store *s, const char *where, const struct cs__dump_table *t, const cs__field *f)
{
    sqlite3_stmt *st;
    uint32_t err;
    int i, rc;

    if ((err = cs__prep(s, &st, t->insert, "")))
        return err;
    for (i = 0; t->types[i]; i++) {
        if ((err = bind_field(s, where, t, i, st, &f[i]))) {
            cs__done(s, st);
            return err;
        }
    }
    rc = sqlite3_step(st);
    cs__done(s, st);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        char why[256];
        snprintf(why, sizeof(why), "%s row breaks a rule (%s)", t->tag, sqlite3_errmsg(s->db));
        return cs__load_bad(s, where, why);
    }
    if (rc != SQLITE_DONE) {
        err = cs__sqlfail(s, rc, "restore row");
        return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during restore") : err;
    }
    return 0;
}

/* Cross-row rules the schema does not enforce: each query names a breach. */
static const struct { const char *sql, *why; } rules[] = {
    { "SELECT (SELECT count(*) FROM cluster) <> 1", "not exactly one cluster line" },
    { "SELECT NOT EXISTS (SELECT 1 FROM node)", "no node" },
    { "SELECT NOT EXISTS (SELECT 1 FROM resource WHERE id = (SELECT quorum_resource FROM cluster))",
      "the quorum resource does not exist" },
    { "SELECT EXISTS (SELECT 1 FROM log WHERE seq > (SELECT log_seq FROM cluster))",
      "a log record is newer than the log sequence" },
    { "SELECT EXISTS (SELECT 1 FROM log_checkpoint WHERE seq > (SELECT log_seq FROM cluster))",
      "a checkpoint is newer than the log sequence" },
    { "SELECT EXISTS (SELECT 1 FROM cluster WHERE max_log_size < 32768 OR log_seq < 0 OR log_bytes < 0)",
      "bad cluster settings" },
    { "SELECT EXISTS (SELECT 1 FROM node WHERE id < 1)", "a node id below 1" },
    { "SELECT EXISTS (SELECT 1 FROM resource r JOIN grp g ON g.id = r.grp WHERE r.owner <> g.owner)",
      "a resource is not on its group's node" },
    { "SELECT EXISTS (SELECT 1 FROM dependency d JOIN resource a ON a.id = d.res JOIN resource b ON b.id = d.dep"
      " WHERE a.grp <> b.grp OR a.id = b.id)",
      "a dependency crosses groups" },
    { "WITH RECURSIVE up(start, id) AS (SELECT res, dep FROM dependency"
      " UNION SELECT up.start, d.dep FROM dependency d JOIN up ON d.res = up.id)"
      " SELECT EXISTS (SELECT 1 FROM up WHERE start = id)",
      "circular dependencies" },
    { "SELECT EXISTS (SELECT 1 FROM checkpoint WHERE key = '' OR substr(key, 1, 1) = '\\' OR generation < 1)",
      "bad checkpoint key" },
};

static uint32_t check_rules(cs_store *s, const char *where)
{
    const char *why;
    sqlite3_stmt *st;
    uint32_t err;
    size_t i;
    int row;

    for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        if ((err = cs__prep(s, &st, rules[i].sql, "")))
            return err;
        err = cs__step(s, st, &row);
        if (!err && row && sqlite3_column_int(st, 0))
            err = cs__load_bad(s, where, rules[i].why);
        cs__done(s, st);
        if (err)
            return err;
    }
    if ((err = cs__prep(s, &st, "PRAGMA foreign_key_check", "")))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        return cs__load_bad(s, where, "a row refers to a missing object");
    if (!err && !(err = cs__reg_check_rows(s, &why)) && why)
        err = cs__load_bad(s, where, why);
    return err;
}

uint32_t cs__load_finish(cs_store *s, const char *where, int64_t head_seq, unsigned flags)
{
    sqlite3_stmt *st;
    int64_t seq = 0;
    uint32_t err;
    int row;

    if ((err = check_rules(s, where)))
        return err == CS_RETRY ? cs__fail(s, CS_ERROR_BUSY, "cluster database busy during restore") : err;
    if ((err = cs__prep(s, &st, "SELECT log_seq FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    seq = sqlite3_column_int64(st, 0);
    if (!err && seq != head_seq)
        err = cs__load_bad(s, where, "header log sequence differs from the cluster's");
    cs__done(s, st);
    /* Captured contents survive for checkpoints the snapshot still lists. */
    if (err || (err = cs__exec(s,
                               "DELETE FROM ckpt_data WHERE NOT EXISTS (SELECT 1 FROM checkpoint k WHERE k.res ="
                               " ckpt_data.res AND k.kind = ckpt_data.kind AND k.key = ckpt_data.key)",
                               "")))
        return err;
    if (flags & CS_LOAD_EXACT)
        return 0;
    /* New generation: nodes re-apply every checkpoint after a restore. */
    if ((err = cs__exec(s, "UPDATE checkpoint SET generation = generation + 1", "")) ||
        (err = cs__prep(s, &st, "SELECT id FROM cluster", "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err)
        err = cs__log(s, "restore", (const char *)sqlite3_column_text(st, 0), "database restored from log sequence %lld",
                      (long long)seq);
    cs__done(s, st);
    return err;
}

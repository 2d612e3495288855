/* Schema version 7: registry checkpoint contents are hives.  A store of
 * version 6 or before kept WCREG1 streams; each is turned into the hive of
 * the same tree once, here, so a backup goes on copying contents as they
 * are and a set always holds hives. */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>

struct row {
    char          *res, *key;
    uint64_t       size;
    unsigned char  sha[CS_SHA_LEN];
};

static void free_rows(struct row *rows, size_t n)
{
    while (n--) {
        free(rows[n].res);
        free(rows[n].key);
    }
    free(rows);
}

/* The rows first, then the changes: the rows' digests are indexed. */
static uint32_t list_rows(cs_store *s, struct row **out, size_t *n)
{
    struct row *rows = NULL, *grown;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *n = 0;
    if ((err = cs__prep(s, &st, "SELECT res, key, size, sha256 FROM ckpt_data WHERE kind = ? AND size > 0", "i",
                        (int64_t)CS_CKPT_REGISTRY)))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        if (!(grown = realloc(rows, (*n + 1) * sizeof(*rows)))) {
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
            break;
        }
        rows = grown;
        rows[*n].res = strdup((const char *)sqlite3_column_text(st, 0));
        rows[*n].key = strdup((const char *)sqlite3_column_text(st, 1));
        rows[*n].size = (uint64_t)sqlite3_column_int64(st, 2);
        if (sqlite3_column_bytes(st, 3) == CS_SHA_LEN)
            memcpy(rows[*n].sha, sqlite3_column_blob(st, 3), CS_SHA_LEN);
        (*n)++;
        if (!rows[*n - 1].res || !rows[*n - 1].key || sqlite3_column_bytes(st, 3) != CS_SHA_LEN) {
            err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents row damaged");
            break;
        }
    }
    cs__done(s, st);
    *out = rows;
    return err;
}

static uint32_t convert(cs_store *s, cs_stage *stage, struct row *r)
{
    char why[160], root[CS_PATH_MAX];
    unsigned char *hive = NULL, sha[CS_SHA_LEN];
    size_t size = 0;
    void *old;
    uint32_t err;

    if ((err = cs__ckpt_read(s, r->sha, r->size, r->key, &old)))
        return err;
    /* Other bytes stay as they are: only a host program could have stored
     * them (the DLL always wrote streams), the apply refuses them as it did,
     * and a restore of a set holding them refuses it, as it did. */
    if (!cs_regstream_starts(old, (size_t)r->size))
        err = 0;
    else if ((err = cs_reghive_from_stream(old, (size_t)r->size, cs_reghive_root_name(r->key, root, sizeof(root)),
                                           &hive, &size, why, sizeof(why))))
        err = cs__fail(s, err, "registry checkpoint '%s' cannot become a hive: %s", r->key, why);
    else {
        cs__mem m = { hive, size };
        if (!(err = cs__stage_stream(s, stage, size, cs__read_mem, &m, NULL, sha)))
            err = cs__exec(s, "UPDATE ckpt_data SET size = ?, sha256 = ? WHERE res = ? AND kind = ? AND key = ?",
                           "ibtit", (int64_t)size, sha, (size_t)CS_SHA_LEN, r->res, (int64_t)CS_CKPT_REGISTRY,
                           r->key);
    }
    free(hive);
    free(old);
    return err;
}

uint32_t cs__ckpt_hive_migrate(cs_store *s)
{
    struct row *rows = NULL;
    cs_stage stage;
    size_t n = 0, i;
    uint32_t err;

    if ((err = list_rows(s, &rows, &n))) {
        free_rows(rows, n);
        return err;
    }
    if (!(err = cs__stage_begin(s, &stage))) {
        for (i = 0; !err && i < n; i++)
            err = convert(s, &stage, &rows[i]);
        if (!err)
            err = cs__stage_commit(s, &stage, 0);
        cs__stage_end(s, &stage);
    }
    free_rows(rows, n);
    return err;
}

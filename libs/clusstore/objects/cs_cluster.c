/* Cluster-wide settings: name, version, quorum. */
#include "cs_internal.h"

#include <string.h>

static uint32_t get_fn(cs_store *s, void *arg)
{
    cs_cluster *c = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st,
                        "SELECT name, id, quorum_resource, quorum_path, max_log_size, highest_version, lowest_version,"
                        " major, minor, build, csd, log_seq, log_bytes,"
                        " (SELECT ifnull(max(seq), 0) FROM log_checkpoint) FROM cluster",
                        "")))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "cluster row missing");
    if (!err) {
        cs__copy(c->name, sizeof(c->name), sqlite3_column_text(st, 0));
        cs__copy(c->id, sizeof(c->id), sqlite3_column_text(st, 1));
        cs__copy(c->quorum_resource, sizeof(c->quorum_resource), sqlite3_column_text(st, 2));
        cs__copy(c->quorum_path, sizeof(c->quorum_path), sqlite3_column_text(st, 3));
        c->max_log_size = (uint32_t)sqlite3_column_int64(st, 4);
        c->highest_version = (uint32_t)sqlite3_column_int64(st, 5);
        c->lowest_version = (uint32_t)sqlite3_column_int64(st, 6);
        c->major_version = (uint16_t)sqlite3_column_int(st, 7);
        c->minor_version = (uint16_t)sqlite3_column_int(st, 8);
        c->build_number = (uint16_t)sqlite3_column_int(st, 9);
        cs__copy(c->csd_version, sizeof(c->csd_version), sqlite3_column_text(st, 10));
        c->log_seq = (uint64_t)sqlite3_column_int64(st, 11);
        c->log_bytes = (uint64_t)sqlite3_column_int64(st, 12);
        c->checkpoint_seq = (uint64_t)sqlite3_column_int64(st, 13);
    }
    cs__done(s, st);
    return err;
}

uint32_t cs_cluster_get(cs_store *s, cs_cluster *out)
{
    if (!out)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    memset(out, 0, sizeof(*out));
    return cs__read(s, get_fn, out);
}

static uint32_t rename_fn(cs_store *s, void *arg)
{
    const char *name = arg;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT 1 FROM node WHERE name = ?", "t", name)))
        return err;
    err = cs__step(s, st, &row);
    cs__done(s, st);
    if (!err && row)
        err = cs__fail(s, CS_ERROR_DUP_NAME, "'%s' is the name of a node", name);
    /* The cluster's own Network Name holds the name as its private Name:
     * the one whose Name is the old name (a string, compared without case). */
    if (err || (err = cs__exec(s,
                               "UPDATE regval SET data = CAST(?1 || char(0) AS BLOB) WHERE name = 'Name' AND type = 1"
                               " AND key IN (SELECT " CS__SQL_PARAMETERS("id") " FROM resource"
                               " WHERE type = 'Network Name')"
                               " AND CAST(data AS TEXT) = (SELECT name || char(0) FROM cluster) COLLATE NOCASE",
                               "t", name)) ||
        (err = cs__exec(s, "UPDATE cluster SET name = ?", "t", name)))
        return err;
    return cs__log(s, "cluster.rename", "", "%s", name);
}

uint32_t cs_cluster_rename(cs_store *s, const char *name)
{
    uint32_t err = cs__check_name(s, "cluster", name);

    return err ? err : cs__write(s, rename_fn, (void *)name);
}

struct quorum_args { const char *res, *path; uint32_t max; };

static uint32_t quorum_fn(cs_store *s, void *arg)
{
    struct quorum_args *a = arg;
    cs_resource r;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)))
        return err;
    if (strcmp(r.type, "Physical Disk") && strcmp(r.type, "Majority Node Set") && strcmp(r.type, "Local Quorum"))
        return cs__fail(s, CS_ERROR_NOT_QUORUM_CAPABLE, "resource '%s' of type '%s' cannot be the quorum", r.name,
                        r.type);
    if ((err = cs__exec(s, "UPDATE cluster SET quorum_resource = ?, quorum_path = ?, max_log_size = ?", "tti", r.id,
                        a->path, (int64_t)a->max)))
        return err;
    return cs__log(s, "quorum.set", r.id, "path '%s', max log %u", a->path, a->max);
}

uint32_t cs_quorum_set(cs_store *s, const char *res, const char *path, uint32_t max_log_size)
{
    struct quorum_args a = { res, path, max_log_size };
    uint32_t err = cs__check_text(s, "quorum path", path, 1, CS_PATH_MAX - 1);

    if (err)
        return err;
    if (max_log_size < CS_QUORUM_LOG_MIN)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "maximum quorum log size %u is below the minimum %u",
                        max_log_size, CS_QUORUM_LOG_MIN);
    return cs__write(s, quorum_fn, &a);
}

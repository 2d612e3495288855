/* Resolving a name or GUID to a row, inside a caller's transaction. */
#include "cs_internal.h"

void cs__res_row(sqlite3_stmt *st, cs_resource *r)
{
    cs__copy(r->id, sizeof(r->id), sqlite3_column_text(st, 0));
    cs__copy(r->name, sizeof(r->name), sqlite3_column_text(st, 1));
    cs__copy(r->type, sizeof(r->type), sqlite3_column_text(st, 2));
    cs__copy(r->group, sizeof(r->group), sqlite3_column_text(st, 3));
    r->owner_node = (uint32_t)sqlite3_column_int64(st, 4);
    r->state = sqlite3_column_int(st, 5);
}

/* A name wins over an id: a resource may be named like another's GUID. */
uint32_t cs__res_lookup(cs_store *s, const char *name_or_id, cs_resource *out)
{
    char guid[CS_GUID_MAX];
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (!name_or_id || !name_or_id[0])
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no resource name");
    if ((err = cs__prep(s, &st,
                        "SELECT " CS_RES_COLUMNS CS_RES_FROM "WHERE r.name = ?1 OR r.id = ?2 "
                        "ORDER BY r.name = ?1 DESC LIMIT 1",
                        "tn", name_or_id, cs__norm_guid(name_or_id, guid) ? guid : NULL)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_RESOURCE_NOT_FOUND, "resource '%s' not found", name_or_id);
    if (!err)
        cs__res_row(st, out);
    cs__done(s, st);
    return err;
}

uint32_t cs__group_lookup(cs_store *s, const char *name_or_id, cs_group *out)
{
    char guid[CS_GUID_MAX];
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if (!name_or_id || !name_or_id[0])
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no group name");
    if ((err = cs__prep(s, &st,
                        "SELECT id, name, owner, state FROM grp WHERE name = ?1 OR id = ?2 "
                        "ORDER BY name = ?1 DESC LIMIT 1",
                        "tn", name_or_id, cs__norm_guid(name_or_id, guid) ? guid : NULL)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_GROUP_NOT_FOUND, "group '%s' not found", name_or_id);
    if (!err) {
        cs__copy(out->id, sizeof(out->id), sqlite3_column_text(st, 0));
        cs__copy(out->name, sizeof(out->name), sqlite3_column_text(st, 1));
        out->owner_node = (uint32_t)sqlite3_column_int64(st, 2);
        out->state = sqlite3_column_int(st, 3);
    }
    cs__done(s, st);
    return err;
}

uint32_t cs__node_lookup(cs_store *s, uint32_t id, cs_node *out)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT id, name, state FROM node WHERE id = ?", "i", (int64_t)id)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && !row)
        err = cs__fail(s, CS_ERROR_CLUSTER_NODE_NOT_FOUND, "node %u not found", id);
    if (!err) {
        out->id = (uint32_t)sqlite3_column_int64(st, 0);
        cs__copy(out->name, sizeof(out->name), sqlite3_column_text(st, 1));
        out->state = sqlite3_column_int(st, 2);
    }
    cs__done(s, st);
    return err;
}

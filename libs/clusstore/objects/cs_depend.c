/* Resource dependencies ([MS-CMRP] ApiAddResourceDependency rules). */
#include "cs_internal.h"

#include <string.h>

struct dep_args { const char *res, *dep; };

static uint32_t exists(cs_store *s, const char *sql, const char *a, const char *b, int *yes)
{
    sqlite3_stmt *st;
    uint32_t err = cs__prep(s, &st, sql, "tt", a, b);

    if (err)
        return err;
    err = cs__step(s, st, yes);
    cs__done(s, st);
    return err;
}

static uint32_t add_fn(cs_store *s, void *arg)
{
    struct dep_args *a = arg;
    cs_resource r, d;
    uint32_t err;
    int yes;

    if ((err = cs__res_lookup(s, a->res, &r)) || (err = cs__res_lookup(s, a->dep, &d)))
        return err;
    if (!strcmp(r.id, d.id))
        return cs__fail(s, CS_ERROR_CIRCULAR_DEPENDENCY, "resource '%s' cannot depend on itself", r.name);
    if (strcmp(r.group, d.group))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "'%s' and '%s' are not in the same group", r.name, d.name);
    if ((err = exists(s, "SELECT 1 FROM cluster WHERE quorum_resource = ? AND ? IS NOT NULL", r.id, "", &yes)))
        return err;
    if (yes)
        return cs__fail(s, CS_ERROR_DEPENDENCY_NOT_ALLOWED, "the quorum resource '%s' cannot depend on others", r.name);
    /* Windows adds a provider only while the dependent is not up (AddClusterResourceDependency). */
    if (r.state == CS_RES_ONLINE)
        return cs__fail(s, CS_ERROR_RESOURCE_ONLINE, "resource '%s' is online", r.name);
    if ((err = exists(s, "SELECT 1 FROM dependency WHERE res = ? AND dep = ?", r.id, d.id, &yes)))
        return err;
    if (yes)
        return cs__fail(s, CS_ERROR_DEPENDENCY_ALREADY_EXISTS, "'%s' already depends on '%s'", r.name, d.name);
    /* A cycle exists if the new provider already depends on r, directly or not. */
    if ((err = exists(s,
                      "WITH RECURSIVE up(id) AS (SELECT dep FROM dependency WHERE res = ?1"
                      " UNION SELECT d.dep FROM dependency d JOIN up ON d.res = up.id)"
                      " SELECT 1 FROM up WHERE id = ?2",
                      d.id, r.id, &yes)))
        return err;
    if (yes)
        return cs__fail(s, CS_ERROR_CIRCULAR_DEPENDENCY, "'%s' already depends on '%s'", d.name, r.name);
    if ((err = cs__exec(s, "INSERT INTO dependency VALUES(?, ?)", "tt", r.id, d.id)))
        return err;
    return cs__log(s, "dependency.add", r.id, "'%s' depends on '%s' (%s)", r.name, d.name, d.id);
}

uint32_t cs_resource_add_dependency(cs_store *s, const char *res, const char *dep)
{
    struct dep_args a = { res, dep };
    return cs__write(s, add_fn, &a);
}

static uint32_t remove_fn(cs_store *s, void *arg)
{
    struct dep_args *a = arg;
    cs_resource r, d;
    uint32_t err;

    if ((err = cs__res_lookup(s, a->res, &r)) || (err = cs__res_lookup(s, a->dep, &d)) ||
        (err = cs__exec(s, "DELETE FROM dependency WHERE res = ? AND dep = ?", "tt", r.id, d.id)))
        return err;
    if (!sqlite3_changes(s->db))
        return cs__fail(s, CS_ERROR_DEPENDENCY_NOT_FOUND, "'%s' does not depend on '%s'", r.name, d.name);
    return cs__log(s, "dependency.remove", r.id, "'%s' no longer depends on '%s' (%s)", r.name, d.name, d.id);
}

uint32_t cs_resource_remove_dependency(cs_store *s, const char *res, const char *dep)
{
    struct dep_args a = { res, dep };
    return cs__write(s, remove_fn, &a);
}

/* Several values of one cluster registry key written in one transaction,
 * the key made first if it is missing (a group's Parameters before its
 * first private property): the property SET control codes change a whole
 * list or nothing. */
#include "cs_internal.h"

struct batch_args {
    const char     *path;
    const cs_regval *vals;
    size_t          n;
};

static uint32_t batch_fn(cs_store *s, void *arg)
{
    const struct batch_args *a = arg;
    cs__regpath p;
    uint32_t err;
    size_t i;

    if ((err = cs__reg_resolve(s, a->path, &p, 1)))
        return err;
    for (i = 0; i < a->n; i++)
        if ((err = cs__reg_put(s, &p, a->vals[i].name, a->vals[i].type, a->vals[i].data, a->vals[i].size)))
            return err;
    return 0;
}

uint32_t cs_reg_set_values(cs_store *s, const char *path, const cs_regval *vals, size_t n)
{
    struct batch_args a = { path, vals, n };
    uint32_t err;
    size_t i;

    if (n && !vals)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no values");
    for (i = 0; i < n; i++)
        if ((err = cs__reg_check_value(s, vals[i].name, vals[i].type, vals[i].data, vals[i].size)))
            return err;
    return cs__write(s, batch_fn, &a);
}

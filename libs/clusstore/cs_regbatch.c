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
    if (p.kind == CS__REG_CLASS)
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "registry key %s holds only its objects' keys", p.path);
    for (i = 0; i < a->n; i++) {
        const cs_regval *v = &a->vals[i];

        if (cs__reg_is_synthetic(&p, v->name))
            return cs__fail(s, CS_ERROR_ACCESS_DENIED, "value '%s' of %s comes from the object itself", v->name,
                            p.path);
        if ((err = cs__exec(s, "INSERT OR REPLACE INTO regval VALUES(?, ?, ?, ?)", "ttib", p.path, v->name,
                            (int64_t)v->type, v->data, v->size)) ||
            (err = cs__log(s, "registry.value.set", p.object, "%s '%s' type %u (%zu bytes)", p.path, v->name,
                           v->type, v->size)))
            return err;
    }
    return 0;
}

uint32_t cs_reg_set_values(cs_store *s, const char *path, const cs_regval *vals, size_t n)
{
    struct batch_args a = { path, vals, n };
    uint32_t err;
    size_t i;

    if (n && !vals)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no values");
    for (i = 0; i < n; i++) {
        if ((err = cs__check_text(s, "registry value name", vals[i].name, 0, CS_NAME_MAX - 1)))
            return err;
        if ((vals[i].size && !vals[i].data) || vals[i].size > CS_REG_DATA_MAX)
            return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "value data missing or larger than %u bytes",
                            CS_REG_DATA_MAX);
    }
    return cs__write(s, batch_fn, &a);
}

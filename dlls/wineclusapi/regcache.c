/*
 * The listings of cluster registry keys that enumerations walk by index.
 *
 * ClusterRegEnumKey and ClusterRegEnumValue are called once per index, and
 * each listed the whole key again: walking 20 000 subkeys read 20 000
 * listings of 20 000 names (5.8 ms each, near two minutes).  The last
 * listings are kept while the store stays unchanged (cs_store_stamp): any
 * write, by this process or another, and the next call lists the key anew,
 * so an index always means what a listing at that moment would say.  Only
 * called between session_enter and session_leave, whose lock guards them.
 */
#include <string.h>

#include "clusapi_private.h"

/* Enough for a walk down a tree as deep as this, each level's parent still kept. */
#define LISTINGS 16

struct listing
{
    cs_store *store;             /* a stamp means something only on its store */
    BOOL      used, values;
    char      path[CS_PATH_MAX];
    uint64_t  stamp;             /* 0: not to be used again */
    void     *items;             /* cs_regkey_name[] or cs_regval[], the store's allocation */
    size_t    n;
    unsigned  last_use;
};

static struct listing listings[LISTINGS];
static unsigned uses;

static struct listing *listing_of(cs_store *store, const char *path, BOOL values, DWORD *err)
{
    uint64_t stamp = cs_store_stamp(store);
    struct listing *l, *victim = &listings[0];
    size_t i;

    for (i = 0; i < LISTINGS; i++)
    {
        l = &listings[i];
        if (l->used && stamp && l->store == store && l->stamp == stamp && l->values == values &&
            !strcmp(l->path, path))
        {
            l->last_use = ++uses;
            return l;
        }
        if (!l->used || (victim->used && l->last_use < victim->last_use)) victim = l;
    }
    cs_free(victim->items);
    memset(victim, 0, sizeof(*victim));
    *err = values ? cs_reg_list_values(store, path, (cs_regval **)&victim->items, &victim->n)
                  : cs_reg_list_keys(store, path, (cs_regkey_name **)&victim->items, &victim->n);
    if (*err) return NULL;
    victim->used = TRUE;
    victim->store = store;
    victim->values = values;
    strcpy(victim->path, path);
    victim->stamp = stamp;
    victim->last_use = ++uses;
    return victim;
}

DWORD regcache_subkey(cs_store *store, const char *path, DWORD index, char name[CS_NAME_MAX])
{
    struct listing *l;
    DWORD err = ERROR_SUCCESS;

    if (!(l = listing_of(store, path, FALSE, &err))) return err;
    if (index >= l->n) return ERROR_NO_MORE_ITEMS;
    memcpy(name, ((cs_regkey_name *)l->items)[index].name, CS_NAME_MAX);
    return ERROR_SUCCESS;
}

DWORD regcache_value(cs_store *store, const char *path, DWORD index, cs_regval *out, void **data)
{
    struct listing *l;
    const cs_regval *v;
    DWORD err = ERROR_SUCCESS;

    *data = NULL;
    if (!(l = listing_of(store, path, TRUE, &err))) return err;
    if (index >= l->n) return ERROR_NO_MORE_ITEMS;
    v = &((cs_regval *)l->items)[index];
    if (!(*data = HeapAlloc(GetProcessHeap(), 0, v->size ? v->size : 1))) return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(*data, v->data, v->size);
    *out = *v;
    out->data = *data;
    return ERROR_SUCCESS;
}

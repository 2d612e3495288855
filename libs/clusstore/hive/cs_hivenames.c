/* A hive's key and value names, each read from the hive once.  hivex recodes
 * a name (iconv) on every call and finds a value by name by recoding every
 * value name of its key, so the chk reader's lookups grew with the square of
 * a key's values: every stored key's descriptor is a value of one key
 * (Wineclus\Security), and a restore of 20 000 keys with descriptors took
 * 12.8 s, 0.19 s with this.  Each key's name and values are read the first
 * time they are asked for and kept, by the key's offset: names until the
 * reader is done, values until it says it is done with the key (so what it
 * holds stays within a few keys' values besides the names). */
#include "cs_chkhive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ent {
    hive_node_h    key;            /* 0: a free slot */
    char          *name;
    cs__hive_vals *vals;
};

struct cs__hive_names {
    hive_h     *h;
    struct ent *e;
    size_t      cap, used;         /* cap: a power of two, at most half used */
};

cs__hive_names *cs__hive_names_new(hive_h *h)
{
    cs__hive_names *c = calloc(1, sizeof(*c));

    if (c)
        c->h = h;
    return c;
}

static void vals_free(cs__hive_vals *t)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < t->n; i++)
        free(t->name[i]);
    free(t->name);
    free(t->v);
    free(t->by_name);
    free(t);
}

void cs__hive_names_free(cs__hive_names *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->cap; i++) {
        free(c->e[i].name);
        vals_free(c->e[i].vals);
    }
    free(c->e);
    free(c);
}

static size_t slot_of(const struct ent *e, size_t cap, hive_node_h key)
{
    size_t i = (size_t)((uint64_t)key * 0x9e3779b97f4a7c15ull >> 32) & (cap - 1);

    while (e[i].key && e[i].key != key)
        i = (i + 1) & (cap - 1);
    return i;
}

static struct ent *entry(cs__hive_names *c, hive_node_h key)
{
    struct ent *grown;
    size_t i, cap;

    if (!key) {
        errno = EINVAL;
        return NULL;
    }
    if (2 * (c->used + 1) > c->cap) {
        cap = c->cap ? 2 * c->cap : 64;
        if (!(grown = calloc(cap, sizeof(*grown))))
            return NULL;
        for (i = 0; i < c->cap; i++)
            if (c->e[i].key)
                grown[slot_of(grown, cap, c->e[i].key)] = c->e[i];
        free(c->e);
        c->e = grown;
        c->cap = cap;
    }
    i = slot_of(c->e, c->cap, key);
    if (!c->e[i].key) {
        c->e[i].key = key;
        c->used++;
    }
    return &c->e[i];
}

const char *cs__hive_key_name(cs__hive_names *c, hive_node_h key)
{
    struct ent *e = entry(c, key);

    if (e && !e->name)
        e->name = hivex_node_name(c->h, key);
    return e ? e->name : NULL;
}

static int by_name(const void *a, const void *b)
{
    const struct cs__hive_vname *x = a, *y = b;
    int d = strcasecmp(x->name, y->name);

    return d ? d : (x->pos > y->pos) - (x->pos < y->pos);
}

static cs__hive_vals *read_vals(hive_h *h, hive_node_h key)
{
    hive_value_h *v = hivex_node_values(h, key);
    cs__hive_vals *t;
    size_t i, n;

    if (!v)
        return NULL;
    for (n = 0; v[n]; n++)
        ;
    if (!(t = calloc(1, sizeof(*t))) || !(t->name = calloc(n + 1, sizeof(*t->name))) ||
        !(t->by_name = malloc((n + 1) * sizeof(*t->by_name)))) {
        vals_free(t);
        free(v);
        return NULL;
    }
    t->v = v;
    for (i = 0; i < n; i++, t->n++) {
        if (!(t->name[i] = hivex_value_key(h, v[i]))) {
            vals_free(t);
            return NULL;
        }
        t->by_name[i].name = t->name[i];
        t->by_name[i].pos = i;
    }
    qsort(t->by_name, n, sizeof(*t->by_name), by_name);
    return t;
}

const cs__hive_vals *cs__hive_values(cs__hive_names *c, hive_node_h key)
{
    struct ent *e = entry(c, key);

    if (e && !e->vals)
        e->vals = read_vals(c->h, key);
    return e ? e->vals : NULL;
}

void cs__hive_values_done(cs__hive_names *c, hive_node_h key)
{
    struct ent *e;

    if (!c->cap || !key)
        return;
    e = &c->e[slot_of(c->e, c->cap, key)];
    if (e->key == key) {
        vals_free(e->vals);
        e->vals = NULL;
    }
}

hive_value_h cs__hive_value(const cs__hive_vals *t, const char *name)
{
    size_t lo = 0, hi = t->n, mid;
    int d;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        d = strcasecmp(name, t->by_name[mid].name);
        if (d > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && !strcasecmp(name, t->by_name[lo].name) ? t->v[t->by_name[lo].pos] : 0;
}

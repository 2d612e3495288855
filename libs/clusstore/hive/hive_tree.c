/* A tree of keys added to a hive in time and space linear in its keys
 * (hive.h, cs_hive_tree_write).  hivex alone adds a subkey in time and
 * space proportional to its siblings (hive_bulk.c), and a bulk child must
 * have no subkey of its own until the splice; so the keys go in a depth at
 * a time, the subkeys of one parent together, in bulk where a parent gets
 * CS_HIVE_BULK_MIN or more, and the hive is spliced after each depth that
 * had such a parent: the keys of the next depth then go under keys like any
 * other. */
#include "hive.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The writing order: by depth, then each parent's subkeys together, in the
 * caller's order. */
struct ord {
    size_t      depth;
    hive_node_h parent;
    size_t      i;
};

static int by_depth(const void *a, const void *b)
{
    const struct ord *x = a, *y = b;

    if (x->depth != y->depth)
        return (x->depth > y->depth) - (x->depth < y->depth);
    return (x->i > y->i) - (x->i < y->i);
}

static int by_parent(const void *a, const void *b)
{
    const struct ord *x = a, *y = b;

    if (x->parent != y->parent)
        return (x->parent > y->parent) - (x->parent < y->parent);
    return (x->i > y->i) - (x->i < y->i);
}

/* The keys o[0..n) of one depth. */
static int write_depth(hive_h **h, cs_hive_tkey *k, struct ord *o, size_t n, cs_hive_tree_fn set, void *ctx,
                       char *err, size_t errlen)
{
    cs_hive_bulk *bulk = NULL, *use;
    hive_node_h node;
    size_t i, j;
    int e = 0;

    for (i = 0; i < n; i++)
        o[i].parent = k[o[i].i].parent == CS_HIVE_TOP ? k[o[i].i].under : k[k[o[i].i].parent].node;
    qsort(o, n, sizeof(*o), by_parent);
    for (i = 0; i < n && !e; i = j) {
        for (j = i; j < n && o[j].parent == o[i].parent; j++)
            ;
        if (j - i >= CS_HIVE_BULK_MIN && !bulk && !(bulk = cs_hive_bulk_new())) {
            snprintf(err, errlen, "out of memory");
            e = ENOMEM;
            break;
        }
        use = j - i >= CS_HIVE_BULK_MIN ? bulk : NULL;
        for (; i < j && !e; i++) {
            cs_hive_tkey *x = &k[o[i].i];
            errno = 0;
            node = use ? cs_hive_bulk_add(use, *h, o[i].parent, x->name)
                       : hivex_node_add_child(*h, o[i].parent, x->name);
            if (!node) {
                e = errno ? errno : EINVAL;
                snprintf(err, errlen, "cannot add the key \"%s\": %s", x->name, strerror(e));
            } else if ((x->node = node), errno = 0, set && set(ctx, o[i].i, *h, node)) {
                e = errno ? errno : ECANCELED;
                snprintf(err, errlen, "cannot store the values of key \"%s\": %s", x->name, strerror(e));
            }
        }
    }
    if (!e && bulk && !(*h = cs_hive_bulk_splice(bulk, *h, err, errlen)))
        e = errno ? errno : EFAULT;
    cs_hive_bulk_free(bulk);
    return e;
}

int cs_hive_tree_write(hive_h **h, cs_hive_tkey *k, size_t n, cs_hive_tree_fn set, void *ctx, char *err,
                       size_t errlen)
{
    struct ord *o;
    size_t i, j;
    int e = 0;

    if (!n)
        return 0;
    if (!(o = malloc(n * sizeof(*o)))) {
        snprintf(err, errlen, "out of memory");
        return ENOMEM;
    }
    for (i = 0; i < n; i++) {
        if (k[i].parent != CS_HIVE_TOP && k[i].parent >= i) {
            snprintf(err, errlen, "a key listed before its parent");
            free(o);
            return EINVAL;
        }
        o[i].depth = k[i].parent == CS_HIVE_TOP ? 0 : o[k[i].parent].depth + 1;
        o[i].i = i;
        k[i].node = 0;
    }
    qsort(o, n, sizeof(*o), by_depth);
    for (i = 0; i < n && !e; i = j) {
        for (j = i; j < n && o[j].depth == o[i].depth; j++)
            ;
        e = write_depth(h, k, o + i, j - i, set, ctx, err, errlen);
    }
    free(o);
    return e;
}

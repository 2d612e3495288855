/* Counting what a backup's hive holds by its keys, for `wineclus verify`:
 * the restore's checks of every row are not needed to count, nor a store. */
#include "cs_chkhive.h"
#include "hive.h"

#include <stdlib.h>
#include <string.h>

static size_t count_children(hive_h *h, hive_node_h parent, const char *name)
{
    hive_node_h node = parent ? hivex_node_get_child(h, parent, name) : 0;

    return node ? hivex_node_nr_children(h, node) : 0;
}

/* The strings of every resource's DependsOn, up to the first empty one, as
 * the restore reads them. */
static size_t count_dependencies(hive_h *h, hive_node_h root)
{
    hive_node_h cls = hivex_node_get_child(h, root, cs__reg_class_name(CS__CLS_RESOURCES)), *kids;
    size_t n = 0, i, len, ulen;
    hive_type t;
    char *data, *u, *p;

    if (!cls || !(kids = hivex_node_children(h, cls)))
        return 0;
    for (i = 0; kids[i]; i++) {
        hive_value_h v = hivex_node_get_value(h, kids[i], "DependsOn");
        if (!v || !(data = hivex_value_value(h, v, &t, &len)))
            continue;
        if ((uint32_t)t == CS_REG_MULTI_SZ && cs__hive_from_utf16(data, len, &u, &ulen)) {
            for (p = u; p < u + ulen && *p; p += strlen(p) + 1)
                n++;
            free(u);
        }
        free(data);
    }
    free(kids);
    return n;
}

int cs__hive_count(const void *buf, size_t len, cs__hive_counts *out, char *why, size_t whylen)
{
    hive_h *h = cs_hive_open_mem(buf, len, 0, why, whylen);
    hive_node_h root, ours, log;
    hive_value_h v;

    memset(out, 0, sizeof(*out));
    if (!h)
        return 1;
    root = hivex_root(h);
    ours = hivex_node_get_child(h, root, CS_HIVE_OURS);
    if (ours && (v = hivex_node_get_value(h, ours, "FormatVersion")))
        out->format = (unsigned)hivex_value_dword(h, v);
    out->nodes = count_children(h, root, cs__reg_class_name(CS__CLS_NODES));
    out->groups = count_children(h, root, cs__reg_class_name(CS__CLS_GROUPS));
    out->resources = count_children(h, root, cs__reg_class_name(CS__CLS_RESOURCES));
    out->restypes = count_children(h, root, cs__reg_class_name(CS__CLS_TYPES));
    out->networks = count_children(h, root, cs__reg_class_name(CS__CLS_NETWORKS));
    out->netifs = count_children(h, root, cs__reg_class_name(CS__CLS_NETIFS));
    out->dependencies = count_dependencies(h, root);
    if (ours && (log = hivex_node_get_child(h, ours, CS_HIVE_LOG)))
        out->log_records = hivex_node_nr_values(h, log);
    hivex_close(h);
    return 0;
}

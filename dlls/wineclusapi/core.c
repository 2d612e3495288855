/*
 * Core resources and groups (CLUS_FLAG_CORE): the quorum resource, the
 * cluster's own Network Name (the one whose Name is the cluster's name) and
 * the IP Address resources that name depends on; the groups holding them.
 * Nothing marks them in the store, so they are found from these facts.
 */
#include <string.h>

#include "clusapi_private.h"

static BOOL is_cluster_name(cs_store *store, const cs_resource *res, const cs_cluster *cluster)
{
    uint32_t format;
    size_t size;
    void *data;
    BOOL ret;

    if (strcmp(res->type, "Network Name")) return FALSE;
    if (cs_resource_get_property(store, res->id, "Name", &format, &data, &size)) return FALSE;
    ret = format == CS_PROP_SZ && size && memchr(data, 0, size) && !lstrcmpiA(data, cluster->name);
    cs_free(data);
    return ret;
}

BOOL resource_is_core(cs_store *store, const cs_resource *res)
{
    cs_resource *dependents = NULL;
    cs_cluster cluster;
    BOOL ret = FALSE;
    size_t i, n = 0;

    if (cs_cluster_get(store, &cluster)) return FALSE;
    if (!strcmp(res->id, cluster.quorum_resource) || is_cluster_name(store, res, &cluster)) return TRUE;
    if (strcmp(res->type, "IP Address") || cs_resource_list_dependents(store, res->id, &dependents, &n))
        return FALSE;
    for (i = 0; i < n && !ret; i++) ret = is_cluster_name(store, &dependents[i], &cluster);
    cs_free(dependents);
    return ret;
}

BOOL group_is_core(cs_store *store, const char *group_id)
{
    cs_resource *arr = NULL;
    BOOL ret = FALSE;
    size_t i, n = 0;

    if (cs_resource_list(store, group_id, &arr, &n)) return FALSE;
    for (i = 0; i < n && !ret; i++) ret = resource_is_core(store, &arr[i]);
    cs_free(arr);
    return ret;
}

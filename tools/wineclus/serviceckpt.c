/*
 * Registry and crypto checkpoints of a resource the node's cluster service
 * brings online: before its process starts, the checkpoints due in the
 * node's prefix (added, or restored, since the prefix last applied them)
 * are applied there, as any program of the prefix applies them when it
 * opens the cluster; clusckpt.exe does exactly that (OpenCluster and
 * CloseCluster) with the prefix's Wine.  docs/checkpoint-format.md,
 * "When checkpoints reach a node".
 */
#include "wineclus.h"

/* Opening the cluster is quick; a Wine prefix's first start is not. */
#define APPLY_WAIT_MS 60000

int ckpt_apply_due(cs_store *s, const cs_resource *r)
{
    cs_checkpoint *list;
    size_t n;
    uint32_t err;
    int status;

    if ((err = cs_checkpoint_list(s, r->id, 0, &list, &n)))
    {
        service_note("resource %s: its checkpoints not read: %s (error %u)", r->name, cs_errmsg(s), err);
        return 0;
    }
    cs_free(list);
    if (!n) return 1;
    if ((status = service_helper_run("clusckpt.exe", NULL, NULL, APPLY_WAIT_MS)))
    {
        service_note("resource %s: its checkpoints not applied (clusckpt status %d)", r->name, status);
        return 0;
    }
    service_note("resource %s: %zu checkpoint%s due applied", r->name, n, n > 1 ? "s" : "");
    return 1;
}

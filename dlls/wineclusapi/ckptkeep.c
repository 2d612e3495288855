/*
 * The checkpoint keeper: what Windows' cluster service does with a
 * resource's checkpoints while the resource lives on the node (KB 174070),
 * done by clusckpt.exe, which the node's cluster service runs in the
 * node's prefix and which calls WineClusCheckpointRound once a second.
 *
 * A node may write its copy of a resource's keys into the store only in
 * its tenure: from its own apply when the resource comes online here until
 * the resource leaves Online here.  Before that apply its copy may be older
 * than the store's (another node held the resource since); after the
 * resource moved away the new owner may have applied and changed it.  The
 * tenure is this process's memory, so a keeper that starts afresh applies
 * again before it saves anything.  Per resource the node owns, each round:
 *   Online or OnlinePending, no tenure: apply (forced), the tenure begins;
 *   Online in tenure: save what changed (ckptwatch: an unchanged key costs
 *     no read);
 *   Offline or Failed in tenure: save, the tenure ends;
 *   OnlinePending in a tenure that saw it Online: it left Online and came
 *     back (restarted, or moved away and back between two rounds): the
 *     tenure ends unsaved and a new one begins with an apply;
 *   a generation newer than the tenure's (a restore): the same.
 * A resource owned elsewhere ends its tenure unsaved.  Every save is also
 * checked against the owner in the store's transaction
 * (cs_checkpoint_save), so a move between the look and the write is seen.
 * docs/checkpoint-format.md, "As Windows keeps them".
 */
#include <string.h>
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

struct tenure
{
    char     resource[CS_GUID_MAX];
    uint64_t generation;            /* the newest of its checkpoints' at the apply */
    BOOL     seen_online;
    BOOL     visited;               /* in this round's list */
};

/* A node owns few resources with checkpoints: a plain array. */
static struct tenure *tenures;
static size_t ntenures;

static struct tenure *tenure_find(const char *resource)
{
    size_t i;

    for (i = 0; i < ntenures; i++)
        if (!strcmp(tenures[i].resource, resource)) return &tenures[i];
    return NULL;
}

static void tenure_end(struct tenure *t)
{
    if (t) *t = tenures[--ntenures];
}

static struct tenure *tenure_begin(const char *resource, uint64_t generation)
{
    size_t size = (ntenures + 1) * sizeof(*tenures);
    struct tenure *t = tenures ? HeapReAlloc(GetProcessHeap(), 0, tenures, size) : HeapAlloc(GetProcessHeap(), 0, size);

    if (!t) return NULL;
    tenures = t;
    t = &tenures[ntenures++];
    lstrcpynA(t->resource, resource, sizeof(t->resource));
    t->generation = generation;
    t->seen_online = FALSE;
    t->visited = TRUE;
    return t;
}

/* Saves the n checkpoints of one resource; FALSE when the node turned out
 * not to own it any more (the tenure is over). */
static BOOL save(cs_store *store, const cs_checkpoint *arr, size_t n, uint32_t node, DWORD *first_err)
{
    size_t i;
    DWORD err;

    for (i = 0; i < n; i++)
    {
        if (!(err = checkpoint_save(store, &arr[i], node))) continue;
        if (err == CS_ERROR_HOST_NODE_NOT_RESOURCE_OWNER) return FALSE;
        WARN("checkpoint %s of %s not saved: error %d\n", debugstr_a(arr[i].key), arr[i].resource, (int)err);
        if (!*first_err) *first_err = err;
    }
    return TRUE;
}

/* One resource's n checkpoints (arr); fresh: the cluster service brings it
 * online now.  -> the error of an apply, if one failed. */
static DWORD keep_resource(cs_store *store, const cs_checkpoint *arr, size_t n, uint32_t node, BOOL fresh,
                           DWORD *first_err)
{
    struct tenure *t = tenure_find(arr[0].resource);
    uint64_t generation = 0;
    cs_resource r;
    size_t i;
    DWORD err;

    if (t) t->visited = TRUE;
    if (cs_resource_find(store, arr[0].resource, &r) || r.owner_node != node)
    {
        tenure_end(t);
        return fresh ? CS_ERROR_HOST_NODE_NOT_RESOURCE_OWNER : ERROR_SUCCESS;
    }
    for (i = 0; i < n; i++)
        if (arr[i].generation > generation) generation = arr[i].generation;
    if (t && (fresh || generation != t->generation || (t->seen_online && r.state == CS_RES_ONLINE_PENDING)))
    {
        tenure_end(t);
        t = NULL;
    }
    switch (r.state)
    {
    case CS_RES_ONLINE:
    case CS_RES_ONLINE_PENDING:
        if (!t)
        {
            if ((err = checkpoint_apply(store, arr, n, TRUE, FALSE)))
            {
                ERR("checkpoints of %s not applied (error %d): tried again next round\n", r.name, (int)err);
                if (!*first_err) *first_err = err;
                return err;
            }
            TRACE("%s: applied, tenure begins\n", r.name);
            if ((t = tenure_begin(r.id, generation))) t->seen_online = r.state == CS_RES_ONLINE;
            return ERROR_SUCCESS;
        }
        if (r.state == CS_RES_ONLINE)
        {
            t->seen_online = TRUE;
            if (!save(store, arr, n, node, first_err)) tenure_end(t);
        }
        return ERROR_SUCCESS;
    case CS_RES_OFFLINE:
    case CS_RES_FAILED:
        if (t)
        {
            save(store, arr, n, node, first_err);
            TRACE("%s: saved, tenure ends\n", r.name);
            tenure_end(t);
        }
        return ERROR_SUCCESS;
    default:
        return ERROR_SUCCESS;
    }
}

static DWORD keep_round(cs_store *store, const char *online)
{
    uint32_t node = cs_node_local_id(store);
    DWORD err, first_err = ERROR_SUCCESS, online_err = ERROR_SUCCESS;
    cs_checkpoint *arr;
    size_t i, b, n;

    if ((err = cs_checkpoint_list(store, NULL, 0, &arr, &n))) return err;
    for (i = 0; i < ntenures; i++) tenures[i].visited = FALSE;
    ckptwatch_poll();
    /* The list comes ordered by resource: one run of it per resource. */
    for (b = 0; b < n; b = i)
    {
        BOOL fresh = online && !strcmp(online, arr[b].resource);

        for (i = b + 1; i < n && !strcmp(arr[i].resource, arr[b].resource); i++) {}
        err = keep_resource(store, arr + b, i - b, node, fresh, &first_err);
        if (fresh) online_err = err;
    }
    /* Deleted, or its last checkpoint gone. */
    for (i = 0; i < ntenures;)
        if (!tenures[i].visited) tenure_end(&tenures[i]);
        else i++;
    cs_free(arr);
    return online ? online_err : first_err;
}

/* Ours, not Server 2003's (docs/checkpoint-format.md): one round of the
 * keeper; with a resource id, that resource is coming online here now: its
 * tenure begins afresh with an apply, whose error is returned. */
DWORD WINAPI WineClusCheckpointRound(LPCWSTR lpszResourceId)
{
    cs_store *store;
    char *id = NULL;
    DWORD err;

    TRACE("(%s)\n", debugstr_w(lpszResourceId));

    if (lpszResourceId && !(id = utf8_from_wide(lpszResourceId))) return ERROR_INVALID_PARAMETER;
    if ((store = session_enter(&err)))
    {
        err = keep_round(store, id);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, id);
    return err;
}

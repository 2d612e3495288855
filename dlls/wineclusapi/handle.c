/*
 * The handle table.
 *
 * A handle is (generation, slot, type) packed into a pointer-sized value and
 * checked against the table before use, so NULL, closed, recycled and foreign
 * handles all fail with ERROR_INVALID_HANDLE instead of crashing the caller.
 * Closing a cluster handle closes everything opened through it, as
 * CloseCluster documents.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"

#define SLOT_BITS 20
#define TYPE_BITS 4
#define MAX_SLOTS ((1u << SLOT_BITS) - 1)
/* A handle is a pointer: in a 32-bit process 8 bits are left for the
 * generation, so a stale handle is caught until its slot is reused 256 times
 * (65536 times in a 64-bit process). */
#if UINTPTR_MAX > 0xffffffffu
#define GEN_BITS 16
#else
#define GEN_BITS 8
#endif
#define GEN_MASK ((1u << GEN_BITS) - 1)

struct slot
{
    enum handle_type type;      /* 0 when free */
    unsigned int gen;
    unsigned int parent;        /* slot of the cluster handle, 0 for clusters */
    struct handle_data data;
};

static struct slot *slots;      /* slot 0 is never used so that no handle is NULL */
static unsigned int slot_count;
static SRWLOCK table_lock = SRWLOCK_INIT;

static void *make_handle(unsigned int idx)
{
    uintptr_t v = ((uintptr_t)(slots[idx].gen & GEN_MASK) << (SLOT_BITS + TYPE_BITS))
                | ((uintptr_t)idx << TYPE_BITS) | slots[idx].type;
    return (void *)v;
}

/* The slot a handle names, or 0. Caller holds table_lock. */
static unsigned int find_slot(void *handle, enum handle_type type)
{
    uintptr_t v = (uintptr_t)handle;
    unsigned int idx = (v >> TYPE_BITS) & MAX_SLOTS;
    unsigned int gen = (v >> (SLOT_BITS + TYPE_BITS)) & GEN_MASK;

    if ((v >> (SLOT_BITS + TYPE_BITS)) > GEN_MASK) return 0;
    if ((v & ((1u << TYPE_BITS) - 1)) != type) return 0;
    if (!idx || idx >= slot_count) return 0;
    if (slots[idx].type != type || (slots[idx].gen & GEN_MASK) != gen) return 0;
    return idx;
}

static void free_slot(unsigned int idx)
{
    enum_list_free(slots[idx].data.list);
    memset(&slots[idx].data, 0, sizeof(slots[idx].data));
    slots[idx].type = 0;
    slots[idx].gen++;
}

void *handle_alloc(enum handle_type type, void *parent, const struct handle_data *data)
{
    unsigned int idx, parent_idx = 0;
    void *ret = NULL;

    AcquireSRWLockExclusive(&table_lock);
    if (parent && !(parent_idx = find_slot(parent, HANDLE_CLUSTER)))
    {
        ReleaseSRWLockExclusive(&table_lock);
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    for (idx = 1; idx < slot_count; idx++) if (!slots[idx].type) break;
    if (idx >= slot_count)
    {
        unsigned int count = slot_count ? slot_count * 2 : 64;
        struct slot *grown;

        if (count > MAX_SLOTS) count = MAX_SLOTS;
        if (idx >= count || !(grown = realloc(slots, count * sizeof(*slots))))
        {
            ReleaseSRWLockExclusive(&table_lock);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        memset(grown + slot_count, 0, (count - slot_count) * sizeof(*slots));
        slots = grown;
        if (!slot_count) idx = 1;
        slot_count = count;
    }
    slots[idx].type = type;
    slots[idx].parent = parent_idx;
    slots[idx].data = *data;
    ret = make_handle(idx);
    ReleaseSRWLockExclusive(&table_lock);
    return ret;
}

BOOL handle_get(void *handle, enum handle_type type, struct handle_data *data)
{
    unsigned int idx;

    AcquireSRWLockExclusive(&table_lock);
    if ((idx = find_slot(handle, type)) && data) *data = slots[idx].data;
    ReleaseSRWLockExclusive(&table_lock);
    return idx != 0;
}

void *handle_parent(void *handle, enum handle_type type)
{
    unsigned int idx;
    void *ret = NULL;

    AcquireSRWLockExclusive(&table_lock);
    if ((idx = find_slot(handle, type)) && slots[idx].parent) ret = make_handle(slots[idx].parent);
    ReleaseSRWLockExclusive(&table_lock);
    return ret;
}

BOOL handle_close(void *handle, enum handle_type type)
{
    unsigned int idx, child, n = 0, i;
    void **closed = NULL;

    AcquireSRWLockExclusive(&table_lock);
    if (!(idx = find_slot(handle, type)))
    {
        ReleaseSRWLockExclusive(&table_lock);
        return FALSE;
    }
    if (type == HANDLE_CLUSTER)
    {
        closed = malloc(slot_count * sizeof(*closed));
        for (child = 1; child < slot_count; child++)
            if (slots[child].type && slots[child].parent == idx)
            {
                if (closed) closed[n++] = make_handle(child);
                free_slot(child);
            }
    }
    free_slot(idx);
    ReleaseSRWLockExclusive(&table_lock);
    /* Told after the table's lock is left: notify.c takes it under its own. */
    for (i = 0; i < n; i++) notify_handle_closed(closed[i]);
    free(closed);
    notify_handle_closed(handle);
    return TRUE;
}

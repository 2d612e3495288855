/*
 * Which checkpointed registry keys changed since this process captured them.
 *
 * Reading a key tree costs wineserver round trips: about 0.3 ms a key, 15 of
 * the 18 ms of a 50-resource BackupClusterDatabase on tmpfs.  So each key a
 * capture reads is first watched (RegNotifyChangeKeyValue on the key and its
 * subtree, before the read, so no change slips between the two), and the
 * next capture skips it only while all of these hold:
 *   - its notification has not fired (Wine fires it on any value or subkey
 *     change and when the key is deleted);
 *   - the store still holds the contents with the digest captured then (a
 *     restore, or another process, may have replaced them).
 * A key that does not exist, or cannot be watched, is read every time.
 * The notifications are looked at all together when a capture of every
 * checkpoint begins (ckptwatch_poll): one wineserver round trip for up to 64
 * keys rather than one a key, which cost 11 us each in a 32-bit process on
 * the kernel of docs/performance.md.
 * Runs under the session lock, like every caller of the store.
 */
#include <string.h>
#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

struct watch
{
    char          resource[CS_GUID_MAX];
    char          key[CS_PATH_MAX];
    HKEY          hkey;              /* NULL: not watched now */
    HANDLE        event;
    BOOL          captured;          /* sha is what the store held after the last capture */
    BOOL          fired;             /* its notification had fired at the last poll */
    unsigned char sha[32];
};

static struct watch *watches;
static size_t nwatches, cap_watches;
/* Open addressing over watches by resource and key: a backup looks up every
 * checkpoint, so a linear search would be quadratic in their number. */
static size_t *slots;                /* index + 1, 0 for empty */
static size_t nslots;

static size_t hash(const char *resource, const char *key)
{
    size_t h = 2166136261u;

    for (; *resource; resource++) h = (h ^ (unsigned char)*resource) * 16777619u;
    h = (h ^ '\\') * 16777619u;
    for (; *key; key++) h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

static size_t *slot_of(const char *resource, const char *key)
{
    size_t i = hash(resource, key) & (nslots - 1);

    while (slots[i] && (strcmp(watches[slots[i] - 1].resource, resource) || strcmp(watches[slots[i] - 1].key, key)))
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

/* Keeps the table at most half full. */
static BOOL grow_slots(void)
{
    size_t n = nslots ? 2 * nslots : 64, *old = slots, old_n = nslots, i;

    if (!(slots = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, n * sizeof(*slots))))
    {
        slots = old;
        return FALSE;
    }
    nslots = n;
    for (i = 0; i < old_n; i++)
        if (old[i]) *slot_of(watches[old[i] - 1].resource, watches[old[i] - 1].key) = old[i];
    HeapFree(GetProcessHeap(), 0, old);
    return TRUE;
}

static struct watch *find(const cs_checkpoint *c, BOOL add)
{
    struct watch *w;
    size_t *slot;

    if (nslots && *(slot = slot_of(c->resource, c->key))) return &watches[*slot - 1];
    if (!add) return NULL;
    if (2 * (nwatches + 1) > nslots && !grow_slots()) return NULL;
    if (nwatches == cap_watches)
    {
        size_t cap = cap_watches ? 2 * cap_watches : 16;
        void *p = watches ? HeapReAlloc(GetProcessHeap(), 0, watches, cap * sizeof(*w))
                          : HeapAlloc(GetProcessHeap(), 0, cap * sizeof(*w));
        if (!p) return NULL;
        watches = p;
        cap_watches = cap;
    }
    w = &watches[nwatches];
    memset(w, 0, sizeof(*w));
    if (!(w->event = CreateEventW(NULL, TRUE, FALSE, NULL))) return NULL;
    lstrcpynA(w->resource, c->resource, sizeof(w->resource));
    lstrcpynA(w->key, c->key, sizeof(w->key));
    *slot_of(w->resource, w->key) = ++nwatches;
    return w;
}

static void unwatch(struct watch *w)
{
    if (w->hkey) RegCloseKey(w->hkey);
    w->hkey = NULL;
    w->captured = FALSE;
}

BOOL ckptwatch_unchanged(const cs_checkpoint *c)
{
    struct watch *w;

    if (c->kind != CS_CKPT_REGISTRY || !c->has_sha256 || !(w = find(c, FALSE))) return FALSE;
    return w->hkey && w->captured && !w->fired && !memcmp(w->sha, c->sha256, sizeof(w->sha));
}

/* Which of n watched events are signalled: a wait for any returns the first,
 * the next wait starts after it.  A failed wait counts the rest as fired, so
 * they are read again. */
static void mark_fired(HANDLE *events, size_t *which, DWORD n)
{
    DWORD start = 0, r;

    while (start < n)
    {
        r = WaitForMultipleObjects(n - start, events + start, FALSE, 0);
        if (r == WAIT_TIMEOUT) return;
        if (r < WAIT_OBJECT_0 + n - start)
        {
            watches[which[start + r - WAIT_OBJECT_0]].fired = TRUE;
            start += r - WAIT_OBJECT_0 + 1;
        }
        else
            for (; start < n; start++) watches[which[start]].fired = TRUE;
    }
}

void ckptwatch_poll(void)
{
    HANDLE events[MAXIMUM_WAIT_OBJECTS];
    size_t which[MAXIMUM_WAIT_OBJECTS], i = 0;
    DWORD n;

    while (i < nwatches)
    {
        for (n = 0; i < nwatches && n < MAXIMUM_WAIT_OBJECTS; i++)
        {
            watches[i].fired = FALSE;
            if (!watches[i].hkey || !watches[i].captured) continue;
            events[n] = watches[i].event;
            which[n++] = i;
        }
        mark_fired(events, which, n);
    }
}

void ckptwatch_arm(const cs_checkpoint *c)
{
    struct watch *w;
    WCHAR *name;
    LSTATUS status;

    if (c->kind != CS_CKPT_REGISTRY || !(w = find(c, TRUE))) return;
    unwatch(w);
    ResetEvent(w->event);
    w->fired = FALSE;
    if (!(name = wide_from_utf8(c->key))) return;
    /* Opened afresh: a key deleted and created again is another key. */
    status = RegOpenKeyExW(HKEY_LOCAL_MACHINE, name, 0, KEY_NOTIFY | REG_VIEW, &w->hkey);
    HeapFree(GetProcessHeap(), 0, name);
    if (status)
    {
        w->hkey = NULL;
        return;
    }
    status = RegNotifyChangeKeyValue(w->hkey, TRUE, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET, w->event, TRUE);
    if (status)
    {
        TRACE("cannot watch %s: error %d\n", debugstr_a(c->key), (int)status);
        unwatch(w);
    }
}

void ckptwatch_captured(const cs_checkpoint *c, const unsigned char sha[32])
{
    struct watch *w;

    if (c->kind != CS_CKPT_REGISTRY || !(w = find(c, FALSE)) || !w->hkey) return;
    memcpy(w->sha, sha, sizeof(w->sha));
    w->captured = TRUE;
}

void ckptwatch_forget(const cs_checkpoint *c)
{
    struct watch *w;

    if ((w = find(c, FALSE))) unwatch(w);
}

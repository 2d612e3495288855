/* The names of a set in its folder, read as a Windows file system reads
 * them: whatever their case.  Two names that a Windows file system could not
 * hold side by side ("quolog.log" and "QUOLOG.LOG") make the set ambiguous:
 * which of them a copy back to Windows would keep is anyone's guess. */
#include "backup_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static uint32_t corrupt2(cs_store *s, const char *what, const char *a, const char *b)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: %s %s%s%s", what, a, b ? " and " : "",
                    b ? b : "");
}

static uint32_t ambiguous(cs_store *s, const char *a, const char *b)
{
    return corrupt2(s, "two names that differ only by case:", a, b);
}

static uint32_t add(cs_store *s, bk_listing *l, const char *path, const char *disk, int kind)
{
    cs__vec v = { l->f, l->n, l->cap, sizeof(*l->f) };
    bk_found f;
    uint32_t err;

    snprintf(f.path, BK_REL_MAX, "%s", path);
    snprintf(f.disk, BK_REL_MAX, "%s", disk);
    f.kind = kind;
    err = cs__vec_push(s, &v, &f);
    l->f = v.items;
    l->n = v.n;
    l->cap = v.cap;
    return err;
}

/* The files of one GUID folder: checkpoint files only, since the folder is ours. */
static uint32_t scan_guid(cs_store *s, int dfd, const char *disk, const char *guid, bk_listing *l)
{
    char canon[BK_REL_MAX], path[BK_REL_MAX], shown[BK_REL_MAX];
    const char *name;
    uint32_t err = 0, index;
    size_t before = l->n;
    fsio_dir *d = NULL;
    int fd, x, kind;

    x = fsio_open_subdir(dfd, disk, &fd);
    if (x == ELOOP || x == ENOTDIR)
        return corrupt2(s, "not a folder:", disk, NULL);
    if (x)
        return bk_ioerr(s, x, 0, "open folder", disk);
    x = fsio_opendir(fd, &d);
    while (!x && !err && !(x = fsio_readdir(d, &name)) && name) {
        snprintf(shown, sizeof(shown), "%.*s/%.*s", CS_GUID_MAX, disk, (int)(BK_REL_MAX - CS_GUID_MAX - 2), name);
        if (!bk_canonical_name(name, 1, canon) || !bk_parse_ckpt_name(canon, &index, &kind))
            err = corrupt2(s, "file not of the set's form:", shown, NULL);
        else {
            snprintf(path, sizeof(path), "%.36s/%.12s", guid, canon);
            err = add(s, l, path, shown, kind);
        }
    }
    fsio_closedir(d);
    fsio_close(fd);
    if (!err && x)
        err = bk_ioerr(s, x, 0, "list", disk);
    if (!err && l->n == before)
        err = corrupt2(s, "folder without checkpoint files:", disk, NULL);
    return err;
}

static int by_name_nocase(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const bk_found *)a)->path, ((const bk_found *)b)->path);
}

/* Without a marker there is no set to judge (2, not 5087): the top level is
 * read whole before any of it is refused, and GUID folders only then. */
uint32_t bk_scan(cs_store *s, int dfd, bk_listing *l)
{
    char canon[BK_REL_MAX], **guids = NULL;
    const char *name;
    uint32_t err = 0, io = 0;
    size_t i, nguids = 0, gcap = 0;
    fsio_dir *d = NULL;
    int x, kind;

    memset(l, 0, sizeof(*l));
    x = fsio_opendir(dfd, &d);
    while (!x && !(x = fsio_readdir(d, &name)) && name) {
        kind = bk_name_kind(name);
        if (kind == BK_NAME_FOREIGN || !bk_canonical_name(name, 0, canon))
            continue;
        if (kind == BK_NAME_MARKER || kind == BK_NAME_MANIFEST) {
            char *slot = kind == BK_NAME_MARKER ? l->marker : l->manifest;
            if (slot[0] && !err)
                err = ambiguous(s, slot, name);
            else if (!slot[0])
                snprintf(slot, BK_REL_MAX, "%s", name);
        } else if (kind == BK_NAME_GUID) {
            char **p = nguids < gcap ? guids : realloc(guids, (gcap = gcap ? 2 * gcap : 64) * sizeof(*p));
            if (p)
                guids = p;
            if (!p || !(guids[nguids] = strdup(name))) {
                io = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
                break;
            }
            nguids++;
        } else if (!err)
            err = add(s, l, canon, name, 0);
    }
    fsio_closedir(d);
    if (x && !io)
        io = bk_ioerr(s, x, 0, "list", "backup folder");
    /* Sorted without case, two spellings of one folder are neighbours. */
    if (nguids > 1)
        qsort(guids, nguids, sizeof(*guids), by_name_nocase);
    for (i = 1; !err && i < nguids; i++)
        if (!strcasecmp(guids[i - 1], guids[i]))
            err = ambiguous(s, guids[i - 1], guids[i]);
    for (i = 0; !err && !io && l->marker[0] && i < nguids; i++)
        if (bk_canonical_name(guids[i], 0, canon))
            err = scan_guid(s, dfd, guids[i], canon, l);
    for (i = 0; i < nguids; i++)
        free(guids[i]);
    free(guids);
    if (!err && l->n > 1) {
        qsort(l->f, l->n, sizeof(*l->f), by_path);
        for (i = 1; !err && i < l->n; i++)
            if (!strcmp(l->f[i - 1].path, l->f[i].path))
                err = ambiguous(s, l->f[i - 1].disk, l->f[i].disk);
    }
    if (io || (err && l->marker[0])) {
        bk_listing_free(l);
        return io ? io : err;
    }
    if (err) {
        /* No set here (no marker): the caller says so. */
        bk_listing_free(l);
        err = 0;
    }
    return err;
}

bk_found *bk_listing_find(const bk_listing *l, const char *path)
{
    size_t lo = 0, hi = l->n, mid;
    int c;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = strcmp(l->f[mid].path, path);
        if (!c)
            return &l->f[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void bk_listing_free(bk_listing *l)
{
    free(l->f);
    memset(l, 0, sizeof(*l));
}

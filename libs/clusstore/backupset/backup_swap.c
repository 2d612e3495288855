/* Replacing one backup set by another inside the same folder so that a crash
 * at any moment leaves either the old set or the new set recoverable, and
 * Clusbackup.dat in the folder never stands over an incomplete set.
 *
 *   1. the new set is built in BK_STAGE, its own marker written last;
 *   2. phase A: our names in the folder move into BK_OLD, the marker first;
 *   3. commit point: BK_STAGE is renamed BK_SWAP ("the old set is aside");
 *   4. phase B: BK_SWAP's entries move into the folder, the marker last;
 *   5. BK_SWAP and BK_OLD are removed.
 *
 * A folder that holds nothing of ours has no old set to keep whole: the set
 * is built in the folder itself, its marker last, and a crash leaves only
 * files without a marker, which the next backup moves aside like any old
 * set.  That saves moving every entry of a large set once more.
 *
 * Repair reads the state from which hidden folders exist (bk_repair). */
#include "backup_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

/* Is our hidden folder `name` there?  Anything else under that reserved
 * name (a planted file or symlink) is removed rather than followed. */
static uint32_t present(cs_store *s, int dfd, const char *name, int *yes)
{
    struct stat st;
    int err = fsio_fstatat(dfd, name, &st);

    *yes = 0;
    if (err == ENOENT)
        return 0;
    if (err)
        return bk_ioerr(s, err, 0, "inspect", name);
    if (S_ISDIR(st.st_mode)) {
        *yes = 1;
        return 0;
    }
    err = fsio_unlinkat(dfd, name, 0);
    return err && err != ENOENT ? bk_ioerr(s, err, 1, "remove", name) : 0;
}

static uint32_t remove_tree(cs_store *s, int dfd, const char *name)
{
    int err = fsio_remove_tree(dfd, name);

    return err ? bk_ioerr(s, err, 1, "remove", name) : 0;
}

static uint32_t open_sub(cs_store *s, int dfd, const char *name, int *fd)
{
    int err = fsio_open_subdir(dfd, name, fd);

    return err ? bk_ioerr(s, err, 0, "open folder", name) : 0;
}

static uint32_t move(cs_store *s, int from, const char *name, int to)
{
    int err = fsio_renameat(from, name, to, name);

    return err ? bk_ioerr(s, err, 1, "move", name) : 0;
}

static uint32_t sync2(cs_store *s, int a, int b)
{
    uint32_t err = bk_sync_dir(s, a, "backup folder");

    return err ? err : bk_sync_dir(s, b, "backup staging folder");
}

/* Move our names (only the marker's spellings, or all the others) aside
 * into old_fd, or with old_fd < 0 remove them. */
static uint32_t move_names(cs_store *s, int dfd, int old_fd, int markers)
{
    const char *name;
    uint32_t err = 0;
    fsio_dir *d;
    int e, kind;

    e = fsio_opendir(dfd, &d);
    if (e)
        return bk_ioerr(s, e, 0, "list", "backup folder");
    while (!err && !(e = fsio_readdir(d, &name)) && name) {
        kind = bk_name_kind(name);
        if (kind != BK_NAME_FOREIGN && (kind == BK_NAME_MARKER) == markers)
            err = old_fd >= 0 ? move(s, dfd, name, old_fd) : remove_tree(s, dfd, name);
    }
    fsio_closedir(d);
    if (!err && e)
        err = bk_ioerr(s, e, 0, "list", "backup folder");
    if (err)
        return err;
    return old_fd >= 0 ? sync2(s, dfd, old_fd) : bk_sync_dir(s, dfd, "backup folder");
}

/* Phase A: every name of ours leaves the folder, the marker first so the
 * folder stops claiming a complete set before it loses any of it.  Every
 * spelling of the marker goes first: Wine finds "CLUSBACKUP.DAT" when asked
 * for Clusbackup.dat. */
static uint32_t move_ours_aside(cs_store *s, int dfd, int old_fd)
{
    uint32_t err = move_names(s, dfd, old_fd, 1);

    return err ? err : move_names(s, dfd, old_fd, 0);
}

/* Phase B and clean-up, from the commit point on: always forward. */
static uint32_t finish(cs_store *s, int dfd)
{
    struct stat st;
    const char *name;
    uint32_t err = 0;
    int swap_fd, e;
    fsio_dir *d;

    if ((err = open_sub(s, dfd, BK_SWAP, &swap_fd)))
        return err;
    e = fsio_opendir(swap_fd, &d);
    if (e)
        err = bk_ioerr(s, e, 0, "list", BK_SWAP);
    /* Only a set's own names come out, the marker last: anything else in
     * BK_SWAP was planted there and would replace the user's file of that
     * name, or (a case variant of the marker) claim the set early to Wine's
     * case-insensitive lookup.  It goes with BK_SWAP below. */
    while (!err && !(e = fsio_readdir(d, &name)) && name) {
        int kind = bk_name_kind(name);
        if (kind != BK_NAME_FOREIGN && kind != BK_NAME_MARKER)
            err = move(s, swap_fd, name, dfd);
    }
    fsio_closedir(d);
    if (!err && e)
        err = bk_ioerr(s, e, 0, "list", BK_SWAP);
    /* Every file of the new set is durably in place before the marker is. */
    if (!err)
        err = sync2(s, dfd, swap_fd);
    if (!err) {
        e = fsio_fstatat(swap_fd, CS_BACKUP_MARKER, &st);
        if (!e)
            err = move(s, swap_fd, CS_BACKUP_MARKER, dfd);
        else if (e != ENOENT)
            err = bk_ioerr(s, e, 0, "inspect", CS_BACKUP_MARKER);
    }
    if (!err)
        err = sync2(s, dfd, swap_fd);
    fsio_close(swap_fd);
    if (!err)
        err = remove_tree(s, dfd, BK_SWAP);
    if (!err)
        err = remove_tree(s, dfd, BK_OLD);
    return err ? err : bk_sync_dir(s, dfd, "backup folder");
}

static uint32_t make_old(cs_store *s, int dfd, int *old_fd)
{
    int e = fsio_mkdirat(dfd, BK_OLD, 0700), yes;
    uint32_t err;

    if (e == EEXIST) {
        /* Left by an interrupted phase A: keep what it already holds. */
        if ((err = present(s, dfd, BK_OLD, &yes)))
            return err;
        if (!yes)
            e = fsio_mkdirat(dfd, BK_OLD, 0700);
        else
            e = 0;
    }
    if (e)
        return bk_ioerr(s, e, 1, "create", BK_OLD);
    return open_sub(s, dfd, BK_OLD, old_fd);
}

/* Does the folder hold any name of ours (a set, or what is left of one)?
 * Our hidden folders need no look: bk_repair, just before, leaves none. */
static uint32_t holds_ours(cs_store *s, int dfd, int *yes)
{
    const char *name;
    fsio_dir *d;
    int e;

    *yes = 0;
    e = fsio_opendir(dfd, &d);
    if (e)
        return bk_ioerr(s, e, 0, "list", "backup folder");
    while (!*yes && !(e = fsio_readdir(d, &name)) && name)
        *yes = bk_name_kind(name) != BK_NAME_FOREIGN;
    fsio_closedir(d);
    return e ? bk_ioerr(s, e, 0, "list", "backup folder") : 0;
}

uint32_t bk_stage_open(cs_store *s, int dfd, int *stage_fd, int *in_place)
{
    uint32_t err;
    int e;

    *stage_fd = -1;
    if ((err = holds_ours(s, dfd, in_place)))
        return err;
    *in_place = !*in_place;
    if (*in_place) {
        e = fsio_open_subdir(dfd, ".", stage_fd);
        return e ? bk_ioerr(s, e, 0, "open folder", "backup folder") : 0;
    }
    e = fsio_mkdirat(dfd, BK_STAGE, 0700);
    if (!e)
        e = fsio_open_subdir(dfd, BK_STAGE, stage_fd);
    if (!e)
        e = fsio_fix_mode(*stage_fd, 0700);
    return e ? bk_ioerr(s, e, 1, "create", BK_STAGE) : 0;
}

uint32_t bk_stage_install(cs_store *s, int dfd, int in_place)
{
    return in_place ? 0 : bk_swap(s, dfd);
}

void bk_stage_drop(cs_store *s, int dfd, int in_place)
{
    char why[sizeof(s->err)];

    /* Nothing of an old set was touched: only the partial new one goes,
     * its marker (if it got that far) first.  The caller's error is the
     * one to report, not a failure of this clean-up. */
    memcpy(why, s->err, sizeof(why));
    if (!in_place)
        fsio_remove_tree(dfd, BK_STAGE);
    else if (!move_names(s, dfd, -1, 1))
        move_names(s, dfd, -1, 0);
    memcpy(s->err, why, sizeof(why));
}

uint32_t bk_swap(cs_store *s, int dfd)
{
    uint32_t err;
    int old_fd = -1, e;

    if ((err = make_old(s, dfd, &old_fd)))
        return err;
    err = move_ours_aside(s, dfd, old_fd);
    fsio_close(old_fd);
    if (err)
        return err;
    e = fsio_renameat(dfd, BK_STAGE, dfd, BK_SWAP);
    if (e)
        return bk_ioerr(s, e, 1, "rename", BK_STAGE);
    if ((err = bk_sync_dir(s, dfd, "backup folder")))
        return err;
    return finish(s, dfd);
}

uint32_t bk_repair(cs_store *s, int dfd, int *repaired)
{
    struct stat st;
    uint32_t err;
    int yes, stage_fd, e;

    *repaired = 0;
    if ((err = present(s, dfd, BK_SWAP, &yes)))
        return err;
    if (yes) {
        *repaired = 1;
        return finish(s, dfd);
    }
    if ((err = present(s, dfd, BK_STAGE, &yes)))
        return err;
    if (yes) {
        *repaired = 1;
        if ((err = open_sub(s, dfd, BK_STAGE, &stage_fd)))
            return err;
        e = fsio_fstatat(stage_fd, CS_BACKUP_MARKER, &st);
        fsio_close(stage_fd);
        if (!e && S_ISREG(st.st_mode))
            return bk_swap(s, dfd);
        if (e && e != ENOENT)
            return bk_ioerr(s, e, 0, "inspect", BK_STAGE "/" CS_BACKUP_MARKER);
        /* Incomplete: phase A never started, the old set is untouched. */
        if ((err = remove_tree(s, dfd, BK_STAGE)))
            return err;
    }
    if ((err = present(s, dfd, BK_OLD, &yes)))
        return err;
    if (yes) {
        *repaired = 1;
        if ((err = remove_tree(s, dfd, BK_OLD)))
            return err;
    }
    return *repaired ? bk_sync_dir(s, dfd, "backup folder") : 0;
}

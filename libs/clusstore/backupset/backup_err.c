/* Opening and locking the backup folder, and errno -> Windows code details. */
#include "backup_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

uint32_t bk_ioerr(cs_store *s, int err, int writing, const char *what, const char *name)
{
    return cs__fail(s, fsio_winerr(err, writing), "%s %s: %s", what, name, strerror(err));
}

uint32_t bk_open_locked(cs_store *s, const char *dir, int *dfd)
{
    struct stat st;
    uint32_t rc;
    int err;

    *dfd = -1;
    if (!dir || !*dir)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no backup folder given");
    err = fsio_open_dir(dir, dfd);
    if (err == ENOTDIR && !stat(dir, &st) && !S_ISDIR(st.st_mode))
        return cs__fail(s, CS_ERROR_DIRECTORY, "%s is a file, not a folder", dir);
    if (err == ENOENT || err == ENOTDIR)
        return cs__fail(s, CS_ERROR_PATH_NOT_FOUND, "backup folder %s does not exist", dir);
    if (err)
        return bk_ioerr(s, err, 0, "open folder", dir);
    /* A lock on the folder's own inode serialises every backup and restore
     * of it, whatever path each caller used to reach it. */
    if ((rc = bk_lock_folder(s, *dfd, dir))) {
        fsio_close(*dfd);
        *dfd = -1;
    }
    return rc;
}

/* Hive bytes in and out of hivex through descriptors: hivex opens and
 * commits by name, so it gets /proc/self/fd/N of a descriptor held here,
 * which names that very file whatever happens to paths meanwhile. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsio.h"
#include "hive.h"

static void fd_name(int fd, char *name, size_t n)
{
    snprintf(name, n, "/proc/self/fd/%d", fd);
}

/* An anonymous file only this process can reach. */
static int scratch_fd(int *fd, char *err, size_t errlen)
{
    if ((*fd = memfd_create("wineclus-hive", MFD_CLOEXEC)) >= 0)
        return 0;
    snprintf(err, errlen, "no scratch file for a hive: %s", strerror(errno));
    return errno;
}

hive_h *cs_hive_open_fd(int fd, int flags, char *err, size_t errlen)
{
    char name[40];
    hive_h *h;

    fd_name(fd, name, sizeof(name));
    if (!(h = hivex_open(name, flags & HIVEX_OPEN_WRITE)))
        snprintf(err, errlen, "not a registry hive: %s", strerror(errno));
    return h;
}

/* Scratch files are memory, not disk: they go around fsio, so the fault
 * hook's call counts stay those of the caller's real files. */
hive_h *cs_hive_open_mem(const void *buf, size_t len, int flags, char *err, size_t errlen)
{
    hive_h *h = NULL;
    void *map;
    int fd;

    if (scratch_fd(&fd, err, errlen))
        return NULL;
    if (ftruncate(fd, len) || (len && (map = mmap(NULL, len, PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED))
        snprintf(err, errlen, "cannot stage a hive: %s", strerror(errno));
    else {
        if (len) {
            memcpy(map, buf, len);
            munmap(map, len);
        }
        h = cs_hive_open_fd(fd, flags, err, errlen);
    }
    close(fd);
    return h;
}

int cs_hive_to_mem(hive_h *h, unsigned char **buf, size_t *len, char *err, size_t errlen)
{
    char name[40];
    struct stat st;
    void *map = MAP_FAILED;
    int fd, rc = 0;

    *buf = NULL;
    *len = 0;
    if ((rc = scratch_fd(&fd, err, errlen)))
        return rc;
    fd_name(fd, name, sizeof(name));
    if (hivex_commit(h, name, 0) || fstat(fd, &st)
        || (map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0)) == MAP_FAILED) {
        rc = errno;
        snprintf(err, errlen, "cannot write the hive: %s", strerror(rc));
    } else if (!(*buf = malloc(st.st_size))) {
        rc = ENOMEM;
        snprintf(err, errlen, "no memory for the hive");
    } else {
        memcpy(*buf, map, st.st_size);
        *len = st.st_size;
    }
    if (map != MAP_FAILED)
        munmap(map, st.st_size);
    close(fd);
    return rc;
}

int cs_hive_commit_fd(hive_h *h, int fd, char *err, size_t errlen)
{
    unsigned char *buf;
    size_t len;
    int rc;

    if ((rc = cs_hive_to_mem(h, &buf, &len, err, errlen)))
        return rc;
    if ((rc = fsio_write(fd, buf, len)))
        snprintf(err, errlen, "cannot write the hive: %s", strerror(rc));
    free(buf);
    return rc;
}

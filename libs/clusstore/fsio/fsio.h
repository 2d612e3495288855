/* The one door the backup writer and restore reader use to the file system.
 *
 * Every call returns 0 or an errno value (never -1), so callers cannot forget
 * to read errno, and every call passes the fault hook first: with
 * WINECLUS_FAULT=op:nth:errno set, the nth call of that op (counted from the
 * last fsio_fault_arm) fails with that errno without touching the disk, or,
 * with CRASH as the errno, the process _exits on the spot (status
 * FSIO_CRASH_STATUS) as if the power went.  Names are always relative to a
 * directory fd and never follow a final symlink. */
#ifndef WINECLUS_FSIO_H
#define WINECLUS_FSIO_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FSIO_CRASH_STATUS 86

/* Re-read WINECLUS_FAULT and restart the call counters. */
void fsio_fault_arm(void);
/* The injected errno for this call of op, 0 to go ahead (may not return). */
int  fsio_fault(const char *op);

/* A directory by path (following links: it is the caller's own path). */
int fsio_open_dir(const char *path, int *fd);
/* A subdirectory of dfd; a symlink there fails (ELOOP or ENOTDIR). */
int fsio_open_subdir(int dfd, const char *name, int *fd);
/* Open a file under dfd, O_NOFOLLOW and O_CLOEXEC always added. */
int fsio_openat(int dfd, const char *name, int flags, mode_t mode, int *fd);
/* Open a file that must be a regular one, which someone else may have
 * planted, with its fstat in *st.  Nothing else under that name is ever
 * opened or waited for: a symlink fails with ELOOP, anything else that is no
 * regular file (folder, FIFO, socket, device node) with FSIO_ENOTREG. */
int fsio_open_regular(int dfd, const char *name, int flags, mode_t mode, int *fd, struct stat *st);
/* ENXIO, as open(2) itself answers for a socket or a FIFO without a peer. */
#define FSIO_ENOTREG ENXIO
int fsio_mkdirat(int dfd, const char *name, mode_t mode);
int fsio_renameat(int from_dfd, const char *from, int to_dfd, const char *to);
int fsio_unlinkat(int dfd, const char *name, int flags);
int fsio_fstatat(int dfd, const char *name, struct stat *st);
int fsio_fstat(int fd, struct stat *st);
/* Write all n bytes, retrying short writes and EINTR. */
int fsio_write(int fd, const void *buf, size_t n);
/* Read up to n bytes; *got == 0 means end of file. */
int fsio_read(int fd, void *buf, size_t n, size_t *got);
/* The same at an offset (counted as "read" by the fault hook). */
int fsio_pread(int fd, void *buf, size_t n, uint64_t offset, size_t *got);
int fsio_fsync(int fd);
/* Start writing fd's dirty data back without waiting (sync_file_range), so
 * the disk works while the caller goes on; a later fsio_syncfs waits.  Both
 * count as "fsync" for the fault hook: they are flush calls too. */
int fsio_flush_start(int fd);
/* Make everything written on fd's file system durable (syncfs): one flush
 * for a whole tree of new files instead of one per file and folder. */
int fsio_syncfs(int fd);
int fsio_fchmod(int fd, mode_t mode);
int fsio_fsetxattr(int fd, const char *name, const void *value, size_t size);
int fsio_flock(int fd, int op);
/* Directory listing of fd's directory from its start (fd stays the
 * caller's, and must stay open until fsio_closedir; listings share its
 * offset, as dup'd descriptors would).  Read with getdents64 straight from
 * fd: fdopendir would cost five more system calls per folder (a dup, a
 * seek, fstat, two fcntl), which a backup pays for each of its folders. */
typedef struct fsio_dir fsio_dir;
int fsio_opendir(int fd, fsio_dir **out);
/* Next name, skipping "." and ".."; *name NULL at the end.  *type (may be
 * NULL) is the entry's DT_* type as listed, DT_UNKNOWN where the file system
 * does not say: a hint only, the entry may change before it is used. */
int fsio_readdir(fsio_dir *d, const char **name);
int fsio_readdir_type(fsio_dir *d, const char **name, unsigned char *type);
void fsio_closedir(fsio_dir *d);
/* After creating fd with mode: give it exactly mode, whatever the umask took
 * away.  No system call when the umask takes nothing from mode (the usual
 * case: 022 or 077 against 0600 and 0700).  The umask is the one
 * fsio_umask_read last saw (read at the first call if never): backup and
 * restore read it as they begin, so a caller that changes its umask between
 * two of them is served right. */
int fsio_fix_mode(int fd, mode_t mode);
void fsio_umask_read(void);
void fsio_close(int fd);

/* Remove name under dfd: a file or link is unlinked, a real directory emptied
 * (never through a symlink) and removed.  ENOENT counts as done. */
int fsio_remove_tree(int dfd, const char *name);

/* Windows error code for an errno; writing picks WRITE_FAULT vs READ_FAULT for EIO. */
uint32_t fsio_winerr(int err, int writing);

#endif

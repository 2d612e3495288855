/* sysent: the hot system calls through syscall() on i386 (see sysent.h). */
#define _GNU_SOURCE
#include "sysent.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__i386__)

/* glibc's open64 adds O_LARGEFILE; the bare system call does not. */
int sys_openat(int dfd, const char *name, int flags, mode_t mode)
{
    return (int)syscall(SYS_openat, dfd, name, flags | O_LARGEFILE, mode);
}

int sys_open(const char *path, int flags, mode_t mode)
{
    return sys_openat(AT_FDCWD, path, flags, mode);
}

int sys_close(int fd)
{
    return (int)syscall(SYS_close, fd);
}

ssize_t sys_read(int fd, void *buf, size_t n)
{
    return syscall(SYS_read, fd, buf, n);
}

ssize_t sys_write(int fd, const void *buf, size_t n)
{
    return syscall(SYS_write, fd, buf, n);
}

/* i386 passes a 64-bit offset as two registers, low half first. */
#define LO(v) ((uint32_t)((uint64_t)(v) & 0xffffffffu))
#define HI(v) ((uint32_t)((uint64_t)(v) >> 32))

ssize_t sys_pread(int fd, void *buf, size_t n, int64_t offset)
{
    return syscall(SYS_pread64, fd, buf, n, LO(offset), HI(offset));
}

int sys_fsync(int fd)
{
    return (int)syscall(SYS_fsync, fd);
}

int sys_flush_start(int fd)
{
    return (int)syscall(SYS_sync_file_range, fd, 0u, 0u, 0u, 0u, (unsigned)SYNC_FILE_RANGE_WRITE);
}

#else

int sys_openat(int dfd, const char *name, int flags, mode_t mode)
{
    return openat(dfd, name, flags, mode);
}

int sys_open(const char *path, int flags, mode_t mode)
{
    return open(path, flags, mode);
}

int sys_close(int fd)
{
    return close(fd);
}

ssize_t sys_read(int fd, void *buf, size_t n)
{
    return read(fd, buf, n);
}

ssize_t sys_write(int fd, const void *buf, size_t n)
{
    return write(fd, buf, n);
}

ssize_t sys_pread(int fd, void *buf, size_t n, int64_t offset)
{
    return pread(fd, buf, n, (off_t)offset);
}

int sys_fsync(int fd)
{
    return fsync(fd);
}

int sys_flush_start(int fd)
{
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

#endif

/* The futex condition variable serves every architecture, so the host's
 * unit tests run the very code the i386 build relies on. */
void sys_cond_init(sys_cond *c)
{
    c->seq = 0;
    c->waiters = 0;
}

void sys_cond_wait(sys_cond *c, pthread_mutex_t *m)
{
    uint32_t seq = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);

    /* A signal between the unlock and the wait has changed seq: the wait
     * then returns at once (EAGAIN) and no wake-up is lost. */
    c->waiters++;
    pthread_mutex_unlock(m);
    syscall(SYS_futex, &c->seq, FUTEX_WAIT_PRIVATE, seq, NULL, NULL, 0);
    pthread_mutex_lock(m);
    c->waiters--;
}

static void wake(sys_cond *c, int n)
{
    if (!c->waiters)
        return;
    __atomic_add_fetch(&c->seq, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &c->seq, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

void sys_cond_signal(sys_cond *c)
{
    wake(c, 1);
}

void sys_cond_broadcast(sys_cond *c)
{
    wake(c, INT_MAX);
}

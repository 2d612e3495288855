/* sysent: how the store and the backup writer enter the kernel for their hot
 * system calls.
 *
 * Debian 13's i386 glibc (2.41) enters every system call that is a
 * cancellation point (read, write, open, close, fsync, condition waits...)
 * by `int $0x80`, which some kernels make slow: 11 us a call on the VM of
 * docs/performance.md ("In process, 32-bit"), against 0.2 us through the
 * vDSO that glibc's syscall() uses.  On i386 these wrappers therefore call
 * syscall(); elsewhere they are the plain libc calls.
 *
 * Skipping the cancellation points is safe because nothing in this project
 * cancels a thread (no pthread_cancel anywhere: the backup's writer thread
 * is stopped by a message and joined), and a Wine process's own threads are
 * never cancelled by Wine either.
 *
 * Each call returns as its libc namesake does (-1 and errno). */
#ifndef WINECLUS_SYSENT_H
#define WINECLUS_SYSENT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

int     sys_openat(int dfd, const char *name, int flags, mode_t mode);
int     sys_open(const char *path, int flags, mode_t mode);
int     sys_close(int fd);
ssize_t sys_read(int fd, void *buf, size_t n);
ssize_t sys_write(int fd, const void *buf, size_t n);
ssize_t sys_pread(int fd, void *buf, size_t n, int64_t offset);
int     sys_fsync(int fd);
/* sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE): start writing the whole file back. */
int     sys_flush_start(int fd);

/* A condition variable for the backup pipe's hand-offs, whose wait is no
 * cancellation point either: a sequence number the waiter sleeps on with
 * FUTEX_WAIT (Linux's futex(2)), which every signal bumps.  Waiters recheck
 * their predicate in a loop, as with any condition variable.  All four calls
 * are made with the one mutex the waits name held: it guards the count of
 * waiters, so a signal nobody waits for costs no system call. */
typedef struct {
    uint32_t seq;
    unsigned waiters;
} sys_cond;

void sys_cond_init(sys_cond *c);
/* Returns with m held again, after a signal or spuriously. */
void sys_cond_wait(sys_cond *c, pthread_mutex_t *m);
void sys_cond_signal(sys_cond *c);
void sys_cond_broadcast(sys_cond *c);

#endif

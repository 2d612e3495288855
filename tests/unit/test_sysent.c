/* The system-call doors of sysent.c: what each one answers, offsets beyond
 * 4 GiB (split in two registers on i386), O_LARGEFILE, errno on failure, and
 * the futex condition variable's hand-offs between two threads.  Built for
 * the host here; `cc -m32` of this file with libs/clusstore/fsio/sysent.c
 * checks the i386 doors the same way (docs/performance.md). */
#define _GNU_SOURCE
#include "sysent.h"
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROUNDS 20000

static void test_files(const char *dir)
{
    const int64_t far = (int64_t)5 << 30;   /* 5 GiB: both halves of the offset matter */
    char path[4096], buf[16];
    struct stat st;
    int dfd, fd;

    snprintf(path, sizeof(path), "%s/f", dir);
    CHECK((dfd = sys_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)) >= 0);
    CHECK((fd = sys_openat(dfd, "f", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0);
    CHECK_EQ(sys_write(fd, "head", 4), 4);
    /* Put there by libc, read back through the door. */
    CHECK_EQ(pwrite(fd, "far", 3, (off_t)far), 3);
    CHECK(!fstat(fd, &st) && st.st_size == far + 3);
    CHECK_EQ(sys_pread(fd, buf, sizeof(buf), far), 3);
    CHECK(!memcmp(buf, "far", 3));
    CHECK_EQ(sys_pread(fd, buf, 4, 0), 4);
    CHECK(!memcmp(buf, "head", 4));
    /* read goes on from where write left the file offset. */
    CHECK_EQ(sys_read(fd, buf, 2), 2);
    CHECK(!memcmp(buf, "\0\0", 2));
    CHECK_EQ(sys_flush_start(fd), 0);
    CHECK_EQ(sys_fsync(fd), 0);
    CHECK_EQ(sys_close(fd), 0);
    /* Opened again read-only past 4 GiB: the door adds O_LARGEFILE where needed. */
    CHECK((fd = sys_open(path, O_RDONLY | O_CLOEXEC, 0)) >= 0);
    CHECK_EQ(sys_pread(fd, buf, sizeof(buf), far + 1), 2);
    CHECK_EQ(sys_close(fd), 0);
    errno = 0;
    CHECK(sys_openat(dfd, "f", O_RDWR | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST);
    errno = 0;
    CHECK(sys_close(-1) == -1 && errno == EBADF);
    errno = 0;
    CHECK(sys_write(-1, "x", 1) == -1 && errno == EBADF);
    unlink(path);
    sys_close(dfd);
}

/* Two threads take turns ROUNDS times: each waits for its turn on the
 * condition, so a lost wake-up hangs the test (and make check's timeout
 * fails it) instead of passing. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sys_cond turn_cond;
static int turn, errors;

static void *player(void *arg)
{
    int me = (int)(size_t)arg, i;

    for (i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        while (turn != me)
            sys_cond_wait(&turn_cond, &lock);
        if (turn != me)
            errors++;
        turn = !me;
        sys_cond_signal(&turn_cond);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void test_cond(void)
{
    pthread_t t[2];
    int i;

    sys_cond_init(&turn_cond);
    for (i = 0; i < 2; i++)
        CHECK(!pthread_create(&t[i], NULL, player, (void *)(size_t)i));
    for (i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK_EQ(errors, 0);
    CHECK_EQ(turn, 0);
    CHECK_EQ(turn_cond.waiters, 0);
    /* A signal or broadcast with nobody waiting is harmless. */
    pthread_mutex_lock(&lock);
    sys_cond_signal(&turn_cond);
    sys_cond_broadcast(&turn_cond);
    pthread_mutex_unlock(&lock);
    CHECK_EQ(turn_cond.waiters, 0);
}

/* A broadcast wakes every waiter at once. */
static int released;
static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!released)
        sys_cond_wait(&turn_cond, &lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void test_broadcast(void)
{
    pthread_t t[4];
    int i, all = 0;

    for (i = 0; i < 4; i++)
        CHECK(!pthread_create(&t[i], NULL, waiter, NULL));
    while (!all) {
        pthread_mutex_lock(&lock);
        all = turn_cond.waiters == 4;
        pthread_mutex_unlock(&lock);
        if (!all)
            usleep(1000);
    }
    pthread_mutex_lock(&lock);
    released = 1;
    sys_cond_broadcast(&turn_cond);
    pthread_mutex_unlock(&lock);
    for (i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    CHECK_EQ(turn_cond.waiters, 0);
}

int main(void)
{
    char dir[] = "/tmp/wineclus-sysent-XXXXXX";

    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_files(dir);
    rmdir(dir);
    test_cond();
    test_broadcast();
    return check_finish();
}

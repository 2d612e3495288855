/* What a hostile user can put in a backup folder, for the unit tests and
 * the stress campaign: things that are no files where a set's file or
 * folder goes (a FIFO, which opened waits for a writer; a bound socket,
 * which open refuses; device nodes, which opened act on a device), and
 * another process's flock on the folder. */
#ifndef WINECLUS_TEST_HOSTILE_FS_H
#define WINECLUS_TEST_HOSTILE_FS_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PL_FIFO, PL_SOCKET, PL_CHAR, PL_BLOCK, PL_COUNT };
static const char *const pl_names[PL_COUNT] = { "a FIFO", "a socket", "a char device", "a block device" };

/* Device nodes need root; 0 (said once on stderr) where they cannot be made. */
static inline int plant_devices_allowed(const char *who)
{
    static int said;

    if (geteuid() == 0)
        return 1;
    if (!said++)
        fprintf(stderr, "%s: not root: device nodes are not planted\n", who);
    return 0;
}

/* Make a thing of kind how at p, where nothing is; 1 on success. */
static inline int plant(const char *p, int how)
{
    struct sockaddr_un sa;
    char dir[4096];
    const char *slash = strrchr(p, '/');
    int fd, cwd, ok;

    switch (how) {
    case PL_FIFO:
        return !mkfifo(p, 0600);
    case PL_SOCKET:
        /* Bound from its folder: a socket's path is limited to 108 bytes. */
        if (!slash || snprintf(dir, sizeof(dir), "%.*s", (int)(slash - p), p) >= (int)sizeof(dir))
            return 0;
        memset(&sa, 0, sizeof(sa));
        sa.sun_family = AF_UNIX;
        snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", slash + 1);
        cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ok = cwd >= 0 && fd >= 0 && !chdir(dir) && !bind(fd, (struct sockaddr *)&sa, sizeof(sa));
        if (cwd >= 0 && fchdir(cwd))
            ok = 0;
        if (fd >= 0)
            close(fd);
        if (cwd >= 0)
            close(cwd);
        return ok;
    default:
        /* /dev/null's and /dev/loop0's numbers: harmless even if opened. */
        return !mknod(p, (how == PL_CHAR ? S_IFCHR : S_IFBLK) | 0600, how == PL_CHAR ? makedev(1, 3) : makedev(7, 0));
    }
}

/* A process named name holding flock op on dir until killed; -1 if it
 * could not take it. */
static inline pid_t hold_lock(const char *dir, int op, const char *name)
{
    int ready[2];
    pid_t pid;
    char c = 0;

    if (pipe(ready))
        return -1;
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY);
        prctl(PR_SET_NAME, name);
        if (fd < 0 || flock(fd, op) || write(ready[1], "x", 1) != 1)
            _exit(2);
        for (;;)
            pause();
    }
    close(ready[1]);
    if (pid > 0 && read(ready[0], &c, 1) != 1) {
        waitpid(pid, NULL, 0);
        pid = -1;
    }
    close(ready[0]);
    return pid;
}

#endif

/*
 * The processes a node's cluster service runs in its prefix (Generic
 * Application programs, the helpers clussvcctl.exe and clusckpt.exe): the
 * environment the service set for the prefix (wine_env_for_clusapi), stdin
 * from /dev/null unless the service talks to it (the checkpoint keeper), no
 * signal blocked, and death with the service however it
 * ends, kill -9 included (PR_SET_PDEATHSIG), so that a group that fails
 * over never runs on two nodes at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wineclus.h"

pid_t service_spawn(char *const argv[], int in_fd, int out_fd)
{
    pid_t pid, parent = getpid();
    sigset_t none;
    int null;

    if ((pid = fork()) == 0)
    {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent) _exit(127);
        null = in_fd >= 0 ? in_fd : open("/dev/null", O_RDWR);
        if (null < 0 || dup2(null, 0) < 0 || (out_fd >= 0 && dup2(out_fd, 1) < 0)) _exit(127);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

pid_t service_helper(const char *exe, const char *verb, const char *arg, int in_fd, int out_fd)
{
    char path[PATH_MAX + 32];
    char *argv[5] = { NULL };
    const char *dir = layout_dir(layout_prefix_is_win32() ? "i386" : "x86_64", "windows");
    pid_t pid;

    snprintf(path, sizeof(path), "%s/%s", dir ? dir : "", exe);
    if (!dir || access(path, R_OK))
    {
        service_note("no %s for this prefix's architecture (%s)", exe, path);
        return 0;
    }
    argv[0] = (char *)layout_wineloader();
    argv[1] = path;
    argv[2] = (char *)verb;
    argv[3] = (char *)arg;
    if ((pid = service_spawn(argv, in_fd, out_fd)) < 0)
    {
        service_note("cannot start %s: %s", exe, strerror(errno));
        return 0;
    }
    return pid;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) && errno == EINTR) {}
}

int service_helper_run(const char *exe, const char *verb, const char *arg, int wait_ms)
{
    pid_t pid = service_helper(exe, verb, arg, -1, -1), got;
    int status = 0, waited = 0;

    if (!pid) return -1;
    /* Decided by what waitpid said, not by the time: a child reaped on the
     * last poll is an answer, and one reaped is never signalled. */
    while ((got = waitpid(pid, &status, WNOHANG)) == 0 && waited < wait_ms)
    {
        sleep_ms(100);
        waited += 100;
    }
    if (got == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (got < 0)
    {
        service_note("%s %s %s: cannot wait for it: %s", exe, verb ? verb : "", arg ? arg : "", strerror(errno));
        return -1;
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    service_note("%s %s %s: no answer within %d s", exe, verb ? verb : "", arg ? arg : "", wait_ms / 1000);
    return -1;
}

/*
 * The processes a node's cluster service runs in its prefix (Generic
 * Application programs, the Generic Service helper): the environment the
 * service set for the prefix (wine_env_for_clusapi), stdin from /dev/null,
 * no signal blocked, and death with the service however it ends, kill -9
 * included (PR_SET_PDEATHSIG), so that a group that fails over never runs
 * on two nodes at once.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "wineclus.h"

pid_t service_spawn(char *const argv[])
{
    pid_t pid, parent = getpid();
    sigset_t none;
    int null;

    if ((pid = fork()) == 0)
    {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent) _exit(127);
        null = open("/dev/null", O_RDWR);
        if (null < 0 || dup2(null, 0) < 0) _exit(127);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

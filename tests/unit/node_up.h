/* A node kept up by another process, as a program of its prefix would. */
#ifndef WINECLUS_TEST_NODE_UP_H
#define WINECLUS_TEST_NODE_UP_H

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "clusstore.h"

/* A child that did act(store, name) on s's store and waits; -1 if it could not. */
static pid_t child_begin(cs_store *s, const char *name, uint32_t (*act)(cs_store *, const char *))
{
    int fds[2];
    pid_t pid;
    char c;

    if (pipe(fds))
        return -1;
    if ((pid = fork()) == 0) {
        cs_store *t;
        close(fds[0]);
        if (cs_open(cs_dir(s), NULL, NULL, &t) || act(t, name) || write(fds[1], "j", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    close(fds[1]);
    if (pid > 0 && read(fds[0], &c, 1) != 1) {
        waitpid(pid, NULL, 0);
        pid = -1;
    }
    close(fds[0]);
    CHECK(pid > 0);
    return pid;
}

/* A child that joined node name of s's store and waits; -1 if it could not. */
static pid_t node_up_begin(cs_store *s, const char *name)
{
    return child_begin(s, name, cs_node_join);
}

/* The child dies as a crash would: the node goes down. */
static void node_up_end(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

#endif

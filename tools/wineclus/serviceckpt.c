/*
 * The node's checkpoint keeper: clusckpt.exe keep, a child of the service
 * in the node's prefix (only a process of the prefix reads and writes its
 * registry), started once the node owns a resource with checkpoints.  It
 * applies and saves on its own once a second; the service asks it, on its
 * stdin, to apply a resource's checkpoints before the service starts the
 * resource's process (so the program sees them), and for a last round when
 * the service stops.  docs/checkpoint-format.md, "As Windows keeps them".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wineclus.h"

/* A prefix's first start of Wine can take long; a round does not. */
#define ANSWER_WAIT_MS 60000
#define END_WAIT_MS 10000

static pid_t keeper;
static int to_keeper = -1, from_keeper = -1;

static void forget_keeper(void)
{
    close(to_keeper);
    close(from_keeper);
    to_keeper = from_keeper = -1;
    keeper = 0;
}

static void kill_keeper(void)
{
    kill(keeper, SIGKILL);
    waitpid(keeper, NULL, 0);
    forget_keeper();
}

/* Still running?  One that ended is reaped and noted. */
static int keeper_alive(void)
{
    int status;

    if (!keeper) return 0;
    if (waitpid(keeper, &status, WNOHANG) != keeper) return 1;
    service_note("checkpoint keeper %d ended (status %d)", (int)keeper, status);
    forget_keeper();
    return 0;
}

static int start_keeper(void)
{
    int in[2], out[2];

    if (pipe2(in, O_CLOEXEC)) return 0;
    if (pipe2(out, O_CLOEXEC))
    {
        close(in[0]);
        close(in[1]);
        return 0;
    }
    keeper = service_helper("clusckpt.exe", "keep", NULL, in[0], out[1]);
    close(in[0]);
    close(out[1]);
    to_keeper = in[1];
    from_keeper = out[0];
    if (!keeper)
    {
        forget_keeper();
        return 0;
    }
    service_note("checkpoint keeper started, process %d", (int)keeper);
    return 1;
}

/* Does the node own a resource with checkpoints? */
static int owns_checkpoints(cs_store *s, uint32_t node)
{
    cs_checkpoint *list;
    cs_resource r;
    size_t i, n;
    int owns = 0;

    if (cs_checkpoint_list(s, NULL, 0, &list, &n)) return 0;
    for (i = 0; i < n && !owns; i++)
        owns = (!i || strcmp(list[i].resource, list[i - 1].resource)) && !cs_resource_find(s, list[i].resource, &r) &&
               r.owner_node == node;
    cs_free(list);
    return owns;
}

void ckpt_work(cs_store *s, uint32_t node, const char *prefix)
{
    if (prefix && !keeper_alive() && owns_checkpoints(s, node)) start_keeper();
}

/* One request, one answer line within wait_ms: the error it gives, -1 when
 * the keeper did not answer (it is ended then: a late answer would be
 * taken for the next request's). */
static long ask(const char *request, int wait_ms)
{
    char answer[32];
    size_t len = 0;
    struct pollfd p = { from_keeper, POLLIN, 0 };
    struct timespec start, now;
    ssize_t got;
    int left;

    /* SIGPIPE is blocked in the service: a keeper gone is EPIPE here. */
    if (dprintf(to_keeper, "%s\n", request) < 0)
    {
        service_note("checkpoint keeper: cannot ask it: %s", strerror(errno));
        kill_keeper();
        return -1;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;)
    {
        clock_gettime(CLOCK_MONOTONIC, &now);
        left = wait_ms - (int)((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
        if (left <= 0 || poll(&p, 1, left) <= 0)
        {
            if (left > 0 && errno == EINTR) continue;
            break;
        }
        if ((got = read(from_keeper, answer + len, 1)) <= 0) break;
        if (answer[len] == '\n')
        {
            answer[len] = 0;
            return strtol(answer, NULL, 10);
        }
        if (++len == sizeof(answer)) break;
    }
    service_note("checkpoint keeper: no answer to \"%s\" within %d s", request, wait_ms / 1000);
    kill_keeper();
    return -1;
}

int ckpt_online(cs_store *s, const cs_resource *r)
{
    char request[16 + CS_GUID_MAX];
    cs_checkpoint *list;
    size_t n;
    uint32_t err;
    long answer;

    if ((err = cs_checkpoint_list(s, r->id, 0, &list, &n)))
    {
        service_note("resource %s: its checkpoints not read: %s (error %u)", r->name, cs_errmsg(s), err);
        return 0;
    }
    cs_free(list);
    if (!n) return 1;
    if (!keeper_alive() && !start_keeper()) return 0;
    snprintf(request, sizeof(request), "online %s", r->id);
    if ((answer = ask(request, ANSWER_WAIT_MS)))
    {
        service_note("resource %s: its checkpoints not applied (error %ld)", r->name, answer);
        return 0;
    }
    service_note("resource %s: %zu checkpoint%s applied", r->name, n, n > 1 ? "s" : "");
    return 1;
}

void ckpt_stop(void)
{
    struct timespec tick = { 0, 100000000L };
    int waited;

    if (!keeper_alive()) return;
    if (ask("round", ANSWER_WAIT_MS) < 0) return;
    /* The end of its stdin ends it. */
    close(to_keeper);
    to_keeper = -1;
    for (waited = 0; waited < END_WAIT_MS && waitpid(keeper, NULL, WNOHANG) == 0; waited += 100)
        nanosleep(&tick, NULL);
    if (waited < END_WAIT_MS) forget_keeper();
    else kill_keeper();
}

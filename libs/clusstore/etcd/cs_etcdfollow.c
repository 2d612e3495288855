/* Notifications of a store on etcd (docs/etcd.md, "Notifications"): changes
 * made on other hosts touch no file here, so each watcher (store/cs_watch.c)
 * has a thread that follows the cluster's head key with an etcd watch and
 * writes a byte to events/tick at each change; every watcher of this host
 * then wakes and reads, and the read applies the change to the replica.  It
 * writes once more each time its watch is made, for a change that came while
 * it had none. */
#include "cs_internal.h"
#include "cs_etcd.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct cs__follow {
    pthread_t    thread;
    volatile int stop;
    cs_etcd     *etcd;
    char         key[CS_ETCD_CLUSTER_MAX + 16];
    int          tick_fd;
};

static void followed(void *ctx, int changed)
{
    static const char byte = 1;
    cs__follow *f = ctx;

    (void)changed; /* made or moved: either way, a read is due */
    if (pwrite(f->tick_fd, &byte, 1, 0) != 1) {
        /* the next change tries again */
    }
}

static void *follow_head(void *arg)
{
    cs__follow *f = arg;
    struct timespec pause = { 0, 100 * 1000000L };
    char why[512];
    sigset_t all;
    int i;

    /* Only curl and a pwrite here: no signal is this thread's to take. */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    while (!f->stop) {
        cs_etcd_watch(f->etcd, f->key, followed, f, &f->stop, why, sizeof(why));
        /* Ended (a member down, the stream closed): again half a second later. */
        for (i = 0; i < 5 && !f->stop; i++)
            nanosleep(&pause, NULL);
    }
    return NULL;
}

void cs__replica_follow_stop(cs__follow *f)
{
    if (!f)
        return;
    if (f->etcd) {
        f->stop = 1;
        pthread_join(f->thread, NULL);
        cs_etcd_free(f->etcd);
    }
    if (f->tick_fd >= 0)
        close(f->tick_fd);
    free(f);
}

uint32_t cs__replica_follow_start(cs_store *s, int tick_fd, cs__follow **out)
{
    cs__follow *f;
    uint32_t err;
    int e;

    *out = NULL;
    if (!(f = calloc(1, sizeof(*f)))) {
        close(tick_fd);
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    f->tick_fd = tick_fd;
    if ((err = cs__replica_follow_client(s, &f->etcd, f->key, sizeof(f->key)))) {
        cs__replica_follow_stop(f);
        return err;
    }
    if ((e = pthread_create(&f->thread, NULL, follow_head, f))) {
        cs_etcd_free(f->etcd);
        f->etcd = NULL;
        cs__replica_follow_stop(f);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "cannot start the thread that follows etcd: %s", strerror(e));
    }
    *out = f;
    return 0;
}

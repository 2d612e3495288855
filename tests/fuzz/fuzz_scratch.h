/* A fuzz target's store, in a folder of its own under /tmp made as the target
 * starts and removed, with what the target put beside it, as it exits:
 * libFuzzer ends a run with exit(), so atexit handlers run; a crash leaves
 * the folder for whoever looks into it. */
#ifndef WINECLUS_FUZZ_SCRATCH_H
#define WINECLUS_FUZZ_SCRATCH_H

#include "clusstore.h"
#include "fsio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRATCH_TOP "/tmp/"

static cs_store *store;
static char scratch[2][64];   /* under SCRATCH_TOP: the store's folder, and one more */

static inline void scratch_remove(void)
{
    int dfd, i;

    cs_close(store);
    store = NULL;
    if (fsio_open_dir(SCRATCH_TOP, &dfd))
        return;
    for (i = 0; i < 2; i++)
        if (scratch[i][0])
            fsio_remove_tree(dfd, scratch[i] + strlen(SCRATCH_TOP));
    fsio_close(dfd);
}

/* The store, in SCRATCH_TOP "wineclus-fuzz-TAG.XXXXXX"; its folder's path. */
static inline const char *scratch_store(const char *tag)
{
    snprintf(scratch[0], sizeof(scratch[0]), SCRATCH_TOP "wineclus-fuzz-%s.XXXXXX", tag);
    if (!mkdtemp(scratch[0]) || cs_open(scratch[0], "FUZZ", "FUZZ", &store) || atexit(scratch_remove))
        abort();
    return scratch[0];
}

/* The store's folder's path and SUFFIX, removed at exit too. */
static inline const char *scratch_beside(const char *suffix)
{
    snprintf(scratch[1], sizeof(scratch[1]), "%s%s", scratch[0], suffix);
    return scratch[1];
}

#endif

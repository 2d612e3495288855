/*
 * What a slow backup or restore shows while it runs.  The progress line of
 * a long backup: only on a terminal, since in a log file a line rewritten
 * with \r is noise, and only for sets over 8 MB, since a small set is
 * written before anyone could read the line.  And why it waits, when
 * another program holds the folder: once, wherever stderr goes.
 */
#include <stdio.h>
#include <unistd.h>

#include "wineclus.h"

#define PROGRESS_MIN_BYTES (8u << 20)
#define MB(x) ((double)(x) / (1 << 20))

uint32_t progress_show(void *ctx, uint64_t done, uint64_t total)
{
    struct progress *p = ctx;
    int percent;

    if (total <= PROGRESS_MIN_BYTES || !isatty(STDERR_FILENO)) return 0;
    percent = done >= total ? 100 : (int)(done * 100 / total);
    /* Redrawing only on a new percent keeps a fast disk from flooding a slow terminal. */
    if (p->shown && percent == p->percent) return 0;
    fprintf(stderr, "\r  %d%% (%.1f of %.1f MB)", percent, MB(done), MB(total));
    fflush(stderr);
    p->shown = 1;
    p->percent = percent;
    return 0;
}

void progress_end(struct progress *p)
{
    if (p->shown) fputc('\n', stderr);
    p->shown = 0;
}

void lock_wait_show(void *ctx, const char *dir, const char *holder)
{
    (void)ctx;
    fprintf(stderr, "wineclus: waiting for %s, locked by %s...\n", dir, holder);
    fflush(stderr);
}

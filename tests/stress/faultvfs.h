/* An SQLite VFS over the default one that makes the store's own reads,
 * writes and syncs fail on demand, the way a failing or full disk would:
 * the store's file I/O does not go through fsio, so fsio's hook cannot
 * reach it. */
#ifndef WINECLUS_STRESS_FAULTVFS_H
#define WINECLUS_STRESS_FAULTVFS_H

enum { FV_READ, FV_WRITE, FV_SYNC, FV_OPS };

/* Install as the default VFS (once). */
void fv_install(void);
/* From now on count calls; the nth call of op (1-based) fails with rc, and
 * with sticky every later one too (a full disk stays full).  nth 0: none. */
void fv_plan(int op, unsigned nth, int rc, int sticky);
/* Calls of op since the last fv_plan, and whether a fault was returned. */
unsigned fv_count(int op);
int      fv_fired(void);

#endif

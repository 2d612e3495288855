/* Shared by the stress campaign's host programs in tests/stress: checks
 * that count into "N passed, N failed", figures for the campaign table, and
 * the two digests every campaign compares states with. */
#ifndef WINECLUS_STRESS_ST_H
#define WINECLUS_STRESS_ST_H

#include "backup_internal.h"
#include "wcreg.h"

#include <stdio.h>
#include <sys/types.h>

extern int st_passed, st_failed;

/* Failures print at most this many lines each campaign: 200 identical ones
 * hide the first, which is the one to read. */
#define ST_NOISE_MAX 50

void st_ok(int cond, const char *fmt, ...) CS_PRINTF(2, 3);
/* "figure NAME VALUE": a line tests/stress/run.sh puts in the table. */
void st_figure(const char *name, unsigned long long value);
int  st_finish(void);

/* Deterministic randomness per campaign (seeded from the command line). */
void     st_seed(unsigned long long seed);
uint64_t st_rand(void);
double   st_now(void);

/* Paths and files. */
void  st_path(char *out, size_t n, const char *dir, const char *name);
void  st_mkdir_fresh(const char *path);            /* rm -rf + mkdir 0700 */
void  st_rm_rf(const char *path);
char *st_slurp(const char *path, size_t *n);      /* NULL if unreadable */
int   st_spew(const char *path, const void *buf, size_t n);
int   st_copy_tree(const char *from, const char *to);

/* The backup set in dir as a digest of our names (sorted) and their bytes:
 * equal digests mean the same files with the same contents.  Hidden staging
 * folders are not part of it.  *marker: Clusbackup.dat is there. */
void st_set_digest(const char *dir, char out[65], int *marker);

/* The store's logical contents: the dump without the quorum log, log
 * sequence, log size and checkpoint generations (which a restore moves on
 * by design), plus every checkpoint's contents.  "" if it cannot be read. */
void st_store_digest(const char *store_dir, char out[65]);
long st_store_stray(const char *store_dir);

/* A store folder with a cluster, nres resources each holding nck registry
 * and one crypto checkpoint of `bytes` random bytes each (seeded). */
uint32_t st_populate(const char *store_dir, unsigned nres, unsigned nck, size_t bytes, uint64_t seed);
/* Change every checkpoint's contents and one property (a second state). */
uint32_t st_mutate(const char *store_dir, uint64_t seed);

/* Run the repair a later backup or restore would run, without faults. */
uint32_t st_repair(const char *dir);

/* Back up store into dir, or restore it from there (with force), in a child
 * given secs seconds, so a hang is a failed check, not a stuck campaign:
 * 0 with the call's *rc and cs_errmsg in msg, or -1 if it did not answer
 * (the child is killed). */
int st_timed_call(const char *store, const char *dir, int restore, double secs, uint32_t *rc, char *msg,
                  size_t n);

/* The host tool as the campaigns run it: `TOOL VERB DIR` (restore with
 * --force) on one store, WINECLUS_FAULT set to fault or unset, output
 * discarded.  st_tool_wait gives the exit status, or 128 + the signal. */
pid_t st_tool_spawn(const char *tool, const char *store, const char *verb, const char *dir, const char *fault);
int   st_tool_wait(pid_t pid);

#endif

/* Fault campaign: every file-system call of a backup and of a restore made
 * to fail in turn (disk full, I/O error, access denied), the store's own
 * SQLite I/O failing, and the process dying at every file-system call.
 *
 *   faults WINECLUS WORK [SMALLFS|-] [STEP]
 *
 * In process, this program replaces fsio's fault hook (fsio_fault and
 * fsio_fault_arm, so the archive's fsio_fault.o is not linked) with one that
 * counts calls and can keep failing from the nth call on, as a full disk
 * does.  The crash points go through the real hook: WINECLUS_FAULT=
 * op:nth:CRASH on the wineclus tool.  SMALLFS, when given, is an empty
 * folder on a small file system (tests/stress/run.sh mounts a tmpfs) for
 * real ENOSPC. */
#define _GNU_SOURCE
#include "st.h"
#include "faultvfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const ops[] = { "open", "mkdir", "rename", "unlink", "rmdir", "stat", "write", "read",
                                   "fsync", "chmod", "xattr", "flock", "opendir" };
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static unsigned calls[NOPS], plan_nth;
/* Every call point (1), or every step-th for the quick run of make check. */
static unsigned step = 1;
static int plan_op = -1, plan_err, plan_sticky, plan_fired;

static int op_index(const char *op)
{
    unsigned i;

    for (i = 0; i < NOPS; i++)
        if (!strcmp(ops[i], op))
            return (int)i;
    return -1;
}

void fsio_fault_arm(void)
{
    memset(calls, 0, sizeof(calls));
}

int fsio_fault(const char *op)
{
    int i = op_index(op);
    unsigned n;

    if (i < 0)
        return 0;
    n = ++calls[i];
    if (i != plan_op || (n != plan_nth && !(plan_sticky && n > plan_nth)))
        return 0;
    plan_fired = 1;
    return plan_err;
}

static void plan(int op, unsigned nth, int err, int sticky)
{
    plan_op = nth ? op : -1;
    plan_nth = nth;
    plan_err = err;
    plan_sticky = sticky;
    plan_fired = 0;
}

static const struct { int err; int sticky; const char *name; } errs[] = {
    { ENOSPC, 1, "ENOSPC" }, { EIO, 0, "EIO" }, { EACCES, 0, "EACCES" },
};
#define NERRS (sizeof(errs) / sizeof(errs[0]))

/* The documented code for err (either direction for EIO). */
static int code_ok(uint32_t rc, int err)
{
    return rc == fsio_winerr(err, 0) || rc == fsio_winerr(err, 1);
}

static unsigned long tried, absorbed, failed_clean;

static int no_staging(const char *dir)
{
    const char *names[] = { BK_STAGE, BK_SWAP, BK_OLD };
    char p[PATH_MAX];
    struct stat st;
    unsigned i;

    for (i = 0; i < 3; i++) {
        st_path(p, sizeof(p), dir, names[i]);
        if (!lstat(p, &st))
            return 0;
    }
    return 1;
}

/* ---- backup with fsio faults ---- */

static void backup_faults(const char *work, const char *sa, const char *sb)
{
    char dir[PATH_MAX], da[65], db[65], ssa[65], ssb[65], got[65], now[65];
    unsigned counts[NOPS], o, e, nth;
    cs_store *s;
    int marker, cur_a = 1, fired;
    uint32_t rc;

    st_path(dir, sizeof(dir), work, "fdest");
    st_mkdir_fresh(dir);
    st_store_digest(sa, ssa);
    st_store_digest(sb, ssb);
    cs_open(sb, NULL, NULL, &s);
    plan(-1, 0, 0, 0);
    st_ok(!cs_backup(s, dir, NULL, NULL), "backup of B");
    cs_close(s);
    st_set_digest(dir, db, &marker);
    /* The calls are counted on a backup over a set, as every one below is
     * (the first, into the empty folder, was built in place: no swap). */
    cs_open(sa, NULL, NULL, &s);
    st_ok(!cs_backup(s, dir, NULL, NULL), "backup of A");
    memcpy(counts, calls, sizeof(counts));
    cs_close(s);
    st_set_digest(dir, da, &marker);
    for (o = 0; o < NOPS; o++) {
        for (nth = 1; nth <= counts[o]; nth += step) {
            for (e = 0; e < NERRS; e++) {
                const char *want = cur_a ? db : da, *have = cur_a ? da : db;
                const char *store = cur_a ? sb : sa, *sd = cur_a ? ssb : ssa;

                cs_open(store, NULL, NULL, &s);
                plan((int)o, nth, errs[e].err, errs[e].sticky);
                rc = cs_backup(s, dir, NULL, NULL);
                fired = plan_fired;
                plan(-1, 0, 0, 0);
                tried++;
                st_ok(rc == 0 || code_ok(rc, errs[e].err), "backup, %s #%u %s: error %u (%s)", ops[o], nth,
                      errs[e].name, rc, cs_errmsg(s));
                st_ok(!rc || cs_errmsg(s)[0], "backup, %s #%u: error %u without a detail", ops[o], nth, rc);
                cs_close(s);
                st_store_digest(store, now);
                st_ok(!strcmp(now, sd), "backup, %s #%u %s: the store changed", ops[o], nth, errs[e].name);
                st_set_digest(dir, got, &marker);
                if (rc == 0)
                    st_ok(marker && !strcmp(got, want), "backup, %s #%u %s: success but not the new set", ops[o], nth,
                          errs[e].name);
                else if (marker)
                    st_ok(!strcmp(got, have) || !strcmp(got, want), "backup, %s #%u %s: marker over a mixed set",
                          ops[o], nth, errs[e].name);
                absorbed += rc == 0 && fired;
                failed_clean += rc != 0;
                st_ok(!st_repair(dir), "repair after %s #%u", ops[o], nth);
                st_set_digest(dir, got, &marker);
                st_ok(marker && (!strcmp(got, have) || !strcmp(got, want)) && no_staging(dir),
                      "backup, %s #%u %s: after repair neither set (or staging left)", ops[o], nth, errs[e].name);
                if (!strcmp(got, want))
                    cur_a = !cur_a;
            }
        }
    }
}

/* ---- restore with fsio faults ---- */

static void restore_faults(const char *work, const char *sa, const char *sb)
{
    char seta[PATH_MAX], setb[PATH_MAX], target[PATH_MAX], da[65], db[65], now[65];
    unsigned counts[NOPS], o, e, nth;
    cs_store *s;
    int cur_a = 1, fired;
    uint32_t rc;

    st_path(seta, sizeof(seta), work, "fset-a");
    st_path(setb, sizeof(setb), work, "fset-b");
    st_path(target, sizeof(target), work, "ftarget");
    st_mkdir_fresh(seta);
    st_mkdir_fresh(setb);
    plan(-1, 0, 0, 0);
    cs_open(sa, NULL, NULL, &s);
    st_ok(!cs_backup(s, seta, NULL, NULL), "set A");
    cs_close(s);
    cs_open(sb, NULL, NULL, &s);
    st_ok(!cs_backup(s, setb, NULL, NULL), "set B");
    cs_close(s);
    st_copy_tree(sa, target);
    cs_open(target, NULL, NULL, &s);
    st_ok(!cs_restore(s, setb, 1, NULL, NULL), "restore B");
    memcpy(counts, calls, sizeof(counts));
    cs_close(s);
    st_store_digest(target, db);
    cs_open(target, NULL, NULL, &s);
    st_ok(!cs_restore(s, seta, 1, NULL, NULL), "restore A");
    cs_close(s);
    st_store_digest(target, da);
    for (o = 0; o < NOPS; o++) {
        for (nth = 1; nth <= counts[o]; nth += step) {
            for (e = 0; e < NERRS; e++) {
                const char *want = cur_a ? db : da, *have = cur_a ? da : db;

                cs_open(target, NULL, NULL, &s);
                plan((int)o, nth, errs[e].err, errs[e].sticky);
                rc = cs_restore(s, cur_a ? setb : seta, 1, NULL, NULL);
                fired = plan_fired;
                plan(-1, 0, 0, 0);
                tried++;
                st_ok(rc == 0 || code_ok(rc, errs[e].err), "restore, %s #%u %s: error %u (%s)", ops[o], nth,
                      errs[e].name, rc, cs_errmsg(s));
                cs_close(s);
                st_store_digest(target, now);
                st_ok(!strcmp(now, rc ? have : want), "restore, %s #%u %s (error %u): store is not the %s state",
                      ops[o], nth, errs[e].name, rc, rc ? "old" : "new");
                absorbed += rc == 0 && fired;
                failed_clean += rc != 0;
                if (!strcmp(now, want))
                    cur_a = !cur_a;
            }
        }
    }
}

/* ---- the store's own I/O failing (SQLite) ---- */

/* A store with a cold, tiny page cache, so its reads reach the file (and
 * the fault VFS) instead of the pages cs_open's integrity check loaded. */
static cs_store *open_cold(const char *dir)
{
    cs_store *s = NULL;

    if (!cs_open(dir, NULL, NULL, &s)) {
        sqlite3_exec(s->db, "PRAGMA cache_size = 10; PRAGMA mmap_size = 0", NULL, NULL, NULL);
        sqlite3_db_release_memory(s->db);
    }
    return s;
}

static void sqlite_faults(const char *work, const char *sa, const char *sb)
{
    static const struct { int op; int rc; int sticky; uint32_t want; } kinds[] = {
        { FV_READ, SQLITE_IOERR_READ, 0, 30 }, { FV_WRITE, SQLITE_FULL, 1, 112 },
        { FV_WRITE, SQLITE_IOERR_WRITE, 0, 29 }, { FV_SYNC, SQLITE_IOERR_FSYNC, 0, 29 },
    };
    char dir[PATH_MAX], seta[PATH_MAX], target[PATH_MAX], da[65], got[65], before[65], now[65];
    unsigned k, nth, n;
    cs_store *s;
    int marker;
    uint32_t rc;

    fv_install();
    st_path(dir, sizeof(dir), work, "sdest");
    st_path(seta, sizeof(seta), work, "fset-a");
    st_path(target, sizeof(target), work, "ftarget");
    st_mkdir_fresh(dir);
    s = open_cold(sa);
    cs_backup(s, dir, NULL, NULL);
    cs_close(s);
    st_set_digest(dir, da, &marker);
    /* Backup: reading the store fails. */
    fv_plan(FV_READ, 0, 0, 0);
    s = open_cold(sb);
    fv_plan(FV_READ, 0, 0, 0);
    cs_backup(s, dir, NULL, NULL);
    n = fv_count(FV_READ);
    printf("a backup reads the store %u times\n", n);
    cs_close(s);
    st_mkdir_fresh(dir);
    s = open_cold(sa);
    cs_backup(s, dir, NULL, NULL);
    cs_close(s);
    for (nth = 1; nth <= n; nth += step) {
        s = open_cold(sb);
        fv_plan(FV_READ, nth, SQLITE_IOERR_READ, 0);
        rc = cs_backup(s, dir, NULL, NULL);
        fv_plan(FV_READ, 0, 0, 0);
        tried++;
        st_ok(rc == 0 || rc == 30, "backup, store read #%u fails: error %u (%s)", nth, rc, cs_errmsg(s));
        cs_close(s);
        st_set_digest(dir, got, &marker);
        if (rc) {
            failed_clean++;
            st_ok(marker && !strcmp(got, da) && no_staging(dir), "backup, store read #%u: previous set not whole", nth);
        } else {
            /* Put the A set back for the next round. */
            s = open_cold(sa);
            cs_backup(s, dir, NULL, NULL);
            cs_close(s);
        }
    }
    /* Restore: the store's reads, writes and syncs fail. */
    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        char setb[PATH_MAX];

        st_path(setb, sizeof(setb), work, "fset-b");
        s = open_cold(target);
        cs_restore(s, seta, 1, NULL, NULL);
        cs_close(s);
        st_store_digest(target, before);
        s = open_cold(target);
        fv_plan(kinds[k].op, 0, 0, 0);
        cs_restore(s, setb, 1, NULL, NULL);
        n = fv_count(kinds[k].op);
        printf("a restore makes %u store calls of kind %d\n", n, kinds[k].op);
        cs_close(s);
        /* Spread 40 points over the run rather than try each of thousands. */
        for (nth = 1; nth <= n; nth += (n / 40 + 1) * step) {
            s = open_cold(target);
            cs_restore(s, seta, 1, NULL, NULL);
            fv_plan(kinds[k].op, nth, kinds[k].rc, kinds[k].sticky);
            rc = cs_restore(s, setb, 1, NULL, NULL);
            fv_plan(FV_READ, 0, 0, 0);
            tried++;
            st_ok(rc == 0 || rc == kinds[k].want, "restore, store %s #%u fails (sqlite %d): error %u (%s)",
                  kinds[k].op == FV_READ ? "read" : kinds[k].op == FV_WRITE ? "write" : "sync", nth, kinds[k].rc, rc,
                  cs_errmsg(s));
            cs_close(s);
            st_store_digest(target, now);
            if (rc) {
                failed_clean++;
                st_ok(!strcmp(now, before), "restore, store I/O fault #%u: store not wholly old", nth);
            } else
                st_ok(strcmp(now, before) != 0, "restore, store I/O fault #%u: success but store not new", nth);
        }
    }
}

/* ---- the process dies at each file-system call (the real hook) ---- */

static int tool_run(const char *tool, const char *store, const char *verb, const char *dir, const char *fault)
{
    return st_tool_wait(st_tool_spawn(tool, store, verb, dir, fault));
}

static unsigned long crashes;

static void crash_points(const char *tool, const char *work, const char *sa, const char *sb)
{
    char dir[PATH_MAX], seta[PATH_MAX], setb[PATH_MAX], target[PATH_MAX], fault[64];
    char da[65], db[65], ta[65], tb[65], got[65];
    unsigned o, nth;
    int marker, rc, cur_a = 1, verb;

    st_path(dir, sizeof(dir), work, "cdest");
    st_path(seta, sizeof(seta), work, "fset-a");
    st_path(setb, sizeof(setb), work, "fset-b");
    st_path(target, sizeof(target), work, "ctarget");
    st_mkdir_fresh(dir);
    tool_run(tool, sb, "backup", dir, NULL);
    st_set_digest(dir, db, &marker);
    tool_run(tool, sa, "backup", dir, NULL);
    st_set_digest(dir, da, &marker);
    st_copy_tree(sa, target);
    tool_run(tool, target, "restore", setb, NULL);
    st_store_digest(target, tb);
    tool_run(tool, target, "restore", seta, NULL);
    st_store_digest(target, ta);
    for (verb = 0; verb < 2; verb++) {
        for (o = 0; o < NOPS; o++) {
            /* Until a run gets past the last call of this op. */
            for (nth = 1; nth < 10000; nth += step) {
                snprintf(fault, sizeof(fault), "%s:%u:CRASH", ops[o], nth);
                if (!verb)
                    rc = tool_run(tool, cur_a ? sb : sa, "backup", dir, fault);
                else
                    rc = tool_run(tool, target, "restore", cur_a ? setb : seta, fault);
                if (rc != FSIO_CRASH_STATUS) {
                    st_ok(rc == 0, "%s with %s: exit status %d", verb ? "restore" : "backup", fault, rc);
                    if (!verb) {
                        st_set_digest(dir, got, &marker);
                        cur_a = !strcmp(got, da);
                    } else {
                        st_store_digest(target, got);
                        cur_a = !strcmp(got, ta);
                    }
                    break;
                }
                crashes++;
                if (!verb) {
                    st_set_digest(dir, got, &marker);
                    if (marker)
                        st_ok(!strcmp(got, da) || !strcmp(got, db), "backup crash at %s: marker over a mixed set", fault);
                    st_ok(!st_repair(dir), "repair after %s", fault);
                    st_set_digest(dir, got, &marker);
                    st_ok(marker && (!strcmp(got, da) || !strcmp(got, db)) && no_staging(dir),
                          "backup crash at %s: after repair neither set", fault);
                    cur_a = !strcmp(got, da);
                } else {
                    st_store_digest(target, got);
                    st_ok(!strcmp(got, ta) || !strcmp(got, tb), "restore crash at %s: store neither old nor new", fault);
                    cur_a = !strcmp(got, ta);
                }
            }
        }
    }
}

/* ---- a real full disk ---- */

static void small_fs(const char *work, const char *small, const char *sa)
{
    char dir[PATH_MAX], filler[PATH_MAX], big[PATH_MAX], got[65], before[65], store_d[65], now[65];
    static char block[65536];
    cs_store *s;
    int marker, i, fd;
    uint32_t rc;
    unsigned long full = 0, ok = 0;

    st_path(dir, sizeof(dir), small, "dest");
    st_path(filler, sizeof(filler), small, "filler");
    st_path(big, sizeof(big), work, "store-big");
    st_mkdir_fresh(dir);
    cs_open(sa, NULL, NULL, &s);
    st_ok(!cs_backup(s, dir, NULL, NULL), "first backup onto the small file system");
    cs_close(s);
    st_set_digest(dir, before, &marker);
    st_ok(!st_populate(big, 4, 3, 512 * 1024, 99), "a store larger than the small file system");
    st_store_digest(big, store_d);
    /* Fill the rest in steps: each backup finds less room. */
    fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    for (i = 0; i < 40; i++) {
        cs_open(i % 4 == 3 ? big : sa, NULL, NULL, &s);
        rc = cs_backup(s, dir, NULL, NULL);
        tried++;
        st_ok(rc == 0 || rc == CS_ERROR_DISK_FULL, "backup on a full disk (step %d): error %u (%s)", i, rc, cs_errmsg(s));
        cs_close(s);
        st_set_digest(dir, got, &marker);
        if (rc) {
            full++;
            st_ok(marker && !strcmp(got, before) && no_staging(dir), "full disk step %d: previous set not whole", i);
        } else {
            ok++;
            before[0] = 0;
            st_set_digest(dir, before, &marker);
        }
        st_store_digest(i % 4 == 3 ? big : sa, now);
        if (i % 4 == 3)
            st_ok(!strcmp(now, store_d), "full disk step %d: store changed", i);
        if (write(fd, block, sizeof(block)) < 0)
            break;
    }
    close(fd);
    printf("small file system: %lu backups failed with ERROR_DISK_FULL, %lu succeeded\n", full, ok);
    st_figure("diskfull_backups", full + ok);
    st_figure("diskfull_refused", full);
    unlink(filler);
}

int main(int argc, char **argv)
{
    char sa[PATH_MAX], sb[PATH_MAX];

    if (argc < 3) {
        fprintf(stderr, "usage: faults WINECLUS WORK [SMALLFS|-] [STEP]\n");
        return 2;
    }
    if (argc > 4 && atoi(argv[4]) > 0)
        step = (unsigned)atoi(argv[4]);
    st_mkdir_fresh(argv[2]);
    st_path(sa, sizeof(sa), argv[2], "store-a");
    st_path(sb, sizeof(sb), argv[2], "store-b");
    st_ok(!st_populate(sa, 3, 2, 70000, 3), "populate A");
    st_ok(!st_copy_tree(sa, sb) && !st_mutate(sb, 11), "B: A with other contents");
    backup_faults(argv[2], sa, sb);
    restore_faults(argv[2], sa, sb);
    sqlite_faults(argv[2], sa, sb);
    st_figure("faults_injected", tried);
    st_figure("faults_refused_cleanly", failed_clean);
    st_figure("faults_absorbed", absorbed);
    crash_points(argv[1], argv[2], sa, sb);
    st_figure("crash_points", crashes);
    if (argc > 3 && strcmp(argv[3], "-"))
        small_fs(argv[2], argv[3], sa);
    printf("faults: %lu injected (%lu refused with a clear code, %lu absorbed), %lu crash points\n", tried,
           failed_clean, absorbed, crashes);
    return st_finish();
}

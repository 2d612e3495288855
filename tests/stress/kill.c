/* Interruption campaign: `wineclus backup` and `wineclus restore` killed with
 * SIGKILL at random moments.
 *
 *   kill WINECLUS WORK KILLS SEED MB
 *
 * Two stores P and Q (same cluster, different checkpoint contents, about MB
 * megabytes each) give two backup sets whose digests are known from quiet
 * runs.  Each round backs up the other store into the same folder and kills
 * the tool at a random moment of its expected run time; then:
 *   - before any repair, a Clusbackup.dat in the folder must stand over
 *     exactly the old or the new set (never anything in between);
 *   - after the repair the next backup or restore runs first, the folder
 *     holds exactly the old or the new set.
 * The restore half kills `wineclus restore` of the other set into a store and
 * checks that the store opens cleanly and is logically the old state or the
 * new one, never a mix. */
#define _GNU_SOURCE
#include "st.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *tool;

/* Run to the end; the exit status. */
static int run(const char *store, const char *verb, const char *dir, double *secs)
{
    double t0 = st_now();
    int rc = st_tool_wait(st_tool_spawn(tool, store, verb, dir, NULL));

    if (secs)
        *secs = st_now() - t0;
    return rc;
}

/* Start, kill -9 after delay seconds; 1 if the kill landed mid-run. */
static int run_killed(const char *store, const char *verb, const char *dir, double delay, int *code)
{
    struct timespec ts = { (time_t)delay, (long)((delay - (time_t)delay) * 1e9) };
    pid_t pid = st_tool_spawn(tool, store, verb, dir, NULL);
    int status = 0;

    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* Half the kills anywhere in the run, half in its last third, where the
 * swap and the commit are: that window is short but it is where order
 * matters (crash points in faults.c hit each of its calls on purpose).  t is
 * the median of three quiet runs; runs vary, so some kills come too late. */
static double pick_delay(double t)
{
    double u = (double)(st_rand() % 10000) / 10000.0;

    return st_rand() & 1 ? t * 1.1 * u : t * (0.7 + 0.4 * u);
}

static double median3(double a, double b, double c)
{
    return a > b ? (b > c ? b : (a > c ? c : a)) : (a > c ? a : (b > c ? c : b));
}

static void quiet_campaign(const char *work, const char *sp, int kills, double t);

static void backup_campaign(const char *work, const char *sp, const char *sq, int kills)
{
    char dir[PATH_MAX], ref[PATH_MAX], dp[65], dq[65], got[65];
    unsigned long mid = 0, old = 0, new_ = 0, bare = 0, finished = 0;
    double t1, t2, t3, t;
    int marker, cur_is_p, i, code;

    st_path(dir, sizeof(dir), work, "dest");
    st_path(ref, sizeof(ref), work, "ref");
    st_mkdir_fresh(ref);
    st_ok(!run(sq, "backup", ref, NULL), "quiet backup of Q");
    st_set_digest(ref, dq, &marker);
    st_mkdir_fresh(ref);
    st_ok(!run(sp, "backup", ref, &t1), "quiet backup of P");
    st_set_digest(ref, dp, &marker);
    st_ok(strcmp(dp, dq) != 0, "the two stores give different sets");
    /* A quiet store backs up the same bytes every time. */
    st_mkdir_fresh(dir);
    st_ok(!run(sp, "backup", dir, &t2), "second quiet backup of P");
    st_set_digest(dir, got, &marker);
    st_ok(!strcmp(got, dp) && marker, "quiet backups are identical");
    run(sp, "backup", dir, &t3);
    t = median3(t1, t2, t3);
    printf("backup takes %.3f s (median of 3)\n", t);
    cur_is_p = 1;
    for (i = 0; i < kills; i++) {
        const char *want, *have;
        double delay;
        int killed;

        /* The machine's load drifts: every 20 rounds one run goes to the end
         * and its time replaces the oldest of the three samples. */
        if (i % 20 == 19) {
            double *slot = i % 60 == 19 ? &t1 : i % 60 == 39 ? &t2 : &t3;
            st_ok(!run(cur_is_p ? sq : sp, "backup", dir, slot), "round %d: timed backup", i);
            st_set_digest(dir, got, &marker);
            st_ok(marker && !strcmp(got, cur_is_p ? dq : dp), "round %d: timed backup did not write the new set", i);
            cur_is_p = !cur_is_p;
            t = median3(t1, t2, t3);
        }
        want = cur_is_p ? dq : dp;
        have = cur_is_p ? dp : dq;
        delay = pick_delay(t);
        killed = run_killed(cur_is_p ? sq : sp, "backup", dir, delay, &code);

        mid += killed;
        finished += !killed;
        if (!killed)
            st_ok(code == 0, "round %d: backup finished with exit status %d", i, code);
        st_set_digest(dir, got, &marker);
        if (marker)
            st_ok(!strcmp(got, have) || !strcmp(got, want),
                  "round %d (kill after %.3f s): Clusbackup.dat stands over a set that is neither the old nor the new", i, delay);
        else
            bare++;
        st_ok(!st_repair(dir), "round %d: repair", i);
        st_set_digest(dir, got, &marker);
        st_ok(marker && (!strcmp(got, have) || !strcmp(got, want)),
              "round %d (kill after %.3f s): after repair the folder holds neither the old nor the new set", i, delay);
        if (!strcmp(got, want)) {
            new_++;
            cur_is_p = !cur_is_p;
        } else
            old++;
    }
    quiet_campaign(work, sp, kills / 2, t);
    printf("backup kills: %d tried, %lu mid-run, %lu after the end; folder old %lu, new %lu; "
           "no marker until repair %lu\n", kills, mid, finished, old, new_, bare);
    st_figure("backup_kills", (unsigned long long)kills);
    st_figure("backup_kills_midrun", mid);
    st_figure("backup_kills_old", old);
    st_figure("backup_kills_new", new_);
    st_figure("backup_kills_unmarked", bare);
}

/* The check as an outside kill -9 loop makes it: one quiet store, backups
 * killed one after another with no repair in between (each backup repairs
 * what the last one left), and a marker must always stand over exactly the
 * set a quiet backup writes. */
static void quiet_campaign(const char *work, const char *sp, int kills, double t)
{
    char dir[PATH_MAX], quiet[65], got[65];
    unsigned long marked = 0, bad = 0;
    int i, code, marker;

    st_path(dir, sizeof(dir), work, "quiet");
    st_mkdir_fresh(dir);
    st_ok(!run(sp, "backup", dir, NULL), "quiet backup");
    st_set_digest(dir, quiet, &marker);
    for (i = 0; i < kills; i++) {
        run_killed(sp, "backup", dir, pick_delay(t), &code);
        st_set_digest(dir, got, &marker);
        if (marker) {
            marked++;
            bad += strcmp(got, quiet) != 0;
            st_ok(!strcmp(got, quiet), "quiet round %d: the marker stands over a set a quiet backup does not write", i);
        }
    }
    st_ok(!run(sp, "backup", dir, NULL), "backup after the quiet kills");
    st_set_digest(dir, got, &marker);
    st_ok(marker && !strcmp(got, quiet), "backup after the quiet kills: not the quiet set");
    printf("quiet kills: %d tried, marker present after %lu, over a different set %lu\n", kills, marked, bad);
    st_figure("quiet_kills", (unsigned long long)kills);
    st_figure("quiet_kills_marked", marked);
    st_figure("quiet_kills_bad", bad);
}

static void restore_campaign(const char *work, const char *sp, const char *sq, int kills)
{
    char setp[PATH_MAX], setq[PATH_MAX], target[PATH_MAX], dp[65], dq[65], got[65], sp_set[65], sq_set[65], sd[65];
    unsigned long mid = 0, old = 0, new_ = 0, torn = 0, stray = 0;
    double t1, t2, t3, t;
    int i, code, cur_is_p, marker;
    long left;

    st_path(setp, sizeof(setp), work, "set-p");
    st_path(setq, sizeof(setq), work, "set-q");
    st_path(target, sizeof(target), work, "target");
    st_mkdir_fresh(setp);
    st_mkdir_fresh(setq);
    st_ok(!run(sp, "backup", setp, NULL) && !run(sq, "backup", setq, NULL), "sets for the restore campaign");
    st_set_digest(setp, sp_set, &marker);
    st_set_digest(setq, sq_set, &marker);
    st_ok(!st_copy_tree(sp, target), "target store");
    st_ok(!run(target, "restore", setq, &t1), "quiet restore of Q");
    st_store_digest(target, dq);
    st_ok(!run(target, "restore", setp, &t2), "quiet restore of P");
    st_store_digest(target, dp);
    st_ok(dp[0] && dq[0] && strcmp(dp, dq), "the two restored states differ");
    run(target, "restore", setp, &t3);
    t = median3(t1, t2, t3);
    printf("restore takes %.3f s (median of 3)\n", t);
    cur_is_p = 1;
    for (i = 0; i < kills; i++) {
        const char *want, *have;
        double delay;
        int killed;

        if (i % 20 == 19) {
            double *slot = i % 60 == 19 ? &t1 : i % 60 == 39 ? &t2 : &t3;
            st_ok(!run(target, "restore", cur_is_p ? setq : setp, slot), "round %d: timed restore", i);
            st_store_digest(target, got);
            st_ok(!strcmp(got, cur_is_p ? dq : dp), "round %d: timed restore did not give the new state", i);
            cur_is_p = !cur_is_p;
            t = median3(t1, t2, t3);
        }
        want = cur_is_p ? dq : dp;
        have = cur_is_p ? dp : dq;
        delay = pick_delay(t);
        killed = run_killed(target, "restore", cur_is_p ? setq : setp, delay, &code);

        mid += killed;
        if (!killed)
            st_ok(code == 0, "round %d: restore finished with exit status %d", i, code);
        /* Restore reads the set; a kill must not cost the set anything. */
        st_set_digest(cur_is_p ? setq : setp, sd, &marker);
        st_ok(marker && !strcmp(sd, cur_is_p ? sq_set : sp_set), "round %d: the set restored from changed", i);
        st_store_digest(target, got);
        if (!strcmp(got, want)) {
            new_++;
            cur_is_p = !cur_is_p;
        } else if (!strcmp(got, have))
            old++;
        else
            torn++;
        st_ok(!strcmp(got, have) || !strcmp(got, want),
              "round %d (kill after %.3f s): store is neither wholly old nor wholly new (%s)", i, delay,
              got[0] ? "mixed" : "does not open");
        /* Contents copied in before the kill, named or not, are gone once the store was opened again. */
        left = st_store_stray(target);
        stray += left != 0;
        st_ok(left == 0, "round %d (kill after %.3f s): %ld contents files no checkpoint names", i, delay, left);
    }
    printf("restore kills: %d tried, %lu mid-run; store old %lu, new %lu, torn %lu, stray files after %lu\n", kills,
           mid, old, new_, torn, stray);
    st_figure("restore_kills", (unsigned long long)kills);
    st_figure("restore_kills_midrun", mid);
    st_figure("restore_kills_old", old);
    st_figure("restore_kills_new", new_);
    st_figure("restore_kills_torn", torn);
    st_figure("restore_kills_stray", stray);
}

int main(int argc, char **argv)
{
    char sp[PATH_MAX], sq[PATH_MAX];
    unsigned mb;
    int kills;

    if (argc != 6) {
        fprintf(stderr, "usage: kill WINECLUS WORK KILLS SEED MB\n");
        return 2;
    }
    tool = argv[1];
    kills = atoi(argv[3]);
    st_seed(strtoull(argv[4], NULL, 0));
    mb = (unsigned)atoi(argv[5]);
    st_mkdir_fresh(argv[2]);
    st_path(sp, sizeof(sp), argv[2], "store-p");
    st_path(sq, sizeof(sq), argv[2], "store-q");
    /* 8 resources, 3 registry + 1 crypto checkpoint each: 32 files of MB/32. */
    st_ok(!st_populate(sp, 8, 3, (size_t)mb * 1024 * 1024 / 32, 1), "populate P");
    st_ok(!st_copy_tree(sp, sq) && !st_mutate(sq, 7), "Q: P with other contents");
    backup_campaign(argv[2], sp, sq, kills);
    restore_campaign(argv[2], sp, sq, kills);
    return st_finish();
}

/* Concurrency campaign.
 *
 *   concur WINECLUS WORK ROUNDS SECONDS
 *
 * 1. Several `wineclus backup` of two different stores into one folder at
 *    once, ROUNDS times: every one succeeds (they queue on the folder's
 *    lock) and the folder ends with one complete set, one of the two.
 * 2. Backups for SECONDS while two processes keep changing the cluster:
 *    each set is one point of the quorum log (manifest log-seq = the chk
 *    hive's Wineclus\LogSequence = quolog to-seq, and quolog's records run gap-free up to it) and
 *    restores into a scratch store.
 * 3. Restore while another process holds the cluster open as a second node:
 *    refused with 5056 without force, store unchanged; with force it goes
 *    through and the store is whole.  Restores while writers run leave a
 *    store that opens and passes SQLite's check.
 * 4. Another user's flock on the folder, shared or exclusive: every backup
 *    and restore, through the library and through the tool, gives up after
 *    WINECLUS_LOCK_WAIT seconds with 32 naming the holder's pid and
 *    command, and every call runs under a time limit (a hang fails).  A
 *    holder that lets go while several backups wait lets them all through. */
#define _GNU_SOURCE
#include "st.h"
#include "../unit/hostile_fs.h"
#include "hive.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *tool;

static pid_t spawn_tool(const char *store, const char *dir)
{
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        setenv("WINECLUS_STORE", store, 1);
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(127);
        execl(tool, tool, "backup", dir, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void parallel_backups(const char *work, const char *sp, const char *sq, int rounds)
{
    char dir[PATH_MAX], dp[65], dq[65], got[65];
    pid_t pids[6];
    int r, i, status, marker, bad = 0;

    st_path(dir, sizeof(dir), work, "pdest");
    st_mkdir_fresh(dir);
    waitpid(spawn_tool(sq, dir), &status, 0);
    st_set_digest(dir, dq, &marker);
    waitpid(spawn_tool(sp, dir), &status, 0);
    st_set_digest(dir, dp, &marker);
    for (r = 0; r < rounds; r++) {
        for (i = 0; i < 6; i++)
            pids[i] = spawn_tool(i & 1 ? sq : sp, dir);
        for (i = 0; i < 6; i++) {
            waitpid(pids[i], &status, 0);
            bad += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        st_set_digest(dir, got, &marker);
        st_ok(marker && (!strcmp(got, dp) || !strcmp(got, dq)), "round %d: the folder holds no complete set", r);
    }
    st_ok(!bad, "%d of the parallel backups failed", bad);
    printf("parallel: %d rounds of 6 backups into one folder\n", rounds);
    st_figure("parallel_backups", (unsigned long long)rounds * 6);
}

static void writer(const char *store, int id)
{
    cs_store *s = NULL;
    char name[64];
    unsigned char stream[64 + WCREG_WRAP];
    uint32_t v;
    int i;

    if (cs_open(store, NULL, NULL, &s))
        _exit(1);
    for (i = 0;; i++) {
        v = (uint32_t)i;
        cs_resource_set_property(s, "Stress Disk 0", id ? "Writer1" : "Writer0", CS_PROP_DWORD, &v, sizeof(v));
        snprintf(name, sizeof(name), "Writer %d group %d", id, i % 3);
        if (cs_group_create(s, name, 1, NULL))
            cs_group_delete(s, name);
        cs_checkpoint_set_data(s, "Stress Disk 1", CS_CKPT_REGISTRY, "SOFTWARE\\Stress\\R1\\K0", stream,
                               wcreg_wrap(name, strlen(name), stream));
    }
}

static pid_t start_writer(const char *store, int id)
{
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0)
        writer(store, id);
    return pid;
}

/* The log sequence the chk hive holds, or ~0. */
static unsigned long long hive_seq(const char *buf, size_t len)
{
    unsigned long long seq = ~0ull;
    hive_node_h ours;
    hive_value_h v;
    char why[160];
    hive_h *h = cs_hive_open_mem(buf, len, 0, why, sizeof(why));

    if (!h)
        return seq;
    if ((ours = hivex_node_get_child(h, hivex_root(h), "Wineclus")) &&
        (v = hivex_node_get_value(h, ours, "LogSequence")))
        seq = (unsigned long long)hivex_value_qword(h, v);
    hivex_close(h);
    return seq;
}

/* The manifest's "log-seq", the chk hive's sequence and quolog's records. */
static int consistent(const char *dir)
{
    char p[PATH_MAX], chk[16];
    unsigned long long seq = 0, from = 0, to = 0, prev, n = 0, end = ~0ull, rec;
    char *m, *q, *c, *line, *save = NULL;
    size_t len;
    int ok;

    st_path(p, sizeof(p), dir, CS_BACKUP_MANIFEST);
    m = st_slurp(p, &len);
    ok = m && (line = strstr(m, "\nlog-seq ")) && sscanf(line, "\nlog-seq %llu", &seq) == 1;
    bk_chk_name(seq, chk);
    st_path(p, sizeof(p), dir, chk);
    c = ok ? st_slurp(p, &len) : NULL;
    ok = ok && c && hive_seq(c, len) == seq;
    st_path(p, sizeof(p), dir, CS_BACKUP_LOG);
    q = ok ? st_slurp(p, &len) : NULL;
    ok = ok && q && (line = strstr(q, "from-seq ")) && sscanf(line, "from-seq %llu", &from) == 1 &&
         (line = strstr(q, "to-seq ")) && sscanf(line, "to-seq %llu", &to) == 1 && to == seq;
    prev = from;
    for (line = ok ? strtok_r(q, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
        if (sscanf(line, "end %llu", &end) == 1)
            break;
        if (line[0] >= '0' && line[0] <= '9' && sscanf(line, "%llu", &rec) == 1) {
            ok = ok && rec == prev + 1;
            prev = rec;
            n++;
        }
    }
    ok = ok && prev == to && end == n;
    free(m);
    free(c);
    free(q);
    return ok;
}

static void backups_while_writing(const char *work, const char *store, double secs)
{
    char dir[PATH_MAX], scratch[PATH_MAX];
    pid_t w0 = start_writer(store, 0), w1 = start_writer(store, 1);
    double t0 = st_now();
    unsigned long n = 0;
    cs_store *s = NULL;
    uint32_t rc;

    st_path(dir, sizeof(dir), work, "wdest");
    st_path(scratch, sizeof(scratch), work, "scratch");
    st_mkdir_fresh(dir);
    st_copy_tree(store, scratch);
    while (st_now() - t0 < secs) {
        cs_open(store, NULL, NULL, &s);
        rc = cs_backup(s, dir, NULL, NULL);
        st_ok(!rc, "backup while writers run: %u %s", rc, cs_errmsg(s));
        cs_close(s);
        st_ok(consistent(dir), "backup %lu is not one point of the quorum log", n);
        cs_open(scratch, NULL, NULL, &s);
        rc = cs_restore(s, dir, 1, NULL, NULL);
        st_ok(!rc, "the set of backup %lu does not restore: %u %s", n, rc, cs_errmsg(s));
        cs_close(s);
        n++;
    }
    kill(w0, SIGKILL);
    kill(w1, SIGKILL);
    waitpid(w0, NULL, 0);
    waitpid(w1, NULL, 0);
    printf("backups while 2 writers ran: %lu, each checked against its quorum log and restored\n", n);
    st_figure("backups_under_writes", n);
}

static void restore_while_open(const char *work, const char *store, int racing)
{
    char dir[PATH_MAX], before[65], now[65];
    int fds[2], i;
    cs_store *s = NULL;
    cs_node node;
    uint32_t rc;
    char c;
    pid_t holder, w0;

    st_path(dir, sizeof(dir), work, "rdest");
    st_mkdir_fresh(dir);
    cs_open(store, NULL, NULL, &s);
    cs_node_add(s, "NODE2", &node);
    cs_backup(s, dir, NULL, NULL);
    cs_close(s);
    st_ok(!pipe(fds), "pipe");
    fflush(stdout);
    holder = fork();
    if (holder == 0) {
        cs_store *h = NULL;
        cs_open(store, NULL, NULL, &h);
        cs_node_join(h, "NODE2");
        if (write(fds[1], "j", 1) != 1)
            _exit(1);
        pause();
        _exit(0);
    }
    st_ok(read(fds[0], &c, 1) == 1, "holder joined");
    st_store_digest(store, before);
    cs_open(store, NULL, NULL, &s);
    rc = cs_restore(s, dir, 0, NULL, NULL);
    st_ok(rc == CS_ERROR_CLUSTER_NODE_UP, "restore while NODE2 is up: %u (%s)", rc, cs_errmsg(s));
    cs_close(s);
    st_store_digest(store, now);
    st_ok(!strcmp(before, now), "refused restore changed the store");
    cs_open(store, NULL, NULL, &s);
    rc = cs_restore(s, dir, 1, NULL, NULL);
    st_ok(rc == 0, "forced restore while NODE2 is up: %u (%s)", rc, cs_errmsg(s));
    cs_close(s);
    kill(holder, SIGKILL);
    waitpid(holder, NULL, 0);
    /* Restores racing writers: each write lands before or after, never inside. */
    w0 = start_writer(store, 0);
    for (i = 0; i < racing; i++) {
        cs_open(store, NULL, NULL, &s);
        rc = cs_restore(s, dir, 1, NULL, NULL);
        st_ok(rc == 0, "restore %d while a writer runs: %u (%s)", i, rc, cs_errmsg(s));
        cs_close(s);
    }
    kill(w0, SIGKILL);
    waitpid(w0, NULL, 0);
    st_store_digest(store, now);
    st_ok(now[0] != 0, "store whole after restores racing a writer");
    st_figure("restores_while_open", 2 + (unsigned long long)racing);
}

/* The exit status of pid, which is killed (128 + 9) if it runs past secs. */
static int wait_within(pid_t pid, double secs)
{
    double end = st_now() + secs;
    int status = 0;

    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (st_now() > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return 128 + SIGKILL;
        }
        usleep(10000);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void foreign_locks(const char *work, const char *store, int rounds)
{
    char dir[PATH_MAX], want[64], msg[1024], got[65], first[65];
    unsigned long refused = 0, named = 0, waiters = 0;
    int r, op, restore, i, marker, status;
    pid_t holder, pids[4];
    double t0, dt;
    uint32_t rc;

    st_path(dir, sizeof(dir), work, "locked");
    st_mkdir_fresh(dir);
    waitpid(spawn_tool(store, dir), &status, 0);
    st_set_digest(dir, first, &marker);
    for (r = 0; r < rounds; r++)
        for (op = 0; op < 2; op++) {
            holder = hold_lock(dir, op ? LOCK_EX : LOCK_SH, "st-holder");
            st_ok(holder > 0, "the holder took its lock");
            snprintf(want, sizeof(want), "pid %d (user ", (int)holder);
            setenv("WINECLUS_LOCK_WAIT", "0.5", 1);
            for (restore = 0; restore < 2; restore++) {
                t0 = st_now();
                if (st_timed_call(store, dir, restore, 30, &rc, msg, sizeof(msg))) {
                    rc = 0xFFFFFFFFu;
                    snprintf(msg, sizeof(msg), "no answer within 30 s");
                }
                dt = st_now() - t0;
                refused += rc == CS_ERROR_SHARING_VIOLATION;
                st_ok(rc == CS_ERROR_SHARING_VIOLATION, "%s of a locked folder gave %u (%s)",
                      restore ? "restore" : "backup", rc, msg);
                st_ok(dt >= 0.5 && dt < 10, "%s gave up after %.2f s, WINECLUS_LOCK_WAIT=0.5",
                      restore ? "restore" : "backup", dt);
                named += strstr(msg, want) && strstr(msg, "command st-holder");
                st_ok(strstr(msg, want) && strstr(msg, "command st-holder"), "the holder is not named: %s", msg);
                /* And through the tool, which says 32 as exit status 1. */
                i = wait_within(st_tool_spawn(tool, store, restore ? "restore" : "backup", dir, NULL), 30);
                st_ok(i == 1, "wineclus %s of a locked folder: exit status %d", restore ? "restore" : "backup", i);
                refused += i == 1;
            }
            unsetenv("WINECLUS_LOCK_WAIT");
            /* Let go while several wait (the default wait): all go through. */
            for (i = 0; i < 4; i++)
                pids[i] = spawn_tool(store, dir);
            usleep(500000);
            kill(holder, SIGKILL);
            waitpid(holder, &status, 0);
            for (i = 0; i < 4; i++) {
                status = wait_within(pids[i], 120);
                st_ok(!status, "a backup waiting for a lock let go: exit status %d", status);
                waiters += !status;
            }
            st_set_digest(dir, got, &marker);
            st_ok(marker && !strcmp(got, first), "the folder's set after the waiters");
        }
    printf("foreign locks: %lu calls refused with 32, %lu naming the holder, %lu waiters let through\n", refused,
           named, waiters);
    st_figure("foreign_lock_refused", refused);
    st_figure("foreign_lock_named", named);
    st_figure("foreign_lock_waiters", waiters);
}

int main(int argc, char **argv)
{
    char sp[PATH_MAX], sq[PATH_MAX];

    if (argc != 5) {
        fprintf(stderr, "usage: concur WINECLUS WORK ROUNDS SECONDS\n");
        return 2;
    }
    tool = argv[1];
    st_mkdir_fresh(argv[2]);
    st_path(sp, sizeof(sp), argv[2], "store-p");
    st_path(sq, sizeof(sq), argv[2], "store-q");
    st_ok(!st_populate(sp, 4, 2, 200000, 1), "populate P");
    st_ok(!st_copy_tree(sp, sq) && !st_mutate(sq, 5), "Q");
    parallel_backups(argv[2], sp, sq, atoi(argv[3]));
    backups_while_writing(argv[2], sq, atof(argv[4]));
    restore_while_open(argv[2], sp, 2 * atoi(argv[3]));
    foreign_locks(argv[2], sq, atoi(argv[3]) > 1 ? 2 : 1);
    return st_finish();
}

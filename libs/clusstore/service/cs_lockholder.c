/* Who holds a lock on a file, for the message of a caller kept waiting:
 * the kernel lists every lock in /proc/locks by the locker's pid and the
 * file's device and inode. */
#define _GNU_SOURCE
#include "cs_internal.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

static void proc_field(int pid, const char *file, char *out, size_t size)
{
    char path[64];
    FILE *f;

    out[0] = 0;
    snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
    if (!(f = fopen(path, "re")))
        return;
    if (!fgets(out, (int)size, f))
        out[0] = 0;
    fclose(f);
    out[strcspn(out, "\n")] = 0;
}

/* The real uid from /proc/PID/status; -1 if it cannot be read. */
static long proc_uid(int pid)
{
    char path[64], line[256];
    long uid = -1;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/status", pid);
    if (!(f = fopen(path, "re")))
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "Uid: %ld", &uid) == 1)
            break;
    fclose(f);
    return uid;
}

static void describe(int pid, char *out, size_t size)
{
    char comm[64], raw[64], user[CS_ESCAPE_MAX], command[CS_ESCAPE_MAX];
    struct passwd pw, *found = NULL;
    char buf[1024];
    long uid;

    if (pid <= 0) {
        snprintf(out, size, "a process in another pid namespace");
        return;
    }
    proc_field(pid, "comm", comm, sizeof(comm));
    uid = proc_uid(pid);
    if (uid < 0 || !comm[0]) {
        /* flock locks belong to the open file: a child that inherited it
         * holds it after its locker exited. */
        snprintf(out, size, "pid %d (no longer running: a process it started keeps the lock)", pid);
        return;
    }
    if (!getpwuid_r((uid_t)uid, &pw, buf, sizeof(buf), &found) && found)
        snprintf(raw, sizeof(raw), "%s", found->pw_name);
    else
        snprintf(raw, sizeof(raw), "uid %ld", uid);
    /* A process name (and, on a lax system, a user name) is chosen by
     * whoever runs it: escaped as every name in a message is. */
    cs__escape(user, sizeof(user), raw);
    cs__escape(command, sizeof(command), comm);
    snprintf(out, size, "pid %d (user %s, command %s)", pid, user, command);
}

void cs__lock_holder(const struct stat *st, char *out, size_t size)
{
    char line[256], type[32], first[32];
    unsigned maj, min;
    unsigned long long ino;
    int pid, holder = 0, others = 0;
    size_t len;
    FILE *f;

    /* "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"; waiters have "->"
     * before the type and hold nothing. */
    if ((f = fopen("/proc/locks", "re"))) {
        while (fgets(line, sizeof(line), f)) {
            if (sscanf(line, "%*d: %31s", first) != 1 || !strcmp(first, "->") ||
                sscanf(line, "%*d: %31s %*s %*s %d %x:%x:%llu", type, &pid, &maj, &min, &ino) != 5)
                continue;
            if (makedev(maj, min) != st->st_dev || ino != (unsigned long long)st->st_ino || strcmp(type, "FLOCK"))
                continue;
            if (!holder++)
                describe(pid, out, size);
            else
                others++;
        }
        fclose(f);
    }
    if (!holder) {
        snprintf(out, size, "another process (not found in /proc/locks)");
        return;
    }
    len = strlen(out);
    if (others && len < size)
        snprintf(out + len, size - len, " and %d other%s", others, others > 1 ? "s" : "");
}

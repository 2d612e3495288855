/*
 * The file system's floor for one backup call: what any backup that keeps
 * the previous set whole until the new one is on disk must do at the least,
 * and nothing more.  Each round writes a copy of a template set (read into
 * memory once) into a new folder, waits for it with one syncfs, renames it
 * in place of the previous copy and removes that one.  No store, no
 * hashing, no Wine: beside the in-process figures of BackupClusterDatabase
 * on the same set, it tells how much of a call the file system alone costs.
 *
 *   wineclus-floor TEMPLATE DIR ROUNDS
 *
 * TEMPLATE is a backup set (folders and files, two levels); DIR an empty
 * folder on the file system to measure.  Prints "floor calls=N median_us=..
 * p99_us=.. max_us=.. first_us=..", the first round (no previous copy to
 * remove) apart, like inproc.c (report.h).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

struct entry {
    char   path[512];   /* relative to the set's folder */
    int    is_dir;
    char  *data;
    size_t size;
};

static struct entry *entries;
static size_t n_entries;

static void die(const char *what, const char *name)
{
    fprintf(stderr, "wineclus-floor: %s %s: %s\n", what, name, strerror(errno));
    exit(1);
}

static struct entry *add_entry(const char *path, int is_dir)
{
    struct entry *e;

    entries = realloc(entries, (n_entries + 1) * sizeof(*entries));
    if (!entries)
        die("remember", path);
    e = &entries[n_entries++];
    memset(e, 0, sizeof(*e));
    snprintf(e->path, sizeof(e->path), "%s", path);
    e->is_dir = is_dir;
    return e;
}

static void load_file(int dfd, const char *name, struct entry *e)
{
    struct stat st;
    ssize_t got;
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW);

    if (fd < 0 || fstat(fd, &st))
        die("read", e->path);
    e->size = (size_t)st.st_size;
    e->data = malloc(e->size + 1);
    if (!e->data)
        die("hold", e->path);
    for (size_t off = 0; off < e->size; off += (size_t)got)
        if ((got = pread(fd, e->data + off, e->size - off, (off_t)off)) <= 0)
            die("read", e->path);
    close(fd);
}

/* Folders come before what they hold, so writing in list order works. */
static void load(int dfd, const char *prefix)
{
    char path[512];
    struct dirent *de;
    DIR *d = fdopendir(dfd);

    if (!d)
        die("list", prefix[0] ? prefix : "template");
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(path, sizeof(path), "%s%s%s", prefix, prefix[0] ? "/" : "", de->d_name);
        if (de->d_type == DT_DIR) {
            int sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

            if (sub < 0)
                die("open", path);
            add_entry(path, 1);
            load(sub, path);
        } else {
            load_file(dirfd(d), de->d_name, add_entry(path, 0));
        }
    }
    closedir(d);
}

/* What a backup writes: every folder and file new, each file's write-back
 * started when it is written, one syncfs for all. */
static void write_copy(int dfd)
{
    for (size_t i = 0; i < n_entries; i++) {
        struct entry *e = &entries[i];
        int fd;

        if (e->is_dir) {
            if (mkdirat(dfd, e->path, 0700))
                die("create folder", e->path);
            continue;
        }
        fd = openat(dfd, e->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0 || (e->size && write(fd, e->data, e->size) != (ssize_t)e->size))
            die("write", e->path);
        sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        close(fd);
    }
    if (syncfs(dfd))
        die("sync", "copy");
}

static void remove_tree(int parent, const char *name)
{
    struct dirent *de;
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    DIR *d = fd < 0 ? NULL : fdopendir(fd);

    if (!d)
        die("open", name);
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (de->d_type == DT_DIR)
            remove_tree(dirfd(d), de->d_name);
        else if (unlinkat(dirfd(d), de->d_name, 0))
            die("remove", de->d_name);
    }
    closedir(d);
    if (unlinkat(parent, name, AT_REMOVEDIR))
        die("remove", name);
}

static double now_us(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* One round: the new copy durable, then put in place of the old one, which
 * is removed; the folder's own changes made durable too. */
static double round_us(int work, int first)
{
    double t0 = now_us();
    int fd;

    if (mkdirat(work, "new", 0700) || (fd = openat(work, "new", O_RDONLY | O_DIRECTORY)) < 0)
        die("create", "new");
    write_copy(fd);
    close(fd);
    if (!first && renameat(work, "set", work, "old"))
        die("move", "set");
    if (renameat(work, "new", work, "set") || fsync(work))
        die("move", "new");
    if (!first) {
        remove_tree(work, "old");
        if (fsync(work))
            die("sync", "folder");
    }
    return now_us() - t0;
}

int main(int argc, char **argv)
{
    int tmpl, work, rounds;
    double first, *t;

    if (argc != 4 || (rounds = atoi(argv[3])) < 1) {
        fprintf(stderr, "usage: wineclus-floor TEMPLATE DIR ROUNDS\n");
        return 2;
    }
    if ((tmpl = open(argv[1], O_RDONLY | O_DIRECTORY)) < 0)
        die("open", argv[1]);
    load(tmpl, "");
    if ((work = open(argv[2], O_RDONLY | O_DIRECTORY)) < 0)
        die("open", argv[2]);
    if (!(t = calloc((size_t)rounds, sizeof(*t))))
        die("hold", "timings");
    first = round_us(work, 1);
    for (int i = 0; i < rounds; i++)
        t[i] = round_us(work, 0);
    remove_tree(work, "set");
    report("floor", t, rounds, first, -1);
    return 0;
}

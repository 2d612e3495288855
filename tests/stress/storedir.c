/* Planted names in the store's own folders.
 *
 *   storedir WORK
 *
 * A store made once (a second node, a joined node, a probed one, a
 * checkpoint whose earlier contents wait in contents/free/) is copied
 * afresh for each case: one of its fixed names (cluster.db and SQLite's
 * files beside it, nodes/ and its lock and probe files, contents/, its
 * .lock, tmp/ and free/ and the files in them) is replaced by a symlink to
 * a file, to a folder or to nothing outside, a hard link to a file outside,
 * a FIFO, a socket, a folder where a file belongs or a file where a folder
 * does.  A child then opens the store as a reader and as a node, joins,
 * probes the other node, reads and rewrites the checkpoint, under an alarm.
 * Each step must work without following the name or fail cleanly (a code
 * of the store's, with a message, no signal, no hang), and nothing outside
 * may be created or changed. */
#define _GNU_SOURCE
#include "st.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#define KEY "Software\\StoreDir"

/* Registry contents: a stream of a key holding text, kept as its hive. */
static uint32_t set_text(cs_store *s, const char *text)
{
    unsigned char stream[64];

    return cs_checkpoint_set_data(s, "Cluster Name", CS_CKPT_REGISTRY, KEY, stream,
                                  wcreg_wrap(text, strlen(text), stream));
}

static char work[PATH_MAX], model[PATH_MAX], store[PATH_MAX], victim[PATH_MAX];
static unsigned long plants, refused, worked;

enum { P_LINK_FILE, P_LINK_DIR, P_LINK_NONE, P_HARD, P_FIFO, P_SOCKET, P_FOLDER, P_FILE, P_COUNT };
static const char *const plant_names[P_COUNT] = {
    "symlink to a file outside", "symlink to a folder outside", "symlink to nothing outside",
    "hard link to a file outside", "FIFO", "socket", "folder", "file",
};

struct outcome {
    uint32_t err;
    char     step[16];
    char     msg[240];
};

static uint32_t make_model(void)
{
    cs_store *s = NULL;
    uint32_t err;
    int up;

    st_rm_rf(model);
    err = cs_open(model, "STOREDIR", "N1", &s);
    if (!err)
        err = cs_node_add(s, "N2", NULL);
    if (!err)
        err = cs_node_join(s, "N1");
    if (!err)
        err = cs_node_is_up(s, 2, &up);
    if (!err)
        err = cs_checkpoint_add(s, "Cluster Name", CS_CKPT_REGISTRY, KEY);
    if (!err)
        err = set_text(s, "first");
    /* "first" goes to free/ with its data, for the next contents to reuse. */
    if (!err)
        err = set_text(s, "second");
    if (err)
        fprintf(stderr, "storedir: cannot make the model store: %u %s\n", err, cs_errmsg(s));
    cs_close(s);
    return err;
}

/* The one name in a folder of the model, "" if none. */
static void only_name(const char *rel, char *out, size_t n)
{
    char p[PATH_MAX];
    struct dirent *e;
    DIR *d;

    out[0] = 0;
    st_path(p, sizeof(p), model, rel);
    if (!(d = opendir(p)))
        return;
    while ((e = readdir(d)))
        if (strlen(e->d_name) == 64)
            snprintf(out, n, "%s/%s", rel, e->d_name);
    closedir(d);
}

/* Everything under victim/, names, modes, sizes, times of change and
 * bytes, as one text: equal before and after means nothing was touched. */
static void victim_state(char *out, size_t n)
{
    static const char *const names[] = { "file", "dir", "dir/inner", "missing" };
    char p[PATH_MAX], *data;
    struct stat st;
    size_t i, len = 0, got;

    out[0] = 0;
    for (i = 0; i < sizeof(names) / sizeof(names[0]) && len < n; i++) {
        st_path(p, sizeof(p), victim, names[i]);
        if (lstat(p, &st)) {
            len += (size_t)snprintf(out + len, n - len, "%s absent\n", names[i]);
            continue;
        }
        data = S_ISREG(st.st_mode) ? st_slurp(p, &got) : NULL;
        len += (size_t)snprintf(out + len, n - len, "%s %o %lld %lld.%09ld %.64s\n", names[i], (unsigned)st.st_mode,
                                (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                                data ? data : "-");
        free(data);
    }
}

static void make_victim(void)
{
    char p[PATH_MAX];

    st_mkdir_fresh(victim);
    st_path(p, sizeof(p), victim, "file");
    st_spew(p, "outside, not the store's\n", 25);
    chmod(p, 0644);
    st_path(p, sizeof(p), victim, "dir");
    mkdir(p, 0755);
    st_path(p, sizeof(p), victim, "dir/inner");
    st_spew(p, "inner\n", 6);
}

/* 0 planted, 1 when this plant is what stands there anyway, else -1 (errno). */
static int plant(const char *rel, int kind, int is_dir)
{
    char p[PATH_MAX], to[PATH_MAX];

    if ((kind == P_FOLDER && is_dir) || (kind == P_FILE && !is_dir))
        return 1;
    st_path(p, sizeof(p), store, rel);
    st_rm_rf(p);
    switch (kind) {
    case P_LINK_FILE:
    case P_LINK_DIR:
    case P_LINK_NONE:
        st_path(to, sizeof(to), victim, kind == P_LINK_FILE ? "file" : kind == P_LINK_DIR ? "dir" : "missing");
        return symlink(to, p);
    case P_HARD:
        st_path(to, sizeof(to), victim, "file");
        return link(to, p);
    case P_FIFO:
        return mkfifo(p, 0600);
    case P_SOCKET:
        return mknod(p, S_IFSOCK | 0600, 0);
    case P_FOLDER:
        return mkdir(p, 0700);
    default:
        return st_spew(p, "x", 1);
    }
}

static void child(int fd)
{
    struct outcome o;
    cs_store *s = NULL;
    size_t size;
    void *data = NULL;
    int up;

    memset(&o, 0, sizeof(o));
    alarm(20);
#define STEP(name, call) \
    if (!o.err) { snprintf(o.step, sizeof(o.step), "%s", name); o.err = (call); }
    STEP("open to read", cs_open_existing(store, &s));
    if (!o.err)
        cs_close(s);
    s = NULL;
    STEP("open", cs_open(store, NULL, NULL, &s));
    STEP("join", cs_node_join(s, "N1"));
    STEP("probe", cs_node_is_up(s, 2, &up));
    STEP("read", cs_checkpoint_get_data(s, "Cluster Name", CS_CKPT_REGISTRY, KEY, &data, &size));
    STEP("rewrite", set_text(s, "third!"));
#undef STEP
    if (o.err)
        snprintf(o.msg, sizeof(o.msg), "%s", cs_errmsg(s));
    cs_free(data);
    cs_close(s);
    if (write(fd, &o, sizeof(o)) != (ssize_t)sizeof(o))
        _exit(3);
    _exit(0);
}

static int clean_code(uint32_t err)
{
    return err == CS_ERROR_FILE_CORRUPT || err == CS_ERROR_ACCESS_DENIED || err == CS_ERROR_FILE_NOT_FOUND ||
           err == CS_ERROR_PATH_NOT_FOUND;
}

static void one_case(const char *rel, int kind, int is_dir)
{
    char before[4096], after[4096];
    struct outcome o;
    int fds[2], status = 0, rc;
    ssize_t got;
    pid_t pid;

    make_victim();
    if (st_copy_tree(model, store)) {
        st_ok(0, "cannot copy the model store");
        return;
    }
    if ((rc = plant(rel, kind, is_dir))) {
        if (rc < 0)
            st_ok(0, "cannot plant a %s as %s: %s", plant_names[kind], rel, strerror(errno));
        return;
    }
    victim_state(before, sizeof(before));
    memset(&o, 0, sizeof(o));
    if (pipe(fds)) {
        st_ok(0, "pipe: %s", strerror(errno));
        return;
    }
    fflush(NULL);
    if (!(pid = fork())) {
        close(fds[0]);
        child(fds[1]);
    }
    close(fds[1]);
    got = read(fds[0], &o, sizeof(o));
    close(fds[0]);
    waitpid(pid, &status, 0);
    plants++;
    st_ok(WIFEXITED(status) && !WEXITSTATUS(status) && got == (ssize_t)sizeof(o),
          "%s as %s: the child %s %d", plant_names[kind], rel,
          WIFSIGNALED(status) ? "died of signal" : "exited", WIFSIGNALED(status) ? WTERMSIG(status)
                                                                                 : WEXITSTATUS(status));
    if (got != (ssize_t)sizeof(o))
        return;
    if (o.err) {
        refused++;
        st_ok(clean_code(o.err) && o.msg[0], "%s as %s: %s failed with %u \"%s\"", plant_names[kind], rel, o.step,
              o.err, o.msg);
    } else
        worked++;
    victim_state(after, sizeof(after));
    st_ok(!strcmp(before, after), "%s as %s: the outside changed:\n%s----\n%s", plant_names[kind], rel, before,
          after);
}

int main(int argc, char **argv)
{
    char contents_name[128], free_name[128];
    struct {
        const char *rel;
        int         is_dir;
    } names[] = {
        { "cluster.db", 0 }, { "cluster.db-wal", 0 }, { "cluster.db-shm", 0 }, { "nodes", 1 },
        { "nodes/1.lock", 0 }, { "nodes/1.probe", 0 }, { "nodes/2.lock", 0 }, { "nodes/2.probe", 0 },
        { "contents", 1 }, { "contents/.lock", 0 }, { "contents/tmp", 1 }, { "contents/free", 1 },
        { contents_name, 0 }, { free_name, 0 }, { "contents/tmp/1.0", 0 },
    };
    size_t i;
    int kind;

    if (argc != 2) {
        fprintf(stderr, "usage: %s WORK\n", argv[0]);
        return 2;
    }
    snprintf(work, sizeof(work), "%s", argv[1]);
    st_mkdir_fresh(work);
    st_path(model, sizeof(model), work, "model");
    st_path(store, sizeof(store), work, "store");
    st_path(victim, sizeof(victim), work, "victim");
    unsetenv("WINECLUS_FAULT");
    if (make_model())
        return 1;
    only_name("contents", contents_name, sizeof(contents_name));
    only_name("contents/free", free_name, sizeof(free_name));
    st_ok(contents_name[0] && free_name[0], "the model store has contents and a file in free/");
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        for (kind = 0; kind < P_COUNT; kind++)
            if (names[i].rel[0])
                one_case(names[i].rel, kind, names[i].is_dir);
    st_figure("store_plants", plants);
    st_figure("store_plants_refused", refused);
    st_figure("store_plants_worked", worked);
    st_rm_rf(work);
    return st_finish();
}

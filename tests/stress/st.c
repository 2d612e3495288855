/* Helpers shared by the stress campaigns (see st.h). */
#define _GNU_SOURCE
#include "st.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

int st_passed, st_failed;
static uint64_t rng = 88172645463325252ull;

void st_ok(int cond, const char *fmt, ...)
{
    va_list ap;

    if (cond) {
        st_passed++;
        return;
    }
    if (st_failed++ >= ST_NOISE_MAX)
        return;
    fputs("not ok: ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

void st_figure(const char *name, unsigned long long value)
{
    printf("figure %s %llu\n", name, value);
    fflush(stdout);
}

int st_finish(void)
{
    printf("%d passed, %d failed\n", st_passed, st_failed);
    return st_failed ? 1 : 0;
}

void st_seed(unsigned long long seed)
{
    rng = seed * 2654435761ull + 88172645463325252ull;
}

uint64_t st_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

double st_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

void st_path(char *out, size_t n, const char *dir, const char *name)
{
    if (snprintf(out, n, "%s/%s", dir, name) >= (int)n)
        abort(); /* a cut path would test the wrong file */
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st; (void)flag; (void)f;
    chmod(p, 0700);
    return remove(p) && errno != ENOENT ? 0 : 0;
}

void st_rm_rf(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void st_mkdir_fresh(const char *path)
{
    st_rm_rf(path);
    if (mkdir(path, 0700) && errno != EEXIST) {
        perror(path);
        exit(2);
    }
}

char *st_slurp(const char *path, size_t *n)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    char *buf = NULL;
    size_t cap = 0, len = 0;
    ssize_t got;

    if (fd < 0)
        return NULL;
    for (;;) {
        if (len + 65536 > cap) {
            char *grown = realloc(buf, cap = cap ? cap * 2 : 131072);
            if (!grown)
                break;
            buf = grown;
        }
        got = read(fd, buf + len, cap - len - 1);
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    if (buf)
        buf[len] = 0;
    *n = len;
    return buf;
}

int st_spew(const char *path, const void *buf, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int ok = fd >= 0 && write(fd, buf, n) == (ssize_t)n;

    if (fd >= 0)
        close(fd);
    return ok ? 0 : -1;
}

int st_copy_tree(const char *from, const char *to)
{
    char cmd[2 * PATH_MAX + 32];

    st_rm_rf(to);
    snprintf(cmd, sizeof(cmd), "cp -a '%s' '%s'", from, to);
    return system(cmd);
}

/* ---- digests ---- */

static void hex(const unsigned char *md, char out[65])
{
    int i;

    for (i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", md[i]);
    out[64] = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir, sorted; only ours at the top level (bk_name_kind). */
static size_t list_names(const char *dir, int top, char ***out)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t n = 0;

    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (top && bk_name_kind(e->d_name) == BK_NAME_FOREIGN)
            continue;
        v = realloc(v, (n + 1) * sizeof(*v));
        v[n++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    if (n)
        qsort(v, n, sizeof(*v), cmp_str);
    *out = v;
    return n;
}

static void digest_dir(EVP_MD_CTX *md, const char *dir, int top)
{
    char **names, path[PATH_MAX];
    size_t n = list_names(dir, top, &names), i, len;
    struct stat st;
    char *data;

    for (i = 0; i < n; i++) {
        st_path(path, sizeof(path), dir, names[i]);
        EVP_DigestUpdate(md, names[i], strlen(names[i]) + 1);
        if (lstat(path, &st))
            EVP_DigestUpdate(md, "?", 1);
        else if (S_ISDIR(st.st_mode)) {
            EVP_DigestUpdate(md, "d{", 2);
            digest_dir(md, path, 0);
            EVP_DigestUpdate(md, "}", 1);
        } else if (S_ISREG(st.st_mode) && (data = st_slurp(path, &len))) {
            EVP_DigestUpdate(md, "f", 1);
            EVP_DigestUpdate(md, &len, sizeof(len));
            EVP_DigestUpdate(md, data, len);
            free(data);
        } else
            EVP_DigestUpdate(md, "l", 1); /* symlinks and others: never part of a set */
        free(names[i]);
    }
    free(names);
}

void st_set_digest(const char *dir, char out[65], int *marker)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    char path[PATH_MAX];
    struct stat st;

    st_path(path, sizeof(path), dir, CS_BACKUP_MARKER);
    *marker = !lstat(path, &st);
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    digest_dir(c, dir, 1);
    EVP_DigestFinal_ex(c, md, NULL);
    EVP_MD_CTX_free(c);
    hex(md, out);
}

struct dumpbuf { char *p; size_t n, cap; };

static uint32_t dump_write(void *ctx, const void *buf, size_t n)
{
    struct dumpbuf *d = ctx;

    if (d->n + n + 1 > d->cap) {
        size_t cap = (d->n + n + 1) * 2;
        char *p = realloc(d->p, cap);
        if (!p)
            return CS_ERROR_NOT_ENOUGH_MEMORY;
        d->p = p;
        d->cap = cap;
    }
    memcpy(d->p + d->n, buf, n);
    d->n += n;
    d->p[d->n] = 0;
    return 0;
}

/* One dump line into the digest, minus what a restore moves on by design. */
static void digest_line(EVP_MD_CTX *md, char *line)
{
    char *f[32], *save = NULL, *t;
    int nf = 0, i, skip_from = 99, skip_to = -1;

    if (!strncmp(line, "log\t", 4) || !strncmp(line, "logcheckpoint\t", 14) || !strncmp(line, "end\t", 4) ||
        !strncmp(line, "WINECLUS-DUMP\t", 14))
        return;
    for (t = strtok_r(line, "\t", &save); t && nf < 32; t = strtok_r(NULL, "\t", &save))
        f[nf++] = t;
    if (nf && !strcmp(f[0], "cluster"))
        skip_from = 12, skip_to = 13;   /* log_seq, log_bytes */
    else if (nf && !strcmp(f[0], "checkpoint"))
        skip_from = skip_to = 4;        /* generation */
    for (i = 0; i < nf; i++) {
        if (i >= skip_from && i <= skip_to)
            continue;
        EVP_DigestUpdate(md, f[i], strlen(f[i]) + 1);
    }
    EVP_DigestUpdate(md, "\n", 1);
}

void st_store_digest(const char *store_dir, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    struct dumpbuf d = { NULL, 0, 0 };
    cs_checkpoint *ck = NULL;
    size_t nck = 0, i;
    EVP_MD_CTX *c;
    cs_store *s = NULL;
    char *line, *save = NULL;
    uint32_t err;

    out[0] = 0;
    err = cs_open(store_dir, NULL, NULL, &s);
    if (!err)
        err = cs_snapshot_begin(s);
    if (err) {
        cs_close(s);
        return;
    }
    c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    err = cs_snapshot_dump(s, dump_write, &d);
    if (!err)
        err = cs_checkpoint_list(s, NULL, 0, &ck, &nck);
    for (i = 0; !err && i < nck; i++) {
        void *data = NULL;
        size_t size = 0;

        err = cs_checkpoint_get_data(s, ck[i].resource, ck[i].kind, ck[i].key, &data, &size);
        EVP_DigestUpdate(c, ck[i].key, strlen(ck[i].key) + 1);
        EVP_DigestUpdate(c, &size, sizeof(size));
        if (size)
            EVP_DigestUpdate(c, data, size);
        cs_free(data);
    }
    for (line = d.p ? strtok_r(d.p, "\n", &save) : NULL; !err && line; line = strtok_r(NULL, "\n", &save))
        digest_line(c, line);
    cs_snapshot_end(s);
    cs_close(s);
    cs_free(ck);
    free(d.p);
    EVP_DigestFinal_ex(c, md, NULL);
    EVP_MD_CTX_free(c);
    if (!err)
        hex(md, out);
}

/* ---- stores ---- */

/* Registry checkpoints get valid streams: a restore takes no other. */
static void fill(unsigned char *buf, size_t n, uint64_t seed, int kind)
{
    static wcreg w;
    size_t i;

    if (kind == CS_CKPT_REGISTRY && n >= WCREG_MIN) {
        wcreg_init(&w, n, seed);
        wcreg_read(&w, buf, n, &i);
        return;
    }
    st_seed(seed);
    for (i = 0; i < n; i += 8) {
        uint64_t r = st_rand();
        memcpy(buf + i, &r, n - i < 8 ? n - i : 8);
    }
}

uint32_t st_populate(const char *store_dir, unsigned nres, unsigned nck, size_t bytes, uint64_t seed)
{
    unsigned char *buf = malloc(bytes ? bytes : 1);
    char name[64], key[128];
    cs_resource r;
    cs_group g;
    cs_store *s = NULL;
    uint32_t err;
    unsigned i, k;

    st_rm_rf(store_dir);
    err = cs_open(store_dir, "STRESSCLUS", "STRESSNODE", &s);
    if (!err)
        err = cs_group_create(s, "Stress Group", 1, &g);
    for (i = 0; !err && i < nres; i++) {
        snprintf(name, sizeof(name), "Stress Disk %u", i);
        err = cs_resource_create(s, name, "Physical Disk", "Stress Group", &r);
        for (k = 0; !err && k <= nck; k++) {
            int kind = k < nck ? CS_CKPT_REGISTRY : CS_CKPT_CRYPTO;
            if (kind == CS_CKPT_REGISTRY)
                snprintf(key, sizeof(key), "SOFTWARE\\Stress\\R%u\\K%u", i, k);
            else
                snprintf(key, sizeof(key), "1\\Microsoft Base Cryptographic Provider v1.0\\C%u", i);
            fill(buf, bytes, seed + i * 100 + k, kind);
            err = cs_checkpoint_add(s, r.id, kind, key);
            if (!err)
                err = cs_checkpoint_set_data(s, r.id, kind, key, buf, bytes);
        }
    }
    if (err)
        fprintf(stderr, "populate %s: %u %s\n", store_dir, err, s ? cs_errmsg(s) : "");
    cs_close(s);
    free(buf);
    return err;
}

uint32_t st_mutate(const char *store_dir, uint64_t seed)
{
    cs_checkpoint *ck = NULL;
    size_t nck = 0, i;
    cs_store *s = NULL;
    uint32_t err, v = (uint32_t)seed;

    err = cs_open(store_dir, NULL, NULL, &s);
    if (!err)
        err = cs_checkpoint_list(s, NULL, 0, &ck, &nck);
    for (i = 0; !err && i < nck; i++) {
        void *data = NULL;
        size_t size = 0;

        err = cs_checkpoint_get_data(s, ck[i].resource, ck[i].kind, ck[i].key, &data, &size);
        if (!err && size) {
            fill(data, size, seed + i, ck[i].kind);
            err = cs_checkpoint_set_data(s, ck[i].resource, ck[i].kind, ck[i].key, data, size);
        }
        cs_free(data);
    }
    if (!err)
        err = cs_resource_set_property(s, "Stress Disk 0", "StressState", CS_PROP_DWORD, &v, sizeof(v));
    cs_free(ck);
    cs_close(s);
    return err;
}

uint32_t st_repair(const char *dir)
{
    static cs_store *s;
    char scratch[PATH_MAX];
    uint32_t err = 0;
    int dfd, repaired;

    /* bk_* report into a store; any store will do. */
    if (!s) {
        snprintf(scratch, sizeof(scratch), "%s.repair-store", dir);
        st_rm_rf(scratch);
        err = cs_open(scratch, "REPAIR", "REPAIR", &s);
    }
    if (!err)
        err = bk_open_locked(s, dir, &dfd);
    if (!err) {
        unsetenv("WINECLUS_FAULT");
        fsio_fault_arm();
        err = bk_repair(s, dfd, &repaired);
        fsio_close(dfd);
    }
    if (err)
        fprintf(stderr, "repair %s: %u %s\n", dir, err, cs_errmsg(s));
    return err;
}

pid_t st_tool_spawn(const char *tool, const char *store, const char *verb, const char *dir, const char *fault)
{
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        setenv("WINECLUS_STORE", store, 1);
        if (fault)
            setenv("WINECLUS_FAULT", fault, 1);
        else
            unsetenv("WINECLUS_FAULT");
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(127);
        if (!strcmp(verb, "restore"))
            execl(tool, tool, verb, dir, "--force", (char *)NULL);
        else
            execl(tool, tool, verb, dir, (char *)NULL);
        _exit(127);
    }
    return pid;
}

int st_tool_wait(pid_t pid)
{
    int status = 0;

    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Files of the store's contents/ that no checkpoint names, and anything
 * left in contents/tmp/; the store is opened first, so what a killed
 * writer left has been collected (-1: the store does not open). */
long st_store_stray(const char *store_dir)
{
    char p[PATH_MAX], name[65];
    cs_checkpoint *ck = NULL;
    size_t nck = 0, i, j;
    struct dirent *e;
    cs_store *s = NULL;
    long stray = 0;
    DIR *d;

    if (cs_open(store_dir, NULL, NULL, &s) || cs_checkpoint_list(s, NULL, 0, &ck, &nck)) {
        cs_close(s);
        return -1;
    }
    cs_close(s);
    st_path(p, sizeof(p), store_dir, "contents");
    if ((d = opendir(p))) {
        while ((e = readdir(d))) {
            if (strlen(e->d_name) != 64)
                continue;
            for (i = 0; i < nck; i++) {
                if (!ck[i].has_sha256 || !ck[i].data_size)
                    continue;
                for (j = 0; j < 32; j++)
                    snprintf(name + 2 * j, 3, "%02x", ck[i].sha256[j]);
                if (!strcmp(name, e->d_name))
                    break;
            }
            stray += i == nck;
        }
        closedir(d);
    }
    st_path(p, sizeof(p), store_dir, "contents/tmp");
    if ((d = opendir(p))) {
        while ((e = readdir(d)))
            stray += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
        closedir(d);
    }
    cs_free(ck);
    return stray;
}

int st_timed_call(const char *store, const char *dir, int restore, double secs, uint32_t *rc, char *msg,
                  size_t n)
{
    struct { uint32_t rc; char msg[1024]; } r;
    struct pollfd pfd;
    int fds[2], answered;
    pid_t pid;

    *rc = 0;
    msg[0] = 0;
    if (pipe(fds))
        return -1;
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        cs_store *s = NULL;

        close(fds[0]);
        memset(&r, 0, sizeof(r));
        r.rc = cs_open(store, NULL, NULL, &s);
        if (!r.rc)
            r.rc = restore ? cs_restore(s, dir, 1, NULL, NULL) : cs_backup(s, dir, NULL, NULL);
        snprintf(r.msg, sizeof(r.msg), "%s", cs_errmsg(s));
        _exit(write(fds[1], &r, sizeof(r)) == (ssize_t)sizeof(r) ? 0 : 1);
    }
    close(fds[1]);
    pfd.fd = fds[0];
    pfd.events = POLLIN;
    answered = pid > 0 && poll(&pfd, 1, (int)(secs * 1000)) == 1 && read(fds[0], &r, sizeof(r)) == (ssize_t)sizeof(r);
    close(fds[0]);
    if (pid > 0 && !answered)
        kill(pid, SIGKILL);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    if (!answered)
        return -1;
    *rc = r.rc;
    snprintf(msg, n, "%s", r.msg);
    return 0;
}

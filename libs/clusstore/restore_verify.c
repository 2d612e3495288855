/* Checking a backup set before anything in the store changes: the marker,
 * the manifest, exactly the files it lists (nothing missing, nothing extra,
 * nothing of the wrong form or through a symlink), every SHA-256 and every
 * registry checkpoint's stream;
 * for a restore, copying on the way the contents the store lacks. */
#include "backup_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

/* Far above any real manifest (about 1.5 KB a checkpoint at worst). */
#define BK_MANIFEST_MAX (64u << 20)

static uint32_t corrupt(cs_store *s, const char *what, const char *name)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: %s %s", what, name);
}

static uint32_t check_marker(cs_store *s, int dfd)
{
    struct stat st;
    int e = fsio_fstatat(dfd, CS_BACKUP_MARKER, &st);

    if (e == ENOENT)
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no complete backup here: " CS_BACKUP_MARKER " is missing");
    if (e)
        return bk_ioerr(s, e, 0, "inspect", CS_BACKUP_MARKER);
    if (!S_ISREG(st.st_mode) || st.st_size)
        return corrupt(s, "not an empty file:", CS_BACKUP_MARKER);
    return 0;
}

static uint32_t read_manifest(cs_store *s, int dfd, bk_manifest *m)
{
    struct stat st;
    size_t len = 0, got;
    char *text;
    uint32_t err;
    int fd, e;

    e = fsio_open_regular(dfd, CS_BACKUP_MANIFEST, O_RDONLY, 0, &fd, &st);
    if (e == ENOENT || e == ELOOP || e == FSIO_ENOTREG)
        return corrupt(s, "missing or not a file:", CS_BACKUP_MANIFEST);
    if (e)
        return bk_ioerr(s, e, 0, "open", CS_BACKUP_MANIFEST);
    if (st.st_size <= 0 || (uint64_t)st.st_size > BK_MANIFEST_MAX) {
        fsio_close(fd);
        return corrupt(s, "empty or oversized:", CS_BACKUP_MANIFEST);
    }
    text = malloc((size_t)st.st_size + 1);
    if (!text) {
        fsio_close(fd);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading " CS_BACKUP_MANIFEST);
    }
    do {
        e = fsio_read(fd, text + len, (size_t)st.st_size - len, &got);
        len += got;
    } while (!e && got && len < (size_t)st.st_size);
    fsio_close(fd);
    if (e)
        err = bk_ioerr(s, e, 0, "read", CS_BACKUP_MANIFEST);
    else if (len != (size_t)st.st_size)
        err = corrupt(s, "changed while read:", CS_BACKUP_MANIFEST);
    else
        err = bk_manifest_parse(s, text, len, m);
    free(text);
    return err;
}

/* The manifest's entries by path, so that checking a listing of n names
 * costs n log n rather than n squared. */
struct index {
    bk_manifest *m;
    bk_entry   **by_path;
};

static int cmp_entry(const void *a, const void *b)
{
    const bk_entry *x = *(bk_entry *const *)a, *y = *(bk_entry *const *)b;
    int c = strcmp(x->path, y->path);

    /* Equal paths keep manifest order, so the first one listed is found. */
    return c ? c : (x < y ? -1 : x > y);
}

static uint32_t index_build(cs_store *s, bk_manifest *m, struct index *ix)
{
    size_t i;

    ix->m = m;
    ix->by_path = malloc((m->n ? m->n : 1) * sizeof(*ix->by_path));
    if (!ix->by_path)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    for (i = 0; i < m->n; i++)
        ix->by_path[i] = &m->entries[i];
    qsort(ix->by_path, m->n, sizeof(*ix->by_path), cmp_entry);
    return 0;
}

static bk_entry *find(const struct index *ix, const char *path)
{
    size_t lo = 0, hi = ix->m->n, mid;
    int c;

    /* The leftmost entry with this path. */
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        c = strcmp(ix->by_path[mid]->path, path);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->m->n && !strcmp(ix->by_path[lo]->path, path) ? ix->by_path[lo] : NULL;
}

/* Every entry of a GUID folder must be a listed file: the folder is ours. */
static uint32_t check_guid_dir(cs_store *s, int dfd, const char *guid, const struct index *ix, unsigned char *seen)
{
    char path[BK_REL_MAX];
    const char *name;
    bk_entry *e;
    uint32_t err = 0;
    size_t listed = 0;
    DIR *d;
    int fd, x;

    x = fsio_open_subdir(dfd, guid, &fd);
    if (x == ELOOP || x == ENOTDIR)
        return corrupt(s, "not a folder:", guid);
    if (x)
        return bk_ioerr(s, x, 0, "open folder", guid);
    x = fsio_opendir(fd, &d);
    while (!x && !err && !(x = fsio_readdir(d, &name)) && name) {
        if (strlen(name) + CS_GUID_MAX + 1 > sizeof(path))
            err = corrupt(s, "unexpected file in", guid);
        else {
            snprintf(path, sizeof(path), "%s/%s", guid, name);
            e = find(ix, path);
            if (!e || !e->kind)
                err = corrupt(s, "file not in the manifest:", path);
            else {
                seen[e - ix->m->entries] = 1;
                listed++;
            }
        }
    }
    fsio_closedir(d);
    fsio_close(fd);
    if (!err && x)
        err = bk_ioerr(s, x, 0, "list", guid);
    if (!err && !listed)
        err = corrupt(s, "folder not in the manifest:", guid);
    return err;
}

/* The names of ours in the folder are exactly the manifest's. */
static uint32_t check_listing(cs_store *s, int dfd, bk_manifest *m)
{
    unsigned char *seen = calloc(m->n ? m->n : 1, 1);
    struct index ix = { m, NULL };
    const char *name;
    bk_entry *e;
    uint32_t err = 0;
    size_t i;
    DIR *d;
    int x;

    if (!seen)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    if ((err = index_build(s, m, &ix))) {
        free(seen);
        return err;
    }
    x = fsio_opendir(dfd, &d);
    while (!x && !err && !(x = fsio_readdir(d, &name)) && name) {
        switch (bk_name_kind(name)) {
        case BK_NAME_FOREIGN:
            break;
        case BK_NAME_MARKER:
        case BK_NAME_MANIFEST:
            /* Only the exact spelling: a case variant would shadow it on Windows. */
            if (strcmp(name, CS_BACKUP_MARKER) && strcmp(name, CS_BACKUP_MANIFEST))
                err = corrupt(s, "extra file", name);
            break;
        case BK_NAME_GUID:
            if (!bk_is_guid(name))
                err = corrupt(s, "folder name not of the set's form:", name);
            else
                err = check_guid_dir(s, dfd, name, &ix, seen);
            break;
        default:
            e = find(&ix, name);
            if (!e || e->kind)
                err = corrupt(s, "file not in the manifest:", name);
            else
                seen[e - m->entries] = 1;
            break;
        }
    }
    fsio_closedir(d);
    if (!err && x)
        err = bk_ioerr(s, x, 0, "list", "backup folder");
    for (i = 0; !err && i < m->n; i++) {
        if (!seen[i])
            err = corrupt(s, "missing file", m->entries[i].path);
    }
    free(ix.by_path);
    free(seen);
    return err;
}

uint32_t bk_open_entry(cs_store *s, int dfd, const bk_entry *e, int *fd)
{
    char guid[CS_GUID_MAX];
    const char *name = e->path;
    struct stat st;
    int sub = dfd, x;

    *fd = -1;
    if (e->kind) {
        memcpy(guid, e->path, CS_GUID_MAX - 1);
        guid[CS_GUID_MAX - 1] = 0;
        name = e->path + CS_GUID_MAX;
        x = fsio_open_subdir(dfd, guid, &sub);
        if (x)
            return x == ENOENT || x == ELOOP || x == ENOTDIR ? corrupt(s, "missing folder", guid)
                                                             : bk_ioerr(s, x, 0, "open folder", guid);
    }
    x = fsio_open_regular(sub, name, O_RDONLY, 0, fd, &st);
    if (sub != dfd)
        fsio_close(sub);
    if (x == FSIO_ENOTREG)
        return corrupt(s, "not a file:", e->path);
    if (x)
        return x == ENOENT || x == ELOOP ? corrupt(s, "missing or a link:", e->path) : bk_ioerr(s, x, 0, "open", e->path);
    if ((uint64_t)st.st_size != e->size) {
        fsio_close(*fd);
        *fd = -1;
        return corrupt(s, "wrong size:", e->path);
    }
    return 0;
}

uint32_t bk_in_init(bk_in *in, cs_store *s, const bk_entry *e, int fd, int hash)
{
    memset(in, 0, sizeof(*in));
    in->s = s;
    in->e = e;
    in->fd = fd;
    if (!hash)
        return 0;
    in->md = EVP_MD_CTX_new();
    if (!in->md || !EVP_DigestInit_ex(in->md, EVP_sha256(), NULL)) {
        EVP_MD_CTX_free(in->md);
        in->md = NULL;
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 context: out of memory");
    }
    return 0;
}

uint32_t bk_in_reader(void *ctx, void *buf, size_t cap, size_t *got)
{
    bk_in *in = ctx;
    int x;

    *got = 0;
    if (in->bytes >= in->e->size)
        return 0;
    if (cap > in->e->size - in->bytes)
        cap = (size_t)(in->e->size - in->bytes);
    x = fsio_read(in->fd, buf, cap, got);
    if (x)
        return bk_ioerr(in->s, x, 0, "read", in->e->path);
    if (!*got)
        return corrupt(in->s, "truncated file", in->e->path);
    if (in->md && !EVP_DigestUpdate(in->md, buf, *got))
        return cs__fail(in->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    in->bytes += *got;
    return 0;
}

uint32_t bk_in_finish(bk_in *in)
{
    unsigned char md[EVP_MAX_MD_SIZE], extra;
    unsigned int len = 0;
    size_t got = 0;
    uint32_t err = 0;
    int x;

    if (in->bytes != in->e->size)
        err = corrupt(in->s, "truncated file", in->e->path);
    /* A file that grew since the size check is not the file listed. */
    else if ((x = fsio_read(in->fd, &extra, 1, &got)) || got)
        err = x ? bk_ioerr(in->s, x, 0, "read", in->e->path) : corrupt(in->s, "file longer than listed:", in->e->path);
    else if (in->md) {
        if (!EVP_DigestFinal_ex(in->md, md, &len) || len != BK_SHA_LEN)
            err = cs__fail(in->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
        else if (memcmp(md, in->e->sha, BK_SHA_LEN))
            err = corrupt(in->s, "SHA-256 mismatch in", in->e->path);
    }
    bk_in_close(in);
    return err;
}

void bk_in_close(bk_in *in)
{
    EVP_MD_CTX_free(in->md);
    in->md = NULL;
    fsio_close(in->fd);
    in->fd = -1;
}

/* A registry checkpoint must open as a hive and keep every rule
 * (cs_hivewalk.c), so no node is ever handed one it would refuse. */
static uint32_t check_hive(cs_store *s, const unsigned char *hive, const bk_entry *e)
{
    char why[160];

    if (!cs_reghive_walk(hive, (size_t)e->size, NULL, NULL, why, sizeof(why)))
        return 0;
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: %s is not a registry checkpoint (%s)",
                    e->path, why);
}

/* Entry i, read here in order (every size, read and length check as
 * before) and, when to is a file, written there by the pipe's thread.
 * Hashed here and checked at its end (here), or by the pipe's thread into
 * digest slot i (there).  A registry checkpoint is gathered on the way into
 * hive (e->size bytes) and checked whole once read. */
static uint32_t hash_entry(cs_store *s, bk_pipe *p, int dfd, const bk_entry *e, size_t i, int to, int here,
                           unsigned char *hive)
{
    unsigned char *buf;
    uint64_t at = 0;
    uint32_t err;
    size_t got;
    bk_in in;
    int fd;

    if ((err = bk_open_entry(s, dfd, e, &fd))) {
        if (to >= 0)
            bk_pipe_finish(s, p, to, BK_PIPE_DROP, NULL, e->path);
        return err;
    }
    if ((err = bk_in_init(&in, s, e, fd, here))) {
        fsio_close(fd);
        if (to >= 0)
            bk_pipe_finish(s, p, to, BK_PIPE_DROP, NULL, e->path);
        return err;
    }
    do {
        if ((err = bk_pipe_buffer(s, p, &buf)))
            break;
        if ((err = bk_in_reader(&in, buf, BK_PIPE_CHUNK, &got)) || !got)
            bk_pipe_release(p, buf);
        else {
            /* The reader never gives more than the listed size. */
            if (hive)
                memcpy(hive + at, buf, got);
            at += got;
            err = bk_pipe_write(s, p, to, buf, got, !here, e->path);
        }
    } while (!err && got);
    if (!err)
        err = bk_in_finish(&in);
    else
        bk_in_close(&in);
    if (!err && hive)
        err = check_hive(s, hive, e);
    if (err) {
        if (to >= 0)
            bk_pipe_finish(s, p, to, BK_PIPE_DROP, NULL, e->path);
        return err;
    }
    return bk_pipe_finish(s, p, to, here ? BK_PIPE_NO_DIGEST : i, NULL, e->path);
}

/* SHA-256 is most of the cost of checking a large set (0.6 s a gigabyte
 * here), so both threads hash, this one as it reads, the pipe's as it
 * writes.  This one also opens, checks and creates every file, so it
 * takes a third of the bytes: of the splits tried on a 10 000-file
 * restore (none, a quarter, a third, a half, one steered by how often
 * this thread waited for buffers) it kept the two busiest alike (tmpfs:
 * 0.92 s to check and copy 1.1 GB with none, 0.71 s with a third).  With
 * a stage, each checkpoint's contents the store lacks are
 * copied into it on the way, so a restore reads the set once; they are
 * named only once every digest matched.  The pipe's digests are compared,
 * in manifest order, once every file was read. */
static uint32_t check_files(cs_store *s, int dfd, const bk_manifest *m, cs_stage *stage)
{
    unsigned char sha[BK_SHA_LEN], *here;
    uint64_t hashed = 0, total = 0;
    size_t i, *slot = NULL;
    unsigned char *hive = NULL;
    uint64_t hive_cap = 0;
    bk_pipe *p;
    uint32_t err;
    int to;

    if (!(here = calloc(m->n ? m->n : 1, 1)) || (stage && !(slot = malloc((m->n ? m->n : 1) * sizeof(*slot))))) {
        free(slot);
        free(here);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    if ((err = bk_pipe_start(s, &p))) {
        free(slot);
        free(here);
        return err;
    }
    for (i = 0; !err && i < m->n; i++) {
        const bk_entry *e = &m->entries[i];
        to = -1;
        if (slot)
            slot[i] = (size_t)-1;
        if (slot && e->kind && !cs__blob_have(s, e->sha, e->size))
            err = cs__stage_create(s, stage, e->size, &to, &slot[i]);
        here[i] = 3 * hashed < total;
        hashed += here[i] ? e->size : 0;
        total += e->size;
        /* One buffer for every hive, grown as needed: a fresh one per file
         * would be mapped and faulted in again each time. */
        if (!err && e->kind == CS_CKPT_REGISTRY && e->size > hive_cap) {
            free(hive);
            hive_cap = 0;
            if (!(hive = malloc((size_t)e->size)))
                err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory for %s", e->path);
            else
                hive_cap = e->size;
        }
        if (!err)
            err = hash_entry(s, p, dfd, e, i, to, here[i], e->kind == CS_CKPT_REGISTRY && e->size ? hive : NULL);
    }
    if (!err)
        err = bk_pipe_drain(s, p);
    for (i = 0; !err && i < m->n; i++)
        if (!here[i] && (bk_pipe_digest(p, i, sha) || memcmp(sha, m->entries[i].sha, BK_SHA_LEN)))
            err = corrupt(s, "SHA-256 mismatch in", m->entries[i].path);
    bk_pipe_stop(p);
    for (i = 0; !err && slot && i < m->n; i++)
        if (slot[i] != (size_t)-1)
            cs__stage_named(stage, slot[i], m->entries[i].sha);
    free(hive);
    free(slot);
    free(here);
    return err;
}

/* Before a byte is read or copied: every file has its listed size (a file
 * grown or cut, sparse or not, is refused at once, not after the copy of
 * those before it), and what the store lacks fits its file system.  Opening
 * each file checks its size again; this look only saves the copy. */
static uint32_t check_sizes(cs_store *s, int dfd, const bk_manifest *m, cs_stage *stage)
{
    uint64_t need = 0;
    struct stat st;
    size_t i;
    int x;

    for (i = 0; i < m->n; i++) {
        const bk_entry *e = &m->entries[i];
        if ((x = fsio_fstatat(dfd, e->path, &st)))
            return x == ENOENT ? corrupt(s, "missing file", e->path) : bk_ioerr(s, x, 0, "inspect", e->path);
        if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size != e->size)
            return corrupt(s, "wrong size or not a file:", e->path);
        if (stage && e->kind && !cs__blob_have(s, e->sha, e->size))
            need += e->size;
    }
    return stage ? cs__stage_room(s, need) : 0;
}

uint32_t bk_verify(cs_store *s, int dfd, bk_manifest *m, cs_stage *stage)
{
    uint32_t err;

    if ((err = check_marker(s, dfd)) || (err = read_manifest(s, dfd, m)))
        return err;
    if ((err = check_listing(s, dfd, m)) || (err = check_sizes(s, dfd, m, stage)) ||
        (err = check_files(s, dfd, m, stage)))
        bk_manifest_free(m);
    return err;
}

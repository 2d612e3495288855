/* Checking a backup set before anything in the store changes: the marker,
 * the manifest, exactly the files it lists (nothing missing, nothing extra,
 * nothing of the wrong form or through a symlink), every SHA-256 and every
 * registry checkpoint (restore_files.c says when it is read whole);
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

static uint32_t check_marker(cs_store *s, int dfd, const bk_listing *l)
{
    struct stat st;
    int e = l->marker[0] ? fsio_fstatat(dfd, l->marker, &st) : ENOENT;

    if (e == ENOENT)
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no complete backup here: " CS_BACKUP_MARKER " is missing");
    if (e)
        return bk_ioerr(s, e, 0, "inspect", l->marker);
    if (!S_ISREG(st.st_mode) || st.st_size)
        return corrupt(s, "not an empty file:", l->marker);
    return 0;
}

static uint32_t read_manifest(cs_store *s, int dfd, const char *name, bk_manifest *m)
{
    struct stat st;
    size_t len = 0, got;
    char *text;
    uint32_t err;
    int fd, e;

    e = fsio_open_regular(dfd, name, O_RDONLY, 0, &fd, &st);
    if (e == ENOENT || e == ELOOP || e == FSIO_ENOTREG)
        return corrupt(s, "missing or not a file:", name);
    if (e)
        return bk_ioerr(s, e, 0, "open", name);
    if (st.st_size <= 0 || (uint64_t)st.st_size > BK_MANIFEST_MAX) {
        fsio_close(fd);
        return corrupt(s, "empty or oversized:", name);
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

/* The names of ours in the folder are exactly the manifest's, whatever
 * their case; each entry learns how the folder spells it. */
static uint32_t match_listing(cs_store *s, const bk_listing *l, bk_manifest *m)
{
    unsigned char *used = calloc(l->n ? l->n : 1, 1);
    uint32_t err = 0;
    bk_found *f;
    size_t i;

    if (!used)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    for (i = 0; !err && i < m->n; i++) {
        if (!(f = bk_listing_find(l, m->entries[i].path)))
            err = corrupt(s, "missing file", m->entries[i].path);
        else {
            used[f - l->f] = 1;
            snprintf(m->entries[i].disk, sizeof(m->entries[i].disk), "%s", f->disk);
        }
    }
    for (i = 0; !err && i < l->n; i++)
        if (!used[i])
            err = corrupt(s, "file not in the manifest:", l->f[i].disk);
    free(used);
    return err;
}

uint32_t bk_open_entry(cs_store *s, int dfd, const bk_entry *e, int *fd)
{
    char guid[CS_GUID_MAX];
    const char *name = e->disk[0] ? e->disk : e->path;
    struct stat st;
    int sub = dfd, x;

    *fd = -1;
    if (e->kind) {
        memcpy(guid, name, CS_GUID_MAX - 1);
        guid[CS_GUID_MAX - 1] = 0;
        name += CS_GUID_MAX;
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

/* Not an error of the set's: the store's copy differs from the file, which
 * is then hashed as if the store lacked it (check_files). */
#define STORE_COPY_DIFFERS 0xffffffffu

/* n bytes of the store's copy (same) equal buf's. */
static uint32_t same_bytes(cs_store *s, const bk_entry *e, int same, const unsigned char *buf, size_t n,
                           unsigned char *theirs)
{
    size_t have = 0, got;
    int x;

    while (have < n) {
        if ((x = fsio_read(same, theirs + have, n - have, &got)))
            return bk_ioerr(s, x, 0, "read the store's copy of", e->path);
        if (!got)
            break;
        have += got;
    }
    return have == n && !memcmp(buf, theirs, n) ? 0 : STORE_COPY_DIFFERS;
}

/* Entry i, read here in order (every size, read and length check as
 * before) and, when to is a file, written there by the pipe's thread.
 * Hashed here and checked at its end (here), or by the pipe's thread into
 * digest slot i (there); or, when the store holds the listed digest's
 * contents (same, open), compared with them here.  A registry checkpoint
 * is fed to rs on the way, so no node is ever handed one it would refuse. */
static uint32_t hash_entry(cs_store *s, bk_pipe *p, int dfd, const bk_entry *e, size_t i, int to, int here,
                           bk_cpt_check *rs, int same, unsigned char *theirs)
{
    unsigned char *buf;
    uint32_t err;
    size_t got;
    bk_in in;
    int fd;

    if ((err = bk_open_entry(s, dfd, e, &fd))) {
        if (to >= 0)
            bk_pipe_finish(s, p, to, BK_PIPE_DROP, NULL, e->path);
        return err;
    }
    if ((err = bk_in_init(&in, s, e, fd, here && same < 0))) {
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
        else if (rs && (err = bk_cpt_check_feed(s, rs, e, buf, got)))
            bk_pipe_release(p, buf);
        else if (same >= 0) {
            err = same_bytes(s, e, same, buf, got, theirs);
            bk_pipe_release(p, buf);
        } else
            err = bk_pipe_write(s, p, to, buf, got, !here, e->path);
    } while (!err && got);
    if (!err && rs)
        err = bk_cpt_check_end(s, rs, e);
    if (!err)
        err = bk_in_finish(&in);
    else
        bk_in_close(&in);
    if (err) {
        if (to >= 0)
            bk_pipe_finish(s, p, to, BK_PIPE_DROP, NULL, e->path);
        return err;
    }
    return same >= 0 ? 0 : bk_pipe_finish(s, p, to, here ? BK_PIPE_NO_DIGEST : i, NULL, e->path);
}

/* A registry checkpoint written by an earlier build (a WCREG1 stream) goes
 * into the store as the hive the upgrade would have made of it: staged
 * here, its digest and size the entry's once the file's digest matched.
 * The stream's own copy, if one was staged, is never named. */
struct converted {
    size_t        i;
    uint64_t      size;
    unsigned char sha[BK_SHA_LEN];
};

static uint32_t stage_converted(cs_store *s, cs_stage *stage, const bk_cpt_check *rs, size_t i, size_t *slot,
                                struct converted **conv, size_t *nconv)
{
    struct converted *grown;
    cs__mem mem;
    size_t size;

    if (!(mem.p = bk_cpt_check_converted(rs, &size)))
        return 0;
    if (slot)
        slot[i] = (size_t)-1;
    if (!(grown = realloc(*conv, (*nconv + 1) * sizeof(**conv))))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    *conv = grown;
    grown += (*nconv)++;
    grown->i = i;
    grown->size = size;
    mem.left = size;
    return cs__stage_stream(s, stage, size, cs__read_mem, &mem, NULL, grown->sha);
}

/* Whether an entry of size bytes is hashed by this thread, which takes a
 * third of the bytes whose digest is known (check_files says why). */
static int hashed_here(uint64_t *hashed, uint64_t *total, uint64_t size, int known)
{
    int here = known && 3 * *hashed < *total;

    *hashed += here ? size : 0;
    *total += size;
    return here;
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
 * in manifest order, once every file was read.
 *
 * A checkpoint whose listed contents the store holds is compared with
 * them instead, here, five times faster than hashing it: equal bytes have
 * the listed digest, since the store's contents have their names' (each
 * was hashed as it came in, and a backup copies them out on that trust).
 * Unequal, the file or the store's copy is damaged: the file is read
 * again, hashed and staged as contents the store lacks, so a file with
 * the listed digest replaces the damaged copy and any other is refused. */
static uint32_t check_files(cs_store *s, int dfd, bk_manifest *m, cs_stage *stage)
{
    unsigned char sha[BK_SHA_LEN], *here, *theirs = NULL;
    uint64_t hashed = 0, total = 0;
    size_t i, *slot = NULL, nconv = 0;
    struct converted *conv = NULL;
    bk_cpt_check *rs;
    bk_pipe *p;
    uint32_t err;
    int to, same;

    if (!(here = calloc(m->n ? m->n : 1, 1)) || (stage && !(slot = malloc((m->n ? m->n : 1) * sizeof(*slot)))) ||
        (stage && !(theirs = malloc(BK_PIPE_CHUNK))) || !(rs = bk_cpt_check_new())) {
        free(theirs);
        free(slot);
        free(here);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    if ((err = bk_pipe_start(s, &p))) {
        bk_cpt_check_free(rs);
        free(theirs);
        free(slot);
        free(here);
        return err;
    }
    for (i = 0; !err && i < m->n; i++) {
        const bk_entry *e = &m->entries[i];
        to = same = -1;
        if (slot)
            slot[i] = (size_t)-1;
        if (slot && e->kind && (e->sha_known ? !cs__blob_have(s, e->sha, e->size) : e->size > 0))
            err = cs__stage_create(s, stage, e->size, &to, &slot[i]);
        else if (slot && e->kind && e->size && cs__blob_open(s, e->sha, e->size, &same))
            same = -1; /* gone meanwhile: hashed as any other */
        /* A digest to be learnt is the pipe's to take. */
        here[i] = same >= 0 || hashed_here(&hashed, &total, e->size, e->sha_known);
        bk_cpt_check_reset(rs);
        if (!err)
            err = hash_entry(s, p, dfd, e, i, to, here[i], e->kind == CS_CKPT_REGISTRY ? rs : NULL, same, theirs);
        if (same >= 0)
            fsio_close(same);
        if (err == STORE_COPY_DIFFERS) {
            here[i] = hashed_here(&hashed, &total, e->size, 1);
            bk_cpt_check_reset(rs);
            err = cs__stage_create(s, stage, e->size, &to, &slot[i]);
            if (!err)
                err = hash_entry(s, p, dfd, e, i, to, here[i], e->kind == CS_CKPT_REGISTRY ? rs : NULL, -1, theirs);
        }
        if (!err && stage && e->kind == CS_CKPT_REGISTRY)
            err = stage_converted(s, stage, rs, i, slot, &conv, &nconv);
    }
    if (!err)
        err = bk_pipe_drain(s, p);
    for (i = 0; !err && i < m->n; i++) {
        if (here[i])
            continue;
        if (bk_pipe_digest(p, i, sha) || (m->entries[i].sha_known && memcmp(sha, m->entries[i].sha, BK_SHA_LEN)))
            err = corrupt(s, "SHA-256 mismatch in", m->entries[i].path);
        else
            memcpy(m->entries[i].sha, sha, BK_SHA_LEN);
    }
    bk_pipe_stop(p);
    for (i = 0; !err && slot && i < m->n; i++)
        if (slot[i] != (size_t)-1)
            cs__stage_named(stage, slot[i], m->entries[i].sha);
    /* The file's digest was checked as the set's; the store gets the hive. */
    for (i = 0; !err && i < nconv; i++) {
        m->entries[conv[i].i].size = conv[i].size;
        memcpy(m->entries[conv[i].i].sha, conv[i].sha, BK_SHA_LEN);
    }
    free(conv);
    bk_cpt_check_free(rs);
    free(theirs);
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
        if ((x = fsio_fstatat(dfd, e->disk, &st)))
            return x == ENOENT ? corrupt(s, "missing file", e->disk) : bk_ioerr(s, x, 0, "inspect", e->disk);
        if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size != e->size)
            return corrupt(s, "wrong size or not a file:", e->disk);
        if (stage && e->kind && (!e->sha_known || !cs__blob_have(s, e->sha, e->size)))
            need += e->size;
    }
    return stage ? cs__stage_room(s, need) : 0;
}

uint32_t bk_read_set(cs_store *s, int dfd, bk_manifest *m)
{
    bk_listing l;
    uint32_t err;

    memset(m, 0, sizeof(*m));
    if ((err = bk_scan(s, dfd, &l)))
        return err;
    if (!(err = check_marker(s, dfd, &l))) {
        if (l.manifest[0]) {
            if (!(err = read_manifest(s, dfd, l.manifest, m)))
                err = match_listing(s, &l, m);
        } else
            err = bk_stripped_manifest(s, dfd, &l, m);
    }
    bk_listing_free(&l);
    if (err)
        bk_manifest_free(m);
    return err;
}

uint32_t bk_verify(cs_store *s, int dfd, bk_manifest *m, cs_stage *stage)
{
    uint32_t err;

    if ((err = bk_read_set(s, dfd, m)))
        return err;
    if ((err = check_sizes(s, dfd, m, stage)) || (err = check_files(s, dfd, m, stage)))
        bk_manifest_free(m);
    return err;
}

/* cs_backup: BackupClusterDatabase on a host folder.  The set is read inside
 * one snapshot (one point of the quorum log), built in BK_STAGE and swapped
 * in, or built in place in a folder that holds no set (backup_swap.c). */
#include "backup_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Wine 8 keeps HIDDEN/SYSTEM in Samba's xattr as "0x<hex>" without a NUL
 * (dlls/ntdll/unix/file.c: fd_set_dos_attrib); READONLY comes from the mode. */
#define BK_DOSATTRIB      "user.DOSATTRIB"
#define BK_DOSATTR_HIDDEN "0x2"

struct job {
    cs_store         *s;
    bk_pipe          *pipe;
    int               stage;      /* fd of BK_STAGE */
    bk_manifest       m;
    bk_progress       prog;
    cs_backup_report *rep;
};

/* Its digest comes from the writer thread (bk_pipe_digests), into the slot
 * of the entry's index. */
static uint32_t add_file(struct job *j, const bk_out *o, const char *path, const cs_checkpoint *c)
{
    bk_entry e;

    memset(&e, 0, sizeof(e));
    snprintf(e.path, sizeof(e.path), "%s", path);
    e.size = o->bytes;
    if (c) {
        e.kind = c->kind;
        memcpy(e.resource, c->resource, sizeof(e.resource));
        memcpy(e.key, c->key, sizeof(e.key));
    }
    j->rep->files++;
    j->rep->bytes += o->bytes;
    return bk_manifest_add(j->s, &j->m, &e);
}

static uint32_t write_snapshot(struct job *j, const cs_cluster *c)
{
    uint32_t err;
    bk_out o;

    bk_chk_name(c->log_seq, j->rep->chk_name);
    if ((err = bk_out_create(j->s, j->pipe, j->stage, j->rep->chk_name, &o)))
        return err;
    o.prog = &j->prog;
    if ((err = cs_snapshot_hive(j->s, bk_out_writer, &o)) || (err = bk_out_finish(&o, j->m.n))) {
        bk_out_abort(&o);
        return err;
    }
    return add_file(j, &o, j->rep->chk_name, NULL);
}

static uint32_t write_quolog(struct job *j, const cs_cluster *c)
{
    uint32_t err;
    bk_out o;

    if ((err = bk_out_create(j->s, j->pipe, j->stage, CS_BACKUP_LOG, &o)))
        return err;
    o.prog = &j->prog;
    if ((err = bk_quolog_write(&o, c, &j->rep->log_records)) || (err = bk_out_finish(&o, j->m.n))) {
        bk_out_abort(&o);
        return err;
    }
    return add_file(j, &o, CS_BACKUP_LOG, NULL);
}

/* Stream one checkpoint's contents into dfd/name, read straight into the
 * writer's buffers.  Their digest is the one the store kept since they were
 * written: a restore then checks the copy against the capture itself.  This
 * thread hashes what it reads, so that contents damaged in the store (same
 * size, other bytes) fail the backup here rather than giving a set that
 * looks whole and never restores; the writer thread meanwhile writes. */
static uint32_t write_ckpt(struct job *j, int dfd, const char *path, const char *name, const cs_checkpoint *c)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_MD_CTX *ctx = NULL;
    cs_blob *b = NULL;
    uint64_t size = 0, off;
    unsigned char *to;
    size_t room, n;
    uint32_t err;
    bk_out o;

    if ((err = cs_snapshot_open_blob(j->s, c, &b)))
        return err;
    size = b ? c->data_size : 0;
    if (c->has_sha256 && (!(ctx = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL))) {
        EVP_MD_CTX_free(ctx);
        cs_blob_close(b);
        return cs__fail(j->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 context: out of memory");
    }
    if ((err = bk_out_create(j->s, j->pipe, dfd, name, &o))) {
        EVP_MD_CTX_free(ctx);
        cs_blob_close(b);
        return err;
    }
    o.prog = &j->prog;
    o.sha = c->has_sha256 ? c->sha256 : NULL;
    snprintf(o.name, sizeof(o.name), "%s", path);
    for (off = 0; !err && off < size; off += n) {
        if (!(to = bk_out_room(&o, &room, &err)))
            break;
        n = size - off < room ? (size_t)(size - off) : room;
        err = cs_blob_read(b, off, to, n);
        if (!err && ctx && !EVP_DigestUpdate(ctx, to, n))
            err = cs__fail(j->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
        if (!err)
            err = bk_out_commit(&o, n);
    }
    cs_blob_close(b);
    if (!err && ctx && (!EVP_DigestFinal_ex(ctx, md, &len) || len != CS_SHA_LEN))
        err = cs__fail(j->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    else if (!err && ctx && memcmp(md, c->sha256, CS_SHA_LEN))
        err = cs__fail(j->s, CS_ERROR_FILE_CORRUPT, "the checkpoint contents written as %s are damaged in the store: "
                       "their SHA-256 is not the one stored (restore the store from a backup)", path);
    EVP_MD_CTX_free(ctx);
    if (!err)
        err = bk_out_finish(&o, j->m.n);
    bk_out_abort(&o);
    return err ? err : add_file(j, &o, path, c);
}

static uint32_t open_guid_dir(struct job *j, const char *guid, int *fd)
{
    int e = fsio_mkdirat(j->stage, guid, 0700);

    if (!e)
        e = fsio_open_subdir(j->stage, guid, fd);
    if (!e)
        e = fsio_fix_mode(*fd, 0700);
    return e ? bk_ioerr(j->s, e, 1, "create folder", guid) : 0;
}

/* One GUID folder per resource; files numbered from 1 per kind, in the
 * store's key order (cs_checkpoint_list sorts by resource, kind, key). */
static uint32_t write_ckpts(struct job *j, const cs_checkpoint *c, size_t n)
{
    char path[BK_REL_MAX], name[16];
    uint32_t err = 0, index = 0;
    int dfd = -1;
    size_t i;

    for (i = 0; !err && i < n; i++) {
        if (!bk_is_guid(c[i].resource)) {
            err = cs__fail(j->s, CS_ERROR_INVALID_DATA, "checkpoint of resource '%s': not a GUID", c[i].resource);
            break;
        }
        if (!i || strcmp(c[i].resource, c[i - 1].resource)) {
            fsio_close(dfd);
            dfd = -1;
            if ((err = open_guid_dir(j, c[i].resource, &dfd)))
                break;
        }
        index = cs__ckpt_file_number(c[i].resource, c[i].kind, i ? c[i - 1].resource : NULL, i ? c[i - 1].kind : 0,
                                     index);
        bk_ckpt_name(index, c[i].kind, name);
        snprintf(path, sizeof(path), "%s/%s", c[i].resource, name);
        err = write_ckpt(j, dfd, path, name, &c[i]);
        if (!err) {
            if (c[i].kind == CS_CKPT_CRYPTO)
                j->rep->crypto_checkpoints++;
            else
                j->rep->registry_checkpoints++;
        }
    }
    fsio_close(dfd);
    return err;
}

/* Once every other file is written, closed and hashed. */
static uint32_t write_manifest(struct job *j)
{
    uint32_t err;
    bk_out o;

    if ((err = bk_pipe_digests(j->s, j->pipe, &j->m)))
        return err;
    if ((err = bk_out_create(j->s, j->pipe, j->stage, CS_BACKUP_MANIFEST, &o)))
        return err;
    if ((err = bk_manifest_write(&o, &j->m)) || (err = bk_out_finish(&o, BK_PIPE_NO_DIGEST))) {
        bk_out_abort(&o);
        return err;
    }
    if ((err = bk_pipe_drain(j->s, j->pipe)))
        return err;
    j->rep->files++;
    j->rep->bytes += o.bytes;
    return 0;
}

/* Empty, read-only, hidden: written last, so its presence means "complete". */
static uint32_t write_marker(struct job *j, int dfd)
{
    int fd, e;

    /* 0600 until the xattr is on: setting a user xattr needs write access. */
    e = fsio_openat(dfd, CS_BACKUP_MARKER, O_WRONLY | O_CREAT | O_EXCL, 0600, &fd);
    if (e)
        return bk_ioerr(j->s, e, 1, "create", CS_BACKUP_MARKER);
    e = fsio_fsetxattr(fd, BK_DOSATTRIB, BK_DOSATTR_HIDDEN, strlen(BK_DOSATTR_HIDDEN));
    /* A file system without user xattrs only loses the hidden bit. */
    j->rep->marker_hidden = !e;
    if (e && e != ENOTSUP && e != EPERM && e != EACCES) {
        fsio_close(fd);
        return bk_ioerr(j->s, e, 1, "mark hidden", CS_BACKUP_MARKER);
    }
    e = fsio_fchmod(fd, 0400);
    if (!e)
        e = fsio_fsync(fd);
    fsio_close(fd);
    if (e)
        return bk_ioerr(j->s, e, 1, "finish", CS_BACKUP_MARKER);
    j->rep->files++;
    return 0;
}

static uint64_t sum_sizes(const cs_checkpoint *c, size_t n)
{
    uint64_t t = 0;
    size_t i;

    for (i = 0; i < n; i++)
        t += c[i].data_size;
    return t;
}

/* Everything read from the store happens here, inside one snapshot. */
static uint32_t build_set(struct job *j)
{
    cs_checkpoint *ck = NULL;
    size_t nck = 0;
    cs_cluster c;
    char why[sizeof(j->s->err)];
    uint32_t err;

    if ((err = cs_snapshot_begin(j->s)))
        return err;
    if (!(err = cs_cluster_get(j->s, &c)) && !(err = cs_checkpoint_list(j->s, NULL, 0, &ck, &nck))) {
        snprintf(j->m.cluster_id, sizeof(j->m.cluster_id), "%s", c.id);
        snprintf(j->m.cluster_name, sizeof(j->m.cluster_name), "%s", c.name);
        snprintf(j->m.quorum_resource, sizeof(j->m.quorum_resource), "%s", c.quorum_resource);
        snprintf(j->m.quorum_path, sizeof(j->m.quorum_path), "%s", c.quorum_path);
        j->m.log_seq = c.log_seq;
        j->m.checkpoint_seq = c.checkpoint_seq;
        j->rep->log_seq = c.log_seq;
        err = write_snapshot(j, &c);
        if (!err)
            err = write_quolog(j, &c);
        if (!err) {
            j->prog.total = j->prog.done + sum_sizes(ck, nck);
            err = write_ckpts(j, ck, nck);
        }
    }
    cs_free(ck);
    if (!err)
        return cs_snapshot_end(j->s);
    /* cs_snapshot_end starts by clearing the detail text of the failure. */
    memcpy(why, j->s->err, sizeof(why));
    cs_snapshot_end(j->s);
    memcpy(j->s->err, why, sizeof(why));
    return err;
}

uint32_t cs_backup(cs_store *s, const char *dir, const cs_backup_opts *opts, cs_backup_report *out)
{
    cs_backup_report rep;
    struct job j;
    uint32_t err;
    int dfd, in_place = 0;
    const char *where;

    if (!s)
        return CS_ERROR_INVALID_PARAMETER;
    memset(&rep, 0, sizeof(rep));
    memset(&j, 0, sizeof(j));
    j.s = s;
    j.stage = -1;
    j.rep = &rep;
    j.prog.opts = opts;
    cs__clear(s);
    fsio_fault_arm();
    fsio_umask_read();
    if ((err = bk_open_locked(s, dir, &dfd)))
        return err;
    err = bk_repair(s, dfd, &rep.repaired);
    if (!err)
        err = bk_stage_open(s, dfd, &j.stage, &in_place);
    if (!err)
        err = bk_pipe_start(s, &j.pipe);
    if (!err)
        err = build_set(&j);
    if (!err)
        err = write_manifest(&j);
    /* Every file of the set is closed (or dropped) before anything below. */
    bk_pipe_stop(j.pipe);
    /* The new set is complete once its own marker is durable, and the
     * marker may only follow every file and folder of the set to disk. */
    where = in_place ? "backup folder" : BK_STAGE;
    if (!err)
        err = bk_sync_fs(s, j.stage, where);
    if (!err)
        err = write_marker(&j, j.stage);
    if (!err)
        err = bk_sync_dir(s, j.stage, where);
    fsio_close(j.stage);
    if (!err) {
        err = bk_stage_install(s, dfd, in_place);
        if (err) {
            /* Past the build the new set is whole: try once to finish the
             * swap now rather than leave it to the next call. */
            char why[sizeof(s->err)];
            int again;

            memcpy(why, s->err, sizeof(why));
            if (!bk_repair(s, dfd, &again))
                cs__fail(s, err, "%s (the new backup was completed afterwards)", why);
            else
                cs__fail(s, err, "%s (the next backup or restore of this folder completes the swap)", why);
        }
    } else if (dfd >= 0) {
        bk_stage_drop(s, dfd, in_place);
    }
    bk_manifest_free(&j.m);
    fsio_close(dfd);
    if (out)
        *out = rep;
    return err;
}

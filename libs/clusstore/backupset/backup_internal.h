/* Private to the backup writer and restore reader (backup*.c, restore*.c). */
#ifndef WINECLUS_BACKUP_INTERNAL_H
#define WINECLUS_BACKUP_INTERNAL_H

#include "backupset.h"
#include "cs_internal.h"
#include "fsio.h"

#include <openssl/evp.h>

/* Hidden folders of the staging/swap protocol (docs/backup-format.md). */
#define BK_STAGE ".wineclus-new"   /* new set being built; complete once it has a marker */
#define BK_SWAP  ".wineclus-swap"  /* complete new set; the old set is already aside */
#define BK_OLD   ".wineclus-old"   /* the previous set, moved aside */

#define BK_MANIFEST_VERSION 1u
#define BK_CHUNK 65536
#define BK_SHA_LEN 32u
#define BK_REL_MAX 64              /* "<guid>/NNNNNNNN.CPT" and the top-level names */

/* ---- backup_names.c: which names belong to a set ---- */
enum { BK_NAME_FOREIGN, BK_NAME_MARKER, BK_NAME_LOG, BK_NAME_MANIFEST, BK_NAME_CHK, BK_NAME_GUID };
/* The role of a top-level name in the backup folder. */
int  bk_name_kind(const char *name);
/* 1 if name is a lowercase 8-4-4-4-12 GUID (the store's own form). */
int  bk_is_guid(const char *name);
/* "NNNNNNNN.CPT" / ".CPR": 1 with *index and *kind (CS_CKPT_*), else 0. */
int  bk_parse_ckpt_name(const char *name, uint32_t *index, int *kind);
void bk_chk_name(uint64_t log_seq, char out[16]);
void bk_ckpt_name(uint32_t index, int kind, char out[16]);

/* A name of the set, in the set's own spelling, whatever case the folder
 * gives it (top-level name, or a name inside a GUID folder); 0 if none. */
int  bk_canonical_name(const char *name, int in_guid, char out[BK_REL_MAX]);

/* ---- backup_err.c ---- */
/* Fail with the Windows code for an fsio errno, naming what failed. */
uint32_t bk_ioerr(cs_store *s, int err, int writing, const char *what, const char *name);
/* Open the caller's folder and lock it exclusively (267 for a file, 3 missing,
 * 32 held too long by another process). */
uint32_t bk_open_locked(cs_store *s, const char *dir, int *dfd);

/* ---- backup_lock.c ---- */
/* Take the exclusive flock on dfd, waiting for another holder within
 * WINECLUS_LOCK_WAIT (32 with the holder named once it runs out). */
uint32_t bk_lock_folder(cs_store *s, int dfd, const char *dir);

/* ---- backup_pipe.c: the writer thread (write, SHA-256, write-back, close) ---- */
#define BK_PIPE_CHUNK (256 * 1024)
#define BK_PIPE_NO_DIGEST ((size_t)-1)  /* finished, but nobody needs its digest */
#define BK_PIPE_DROP      ((size_t)-2)  /* abandoned half-written: only closed */
typedef struct bk_pipe bk_pipe;
typedef struct bk_manifest bk_manifest;

uint32_t bk_pipe_start(cs_store *s, bk_pipe **p);
/* A free BK_PIPE_CHUNK buffer; waits while the writer has them all. */
uint32_t bk_pipe_buffer(cs_store *s, bk_pipe *p, unsigned char **buf);
void     bk_pipe_release(bk_pipe *p, unsigned char *buf);
/* Hand buf (then the writer's) to be written to fd, and hashed if hash; name
 * is for errors.  Every call queues its fd or buffer, and returns the
 * writer's failure so far. */
uint32_t bk_pipe_write(cs_store *s, bk_pipe *p, int fd, unsigned char *buf, size_t n, int hash, const char *name);
/* fd is whole: start its write-back, keep its digest (sha if known, else
 * what was hashed) in slot id, close it. */
uint32_t bk_pipe_finish(cs_store *s, bk_pipe *p, int fd, size_t id, const unsigned char *sha, const char *name);
/* Wait until everything queued is done. */
uint32_t bk_pipe_drain(cs_store *s, bk_pipe *p);
/* After a drain: digest i (nonzero if there is none). */
int      bk_pipe_digest(bk_pipe *p, size_t i, unsigned char sha[BK_SHA_LEN]);
/* Drain, then copy digest i into m->entries[i].sha for every entry. */
uint32_t bk_pipe_digests(cs_store *s, bk_pipe *p, bk_manifest *m);
/* Drain, join and free (NULL is fine). */
void     bk_pipe_stop(bk_pipe *p);

/* ---- backup_file.c: a file of a set, written through the pipe ---- */
/* Progress shared by all files of one backup; calls start once total is set. */
typedef struct bk_progress {
    const cs_backup_opts *opts;
    uint64_t done, total;
} bk_progress;

typedef struct bk_out {
    cs_store    *s;
    bk_pipe     *pipe;
    int          fd;               /* -1 once handed to the writer */
    uint64_t     bytes;
    unsigned char *buf;            /* a pipe buffer being filled, or NULL */
    size_t       fill;
    char         name[BK_REL_MAX]; /* for error details */
    bk_progress *prog;             /* NULL: no progress calls */
    const unsigned char *sha;      /* the digest, known beforehand (NULL: hash what is written) */
} bk_out;

/* Create name under dfd (O_EXCL, mode 0600 whatever the umask). */
uint32_t bk_out_create(cs_store *s, bk_pipe *p, int dfd, const char *name, bk_out *o);
/* Room to fill in place: *room bytes at the returned pointer (NULL on failure). */
unsigned char *bk_out_room(bk_out *o, size_t *room, uint32_t *err);
/* n bytes of that room are filled. */
uint32_t bk_out_commit(bk_out *o, size_t n);
uint32_t bk_out_write(bk_out *o, const void *buf, size_t n);
/* cs_write_fn over a bk_out. */
uint32_t bk_out_writer(void *ctx, const void *buf, size_t n);
/* Queue the rest and the close; the digest lands in slot id (BK_PIPE_NO_DIGEST:
 * none).  Not yet durable: the set's fsio_syncfs makes it so. */
uint32_t bk_out_finish(bk_out *o, size_t id);
/* Drop a file being written (it is closed by the writer, not removed). */
void     bk_out_abort(bk_out *o);
/* fsync a directory by fd. */
uint32_t bk_sync_dir(cs_store *s, int fd, const char *name);
/* Make every file and folder written so far on dir's file system durable. */
uint32_t bk_sync_fs(cs_store *s, int fd, const char *name);

/* ---- backup_manifest.c ---- */
typedef struct bk_entry {
    char          path[BK_REL_MAX];   /* relative, '/'-separated, in the set's own spelling */
    char          disk[BK_REL_MAX];   /* as the folder spells it (a copy may have changed case); "" before the listing */
    uint64_t      size;
    unsigned char sha[BK_SHA_LEN];
    int           sha_known;          /* 0: no manifest; sha is learnt as the file is read */
    int           kind;               /* 0 for chk/log, else CS_CKPT_* */
    char          resource[CS_GUID_MAX];
    char          key[CS_PATH_MAX];
} bk_entry;

struct bk_manifest {
    unsigned  version;
    uint64_t  log_seq;
    uint64_t  checkpoint_seq;
    char      cluster_id[CS_GUID_MAX];
    char      cluster_name[CS_NAME_MAX];
    char      quorum_resource[CS_GUID_MAX];
    char      quorum_path[CS_PATH_MAX];
    int       stripped;               /* no wineclus.sum: built from the folder and the snapshot */
    bk_entry *entries;
    size_t    n, cap;
};

/* %-escape bytes <= ' ', '%' and DEL; out holds 3 * strlen(in) + 1. */
void     bk_escape(const char *in, char *out);
uint32_t bk_manifest_add(cs_store *s, bk_manifest *m, const bk_entry *e);
void     bk_manifest_free(bk_manifest *m);
/* Write m to o (which hashes and counts like any set file). */
uint32_t bk_manifest_write(bk_out *o, const bk_manifest *m);
/* Parse and check a manifest; anything malformed -> DATABASE_BACKUP_CORRUPT. */
uint32_t bk_manifest_parse(cs_store *s, char *text, size_t len, bk_manifest *m);

/* ---- backup_quolog.c ---- */
/* Write the log records after since_seq (inside the snapshot) with a header. */
uint32_t bk_quolog_write(bk_out *o, const cs_cluster *c, uint64_t *records);

/* ---- backup_swap.c: the staging/swap protocol ---- */
/* Bring a crash-interrupted swap to an end (forward if the new set is
 * complete, else back); *repaired = 1 if there was anything to do. */
uint32_t bk_repair(cs_store *s, int dfd, int *repaired);
/* Replace the set in dfd by the complete one in BK_STAGE. */
uint32_t bk_swap(cs_store *s, int dfd);
/* Where the new set is built: BK_STAGE, or (*in_place) dfd itself when it
 * holds nothing of ours.  -> a folder fd the caller closes. */
uint32_t bk_stage_open(cs_store *s, int dfd, int *stage_fd, int *in_place);
/* The built set, durable with its marker, becomes the folder's set. */
uint32_t bk_stage_install(cs_store *s, int dfd, int in_place);
/* A build failed: remove what it wrote, leaving any old set as it was. */
void     bk_stage_drop(cs_store *s, int dfd, int in_place);

/* ---- restore_verify.c: reading a set back ---- */
/* A file of the set being read, checked against its manifest entry. */
typedef struct bk_in {
    cs_store       *s;
    const bk_entry *e;
    int             fd;
    EVP_MD_CTX     *md;
    uint64_t        bytes;
} bk_in;

/* Open an entry's file (no symlinks, right size) -> fd. */
uint32_t bk_open_entry(cs_store *s, int dfd, const bk_entry *e, int *fd);
/* Take over fd; with hash, reads hash as they go and bk_in_finish checks
 * the digest, else only sizes are checked (the caller hashes). */
uint32_t bk_in_init(bk_in *in, cs_store *s, const bk_entry *e, int fd, int hash);
/* cs_read_fn: up to cap bytes, never past the listed size. */
uint32_t bk_in_reader(void *ctx, void *buf, size_t cap, size_t *got);
/* All bytes read, nothing more, SHA-256 as listed; closes. */
uint32_t bk_in_finish(bk_in *in);
void     bk_in_close(bk_in *in);
/* The marker, the manifest (or, without one, what the snapshot says) and
 * the folder's names exactly the listed ones: m as a restore would take it,
 * no file read but the manifest (and the snapshot of a set without one). */
uint32_t bk_read_set(cs_store *s, int dfd, bk_manifest *m);
/* Check marker, manifest, listing and every file; fills m on success.
 * With a stage, checkpoint contents the store lacks are written into it
 * (named, not committed). */
uint32_t bk_verify(cs_store *s, int dfd, bk_manifest *m, cs_stage *stage);

/* ---- restore_scan.c: the folder's names of the set, case-insensitively ---- */
typedef struct bk_found {
    char path[BK_REL_MAX];   /* in the set's spelling */
    char disk[BK_REL_MAX];   /* as the folder spells it */
    int  kind;               /* 0 chk/log, else CS_CKPT_* */
} bk_found;
typedef struct bk_listing {
    char      marker[BK_REL_MAX], manifest[BK_REL_MAX]; /* "" when absent */
    bk_found *f;             /* chk, log and checkpoint files, sorted by path */
    size_t    n, cap;
} bk_listing;
/* Every name of ours in dfd and its GUID folders; two names that differ only
 * by case, or a GUID folder holding anything but checkpoint files, -> 5087. */
uint32_t bk_scan(cs_store *s, int dfd, bk_listing *l);
void     bk_listing_free(bk_listing *l);
bk_found *bk_listing_find(const bk_listing *l, const char *path);

/* ---- restore_files.c: what each kind of file of a set says, by the
 * store's own readers (one function per kind, so that a new file format
 * changes only its function) ---- */
typedef struct bk_chk_info {
    cs_cluster     cluster;
    cs_node       *nodes;
    size_t         nnodes;
    cs_checkpoint *ckpts;        /* ordered by resource, kind, key: the set's numbering */
    size_t         nckpts;
    cs__listed    *listed;       /* a hive without our key: each checkpoint's file number as it */
    size_t         nlisted;      /* listed them (cs_store.listed); else none, numbered by the rule */
} bk_chk_info;
/* The snapshot file parsed by every rule of a restore's load (into a
 * scratch store, so that nothing here changes) -> what it holds. */
uint32_t bk_chk_read(cs_store *s, int dfd, const bk_entry *e, bk_chk_info *out);
void     bk_chk_info_free(bk_chk_info *info);
/* A registry checkpoint file's bytes, fed as they pass (the reset, then
 * every chunk of entry e); its end checks them: 5087 naming the file when
 * they are neither a hive keeping every rule nor a valid WCREG1 stream of
 * an earlier build.  A stream's hive is then bk_cpt_check_converted's
 * (NULL for a hive), until the next reset. */
typedef struct bk_cpt_check bk_cpt_check;
bk_cpt_check *bk_cpt_check_new(void);
void          bk_cpt_check_reset(bk_cpt_check *c);
uint32_t      bk_cpt_check_feed(cs_store *s, bk_cpt_check *c, const bk_entry *e, const void *buf, size_t n);
uint32_t      bk_cpt_check_end(cs_store *s, bk_cpt_check *c, const bk_entry *e);
const unsigned char *bk_cpt_check_converted(const bk_cpt_check *c, size_t *size);
void          bk_cpt_check_free(bk_cpt_check *c);

/* ---- restore_stripped.c ---- */
/* A set without wineclus.sum: the entries a manifest would list, from the
 * listing and the snapshot (every digest to be learnt). */
uint32_t bk_stripped_manifest(cs_store *s, int dfd, const bk_listing *l, bk_manifest *m);

/* ---- restore_apply.c ---- */
/* Replace database and all checkpoint data from the verified set, one transaction. */
/* node: the restoring node's name, which must be a node of the set with its id. */
uint32_t bk_apply(cs_store *s, int dfd, const bk_manifest *m, const char *quorum_drive, const cs_node *node,
                  cs_restore_report *rep);

#endif

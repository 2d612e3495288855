/* Server 2003 cluster database backup sets (BackupClusterDatabase /
 * RestoreClusterDatabase) on host paths.  See docs/backup-format.md.
 *
 * Both calls return a Windows error code (0 = success) with cs_errmsg(s)
 * giving the detail.  Both take an exclusive flock on the folder, so two
 * backups (or a backup and a restore) of one folder run one after another
 * (a bounded wait: cs_set_lock_wait_notice),
 * and both first repair a swap that a crash interrupted. */
#ifndef WINECLUS_BACKUPSET_H
#define WINECLUS_BACKUPSET_H

#include "clusstore.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Extra codes these calls return (winerror.h values). */
#define CS_ERROR_DIRECTORY                 267u
#define CS_ERROR_WRITE_FAULT               29u
#define CS_ERROR_SHARING_VIOLATION         32u
#define CS_ERROR_READ_FAULT                30u
#define CS_ERROR_CLUSTER_NODE_UP           5056u
#define CS_ERROR_QUORUM_DISK_NOT_FOUND     5086u
#define CS_ERROR_CLUSTER_NODE_NOT_MEMBER   5052u

/* cs_restore's flags.  FORCE is RestoreClusterDatabase's bForce: past other
 * nodes up, another quorum, keys Windows or Wine owns, and a set of another
 * cluster.  SAME_CLUSTER keeps the last out of FORCE; AS_CLUSTER allows only
 * it (docs/backup-format.md, "A set of another cluster"). */
#define CS_RESTORE_FORCE        1
#define CS_RESTORE_AS_CLUSTER   2
#define CS_RESTORE_SAME_CLUSTER 4

/* Names of the set (docs/backup-format.md). */
#define CS_BACKUP_MARKER   "Clusbackup.dat"
#define CS_BACKUP_LOG      "quolog.log"
#define CS_BACKUP_MANIFEST "wineclus.sum"

/* Called after each chunk; total is known once the snapshot and log are
 * written, so the first call already has the final total.  Nonzero stops the
 * backup with that code (the previous backup stays). */
typedef uint32_t (*cs_progress_fn)(void *ctx, uint64_t done, uint64_t total);

typedef struct cs_backup_opts {
    cs_progress_fn progress;   /* NULL: none */
    void          *progress_ctx;
} cs_backup_opts;

typedef struct cs_backup_report {
    uint64_t log_seq;            /* the set is this point of the quorum log */
    uint64_t log_records;        /* records in quolog.log */
    char     chk_name[16];       /* "chk007B.tmp" */
    size_t   registry_checkpoints;
    size_t   crypto_checkpoints;
    size_t   files;              /* files in the set, marker and manifest included */
    uint64_t bytes;              /* bytes written, all files */
    int      marker_hidden;      /* 1: user.DOSATTRIB set; 0: the file system refused */
    int      repaired;           /* 1: an interrupted earlier swap was repaired first */
} cs_backup_report;

typedef struct cs_restore_report {
    uint64_t log_seq;            /* the restored point of the quorum log */
    size_t   registry_checkpoints;
    size_t   crypto_checkpoints;
    uint64_t checkpoint_bytes;
    size_t   unchanged_checkpoints; /* of those, already the set's in the store: not written again */
    char     quorum_path[CS_PATH_MAX]; /* as restored (new drive letter applied) */
    int      forced_nodes_up;    /* other nodes were up; force went past it */
    size_t   stopped_services;   /* forced: other nodes' cluster services stopped first */
    int      forced_quorum;      /* quorum differed; force went past it */
    int      repaired;
    int      had_manifest;       /* 0: wineclus.sum was missing; no digest could be checked */
    int      other_cluster;      /* the set was of another cluster, whose identity the store took */
    char     old_cluster_name[CS_NAME_MAX], old_cluster_id[CS_GUID_MAX]; /* before the restore */
    char     cluster_name[CS_NAME_MAX], cluster_id[CS_GUID_MAX];         /* the set's */
} cs_restore_report;

/* Another process holding the folder's lock is waited for, WINECLUS_LOCK_WAIT
 * seconds (default 60; 0 to 86400), then the call fails with 32
 * ERROR_SHARING_VIOLATION naming the holder.  A notice fn, if set, is called
 * once when a call has waited about a second, with the folder as given and
 * the holder ("pid 123 (user bob, command flock)"), so that a tool can say
 * why it waits; it must not call back into the store. */
typedef void (*cs_lock_wait_fn)(void *ctx, const char *dir, const char *holder);
void cs_set_lock_wait_notice(cs_store *s, cs_lock_wait_fn fn, void *ctx);

/* Write a backup set into the existing folder dir (opts, out may be NULL). */
uint32_t cs_backup(cs_store *s, const char *dir, const cs_backup_opts *opts, cs_backup_report *out);

/* Replace the store's database and checkpoint data from the set in dir, in
 * one transaction.  flags: CS_RESTORE_* (1 is bForce=TRUE); quorum_drive:
 * NULL, or exactly "X:" (the new letter of the quorum path).  The node this
 * store joined (cs_node_join) must be a node of the set, by id and name
 * (else 5052). */
uint32_t cs_restore(cs_store *s, const char *dir, int flags, const char *quorum_drive,
                    cs_restore_report *out);

/* What a set holds, as cs_backup_inspect found it. */
typedef struct cs_set_file {
    char          path[64];           /* relative, '/'-separated: "<guid>/00000001.CPT" */
    uint64_t      size;
    char          sha256[65];         /* hex */
    int           kind;               /* 0 for the snapshot and log, else CS_CKPT_* */
    char          resource[CS_GUID_MAX]; /* a checkpoint's resource */
    char          key[CS_PATH_MAX];   /* a checkpoint's key or crypto container */
} cs_set_file;

typedef struct cs_set_info {
    int          had_manifest;        /* 0: no wineclus.sum, no digest was checked */
    char         cluster_id[CS_GUID_MAX];
    char         cluster_name[CS_NAME_MAX];
    char         quorum_resource[CS_GUID_MAX];
    char         quorum_path[CS_PATH_MAX];
    uint64_t     log_seq, checkpoint_seq;
    unsigned     dump_format;         /* of chk????.tmp */
    /* Rows of the snapshot by table. */
    size_t       nodes, groups, resources, restypes, dependencies, networks, netifs, log_records;
    size_t       registry_checkpoints, crypto_checkpoints;
    uint64_t     bytes;               /* of the files listed */
    cs_set_file *files;               /* in the manifest's order */
    size_t       nfiles;
} cs_set_info;

/* Check the set in dir as a restore does before it changes anything (the
 * marker, the manifest, the set's names exactly the manifest's, every size
 * and SHA-256, every registry checkpoint's stream), touching no store and
 * writing nothing but the folder's lock; fill *out (cs_set_info_free it).
 * s: any store, cs_open_none's too, for messages.  Codes as cs_restore's
 * checks: 2 no set, 5087 damaged, 32 folder locked past the wait. */
uint32_t cs_backup_inspect(cs_store *s, const char *dir, cs_set_info *out);
void     cs_set_info_free(cs_set_info *info);
/* What a set says it is, without reading every file: its cluster, quorum,
 * log sequence, checkpoint counts and had_manifest (no rows, no files);
 * only the marker, the names and the manifest (or, without one, the
 * snapshot) are checked.  For a tool to say what a restore would change. */
uint32_t cs_backup_peek(cs_store *s, const char *dir, cs_set_info *out);

#ifdef __cplusplus
}
#endif
#endif

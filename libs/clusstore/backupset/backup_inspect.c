/* cs_backup_inspect: a set checked as a restore checks it before it changes
 * anything, with no store behind it, and what it holds told back (`wineclus
 * verify`).  The objects are counted from the snapshot (a hive's keys, an
 * earlier build's dump's rows), whose bytes the manifest's digest has just
 * vouched for. */
#include "backup_internal.h"
#include "cs_chkhive.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rows of one table of the dump, by the name a row starts with. */
struct row_count {
    const char *table;
    size_t      offset;
};

#define COUNT(table, field) { table, offsetof(cs_set_info, field) }
static const struct row_count counted[] = {
    COUNT("node", nodes), COUNT("group", groups), COUNT("resource", resources), COUNT("restype", restypes),
    COUNT("dependency", dependencies), COUNT("network", networks), COUNT("netif", netifs),
    COUNT("log", log_records),
};

/* Where the scan of the dump is: the first field of each row names its
 * table; the first line is the header, whose second field is the format. */
struct line_state {
    char     field[16], format[8];
    size_t   len, flen;
    unsigned col;
    int      header;
};

static void count_row(const struct line_state *ls, cs_set_info *out)
{
    size_t i;

    if (ls->len >= sizeof(ls->field))
        return;   /* longer than any table's name */
    for (i = 0; i < sizeof(counted) / sizeof(counted[0]); i++)
        if (strlen(counted[i].table) == ls->len && !memcmp(ls->field, counted[i].table, ls->len))
            ++*(size_t *)((char *)out + counted[i].offset);
}

static void scan(struct line_state *ls, const unsigned char *p, size_t n, cs_set_info *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (p[i] == '\n') {
            ls->header = 0;
            ls->col = 0;
            ls->len = 0;
        } else if (p[i] == '\t') {
            if (!ls->col && !ls->header)
                count_row(ls, out);
            ls->col++;
        } else if (!ls->col) {
            if (ls->len < sizeof(ls->field))
                ls->field[ls->len] = (char)p[i];
            ls->len += ls->len < sizeof(ls->field);
        } else if (ls->header && ls->col == 1 && ls->flen + 1 < sizeof(ls->format)) {
            ls->format[ls->flen++] = (char)p[i];
        }
    }
}

/* A hive's objects by its keys; the bytes are whole (their digest matched). */
static uint32_t count_hive(cs_store *s, const unsigned char *buf, size_t len, cs_set_info *out)
{
    cs__hive_counts c;
    char why[160];

    if (cs__hive_count(buf, len, &c, why, sizeof(why)))
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup set is damaged: the database hive: %s", why);
    out->snapshot_hive = 1;
    out->snapshot_format = c.format;
    out->nodes = c.nodes;
    out->groups = c.groups;
    out->resources = c.resources;
    out->restypes = c.restypes;
    out->dependencies = c.dependencies;
    out->networks = c.networks;
    out->netifs = c.netifs;
    out->log_records = c.log_records;
    return 0;
}

/* A hive is read whole (hivex works on whole files); a dump, line by line. */
static uint32_t count_rows(cs_store *s, int dfd, const bk_entry *e, cs_set_info *out)
{
    struct line_state ls = { "", "", 0, 0, 0, 1 };
    unsigned char *buf = NULL, *grown;
    size_t got, len = 0, cap = 0;
    uint32_t err;
    bk_in in;
    int fd, hive = -1;

    if ((err = bk_open_entry(s, dfd, e, &fd)))
        return err;
    if ((err = bk_in_init(&in, s, e, fd, 0))) {
        fsio_close(fd);
        return err;
    }
    for (;;) {
        if (len + BK_CHUNK > cap) {
            if (!(grown = realloc(buf, cap = len + BK_CHUNK * 4))) {
                err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
                break;
            }
            buf = grown;
        }
        if ((err = bk_in_reader(&in, buf + len, BK_CHUNK, &got)) || !got)
            break;
        if (hive < 0)
            hive = got >= 4 && !memcmp(buf, "regf", 4);
        if (hive)
            len += got;
        else
            scan(&ls, buf, got, out);
    }
    if (err) {
        free(buf);
        bk_in_close(&in);
        return err;
    }
    if (!(err = bk_in_finish(&in))) {
        if (hive > 0)
            err = count_hive(s, buf, len, out);
        else
            out->snapshot_format = (unsigned)strtoul(ls.format, NULL, 10);
    }
    free(buf);
    return err;
}

void cs_set_info_free(cs_set_info *info)
{
    if (!info)
        return;
    free(info->files);
    memset(info, 0, sizeof(*info));
}

static void copy_header(const bk_manifest *m, cs_set_info *out)
{
    snprintf(out->cluster_id, sizeof(out->cluster_id), "%s", m->cluster_id);
    snprintf(out->cluster_name, sizeof(out->cluster_name), "%s", m->cluster_name);
    snprintf(out->quorum_resource, sizeof(out->quorum_resource), "%s", m->quorum_resource);
    snprintf(out->quorum_path, sizeof(out->quorum_path), "%s", m->quorum_path);
    out->had_manifest = !m->stripped;
    out->log_seq = m->log_seq;
    out->checkpoint_seq = m->checkpoint_seq;
}

/* Open and lock dir, read the set (full: every file checked, as a restore
 * does) into *m and its header into *out; *dfd stays open on success. */
static uint32_t open_set(cs_store *s, const char *dir, int full, cs_set_info *out, bk_manifest *m, int *dfd)
{
    uint32_t err;

    if (!s || !out)
        return CS_ERROR_INVALID_PARAMETER;
    memset(out, 0, sizeof(*out));
    memset(m, 0, sizeof(*m));
    cs__clear(s);
    if ((err = bk_open_locked(s, dir, dfd)))
        return err;
    if ((err = full ? bk_verify(s, *dfd, m, NULL) : bk_read_set(s, *dfd, m))) {
        fsio_close(*dfd);
        return err;
    }
    copy_header(m, out);
    return 0;
}

uint32_t cs_backup_peek(cs_store *s, const char *dir, cs_set_info *out)
{
    bk_manifest m;
    uint32_t err;
    size_t i;
    int dfd;

    if ((err = open_set(s, dir, 0, out, &m, &dfd)))
        return err;
    for (i = 0; i < m.n; i++) {
        out->registry_checkpoints += m.entries[i].kind == CS_CKPT_REGISTRY;
        out->crypto_checkpoints += m.entries[i].kind == CS_CKPT_CRYPTO;
    }
    bk_manifest_free(&m);
    fsio_close(dfd);
    return 0;
}

uint32_t cs_backup_inspect(cs_store *s, const char *dir, cs_set_info *out)
{
    bk_manifest m;
    uint32_t err;
    size_t i;
    int dfd;

    if ((err = open_set(s, dir, 1, out, &m, &dfd)))
        return err;
    if (!(out->files = calloc(m.n ? m.n : 1, sizeof(*out->files))))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    for (i = 0; !err && i < m.n; i++) {
        const bk_entry *e = &m.entries[i];
        cs_set_file *f = &out->files[out->nfiles++];

        snprintf(f->path, sizeof(f->path), "%s", e->path);
        f->size = e->size;
        cs__sha_hex(e->sha, f->sha256);
        f->kind = e->kind;
        snprintf(f->resource, sizeof(f->resource), "%s", e->resource);
        snprintf(f->key, sizeof(f->key), "%s", e->key);
        out->bytes += e->size;
        if (e->kind == CS_CKPT_REGISTRY)
            out->registry_checkpoints++;
        else if (e->kind == CS_CKPT_CRYPTO)
            out->crypto_checkpoints++;
        else if (!strncmp(e->path, "chk", 3))
            err = count_rows(s, dfd, e, out);
    }
    if (err)
        cs_set_info_free(out);
    bk_manifest_free(&m);
    fsio_close(dfd);
    return err;
}

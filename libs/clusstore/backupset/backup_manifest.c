/* wineclus.sum: what a set holds and the SHA-256 of every file, ending with
 * the SHA-256 of the manifest itself so a damaged manifest is caught too.
 * Text, one record a line; free-text values are %-escaped so a line splits
 * on single spaces (docs/backup-format.md). */
#include "backup_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BK_MAGIC "wineclus-backup-set"

enum { H_SEQ = 1, H_CKSEQ = 2, H_ID = 4, H_NAME = 8, H_QRES = 16, H_QPATH = 32, H_ALL = 63 };

uint32_t bk_manifest_add(cs_store *s, bk_manifest *m, const bk_entry *e)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        bk_entry *p = realloc(m->entries, cap * sizeof(*p));
        if (!p)
            return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "manifest: out of memory");
        m->entries = p;
        m->cap = cap;
    }
    m->entries[m->n++] = *e;
    return 0;
}

void bk_manifest_free(bk_manifest *m)
{
    free(m->entries);
    memset(m, 0, sizeof(*m));
}

/* ---- writing ---- */

void bk_escape(const char *in, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;

    for (p = (const unsigned char *)in; *p; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7f) {
            *out++ = '%';
            *out++ = hex[*p >> 4];
            *out++ = hex[*p & 15];
        } else {
            *out++ = (char)*p;
        }
    }
    *out = 0;
}

struct mw {
    bk_out     *o;
    EVP_MD_CTX *md;
    char        line[4 * CS_PATH_MAX + 256];
};

static uint32_t put_line(struct mw *w)
{
    size_t n = strlen(w->line);

    if (!EVP_DigestUpdate(w->md, w->line, n))
        return cs__fail(w->o->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    return bk_out_write(w->o, w->line, n);
}

static uint32_t put_value(struct mw *w, const char *key, const char *value)
{
    char esc[3 * CS_PATH_MAX + 1];

    bk_escape(value, esc);
    snprintf(w->line, sizeof(w->line), "%s %s\n", key, esc);
    return put_line(w);
}

static uint32_t put_entry(struct mw *w, const bk_entry *e)
{
    char esc[3 * CS_PATH_MAX + 1], sha[2 * BK_SHA_LEN + 1];

    cs__sha_hex(e->sha, sha);
    if (!e->kind) {
        snprintf(w->line, sizeof(w->line), "file %s %llu %s\n", e->path, (unsigned long long)e->size, sha);
    } else {
        bk_escape(e->key, esc);
        snprintf(w->line, sizeof(w->line), "checkpoint %s %llu %s %s %s\n", e->path,
                 (unsigned long long)e->size, sha, e->kind == CS_CKPT_CRYPTO ? "crypto" : "registry", esc);
    }
    return put_line(w);
}

uint32_t bk_manifest_write(bk_out *o, const bk_manifest *m)
{
    struct mw w = { .o = o };
    unsigned char md[EVP_MAX_MD_SIZE];
    char sha[2 * BK_SHA_LEN + 1];
    unsigned int len = 0;
    uint32_t err = 0;
    size_t i;

    w.md = EVP_MD_CTX_new();
    if (!w.md || !EVP_DigestInit_ex(w.md, EVP_sha256(), NULL)) {
        EVP_MD_CTX_free(w.md);
        return cs__fail(o->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 context: out of memory");
    }
    snprintf(w.line, sizeof(w.line), BK_MAGIC " %u\nlog-seq %llu\ncheckpoint-seq %llu\n", BK_MANIFEST_VERSION,
             (unsigned long long)m->log_seq, (unsigned long long)m->checkpoint_seq);
    err = put_line(&w);
    if (!err) err = put_value(&w, "cluster-id", m->cluster_id);
    if (!err) err = put_value(&w, "cluster-name", m->cluster_name);
    if (!err) err = put_value(&w, "quorum-resource", m->quorum_resource);
    if (!err) err = put_value(&w, "quorum-path", m->quorum_path);
    for (i = 0; !err && i < m->n; i++)
        err = put_entry(&w, &m->entries[i]);
    if (!err) {
        if (!EVP_DigestFinal_ex(w.md, md, &len) || len != BK_SHA_LEN)
            err = cs__fail(o->s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    }
    if (!err) {
        cs__sha_hex(md, sha);
        snprintf(w.line, sizeof(w.line), "sha256 %s\n", sha);
        err = bk_out_write(o, w.line, strlen(w.line));
    }
    EVP_MD_CTX_free(w.md);
    return err;
}

/* ---- reading ---- */

static uint32_t corrupt(cs_store *s, unsigned line, const char *why)
{
    return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST " line %u: %s", line, why);
}

static uint32_t check_text(cs_store *s, unsigned line, const char *what, const char *text, size_t max)
{
    char why[64], esc[CS_ESCAPE_MAX], msg[CS_ESCAPE_MAX + 128];

    if (!cs__text_flaw(text, 1, max, why, sizeof(why)))
        return 0;
    cs__escape(esc, sizeof(esc), text);
    snprintf(msg, sizeof(msg), "%s \"%s\" %s", what, esc, why);
    return corrupt(s, line, msg);
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int unescape(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    int hi, lo;

    while (*in) {
        if (n + 1 >= cap)
            return 0;
        if (*in == '%') {
            hi = hexval(in[1]);
            lo = hi < 0 ? -1 : hexval(in[2]);
            if (lo < 0 || (hi | lo) == 0)
                return 0;
            out[n++] = (char)(hi * 16 + lo);
            in += 3;
        } else {
            out[n++] = *in++;
        }
    }
    out[n] = 0;
    return 1;
}

static int parse_u64(const char *t, uint64_t *v)
{
    char *end;
    unsigned long long x;

    if (*t < '0' || *t > '9' || strlen(t) > 20)
        return 0;
    errno = 0;
    x = strtoull(t, &end, 10);
    if (*end || errno)
        return 0;
    *v = x;
    return 1;
}

/* Lowercase only: one spelling per digest. */
static int parse_sha(const char *t, unsigned char sha[BK_SHA_LEN])
{
    size_t i;
    int hi, lo;

    if (strlen(t) != 2 * BK_SHA_LEN)
        return 0;
    for (i = 0; i < BK_SHA_LEN; i++) {
        hi = hexval(t[2 * i]);
        lo = hexval(t[2 * i + 1]);
        if (hi < 0 || lo < 0 || (t[2 * i] >= 'A' && t[2 * i] <= 'F') || (t[2 * i + 1] >= 'A' && t[2 * i + 1] <= 'F'))
            return 0;
        sha[i] = (unsigned char)(hi * 16 + lo);
    }
    return 1;
}

/* Split line in place on single spaces: at most max fields, the last one
 * taking the rest of the line (it may be empty). */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;

    f[n++] = line;
    while (n < max) {
        char *sp = strchr(f[n - 1], ' ');
        if (!sp)
            break;
        *sp = 0;
        f[n++] = sp + 1;
    }
    return n;
}

/* Path of the set's form, consistent with the entry's kind; fills resource. */
static int check_path(const bk_manifest *m, bk_entry *e)
{
    char chk[16], guid[CS_GUID_MAX];
    const char *slash = strchr(e->path, '/');
    uint32_t index;
    int kind;

    if (!e->kind) {
        bk_chk_name(m->log_seq, chk);
        return !strcmp(e->path, chk) || !strcmp(e->path, CS_BACKUP_LOG);
    }
    if (!slash || (size_t)(slash - e->path) != CS_GUID_MAX - 1)
        return 0;
    memcpy(guid, e->path, CS_GUID_MAX - 1);
    guid[CS_GUID_MAX - 1] = 0;
    if (!bk_is_guid(guid) || !bk_parse_ckpt_name(slash + 1, &index, &kind) || kind != e->kind)
        return 0;
    memcpy(e->resource, guid, CS_GUID_MAX);
    return 1;
}

static uint32_t parse_entry(cs_store *s, bk_manifest *m, char **f, size_t nf, unsigned ln)
{
    bk_entry e;
    uint32_t err;

    memset(&e, 0, sizeof(e));
    if (!strcmp(f[0], "file") ? nf != 4 : nf != 6)
        return corrupt(s, ln, "wrong number of fields");
    if (strlen(f[1]) >= sizeof(e.path))
        return corrupt(s, ln, "file name too long");
    memcpy(e.path, f[1], strlen(f[1]) + 1);
    if (!parse_u64(f[2], &e.size) || !parse_sha(f[3], e.sha))
        return corrupt(s, ln, "bad size or SHA-256");
    e.sha_known = 1;
    if (nf == 6) {
        if (!strcmp(f[4], "registry"))
            e.kind = CS_CKPT_REGISTRY;
        else if (!strcmp(f[4], "crypto"))
            e.kind = CS_CKPT_CRYPTO;
        else
            return corrupt(s, ln, "unknown checkpoint kind");
        if (!unescape(f[5], e.key, sizeof(e.key)) || !e.key[0])
            return corrupt(s, ln, "bad checkpoint key");
        if ((err = check_text(s, ln, "checkpoint key", e.key, CS_PATH_MAX - 1)))
            return err;
    }
    if (!check_path(m, &e))
        return corrupt(s, ln, "file name not of the backup set's form");
    return bk_manifest_add(s, m, &e);
}

static int by_path(const void *a, const void *b)
{
    return strcmp((*(const bk_entry *const *)a)->path, (*(const bk_entry *const *)b)->path);
}

static int by_checkpoint(const void *a, const void *b)
{
    const bk_entry *x = *(const bk_entry *const *)a, *y = *(const bk_entry *const *)b;
    int c = x->kind - y->kind;

    if (!c)
        c = strcmp(x->resource, y->resource);
    return c ? c : strcmp(x->key, y->key);
}

/* Twice-listed files and checkpoints, found by sorting: a set of n files
 * costs n log n here, not n squared. */
static uint32_t check_twice(cs_store *s, const bk_manifest *m)
{
    const bk_entry **v = malloc((m->n ? m->n : 1) * sizeof(*v));
    const char *why = NULL, *what = NULL;
    size_t i, k = 0;

    if (!v)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "manifest: out of memory");
    for (i = 0; i < m->n; i++)
        v[i] = &m->entries[i];
    qsort(v, m->n, sizeof(*v), by_path);
    for (i = 1; !why && i < m->n; i++) {
        if (!by_path(&v[i - 1], &v[i])) {
            why = "file listed twice:";
            what = v[i]->path;
        }
    }
    for (i = 0; !why && i < m->n; i++) {
        if (m->entries[i].kind)
            v[k++] = &m->entries[i];
    }
    qsort(v, k, sizeof(*v), by_checkpoint);
    for (i = 1; !why && i < k; i++) {
        if (!by_checkpoint(&v[i - 1], &v[i])) {
            why = "checkpoint listed twice:";
            what = v[i]->path;
        }
    }
    free(v);
    return why ? cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST ": %s %s", why, what)
               : 0;
}

static uint32_t parse_header(cs_store *s, bk_manifest *m, char **f, size_t nf, unsigned ln, unsigned *seen)
{
    static const struct { const char *key; unsigned bit; } keys[] = {
        { "log-seq", H_SEQ }, { "checkpoint-seq", H_CKSEQ }, { "cluster-id", H_ID },
        { "cluster-name", H_NAME }, { "quorum-resource", H_QRES }, { "quorum-path", H_QPATH },
    };
    size_t i;
    int ok;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && strcmp(keys[i].key, f[0]); i++)
        ;
    if (i == sizeof(keys) / sizeof(keys[0]))
        return corrupt(s, ln, "unknown record");
    if (nf != 2 || (*seen & keys[i].bit))
        return corrupt(s, ln, "malformed or repeated header");
    *seen |= keys[i].bit;
    switch (keys[i].bit) {
    case H_SEQ:   ok = parse_u64(f[1], &m->log_seq); break;
    case H_CKSEQ: ok = parse_u64(f[1], &m->checkpoint_seq); break;
    case H_ID:    ok = unescape(f[1], m->cluster_id, sizeof(m->cluster_id)); break;
    case H_NAME:  ok = unescape(f[1], m->cluster_name, sizeof(m->cluster_name)); break;
    case H_QRES:  ok = unescape(f[1], m->quorum_resource, sizeof(m->quorum_resource)); break;
    default:      ok = unescape(f[1], m->quorum_path, sizeof(m->quorum_path)); break;
    }
    if (!ok)
        return corrupt(s, ln, "bad header value");
    /* Restore quotes these two in its messages: they keep the store's rule for strings. */
    if (keys[i].bit == H_NAME)
        return check_text(s, ln, keys[i].key, m->cluster_name, CS_NAME_MAX - 1);
    return keys[i].bit == H_QPATH ? check_text(s, ln, keys[i].key, m->quorum_path, CS_PATH_MAX - 1) : 0;
}

static uint32_t check_self_hash(cs_store *s, const char *text, size_t body, const char *last)
{
    unsigned char want[BK_SHA_LEN], got[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    if (strncmp(last, "sha256 ", 7) || !parse_sha(last + 7, want))
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST " has no final SHA-256 line");
    if (!EVP_Digest(text, body, got, &len, EVP_sha256(), NULL) || len != BK_SHA_LEN)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    if (memcmp(want, got, BK_SHA_LEN))
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST " does not match its own SHA-256");
    return 0;
}

uint32_t bk_manifest_parse(cs_store *s, char *text, size_t len, bk_manifest *m)
{
    char *line, *nl, *f[6], *last;
    unsigned ln = 0, seen = 0;
    uint64_t version = 0;
    size_t body, nf, i, nchk = 0, nlog = 0;
    uint32_t err;

    memset(m, 0, sizeof(*m));
    if (!len || text[len - 1] != '\n' || memchr(text, 0, len))
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST " is empty or truncated");
    text[len - 1] = 0;
    last = strrchr(text, '\n');
    if (!last)
        return cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST " is truncated");
    body = (size_t)(last - text) + 1;
    err = check_self_hash(s, text, body, last + 1);
    *last = 0;
    /* NUL-terminated lines from here on. */
    for (line = text; !err && line; line = nl) {
        nl = strchr(line, '\n');
        if (nl)
            *nl++ = 0;
        ln++;
        nf = split(line, f, 6);
        if (ln == 1) {
            if (nf != 2 || strcmp(f[0], BK_MAGIC) || !parse_u64(f[1], &version))
                err = corrupt(s, ln, "not a wineclus backup manifest");
            else if (version != BK_MANIFEST_VERSION)
                err = cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "backup format version %llu; this build reads %u",
                               (unsigned long long)version, BK_MANIFEST_VERSION);
            m->version = (unsigned)version;
        } else if (!strcmp(f[0], "file") || !strcmp(f[0], "checkpoint")) {
            if (seen != H_ALL)
                err = corrupt(s, ln, "file record before the header is complete");
            else
                err = parse_entry(s, m, f, nf, ln);
        } else {
            err = parse_header(s, m, f, nf, ln, &seen);
        }
    }
    if (!err && seen != H_ALL)
        err = cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest " CS_BACKUP_MANIFEST " header is incomplete");
    if (!err)
        err = check_twice(s, m);
    for (i = 0; !err && i < m->n; i++) {
        if (m->entries[i].kind)
            continue;
        if (!strcmp(m->entries[i].path, CS_BACKUP_LOG))
            nlog++;
        else
            nchk++;
    }
    if (!err && (nchk != 1 || nlog != 1))
        err = cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest must list one snapshot and one quorum log");
    if (!err && !bk_is_guid(m->quorum_resource))
        err = cs__fail(s, CS_ERROR_DATABASE_BACKUP_CORRUPT, "manifest quorum resource is not a GUID");
    if (err)
        bk_manifest_free(m);
    return err;
}

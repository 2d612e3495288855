/* Checkpoint contents of a cluster on etcd (docs/etcd.md, "Contents"): each
 * host keeps them as files in its replica folder as a folder store does,
 * and etcd holds every one a host wrote, so another host can fetch what a
 * row names.  Contents are named by their SHA-256 and never change, so a
 * copy already in etcd is never written again, and one fetched is checked
 * against its name.  Under /<CLUSTER>/contents/<hex>/:
 *   <nnnnnnnn>   the bytes, in pieces of CHUNK (etcd takes requests up to
 *                1.5 MiB, and the gateway carries values in base64)
 *   size         the length in decimal, put last: the contents are whole
 * They are pushed before the transaction that names them, as a folder
 * store makes the file durable before naming it.
 *
 * A change too large for one etcd request (a restore of a large cluster)
 * goes the same way: its changeset in pieces under
 * /<CLUSTER>/changes/<SHA-256>/, and the log entry a reference to them
 * (cs_replica.c). */
#define _GNU_SOURCE
#include "cs_internal.h"
#include "cs_etcd.h"
#include "fsio.h"

#include <fcntl.h>
#include <inttypes.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (768u * 1024)

static void key_of(const char *cluster, const char *hex, const char *leaf, char *out, size_t n)
{
    snprintf(out, n, "/%s/contents/%s/%s", cluster, hex, leaf);
}

/* The size etcd holds for hex: 1 and *size when whole there. */
static uint32_t whole_in_etcd(cs_etcd *c, const char *cluster, const char *hex, uint64_t *size, int *whole,
                              char *why, size_t n)
{
    char key[CS_ETCD_CLUSTER_MAX + 2 * CS_SHA_LEN + 32], text[24];
    cs_etcd_op get = { 0, key, NULL, NULL, 0 };
    cs_etcd_result res = { 0 };
    uint32_t err;

    *whole = 0;
    key_of(cluster, hex, "size", key, sizeof(key));
    if ((err = cs_etcd_txn(c, NULL, &get, 1, NULL, 0, &res, why, n)))
        return err;
    if (res.nkv == 1 && res.kvs[0].len < sizeof(text)) {
        memcpy(text, res.kvs[0].value, res.kvs[0].len);
        text[res.kvs[0].len] = 0;
        *size = strtoull(text, NULL, 10);
        *whole = 1;
    }
    cs_etcd_result_free(&res);
    return 0;
}

static uint32_t put(cs_etcd *c, const char *key, const void *data, size_t len, char *why, size_t n)
{
    cs_etcd_op op = { 1, key, NULL, data, len };
    cs_etcd_result res = { 0 };
    uint32_t err = cs_etcd_txn(c, NULL, &op, 1, NULL, 0, &res, why, n);

    cs_etcd_result_free(&res);
    return err;
}

uint32_t cs__replica_blob_push(cs_store *s, const unsigned char sha[CS_SHA_LEN])
{
    char hex[2 * CS_SHA_LEN + 1], key[CS_ETCD_CLUSTER_MAX + 2 * CS_SHA_LEN + 32], leaf[16], text[24], why[512];
    const char *cluster;
    cs_etcd *c = cs__replica_etcd(s, &cluster);
    unsigned char *buf = NULL;
    uint64_t size = 0, off, have;
    uint32_t err = 0;
    struct stat st;
    size_t got;
    int fd = -1, whole, e;

    if (!c)
        return 0;
    cs__sha_hex(sha, hex);
    if ((err = whole_in_etcd(c, cluster, hex, &have, &whole, why, sizeof(why))))
        return cs__fail(s, err, "cluster store %s: %s", cs_url(s), why);
    if ((e = fsio_open_regular(s->contents_fd, hex, O_RDONLY, 0, &fd, &st)))
        return cs__fail(s, fsio_winerr(e, 0), "cannot open checkpoint contents %s/contents/%s: %s", s->dir, hex,
                        strerror(e));
    size = (uint64_t)st.st_size;
    if (whole && have == size)
        goto done;
    if (!(buf = malloc(CHUNK))) {
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        goto done;
    }
    for (off = 0; !err && off < size; off += got) {
        if ((e = fsio_pread(fd, buf, CHUNK, off, &got)) || !got) {
            err = cs__fail(s, e ? fsio_winerr(e, 0) : CS_ERROR_FILE_CORRUPT, "cannot read checkpoint contents %s/contents/%s: %s", s->dir,
                           hex, e ? strerror(e) : "shorter than it was");
            break;
        }
        snprintf(leaf, sizeof(leaf), "%08" PRIu64, off / CHUNK);
        key_of(cluster, hex, leaf, key, sizeof(key));
        if ((err = put(c, key, buf, got, why, sizeof(why))))
            err = cs__fail(s, err, "cluster store %s: checkpoint contents not stored: %s", cs_url(s), why);
    }
    if (!err) {
        key_of(cluster, hex, "size", key, sizeof(key));
        snprintf(text, sizeof(text), "%" PRIu64, size);
        if ((err = put(c, key, text, strlen(text), why, sizeof(why))))
            err = cs__fail(s, err, "cluster store %s: checkpoint contents not stored: %s", cs_url(s), why);
    }
done:
    free(buf);
    fsio_close(fd);
    return err;
}

/* Fetched into contents/tmp/, checked against its name and size, made
 * durable and renamed into place: a name stands for whole contents on this
 * host too.  A row names it already, so the collector leaves it. */
uint32_t cs__replica_blob_fetch(cs_store *s, const unsigned char sha[CS_SHA_LEN], uint64_t size)
{
    static unsigned counter;
    char hex[2 * CS_SHA_LEN + 1], key[CS_ETCD_CLUSTER_MAX + 2 * CS_SHA_LEN + 32], leaf[16], tmp[112], why[512];
    unsigned char got_sha[CS_SHA_LEN];
    const char *cluster;
    cs_etcd *c = cs__replica_etcd(s, &cluster);
    cs_etcd_result res = { 0 };
    cs_etcd_op get = { 0, key, NULL, NULL, 0 };
    EVP_MD_CTX *md = NULL;
    uint64_t have, off;
    unsigned int len;
    uint32_t err = 0;
    int fd = -1, whole, e;

    if (!c)
        return CS_ERROR_FILE_NOT_FOUND;
    cs__sha_hex(sha, hex);
    if ((err = whole_in_etcd(c, cluster, hex, &have, &whole, why, sizeof(why))))
        return cs__fail(s, err, "cluster store %s: %s", cs_url(s), why);
    if (!whole || have != size)
        return cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents %s are in neither this host's replica (%s) nor "
                        "etcd%s", hex, s->dir, whole ? " at their size" : "");
    snprintf(tmp, sizeof(tmp), "fetch.%ld.%u.%s", (long)getpid(), __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED),
             hex);
    if ((e = fsio_openat(s->tmp_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600, &fd)))
        return cs__fail(s, fsio_winerr(e, 1), "cannot create %s/tmp/%s: %s", s->dir, tmp, strerror(e));
    if (!(md = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(md, EVP_sha256(), NULL))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    for (off = 0; !err && off < size;) {
        snprintf(leaf, sizeof(leaf), "%08" PRIu64, off / CHUNK);
        key_of(cluster, hex, leaf, key, sizeof(key));
        if ((err = cs_etcd_txn(c, NULL, &get, 1, NULL, 0, &res, why, sizeof(why)))) {
            err = cs__fail(s, err, "cluster store %s: %s", cs_url(s), why);
            break;
        }
        if (res.nkv != 1 || !res.kvs[0].len || res.kvs[0].len > CHUNK || res.kvs[0].len > size - off)
            err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents %s in etcd: piece %s missing or of a wrong size",
                           hex, leaf);
        else if ((e = fsio_write(fd, res.kvs[0].value, res.kvs[0].len)))
            err = cs__fail(s, fsio_winerr(e, 1), "cannot write %s/tmp/%s: %s", s->dir, tmp, strerror(e));
        else if (!EVP_DigestUpdate(md, res.kvs[0].value, res.kvs[0].len))
            err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
        else
            off += res.kvs[0].len;
        cs_etcd_result_free(&res);
    }
    if (!err && (!EVP_DigestFinal_ex(md, got_sha, &len) || len != CS_SHA_LEN))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "SHA-256 failed");
    if (!err && memcmp(got_sha, sha, CS_SHA_LEN))
        err = cs__fail(s, CS_ERROR_FILE_CORRUPT, "checkpoint contents %s in etcd do not match their SHA-256", hex);
    if (!err && (e = fsio_fsync(fd)))
        err = cs__fail(s, fsio_winerr(e, 1), "cannot flush %s/tmp/%s: %s", s->dir, tmp, strerror(e));
    fsio_close(fd);
    if (!err && (e = fsio_renameat(s->tmp_fd, tmp, s->contents_fd, hex)))
        err = cs__fail(s, fsio_winerr(e, 1), "cannot rename %s/tmp/%s: %s", s->dir, tmp, strerror(e));
    if (!err && (e = fsio_fsync(s->contents_fd)))
        err = cs__fail(s, fsio_winerr(e, 1), "cannot flush %s/contents: %s", s->dir, strerror(e));
    if (err)
        fsio_unlinkat(s->tmp_fd, tmp, 0);
    EVP_MD_CTX_free(md);
    return err;
}

/* A changeset too large for one request, in pieces under
 * /<cluster>/changes/<hex>/ (the same layout as contents). */
uint32_t cs__etcd_change_put(cs_etcd *c, const char *cluster, const void *data, size_t len, char hex[2 * CS_SHA_LEN + 1],
                             char *why, size_t n)
{
    char key[CS_ETCD_CLUSTER_MAX + 2 * CS_SHA_LEN + 32], leaf[16], text[24];
    unsigned char sha[CS_SHA_LEN];
    size_t off, piece;
    uint32_t err = 0;

    SHA256(data, len, sha);
    cs__sha_hex(sha, hex);
    for (off = 0; !err && off < len; off += piece) {
        piece = len - off < CHUNK ? len - off : CHUNK;
        snprintf(leaf, sizeof(leaf), "%08zu", off / CHUNK);
        snprintf(key, sizeof(key), "/%s/changes/%s/%s", cluster, hex, leaf);
        err = put(c, key, (const char *)data + off, piece, why, n);
    }
    if (!err) {
        snprintf(key, sizeof(key), "/%s/changes/%s/size", cluster, hex);
        snprintf(text, sizeof(text), "%zu", len);
        err = put(c, key, text, strlen(text), why, n);
    }
    return err;
}

/* The changeset cs__etcd_change_put stored, checked against its SHA-256;
 * *out malloc'd. */
uint32_t cs__etcd_change_get(cs_etcd *c, const char *cluster, const char *hex, size_t len, unsigned char **out,
                             char *why, size_t n)
{
    char key[CS_ETCD_CLUSTER_MAX + 2 * CS_SHA_LEN + 32], leaf[16], want[2 * CS_SHA_LEN + 1];
    cs_etcd_op get = { 0, key, NULL, NULL, 0 };
    cs_etcd_result res = { 0 };
    unsigned char sha[CS_SHA_LEN], *buf;
    size_t off = 0;
    uint32_t err = 0;

    *out = NULL;
    if (!(buf = malloc(len ? len : 1)))
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    while (!err && off < len) {
        snprintf(leaf, sizeof(leaf), "%08zu", off / CHUNK);
        snprintf(key, sizeof(key), "/%s/changes/%s/%s", cluster, hex, leaf);
        if ((err = cs_etcd_txn(c, NULL, &get, 1, NULL, 0, &res, why, n)))
            break;
        if (res.nkv != 1 || !res.kvs[0].len || res.kvs[0].len > len - off) {
            snprintf(why, n, "a piece of change %s is missing or of a wrong size in etcd", hex);
            err = CS_ERROR_FILE_CORRUPT;
        } else {
            memcpy(buf + off, res.kvs[0].value, res.kvs[0].len);
            off += res.kvs[0].len;
        }
        cs_etcd_result_free(&res);
    }
    if (!err) {
        SHA256(buf, len, sha);
        cs__sha_hex(sha, want);
        if (strcmp(want, hex)) {
            snprintf(why, n, "change %s in etcd does not match its SHA-256", hex);
            err = CS_ERROR_FILE_CORRUPT;
        }
    }
    if (err)
        free(buf);
    else
        *out = buf;
    return err;
}

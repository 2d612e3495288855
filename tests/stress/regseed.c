/* Seeds a store with hostile registry checkpoints for the Wine half of the
 * campaign: the next program that opens the cluster applies them
 * (regckpt_load, which needs Wine's registry and so is fuzzed there).
 *
 *   regseed STORE SEED COUNT
 *
 * A third are valid trees (given as streams, which the store keeps as
 * hives).  The rest are streams that start like a real one and then go
 * wrong (paths that climb: "..", "\\x", "a\\\\b"; lengths past the end,
 * unknown tags, cut short); the store refuses those, so each is stored as
 * a hive gone wrong instead: a valid tree's hive with bytes changed in its
 * bins, cut short, or with a key whose name climbs.  The store refuses a
 * hive that breaks a rule too, so those are planted as a damaged store
 * would hold them: the contents file and the row that names it, written
 * here.
 * The keys are SOFTWARE\HostileCkpt\N: whatever the streams say, nothing may
 * appear in the registry outside them (tests/stress/run.sh compares).
 * Beside the store it leaves regseed.reg, a canary tree for every key to
 * import first, and regseed.bad, the numbers of the streams the parser
 * refuses: those keys must come out of every apply and restore byte for
 * byte as the canary went in. */
#include "st.h"
#include "hive.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sbuf { unsigned char *p; size_t n; };

static void put(struct sbuf *b, const void *d, size_t n)
{
    memcpy(b->p + b->n, d, n);
    b->n += n;
}

static void put_u32(struct sbuf *b, uint32_t v)
{
    put(b, &v, 4);
}

static void put_path(struct sbuf *b, const char *ascii)
{
    size_t i, n = strlen(ascii);

    put_u32(b, (uint32_t)n);
    for (i = 0; i < n; i++) {
        uint16_t c = (unsigned char)ascii[i];
        put(b, &c, 2);
    }
}

static const char *const paths[] = { "", "Sub", "Sub\\Deeper", "..", "..\\..\\Escaped", "\\Absolute", "a\\\\b",
                                     ".\\dot", "a\\..\\..\\b", "Trailing\\", "Software\\Wine", "x.", "y " };

static void value(struct sbuf *b, const char *name)
{
    uint32_t len = (uint32_t)(st_rand() % 16);

    put(b, "V", 1);
    put_path(b, name);
    put_u32(b, (uint32_t)(st_rand() % 12));
    put_u32(b, len);
    put(b, "0123456789abcdef", len);
}

/* A third of the streams keep every rule: they are applied, through the
 * staging key and the renames, over their canary.  Depth first, parents
 * before children. */
static void valid(struct sbuf *b)
{
    static const char *const tree[] = { "", "Sub", "Sub\\Deeper", "..", "..\\.", "x.", "y " };
    size_t k;

    for (k = 0; k < sizeof(tree) / sizeof(tree[0]); k++) {
        put(b, "K", 1);
        put_path(b, tree[k]);
        if (st_rand() % 2)
            value(b, st_rand() % 3 ? "Value" : "");
    }
    put(b, "E", 1);
}

/* A hive gone wrong, from the valid stream in b: *out malloc'd. */
static size_t hostile_hive(struct sbuf *b, unsigned char **out)
{
    static const char *const climbing[] = { "..\\..\\Escaped", "\\Absolute", "a\\\\b", "Trailing\\" };
    unsigned char *hive = NULL;
    size_t n = 0, k;
    char err[160];
    hive_h *h;

    b->n = 8;
    valid(b);
    if (cs_reghive_from_stream(b->p, b->n, "Key", &hive, &n, NULL, 0))
        return 0;
    switch (st_rand() % 3) {
    case 0:     /* bytes changed past the base block (whose checksum would catch them) */
        for (k = 0; k < 1 + st_rand() % 8; k++)
            hive[0x1000 + st_rand() % (n - 0x1000)] ^= (unsigned char)(1 + st_rand() % 255);
        break;
    case 1:
        n = 1 + st_rand() % (n - 1);
        break;
    default:
        if (!(h = cs_hive_open_mem(hive, n, HIVEX_OPEN_WRITE, err, sizeof(err))))
            break;
        free(hive);
        hive = NULL;
        hivex_node_add_child(h, hivex_root(h), climbing[st_rand() % 4]);
        cs_hive_to_mem(h, &hive, &n, err, sizeof(err));
        hivex_close(h);
    }
    *out = hive;
    return hive ? n : 0;
}

/* Contents the store would refuse, as a store damaged under it holds them. */
static uint32_t plant(const char *store, const char *res, const char *key, const void *data, size_t n)
{
    unsigned char sha[32];
    unsigned int len = 0;
    char path[4096];
    sqlite3_stmt *st = NULL;
    sqlite3 *db = NULL;
    int fd, i, ok;

    snprintf(path, sizeof(path), "%s/contents/", store);
    if (!EVP_Digest(data, n, sha, &len, EVP_sha256(), NULL))
        return 1;
    for (i = 0; i < 32; i++)
        sprintf(path + strlen(path), "%02x", sha[i]);
    if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
        return 1;
    ok = write(fd, data, n) == (ssize_t)n && !fsync(fd);
    close(fd);
    snprintf(path, sizeof(path), "%s/cluster.db", store);
    ok = ok && sqlite3_open(path, &db) == SQLITE_OK && sqlite3_busy_timeout(db, 10000) == SQLITE_OK &&
         sqlite3_prepare_v2(db, "INSERT INTO ckpt_data(res, kind, key, size, sha256) VALUES(?, ?, ?, ?, ?)"
                                " ON CONFLICT(res, kind, key) DO UPDATE SET size = excluded.size,"
                                " sha256 = excluded.sha256", -1, &st, NULL) == SQLITE_OK &&
         sqlite3_bind_text(st, 1, res, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int(st, 2, CS_CKPT_REGISTRY) == SQLITE_OK &&
         sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int64(st, 4, (sqlite3_int64)n) == SQLITE_OK &&
         sqlite3_bind_blob(st, 5, sha, 32, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    static unsigned char data[1 << 20];
    char key[64], path[4096];
    cs_store *s = NULL;
    cs_resource r;
    struct sbuf b;
    unsigned i, k, count, nbad = 0;
    FILE *canary, *bad;
    uint32_t err;

    if (argc != 4)
        return 2;
    st_seed(strtoull(argv[2], NULL, 0));
    count = (unsigned)atoi(argv[3]);
    if ((err = cs_open(argv[1], NULL, NULL, &s)) || (err = cs_resource_find(s, "Local Quorum", &r))) {
        fprintf(stderr, "regseed: %u %s\n", err, cs_errmsg(s));
        return 1;
    }
    snprintf(path, sizeof(path), "%s/regseed.reg", argv[1]);
    canary = fopen(path, "w");
    snprintf(path, sizeof(path), "%s/regseed.bad", argv[1]);
    bad = fopen(path, "w");
    if (!canary || !bad)
        return 1;
    fprintf(canary, "REGEDIT4\n");
    for (i = 0; i < count; i++) {
        b.p = data;
        b.n = 0;
        put(&b, "WCREG1\n", 8);
        if (i % 3 == 0) {
            valid(&b);
            goto seed;
        }
        for (k = 0; k < 1 + st_rand() % 12; k++) {
            unsigned what = (unsigned)(st_rand() % 10);
            if (what < 4) {
                put(&b, "K", 1);
                put_path(&b, paths[st_rand() % (sizeof(paths) / sizeof(paths[0]))]);
            } else if (what < 8) {
                uint32_t len = (uint32_t)(st_rand() % 16);
                put(&b, "V", 1);
                put_path(&b, what == 7 ? "" : "Value");
                put_u32(&b, (uint32_t)(st_rand() % 12));
                put_u32(&b, st_rand() % 8 ? len : (uint32_t)st_rand()); /* sometimes past the end */
                put(&b, "0123456789abcdef", len);
            } else if (what == 8) {
                put(&b, "Z", 1);
            } else {
                put_u32(&b, (uint32_t)st_rand()); /* a length of garbage */
            }
        }
        if (st_rand() % 2)
            put(&b, "E", 1);
        if (st_rand() % 4 == 0 && b.n > 9)
            b.n = 9 + st_rand() % (b.n - 9); /* cut short */
        if (st_rand() % 6 == 0)
            data[st_rand() % b.n] ^= (unsigned char)st_rand();
        if (cs_regstream_walk(data, b.n, NULL, NULL, NULL, 0)) {
            unsigned char *hive = NULL;
            b.n = hostile_hive(&b, &hive);
            memcpy(data, hive, b.n);
            free(hive);
            if (cs_reghive_walk(data, b.n, NULL, NULL, NULL, 0)) {
                fprintf(bad, "%u\n", i);
                nbad++;
            }
        }
    seed:
        fprintf(canary, "\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\HostileCkpt\\%u]\n\"Canary\"=\"%u\"\n"
                        "\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\HostileCkpt\\%u\\Sub]\n\"v\"=dword:%08x\n", i, i, i, i);
        snprintf(key, sizeof(key), "SOFTWARE\\HostileCkpt\\%u", i);
        cs_checkpoint_add(s, r.id, CS_CKPT_REGISTRY, key);
        if (!cs_regstream_walk(data, b.n, NULL, NULL, NULL, 0) || !cs_reghive_walk(data, b.n, NULL, NULL, NULL, 0)) {
            if ((err = cs_checkpoint_set_data(s, r.id, CS_CKPT_REGISTRY, key, data, b.n)))
                fprintf(stderr, "regseed: %u %s\n", err, cs_errmsg(s));
        } else if ((err = plant(argv[1], r.id, key, data, b.n)))
            fprintf(stderr, "regseed: cannot plant checkpoint %u\n", i);
    }
    /* A load (not exact) bumps every generation, so the next open applies them. */
    {
        char dump[4096];
        FILE *f;
        snprintf(dump, sizeof(dump), "%s/regseed.dump", argv[1]);
        f = fopen(dump, "w+");
        err = f ? cs_snapshot_dump_file(s, f) : 1;
        if (!err) {
            rewind(f);
            err = cs_snapshot_load_file(s, f, 0);
        }
        if (f)
            fclose(f);
        remove(dump);
    }
    cs_close(s);
    fclose(canary);
    fclose(bad);
    printf("regseed: %u hostile registry checkpoint streams, %u malformed (error %u)\n", count, nbad, err);
    printf("figure regckpt_malformed %u\n", nbad);
    return err ? 1 : 0;
}

/*
 * wineclus-gen: fill a store folder with a synthetic cluster for the
 * benchmark (docs/performance.md).  Everything goes through the public
 * cs_* API, so the store is exactly what the cluster API itself would have
 * made, and checkpoint contents are streamed, never held whole.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clusstore.h"
#include "wcreg.h"

struct opts {
    const char *dir;
    uint64_t    resources, bytes, seed, per_group, reg_keys;
    int         quiet;
};

static void usage(FILE *f)
{
    fputs("Usage: wineclus-gen [OPTIONS] DIR RESOURCES BYTES\n"
          "Create a synthetic cluster store in DIR (absent or empty) for benchmarks.\n"
          "\n"
          "  RESOURCES        number of resources (\"Generic Application\"), at least 1\n"
          "  BYTES            registry checkpoint contents in all, split evenly, one\n"
          "                   checkpoint per resource (suffix K, M or G: powers of 1024);\n"
          "                   0 gives empty checkpoints, else at least 43 bytes each\n"
          "  --seed N         seed of names and contents (default 1)\n"
          "  --group-size N   resources per group (default 10)\n"
          "  --registry-keys N  N cluster registry keys \"Bench\\k<i>\" besides, each with\n"
          "                   a REG_DWORD value \"n\" and a security descriptor\n"
          "  -q, --quiet      no progress on stderr\n"
          "  -h, --help       this text\n"
          "\n"
          "The cluster is named BENCH with the single node NODE1.  Group i is \"Group\n"
          "<i>\", resource j \"Resource <j>\" with the registry checkpoint\n"
          "\"Software\\Wineclus\\Bench\\<j>\".  Contents are valid checkpoint streams\n"
          "(docs/checkpoint-format.md) of REG_BINARY values holding xorshift64* bytes,\n"
          "so the same seed and sizes give the same names and the same bytes;\n"
          "GUIDs and timestamps come from the store and differ from run to run.\n"
          "Each object is its own transaction, as the cluster API makes them.\n",
          f);
}

static int parse_u64(const char *what, const char *text, uint64_t *out)
{
    uint64_t mult = 1;
    char *end;

    errno = 0;
    *out = strtoull(text, &end, 10);
    if (*end && !end[1]) {
        switch (*end) {
        case 'k': case 'K': mult = 1ull << 10; end++; break;
        case 'm': case 'M': mult = 1ull << 20; end++; break;
        case 'g': case 'G': mult = 1ull << 30; end++; break;
        }
    }
    if (errno || end == text || *end || text[0] == '-' || (*out && mult > UINT64_MAX / *out)) {
        fprintf(stderr, "wineclus-gen: %s '%s' is not a number\n", what, text);
        return 0;
    }
    *out *= mult;
    return 1;
}

static int parse(int argc, char **argv, struct opts *o)
{
    const char *pos[3];
    int i, n = 0;

    memset(o, 0, sizeof(*o));
    o->seed = 1;
    o->per_group = 10;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            o->quiet = 1;
        } else if ((!strcmp(argv[i], "--seed") || !strcmp(argv[i], "--group-size") ||
                    !strcmp(argv[i], "--registry-keys")) && i + 1 < argc) {
            if (!parse_u64(argv[i], argv[i + 1],
                           argv[i][2] == 's' ? &o->seed : argv[i][2] == 'g' ? &o->per_group : &o->reg_keys))
                return 0;
            i++;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "wineclus-gen: unknown option or missing value: %s\n", argv[i]);
            return 0;
        } else if (n < 3) {
            pos[n++] = argv[i];
        } else {
            fprintf(stderr, "wineclus-gen: too many operands\n");
            return 0;
        }
    }
    if (n != 3) {
        fprintf(stderr, "wineclus-gen: need DIR, RESOURCES and BYTES\n");
        return 0;
    }
    o->dir = pos[0];
    if (!parse_u64("RESOURCES", pos[1], &o->resources) || !parse_u64("BYTES", pos[2], &o->bytes))
        return 0;
    if (!o->resources || !o->per_group) {
        fprintf(stderr, "wineclus-gen: RESOURCES and --group-size must be at least 1\n");
        return 0;
    }
    if (o->bytes && o->bytes / o->resources < WCREG_MIN) {
        fprintf(stderr, "wineclus-gen: %" PRIu64 " bytes is less than %u a checkpoint\n", o->bytes, WCREG_MIN);
        return 0;
    }
    return 1;
}

/* A store that is already there would be mixed into, not replaced. */
static int fresh_dir(const char *dir)
{
    char path[4096];
    struct stat st;

    snprintf(path, sizeof(path), "%s/cluster.db", dir);
    if (!stat(path, &st)) {
        fprintf(stderr, "wineclus-gen: %s already holds a store\n", dir);
        return 0;
    }
    return 1;
}

static int failed(cs_store *s, uint32_t err, const char *what)
{
    fprintf(stderr, "wineclus-gen: %s: error %u: %s\n", what, err, cs_errmsg(s));
    return 1;
}

static int fill_resource(cs_store *s, const struct opts *o, uint64_t j, const char *group)
{
    char name[64], key[96];
    cs_resource r;
    uint64_t size;
    uint32_t err;
    wcreg *w;

    /* The first resources take the remainder, so the total is exact. */
    size = o->bytes / o->resources + (j < o->bytes % o->resources);
    snprintf(name, sizeof(name), "Resource %" PRIu64, j);
    snprintf(key, sizeof(key), "Software\\Wineclus\\Bench\\%" PRIu64, j);
    if ((err = cs_resource_create(s, name, "Generic Application", group, &r)))
        return failed(s, err, "create resource");
    if ((err = cs_checkpoint_add(s, r.id, CS_CKPT_REGISTRY, key)))
        return failed(s, err, "add checkpoint");
    if (!(w = malloc(sizeof(*w))))
        return failed(s, CS_ERROR_NOT_ENOUGH_MEMORY, "checkpoint stream");
    wcreg_init(w, size, o->seed * 1000003u + j);
    err = cs_checkpoint_write_stream(s, r.id, CS_CKPT_REGISTRY, key, size, wcreg_read, w);
    free(w);
    return err ? failed(s, err, "write checkpoint contents") : 0;
}

/* Many subkeys of one key, each with a descriptor: what made a backup's
 * chk????.tmp grow with their square before the keys went in bulk
 * (docs/backup-format.md). */
static int fill_registry(cs_store *s, const struct opts *o)
{
    /* Self-relative, no owner, group or lists: the least a descriptor is. */
    static const unsigned char sd[20] = { 1, 0, 0x04, 0x80 };
    char path[64], canon[CS_PATH_MAX];
    uint32_t err, v;
    uint64_t i;
    int created;

    for (i = 0; i < o->reg_keys; i++) {
        snprintf(path, sizeof(path), "Bench\\k%06" PRIu64, i);
        v = (uint32_t)i;
        if ((err = cs_reg_create_key(s, path, &created, canon, sizeof(canon))) ||
            (err = cs_reg_set_value(s, path, "n", CS_REG_DWORD, &v, sizeof(v))) ||
            (err = cs_reg_set_security(s, path, sd, sizeof(sd))))
            return failed(s, err, "registry key");
    }
    return 0;
}

int main(int argc, char **argv)
{
    char group[64];
    struct opts o;
    cs_store *s = NULL;
    cs_group g;
    uint32_t err;
    uint64_t j;

    if (!parse(argc, argv, &o)) {
        fputs("Try `wineclus-gen --help'.\n", stderr);
        return 2;
    }
    if (!fresh_dir(o.dir))
        return 1;
    if ((err = cs_open(o.dir, "BENCH", "NODE1", &s))) {
        failed(s, err, "open store");
        cs_close(s);
        return 1;
    }
    for (j = 0; j < o.resources; j++) {
        if (j % o.per_group == 0) {
            snprintf(group, sizeof(group), "Group %" PRIu64, j / o.per_group);
            if ((err = cs_group_create(s, group, 1, &g))) {
                failed(s, err, "create group");
                break;
            }
        }
        if (fill_resource(s, &o, j, group)) {
            err = 1;
            break;
        }
        if (!o.quiet && (j + 1) % 1000 == 0)
            fprintf(stderr, "\r%" PRIu64 "/%" PRIu64 " resources", j + 1, o.resources);
    }
    if (!o.quiet && o.resources >= 1000)
        fputc('\n', stderr);
    if (!err && fill_registry(s, &o))
        err = 1;
    cs_close(s);
    return err ? 1 : 0;
}

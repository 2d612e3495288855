/*
 * `wineclus store migrate FROM TO`: a cluster copied whole between a store
 * folder and a store on etcd (docs/etcd.md), either way, through the text
 * dump every backup carries, and checked by dumping the copy again.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

static void store_usage(void)
{
    say("Usage: wineclus store migrate FROM TO [--force] [--json]\n"
        "Copies the cluster in the store FROM to the store TO, each a folder (an absolute path) or an\n"
        "etcd store (etcd://HOST:PORT[,HOST:PORT...]/CLUSTER, etcds:// for TLS; docs/etcd.md): nodes,\n"
        "groups, resources, properties, checkpoints, the cluster registry and the quorum log, with the\n"
        "cluster's identity and log sequence unchanged.  The copy is read back and compared with the\n"
        "original; they must be the same.  FROM is only read.\n"
        "TO must hold no cluster yet; --force replaces the one it holds.  Stop the cluster's programs\n"
        "and services first: changes made to FROM during the copy stay behind.\n"
        "Checkpoint contents are copied too, and compared by their SHA-256.\n");
}

struct dump { char *text; size_t len; };

static void dump_free(struct dump *d)
{
    free(d->text);
    d->text = NULL;
}

/* The whole database as one text, at one point (a snapshot); with
 * contents set when a checkpoint has captured contents, which the dump
 * does not carry. */
static uint32_t dump_store(cs_store *s, struct dump *d, int *contents)
{
    cs_checkpoint *ck = NULL;
    size_t n = 0, i;
    uint32_t err, end;
    FILE *f;

    d->text = NULL;
    if (!(f = open_memstream(&d->text, &d->len)))
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    if (!(err = cs_snapshot_begin(s)))
    {
        if (!(err = cs_checkpoint_list(s, NULL, 0, &ck, &n)))
            for (i = 0, *contents = 0; i < n; i++) *contents |= ck[i].has_sha256;
        cs_free(ck);
        if (!err) err = cs_snapshot_dump_file(s, f);
        end = cs_snapshot_end(s);
        if (!err) err = end;
    }
    if (fclose(f) && !err) err = CS_ERROR_NOT_ENOUGH_MEMORY;
    if (err) dump_free(d);
    return err;
}

/* TO opened for the copy: made with FROM's cluster name when it holds no
 * cluster, refused when it holds one unless forced. */
static int open_target(const char *to, const cs_cluster *c, int force, cs_store **t)
{
    uint32_t err = cs_open_existing(to, t);

    if (!err && !force)
    {
        cs_close(*t);
        return report_failure(CS_ERROR_ALREADY_EXISTS, "", "--force replaces the cluster it holds.",
                              "%s holds a cluster already (left untouched)", to);
    }
    if (!err) return EXIT_OK;
    if (err != CS_ERROR_FILE_NOT_FOUND)
    {
        int rc = store_fail(*t, err, "cannot open the cluster store %s", to);
        cs_close(*t);
        return rc;
    }
    cs_close(*t);
    if ((err = cs_open(to, c->name, NULL, t)))
    {
        int rc = store_fail(*t, err, "cannot create the cluster store %s", to);
        cs_close(*t);
        return rc;
    }
    return EXIT_OK;
}

/* Checkpoint contents are not in the dump: each is set in TO (on etcd, that
 * puts it there), then the dump is loaded once more, which puts back every
 * row those writes moved (log, sequence) and keeps the contents of the
 * checkpoints it lists. */
static uint32_t copy_contents(cs_store *from, cs_store *t, const struct dump *d)
{
    cs_checkpoint *ck = NULL;
    size_t n = 0, i;
    uint32_t err;
    FILE *f;

    if ((err = cs_checkpoint_list(from, NULL, 0, &ck, &n))) return err;
    for (i = 0; !err && i < n; i++)
    {
        void *data = NULL;
        size_t size = 0;

        if (!ck[i].has_sha256) continue;
        if (!(err = cs_checkpoint_get_data(from, ck[i].resource, ck[i].kind, ck[i].key, &data, &size)))
            err = cs_checkpoint_set_data(t, ck[i].resource, ck[i].kind, ck[i].key, data, size);
        cs_free(data);
    }
    cs_free(ck);
    if (err) return err;
    if (!(f = fmemopen(d->text, d->len, "r"))) return CS_ERROR_NOT_ENOUGH_MEMORY;
    err = cs_snapshot_load_file(t, f, CS_LOAD_EXACT);
    fclose(f);
    return err;
}

/* The same contents on both sides: each checkpoint's digest. */
static int same_contents(cs_store *from, cs_store *t)
{
    cs_checkpoint *a = NULL, *b = NULL;
    size_t na = 0, nb = 0, i;
    int same;

    same = !cs_checkpoint_list(from, NULL, 0, &a, &na) && !cs_checkpoint_list(t, NULL, 0, &b, &nb) && na == nb;
    for (i = 0; same && i < na; i++)
        same = a[i].has_sha256 == b[i].has_sha256 && a[i].data_size == b[i].data_size &&
               !memcmp(a[i].sha256, b[i].sha256, sizeof(a[i].sha256));
    cs_free(a);
    cs_free(b);
    return same;
}

static int copy(cs_store *from, const char *to, int force, const struct dump *d, int contents)
{
    struct dump again = { NULL, 0 };
    cs_cluster c;
    cs_store *t;
    uint32_t err;
    int rc, again_contents;
    FILE *f;

    if ((err = cs_cluster_get(from, &c))) return store_fail(from, err, "cannot read the cluster");
    if ((rc = open_target(to, &c, force, &t))) return rc;
    if (!(f = fmemopen(d->text, d->len, "r"))) err = CS_ERROR_NOT_ENOUGH_MEMORY;
    else
    {
        /* Exact: the copy is the same cluster, not a restore of it. */
        err = cs_snapshot_load_file(t, f, CS_LOAD_EXACT);
        fclose(f);
    }
    if (!err && contents) err = copy_contents(from, t, d);
    if (err) rc = store_fail(t, err, "cannot write the cluster into %s", to);
    else if ((err = dump_store(t, &again, &again_contents))) rc = store_fail(t, err, "cannot read the copy in %s back", to);
    else if (again.len != d->len || memcmp(again.text, d->text, d->len) || !same_contents(from, t))
        rc = report_failure(CS_ERROR_DATABASE_FAILURE, "", NULL,
                            "the copy in %s differs from the original when read back: do not use it", to);
    dump_free(&again);
    cs_close(t);
    if (rc) return rc;
    if (json_output)
    {
        json_open(NULL, '{');
        json_str("cluster", c.name);
        json_str("from", cs_url(from) ? cs_url(from) : cs_dir(from));
        json_str("to", to);
        json_uint("log_seq", c.log_seq);
        json_uint("dump_bytes", d->len);
        json_bool("verified", 1);
        json_close('}');
    }
    else say("Cluster \"%s\" copied to %s (log sequence %llu); read back, it is the same as in the original.\n",
             c.name, to, (unsigned long long)c.log_seq);
    return EXIT_OK;
}

static int store_migrate(int argc, char **argv)
{
    int force = 0, contents = 0, rc;
    const struct optspec opts[] =
    {
        { "force", NULL, &force, 0, NULL },
        { NULL, NULL, NULL, 0, NULL }
    };
    struct dump d = { NULL, 0 };
    char why[CS_PATH_MAX + 512], **ops;
    cs_store *from;
    uint32_t err;

    parse_args("store migrate", argc, argv, opts, 2, 2, "the stores FROM and TO", &ops);
    if ((err = cs_store_check("FROM", ops[0], why, sizeof(why))) ||
        (err = cs_store_check("TO", ops[1], why, sizeof(why))))
        return report_failure(err, why, "FROM and TO each name a store: a folder by its absolute path, or "
                              "etcd://HOST:PORT/CLUSTER (etcds:// for TLS).", "cannot migrate");
    if (!strcmp(ops[0], ops[1])) die_usage("store migrate", "FROM and TO are the same store");
    if ((err = cs_open_existing(ops[0], &from)))
    {
        rc = store_fail(from, err, "cannot open the cluster store %s", ops[0]);
        cs_close(from);
        return rc;
    }
    if ((err = dump_store(from, &d, &contents))) rc = store_fail(from, err, "cannot read the cluster in %s", ops[0]);
    else rc = copy(from, ops[1], force, &d, contents);
    dump_free(&d);
    cs_close(from);
    return rc;
}

int cmd_store(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "migrate", store_migrate },
    };

    if (wants_help(argc, argv) || argc < 2)
    {
        store_usage();
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    return run_subverb("store", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

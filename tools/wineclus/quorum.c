/*
 * `wineclus quorum [show] | set RESOURCE`: the quorum resource, where its
 * log lives and how large the log grows before it is checkpointed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wineclus.h"

static void quorum_usage(void)
{
    say("Usage: wineclus quorum [show] [--json]\n"
           "       wineclus quorum set RESOURCE [--path PATH] [--max-log-size BYTES] [--json]\n"
           "Shows or sets the quorum of the cluster in the store ($WINECLUS_STORE): the resource that\n"
           "holds the cluster database, the path of the quorum log on it, and the log's maximum size\n"
           "(at least %u bytes; Windows Server 2003 uses %u).\n"
           "The quorum resource must be a Physical Disk, Majority Node Set or Local Quorum resource.\n"
           "`set` keeps the current path and size unless given.\n",
           CS_QUORUM_LOG_MIN, CS_QUORUM_LOG_DEFAULT);
}

static int show(cs_store *s)
{
    cs_resource buf;
    cs_cluster c;
    uint32_t err;

    if ((err = cs_cluster_get(s, &c))) return store_fail(s, err, "cannot read the cluster");
    if (json_output) json_open(NULL, '{');
    emit_quorum(&c, quorum_name(s, &c, &buf));
    if (json_output) json_close('}');
    return EXIT_OK;
}

static int quorum_show(int argc, char **argv)
{
    cs_store *s;
    int rc;

    parse_args("quorum show", argc, argv, NULL, 0, 0, "", NULL);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    rc = show(s);
    cs_close(s);
    return rc;
}

static int quorum_set(int argc, char **argv)
{
    const char *path = NULL, *size_text = NULL;
    const struct optspec opts[] =
    {
        { "path", &path, NULL, 0, NULL },
        { "max-log-size", &size_text, NULL, 0, NULL },
        { NULL, NULL, NULL, 0, NULL }
    };
    uint32_t err, size = 0;
    cs_resource res;
    cs_cluster c;
    char **ops;
    cs_store *s;
    int rc;

    parse_args("quorum set", argc, argv, opts, 1, 1, "the quorum RESOURCE", &ops);
    if (size_text) size = (uint32_t)parse_number("quorum set", "--max-log-size", size_text, UINT32_MAX);
    if (open_store(&s)) return EXIT_FAILED;
    if ((rc = find_resource(s, ops[0], &res))) goto done;
    if ((err = cs_cluster_get(s, &c)))
    {
        rc = store_fail(s, err, "cannot read the cluster");
        goto done;
    }
    err = cs_quorum_set(s, res.id, path ? path : c.quorum_path, size_text ? size : c.max_log_size);
    if (err == CS_ERROR_INVALID_PARAMETER)
        rc = report_failure(err, cs_errmsg(s), NULL,
                            "bad quorum settings: the path must not be empty and the log size at least %u bytes",
                            CS_QUORUM_LOG_MIN);
    else if (err) rc = store_fail(s, err, "cannot make resource \"%s\" the quorum", res.name);
    else rc = show(s);
done:
    cs_close(s);
    return rc;
}

int cmd_quorum(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "show", quorum_show },
        { "set", quorum_set },
    };

    if (wants_help(argc, argv))
    {
        quorum_usage();
        return EXIT_OK;
    }
    /* Plain `wineclus quorum` (with options only) shows. */
    if (argc < 2 || argv[1][0] == '-') return quorum_show(argc, argv);
    return run_subverb("quorum", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

/*
 * `wineclus checkpoint list|add|remove`: the registry keys and crypto
 * containers whose contents the cluster keeps with a resource and puts back
 * on whichever node brings it online (CLUSCTL_RESOURCE_*_CHECKPOINT).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

#define KEY_FORMS \
    "A registry checkpoint is a key under HKEY_LOCAL_MACHINE, without a leading backslash\n" \
    "(SOFTWARE\\Vendor\\App); a crypto checkpoint is Type\\Name\\Container\n" \
    "(1\\Microsoft Base Cryptographic Provider v1.0\\Container; Name may be empty)."

static void checkpoint_usage(void)
{
    say("Usage: wineclus checkpoint list [RESOURCE] [--json]\n"
           "       wineclus checkpoint add RESOURCE KEY [--crypto] [--json]\n"
           "       wineclus checkpoint remove RESOURCE KEY [--crypto] [--json]\n"
           "Lists, adds or removes the checkpoints of a resource (of every resource for `list`).\n"
           "--crypto means a crypto checkpoint; the default is a registry checkpoint.\n"
           KEY_FORMS "\n"
           "Quote keys for the shell: wineclus checkpoint add \"My Disk\" 'SOFTWARE\\Vendor\\App'\n");
}

static int checkpoint_list(int argc, char **argv)
{
    cs_resource res, *all = NULL;
    cs_checkpoint *ck = NULL;
    size_t i, j, nck, nall;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc = 0;

    if (!parse_args("checkpoint list", argc, argv, NULL, 0, 1, "", &ops)) ops = NULL;
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if (ops && (rc = find_resource(s, ops[0], &res))) goto done;
    if ((err = cs_checkpoint_list(s, ops ? res.id : NULL, 0, &ck, &nck)) ||
        (err = cs_resource_list(s, NULL, &all, &nall)))
    {
        rc = store_fail(s, err, "cannot list the checkpoints");
        goto done;
    }
    if (json_output) json_open(NULL, '{'), json_open("checkpoints", '[');
    for (i = 0; i < nck; i++)
    {
        const char *name = ck[i].resource;

        for (j = 0; j < nall; j++)
            if (!strcmp(all[j].id, ck[i].resource)) name = all[j].name;
        if (!json_output)
        {
            say("%-24s %-8s %s (%llu bytes captured)\n", name, checkpoint_kind_name(ck[i].kind), ck[i].key,
                   (unsigned long long)ck[i].data_size);
            continue;
        }
        json_open(NULL, '{');
        json_str("resource", name);
        json_str("resource_id", ck[i].resource);
        json_str("kind", checkpoint_kind_name(ck[i].kind));
        json_str("key", ck[i].key);
        json_uint("data_size", ck[i].data_size);
        json_uint("generation", ck[i].generation);
        json_close('}');
    }
    if (json_output) json_close(']'), json_close('}');
done:
    cs_free(ck);
    cs_free(all);
    cs_close(s);
    return rc;
}

static int checkpoint_change(const char *verb, int argc, char **argv, int adding)
{
    int crypto = 0;
    const struct optspec opts[] = { { "crypto", NULL, &crypto, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    int kind, rc;
    cs_resource res;
    char **ops;
    cs_store *s;
    uint32_t err;

    parse_args(verb, argc, argv, opts, 2, 2, "the RESOURCE and the KEY", &ops);
    kind = crypto ? CS_CKPT_CRYPTO : CS_CKPT_REGISTRY;
    if (open_store(&s)) return EXIT_FAILED;
    if (!(rc = find_resource(s, ops[0], &res)))
    {
        err = adding ? cs_checkpoint_add(s, res.id, kind, ops[1]) : cs_checkpoint_delete(s, res.id, kind, ops[1]);
        if (err == CS_ERROR_INVALID_PARAMETER)
            rc = report_failure(err, cs_errmsg(s), KEY_FORMS, "bad %s checkpoint \"%s\"", checkpoint_kind_name(kind),
                                ops[1]);
        else if (err == CS_ERROR_FILE_NOT_FOUND && !adding)
            rc = report_failure(err, cs_errmsg(s), "`wineclus checkpoint list RESOURCE` shows its checkpoints.",
                                "resource \"%s\" has no %s checkpoint \"%s\"", res.name,
                                checkpoint_kind_name(kind), ops[1]);
        else if (err)
            rc = store_fail(s, err, "cannot %s %s checkpoint \"%s\" of resource \"%s\"", argv[0],
                            checkpoint_kind_name(kind), ops[1], res.name);
        else if (json_output)
        {
            json_open(NULL, '{');
            json_open("checkpoint", '{');
            json_str("resource", res.name);
            json_str("resource_id", res.id);
            json_str("kind", checkpoint_kind_name(kind));
            json_str("key", ops[1]);
            json_str("result", adding ? "added" : "removed");
            json_close('}');
            json_close('}');
        }
        else say("%s checkpoint \"%s\" %s resource \"%s\".\n", crypto ? "Crypto" : "Registry", ops[1],
                    adding ? "added to" : "removed from", res.name);
    }
    cs_close(s);
    return rc;
}

static int checkpoint_add(int argc, char **argv)
{
    return checkpoint_change("checkpoint add", argc, argv, 1);
}

static int checkpoint_remove(int argc, char **argv)
{
    return checkpoint_change("checkpoint remove", argc, argv, 0);
}

int cmd_checkpoint(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "list", checkpoint_list },
        { "add", checkpoint_add },
        { "remove", checkpoint_remove },
    };

    if (wants_help(argc, argv))
    {
        checkpoint_usage();
        return EXIT_OK;
    }
    return run_subverb("checkpoint", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

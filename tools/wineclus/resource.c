/*
 * `wineclus resource list|add|remove|online|offline|fail|types` (and `show`, in
 * resource_show.c): the resources of the cluster, each in one group.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wineclus.h"

static void resource_usage(void)
{
    say("Usage: wineclus resource list [--group GROUP] [--json]\n"
           "       wineclus resource add NAME --type TYPE --group GROUP [--json]\n"
           "       wineclus resource remove NAME [--json]\n"
           "       wineclus resource online NAME [--json]\n"
           "       wineclus resource offline NAME [--json]\n"
           "       wineclus resource fail NAME [--json]\n"
           "       wineclus resource show NAME [--json]\n"
           "       wineclus resource types [--json]\n"
           "Manages the resources of the cluster in the store ($WINECLUS_STORE).  NAME may also be the\n"
           "resource's GUID.\n"
           "  add      creates an offline resource of TYPE (see `types`) in GROUP\n"
           "  remove   deletes it with its checkpoints; not the quorum resource, nor one others depend on\n"
           "  online   brings it online, after what it depends on\n"
           "  offline  takes it offline, after what depends on it\n"
           "  fail     marks it failed, with what depends on it, as FailClusterResource does\n"
           "A Generic Application or Generic Service stays online-pending until its owner node's cluster\n"
           "service has started it (docs/states.md).\n"
           "  show     its properties, dependencies and checkpoints\n"
           "  types    the resource types the cluster knows\n");
}

/* A resource with its checkpoint counts, as one object or line. */
static int show_resource(cs_store *s, const char *key, const cs_resource *r)
{
    cs_checkpoint *ck;
    uint32_t err;
    size_t n;

    if ((err = cs_checkpoint_list(s, r->id, 0, &ck, &n)))
        return store_fail(s, err, "cannot list the checkpoints of resource \"%s\"", r->name);
    if (json_output) json_open(NULL, '{');
    emit_resource(key, r, ck, n, "");
    if (json_output) json_close('}');
    cs_free(ck);
    return EXIT_OK;
}

static int resource_list(int argc, char **argv)
{
    const char *group_name = NULL;
    const struct optspec opts[] = { { "group", &group_name, NULL, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    cs_resource *res = NULL;
    cs_checkpoint *ck = NULL;
    size_t i, nres, nck;
    cs_group group;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("resource list", argc, argv, opts, 0, 0, "", NULL);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if (!(rc = group_name ? find_group(s, group_name, &group) : 0))
    {
        if ((err = cs_resource_list(s, group_name ? group.id : NULL, &res, &nres)) ||
            (err = cs_checkpoint_list(s, NULL, 0, &ck, &nck)))
            rc = store_fail(s, err, "cannot list the resources");
    }
    if (!rc)
    {
        if (json_output) json_open(NULL, '{'), json_open("resources", '[');
        for (i = 0; i < nres; i++) emit_resource(NULL, &res[i], ck, nck, "");
        if (json_output) json_close(']'), json_close('}');
    }
    cs_free(res);
    cs_free(ck);
    cs_close(s);
    return rc;
}

static int resource_add(int argc, char **argv)
{
    const char *type = NULL, *group_name = NULL;
    const struct optspec opts[] =
    {
        { "type", &type, NULL, 0, NULL },
        { "group", &group_name, NULL, 0, NULL },
        { NULL, NULL, NULL, 0, NULL }
    };
    cs_resource res;
    cs_restype rt;
    cs_group group;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("resource add", argc, argv, opts, 1, 1, "the NAME of the new resource", &ops);
    if (!type) die_usage("resource add", "missing --type TYPE (`wineclus resource types` lists them)");
    if (!group_name) die_usage("resource add", "missing --group GROUP (`wineclus group list` lists them)");
    if (open_store(&s)) return EXIT_FAILED;
    if (!(rc = find_group(s, group_name, &group)))
    {
        if ((err = cs_restype_find(s, type, &rt)))
            rc = store_fail(s, err, "resource type \"%s\" not found", type);
        else if ((err = cs_resource_create(s, ops[0], rt.name, group.id, &res)))
            rc = store_fail(s, err, "cannot create resource \"%s\"", ops[0]);
        else rc = show_resource(s, "resource", &res);
    }
    cs_close(s);
    return rc;
}

static int resource_remove(int argc, char **argv)
{
    cs_resource res;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("resource remove", argc, argv, NULL, 1, 1, "the NAME of the resource", &ops);
    if (open_store(&s)) return EXIT_FAILED;
    if (!(rc = find_resource(s, ops[0], &res)))
    {
        if ((err = cs_resource_delete(s, res.id))) rc = store_fail(s, err, "cannot remove resource \"%s\"", res.name);
        else emit_done("resource", res.name, "removed");
    }
    cs_close(s);
    return rc;
}

static int resource_change(const char *verb, int argc, char **argv, uint32_t (*change)(cs_store *, const char *))
{
    cs_resource res;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args(verb, argc, argv, NULL, 1, 1, "the NAME of the resource", &ops);
    if (open_store(&s)) return EXIT_FAILED;
    if (!(rc = find_resource(s, ops[0], &res)))
    {
        /* Pending is a state to show, not a failure. */
        if (((err = change(s, res.id)) && err != CS_ERROR_IO_PENDING) || (err = cs_resource_find(s, res.id, &res)))
            rc = store_fail(s, err, "%s \"%s\" refused", verb, res.name);
        else rc = show_resource(s, "resource", &res);
    }
    cs_close(s);
    return rc;
}

static int resource_online_verb(int argc, char **argv)
{
    return resource_change("resource online", argc, argv, cs_resource_online);
}

static int resource_offline_verb(int argc, char **argv)
{
    return resource_change("resource offline", argc, argv, cs_resource_offline);
}

static int resource_fail_verb(int argc, char **argv)
{
    return resource_change("resource fail", argc, argv, cs_resource_fail);
}

static int resource_types(int argc, char **argv)
{
    cs_restype *types;
    cs_store *s;
    uint32_t err;
    size_t i, n;

    parse_args("resource types", argc, argv, NULL, 0, 0, "", NULL);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if ((err = cs_restype_list(s, &types, &n)))
    {
        int rc = store_fail(s, err, "cannot list the resource types");
        cs_close(s);
        return rc;
    }
    if (json_output) json_open(NULL, '{'), json_open("types", '[');
    for (i = 0; i < n; i++)
    {
        if (!json_output)
        {
            say("%-28s %-32s %s\n", types[i].name, types[i].display_name, types[i].dll_name);
            continue;
        }
        json_open(NULL, '{');
        json_str("name", types[i].name);
        json_str("display_name", types[i].display_name);
        json_str("dll", types[i].dll_name);
        json_close('}');
    }
    if (json_output) json_close(']'), json_close('}');
    cs_free(types);
    cs_close(s);
    return EXIT_OK;
}

int cmd_resource(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "list", resource_list },
        { "add", resource_add },
        { "remove", resource_remove },
        { "online", resource_online_verb },
        { "offline", resource_offline_verb },
        { "fail", resource_fail_verb },
        { "show", resource_show },
        { "types", resource_types },
    };

    if (wants_help(argc, argv))
    {
        resource_usage();
        return EXIT_OK;
    }
    return run_subverb("resource", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

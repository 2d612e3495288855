/*
 * `wineclus resource show NAME`: one resource in full, with what it depends
 * on and what depends on it, its common and private properties, and its
 * registry and crypto checkpoints.
 */
#include <stdio.h>
#include <string.h>

#include "wineclus.h"

static void print_names(const char *key, const char *label, const cs_resource *res, size_t n)
{
    size_t i;

    if (json_output) json_open(key, '[');
    else say("%-12s%s", label, n ? "" : "nothing");
    for (i = 0; i < n; i++)
    {
        if (json_output) json_str(NULL, res[i].name);
        else say("%s%s", i ? ", " : "", res[i].name);
    }
    if (json_output) json_close(']');
    else putchar('\n');
}

static void print_checkpoints(const cs_checkpoint *ck, size_t n)
{
    size_t i;

    if (json_output) json_open("checkpoints", '[');
    else say("Checkpoints:%s\n", n ? "" : " none");
    for (i = 0; i < n; i++)
    {
        if (!json_output)
        {
            say("  %-8s %s (%llu bytes captured)\n", checkpoint_kind_name(ck[i].kind), ck[i].key,
                   (unsigned long long)ck[i].data_size);
            continue;
        }
        json_open(NULL, '{');
        json_str("kind", checkpoint_kind_name(ck[i].kind));
        json_str("key", ck[i].key);
        json_uint("data_size", ck[i].data_size);
        json_close('}');
    }
    if (json_output) json_close(']');
}

static void print_resource(const cs_resource *r, const char *owner)
{
    if (!json_output)
    {
        say("Resource:   %s\nId:         %s\nType:       %s\nGroup:      %s\nOwner:      %s\nState:      %s\n",
               r->name, r->id, r->type, r->group, owner, resource_state_name(r->state));
        return;
    }
    json_str("name", r->name);
    json_str("id", r->id);
    json_str("type", r->type);
    json_str("group", r->group);
    json_str("owner", owner);
    json_str("state", resource_state_name(r->state));
}

int resource_show(int argc, char **argv)
{
    cs_resource res, *deps = NULL, *users = NULL;
    struct props props = { 0 };
    cs_checkpoint *ck = NULL;
    size_t ndeps, nusers, nck;
    cs_node owner;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("resource show", argc, argv, NULL, 1, 1, "the NAME of the resource", &ops);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if ((rc = find_resource(s, ops[0], &res))) goto done;
    if ((err = cs_node_get_by_id(s, res.owner_node, &owner)) ||
        (err = cs_resource_list_dependencies(s, res.id, &deps, &ndeps)) ||
        (err = cs_resource_list_dependents(s, res.id, &users, &nusers)) ||
        (err = cs_checkpoint_list(s, res.id, 0, &ck, &nck)))
    {
        rc = store_fail(s, err, "cannot read resource \"%s\"", res.name);
        goto done;
    }
    if ((err = props_read(s, CS_CLASS_RESOURCE, &res, &props)))
    {
        rc = store_fail(s, err, "cannot read the properties of resource \"%s\"", res.name);
        goto done;
    }
    if (json_output) json_open(NULL, '{');
    print_resource(&res, owner.name);
    print_names("depends_on", "Depends on:", deps, ndeps);
    print_names("needed_by", "Needed by:", users, nusers);
    props_print(&props);
    print_checkpoints(ck, nck);
    if (json_output) json_close('}');
done:
    props_free(&props);
    cs_free(deps);
    cs_free(users);
    cs_free(ck);
    cs_close(s);
    return rc;
}

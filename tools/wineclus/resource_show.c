/*
 * `wineclus resource show NAME`: one resource in full, with its private
 * properties decoded by their CLUSPROP_FORMAT, what it depends on and what
 * depends on it, and its registry and crypto checkpoints.
 */
#include <stdio.h>
#include <string.h>

#include "wineclus.h"

static const char *format_name(uint32_t format)
{
    static const char *const names[] = { "?", "binary", "dword", "sz", "expand-sz", "multi-sz", "ularge-integer",
                                         "long" };

    return format < sizeof(names) / sizeof(names[0]) ? names[format] : "?";
}

static uint64_t little_endian(const unsigned char *p, size_t n)
{
    uint64_t v = 0;

    while (n--) v = (v << 8) | p[n];
    return v;
}

/* Strings are stored with their NUL; a value without one is shown whole.
 * key: NULL for the members of a multi-sz array. */
static void print_text(const char *key, const char *p, size_t n)
{
    char buf[CS_PATH_MAX * 4];
    size_t len = strnlen(p, n);

    if (len >= sizeof(buf)) len = sizeof(buf) - 1;
    memcpy(buf, p, len);
    buf[len] = 0;
    if (json_output) json_str(key, buf);
    else say("\"%s\"", buf);
}

static void print_value(const cs_property *prop)
{
    const unsigned char *p = prop->data;
    size_t i, len;

    if ((prop->format == CS_PROP_DWORD || prop->format == CS_PROP_LONG) && prop->size == 4)
    {
        uint32_t v = (uint32_t)little_endian(p, 4);

        if (json_output && prop->format == CS_PROP_LONG) json_int("value", (int32_t)v);
        else if (json_output) json_uint("value", v);
        else if (prop->format == CS_PROP_LONG) say("%d", (int32_t)v);
        else say("%u (0x%x)", v, v);
    }
    else if (prop->format == CS_PROP_ULARGE_INTEGER && prop->size == 8)
    {
        if (json_output) json_uint("value", little_endian(p, 8));
        else say("%llu", (unsigned long long)little_endian(p, 8));
    }
    else if (prop->format == CS_PROP_SZ || prop->format == CS_PROP_EXPAND_SZ)
        print_text("value", prop->data, prop->size);
    else if (prop->format == CS_PROP_MULTI_SZ)
    {
        if (json_output) json_open("value", '[');
        for (i = 0; i < prop->size && p[i]; i += len + 1)
        {
            len = strnlen((const char *)p + i, prop->size - i);
            if (!json_output && i) fputs(", ", stdout);
            print_text(NULL, (const char *)p + i, len);
        }
        if (json_output) json_close(']');
    }
    else
    {
        /* Binary, or a number of the wrong size: the bytes as hex. */
        char hex[2 * 256 + 4];

        for (i = 0; i < prop->size && i < 256; i++) snprintf(hex + 2 * i, 3, "%02x", p[i]);
        if (prop->size > 256) strcpy(hex + 2 * i, "...");
        else hex[2 * i] = 0;
        if (json_output) json_str("value", hex);
        else say("%s", hex);
    }
}

static void print_properties(const cs_property *props, size_t n)
{
    size_t i;

    if (json_output) json_open("properties", '[');
    else say("Properties:%s\n", n ? "" : " none");
    for (i = 0; i < n; i++)
    {
        if (json_output)
        {
            json_open(NULL, '{');
            json_str("name", props[i].name);
            json_str("format", format_name(props[i].format));
        }
        else say("  %s (%s) = ", props[i].name, format_name(props[i].format));
        print_value(&props[i]);
        if (json_output) json_close('}');
        else putchar('\n');
    }
    if (json_output) json_close(']');
}

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
    cs_property *props = NULL;
    cs_checkpoint *ck = NULL;
    size_t nprops, ndeps, nusers, nck;
    cs_node owner;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc;

    parse_args("resource show", argc, argv, NULL, 1, 1, "the NAME of the resource", &ops);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if ((rc = find_resource(s, ops[0], &res))) goto done;
    if ((err = cs_node_get_by_id(s, res.owner_node, &owner)) ||
        (err = cs_resource_list_properties(s, res.id, &props, &nprops)) ||
        (err = cs_resource_list_dependencies(s, res.id, &deps, &ndeps)) ||
        (err = cs_resource_list_dependents(s, res.id, &users, &nusers)) ||
        (err = cs_checkpoint_list(s, res.id, 0, &ck, &nck)))
    {
        rc = store_fail(s, err, "cannot read resource \"%s\"", res.name);
        goto done;
    }
    if (json_output) json_open(NULL, '{');
    print_resource(&res, owner.name);
    print_names("depends_on", "Depends on:", deps, ndeps);
    print_names("needed_by", "Needed by:", users, nusers);
    print_properties(props, nprops);
    print_checkpoints(ck, nck);
    if (json_output) json_close('}');
done:
    cs_free(props);
    cs_free(deps);
    cs_free(users);
    cs_free(ck);
    cs_close(s);
    return rc;
}

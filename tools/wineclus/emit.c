/*
 * One node, group or resource as the store verbs show it: a JSON object
 * (key NULL inside an array), or a line of text.  `status` and the `list`
 * subcommands print through here, so an object looks the same everywhere.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "wineclus.h"

const char *node_name_of(const cs_node *nodes, size_t n, uint32_t id)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (nodes[i].id == id) return nodes[i].name;
    return "?";
}

void emit_node(const char *key, const cs_node *n, int up, const char *indent)
{
    if (!json_output)
    {
        say("%s%3u  %-16s %s\n", indent, n->id, n->name, up ? "up" : "down");
        return;
    }
    json_open(key, '{');
    json_uint("id", n->id);
    json_str("name", n->name);
    json_bool("up", up);
    json_close('}');
}

/* Left open so that `status` can nest the group's resources in it. */
void emit_group_open(const char *key, const cs_group *g, const char *owner, const char *indent)
{
    if (!json_output)
    {
        say("%s%-24s %-15s owner %s\n", indent, g->name, group_state_name(g->state), owner);
        return;
    }
    json_open(key, '{');
    json_str("name", g->name);
    json_str("id", g->id);
    json_str("owner", owner);
    json_str("state", group_state_name(g->state));
}

void emit_group_close(void)
{
    if (json_output) json_close('}');
}

void emit_resource(const char *key, const cs_resource *r, const cs_checkpoint *ck, size_t nck, const char *indent)
{
    size_t i, reg = 0, crypto = 0;

    for (i = 0; i < nck; i++)
    {
        if (strcmp(ck[i].resource, r->id)) continue;
        if (ck[i].kind == CS_CKPT_CRYPTO) crypto++;
        else reg++;
    }
    if (!json_output)
    {
        say("%s%-24s %-15s %s\n%s    group %s, id %s, checkpoints: %zu registry, %zu crypto\n", indent, r->name,
               resource_state_name(r->state), r->type, indent, r->group, r->id, reg, crypto);
        return;
    }
    json_open(key, '{');
    json_str("name", r->name);
    json_str("id", r->id);
    json_str("type", r->type);
    json_str("group", r->group);
    json_str("state", resource_state_name(r->state));
    json_uint("registry_checkpoints", reg);
    json_uint("crypto_checkpoints", crypto);
    json_close('}');
}

/* resource: the quorum resource's name, NULL when it cannot be found. */
void emit_quorum(const cs_cluster *c, const char *resource)
{
    if (!json_output)
    {
        say("Quorum:     resource %s, path %s, log at most %u bytes\n", resource ? resource : "(none)",
               c->quorum_path, c->max_log_size);
        return;
    }
    json_open("quorum", '{');
    json_str("resource", resource);
    json_str("resource_id", c->quorum_resource[0] ? c->quorum_resource : NULL);
    json_str("path", c->quorum_path);
    json_uint("max_log_size", c->max_log_size);
    json_close('}');
}

/* What a verb did to an object that is gone or needs no more showing. */
void emit_done(const char *kind, const char *name, const char *what)
{
    if (!json_output)
    {
        say("%c%s \"%s\" %s.\n", toupper((unsigned char)kind[0]), kind + 1, name, what);
        return;
    }
    json_open(NULL, '{');
    json_str("kind", kind);
    json_str("name", name);
    json_str("result", what);
    json_close('}');
}

/*
 * The properties `wineclus resource|group|node show` and `status
 * --properties` list: what the property control codes read (cs_propobj, one
 * rule for the DLL and the tool), each value decoded by its CLUSPROP_FORMAT.
 * Common properties: every defined one with a value, stored or (marked so)
 * its documented default; private ones: the same for a standard type's
 * definitions, then every other value of the object's Parameters key.
 */
#include <stdio.h>
#include <stdlib.h>
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

/* One list: the defined properties with a value, then (private) the rest. */
static uint32_t collect(cs_store *s, const cs_propobj *obj, int private, struct proplist *l)
{
    const cs_propdef *defs = private ? obj->private : obj->common;
    size_t ndefs = private ? obj->nprivate : obj->ncommon, nstored, i;
    uint32_t err;

    if ((err = cs_propobj_load(s, obj, private, &l->stored, &nstored))) return err;
    if (!(l->v = calloc(ndefs + nstored + 1, sizeof(*l->v)))) return CS_ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < ndefs; i++)
    {
        struct propshown *e = &l->v[l->n];

        err = cs_propobj_value(s, obj, &defs[i], l->stored, nstored, &e->prop, e->scratch, sizeof(e->scratch),
                               &e->is_default);
        if (err == CS_ERROR_FILE_NOT_FOUND) continue;   /* not stored, no default */
        if (err) return err;
        e->read_only = !!(defs[i].flags & CS_PD_READ_ONLY);
        l->n++;
    }
    for (i = 0; private && i < nstored; i++)
        if (!cs_propdef_find(defs, ndefs, l->stored[i].name)) l->v[l->n++].prop = l->stored[i];
    return CS_ERROR_SUCCESS;
}

uint32_t props_read(cs_store *s, int cls, const void *record, struct props *out)
{
    cs_propobj obj;
    uint32_t err;

    memset(out, 0, sizeof(*out));
    if ((err = cs_propobj_init(cls, record, &obj)) || (err = collect(s, &obj, 0, &out->common)) ||
        (err = collect(s, &obj, 1, &out->private)))
        props_free(out);
    return err;
}

static void print_list(const char *key, const char *label, const struct proplist *l)
{
    size_t i;

    if (json_output) json_open(key, '[');
    else say("%s:%s\n", label, l->n ? "" : " none");
    for (i = 0; i < l->n; i++)
    {
        const struct propshown *e = &l->v[i];

        if (json_output)
        {
            json_open(NULL, '{');
            json_str("name", e->prop.name);
            json_str("format", format_name(e->prop.format));
        }
        else say("  %s (%s) = ", e->prop.name, format_name(e->prop.format));
        print_value(&e->prop);
        if (json_output)
        {
            json_bool("default", e->is_default);
            json_bool("read_only", e->read_only);
            json_close('}');
        }
        else say("%s%s\n", e->is_default ? "  [default]" : "", e->read_only ? "  [read-only]" : "");
    }
    if (json_output) json_close(']');
}

void props_print(const struct props *p)
{
    print_list("common_properties", "Common properties", &p->common);
    print_list("private_properties", "Private properties", &p->private);
}

static void free_list(struct proplist *l)
{
    free(l->v);
    cs_free(l->stored);
    memset(l, 0, sizeof(*l));
}

void props_free(struct props *p)
{
    free_list(&p->common);
    free_list(&p->private);
}

/*
 * The property control codes of every class.  Common properties are those
 * cs_propdefs_common defines for the class; private ones are every value
 * stored under the object's Parameters key, plus the defined ones of a
 * resource of a standard type (which read as their default while not
 * stored).  ENUM, GET and FMTS of common properties cover the read/write
 * ones, GET_RO the read-only ones; GET of private ones covers them all.  A
 * SET is checked whole (the list by the codec, every value by its
 * definition) before anything is written, then written at once; VALIDATE
 * is the same without the write.
 */
#include <string.h>
#include <strings.h>

#include "props.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

enum op { OP_ENUM, OP_GET_RO, OP_GET, OP_SET, OP_VALIDATE, OP_FMTS, OP_RESOURCE_FMTS };

static const struct
{
    DWORD clctl;
    BOOL private;
    enum op op;
} ops[] =
{
    { CLCTL_ENUM_COMMON_PROPERTIES, FALSE, OP_ENUM },
    { CLCTL_GET_RO_COMMON_PROPERTIES, FALSE, OP_GET_RO },
    { CLCTL_GET_COMMON_PROPERTIES, FALSE, OP_GET },
    { CLCTL_SET_COMMON_PROPERTIES, FALSE, OP_SET },
    { CLCTL_VALIDATE_COMMON_PROPERTIES, FALSE, OP_VALIDATE },
    { CLCTL_GET_COMMON_PROPERTY_FMTS, FALSE, OP_FMTS },
    { CLCTL_GET_COMMON_RESOURCE_PROPERTY_FMTS, FALSE, OP_RESOURCE_FMTS },
    { CLCTL_ENUM_PRIVATE_PROPERTIES, TRUE, OP_ENUM },
    { CLCTL_GET_RO_PRIVATE_PROPERTIES, TRUE, OP_GET_RO },
    { CLCTL_GET_PRIVATE_PROPERTIES, TRUE, OP_GET },
    { CLCTL_SET_PRIVATE_PROPERTIES, TRUE, OP_SET },
    { CLCTL_VALIDATE_PRIVATE_PROPERTIES, TRUE, OP_VALIDATE },
    { CLCTL_GET_PRIVATE_PROPERTY_FMTS, TRUE, OP_FMTS },
    { CLCTL_GET_PRIVATE_RESOURCE_PROPERTY_FMTS, TRUE, OP_RESOURCE_FMTS },
};

/* What one call works on: the definitions and the values stored. */
struct props
{
    cs_store *store;
    cs_propobj obj;
    BOOL private;
    const cs_propdef *defs;
    size_t ndefs;
    cs_property *stored;
    size_t nstored;
};

/* A defined property's value: its column, what is stored, or its default. */
static DWORD def_value(const struct props *p, const cs_propdef *def, cs_property *out, char *scratch,
                       size_t scratch_size)
{
    int is_default;

    return cs_propobj_value(p->store, &p->obj, def, p->stored, p->nstored, out, scratch, scratch_size,
                            &is_default);
}

static DWORD put_built(struct control_io *io, const struct pl_builder *b)
{
    if (pl_build_size(b) > MAXDWORD) return ERROR_NOT_ENOUGH_MEMORY;
    if (io->returned) *io->returned = pl_build_size(b);
    return pl_build_fits(b) ? ERROR_SUCCESS : ERROR_MORE_DATA;
}

static DWORD get(const struct props *p, BOOL ro, struct control_io *io)
{
    struct pl_builder b;
    char scratch[CS_TEXT_MAX];
    cs_property value;
    DWORD err = ERROR_SUCCESS;
    size_t i;

    pl_build_begin(&b, io->out, io->out_size);
    for (i = 0; i < p->ndefs && !err; i++)
    {
        BOOL read_only = !cs_propdef_listed(&p->defs[i]);
        /* GET of common properties lists the read/write ones, of private ones all. */
        if (ro ? !read_only : (read_only && !p->private)) continue;
        if ((err = def_value(p, &p->defs[i], &value, scratch, sizeof(scratch))) == ERROR_FILE_NOT_FOUND)
        {
            err = ERROR_SUCCESS;  /* no value, no default: not listed */
            continue;
        }
        if (!err) err = propconv_put(&b, p->defs[i].name, value.format, value.data, value.size);
    }
    for (i = 0; p->private && !ro && i < p->nstored && !err; i++)
        if (!cs_propdef_find(p->defs, p->ndefs, p->stored[i].name))
            err = propconv_put(&b, p->stored[i].name, p->stored[i].format, p->stored[i].data, p->stored[i].size);
    return err ? err : put_built(io, &b);
}

/* The read/write properties: the listed definitions, and of private ones
 * what is stored besides. */
struct writable
{
    const char *name;
    uint32_t format;
};

static struct writable *list_writable(const struct props *p, size_t *n)
{
    struct writable *w;
    size_t i;

    if (!(w = HeapAlloc(GetProcessHeap(), 0, (p->ndefs + p->nstored + 1) * sizeof(*w)))) return NULL;
    for (i = 0, *n = 0; i < p->ndefs; i++)
        if (cs_propdef_listed(&p->defs[i]))
        {
            w[*n].name = p->defs[i].name;
            w[(*n)++].format = p->defs[i].format;
        }
    for (i = 0; p->private && i < p->nstored; i++)
        if (!cs_propdef_find(p->defs, p->ndefs, p->stored[i].name))
        {
            w[*n].name = p->stored[i].name;
            w[(*n)++].format = p->stored[i].format;
        }
    return w;
}

/* The names as one MULTI_SZ (a lone NUL when there are none). */
static DWORD enum_names(const struct props *p, struct control_io *io)
{
    struct writable *w;
    WCHAR *buf;
    size_t i, n, len, total = 1;
    DWORD err;

    if (!(w = list_writable(p, &n))) return ERROR_NOT_ENOUGH_MEMORY;
    for (i = 0; i < n; i++) total += MultiByteToWideChar(CP_UTF8, 0, w[i].name, -1, NULL, 0);
    if (!(buf = HeapAlloc(GetProcessHeap(), 0, total * sizeof(WCHAR))))
    {
        HeapFree(GetProcessHeap(), 0, w);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0, len = 0; i < n; i++) len += MultiByteToWideChar(CP_UTF8, 0, w[i].name, -1, buf + len, total - len);
    buf[len++] = 0;
    err = control_put(io, buf, len * sizeof(WCHAR));
    HeapFree(GetProcessHeap(), 0, buf);
    HeapFree(GetProcessHeap(), 0, w);
    return err;
}

/* Each property's name and its format as a LIST_VALUE_WORD. */
static DWORD put_formats(const struct writable *w, size_t n, struct control_io *io)
{
    struct pl_builder b;
    WCHAR *name;
    size_t i;

    pl_build_begin(&b, io->out, io->out_size);
    for (i = 0; i < n; i++)
    {
        uint16_t format = w[i].format;
        if (!(name = wide_from_utf8(w[i].name))) return ERROR_NOT_ENOUGH_MEMORY;
        pl_build_name(&b, (const pl_wchar *)name);
        pl_build_value(&b, PL_LIST_VALUE(PL_FORMAT_WORD), &format, sizeof(format));
        pl_build_endmark(&b);
        HeapFree(GetProcessHeap(), 0, name);
    }
    return put_built(io, &b);
}

static DWORD formats(const struct props *p, struct control_io *io)
{
    struct writable *w;
    size_t n;
    DWORD err;

    if (!(w = list_writable(p, &n))) return ERROR_NOT_ENOUGH_MEMORY;
    err = put_formats(w, n, io);
    HeapFree(GetProcessHeap(), 0, w);
    return err;
}

/* A resource type's word on the properties of its resources. */
static DWORD resource_formats(const struct props *p, struct control_io *io)
{
    struct props res;

    memset(&res, 0, sizeof(res));
    res.private = p->private;
    res.defs = p->private ? cs_propdefs_private(((const cs_restype *)p->obj.record)->name, &res.ndefs)
                          : cs_propdefs_common(CS_CLASS_RESOURCE, &res.ndefs);
    return formats(&res, io);
}

/* ---- SET and VALIDATE ---- */

struct changes
{
    cs_property *v;
    size_t n;
    DWORD status;  /* ERROR_RESOURCE_PROPERTIES_STORED when one waits for the next online */
};

static void free_changes(struct changes *c)
{
    size_t i;

    for (i = 0; c->v && i < c->n; i++) HeapFree(GetProcessHeap(), 0, (void *)c->v[i].data);
    HeapFree(GetProcessHeap(), 0, c->v);
}

/* A column property a SET may name (a resource's Type, a type's Name): the
 * store can change neither, so only its current value is taken. */
static DWORD check_column(const struct props *p, const cs_propdef *def, const cs_property *v, BOOL *unchanged)
{
    char scratch[CS_TEXT_MAX];
    cs_property now;
    DWORD err;

    if ((err = cs_propobj_column(p->store, &p->obj, def, &now, scratch, sizeof(scratch)))) return err;
    if (now.size == v->size && !memcmp(now.data, v->data, v->size))
    {
        *unchanged = TRUE;
        return ERROR_SUCCESS;
    }
    FIXME("%s of %s cannot be changed\n", debugstr_a(def->name), debugstr_a(p->obj.key));
    return ERROR_INVALID_PARAMETER;
}

static DWORD effective_dword(const struct props *p, const struct changes *c, const char *name)
{
    const cs_propdef *def = cs_propdef_find(p->defs, p->ndefs, name);
    const cs_property *v;
    char scratch[CS_TEXT_MAX];
    cs_property value;
    DWORD dword = 0;

    if ((v = cs_property_find(c->v, c->n, name))) value = *v;
    else if (def_value(p, def, &value, scratch, sizeof(scratch))) return 0;
    if (value.size == sizeof(dword)) memcpy(&dword, value.data, sizeof(dword));
    return dword;
}

/* Rules between properties, on the values a SET leaves. */
static DWORD check_pairs(const struct props *p, const struct changes *c)
{
    if (p->private || p->obj.cls != CS_CLASS_RESOURCE) return ERROR_SUCCESS;
    if (!cs_property_find(c->v, c->n, "RestartPeriod") && !cs_property_find(c->v, c->n, "RetryPeriodOnFailure"))
        return ERROR_SUCCESS;
    return cs_propdef_check_retry_period(effective_dword(p, c, "RestartPeriod"),
                                         effective_dword(p, c, "RetryPeriodOnFailure"));
}

static DWORD read_changes(const struct props *p, const struct control_io *io, struct changes *c)
{
    struct pl_reader r;
    struct pl_prop prop;
    uint32_t count;
    enum pl_error e;
    DWORD err = ERROR_SUCCESS;

    memset(c, 0, sizeof(*c));
    /* The code the SET pages give for "lpInBuffer is NULL". */
    if (!io->in) return RPC_X_BAD_STUB_DATA;
    if ((e = pl_validate(io->in, io->in_size, &count, NULL)) != PL_OK)
    {
        WARN("property list refused: %s\n", pl_strerror(e));
        return pl_set_error(e);
    }
    if (!(c->v = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, (count + 1) * sizeof(*c->v))))
        return ERROR_NOT_ENOUGH_MEMORY;
    pl_read_begin(&r, io->in, io->in_size);
    while (!err && pl_read_next(&r, &prop) == PL_OK)
    {
        cs_property *v = &c->v[c->n];
        const cs_propdef *def;
        void *data = NULL;
        BOOL unchanged = FALSE;

        err = propconv_get(&prop, v->name, sizeof(v->name), &v->format, &data, &v->size);
        v->data = data;
        if (data) c->n++;
        if (err) break;
        TRACE("%s format %u, %u bytes\n", debugstr_a(v->name), v->format, (unsigned)v->size);
        if (!(def = cs_propdef_find(p->defs, p->ndefs, v->name)))
        {
            /* Private properties are whatever the object keeps; common ones are the defined ones. */
            if (!p->private)
            {
                WARN("%s is no common property of %s\n", debugstr_a(v->name), debugstr_a(p->obj.key));
                err = ERROR_INVALID_PARAMETER;
            }
            continue;
        }
        /* Stored under the documented spelling, whatever case the list used. */
        lstrcpynA(v->name, def->name, sizeof(v->name));
        if ((err = cs_propdef_check(def, v->format, v->data, v->size))) break;
        if ((def->flags & CS_PD_COLUMN) && !(err = check_column(p, def, v, &unchanged)) && unchanged)
        {
            HeapFree(GetProcessHeap(), 0, data);
            c->n--;
            continue;
        }
        if (!err && cs_propdef_set_status(def, p->obj.online)) c->status = ERROR_RESOURCE_PROPERTIES_STORED;
    }
    if (!err) err = check_pairs(p, c);
    return err;
}

static DWORD set(const struct props *p, BOOL write, struct control_io *io)
{
    struct changes c;
    DWORD err;

    if (io->returned) *io->returned = 0;
    if (!(err = read_changes(p, io, &c)) && write)
        if (!(err = cs_propobj_save(p->store, &p->obj, p->private, c.v, c.n))) err = c.status;
    free_changes(&c);
    return err;
}

DWORD props_control(cs_store *store, const void *object, struct control_io *io)
{
    DWORD clctl = io->code & ~((DWORD)CLUSCTL_OBJECT_MASK << CLUSCTL_OBJECT_SHIFT), err;
    struct props p;
    size_t i;

    memset(&p, 0, sizeof(p));
    p.store = store;
    for (i = 0; i < ARRAY_SIZE(ops); i++) if (ops[i].clctl == clctl) break;
    if (i == ARRAY_SIZE(ops)) return ERROR_INVALID_FUNCTION;
    if ((err = propobj_init(CLUSCTL_GET_CONTROL_OBJECT(io->code), object, &p.obj))) return err;
    p.private = ops[i].private;
    if (ops[i].op == OP_RESOURCE_FMTS) return resource_formats(&p, io);
    p.defs = p.private ? p.obj.private : p.obj.common;
    p.ndefs = p.private ? p.obj.nprivate : p.obj.ncommon;
    if ((err = cs_propobj_load(store, &p.obj, p.private, &p.stored, &p.nstored))) return err;
    switch (ops[i].op)
    {
    case OP_ENUM: err = enum_names(&p, io); break;
    case OP_GET_RO: err = get(&p, TRUE, io); break;
    case OP_GET: err = get(&p, FALSE, io); break;
    case OP_SET: err = set(&p, TRUE, io); break;
    case OP_VALIDATE: err = set(&p, FALSE, io); break;
    case OP_FMTS: err = formats(&p, io); break;
    case OP_RESOURCE_FMTS: break;
    }
    cs_free(p.stored);
    return err;
}

/* Cluster registry values: those kept in regval, and those made on read
 * from the typed tables, which exist exactly while their object does and
 * are written only through the object's own rule (docs/cluster-registry.md). */
#include "cs_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Values made from typed columns.  sql gives one row (SZ, DWORD) or one row
 * per string (MULTI_SZ, left out when there are none); ?1 is the object's id.
 * rename: writing the value renames the object, as its API does. */
enum rename { FIXED, RENAME_CLUSTER, RENAME_RESOURCE, RENAME_GROUP };
static const struct synth {
    enum cs__regkind kind;
    int              cls;
    const char      *name;
    uint32_t         type;
    const char      *sql;
    enum rename      rename;
} synths[] = {
    { CS__REG_ROOT, -1, "ClusterName", CS_REG_SZ, "SELECT name FROM cluster", RENAME_CLUSTER },
    { CS__REG_OBJECT, CS__CLS_RESOURCES, "Name", CS_REG_SZ, "SELECT name FROM resource WHERE id = ?1", RENAME_RESOURCE },
    { CS__REG_OBJECT, CS__CLS_RESOURCES, "Type", CS_REG_SZ, "SELECT type FROM resource WHERE id = ?1", FIXED },
    { CS__REG_OBJECT, CS__CLS_RESOURCES, "DependsOn", CS_REG_MULTI_SZ,
      "SELECT dep FROM dependency WHERE res = ?1 ORDER BY dep", FIXED },
    { CS__REG_OBJECT, CS__CLS_GROUPS, "Name", CS_REG_SZ, "SELECT name FROM grp WHERE id = ?1", RENAME_GROUP },
    { CS__REG_OBJECT, CS__CLS_GROUPS, "Contains", CS_REG_MULTI_SZ,
      "SELECT id FROM resource WHERE grp = ?1 ORDER BY id", FIXED },
    { CS__REG_OBJECT, CS__CLS_NODES, "NodeName", CS_REG_SZ, "SELECT name FROM node WHERE id = ?1", FIXED },
    { CS__REG_OBJECT, CS__CLS_TYPES, "Name", CS_REG_SZ, "SELECT display_name FROM restype WHERE name = ?1", FIXED },
    { CS__REG_OBJECT, CS__CLS_TYPES, "DllName", CS_REG_SZ, "SELECT dll FROM restype WHERE name = ?1", FIXED },
    { CS__REG_OBJECT, CS__CLS_QUORUM, "Path", CS_REG_SZ, "SELECT quorum_path FROM cluster", FIXED },
    { CS__REG_OBJECT, CS__CLS_QUORUM, "Resource", CS_REG_SZ, "SELECT quorum_resource FROM cluster", FIXED },
    { CS__REG_OBJECT, CS__CLS_QUORUM, "MaxQuorumLogSize", CS_REG_DWORD, "SELECT max_log_size FROM cluster", FIXED },
};
#define N_SYNTHS (sizeof(synths) / sizeof(synths[0]))

static const struct synth *synth_of(const cs__regpath *p, const char *name)
{
    size_t i;

    for (i = 0; i < N_SYNTHS; i++)
        if (synths[i].kind == p->kind && synths[i].cls == p->cls && !strcasecmp(synths[i].name, name))
            return &synths[i];
    return NULL;
}

int cs__reg_is_synthetic(const cs__regpath *p, const char *name)
{
    return synth_of(p, name) != NULL;
}

/* Values gathered one by one, each with its own copy of the data. */
struct vals {
    cs_regval *v;
    size_t     n, cap, bytes;
};

static uint32_t add_val(cs_store *s, struct vals *vs, const char *name, uint32_t type, const void *data, size_t size)
{
    void *copy = malloc(size + 1);

    if (!copy)
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 16;
        cs_regval *grown = realloc(vs->v, cap * sizeof(*grown));
        if (!grown) {
            free(copy);
            return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        }
        vs->v = grown;
        vs->cap = cap;
    }
    if (size)
        memcpy(copy, data, size);
    ((char *)copy)[size] = 0;
    cs__copy(vs->v[vs->n].name, CS_NAME_MAX, (const unsigned char *)name);
    vs->v[vs->n].type = type;
    vs->v[vs->n].size = size;
    vs->v[vs->n].data = copy;
    vs->n++;
    vs->bytes += (size + 8) & ~(size_t)7;
    return 0;
}

static void free_vals(struct vals *vs)
{
    size_t i;

    for (i = 0; i < vs->n; i++)
        free((void *)vs->v[i].data);
    free(vs->v);
}

static uint32_t add_synth(cs_store *s, const cs__regpath *p, const struct synth *y, struct vals *vs)
{
    sqlite3_stmt *st;
    uint32_t err;
    char *multi = NULL;
    size_t len = 0;
    int row;

    if ((err = strstr(y->sql, "?1") ? cs__prep(s, &st, y->sql, "t", p->object) : cs__prep(s, &st, y->sql, "")))
        return err;
    while (!(err = cs__step(s, st, &row)) && row) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        size_t n = strlen(text ? text : "") + 1;
        if (y->type == CS_REG_DWORD) {
            uint32_t dw = (uint32_t)sqlite3_column_int64(st, 0);
            unsigned char le[4] = { dw & 0xff, (dw >> 8) & 0xff, (dw >> 16) & 0xff, dw >> 24 };
            err = add_val(s, vs, y->name, y->type, le, 4);
            break;
        }
        if (y->type == CS_REG_SZ) {
            err = add_val(s, vs, y->name, y->type, text ? text : "", n);
            break;
        }
        {
            char *grown = realloc(multi, len + n + 1);
            if (!grown) {
                err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
                break;
            }
            multi = grown;
            memcpy(multi + len, text ? text : "", n);
            len += n;
            multi[len] = 0;
        }
    }
    cs__done(s, st);
    if (!err && multi)
        err = add_val(s, vs, y->name, y->type, multi, len + 1);
    free(multi);
    return err;
}

static uint32_t add_stored(cs_store *s, const char *key, const char *name, struct vals *vs)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = name ? cs__prep(s, &st, "SELECT name, type, data FROM regval WHERE key = ? AND name = ?", "tt", key, name)
                    : cs__prep(s, &st, "SELECT name, type, data FROM regval WHERE key = ? ORDER BY name", "t", key)))
        return err;
    while (!(err = cs__step(s, st, &row)) && row &&
           !(err = add_val(s, vs, (const char *)sqlite3_column_text(st, 0), (uint32_t)sqlite3_column_int64(st, 1),
                           sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2))))
        ;
    cs__done(s, st);
    return err;
}

/* Every value of the key (name NULL) or the one named, synthetic first. */
static uint32_t gather(cs_store *s, const char *path, const char *name, struct vals *vs, cs__regpath *p)
{
    uint32_t err;
    size_t i;

    if ((err = cs__reg_resolve(s, path, p, 0)))
        return err;
    if (!p->exists)
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no registry key %s", p->path);
    for (i = 0; i < N_SYNTHS; i++)
        if (synths[i].kind == p->kind && synths[i].cls == p->cls && (!name || !strcasecmp(name, synths[i].name)) &&
            (err = add_synth(s, p, &synths[i], vs)))
            return err;
    return name && vs->n ? 0 : add_stored(s, p->path, name, vs);
}

struct val_args {
    const char *path, *name;
    uint32_t    type;
    const void *data;
    size_t      size;
    struct vals vs;
};

static uint32_t get_fn(cs_store *s, void *arg)
{
    struct val_args *a = arg;
    cs__regpath p;
    uint32_t err;

    free_vals(&a->vs);
    memset(&a->vs, 0, sizeof(a->vs));
    if ((err = gather(s, a->path, a->name, &a->vs, &p)))
        return err;
    if (a->name && !a->vs.n)
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "registry key %s has no value '%s'", p.path, a->name);
    return 0;
}

uint32_t cs_reg_get_value(cs_store *s, const char *path, const char *name, uint32_t *type, void **data, size_t *size)
{
    struct val_args a = { path, name, 0, NULL, 0, { NULL, 0, 0, 0 } };
    uint32_t err;

    if (!name || !type || !data || !size)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no value name or output");
    *data = NULL;
    *size = 0;
    if (!(err = cs__read(s, get_fn, &a))) {
        *type = a.vs.v[0].type;
        *size = a.vs.v[0].size;
        *data = (void *)a.vs.v[0].data;
        a.vs.v[0].data = NULL;
    }
    free_vals(&a.vs);
    return err;
}

uint32_t cs_reg_list_values(cs_store *s, const char *path, cs_regval **arr, size_t *n)
{
    struct val_args a = { path, NULL, 0, NULL, 0, { NULL, 0, 0, 0 } };
    char *block, *data;
    uint32_t err;
    size_t i;

    if (!arr || !n)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    *arr = NULL;
    *n = 0;
    if ((err = cs__read(s, get_fn, &a))) {
        free_vals(&a.vs);
        return err;
    }
    /* One allocation so cs_free releases all; each value NUL-padded and
     * 8-aligned, so a DWORD or QWORD can be read in place. */
    if (!(block = malloc(a.vs.n * sizeof(cs_regval) + a.vs.bytes + 1))) {
        free_vals(&a.vs);
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
    }
    data = block + a.vs.n * sizeof(cs_regval);
    for (i = 0; i < a.vs.n; i++) {
        cs_regval *v = (cs_regval *)block + i;
        *v = a.vs.v[i];
        memcpy(data, a.vs.v[i].data, v->size + 1);
        v->data = data;
        data += (v->size + 8) & ~(size_t)7;
    }
    *arr = (cs_regval *)block;
    *n = a.vs.n;
    free_vals(&a.vs);
    return 0;
}

/* A change of a value's key: where it is logged, and whether it may be. */
/* May a program write value name of the key p names? */
static uint32_t writable(cs_store *s, const cs__regpath *p, const char *name)
{
    if (p->kind == CS__REG_CLASS)
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "registry key %s holds only its objects' keys", p->path);
    if (synth_of(p, name))
        return cs__fail(s, CS_ERROR_ACCESS_DENIED, "value '%s' of %s comes from the object itself", name, p->path);
    return 0;
}

static uint32_t resolve_existing(cs_store *s, const char *path, cs__regpath *p)
{
    uint32_t err;

    if ((err = cs__reg_resolve(s, path, p, 0)))
        return err;
    if (!p->exists)
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no registry key %s", p->path);
    return 0;
}

/* A hive keeps strings as UTF-16 (cs_hivewrite.c): one unit for each UTF-8
 * sequence, two for a 4-byte one; bytes that are not UTF-8 stay as they
 * are.  The larger of the two bounds whichever form the writer picks, so no
 * UTF-8 check is needed here; a string that fits only as UTF-16 (1.0 to 1.5
 * MB of 3-byte characters) is refused too, none is taken that a backup refuses. */
static int data_fits(uint32_t type, const unsigned char *p, size_t size)
{
    size_t units = 0, i;

    if (type != CS_REG_SZ && type != CS_REG_EXPAND_SZ && type != CS_REG_MULTI_SZ)
        return size <= CS_REG_DATA_MAX;
    if (size > CS_REG_DATA_MAX)
        return 0;
    for (i = 0; i < size; i++)
        units += (p[i] & 0xc0) != 0x80 ? 1 + (p[i] >= 0xf0) : 0;
    return 2 * units <= CS_REG_DATA_MAX;
}

uint32_t cs__reg_check_data(cs_store *s, uint32_t type, const void *data, size_t size)
{
    if (size && !data)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "value data missing");
    if (!data_fits(type, data, size))
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER,
                        "value data larger than a backup holds (%u bytes at most, strings counted as UTF-16)",
                        CS_REG_DATA_MAX);
    return 0;
}

uint32_t cs__reg_check_value(cs_store *s, const char *name, uint32_t type, const void *data, size_t size)
{
    uint32_t err = cs__check_text(s, "registry value name", name, 0, CS_NAME_MAX - 1);

    return err ? err : cs__reg_check_data(s, type, data, size);
}

uint32_t cs__reg_put(cs_store *s, const cs__regpath *p, const char *name, uint32_t type, const void *data,
                     size_t size)
{
    uint32_t err;

    if ((err = writable(s, p, name)) ||
        (err = cs__exec(s, "INSERT OR REPLACE INTO regval VALUES(?, ?, ?, ?)", "ttib", p->path, name,
                        (int64_t)type, data, size)))
        return err;
    return cs__log(s, "registry.value.set", p->object, "%s '%s' type %u (%zu bytes)", p->path, name, type, size);
}

static uint32_t set_fn(cs_store *s, void *arg)
{
    struct val_args *a = arg;
    cs__regpath p;
    uint32_t err;

    if ((err = resolve_existing(s, a->path, &p)))
        return err;
    return cs__reg_put(s, &p, a->name, a->type, a->data, a->size);
}

static uint32_t delete_fn(cs_store *s, void *arg)
{
    struct val_args *a = arg;
    cs__regpath p;
    uint32_t err;

    if ((err = resolve_existing(s, a->path, &p)) || (err = writable(s, &p, a->name)) ||
        (err = cs__exec(s, "DELETE FROM regval WHERE key = ? AND name = ?", "tt", p.path, a->name)))
        return err;
    if (!sqlite3_changes(s->db))
        return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "registry key %s has no value '%s'", p.path, a->name);
    return cs__log(s, "registry.value.delete", p.object, "%s '%s'", p.path, a->name);
}

struct resolve_args {
    const char  *path;
    cs__regpath *out;
};

static uint32_t resolve_fn(cs_store *s, void *arg)
{
    struct resolve_args *r = arg;
    return cs__reg_resolve(s, r->path, r->out, 0);
}

/* A value that names its object: written, the object is renamed, with the
 * checks and error codes of the rename itself. */
static uint32_t rename_through(cs_store *s, const cs__regpath *p, enum rename how, uint32_t type, const char *data,
                               size_t size)
{
    if (type != CS_REG_SZ || !size || memchr(data, 0, size) != data + size - 1)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "a name is one REG_SZ string");
    switch (how) {
    case RENAME_CLUSTER:
        return cs_cluster_rename(s, data);
    case RENAME_RESOURCE:
        return cs_resource_rename(s, p->object, data);
    default:
        return cs_group_rename(s, p->object, data);
    }
}

uint32_t cs_reg_set_value(cs_store *s, const char *path, const char *name, uint32_t type, const void *data, size_t size)
{
    struct val_args a = { path, name, type, data, size, { NULL, 0, 0, 0 } };
    const struct synth *y;
    cs__regpath p;
    struct resolve_args r = { path, &p };
    uint32_t err;

    if ((err = cs__reg_check_value(s, name, type, data, size)))
        return err;
    if ((err = cs__read(s, resolve_fn, &r)))
        return err;
    if ((y = synth_of(&p, name)) && y->rename != FIXED)
        return rename_through(s, &p, y->rename, type, data, size);
    return cs__write(s, set_fn, &a);
}

uint32_t cs_reg_delete_value(cs_store *s, const char *path, const char *name)
{
    struct val_args a = { path, name, 0, NULL, 0, { NULL, 0, 0, 0 } };

    if (!name)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no value name");
    return cs__write(s, delete_fn, &a);
}

/* The database into a hive laid out as Windows' HKLM\Cluster, inside the
 * caller's read transaction (docs/backup-format.md, "chk????.tmp"): each
 * object a key named by its id with its columns as Windows' value names,
 * every stored key and value where the cluster registry keeps it, and what
 * Windows' layout has no place for under CS_HIVE_OURS.  Each key gets all its
 * values in one hivex_node_set_values call.  The object keys are bulk
 * children (hive.h) of their class keys, spliced before the stored keys
 * below them are written. */
#include "cs_chkhive.h"
#include "cs_dumpfmt.h"
#include "hive.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The values of one key being gathered; each owns its name and data. */
struct vals {
    hive_set_value *v;
    size_t          n, cap;
};

struct w {
    cs_store     *s;
    hive_h       *h;
    cs_hive_bulk *bulk;
    hive_node_h root, ours;
    struct vals flawed;     /* names a hive key or value cannot be: see add_flawed */
};

static void vals_free(struct vals *vs)
{
    size_t i;

    for (i = 0; i < vs->n; i++) {
        free(vs->v[i].key);
        free(vs->v[i].value);
    }
    free(vs->v);
    memset(vs, 0, sizeof(*vs));
}

static uint32_t oom(cs_store *s)
{
    return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory writing the database hive");
}

/* Takes data (malloc'd) whatever happens. */
static uint32_t add_owned(struct w *w, struct vals *vs, const char *name, uint32_t type, char *data, size_t len)
{
    char *key = strdup(name);

    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 8;
        hive_set_value *grown = realloc(vs->v, cap * sizeof(*grown));
        if (!grown) {
            free(key);
            free(data);
            return oom(w->s);
        }
        vs->v = grown;
        vs->cap = cap;
    }
    if (!key || !data) {
        free(key);
        free(data);
        return oom(w->s);
    }
    vs->v[vs->n].key = key;
    vs->v[vs->n].t = (hive_type)type;
    vs->v[vs->n].len = len;
    vs->v[vs->n].value = data;
    vs->n++;
    return 0;
}

static uint32_t add_bytes(struct w *w, struct vals *vs, const char *name, uint32_t type, const void *p, size_t n)
{
    char *copy = malloc(n ? n : 1);

    if (copy && n)
        memcpy(copy, p, n);
    return add_owned(w, vs, name, type, copy, n);
}

/* A key or value name that breaks the store's rule for strings (a store
 * written before the rule) may be no name hivex can write: the set keeps it
 * under ours\CS_HIVE_FLAWED as "tag NUL column NUL text" for the restore to
 * refuse naming the column, as it refuses a dump's. */
static int flawed(const char *name, size_t min)
{
    return cs__text_flaw(name, min, CS_NAME_MAX - 1, NULL, 0) != 0;
}

static uint32_t add_flawed(struct w *w, const char *tag, int column, const char *text)
{
    char name[24], *data;
    size_t tl = strlen(tag), n = strlen(text);

    snprintf(name, sizeof(name), "%zu", w->flawed.n + 1);
    if (!(data = malloc(tl + n + 4)))
        return oom(w->s);
    memcpy(data, tag, tl + 1);
    data[tl + 1] = (char)('0' + column);
    data[tl + 2] = 0;
    memcpy(data + tl + 3, text, n);
    return add_owned(w, &w->flawed, name, CS_REG_BINARY, data, tl + 3 + n);
}

/* Every component of a registry path is a key name. */
static int flawed_path(const char *path)
{
    char comp[CS_PATH_MAX];
    const char *p = path;
    size_t len;

    if (strlen(path) >= CS_PATH_MAX)
        return 1;
    for (;;) {
        len = strcspn(p, "\\");
        memcpy(comp, p, len);
        comp[len] = 0;
        if (flawed(comp, 1))
            return 1;
        if (!p[len])
            return 0;
        p += len + 1;
    }
}

/* Registry strings are UTF-16LE; data that is not UTF-8 keeps its bytes. */
static uint32_t add_string(struct w *w, struct vals *vs, const char *name, uint32_t type, const void *p, size_t n)
{
    char *u;
    size_t un;

    if (!cs__hive_to_utf16(p, n, &u, &un))
        return add_bytes(w, vs, name, type | CS_HIVE_RAW_TYPE, p, n);
    return add_owned(w, vs, name, type, u, un);
}

static uint32_t add_sz(struct w *w, struct vals *vs, const char *name, const char *text)
{
    return add_string(w, vs, name, CS_REG_SZ, text ? text : "", strlen(text ? text : "") + 1);
}

static uint32_t add_dword(struct w *w, struct vals *vs, const char *name, int64_t v)
{
    uint32_t d = (uint32_t)v;
    unsigned char b[4] = { d & 0xff, (d >> 8) & 0xff, (d >> 16) & 0xff, d >> 24 };

    return add_bytes(w, vs, name, CS_REG_DWORD, b, 4);
}

static uint32_t add_qword(struct w *w, struct vals *vs, const char *name, int64_t v)
{
    unsigned char b[8];
    int i;

    for (i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    return add_bytes(w, vs, name, CS_REG_QWORD, b, 8);
}

/* A REG_MULTI_SZ of the first column of every row of sql (?1: id); none: no value. */
static uint32_t add_multi(struct w *w, struct vals *vs, const char *name, const char *sql, const char *id)
{
    char *buf = NULL, *grown;
    size_t len = 0;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(w->s, &st, sql, "t", id)))
        return err;
    while (!(err = cs__step(w->s, st, &row)) && row) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        size_t n = strlen(t ? t : "") + 1;
        if (!(grown = realloc(buf, len + n + 1))) {
            err = oom(w->s);
            break;
        }
        buf = grown;
        memcpy(buf + len, t ? t : "", n);
        len += n;
    }
    cs__done(w->s, st);
    if (!err && len) {
        buf[len++] = 0;
        err = add_string(w, vs, name, CS_REG_MULTI_SZ, buf, len);
    }
    free(buf);
    return err;
}

/* The stored values of the key at path, but those a column of the key
 * gives (kind, cls): the column is the fact. */
static uint32_t add_stored(struct w *w, struct vals *vs, const char *path, enum cs__regkind kind, int cls)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(w->s, &st, "SELECT name, type, data FROM regval WHERE key = ? ORDER BY name", "t", path)))
        return err;
    while (!(err = cs__step(w->s, st, &row)) && row) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        uint32_t type = (uint32_t)sqlite3_column_int64(st, 1);
        const void *data = sqlite3_column_blob(st, 2);
        size_t n = (size_t)sqlite3_column_bytes(st, 2);
        if (cs__hive_is_column(kind, cls, name))
            continue;
        err = flawed(name, 0) ? add_flawed(w, "regval", 1, name)
            : type == CS_REG_SZ || type == CS_REG_EXPAND_SZ || type == CS_REG_MULTI_SZ
                  ? add_string(w, vs, name, type, data, n)
                  : add_bytes(w, vs, name, type, data, n);
        if (err)
            break;
    }
    cs__done(w->s, st);
    return err;
}

/* hivex says why in errno: ERANGE for a value past its limit (8 000 000
 * bytes of data), ENOMEM, EINVAL for a name it cannot encode. */
static uint32_t hive_fail(struct w *w, const char *what, const char *name)
{
    char esc[CS_ESCAPE_MAX];
    int e = errno;

    cs__escape(esc, sizeof(esc), name);
    return cs__fail(w->s, e == ENOMEM ? CS_ERROR_NOT_ENOUGH_MEMORY : CS_ERROR_INVALID_DATA,
                    "writing the database hive: %s \"%s\" failed: %s", what, esc, strerror(e));
}

/* Key name under parent (a bulk parent of bulk if not NULL) with vs as its
 * values (vs is emptied). */
static uint32_t put_key(struct w *w, hive_node_h parent, cs_hive_bulk *bulk, const char *name, struct vals *vs,
                        hive_node_h *out)
{
    hive_node_h node = bulk ? cs_hive_bulk_add(bulk, w->h, parent, name) : hivex_node_add_child(w->h, parent, name);
    uint32_t err = 0;

    if (!node)
        err = hive_fail(w, "key", name);
    else if (vs && vs->n && hivex_node_set_values(w->h, node, vs->n, vs->v, 0))
        err = hive_fail(w, "values of key", name);
    if (vs)
        vals_free(vs);
    if (out)
        *out = node;
    return err;
}

static uint32_t put_class(struct w *w, const char *name, hive_node_h *out)
{
    return put_key(w, w->root, NULL, name, NULL, out);
}

/* A key of an object (path class\id) with its columns already in vs, and
 * its stored values; and our own values for it in ov under ours\class\id. */
static uint32_t put_object(struct w *w, hive_node_h cls_node, hive_node_h ours_cls, int cls, const char *id,
                           struct vals *vs, struct vals *ov)
{
    char path[CS_PATH_MAX];
    uint32_t err;

    snprintf(path, sizeof(path), "%s\\%s", cs__reg_class_name(cls), id);
    if (!(err = add_stored(w, vs, path, CS__REG_OBJECT, cls)))
        err = put_key(w, cls_node, w->bulk, id, vs, NULL);
    if (!err && ov && ov->n)
        err = put_key(w, ours_cls, w->bulk, id, ov, NULL);
    vals_free(vs);
    if (ov)
        vals_free(ov);
    return err;
}

static uint32_t write_root(struct w *w)
{
    struct vals vs = { 0 }, ov = { 0 };
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(w->s, &st,
                        "SELECT name, id, quorum_resource, quorum_path, max_log_size, highest_version, lowest_version,"
                        " major, minor, build, csd, log_seq, log_bytes FROM cluster", "")))
        return err;
    if (!(err = cs__step(w->s, st, &row)) && !row)
        err = cs__fail(w->s, CS_ERROR_INVALID_DATA, "the store has no cluster row");
#define COL_T(i) ((const char *)sqlite3_column_text(st, i))
#define COL_I(i) sqlite3_column_int64(st, i)
    if (!err && !(err = add_sz(w, &vs, "ClusterName", COL_T(0))) && !(err = add_sz(w, &vs, "ClusterInstanceID", COL_T(1))) &&
        !(err = add_stored(w, &vs, "", CS__REG_ROOT, -1)) && !hivex_node_set_values(w->h, w->root, vs.n, vs.v, 0)) {
        vals_free(&vs);
        if (!(err = add_sz(w, &vs, "Path", COL_T(3))) && !(err = add_sz(w, &vs, "Resource", COL_T(2))) &&
            !(err = add_dword(w, &vs, "MaxQuorumLogSize", COL_I(4))) &&
            !(err = add_stored(w, &vs, "Quorum", CS__REG_OBJECT, CS__CLS_QUORUM)))
            err = put_key(w, w->root, NULL, "Quorum", &vs, NULL);
        if (!err && !(err = add_dword(w, &ov, "FormatVersion", CS_HIVE_FORMAT)) &&
            !(err = add_qword(w, &ov, "LogSequence", COL_I(11))) && !(err = add_qword(w, &ov, "LogBytes", COL_I(12))) &&
            !(err = add_dword(w, &ov, "HighestVersion", COL_I(5))) &&
            !(err = add_dword(w, &ov, "LowestVersion", COL_I(6))) && !(err = add_dword(w, &ov, "MajorVersion", COL_I(7))) &&
            !(err = add_dword(w, &ov, "MinorVersion", COL_I(8))) && !(err = add_dword(w, &ov, "BuildNumber", COL_I(9))) &&
            !(err = add_sz(w, &ov, "CSDVersion", COL_T(10))))
            err = put_key(w, w->root, NULL, CS_HIVE_OURS, &ov, &w->ours);
    } else if (!err)
        err = hive_fail(w, "values of key", "(root)");
#undef COL_T
#undef COL_I
    cs__done(w->s, st);
    vals_free(&vs);
    vals_free(&ov);
    return err;
}

/* One class of objects: sql's rows, column 0 the id; fill(w, st, vs, ov)
 * adds the columns. */
typedef uint32_t (*fill_fn)(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov);

static uint32_t write_class(struct w *w, int cls, const char *sql, fill_fn fill)
{
    struct vals vs = { 0 }, ov = { 0 };
    hive_node_h node, ours = 0;
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = put_class(w, cs__reg_class_name(cls), &node)))
        return err;
    if ((err = cs__prep(w->s, &st, sql, "")))
        return err;
    while (!err && !(err = cs__step(w->s, st, &row)) && row) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (flawed(id, 1)) {
            err = add_flawed(w, "restype", 0, id);
            continue;
        }
        if ((err = fill(w, st, &vs, &ov)))
            break;
        if (ov.n && !ours)
            err = put_key(w, w->ours, NULL, cs__reg_class_name(cls), NULL, &ours);
        if (!err)
            err = put_object(w, node, ours, cls, id, &vs, &ov);
    }
    cs__done(w->s, st);
    vals_free(&vs);
    vals_free(&ov);
    return err;
}

#define T(i) ((const char *)sqlite3_column_text(st, i))
#define I(i) sqlite3_column_int64(st, i)

static uint32_t fill_node(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov)
{
    uint32_t err = add_sz(w, vs, "NodeName", T(1));
    return err ? err : add_dword(w, ov, "State", I(2));
}

static uint32_t fill_type(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov)
{
    uint32_t err = add_sz(w, vs, "Name", T(1));
    (void)ov;
    return err ? err : add_sz(w, vs, "DllName", T(2));
}

static uint32_t fill_group(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov)
{
    uint32_t err;

    if ((err = add_sz(w, vs, "Name", T(1))) ||
        (err = add_multi(w, vs, "Contains", "SELECT id FROM resource WHERE grp = ?1 ORDER BY id", T(0))) ||
        (err = add_dword(w, ov, "Owner", I(2))))
        return err;
    return add_dword(w, ov, "State", I(3));
}

static uint32_t fill_resource(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov)
{
    uint32_t err;

    if ((err = add_sz(w, vs, "Name", T(1))) || (err = add_sz(w, vs, "Type", T(2))) ||
        (err = add_multi(w, vs, "DependsOn", "SELECT dep FROM dependency WHERE res = ?1 ORDER BY dep", T(0))) ||
        (err = add_dword(w, ov, "Owner", I(3))))
        return err;
    return add_dword(w, ov, "State", I(4));
}

static uint32_t fill_network(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov)
{
    uint32_t err;

    if ((err = add_sz(w, vs, "Name", T(1))) || (err = add_sz(w, vs, "Address", T(2))) ||
        (err = add_sz(w, vs, "AddressMask", T(3))))
        return err;
    return add_dword(w, ov, "Priority", I(4));
}

static uint32_t fill_netif(struct w *w, sqlite3_stmt *st, struct vals *vs, struct vals *ov)
{
    char node[24];
    uint32_t err;

    (void)ov;
    snprintf(node, sizeof(node), "%lld", (long long)I(2));
    if ((err = add_sz(w, vs, "Name", T(1))) || (err = add_sz(w, vs, "Node", node)) ||
        (err = add_sz(w, vs, "Network", T(3))) || (err = add_sz(w, vs, "AdapterName", T(4))))
        return err;
    return add_sz(w, vs, "Address", T(5));
}

/* The node of an existing key path below the root (every key above a
 * stored row was written before it, parents sorting first). */
static uint32_t find_key(struct w *w, const char *path, hive_node_h *node, const char **last)
{
    char comp[CS_NAME_MAX];
    const char *p = path, *end;

    hive_node_h parent;

    *node = w->root;
    for (;;) {
        parent = *node;
        end = strchr(p, '\\');
        if (!end) {
            *last = p;
            return 0;
        }
        snprintf(comp, sizeof(comp), "%.*s", (int)(end - p), p);
        if (!(*node = cs_hive_bulk_find(w->bulk, *node, comp)) && !(*node = hivex_node_get_child(w->h, parent, comp)))
            return hive_fail(w, "parent of key", path);
        p = end + 1;
    }
}

/* A stored key, gathered before any is written (hive.h, cs_hive_tree_write):
 * hivex alone took 41 s and made a 1.6 GB hive, which no restore would
 * read, of 20 000 subkeys of one key. */
struct skey {
    char            *path;
    size_t           parent;   /* index of its parent if gathered, else CS_HIVE_TOP */
    enum cs__regkind kind;
    int              cls;
};

/* As the store compares paths (ASCII letters folded), so that a subkey finds
 * its parent however either spells it; any such order puts a parent before
 * its subkeys. */
static int by_path(const void *a, const void *b)
{
    const char *x = ((const struct skey *)a)->path, *y = ((const struct skey *)b)->path;
    int d = strcasecmp(x, y);

    return d ? d : strcmp(x, y);
}

static int find_path(const void *a, const void *b)
{
    return strcasecmp(((const struct skey *)a)->path, ((const struct skey *)b)->path);
}

static void skeys_free(struct skey *k, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(k[i].path);
    free(k);
}

/* Every stored key (Parameters or regkey rows) sorted by path, a parent
 * before its subkeys; the descriptors of all keys into sec, in path order. */
static uint32_t gather_stored(struct w *w, struct vals *sec, struct skey **out, size_t *count)
{
    struct skey *k = NULL, *grown, want, *hit;
    size_t n = 0, cap = 0, i;
    sqlite3_stmt *st;
    uint32_t err;
    int row, cls;

    if ((err = cs__prep(w->s, &st,
                        "SELECT p, (SELECT security FROM regkey WHERE path = p) FROM"
                        " (SELECT path AS p FROM regkey UNION SELECT key FROM regval) ORDER BY p", "")))
        return err;
    while (!err && !(err = cs__step(w->s, st, &row)) && row) {
        const char *path = T(0);
        enum cs__regkind kind = cs__hive_path_kind(path, &cls);
        size_t sn = (size_t)sqlite3_column_bytes(st, 1);
        if (*path && flawed_path(path)) {
            err = add_flawed(w, "regkey", 0, path);
            continue;
        }
        if ((sn || (sqlite3_column_type(st, 1) != SQLITE_NULL && kind != CS__REG_STORED)) &&
            (err = add_bytes(w, sec, path, CS_REG_BINARY, sqlite3_column_blob(st, 1), sn)))
            break;
        if (kind != CS__REG_STORED && kind != CS__REG_PARAMS)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            if (!(grown = realloc(k, cap * sizeof(*k)))) {
                err = oom(w->s);
                break;
            }
            k = grown;
        }
        if (!(k[n].path = strdup(path))) {
            err = oom(w->s);
            break;
        }
        k[n].kind = kind;
        k[n].cls = cls;
        k[n++].parent = CS_HIVE_TOP;
    }
    cs__done(w->s, st);
    if (!err)
        qsort(k, n, sizeof(*k), by_path);
    for (i = 0; !err && i < n; i++) {
        const char *slash = strrchr(k[i].path, '\\');
        if (!slash)
            continue;
        if (!(want.path = strndup(k[i].path, (size_t)(slash - k[i].path))))
            err = oom(w->s);
        else if ((hit = bsearch(&want, k, n, sizeof(*k), find_path)))
            k[i].parent = (size_t)(hit - k);
        free(want.path);
    }
    if (err) {
        skeys_free(k, n);
        return err;
    }
    *out = k;
    *count = n;
    return 0;
}

/* The chains of bulk's children spliced into their parents' lists (hive.h). */
static uint32_t splice(struct w *w, cs_hive_bulk *bulk)
{
    char why[160];

    if ((w->h = cs_hive_bulk_splice(bulk, w->h, why, sizeof(why))))
        return 0;
    return cs__fail(w->s, errno == ENOMEM ? CS_ERROR_NOT_ENOUGH_MEMORY : CS_ERROR_INVALID_DATA,
                    "writing the database hive: %s", why);
}

struct stored {
    struct w          *w;
    const struct skey *k;
    uint32_t           err;
};

/* A stored key made: its values. */
static int stored_values(void *ctx, size_t i, hive_h *h, hive_node_h node)
{
    struct stored *st = ctx;
    struct vals vs = { 0 };
    const char *path = st->k[i].path;

    st->w->h = h;
    if (!(st->err = add_stored(st->w, &vs, path, st->k[i].kind, st->k[i].cls)) && vs.n &&
        hivex_node_set_values(h, node, vs.n, vs.v, 0))
        st->err = hive_fail(st->w, "values of key", path);
    vals_free(&vs);
    return st->err != 0;
}

/* Keys the registry made (Parameters) or keeps (regkey rows), with their
 * stored values; the descriptors of keys under ours\Security. */
static uint32_t write_stored(struct w *w)
{
    struct vals sec = { 0 };
    struct skey *k = NULL;
    cs_hive_tkey *t = NULL;
    struct stored st = { w, NULL, 0 };
    const char *last;
    char why[160];
    size_t n = 0, i;
    uint32_t err = gather_stored(w, &sec, &k, &n);
    int e;

    if (!err && n && !(t = calloc(n, sizeof(*t))))
        err = oom(w->s);
    for (i = 0; !err && i < n; i++) {
        const char *slash = strrchr(k[i].path, '\\');
        t[i].name = slash ? slash + 1 : k[i].path;
        t[i].parent = k[i].parent;
        if (k[i].parent == CS_HIVE_TOP)
            err = find_key(w, k[i].path, &t[i].under, &last);
    }
    st.k = k;
    if (!err && (e = cs_hive_tree_write(&w->h, t, n, stored_values, &st, why, sizeof(why))))
        err = st.err ? st.err
                     : cs__fail(w->s, e == ENOMEM ? CS_ERROR_NOT_ENOUGH_MEMORY : CS_ERROR_INVALID_DATA,
                                "writing the database hive: %s", why);
    if (!err)
        err = put_key(w, w->ours, NULL, CS_HIVE_SECURITY, &sec, NULL);
    free(t);
    skeys_free(k, n);
    vals_free(&sec);
    return err;
}

/* Rows of ours with no place in Windows' layout: one value each, the
 * fields escaped as in the dump and joined by TABs. */
static uint32_t write_rows(struct w *w, const char *key, const char *sql, int named_by_row)
{
    struct vals vs = { 0 };
    char name[24], *line = NULL;
    sqlite3_stmt *st;
    uint32_t err;
    int row, i, n;
    size_t k = 0;

    if ((err = cs__prep(w->s, &st, sql, "")))
        return err;
    n = sqlite3_column_count(st);
    while (!err && !(err = cs__step(w->s, st, &row)) && row) {
        size_t len = 0;
        char *grown;
        k++;
        for (i = named_by_row ? 0 : 1; i < n && !err; i++) {
            const char *t = T(i);
            size_t tn = strlen(t ? t : "");
            if (!(grown = realloc(line, len + 3 * tn + 2))) {
                err = oom(w->s);
                break;
            }
            line = grown;
            cs__dump_escape(t ? t : "", line + len);
            len += strlen(line + len);
            line[len++] = i + 1 < n ? '\t' : 0;
        }
        if (err)
            break;
        if (named_by_row)
            snprintf(name, sizeof(name), "%zu", k);
        else
            snprintf(name, sizeof(name), "%s", T(0));
        err = add_string(w, &vs, name, CS_REG_SZ, line, len);
    }
    cs__done(w->s, st);
    free(line);
    if (!err)
        err = put_key(w, w->ours, NULL, key, &vs, NULL);
    vals_free(&vs);
    return err;
}

/* Windows' listing of the checkpoints (CS_HIVE_REGSYNC), under each
 * resource's key, numbered as the backup numbers the files. */
static uint32_t write_sync(struct w *w)
{
    char prev_res[CS_GUID_MAX] = "", path[CS_PATH_MAX], name[16];
    struct vals vs = { 0 };
    sqlite3_stmt *st;
    hive_node_h parent;
    const char *last;
    uint32_t err, index = 0;
    int row, prev_kind = 0;

    if ((err = cs__prep(w->s, &st, "SELECT res, kind, key FROM checkpoint ORDER BY res, kind, key", "")))
        return err;
    for (;;) {
        const char *res = NULL;
        int kind = 0;
        if ((err = cs__step(w->s, st, &row)))
            break;
        if (row) {
            res = T(0);
            kind = (int)I(1);
        }
        if (vs.n && (!row || strcmp(res, prev_res) || kind != prev_kind)) {
            snprintf(path, sizeof(path), "%s\\%s\\%s", cs__reg_class_name(CS__CLS_RESOURCES), prev_res,
                     prev_kind == CS_CKPT_CRYPTO ? CS_HIVE_CRYPTOSYNC : CS_HIVE_REGSYNC);
            if (!(err = find_key(w, path, &parent, &last)) && hivex_node_get_child(w->h, parent, last))
                err = cs__fail(w->s, CS_ERROR_INVALID_DATA,
                               "writing the database hive: the store keeps a key %s, where Windows lists checkpoints",
                               path);
            if (err || (err = put_key(w, parent, NULL, last, &vs, NULL)))
                break;
        }
        if (!row)
            break;
        index = cs__ckpt_file_number(res, kind, prev_res[0] ? prev_res : NULL, prev_kind, index);
        snprintf(name, sizeof(name), CS_CKPT_FILE_STEM, (unsigned)index);
        if ((err = add_sz(w, &vs, name, T(2))))
            break;
        snprintf(prev_res, sizeof(prev_res), "%s", res);
        prev_kind = kind;
    }
    cs__done(w->s, st);
    vals_free(&vs);
    return err;
}

#undef T
#undef I

uint32_t cs__hive_fill(cs_store *s, hive_h **h)
{
    struct w w = { s, *h, cs_hive_bulk_new(), hivex_root(*h), 0, { NULL, 0, 0 } };
    uint32_t err = w.bulk ? 0 : oom(s);

    if (!err && !(err = write_root(&w)) &&
        !(err = write_class(&w, CS__CLS_NODES, "SELECT id, name, state FROM node ORDER BY id", fill_node)) &&
        !(err = write_class(&w, CS__CLS_TYPES, "SELECT name, display_name, dll FROM restype ORDER BY name", fill_type)) &&
        !(err = write_class(&w, CS__CLS_GROUPS, "SELECT id, name, owner, state FROM grp ORDER BY id", fill_group)) &&
        !(err = write_class(&w, CS__CLS_RESOURCES, "SELECT id, name, type, owner, state FROM resource ORDER BY id",
                           fill_resource)) &&
        !(err = write_class(&w, CS__CLS_NETWORKS, "SELECT id, name, address, mask, priority FROM network ORDER BY id",
                           fill_network)) &&
        !(err = write_class(&w, CS__CLS_NETIFS,
                           "SELECT id, name, node, network, adapter, address FROM netif ORDER BY id", fill_netif)) &&
        !(err = splice(&w, w.bulk)) && !(err = write_stored(&w)) && !(err = write_sync(&w)) &&
        !(err = write_rows(&w, CS_HIVE_CKPTS, "SELECT res, kind, key, generation FROM checkpoint ORDER BY res, kind, key", 1)) &&
        !(err = write_rows(&w, CS_HIVE_LOG, "SELECT seq, time, op, object, detail FROM log ORDER BY seq", 0)) &&
        !(err = write_rows(&w, CS_HIVE_LOGCKPT, "SELECT seq, time FROM log_checkpoint ORDER BY seq", 0)) && w.flawed.n)
        err = put_key(&w, w.ours, NULL, CS_HIVE_FLAWED, &w.flawed, NULL);
    vals_free(&w.flawed);
    cs_hive_bulk_free(w.bulk);
    *h = w.h;
    return err;
}

/* The database from a hive laid out as Windows' HKLM\Cluster (the backup's
 * chk????.tmp, docs/backup-format.md), into the caller's write transaction
 * through cs__load_row, so a hive passes every rule a text dump does.  What
 * Windows' layout lacks comes from CS_HIVE_OURS; a hive without that key
 * (made with Microsoft's layout only) gets the defaults the document lists. */
#include "cs_chkhive.h"
#include "cs_dumpfmt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A resource's group, from the groups' Contains. */
struct member {
    char res[CS_GUID_MAX], grp[CS_GUID_MAX];
    int64_t owner;
};

struct r {
    cs_store      *s;
    hive_h        *h;
    hive_node_h    root, ours;
    unsigned       flags;
    struct member *m;
    size_t         nm, cap;
    int64_t        first_node;
    int64_t        networks;      /* so far: a network's default priority */
    cs__hive_names *names;
    char           where[CS_PATH_MAX + 2 * CS_NAME_MAX];
};

static uint32_t bad(struct r *r, const char *why)
{
    return cs__load_bad(r->s, r->where, why);
}

static uint32_t oom(struct r *r)
{
    return cs__fail(r->s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading the database hive");
}

static void at(struct r *r, const char *path, const char *value)
{
    char esc[CS_ESCAPE_MAX], vesc[CS_ESCAPE_MAX];

    cs__escape(esc, sizeof(esc), path);
    if (value) {
        cs__escape(vesc, sizeof(vesc), value);
        snprintf(r->where, sizeof(r->where), "hive key \"%s\" value \"%s\"", esc, vesc);
    } else
        snprintf(r->where, sizeof(r->where), "hive key \"%s\"", esc);
}

static hive_node_h child(struct r *r, hive_node_h parent, const char *name)
{
    return parent ? hivex_node_get_child(r->h, parent, name) : 0;
}

static uint32_t unreadable(struct r *r, const char *what)
{
    return errno == ENOMEM ? oom(r) : bad(r, what);
}

/* key's value called name in *v; 0 there when key is 0 or has none. */
static uint32_t value(struct r *r, hive_node_h key, const char *name, hive_value_h *v)
{
    const cs__hive_vals *t;

    *v = 0;
    if (!key)
        return 0;
    if (!(t = cs__hive_values(r->names, key)))
        return unreadable(r, "values that cannot be read");
    *v = cs__hive_value(t, name);
    return 0;
}

/* A value's data: type and bytes (malloc'd, a NUL after them); on failure
 * *data is NULL.  Its size is hivex's to bound (8 000 000 bytes read), not
 * CS_REG_DATA_MAX: a set that brings a larger value than the store takes
 * when set (a Windows hive, a set of a build before hives) is restored
 * whole, and backups then name the value they cannot hold. */
static uint32_t raw(struct r *r, hive_value_h v, uint32_t *type, char **data, size_t *n)
{
    hive_type t;

    char *grown;

    if (!(*data = hivex_value_value(r->h, v, &t, n)))
        return bad(r, "a value that cannot be read");
    *type = (uint32_t)t;
    /* Read as text too: a NUL after the data. */
    if (!(grown = realloc(*data, *n + 1))) {
        free(*data);
        *data = NULL;
        return oom(r);
    }
    grown[*n] = 0;
    *data = grown;
    return 0;
}

/* The data as the store keeps it: strings UTF-8, marked raw bytes as they
 * are; on failure *data is NULL. */
static uint32_t stored_form(struct r *r, hive_value_h v, uint32_t *type, char **data, size_t *n)
{
    uint32_t err = raw(r, v, type, data, n);
    char *u;

    if (err)
        return err;
    if (*type & CS_HIVE_RAW_TYPE) {
        *type &= ~CS_HIVE_RAW_TYPE;
        return 0;
    }
    if (*type != CS_REG_SZ && *type != CS_REG_EXPAND_SZ && *type != CS_REG_MULTI_SZ)
        return 0;
    if (!cs__hive_from_utf16(*data, *n, &u, n)) {
        free(*data);
        *data = NULL;
        return bad(r, "a string that is not UTF-16");
    }
    free(*data);
    *data = u;
    return 0;
}

/* A string value (REG_SZ or REG_EXPAND_SZ) up to its first NUL; NULL (no
 * error) if absent and dflt is NULL, else dflt's copy. */
static uint32_t text(struct r *r, hive_node_h key, const char *path, const char *name, const char *dflt, char **out)
{
    hive_value_h v;
    uint32_t type, err;
    size_t n;

    at(r, path, name);
    *out = NULL;
    if ((err = value(r, key, name, &v)))
        return err;
    if (!v) {
        if (dflt && !(*out = strdup(dflt)))
            return oom(r);
        return dflt ? 0 : bad(r, "missing");
    }
    if ((err = stored_form(r, v, &type, out, &n)))
        return err;
    if (type != CS_REG_SZ && type != CS_REG_EXPAND_SZ) {
        free(*out);
        *out = NULL;
        return bad(r, "not a string (REG_SZ)");
    }
    return 0;
}

/* A REG_DWORD (len 4) or REG_QWORD (len 8); dflt when absent. */
static uint32_t number(struct r *r, hive_node_h key, const char *path, const char *name, size_t len, int64_t dflt,
                       int64_t *out)
{
    hive_value_h v;
    uint32_t type, err;
    uint64_t x = 0;
    char *data;
    size_t n, i;

    at(r, path, name);
    *out = dflt;
    if ((err = value(r, key, name, &v)) || !v)
        return err;
    if ((err = raw(r, v, &type, &data, &n)))
        return err;
    if (type != (len == 4 ? CS_REG_DWORD : CS_REG_QWORD) || n != len) {
        free(data);
        return bad(r, len == 4 ? "not a REG_DWORD" : "not a REG_QWORD");
    }
    for (i = 0; i < n; i++)
        x |= (uint64_t)(unsigned char)data[i] << (8 * i);
    free(data);
    *out = len == 4 ? (int64_t)(uint32_t)x : (int64_t)x;
    return 0;
}

/* A REG_MULTI_SZ's strings, NUL-separated, ending at an empty one; absent: none. */
static uint32_t multi(struct r *r, hive_node_h key, const char *path, const char *name, char **out, size_t *n)
{
    hive_value_h v;
    uint32_t type, err;

    at(r, path, name);
    *out = NULL;
    *n = 0;
    if ((err = value(r, key, name, &v)) || !v)
        return err;
    if ((err = stored_form(r, v, &type, out, n)))
        return err;
    if (type != CS_REG_MULTI_SZ) {
        free(*out);
        *out = NULL;
        return bad(r, "not a REG_MULTI_SZ");
    }
    return 0;
}

static uint32_t row(struct r *r, const char *tag, const cs__field *f)
{
    return cs__load_row(r->s, r->where, cs__dump_table_of(tag), f);
}

#define TXT(x) { (x), 0, 0 }
#define INT(x) { NULL, 0, (x) }

static uint32_t load_cluster(struct r *r, int64_t *seq)
{
    char *name = NULL, *id = NULL, *qres = NULL, *qpath = NULL, *csd = NULL, guid[CS_GUID_MAX];
    int64_t maxlog, hi, lo, major, minor, build, bytes;
    hive_node_h q = child(r, r->root, "Quorum");
    uint32_t err;

    if (!(err = text(r, r->root, "", "ClusterName", NULL, &name)) &&
        !(err = text(r, r->root, "", "ClusterInstanceID", "", &id)) && !*id && !(err = cs__new_guid(r->s, guid))) {
        free(id);
        if (!(id = strdup(guid)))
            err = oom(r);
    }
    if (!err && !(err = text(r, q, "Quorum", "Resource", NULL, &qres)) &&
        !(err = text(r, q, "Quorum", "Path", CS_DEFAULT_QUORUM_PATH, &qpath)) &&
        !(err = number(r, q, "Quorum", "MaxQuorumLogSize", 4, CS_QUORUM_LOG_DEFAULT, &maxlog)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "HighestVersion", 4, CS_W2K3_CLUSTER_VERSION, &hi)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "LowestVersion", 4, CS_W2K3_CLUSTER_VERSION, &lo)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "MajorVersion", 4, CS_W2K3_MAJOR, &major)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "MinorVersion", 4, CS_W2K3_MINOR, &minor)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "BuildNumber", 4, CS_W2K3_BUILD, &build)) &&
        !(err = text(r, r->ours, CS_HIVE_OURS, "CSDVersion", CS_W2K3_CSD, &csd)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "LogSequence", 8, 0, seq)) &&
        !(err = number(r, r->ours, CS_HIVE_OURS, "LogBytes", 8, 0, &bytes))) {
        cs__field f[] = { TXT(name), TXT(id), TXT(qres), TXT(qpath), INT(maxlog), INT(hi), INT(lo), INT(major),
                          INT(minor), INT(build), TXT(csd), INT(*seq), INT(bytes) };
        at(r, "", NULL);
        err = row(r, "cluster", f);
    }
    free(name);
    free(id);
    free(qres);
    free(qpath);
    free(csd);
    return err;
}

/* Each key of a class: load(r, key, path, name, our key for it). */
typedef uint32_t (*object_fn)(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours);

/* The subkeys of a key by name, for many lookups: hivex looks one up by
 * reading every sibling's name. */
struct named {
    const char *name;
    hive_node_h node;
};

static int by_name(const void *a, const void *b)
{
    return strcasecmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* key's subkeys sorted by name, ending with a NULL name; none for key 0. */
static uint32_t names_of(struct r *r, hive_node_h key, const char *path, struct named **out, size_t *n)
{
    hive_node_h *kids = key ? hivex_node_children(r->h, key) : NULL;
    size_t i;

    *out = NULL;
    *n = 0;
    if (!key)
        return 0;
    if (!kids)
        return at(r, path, NULL), bad(r, "subkeys that cannot be read");
    for (i = 0; kids[i]; i++)
        ;
    if (!(*out = calloc(i + 1, sizeof(**out)))) {
        free(kids);
        return oom(r);
    }
    for (i = 0; kids[i]; i++) {
        (*out)[i].node = kids[i];
        if (!((*out)[i].name = cs__hive_key_name(r->names, kids[i]))) {
            free(kids);
            free(*out);
            *out = NULL;
            return at(r, path, NULL), unreadable(r, "a subkey name that cannot be read");
        }
    }
    free(kids);
    qsort(*out, i, sizeof(**out), by_name);
    *n = i;
    return 0;
}

static uint32_t each_object(struct r *r, int cls, object_fn load)
{
    const char *cname = cs__reg_class_name(cls);
    hive_node_h cnode = child(r, r->root, cname), *kids;
    struct named *ours, want, *hit;
    char path[CS_PATH_MAX];
    uint32_t err = 0;
    size_t i, nours;

    if (!cnode)
        return 0;
    if ((err = names_of(r, child(r, r->ours, cname), cname, &ours, &nours)))
        return err;
    if (!(kids = hivex_node_children(r->h, cnode))) {
        free(ours);
        return at(r, cname, NULL), bad(r, "subkeys that cannot be read");
    }
    for (i = 0; kids[i] && !err; i++) {
        const char *name = cs__hive_key_name(r->names, kids[i]);
        if (!name) {
            at(r, cname, NULL);
            err = unreadable(r, "a subkey name that cannot be read");
            break;
        }
        snprintf(path, sizeof(path), "%s\\%s", cname, name);
        at(r, path, NULL);
        if (strlen(name) >= CS_NAME_MAX)
            err = bad(r, "a key name longer than 255 bytes");
        else {
            want.name = name;
            hit = nours ? bsearch(&want, ours, nours, sizeof(*ours), by_name) : NULL;
            err = load(r, kids[i], path, name, hit ? hit->node : 0);
            cs__hive_values_done(r->names, kids[i]);
            if (hit)
                cs__hive_values_done(r->names, hit->node);
        }
    }
    free(kids);
    free(ours);
    return err;
}

static uint32_t load_node(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    int64_t id, state;
    char *nn = NULL;
    uint32_t err;

    if (!cs__dump_parse_int(name, &id) || id < 1 || id > 0x7fffffff)
        return bad(r, "a node's key is not its id (a decimal number from 1)");
    if (!(err = text(r, key, path, "NodeName", NULL, &nn)) &&
        !(err = number(r, ours, path, "State", 4, CS_NODE_DOWN, &state))) {
        cs__field f[] = { INT(id), TXT(nn), INT(state) };
        at(r, path, NULL);
        err = row(r, "node", f);
        if (!r->first_node || id < r->first_node)
            r->first_node = id;
    }
    free(nn);
    return err;
}

static uint32_t load_type(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    char *display = NULL, *dll = NULL;
    uint32_t err;

    (void)ours;
    if (!(err = text(r, key, path, "Name", name, &display)) && !(err = text(r, key, path, "DllName", NULL, &dll))) {
        cs__field f[] = { TXT(name), TXT(display), TXT(dll) };
        at(r, path, NULL);
        err = row(r, "restype", f);
    }
    free(display);
    free(dll);
    return err;
}

static uint32_t add_member(struct r *r, const char *res, const char *grp, int64_t owner)
{
    if (r->nm == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        struct member *grown = realloc(r->m, cap * sizeof(*grown));
        if (!grown)
            return oom(r);
        r->m = grown;
        r->cap = cap;
    }
    if (strlen(res) >= CS_GUID_MAX)
        return bad(r, "lists a resource that is not a GUID");
    snprintf(r->m[r->nm].res, CS_GUID_MAX, "%s", res);
    snprintf(r->m[r->nm].grp, CS_GUID_MAX, "%s", grp);
    r->m[r->nm++].owner = owner;
    return 0;
}

static uint32_t load_group(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    char *gn = NULL, *list = NULL, *p;
    int64_t owner, state;
    uint32_t err;
    size_t n;

    if (!(err = text(r, key, path, "Name", NULL, &gn)) &&
        !(err = number(r, ours, path, "Owner", 4, r->first_node, &owner)) &&
        !(err = number(r, ours, path, "State", 4, CS_GROUP_OFFLINE, &state))) {
        cs__field f[] = { TXT(name), TXT(gn), INT(owner), INT(state) };
        at(r, path, NULL);
        err = row(r, "group", f);
    }
    if (!err && !(err = multi(r, key, path, "Contains", &list, &n)))
        for (p = list; !err && p && p < list + n && *p; p += strlen(p) + 1)
            err = add_member(r, p, name, owner);
    free(gn);
    free(list);
    return err;
}

static int by_res(const void *a, const void *b)
{
    return strcmp(((const struct member *)a)->res, ((const struct member *)b)->res);
}

static uint32_t load_resource(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    struct member want, *m;
    char *rn = NULL, *type = NULL;
    int64_t owner, state;
    uint32_t err;

    snprintf(want.res, sizeof(want.res), "%.36s", name);
    if (!r->nm || !(m = bsearch(&want, r->m, r->nm, sizeof(*m), by_res)) || strcmp(m->res, name))
        return bad(r, "a resource no group's Contains lists");
    if ((m > r->m && !strcmp(m[-1].res, name)) || (m + 1 < r->m + r->nm && !strcmp(m[1].res, name)))
        return bad(r, "a resource that two groups' Contains list");
    if (!(err = text(r, key, path, "Name", NULL, &rn)) && !(err = text(r, key, path, "Type", NULL, &type)) &&
        !(err = number(r, ours, path, "Owner", 4, m->owner, &owner)) &&
        !(err = number(r, ours, path, "State", 4, CS_RES_OFFLINE, &state))) {
        cs__field f[] = { TXT(name), TXT(rn), TXT(type), TXT(m->grp), INT(owner), INT(state) };
        at(r, path, NULL);
        err = row(r, "resource", f);
    }
    free(rn);
    free(type);
    return err;
}

static uint32_t load_depends(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    char *list = NULL, *p;
    uint32_t err;
    size_t n;

    (void)ours;
    if (!(err = multi(r, key, path, "DependsOn", &list, &n)))
        for (p = list; !err && p && p < list + n && *p; p += strlen(p) + 1) {
            cs__field f[] = { TXT(name), TXT(p) };
            err = row(r, "dependency", f);
        }
    free(list);
    return err;
}

static uint32_t load_network(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    char *nn = NULL, *addr = NULL, *mask = NULL;
    int64_t prio;
    uint32_t err;

    if (!(err = text(r, key, path, "Name", NULL, &nn)) && !(err = text(r, key, path, "Address", NULL, &addr)) &&
        !(err = text(r, key, path, "AddressMask", NULL, &mask)) &&
        !(err = number(r, ours, path, "Priority", 4, ++r->networks, &prio))) {
        cs__field f[] = { TXT(name), TXT(nn), TXT(addr), TXT(mask), INT(prio) };
        at(r, path, NULL);
        err = row(r, "network", f);
    }
    free(nn);
    free(addr);
    free(mask);
    return err;
}

static uint32_t load_netif(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    char *nn = NULL, *node = NULL, *net = NULL, *adapter = NULL, *addr = NULL;
    int64_t id = 0;
    uint32_t err;

    (void)ours;
    if (!(err = text(r, key, path, "Name", NULL, &nn)) && !(err = text(r, key, path, "Node", NULL, &node)) &&
        !(err = cs__dump_parse_int(node, &id) ? 0 : bad(r, "not a node id")) &&
        !(err = text(r, key, path, "Network", NULL, &net)) && !(err = text(r, key, path, "AdapterName", NULL, &adapter)) &&
        !(err = text(r, key, path, "Address", NULL, &addr))) {
        cs__field f[] = { TXT(name), TXT(nn), INT(id), TXT(net), TXT(adapter), TXT(addr) };
        at(r, path, NULL);
        err = row(r, "netif", f);
    }
    free(nn);
    free(node);
    free(net);
    free(adapter);
    free(addr);
    return err;
}

/* CS_CKPT_REGISTRY or CS_CKPT_CRYPTO for a subkey of a resource's key that
 * is Windows' listing of its checkpoints; else 0. */
static int sync_kind(const char *name)
{
    return !strcasecmp(name, CS_HIVE_REGSYNC)      ? CS_CKPT_REGISTRY
           : !strcasecmp(name, CS_HIVE_CRYPTOSYNC) ? CS_CKPT_CRYPTO
                                                   : 0;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const cs__listed *)a)->key, ((const cs__listed *)b)->key);
}

static int by_number(const void *a, const void *b)
{
    uint32_t x = ((const cs__listed *)a)->number, y = ((const cs__listed *)b)->number;

    return x < y ? -1 : x > y;
}

/* The file number a value's name gives: 8 hex digits, not 0. */
static int file_number(const char *name, uint32_t *out)
{
    unsigned long v;
    char *end;

    if (strlen(name) != 8 || strspn(name, "0123456789ABCDEFabcdef") != 8)
        return 0;
    v = strtoul(name, &end, 16);
    *out = (uint32_t)v;
    return v != 0;
}

/* One listing of a hive without our key (a set Windows wrote): its
 * checkpoints, and in r->s->listed the number of each one's file. */
static uint32_t load_listing(struct r *r, hive_node_h key, const char *path, const char *res, int kind)
{
    hive_value_h *vals = hivex_node_values(r->h, key);
    cs__listed *l, *grown;
    uint32_t err = 0, type;
    size_t i, n = 0, len;
    char *name, *data, file[16];

    at(r, path, NULL);
    if (!vals)
        return bad(r, "values that cannot be read");
    for (; vals[n]; n++)
        ;
    if (!(grown = realloc(r->s->listed, (r->s->nlisted + n + 1) * sizeof(*grown)))) {
        free(vals);
        return oom(r);
    }
    r->s->listed = grown;
    l = grown + r->s->nlisted;
    for (i = 0; !err && i < n; i++) {
        if (!(name = hivex_value_key(r->h, vals[i]))) {
            err = bad(r, "a value name that cannot be read");
            break;
        }
        at(r, path, name);
        memset(&l[i], 0, sizeof(l[i]));
        snprintf(l[i].res, sizeof(l[i].res), "%s", res);
        l[i].kind = kind;
        if (!file_number(name, &l[i].number))
            err = bad(r, "not a checkpoint file's number (8 hex digits, 00000001 on)");
        else if (kind == CS_CKPT_CRYPTO) {
            char why[96];
            snprintf(why, sizeof(why),
                     "a crypto checkpoint of a set Windows wrote: the format of %s.CPR is not documented", name);
            err = bad(r, why);
        } else if (!(err = stored_form(r, vals[i], &type, &data, &len))) {
            if (type != CS_REG_SZ)
                err = bad(r, "not a string (REG_SZ)");
            else if (!*data || *data == '\\')
                err = bad(r, "not a key path relative to HKLM");
            else if (len >= CS_PATH_MAX)
                err = bad(r, "a key path longer than 1023 bytes");
            else
                snprintf(l[i].key, sizeof(l[i].key), "%s", data);
            free(data);
        }
        free(name);
    }
    free(vals);
    if (err)
        return err;
    qsort(l, n, sizeof(*l), by_number);
    for (i = 1; !err && i < n; i++)
        if (l[i].number == l[i - 1].number) {
            snprintf(file, sizeof(file), CS_CKPT_FILE_STEM, (unsigned)l[i].number);
            at(r, path, file);
            err = bad(r, "a file number two values give");
        }
    if (!err)
        qsort(l, n, sizeof(*l), by_key);
    for (i = 0; !err && i < n; i++) {
        snprintf(file, sizeof(file), CS_CKPT_FILE_STEM, (unsigned)l[i].number);
        at(r, path, file);
        if (i && !strcmp(l[i].key, l[i - 1].key))
            err = bad(r, "names a key another value names");
        else {
            cs__field f[] = { TXT(res), INT(kind), TXT(l[i].key), INT(1) };
            err = row(r, "checkpoint", f);
        }
    }
    if (!err)
        r->s->nlisted += n;
    return err;
}

static uint32_t load_listings(struct r *r, hive_node_h key, const char *path, const char *name, hive_node_h ours)
{
    static const char *const subkeys[] = { CS_HIVE_REGSYNC, CS_HIVE_CRYPTOSYNC };
    char sub[CS_PATH_MAX];
    hive_node_h node;
    uint32_t err = 0;
    size_t i;

    (void)ours;
    for (i = 0; !err && i < 2; i++)
        if ((node = child(r, key, subkeys[i]))) {
            snprintf(sub, sizeof(sub), "%s\\%s", path, subkeys[i]);
            err = load_listing(r, node, sub, name, sync_kind(subkeys[i]));
        }
    return err;
}

/* Whether name below the resource key at path is Windows' listing of its
 * checkpoints: in a hive without our key always; in ours only where the
 * resource has checkpoints of that kind, for the writer makes none other
 * (an application's key of that name elsewhere is a stored key). */
static uint32_t is_listing(struct r *r, const char *path, const char *name, int *skip)
{
    const char *res = strrchr(path, '\\');
    int kind = sync_kind(name);
    sqlite3_stmt *st;
    uint32_t err;

    *skip = kind && (!r->ours || !res);
    if (*skip || !kind)
        return 0;
    if ((err = cs__prep(r->s, &st, "SELECT 1 FROM checkpoint WHERE res = ? AND kind = ?", "ti", res + 1,
                        (int64_t)kind)))
        return err;
    err = cs__step(r->s, st, skip);
    cs__done(r->s, st);
    return err;
}

/* The key at path and everything below: keys the registry keeps (regkey),
 * values not made from columns (regval). */
static uint32_t walk(struct r *r, hive_node_h key, char *path, hive_node_h sec)
{
    size_t len = strlen(path), i, n;
    const cs__hive_vals *vals;
    hive_node_h *kids;
    enum cs__regkind kind;
    uint32_t err = 0, type;
    hive_value_h sv;
    char *data = NULL;
    int cls, skip = 0;

    kind = cs__hive_path_kind(path, &cls);
    at(r, path, NULL);
    if ((err = value(r, sec, path, &sv)))
        return err;
    if (kind == CS__REG_STORED || sv) {
        char *sd = NULL;
        size_t sn = 0;
        if (sv && (err = raw(r, sv, &type, &sd, &sn)))
            return err;
        {
            cs__field f[] = { TXT(path), { sd, sn, 0 } };
            at(r, path, NULL);
            err = row(r, "regkey", f);
        }
        free(sd);
        if (err)
            return err;
    }
    if (!(vals = cs__hive_values(r->names, key)))
        return unreadable(r, "values that cannot be read");
    for (i = 0; i < vals->n && !err; i++) {
        const char *name = vals->name[i];
        at(r, path, name);
        if (!cs__hive_is_column(kind, cls, name) && !(err = stored_form(r, vals->v[i], &type, &data, &n))) {
            cs__field f[] = { TXT(path), TXT(name), INT(type), { data, n, 0 } };
            err = row(r, "regval", f);
            free(data);
        }
    }
    cs__hive_values_done(r->names, key);
    if (err)
        return err;
    if (!(kids = hivex_node_children(r->h, key)))
        return bad(r, "subkeys that cannot be read");
    for (i = 0; kids[i] && !err; i++) {
        const char *name = cs__hive_key_name(r->names, kids[i]);
        if (!name)
            err = unreadable(r, "a subkey name that cannot be read");
        else if ((!len && !strcasecmp(name, CS_HIVE_OURS)) || (kind == CS__REG_OBJECT && cls == CS__CLS_RESOURCES &&
                                                               (err = is_listing(r, path, name, &skip), err || skip)))
            ; /* ours, or the checkpoints' listing (loaded before) */
        else if (len + 1 + strlen(name) >= CS_PATH_MAX)
            err = bad(r, "a key whose path is longer than 1023 bytes");
        else {
            snprintf(path + len, CS_PATH_MAX - len, "%s%s", len ? "\\" : "", name);
            err = walk(r, kids[i], path, sec);
            path[len] = 0;
        }
    }
    free(kids);
    return err;
}

/* Rows kept as ours\key's values, fields escaped and joined by TABs: named_by_row,
 * the value's name is only a count; else it is the row's first field. */
static uint32_t load_rows(struct r *r, const char *key, const char *tag, size_t nfields, int named_by_row)
{
    const struct cs__dump_table *t = cs__dump_table_of(tag);
    hive_node_h node = child(r, r->ours, key);
    char path[64], *data = NULL, *f[8], *p;
    hive_value_h *vals;
    cs__field v[8];
    uint32_t err = 0, type;
    size_t i, k, n;

    snprintf(path, sizeof(path), "%s\\%s", CS_HIVE_OURS, key);
    if (!node)
        return 0;
    at(r, path, NULL);
    if (!(vals = hivex_node_values(r->h, node)))
        return bad(r, "values that cannot be read");
    for (i = 0; vals[i] && !err; i++) {
        char *name = hivex_value_key(r->h, vals[i]);
        size_t have = 0;
        at(r, path, name ? name : "");
        if (!name || (err = stored_form(r, vals[i], &type, &data, &n))) {
            err = err ? err : bad(r, "a value name that cannot be read");
            free(name);
            break;
        }
        if (!named_by_row)
            f[have++] = name;
        for (p = data; have < sizeof(f) / sizeof(f[0]);) {
            char *tab = strchr(p, '\t');
            f[have++] = p;
            if (!tab)
                break;
            *tab = 0;
            p = tab + 1;
        }
        if (type != CS_REG_SZ || have != nfields)
            err = bad(r, "not a row of ours (REG_SZ, fields joined by TABs)");
        for (k = 0; !err && k < nfields; k++) {
            v[k].p = f[k];
            v[k].n = 0;
            if (t->types[k] == 'i' && !cs__dump_parse_int(f[k], &v[k].i))
                err = bad(r, "bad number");
            else if (t->types[k] != 'i' && (named_by_row || k) && !cs__dump_unescape(f[k]))
                err = bad(r, "bad text field");
        }
        if (!err)
            err = cs__load_row(r->s, r->where, t, v);
        free(data);
        free(name);
    }
    free(vals);
    return err;
}

/* Names the writer could not make keys or values of (cs_hivewrite.c,
 * add_flawed): each is refused by the rule it breaks, naming its column. */
static uint32_t load_flawed(struct r *r)
{
    static const char ok_guid[] = "00000000-0000-0000-0000-000000000000";
    hive_node_h node = child(r, r->ours, CS_HIVE_FLAWED);
    const struct cs__dump_table *t;
    hive_value_h *vals;
    cs__field f[8];
    uint32_t err = 0, type;
    char *data;
    size_t n, i, col;

    if (!node)
        return 0;
    snprintf(r->where, sizeof(r->where), "hive key \"%s\\%s\"", CS_HIVE_OURS, CS_HIVE_FLAWED);
    if (!(vals = hivex_node_values(r->h, node)) || !vals[0])
        err = bad(r, "values that cannot be read");
    else if (!(err = raw(r, vals[0], &type, &data, &n))) {
        char *text = data;
        t = cs__dump_table_of(text);
        col = strlen(text) + 2 < n ? (size_t)(text[strlen(text) + 1] - '0') : 99;
        if (!t || col >= strlen(t->types))
            err = bad(r, "a name of ours that is no column");
        else {
            memset(f, 0, sizeof(f));
            for (i = 0; t->types[i]; i++)
                f[i].p = i == col ? text + strlen(text) + 3 : t->types[i] == 'g' ? ok_guid : "x";
            if (!(err = cs__load_row(r->s, r->where, t, f)))
                err = bad(r, "a name listed as flawed");
        }
        free(text);
    }
    free(vals);
    return err;
}

uint32_t cs__hive_load(cs_store *s, hive_h *h, unsigned flags)
{
    struct r r;
    char path[CS_PATH_MAX] = "";
    int64_t seq = 0;
    uint32_t err;

    memset(&r, 0, sizeof(r));
    r.s = s;
    r.h = h;
    if (!(r.names = cs__hive_names_new(h)))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory reading the database hive");
    r.flags = flags;
    r.root = hivex_root(h);
    r.ours = child(&r, r.root, CS_HIVE_OURS);
    free(s->listed);
    s->listed = NULL;
    s->nlisted = 0;
    if ((err = cs__load_wipe(s)) || (err = load_flawed(&r)) || (err = load_cluster(&r, &seq)) || (err = each_object(&r, CS__CLS_NODES, load_node)) ||
        (err = each_object(&r, CS__CLS_TYPES, load_type)) || (err = each_object(&r, CS__CLS_GROUPS, load_group)))
        goto out;
    if (r.nm)
        qsort(r.m, r.nm, sizeof(*r.m), by_res);
    if ((err = each_object(&r, CS__CLS_RESOURCES, load_resource)) ||
        (err = each_object(&r, CS__CLS_RESOURCES, load_depends)))
        goto out;
    if ((err = each_object(&r, CS__CLS_NETWORKS, load_network)) || (err = each_object(&r, CS__CLS_NETIFS, load_netif)) ||
        (err = r.ours ? load_rows(&r, CS_HIVE_CKPTS, "checkpoint", 4, 1)
                      : each_object(&r, CS__CLS_RESOURCES, load_listings)) ||
        (err = walk(&r, r.root, path, child(&r, r.ours, CS_HIVE_SECURITY))) ||
        (err = load_rows(&r, CS_HIVE_LOG, "log", 5, 0)) ||
        (err = load_rows(&r, CS_HIVE_LOGCKPT, "logcheckpoint", 2, 0)))
        goto out;
    snprintf(r.where, sizeof(r.where), "hive");
    err = cs__load_finish(s, r.where, seq, flags);
out:
    free(r.m);
    cs__hive_names_free(r.names);
    return err;
}

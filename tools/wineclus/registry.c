/*
 * `wineclus registry show [PATH] | export [PATH] | set PATH NAME TYPE VALUE...`:
 * the cluster registry (docs/cluster-registry.md) as the store holds it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wineclus.h"

static const struct { const char *name; uint32_t type; } types[] =
{
    { "none", CS_REG_NONE }, { "sz", CS_REG_SZ }, { "expand_sz", CS_REG_EXPAND_SZ }, { "binary", CS_REG_BINARY },
    { "dword", CS_REG_DWORD }, { "multi_sz", CS_REG_MULTI_SZ }, { "qword", CS_REG_QWORD },
};

static void registry_usage(void)
{
    say("Usage: wineclus registry [show] [PATH] [--json]\n"
        "       wineclus registry export [PATH]\n"
        "       wineclus registry set PATH NAME TYPE VALUE...\n"
        "The cluster registry of the store ($WINECLUS_STORE): PATH is a key below the cluster root,\n"
        "backslash-separated (e.g. 'Resources\\<GUID>\\Parameters'; none is the root).\n"
        "`show` lists a key's values and subkeys; `export` writes the key and everything below it as\n"
        "text (docs/cluster-registry.md, \"Export\"); `set` makes the key if missing and sets a value\n"
        "(NAME '' is the default value).  TYPE: sz, expand_sz, multi_sz (one VALUE per string),\n"
        "dword, qword (numbers), binary (hex digits), none.\n");
}

static const char *type_name(uint32_t type)
{
    size_t i;

    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (types[i].type == type) return types[i].name;
    return NULL;
}

static uint64_t number(const unsigned char *p, size_t n)
{
    uint64_t v = 0;

    while (n--) v = (v << 8) | p[n];
    return v;
}

/* A value in text or JSON: strings as text, numbers as numbers, the rest as hex. */
static void show_data(const cs_regval *v)
{
    const unsigned char *p = v->data;
    size_t i, len;

    if ((v->type == CS_REG_DWORD && v->size == 4) || (v->type == CS_REG_QWORD && v->size == 8))
    {
        if (json_output) json_uint("value", number(p, v->size));
        else say("%llu", (unsigned long long)number(p, v->size));
    }
    else if (v->type == CS_REG_SZ || v->type == CS_REG_EXPAND_SZ)
    {
        /* The store pads every value with a NUL: p is a C string. */
        if (json_output) json_str("value", (const char *)p);
        else say("\"%s\"", (const char *)p);
    }
    else if (v->type == CS_REG_MULTI_SZ)
    {
        if (json_output) json_open("value", '[');
        for (i = 0; i < v->size && p[i]; i += len + 1)
        {
            len = strnlen((const char *)p + i, v->size - i);
            if (json_output) json_str(NULL, (const char *)p + i);
            else say("%s\"%s\"", i ? ", " : "", (const char *)p + i);
        }
        if (json_output) json_close(']');
    }
    else
    {
        char *hex = malloc(2 * v->size + 1);

        if (!hex) return;
        for (i = 0; i < v->size; i++) snprintf(hex + 2 * i, 3, "%02x", p[i]);
        hex[2 * v->size] = 0;
        if (json_output) json_str("value", hex);
        else say("%s", hex);
        free(hex);
    }
}

static int show_key(cs_store *s, const char *path)
{
    cs_regkey_name *keys = NULL;
    cs_regval *vals = NULL;
    char canon[CS_PATH_MAX];
    size_t nk = 0, nv = 0, i;
    cs_reginfo info;
    uint32_t err;

    if ((err = cs_reg_open_key(s, path, canon, sizeof(canon))) || (err = cs_reg_query_info(s, canon, &info)) ||
        (err = cs_reg_list_values(s, canon, &vals, &nv)) || (err = cs_reg_list_keys(s, canon, &keys, &nk)))
    {
        cs_free(vals);
        return store_fail(s, err, "cannot read registry key \"%s\"", path);
    }
    if (json_output)
    {
        json_open(NULL, '{');
        json_str("path", canon);
        json_uint("security_bytes", info.security_size);
        json_open("values", '[');
    }
    else say("Key: %s (%u values, %u subkeys%s)\n", canon[0] ? canon : "(cluster root)", info.values, info.subkeys,
             info.security_size ? ", own security descriptor" : "");
    for (i = 0; i < nv; i++)
    {
        const char *t = type_name(vals[i].type);
        if (json_output)
        {
            json_open(NULL, '{');
            json_str("name", vals[i].name);
            if (t) json_str("type", t);
            else json_uint("type", vals[i].type);
        }
        else if (t) say("  %s (%s) = ", vals[i].name[0] ? vals[i].name : "(default)", t);
        else say("  %s (type %u) = ", vals[i].name[0] ? vals[i].name : "(default)", vals[i].type);
        show_data(&vals[i]);
        if (json_output) json_close('}');
        else say("\n");
    }
    if (json_output)
    {
        json_close(']');
        json_open("subkeys", '[');
    }
    for (i = 0; i < nk; i++)
        if (json_output) json_str(NULL, keys[i].name);
        else say("  %s\\\n", keys[i].name);
    if (json_output)
    {
        json_close(']');
        json_close('}');
    }
    cs_free(vals);
    cs_free(keys);
    return EXIT_OK;
}

static int registry_show(int argc, char **argv)
{
    char **ops;
    cs_store *s;
    int rc;

    rc = parse_args("registry show", argc, argv, NULL, 0, 1, "PATH", &ops);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    rc = show_key(s, rc ? ops[0] : "");
    cs_close(s);
    return rc;
}

/* Export text: a string between quotes with \\, \" and \xNN (control
 * characters, bytes that are not UTF-8, what the terminal must not act on). */
static void export_string(const char *p, size_t n)
{
    size_t i = 0, step;
    uint32_t cp;

    putchar('"');
    while (i < n)
    {
        step = cs_utf8_next(p + i, &cp);
        if (!step || i + step > n || shown_escaped(cp) || cp == 0)
        {
            for (step = step && i + step <= n ? step : 1; step--; i++) printf("\\x%02x", (unsigned char)p[i]);
            continue;
        }
        if (p[i] == '\\' || p[i] == '"') putchar('\\');
        fwrite(p + i, 1, step, stdout);
        i += step;
    }
    putchar('"');
}

static void export_value(const cs_regval *v)
{
    const unsigned char *p = v->data;
    size_t i, len;

    if (v->name[0]) export_string(v->name, strlen(v->name));
    else putchar('@');
    putchar('=');
    if (v->type == CS_REG_DWORD && v->size == 4) printf("dword:%08llx", (unsigned long long)number(p, 4));
    else if (v->type == CS_REG_QWORD && v->size == 8) printf("qword:%016llx", (unsigned long long)number(p, 8));
    else if ((v->type == CS_REG_SZ || v->type == CS_REG_EXPAND_SZ) && v->size && !p[v->size - 1] &&
             strlen((const char *)p) == v->size - 1)
    {
        if (v->type == CS_REG_EXPAND_SZ) fputs("expand_sz:", stdout);
        export_string((const char *)p, v->size - 1);
    }
    else if (v->type == CS_REG_MULTI_SZ && v->size && !p[v->size - 1])
    {
        fputs("multi_sz:", stdout);
        for (i = 0; i + 1 < v->size; i += len + 1)
        {
            len = strlen((const char *)p + i);
            if (i) putchar(',');
            export_string((const char *)p + i, len);
        }
    }
    else
    {
        printf("hex(%x):", v->type);
        for (i = 0; i < v->size; i++) printf("%s%02x", i ? "," : "", p[i]);
    }
    putchar('\n');
}

static uint32_t export_key(cs_store *s, const char *path)
{
    cs_regkey_name *keys = NULL;
    cs_regval *vals = NULL;
    size_t nk = 0, nv = 0, i;
    uint32_t err;

    if ((err = cs_reg_list_values(s, path, &vals, &nv)) || (err = cs_reg_list_keys(s, path, &keys, &nk)))
    {
        cs_free(vals);
        return err;
    }
    putchar('[');
    export_string(path, strlen(path));
    fputs("]\n", stdout);
    for (i = 0; i < nv; i++) export_value(&vals[i]);
    putchar('\n');
    for (i = 0; i < nk && !err; i++)
    {
        char child[CS_PATH_MAX];
        snprintf(child, sizeof(child), "%s%s%s", path, path[0] ? "\\" : "", keys[i].name);
        err = export_key(s, child);
    }
    cs_free(vals);
    cs_free(keys);
    return err;
}

static int registry_export(int argc, char **argv)
{
    char canon[CS_PATH_MAX], **ops;
    uint32_t err;
    cs_store *s;
    int n, rc = EXIT_OK;

    n = parse_args("registry export", argc, argv, NULL, 0, 1, "PATH", &ops);
    if (json_output) die_usage("registry export", "export writes text only");
    if (open_store_to_read(&s)) return EXIT_FAILED;
    /* One snapshot: the export is the registry at one moment. */
    if ((err = cs_snapshot_begin(s)) || (err = cs_reg_open_key(s, n ? ops[0] : "", canon, sizeof(canon))))
        rc = store_fail(s, err, "cannot read registry key \"%s\"", n ? ops[0] : "");
    else
    {
        puts("WINECLUS REGISTRY EXPORT 1");
        putchar('\n');
        if ((err = export_key(s, canon))) rc = store_fail(s, err, "cannot export the registry");
    }
    cs_snapshot_end(s);
    cs_close(s);
    return rc;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The data of a value from its operands; exits through die_usage when they are wrong. */
static size_t make_data(uint32_t type, char **values, int n, unsigned char **out)
{
    size_t size = 0, i, len;
    uint64_t v;
    int k;

    for (k = 0; k < n; k++) size += strlen(values[k]) + 1;
    if (!(*out = calloc(1, size + 9))) die_usage("registry set", "out of memory");
    if (type == CS_REG_DWORD || type == CS_REG_QWORD)
    {
        if (n != 1) die_usage("registry set", "a number takes one VALUE");
        v = parse_number("registry set", "VALUE", values[0], type == CS_REG_DWORD ? UINT32_MAX : UINT64_MAX);
        for (i = 0; i < (type == CS_REG_DWORD ? 4u : 8u); i++) (*out)[i] = (unsigned char)(v >> (8 * i));
        return i;
    }
    if (type == CS_REG_MULTI_SZ)
    {
        for (k = 0, size = 0; k < n; k++)
        {
            len = strlen(values[k]);
            if (!len) die_usage("registry set", "a multi_sz string cannot be empty");
            memcpy(*out + size, values[k], len + 1);
            size += len + 1;
        }
        return size + 1;
    }
    if (n != 1) die_usage("registry set", "type %s takes one VALUE", type_name(type));
    if (type != CS_REG_BINARY && type != CS_REG_NONE)
    {
        memcpy(*out, values[0], strlen(values[0]) + 1);
        return strlen(values[0]) + 1;
    }
    len = strlen(values[0]);
    if (len % 2) die_usage("registry set", "binary VALUE must be pairs of hex digits");
    for (i = 0; i < len / 2; i++)
    {
        int hi = hexval(values[0][2 * i]), lo = hexval(values[0][2 * i + 1]);
        if (hi < 0 || lo < 0) die_usage("registry set", "binary VALUE must be pairs of hex digits");
        (*out)[i] = (unsigned char)(hi * 16 + lo);
    }
    return len / 2;
}

static int registry_set(int argc, char **argv)
{
    unsigned char *data;
    uint32_t err, type = 0;
    size_t size, i;
    char **ops;
    cs_store *s;
    int n, rc;

    n = parse_args("registry set", argc, argv, NULL, 4, 1 << 16, "PATH NAME TYPE VALUE", &ops);
    for (i = 0; i < sizeof(types) / sizeof(types[0]) && strcasecmp(types[i].name, ops[2]); i++)
        ;
    if (i == sizeof(types) / sizeof(types[0])) die_usage("registry set", "unknown TYPE '%s'", ops[2]);
    type = types[i].type;
    size = make_data(type, ops + 3, n - 3, &data);
    if (open_store(&s))
    {
        free(data);
        return EXIT_FAILED;
    }
    if ((err = cs_reg_create_key(s, ops[0], NULL, NULL, 0)) ||
        (err = cs_reg_set_value(s, ops[0], ops[1], type, data, size)))
        /* 5 here is the registry's refusal, not the store folder's permissions. */
        rc = report_failure(err, cs_errmsg(s),
                            err == CS_ERROR_ACCESS_DENIED ? "Class keys hold only their objects' keys, and values taken "
                            "from an object change through the object\n(docs/cluster-registry.md)." : NULL,
                            "cannot set value \"%s\" of registry key \"%s\"", ops[1], ops[0]);
    else rc = show_key(s, ops[0]);
    free(data);
    cs_close(s);
    return rc;
}

int cmd_registry(int argc, char **argv)
{
    static const struct subverb subs[] =
    {
        { "show", registry_show },
        { "export", registry_export },
        { "set", registry_set },
    };

    if (wants_help(argc, argv))
    {
        registry_usage();
        return EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-') return registry_show(argc, argv);
    return run_subverb("registry", subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

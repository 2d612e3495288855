/*
 * Conformance tests of the property control codes (ENUM, GET, GET_RO, SET,
 * VALIDATE and the format lists, common and private) on resources, groups,
 * nodes, resource types and the cluster.  Expected lists are written here
 * from Microsoft's documentation: the layout of "Property Lists" ([MS-CMRP]
 * 2.2.3.10) and the documented defaults of each property.  Windows' order
 * of the properties in a list is not documented, so a list is compared
 * property by property, each byte for byte.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"
#include "testutil.h"

#ifndef ERROR_RESOURCE_PROPERTIES_STORED
#define ERROR_RESOURCE_PROPERTIES_STORED 5024
#endif

static const WCHAR prop_group[] = L"wineclus props group";
static const WCHAR prop_resource[] = L"wineclus props resource";

/* What a control code goes to. */
struct target
{
    HCLUSTER cluster;
    HRESOURCE res;
    HGROUP group;
    HNODE node;
    const WCHAR *type;
};

static DWORD ctl(const struct target *t, DWORD code, const void *in, DWORD in_size, void *out, DWORD out_size,
                 DWORD *returned)
{
    void *inbuf = (void *)in;

    switch (CLUSCTL_GET_CONTROL_OBJECT(code))
    {
    case CLUS_OBJECT_RESOURCE:
        return ClusterResourceControl(t->res, NULL, code, inbuf, in_size, out, out_size, returned);
    case CLUS_OBJECT_GROUP:
        return ClusterGroupControl(t->group, NULL, code, inbuf, in_size, out, out_size, returned);
    case CLUS_OBJECT_NODE:
        return ClusterNodeControl(t->node, NULL, code, inbuf, in_size, out, out_size, returned);
    case CLUS_OBJECT_RESOURCE_TYPE:
        return ClusterResourceTypeControl(t->cluster, t->type, NULL, code, inbuf, in_size, out, out_size, returned);
    default:
        return ClusterControl(t->cluster, NULL, code, inbuf, in_size, out, out_size, returned);
    }
}

/* ---- Lists as documented ---- */

/* One property and its one value.  text holds SZ and MULTI_SZ values (the
 * latter with its final NUL counted in size), bytes a BINARY one. */
struct prop
{
    const WCHAR *name;
    DWORD format;
    DWORD dword;
    const WCHAR *text;
    DWORD size;
};
#define DW(n, v) { n, CLUSPROP_FORMAT_DWORD, v, NULL, 0 }
#define SZ(n, s) { n, CLUSPROP_FORMAT_SZ, 0, s, sizeof(s) }
#define FMT(n, f) { n, CLUSPROP_FORMAT_WORD, f, NULL, 0 }

struct buf
{
    BYTE b[4096];
    DWORD n;
};

static void add32(struct buf *b, DWORD v)
{
    memcpy(b->b + b->n, &v, sizeof(v));
    b->n += sizeof(v);
}

/* Syntax, length, data, zeros up to a multiple of 4. */
static void add_entry(struct buf *b, DWORD syntax, const void *data, DWORD size)
{
    add32(b, syntax);
    add32(b, size);
    memcpy(b->b + b->n, data, size);
    b->n += size;
    memset(b->b + b->n, 0, (4 - size % 4) % 4);
    b->n += (4 - size % 4) % 4;
}

static void add_prop(struct buf *b, const struct prop *p)
{
    WORD word = p->dword;

    add_entry(b, CLUSPROP_SYNTAX_NAME, p->name, (lstrlenW(p->name) + 1) * sizeof(WCHAR));
    if (p->format == CLUSPROP_FORMAT_WORD) add_entry(b, CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, CLUSPROP_FORMAT_WORD), &word, sizeof(word));
    else if (p->text) add_entry(b, CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, p->format), p->text, p->size);
    else add_entry(b, CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE, p->format), &p->dword, sizeof(p->dword));
    add32(b, CLUSPROP_SYNTAX_ENDMARK);
}

static void make_list(struct buf *b, const struct prop *props, DWORD count)
{
    DWORD i;

    b->n = 0;
    add32(b, count);
    for (i = 0; i < count; i++) add_prop(b, &props[i]);
}

/* A SET or VALIDATE of these properties; neither has output. */
static DWORD set_props(const struct target *t, DWORD code, const struct prop *props, DWORD count)
{
    DWORD err, returned = 0xdeadbeef;
    struct buf in;

    make_list(&in, props, count);
    err = ctl(t, code, in.b, in.n, NULL, 0, &returned);
    ok(!returned || returned == 0xdeadbeef, "code %#lx: %lu bytes returned\n", code, returned);
    return err;
}

/* The bytes of each property of a list (name entry to end mark), by a walk
 * that trusts nothing: FALSE for a list that is not one. */
static BOOL split_list(const BYTE *list, DWORD size, DWORD *starts, DWORD *ends, DWORD max, DWORD *count)
{
    DWORD pos = 4, i, syntax, len;

    if (size < 4) return FALSE;
    memcpy(count, list, 4);
    if (*count > max) return FALSE;
    for (i = 0; i < *count; i++)
    {
        starts[i] = pos;
        do
        {
            if (pos + 4 > size) return FALSE;
            memcpy(&syntax, list + pos, 4);
            pos += 4;
            if (syntax == CLUSPROP_SYNTAX_ENDMARK) break;
            if (pos + 4 > size) return FALSE;
            memcpy(&len, list + pos, 4);
            pos += 4 + ((len + 3) & ~3u);
        } while (pos <= size);
        ends[i] = pos;
    }
    return pos == size;
}

/* The list holds exactly these properties, each as documented. */
static void check_list(const BYTE *list, DWORD size, const struct prop *want, DWORD nwant, const char *what)
{
    DWORD starts[64], ends[64], count, i, j;
    struct buf one;

    if (!split_list(list, size, starts, ends, ARRAY_SIZE(starts), &count))
    {
        ok(0, "%s: no property list (%lu bytes)\n", what, size);
        return;
    }
    ok(count == nwant, "%s: %lu properties, expected %lu\n", what, count, nwant);
    for (i = 0; i < nwant; i++)
    {
        one.n = 0;
        add_prop(&one, &want[i]);
        for (j = 0; j < count; j++)
            if (ends[j] - starts[j] == one.n && !memcmp(list + starts[j], one.b, one.n)) break;
        ok(j < count, "%s: %s missing or not as documented\n", what, wine_dbgstr_w(want[i].name));
    }
}

/* A GET's list (HeapFree it), after checking the size-only call. */
static BYTE *get_list(const struct target *t, DWORD code, DWORD *size)
{
    DWORD err, needed = 0;
    BYTE *list;

    err = ctl(t, code, NULL, 0, NULL, 0, &needed);
    ok(err == ERROR_MORE_DATA && needed >= 4, "code %#lx, no buffer: got %lu, %lu bytes\n", code, err, needed);
    if (err != ERROR_MORE_DATA) needed = 4096;
    list = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, needed);
    err = ctl(t, code, NULL, 0, list, needed, size);
    ok(!err && *size == needed, "code %#lx: got %lu, %lu bytes of %lu\n", code, err, *size, needed);
    if (needed > 4)
    {
        DWORD got = 0;
        err = ctl(t, code, NULL, 0, list, needed - 1, &got);
        ok(err == ERROR_MORE_DATA && got == needed, "code %#lx, one byte short: got %lu, %lu\n", code, err, got);
        ctl(t, code, NULL, 0, list, needed, size);
    }
    return list;
}

static void check_get(const struct target *t, DWORD code, const struct prop *want, DWORD nwant, const char *what)
{
    DWORD size = 0;
    BYTE *list = get_list(t, code, &size);

    check_list(list, size, want, nwant, what);
    HeapFree(GetProcessHeap(), 0, list);
}

/* The names of an ENUM, in any order. */
static void check_enum(const struct target *t, DWORD code, const WCHAR *const *want, DWORD nwant, const char *what)
{
    WCHAR names[2048], *p;
    DWORD err, size = 0, count = 0, i;

    err = ctl(t, code, NULL, 0, names, sizeof(names), &size);
    ok(!err && size >= sizeof(WCHAR) && size % sizeof(WCHAR) == 0, "%s: got %lu, %lu bytes\n", what, err, size);
    if (err) return;
    ok(!names[size / sizeof(WCHAR) - 1], "%s: not closed\n", what);
    for (p = names; *p; p += lstrlenW(p) + 1)
    {
        for (i = 0; i < nwant; i++) if (!lstrcmpiW(p, want[i])) break;
        ok(i < nwant, "%s: unexpected %s\n", what, wine_dbgstr_w(p));
        count++;
    }
    ok(count == nwant, "%s: %lu names, expected %lu\n", what, count, nwant);
    ok((DWORD)((p + 1 - names) * sizeof(WCHAR)) == size, "%s: %lu bytes for the names\n", what, size);
}

/* The whole GET output, to see that nothing changed. */
static BOOL same_get(const struct target *t, DWORD code, const BYTE *before, DWORD before_size)
{
    BYTE now[4096];
    DWORD size = 0;

    if (ctl(t, code, NULL, 0, now, sizeof(now), &size)) return FALSE;
    return size == before_size && !memcmp(now, before, size);
}

/* A value as ClusterRegQueryValue finds it under key\subkey (subkey may be
 * NULL); the key is closed. */
static void check_reg_value(HKEY key, const WCHAR *subkey, const WCHAR *name, DWORD want_type, const void *want,
                            DWORD want_size)
{
    BYTE data[256];
    DWORD type = 0, size = sizeof(data);
    HKEY sub = NULL;
    LONG err;

    ok(key != NULL, "no key for %s: %lu\n", wine_dbgstr_w(name), GetLastError());
    if (!key) return;
    if (subkey && (err = ClusterRegOpenKey(key, subkey, KEY_READ, &sub)))
        ok(0, "ClusterRegOpenKey(%s): %ld\n", wine_dbgstr_w(subkey), err);
    else
    {
        err = ClusterRegQueryValue(sub ? sub : key, name, &type, data, &size);
        ok(!err && type == want_type && size == want_size && !memcmp(data, want, size),
           "%s: got %ld, type %lu, %lu bytes\n", wine_dbgstr_w(name), err, type, size);
    }
    if (sub) ClusterRegCloseKey(sub);
    ClusterRegCloseKey(key);
}

/* A DWORD property's value in a GET's list (0 if it is not there). */
static DWORD get_dword(const struct target *t, DWORD code, const WCHAR *name)
{
    BYTE list[4096];
    DWORD starts[32], ends[32], count, size = 0, i, value = 0, len, want = (lstrlenW(name) + 1) * sizeof(WCHAR);

    if (ctl(t, code, NULL, 0, list, sizeof(list), &size) ||
        !split_list(list, size, starts, ends, ARRAY_SIZE(starts), &count))
        return 0;
    for (i = 0; i < count; i++)
    {
        memcpy(&len, list + starts[i] + 4, 4);
        if (len == want && !memcmp(list + starts[i] + 8, name, len))
            memcpy(&value, list + starts[i] + 8 + ((len + 3) & ~3u) + 8, 4);
    }
    return value;
}

/* Lists a SET refuses whole, and VALIDATE alike, with nothing changed. */
struct refused
{
    const struct prop *props;
    DWORD count;
    DWORD error;
    const char *what;
};
#define REFUSED(list, error) { list, ARRAY_SIZE(list), error, #list }

static void check_refused(const struct target *t, DWORD set, DWORD validate, DWORD get, const struct refused *cases,
                          DWORD count)
{
    BYTE before[4096];
    DWORD err, size = 0, i;

    err = ctl(t, get, NULL, 0, before, sizeof(before), &size);
    ok(!err, "GET %#lx: %lu\n", get, err);
    for (i = 0; i < count; i++)
    {
        err = set_props(t, set, cases[i].props, cases[i].count);
        ok(err == cases[i].error, "SET %s: got %lu\n", cases[i].what, err);
        err = set_props(t, validate, cases[i].props, cases[i].count);
        ok(err == cases[i].error, "VALIDATE %s: got %lu\n", cases[i].what, err);
    }
    ok(same_get(t, get, before, size), "a refused SET changed something\n");
}

/* ---- Resources ---- */

static const struct prop resource_defaults[] =
{
    DW(L"IsAlivePollInterval", 60000), DW(L"LooksAlivePollInterval", 0xffffffff), DW(L"PendingTimeout", 180000),
    DW(L"PersistentState", 0), DW(L"RestartAction", 2), DW(L"RestartPeriod", 900000),
    DW(L"RestartThreshold", 3), DW(L"RetryPeriodOnFailure", 3600000), DW(L"SeparateMonitor", 0),
    SZ(L"Type", L"Generic Application"),
};

static void test_resource_common(const struct target *t)
{
    static const WCHAR *const names[] =
    {
        L"AdminExtensions", L"DebugPrefix", L"Description", L"IsAlivePollInterval", L"LooksAlivePollInterval",
        L"PendingTimeout", L"PersistentState", L"RestartAction", L"RestartPeriod", L"RestartThreshold",
        L"RetryPeriodOnFailure", L"SeparateMonitor", L"Type",
    };
    static const struct prop ro[] = { SZ(L"Name", L"wineclus props resource") };
    static const struct prop fmts[] =
    {
        FMT(L"AdminExtensions", CLUSPROP_FORMAT_MULTI_SZ), FMT(L"DebugPrefix", CLUSPROP_FORMAT_SZ),
        FMT(L"Description", CLUSPROP_FORMAT_SZ), FMT(L"IsAlivePollInterval", CLUSPROP_FORMAT_DWORD),
        FMT(L"LooksAlivePollInterval", CLUSPROP_FORMAT_DWORD), FMT(L"PendingTimeout", CLUSPROP_FORMAT_DWORD),
        FMT(L"PersistentState", CLUSPROP_FORMAT_DWORD), FMT(L"RestartAction", CLUSPROP_FORMAT_DWORD),
        FMT(L"RestartPeriod", CLUSPROP_FORMAT_DWORD), FMT(L"RestartThreshold", CLUSPROP_FORMAT_DWORD),
        FMT(L"RetryPeriodOnFailure", CLUSPROP_FORMAT_DWORD), FMT(L"SeparateMonitor", CLUSPROP_FORMAT_DWORD),
        FMT(L"Type", CLUSPROP_FORMAT_SZ),
    };
    static const struct prop set[] = { DW(L"PendingTimeout", 200000), SZ(L"Description", L"set by a test") };
    static const struct prop read_only[] = { SZ(L"Name", L"renamed") };
    static const struct prop out_of_range[] = { SZ(L"Description", L"x"), DW(L"PendingTimeout", 9) };
    static const struct prop unknown[] = { DW(L"NoSuchCommonProperty", 1) };
    static const struct prop lower_case[] = { DW(L"pendingtimeout", 200000) };
    static const struct prop same_type[] = { SZ(L"Type", L"Generic Application") };
    static const struct prop other_type[] = { SZ(L"Type", L"Generic Service") };
    static const struct prop retry_below_restart[] = { DW(L"RestartPeriod", 900000), DW(L"RetryPeriodOnFailure", 1000) };
    static const struct refused refusals[] =
    {
        REFUSED(read_only, ERROR_INVALID_PARAMETER), REFUSED(out_of_range, ERROR_INVALID_DATA),
        REFUSED(unknown, ERROR_INVALID_PARAMETER), REFUSED(retry_below_restart, ERROR_INVALID_DATA),
    };
    struct prop after[ARRAY_SIZE(resource_defaults) + 1];
    BYTE before[4096];
    DWORD err, size;

    check_enum(t, CLUSCTL_RESOURCE_ENUM_COMMON_PROPERTIES, names, ARRAY_SIZE(names), "resource ENUM");
    check_get(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, resource_defaults, ARRAY_SIZE(resource_defaults),
              "fresh resource GET");
    check_get(t, CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES, ro, ARRAY_SIZE(ro), "resource GET_RO");
    check_get(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTY_FMTS, fmts, ARRAY_SIZE(fmts), "resource FMTS");

    check_refused(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, CLUSCTL_RESOURCE_VALIDATE_COMMON_PROPERTIES,
                  CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, refusals, ARRAY_SIZE(refusals));
    err = ctl(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, NULL, 0, before, sizeof(before), &size);
    ok(!err, "GET: %lu\n", err);

    /* VALIDATE writes nothing. */
    err = set_props(t, CLUSCTL_RESOURCE_VALIDATE_COMMON_PROPERTIES, set, ARRAY_SIZE(set));
    ok(!err, "VALIDATE: got %lu\n", err);
    ok(same_get(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, before, size), "VALIDATE changed something\n");

    err = set_props(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, set, ARRAY_SIZE(set));
    ok(!err, "SET: got %lu\n", err);
    if (err) return;
    memcpy(after, resource_defaults, sizeof(resource_defaults));
    after[2] = set[0];
    after[ARRAY_SIZE(resource_defaults)] = set[1];
    check_get(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, after, ARRAY_SIZE(after), "resource GET after SET");
    /* Names are not case-sensitive; the property keeps its own spelling. */
    err = set_props(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, lower_case, ARRAY_SIZE(lower_case));
    ok(!err, "SET in lower case: got %lu\n", err);
    check_get(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, after, ARRAY_SIZE(after), "resource GET after lower case");
    /* The object's key holds them. */
    check_reg_value(GetClusterResourceKey(t->res, KEY_READ), NULL, L"PendingTimeout", REG_DWORD, &set[0].dword,
                    sizeof(DWORD));
    check_reg_value(GetClusterResourceKey(t->res, KEY_READ), NULL, L"Description", REG_SZ, set[1].text,
                    set[1].size);

    /* Type is read/write, but a resource keeps its type. */
    err = set_props(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, same_type, ARRAY_SIZE(same_type));
    ok(!err, "SET of the same Type: got %lu\n", err);
    err = set_props(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, other_type, ARRAY_SIZE(other_type));
    ok(err == ERROR_INVALID_PARAMETER, "SET of another Type: got %lu\n", err);
}

static void test_resource_private(const struct target *t)
{
    static const WCHAR *const fresh_names[] =
        { L"CommandLine", L"CurrentDirectory", L"InteractWithDesktop", L"UseNetworkName" };
    static const WCHAR *const names[] =
        { L"CommandLine", L"CurrentDirectory", L"InteractWithDesktop", L"UseNetworkName", L"WineclusExtra" };
    static const struct prop fresh[] = { DW(L"InteractWithDesktop", 0), DW(L"UseNetworkName", 0) };
    static const struct prop set[] =
        { SZ(L"CommandLine", L"notepad.exe"), SZ(L"CurrentDirectory", L"C:\\"), DW(L"WineclusExtra", 7) };
    static const struct prop after[] =
    {
        SZ(L"CommandLine", L"notepad.exe"), SZ(L"CurrentDirectory", L"C:\\"), DW(L"InteractWithDesktop", 0),
        DW(L"UseNetworkName", 0), DW(L"WineclusExtra", 7),
    };
    static const struct prop fmts[] =
    {
        FMT(L"CommandLine", CLUSPROP_FORMAT_SZ), FMT(L"CurrentDirectory", CLUSPROP_FORMAT_SZ),
        FMT(L"InteractWithDesktop", CLUSPROP_FORMAT_DWORD), FMT(L"UseNetworkName", CLUSPROP_FORMAT_DWORD),
        FMT(L"WineclusExtra", CLUSPROP_FORMAT_DWORD),
    };
    static const struct prop bad[] = { SZ(L"CommandLine", L"cmd.exe"), DW(L"InteractWithDesktop", 2) };
    static const struct prop empty_required[] = { SZ(L"CommandLine", L"") };
    static const struct prop wrong_format[] = { DW(L"CommandLine", 1) };
    static const struct refused refusals[] =
    {
        REFUSED(bad, ERROR_INVALID_DATA), REFUSED(empty_required, ERROR_INVALID_DATA),
        REFUSED(wrong_format, ERROR_INVALID_PARAMETER),
    };
    DWORD err;

    check_enum(t, CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES, fresh_names, ARRAY_SIZE(fresh_names), "fresh ENUM_PRIVATE");
    check_get(t, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, fresh, ARRAY_SIZE(fresh), "fresh GET_PRIVATE");
    check_get(t, CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES, NULL, 0, "GET_RO_PRIVATE");

    err = set_props(t, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, set, ARRAY_SIZE(set));
    ok(!err, "VALIDATE_PRIVATE: got %lu\n", err);
    err = set_props(t, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, set, ARRAY_SIZE(set));
    ok(!err, "SET_PRIVATE: got %lu\n", err);
    check_get(t, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, after, ARRAY_SIZE(after), "GET_PRIVATE after SET");
    check_enum(t, CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES, names, ARRAY_SIZE(names), "ENUM_PRIVATE after SET");
    check_get(t, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS, fmts, ARRAY_SIZE(fmts), "private FMTS");
    check_reg_value(GetClusterResourceKey(t->res, KEY_READ), L"Parameters", L"WineclusExtra", REG_DWORD,
                    &set[2].dword, sizeof(DWORD));

    check_refused(t, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
                  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, refusals, ARRAY_SIZE(refusals));
}

/* A change that waits for the resource's next online is stored and says so
 * ([MS-CMRP] 3.1.4.3.1.12); the core IP Address is online on a new cluster. */
static void test_online(const struct target *t)
{
    static const struct prop separate[] = { DW(L"SeparateMonitor", 1) };
    static const struct prop shared[] = { DW(L"SeparateMonitor", 0) };
    static const struct prop timeout[] = { DW(L"PendingTimeout", 180000) };
    struct target ip = *t;
    DWORD err;

    ip.res = OpenClusterResource(t->cluster, L"Cluster IP Address");
    if (!ip.res || GetClusterResourceState(ip.res, NULL, NULL, NULL, NULL) != ClusterResourceOnline)
    {
        skip("no online \"Cluster IP Address\": %lu\n", GetLastError());
        if (ip.res) CloseClusterResource(ip.res);
        return;
    }
    err = set_props(&ip, CLUSCTL_RESOURCE_VALIDATE_COMMON_PROPERTIES, separate, ARRAY_SIZE(separate));
    ok(!err, "VALIDATE: got %lu\n", err);
    err = set_props(&ip, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, separate, ARRAY_SIZE(separate));
    ok(err == ERROR_RESOURCE_PROPERTIES_STORED, "SeparateMonitor while online: got %lu\n", err);
    ok(get_dword(&ip, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, L"SeparateMonitor") == 1, "not stored\n");
    err = set_props(&ip, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, shared, ARRAY_SIZE(shared));
    ok(err == ERROR_RESOURCE_PROPERTIES_STORED, "SeparateMonitor back: got %lu\n", err);
    err = set_props(&ip, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, timeout, ARRAY_SIZE(timeout));
    ok(!err, "PendingTimeout while online: got %lu\n", err);
    CloseClusterResource(ip.res);
}

/* Lists broken in each way, each sent to SET and VALIDATE of both kinds:
 * the codes the SET pages document (ERROR_INSUFFICIENT_BUFFER for a list
 * that runs past the size given, ERROR_INVALID_DATA for one "formatted
 * incorrectly", RPC_X_BAD_STUB_DATA for no buffer), nothing changed. */
static void test_malformed(const struct target *t)
{
    static const struct prop good[] = { SZ(L"CommandLine", L"calc.exe"), DW(L"UseNetworkName", 1) };
    static const DWORD codes[] =
    {
        CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
        CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, CLUSCTL_RESOURCE_VALIDATE_COMMON_PROPERTIES,
    };
    BYTE before[4096], common[4096];
    DWORD err, size, common_size, returned, i, k, v, want;
    struct buf in, bad, first;

    ctl(t, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, NULL, 0, before, sizeof(before), &size);
    ctl(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, NULL, 0, common, sizeof(common), &common_size);
    make_list(&in, good, ARRAY_SIZE(good));
    make_list(&first, good, 1);  /* where the second property starts */
    for (k = 0; k < 10; k++)
    {
        const char *what = "";
        bad = in;
        want = ERROR_INVALID_DATA;
        switch (k)
        {
        case 0: what = "cut in a value"; bad.n -= 8; want = ERROR_INSUFFICIENT_BUFFER; break;
        case 1: what = "cut in a header"; bad.n = first.n + 4; want = ERROR_INSUFFICIENT_BUFFER; break;
        case 2: what = "length past the end"; v = 0x7ffffff0; memcpy(bad.b + 8, &v, 4);
            want = ERROR_INSUFFICIENT_BUFFER; break;
        case 3: what = "misaligned"; bad.b[bad.n++] = 0; break;
        case 4: what = "name of a DWORD syntax"; v = CLUSPROP_SYNTAX_LIST_VALUE_DWORD; memcpy(bad.b + 4, &v, 4); break;
        case 5: what = "count too large"; v = 3; memcpy(bad.b, &v, 4); break;
        case 6: what = "no end mark"; bad.n -= 4; break;
        case 7: what = "bytes after the list"; add32(&bad, 0); break;
        case 8: what = "unknown syntax"; v = 0x12345678; memcpy(bad.b + 12 + sizeof(L"CommandLine"), &v, 4); break;
        case 9: what = "no buffer"; bad.n = 0; want = RPC_X_BAD_STUB_DATA; break;
        }
        for (i = 0; i < ARRAY_SIZE(codes); i++)
        {
            err = ctl(t, codes[i], bad.n ? bad.b : NULL, bad.n, NULL, 0, &returned);
            ok(err == want, "%s, code %#lx: got %lu\n", what, codes[i], err);
        }
    }
    ok(same_get(t, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, before, size), "a malformed list changed something\n");
    ok(same_get(t, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, common, common_size),
       "a malformed list changed a common property\n");
}

/* ---- The other classes ---- */

static void test_group(const struct target *t)
{
    static const WCHAR *const names[] =
    {
        L"AdminExtensions", L"AntiAffinityClassNames", L"AutoFailbackType", L"Description", L"FailbackWindowEnd",
        L"FailbackWindowStart", L"FailoverPeriod", L"FailoverThreshold", L"PersistentState",
    };
    static const struct prop defaults[] =
    {
        DW(L"AutoFailbackType", 0), DW(L"FailbackWindowEnd", 0xffffffff), DW(L"FailbackWindowStart", 0xffffffff),
        DW(L"FailoverPeriod", 6), DW(L"FailoverThreshold", 0xffffffff), DW(L"PersistentState", 0),
    };
    static const struct prop ro[] = { SZ(L"Name", L"wineclus props group") };
    static const struct prop window[] = { DW(L"FailbackWindowStart", 24) };
    static const struct prop failback[] = { DW(L"AutoFailbackType", 1) };
    static const struct prop mine[] = { SZ(L"Owner", L"wineclus tests"), DW(L"Level", 3) };
    static const WCHAR *const mine_names[] = { L"Owner", L"Level" };
    struct prop after[ARRAY_SIZE(defaults)];
    DWORD err;

    check_enum(t, CLUSCTL_GROUP_ENUM_COMMON_PROPERTIES, names, ARRAY_SIZE(names), "group ENUM");
    check_get(t, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, defaults, ARRAY_SIZE(defaults), "group GET");
    check_get(t, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, ro, ARRAY_SIZE(ro), "group GET_RO");
    check_get(t, CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES, NULL, 0, "group GET_PRIVATE");
    err = set_props(t, CLUSCTL_GROUP_VALIDATE_COMMON_PROPERTIES, window, ARRAY_SIZE(window));
    ok(err == ERROR_INVALID_DATA, "FailbackWindowStart 24: got %lu\n", err);

    err = set_props(t, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, failback, ARRAY_SIZE(failback));
    ok(!err, "group SET: got %lu\n", err);
    memcpy(after, defaults, sizeof(defaults));
    after[0] = failback[0];
    check_get(t, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, after, ARRAY_SIZE(after), "group GET after SET");
    check_reg_value(GetClusterGroupKey(t->group, KEY_READ), NULL, L"AutoFailbackType", REG_DWORD,
                    &failback[0].dword, sizeof(DWORD));
    /* Private properties of a group are whatever it keeps. */
    err = set_props(t, CLUSCTL_GROUP_SET_PRIVATE_PROPERTIES, mine, ARRAY_SIZE(mine));
    ok(!err, "group SET_PRIVATE: got %lu\n", err);
    check_get(t, CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES, mine, ARRAY_SIZE(mine), "group GET_PRIVATE after SET");
    check_enum(t, CLUSCTL_GROUP_ENUM_PRIVATE_PROPERTIES, mine_names, ARRAY_SIZE(mine_names), "group ENUM_PRIVATE");
}

static void test_node(const struct target *t)
{
    static const WCHAR *const names[] = { L"AdminExtensions", L"Description", L"EnableEventLogReplication" };
    static const struct prop defaults[] = { DW(L"EnableEventLogReplication", 1) };
    static const struct prop major[] = { DW(L"MajorVersion", 6) };
    static const struct prop replication[] = { DW(L"EnableEventLogReplication", 0) };
    DWORD starts[16], ends[16], count, size = 0, err;
    BYTE *list;

    check_enum(t, CLUSCTL_NODE_ENUM_COMMON_PROPERTIES, names, ARRAY_SIZE(names), "node ENUM");
    check_get(t, CLUSCTL_NODE_GET_COMMON_PROPERTIES, defaults, ARRAY_SIZE(defaults), "node GET");
    /* Server 2003 is 5.2. */
    list = get_list(t, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, &size);
    ok(split_list(list, size, starts, ends, ARRAY_SIZE(starts), &count) && count == 7,
       "node GET_RO: %lu bytes, %lu properties\n", size, count);
    HeapFree(GetProcessHeap(), 0, list);
    err = set_props(t, CLUSCTL_NODE_SET_COMMON_PROPERTIES, major, ARRAY_SIZE(major));
    ok(err == ERROR_INVALID_PARAMETER, "SET of MajorVersion: got %lu\n", err);
    err = set_props(t, CLUSCTL_NODE_SET_COMMON_PROPERTIES, replication, ARRAY_SIZE(replication));
    ok(!err, "node SET: got %lu\n", err);
    check_get(t, CLUSCTL_NODE_GET_COMMON_PROPERTIES, replication, ARRAY_SIZE(replication), "node GET after SET");
    err = set_props(t, CLUSCTL_NODE_SET_COMMON_PROPERTIES, defaults, ARRAY_SIZE(defaults));
    ok(!err, "node SET back: got %lu\n", err);
}

static void test_type(const struct target *t)
{
    static const WCHAR *const names[] =
    {
        L"AdminExtensions", L"DebugControlFunctions", L"DebugPrefix", L"Description", L"IsAlivePollInterval",
        L"LooksAlivePollInterval", L"Name",
    };
    static const struct prop ro[] = { SZ(L"DllName", L"clusres.dll") };
    static const struct prop poll[] = { DW(L"IsAlivePollInterval", 30000) };
    static const struct prop poll_default[] = { DW(L"IsAlivePollInterval", 60000) };
    DWORD err;
    static const struct prop private_fmts[] =
    {
        FMT(L"CommandLine", CLUSPROP_FORMAT_SZ), FMT(L"CurrentDirectory", CLUSPROP_FORMAT_SZ),
        FMT(L"InteractWithDesktop", CLUSPROP_FORMAT_DWORD), FMT(L"UseNetworkName", CLUSPROP_FORMAT_DWORD),
    };

    check_enum(t, CLUSCTL_RESOURCE_TYPE_ENUM_COMMON_PROPERTIES, names, ARRAY_SIZE(names), "type ENUM");
    check_get(t, CLUSCTL_RESOURCE_TYPE_GET_RO_COMMON_PROPERTIES, ro, ARRAY_SIZE(ro), "type GET_RO");
    check_get(t, CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_RESOURCE_PROPERTY_FMTS, private_fmts, ARRAY_SIZE(private_fmts),
              "type's resource private FMTS");
    err = set_props(t, CLUSCTL_RESOURCE_TYPE_SET_COMMON_PROPERTIES, poll, ARRAY_SIZE(poll));
    ok(!err, "type SET: got %lu\n", err);
    ok(get_dword(t, CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES, L"IsAlivePollInterval") == 30000, "not stored\n");
    err = set_props(t, CLUSCTL_RESOURCE_TYPE_SET_COMMON_PROPERTIES, poll_default, ARRAY_SIZE(poll_default));
    ok(!err, "type SET back: got %lu\n", err);
}

static void test_cluster(const struct target *t)
{
    static const struct prop defaults[] =
    {
        DW(L"ClusSvcHeartbeatTimeout", 60), DW(L"DefaultNetworkRole", 3), DW(L"EnableEventDeltaGeneration", 1),
        DW(L"EnableEventLogReplication", 1), DW(L"EnableResourceDllDeadlockDetection", 0),
        DW(L"QuorumArbitrationTimeMax", 20), DW(L"QuorumArbitrationTimeMin", 7),
        DW(L"ResourceDllDeadlockPeriod", 1800), DW(L"ResourceDllDeadlockThreshold", 3),
        DW(L"ResourceDllDeadlockTimeout", 240),
    };
    static const struct prop too_long[] = { DW(L"QuorumArbitrationTimeMax", 3601) };
    static const struct prop heartbeat[] = { DW(L"ClusSvcHeartbeatTimeout", 90) };
    static const struct prop mine[] = { DW(L"WineclusTestLevel", 4) };
    HKEY root, params;
    DWORD err;

    check_get(t, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, defaults, ARRAY_SIZE(defaults), "cluster GET");
    check_get(t, CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES, NULL, 0, "cluster GET_RO");
    err = set_props(t, CLUSCTL_CLUSTER_VALIDATE_COMMON_PROPERTIES, too_long, ARRAY_SIZE(too_long));
    ok(err == ERROR_INVALID_DATA, "QuorumArbitrationTimeMax 3601: got %lu\n", err);
    err = set_props(t, CLUSCTL_CLUSTER_SET_COMMON_PROPERTIES, heartbeat, ARRAY_SIZE(heartbeat));
    ok(!err, "cluster SET: got %lu\n", err);
    ok(get_dword(t, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, L"ClusSvcHeartbeatTimeout") == 90, "not stored\n");
    err = set_props(t, CLUSCTL_CLUSTER_SET_COMMON_PROPERTIES, defaults, 1);
    ok(!err, "cluster SET back: got %lu\n", err);
    /* The cluster's private properties: the root's Parameters key. */
    err = set_props(t, CLUSCTL_CLUSTER_SET_PRIVATE_PROPERTIES, mine, ARRAY_SIZE(mine));
    ok(!err, "cluster SET_PRIVATE: got %lu\n", err);
    ok(get_dword(t, CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTIES, L"WineclusTestLevel") == 4, "not stored\n");
    if ((root = GetClusterKey(t->cluster, KEY_ALL_ACCESS)))
    {
        if (!ClusterRegOpenKey(root, L"Parameters", KEY_ALL_ACCESS, &params))
        {
            ok(!ClusterRegDeleteValue(params, L"WineclusTestLevel"), "the value is not under Parameters\n");
            ClusterRegCloseKey(params);
        }
        ClusterRegCloseKey(root);
    }
    ok(!get_dword(t, CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTIES, L"WineclusTestLevel"), "still there\n");
}


static void set_extra(const struct target *t, DWORD value)
{
    struct prop p = DW(L"WineclusExtra", value);
    DWORD err = set_props(t, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, &p, 1);

    ok(!err, "SET_PRIVATE: %lu\n", err);
}

/* A property is part of the cluster database: a restore brings back the
 * value it had at the backup. */
static void test_backup_restore(struct target *t)
{
    static const struct prop kept[] = { SZ(L"Description", L"backed up") };
    static const struct prop lost[] = { SZ(L"Description", L"changed after the backup") };
    WCHAR dir[MAX_PATH];
    DWORD err, value;

    if (!restore_set_dir(L"wineclus-props-backup", dir)) return;
    set_extra(t, 1111);
    err = set_props(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, kept, ARRAY_SIZE(kept));
    ok(!err, "SET: %lu\n", err);
    err = BackupClusterDatabase(t->cluster, dir);
    /* Server 2008 and later dropped backup. */
    ok(!err || broken(err == ERROR_CALL_NOT_IMPLEMENTED || err == ERROR_INVALID_FUNCTION), "backup: %lu\n", err);
    if (!err)
    {
        set_extra(t, 2222);
        set_props(t, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, lost, ARRAY_SIZE(lost));
        err = RestoreClusterDatabase(dir, FALSE, NULL);
        ok(!err, "restore: %lu\n", err);
        CloseClusterResource(t->res);
        t->res = OpenClusterResource(t->cluster, prop_resource);
        ok(t->res != NULL, "the resource is gone after the restore: %lu\n", GetLastError());
        value = t->res ? get_dword(t, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, L"WineclusExtra") : 0;
        ok(value == 1111, "after the restore: %lu\n", value);
        if (t->res) check_reg_value(GetClusterResourceKey(t->res, KEY_READ), NULL, L"Description", REG_SZ,
                                    kept[0].text, kept[0].size);
    }
    delete_tree(dir);
}

static HNODE open_some_node(HCLUSTER cluster)
{
    HCLUSENUM en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    WCHAR name[256];
    DWORD type, len = ARRAY_SIZE(name);
    HNODE node = NULL;

    if (en && !ClusterEnum(en, 0, &type, name, &len)) node = OpenClusterNode(cluster, name);
    if (en) ClusterCloseEnum(en);
    return node;
}

START_TEST(props)
{
    struct target t = { 0 };
    DWORD err, returned;

    t.cluster = OpenCluster(NULL);
    if (!t.cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    t.type = L"Generic Application";
    t.group = CreateClusterGroup(t.cluster, prop_group);
    ok(t.group != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    if (t.group) t.res = CreateClusterResource(t.group, prop_resource, L"Generic Application", 0);
    ok(t.res != NULL, "CreateClusterResource: %lu\n", GetLastError());
    t.node = open_some_node(t.cluster);
    ok(t.node != NULL, "no node: %lu\n", GetLastError());
    if (t.res && t.group && t.node)
    {
        test_resource_common(&t);
        test_resource_private(&t);
        test_malformed(&t);
        test_online(&t);
        test_group(&t);
        test_node(&t);
        test_type(&t);
        test_cluster(&t);
        test_backup_restore(&t);
        if (winetest_platform_is_wine && t.res)
        {
            err = ClusterResourceControl((HRESOURCE)t.group, NULL, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, NULL, 0,
                                         NULL, 0, &returned);
            ok(err == ERROR_INVALID_HANDLE, "group handle: got %lu\n", err);
        }
    }
    if (t.res)
    {
        DeleteClusterResource(t.res);
        CloseClusterResource(t.res);
    }
    if (t.group)
    {
        DeleteClusterGroup(t.group);
        CloseClusterGroup(t.group);
    }
    if (t.node) CloseClusterNode(t.node);
    CloseCluster(t.cluster);
}

/* The property definitions (cs_propdefs.c) against facts from Microsoft's
 * ClusAPI reference (docs/properties.md cites the pages), and the rules
 * (cs_propcheck.c) at every boundary. */
#include "clusstore.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const cs_propdef *common(int cls, const char *name)
{
    size_t n;
    const cs_propdef *t = cs_propdefs_common(cls, &n);

    return cs_propdef_find(t, n, name);
}

static const cs_propdef *private(const char *type, const char *name)
{
    size_t n;
    const cs_propdef *t = cs_propdefs_private(type, &n);

    return cs_propdef_find(t, n, name);
}

static uint32_t check_dword(const cs_propdef *d, uint32_t v)
{
    return cs_propdef_check(d, CS_PROP_DWORD, &v, sizeof(v));
}

static uint32_t check_sz(const cs_propdef *d, const char *s, size_t size)
{
    return cs_propdef_check(d, d->format, s, size);
}

static uint32_t dword_default(const cs_propdef *d)
{
    uint32_t v = 0xdeadbeef;
    size_t size = 0;

    if (!d || cs_propdef_default(d, &v, sizeof(v), &size) || size != sizeof(v))
        return 0xdeadbeef;
    return v;
}

/* A DWORD definition as its reference page has it: range, access, default. */
static void expect_dword(const cs_propdef *d, int64_t min, int64_t max, int has_default, uint32_t dflt, int ro)
{
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_EQ(d->format, CS_PROP_DWORD);
    CHECK(d->min == min);
    CHECK(d->max == max);
    CHECK_EQ(!!(d->flags & CS_PD_READ_ONLY), ro);
    CHECK_EQ(!!(d->flags & CS_PD_DEFAULT), has_default);
    if (has_default)
        CHECK_EQ(dword_default(d), dflt);
}

static void test_documented_facts(void)
{
    /* Resource Common Properties. */
    expect_dword(common(CS_CLASS_RESOURCE, "PendingTimeout"), 10, 0xFFFFFFFFll, 1, 180000, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "RestartAction"), 0, 2, 1, 2, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "RestartPeriod"), 0, 0xFFFFFFFFll, 1, 900000, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "RestartThreshold"), 0, 0xFFFFFFFFll, 1, 3, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "RetryPeriodOnFailure"), 0, 0xFFFFFFFFll, 1, 0x36EE80, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "LooksAlivePollInterval"), 10, 0xFFFFFFFFll, 1, 0xFFFFFFFF, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "IsAlivePollInterval"), 10, 0xFFFFFFFFll, 1, 60000, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "SeparateMonitor"), 0, 1, 1, 0, 0);
    expect_dword(common(CS_CLASS_RESOURCE, "PersistentState"), 0, 1, 1, 0, 0);
    CHECK(common(CS_CLASS_RESOURCE, "Type")->flags & CS_PD_COLUMN);
    CHECK(!(common(CS_CLASS_RESOURCE, "Type")->flags & CS_PD_READ_ONLY));
    CHECK(common(CS_CLASS_RESOURCE, "Name")->flags & CS_PD_READ_ONLY);
    CHECK(common(CS_CLASS_GROUP, "Name")->flags & CS_PD_READ_ONLY);
    CHECK(common(CS_CLASS_NETWORK, "Name")->flags & CS_PD_READ_ONLY);
    CHECK_EQ(common(CS_CLASS_RESOURCE, "AdminExtensions")->format, CS_PROP_MULTI_SZ);
    /* Not a Server 2003 property (RestartDelay: Windows Server 2012). */
    CHECK(common(CS_CLASS_RESOURCE, "RestartDelay") == NULL);
    /* Resource Type Common Properties: the type's poll intervals. */
    expect_dword(common(CS_CLASS_RESTYPE, "LooksAlivePollInterval"), 1, 0xFFFFFFFFll, 1, 5000, 0);
    expect_dword(common(CS_CLASS_RESTYPE, "IsAlivePollInterval"), 1, 0xFFFFFFFFll, 1, 60000, 0);
    CHECK(common(CS_CLASS_RESTYPE, "DllName")->flags & CS_PD_READ_ONLY);
    /* Group Common Properties. */
    expect_dword(common(CS_CLASS_GROUP, "AutoFailbackType"), 0, 1, 1, 0, 0);
    CHECK_EQ(common(CS_CLASS_GROUP, "AntiAffinityClassNames")->format, CS_PROP_MULTI_SZ);
    expect_dword(common(CS_CLASS_GROUP, "FailoverPeriod"), 0, 1193, 1, 6, 0);
    expect_dword(common(CS_CLASS_GROUP, "FailoverThreshold"), 0, 0xFFFFFFFFll, 1, 0xFFFFFFFF, 0);
    expect_dword(common(CS_CLASS_GROUP, "FailbackWindowStart"), 0, 23, 1, 0xFFFFFFFF, 0);
    expect_dword(common(CS_CLASS_GROUP, "FailbackWindowEnd"), 0, 23, 1, 0xFFFFFFFF, 0);
    /* Node Common Properties: the versions are read-only. */
    expect_dword(common(CS_CLASS_NODE, "NodeHighestVersion"), 0x000100E0, 0xFFFFFFF, 0, 0, 1);
    expect_dword(common(CS_CLASS_NODE, "MajorVersion"), 4, 0xFFFFFFF, 0, 0, 1);
    CHECK(common(CS_CLASS_NODE, "NodeName")->flags & CS_PD_READ_ONLY);
    expect_dword(common(CS_CLASS_NODE, "EnableEventLogReplication"), 0, 1, 1, 1, 0);
    /* Cluster Common Properties, with Server 2003's values (2008: 60 s). */
    expect_dword(common(CS_CLASS_CLUSTER, "QuorumArbitrationTimeMax"), 1, 3600, 1, 20, 0);
    expect_dword(common(CS_CLASS_CLUSTER, "QuorumArbitrationTimeMin"), 1, 3600, 1, 7, 0);
    expect_dword(common(CS_CLASS_CLUSTER, "DefaultNetworkRole"), 0, 3, 1, 3, 0);
    CHECK_EQ(common(CS_CLASS_CLUSTER, "Security Descriptor")->format, CS_PROP_BINARY);
    /* Network and network interface Common Properties. */
    expect_dword(common(CS_CLASS_NETWORK, "Role"), 0, 3, 1, 3, 0);
    CHECK(common(CS_CLASS_NETWORK, "AddressMask")->flags & CS_PD_READ_ONLY);
    CHECK(common(CS_CLASS_NETINTERFACE, "Node")->flags & CS_PD_READ_ONLY);
    /* Private properties. */
    expect_dword(private("IP Address", "EnableNetBIOS"), 0, 2, 1, 1, 0);
    CHECK(private("IP Address", "Network")->flags & CS_PD_READ_ONLY);
    CHECK(private("IP Address", "SubnetMask")->flags & CS_PD_REQUIRED);
    expect_dword(private("File Share", "MaxUsers"), 0, 0xFFFFFFFFll, 1, 0xFFFFFFFF, 0);
    CHECK_EQ(private("File Share", "CSCCache")->format, CS_PROP_BINARY);
    expect_dword(private("Physical Disk", "Signature"), 0, 0xFFFFFFFFll, 1, 0, 0);
    expect_dword(private("Local Quorum", "Debug"), 0, 1, 1, 0, 0);
    expect_dword(private("Print Spooler", "JobCompletionTimeout"), 0, 0xFFFFFFFFll, 1, 0, 0);
    CHECK(private("Generic Service", "ServiceName")->flags & CS_PD_REQUIRED);
    CHECK(private("Network Name", "Name")->flags & CS_PD_REQUIRED);
    CHECK_EQ(private("Volume Shadow Copy Service Task", "CurrentDirectory")->format, CS_PROP_EXPAND_SZ);
    expect_dword(private("Physical Disk", "ConditionalMount"), 0, 1, 1, 1, 0);
    CHECK_EQ(private("Physical Disk", "MountVolumeInfo")->format, CS_PROP_BINARY);
    expect_dword(private("File Share", "ShareFlags"), 0, 0xF30, 1, 0, 0);
    CHECK(private("File Share", "Security Descriptor")->flags & CS_PD_AT_ONLINE);
    expect_dword(private("Network Name", "RequireDNS"), 0, 1, 1, 0, 0);
    CHECK(private("Network Name", "ResourceData")->flags & CS_PD_READ_ONLY);
    expect_dword(common(CS_CLASS_NODE, "NodeLowestVersion"), 0x000100E0, 0xFFFFFF, 0, 0, 1);
    CHECK(common(CS_CLASS_NETINTERFACE, "Name")->flags & CS_PD_READ_ONLY);
    CHECK(!(common(CS_CLASS_RESTYPE, "Name")->flags & CS_PD_READ_ONLY));
    CHECK_EQ(common(CS_CLASS_NETWORK, "AdminExtensions")->format, CS_PROP_MULTI_SZ);
    /* RetryPeriodOnFailure: minimum "RestartPeriod value". */
    CHECK_EQ(cs_propdef_check_retry_period(900000, 900000), 0);
    CHECK_EQ(cs_propdef_check_retry_period(900000, 899999), CS_ERROR_INVALID_DATA);
    CHECK_EQ(cs_propdef_check_retry_period(900000, 0xFFFFFFFF), 0);
    {
        char buf[64];
        size_t size = 0;

        CHECK_EQ(cs_propdef_default(private("WINS Service", "BackupPath"), buf, sizeof(buf), &size), 0);
        CHECK(size == sizeof("%SystemRoot%\\wins\\backup") && !strcmp(buf, "%SystemRoot%\\wins\\backup"));
        CHECK_EQ(cs_propdef_default(private("WINS Service", "DatabasePath"), buf, sizeof(buf), &size), 0);
        CHECK(!strcmp(buf, "%SystemRoot%\\wins\\wins.mdb"));
    }
}

static void test_lookup(void)
{
    const cs_propdef *t;
    size_t n = 99;

    CHECK(common(CS_CLASS_RESOURCE, "pendingtimeout") == common(CS_CLASS_RESOURCE, "PENDINGTIMEOUT"));
    CHECK(common(CS_CLASS_RESOURCE, "PendingTimeoutX") == NULL);
    CHECK(common(CS_CLASS_RESOURCE, NULL) == NULL);
    CHECK(cs_propdefs_common(0, &n) == NULL && n == 0);
    CHECK(cs_propdefs_common(CS_CLASS_NETINTERFACE + 1, &n) == NULL && n == 0);
    CHECK(cs_propdefs_private("ip address", &n) != NULL && n == 4);
    CHECK(cs_propdefs_private("Generic Script", &n) == NULL && n == 0);
    CHECK(cs_propdefs_private("Distributed Transaction Coordinator", &n) == NULL && n == 0);
    CHECK(cs_propdefs_private("Message Queuing", &n) == NULL && n == 0);
    CHECK(cs_propdefs_private("Majority Node Set", &n) == NULL && n == 0);
    CHECK(cs_propdefs_private("Some Vendor Type", &n) == NULL && n == 0);
    CHECK(cs_propdefs_private(NULL, &n) == NULL && n == 0);
    /* ENUM order: the reference's. */
    t = cs_propdefs_common(CS_CLASS_RESOURCE, &n);
    CHECK(!strcmp(t[0].name, "AdminExtensions"));
    CHECK(!strcmp(t[n - 1].name, "Type"));
}

/* Every table: names unique (case-insensitively), the flags consistent. */
static void test_tables_sane(const cs_propdef *t, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++)
            CHECK(strcasecmp(t[i].name, t[j].name) != 0);
        if (t[i].format == CS_PROP_DWORD)
            CHECK(t[i].min >= 0 && t[i].min <= t[i].max && t[i].max <= 0xFFFFFFFFll);
        if ((t[i].flags & CS_PD_DEFAULT) && t[i].format == CS_PROP_DWORD)
            CHECK_EQ(cs_propdef_check(&(cs_propdef){ t[i].name, t[i].format, t[i].flags & ~CS_PD_READ_ONLY,
                                                       t[i].min, t[i].max, 0, NULL },
                                      CS_PROP_DWORD, &t[i].dword_default, 4),
                     0);
        CHECK(!((t[i].flags & CS_PD_DEFAULT) && t[i].format != CS_PROP_DWORD && !t[i].sz_default));
    }
}

/* Each DWORD's boundaries: min-1, min, max, max+1 (where they fit in a DWORD). */
static void test_dword_bounds(const cs_propdef *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const cs_propdef *d = &t[i];

        if (d->format != CS_PROP_DWORD)
            continue;
        CHECK_EQ(cs_propdef_listed(d), !(d->flags & CS_PD_READ_ONLY));
        if (d->flags & CS_PD_READ_ONLY) {
            CHECK_EQ(check_dword(d, (uint32_t)d->min), CS_ERROR_INVALID_PARAMETER);
            continue;
        }
        CHECK_EQ(check_dword(d, (uint32_t)d->min), 0);
        CHECK_EQ(check_dword(d, (uint32_t)d->max), 0);
        if (d->min > 0)
            CHECK_EQ(check_dword(d, (uint32_t)(d->min - 1)), CS_ERROR_INVALID_DATA);
        if (d->max < 0xFFFFFFFFll) {
            CHECK_EQ(check_dword(d, (uint32_t)(d->max + 1)), CS_ERROR_INVALID_DATA);
            CHECK_EQ(check_dword(d, 0xFFFFFFFFu), (d->flags & CS_PD_ALL_ONES) ? 0 : CS_ERROR_INVALID_DATA);
        }
        CHECK_EQ(cs_propdef_check(d, CS_PROP_DWORD, "\1\0\0", 3), CS_ERROR_INVALID_PARAMETER);
        CHECK_EQ(cs_propdef_check(d, CS_PROP_DWORD, "\1\0\0\0\0", 5), CS_ERROR_INVALID_PARAMETER);
        CHECK_EQ(cs_propdef_check(d, CS_PROP_SZ, "1", 2), CS_ERROR_INVALID_PARAMETER);
        CHECK_EQ(cs_propdef_check(d, CS_PROP_LONG, &d->dword_default, 4), CS_ERROR_INVALID_PARAMETER);
    }
}

/* Every definition against short runs of hostile bytes: an answer, never a
 * read past the buffer (ASan watches), and only the codes the rules name. */
static void test_hostile_bytes(const cs_propdef *t, size_t n)
{
    static const unsigned char pats[][9] = {
        { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
        { 'a', 0, 'b', 0, 0, 'c', 0, 0, 0 }, { 0xc3, 0xa9, 0, 0xe2, 0x82, 0, 0xf0, 0x9f, 0 },
    };
    size_t i, p, size;
    uint32_t fmt, err;
    int bad = 0;

    for (i = 0; i < n; i++)
        for (p = 0; p < sizeof(pats) / sizeof(pats[0]); p++)
            for (size = 0; size <= sizeof(pats[0]); size++)
                for (fmt = 0; fmt <= CS_PROP_LONG + 1; fmt++) {
                    unsigned char *copy = malloc(size ? size : 1);

                    memcpy(copy, pats[p], size);
                    err = cs_propdef_check(&t[i], fmt, copy, size);
                    if (err != 0 && err != CS_ERROR_INVALID_PARAMETER && err != CS_ERROR_INVALID_DATA)
                        bad++;
                    if (fmt != t[i].format && err != CS_ERROR_INVALID_PARAMETER)
                        bad++;
                    free(copy);
                }
    CHECK_EQ(bad, 0);
}

static void test_all_tables(void)
{
    static const char *const types[] = { "Generic Application", "Generic Service", "IP Address", "Network Name",
                                         "Physical Disk", "File Share", "Print Spooler", "DHCP Service",
                                         "WINS Service", "Local Quorum", "Volume Shadow Copy Service Task" };
    size_t n, i;
    const cs_propdef *t;
    int cls;

    for (cls = CS_CLASS_CLUSTER; cls <= CS_CLASS_NETINTERFACE; cls++) {
        CHECK((t = cs_propdefs_common(cls, &n)) != NULL && n > 0);
        test_tables_sane(t, n);
        test_dword_bounds(t, n);
        test_hostile_bytes(t, n);
        CHECK(cs_propdef_find(t, n, "Description") != NULL);
    }
    for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        CHECK((t = cs_propdefs_private(types[i], &n)) != NULL && n > 0);
        test_tables_sane(t, n);
        test_dword_bounds(t, n);
        test_hostile_bytes(t, n);
    }
}

static void test_strings(void)
{
    const cs_propdef *desc = common(CS_CLASS_RESOURCE, "Description");
    const cs_propdef *cmd = private("Generic Application", "CommandLine");
    const cs_propdef *ro = common(CS_CLASS_NODE, "NodeName");
    const cs_propdef *multi = common(CS_CLASS_RESOURCE, "AdminExtensions");
    const cs_propdef *bin = common(CS_CLASS_CLUSTER, "Security Descriptor");

    CHECK_EQ(check_sz(desc, "", 1), 0);                             /* optional: empty is fine */
    CHECK_EQ(check_sz(desc, "two\nlines\t", sizeof("two\nlines\t")), 0);               /* Windows strings may hold them */
    CHECK_EQ(check_sz(cmd, "", 1), CS_ERROR_INVALID_DATA);          /* required: not empty */
    CHECK_EQ(check_sz(cmd, "a.exe", 6), 0);
    CHECK_EQ(check_sz(cmd, "a.exe", 5), CS_ERROR_INVALID_PARAMETER);  /* no NUL */
    CHECK_EQ(check_sz(cmd, "a\0b", 4), CS_ERROR_INVALID_PARAMETER);   /* NUL inside */
    CHECK_EQ(check_sz(cmd, "\xc3\x28", 3), CS_ERROR_INVALID_DATA);  /* not UTF-8 */
    CHECK_EQ(check_sz(cmd, "\xed\xa0\x80", 4), CS_ERROR_INVALID_DATA); /* a UTF-16 surrogate */
    CHECK_EQ(check_sz(cmd, "caf\xc3\xa9", 6), 0);
    CHECK_EQ(check_sz(cmd, NULL, 0), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check_sz(cmd, NULL, 4), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_propdef_check(cmd, CS_PROP_EXPAND_SZ, "a", 2), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check_sz(ro, "NODE1", 6), CS_ERROR_INVALID_PARAMETER); /* read-only */
    CHECK_EQ(cs_propdef_listed(ro), 0);
    CHECK_EQ(cs_propdef_listed(desc), 1);
    CHECK_EQ(cs_propdef_check(NULL, CS_PROP_SZ, "a", 2), CS_ERROR_INVALID_PARAMETER);

    CHECK_EQ(check_sz(multi, "", 1), 0);                             /* no strings */
    CHECK_EQ(check_sz(multi, "a\0", 3), 0);
    CHECK_EQ(check_sz(multi, "a\0bc\0", 6), 0);
    CHECK_EQ(check_sz(multi, "a", 2), CS_ERROR_INVALID_PARAMETER);       /* not closed */
    CHECK_EQ(check_sz(multi, "a\0b", 4), CS_ERROR_INVALID_PARAMETER);    /* last not closed */
    CHECK_EQ(check_sz(multi, "a\0\0b", 5), CS_ERROR_INVALID_PARAMETER);  /* bytes after the end */
    CHECK_EQ(check_sz(multi, "\0\0", 2), CS_ERROR_INVALID_PARAMETER);    /* bytes after the end */
    CHECK_EQ(check_sz(multi, NULL, 0), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check_sz(multi, "\xff\0", 3), CS_ERROR_INVALID_DATA);
    CHECK_EQ(check_sz(multi, "a\0\xff\0", 5), CS_ERROR_INVALID_DATA);

    CHECK_EQ(cs_propdef_check(bin, CS_PROP_BINARY, NULL, 0), 0);
    CHECK_EQ(cs_propdef_check(bin, CS_PROP_BINARY, "\0\1\2", 3), 0);
    CHECK_EQ(cs_propdef_check(bin, CS_PROP_SZ, "a", 2), CS_ERROR_INVALID_PARAMETER);
}

static void test_other_formats(void)
{
    cs_propdef l = { "L", CS_PROP_LONG, 0, -5, 5, 0, NULL }, q = { "Q", CS_PROP_ULARGE_INTEGER, 0, 0, 0, 0, NULL };
    int32_t v;

    v = -5;
    CHECK_EQ(cs_propdef_check(&l, CS_PROP_LONG, &v, 4), 0);
    v = -6;
    CHECK_EQ(cs_propdef_check(&l, CS_PROP_LONG, &v, 4), CS_ERROR_INVALID_DATA);
    v = 5;
    CHECK_EQ(cs_propdef_check(&l, CS_PROP_LONG, &v, 4), 0);
    v = 6;
    CHECK_EQ(cs_propdef_check(&l, CS_PROP_LONG, &v, 4), CS_ERROR_INVALID_DATA);
    CHECK_EQ(cs_propdef_check(&l, CS_PROP_LONG, &v, 2), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_propdef_check(&q, CS_PROP_ULARGE_INTEGER, "12345678", 8), 0);
    CHECK_EQ(cs_propdef_check(&q, CS_PROP_ULARGE_INTEGER, "1234", 4), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_propdef_check(&(cs_propdef){ "X", 99, 0, 0, 0, 0, NULL }, 99, "", 0), CS_ERROR_INVALID_PARAMETER);
}

static void test_defaults(void)
{
    const cs_propdef *pt = common(CS_CLASS_RESOURCE, "PendingTimeout");
    const cs_propdef *wins = private("WINS Service", "BackupPath");
    uint32_t v;
    size_t size = 0;
    char small[4];

    CHECK_EQ(cs_propdef_default(pt, &v, 3, &size), CS_ERROR_MORE_DATA);
    CHECK_EQ(size, 4);
    CHECK_EQ(cs_propdef_default(pt, NULL, 0, &size), CS_ERROR_MORE_DATA);
    CHECK_EQ(cs_propdef_default(wins, small, sizeof(small), &size), CS_ERROR_MORE_DATA);
    CHECK_EQ(size, sizeof("%SystemRoot%\\wins\\backup"));
    CHECK_EQ(cs_propdef_default(common(CS_CLASS_RESOURCE, "Description"), &v, 4, &size), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_propdef_default(private("IP Address", "Address"), &v, 4, &size), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_propdef_default(NULL, &v, 4, &size), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_propdef_default(pt, &v, 4, NULL), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_propdef_listed(NULL), 0);
    CHECK_EQ(cs_propdef_set_status(NULL, 1), 0);
}

static void test_set_status(void)
{
    CHECK_EQ(cs_propdef_set_status(common(CS_CLASS_RESOURCE, "SeparateMonitor"), 1),
             CS_ERROR_RESOURCE_PROPERTIES_STORED);
    CHECK_EQ(cs_propdef_set_status(common(CS_CLASS_RESOURCE, "SeparateMonitor"), 0), 0);
    CHECK_EQ(cs_propdef_set_status(private("File Share", "Security"), 1), CS_ERROR_RESOURCE_PROPERTIES_STORED);
    CHECK_EQ(cs_propdef_set_status(common(CS_CLASS_RESOURCE, "PendingTimeout"), 1), 0);
    CHECK_EQ(CS_ERROR_RESOURCE_PROPERTIES_STORED, 5024);
}

/* docs/properties.md prints every table; its rows must say what the code
 * holds (run from the top of the tree, as make check does). */
static const char *format_name(uint32_t f)
{
    static const char *const names[] = { "?", "BINARY", "DWORD", "SZ", "EXPAND_SZ", "MULTI_SZ", "ULARGE_INTEGER",
                                         "LONG" };
    return f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

static void number(int64_t v, char *buf, size_t n)
{
    if (v == 0xFFFFFFFFll || v == 0xFFFFFFFll || v == 0xFFFFFFll || v == 0x100E0 || v == 0xF30)
        snprintf(buf, n, "0x%llX", (unsigned long long)v);
    else
        snprintf(buf, n, "%lld", (long long)v);
}

static void doc_row(const cs_propdef *d, char *row, size_t n)
{
    char dflt[64] = "none", range[64] = "", lo[24], hi[24], notes[64] = "";

    if ((d->flags & CS_PD_DEFAULT) && d->format == CS_PROP_DWORD)
        number(d->dword_default, dflt, sizeof(dflt));
    else if (d->flags & CS_PD_DEFAULT)
        snprintf(dflt, sizeof(dflt), "`%s`", d->sz_default);
    if (d->format == CS_PROP_DWORD) {
        number(d->min, lo, sizeof(lo));
        number(d->max, hi, sizeof(hi));
        snprintf(range, sizeof(range), "%s..%s%s", lo, hi, (d->flags & CS_PD_ALL_ONES) ? " or 0xFFFFFFFF" : "");
    }
    if (d->flags & CS_PD_REQUIRED)
        strcat(notes, "required; ");
    if (d->flags & CS_PD_COLUMN)
        strcat(notes, "store column; ");
    if (d->flags & CS_PD_AT_ONLINE)
        strcat(notes, "5024 while online; ");
    if (*notes)
        notes[strlen(notes) - 2] = 0;
    snprintf(row, n, "| %s | %s | %s | %s | %s | %s |", d->name, format_name(d->format),
             (d->flags & CS_PD_READ_ONLY) ? "read-only" : "read/write", dflt, range, notes);
}

static const cs_propdef *doc_table(const char *heading, size_t *n)
{
    static const char *const classes[] = { "Cluster", "Node", "Group", "Resource", "Resource type", "Network",
                                           "Network interface" };
    size_t i;

    for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
        if (!strcmp(heading, classes[i]))
            return cs_propdefs_common(CS_CLASS_CLUSTER + (int)i, n);
    return cs_propdefs_private(heading, n);
}

static void test_docs_match(void)
{
    FILE *f = fopen("docs/properties.md", "r");
    char line[512], want[512], heading[128] = "";
    const cs_propdef *t = NULL;
    size_t n = 0, row = 0, tables = 0;

    CHECK(f != NULL);
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        if (!strncmp(line, "### ", 4)) {
            if (t)
                CHECK_EQ(row, n); /* the previous table printed whole */
            snprintf(heading, sizeof(heading), "%s", line + 4);
            t = doc_table(heading, &n);
            row = 0;
            tables += t != NULL;
        } else if (t && !strncmp(line, "| ", 2) && strncmp(line, "| property |", 12)) {
            CHECK(row < n);
            if (row >= n)
                continue;
            doc_row(&t[row++], want, sizeof(want));
            if (strcmp(line, want))
                fprintf(stderr, "docs/properties.md, %s:\n  has  %s\n  want %s\n", heading, line, want);
            CHECK(!strcmp(line, want));
        }
    }
    if (t)
        CHECK_EQ(row, n);
    CHECK_EQ(tables, 7 + 11); /* every class and every type with a table */
    fclose(f);
}

int main(void)
{
    test_documented_facts();
    test_lookup();
    test_all_tables();
    test_strings();
    test_other_formats();
    test_defaults();
    test_set_status();
    test_docs_match();
    return check_finish();
}

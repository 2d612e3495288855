/* Unit tests for libs/clusstore (see the compile line in Makefile.in). */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"
#include "fsio.h"
#include "hostile_names.h"
#include "node_up.h"
#include "wcreg.h"

#include <ctype.h>
#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BOX "1\\Microsoft Base Cryptographic Provider v1.0\\Box"

/* The store keeps registry contents only as hives: the hive of a key
 * holding one value "Data", payload repeated 1000 times (so sizes keep the
 * payloads' order), made once per payload. */
static const unsigned char *hv(const char *payload, size_t *n)
{
    static struct {
        char           payload[32];
        unsigned char *hive;
        size_t         n;
    } made[16];
    static unsigned char text[1000 * 31], stream[sizeof(text) + WCREG_WRAP];
    size_t i, j, len = strlen(payload);

    for (i = 0; i < 16 && made[i].hive && strcmp(made[i].payload, payload); i++)
        ;
    if (i == 16 || len >= sizeof(made[i].payload)) {
        *n = 0;
        return NULL;
    }
    if (!made[i].hive) {
        memcpy(made[i].payload, payload, len + 1);
        for (j = 0; j < 1000; j++)
            memcpy(text + j * len, payload, len);
        cs_reghive_from_stream(stream, wcreg_wrap(text, 1000 * len, stream), "K", &made[i].hive, &made[i].n, NULL,
                               0);
    }
    *n = made[i].n;
    return made[i].hive;
}

static uint32_t set_hv(cs_store *s, const char *res, int kind, const char *key, const char *payload)
{
    size_t n;
    const unsigned char *h = hv(payload, &n);

    return cs_checkpoint_set_data(s, res, kind, key, h, n);
}

static size_t hv_size(const char *payload)
{
    size_t n;

    hv(payload, &n);
    return n;
}

/* The contents are the hive of payload. */
static int is_hv(const void *data, size_t size, const char *payload)
{
    size_t n;
    const unsigned char *h = hv(payload, &n);

    return data && h && size == n && !memcmp(data, h, n);
}

uint32_t cs__crc32(uint32_t crc, const void *buf, size_t n); /* internal, for forging dumps */

static char root[256];

static void subdir(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", root, name);
}

static int mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    *n = fread(buf, 1, (size_t)len, f);
    fclose(f);
    return buf;
}

static void spit(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, n, f);
    fclose(f);
}

static char *dump_mem(cs_store *s, size_t *n, uint32_t *err)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, n);
    *err = cs_snapshot_dump_file(s, f);
    fclose(f);
    return buf;
}

static uint32_t load_mem(cs_store *s, const char *buf, size_t n, unsigned flags)
{
    FILE *f = fmemopen((void *)buf, n, "rb");
    uint32_t err = cs_snapshot_load_file(s, f, flags);
    fclose(f);
    return err;
}

struct logscan { uint64_t n, last, dup, first; unsigned long creates; const char *op; };

static int scan_cb(void *ctx, const cs_log_record *r)
{
    struct logscan *l = ctx;
    if (!l->n)
        l->first = r->seq;
    if (l->n && r->seq <= l->last)
        l->dup++;
    l->last = r->seq;
    l->n++;
    if (l->op && !strcmp(r->op, l->op))
        l->creates++;
    return 0;
}

static int is_guid(const char *g)
{
    size_t i;
    if (strlen(g) != 36)
        return 0;
    for (i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? g[i] != '-' : !(isdigit((unsigned char)g[i]) || (g[i] >= 'a' && g[i] <= 'f')))
            return 0;
    }
    return 1;
}

static void test_default_dir(void)
{
    char buf[512];

    setenv("WINECLUS_STORE", "/x/store", 1);
    CHECK_EQ(cs_default_dir(buf, sizeof(buf)), 0);
    CHECK(!strcmp(buf, "/x/store"));
    unsetenv("WINECLUS_STORE");
    setenv("XDG_DATA_HOME", "/xdg", 1);
    CHECK_EQ(cs_default_dir(buf, sizeof(buf)), 0);
    CHECK(!strcmp(buf, "/xdg/wineclus"));
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/u", 1);
    CHECK_EQ(cs_default_dir(buf, sizeof(buf)), 0);
    CHECK(!strcmp(buf, "/home/u/.local/share/wineclus"));
    CHECK_EQ(cs_default_dir(buf, 4), CS_ERROR_MORE_DATA);
}

static cs_store *test_create(void)
{
    char dir[512], path[600], host[64];
    cs_store *s = NULL;
    cs_cluster c;
    cs_resource *res;
    cs_group g;
    cs_node n;
    size_t cnt, i;
    struct logscan l = { 0, 0, 0, 0, 0, "cluster.create" };

    subdir(dir, sizeof(dir), "deep/er/store");
    setenv("WINECLUS_STORE", dir, 1);
    umask(0);
    CHECK_EQ(cs_open(NULL, NULL, NULL, &s), 0);
    umask(022);
    if (!s)
        return NULL;
    CHECK(!strcmp(cs_dir(s), dir));
    CHECK_EQ(mode_of(dir), 0700);
    snprintf(path, sizeof(path), "%s/cluster.db", dir);
    CHECK_EQ(mode_of(path), 0600);
    snprintf(path, sizeof(path), "%s/cluster.db-wal", dir);
    CHECK_EQ(mode_of(path), 0600);
    snprintf(path, sizeof(path), "%s/cluster.db-shm", dir);
    CHECK_EQ(mode_of(path), 0600);

    CHECK_EQ(cs_cluster_get(s, &c), 0);
    gethostname(host, sizeof(host));
    for (i = 0; host[i] && host[i] != '.' && i < 15; i++)
        host[i] = (char)toupper((unsigned char)host[i]);
    host[i] = 0;
    CHECK(!strcmp(c.name, host));
    CHECK(strlen(c.name) <= 15);
    CHECK(is_guid(c.id));
    CHECK(!strcmp(c.quorum_path, "C:\\WINDOWS\\cluster\\MSCS\\"));
    CHECK_EQ(c.max_log_size, 4194304);
    CHECK_EQ(c.highest_version, 0x40ece);
    CHECK_EQ(c.major_version, 5);
    CHECK_EQ(c.build_number, 3790);
    CHECK_EQ(c.log_seq, 1);
    CHECK_EQ(cs_node_get_by_id(s, 1, &n), 0);
    CHECK(!strcmp(n.name, host));
    CHECK_EQ(cs_group_find(s, "cluster group", &g), 0);
    CHECK_EQ(g.state, CS_GROUP_ONLINE);
    CHECK_EQ(g.owner_node, 1);
    CHECK_EQ(cs_resource_list(s, "Cluster Group", &res, &cnt), 0);
    CHECK_EQ(cnt, 3);
    for (i = 0; i < cnt; i++) {
        CHECK_EQ(res[i].state, CS_RES_ONLINE);
        CHECK_EQ(res[i].owner_node, 1);
        CHECK(is_guid(res[i].id));
        if (!strcmp(res[i].name, "Local Quorum"))
            CHECK(!strcmp(res[i].id, c.quorum_resource));
    }
    CHECK(cnt == 3 && !strcmp(res[0].name, "Cluster IP Address") && !strcmp(res[0].type, "IP Address"));
    CHECK(cnt == 3 && !strcmp(res[1].name, "Cluster Name") && !strcmp(res[1].type, "Network Name"));
    CHECK(cnt == 3 && !strcmp(res[2].type, "Local Quorum"));
    cs_free(res);
    CHECK_EQ(cs_log_list(s, 0, scan_cb, &l), 0);
    CHECK_EQ(l.creates, 1);
    CHECK_EQ(cs_log_list(NULL, 0, scan_cb, &l), CS_ERROR_INVALID_PARAMETER);

    /* Reopening finds the same cluster and never recreates it. */
    {
        cs_store *s2;
        cs_cluster c2;
        CHECK_EQ(cs_open(dir, "OTHER", "OTHER", &s2), 0);
        CHECK_EQ(cs_cluster_get(s2, &c2), 0);
        CHECK(!strcmp(c2.id, c.id));
        cs_close(s2);
    }
    /* Creation names can be chosen. */
    {
        cs_store *s3;
        cs_cluster c3;
        cs_node n3;
        subdir(dir, sizeof(dir), "named");
        CHECK_EQ(cs_open(dir, "MYCLUS", "NODEA", &s3), 0);
        CHECK_EQ(cs_cluster_get(s3, &c3), 0);
        CHECK(!strcmp(c3.name, "MYCLUS"));
        CHECK_EQ(cs_node_find(s3, "nodea", &n3), 0);
        CHECK_EQ(n3.id, 1);
        CHECK_EQ(cs_cluster_rename(s3, "RENAMED"), 0);
        CHECK_EQ(cs_cluster_rename(s3, ""), CS_ERROR_INVALID_PARAMETER);
        CHECK_EQ(cs_cluster_get(s3, &c3), 0);
        CHECK(!strcmp(c3.name, "RENAMED"));
        cs_close(s3);
    }
    return s;
}

static void test_nodes(cs_store *s)
{
    cs_node n, *arr;
    size_t cnt;
    cs_group g;

    CHECK_EQ(cs_node_add(s, "NodeB", &n), 0);
    CHECK_EQ(n.id, 2);
    CHECK_EQ(n.state, CS_NODE_DOWN);
    CHECK_EQ(cs_node_add(s, "NODEB", NULL), CS_ERROR_CLUSTER_NODE_EXISTS);
    CHECK_EQ(cs_node_add(s, "", NULL), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_node_add(s, "bad\tname", NULL), CS_ERROR_INVALID_NAME);
    CHECK_EQ(cs_node_find(s, "nodeb", &n), 0);
    CHECK(!strcmp(n.name, "NodeB"));
    CHECK_EQ(cs_node_find(s, "nope", &n), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK(strstr(cs_errmsg(s), "nope") != NULL);
    CHECK_EQ(cs_node_get_by_id(s, 2, &n), 0);
    CHECK_EQ(cs_node_get_by_id(s, 9, &n), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_node_list(s, &arr, &cnt), 0);
    CHECK_EQ(cnt, 2);
    CHECK(cnt == 2 && arr[0].id == 1 && arr[1].id == 2);
    cs_free(arr);
    CHECK_EQ(cs_node_set_state(s, 2, CS_NODE_PAUSED), 0);
    CHECK_EQ(cs_node_get_by_id(s, 2, &n), 0);
    CHECK_EQ(n.state, CS_NODE_PAUSED);
    CHECK_EQ(cs_node_set_state(s, 2, 7), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_node_set_state(s, 9, CS_NODE_UP), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    /* node 1 owns the Cluster Group */
    CHECK_EQ(cs_node_remove(s, cs_node_get_by_id(s, 1, &n) ? "" : n.name), CS_ERROR_CANT_EVICT_ACTIVE_NODE);
    CHECK_EQ(cs_group_create(s, "OnB", 2, &g), 0);
    CHECK_EQ(cs_node_remove(s, "nodeb"), CS_ERROR_CANT_EVICT_ACTIVE_NODE);
    CHECK_EQ(cs_group_delete(s, "onb"), 0);
    CHECK_EQ(cs_node_remove(s, "nodeb"), 0);
    CHECK_EQ(cs_node_remove(s, "nodeb"), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    /* The last node cannot go, even when it owns nothing. */
    {
        char dir[512];
        cs_store *t;
        subdir(dir, sizeof(dir), "lastnode");
        CHECK_EQ(cs_open(dir, "C", "ONLY", &t), 0);
        CHECK_EQ(cs_node_remove(t, "only"), CS_ERROR_CANT_EVICT_ACTIVE_NODE);
        cs_close(t);
    }
    CHECK_EQ(cs_node_add(s, "NodeC", &n), 0);
    CHECK_EQ(n.id, 2); /* lowest free id is reused */
}

static void test_groups(cs_store *s)
{
    cs_group g, g2, *arr;
    cs_resource r;
    size_t cnt;
    char upper[40];
    size_t i;

    CHECK_EQ(cs_group_create(s, "Apps", 1, &g), 0);
    CHECK(is_guid(g.id));
    CHECK_EQ(g.state, CS_GROUP_OFFLINE);
    CHECK_EQ(cs_group_create(s, "APPS", 1, NULL), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_group_create(s, "Other", 42, NULL), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_group_create(s, NULL, 1, NULL), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_group_find(s, "apps", &g2), 0);
    CHECK(!strcmp(g2.id, g.id));
    for (i = 0; i <= 36; i++)
        upper[i + 1] = (char)toupper((unsigned char)g.id[i]);
    upper[0] = '{';
    strcpy(upper + 37, "}");
    CHECK_EQ(cs_group_find(s, upper, &g2), 0);
    CHECK(!strcmp(g2.name, "Apps"));
    CHECK_EQ(cs_group_find(s, "none", &g2), CS_ERROR_GROUP_NOT_FOUND);
    CHECK_EQ(cs_group_list(s, &arr, &cnt), 0);
    CHECK_EQ(cnt, 2);
    cs_free(arr);
    CHECK_EQ(cs_group_set_state(s, "APPS", CS_GROUP_ONLINE), 0);
    CHECK_EQ(cs_group_set_state(s, "APPS", 9), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_group_set_state(s, "none", CS_GROUP_ONLINE), CS_ERROR_GROUP_NOT_FOUND);
    CHECK_EQ(cs_resource_create(s, "AppDisk", "physical disk", "apps", &r), 0);
    CHECK(!strcmp(r.type, "Physical Disk"));
    CHECK_EQ(cs_group_set_owner(s, "apps", 2), 0);
    CHECK_EQ(cs_resource_find(s, "appdisk", &r), 0);
    CHECK_EQ(r.owner_node, 2);
    CHECK_EQ(cs_group_set_owner(s, "apps", 77), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_group_set_owner(s, "apps", 1), 0);
    CHECK_EQ(cs_group_delete(s, "apps"), CS_ERROR_DIR_NOT_EMPTY);
    CHECK_EQ(cs_group_delete(s, "none"), CS_ERROR_GROUP_NOT_FOUND);
    CHECK_EQ(cs_group_rename(s, "apps", "Cluster Group"), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_group_rename(s, "apps", "APPS"), 0);
    CHECK_EQ(cs_group_find(s, "apps", &g2), 0);
    CHECK(!strcmp(g2.name, "APPS"));
    CHECK_EQ(g2.state, CS_GROUP_ONLINE);
    CHECK_EQ(cs_group_create(s, "Empty", 1, NULL), 0);
    CHECK_EQ(cs_group_delete(s, "EMPTY"), 0);
}

static void test_restypes(cs_store *s)
{
    cs_restype *arr, t;
    size_t cnt;

    CHECK_EQ(cs_restype_list(s, &arr, &cnt), 0);
    CHECK(cnt >= 8);
    cs_free(arr);
    CHECK_EQ(cs_restype_find(s, "ip address", &t), 0);
    CHECK(!strcmp(t.name, "IP Address") && !strcmp(t.dll_name, "clusres.dll"));
    CHECK_EQ(cs_restype_find(s, "Majority Node Set", &t), 0);
    CHECK_EQ(cs_restype_find(s, "Generic Application", &t), 0);
    CHECK_EQ(cs_restype_find(s, "Flux Capacitor", &t), CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
}

static void test_resources(cs_store *s)
{
    cs_resource r, a, b, *arr;
    cs_property *props;
    size_t cnt, size;
    uint32_t fmt;
    void *data;
    char braced[64];
    cs_cluster c;
    unsigned i;

    CHECK_EQ(cs_resource_create(s, "Web", "Generic Service", "APPS", &a), 0);
    CHECK(is_guid(a.id));
    CHECK_EQ(a.state, CS_RES_OFFLINE);
    CHECK(!strcmp(a.group, "APPS"));
    CHECK_EQ(cs_resource_create(s, "WEB", "Generic Service", "APPS", NULL), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_resource_create(s, "X", "No Such Type", "APPS", NULL), CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    CHECK_EQ(cs_resource_create(s, "X", "IP Address", "nogroup", NULL), CS_ERROR_GROUP_NOT_FOUND);
    CHECK_EQ(cs_resource_create(s, "Db", "generic application", "apps", &b), 0);
    CHECK_EQ(cs_resource_find(s, "wEb", &r), 0);
    CHECK(!strcmp(r.id, a.id));
    snprintf(braced, sizeof(braced), "{%s}", a.id);
    for (i = 0; braced[i]; i++)
        braced[i] = (char)toupper((unsigned char)braced[i]);
    CHECK_EQ(cs_resource_find(s, braced, &r), 0);
    CHECK(!strcmp(r.name, "Web"));
    CHECK_EQ(cs_resource_find(s, a.id, &r), 0);
    CHECK_EQ(cs_resource_find(s, "ghost", &r), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_resource_list(s, NULL, &arr, &cnt), 0);
    CHECK_EQ(cnt, 6);
    cs_free(arr);
    CHECK_EQ(cs_resource_list(s, "apps", &arr, &cnt), 0);
    CHECK_EQ(cnt, 3);
    cs_free(arr);
    CHECK_EQ(cs_resource_list(s, "nogroup", &arr, &cnt), CS_ERROR_GROUP_NOT_FOUND);
    CHECK_EQ(cs_resource_set_state(s, "web", CS_RES_ONLINE_PENDING), 0);
    CHECK_EQ(cs_resource_find(s, "web", &r), 0);
    CHECK_EQ(r.state, CS_RES_ONLINE_PENDING);
    CHECK_EQ(cs_resource_set_state(s, "web", 5), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_resource_set_state(s, "ghost", CS_RES_ONLINE), CS_ERROR_RESOURCE_NOT_FOUND);

    /* dependencies */
    CHECK_EQ(cs_resource_set_state(s, "web", CS_RES_ONLINE), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "web", "db"), CS_ERROR_RESOURCE_ONLINE);
    CHECK_EQ(cs_resource_set_state(s, "web", CS_RES_ONLINE_PENDING), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "web", "db"), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "WEB", "DB"), CS_ERROR_DEPENDENCY_ALREADY_EXISTS);
    CHECK_EQ(cs_resource_add_dependency(s, "db", "web"), CS_ERROR_CIRCULAR_DEPENDENCY);
    CHECK_EQ(cs_resource_add_dependency(s, "db", "appdisk"), 0);
    CHECK_EQ(cs_resource_add_dependency(s, "appdisk", "web"), CS_ERROR_CIRCULAR_DEPENDENCY);
    CHECK_EQ(cs_resource_add_dependency(s, "web", "Cluster Name"), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_resource_add_dependency(s, "Local Quorum", "Cluster Name"), CS_ERROR_DEPENDENCY_NOT_ALLOWED);
    CHECK_EQ(cs_resource_add_dependency(s, "web", "ghost"), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_resource_list_dependencies(s, "web", &arr, &cnt), 0);
    CHECK(cnt == 1 && !strcmp(arr[0].name, "Db"));
    cs_free(arr);
    CHECK_EQ(cs_resource_list_dependents(s, "db", &arr, &cnt), 0);
    CHECK(cnt == 1 && !strcmp(arr[0].name, "Web"));
    cs_free(arr);
    CHECK_EQ(cs_resource_delete(s, "db"), CS_ERROR_DEPENDENT_RESOURCE_EXISTS);
    /* A resource moves with every resource its dependencies link it to. */
    CHECK_EQ(cs_resource_move(s, "db", "Cluster Group"), 0);
    CHECK_EQ(cs_resource_find(s, "web", &r), 0);
    CHECK(!strcmp(r.group, "Cluster Group"));
    CHECK_EQ(cs_resource_find(s, "appdisk", &r), 0);
    CHECK(!strcmp(r.group, "Cluster Group"));
    CHECK_EQ(cs_resource_move(s, "appdisk", "apps"), 0);
    CHECK_EQ(cs_resource_find(s, "web", &r), 0);
    CHECK(!strcmp(r.group, "APPS"));
    CHECK_EQ(cs_resource_add_dependency(s, "web", "web"), CS_ERROR_CIRCULAR_DEPENDENCY);
    CHECK_EQ(cs_resource_remove_dependency(s, "web", "db"), 0);
    CHECK_EQ(cs_resource_remove_dependency(s, "web", "db"), CS_ERROR_DEPENDENCY_NOT_FOUND);
    CHECK_EQ(cs_resource_delete(s, "Local Quorum"), CS_ERROR_QUORUM_RESOURCE);
    CHECK_EQ(cs_resource_delete(s, "Cluster IP Address"), CS_ERROR_DEPENDENT_RESOURCE_EXISTS);
    CHECK_EQ(cs_resource_rename(s, "web", "Cluster Name"), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_resource_rename(s, "web", "Web Site"), 0);
    CHECK_EQ(cs_resource_find(s, a.id, &r), 0);
    CHECK(!strcmp(r.name, "Web Site"));
    CHECK_EQ(cs_resource_move(s, "web site", "Cluster Group"), 0);
    CHECK_EQ(cs_resource_find(s, a.id, &r), 0);
    CHECK(!strcmp(r.group, "Cluster Group"));
    CHECK_EQ(cs_resource_move(s, "web site", "apps"), 0);

    /* possible owners: no list is every node; the list is the PossibleOwners value */
    {
        cs_node nb, *owners = NULL;
        uint32_t type;
        size_t osz;
        void *val = NULL;

        size_t all;

        CHECK_EQ(cs_node_add(s, "OWNER2", &nb), 0);
        CHECK_EQ(cs_node_list(s, &owners, &all), 0);
        cs_free(owners);
        CHECK_EQ(cs_resource_list_owners(s, "web site", &owners, &cnt), 0);
        CHECK(cnt == all && all >= 2);
        cs_free(owners);
        CHECK_EQ(cs_resource_add_owner(s, "web site", nb.id), 0);
        CHECK_EQ(cs_resource_remove_owner(s, "web site", nb.id), 0);
        CHECK_EQ(cs_resource_remove_owner(s, "web site", nb.id), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
        CHECK_EQ(cs_resource_list_owners(s, "web site", &owners, &cnt), 0);
        CHECK(cnt == all - 1 && owners[cnt - 1].id != nb.id);
        cs_free(owners);
        CHECK_EQ(cs_resource_add_owner(s, "web site", nb.id), 0);
        CHECK_EQ(cs_resource_add_owner(s, "web site", nb.id), CS_ERROR_OBJECT_ALREADY_EXISTS);
        CHECK_EQ(cs_resource_add_owner(s, "web site", 999), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
        CHECK_EQ(cs_resource_find(s, "web site", &r), 0);
        {
            char key[CS_PATH_MAX];
            snprintf(key, sizeof(key), "Resources\\%s", r.id);
            CHECK_EQ(cs_reg_get_value(s, key, "PossibleOwners", &type, &val, &osz), 0);
            CHECK(type == CS_REG_MULTI_SZ && osz >= 4);
            cs_free(val);
        }
        CHECK_EQ(cs_resource_remove_owner(s, "web site", nb.id), 0);
        CHECK_EQ(cs_node_remove(s, "OWNER2"), 0);
    }

    /* properties */
    CHECK_EQ(cs_resource_set_property(s, "web site", "ServiceName", CS_PROP_SZ, "w3svc", 6), 0);
    {
        uint32_t dw = 42;
        CHECK_EQ(cs_resource_set_property(s, "web site", "Timeout", CS_PROP_DWORD, &dw, 4), 0);
    }
    CHECK_EQ(cs_resource_set_property(s, "web site", "SERVICENAME", CS_PROP_SZ, "iisadmin", 9), 0);
    CHECK_EQ(cs_resource_set_property(s, "web site", "Bad", 99, "x", 1), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_resource_set_property(s, "ghost", "P", CS_PROP_SZ, "x", 2), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_resource_get_property(s, "web site", "servicename", &fmt, &data, &size), 0);
    CHECK(fmt == CS_PROP_SZ && size == 9 && !strcmp(data, "iisadmin"));
    cs_free(data);
    CHECK_EQ(cs_resource_get_property(s, "web site", "nothing", &fmt, &data, &size), CS_ERROR_FILE_NOT_FOUND);
    CHECK(data == NULL);
    CHECK_EQ(cs_resource_list_properties(s, "web site", &props, &cnt), 0);
    CHECK_EQ(cnt, 2);
    CHECK(cnt == 2 && props[1].format == CS_PROP_DWORD && props[1].size == 4 &&
          *(const uint32_t *)props[1].data == 42);
    cs_free(props);
    CHECK_EQ(cs_resource_delete_property(s, "web site", "timeout"), 0);
    CHECK_EQ(cs_resource_delete_property(s, "web site", "timeout"), CS_ERROR_FILE_NOT_FOUND);

    /* quorum */
    CHECK_EQ(cs_quorum_set(s, "Local Quorum", "", 65536), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_quorum_set(s, "Local Quorum", "Q:\\MSCS\\", 1000), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_quorum_set(s, "web site", "Q:\\MSCS\\", 65536), CS_ERROR_NOT_QUORUM_CAPABLE);
    CHECK_EQ(cs_quorum_set(s, "ghost", "Q:\\MSCS\\", 65536), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_quorum_set(s, "appdisk", "Q:\\MSCS\\", 65536), 0);
    CHECK_EQ(cs_cluster_get(s, &c), 0);
    CHECK(!strcmp(c.quorum_resource, cs_resource_find(s, "appdisk", &r) ? "" : r.id));
    CHECK(!strcmp(c.quorum_path, "Q:\\MSCS\\"));
    CHECK_EQ(c.max_log_size, 65536);
    CHECK_EQ(cs_resource_delete(s, "appdisk"), CS_ERROR_QUORUM_RESOURCE);
    CHECK_EQ(cs_quorum_set(s, "local quorum", "C:\\WINDOWS\\cluster\\MSCS\\", CS_QUORUM_LOG_DEFAULT), 0);
    CHECK_EQ(cs_resource_delete(s, "db"), 0);
    CHECK_EQ(cs_resource_find(s, b.id, &r), CS_ERROR_RESOURCE_NOT_FOUND);
}

struct pattern { uint64_t pos, size; };

static uint32_t pattern_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    struct pattern *p = ctx;
    size_t i, n = cap;
    if (n > p->size - p->pos)
        n = (size_t)(p->size - p->pos);
    if (n > 10000)
        n = 10000; /* short reads must be fine */
    for (i = 0; i < n; i++)
        ((unsigned char *)buf)[i] = (unsigned char)((p->pos + i) * 7 + 3);
    p->pos += n;
    *got = n;
    return 0;
}

static void test_checkpoints(cs_store *s)
{
    cs_checkpoint *arr;
    cs_resource r;
    size_t cnt, size;
    void *data;
    cs_blob *b;
    uint64_t bsize, off;
    int ok = 1;

    CHECK_EQ(cs_resource_create(s, "Svc", "Generic Service", "apps", &r), 0);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Vendor\\App"), 0);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_REGISTRY, "software\\vendor\\app"), CS_ERROR_ALREADY_EXISTS);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_REGISTRY, "\\SOFTWARE\\X"), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_REGISTRY, ""), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_checkpoint_add(s, "svc", 3, "SOFTWARE\\X"), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_checkpoint_add(s, "ghost", CS_CKPT_REGISTRY, "SOFTWARE\\X"), CS_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second"), 0);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_CRYPTO, BOX), 0);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_CRYPTO, "1\\\\Box"), 0); /* empty CSP name = default */
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_CRYPTO, "x\\Name\\Box"), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_checkpoint_add(s, "svc", CS_CKPT_CRYPTO, "1\\Name"), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_checkpoint_list(s, "svc", CS_CKPT_REGISTRY, &arr, &cnt), 0);
    CHECK_EQ(cnt, 2);
    CHECK(cnt == 2 && arr[0].generation == 1 && arr[0].data_size == 0 && !strcmp(arr[0].resource, r.id));
    cs_free(arr);
    CHECK_EQ(cs_checkpoint_list(s, NULL, 0, &arr, &cnt), 0);
    CHECK_EQ(cnt, 4);
    cs_free(arr);
    CHECK_EQ(cs_checkpoint_list(s, "svc", CS_CKPT_CRYPTO, &arr, &cnt), 0);
    CHECK_EQ(cnt, 2);
    cs_free(arr);

    CHECK_EQ(set_hv(s, "svc", CS_CKPT_REGISTRY, "software\\second", "hive"), 0);
    CHECK_EQ(set_hv(s, "svc", CS_CKPT_REGISTRY, "software\\missing", "hive"),
             CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
    CHECK(is_hv(data, size, "hive"));
    cs_free(data);
    /* A save by a node that does not own the resource is refused in its
     * transaction and leaves the contents as they were; by the owner it is made. */
    CHECK_EQ(cs_checkpoint_save(s, "svc", CS_CKPT_REGISTRY, "software\\second", hv("late", &size), size, r.owner_node + 1),
             CS_ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
    CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
    CHECK(is_hv(data, size, "hive"));
    cs_free(data);
    CHECK_EQ(cs_checkpoint_save(s, "svc", CS_CKPT_REGISTRY, "software\\second", hv("kept", &size), size, r.owner_node), 0);
    CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
    CHECK(is_hv(data, size, "kept"));
    cs_free(data);
    /* Registry contents that are neither a hive keeping every rule nor a
     * stream are refused, by any way in, and the contents stay. */
    {
        const unsigned char *h = hv("cut", &size);
        struct pattern q = { 0, 4096 };
        CHECK_EQ(cs_checkpoint_set_data(s, "svc", CS_CKPT_REGISTRY, "software\\second", "hive", 4),
                 CS_ERROR_INVALID_DATA);
        CHECK_EQ(cs_checkpoint_set_data(s, "svc", CS_CKPT_REGISTRY, "software\\second", h, size - 3),
                 CS_ERROR_INVALID_DATA);
        CHECK_EQ(cs_checkpoint_save(s, "svc", CS_CKPT_REGISTRY, "software\\second", h, size - 3, r.owner_node),
                 CS_ERROR_INVALID_DATA);
        CHECK_EQ(cs_checkpoint_write_stream(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", q.size, pattern_read, &q),
                 CS_ERROR_INVALID_DATA);
        CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
        CHECK(is_hv(data, size, "kept"));
        cs_free(data);
    }
    CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Vendor\\App", &data, &size), 0);
    CHECK(size == 0 && data == NULL);

    /* 3 MB streamed in and read back in chunks (crypto contents: registry
     * ones must be a hive). */
    {
        struct pattern p = { 0, 3u << 20 };
        unsigned char chunk[65536];
        CHECK_EQ(cs_checkpoint_write_stream(s, "svc", CS_CKPT_CRYPTO, BOX, p.size, pattern_read, &p), 0);
        cs_checkpoint *ck = NULL, *c = NULL;
        unsigned char md[32];
        unsigned int mdlen = 0;
        size_t nck = 0, k;

        /* Read back by the row a listing in the same snapshot gives. */
        CHECK_EQ(cs_snapshot_begin(s), 0);
        CHECK_EQ(cs_checkpoint_list(s, "svc", CS_CKPT_CRYPTO, &ck, &nck), 0);
        for (k = 0; k < nck; k++)
            if (!strcasecmp(ck[k].key, BOX))
                c = &ck[k];
        CHECK(c != NULL);
        b = NULL;
        if (c)
            CHECK_EQ(cs_snapshot_open_blob(s, c, &b), 0);
        bsize = c ? c->data_size : 0;
        CHECK_EQ(bsize, 3u << 20);
        /* The digest kept since the contents were written is theirs. */
        {
            unsigned char *whole = malloc(3u << 20);
            for (k = 0; whole && k < (3u << 20); k++)
                whole[k] = (unsigned char)(k * 7 + 3);
            CHECK(whole && EVP_Digest(whole, 3u << 20, md, &mdlen, EVP_sha256(), NULL));
            CHECK(c && c->has_sha256 && !memcmp(c->sha256, md, sizeof(md)));
            free(whole);
        }
        for (off = 0; b && off < bsize; off += sizeof(chunk)) {
            size_t n = bsize - off < sizeof(chunk) ? (size_t)(bsize - off) : sizeof(chunk), i;
            if (cs_blob_read(b, off, chunk, n)) {
                ok = 0;
                break;
            }
            for (i = 0; i < n; i++)
                if (chunk[i] != (unsigned char)((off + i) * 7 + 3))
                    ok = 0;
        }
        CHECK(ok);
        CHECK_EQ(cs_blob_read(b, bsize - 1, chunk, 2), CS_ERROR_INVALID_PARAMETER);
        cs_blob_close(b);
        CHECK_EQ(cs_snapshot_end(s), 0);
        /* Rows are only stable inside the snapshot that listed them. */
        if (c)
            CHECK_EQ(cs_snapshot_open_blob(s, c, &b), CS_ERROR_INVALID_PARAMETER);
        cs_free(ck);
        p.pos = 0;
        p.size = 100;
        /* A stream shorter than announced is refused and changes nothing. */
        {
            struct pattern q = { 0, 50 };
            CHECK_EQ(cs_checkpoint_write_stream(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", 100, pattern_read, &q),
                     CS_ERROR_INVALID_DATA);
            CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
            CHECK(is_hv(data, size, "kept"));
            cs_free(data);
        }
    }
    CHECK_EQ(cs_checkpoint_list(s, "svc", CS_CKPT_CRYPTO, &arr, &cnt), 0);
    CHECK(cnt == 2 && (arr[0].data_size == (3u << 20) || arr[1].data_size == (3u << 20)));
    cs_free(arr);
    CHECK_EQ(cs_checkpoint_delete(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Nope"), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_checkpoint_delete(s, "svc", CS_CKPT_CRYPTO, "1\\\\box"), 0);
    CHECK_EQ(cs_checkpoint_delete(s, "svc", CS_CKPT_CRYPTO, "1\\\\box"), CS_ERROR_FILE_NOT_FOUND);

    /* Deleting a resource deletes its checkpoints. */
    CHECK_EQ(cs_resource_create(s, "Tmp", "Generic Service", "apps", NULL), 0);
    CHECK_EQ(cs_checkpoint_add(s, "tmp", CS_CKPT_REGISTRY, "SOFTWARE\\Tmp"), 0);
    CHECK_EQ(set_hv(s, "tmp", CS_CKPT_REGISTRY, "SOFTWARE\\Tmp", "x"), 0);
    CHECK_EQ(cs_resource_delete(s, "tmp"), 0);
    CHECK_EQ(cs_checkpoint_list(s, NULL, 0, &arr, &cnt), 0);
    CHECK_EQ(cnt, 3);
    cs_free(arr);
}

static void test_log(cs_store *s)
{
    cs_cluster c, c2;
    struct logscan l = { 0, 0, 0, 0, 0, NULL };
    unsigned i;
    char name[32];
    int checkpointed = 0;

    CHECK_EQ(cs_cluster_get(s, &c), 0);
    CHECK_EQ(cs_log_append(s, "backup", "", "test"), 0);
    CHECK_EQ(cs_log_append(s, "", "", ""), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_cluster_get(s, &c2), 0);
    CHECK_EQ(c2.log_seq, c.log_seq + 1);
    CHECK_EQ(cs_log_list(s, c.log_seq, scan_cb, &l), 0);
    CHECK_EQ(l.n, 1);

    /* Shrink the log and fill it: it must checkpoint and stay under the max. */
    CHECK_EQ(cs_quorum_set(s, "Local Quorum", "C:\\WINDOWS\\cluster\\MSCS\\", CS_QUORUM_LOG_MIN), 0);
    for (i = 0; i < 400; i++) {
        snprintf(name, sizeof(name), "LogGrp%u", i);
        CHECK_EQ(cs_group_create(s, name, 1, NULL), 0);
        CHECK_EQ(cs_cluster_get(s, &c), 0);
        if (c.checkpoint_seq > c2.log_seq)
            checkpointed = 1;
        if (c.log_bytes > CS_QUORUM_LOG_MIN)
            break;
    }
    CHECK(checkpointed);
    CHECK(c.log_bytes <= CS_QUORUM_LOG_MIN);
    memset(&l, 0, sizeof(l));
    CHECK_EQ(cs_log_list(s, 0, scan_cb, &l), 0);
    CHECK_EQ(l.dup, 0);
    CHECK_EQ(l.first, c.checkpoint_seq + 1); /* nothing before the checkpoint survives */
    CHECK_EQ(l.last, c.log_seq);
    CHECK_EQ(l.n, c.log_seq - c.checkpoint_seq);
    CHECK_EQ(cs_log_checkpoint_now(s), 0);
    CHECK_EQ(cs_cluster_get(s, &c), 0);
    CHECK_EQ(c.checkpoint_seq, c.log_seq);
    CHECK_EQ(c.log_bytes, 0);
    memset(&l, 0, sizeof(l));
    CHECK_EQ(cs_log_list(s, 0, scan_cb, &l), 0);
    CHECK_EQ(l.n, 0);
    CHECK_EQ(cs_quorum_set(s, "Local Quorum", "C:\\WINDOWS\\cluster\\MSCS\\", CS_QUORUM_LOG_DEFAULT), 0);
}

/* Every way a string gets into the store refuses what restore refuses:
 * 87 for the length, 123 for the characters; 255 bytes of UTF-8 are kept whole. */
static void test_hostile_strings(cs_store *s)
{
    const struct hn_field *name = &hn_fields[0], *key = &hn_fields[8];
    char v[5001], longest[256];
    cs_resource r;
    cs_cluster c;
    cs_group g;
    size_t i;

    CHECK(!strcmp(name->what, "group name") && !strcmp(key->what, "checkpoint key"));
    CHECK_EQ(cs_cluster_get(s, &c), 0);
    CHECK_EQ(cs_group_create(s, "HostileG", 1, &g), 0);
    CHECK_EQ(cs_resource_create(s, "HostileR", "Generic Service", "HostileG", &r), 0);
    for (i = 0; i < HN_NCLASSES; i++) {
        uint32_t want = hn_classes[i].bytes && hn_classes[i].bytes[0] ? CS_ERROR_INVALID_NAME
                                                                       : CS_ERROR_INVALID_PARAMETER;

        hn_value(&hn_classes[i], name, v);
        CHECK_EQ(cs_group_create(s, v, 1, NULL), want);
        CHECK_EQ(cs_group_rename(s, "HostileG", v), want);
        CHECK_EQ(cs_resource_create(s, v, "Generic Service", "HostileG", NULL), want);
        CHECK_EQ(cs_resource_rename(s, "HostileR", v), want);
        CHECK_EQ(cs_cluster_rename(s, v), want);
        CHECK_EQ(cs_node_add(s, v, NULL), want);
        CHECK_EQ(cs_resource_set_property(s, "HostileR", v, CS_PROP_SZ, "x", 2), want);
        CHECK_EQ(cs_log_append(s, v, "", "detail"), want);
        hn_value(&hn_classes[i], key, v);
        CHECK_EQ(cs_checkpoint_add(s, "HostileR", CS_CKPT_REGISTRY, v), want);
        CHECK_EQ(cs_quorum_set(s, c.quorum_resource, v, c.max_log_size), want);
        if (hn_classes[i].bytes && hn_classes[i].bytes[0])
            CHECK_EQ(cs_log_append(s, "op", "", v), want);
    }
    for (i = 0; i < 3; i++) {
        hn_longest((int)i, longest);
        CHECK_EQ(cs_group_rename(s, "HostileG", longest), 0);
        CHECK_EQ(cs_group_find(s, longest, &g), 0);
        CHECK(!strcmp(g.name, longest));
        CHECK_EQ(cs_group_rename(s, longest, "HostileG"), 0);
    }
    CHECK_EQ(cs_resource_delete(s, "HostileR"), 0);
    CHECK_EQ(cs_group_delete(s, "HostileG"), 0);
}

static void test_snapshot(cs_store *s)
{
    cs_store *other;
    cs_cluster c, c2;

    /* Another program on the same store: on etcd, through etcd. */
    CHECK_EQ(cs_open(cs_url(s) ? cs_url(s) : cs_dir(s), NULL, NULL, &other), 0);
    CHECK_EQ(cs_snapshot_begin(s), 0);
    CHECK_EQ(cs_snapshot_begin(s), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_cluster_get(s, &c), 0);
    CHECK_EQ(cs_group_create(other, "DuringSnapshot", 1, NULL), 0);
    CHECK_EQ(cs_cluster_get(s, &c2), 0);
    CHECK_EQ(c2.log_seq, c.log_seq); /* the snapshot does not see the new change */
    CHECK_EQ(cs_group_create(s, "Refused", 1, NULL), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_snapshot_end(s), 0);
    CHECK_EQ(cs_snapshot_end(s), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_cluster_get(s, &c2), 0);
    CHECK_EQ(c2.log_seq, c.log_seq + 1);
    cs_close(other);
}

static char *rewrite_trailer(const char *dump, size_t n, size_t *outn)
{
    /* Recompute the end line so only the semantic check can catch a forgery. */
    const char *end = dump + n - 1;
    char *out, trailer[64];
    size_t body, lines = 0, i;

    while (end > dump && end[-1] != '\n')
        end--;
    body = (size_t)(end - dump);
    for (i = 0; i < body; i++)
        lines += dump[i] == '\n';
    snprintf(trailer, sizeof(trailer), "end\t%zu\t%08x\n", lines, cs__crc32(0, dump, body));
    out = malloc(body + strlen(trailer) + 1);
    memcpy(out, dump, body);
    strcpy(out + body, trailer);
    *outn = body + strlen(trailer);
    return out;
}

static void test_dump(cs_store *s)
{
    char dir[512], *d1, *d2, *d3, *bad;
    size_t n1, n2, n3;
    uint32_t err;
    cs_store *t;
    cs_checkpoint *arr;
    size_t cnt, size;
    void *data;
    struct logscan l = { 0, 0, 0, 0, 0, "restore" };
    cs_cluster c;

    d1 = dump_mem(s, &n1, &err);
    CHECK_EQ(err, 0);
    CHECK(!strncmp(d1, "WINECLUS-DUMP\t3\t", 16));
    subdir(dir, sizeof(dir), "replica");
    CHECK_EQ(cs_open(dir, "REPLICA", "R1", &t), 0);
    CHECK_EQ(load_mem(t, d1, n1, CS_LOAD_EXACT), 0);
    d2 = dump_mem(t, &n2, &err);
    CHECK_EQ(err, 0);
    CHECK(n1 == n2 && !memcmp(d1, d2, n1));
    free(d2);

    /* Restore mode into the original store: contents survive, generation bumps, a record is logged. */
    CHECK_EQ(load_mem(s, d1, n1, 0), 0);
    CHECK_EQ(cs_checkpoint_list(s, NULL, 0, &arr, &cnt), 0);
    CHECK(cnt == 3 && arr[0].generation == 2 && arr[1].generation == 2);
    cs_free(arr);
    CHECK_EQ(cs_checkpoint_get_data(s, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
    CHECK(is_hv(data, size, "kept"));
    cs_free(data);
    CHECK_EQ(cs_log_list(s, 0, scan_cb, &l), 0);
    CHECK_EQ(l.creates, 1);
    /* The replica had no captured contents: none appear. */
    CHECK_EQ(cs_checkpoint_get_data(t, "svc", CS_CKPT_REGISTRY, "SOFTWARE\\Second", &data, &size), 0);
    CHECK(size == 0);

    /* Damaged dumps are refused and leave the store as it was. */
    d2 = dump_mem(t, &n2, &err);
    bad = malloc(n1);
    memcpy(bad, d1, n1);
    bad[n1 / 2] ^= 0x01;
    CHECK_EQ(load_mem(t, bad, n1, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
    CHECK(strstr(cs_errmsg(t), "damaged") != NULL);
    CHECK_EQ(load_mem(t, d1, n1 - 40, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
    CHECK_EQ(load_mem(t, "", 0, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
    CHECK_EQ(load_mem(t, "hello\n", 6, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
    memcpy(bad, d1, n1);
    bad[14] = '9'; /* format version 9 */
    CHECK_EQ(load_mem(t, bad, n1, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
    free(bad);
    /* Well-formed but inconsistent: a dependency on a missing resource. */
    {
        char *p = strstr(d1, "\ndependency\t");
        size_t nf;
        CHECK(p != NULL);
        if (p) {
            bad = malloc(n1 + 1);
            memcpy(bad, d1, n1);
            memcpy(bad + (p - d1) + 12 + 37, "00000000-0000-4000-8000-000000000000", 36);
            char *forged = rewrite_trailer(bad, n1, &nf);
            CHECK_EQ(load_mem(t, forged, nf, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
            free(forged);
            free(bad);
        }
        /* And the same file with an honest trailer still loads (the forging helper works). */
        {
            char *same = rewrite_trailer(d1, n1, &nf);
            CHECK(nf == n1 && !memcmp(same, d1, n1));
            free(same);
        }
    }
    d3 = dump_mem(t, &n3, &err);
    CHECK(n2 == n3 && !memcmp(d2, d3, n2));
    CHECK_EQ(cs_cluster_get(t, &c), 0);
    free(d1);
    free(d2);
    free(d3);
    cs_close(t);
}

static void test_refusals(void)
{
    char dir[512], path[600];
    char *before, *after;
    size_t nb, na;
    cs_store *s;
    sqlite3 *db;

    /* A newer schema. */
    subdir(dir, sizeof(dir), "newer");
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    cs_close(s);
    snprintf(path, sizeof(path), "%s/cluster.db", dir);
    CHECK_EQ(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    before = slurp(path, &nb);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), CS_ERROR_REVISION_MISMATCH);
    CHECK(s && strstr(cs_errmsg(s), "99") && strstr(cs_errmsg(s), "version 7"));
    CHECK_EQ(cs_group_create(s, "x", 1, NULL), CS_ERROR_INVALID_HANDLE);
    cs_close(s);
    after = slurp(path, &na);
    CHECK(nb == na && !memcmp(before, after, nb));
    free(before);
    free(after);

    /* Damaged pages. */
    subdir(dir, sizeof(dir), "damaged");
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    cs_close(s);
    snprintf(path, sizeof(path), "%s/cluster.db", dir);
    before = slurp(path, &nb);
    CHECK(nb > 8192);
    memset(before + 4096, 0x5a, 8192); /* pages 2 and 3: b-tree headers and cells */
    spit(path, before, nb);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), CS_ERROR_FILE_CORRUPT);
    CHECK(s && strstr(cs_errmsg(s), "damaged"));
    cs_close(s);
    after = slurp(path, &na);
    CHECK(nb == na && !memcmp(before, after, nb));
    free(before);
    free(after);

    /* Not SQLite at all, and an empty file. */
    {
        char text[200];
        memset(text, 'x', sizeof(text));
        memcpy(text, "just some text, not a database", 30);
        spit(path, text, sizeof(text));
    }
    before = slurp(path, &nb);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), CS_ERROR_FILE_CORRUPT);
    cs_close(s);
    after = slurp(path, &na);
    CHECK(nb == na && !memcmp(before, after, nb));
    free(before);
    free(after);
    spit(path, "", 0);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), CS_ERROR_FILE_CORRUPT);
    cs_close(s);
    CHECK_EQ(mode_of(path) >= 0, 1);
    {
        struct stat st;
        CHECK(stat(path, &st) == 0 && st.st_size == 0);
    }
}

static void test_two_writers(void)
{
    char dir[512];
    cs_store *s;
    pid_t pid[2];
    int i, status;
    cs_group *arr;
    size_t cnt, found = 0, k;
    struct logscan l = { 0, 0, 0, 0, 0, "group.create" };

    subdir(dir, sizeof(dir), "writers");
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    cs_close(s);
    for (i = 0; i < 2; i++) {
        pid[i] = fork();
        if (pid[i] == 0) {
            char name[32];
            int j, bad = 0;
            uint32_t err;
            if (cs_open(dir, NULL, NULL, &s))
                _exit(2);
            for (j = 0; j < 500; j++) {
                snprintf(name, sizeof(name), "W%d-%d", i, j);
                if ((err = cs_group_create(s, name, 1, NULL))) {
                    fprintf(stderr, "writer %d: %s: %u %s\n", i, name, err, cs_errmsg(s));
                    bad = 1;
                }
            }
            cs_close(s);
            _exit(bad);
        }
    }
    for (i = 0; i < 2; i++) {
        CHECK(waitpid(pid[i], &status, 0) == pid[i]);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    CHECK_EQ(cs_group_list(s, &arr, &cnt), 0);
    for (k = 0; k < cnt; k++)
        found += arr[k].name[0] == 'W';
    CHECK_EQ(found, 1000);
    cs_free(arr);
    CHECK_EQ(cs_log_list(s, 0, scan_cb, &l), 0);
    CHECK_EQ(l.creates, 1000);
    CHECK_EQ(l.dup, 0);
    CHECK_EQ(l.n, 1001);
    CHECK_EQ(l.last, 1001);
    cs_close(s);
}

static void test_liveness(cs_store *s)
{
    int up = -1;
    pid_t pid;
    cs_node n;

    CHECK_EQ(cs_node_find(s, "NodeC", &n), 0);
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 0);
    pid = node_up_begin(s, "nodec");
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 1);
    CHECK_EQ(cs_node_remove(s, "nodec"), CS_ERROR_CANT_EVICT_ACTIVE_NODE);
    node_up_end(pid);
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 0);
    /* Our own join counts as up; joining a second node is refused. */
    CHECK_EQ(cs_node_local_id(s), 0);
    CHECK_EQ(cs_node_join(s, "nodec"), 0);
    CHECK_EQ(cs_node_local_id(s), n.id);
    CHECK_EQ(cs_node_is_up(s, n.id, &up), 0);
    CHECK_EQ(up, 1);
    CHECK_EQ(cs_node_join(s, "nodec"), 0);
    CHECK_EQ(cs_node_get_by_id(s, 1, &n), 0);
    CHECK_EQ(cs_node_join(s, n.name), CS_ERROR_INVALID_STATE);
    CHECK_EQ(cs_node_join(s, "nobody"), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
}

/* ---- checkpoint contents as files (cs_blobs.c) ---- */

static void hex_of(const void *data, size_t n, char out[65])
{
    unsigned char md[32];
    unsigned int len = 0;
    int i;

    EVP_Digest(data, n, md, &len, EVP_sha256(), NULL);
    for (i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", md[i]);
}

/* 1 if the store in dir has the contents file for these bytes. */
static int has_file(const char *dir, const char *data)
{
    char p[700], h[65];
    struct stat st;
    size_t n;

    const unsigned char *hive = hv(data, &n);

    hex_of(hive, n, h);
    snprintf(p, sizeof(p), "%s/contents/%s", dir, h);
    return !lstat(p, &st) && S_ISREG(st.st_mode) && (size_t)st.st_size == n && (st.st_mode & 0777) == 0600;
}

/* A child that sets R's contents to data with one file operation made to
 * crash (fsio's CRASH fault): returns its exit status. */
static int crash_set(const char *dir, const char *fault, const char *data)
{
    pid_t pid;
    int status = -1;

    fflush(NULL);
    if ((pid = fork()) == 0) {
        cs_store *c = NULL;
        setenv("WINECLUS_FAULT", fault, 1);
        fsio_fault_arm();
        if (cs_open(dir, NULL, NULL, &c))
            _exit(3);
        set_hv(c, "R", CS_CKPT_REGISTRY, "Software\\A", data);
        _exit(4);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Size of the file in free/ that held these bytes (-1: none). */
static long pooled_size(const char *dir, const char *data)
{
    char p[700], h[65];
    struct stat st;
    size_t n;

    const unsigned char *hive = hv(data, &n);

    hex_of(hive, n, h);
    snprintf(p, sizeof(p), "%s/contents/free/%s", dir, h);
    return lstat(p, &st) ? -1 : (long)st.st_size;
}

static ino_t inode_of(const char *dir, const char *data)
{
    char p[700], h[65];
    struct stat st;
    size_t n;

    const unsigned char *hive = hv(data, &n);

    hex_of(hive, n, h);
    snprintf(p, sizeof(p), "%s/contents/%s", dir, h);
    return lstat(p, &st) ? 0 : st.st_ino;
}

/* The inodes of the files in free/ (up to max), and how many there are. */
static int pool_inodes(const char *dir, ino_t *ino, int max)
{
    char p[700];
    struct dirent *e;
    int n = 0;
    DIR *d;

    snprintf(p, sizeof(p), "%s/contents/free", dir);
    if (!(d = opendir(p)))
        return -1;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && n < max)
            ino[n++] = e->d_ino;
    closedir(d);
    return n;
}

static void test_contents_files(void)
{
    char dir[512], p[700];
    ino_t inodes[8];
    cs_checkpoint *ck = NULL;
    cs_store *s, *s2;
    cs_blob *b = NULL;
    size_t n = 0, size = 0;
    void *data = NULL;
    char buf[8];

    subdir(dir, sizeof(dir), "contents");
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    snprintf(p, sizeof(p), "%s/contents", dir);
    CHECK_EQ(mode_of(p), 0700);
    CHECK_EQ(cs_group_create(s, "G", 1, NULL), 0);
    CHECK_EQ(cs_resource_create(s, "R", "Generic Service", "G", NULL), 0);
    CHECK_EQ(cs_resource_create(s, "R2", "Generic Service", "G", NULL), 0);
    CHECK_EQ(cs_checkpoint_add(s, "R", CS_CKPT_REGISTRY, "Software\\A"), 0);
    CHECK_EQ(cs_checkpoint_add(s, "R", CS_CKPT_REGISTRY, "Software\\B"), 0);
    CHECK_EQ(cs_checkpoint_add(s, "R2", CS_CKPT_CRYPTO, "1\\2\\C"), 0);

    /* A change lets the old file go; equal contents share one file. */
    CHECK_EQ(set_hv(s, "R", CS_CKPT_REGISTRY, "Software\\A", "first"), 0);
    CHECK(has_file(dir, "first"));
    CHECK_EQ(set_hv(s, "R", CS_CKPT_REGISTRY, "Software\\A", "second"), 0);
    CHECK(!has_file(dir, "first"));
    CHECK(has_file(dir, "second"));
    CHECK_EQ(set_hv(s, "R", CS_CKPT_REGISTRY, "Software\\B", "second"), 0);
    CHECK_EQ(set_hv(s, "R2", CS_CKPT_CRYPTO, "1\\2\\C", "second"), 0);
    CHECK_EQ(cs_checkpoint_delete(s, "R", CS_CKPT_REGISTRY, "Software\\B"), 0);
    CHECK(has_file(dir, "second"));
    CHECK_EQ(cs_resource_delete(s, "R2"), 0);
    CHECK(has_file(dir, "second"));
    CHECK_EQ(cs_checkpoint_get_data(s, "R", CS_CKPT_REGISTRY, "Software\\A", &data, &size), 0);
    CHECK(is_hv(data, size, "second"));
    cs_free(data);
    data = NULL;

    /* Let-go files wait in free/, a registry capture's with its data
     * while free/ holds less than the live contents, a crypto one's
     * emptied; the next contents are written over one of them. */
    CHECK_EQ(pooled_size(dir, "first"), (long)hv_size("first"));
    CHECK_EQ(pool_inodes(dir, inodes, 8), 1);
    CHECK_EQ(cs_checkpoint_add(s, "R", CS_CKPT_CRYPTO, "1\\2\\K"), 0);
    CHECK_EQ(set_hv(s, "R", CS_CKPT_CRYPTO, "1\\2\\K", "a-secret-key"), 0);
    CHECK(has_file(dir, "a-secret-key"));
    CHECK_EQ(inode_of(dir, "a-secret-key"), inodes[0]);
    CHECK_EQ(pool_inodes(dir, inodes + 1, 7), 0);
    CHECK_EQ(cs_checkpoint_delete(s, "R", CS_CKPT_CRYPTO, "1\\2\\K"), 0);
    CHECK_EQ(pooled_size(dir, "a-secret-key"), 0);
    CHECK_EQ(cs_checkpoint_add(s, "R", CS_CKPT_REGISTRY, "Software\\D"), 0);
    CHECK_EQ(set_hv(s, "R", CS_CKPT_REGISTRY, "Software\\D", "fourth-longer"), 0);
    CHECK(has_file(dir, "fourth-longer"));
    CHECK_EQ(inode_of(dir, "fourth-longer"), inodes[0]);
    CHECK_EQ(cs_checkpoint_get_data(s, "R", CS_CKPT_REGISTRY, "Software\\D", &data, &size), 0);
    CHECK(is_hv(data, size, "fourth-longer"));
    cs_free(data);
    data = NULL;
    /* Its bytes kept would be more than the live contents: emptied. */
    CHECK_EQ(cs_checkpoint_delete(s, "R", CS_CKPT_REGISTRY, "Software\\D"), 0);
    CHECK_EQ(pooled_size(dir, "fourth-longer"), 0);

    /* A snapshot of another handle keeps the files its rows name, and
     * the next write after it ends collects them. */
    CHECK_EQ(cs_open(dir, NULL, NULL, &s2), 0);
    CHECK_EQ(cs_snapshot_begin(s2), 0);
    CHECK_EQ(cs_checkpoint_list(s2, "R", CS_CKPT_REGISTRY, &ck, &n), 0);
    CHECK_EQ(set_hv(s, "R", CS_CKPT_REGISTRY, "Software\\A", "third"), 0);
    CHECK(has_file(dir, "second"));
    CHECK(n == 1 && ck && cs_snapshot_open_blob(s2, &ck[0], &b) == 0 && b);
    CHECK(b && cs_blob_read(b, hv_size("second") - 8, buf, 8) == 0 &&
          !memcmp(buf, hv("second", &size) + size - 8, 8));
    CHECK(b && cs_blob_read(b, hv_size("second") - 7, buf, 8) == CS_ERROR_INVALID_PARAMETER);
    cs_blob_close(b);
    cs_free(ck);
    CHECK_EQ(cs_snapshot_end(s2), 0);
    cs_close(s2);
    CHECK(has_file(dir, "second"));
    CHECK_EQ(cs_group_create(s, "G2", 1, NULL), 0);
    CHECK(!has_file(dir, "second"));
    CHECK(has_file(dir, "third"));

    /* A missing or cut file is reported as damage, not as empty contents. */
    snprintf(p, sizeof(p), "%s/contents/", dir);
    hex_of(hv("third", &size), size, p + strlen(p));
    CHECK_EQ(truncate(p, 2), 0);
    CHECK_EQ(cs_checkpoint_get_data(s, "R", CS_CKPT_REGISTRY, "Software\\A", &data, &size), CS_ERROR_FILE_CORRUPT);
    CHECK(!data);
    CHECK_EQ(unlink(p), 0);
    CHECK_EQ(cs_checkpoint_get_data(s, "R", CS_CKPT_REGISTRY, "Software\\A", &data, &size), CS_ERROR_FILE_CORRUPT);
    CHECK(strstr(cs_errmsg(s), "missing") != NULL);
    /* Writing the same contents again repairs it. */
    CHECK_EQ(set_hv(s, "R", CS_CKPT_REGISTRY, "Software\\A", "third"), 0);
    CHECK(has_file(dir, "third"));
    cs_close(s);

    /* Crashes before the file is named and after it is named but before a
     * row names it, then a run the same fault count lets through: the
     * next open of the store leaves no stray file. */
    CHECK_EQ(crash_set(dir, "rename:1:CRASH", "crash-1"), 86);
    CHECK_EQ(crash_set(dir, "rename:2:CRASH", "crash-1"), 86);
    CHECK_EQ(crash_set(dir, "fsync:2:CRASH", "crash-2"), 86);
    CHECK(has_file(dir, "crash-2"));
    CHECK_EQ(crash_set(dir, "fsync:3:CRASH", "crash-3"), 4);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    CHECK(!has_file(dir, "crash-1") && !has_file(dir, "crash-2"));
    CHECK(has_file(dir, "crash-3") && !has_file(dir, "third"));
    snprintf(p, sizeof(p), "%s/contents/tmp", dir);
    CHECK_EQ(rmdir(p), 0);
    CHECK_EQ(mkdir(p, 0700), 0);
    CHECK_EQ(cs_checkpoint_get_data(s, "R", CS_CKPT_REGISTRY, "Software\\A", &data, &size), 0);
    CHECK(is_hv(data, size, "crash-3"));
    cs_free(data);
    cs_close(s);
}

/* ---------- the store's own folders and files (issue 17, items 4 and 6) ---------- */

/* A store made, closed, and the path of one of its files. */
static void made_store(char *dir, size_t n, const char *name, const char *file, char *path, size_t pn)
{
    cs_store *s;

    subdir(dir, n, name);
    CHECK_EQ(cs_open(dir, "C", "N1", &s), 0);
    cs_close(s);
    snprintf(path, pn, "%s/%s", dir, file);
}

/* The refusal of fn in a child under alarm: a hang is a failure, not a
 * stuck suite.  The child's exit status is the error code's low byte. */
static int in_child(uint32_t (*fn)(const char *), const char *dir)
{
    int status = 0;
    pid_t pid;

    fflush(NULL);
    if (!(pid = fork())) {
        alarm(10);
        _exit((int)(fn(dir) & 0xff));
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Open and join N1, as a program of that node does; *s for cs_errmsg. */
static uint32_t open_join(const char *dir, cs_store **s)
{
    uint32_t err = cs_open(dir, NULL, NULL, s);

    return err ? err : cs_node_join(*s, "N1");
}

static uint32_t join_n1(const char *dir)
{
    cs_store *s;
    uint32_t err = open_join(dir, &s);

    cs_close(s);
    return err;
}

static uint32_t probe_n2(const char *dir)
{
    cs_store *s;
    uint32_t err = cs_open(dir, NULL, NULL, &s);
    int up = 0;

    if (!err && (err = cs_node_add(s, "N2", NULL)) == CS_ERROR_CLUSTER_NODE_EXISTS)
        err = 0;
    if (!err)
        err = cs_node_is_up(s, 2, &up);
    cs_close(s);
    return err;
}

static uint32_t open_only(const char *dir)
{
    cs_store *s;
    uint32_t err = cs_open(dir, NULL, NULL, &s);

    cs_close(s);
    return err;
}

static uint32_t read_ckpt(const char *dir)
{
    cs_store *s;
    uint32_t err = cs_open(dir, NULL, NULL, &s);
    size_t size;
    void *data = NULL;

    if (!err)
        err = cs_checkpoint_get_data(s, "Cluster Name", CS_CKPT_REGISTRY, "Software\\F", &data, &size);
    cs_free(data);
    cs_close(s);
    return err;
}

#define CORRUPT_LOW (CS_ERROR_FILE_CORRUPT & 0xff)

/* A symbolic link planted as a node's lock file is never followed: its
 * target is neither created nor given a new mode. */
static void test_planted_lock_links(void)
{
    char dir[512], lock[600], outside[600];
    struct stat st;

    made_store(dir, sizeof(dir), "lock-link", "nodes", lock, sizeof(lock));
    mkdir(lock, 0700);
    snprintf(lock, sizeof(lock), "%s/nodes/1.lock", dir);
    subdir(outside, sizeof(outside), "lock-link-victim");
    CHECK_EQ(symlink(outside, lock), 0);
    CHECK_EQ(in_child(join_n1, dir), CORRUPT_LOW);
    CHECK(lstat(outside, &st) != 0);
    spit(outside, "mine", 4);
    CHECK_EQ(chmod(outside, 0644), 0);
    CHECK_EQ(in_child(join_n1, dir), CORRUPT_LOW);
    CHECK_EQ(mode_of(outside), 0644);
    /* A prober of another node does not follow one either. */
    snprintf(lock, sizeof(lock), "%s/nodes/2.lock", dir);
    CHECK_EQ(symlink(outside, lock), 0);
    CHECK_EQ(in_child(probe_n2, dir), CORRUPT_LOW);
    CHECK_EQ(mode_of(outside), 0644);
    unlink(lock);
    spit(lock, "", 0);
    snprintf(lock, sizeof(lock), "%s/nodes/2.probe", dir);
    CHECK_EQ(symlink(outside, lock), 0);
    CHECK_EQ(in_child(probe_n2, dir), CORRUPT_LOW);
    CHECK_EQ(mode_of(outside), 0644);
    /* The lock file of a node that someone else made keeps its mode. */
    snprintf(lock, sizeof(lock), "%s/nodes/1.lock", dir);
    unlink(lock);
    spit(lock, "", 0);
    CHECK_EQ(chmod(lock, 0640), 0);
    CHECK_EQ(in_child(join_n1, dir), 0);
    CHECK_EQ(mode_of(lock), 0640);
}

/* FIFOs where the store keeps a lock or contents: a clear error, never a
 * hang. */
static void test_planted_fifos(void)
{
    char dir[512], path[600], sha[65];
    cs_checkpoint *ck;
    cs_store *s;
    size_t n;

    made_store(dir, sizeof(dir), "fifo-lock", "nodes", path, sizeof(path));
    mkdir(path, 0700);
    snprintf(path, sizeof(path), "%s/nodes/1.lock", dir);
    CHECK_EQ(mkfifo(path, 0600), 0);
    CHECK_EQ(in_child(join_n1, dir), CORRUPT_LOW);

    made_store(dir, sizeof(dir), "fifo-contents-lock", "contents/.lock", path, sizeof(path));
    CHECK_EQ(unlink(path), 0);
    CHECK_EQ(mkfifo(path, 0600), 0);
    CHECK_EQ(in_child(open_only, dir), CORRUPT_LOW);

    /* A checkpoint's contents file replaced by a FIFO. */
    subdir(dir, sizeof(dir), "fifo-contents");
    CHECK_EQ(cs_open(dir, "C", "N1", &s), 0);
    CHECK_EQ(cs_checkpoint_add(s, "Cluster Name", CS_CKPT_REGISTRY, "Software\\F"), 0);
    CHECK_EQ(set_hv(s, "Cluster Name", CS_CKPT_REGISTRY, "Software\\F", "data"), 0);
    CHECK_EQ(cs_checkpoint_list(s, "Cluster Name", CS_CKPT_REGISTRY, &ck, &n), 0);
    CHECK(n == 1 && ck[0].has_sha256);
    if (n == 1) {
        unsigned i;
        for (i = 0; i < 32; i++)
            snprintf(sha + 2 * i, 3, "%02x", ck[0].sha256[i]);
    }
    cs_free(ck);
    cs_close(s);
    snprintf(path, sizeof(path), "%s/contents/%s", dir, sha);
    CHECK_EQ(unlink(path), 0);
    CHECK_EQ(mkfifo(path, 0600), 0);
    CHECK_EQ(in_child(read_ckpt, dir), CORRUPT_LOW);
}

/* A store folder, or one of its own, that someone else owns or may write
 * is refused, as ssh refuses such a ~/.ssh; and left as it was. */
static void test_foreign_folders(void)
{
    static const char *const sub[] = { "", "/contents", "/contents/tmp", "/contents/free", "/nodes" };
    char dir[512], path[600];
    cs_store *s;
    size_t i;

    for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
        made_store(dir, sizeof(dir), "foreign", "nodes", path, sizeof(path));
        mkdir(path, 0700);
        snprintf(path, sizeof(path), "%s%s", dir, sub[i]);
        CHECK_EQ(chmod(path, 0777), 0);
        CHECK_EQ(open_join(dir, &s), CS_ERROR_ACCESS_DENIED);
        CHECK(strstr(cs_errmsg(s), "writable by others") && strstr(cs_errmsg(s), "chmod 700"));
        cs_close(s);
        CHECK_EQ(mode_of(path), 0777);
        CHECK_EQ(chmod(path, 0770), 0);
        CHECK_EQ(open_join(dir, &s), CS_ERROR_ACCESS_DENIED);
        cs_close(s);
        CHECK_EQ(chmod(path, 0755), 0);
        CHECK_EQ(open_join(dir, &s), 0);
        cs_close(s);
        if (geteuid() != 0)
            continue;
        CHECK_EQ(chmod(path, 0700), 0);
        CHECK_EQ(chown(path, 65534, 65534), 0);
        CHECK_EQ(open_join(dir, &s), CS_ERROR_ACCESS_DENIED);
        CHECK(strstr(cs_errmsg(s), "owned by uid 65534") != NULL);
        cs_close(s);
        CHECK_EQ(chown(path, 0, 0), 0);
    }
    if (geteuid() != 0)
        fprintf(stderr, "test_store: not root: a store folder of another owner not tried\n");
    /* A folder it makes is no one else's to write, whatever the umask. */
    subdir(dir, sizeof(dir), "umask0/store");
    umask(0);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    umask(022);
    cs_close(s);
    CHECK_EQ(mode_of(dir), 0700);
    snprintf(path, sizeof(path), "%s/contents/free", dir);
    CHECK_EQ(mode_of(path), 0700);
}

/* Opening the store in dir is refused as corrupt, saying why, and victim
 * still holds its nb bytes before. */
static void refused_untouched(const char *dir, const char *why, const char *victim, const char *before, size_t nb)
{
    cs_store *s;
    size_t na;
    char *after;

    CHECK_EQ(cs_open(dir, NULL, NULL, &s), CS_ERROR_FILE_CORRUPT);
    CHECK(strstr(cs_errmsg(s), why) != NULL);
    cs_close(s);
    after = slurp(victim, &na);
    CHECK(before && after && nb == na && !memcmp(before, after, nb));
    free(after);
}

/* cluster.db, and SQLite's files beside it, as links, other files' second
 * names or FIFOs: refused, and what they lead to left as it was. */
static void test_planted_db_files(void)
{
    static const char *const names[] = { "cluster.db", "cluster.db-wal", "cluster.db-shm" };
    char dir[512], path[600], victim[600], *before;
    size_t i, nb;

    /* A whole store elsewhere, whose cluster.db a link would lead to. */
    made_store(dir, sizeof(dir), "db-elsewhere", "cluster.db", victim, sizeof(victim));
    before = slurp(victim, &nb);
    for (i = 0; i < 3; i++) {
        made_store(dir, sizeof(dir), "db-link", names[i], path, sizeof(path));
        unlink(path);
        CHECK_EQ(symlink(victim, path), 0);
        refused_untouched(dir, "symbolic link", victim, before, nb);
        /* A hard link: a second name of that file. */
        CHECK_EQ(unlink(path), 0);
        CHECK_EQ(link(victim, path), 0);
        refused_untouched(dir, "hard links", victim, before, nb);
        CHECK_EQ(unlink(path), 0);
    }
    free(before);
    /* A FIFO as cluster.db. */
    made_store(dir, sizeof(dir), "db-fifo", "cluster.db", path, sizeof(path));
    unlink(path);
    CHECK_EQ(mkfifo(path, 0600), 0);
    CHECK_EQ(in_child(open_only, dir), CORRUPT_LOW);
}

/* Opening to read makes nothing: no folder, no cluster. */
static void test_open_existing(void)
{
    char dir[512], path[600];
    cs_store *s;
    cs_node n;
    DIR *d;
    struct dirent *e;
    int entries = 0;

    subdir(dir, sizeof(dir), "absent/store");
    CHECK_EQ(cs_open_existing(dir, &s), CS_ERROR_FILE_NOT_FOUND);
    CHECK(strstr(cs_errmsg(s), "no cluster store") != NULL);
    cs_close(s);
    subdir(path, sizeof(path), "absent");
    CHECK(access(path, F_OK) != 0);
    CHECK_EQ(mkdir(path, 0700), 0);
    CHECK_EQ(mkdir(dir, 0700), 0);
    CHECK_EQ(cs_open_existing(dir, &s), CS_ERROR_FILE_NOT_FOUND);
    cs_close(s);
    if ((d = opendir(dir))) {
        while ((e = readdir(d)))
            entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
        closedir(d);
    }
    CHECK_EQ(entries, 0);
    CHECK_EQ(cs_open(dir, "C", "N1", &s), 0);
    cs_close(s);
    CHECK_EQ(cs_open_existing(dir, &s), 0);
    CHECK_EQ(cs_node_find(s, "n1", &n), 0);
    cs_close(s);
}

/* WINECLUS_STORE set but empty is a mistake, not the default store. */
static void test_empty_env(void)
{
    char buf[512], dir[512], home[512];
    cs_store *s;

    /* Where a default store would go if the empty one were taken for it. */
    subdir(home, sizeof(home), "home");
    setenv("HOME", home, 1);
    unsetenv("XDG_DATA_HOME");
    setenv("WINECLUS_STORE", "", 1);
    CHECK_EQ(cs_default_dir(buf, sizeof(buf)), CS_ERROR_BAD_ENVIRONMENT);
    CHECK_EQ(cs_store_dir("/configured", buf, sizeof(buf)), CS_ERROR_BAD_ENVIRONMENT);
    CHECK_EQ(cs_open(NULL, NULL, NULL, &s), CS_ERROR_BAD_ENVIRONMENT);
    CHECK(strstr(cs_errmsg(s), "WINECLUS_STORE is set but empty") != NULL);
    cs_close(s);
    CHECK(access(home, F_OK) != 0);
    subdir(dir, sizeof(dir), "from-env");
    setenv("WINECLUS_STORE", dir, 1);
    CHECK_EQ(cs_store_dir("/configured", buf, sizeof(buf)), 0);
    CHECK(!strcmp(buf, dir));
    unsetenv("WINECLUS_STORE");
    CHECK_EQ(cs_store_dir("/configured", buf, sizeof(buf)), 0);
    CHECK(!strcmp(buf, "/configured"));
    CHECK_EQ(cs_store_dir("", buf, sizeof(buf)), 0);
    CHECK(strcmp(buf, "/configured") && strstr(buf, "wineclus"));
}

/* The suites of the store's objects once more on a store at url, a new
 * cluster on etcd (test_etcd runs this so); those of the folder, its files
 * and checkpoint contents are the folder store's alone. */
static void on_url(const char *url)
{
    cs_store *s;
    cs_cluster c;
    uint32_t err;

    if ((err = cs_open(url, NULL, NULL, &s)))
        fprintf(stderr, "%s: %u %s\n", url, err, cs_errmsg(s));
    CHECK_EQ(err, 0);
    CHECK(cs_url(s) && !strcmp(cs_url(s), url));
    if (!err && !(err = cs_cluster_get(s, &c)))
        CHECK_EQ(c.log_seq, 1); /* a new cluster: the suites count from there */
    CHECK_EQ(err, 0);
    if (!err) {
        test_nodes(s);
        test_groups(s);
        test_restypes(s);
        test_resources(s);
        test_log(s);
        test_hostile_strings(s);
        test_snapshot(s);
    }
    cs_close(s);
}

int main(void)
{
    struct timespec t0, t1;
    cs_store *s;
    char cmd[300];

    clock_gettime(CLOCK_MONOTONIC, &t0);
    snprintf(root, sizeof(root), "%s/clusstore-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    if (getenv("WINECLUS_TEST_STORE_URL")) {
        on_url(getenv("WINECLUS_TEST_STORE_URL"));
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", root);
        return check_finish();
    }
    test_default_dir();
    s = test_create();
    CHECK(s != NULL);
    if (s) {
        test_nodes(s);
        test_groups(s);
        test_restypes(s);
        test_resources(s);
        test_checkpoints(s);
        test_log(s);
        test_hostile_strings(s);
        test_snapshot(s);
        test_dump(s);
        test_liveness(s);
        cs_close(s);
    }
    test_refusals();
    test_two_writers();
    test_contents_files();
    test_planted_lock_links();
    test_planted_fifos();
    test_foreign_folders();
    test_planted_db_files();
    test_open_existing();
    test_empty_env();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr, "runtime %.2f s\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return check_finish();
}

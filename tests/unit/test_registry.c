/* Unit tests of the cluster registry in libs/clusstore (cs_reg_*): the
 * layout, values from typed columns, keys and values made through it,
 * hostile names, the schema 3 -> 4 migration and a dump round trip. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"
#include "old_schema.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

uint32_t cs__crc32(uint32_t crc, const void *buf, size_t n); /* internal, for forging dumps */

static char root[256];

static int has_key(cs_store *s, const char *path, const char *name)
{
    cs_regkey_name *k = NULL;
    size_t n = 0, i;
    int found = 0;

    if (cs_reg_list_keys(s, path, &k, &n))
        return -1;
    for (i = 0; i < n; i++)
        found |= !strcmp(k[i].name, name);
    cs_free(k);
    return found;
}

/* The value as a C string ("" and a failed check if it is missing). */
static char *sz(cs_store *s, const char *path, const char *name, uint32_t want_type)
{
    static char buf[1024];
    uint32_t type = 0;
    size_t size = 0;
    void *data = NULL;

    buf[0] = 0;
    CHECK_EQ(cs_reg_get_value(s, path, name, &type, &data, &size), 0);
    CHECK_EQ(type, want_type);
    if (data)
        snprintf(buf, sizeof(buf), "%s", (const char *)data);
    cs_free(data);
    return buf;
}

static void test_layout(cs_store *s, const cs_resource *ip, const cs_group *g)
{
    static const char *const classes[] = { "Groups", "Resources", "ResourceTypes", "Nodes", "Networks",
                                           "NetworkInterfaces", "Quorum" };
    char path[CS_PATH_MAX], canon[CS_PATH_MAX];
    cs_cluster c;
    uint32_t type;
    size_t size, i;
    void *data;

    for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
        CHECK_EQ(has_key(s, "", classes[i]), 1);
    CHECK_EQ(cs_cluster_get(s, &c), 0);
    CHECK(!strcmp(sz(s, "", "ClusterName", CS_REG_SZ), c.name));
    CHECK_EQ(has_key(s, "Resources", ip->id), 1);
    CHECK_EQ(has_key(s, "Groups", g->id), 1);
    CHECK_EQ(has_key(s, "Nodes", "1"), 1);
    CHECK_EQ(has_key(s, "ResourceTypes", "Physical Disk"), 1);
    snprintf(path, sizeof(path), "resources\\%s", ip->id);
    CHECK_EQ(cs_reg_open_key(s, path, canon, sizeof(canon)), 0);
    snprintf(path, sizeof(path), "Resources\\%s", ip->id);
    CHECK(!strcmp(canon, path));
    CHECK_EQ(has_key(s, path, "Parameters"), 1);
    CHECK(!strcmp(sz(s, path, "Name", CS_REG_SZ), "Cluster IP Address"));
    CHECK(!strcmp(sz(s, path, "Type", CS_REG_SZ), "IP Address"));
    /* The private properties are the values of Parameters. */
    snprintf(path, sizeof(path), "Resources\\%s\\parameters", ip->id);
    CHECK(!strcmp(sz(s, path, "Address", CS_REG_SZ), "127.0.0.1"));
    snprintf(path, sizeof(path), "Groups\\%s", g->id);
    CHECK(!strcmp(sz(s, path, "Name", CS_REG_SZ), "Cluster Group"));
    CHECK_EQ(cs_reg_get_value(s, path, "Contains", &type, &data, &size), 0);
    CHECK(type == CS_REG_MULTI_SZ && size == 3 * 37 + 1 && ((char *)data)[size - 1] == 0);
    cs_free(data);
    CHECK(!strcmp(sz(s, "Nodes\\1", "NodeName", CS_REG_SZ), "N1"));
    CHECK(!strcmp(sz(s, "ResourceTypes\\physical disk", "DllName", CS_REG_SZ), "clusres.dll"));
    CHECK(!strcmp(sz(s, "Quorum", "Path", CS_REG_SZ), c.quorum_path));
    CHECK_EQ(cs_reg_get_value(s, "Quorum", "MaxQuorumLogSize", &type, &data, &size), 0);
    CHECK(type == CS_REG_DWORD && size == 4 && *(uint32_t *)data == c.max_log_size);
    cs_free(data);
    /* Missing objects, classes without objects, braces. */
    CHECK_EQ(cs_reg_open_key(s, "Resources\\00000000-0000-0000-0000-000000000000", NULL, 0), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_open_key(s, "Networks\\x", NULL, 0), CS_ERROR_FILE_NOT_FOUND);
    snprintf(path, sizeof(path), "Resources\\{%s}", ip->id);
    CHECK_EQ(cs_reg_open_key(s, path, NULL, 0), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_open_key(s, "Nodes\\01", NULL, 0), CS_ERROR_FILE_NOT_FOUND);
}

static void test_routed(cs_store *s, const cs_resource *ip, const cs_group *g)
{
    char path[CS_PATH_MAX];
    cs_resource r;
    uint32_t dw = 7, fmt;
    size_t size;
    void *data;

    snprintf(path, sizeof(path), "Resources\\%s", ip->id);
    /* Writing Name renames, with the rename's own checks. */
    CHECK_EQ(cs_reg_set_value(s, path, "NAME", CS_REG_SZ, "Renamed IP", 11), 0);
    CHECK_EQ(cs_resource_find(s, ip->id, &r), 0);
    CHECK(!strcmp(r.name, "Renamed IP"));
    CHECK_EQ(cs_reg_set_value(s, path, "Name", CS_REG_SZ, "Cluster Name", 13), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_reg_set_value(s, path, "Name", CS_REG_DWORD, &dw, 4), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_reg_set_value(s, path, "Name", CS_REG_SZ, "no NUL", 6), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_reg_set_value(s, path, "Name", CS_REG_SZ, "Cluster IP Address", 19), 0);
    /* Values from typed columns that have no rule to write them. */
    CHECK_EQ(cs_reg_set_value(s, path, "Type", CS_REG_SZ, "Generic Service", 16), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_delete_value(s, path, "Name"), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_set_value(s, "Quorum", "Path", CS_REG_SZ, "D:\\", 4), CS_ERROR_ACCESS_DENIED);
    snprintf(path, sizeof(path), "Groups\\%s", g->id);
    CHECK_EQ(cs_reg_set_value(s, path, "Name", CS_REG_SZ, "Main Group", 11), 0);
    {
        cs_group found;
        CHECK_EQ(cs_group_find(s, "main group", &found), 0);
        CHECK(!strcmp(found.id, g->id));
    }
    CHECK(!strcmp(sz(s, path, "Name", CS_REG_SZ), "Main Group"));
    CHECK_EQ(cs_reg_set_value(s, path, "Name", CS_REG_SZ, "Cluster Group", 14), 0);
    /* Common properties kept as values of the object's key. */
    snprintf(path, sizeof(path), "Resources\\%s", ip->id);
    CHECK_EQ(cs_reg_set_value(s, path, "Description", CS_REG_SZ, "the address", 12), 0);
    CHECK(!strcmp(sz(s, path, "description", CS_REG_SZ), "the address"));
    /* A value set under Parameters is the private property, and back. */
    snprintf(path, sizeof(path), "Resources\\%s\\Parameters", ip->id);
    CHECK_EQ(cs_reg_set_value(s, path, "EnableNetBIOS", CS_REG_DWORD, &dw, 4), 0);
    CHECK_EQ(cs_resource_get_property(s, ip->id, "enablenetbios", &fmt, &data, &size), 0);
    CHECK(fmt == CS_PROP_DWORD && size == 4 && *(uint32_t *)data == 7);
    cs_free(data);
    CHECK_EQ(cs_resource_set_property(s, ip->id, "Network", CS_PROP_SZ, "Public", 7), 0);
    CHECK(!strcmp(sz(s, path, "Network", CS_REG_SZ), "Public"));
    CHECK_EQ(cs_reg_delete_value(s, path, "Network"), 0);
    CHECK_EQ(cs_resource_get_property(s, ip->id, "Network", &fmt, &data, &size), CS_ERROR_FILE_NOT_FOUND);
    /* Classes hold only their objects. */
    CHECK_EQ(cs_reg_set_value(s, "Resources", "x", CS_REG_DWORD, &dw, 4), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_create_key(s, "Resources\\NotAnObject", NULL, NULL, 0), CS_ERROR_FILE_NOT_FOUND);
}

static void test_app_keys(cs_store *s, const cs_resource *ip)
{
    char path[CS_PATH_MAX], canon[CS_PATH_MAX];
    cs_regval *vals;
    cs_reginfo info;
    uint32_t dw = 0x12345678, type;
    size_t n, size;
    void *data;
    int created = -1;

    CHECK_EQ(cs_reg_create_key(s, "MyApp\\Settings\\Deep", &created, canon, sizeof(canon)), 0);
    CHECK_EQ(created, 1);
    CHECK(!strcmp(canon, "MyApp\\Settings\\Deep"));
    CHECK_EQ(cs_reg_create_key(s, "myapp\\SETTINGS", &created, canon, sizeof(canon)), 0);
    CHECK_EQ(created, 0);
    CHECK(!strcmp(canon, "MyApp\\Settings"));
    CHECK_EQ(has_key(s, "", "MyApp"), 1);
    CHECK_EQ(has_key(s, "MyApp", "Settings"), 1);
    CHECK_EQ(has_key(s, "MyApp", "Deep"), 0);
    CHECK_EQ(cs_reg_set_value(s, "MyApp\\Settings", "", CS_REG_SZ, "default", 8), 0);
    CHECK_EQ(cs_reg_set_value(s, "MyApp\\Settings", "Count", CS_REG_DWORD, &dw, 4), 0);
    CHECK_EQ(cs_reg_set_value(s, "MyApp\\Settings", "Empty", CS_REG_BINARY, NULL, 0), 0);
    CHECK_EQ(cs_reg_list_values(s, "MYAPP\\settings", &vals, &n), 0);
    CHECK(n == 3 && !strcmp(vals[0].name, "") && !strcmp(vals[1].name, "Count") && vals[2].size == 0);
    cs_free(vals);
    CHECK_EQ(cs_reg_query_info(s, "MyApp\\Settings", &info), 0);
    CHECK(info.subkeys == 1 && info.values == 3 && info.max_subkey_len == 4 && info.max_value_name_len == 5 &&
          info.max_value_len == 8 && info.security_size == 0);
    CHECK_EQ(cs_reg_get_value(s, "MyApp\\Settings", "Missing", &type, &data, &size), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_delete_value(s, "MyApp\\Settings", "Missing"), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_open_key(s, "MyApp\\Nothing", NULL, 0), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_open_key(s, "MyApp\\Nothing\\Below", NULL, 0), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_set_value(s, "MyApp\\Nothing", "x", CS_REG_DWORD, &dw, 4), CS_ERROR_FILE_NOT_FOUND);
    /* A key with subkeys is not deleted; without, it goes with its values. */
    CHECK_EQ(cs_reg_delete_key(s, "MyApp\\Settings"), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_delete_key(s, "MyApp\\Settings\\Deep"), 0);
    CHECK_EQ(cs_reg_delete_key(s, "MyApp\\Settings\\Deep"), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_delete_key(s, "MyApp\\Settings"), 0);
    CHECK_EQ(cs_reg_create_key(s, "MyApp\\Settings", &created, NULL, 0), 0);
    CHECK_EQ(created, 1);
    CHECK_EQ(cs_reg_list_values(s, "MyApp\\Settings", &vals, &n), 0);
    CHECK_EQ(n, 0);
    cs_free(vals);
    /* Keys the cluster makes are not deleted. */
    CHECK_EQ(cs_reg_delete_key(s, "Quorum"), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_delete_key(s, "Resources"), CS_ERROR_ACCESS_DENIED);
    snprintf(path, sizeof(path), "Resources\\%s\\Parameters", ip->id);
    CHECK_EQ(cs_reg_delete_key(s, path), CS_ERROR_ACCESS_DENIED);
    /* Security: none, then set; on a key the cluster makes too. */
    CHECK_EQ(cs_reg_get_security(s, "MyApp", &data, &size), 0);
    CHECK(data == NULL && size == 0);
    CHECK_EQ(cs_reg_set_security(s, "MyApp", "\x01\x00\x04\x80", 4), 0);
    CHECK_EQ(cs_reg_get_security(s, "MyApp", &data, &size), 0);
    CHECK(size == 4 && data && !memcmp(data, "\x01\x00\x04\x80", 4));
    cs_free(data);
    CHECK_EQ(cs_reg_set_security(s, "Quorum", "\x01\x00\x04\x80", 4), 0);
    CHECK_EQ(has_key(s, "", "Quorum"), 1);
    CHECK_EQ(cs_reg_set_security(s, "MyApp", NULL, 0), CS_ERROR_INVALID_PARAMETER);
    /* App keys under an object's key. */
    snprintf(path, sizeof(path), "Resources\\%s\\RegSync", ip->id);
    CHECK_EQ(cs_reg_create_key(s, path, &created, NULL, 0), 0);
    CHECK_EQ(created, 1);
}

static void test_hostile(cs_store *s)
{
    static const struct { const char *path; uint32_t err; } bad[] = {
        { "\\MyApp", CS_ERROR_INVALID_PARAMETER },
        { "MyApp\\", CS_ERROR_INVALID_PARAMETER },
        { "MyApp\\\\x", CS_ERROR_INVALID_PARAMETER },
        { "My\x01" "App", CS_ERROR_INVALID_NAME },
        { "My\x1b[31mApp", CS_ERROR_INVALID_NAME },
        { "Bad\xc3", CS_ERROR_INVALID_NAME },
        { "C1\xc2\x85", CS_ERROR_INVALID_NAME },
    };
    char longname[300], longpath[1100];
    uint32_t dw = 1;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ(cs_reg_create_key(s, bad[i].path, NULL, NULL, 0), bad[i].err);
        CHECK_EQ(cs_reg_open_key(s, bad[i].path, NULL, 0), bad[i].err);
        CHECK_EQ(cs_reg_set_value(s, bad[i].path, "v", CS_REG_DWORD, &dw, 4), bad[i].err);
    }
    memset(longname, 'k', 255);
    longname[255] = 0;
    CHECK_EQ(cs_reg_create_key(s, longname, NULL, NULL, 0), 0);
    CHECK_EQ(cs_reg_delete_key(s, longname), 0);
    longname[255] = 'k';
    longname[256] = 0;
    CHECK_EQ(cs_reg_create_key(s, longname, NULL, NULL, 0), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_reg_set_value(s, "", longname, CS_REG_DWORD, &dw, 4), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_reg_set_value(s, "", "bad\nname", CS_REG_DWORD, &dw, 4), CS_ERROR_INVALID_NAME);
    for (i = 0; i + 2 < sizeof(longpath); i += 2)
        memcpy(longpath + i, "a\\", 2);
    longpath[i - 1] = 0;
    CHECK_EQ(cs_reg_create_key(s, longpath, NULL, NULL, 0), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_reg_set_value(s, "", "big", CS_REG_BINARY, longpath, (size_t)CS_REG_DATA_MAX + 1),
             CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_reg_open_key(s, NULL, NULL, 0), CS_ERROR_INVALID_PARAMETER);
}

static uint32_t file_write(void *ctx, const void *buf, size_t n)
{
    return fwrite(buf, 1, n, ctx) == n ? 0 : CS_ERROR_DISK_FULL;
}

/* A new store named name loaded exactly from snap (a dump or a hive): it
 * dumps as want. */
static cs_store *replica_of(const char *name, const char *snap, size_t sn, const char *want, size_t wn)
{
    char path[CS_PATH_MAX], *again = NULL;
    size_t n = 0;
    cs_store *t = NULL;
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", root, name);
    CHECK_EQ(cs_open(path, "R", "N1", &t), 0);
    f = fmemopen((void *)snap, sn, "rb");
    CHECK_EQ(cs_snapshot_load_file(t, f, CS_LOAD_EXACT), 0);
    fclose(f);
    f = open_memstream(&again, &n);
    CHECK_EQ(cs_snapshot_dump_file(t, f), 0);
    fclose(f);
    CHECK(n == wn && !memcmp(want, again, n));
    free(again);
    return t;
}

/* Deleting an object deletes its subtree; a dump carries the registry. */
static void test_subtree_and_dump(cs_store *s)
{
    char path[CS_PATH_MAX], *dump = NULL;
    size_t n = 0;
    cs_resource r;
    cs_store *t;
    FILE *f;
    uint32_t type;
    size_t size;
    void *data;

    CHECK_EQ(cs_resource_create(s, "Doomed", "Generic Service", "Cluster Group", &r), 0);
    snprintf(path, sizeof(path), "Resources\\%s\\Parameters\\Sub", r.id);
    CHECK_EQ(cs_reg_create_key(s, path, NULL, NULL, 0), 0);
    CHECK_EQ(cs_reg_set_value(s, path, "v", CS_REG_SZ, "x", 2), 0);
    CHECK_EQ(cs_resource_delete(s, r.id), 0);
    CHECK_EQ(cs_resource_create(s, "Doomed", "Generic Service", "Cluster Group", &r), 0);
    f = open_memstream(&dump, &n);
    CHECK_EQ(cs_snapshot_dump_file(s, f), 0);
    fclose(f);
    CHECK(strstr(dump, "WINECLUS-DUMP\t3\t") == dump);
    CHECK(strstr(dump, "\nregkey\tMyApp\t") != NULL);
    CHECK(strstr(dump, "\nregval\tResources\\") != NULL);
    CHECK(strstr(dump, "\\Sub\t") == NULL);
    t = replica_of("replica", dump, n, dump, n);
    /* The backup's hive carries the same database, byte for byte in its dump. */
    {
        char *hive = NULL;
        size_t hn = 0;
        cs_store *u;
        f = open_memstream(&hive, &hn);
        CHECK_EQ(cs_snapshot_hive(s, file_write, f), 0);
        fclose(f);
        CHECK(hn > 4096 && !memcmp(hive, "regf", 4));
        u = replica_of("replica-hive", hive, hn, dump, n);
        cs_close(u);
        free(hive);
    }
    CHECK_EQ(cs_reg_get_value(t, "MyApp\\Settings", "Count", &type, &data, &size), CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_open_key(t, "MyApp\\Settings", NULL, 0), 0);
    /* A value whose key is gone, or one the registry would refuse, is a damaged dump. */
    {
        static const char *const bad[] = { "regval\tNoSuchKey\tv\t4\t01000000\n",
                                           "regval\tQuorum\tPath\t1\t4100\n", "regkey\tGhost\\Child\t\n" };
        size_t i;
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            char *forged = malloc(n + 200), *end = strstr(dump, "\nend\t") + 1, *p;
            uint32_t crc, lines;
            p = forged + (end - dump);
            memcpy(forged, dump, (size_t)(end - dump));
            strcpy(p, bad[i]);
            p += strlen(p);
            crc = cs__crc32(0, forged, (size_t)(p - forged));
            lines = 0;
            for (char *q = forged; q < p; q++)
                lines += *q == '\n';
            p += sprintf(p, "end\t%u\t%08x\n", lines, crc);
            f = fmemopen(forged, (size_t)(p - forged), "rb");
            CHECK_EQ(cs_snapshot_load_file(t, f, 0), CS_ERROR_DATABASE_BACKUP_CORRUPT);
            fclose(f);
            free(forged);
        }
    }
    cs_close(t);
    free(dump);
}

/* A store of schema 3 with private properties: after the upgrade they are
 * the values of Parameters, typed as in the registry. */
/* More objects of a class than one subkey list of Windows' holds (the
 * hive's class key gets an ri of lh lists): each with its Parameters and a
 * value there; the hive loads back as the same database. */
static void test_many_objects(void)
{
    char path[CS_PATH_MAX], name[32], *dump = NULL, *hive = NULL;
    size_t n = 0, hn = 0, i;
    cs_resource r;
    cs_store *s, *t;
    FILE *f;

    snprintf(path, sizeof(path), "%s/many", root);
    CHECK_EQ(cs_open(path, "MANY", "N1", &s), 0);
    for (i = 0; i < 1100; i++) {
        snprintf(name, sizeof(name), "R%zu", i);
        if (cs_resource_create(s, name, "Generic Service", "Cluster Group", &r))
            break;
        snprintf(path, sizeof(path), "Resources\\%s\\Parameters", r.id);
        if (cs_reg_set_value(s, path, "ServiceName", CS_REG_SZ, "svc", 4))
            break;
    }
    CHECK_EQ(i, 1100);
    f = open_memstream(&dump, &n);
    CHECK_EQ(cs_snapshot_dump_file(s, f), 0);
    fclose(f);
    f = open_memstream(&hive, &hn);
    CHECK_EQ(cs_snapshot_hive(s, file_write, f), 0);
    fclose(f);
    t = replica_of("many-replica", hive, hn, dump, n);
    cs_close(t);
    cs_close(s);
    free(dump);
    free(hive);
}

static void test_migration(void)
{
    char dir[300], db_path[400];
    cs_store *s;
    sqlite3 *db;
    uint32_t fmt;
    size_t size;
    void *data;
    cs_resource r;

    snprintf(dir, sizeof(dir), "%s/v3", root);
    CHECK_EQ(cs_open(dir, "OLD", "N1", &s), 0);
    CHECK_EQ(cs_resource_create(s, "Svc", "Generic Service", "Cluster Group", &r), 0);
    cs_close(s);
    snprintf(db_path, sizeof(db_path), "%s/cluster.db", dir);
    CHECK_EQ(sqlite3_open(db_path, &db), SQLITE_OK);
    /* What version 3 had: the property table, no registry tables. */
    CHECK_EQ(sqlite3_exec(db,
                          SCHEMA_TO_3
                          "INSERT INTO property SELECT id, 'ServiceName', 3, CAST('w3svc' || char(0) AS BLOB)"
                          " FROM resource WHERE name = 'Svc';"
                          "INSERT INTO property SELECT id, 'Big', 6, x'0102030405060708' FROM resource WHERE name = 'Svc';"
                          "INSERT INTO property SELECT id, 'Signed', 7, x'ffffffff' FROM resource WHERE name = 'Svc';"
                          ,
                          NULL, NULL, NULL),
             SQLITE_OK);
    sqlite3_close(db);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    CHECK_EQ(cs_resource_get_property(s, "Svc", "servicename", &fmt, &data, &size), 0);
    CHECK(fmt == CS_PROP_SZ && size == 6 && !strcmp(data, "w3svc"));
    cs_free(data);
    CHECK_EQ(cs_resource_get_property(s, "Cluster IP Address", "SubnetMask", &fmt, &data, &size), 0);
    CHECK(fmt == CS_PROP_SZ && size == 10 && !strcmp(data, "255.0.0.0"));
    cs_free(data);
    CHECK_EQ(cs_resource_get_property(s, "Svc", "Big", &fmt, &data, &size), 0);
    CHECK(fmt == CS_PROP_ULARGE_INTEGER && size == 8);
    cs_free(data);
    {
        char path[CS_PATH_MAX];
        uint32_t type;
        snprintf(path, sizeof(path), "Resources\\%s\\Parameters", r.id);
        CHECK_EQ(cs_reg_get_value(s, path, "Signed", &type, &data, &size), 0);
        CHECK(type == CS_REG_DWORD && size == 4);
        cs_free(data);
        CHECK_EQ(cs_reg_get_value(s, path, "Big", &type, &data, &size), 0);
        CHECK_EQ(type, CS_REG_QWORD);
        cs_free(data);
    }
    cs_close(s);
    CHECK_EQ(sqlite3_open(db_path, &db), SQLITE_OK);
    CHECK_EQ(sqlite3_exec(db, "SELECT 1 FROM property", NULL, NULL, NULL), SQLITE_ERROR);
    sqlite3_close(db);
}

/* A version 1 dump's property lines load as Parameters values. */
static void test_v1_dump(cs_store *s)
{
    cs_resource r;
    char *dump = NULL, *p, *end, line[512];
    size_t n = 0;
    FILE *f;
    uint32_t fmt, crc, lines = 0;
    size_t size;
    void *data;
    cs_store *t;
    char dir[300];

    CHECK_EQ(cs_resource_find(s, "Doomed", &r), 0);
    f = open_memstream(&dump, &n);
    CHECK_EQ(cs_snapshot_dump_file(s, f), 0);
    fclose(f);
    /* Version 1: no registry lines; a property line after the dependencies. */
    {
        char *out = malloc(n + 512), *o = out, *q = dump;
        while (*q) {
            char *nl = strchr(q, '\n');
            size_t len = (size_t)(nl - q) + 1;
            if (!strncmp(q, "end\t", 4))
                break;
            if (!strncmp(q, "WINECLUS-DUMP\t3", 15)) {
                memcpy(o, "WINECLUS-DUMP\t1", 15);
                memcpy(o + 15, q + 15, len - 15);
                o += len;
            } else if (!strncmp(q, "checkpoint\t", 11) || !strncmp(q, "log\t", 4) || !strncmp(q, "logcheckpoint\t", 14)) {
                if (r.id[0]) {
                    snprintf(line, sizeof(line), "property\t%s\tTimeout\t2\t2a000000\n", r.id);
                    o += sprintf(o, "%s", line);
                    r.id[0] = 0;
                }
                memcpy(o, q, len);
                o += len;
            } else if (strncmp(q, "regkey\t", 7) && strncmp(q, "regval\t", 7)) {
                memcpy(o, q, len);
                o += len;
            }
            q = nl + 1;
        }
        for (p = out; p < o; p++)
            lines += *p == '\n';
        crc = cs__crc32(0, out, (size_t)(o - out));
        end = o + sprintf(o, "end\t%u\t%08x\n", lines, crc);
        snprintf(dir, sizeof(dir), "%s/v1dump", root);
        CHECK_EQ(cs_open(dir, "V1", "N1", &t), 0);
        f = fmemopen(out, (size_t)(end - out), "rb");
        CHECK_EQ(cs_snapshot_load_file(t, f, 0), 0);
        fclose(f);
        CHECK_EQ(cs_resource_get_property(t, "Doomed", "timeout", &fmt, &data, &size), 0);
        CHECK(fmt == CS_PROP_DWORD && size == 4 && *(uint32_t *)data == 42);
        cs_free(data);
        cs_close(t);
        free(out);
    }
    free(dump);
}

int main(void)
{
    char dir[300], cmd[400];
    cs_resource ip;
    cs_group g;
    cs_store *s;

    snprintf(root, sizeof(root), "%s/clusreg-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(dir, sizeof(dir), "%s/store", root);
    CHECK_EQ(cs_open(dir, "CLUS", "N1", &s), 0);
    CHECK_EQ(cs_resource_find(s, "Cluster IP Address", &ip), 0);
    CHECK_EQ(cs_group_find(s, "Cluster Group", &g), 0);
    test_layout(s, &ip, &g);
    test_routed(s, &ip, &g);
    test_app_keys(s, &ip);
    test_hostile(s);
    test_subtree_and_dump(s);
    test_v1_dump(s);
    cs_close(s);
    test_many_objects();
    test_migration();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_finish();
}

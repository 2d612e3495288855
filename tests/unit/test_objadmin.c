/* Unit tests for the store's object administration: resource types made and
 * deleted, nodes paused and resumed, groups' preferred owners. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"
#include "node_up.h"

#include <stdlib.h>
#include <string.h>

static uint32_t dword_value(cs_store *s, const char *key, const char *name, uint32_t *value)
{
    uint32_t type, err;
    size_t size;
    void *data;

    if ((err = cs_reg_get_value(s, key, name, &type, &data, &size)))
        return err;
    if (type != CS_REG_DWORD || size != 4)
        err = CS_ERROR_INVALID_DATA;
    else
        memcpy(value, data, 4);
    cs_free(data);
    return err;
}

static void test_types(cs_store *s)
{
    cs_restype t, *arr;
    cs_resource r;
    cs_group g;
    uint32_t v = 0;
    size_t cnt, before, n;
    char *dump = NULL;
    FILE *f;

    CHECK_EQ(cs_restype_list(s, &arr, &before), 0);
    cs_free(arr);
    CHECK_EQ(cs_restype_create(s, "Flux Capacitor", "Flux capacitor", "flux.dll", 4000, 50000), 0);
    CHECK_EQ(cs_restype_find(s, "flux capacitor", &t), 0);
    CHECK(!strcmp(t.name, "Flux Capacitor") && !strcmp(t.display_name, "Flux capacitor") &&
          !strcmp(t.dll_name, "flux.dll"));
    CHECK_EQ(dword_value(s, "ResourceTypes\\Flux Capacitor", "LooksAlivePollInterval", &v), 0);
    CHECK_EQ(v, 4000);
    CHECK_EQ(dword_value(s, "ResourceTypes\\flux capacitor", "IsAlivePollInterval", &v), 0);
    CHECK_EQ(v, 50000);
    CHECK_EQ(cs_restype_list(s, &arr, &cnt), 0);
    CHECK_EQ(cnt, before + 1);
    cs_free(arr);
    /* Taken names, bad names and intervals the properties refuse. */
    CHECK_EQ(cs_restype_create(s, "FLUX CAPACITOR", "x", "x.dll", 1, 1), CS_ERROR_ALREADY_EXISTS);
    CHECK_EQ(cs_restype_create(s, "IP Address", "x", "x.dll", 1, 1), CS_ERROR_ALREADY_EXISTS);
    CHECK_EQ(cs_restype_create(s, "", "x", "x.dll", 1, 1), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_restype_create(s, "T", NULL, "x.dll", 1, 1), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_restype_create(s, "T", "x", "", 1, 1), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_restype_create(s, "T\x01", "x", "x.dll", 1, 1), CS_ERROR_INVALID_NAME);
    CHECK_EQ(cs_restype_create(s, "T", "x", "x.dll", 0, 1), CS_ERROR_INVALID_DATA);
    CHECK_EQ(cs_restype_create(s, "T", "x", "x.dll", 1, 0), CS_ERROR_INVALID_DATA);
    CHECK_EQ(cs_restype_find(s, "T", &t), CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);

    /* A dump carries the type and its intervals. */
    f = open_memstream(&dump, &n);
    CHECK_EQ(cs_snapshot_dump_file(s, f), 0);
    fclose(f);
    CHECK(dump && strstr(dump, "Flux Capacitor") && strstr(dump, "LooksAlivePollInterval"));

    /* Refused while a resource of it exists. */
    CHECK_EQ(cs_group_create(s, "Lab", 1, &g), 0);
    CHECK_EQ(cs_resource_create(s, "Flux", "flux capacitor", "Lab", &r), 0);
    CHECK_EQ(cs_restype_delete(s, "Flux Capacitor"), CS_ERROR_DIR_NOT_EMPTY);
    CHECK_EQ(cs_resource_delete(s, "Flux"), 0);
    CHECK_EQ(cs_restype_delete(s, "FLUX CAPACITOR"), 0);
    CHECK_EQ(cs_restype_find(s, "Flux Capacitor", &t), CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    CHECK_EQ(cs_reg_get_value(s, "ResourceTypes\\Flux Capacitor", "IsAlivePollInterval", &v, (void **)&arr, &cnt),
             CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_restype_delete(s, "Flux Capacitor"), CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    CHECK_EQ(cs_restype_delete(s, NULL), CS_ERROR_INVALID_PARAMETER);
    /* A new type with that name starts from its own intervals. */
    CHECK_EQ(cs_restype_create(s, "flux capacitor", "F", "f.dll", 7000, 70000), 0);
    CHECK_EQ(dword_value(s, "ResourceTypes\\Flux Capacitor", "LooksAlivePollInterval", &v), 0);
    CHECK_EQ(v, 7000);

    /* Loading the dump brings the first one back. */
    f = fmemopen(dump, n, "rb");
    CHECK_EQ(cs_snapshot_load_file(s, f, 0), 0);
    fclose(f);
    free(dump);
    CHECK_EQ(cs_restype_find(s, "Flux Capacitor", &t), 0);
    CHECK(!strcmp(t.dll_name, "flux.dll"));
    CHECK_EQ(dword_value(s, "ResourceTypes\\Flux Capacitor", "LooksAlivePollInterval", &v), 0);
    CHECK_EQ(v, 4000);
    CHECK_EQ(cs_group_delete(s, "Lab"), CS_ERROR_GROUP_NOT_FOUND); /* made after the dump */
}

static void test_pause(cs_store *s)
{
    cs_node n;
    pid_t pid;

    /* Node 1 is ours, so up. */
    CHECK_EQ(cs_node_join(s, "ONE"), 0);
    CHECK_EQ(cs_node_set_paused(s, 1, 0), CS_ERROR_CLUSTER_NODE_NOT_PAUSED);
    CHECK_EQ(cs_node_set_paused(s, 1, 1), 0);
    CHECK_EQ(cs_node_get_by_id(s, 1, &n), 0);
    CHECK_EQ(n.state, CS_NODE_PAUSED);
    CHECK_EQ(cs_node_set_paused(s, 1, 1), CS_ERROR_CLUSTER_NODE_PAUSED);
    CHECK_EQ(cs_node_set_paused(s, 1, 0), 0);
    CHECK_EQ(cs_node_get_by_id(s, 1, &n), 0);
    CHECK_EQ(n.state, CS_NODE_UP);
    CHECK_EQ(cs_node_set_paused(s, 9, 1), CS_ERROR_CLUSTER_NODE_NOT_FOUND);

    /* A node no program uses is down: it cannot be paused. */
    CHECK_EQ(cs_node_add(s, "TWO", &n), 0);
    CHECK_EQ(cs_node_set_paused(s, n.id, 1), CS_ERROR_CLUSTER_NODE_DOWN);
    CHECK_EQ(cs_node_set_paused(s, n.id, 0), CS_ERROR_CLUSTER_NODE_NOT_PAUSED);
    /* Paused while another process keeps it up, it stays paused when that ends. */
    pid = node_up_begin(s, "two");
    CHECK_EQ(cs_node_set_paused(s, n.id, 1), 0);
    node_up_end(pid);
    CHECK_EQ(cs_node_get_by_id(s, n.id, &n), 0);
    CHECK_EQ(n.state, CS_NODE_PAUSED);
    CHECK_EQ(cs_node_set_paused(s, n.id, 0), 0);
    CHECK_EQ(cs_node_remove(s, "two"), 0);
}

static void test_preferred(cs_store *s)
{
    cs_node *arr, two, three;
    cs_group g;
    uint32_t ids[4], type;
    size_t cnt;
    void *data;

    CHECK_EQ(cs_node_add(s, "TWO", &two), 0);
    CHECK_EQ(cs_node_add(s, "THREE", &three), 0);
    CHECK_EQ(cs_group_create(s, "Pref", 1, &g), 0);
    CHECK_EQ(cs_group_list_preferred(s, "pref", &arr, &cnt), 0);
    CHECK_EQ(cnt, 0);
    cs_free(arr);
    ids[0] = three.id, ids[1] = 1, ids[2] = three.id, ids[3] = two.id;
    CHECK_EQ(cs_group_set_preferred(s, "PREF", ids, 4), 0);
    CHECK_EQ(cs_group_list_preferred(s, g.id, &arr, &cnt), 0);
    CHECK_EQ(cnt, 3);
    CHECK(cnt == 3 && !strcmp(arr[0].name, "THREE") && arr[1].id == 1 && !strcmp(arr[2].name, "TWO"));
    cs_free(arr);
    /* As the Server 2003 hive keeps it. */
    {
        char key[64], want[16];
        size_t len = (size_t)snprintf(want, sizeof(want), "%u%c1%c%u%c", three.id, 0, 0, two.id, 0) + 1;

        snprintf(key, sizeof(key), "Groups\\%s", g.id);
        CHECK_EQ(cs_reg_get_value(s, key, "PreferredOwners", &type, &data, &cnt), 0);
        CHECK_EQ(type, CS_REG_MULTI_SZ);
        CHECK(cnt == len && !memcmp(data, want, len));
        cs_free(data);
    }
    ids[1] = 77;
    CHECK_EQ(cs_group_set_preferred(s, "pref", ids, 2), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_group_set_preferred(s, "none", ids, 1), CS_ERROR_GROUP_NOT_FOUND);
    CHECK_EQ(cs_group_set_preferred(s, "pref", NULL, 1), CS_ERROR_INVALID_PARAMETER);

    /* Evicting a node takes it out of the list: a node given its id later is not preferred. */
    CHECK_EQ(cs_node_remove(s, "three"), 0);
    CHECK_EQ(cs_group_list_preferred(s, "pref", &arr, &cnt), 0);
    CHECK(cnt == 2 && arr[0].id == 1 && arr[1].id == two.id);
    cs_free(arr);
    CHECK_EQ(cs_node_add(s, "FOUR", &three), 0);
    CHECK_EQ(cs_group_list_preferred(s, "pref", &arr, &cnt), 0);
    CHECK_EQ(cnt, 2);
    cs_free(arr);

    /* Written through the registry, only ids of nodes count. */
    {
        char key[64];
        static const char junk[] = "x\0" "2\0" "99\0" "\0";

        snprintf(key, sizeof(key), "Groups\\%s", g.id);
        CHECK_EQ(cs_reg_set_value(s, key, "PreferredOwners", CS_REG_MULTI_SZ, junk, sizeof(junk)), 0);
        CHECK_EQ(cs_group_list_preferred(s, "pref", &arr, &cnt), 0);
        CHECK(cnt == 1 && arr[0].id == 2);
        cs_free(arr);
    }
    CHECK_EQ(cs_group_set_preferred(s, "pref", NULL, 0), 0);
    CHECK_EQ(cs_group_list_preferred(s, "pref", &arr, &cnt), 0);
    CHECK_EQ(cnt, 0);
    cs_free(arr);
    CHECK_EQ(cs_group_delete(s, "pref"), 0);
}

int main(void)
{
    char root[256], cmd[300];
    cs_store *s;

    snprintf(root, sizeof(root), "%s/objadmin-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_EQ(cs_open(root, "C", "ONE", &s), 0);
    test_types(s);
    test_pause(s);
    test_preferred(s);
    cs_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    CHECK_EQ(system(cmd), 0);
    return check_finish();
}

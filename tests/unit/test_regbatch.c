/* Unit tests of cs_reg_set_values (libs/clusstore/registry/cs_regbatch.c): a list of
 * values of one key written whole or not at all, the key made if missing,
 * values made from typed columns refused. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static cs_regval val(const char *name, uint32_t type, const void *data, size_t size)
{
    cs_regval v;

    memset(&v, 0, sizeof(v));
    snprintf(v.name, sizeof(v.name), "%s", name);
    v.type = type;
    v.data = data;
    v.size = size;
    return v;
}

/* 1 if the key has the value with these bytes, 0 if it has none, -1 if other bytes. */
static int has_value(cs_store *s, const char *path, const char *name, const void *want, size_t want_size)
{
    uint32_t type;
    size_t size;
    void *data = NULL;
    int ret;

    if (cs_reg_get_value(s, path, name, &type, &data, &size))
        return 0;
    ret = size == want_size && !memcmp(data, want, size) ? 1 : -1;
    cs_free(data);
    return ret;
}

static void test_batch(cs_store *s, const cs_resource *res, const cs_group *g)
{
    static const uint32_t timeout = 200000, other = 5;
    static const char desc[] = "set in one go";
    char key[CS_PATH_MAX], params[CS_PATH_MAX];
    cs_regval v[3];

    snprintf(key, sizeof(key), "Resources\\%s", res->id);
    v[0] = val("PendingTimeout", CS_REG_DWORD, &timeout, sizeof(timeout));
    v[1] = val("Description", CS_REG_SZ, desc, sizeof(desc));
    CHECK_EQ(cs_reg_set_values(s, key, v, 2), 0);
    CHECK_EQ(has_value(s, key, "PendingTimeout", &timeout, sizeof(timeout)), 1);
    CHECK_EQ(has_value(s, key, "Description", desc, sizeof(desc)), 1);

    /* A value made from a column, last in the list: nothing of it is written. */
    v[0] = val("PendingTimeout", CS_REG_DWORD, &other, sizeof(other));
    v[1] = val("RestartThreshold", CS_REG_DWORD, &other, sizeof(other));
    v[2] = val("Name", CS_REG_SZ, "x", 2);
    CHECK_EQ(cs_reg_set_values(s, key, v, 3), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(has_value(s, key, "PendingTimeout", &timeout, sizeof(timeout)), 1);
    CHECK_EQ(has_value(s, key, "RestartThreshold", &other, sizeof(other)), 0);
    /* A bad name is refused before the transaction. */
    v[2] = val("a\x01", CS_REG_SZ, "x", 2);
    CHECK(cs_reg_set_values(s, key, v, 3) != 0);
    CHECK_EQ(has_value(s, key, "RestartThreshold", &other, sizeof(other)), 0);
    /* Data without a pointer. */
    v[0] = val("PendingTimeout", CS_REG_DWORD, NULL, 4);
    CHECK_EQ(cs_reg_set_values(s, key, v, 1), CS_ERROR_INVALID_PARAMETER);

    /* A group has no Parameters key until its first private property. */
    snprintf(params, sizeof(params), "Groups\\%s\\Parameters", g->id);
    CHECK_EQ(cs_reg_open_key(s, params, NULL, 0), CS_ERROR_FILE_NOT_FOUND);
    v[0] = val("Level", CS_REG_DWORD, &other, sizeof(other));
    CHECK_EQ(cs_reg_set_values(s, params, v, 1), 0);
    CHECK_EQ(cs_reg_open_key(s, params, NULL, 0), 0);
    CHECK_EQ(has_value(s, params, "Level", &other, sizeof(other)), 1);
    /* The class keys hold only their objects' keys; no object, no key. */
    CHECK_EQ(cs_reg_set_values(s, "Groups", v, 1), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_set_values(s, "Groups\\00000000-0000-0000-0000-000000000000", v, 1),
             CS_ERROR_FILE_NOT_FOUND);
    CHECK_EQ(cs_reg_set_values(s, key, NULL, 0), 0);
}

int main(void)
{
    char root[256], dir[300], cmd[400];
    cs_resource res;
    cs_group g;
    cs_store *s;

    snprintf(root, sizeof(root), "%s/regbatch-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(dir, sizeof(dir), "%s/store", root);
    CHECK_EQ(cs_open(dir, "CLUS", "N1", &s), 0);
    CHECK_EQ(cs_group_create(s, "G", 1, &g), 0);
    CHECK_EQ(cs_resource_create(s, "R", "Generic Application", "G", &res), 0);
    test_batch(s, &res, &g);
    cs_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_finish();
}

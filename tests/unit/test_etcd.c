/* Stores on etcd (docs/etcd.md), against a real etcd the test starts:
 * the URL's checks, the client, replicas on two "hosts" (two replica
 * folders), and writers on both racing. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"
#include "cs_internal.h"
#include "cs_etcd.h"
#include "etcd_server.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[256], store_url[128];

static void test_urls(void)
{
    static const char *const good[] = {
        "etcd://127.0.0.1:2379/CLUS", "etcds://a.example:2379,b.example:2380,[::1]:2381/my_clus-1.x",
    };
    static const char *const bad[] = {
        "etcd://127.0.0.1/CLUS", "etcd://127.0.0.1:2379", "etcd://127.0.0.1:2379/", "etcd://:2379/C",
        "etcd://h:0/C", "etcd://h:65536/C", "etcd://h:23x9/C", "etcd://h:2379,/C", "etcd://h_x:1/C",
        "etcd://h:1/C/D", "etcd://h:1/C D", "etcd://[::1/C", "etcd://1:1,2:2,3:3,4:4,5:5,6:6,7:7,8:8,9:9/C",
        "etcd://h:1/0123456789012345678901234567890123456789012345678901234567890123",
    };
    char buf[512], why[256];
    cs_etcd_url u;
    size_t i;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        CHECK_EQ(cs_etcd_parse_url(good[i], &u, why, sizeof(why)), 0);
        setenv("WINECLUS_STORE", good[i], 1);
        CHECK_EQ(cs_store_dir(NULL, buf, sizeof(buf)), 0);
        CHECK(!strcmp(buf, good[i]));
    }
    CHECK_EQ(cs_etcd_parse_url(good[1], &u, why, sizeof(why)), 0);
    CHECK(u.tls && u.n == 3 && u.port[2] == 2381 && !strcmp(u.host[2], "[::1]") && !strcmp(u.cluster, "my_clus-1.x"));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ(cs_etcd_parse_url(bad[i], &u, why, sizeof(why)), CS_ERROR_BAD_ENVIRONMENT);
        setenv("WINECLUS_STORE", bad[i], 1);
        CHECK_EQ(cs_store_dir(NULL, buf, sizeof(buf)), CS_ERROR_BAD_ENVIRONMENT);
        CHECK(strstr(buf, "is not a valid etcd store URL") && strstr(buf, "etcd://HOST:PORT"));
    }
    setenv("WINECLUS_STORE", "http://h:1/C", 1);
    CHECK_EQ(cs_store_dir(NULL, buf, sizeof(buf)), CS_ERROR_BAD_ENVIRONMENT);
    CHECK(strstr(buf, "only etcd:// and etcds://") != NULL);
    unsetenv("WINECLUS_STORE");
}

static cs_etcd *client(const char *endpoints)
{
    char url[256], why[256];
    cs_etcd_url u;
    cs_etcd *c = NULL;

    snprintf(url, sizeof(url), "etcd://%s/t", endpoints);
    CHECK_EQ(cs_etcd_parse_url(url, &u, why, sizeof(why)), 0);
    CHECK_EQ(cs_etcd_connect(&u, &c, why, sizeof(why)), 0);
    return c;
}

static void test_client(void)
{
    static const unsigned char bin[] = { 0, 1, 2, 0xff, 0, '=', '"', '\\' };
    char eps[128], why[256], *end;
    cs_etcd_op puts[3] = { { 1, "/c/a", NULL, "x", 1 }, { 1, "/c/b", NULL, bin, sizeof(bin) },
                           { 1, "/c/big", NULL, NULL, 0 } };
    cs_etcd_op range = { 0, "/c/", NULL, NULL, 0 }, one = { 0, "/c/a", NULL, NULL, 0 };
    cs_etcd_cmp is_x = { "/c/a", "x", 1 }, is_y = { "/c/a", "y", 1 }, absent = { "/c/none", NULL, 0 };
    cs_etcd_result r;
    unsigned char *big = malloc(1 << 20);
    size_t i;
    cs_etcd *c;

    for (i = 0; i < 1u << 20; i++)
        big[i] = (unsigned char)(i * 7);
    puts[2].value = big;
    puts[2].len = 1 << 20;
    /* The first endpoint is dead: the second answers. */
    snprintf(eps, sizeof(eps), "127.0.0.1:%u,127.0.0.1:%u", etcd_free_port(), etcd_port);
    c = client(eps);
    CHECK_EQ(cs_etcd_txn(c, NULL, puts, 3, NULL, 0, &r, why, sizeof(why)), 0);
    CHECK(r.succeeded && r.revision > 0);
    cs_etcd_result_free(&r);
    end = cs_etcd_prefix_end("/c/");
    CHECK(!strcmp(end, "/c0"));
    range.end = end;
    CHECK_EQ(cs_etcd_txn(c, &is_x, &range, 1, NULL, 0, &r, why, sizeof(why)), 0);
    CHECK(r.succeeded);
    CHECK_EQ(r.nkv, 3);
    if (r.nkv == 3) {
        CHECK(!strcmp(r.kvs[0].key, "/c/a") && r.kvs[0].len == 1 && r.kvs[0].value[0] == 'x');
        CHECK(r.kvs[1].len == sizeof(bin) && !memcmp(r.kvs[1].value, bin, sizeof(bin)));
        CHECK(!strcmp(r.kvs[2].key, "/c/big") && r.kvs[2].len == 1u << 20 && !memcmp(r.kvs[2].value, big, 1 << 20));
    }
    cs_etcd_result_free(&r);
    /* A failed guard runs the failure branch and nothing else. */
    CHECK_EQ(cs_etcd_txn(c, &is_y, puts, 1, &one, 1, &r, why, sizeof(why)), 0);
    CHECK(!r.succeeded && r.nkv == 1);
    cs_etcd_result_free(&r);
    CHECK_EQ(cs_etcd_txn(c, &absent, &one, 1, NULL, 0, &r, why, sizeof(why)), 0);
    CHECK(r.succeeded && r.nkv == 1);
    cs_etcd_result_free(&r);
    cs_etcd_free(c);
    free(end);
    free(big);
    /* No member answers: a clear failure, no crash. */
    snprintf(eps, sizeof(eps), "127.0.0.1:%u", etcd_free_port());
    c = client(eps);
    CHECK_EQ(cs_etcd_txn(c, NULL, &one, 1, NULL, 0, &r, why, sizeof(why)), CS_ERROR_DATABASE_FAILURE);
    CHECK(strstr(why, "does not answer") != NULL);
    cs_etcd_free(c);
}

static cs_store *open_on(const char *host)
{
    char dir[512];
    cs_store *s = NULL;
    uint32_t err;

    snprintf(dir, sizeof(dir), "%s/%s", root, host);
    setenv("WINECLUS_ETCD_REPLICA", dir, 1);
    if ((err = cs_open(store_url, "ETCDCLUS", "NODE1", &s)))
        fprintf(stderr, "open on %s: %u %s\n", host, err, cs_errmsg(s));
    CHECK_EQ(err, 0);
    unsetenv("WINECLUS_ETCD_REPLICA");
    return s;
}

static void test_replicas(void)
{
    cs_store *a, *b, *c;
    cs_group g;
    cs_node n;
    cs_cluster cl;
    uint32_t type;
    void *data = NULL;
    size_t size;
    char dir[512];

    snprintf(store_url, sizeof(store_url), "etcd://127.0.0.1:%u/ETCDCLUS", etcd_port);
    setenv("WINECLUS_ETCD_REPLICA", "relative", 1);
    CHECK_EQ(cs_open(store_url, NULL, NULL, &a), CS_ERROR_BAD_ENVIRONMENT);
    cs_close(a);
    snprintf(dir, sizeof(dir), "%s/none", root);
    setenv("WINECLUS_ETCD_REPLICA", dir, 1);
    CHECK_EQ(cs_open_existing(store_url, &a), CS_ERROR_FILE_NOT_FOUND);
    CHECK(strstr(cs_errmsg(a), "etcd holds no such cluster") != NULL);
    cs_close(a);
    a = open_on("hostA");
    b = open_on("hostB");
    if (!a || !b)
        return;
    CHECK(strstr(cs_dir(a), "/hostA") != NULL);
    CHECK_EQ(cs_cluster_get(b, &cl), 0);
    CHECK(!strcmp(cl.name, "ETCDCLUS"));
    /* One host's change is the other's at its next read. */
    CHECK_EQ(cs_group_create(a, "Made on A", 1, NULL), 0);
    CHECK_EQ(cs_group_find(b, "made on a", &g), 0);
    CHECK_EQ(cs_node_add(b, "NODE2", &n), 0);
    CHECK_EQ(cs_group_create(b, "Made on B", n.id, NULL), 0);
    CHECK_EQ(cs_group_create(a, "Made on B", 1, NULL), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_group_find(a, "Made on B", &g), 0);
    CHECK_EQ(g.owner_node, n.id);
    CHECK_EQ(cs_reg_set_value(a, "Groups", "x", 4, "\1\0\0\0", 4), CS_ERROR_ACCESS_DENIED);
    CHECK_EQ(cs_reg_create_key(a, "Extra\\Key", NULL, NULL, 0), 0);
    CHECK_EQ(cs_reg_set_value(a, "Extra\\Key", "v", 4, "\7\0\0\0", 4), 0);
    CHECK_EQ(cs_reg_get_value(b, "Extra\\Key", "v", &type, &data, &size), 0);
    CHECK(size == 4 && data && ((unsigned char *)data)[0] == 7);
    cs_free(data);
    CHECK_EQ(cs_group_delete(b, "Made on A"), 0);
    CHECK_EQ(cs_group_find(a, "Made on A", &g), CS_ERROR_GROUP_NOT_FOUND);
    /* Checkpoint contents reach etcd before the change that names them:
     * host B reads host A's, fetched on first use; a second copy of the
     * same bytes is not written again. */
    {
        static const char key[] = "1\\Microsoft Base Cryptographic Provider v1.0\\Box";
        void *got = NULL;
        size_t got_size = 0;

        CHECK_EQ(cs_resource_create(a, "Keyed", "Generic Service", "Made on B", NULL), 0);
        CHECK_EQ(cs_checkpoint_add(a, "Keyed", CS_CKPT_CRYPTO, key), 0);
        CHECK_EQ(cs_checkpoint_set_data(a, "Keyed", CS_CKPT_CRYPTO, key, "secret key blob", 15), 0);
        CHECK_EQ(cs_checkpoint_get_data(b, "Keyed", CS_CKPT_CRYPTO, key, &got, &got_size), 0);
        CHECK(got_size == 15 && got && !memcmp(got, "secret key blob", 15));
        cs_free(got);
        CHECK_EQ(cs_checkpoint_set_data(b, "Keyed", CS_CKPT_CRYPTO, key, "secret key blob", 15), 0);
    }
    /* A third host starts from etcd's snapshot and replays the log. */
    c = open_on("hostC");
    if (c) {
        CHECK_EQ(cs_group_find(c, "Made on B", &g), 0);
        CHECK_EQ(cs_group_find(c, "Made on A", &g), CS_ERROR_GROUP_NOT_FOUND);
        CHECK_EQ(cs_node_find(c, "node2", &n), 0);
    }
    cs_close(c);
    cs_close(a);
    cs_close(b);
}

static uint32_t bump(cs_store *s, void *arg)
{
    (void)arg;
    return cs__exec(s, "UPDATE cluster SET max_log_size = max_log_size + 1", "");
}

static uint32_t read_counter(cs_store *s, void *arg)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT max_log_size FROM cluster", "")))
        return err;
    if (!(err = cs__step(s, st, &row)) && row)
        *(int64_t *)arg = sqlite3_column_int64(st, 0);
    cs__done(s, st);
    return err;
}

/* Two hosts, two writers each (four processes): every increment and every
 * group made is there once, on every replica. */
#define WRITES 100
static void test_race(void)
{
    static const char *const hosts[] = { "hostA", "hostB", "hostA", "hostB" };
    int64_t before = 0, after = 0;
    cs_group *arr;
    size_t n, k, found = 0;
    pid_t pid[4];
    int i, status;
    cs_store *s;

    if (!(s = open_on("hostA")))
        return;
    CHECK_EQ(cs__read(s, read_counter, &before), 0);
    cs_close(s);
    for (i = 0; i < 4; i++) {
        if ((pid[i] = fork()) == 0) {
            char name[32];
            int j, bad = 0;
            uint32_t err;

            if (!(s = open_on(hosts[i])))
                _exit(2);
            for (j = 0; j < WRITES; j++) {
                snprintf(name, sizeof(name), "R%d-%d", i, j);
                if ((err = cs__write(s, bump, NULL)) || (err = cs_group_create(s, name, 1, NULL))) {
                    fprintf(stderr, "writer %d: %u %s\n", i, err, cs_errmsg(s));
                    bad = 1;
                }
            }
            cs_close(s);
            _exit(bad);
        }
    }
    for (i = 0; i < 4; i++) {
        CHECK(waitpid(pid[i], &status, 0) == pid[i]);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    for (i = 0; i < 3; i++) {
        if (!(s = open_on(i == 2 ? "hostD" : hosts[i])))
            continue;
        CHECK_EQ(cs__read(s, read_counter, &after), 0);
        CHECK_EQ(after, before + 4 * WRITES);
        found = 0;
        CHECK_EQ(cs_group_list(s, &arr, &n), 0);
        for (k = 0; k < n; k++)
            found += arr[k].name[0] == 'R';
        CHECK_EQ(found, 4 * WRITES);
        cs_free(arr);
        cs_close(s);
    }
}

/* test_store's suites of the store's objects, on a new cluster on etcd. */
static void test_store_suite(void)
{
    char cmd[1024], url[128], dir[512];
    int status;

    snprintf(url, sizeof(url), "etcd://127.0.0.1:%u/STORESUITE", etcd_port);
    snprintf(dir, sizeof(dir), "%s/suite", root);
    snprintf(cmd, sizeof(cmd), "WINECLUS_TEST_STORE_URL='%s' WINECLUS_ETCD_REPLICA='%s' build/tests/test_store", url,
             dir);
    status = system(cmd);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* With auth on, etcd answers only a client that logs in (issue 16: a
 * client without the right password is refused). */
static void test_auth(void)
{
    char cmd[512], why[256], url[96];
    cs_etcd_op get = { 0, "/c/a", NULL, NULL, 0 };
    cs_etcd_result r;
    cs_etcd_url u;
    cs_etcd *c;
    cs_store *s;
    cs_group g;

    snprintf(cmd, sizeof(cmd), "e='etcdctl --endpoints=127.0.0.1:%u'; export ETCDCTL_API=3; "
             "{ $e user add root:s3cret && $e user grant-role root root && $e auth enable; } >/dev/null 2>&1",
             etcd_port);
    if (system(cmd)) {
        CHECK(!"etcdctl turned auth on (apt-get install etcd-client)");
        return;
    }
    snprintf(url, sizeof(url), "etcd://127.0.0.1:%u/ETCDCLUS", etcd_port);
    CHECK_EQ(cs_etcd_parse_url(url, &u, why, sizeof(why)), 0);
    CHECK_EQ(cs_etcd_connect(&u, &c, why, sizeof(why)), 0);
    CHECK_EQ(cs_etcd_txn(c, NULL, &get, 1, NULL, 0, &r, why, sizeof(why)), CS_ERROR_ACCESS_DENIED);
    cs_etcd_free(c);
    setenv("WINECLUS_ETCD_USER", "root", 1);
    setenv("WINECLUS_ETCD_PASSWORD", "wrong", 1);
    CHECK_EQ(cs_etcd_connect(&u, &c, why, sizeof(why)), CS_ERROR_ACCESS_DENIED);
    CHECK(strstr(why, "authenticat") != NULL);
    CHECK_EQ(cs_open(store_url, NULL, NULL, &s), CS_ERROR_ACCESS_DENIED);
    cs_close(s);
    setenv("WINECLUS_ETCD_PASSWORD", "s3cret", 1);
    CHECK_EQ(cs_etcd_connect(&u, &c, why, sizeof(why)), 0);
    CHECK_EQ(cs_etcd_txn(c, NULL, &get, 1, NULL, 0, &r, why, sizeof(why)), 0);
    CHECK_EQ(r.nkv, 1);
    cs_etcd_result_free(&r);
    cs_etcd_free(c);
    if ((s = open_on("hostE"))) {
        CHECK_EQ(cs_group_create(s, "With a password", 1, &g), 0);
        cs_close(s);
    }
    unsetenv("WINECLUS_ETCD_USER");
    unsetenv("WINECLUS_ETCD_PASSWORD");
}

int main(void)
{
    char cmd[300];

    snprintf(root, sizeof(root), "%s/etcd-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_urls();
    if (etcd_start(root)) {
        CHECK(!"a real etcd for the tests");
    } else {
        test_client();
        test_replicas();
        test_race();
        test_store_suite();
        test_auth();
        etcd_stop();
    }
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_finish();
}

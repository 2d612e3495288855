/* Unit tests for the store's networks and network interfaces: recording a
 * node's addresses, names, lookups, renames, the priority order, eviction,
 * the dump round trip and the 4 -> 5 schema upgrade. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"
#include "old_schema.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static cs_hostnet hostnet(const char *adapter, const char *address, const char *mask, const char *subnet)
{
    cs_hostnet h;

    memset(&h, 0, sizeof(h));
    strcpy(h.adapter, adapter);
    strcpy(h.address, address);
    strcpy(h.mask, mask);
    strcpy(h.subnet, subnet);
    return h;
}

static void test_record(cs_store *s)
{
    cs_hostnet one[2], two[2];
    cs_network net, net2, *nets;
    cs_netif netif, *ifs;
    cs_node node2;
    size_t n;

    one[0] = hostnet("eth0", "10.1.2.3", "255.255.255.0", "10.1.2.0");
    one[1] = hostnet("eth1", "192.168.7.9", "255.255.0.0", "192.168.0.0");
    CHECK_EQ(cs_node_record_networks(s, 1, one, 2), 0);
    CHECK_EQ(cs_network_list(s, &nets, &n), 0);
    CHECK_EQ(n, 2);
    if (n == 2) {
        /* Recorded in the order found, which is their priority. */
        CHECK(!strcmp(nets[0].name, "eth0") && !strcmp(nets[0].address, "10.1.2.0") &&
              !strcmp(nets[0].mask, "255.255.255.0") && nets[0].priority == 1 && nets[0].role == 3);
        CHECK(!strcmp(nets[1].name, "eth1") && nets[1].priority == 2);
    }
    cs_free(nets);
    CHECK_EQ(cs_network_find(s, "ETH0", &net), 0);
    CHECK_EQ(cs_network_find(s, net.id, &net2), 0);
    CHECK(!strcmp(net2.name, "eth0"));
    CHECK_EQ(cs_network_find(s, "eth9", &net2), CS_ERROR_CLUSTER_NETWORK_NOT_FOUND);
    CHECK_EQ(cs_netif_find(s, "ONE - eth0", &netif), 0);
    CHECK(netif.node == 1 && !strcmp(netif.network, net.id) && !strcmp(netif.adapter, "eth0") &&
          !strcmp(netif.address, "10.1.2.3"));
    CHECK_EQ(cs_netif_find(s, "TWO - eth0", &netif), CS_ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);

    /* Joining again changes nothing but a new address. */
    one[0] = hostnet("eth0", "10.1.2.4", "255.255.255.0", "10.1.2.0");
    CHECK_EQ(cs_node_record_networks(s, 1, one, 2), 0);
    CHECK_EQ(cs_netif_list(s, NULL, 1, &ifs, &n), 0);
    CHECK_EQ(n, 2);
    cs_free(ifs);
    CHECK_EQ(cs_netif_find(s, "ONE - eth0", &netif), 0);
    CHECK(!strcmp(netif.address, "10.1.2.4"));

    /* A second node on one of the subnets shares its network; a subnet of its
     * own on an adapter name in use gets a name of its own. */
    CHECK_EQ(cs_node_add(s, "TWO", &node2), 0);
    two[0] = hostnet("ens3", "10.1.2.77", "255.255.255.0", "10.1.2.0");
    two[1] = hostnet("eth0", "172.16.0.5", "255.240.0.0", "172.16.0.0");
    CHECK_EQ(cs_node_record_networks(s, node2.id, two, 2), 0);
    CHECK_EQ(cs_network_list(s, &nets, &n), 0);
    CHECK_EQ(n, 3);
    cs_free(nets);
    CHECK_EQ(cs_netif_find(s, "TWO - eth0", &netif), 0);
    CHECK(!strcmp(netif.network, net.id) && !strcmp(netif.adapter, "ens3"));
    CHECK_EQ(cs_network_find(s, "eth0 (172.16.0.0)", &net2), 0);
    CHECK_EQ(cs_netif_list(s, net.id, 0, &ifs, &n), 0);
    CHECK_EQ(n, 2);
    if (n == 2)
        CHECK(!strcmp(ifs[0].name, "ONE - eth0") && !strcmp(ifs[1].name, "TWO - eth0"));
    cs_free(ifs);
    CHECK_EQ(cs_node_record_networks(s, 99, two, 1), CS_ERROR_CLUSTER_NODE_NOT_FOUND);
    CHECK_EQ(cs_node_record_networks(s, 1, NULL, 1), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_node_record_networks(s, 1, NULL, 0), 0);

    /* Evicting a node takes its interfaces; the networks stay. */
    CHECK_EQ(cs_node_remove(s, "TWO"), 0);
    CHECK_EQ(cs_netif_list(s, NULL, node2.id, &ifs, &n), 0);
    CHECK_EQ(n, 0);
    cs_free(ifs);
    CHECK_EQ(cs_network_find(s, "eth0 (172.16.0.0)", &net2), 0);
}

static void test_rename_order(cs_store *s)
{
    cs_network a, b, c, *nets;
    const char *order[3];
    size_t n;

    CHECK_EQ(cs_network_find(s, "eth0", &a), 0);
    CHECK_EQ(cs_network_find(s, "eth1", &b), 0);
    CHECK_EQ(cs_network_find(s, "eth0 (172.16.0.0)", &c), 0);
    CHECK_EQ(cs_network_rename(s, a.id, "Public"), 0);
    CHECK_EQ(cs_network_find(s, "public", &a), 0);
    CHECK_EQ(cs_network_find(s, "eth0", &a), CS_ERROR_CLUSTER_NETWORK_NOT_FOUND);
    CHECK_EQ(cs_network_rename(s, b.id, "PUBLIC"), CS_ERROR_OBJECT_ALREADY_EXISTS);
    CHECK_EQ(cs_network_rename(s, a.id, "public"), 0);
    CHECK_EQ(cs_network_rename(s, a.id, ""), CS_ERROR_INVALID_PARAMETER);
    CHECK_EQ(cs_network_rename(s, a.id, "x\x01"), CS_ERROR_INVALID_NAME);
    CHECK_EQ(cs_network_rename(s, "00000000-0000-0000-0000-000000000000", "y"), CS_ERROR_CLUSTER_NETWORK_NOT_FOUND);

    /* c first, then b; a keeps its place among the rest, after them. */
    order[0] = c.id;
    order[1] = b.id;
    CHECK_EQ(cs_network_set_order(s, order, 2), 0);
    CHECK_EQ(cs_network_list(s, &nets, &n), 0);
    CHECK_EQ(n, 3);
    if (n == 3)
        CHECK(!strcmp(nets[0].id, c.id) && !strcmp(nets[1].id, b.id) && !strcmp(nets[2].id, a.id));
    cs_free(nets);
    order[2] = c.id;
    CHECK_EQ(cs_network_set_order(s, order, 3), CS_ERROR_INVALID_PARAMETER);
    order[2] = "00000000-0000-0000-0000-000000000000";
    CHECK_EQ(cs_network_set_order(s, order, 3), CS_ERROR_CLUSTER_NETWORK_NOT_FOUND);
    /* A refused order changes nothing. */
    CHECK_EQ(cs_network_list(s, &nets, &n), 0);
    if (n == 3)
        CHECK(!strcmp(nets[0].id, c.id) && !strcmp(nets[1].id, b.id) && !strcmp(nets[2].id, a.id));
    cs_free(nets);

    /* Role is a stored value of the network's key. */
    {
        uint32_t role = 2;
        char key[64];

        snprintf(key, sizeof(key), "Networks\\%s", b.id);
        CHECK_EQ(cs_reg_set_value(s, key, "Role", CS_REG_DWORD, &role, sizeof(role)), 0);
        CHECK_EQ(cs_network_find(s, b.id, &b), 0);
        CHECK_EQ(b.role, 2);
    }
}

static void test_dump(cs_store *s, const char *root)
{
    char *dump = NULL, dir[300];
    size_t size = 0;
    cs_network net;
    cs_netif netif;
    cs_store *t;
    FILE *f;

    f = open_memstream(&dump, &size);
    CHECK_EQ(cs_snapshot_dump_file(s, f), 0);
    fclose(f);
    CHECK(dump && strstr(dump, "\nnetwork\t") && strstr(dump, "\nnetif\t"));
    snprintf(dir, sizeof(dir), "%s/copy", root);
    CHECK_EQ(cs_open(dir, "C", "ONE", &t), 0);
    f = fmemopen(dump, size, "rb");
    CHECK_EQ(cs_snapshot_load_file(t, f, CS_LOAD_EXACT), 0);
    fclose(f);
    CHECK_EQ(cs_network_find(t, "public", &net), 0);
    CHECK_EQ(cs_netif_find(t, "ONE - eth0", &netif), 0);
    CHECK(!strcmp(netif.network, net.id));
    cs_close(t);
    free(dump);
}

static void test_upgrade(const char *root)
{
    char dir[300], db_path[320];
    cs_network *nets;
    cs_hostnet h = hostnet("eth0", "10.0.0.1", "255.0.0.0", "10.0.0.0");
    sqlite3 *db;
    cs_store *s;
    size_t n;

    snprintf(dir, sizeof(dir), "%s/old", root);
    CHECK_EQ(cs_open(dir, "OLD", "N1", &s), 0);
    cs_close(s);
    snprintf(db_path, sizeof(db_path), "%s/cluster.db", dir);
    CHECK_EQ(sqlite3_open(db_path, &db), SQLITE_OK);
    CHECK_EQ(sqlite3_exec(db, SCHEMA_6_TO_5 SCHEMA_5_TO_4 "PRAGMA user_version = 4;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    CHECK_EQ(cs_open(dir, NULL, NULL, &s), 0);
    CHECK_EQ(cs_network_list(s, &nets, &n), 0);
    CHECK_EQ(n, 0);
    cs_free(nets);
    CHECK_EQ(cs_node_record_networks(s, 1, &h, 1), 0);
    CHECK_EQ(cs_network_list(s, &nets, &n), 0);
    CHECK_EQ(n, 1);
    cs_free(nets);
    cs_close(s);
}

static void test_host(void)
{
    cs_hostnet *nets;
    size_t n, i;

    CHECK_EQ(cs_host_networks(&nets, &n), 0);
    for (i = 0; i < n; i++)
        CHECK(nets[i].adapter[0] && strcmp(nets[i].address, "127.0.0.1") && nets[i].subnet[0] && nets[i].mask[0]);
    cs_free(nets);
}

int main(void)
{
    char root[256], cmd[300];
    cs_store *s;

    snprintf(root, sizeof(root), "%s/network-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_EQ(cs_open(root, "C", "ONE", &s), 0);
    test_record(s);
    test_rename_order(s);
    test_dump(s, root);
    cs_close(s);
    test_upgrade(root);
    test_host();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    CHECK_EQ(system(cmd), 0);
    return check_finish();
}

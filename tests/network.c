/*
 * Conformance tests of cluster networks and network interfaces: opening them
 * by name, their enumerations, states, ids, controls and keys, renaming a
 * network and the priority order of the internal ones.
 *
 * Every cluster has at least one network (a node is reached through one), so
 * the tests expect one.  Error codes are the documented ones of the ClusAPI
 * reference.  What the test renames or reorders it puts back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"

#ifndef ERROR_CLUSTER_NETWORK_NOT_FOUND
#define ERROR_CLUSTER_NETWORK_NOT_FOUND 5045
#endif
#ifndef ERROR_CLUSTER_NETINTERFACE_NOT_FOUND
#define ERROR_CLUSTER_NETINTERFACE_NOT_FOUND 5047
#endif

static const WCHAR new_name[] = L"wineclus network test";

/* resutils.dll's, got as Wine's tests get functions: the SDK's resapi.h is not usable here. */
static DWORD (WINAPI *pResUtilFindSzProperty)(const void *, DWORD, const WCHAR *, WCHAR **);

/* The names a cluster enumeration of one type lists, "a|b|c"; how many. */
static DWORD cluster_names(HCLUSTER cluster, DWORD type, WCHAR *out, size_t size)
{
    HCLUSENUM en = ClusterOpenEnum(cluster, type);
    WCHAR name[512];
    DWORD i, got, len, err = 0;

    out[0] = 0;
    ok(en != NULL, "ClusterOpenEnum(%#lx): %lu\n", type, GetLastError());
    if (!en) return 0;
    for (i = 0;; i++)
    {
        len = ARRAY_SIZE(name);
        if ((err = ClusterEnum(en, i, &got, name, &len))) break;
        ok(got == type, "entry %lu: type %#lx, want %#lx\n", i, got, type);
        if (out[0]) wcscat_s(out, size, L"|");
        wcscat_s(out, size, name);
    }
    ok(err == ERROR_NO_MORE_ITEMS, "end: got %lu\n", err);
    ok(ClusterGetEnumCount(en) == i, "count %lu, listed %lu\n", ClusterGetEnumCount(en), i);
    ClusterCloseEnum(en);
    return i;
}

/* "a|b|c" contains name. */
static BOOL listed(const WCHAR *list, const WCHAR *name)
{
    size_t len = wcslen(name);
    const WCHAR *p = list;

    while (p && *p)
    {
        if (!wcsnicmp(p, name, len) && (!p[len] || p[len] == '|')) return TRUE;
        if ((p = wcschr(p, '|'))) p++;
    }
    return FALSE;
}

static void first_of(const WCHAR *list, WCHAR *out, size_t size)
{
    WCHAR *bar;

    lstrcpynW(out, list, size);
    if ((bar = wcschr(out, '|'))) *bar = 0;
}

/* A string control's output; "" on failure. */
static void control_string(DWORD (WINAPI *control)(void *, HNODE, DWORD, void *, DWORD, void *, DWORD, DWORD *),
                           void *object, DWORD code, WCHAR *out, DWORD size)
{
    DWORD err, returned = 0;

    out[0] = 0;
    err = control(object, NULL, code, NULL, 0, NULL, 0, &returned);
    ok(err == ERROR_MORE_DATA || (!err && !returned), "code %#lx, size: got %lu\n", code, err);
    ok(returned <= size * sizeof(WCHAR), "code %#lx: %lu bytes\n", code, returned);
    err = control(object, NULL, code, NULL, 0, out, size * sizeof(WCHAR), &returned);
    ok(!err, "code %#lx: got %lu\n", code, err);
    if (err) out[0] = 0;
}

static DWORD WINAPI network_control(void *o, HNODE h, DWORD c, void *in, DWORD ins, void *out, DWORD outs, DWORD *r)
{
    return ClusterNetworkControl(o, h, c, in, ins, out, outs, r);
}

static DWORD WINAPI netif_control(void *o, HNODE h, DWORD c, void *in, DWORD ins, void *out, DWORD outs, DWORD *r)
{
    return ClusterNetInterfaceControl(o, h, c, in, ins, out, outs, r);
}

/* A common SZ property of an object, "" if absent. */
static void common_sz(DWORD (WINAPI *control)(void *, HNODE, DWORD, void *, DWORD, void *, DWORD, DWORD *),
                      void *object, DWORD code, const WCHAR *name, WCHAR *out, DWORD size)
{
    BYTE buf[4096];
    DWORD err, returned = 0;
    WCHAR *value = NULL;

    out[0] = 0;
    err = control(object, NULL, code, NULL, 0, buf, sizeof(buf), &returned);
    ok(!err, "properties %#lx: got %lu\n", code, err);
    if (err) return;
    if (!pResUtilFindSzProperty)
    {
        win_skip("ResUtilFindSzProperty is missing\n");
        return;
    }
    err = pResUtilFindSzProperty(buf, returned, name, &value);
    ok(!err, "%s: got %lu\n", wine_dbgstr_w(name), err);
    if (err) return;
    lstrcpynW(out, value, size);
    LocalFree(value);
}

static void test_interface(HCLUSTER cluster, const WCHAR *name, const WCHAR *network, const WCHAR *node_name)
{
    WCHAR text[512], got[512];
    HNETINTERFACE netif;
    HCLUSTER from;
    DWORD err, len;

    netif = OpenClusterNetInterface(cluster, name);
    ok(netif != NULL, "OpenClusterNetInterface(%s): %lu\n", wine_dbgstr_w(name), GetLastError());
    if (!netif) return;
    ok(GetClusterNetInterfaceState(netif) == ClusterNetInterfaceUp, "state %d\n", GetClusterNetInterfaceState(netif));
    from = GetClusterFromNetInterface(netif);
    ok(from != NULL, "GetClusterFromNetInterface: %lu\n", GetLastError());
    if (from) CloseCluster(from);

    control_string(netif_control, netif, CLUSCTL_NETINTERFACE_GET_NAME, text, ARRAY_SIZE(text));
    ok(!lstrcmpiW(text, name), "name %s, want %s\n", wine_dbgstr_w(text), wine_dbgstr_w(name));
    control_string(netif_control, netif, CLUSCTL_NETINTERFACE_GET_NETWORK, text, ARRAY_SIZE(text));
    ok(!lstrcmpiW(text, network), "network %s, want %s\n", wine_dbgstr_w(text), wine_dbgstr_w(network));
    control_string(netif_control, netif, CLUSCTL_NETINTERFACE_GET_NODE, text, ARRAY_SIZE(text));
    ok(text[0], "no node\n");
    if (node_name) ok(!lstrcmpiW(text, node_name), "node %s, want %s\n", wine_dbgstr_w(text), wine_dbgstr_w(node_name));
    common_sz(netif_control, netif, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, L"Network", got, ARRAY_SIZE(got));
    ok(!lstrcmpiW(got, network), "Network %s, want %s\n", wine_dbgstr_w(got), wine_dbgstr_w(network));
    common_sz(netif_control, netif, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, L"Address", got, ARRAY_SIZE(got));
    ok(got[0], "no Address\n");

    /* The interface of its node on its network is itself. */
    len = ARRAY_SIZE(got);
    err = GetClusterNetInterface(cluster, text, network, got, &len);
    ok(!err, "GetClusterNetInterface: %lu\n", err);
    ok(!err && !lstrcmpiW(got, name), "interface %s, want %s\n", wine_dbgstr_w(got), wine_dbgstr_w(name));
    ok(!err && len == wcslen(name), "length %lu\n", len);
    len = 1;
    err = GetClusterNetInterface(cluster, text, network, got, &len);
    ok(err == ERROR_MORE_DATA && len == wcslen(name), "short buffer: %lu, %lu\n", err, len);
    len = ARRAY_SIZE(got);
    err = GetClusterNetInterface(cluster, text, L"wineclus no such network", got, &len);
    ok(err == ERROR_CLUSTER_NETWORK_NOT_FOUND, "no such network: got %lu\n", err);

    ok(CloseClusterNetInterface(netif), "CloseClusterNetInterface: %lu\n", GetLastError());
}

static void test_network(HCLUSTER cluster, const WCHAR *name, const WCHAR *interfaces)
{
    WCHAR id[64], text[512], ifs[4096], first[512], node_ifs[4096], node_name[256];
    HNETWORKENUM en;
    HNETWORK net, again;
    HCLUSTER from;
    HNODE node;
    HNODEENUM nen;
    DWORD err, len, type, i, n;
    HKEY key;

    net = OpenClusterNetwork(cluster, name);
    ok(net != NULL, "OpenClusterNetwork(%s): %lu\n", wine_dbgstr_w(name), GetLastError());
    if (!net) return;
    ok(GetClusterNetworkState(net) == ClusterNetworkUp, "state %d\n", GetClusterNetworkState(net));
    from = GetClusterFromNetwork(net);
    ok(from != NULL, "GetClusterFromNetwork: %lu\n", GetLastError());
    if (from) CloseCluster(from);

    len = 0;
    err = GetClusterNetworkId(net, NULL, &len);
    ok(err == ERROR_MORE_DATA && len == 36, "id size: %lu, %lu\n", err, len);
    len = ARRAY_SIZE(id);
    err = GetClusterNetworkId(net, id, &len);
    ok(!err && len == 36, "GetClusterNetworkId: %lu, %lu\n", err, len);
    control_string(network_control, net, CLUSCTL_NETWORK_GET_ID, text, ARRAY_SIZE(text));
    ok(!lstrcmpiW(text, id), "id %s, want %s\n", wine_dbgstr_w(text), wine_dbgstr_w(id));
    control_string(network_control, net, CLUSCTL_NETWORK_GET_NAME, text, ARRAY_SIZE(text));
    ok(!lstrcmpiW(text, name), "name %s, want %s\n", wine_dbgstr_w(text), wine_dbgstr_w(name));
    common_sz(network_control, net, CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES, L"Address", text, ARRAY_SIZE(text));
    ok(text[0] && !wcschr(text, '/'), "Address %s\n", wine_dbgstr_w(text));
    common_sz(network_control, net, CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES, L"AddressMask", text, ARRAY_SIZE(text));
    ok(text[0], "no AddressMask\n");

    key = GetClusterNetworkKey(net, KEY_READ);
    ok(key != NULL, "GetClusterNetworkKey: %lu\n", GetLastError());
    if (key) ClusterRegCloseKey(key);

    /* Its interfaces are interfaces of the cluster. */
    en = ClusterNetworkOpenEnum(net, CLUSTER_NETWORK_ENUM_NETINTERFACES);
    ok(en != NULL, "ClusterNetworkOpenEnum: %lu\n", GetLastError());
    ifs[0] = 0;
    for (i = 0; en; i++)
    {
        len = ARRAY_SIZE(text);
        if ((err = ClusterNetworkEnum(en, i, &type, text, &len))) break;
        ok(type == CLUSTER_NETWORK_ENUM_NETINTERFACES, "type %lu\n", type);
        ok(listed(interfaces, text), "%s is no interface of the cluster\n", wine_dbgstr_w(text));
        if (ifs[0]) wcscat_s(ifs, ARRAY_SIZE(ifs), L"|");
        wcscat_s(ifs, ARRAY_SIZE(ifs), text);
    }
    if (en)
    {
        ok(err == ERROR_NO_MORE_ITEMS, "end: %lu\n", err);
        ok(ClusterNetworkGetEnumCount(en) == i, "count %lu, listed %lu\n", ClusterNetworkGetEnumCount(en), i);
        ok(i > 0, "a network without interfaces\n");
        ok(!ClusterNetworkCloseEnum(en), "ClusterNetworkCloseEnum\n");
    }
    first_of(ifs, first, ARRAY_SIZE(first));
    if (!first[0])
    {
        CloseClusterNetwork(net);
        return;
    }

    /* That interface's node lists it. */
    node_name[0] = 0;
    {
        HNETINTERFACE netif = OpenClusterNetInterface(cluster, first);
        if (netif)
        {
            control_string(netif_control, netif, CLUSCTL_NETINTERFACE_GET_NODE, node_name, ARRAY_SIZE(node_name));
            CloseClusterNetInterface(netif);
        }
    }
    node = node_name[0] ? OpenClusterNode(cluster, node_name) : NULL;
    ok(node != NULL, "OpenClusterNode(%s): %lu\n", wine_dbgstr_w(node_name), GetLastError());
    nen = node ? ClusterNodeOpenEnum(node, CLUSTER_NODE_ENUM_NETINTERFACES) : NULL;
    ok(nen != NULL, "ClusterNodeOpenEnum: %lu\n", GetLastError());
    node_ifs[0] = 0;
    for (n = 0; nen; n++)
    {
        len = ARRAY_SIZE(text);
        if (ClusterNodeEnum(nen, n, &type, text, &len)) break;
        ok(type == CLUSTER_NODE_ENUM_NETINTERFACES, "type %lu\n", type);
        if (node_ifs[0]) wcscat_s(node_ifs, ARRAY_SIZE(node_ifs), L"|");
        wcscat_s(node_ifs, ARRAY_SIZE(node_ifs), text);
    }
    ok(listed(node_ifs, first), "node %s lists %s, not %s\n", wine_dbgstr_w(node_name), wine_dbgstr_w(node_ifs),
       wine_dbgstr_w(first));
    if (nen) ClusterNodeCloseEnum(nen);
    if (node) CloseClusterNode(node);
    test_interface(cluster, first, name, node_name);

    /* A rename: the new name opens it, the old one no more. */
    err = SetClusterNetworkName(net, new_name);
    ok(!err, "SetClusterNetworkName: %lu\n", err);
    if (!err)
    {
        again = OpenClusterNetwork(cluster, new_name);
        ok(again != NULL, "renamed: %lu\n", GetLastError());
        if (again)
        {
            len = ARRAY_SIZE(text);
            ok(!GetClusterNetworkId(again, text, &len) && !lstrcmpiW(text, id), "renamed network's id %s\n",
               wine_dbgstr_w(text));
            CloseClusterNetwork(again);
        }
        again = OpenClusterNetwork(cluster, name);
        ok(!again && GetLastError() == ERROR_CLUSTER_NETWORK_NOT_FOUND, "old name: %p, %lu\n", again,
           GetLastError());
        err = SetClusterNetworkName(net, name);
        ok(!err, "renaming back: %lu\n", err);
    }
    ok(CloseClusterNetwork(net), "CloseClusterNetwork: %lu\n", GetLastError());
}

/* The internal networks in reverse order, then back. */
static void test_priority(HCLUSTER cluster)
{
    WCHAR names[4096], after[4096], want[4096], *p, *bar;
    HNETWORK list[16];
    DWORD n, i, err;

    n = cluster_names(cluster, CLUSTER_ENUM_INTERNAL_NETWORK, names, ARRAY_SIZE(names));
    if (n > ARRAY_SIZE(list)) n = 0;
    for (i = 0, p = names; i < n; i++, p = bar + 1)
    {
        if ((bar = wcschr(p, '|'))) *bar = 0;
        list[n - 1 - i] = OpenClusterNetwork(cluster, p);
        ok(list[n - 1 - i] != NULL, "OpenClusterNetwork(%s): %lu\n", wine_dbgstr_w(p), GetLastError());
        if (!bar) break;
    }
    want[0] = 0;
    for (i = 0; i < n; i++)
    {
        WCHAR id[512];
        DWORD returned = 0;

        if (!list[i] || ClusterNetworkControl(list[i], NULL, CLUSCTL_NETWORK_GET_NAME, NULL, 0, id, sizeof(id),
                                              &returned)) continue;
        if (want[0]) wcscat_s(want, ARRAY_SIZE(want), L"|");
        wcscat_s(want, ARRAY_SIZE(want), id);
    }
    err = SetClusterNetworkPriorityOrder(cluster, n, list);
    ok(!err, "SetClusterNetworkPriorityOrder: %lu\n", err);
    cluster_names(cluster, CLUSTER_ENUM_INTERNAL_NETWORK, after, ARRAY_SIZE(after));
    ok(!lstrcmpiW(after, want), "order %s, want %s\n", wine_dbgstr_w(after), wine_dbgstr_w(want));
    if (n > 1)
    {
        err = SetClusterNetworkPriorityOrder(cluster, n - 1, list);
        ok(err == ERROR_INVALID_PARAMETER, "one left out: got %lu\n", err);
    }
    /* Back to the order found. */
    for (i = 0; i < n / 2; i++)
    {
        HNETWORK t = list[i];
        list[i] = list[n - 1 - i];
        list[n - 1 - i] = t;
    }
    err = SetClusterNetworkPriorityOrder(cluster, n, list);
    ok(!err, "restoring the order: %lu\n", err);
    for (i = 0; i < n; i++) if (list[i]) CloseClusterNetwork(list[i]);
}

static void test_bad_handles(HCLUSTER cluster)
{
    WCHAR buf[64];
    DWORD len = ARRAY_SIZE(buf), err, returned;
    HNETWORK net;
    HNETINTERFACE netif;

    net = OpenClusterNetwork(cluster, L"wineclus no such network");
    ok(!net && GetLastError() == ERROR_CLUSTER_NETWORK_NOT_FOUND, "no such network: %p, %lu\n", net,
       GetLastError());
    netif = OpenClusterNetInterface(cluster, L"wineclus no such interface");
    ok(!netif && GetLastError() == ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, "no such interface: %p, %lu\n", netif,
       GetLastError());
    /* Microsoft documents no code for a bad handle: these are ours. */
    if (!winetest_platform_is_wine) return;

    net = OpenClusterNetwork(NULL, L"x");
    ok(!net && GetLastError() == ERROR_INVALID_HANDLE, "NULL cluster: %p, %lu\n", net, GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetClusterNetworkState(NULL) == ClusterNetworkStateUnknown && GetLastError() == ERROR_INVALID_HANDLE,
       "state of NULL: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetClusterNetInterfaceState(NULL) == ClusterNetInterfaceStateUnknown &&
       GetLastError() == ERROR_INVALID_HANDLE, "state of NULL: %lu\n", GetLastError());
    ok(GetClusterNetworkId(NULL, buf, &len) == ERROR_INVALID_HANDLE, "id of NULL\n");
    ok(SetClusterNetworkName(NULL, L"x") == ERROR_INVALID_HANDLE, "rename NULL\n");
    ok(!CloseClusterNetwork(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "close NULL\n");
    ok(!CloseClusterNetInterface(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "close NULL\n");
    ok(!GetClusterFromNetwork(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "cluster of NULL\n");
    ok(!GetClusterFromNetInterface(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "cluster of NULL\n");
    ok(!ClusterNetworkOpenEnum(NULL, CLUSTER_NETWORK_ENUM_ALL) && GetLastError() == ERROR_INVALID_HANDLE,
       "enum of NULL\n");
    ok(ClusterNetworkCloseEnum(NULL) == ERROR_INVALID_HANDLE, "close NULL enum\n");
    ok(!GetClusterNetworkKey(NULL, KEY_READ) && GetLastError() == ERROR_INVALID_HANDLE, "key of NULL\n");
    ok(!GetClusterNetInterfaceKey(NULL, KEY_READ) && GetLastError() == ERROR_INVALID_HANDLE, "key of NULL\n");
    err = ClusterNetworkControl((HNETWORK)cluster, NULL, CLUSCTL_NETWORK_GET_NAME, NULL, 0, NULL, 0, &returned);
    ok(err == ERROR_INVALID_HANDLE, "a cluster handle as a network: %lu\n", err);
    ok(SetClusterNetworkPriorityOrder(NULL, 0, NULL) == ERROR_INVALID_HANDLE, "order of NULL\n");
    ok(SetClusterNetworkPriorityOrder(cluster, 1, NULL) == ERROR_INVALID_PARAMETER, "NULL list\n");
    len = ARRAY_SIZE(buf);
    ok(GetClusterNetInterface(NULL, L"a", L"b", buf, &len) == ERROR_INVALID_HANDLE, "NULL cluster\n");
}

START_TEST(network)
{
    WCHAR networks[4096], interfaces[4096], first[512];
    HCLUSTER cluster;
    DWORD n;

    pResUtilFindSzProperty = (void *)GetProcAddress(LoadLibraryA("resutils.dll"), "ResUtilFindSzProperty");
    cluster = OpenCluster(NULL);
    if (!cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    n = cluster_names(cluster, CLUSTER_ENUM_NETWORK, networks, ARRAY_SIZE(networks));
    ok(n > 0, "no networks\n");
    n = cluster_names(cluster, CLUSTER_ENUM_NETINTERFACE, interfaces, ARRAY_SIZE(interfaces));
    ok(n > 0, "no network interfaces\n");
    first_of(networks, first, ARRAY_SIZE(first));
    if (first[0]) test_network(cluster, first, interfaces);
    test_priority(cluster);
    test_bad_handles(cluster);
    CloseCluster(cluster);
}

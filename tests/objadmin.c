/*
 * Conformance tests of administering cluster objects without bringing
 * anything online: resource types created, enumerated and deleted; nodes
 * paused, resumed and evicted; a group's name and preferred owners; the
 * service account's password.
 *
 * Error codes are the documented ones ([MS-CMRP] and the ClusAPI reference)
 * where Microsoft names one; where it does not, the code of winerror.h whose
 * text says what happened (noted at each such check).  Everything the test
 * makes it deletes, and every node it pauses it resumes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"

#ifndef ERROR_CLUSTER_NODE_NOT_PAUSED
#define ERROR_CLUSTER_NODE_NOT_PAUSED 5058
#endif
#ifndef ERROR_CLUSTER_NODE_PAUSED
#define ERROR_CLUSTER_NODE_PAUSED 5070
#endif
#ifndef ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
#define ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND 5078
#endif

static DWORD (WINAPI *pEvictClusterNodeEx)(HNODE, DWORD, HRESULT *);

static const WCHAR type_name[] = L"wineclus objadmin type";
static const WCHAR group_name[] = L"wineclus objadmin group";

/* The names an enumeration lists, in order, as "a|b|c"; how many. */
typedef DWORD (*enum_next)(void *en, DWORD index, DWORD *type, WCHAR *name, DWORD *len);

static DWORD enum_names(enum_next next, void *en, DWORD want_type, WCHAR *out, size_t size)
{
    WCHAR name[256];
    DWORD i, type, len, err;

    out[0] = 0;
    for (i = 0;; i++)
    {
        len = ARRAY_SIZE(name);
        if ((err = next(en, i, &type, name, &len))) break;
        ok(type == want_type, "entry %lu: type %lu\n", i, type);
        if (out[0]) wcscat_s(out, size, L"|");
        wcscat_s(out, size, name);
    }
    ok(err == ERROR_NO_MORE_ITEMS, "end: got %lu\n", err);
    return i;
}

static DWORD next_of_type(void *en, DWORD index, DWORD *type, WCHAR *name, DWORD *len)
{
    return ClusterResourceTypeEnum(en, index, type, name, len);
}

static DWORD next_of_group(void *en, DWORD index, DWORD *type, WCHAR *name, DWORD *len)
{
    return ClusterGroupEnum(en, index, type, name, len);
}

static void group_enum_nodes(HGROUP group, WCHAR *out, size_t size)
{
    HGROUPENUM en = ClusterGroupOpenEnum(group, CLUSTER_GROUP_ENUM_NODES);
    DWORD n;

    out[0] = 0;
    ok(en != NULL, "ClusterGroupOpenEnum: %lu\n", GetLastError());
    if (!en) return;
    n = enum_names(next_of_group, en, CLUSTER_GROUP_ENUM_NODES, out, size);
    ok(ClusterGroupGetEnumCount(en) == n, "count %lu, listed %lu\n", ClusterGroupGetEnumCount(en), n);
    ClusterGroupCloseEnum(en);
}

/* Every node's name, in the cluster's order, as "a|b|c"; the first one up in *up. */
static DWORD cluster_nodes(HCLUSTER cluster, WCHAR *out, size_t size, WCHAR *up, DWORD up_size)
{
    HCLUSENUM en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    WCHAR name[256];
    DWORD i, type, len;
    HNODE node;

    out[0] = up[0] = 0;
    if (!en) return 0;
    for (i = 0; len = ARRAY_SIZE(name), !ClusterEnum(en, i, &type, name, &len); i++)
    {
        if (out[0]) wcscat_s(out, size, L"|");
        wcscat_s(out, size, name);
        if (!up[0] && (node = OpenClusterNode(cluster, name)))
        {
            if (GetClusterNodeState(node) == ClusterNodeUp) lstrcpynW(up, name, up_size);
            CloseClusterNode(node);
        }
    }
    ClusterCloseEnum(en);
    return i;
}

static void test_types(HCLUSTER cluster)
{
    WCHAR names[1024], nodes[1024], up[256];
    HRESTYPEENUM en;
    HGROUP group;
    HRESOURCE res;
    DWORD err, len, type, count;
    WCHAR name[8];

    count = cluster_nodes(cluster, nodes, ARRAY_SIZE(nodes), up, ARRAY_SIZE(up));
    ok(count > 0, "no nodes\n");

    err = CreateClusterResourceType(cluster, type_name, L"wineclus test type", L"wcobjadm.dll", 4000, 50000);
    ok(!err, "CreateClusterResourceType: %lu\n", err);
    /* [MS-CMRP] ApiCreateResourceType: a name in use. */
    err = CreateClusterResourceType(cluster, type_name, L"again", L"wcobjadm.dll", 5000, 60000);
    ok(err == ERROR_ALREADY_EXISTS, "same name again: got %lu\n", err);

    /* Nodes that can host it: every node here. */
    SetLastError(0xdeadbeef);
    en = ClusterResourceTypeOpenEnum(cluster, type_name, CLUSTER_RESOURCE_TYPE_ENUM_NODES);
    ok(en != NULL, "ClusterResourceTypeOpenEnum: %lu\n", GetLastError());
    if (en)
    {
        ok(ClusterResourceTypeGetEnumCount(en) == count, "count %lu, %lu nodes\n",
           ClusterResourceTypeGetEnumCount(en), count);
        enum_names(next_of_type, en, CLUSTER_RESOURCE_TYPE_ENUM_NODES, names, ARRAY_SIZE(names));
        ok(!lstrcmpiW(names, nodes), "got %s, nodes %s\n", wine_dbgstr_w(names), wine_dbgstr_w(nodes));
        len = 1;
        err = ClusterResourceTypeEnum(en, 0, &type, name, &len);
        ok(err == ERROR_MORE_DATA, "short buffer: got %lu\n", err);
        ok(len == (DWORD)wcscspn(nodes, L"|"), "length %lu\n", len);
        err = ClusterResourceTypeCloseEnum(en);
        ok(!err, "ClusterResourceTypeCloseEnum: %lu\n", err);
    }

    /* Its resources: Server 2008 R2 on; earlier servers ignore the bit. */
    group = CreateClusterGroup(cluster, group_name);
    ok(group != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    res = group ? CreateClusterResource(group, L"wineclus objadmin res", type_name, 0) : NULL;
    ok(res != NULL, "CreateClusterResource: %lu\n", GetLastError());
    en = ClusterResourceTypeOpenEnum(cluster, type_name, CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES);
    ok(en != NULL, "ClusterResourceTypeOpenEnum(RESOURCES): %lu\n", GetLastError());
    if (en)
    {
        enum_names(next_of_type, en, CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, names, ARRAY_SIZE(names));
        ok(!wcscmp(names, L"wineclus objadmin res") || broken(!names[0]), "got %s\n", wine_dbgstr_w(names));
        ClusterResourceTypeCloseEnum(en);
    }
    en = ClusterResourceTypeOpenEnum(cluster, type_name, 0x100);
    ok(en != NULL, "unknown bits: %lu\n", GetLastError());
    if (en)
    {
        ok(ClusterResourceTypeGetEnumCount(en) == 0, "unknown bits listed %lu\n", ClusterResourceTypeGetEnumCount(en));
        ClusterResourceTypeCloseEnum(en);
    }

    /* [MS-CMRP] ApiDeleteResourceType: refused while resources of it exist. */
    err = DeleteClusterResourceType(cluster, type_name);
    ok(err == ERROR_DIR_NOT_EMPTY, "with a resource: got %lu\n", err);
    if (res)
    {
        err = DeleteClusterResource(res);
        ok(!err, "DeleteClusterResource: %lu\n", err);
        CloseClusterResource(res);
    }
    if (group)
    {
        DeleteClusterGroup(group);
        CloseClusterGroup(group);
    }
    err = DeleteClusterResourceType(cluster, type_name);
    ok(!err, "DeleteClusterResourceType: %lu\n", err);
    err = DeleteClusterResourceType(cluster, type_name);
    ok(err == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "deleted twice: got %lu\n", err);

    SetLastError(0xdeadbeef);
    en = ClusterResourceTypeOpenEnum(cluster, type_name, CLUSTER_RESOURCE_TYPE_ENUM_NODES);
    ok(!en && GetLastError() == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "deleted type: got %p, %lu\n", en,
       GetLastError());

    if (winetest_platform_is_wine)
    {
        err = CreateClusterResourceType(NULL, type_name, L"x", L"x.dll", 5000, 60000);
        ok(err == ERROR_INVALID_HANDLE, "NULL cluster: got %lu\n", err);
        err = CreateClusterResourceType(cluster, L"", L"x", L"x.dll", 5000, 60000);
        ok(err == ERROR_INVALID_PARAMETER, "empty name: got %lu\n", err);
        err = CreateClusterResourceType(cluster, type_name, NULL, L"x.dll", 5000, 60000);
        ok(err == ERROR_INVALID_PARAMETER, "no display name: got %lu\n", err);
        err = CreateClusterResourceType(cluster, type_name, L"x", NULL, 5000, 60000);
        ok(err == ERROR_INVALID_PARAMETER, "no dll: got %lu\n", err);
        /* The properties' documented minimum is 1 ms. */
        err = CreateClusterResourceType(cluster, type_name, L"x", L"x.dll", 0, 60000);
        ok(err == ERROR_INVALID_DATA, "LooksAlive 0: got %lu\n", err);
        err = DeleteClusterResourceType(NULL, type_name);
        ok(err == ERROR_INVALID_HANDLE, "NULL cluster: got %lu\n", err);
        err = DeleteClusterResourceType(cluster, NULL);
        ok(err == ERROR_INVALID_PARAMETER, "NULL name: got %lu\n", err);
        SetLastError(0xdeadbeef);
        en = ClusterResourceTypeOpenEnum(NULL, L"IP Address", CLUSTER_RESOURCE_TYPE_ENUM_NODES);
        ok(!en && GetLastError() == ERROR_INVALID_HANDLE, "NULL cluster: %p, %lu\n", en, GetLastError());
        SetLastError(0xdeadbeef);
        ok(!ClusterResourceTypeGetEnumCount(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "count: %lu\n",
           GetLastError());
        len = ARRAY_SIZE(name);
        err = ClusterResourceTypeEnum(NULL, 0, &type, name, &len);
        ok(err == ERROR_INVALID_HANDLE, "enum: got %lu\n", err);
        err = ClusterResourceTypeCloseEnum(NULL);
        ok(err == ERROR_INVALID_HANDLE, "close: got %lu\n", err);
    }
}

static void test_intervals(HCLUSTER cluster)
{
    BYTE buf[4096];
    DWORD err, returned = 0, looks = 0, is = 0;
    CLUSPROP_BUFFER_HELPER p;
    DWORD i, count;

    err = CreateClusterResourceType(cluster, type_name, L"wineclus test type", L"wcobjadm.dll", 4321, 54321);
    ok(!err, "CreateClusterResourceType: %lu\n", err);
    err = ClusterResourceTypeControl(cluster, type_name, NULL, CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES, NULL, 0,
                                     buf, sizeof(buf), &returned);
    ok(!err, "GET_COMMON_PROPERTIES: %lu\n", err);
    /* The intervals are the type's common properties. */
    p.pb = buf;
    count = err ? 0 : *p.pdw++;
    for (i = 0; i < count; i++)
    {
        const WCHAR *pname = p.pName->sz;
        DWORD *target = !wcscmp(pname, L"LooksAlivePollInterval") ? &looks
                      : !wcscmp(pname, L"IsAlivePollInterval") ? &is : NULL;

        p.pb += sizeof(CLUSPROP_VALUE) + ALIGN_CLUSPROP(p.pName->cbLength);
        if (target && p.pValue->Syntax.wFormat == CLUSPROP_FORMAT_DWORD) *target = p.pDwordValue->dw;
        while (p.pSyntax->dw != CLUSPROP_SYNTAX_ENDMARK)
            p.pb += sizeof(*p.pValue) + ALIGN_CLUSPROP(p.pValue->cbLength);
        p.pb += sizeof(*p.pSyntax);
    }
    ok(looks == 4321, "LooksAlivePollInterval %lu\n", looks);
    ok(is == 54321, "IsAlivePollInterval %lu\n", is);
    err = DeleteClusterResourceType(cluster, type_name);
    ok(!err, "DeleteClusterResourceType: %lu\n", err);
}

static void test_nodes(HCLUSTER cluster)
{
    WCHAR nodes[1024], up[256];
    HRESULT hr;
    HNODE node;
    DWORD err;

    cluster_nodes(cluster, nodes, ARRAY_SIZE(nodes), up, ARRAY_SIZE(up));
    if (!up[0])
    {
        skip("no node is up\n");
        return;
    }
    node = OpenClusterNode(cluster, up);
    ok(node != NULL, "OpenClusterNode: %lu\n", GetLastError());
    if (!node) return;

    /* No documented code for these two: winerror.h's "not paused" and "paused". */
    err = ResumeClusterNode(node);
    ok(err == ERROR_CLUSTER_NODE_NOT_PAUSED, "resume, not paused: got %lu\n", err);
    err = PauseClusterNode(node);
    ok(!err, "PauseClusterNode: %lu\n", err);
    ok(GetClusterNodeState(node) == ClusterNodePaused, "state %d\n", GetClusterNodeState(node));
    err = PauseClusterNode(node);
    ok(err == ERROR_CLUSTER_NODE_PAUSED, "paused twice: got %lu\n", err);
    err = ResumeClusterNode(node);
    ok(!err, "ResumeClusterNode: %lu\n", err);
    ok(GetClusterNodeState(node) == ClusterNodeUp, "state %d\n", GetClusterNodeState(node));

    if (winetest_platform_is_wine)
    {
        /* Our store refuses to evict a node that is up. */
        err = EvictClusterNode(node);
        ok(err == ERROR_CANT_EVICT_ACTIVE_NODE, "evict, up: got %lu\n", err);
        if (pEvictClusterNodeEx)
        {
            hr = (HRESULT)0xdeadbeef;
            err = pEvictClusterNodeEx(node, 1000, &hr);
            ok(err == ERROR_CANT_EVICT_ACTIVE_NODE, "evict ex, up: got %lu\n", err);
            ok(hr == (HRESULT)0xdeadbeef, "cleanup status %#lx\n", hr);
            err = pEvictClusterNodeEx(NULL, 1000, &hr);
            ok(err == ERROR_INVALID_HANDLE, "evict ex, NULL node: got %lu\n", err);
        }
        err = PauseClusterNode(NULL);
        ok(err == ERROR_INVALID_HANDLE, "pause NULL: got %lu\n", err);
        err = ResumeClusterNode(NULL);
        ok(err == ERROR_INVALID_HANDLE, "resume NULL: got %lu\n", err);
        err = EvictClusterNode(NULL);
        ok(err == ERROR_INVALID_HANDLE, "evict NULL: got %lu\n", err);
        err = PauseClusterNode((HNODE)cluster);
        ok(err == ERROR_INVALID_HANDLE, "pause a cluster handle: got %lu\n", err);
    }
    CloseClusterNode(node);
}

static void test_groups(HCLUSTER cluster)
{
    WCHAR nodes[1024], up[256], listed[1024], first[256], *bar;
    HNODE list[3];
    HGROUP group, again;
    DWORD err, n = 0, i;

    group = CreateClusterGroup(cluster, group_name);
    ok(group != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    if (!group) return;

    /* A new group has no preferred owners. */
    group_enum_nodes(group, listed, ARRAY_SIZE(listed));
    ok(!listed[0], "preferred owners %s\n", wine_dbgstr_w(listed));

    cluster_nodes(cluster, nodes, ARRAY_SIZE(nodes), up, ARRAY_SIZE(up));
    lstrcpynW(first, nodes, ARRAY_SIZE(first));
    if ((bar = wcschr(first, '|'))) *bar = 0;
    /* The first node twice: it keeps its first place. */
    if ((list[n] = OpenClusterNode(cluster, first))) n++;
    if ((list[n] = OpenClusterNode(cluster, first))) n++;
    ok(n == 2, "OpenClusterNode: %lu\n", GetLastError());
    err = SetClusterGroupNodeList(group, n, list);
    ok(!err, "SetClusterGroupNodeList: %lu\n", err);
    group_enum_nodes(group, listed, ARRAY_SIZE(listed));
    ok(!lstrcmpiW(listed, first), "preferred owners %s, want %s\n", wine_dbgstr_w(listed), wine_dbgstr_w(first));
    err = SetClusterGroupNodeList(group, 0, NULL);
    ok(!err, "empty list: %lu\n", err);
    group_enum_nodes(group, listed, ARRAY_SIZE(listed));
    ok(!listed[0], "preferred owners %s\n", wine_dbgstr_w(listed));

    err = SetClusterGroupName(group, L"wineclus objadmin renamed");
    ok(!err, "SetClusterGroupName: %lu\n", err);
    again = OpenClusterGroup(cluster, L"wineclus objadmin renamed");
    ok(again != NULL, "renamed group: %lu\n", GetLastError());
    if (again) CloseClusterGroup(again);
    again = OpenClusterGroup(cluster, group_name);
    ok(!again && GetLastError() == ERROR_GROUP_NOT_FOUND, "old name: %p, %lu\n", again, GetLastError());
    err = SetClusterGroupName(group, L"Cluster Group");
    ok(err == ERROR_OBJECT_ALREADY_EXISTS, "a name in use: got %lu\n", err);
    /* Only the case changes: still a rename. */
    err = SetClusterGroupName(group, L"WINECLUS OBJADMIN RENAMED");
    ok(!err, "case only: %lu\n", err);

    if (winetest_platform_is_wine)
    {
        err = SetClusterGroupNodeList(NULL, 0, NULL);
        ok(err == ERROR_INVALID_HANDLE, "NULL group: got %lu\n", err);
        err = SetClusterGroupNodeList(group, 1, NULL);
        ok(err == ERROR_INVALID_PARAMETER, "NULL list: got %lu\n", err);
        list[2] = NULL;
        err = SetClusterGroupNodeList(group, 3, list);
        ok(err == ERROR_INVALID_HANDLE, "a NULL node: got %lu\n", err);
        err = SetClusterGroupName(NULL, L"x");
        ok(err == ERROR_INVALID_HANDLE, "NULL group: got %lu\n", err);
        err = SetClusterGroupName(group, L"");
        ok(err == ERROR_INVALID_PARAMETER, "empty name: got %lu\n", err);
        err = SetClusterGroupName(group, NULL);
        ok(err == ERROR_INVALID_PARAMETER, "NULL name: got %lu\n", err);
    }
    for (i = 0; i < n; i++) CloseClusterNode(list[i]);
    err = DeleteClusterGroup(group);
    ok(!err, "DeleteClusterGroup: %lu\n", err);
    CloseClusterGroup(group);
}

/* SetClusterServiceAccountPassword.  Asking for the size changes nothing, so
 * that is all this does on Windows, where the rest would change the real
 * account's password; under Wine the whole contract, which keeps no password. */
static void test_password(HCLUSTER cluster)
{
    CLUSTER_SET_PASSWORD_STATUS status[32];
    DWORD ids[32], n = 0, i, j, len, type, size, err, seen;
    BOOL live[32], all = TRUE;
    WCHAR name[256], id[32];
    HCLUSENUM en;
    HNODE node;

    en = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE);
    ok(en != NULL, "ClusterOpenEnum: %lu\n", GetLastError());
    if (!en) return;
    for (i = 0; n < ARRAY_SIZE(ids) && (len = ARRAY_SIZE(name), !ClusterEnum(en, i, &type, name, &len)); i++)
    {
        if (!(node = OpenClusterNode(cluster, name))) continue;
        len = ARRAY_SIZE(id);
        if (!GetClusterNodeId(node, id, &len))
        {
            ids[n] = wcstoul(id, NULL, 10);
            live[n] = GetClusterNodeState(node) == ClusterNodeUp || GetClusterNodeState(node) == ClusterNodePaused;
            all = all && live[n];
            n++;
        }
        CloseClusterNode(node);
    }
    ClusterCloseEnum(en);
    ok(n > 0, "no node listed\n");

    size = 0xdeadbeef;
    err = SetClusterServiceAccountPassword(NULL, L"unused", 0, NULL, &size);
    ok(!err, "size query: got %lu\n", err);
    ok(size == n * sizeof(status[0]), "size %lu for %lu nodes\n", size, n);
    if (!winetest_platform_is_wine) return;

    size = sizeof(status);
    err = SetClusterServiceAccountPassword(NULL, NULL, 0, status, &size);
    ok(err == ERROR_INVALID_PARAMETER, "NULL password: got %lu\n", err);
    err = SetClusterServiceAccountPassword(NULL, L"pw", 0, status, NULL);
    ok(err == ERROR_INVALID_PARAMETER, "NULL size: got %lu\n", err);
    err = SetClusterServiceAccountPassword(NULL, L"pw", 2, status, &size);
    ok(err == ERROR_INVALID_PARAMETER, "unknown flag: got %lu\n", err);
    err = SetClusterServiceAccountPassword(L"no such cluster anywhere", L"pw", 0, status, &size);
    ok(err == RPC_S_SERVER_UNAVAILABLE, "unknown cluster: got %lu\n", err);

    size = n * sizeof(status[0]) - 1;
    err = SetClusterServiceAccountPassword(NULL, L"pw", CLUSTER_SET_PASSWORD_IGNORE_DOWN_NODES, status, &size);
    ok(err == ERROR_MORE_DATA, "short buffer: got %lu\n", err);
    ok(size == n * sizeof(status[0]), "short buffer: size %lu\n", size);

    size = sizeof(status);
    err = SetClusterServiceAccountPassword(NULL, L"pw", 0, status, &size);
    ok(err == (all ? ERROR_SUCCESS : ERROR_ALL_NODES_NOT_AVAILABLE), "every node wanted (all up: %d): got %lu\n",
       all, err);

    memset(status, 0xcc, sizeof(status));
    size = sizeof(status);
    err = SetClusterServiceAccountPassword(NULL, L"pw", CLUSTER_SET_PASSWORD_IGNORE_DOWN_NODES, status, &size);
    ok(!err, "down nodes ignored: got %lu\n", err);
    ok(size == n * sizeof(status[0]), "size %lu for %lu nodes\n", size, n);
    for (i = 0, seen = 0; !err && i < n; i++)
        for (j = 0; j < n; j++)
            if (status[i].NodeId == ids[j])
            {
                seen++;
                ok(status[i].SetAttempted == live[j], "node %lu: attempted %u, up %d\n", ids[j],
                   status[i].SetAttempted, live[j]);
                ok(!live[j] || status[i].ReturnStatus == ERROR_SUCCESS, "node %lu: status %lu\n", ids[j],
                   status[i].ReturnStatus);
            }
    ok(err || seen == n, "%lu of %lu nodes in the statuses\n", seen, n);
}

START_TEST(objadmin)
{
    HCLUSTER cluster;

    pEvictClusterNodeEx = (void *)GetProcAddress(GetModuleHandleA("clusapi.dll"), "EvictClusterNodeEx");
    cluster = OpenCluster(NULL);
    if (!cluster)
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    test_types(cluster);
    test_intervals(cluster);
    test_nodes(cluster);
    test_password(cluster);
    test_groups(cluster);
    CloseCluster(cluster);
}

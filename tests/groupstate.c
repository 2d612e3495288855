/*
 * Conformance tests of bringing resources and groups online and offline,
 * failing resources and moving groups (OnlineClusterResource,
 * OfflineClusterResource, FailClusterResource, OnlineClusterGroup,
 * OfflineClusterGroup, MoveClusterGroup).
 *
 * On Windows a resource's DLL does the online: an IP Address without an
 * address or a disk without a signature fails, so the checks of dependency
 * order on such types run on Wine only, where online of those types is the
 * change of state alone (docs/states.md).  A Generic Service goes pending on
 * both.  Everything the test makes it deletes; a node it pauses it resumes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>

#include "wine/test.h"

static const WCHAR group_name[] = L"wineclus groupstate group";

struct fixture
{
    HCLUSTER cluster;
    HGROUP group;
    HRESOURCE disk, ip, name, svc;
    WCHAR node[256];          /* the group's node: this test's */
};

static CLUSTER_RESOURCE_STATE res_state(HRESOURCE res)
{
    return GetClusterResourceState(res, NULL, NULL, NULL, NULL);
}

static CLUSTER_GROUP_STATE group_state(HGROUP group, WCHAR *node, DWORD size)
{
    WCHAR buf[256];
    DWORD len = ARRAY_SIZE(buf);
    CLUSTER_GROUP_STATE state = GetClusterGroupState(group, buf, &len);

    if (node) lstrcpynW(node, buf, size);
    return state;
}

static HRESOURCE create(struct fixture *f, const WCHAR *name, const WCHAR *type)
{
    HRESOURCE res = CreateClusterResource(f->group, name, type, 0);

    ok(res != NULL, "CreateClusterResource %s: %lu\n", wine_dbgstr_w(name), GetLastError());
    return res;
}

static BOOL setup(struct fixture *f)
{
    DWORD err;

    memset(f, 0, sizeof(*f));
    if (!(f->cluster = OpenCluster(NULL))) return FALSE;
    f->group = CreateClusterGroup(f->cluster, group_name);
    ok(f->group != NULL, "CreateClusterGroup: %lu\n", GetLastError());
    if (!f->group) return FALSE;
    ok(group_state(f->group, f->node, ARRAY_SIZE(f->node)) == ClusterGroupOffline, "new group not offline\n");
    f->disk = create(f, L"wineclus groupstate disk", L"Physical Disk");
    f->ip = create(f, L"wineclus groupstate ip", L"IP Address");
    f->name = create(f, L"wineclus groupstate name", L"Network Name");
    f->svc = create(f, L"wineclus groupstate svc", L"Generic Service");
    if (!f->disk || !f->ip || !f->name || !f->svc) return FALSE;
    err = AddClusterResourceDependency(f->ip, f->disk);
    ok(!err, "AddClusterResourceDependency: %lu\n", err);
    err = AddClusterResourceDependency(f->name, f->ip);
    ok(!err, "AddClusterResourceDependency: %lu\n", err);
    return !err;
}

/* Wait until res leaves its pending state (Windows finishes asynchronously). */
static CLUSTER_RESOURCE_STATE settle(HRESOURCE res, DWORD ms)
{
    CLUSTER_RESOURCE_STATE state;
    DWORD start = GetTickCount();

    while ((state = res_state(res)) >= ClusterResourcePending && GetTickCount() - start < ms) Sleep(50);
    return state;
}

static void teardown(struct fixture *f)
{
    HRESOURCE *all[] = { &f->name, &f->ip, &f->disk, &f->svc };
    DWORD i, err;

    if (f->svc && settle(f->svc, 5000) >= ClusterResourcePending) FailClusterResource(f->svc);
    if (f->group)
    {
        err = OfflineClusterGroup(f->group);
        ok(!err || err == ERROR_IO_PENDING, "OfflineClusterGroup: %lu\n", err);
        for (i = 0; i < ARRAY_SIZE(all); i++) if (*all[i]) settle(*all[i], 5000);
    }
    for (i = 0; i < ARRAY_SIZE(all); i++)
    {
        if (!*all[i]) continue;
        err = DeleteClusterResource(*all[i]);
        ok(!err, "DeleteClusterResource %lu: %lu\n", i, err);
        CloseClusterResource(*all[i]);
    }
    if (f->group)
    {
        err = DeleteClusterGroup(f->group);
        ok(!err, "DeleteClusterGroup: %lu\n", err);
        CloseClusterGroup(f->group);
    }
    if (f->cluster) CloseCluster(f->cluster);
}

static void test_handles(struct fixture *f)
{
    DWORD err;

    if (!winetest_platform_is_wine) return;   /* Windows may fault on a made-up handle */
    err = OnlineClusterResource(NULL);
    ok(err == ERROR_INVALID_HANDLE, "online NULL: got %lu\n", err);
    err = OfflineClusterResource(NULL);
    ok(err == ERROR_INVALID_HANDLE, "offline NULL: got %lu\n", err);
    err = FailClusterResource((HRESOURCE)f->group);
    ok(err == ERROR_INVALID_HANDLE, "fail a group handle: got %lu\n", err);
    err = OnlineClusterGroup(NULL, NULL);
    ok(err == ERROR_INVALID_HANDLE, "online NULL group: got %lu\n", err);
    err = OfflineClusterGroup((HGROUP)f->disk);
    ok(err == ERROR_INVALID_HANDLE, "offline a resource handle: got %lu\n", err);
    err = MoveClusterGroup(f->group, (HNODE)f->group);
    ok(err == ERROR_INVALID_HANDLE, "move to a group handle: got %lu\n", err);
    err = OnlineClusterGroup(f->group, (HNODE)f->cluster);
    ok(err == ERROR_INVALID_HANDLE, "online on a cluster handle: got %lu\n", err);
    ok(group_state(f->group, NULL, 0) == ClusterGroupOffline, "a refused call changed the group\n");
}

/* Providers first on the way up, dependents first on the way down. */
static void test_order(struct fixture *f)
{
    DWORD err;

    if (!winetest_platform_is_wine) return;
    err = OnlineClusterResource(f->name);
    ok(!err, "OnlineClusterResource: %lu\n", err);
    ok(res_state(f->disk) == ClusterResourceOnline, "disk: %d\n", res_state(f->disk));
    ok(res_state(f->ip) == ClusterResourceOnline, "ip: %d\n", res_state(f->ip));
    ok(res_state(f->name) == ClusterResourceOnline, "name: %d\n", res_state(f->name));
    ok(res_state(f->svc) == ClusterResourceOffline, "svc: %d\n", res_state(f->svc));
    ok(group_state(f->group, NULL, 0) == ClusterGroupPartialOnline, "group: %d\n", group_state(f->group, NULL, 0));
    err = OnlineClusterResource(f->name);
    ok(!err, "online again: %lu\n", err);

    err = OfflineClusterResource(f->disk);
    ok(!err, "OfflineClusterResource: %lu\n", err);
    ok(res_state(f->name) == ClusterResourceOffline, "name: %d\n", res_state(f->name));
    ok(res_state(f->ip) == ClusterResourceOffline, "ip: %d\n", res_state(f->ip));
    ok(group_state(f->group, NULL, 0) == ClusterGroupOffline, "group: %d\n", group_state(f->group, NULL, 0));

    /* FailClusterResource: it and its dependents fail; the group shows it. */
    err = FailClusterResource(f->ip);
    ok(err == ERROR_RESOURCE_NOT_ONLINE, "fail an offline resource: got %lu\n", err);
    err = OnlineClusterResource(f->name);
    ok(!err, "OnlineClusterResource: %lu\n", err);
    err = FailClusterResource(f->ip);
    ok(!err, "FailClusterResource: %lu\n", err);
    ok(res_state(f->ip) == ClusterResourceFailed, "ip: %d\n", res_state(f->ip));
    ok(res_state(f->name) == ClusterResourceFailed, "name: %d\n", res_state(f->name));
    ok(res_state(f->disk) == ClusterResourceOnline, "disk: %d\n", res_state(f->disk));
    ok(group_state(f->group, NULL, 0) == ClusterGroupFailed, "group: %d\n", group_state(f->group, NULL, 0));
    err = OnlineClusterResource(f->name);
    ok(!err, "online after a failure: %lu\n", err);
    ok(res_state(f->ip) == ClusterResourceOnline, "ip: %d\n", res_state(f->ip));
    err = OfflineClusterGroup(f->group);
    ok(!err, "OfflineClusterGroup: %lu\n", err);
    ok(res_state(f->disk) == ClusterResourceOffline, "disk: %d\n", res_state(f->disk));
}

/* A Generic Service starts on its node: ERROR_IO_PENDING, as the reference says. */
static void test_pending(struct fixture *f)
{
    CLUSTER_RESOURCE_STATE state;
    DWORD err;

    err = OnlineClusterResource(f->svc);
    ok(err == ERROR_IO_PENDING, "OnlineClusterResource of a Generic Service: got %lu\n", err);
    state = res_state(f->svc);
    ok(state == ClusterResourceOnlinePending || state == ClusterResourceOnline || state == ClusterResourceFailed,
       "state %d\n", state);
    if (winetest_platform_is_wine && state == ClusterResourceOnlinePending)
    {
        /* [MS-CMRP] ApiOnlineResource, ApiOfflineResource: not while pending. */
        err = OnlineClusterResource(f->svc);
        ok(err == ERROR_INVALID_STATE, "online while pending: got %lu\n", err);
        err = OfflineClusterResource(f->svc);
        ok(err == ERROR_INVALID_STATE, "offline while pending: got %lu\n", err);
        err = OfflineClusterGroup(f->group);
        ok(err == ERROR_INVALID_STATE, "group offline while pending: got %lu\n", err);
        err = MoveClusterGroup(f->group, NULL);
        ok(err == ERROR_INVALID_STATE, "move while pending: got %lu\n", err);
        ok(group_state(f->group, NULL, 0) == ClusterGroupPending, "group: %d\n", group_state(f->group, NULL, 0));
    }
    /* No ServiceName: Windows fails it; ours waits for the node's cluster service. */
    state = settle(f->svc, 3000);
    todo_wine ok(state == ClusterResourceFailed || state == ClusterResourceOnline, "settled in state %d\n", state);
    if (state >= ClusterResourcePending)
    {
        err = FailClusterResource(f->svc);
        ok(!err, "FailClusterResource of a pending resource: %lu\n", err);
        ok(res_state(f->svc) == ClusterResourceFailed, "state %d\n", res_state(f->svc));
    }
    err = OfflineClusterResource(f->svc);
    ok(!err || err == ERROR_IO_PENDING, "OfflineClusterResource: %lu\n", err);
    settle(f->svc, 5000);
}

/* The node this test runs on is up; the others, if any, as they are. */
static void test_nodes(struct fixture *f)
{
    WCHAR owner[256];
    HNODE node;
    DWORD err;

    node = OpenClusterNode(f->cluster, f->node);
    ok(node != NULL, "OpenClusterNode %s: %lu\n", wine_dbgstr_w(f->node), GetLastError());
    if (!node) return;
    /* Its own node: done ([MS-CMRP] ApiMoveGroupToNode). */
    err = MoveClusterGroup(f->group, node);
    ok(!err, "move to its own node: %lu\n", err);
    group_state(f->group, owner, ARRAY_SIZE(owner));
    ok(!lstrcmpiW(owner, f->node), "owner %s\n", wine_dbgstr_w(owner));

    if (GetClusterNodeState(node) == ClusterNodeUp && !PauseClusterNode(node))
    {
        /* [MS-CMRP] ApiOnlineGroup: the hosting node is paused. */
        err = OnlineClusterGroup(f->group, NULL);
        ok(err == ERROR_SHARING_PAUSED, "online on a paused node: got %lu\n", err);
        if (winetest_platform_is_wine)
        {
            err = OnlineClusterResource(f->disk);
            ok(err == ERROR_SHARING_PAUSED, "resource online on a paused node: got %lu\n", err);
        }
        err = ResumeClusterNode(node);
        ok(!err, "ResumeClusterNode: %lu\n", err);
    }

    if (winetest_platform_is_wine)
    {
        /* A node that is not a possible owner cannot bring it online. */
        err = RemoveClusterResourceNode(f->ip, node);
        ok(!err, "RemoveClusterResourceNode: %lu\n", err);
        err = OnlineClusterResource(f->name);
        ok(err == ERROR_NODE_CANT_HOST_RESOURCE, "online off its possible owners: got %lu\n", err);
        ok(res_state(f->disk) == ClusterResourceOffline, "a refused online changed the disk: %d\n",
           res_state(f->disk));
        err = AddClusterResourceNode(f->ip, node);
        ok(!err, "AddClusterResourceNode: %lu\n", err);

        /* Online on its own node, then offline. */
        err = OnlineClusterGroup(f->group, node);
        ok(err == ERROR_IO_PENDING, "OnlineClusterGroup with a Generic Service: got %lu\n", err);
        ok(res_state(f->name) == ClusterResourceOnline, "name: %d\n", res_state(f->name));
        ok(res_state(f->svc) == ClusterResourceOnlinePending, "svc: %d\n", res_state(f->svc));
        err = FailClusterResource(f->svc);
        ok(!err, "FailClusterResource: %lu\n", err);
        err = OfflineClusterGroup(f->group);
        ok(!err, "OfflineClusterGroup: %lu\n", err);
        ok(group_state(f->group, NULL, 0) == ClusterGroupOffline, "group: %d\n", group_state(f->group, NULL, 0));
    }
    CloseClusterNode(node);
}

/* Elsewhere: the best other node, or a node named, must be able to take it. */
static void test_move(struct fixture *f)
{
    HCLUSENUM en = ClusterOpenEnum(f->cluster, CLUSTER_ENUM_NODE);
    WCHAR name[256], owner[256];
    DWORD i, len, type, err, others_up = 0;
    HNODE node;

    if (!en) return;
    for (i = 0; len = ARRAY_SIZE(name), !ClusterEnum(en, i, &type, name, &len); i++)
    {
        if (!lstrcmpiW(name, f->node) || !(node = OpenClusterNode(f->cluster, name))) continue;
        if (GetClusterNodeState(node) == ClusterNodeDown)
        {
            err = MoveClusterGroup(f->group, node);
            if (winetest_platform_is_wine) ok(err == ERROR_CLUSTER_NODE_DOWN, "move to a down node: got %lu\n", err);
            else ok(err != ERROR_SUCCESS, "move to a down node succeeded\n");
            err = OnlineClusterGroup(f->group, node);
            ok(err != ERROR_SUCCESS && err != ERROR_IO_PENDING, "online on a down node: got %lu\n", err);
        }
        else if (GetClusterNodeState(node) == ClusterNodeUp) others_up++;
        CloseClusterNode(node);
    }
    ClusterCloseEnum(en);
    group_state(f->group, owner, ARRAY_SIZE(owner));
    ok(!lstrcmpiW(owner, f->node), "a refused move moved the group to %s\n", wine_dbgstr_w(owner));
    if (others_up) return;   /* a real cluster: the best node's choice is its own */
    err = MoveClusterGroup(f->group, NULL);
    if (winetest_platform_is_wine)
        ok(err == ERROR_HOST_NODE_NOT_AVAILABLE, "move with no other node up: got %lu\n", err);
    else
        ok(err != ERROR_SUCCESS && err != ERROR_IO_PENDING, "move with no other node up: got %lu\n", err);
}

START_TEST(groupstate)
{
    struct fixture f;

    if (!setup(&f))
    {
        if (!f.cluster) skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        teardown(&f);
        return;
    }
    test_handles(&f);
    test_order(&f);
    test_pending(&f);
    test_nodes(&f);
    test_move(&f);
    teardown(&f);
}

/*
 * crossnode: one side of the cross-node property test (tests/crossnode/run.sh).
 * Two Wine prefixes set up as two nodes of one store run it: the writer sets
 * a resource's private property and its Description through the control
 * codes; the reader, started first with its handles open, must see both at
 * once through GET_PRIVATE/GET_COMMON_PROPERTIES and through ClusterRegQueryValue.
 *
 * Usage: crossnode.exe write RESOURCE VALUE
 *        crossnode.exe read RESOURCE VALUE FLAGFILE
 *        crossnode.exe state NODE running|down
 * The reader checks that no property holds VALUE yet, opens a notification
 * port on the resource, prints "ready", waits (2 minutes at most) for
 * FLAGFILE to exist, then checks that both hold it and that the port heard
 * the other node's change, for the resource and for the whole cluster.
 * State checks what this node sees of another node whose cluster service
 * runs, or not: GetNodeClusterState and GetClusterNodeState.
 * Each prints its node's id ("node ID"), one line per failed check, and
 * "N passed, N failed"; exit status 0 when nothing failed.
 */
#include <windows.h>
#include <clusapi.h>
#include "resapi.h"
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#define PRIVATE_NAME L"CrossNodeValue"
#define WAIT_MS 120000

static int passed, failed;

static void check(BOOL ok, const char *what, DWORD err)
{
    if (ok) passed++;
    else
    {
        failed++;
        printf("not ok - %s (error %lu)\n", what, (unsigned long)err);
    }
}

/* A property list of one SZ property, with its end mark. */
static BYTE *sz_list(const WCHAR *name, const WCHAR *value, DWORD *size)
{
    DWORD name_bytes = (wcslen(name) + 1) * sizeof(WCHAR), value_bytes = (wcslen(value) + 1) * sizeof(WCHAR);
    DWORD name_pad = (name_bytes + 3) & ~3u, value_pad = (value_bytes + 3) & ~3u;
    BYTE *list, *p;

    *size = sizeof(DWORD) + 2 * sizeof(CLUSPROP_VALUE) + name_pad + value_pad + sizeof(CLUSPROP_SYNTAX);
    if (!(p = list = calloc(1, *size))) return NULL;
    *(DWORD *)p = 1;
    p += sizeof(DWORD);
    ((CLUSPROP_VALUE *)p)->Syntax.dw = CLUSPROP_SYNTAX_NAME;
    ((CLUSPROP_VALUE *)p)->cbLength = name_bytes;
    memcpy(p + sizeof(CLUSPROP_VALUE), name, name_bytes);
    p += sizeof(CLUSPROP_VALUE) + name_pad;
    ((CLUSPROP_VALUE *)p)->Syntax.dw = CLUSPROP_SYNTAX_LIST_VALUE_SZ;
    ((CLUSPROP_VALUE *)p)->cbLength = value_bytes;
    memcpy(p + sizeof(CLUSPROP_VALUE), value, value_bytes);
    p += sizeof(CLUSPROP_VALUE) + value_pad;
    ((CLUSPROP_SYNTAX *)p)->dw = CLUSPROP_SYNTAX_ENDMARK;
    return list;
}

static DWORD set_property(HRESOURCE res, DWORD code, const WCHAR *name, const WCHAR *value)
{
    DWORD size, err;
    BYTE *list = sz_list(name, value, &size);

    if (!list) return ERROR_NOT_ENOUGH_MEMORY;
    err = ClusterResourceControl(res, NULL, code, list, size, NULL, 0, NULL);
    free(list);
    /* Stored, to take effect at the next online: as good as done here. */
    return err == ERROR_RESOURCE_PROPERTIES_STORED ? ERROR_SUCCESS : err;
}

/* Does the list a GET code returns hold name = value? */
static BOOL get_has(HRESOURCE res, DWORD code, const WCHAR *name, const WCHAR *value, DWORD *err)
{
    DWORD size = 0;
    WCHAR *found = NULL;
    BYTE *list;
    BOOL same;

    *err = ClusterResourceControl(res, NULL, code, NULL, 0, NULL, 0, &size);
    if (*err && *err != ERROR_MORE_DATA) return FALSE;
    if (!(list = malloc(size ? size : 1))) return FALSE;
    if (!(*err = ClusterResourceControl(res, NULL, code, NULL, 0, list, size, &size)))
        *err = ResUtilFindSzProperty(list, size, name, &found);
    same = !*err && !wcscmp(found, value);
    if (found) LocalFree(found);
    free(list);
    return same;
}

/* Does value name of key hold value? */
static BOOL reg_has(HKEY key, const WCHAR *name, const WCHAR *value, DWORD *err)
{
    WCHAR data[256];
    DWORD size = sizeof(data) - sizeof(WCHAR), type;

    memset(data, 0, sizeof(data));
    *err = ClusterRegQueryValue(key, name, &type, (BYTE *)data, &size);
    return !*err && type == REG_SZ && !wcscmp(data, value);
}

struct view
{
    HRESOURCE res;
    HKEY key, params;
};

static void look(const struct view *v, const WCHAR *value, BOOL want, const char *when)
{
    static const char *const what[] =
    {
        "GET_PRIVATE_PROPERTIES", "GET_COMMON_PROPERTIES Description", "ClusterRegQueryValue under Parameters",
        "ClusterRegQueryValue Description",
    };
    char line[200];
    DWORD err;
    BOOL got;
    int i;

    for (i = 0; i < 4; i++)
    {
        if (i == 0) got = get_has(v->res, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, PRIVATE_NAME, value, &err);
        else if (i == 1) got = get_has(v->res, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, L"Description", value, &err);
        else if (i == 2) got = reg_has(v->params, PRIVATE_NAME, value, &err);
        else got = reg_has(v->key, L"Description", value, &err);
        snprintf(line, sizeof(line), "%s: %s %s the value", when, what[i], want ? "has" : "lacks");
        check(got == want, line, err);
    }
}

/* The other node as this one sees it, running (its service up) or down. */
static void node_state(HCLUSTER cluster, const WCHAR *name, BOOL running)
{
    DWORD state = 0xdead, err;
    HNODE node;

    err = GetNodeClusterState(name, &state);
    check(!err, "GetNodeClusterState of the other node", err);
    check(state == (running ? ClusterStateRunning : ClusterStateNotRunning),
          running ? "GetNodeClusterState: running while its service runs" : "GetNodeClusterState: not running",
          state);
    node = OpenClusterNode(cluster, name);
    check(node != NULL, "OpenClusterNode", GetLastError());
    if (!node) return;
    state = GetClusterNodeState(node);
    check(state == (DWORD)(running ? ClusterNodeUp : ClusterNodeDown),
          running ? "GetClusterNodeState: up while its service runs" : "GetClusterNodeState: down", state);
    CloseClusterNode(node);
}

/* The other node's SET, as this node's port heard it: one RESOURCE_PROPERTY
 * for the resource's registration (key 2), one for the cluster's (key 1). */
static void heard(HCHANGE port, const WCHAR *resource)
{
    WCHAR name[256];
    DWORD_PTR key;
    DWORD filter, len, err, seen = 0;

    for (;;)
    {
        len = ARRAYSIZE(name);
        if ((err = GetClusterNotify(port, &key, &filter, name, &len, 1000))) break;
        if (filter == CLUSTER_CHANGE_RESOURCE_PROPERTY && (key == 1 || key == 2) && !wcscmp(name, resource))
            seen |= key;
    }
    check(err == WAIT_TIMEOUT, "GetClusterNotify ends with WAIT_TIMEOUT", err);
    check(seen & 2, "the port heard the other node's change for the resource", 0);
    check(seen & 1, "the port heard the other node's change for the cluster", 0);
}

int wmain(int argc, WCHAR **argv)
{
    WCHAR id[64];
    DWORD len = ARRAYSIZE(id), err, start;
    HCLUSTER cluster;
    struct view v = { 0 };
    HCHANGE port = NULL;
    BOOL reader;

    if (argc < 4 || (wcscmp(argv[1], L"write") && wcscmp(argv[1], L"read") && wcscmp(argv[1], L"state")) ||
        (!wcscmp(argv[1], L"read") && argc != 5) ||
        (!wcscmp(argv[1], L"state") && wcscmp(argv[3], L"running") && wcscmp(argv[3], L"down")))
    {
        printf("Usage: crossnode.exe write RESOURCE VALUE | read RESOURCE VALUE FLAGFILE | state NODE running|down\n");
        return 2;
    }
    reader = !wcscmp(argv[1], L"read");
    setvbuf(stdout, NULL, _IONBF, 0);
    if (!(cluster = OpenCluster(NULL)))
    {
        printf("not ok - OpenCluster (error %lu)\n0 passed, 1 failed\n", GetLastError());
        return 1;
    }
    err = GetClusterNodeId(NULL, id, &len);
    check(!err, "GetClusterNodeId of this node", err);
    printf("node %ls\n", err ? L"?" : id);
    if (!wcscmp(argv[1], L"state"))
    {
        node_state(cluster, argv[2], !wcscmp(argv[3], L"running"));
        goto done;
    }
    v.res = OpenClusterResource(cluster, argv[2]);
    check(v.res != NULL, "OpenClusterResource", GetLastError());
    if (v.res)
    {
        v.key = GetClusterResourceKey(v.res, KEY_READ);
        check(v.key != NULL, "GetClusterResourceKey", GetLastError());
    }
    if (v.key)
    {
        err = ClusterRegCreateKey(v.key, L"Parameters", 0, KEY_READ, NULL, &v.params, NULL);
        check(!err, "ClusterRegCreateKey Parameters", err);
    }
    if (!v.params) goto done;
    if (!reader)
    {
        err = set_property(v.res, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, PRIVATE_NAME, argv[3]);
        check(!err, "SET_PRIVATE_PROPERTIES", err);
        err = set_property(v.res, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, L"Description", argv[3]);
        check(!err, "SET_COMMON_PROPERTIES Description", err);
        look(&v, argv[3], TRUE, "the writer after its SET");
        goto done;
    }
    look(&v, argv[3], FALSE, "before the other node's SET");
    port = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, cluster, CLUSTER_CHANGE_RESOURCE_PROPERTY, 1);
    check(port != NULL, "CreateClusterNotifyPort", GetLastError());
    if (port)
    {
        err = RegisterClusterNotify(port, CLUSTER_CHANGE_RESOURCE_PROPERTY, v.res, 2);
        check(!err, "RegisterClusterNotify on the resource", err);
    }
    printf("ready\n");
    start = GetTickCount();
    while (GetFileAttributesW(argv[4]) == INVALID_FILE_ATTRIBUTES && GetTickCount() - start < WAIT_MS) Sleep(50);
    check(GetFileAttributesW(argv[4]) != INVALID_FILE_ATTRIBUTES, "the writer finished in time", 0);
    look(&v, argv[3], TRUE, "after the other node's SET, same handles");
    if (port)
    {
        heard(port, argv[2]);
        CloseClusterNotifyPort(port);
    }
done:
    if (v.params) ClusterRegCloseKey(v.params);
    if (v.key) ClusterRegCloseKey(v.key);
    if (v.res) CloseClusterResource(v.res);
    CloseCluster(cluster);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

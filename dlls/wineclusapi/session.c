/*
 * The process's session with the cluster store.
 *
 * A Wine prefix is a node: `wineclus setup` writes its node name and store
 * folder under HKLM\Software\Wine\Cluster, and the environment
 * (WINECLUS_NODE, WINECLUS_STORE) overrides both for tests and scripts.  The
 * store is opened on first use and the node joined for the process's life,
 * which is what makes the node "up" for the other nodes.
 */
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static SRWLOCK session_lock = SRWLOCK_INIT;
static cs_store *store;
static char node_name[CS_NAME_MAX];
static char store_dir[CS_PATH_MAX];

/* A REG_SZ under the prefix's cluster key, as UTF-8; FALSE when absent. */
static BOOL read_setting(const WCHAR *value, char *buf, DWORD size)
{
    WCHAR wide[CS_PATH_MAX];
    DWORD len = sizeof(wide) - sizeof(WCHAR), type;
    HKEY key;
    LSTATUS status;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Wine\\Cluster", 0, KEY_READ | REG_VIEW, &key)) return FALSE;
    status = RegQueryValueExW(key, value, NULL, &type, (BYTE *)wide, &len);
    RegCloseKey(key);
    if (status || type != REG_SZ || !len) return FALSE;
    wide[len / sizeof(WCHAR)] = 0;
    return WideCharToMultiByte(CP_UTF8, 0, wide, -1, buf, size, NULL, NULL) > 1;
}

static DWORD load_identity(void)
{
    char configured[CS_PATH_MAX] = "";
    const char *env;
    DWORD err;

    if ((env = getenv("WINECLUS_NODE")) && *env) lstrcpynA(node_name, env, sizeof(node_name));
    else if (!read_setting(L"NodeName", node_name, sizeof(node_name)))
        cs_default_node_name(node_name, sizeof(node_name));
    read_setting(L"Store", configured, sizeof(configured));
    if ((err = cs_store_dir(configured, store_dir, sizeof(store_dir))))
        ERR("cannot tell where the cluster store is: %s (error %u)\n", store_dir, err);
    return err;
}

/* The node's networks are its host's as it joins; a node that cannot record
 * them still opens the cluster, with the networks it had. */
static void learn_networks(void)
{
    cs_hostnet *nets;
    size_t n;
    DWORD err;

    if (!(err = cs_host_networks(&nets, &n)))
    {
        err = cs_node_record_networks(store, cs_node_local_id(store), nets, n);
        cs_free(nets);
    }
    if (err) WARN("cannot record this node's networks: %s (error %u)\n", cs_errmsg(store), err);
}

static DWORD open_store(void)
{
    DWORD err;

    if ((err = load_identity())) return err;
    err = cs_open(store_dir, NULL, node_name, &store);
    if (err)
    {
        ERR("cannot open the cluster store: %s (error %u)\n", cs_errmsg(store), err);
        cs_close(store);
        store = NULL;
        return err;
    }
    if ((err = cs_node_join(store, node_name)))
    {
        ERR("this prefix's node %s is not a node of the cluster in %s: run `wineclus setup --node NAME`\n",
            debugstr_a(node_name), debugstr_a(cs_dir(store)));
        cs_close(store);
        store = NULL;
        /* What a client sees when no cluster service answers on the node. */
        return err == CS_ERROR_CLUSTER_NODE_NOT_FOUND ? RPC_S_SERVER_UNAVAILABLE : err;
    }
    TRACE("node %s joined the cluster in %s\n", debugstr_a(node_name), debugstr_a(cs_dir(store)));
    learn_networks();
    /* Failures are logged there; the cluster opens all the same. */
    checkpoint_apply_all(store, FALSE, FALSE);
    return ERROR_SUCCESS;
}

cs_store *session_enter(DWORD *err)
{
    AcquireSRWLockExclusive(&session_lock);
    if (!store && (*err = open_store()))
    {
        ReleaseSRWLockExclusive(&session_lock);
        return NULL;
    }
    return store;
}

void session_leave(void)
{
    ReleaseSRWLockExclusive(&session_lock);
}

const char *session_node_name(void)
{
    return node_name;
}

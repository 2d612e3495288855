/*
 * The process's session with the cluster store.
 *
 * A Wine prefix is a node: `wineclus setup` writes its node name and store
 * folder under HKLM\Software\Wine\Cluster, and the environment
 * (WINECLUS_NODE, WINECLUS_STORE) overrides both for tests and scripts.  The
 * store is opened on first use and the node joined for the process's life,
 * which is what makes the node "up" for the other nodes.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

static SRWLOCK session_lock = SRWLOCK_INIT;
/* The holder's cancellation state from before session_enter; only the
 * thread holding session_lock reads or writes it. */
static int holder_cancel_state;
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

/* i386 glibc stops raising its mmap threshold at 512 KiB, and so its trim
 * threshold at 1 MiB: each backup's transient megabytes (the chk hive and its
 * copies, hivex's, SQLite's) were handed back to the kernel at its end and
 * faulted in again by the next, about 0.25 ms of a 4.4 ms backup of 50
 * resources (docs/performance.md, "In process, 32-bit").  Fixed instead at
 * values x86_64's glibc reaches by itself for such sizes; only the process's
 * Unix-side allocations are concerned (a Windows program's heap is Wine's,
 * not glibc's). */
static void tune_malloc(void)
{
#ifdef __i386__
    mallopt(M_MMAP_THRESHOLD, 512 * 1024);
    mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
#endif
}

static DWORD open_store(void)
{
    DWORD err;

    tune_malloc();
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

/* Every call into the store runs with the thread's cancellation disabled.
 * i386 glibc enters the kernel by `int $0x80` for each system call that is
 * a cancellation point while cancellation is enabled (so that it can act on
 * a cancel request there), and through the vDSO otherwise; `int $0x80` costs
 * 4.6 us a call on the machines of docs/performance.md, the vDSO 0.2 us.
 * This covers every library under the store (SQLite, hivex, OpenSSL, libc)
 * at once.  Nothing is lost: Wine never cancels its threads, and a cancel
 * request, had anyone made one, would be acted on at the thread's next
 * cancellation point after session_leave. */
cs_store *session_enter(DWORD *err)
{
    int state;

    AcquireSRWLockExclusive(&session_lock);
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
    holder_cancel_state = state;
    if (!store && (*err = open_store()))
    {
        session_leave();
        return NULL;
    }
    return store;
}

void session_leave(void)
{
    pthread_setcancelstate(holder_cancel_state, NULL);
    ReleaseSRWLockExclusive(&session_lock);
}

const char *session_node_name(void)
{
    return node_name;
}

/*
 * Notification ports: CreateClusterNotifyPort, RegisterClusterNotify,
 * GetClusterNotify, CloseClusterNotifyPort.
 *
 * Each port follows the store's change events (libs/clusstore/store/cs_watch.c),
 * so it hears every change any process of any prefix commits, and sleeps on
 * the store's wake-up, not on a timer.  A port holds its registrations (a
 * filter and key, for the whole cluster or one object) and a queue of events
 * matched against them, one per matching registration as MS-CMRP asks.
 * HANDLE_CLOSE is made here, as Windows' clusapi makes it: the server never
 * sends it.  Lock order: port_lock, then the handle table or the session;
 * handle_close tells notify_handle_closed after leaving the table's lock.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clusapi_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

C_ASSERT(CS_CHANGE_GROUP_STATE == CLUSTER_CHANGE_GROUP_STATE);
C_ASSERT(CS_CHANGE_CLUSTER_RECONNECT == CLUSTER_CHANGE_CLUSTER_RECONNECT);
C_ASSERT(CS_CHANGE_HANDLE_CLOSE == (DWORD)CLUSTER_CHANGE_HANDLE_CLOSE);
C_ASSERT(CS_CHANGE_NETINTERFACE_PROPERTY == CLUSTER_CHANGE_NETINTERFACE_PROPERTY);

#define REGISTRY_CHANGES (CLUSTER_CHANGE_REGISTRY_NAME | CLUSTER_CHANGE_REGISTRY_ATTRIBUTES | \
                          CLUSTER_CHANGE_REGISTRY_VALUE)

struct registration
{
    struct registration *next;
    DWORD filter;
    DWORD_PTR key;
    void *handle;                       /* NULL: the whole cluster */
    char object[CS_PATH_MAX];           /* as events name it: GUID, node name, key path */
    char name[CS_PATH_MAX];             /* for HANDLE_CLOSE */
};

struct queued
{
    struct queued *next;
    DWORD filter;
    DWORD_PTR key;
    char name[1];
};

struct port
{
    struct port *next;
    unsigned int id;
    LONG refs;
    BOOL closed;
    cs_watch *watch;
    int wake[2];                        /* written on close: wakes every waiter */
    struct registration *regs;
    struct queued *head, **tail;
};

static CRITICAL_SECTION port_lock;
static CRITICAL_SECTION_DEBUG port_lock_debug =
{
    0, 0, &port_lock, { &port_lock_debug.ProcessLocksList, &port_lock_debug.ProcessLocksList },
    0, 0, { (DWORD_PTR)(__FILE__ ": port_lock") }
};
static CRITICAL_SECTION port_lock = { &port_lock_debug, -1, 0, 0, 0, 0 };
static struct port *ports;
static unsigned int next_port_id = 1;

/* Which changes a registration on an object of each kind can ask for. */
static const struct
{
    enum handle_type type;
    DWORD changes;
} object_kinds[] =
{
    { HANDLE_GROUP, CLUSTER_CHANGE_GROUP_STATE | CLUSTER_CHANGE_GROUP_DELETED | CLUSTER_CHANGE_GROUP_PROPERTY },
    { HANDLE_RESOURCE, CLUSTER_CHANGE_RESOURCE_STATE | CLUSTER_CHANGE_RESOURCE_DELETED |
                       CLUSTER_CHANGE_RESOURCE_PROPERTY },
    { HANDLE_NODE, CLUSTER_CHANGE_NODE_STATE | CLUSTER_CHANGE_NODE_DELETED | CLUSTER_CHANGE_NODE_PROPERTY },
    { HANDLE_NETWORK, CLUSTER_CHANGE_NETWORK_STATE | CLUSTER_CHANGE_NETWORK_DELETED |
                      CLUSTER_CHANGE_NETWORK_PROPERTY },
    { HANDLE_NETINTERFACE, CLUSTER_CHANGE_NETINTERFACE_STATE | CLUSTER_CHANGE_NETINTERFACE_DELETED |
                           CLUSTER_CHANGE_NETINTERFACE_PROPERTY },
    { HANDLE_KEY, REGISTRY_CHANGES | CLUSTER_CHANGE_REGISTRY_SUBTREE },
};

/* The port a handle names, with a reference; caller holds port_lock. */
static struct port *find_port(HCHANGE change)
{
    struct handle_data data;
    struct port *port;
    unsigned int id;

    if (!handle_get(change, HANDLE_NOTIFYPORT, &data)) return NULL;
    id = strtoul(data.id, NULL, 10);
    for (port = ports; port; port = port->next)
        if (port->id == id && !port->closed)
        {
            port->refs++;
            return port;
        }
    return NULL;
}

static void release_port(struct port *port)
{
    struct registration *reg;
    struct queued *q;

    if (--port->refs) return;
    while ((reg = port->regs)) { port->regs = reg->next; free(reg); }
    while ((q = port->head)) { port->head = q->next; free(q); }
    cs_watch_close(port->watch);
    close(port->wake[0]);
    if (port->wake[1] >= 0) close(port->wake[1]);
    free(port);
}

static BOOL enqueue(struct port *port, DWORD filter, DWORD_PTR key, const char *name)
{
    size_t len = strlen(name);
    struct queued *q = malloc(offsetof(struct queued, name[len + 1]));

    if (!q) return FALSE;
    q->next = NULL;
    q->filter = filter;
    q->key = key;
    memcpy(q->name, name, len + 1);
    *port->tail = q;
    port->tail = &q->next;
    return TRUE;
}

/* A registry change at path is under the registered key. */
static BOOL key_covers(const struct registration *reg, const char *path)
{
    size_t len = strlen(reg->object);

    if (!strcasecmp(reg->object, path)) return TRUE;
    if (!(reg->filter & CLUSTER_CHANGE_REGISTRY_SUBTREE)) return FALSE;
    return !len || (!strncasecmp(reg->object, path, len) && path[len] == '\\');
}

static BOOL matches(const struct registration *reg, const cs_event *ev)
{
    if (!(reg->filter & ev->change)) return FALSE;
    /* A registration for the whole cluster watches the registry from its root. */
    if (ev->change & REGISTRY_CHANGES) return key_covers(reg, ev->object);
    return !reg->handle || !strcmp(reg->object, ev->object);
}

static void port_event(void *ctx, const cs_event *ev)
{
    struct port *port = ctx;
    struct registration *reg;

    for (reg = port->regs; reg; reg = reg->next)
    {
        /* HANDLE_CLOSE names the object as it is now called. */
        if (reg->handle && !(ev->change & REGISTRY_CHANGES) && !strcmp(reg->object, ev->object))
            lstrcpynA(reg->name, ev->name, sizeof(reg->name));
        if (matches(reg, ev) && !enqueue(port, ev->change, reg->key, ev->name))
            ERR("out of memory: an event of port %u is lost\n", port->id);
    }
}

/* Queue what the store has for the port; caller holds port_lock. */
static DWORD port_fill(struct port *port)
{
    cs_store *store;
    DWORD err;

    if (!(store = session_enter(&err))) return err;
    if ((err = cs_watch_read(store, port->watch, port_event, port)))
        WARN("cannot read the cluster's events: %s (error %u)\n", cs_errmsg(store), err);
    session_leave();
    return err;
}

static struct port *port_new(DWORD *err)
{
    struct port *port = calloc(1, sizeof(*port));
    cs_store *store;

    if (!port)
    {
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    port->refs = 1;
    port->tail = &port->head;
    if (pipe2(port->wake, O_CLOEXEC | O_NONBLOCK))
    {
        free(port);
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    if ((store = session_enter(err)))
    {
        if ((*err = cs_watch_open(store, &port->watch)))
            ERR("cannot follow the cluster's events: %s (error %u)\n", cs_errmsg(store), *err);
        session_leave();
    }
    if (!*err) return port;
    close(port->wake[0]);
    close(port->wake[1]);
    free(port);
    return NULL;
}

static DWORD add_registration(HCHANGE change, DWORD filter, void *object, DWORD_PTR key, const char *id,
                              const char *name)
{
    struct registration *reg = calloc(1, sizeof(*reg));
    struct port *port;
    DWORD err;

    if (!reg) return ERROR_NOT_ENOUGH_MEMORY;
    reg->filter = filter;
    reg->key = key;
    reg->handle = object;
    lstrcpynA(reg->object, id, sizeof(reg->object));
    lstrcpynA(reg->name, name, sizeof(reg->name));
    EnterCriticalSection(&port_lock);
    if (!(port = find_port(change)))
    {
        LeaveCriticalSection(&port_lock);
        free(reg);
        return ERROR_INVALID_HANDLE;
    }
    /* Events committed before the registration are not its own: unread,
     * they would be handed to it later. */
    if ((err = port_fill(port)))
    {
        release_port(port);
        LeaveCriticalSection(&port_lock);
        free(reg);
        return err;
    }
    reg->next = port->regs;
    port->regs = reg;
    release_port(port);
    LeaveCriticalSection(&port_lock);
    return ERROR_SUCCESS;
}

HCHANGE WINAPI CreateClusterNotifyPort(HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter, DWORD_PTR dwNotifyKey)
{
    struct handle_data data = { 0 };
    struct port *port;
    HCHANGE ret;
    DWORD err;

    TRACE("(%p, %p, %#x, %#lx)\n", hChange, hCluster, dwFilter, dwNotifyKey);

    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (hChange != INVALID_HANDLE_VALUE)
    {
        if ((err = add_registration(hChange, dwFilter, NULL, dwNotifyKey, "", "")))
        {
            SetLastError(err);
            return NULL;
        }
        return hChange;
    }
    if (!(port = port_new(&err)))
    {
        SetLastError(err);
        return NULL;
    }
    EnterCriticalSection(&port_lock);
    port->id = next_port_id++;
    LeaveCriticalSection(&port_lock);
    sprintf(data.id, "%u", port->id);
    if (!(ret = handle_alloc(HANDLE_NOTIFYPORT, NULL, &data)))
    {
        release_port(port);
        return NULL;
    }
    EnterCriticalSection(&port_lock);
    port->next = ports;
    ports = port;
    LeaveCriticalSection(&port_lock);
    if ((err = add_registration(ret, dwFilter, NULL, dwNotifyKey, "", "")))
    {
        CloseClusterNotifyPort(ret);
        SetLastError(err);
        return NULL;
    }
    return ret;
}

/* What events call the object of a handle, its name, and the changes it
 * can be watched for. */
static DWORD object_of(HANDLE object, enum handle_type *type, char *id, char *name, DWORD *changes)
{
    struct handle_data data;
    cs_resource res;
    cs_network net;
    cs_netif netif;
    cs_group group;
    cs_node node;
    cs_store *store;
    unsigned int i;
    DWORD err;

    for (i = 0; i < ARRAY_SIZE(object_kinds); i++)
        if (handle_get(object, object_kinds[i].type, &data)) break;
    if (i == ARRAY_SIZE(object_kinds)) return ERROR_INVALID_HANDLE;
    *type = object_kinds[i].type;
    *changes = object_kinds[i].changes | CLUSTER_CHANGE_HANDLE_CLOSE;
    strcpy(id, data.id);
    strcpy(name, data.id);
    if (*type == HANDLE_KEY) return ERROR_SUCCESS;
    if (!(store = session_enter(&err))) return err;
    switch (*type)
    {
    case HANDLE_GROUP:
        if (!(err = cs_group_find(store, data.id, &group))) strcpy(name, group.name);
        break;
    case HANDLE_RESOURCE:
        if (!(err = cs_resource_find(store, data.id, &res))) strcpy(name, res.name);
        break;
    case HANDLE_NETWORK:
        if (!(err = cs_network_find(store, data.id, &net))) strcpy(name, net.name);
        break;
    case HANDLE_NETINTERFACE:
        if (!(err = cs_netif_find(store, data.id, &netif))) strcpy(name, netif.name);
        break;
    default:
        /* A node's events name it. */
        if (!(err = cs_node_get_by_id(store, strtoul(data.id, NULL, 10), &node)))
        {
            strcpy(id, node.name);
            strcpy(name, node.name);
        }
        break;
    }
    session_leave();
    return err;
}

DWORD WINAPI RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject, DWORD_PTR dwNotifyKey)
{
    char id[CS_PATH_MAX], name[CS_PATH_MAX];
    enum handle_type type;
    DWORD err, changes;

    TRACE("(%p, %#x, %p, %#lx)\n", hChange, dwFilterType, hObject, dwNotifyKey);

    if (!handle_get(hChange, HANDLE_NOTIFYPORT, NULL)) return ERROR_INVALID_HANDLE;
    if ((err = object_of(hObject, &type, id, name, &changes))) return err;
    /* Only the changes an object of its kind has. */
    if (!(dwFilterType & changes)) return ERROR_INVALID_PARAMETER;
    return add_registration(hChange, dwFilterType & changes, hObject, dwNotifyKey, id, name);
}

static BOOL port_watches(const struct port *port, void *handle)
{
    const struct registration *reg;

    for (reg = port->regs; reg; reg = reg->next)
        if (reg->handle == handle) return TRUE;
    return FALSE;
}

void notify_handle_closed(void *handle)
{
    struct registration **reg, *gone;
    struct port *port;

    EnterCriticalSection(&port_lock);
    for (port = ports; port; port = port->next)
    {
        if (!port_watches(port, handle)) continue;
        /* The events before the close come before it, and give the name. */
        port_fill(port);
        for (reg = &port->regs; *reg;)
        {
            if ((*reg)->handle != handle)
            {
                reg = &(*reg)->next;
                continue;
            }
            gone = *reg;
            *reg = gone->next;
            if ((gone->filter & CLUSTER_CHANGE_HANDLE_CLOSE) &&
                !enqueue(port, CLUSTER_CHANGE_HANDLE_CLOSE, gone->key, gone->name))
                ERR("out of memory: a HANDLE_CLOSE of port %u is lost\n", port->id);
            free(gone);
            if (write(port->wake[1], "", 1) < 0) WARN("cannot wake the waiters of port %u\n", port->id);
        }
    }
    LeaveCriticalSection(&port_lock);
}

static DWORD deliver(struct port *port, DWORD_PTR *key, DWORD *filter, WCHAR *name, DWORD *cch)
{
    struct queued *q = port->head;
    DWORD err;

    *key = q->key;
    *filter = q->filter;
    /* A buffer too small leaves the event first in the queue, for the call
     * made again with the size this one gave. */
    if ((err = copy_name_out(q->name, name, cch))) return err;
    if (!(port->head = q->next)) port->tail = &port->head;
    free(q);
    return ERROR_SUCCESS;
}

DWORD WINAPI GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
                              LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds)
{
    ULONGLONG deadline = GetTickCount64() + dwMilliseconds, now = 0;
    struct port *port;
    DWORD err;
    int wait;
    char junk;

    TRACE("(%p, %p, %p, %p, %p, %u)\n", hChange, lpdwNotifyKey, lpdwFilterType, lpszName, lpcchName,
          dwMilliseconds);

    EnterCriticalSection(&port_lock);
    if (!(port = find_port(hChange)))
    {
        LeaveCriticalSection(&port_lock);
        return ERROR_INVALID_HANDLE;
    }
    if (!lpdwNotifyKey || !lpdwFilterType || !lpcchName)
    {
        release_port(port);
        LeaveCriticalSection(&port_lock);
        return ERROR_INVALID_PARAMETER;
    }
    for (;;)
    {
        if (port->closed) err = ERROR_INVALID_HANDLE;
        else if (port->head) err = deliver(port, lpdwNotifyKey, lpdwFilterType, lpszName, lpcchName);
        else if ((err = port_fill(port))) ;
        else if (port->head) continue;
        else if (dwMilliseconds != INFINITE && (now = GetTickCount64()) >= deadline) err = WAIT_TIMEOUT;
        else
        {
            LeaveCriticalSection(&port_lock);
            wait = cs_watch_wait(port->watch,
                                 dwMilliseconds == INFINITE ? -1 : (int)min(deadline - now, INT_MAX),
                                 port->wake[0]);
            EnterCriticalSection(&port_lock);
            /* A byte in the pipe: a HANDLE_CLOSE was queued. */
            if (wait == 2) while (read(port->wake[0], &junk, 1) > 0) ;
            if (wait >= 0) continue;
            err = ERROR_GEN_FAILURE;
        }
        break;
    }
    release_port(port);
    LeaveCriticalSection(&port_lock);
    return err;
}

BOOL WINAPI CloseClusterNotifyPort(HCHANGE hChange)
{
    struct port *port, **p;

    TRACE("(%p)\n", hChange);

    EnterCriticalSection(&port_lock);
    if (!(port = find_port(hChange)))
    {
        LeaveCriticalSection(&port_lock);
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    for (p = &ports; *p != port; p = &(*p)->next) ;
    *p = port->next;
    port->closed = TRUE;
    /* Every waiter sees the pipe readable and leaves with INVALID_HANDLE. */
    close(port->wake[1]);
    port->wake[1] = -1;
    port->refs--;                       /* the list's reference */
    release_port(port);
    LeaveCriticalSection(&port_lock);
    handle_close(hChange, HANDLE_NOTIFYPORT);
    return TRUE;
}

/*
 * Internal interfaces of wineclusapi, the winelib half of our clusapi.dll.
 *
 * Data flows one way: an export validates its arguments and handles, takes
 * the process's store session, and hands plain UTF-8 values to the host-side
 * core (libs/clusstore), whose error codes are Windows codes already.
 */
#ifndef WINECLUSAPI_PRIVATE_H
#define WINECLUSAPI_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "windef.h"
#include "winbase.h"
#include "winnls.h"
#include "winerror.h"
#include "winreg.h"
#include "clusapi.h"
#include "wine/debug.h"

#include "clusstore.h"

/* Every key this DLL opens is in the 64-bit view of the registry, the one
 * Windows' (64-bit) cluster service uses, so that a 32-bit and a 64-bit program
 * of a prefix share its settings and checkpoints (a 32-bit one's own view of
 * HKLM\Software is Software\Wow6432Node).  A 32-bit Windows ignores the flag.
 * It goes on every open and create, even below a key opened with it, since
 * Wine redirects each relative open whose parent is a redirected key. */
#define REG_VIEW KEY_WOW64_64KEY

/* handle.c: every handle the API gives out is an index into a table, so a
 * stale, closed or made-up handle is refused without ever being dereferenced. */
enum handle_type
{
    HANDLE_CLUSTER = 1,
    HANDLE_NODE,
    HANDLE_GROUP,
    HANDLE_RESOURCE,
    HANDLE_CLUSENUM,
    HANDLE_NODEENUM,
    HANDLE_GROUPENUM,
    HANDLE_RESENUM,
    HANDLE_KEY,             /* a cluster registry key: id is its path below the root */
    HANDLE_RESTYPEENUM,
    HANDLE_NETWORK,         /* id is the network's GUID */
    HANDLE_NETINTERFACE,    /* id is the interface's GUID */
    HANDLE_NETWORKENUM,
    HANDLE_NOTIFYPORT,      /* id is the port's number (notify.c) */
};

/* What a handle refers to: objects by their stable id, never by pointer. */
struct handle_data
{
    char id[CS_PATH_MAX];          /* node id as text, group, resource, network or interface GUID */
    struct enum_list *list;        /* enumerations: the snapshot taken at open */
};

void *handle_alloc(enum handle_type type, void *parent, const struct handle_data *data);
BOOL handle_get(void *handle, enum handle_type type, struct handle_data *data);
BOOL handle_close(void *handle, enum handle_type type);
void *handle_parent(void *handle, enum handle_type type);

/* notify.c: a handle was closed: registrations on it end, with a
 * CLUSTER_CHANGE_HANDLE_CLOSE event where they asked for one. */
void notify_handle_closed(void *handle);

/* object.c: the common shape of node, group and resource calls. */
typedef DWORD (*object_lookup_fn)(cs_store *store, const char *name, char *id_out);
typedef DWORD (*object_list_fn)(cs_store *store, const char *id, DWORD mask, struct enum_list *list);
void *object_open(HCLUSTER cluster, const WCHAR *name, enum handle_type type, object_lookup_fn lookup);
BOOL object_close(void *handle, enum handle_type type);
/* A new cluster handle for the cluster an object handle was opened through:
 * the caller closes it, and closing it leaves the object handle alone. */
HCLUSTER object_cluster(void *handle, enum handle_type type);
/* Call fn in the store with the id of an object's handle; a handle not of
 * its type -> ERROR_INVALID_HANDLE. */
typedef DWORD (*object_call_fn)(cs_store *store, const char *id);
DWORD object_call(void *handle, enum handle_type type, object_call_fn fn);
/* Call fn in the store with the ids of two objects' handles (the first a
 * resource); a handle not of its type -> ERROR_INVALID_HANDLE. */
typedef DWORD (*object_pair_fn)(cs_store *store, const char *res_id, const char *other_id);
DWORD object_pair(HRESOURCE resource, void *other, enum handle_type other_type, object_pair_fn fn);
void *object_open_enum(void *object, enum handle_type object_type, enum handle_type enum_type,
                       DWORD mask, DWORD valid_mask, object_list_fn fill);
/* The snapshot fill makes for the object id (any mask: the caller checked it), as a handle of the cluster's. */
void *enum_open(HCLUSTER cluster, const char *id, enum handle_type enum_type, DWORD mask, object_list_fn fill);
DWORD object_enum(void *handle, enum handle_type type, DWORD index, DWORD *out_type, WCHAR *name, DWORD *cch);
DWORD object_enum_count(void *handle, enum handle_type type);
BOOL object_close_enum(void *handle, enum handle_type type);

/* enum.c: enumerations are snapshots of names taken when they are opened. */
struct enum_list;
struct enum_list *enum_list_new(void);
BOOL enum_list_add(struct enum_list *list, DWORD type, const char *utf8_name);
void enum_list_free(struct enum_list *list);
/* Add the names of an array of cs_* records and free the array. */
DWORD enum_list_take(struct enum_list *list, DWORD type, DWORD err, void *arr, size_t n, size_t stride,
                     size_t name_offset);
/* `call` fills arr and n; it runs before they are read. */
#define ENUM_TAKE(list, type, call, arr, n) \
    ({ DWORD err_ = (call); \
       enum_list_take(list, type, err_, arr, n, sizeof(*(arr)), offsetof(__typeof__(*(arr)), name)); })
DWORD enum_list_count(const struct enum_list *list);
DWORD enum_list_get(const struct enum_list *list, DWORD index, DWORD *type, WCHAR *name, DWORD *cch);

/* session.c: the store and this prefix's node, shared by the whole process
 * behind one lock because a cs_store is not to be used by two threads. */
cs_store *session_enter(DWORD *err);
void session_leave(void);
const char *session_node_name(void);

/* cluster.c: does `name` (UTF-8), given to OpenCluster, reach this cluster? */
BOOL cluster_name_matches(cs_store *store, const char *name);

/* strings.c */
char *utf8_from_wide(const WCHAR *str);      /* HeapFree the result */
WCHAR *wide_from_utf8(const char *str);      /* HeapFree the result */
DWORD copy_name_out(const char *utf8, WCHAR *buf, DWORD *cch);
DWORD wide_name_out(const WCHAR *name, WCHAR *buf, DWORD *cch);

/* clusreg.c: a key handle's path, and a handle for a path of the store
 * (checked to exist) whose cluster handle is cluster. */
BOOL clusreg_key_path(HKEY key, char *path);
HKEY clusreg_open(HCLUSTER cluster, const char *path, DWORD *err);
/* regcache.c: entry index of the key at path, from a listing kept while
 * the store is unchanged (the session held): a subkey's name, or a value
 * with its data copied into *data (HeapFree it); ERROR_NO_MORE_ITEMS past
 * the end. */
DWORD regcache_subkey(cs_store *store, const char *path, DWORD index, char name[CS_NAME_MAX]);
DWORD regcache_value(cs_store *store, const char *path, DWORD index, cs_regval *out, void **data);
/* clusregval.c: value data as the store keeps it (strings UTF-8) and as
 * the API gives it (strings UTF-16); HeapFree the result. */
DWORD clusreg_to_wire(DWORD type, const void *data, size_t size, BYTE **out, DWORD *out_size);
/* clusregsec.c: a caller's descriptor checked and copied (the parts named,
 * self-relative, LocalFree it); replace the parts of a key's security
 * descriptor named in parts with a copy's; the size of its whole descriptor. */
DWORD clusreg_sd_capture(PSECURITY_DESCRIPTOR sd, SECURITY_INFORMATION parts, PSECURITY_DESCRIPTOR *out);
DWORD clusreg_store_security(const char *path, SECURITY_INFORMATION parts, PSECURITY_DESCRIPTOR sd);
DWORD clusreg_security_size(HKEY key, DWORD *size);

/* version.c: Server 2008 and later dropped backup, restore and the service
 * account password. */
BOOL version_has_2003_api(void);

/* path.c: a Windows path as the calling node sees it, made a host path. */
DWORD path_to_host_dir(const WCHAR *path, char **host_path);

/* checkpoint.c: checkpoint contents between this node's registry and key
 * containers and the store. */
DWORD checkpoint_check_crypto(const char *spec);
DWORD checkpoint_capture(cs_store *store, const char *resource, int kind, const char *key);
DWORD checkpoint_capture_all(cs_store *store);
/* Store c's contents if they changed since this process last stored them (ckptwatch),
 * only while node owner owns its resource (0: any node). */
DWORD checkpoint_save(cs_store *store, const cs_checkpoint *c, uint32_t owner);
/* ckptwatch.c: registry checkpoints unchanged since this process captured them */
/* Looks at every watch's notification at once; ckptwatch_unchanged answers as of then. */
void ckptwatch_poll(void);
BOOL ckptwatch_unchanged(const cs_checkpoint *c);
void ckptwatch_arm(const cs_checkpoint *c);
void ckptwatch_captured(const cs_checkpoint *c, const unsigned char sha[32]);
void ckptwatch_forget(const cs_checkpoint *c);
/* Apply the checkpoints of this node's resources whose generation is newer
 * than the one applied (all of them with force); keys Windows or Wine owns
 * only with allow_protected (a forced RestoreClusterDatabase).  A failed
 * one is not recorded, so the next OpenCluster tries again.  -> first error. */
DWORD checkpoint_apply_all(cs_store *store, BOOL force, BOOL allow_protected);
/* The same for the n checkpoints of arr. */
DWORD checkpoint_apply(cs_store *store, const cs_checkpoint *arr, size_t n, BOOL force, BOOL allow_protected);

/* control.c: the ClusterXxxControl calls.  Each class has a table of the
 * codes it answers; control_dispatch checks the host node, finds the code
 * (a code of another class or with other access bits is not there:
 * ERROR_INVALID_FUNCTION), looks the object up in the store and calls the
 * code's function with its record, inside the store session.  Output is all
 * or nothing: a short buffer gets ERROR_MORE_DATA and, in *returned, the
 * size needed. */
struct control_io
{
    const void *in;
    DWORD in_size;
    void *out;
    DWORD out_size;
    DWORD *returned;
    DWORD code;                         /* set by control_dispatch, for functions serving several */
};
/* object: the class's record (cs_resource, cs_group, cs_node, cs_restype,
 * cs_cluster) as its find function filled it. */
typedef DWORD (*control_fn)(cs_store *store, const void *object, struct control_io *io);
struct control_entry
{
    DWORD code;
    control_fn fn;
};
struct control_class
{
    DWORD object;                       /* CLUS_OBJECT_* */
    const struct control_entry *codes;
    size_t count;
    DWORD (*find)(cs_store *store, const char *id, void *object);
};
DWORD control_dispatch(const struct control_class *cls, HNODE host, const char *id, DWORD code,
                       struct control_io *io);
/* The same for an object named by its handle (ERROR_INVALID_HANDLE if the
 * handle is not one of that type). */
DWORD control_object(void *handle, enum handle_type type, const struct control_class *cls, HNODE host,
                     DWORD code, struct control_io *io);
DWORD control_put(struct control_io *io, const void *data, DWORD size);
DWORD control_put_dword(struct control_io *io, DWORD value);
DWORD control_put_string(struct control_io *io, const char *utf8);
DWORD control_none(cs_store *store, const void *object, struct control_io *io);  /* no output */
DWORD control_zero(cs_store *store, const void *object, struct control_io *io);  /* a DWORD 0 */

/* valuelist.c: value lists (CLUSPROP_VALUE entries, end mark). */
struct value_list;
struct value_list *value_list_new(void);
void value_list_free(struct value_list *list);
void value_list_add(struct value_list *list, DWORD syntax, const void *data, DWORD size);
void value_list_add_string(struct value_list *list, DWORD syntax, const char *utf8);
DWORD value_list_put(struct value_list *list, struct control_io *io);  /* adds the end mark */

/* restype.c: what the cluster service knows of each standard resource type. */
struct restype_info
{
    const char *name;
    DWORD characteristics;              /* CLUS_CHAR_* */
    DWORD rclass, subclass;             /* CLUS_RESOURCE_CLASS_INFO */
    BOOL needs_storage;                 /* a required dependency on the storage class */
    const char *needs_types[3];         /* required dependencies by type name */
};
/* The entry of a type (all zero for types that are not standard). */
const struct restype_info *restype_info(const char *type);
DWORD restype_put_class_info(const struct restype_info *info, struct control_io *io);
DWORD restype_put_required_dependencies(const struct restype_info *info, struct control_io *io);

/* core.c: the cluster's core resources (its name, its address, the quorum). */
BOOL resource_is_core(cs_store *store, const cs_resource *res);
BOOL group_is_core(cs_store *store, const char *group_id);

#endif

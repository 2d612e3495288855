/*
 * Internal interfaces of wineresutils.  resutils reaches the cluster only
 * through clusapi's exports, as on Windows.
 */
#ifndef WINERESUTILS_PRIVATE_H
#define WINERESUTILS_PRIVATE_H

#include <stdarg.h>

#include "windef.h"
#include "winbase.h"
#include "winnls.h"
#include "winreg.h"
#include "winsvc.h"
#include "winerror.h"
#include "clusapi.h"
#include "resapi.h"
#include "wine/debug.h"

/* localcluster.c: the process's own handle to the local cluster, opened
 * once and never closed, because closing a cluster handle closes every
 * handle opened through it, and resource handles we return must live on.
 * NULL and the error in *err when the cluster cannot be opened. */
HCLUSTER local_cluster(DWORD *err);

/* resctl.c: a resource control code's whole output in a HeapAlloc'ed
 * buffer (HeapFree it); *size is its byte count. */
DWORD resource_control_alloc(HRESOURCE res, DWORD code, void **out, DWORD *size);
/* Its string output (GET_NAME, GET_RESOURCE_TYPE). */
DWORD resource_control_string(HRESOURCE res, DWORD code, WCHAR **out);

/* privprop.c: a string private property of a resource (LocalFree it),
 * read through CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES. */
DWORD resource_private_sz(HRESOURCE res, const WCHAR *name, WCHAR **value);

/* resdepend.c: the first resource hSelf depends on (recursing through the
 * dependencies' own dependencies when asked) that match() accepts; opened
 * through hCluster.  NULL and the last error set when there is none. */
typedef BOOL (*resource_match_fn)(HRESOURCE res, const void *ctx);
HRESOURCE find_dependency(HCLUSTER cluster, HRESOURCE self, BOOL recurse, resource_match_fn match,
                          const void *ctx);

#endif

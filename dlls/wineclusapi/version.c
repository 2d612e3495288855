/*
 * The version switch.  BackupClusterDatabase, RestoreClusterDatabase and
 * SetClusterServiceAccountPassword exist up to Windows Server 2003 (NT 5.x);
 * from Server 2008 (NT 6.0) on they do nothing and return
 * ERROR_CALL_NOT_IMPLEMENTED.  We follow the Windows
 * version Wine emulates for the calling program (global or per-program
 * winecfg setting, as RtlGetVersion reports it, which manifests cannot bend).
 * WINECLUS_BACKUP_API=2003 or =2008 forces either behaviour for CI and
 * scripts (docs/version-switch.md).
 */
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"
#include "winternl.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

BOOL version_has_2003_api(void)
{
    RTL_OSVERSIONINFOEXW info;
    const char *force = getenv("WINECLUS_BACKUP_API");

    if (force && !strcmp(force, "2003")) return TRUE;
    if (force && !strcmp(force, "2008")) return FALSE;
    if (force && *force) WARN("WINECLUS_BACKUP_API=%s is neither 2003 nor 2008; ignored\n", debugstr_a(force));
    memset(&info, 0, sizeof(info));
    info.dwOSVersionInfoSize = sizeof(info);
    if (RtlGetVersion(&info)) return TRUE;
    TRACE("emulated Windows version %u.%u\n", info.dwMajorVersion, info.dwMinorVersion);
    return info.dwMajorVersion < 6;
}

/*
 * The cluster registry: key security.  The store keeps one self-relative
 * descriptor per key that was given one; a key without gets the default
 * below.  A get returns the parts asked for; a set replaces the parts named.
 */
#include <string.h>

#include "clusapi_private.h"
#include "sddl.h"
#include "wine/exception.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

#define ALL_PARTS (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION | \
                   SACL_SECURITY_INFORMATION)

/* Administrators own the key; they and the system have full control, as
 * on the cluster service's own hive. */
static const WCHAR default_sddl[] = L"O:BAG:SYD:(A;;KA;;;BA)(A;;KA;;;SY)";

/* The key's descriptor (LocalFree it): the stored one or the default. */
static DWORD current_sd(const char *path, PSECURITY_DESCRIPTOR *sd)
{
    cs_store *store;
    size_t size = 0;
    void *stored = NULL;
    DWORD err;

    *sd = NULL;
    if (!(store = session_enter(&err))) return err;
    err = cs_reg_get_security(store, path, &stored, &size);
    session_leave();
    if (err) return err;
    if (stored && IsValidSecurityDescriptor(stored) && (*sd = LocalAlloc(0, size))) memcpy(*sd, stored, size);
    cs_free(stored);
    if (!*sd && !ConvertStringSecurityDescriptorToSecurityDescriptorW(default_sddl, SDDL_REVISION_1, sd, NULL))
        return GetLastError();
    return ERROR_SUCCESS;
}

/* A self-relative descriptor (LocalFree it) with the parts in `keep`, each
 * taken from `from` if named in `from_parts`, else from `base`. */
static DWORD compose(PSECURITY_DESCRIPTOR base, PSECURITY_DESCRIPTOR from, SECURITY_INFORMATION from_parts,
                     SECURITY_INFORMATION keep, PSECURITY_DESCRIPTOR volatile *out, DWORD *size)
{
    SECURITY_DESCRIPTOR abs;
    BOOL present, defaulted;
    PSID sid;
    PACL acl;

    InitializeSecurityDescriptor(&abs, SECURITY_DESCRIPTOR_REVISION);
    if ((keep & OWNER_SECURITY_INFORMATION) &&
        GetSecurityDescriptorOwner(from_parts & OWNER_SECURITY_INFORMATION ? from : base, &sid, &defaulted))
        SetSecurityDescriptorOwner(&abs, sid, defaulted);
    if ((keep & GROUP_SECURITY_INFORMATION) &&
        GetSecurityDescriptorGroup(from_parts & GROUP_SECURITY_INFORMATION ? from : base, &sid, &defaulted))
        SetSecurityDescriptorGroup(&abs, sid, defaulted);
    if ((keep & DACL_SECURITY_INFORMATION) &&
        GetSecurityDescriptorDacl(from_parts & DACL_SECURITY_INFORMATION ? from : base, &present, &acl, &defaulted))
        SetSecurityDescriptorDacl(&abs, present, acl, defaulted);
    if ((keep & SACL_SECURITY_INFORMATION) &&
        GetSecurityDescriptorSacl(from_parts & SACL_SECURITY_INFORMATION ? from : base, &present, &acl, &defaulted))
        SetSecurityDescriptorSacl(&abs, present, acl, defaulted);
    *size = 0;
    MakeSelfRelativeSD(&abs, NULL, size);
    if (!*size || !(*out = LocalAlloc(0, *size))) return ERROR_NOT_ENOUGH_MEMORY;
    if (!MakeSelfRelativeSD(&abs, *out, size))
    {
        LocalFree(*out);
        *out = NULL;
        return GetLastError();
    }
    return ERROR_SUCCESS;
}

DWORD clusreg_store_security(const char *path, SECURITY_INFORMATION parts, PSECURITY_DESCRIPTOR sd)
{
    PSECURITY_DESCRIPTOR base, merged;
    cs_store *store;
    DWORD err, size;

    if ((err = current_sd(path, &base))) return err;
    err = compose(base, sd, parts, ALL_PARTS, &merged, &size);
    LocalFree(base);
    if (err) return err;
    if ((store = session_enter(&err)))
    {
        err = cs_reg_set_security(store, path, merged, size);
        session_leave();
    }
    LocalFree(merged);
    return err;
}

DWORD clusreg_security_size(HKEY key, DWORD *size)
{
    PSECURITY_DESCRIPTOR sd;
    char path[CS_PATH_MAX];
    DWORD err;

    if (!clusreg_key_path(key, path)) return ERROR_INVALID_HANDLE;
    if ((err = current_sd(path, &sd))) return err;
    *size = GetSecurityDescriptorLength(sd);
    LocalFree(sd);
    return ERROR_SUCCESS;
}

LONG WINAPI ClusterRegGetKeySecurity(HKEY hKey, SECURITY_INFORMATION RequestedInformation,
                                     PSECURITY_DESCRIPTOR pSecurityDescriptor, LPDWORD lpcbSecurityDescriptor)
{
    PSECURITY_DESCRIPTOR sd, part;
    char path[CS_PATH_MAX];
    DWORD err, size;

    TRACE("(%p, %#x, %p, %p)\n", hKey, RequestedInformation, pSecurityDescriptor, lpcbSecurityDescriptor);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!lpcbSecurityDescriptor || !(RequestedInformation & ALL_PARTS)) return ERROR_INVALID_PARAMETER;
    if ((err = current_sd(path, &sd))) return err;
    err = compose(sd, NULL, 0, RequestedInformation, &part, &size);
    LocalFree(sd);
    if (err) return err;
    if (!pSecurityDescriptor || *lpcbSecurityDescriptor < size) err = ERROR_INSUFFICIENT_BUFFER;
    else memcpy(pSecurityDescriptor, part, size);
    *lpcbSecurityDescriptor = size;
    LocalFree(part);
    return err;
}

/* Are the parts named, as `sd` holds them, well formed? */
static BOOL parts_valid(PSECURITY_DESCRIPTOR sd, SECURITY_INFORMATION parts)
{
    BOOL present, defaulted;
    PSID sid;
    PACL acl;

    if ((parts & OWNER_SECURITY_INFORMATION) &&
        (!GetSecurityDescriptorOwner(sd, &sid, &defaulted) || (sid && !IsValidSid(sid))))
        return FALSE;
    if ((parts & GROUP_SECURITY_INFORMATION) &&
        (!GetSecurityDescriptorGroup(sd, &sid, &defaulted) || (sid && !IsValidSid(sid))))
        return FALSE;
    if ((parts & DACL_SECURITY_INFORMATION) &&
        (!GetSecurityDescriptorDacl(sd, &present, &acl, &defaulted) || (present && acl && !IsValidAcl(acl))))
        return FALSE;
    if ((parts & SACL_SECURITY_INFORMATION) &&
        (!GetSecurityDescriptorSacl(sd, &present, &acl, &defaulted) || (present && acl && !IsValidAcl(acl))))
        return FALSE;
    return TRUE;
}

/* A caller's descriptor in absolute form holds pointers that may point
 * anywhere, and Wine checks little more than its revision: everything read
 * from it is read here, once, under a page-fault guard, into a self-relative
 * copy (LocalFree it) of the parts named.  A fault fails the call. */
DWORD clusreg_sd_capture(PSECURITY_DESCRIPTOR sd, SECURITY_INFORMATION parts, PSECURITY_DESCRIPTOR *out)
{
    PSECURITY_DESCRIPTOR volatile copy = NULL;
    volatile DWORD err = ERROR_INVALID_PARAMETER;
    DWORD size;

    __TRY
    {
        if (IsValidSecurityDescriptor(sd) && parts_valid(sd, parts)) err = compose(sd, NULL, 0, parts, &copy, &size);
    }
    __EXCEPT_PAGE_FAULT
    {
        WARN("descriptor %p is not readable\n", sd);
        err = ERROR_INVALID_PARAMETER;
    }
    __ENDTRY
    if (err)
    {
        LocalFree(copy);
        copy = NULL;
    }
    *out = copy;
    return err;
}

LONG WINAPI ClusterRegSetKeySecurity(HKEY hKey, SECURITY_INFORMATION SecurityInformation,
                                     PSECURITY_DESCRIPTOR pSecurityDescriptor)
{
    PSECURITY_DESCRIPTOR sd;
    char path[CS_PATH_MAX];
    DWORD err;

    TRACE("(%p, %#x, %p)\n", hKey, SecurityInformation, pSecurityDescriptor);
    if (!clusreg_key_path(hKey, path)) return ERROR_INVALID_HANDLE;
    if (!(SecurityInformation & ALL_PARTS) || !pSecurityDescriptor) return ERROR_INVALID_PARAMETER;
    if ((err = clusreg_sd_capture(pSecurityDescriptor, SecurityInformation & ALL_PARTS, &sd))) return err;
    err = clusreg_store_security(path, SecurityInformation, sd);
    LocalFree(sd);
    return err;
}

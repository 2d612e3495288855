/* The PE half of the loading probe (docs/loading.md): a DLL marked builtin
 * (winebuild --builtin) that reaches its Unix library through Wine's
 * unix-call interface.  Debian ships no wine/unixlib.h, so the three symbols
 * of the static libwinecrt0.a are declared here from their documented shape. */
#include <windows.h>
#include <winternl.h>

typedef UINT64 unixlib_handle_t;
extern unixlib_handle_t __wine_unixlib_handle;
extern NTSTATUS (WINAPI *__wine_unix_call_dispatcher)(unixlib_handle_t, unsigned int, void *);
extern NTSTATUS WINAPI __wine_init_unix_call(void);

/* One params struct per call, the same layout on both sides. */
struct probe_params { DWORD pid; DWORD pointer_bits; char sysname[64]; };

static NTSTATUS init_status = (NTSTATUS)0xc0000001; /* STATUS_UNSUCCESSFUL */

__declspec(dllexport) NTSTATUS WINAPI probe_init_status(void) { return init_status; }

__declspec(dllexport) NTSTATUS WINAPI probe_call(DWORD *pid, DWORD *bits, char *sysname, DWORD size)
{
    struct probe_params p;
    NTSTATUS status;

    if (init_status) return init_status;
    ZeroMemory(&p, sizeof(p));
    if ((status = __wine_unix_call_dispatcher(__wine_unixlib_handle, 0, &p))) return status;
    *pid = p.pid;
    *bits = p.pointer_bits;
    lstrcpynA(sysname, p.sysname, size);
    return 0;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    (void)inst; (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) init_status = __wine_init_unix_call();
    return TRUE;
}

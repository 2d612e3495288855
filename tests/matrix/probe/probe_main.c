/* The program of the loading probe: loads probe.dll and asks its Unix half
 * who it is.  Prints one line and exits 0 only when the Unix library ran. */
#include <windows.h>
#include <stdio.h>

typedef LONG (WINAPI *init_fn)(void);
typedef LONG (WINAPI *call_fn)(DWORD *, DWORD *, char *, DWORD);

int main(void)
{
    HMODULE mod = LoadLibraryA("probe.dll");
    DWORD pid = 0, bits = 0;
    char sysname[64] = "";
    call_fn call;
    init_fn init;
    LONG status;

    if (!mod) { printf("probe: LoadLibrary failed, error %lu\n", GetLastError()); return 2; }
    init = (init_fn)(void *)GetProcAddress(mod, "probe_init_status");
    call = (call_fn)(void *)GetProcAddress(mod, "probe_call");
    if (!init || !call) { printf("probe: exports missing\n"); return 3; }
    if ((status = init())) { printf("probe: no unix library, __wine_init_unix_call 0x%08lx\n", status); return 4; }
    if ((status = call(&pid, &bits, sysname, sizeof(sysname)))) { printf("probe: unix call 0x%08lx\n", status); return 5; }
    printf("probe: unix library ran: %s, %lu-bit host code, pid %lu\n", sysname, bits, pid);
    return 0;
}

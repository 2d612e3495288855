/* The Unix half of the loading probe: host code in the Wine process, called
 * through __wine_unix_call with the PE half's params struct.  The table's
 * name is the one ntdll looks up with dlsym. */
#include <stdint.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

typedef int32_t NTSTATUS;
typedef NTSTATUS (*unixlib_entry_t)(void *args);
struct probe_params { uint32_t pid; uint32_t pointer_bits; char sysname[64]; };

static NTSTATUS probe_host(void *args)
{
    struct probe_params *p = args;
    struct utsname u;

    p->pid = (uint32_t)getpid();
    p->pointer_bits = (uint32_t)(8 * sizeof(void *));
    if (uname(&u)) return (NTSTATUS)0xc0000001;
    snprintf(p->sysname, sizeof(p->sysname), "%.63s", u.sysname);
    return 0;
}

const unixlib_entry_t __wine_unix_call_funcs[] = { probe_host };

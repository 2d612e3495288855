/*
 * Entry point of the PE forwarder DLLs clusapi.dll and resutils.dll.
 *
 * Wine prefers its own builtin clusapi and resutils over any winelib module of
 * the same name, so programs reach ours through a native PE of that name whose
 * every export forwards (a .def generated from the winelib module's .spec) to
 * the winelib modules wineclusapi.dll.so and wineresutils.dll.so.  The PE has
 * no C runtime, hence an entry point of its own that only says yes.
 */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}

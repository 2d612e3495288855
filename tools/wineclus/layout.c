/*
 * Where the Wine-side pieces are.  The same binary works from the build tree
 * (./wineclus next to build/) and installed (bin/ next to lib/wineclus/), and
 * after `make install DESTDIR=...` has been moved into place, so the places are
 * found relative to the executable first and the configured libdir last.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wineclus.h"

#ifndef WINECLUS_LIBDIR
#define WINECLUS_LIBDIR "/usr/local/lib/wineclus"
#endif
#ifndef WINECLUS_WINELOADER
#define WINECLUS_WINELOADER "wine64"
#endif
#ifndef WINECLUS_WINESERVER
#define WINECLUS_WINESERVER "wineserver"
#endif

static char unix_dir[PATH_MAX];
static char pe_dir[PATH_MAX];
static char prefix[PATH_MAX];

static int has_module(const char *root)
{
    char path[PATH_MAX + 64];

    snprintf(path, sizeof(path), "%s/x86_64-unix/wineclusapi.dll.so", root);
    if (access(path, R_OK)) return 0;
    snprintf(unix_dir, sizeof(unix_dir), "%s/x86_64-unix", root);
    snprintf(pe_dir, sizeof(pe_dir), "%s/x86_64-windows", root);
    return 1;
}

int layout_find(void)
{
    char exe[PATH_MAX], root[PATH_MAX + 32];
    ssize_t len;
    char *slash;

    if (unix_dir[0]) return 0;
    len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (len > 0)
    {
        exe[len] = 0;
        if ((slash = strrchr(exe, '/'))) *slash = 0;
        snprintf(root, sizeof(root), "%s/build", exe);
        if (has_module(root)) return 0;
        snprintf(root, sizeof(root), "%s/../lib/wineclus", exe);
        if (has_module(root)) return 0;
    }
    if (has_module(WINECLUS_LIBDIR)) return 0;
    fail("cannot find wineclusapi.dll.so next to this program nor in %s: "
         "run `make` in the build tree, or `make install`", WINECLUS_LIBDIR);
    return -1;
}

const char *layout_unix_dir(void) { return unix_dir; }
const char *layout_pe_dir(void) { return pe_dir; }

const char *layout_wineloader(void)
{
    const char *env = getenv("WINELOADER");
    return env && *env ? env : WINECLUS_WINELOADER;
}

const char *layout_wineserver(void)
{
    const char *env = getenv("WINESERVER");
    return env && *env ? env : WINECLUS_WINESERVER;
}

const char *layout_prefix(void)
{
    const char *env = getenv("WINEPREFIX"), *home = getenv("HOME");

    if (env && *env) return env;
    snprintf(prefix, sizeof(prefix), "%s/.wine", home && *home ? home : ".");
    return prefix;
}

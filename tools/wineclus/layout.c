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
#include <sys/stat.h>
#include <unistd.h>

#include "wineclus.h"

#ifndef WINECLUS_LIBDIR
#define WINECLUS_LIBDIR "/usr/local/lib/wineclus"
#endif
#ifndef WINECLUS_WINELOADER
#define WINECLUS_WINELOADER "wine64"
#endif
#ifndef WINECLUS_WINELOADER32
#define WINECLUS_WINELOADER32 "wine"
#endif
#ifndef WINECLUS_WINESERVER
#define WINECLUS_WINESERVER "wineserver"
#endif

const char *const layout_archs[] = { "x86_64", "i386", NULL };

static char root_dir[PATH_MAX + 32];
static char arch_dir[PATH_MAX + 64];
static char prefix[PATH_MAX];

static int has_arch(const char *root, const char *arch)
{
    char path[PATH_MAX + 64];

    snprintf(path, sizeof(path), "%s/%s-unix/wineclusapi.dll.so", root, arch);
    return !access(path, R_OK);
}

/* The 64-bit modules are always built; the 32-bit ones are optional. */
static int has_module(const char *root)
{
    if (!has_arch(root, "x86_64")) return 0;
    snprintf(root_dir, sizeof(root_dir), "%s", root);
    return 1;
}

int layout_find(void)
{
    char exe[PATH_MAX], root[PATH_MAX + 32];
    ssize_t len;
    char *slash;

    if (root_dir[0]) return 0;
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

const char *layout_dir(const char *arch, const char *kind)
{
    if (!has_arch(root_dir, arch)) return NULL;
    snprintf(arch_dir, sizeof(arch_dir), "%s/%s-%s", root_dir, arch, kind);
    return arch_dir;
}

/* A 64-bit prefix has syswow64 (also a 64-bit-only Wine makes it); a
 * WINEARCH=win32 one does not.  A prefix yet to be made is what WINEARCH says. */
int layout_prefix_is_win32(void)
{
    char path[PATH_MAX + 64];
    const char *arch = getenv("WINEARCH");
    struct stat st;

    snprintf(path, sizeof(path), "%s/drive_c/windows/system32", layout_prefix());
    if (stat(path, &st)) return arch && !strcmp(arch, "win32");
    snprintf(path, sizeof(path), "%s/drive_c/windows/syswow64", layout_prefix());
    return stat(path, &st) != 0;
}

/* wine64 refuses a 32-bit prefix, even for a 32-bit program; in a 64-bit
 * prefix it runs 32-bit programs too (seen with Wine 10.0). */
const char *layout_wineloader(void)
{
    const char *env = getenv("WINELOADER");

    if (env && *env) return env;
    return layout_prefix_is_win32() ? WINECLUS_WINELOADER32 : WINECLUS_WINELOADER;
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

/*
 * `wineclus setup`: make a Wine prefix a node of the cluster.
 *
 * The prefix gets the PE forwarders and fake modules of each bitness built
 * (64-bit in system32 and 32-bit in syswow64, or 32-bit in the system32 of a
 * WINEARCH=win32 prefix), the DLL overrides that make Wine take them over its
 * own clusapi and resutils, and
 * its node name and store folder under HKLM\Software\Wine\Cluster; the node
 * is added to the store if the cluster does not have it yet.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clusstore.h"
#include "wineclus.h"

static const char *const pe_files[] = { "clusapi.dll", "resutils.dll", "wineclusapi.dll", "wineresutils.dll" };
static const char *const system_dirs[] = { "system32", "syswow64" };

static void setup_usage(FILE *out)
{
    fprintf(out,
        "Usage: wineclus setup [--node NAME] [--winver VERSION] [--undo]\n"
        "Prepares the Wine prefix $WINEPREFIX (default ~/.wine), creating it if needed, so that its\n"
        "programs load this clusapi and resutils, and makes it a node of the cluster in the store\n"
        "($WINECLUS_STORE, default ${XDG_DATA_HOME:-~/.local/share}/wineclus).\n\n"
        "  --node NAME  the prefix's node name (default: kept, else the host's name, like the\n"
        "               default cluster's first node); a new name joins the cluster as a new node\n"
        "  --winver V   the Windows version the prefix emulates (winecfg /v V): win2003 for the\n"
        "               Server 2003 backup API; from win2008 on, Backup/RestoreClusterDatabase\n"
        "               return ERROR_CALL_NOT_IMPLEMENTED, as on Windows; Wine's default is win7\n"
        "  --undo       take the prefix back to Wine's own clusapi and resutils (the node stays in\n"
        "               the store: `wineclus node remove NAME` evicts it)\n"
        "The 64-bit DLLs go to system32, the 32-bit ones to syswow64 (to system32 in a WINEARCH=win32\n"
        "prefix), for each bitness this build has; --undo removes both.\n"
        "Then run programs with `wineclus run PROGRAM.exe`, or `eval \"$(wineclus env)\"` and wine64.\n");
}

/* Write src over dst through a temporary name, so an interrupted setup never
 * leaves a half-copied DLL that Wine would refuse or crash on. */
static int copy_file(const char *src, const char *dst)
{
    char tmp[2 * PATH_MAX], buf[65536];
    int in, out, ok = 1;
    ssize_t n;

    snprintf(tmp, sizeof(tmp), "%s.tmp%d", dst, (int)getpid());
    if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
    {
        fail("cannot read %s: %s", src, strerror(errno));
        return -1;
    }
    if ((out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
    {
        fail("cannot write %s: %s", tmp, strerror(errno));
        close(in);
        return -1;
    }
    while (ok && (n = read(in, buf, sizeof(buf))) > 0)
        if (write(out, buf, n) != n) ok = 0;
    if (n < 0) ok = 0;
    if (fsync(out) || close(out)) ok = 0;
    close(in);
    if (!ok || rename(tmp, dst))
    {
        fail("cannot install %s: %s", dst, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int run_wine(const char *program, const char *arg1, const char *arg2)
{
    const char *argv[] = { layout_wineloader(), program, arg1, arg2, NULL };
    int rc = wine_run_wait(argv, 1);

    if (rc)
        fail("`%s %s %s %s` failed (exit status %d) in prefix %s", argv[0], program, arg1 ? arg1 : "",
             arg2 ? arg2 : "", rc, layout_prefix());
    return rc;
}

/* Registry changes go through one regedit import, since every Wine start costs. */
static int import_registry(const char *node, const char *store_dir, int undo)
{
    char path[PATH_MAX], dos[PATH_MAX + 3];
    const char *p;
    size_t i = 0;
    FILE *f;
    int rc;

    snprintf(path, sizeof(path), "%s/drive_c/windows/temp/wineclus-setup.reg", layout_prefix());
    if (!(f = fopen(path, "w")))
    {
        fail("cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    fputs("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\Wine\\DllOverrides]\n", f);
    fprintf(f, "\"clusapi\"=%s\n\"resutils\"=%s\n\n", undo ? "-" : "\"native\"", undo ? "-" : "\"native\"");
    if (undo) fputs("[-HKEY_LOCAL_MACHINE\\Software\\Wine\\Cluster]\n", f);
    else
    {
        fputs("[HKEY_LOCAL_MACHINE\\Software\\Wine\\Cluster]\n\"NodeName\"=\"", f);
        for (p = node; *p; p++) fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
        fputs("\"\n\"Store\"=\"", f);
        for (p = store_dir; *p; p++) fprintf(f, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
        fputs("\"\n", f);
    }
    if (fclose(f))
    {
        fail("cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    /* Wine maps the host root as Z:. */
    dos[i++] = 'Z';
    dos[i++] = ':';
    for (p = path; *p && i < sizeof(dos) - 1; p++) dos[i++] = *p == '/' ? '\\' : *p;
    dos[i] = 0;
    rc = run_wine("regedit", "/S", dos);
    unlink(path);
    return rc;
}

/* Make sure the node is in the cluster: the store's first open creates the
 * default cluster with this node as its first node. */
static int join_store(const char *node, char *store_dir, size_t size)
{
    cs_store *store = NULL;
    cs_node info;
    uint32_t err;

    err = cs_open(NULL, NULL, node, &store);
    if (err)
    {
        fail("cannot open the cluster store: %s (error %u)", cs_errmsg(store), err);
        cs_close(store);
        return -1;
    }
    snprintf(store_dir, size, "%s", cs_dir(store));
    err = cs_node_find(store, node, &info);
    if (err == CS_ERROR_CLUSTER_NODE_NOT_FOUND)
    {
        if (!(err = cs_node_add(store, node, &info)))
            printf("Node %s joined the cluster as node %u.\n", info.name, info.id);
    }
    if (err) fail("cannot add node %s to the cluster: %s (error %u)", node, cs_errmsg(store), err);
    cs_close(store);
    return err ? -1 : 0;
}

/* Where each bitness's DLLs go: a 64-bit prefix keeps the 32-bit ones in
 * syswow64, a WINEARCH=win32 prefix has only 32-bit ones, in system32. */
static const char *system_dir(const char *arch)
{
    int is64 = !strcmp(arch, "x86_64");

    if (layout_prefix_is_win32()) return is64 ? NULL : "system32";
    return is64 ? "system32" : "syswow64";
}

/* The PE files of every bitness this build has and the prefix takes; says
 * which bitnesses it installed ("64-bit and 32-bit") into what. */
static int install_pe_files(char *what, size_t size)
{
    char src[PATH_MAX + 64], path[PATH_MAX + 64];
    const char *arch, *sys, *pe_dir, *name;
    size_t a, i;

    for (a = 0; (arch = layout_archs[a]); a++)
    {
        name = strcmp(arch, "x86_64") ? "32-bit" : "64-bit";
        if (!(sys = system_dir(arch))) continue;
        if (!(pe_dir = layout_dir(arch, "windows")))
        {
            printf("No %s clusapi in this build (./configure printed why): %s programs of this prefix\n"
                   "keep Wine's own clusapi and resutils.\n", name, name);
            continue;
        }
        for (i = 0; i < sizeof(pe_files) / sizeof(pe_files[0]); i++)
        {
            snprintf(src, sizeof(src), "%s/%s", pe_dir, pe_files[i]);
            snprintf(path, sizeof(path), "%s/drive_c/windows/%s/%s", layout_prefix(), sys, pe_files[i]);
            if (copy_file(src, path)) return -1;
        }
        snprintf(what + strlen(what), size - strlen(what), "%s%s", *what ? " and " : "", name);
    }
    return 0;
}

int cmd_setup(int argc, char **argv)
{
    static const struct option opts[] =
    {
        { "node", required_argument, NULL, 'n' },
        { "undo", no_argument, NULL, 'u' },
        { "winver", required_argument, NULL, 'w' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *winver = NULL;
    char node[CS_NAME_MAX] = "", store_dir[PATH_MAX] = "", path[PATH_MAX + 64], bitness[64] = "";
    struct stat st;
    int c, undo = 0;
    size_t d, i;

    while ((c = getopt_long(argc, argv, "n:uw:h", opts, NULL)) != -1)
    {
        switch (c)
        {
        case 'n':
            check_node_name("setup", "--node", optarg);
            snprintf(node, sizeof(node), "%s", optarg);
            break;
        case 'u': undo = 1; break;
        case 'w':
            if (!optarg[0] || strspn(optarg, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(optarg))
                die_usage("setup", "--winver wants a winecfg version name such as win2003 or win2008");
            winver = optarg;
            break;
        case 'h': setup_usage(stdout); return EXIT_OK;
        default: die_usage("setup", "unknown option");
        }
    }
    if (optind < argc) die_usage("setup", "unexpected argument '%s'", argv[optind]);
    if (undo && (node[0] || winver)) die_usage("setup", "--undo takes no --node or --winver");
    if (layout_find()) return EXIT_FAILED;
    wine_env_for_clusapi();

    if (!undo && layout_prefix_is_win32() && !layout_dir("i386", "windows"))
    {
        fail("%s is a WINEARCH=win32 prefix, for 32-bit programs only, and this build has no 32-bit "
             "clusapi (./configure printed why)", layout_prefix());
        return EXIT_FAILED;
    }
    snprintf(path, sizeof(path), "%s/system.reg", layout_prefix());
    if (stat(path, &st))
    {
        if (undo)
        {
            fail("%s is not a Wine prefix: nothing to undo", layout_prefix());
            return EXIT_FAILED;
        }
        printf("Creating the Wine prefix %s...\n", layout_prefix());
        if (run_wine("wineboot", "-i", NULL)) return EXIT_FAILED;
    }

    if (undo)
    {
        for (d = 0; d < sizeof(system_dirs) / sizeof(system_dirs[0]); d++)
            for (i = 0; i < sizeof(pe_files) / sizeof(pe_files[0]); i++)
            {
                snprintf(path, sizeof(path), "%s/drive_c/windows/%s/%s", layout_prefix(), system_dirs[d],
                         pe_files[i]);
                if (unlink(path) && errno != ENOENT) fail("cannot remove %s: %s", path, strerror(errno));
            }
        if (import_registry(NULL, NULL, 1)) return EXIT_FAILED;
        /* Our copies replaced Wine's own clusapi.dll and resutils.dll, without
         * which Wine finds neither (c0000135): wineboot -u puts them back. */
        if (run_wine("wineboot", "-u", NULL)) return EXIT_FAILED;
    }
    else
    {
        if (!node[0] && !prefix_setting(layout_prefix(), "NodeName", node, sizeof(node))) cs_default_node_name(node, sizeof(node));
        if (join_store(node, store_dir, sizeof(store_dir))) return EXIT_FAILED;
        if (install_pe_files(bitness, sizeof(bitness))) return EXIT_FAILED;
        if (import_registry(node, store_dir, 0)) return EXIT_FAILED;
        if (winver && run_wine("winecfg", "/v", winver)) return EXIT_FAILED;
    }
    {
        const char *argv_ws[] = { layout_wineserver(), "-w", NULL };
        wine_run_wait(argv_ws, 1);
    }
    if (undo) printf("Prefix %s uses Wine's own clusapi and resutils again.\n", layout_prefix());
    else printf("Prefix %s is set up for %s programs: node %s of the cluster in %s%s%s.\n"
                "Run programs with `wineclus run PROGRAM.exe`.\n",
                layout_prefix(), bitness, node, store_dir, winver ? ", emulating " : "", winver ? winver : "");
    return EXIT_OK;
}

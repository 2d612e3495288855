/*
 * Running Windows programs under Wine with this clusapi: the environment
 * Wine needs to find the winelib modules, and `wineclus run` / `wineclus env`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wineclus.h"

/* Wine finds winelib modules of names it does not ship only on WINEDLLPATH,
 * and the DLL override makes the PE forwarders win over Wine's builtins even
 * for programs run outside a prefix set up by `wineclus setup`.  WINEDLLPATH
 * names each architecture's unix folder: Wine tries DIR/NAME.so in each and
 * passes over a .so of the other architecture (with DIR the root, it would
 * first open the fake PE in DIR/ARCH-windows and warn that it is no builtin). */
void wine_env_for_clusapi(void)
{
    const char *old = getenv("WINEDLLPATH"), *ovr = getenv("WINEDLLOVERRIDES"), *dir;
    char *buf;
    size_t i, n, len = 0;

    n = (old ? strlen(old) : 0) + 1;
    for (i = 0; layout_archs[i]; i++)
        if ((dir = layout_dir(layout_archs[i], "unix"))) n += strlen(dir) + 1;
    buf = malloc(n);
    if (!buf) return;
    buf[0] = 0;
    for (i = 0; layout_archs[i]; i++)
        if ((dir = layout_dir(layout_archs[i], "unix")))
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ":" : "", dir);
    if (old && *old) snprintf(buf + len, n - len, ":%s", old);
    setenv("WINEDLLPATH", buf, 1);
    free(buf);

    n = (ovr ? strlen(ovr) : 0) + 32;
    buf = malloc(n);
    if (!buf) return;
    snprintf(buf, n, "clusapi,resutils=n%s%s", ovr && *ovr ? ";" : "", ovr && *ovr ? ovr : "");
    setenv("WINEDLLOVERRIDES", buf, 1);
    free(buf);

    /* Quiet by default, but our own FIXMEs and errors stay visible. */
    if (!getenv("WINEDEBUG")) setenv("WINEDEBUG", "-all,err+clusapi,fixme+clusapi", 1);
    setenv("WINEPREFIX", layout_prefix(), 1);
}

int wine_run_wait(const char *const *argv, int quiet)
{
    pid_t pid;
    int status;

    fflush(NULL);
    pid = fork();
    if (pid < 0)
    {
        fail("cannot start %s: %s", argv[0], strerror(errno));
        return -1;
    }
    if (!pid)
    {
        if (quiet && !freopen("/dev/null", "w", stdout)) _exit(127);
        if (quiet && !freopen("/dev/null", "w", stderr)) _exit(127);
        execvp(argv[0], (char *const *)argv);
        fprintf(stderr, "wineclus: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

static int prefix_is_set_up(void)
{
    char path[4096];

    snprintf(path, sizeof(path), "%s/drive_c/windows/system32/wineclusapi.dll", layout_prefix());
    return !access(path, R_OK);
}

int cmd_run(int argc, char **argv)
{
    char **args;
    int i;

    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
    {
        printf("Usage: wineclus run PROGRAM.exe [ARGS...]\n"
               "Runs a Windows program under Wine (prefix: $WINEPREFIX, default ~/.wine) with this\n"
               "clusapi and resutils, and exits with the program's exit code.\n"
               "The prefix must have been prepared with `wineclus setup`.\n"
               "WINEDEBUG defaults to showing only clusapi's errors and FIXMEs;\n"
               "WINEDEBUG=+clusapi traces every cluster API call.\n");
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (layout_find()) return EXIT_FAILED;
    if (!prefix_is_set_up())
    {
        fail("the Wine prefix %s is not set up for wineclus: run `WINEPREFIX=%s wineclus setup` first",
             layout_prefix(), layout_prefix());
        return EXIT_FAILED;
    }
    wine_env_for_clusapi();
    args = calloc(argc + 1, sizeof(*args));
    if (!args) return EXIT_FAILED;
    args[0] = (char *)layout_wineloader();
    for (i = 1; i < argc; i++) args[i] = argv[i];
    fflush(NULL);
    execvp(args[0], args);
    fail("cannot run the Wine loader %s: %s (apt-get install wine64, or set WINELOADER)",
         args[0], strerror(errno));
    return 127;
}

int cmd_env(int argc, char **argv)
{
    if (wants_help(argc, argv))
    {
        printf("Usage: eval \"$(wineclus env)\"\n"
               "Prints the exports that let plain `wine64 PROGRAM.exe` (`wine` in a WINEARCH=win32\n"
               "prefix) use this clusapi, for 64-bit and 32-bit programs, in a prefix prepared by\n"
               "`wineclus setup` (Wine finds our winelib modules only on WINEDLLPATH).\n");
        return EXIT_OK;
    }
    if (argc > 1) die_usage("env", "unexpected argument '%s'", argv[1]);
    if (layout_find()) return EXIT_FAILED;
    wine_env_for_clusapi();
    printf("export WINEPREFIX='%s'\nexport WINEDLLPATH='%s'\nexport WINEDLLOVERRIDES='%s'\n",
           getenv("WINEPREFIX"), getenv("WINEDLLPATH"), getenv("WINEDLLOVERRIDES"));
    return EXIT_OK;
}

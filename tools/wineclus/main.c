/*
 * wineclus: the host-side tool of the Wine cluster API.
 *
 * Every verb lives in a file of its own; this file only dispatches and holds
 * the error-reporting helpers so that every verb words its errors alike.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

static const struct command commands[] =
{
    { "setup",  "prepare a Wine prefix so that its programs load this clusapi", cmd_setup },
    { "run",    "run a Windows program under Wine with this clusapi",           cmd_run },
    { "env",    "print the shell exports that make plain `wine` use this clusapi", cmd_env },
    { "status", "the cluster at a glance: nodes, groups, resources, quorum, log", cmd_status },
    { "init",   "create the cluster store with chosen cluster and node names",   cmd_init },
    { "node",   "list, add or evict the nodes of the cluster",                   cmd_node },
    { "group",  "list, add, remove, or bring online or offline the groups",      cmd_group },
    { "resource", "list, add, remove, show, or bring online or offline the resources", cmd_resource },
    { "checkpoint", "list, add or remove the registry and crypto checkpoints",   cmd_checkpoint },
    { "quorum", "show or set the quorum resource, its path and log size",        cmd_quorum },
    { "registry", "show, export or set keys and values of the cluster registry", cmd_registry },
    { "log",    "print the quorum log",                                          cmd_log },
    { "events", "follow the cluster's changes as they are made, one per line",    cmd_events },
    { "backup", "back up the cluster database to a folder",                      cmd_backup },
    { "restore", "restore the cluster database from a backup folder",            cmd_restore },
    { "verify", "check a backup set and say what it holds, touching no store",   cmd_verify },
    { "store",  "copy a cluster between a store folder and a store on etcd",     cmd_store },
};

void die_usage(const char *verb, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "wineclus%s%s: ", verb ? " " : "", verb ? verb : "");
    va_start(ap, fmt);
    vtext_printf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry `wineclus %s%s--help'.\n", verb ? verb : "", verb ? " " : "");
    exit(EXIT_USAGE);
}

void fail(const char *fmt, ...)
{
    va_list ap;

    fputs("wineclus: ", stderr);
    va_start(ap, fmt);
    vtext_printf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int wants_help(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++)
    {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
    }
    return 0;
}

static void usage(FILE *out)
{
    size_t i;

    fputs("Usage: wineclus COMMAND [ARGS...]\n"
          "The Windows Server 2003 cluster API for Wine, seen from the Linux side.\n\n"
          "Commands:\n", out);
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n`wineclus COMMAND --help` tells more about each.\n"
          "Text output shows control characters, bidirectional marks and bytes that are not UTF-8\n"
          "as \\xNN, and a backslash before \\x or \\\\ as \\\\; --json writes them as \\uXXXX\n"
          "(a byte that is not UTF-8 as \\ufffd).\n"
          "Environment: WINEPREFIX (default ~/.wine), WINECLUS_STORE (the cluster store folder,\n"
          "default ${XDG_DATA_HOME:-~/.local/share}/wineclus).\n", out);
}

int main(int argc, char **argv)
{
    size_t i;

    if (argc < 2)
    {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
    {
        usage(stdout);
        return EXIT_OK;
    }
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    die_usage(NULL, "unknown command '%s'", argv[1]);
}

/*
 * `wineclus verify DIR`: a backup set checked as a restore checks it before
 * it changes anything, with no store opened (cs_backup_inspect), and what it
 * holds printed: which cluster, which point of its log, how many objects and
 * checkpoints, every file with its size and SHA-256.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backupset.h"
#include "wineclus.h"

static void verify_usage(void)
{
    say("Usage: wineclus verify DIR [--json]\n"
           "Checks the backup set in DIR (written by `wineclus backup` or BackupClusterDatabase) as a\n"
           "restore would before changing anything: the Clusbackup.dat marker, wineclus.sum, the set's\n"
           "names exactly the manifest's (no link, nothing planted in a resource's folder), every file's\n"
           "size and SHA-256, every registry checkpoint's contents.  A set without wineclus.sum (only the\n"
           "files Windows documents) is checked for form: names, snapshot, registry checkpoints; no file\n"
           "can then be compared with the backup's SHA-256.  Names are read in any case.  Other files beside the set are not\n"
           "its business.  Opens no cluster store and writes nothing.  Prints the cluster, the quorum log sequence, the objects\n"
           "and checkpoints the set holds and each file.  Exit status 0 when the set is whole.\n");
}

static const char *kind_name(const cs_set_file *f)
{
    if (f->kind == CS_CKPT_REGISTRY) return "registry checkpoint";
    if (f->kind == CS_CKPT_CRYPTO) return "crypto checkpoint";
    return strncmp(f->path, "chk", 3) ? "quorum log" : "database snapshot";
}

static void print_json(const char *dir, const cs_set_info *info)
{
    size_t i;

    json_open(NULL, '{');
    json_str("dir", dir);
    json_bool("whole", 1);
    json_bool("had_manifest", info->had_manifest);
    json_str("cluster_name", info->cluster_name);
    json_str("cluster_id", info->cluster_id);
    json_uint("log_seq", info->log_seq);
    json_uint("checkpoint_seq", info->checkpoint_seq);
    json_str("quorum_resource", info->quorum_resource);
    json_str("quorum_path", info->quorum_path);
    json_uint("dump_format", info->dump_format);
    json_open("objects", '{');
    json_uint("nodes", info->nodes);
    json_uint("groups", info->groups);
    json_uint("resources", info->resources);
    json_uint("resource_types", info->restypes);
    json_uint("dependencies", info->dependencies);
    json_uint("networks", info->networks);
    json_uint("network_interfaces", info->netifs);
    json_uint("log_records", info->log_records);
    json_close('}');
    json_uint("registry_checkpoints", info->registry_checkpoints);
    json_uint("crypto_checkpoints", info->crypto_checkpoints);
    json_uint("bytes", info->bytes);
    json_open("files", '[');
    for (i = 0; i < info->nfiles; i++)
    {
        const cs_set_file *f = &info->files[i];
        json_open(NULL, '{');
        json_str("path", f->path);
        json_uint("size", f->size);
        json_str("sha256", f->sha256);
        json_str("kind", kind_name(f));
        json_str("resource", f->kind ? f->resource : NULL);
        json_str("key", f->kind ? f->key : NULL);
        json_close('}');
    }
    json_close(']');
    json_close('}');
}

static void print_text(const char *dir, const cs_set_info *info)
{
    size_t i;

    if (info->had_manifest)
        say("The backup set in %s is whole: every file's size and SHA-256 match its manifest.\n", dir);
    else
        say("The backup set in %s has no " CS_BACKUP_MANIFEST ": its names, snapshot and registry checkpoints\n"
            "are as a set's must be, but no file could be checked against the backup's SHA-256 digests, so a\n"
            "change inside a well-formed file (a value in a checkpoint, a crypto checkpoint, the quorum log)\n"
            "would not show.  The digests below are of the files as they are now.\n", dir);
    say("  cluster      %s (%s)\n", info->cluster_name, info->cluster_id);
    say("  log          sequence %llu (checkpoint at %llu)\n", (unsigned long long)info->log_seq,
        (unsigned long long)info->checkpoint_seq);
    say("  quorum       %s at %s\n", info->quorum_resource, info->quorum_path);
    say("  objects      %zu nodes, %zu groups, %zu resources, %zu resource types, %zu dependencies,\n"
        "               %zu networks, %zu network interfaces, %zu log records (dump format %u)\n",
        info->nodes, info->groups, info->resources, info->restypes, info->dependencies, info->networks,
        info->netifs, info->log_records, info->dump_format);
    say("  checkpoints  %zu registry, %zu crypto\n", info->registry_checkpoints, info->crypto_checkpoints);
    say("  files        %zu, %llu bytes (the marker and wineclus.sum besides)\n", info->nfiles,
        (unsigned long long)info->bytes);
    for (i = 0; i < info->nfiles; i++)
    {
        const cs_set_file *f = &info->files[i];
        say("    %-48s %12llu  %s  %s%s%s\n", f->path, (unsigned long long)f->size, f->sha256, kind_name(f),
            f->kind ? " of " : "", f->kind ? f->key : "");
    }
}

static int verify_failed(cs_store *s, uint32_t err, const char *dir)
{
    const char *hint = set_folder_hint(err);

    if (err == CS_ERROR_DATABASE_BACKUP_CORRUPT)
        hint = "A file of the set is missing, extra, or changed since the backup (the detail names it): a\n"
               "restore would refuse this set.";
    return report_failure(err, cs_errmsg(s), hint, "the backup set in %s does not check out", dir);
}

int cmd_verify(int argc, char **argv)
{
    cs_set_info info;
    char **ops;
    cs_store *s;
    uint32_t err;
    int rc = EXIT_OK;

    if (wants_help(argc, argv))
    {
        verify_usage();
        return EXIT_OK;
    }
    parse_args("verify", argc, argv, NULL, 1, 1, "the backup folder DIR", &ops);
    if (!(s = cs_open_none())) return report_failure(CS_ERROR_NOT_ENOUGH_MEMORY, "", NULL, "out of memory");
    cs_set_lock_wait_notice(s, lock_wait_show, NULL);
    if ((err = cs_backup_inspect(s, ops[0], &info))) rc = verify_failed(s, err, ops[0]);
    else
    {
        if (json_output) print_json(ops[0], &info);
        else print_text(ops[0], &info);
        cs_set_info_free(&info);
    }
    cs_close(s);
    return rc;
}

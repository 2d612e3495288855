/*
 * `wineclus backup DIR`: BackupClusterDatabase on a host folder, through
 * the same cs_backup the clusapi DLL calls, so a set written here restores
 * through RestoreClusterDatabase and the other way round.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backupset.h"
#include "wineclus.h"

static void backup_usage(void)
{
    say("Usage: wineclus backup DIR [--json]\n"
           "Backs up the cluster database of the store ($WINECLUS_STORE) into the existing folder DIR, as\n"
           "BackupClusterDatabase does: chk????.tmp (the database), quolog.log (the quorum log), a folder per\n"
           "resource GUID with its registry (*.CPT) and crypto (*.CPR) checkpoints, wineclus.sum (the\n"
           "checksums) and Clusbackup.dat (the completion marker).  A set already in DIR is replaced only\n"
           "once the new one is complete.  Programs may go on using the cluster meanwhile.\n"
           "The set holds the cluster's secrets: keep DIR where only trusted users can read it.\n"
           "Put it back with `wineclus restore DIR`.\n");
}

static int backup_failed(cs_store *s, uint32_t err, const char *dir)
{
    const char *hint = NULL;

    if (err == CS_ERROR_DIRECTORY)
        hint = "DIR must name a folder, not a file: the set is several files.  Give a folder's path.";
    else if (err == CS_ERROR_PATH_NOT_FOUND)
        hint = "The folder must exist already: create it (mkdir -p DIR) and back up again.";
    else if (err == CS_ERROR_ACCESS_DENIED)
        hint = "Check that you may write into the folder (ls -ld DIR).";
    return report_failure(err, cs_errmsg(s), hint, "cannot back up the cluster to %s", dir);
}

static void print_summary(const char *dir, const cs_backup_report *rep, char **files, size_t nfiles)
{
    size_t i;

    if (json_output)
    {
        json_open(NULL, '{');
        json_str("dir", dir);
        json_uint("log_seq", rep->log_seq);
        json_uint("log_records", rep->log_records);
        json_str("snapshot", rep->chk_name);
        json_uint("registry_checkpoints", rep->registry_checkpoints);
        json_uint("crypto_checkpoints", rep->crypto_checkpoints);
        json_uint("file_count", rep->files);
        json_uint("bytes", rep->bytes);
        json_bool("marker_hidden", rep->marker_hidden);
        json_bool("repaired", rep->repaired);
        json_open("files", '[');
        for (i = 0; i < nfiles; i++) json_str(NULL, files[i]);
        json_close(']');
        json_close('}');
        return;
    }
    if (rep->repaired) say("An interrupted earlier backup in %s was completed first.\n", dir);
    say("Backed up the cluster to %s at quorum log sequence %llu: %zu files, %llu bytes\n", dir,
           (unsigned long long)rep->log_seq, rep->files, (unsigned long long)rep->bytes);
    for (i = 0; i < nfiles; i++) say("  %s\n", files[i]);
    say("with %llu quorum log records, %zu registry and %zu crypto checkpoints.\n",
           (unsigned long long)rep->log_records, rep->registry_checkpoints, rep->crypto_checkpoints);
    if (!rep->marker_hidden)
        say("Note: the file system of %s keeps no extended attributes, so %s is not marked hidden.\n", dir,
               CS_BACKUP_MARKER);
}

int cmd_backup(int argc, char **argv)
{
    struct progress prog = { 0, 0 };
    cs_backup_opts opts = { progress_show, &prog };
    cs_backup_report rep;
    size_t nfiles = 0;
    char **files, **ops;
    cs_store *s;
    uint32_t err;
    int rc = EXIT_OK;

    if (wants_help(argc, argv))
    {
        backup_usage();
        return EXIT_OK;
    }
    parse_args("backup", argc, argv, NULL, 1, 1, "the backup folder DIR", &ops);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    cs_set_lock_wait_notice(s, lock_wait_show, NULL);
    err = cs_backup(s, ops[0], &opts, &rep);
    progress_end(&prog);
    if (err) rc = backup_failed(s, err, ops[0]);
    else
    {
        files = backup_files(ops[0], &nfiles);
        print_summary(ops[0], &rep, files, nfiles);
        free_backup_files(files, nfiles);
    }
    cs_close(s);
    return rc;
}

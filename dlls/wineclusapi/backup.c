/*
 * BackupClusterDatabase and RestoreClusterDatabase: the version switch, the
 * path as this node sees it, this node's checkpoint contents, then the
 * host-side writer and reader (libs/clusstore/backupset/backup*.c,
 * restore*.c) that hold every rule of the backup set.
 */
#include "clusapi_private.h"
#include "backupset.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

DWORD WINAPI BackupClusterDatabase(HCLUSTER hCluster, LPCWSTR lpszPathName)
{
    cs_backup_report report;
    cs_store *store;
    char *dir;
    DWORD err;

    TRACE("(%p, %s)\n", hCluster, debugstr_w(lpszPathName));

    if (!version_has_2003_api()) return ERROR_CALL_NOT_IMPLEMENTED;
    if (!handle_get(hCluster, HANDLE_CLUSTER, NULL)) return ERROR_INVALID_HANDLE;
    if ((err = path_to_host_dir(lpszPathName, &dir))) return err;
    if ((store = session_enter(&err)))
    {
        /* The set must carry what this node's checkpointed keys hold now. */
        if (!(err = checkpoint_capture_all(store)))
            err = cs_backup(store, dir, NULL, &report);
        if (err) WARN("backup to %s failed: %s (error %u)\n", debugstr_a(dir), cs_errmsg(store), err);
        else TRACE("wrote %s: log sequence %llu, %zu files\n", report.chk_name,
                   (unsigned long long)report.log_seq, report.files);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, dir);
    return err;
}

/* The drive letter argument: UTF-8 for the reader, which checks its form. */
static DWORD drive_letter(const WCHAR *letter, char **utf8)
{
    *utf8 = NULL;
    if (!letter) return ERROR_SUCCESS;
    return (*utf8 = utf8_from_wide(letter)) ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

DWORD WINAPI RestoreClusterDatabase(LPCWSTR lpszPathName, BOOL bForce, LPCWSTR lpszQuorumDriveLetter)
{
    cs_restore_report report;
    cs_store *store;
    char *dir = NULL, *drive = NULL;
    DWORD err;

    TRACE("(%s, %d, %s)\n", debugstr_w(lpszPathName), bForce, debugstr_w(lpszQuorumDriveLetter));

    if (!version_has_2003_api()) return ERROR_CALL_NOT_IMPLEMENTED;
    if (!(err = drive_letter(lpszQuorumDriveLetter, &drive)) && !(err = path_to_host_dir(lpszPathName, &dir)) &&
        (store = session_enter(&err)))
    {
        if (!(err = cs_restore(store, dir, bForce ? CS_RESTORE_FORCE : 0, drive, &report)))
        {
            TRACE("restored log sequence %llu; stopped %zu other nodes' services\n",
                  (unsigned long long)report.log_seq, report.stopped_services);
            /* This node takes the restored checkpoints at once; others when they join.
             * The store is restored even if this fails: the caller hears of it, and the
             * next OpenCluster tries again (the set's streams were checked, so what
             * fails here is this node's registry or key containers). */
            err = checkpoint_apply_all(store, TRUE, bForce);
        }
        else WARN("restore from %s failed: %s (error %u)\n", debugstr_a(dir), cs_errmsg(store), err);
        session_leave();
    }
    HeapFree(GetProcessHeap(), 0, drive);
    HeapFree(GetProcessHeap(), 0, dir);
    return err;
}

/*
 * clusbackup: a legacy-style Windows Server 2003 cluster backup tool, the
 * way backup agents and admin scripts of the time did it: check the path
 * with ResUtilIsPathValid, open the cluster, BackupClusterDatabase, report.
 * Built with the stock mingw-w64 SDK, exactly like such a tool.
 *
 * Usage: clusbackup.exe PATH [CLUSTER]
 */
#include <windows.h>
#include <clusapi.h>
#include <stdio.h>

/* mingw-w64's resapi.h does not compile for _WIN32_WINNT 0x0502 (it uses
 * PCLUSPROP_FILETIME, which its clusapi.h declares only for 0x0600 and up), so
 * the one resutils call is declared here, as in the Server 2003 SDK. */
BOOL WINAPI ResUtilIsPathValid(LPCWSTR path);

static void print_error(const char *what, DWORD err)
{
    WCHAR msg[512];

    if (!FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, err, 0, msg,
                        ARRAYSIZE(msg), NULL))
        msg[0] = 0;
    printf("%s failed: error %lu %ls\n", what, err, msg);
}

/* List what the backup left in the folder, subfolders included. */
static void list_folder(const WCHAR *dir, const WCHAR *sub)
{
    WCHAR pattern[MAX_PATH * 2], child[MAX_PATH];
    WIN32_FIND_DATAW fd;
    HANDLE find;

    swprintf(pattern, ARRAYSIZE(pattern), L"%ls\\%ls%ls*", dir, sub, *sub ? L"\\" : L"");
    if ((find = FindFirstFileW(pattern, &fd)) == INVALID_HANDLE_VALUE) return;
    do
    {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L"..")) continue;
        swprintf(child, ARRAYSIZE(child), L"%ls%ls%ls", sub, *sub ? L"\\" : L"", fd.cFileName);
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        {
            printf("  %-60ls <DIR>\n", child);
            list_folder(dir, child);
        }
        else
            printf("  %-60ls %10lu bytes%s%s\n", child, fd.nFileSizeLow,
                   fd.dwFileAttributes & FILE_ATTRIBUTE_READONLY ? " read-only" : "",
                   fd.dwFileAttributes & FILE_ATTRIBUTE_HIDDEN ? " hidden" : "");
    } while (FindNextFileW(find, &fd));
    FindClose(find);
}

int wmain(int argc, WCHAR **argv)
{
    WCHAR name[256];
    DWORD len = ARRAYSIZE(name), err;
    HCLUSTER cluster;

    if (argc < 2)
    {
        printf("Usage: clusbackup PATH [CLUSTER]\n");
        return ERROR_INVALID_PARAMETER;
    }
    if (!ResUtilIsPathValid(argv[1]))
    {
        printf("%ls is not a valid path\n", argv[1]);
        return ERROR_INVALID_NAME;
    }
    if (!(cluster = OpenCluster(argc > 2 ? argv[2] : NULL)))
    {
        err = GetLastError();
        print_error("OpenCluster", err);
        return err;
    }
    if ((err = GetClusterInformation(cluster, name, &len, NULL)))
    {
        print_error("GetClusterInformation", err);
        CloseCluster(cluster);
        return err;
    }
    printf("Backing up the database of cluster %ls to %ls\n", name, argv[1]);
    err = BackupClusterDatabase(cluster, argv[1]);
    CloseCluster(cluster);
    if (err)
    {
        print_error("BackupClusterDatabase", err);
        return err;
    }
    printf("Backup complete:\n");
    list_folder(argv[1], L"");
    return 0;
}

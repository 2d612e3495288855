/*
 * Conformance tests for resutils.dll: ResUtilIsPathValid and
 * ResUtilExpandEnvironmentStrings.
 *
 * Microsoft documents little of ResUtilIsPathValid beyond "syntactically
 * valid, existence not checked".  Rows marked MAY_DIFFER are wineclus's own
 * choices (docs/resutils.md gives the reasons): Wine must give the listed
 * answer, Windows may give either, and a differing Windows answer is traced
 * so that a run on Server 2003 shows what it does.
 */

#include <stdarg.h>
#include <string.h>
#include <wchar.h>
#include <windef.h>
#include <winbase.h>
#include <winerror.h>
#include <winreg.h>
#include <winsvc.h>
#include <clusapi.h>

#include "wine/test.h"

/* Not from <resapi.h>: mingw-w64's resapi.h does not compile with
 * _WIN32_WINNT 0x0502 (it needs PCLUSPROP_FILETIME, which its clusapi.h only
 * declares for 0x0600 and up).  The functions are looked up at run time, so
 * that the test also runs, and skips, where resutils.dll is missing. */
static BOOL (WINAPI *pResUtilIsPathValid)(LPCWSTR);
/* resprops.c: the property-list and property-table helpers. */
extern void test_resutils_properties(HMODULE module);
/* respropreg.c: the helpers that read and write the cluster database. */
extern void test_resutils_registry(HMODULE module);
static LPWSTR (WINAPI *pResUtilExpandEnvironmentStrings)(LPCWSTR);

#define FIRM       0
#define MAY_DIFFER 1

struct path_row
{
    const WCHAR *path;
    BOOL expect;
    int windows;
};

static const struct path_row path_rows[] =
{
    /* Documented: syntax only, so a folder that does not exist is valid. */
    { L"C:\\wineclus-no-such-dir", TRUE, FIRM },
    { L"C:\\wineclus-no-such-dir\\sub", TRUE, FIRM },
    /* BackupClusterDatabase: "The path can include a trailing backslash". */
    { L"C:\\wineclus-no-such-dir\\", TRUE, FIRM },
    { L"C:\\", TRUE, FIRM },
    /* The example path of BackupClusterDatabase's documentation. */
    { L"\\\\ClusBack\\19991215", TRUE, FIRM },
    { L"\\\\ClusBack\\19991215\\", TRUE, FIRM },
    { L"\\\\server\\share\\dir", TRUE, FIRM },
    { L"\\\\node1\\C$\\backup", TRUE, FIRM },
    /* Reserved characters in every name ("Naming Files, Paths, and Namespaces"). */
    { L"C:\\dir\\a<b", FALSE, FIRM },
    { L"C:\\dir\\a>b", FALSE, FIRM },
    { L"C:\\dir\\a\"b", FALSE, FIRM },
    { L"C:\\dir\\a|b", FALSE, FIRM },
    { L"C:\\dir\\a?b", FALSE, FIRM },
    { L"C:\\dir\\a*b", FALSE, FIRM },
    { L"\\\\server\\sha*re", FALSE, FIRM },

    /* Everything below is wineclus's choice. */
    { L"", FALSE, MAY_DIFFER },
    { L"c:\\dir", TRUE, MAY_DIFFER },
    { L"c:/dir", TRUE, MAY_DIFFER },
    { L"C:\\dir/sub", TRUE, MAY_DIFFER },
    { L"//server/share/dir", TRUE, MAY_DIFFER },
    { L"C:\\dir\\\\sub", TRUE, MAY_DIFFER },
    { L"C:\\Donn\x00e9\x0065s\\\x96c6\x7fa4", TRUE, MAY_DIFFER },
    { L"C:\\.hidden\\dir.d\\x.y", TRUE, MAY_DIFFER },
    { L"C:\\ leading space", TRUE, MAY_DIFFER },
    { L"\\\\server.example.com\\share", TRUE, MAY_DIFFER },
    { L"\\\\192.168.1.10\\backup$\\dir", TRUE, MAY_DIFFER },
    /* Relative to a current directory or drive the cluster service does not share. */
    { L"dir", FALSE, MAY_DIFFER },
    { L"dir\\file", FALSE, MAY_DIFFER },
    { L".\\dir", FALSE, MAY_DIFFER },
    { L"..\\dir", FALSE, MAY_DIFFER },
    { L"\\dir", FALSE, MAY_DIFFER },
    { L"C:", FALSE, MAY_DIFFER },
    { L"C:dir", FALSE, MAY_DIFFER },
    { L"1:\\dir", FALSE, MAY_DIFFER },
    /* UNC paths need a server and a share. */
    { L"\\\\", FALSE, MAY_DIFFER },
    { L"\\\\server", FALSE, MAY_DIFFER },
    { L"\\\\server\\", FALSE, MAY_DIFFER },
    { L"\\\\\\server\\share", FALSE, MAY_DIFFER },
    { L"\\\\..\\share", FALSE, MAY_DIFFER },
    /* The \\?\ long form of drive and UNC paths; nothing is normalised there. */
    { L"\\\\?\\C:\\dir", TRUE, MAY_DIFFER },
    { L"\\\\?\\C:\\dir\\", TRUE, MAY_DIFFER },
    { L"\\\\?\\C:\\", TRUE, MAY_DIFFER },
    { L"\\\\?\\UNC\\server\\share\\dir", TRUE, MAY_DIFFER },
    { L"\\\\?\\unc\\server\\share", TRUE, MAY_DIFFER },
    { L"\\\\?\\", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:dir", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:/dir", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:\\a\\.\\b", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:\\a\\..\\b", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:\\a\\\\b", FALSE, MAY_DIFFER },
    { L"\\\\?\\UNC\\server", FALSE, MAY_DIFFER },
    { L"\\\\?\\Volume{00000000-0000-0000-0000-000000000000}\\dir", FALSE, MAY_DIFFER },
    { L"\\\\?\\GLOBALROOT\\Device\\HarddiskVolume1\\dir", FALSE, MAY_DIFFER },
    /* The device namespace holds devices, not folders. */
    { L"\\\\.\\C:\\dir", FALSE, MAY_DIFFER },
    { L"\\\\.\\PhysicalDrive0", FALSE, MAY_DIFFER },
    { L"\\\\.\\pipe\\name", FALSE, MAY_DIFFER },
    { L"//?/C:/dir", FALSE, MAY_DIFFER },
    /* Control characters are reserved too. */
    { L"C:\\dir\\a\x0001" L"b", FALSE, MAY_DIFFER },
    { L"C:\\dir\\a\tb", FALSE, MAY_DIFFER },
    { L"C:\\dir\\a\x001f" L"b", FALSE, MAY_DIFFER },
    /* A colon anywhere but after the drive letter (streams, typos). */
    { L"C:\\a:b", FALSE, MAY_DIFFER },
    { L"C:\\dir\\file:stream", FALSE, MAY_DIFFER },
    { L"C::\\dir", FALSE, MAY_DIFFER },
    { L"\\\\server\\share:x", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:\\a:b", FALSE, MAY_DIFFER },
    /* Reserved device names, as any name and with any extension. */
    { L"C:\\CON", FALSE, MAY_DIFFER },
    { L"C:\\con", FALSE, MAY_DIFFER },
    { L"C:\\NUL.txt", FALSE, MAY_DIFFER },
    { L"C:\\CON .log", FALSE, MAY_DIFFER },
    { L"C:\\PRN", FALSE, MAY_DIFFER },
    { L"C:\\AUX\\dir", FALSE, MAY_DIFFER },
    { L"C:\\COM1", FALSE, MAY_DIFFER },
    { L"C:\\lpt9.log", FALSE, MAY_DIFFER },
    { L"C:\\dir\\LPT1\\", FALSE, MAY_DIFFER },
    { L"\\\\server\\share\\NUL", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:\\NUL", FALSE, MAY_DIFFER },
    { L"C:\\CONSOLE", TRUE, MAY_DIFFER },
    { L"C:\\NULL", TRUE, MAY_DIFFER },
    { L"C:\\COM10", TRUE, MAY_DIFFER },
    { L"C:\\COM0", TRUE, MAY_DIFFER },
    { L"C:\\LPT0", TRUE, MAY_DIFFER },
    { L"C:\\xCON", TRUE, MAY_DIFFER },
    { L"C:\\CON_x", TRUE, MAY_DIFFER },
    /* Names ending in dots or spaces, which Win32 would silently shorten. */
    { L"C:\\dir.", FALSE, MAY_DIFFER },
    { L"C:\\dir ", FALSE, MAY_DIFFER },
    { L"C:\\dir.\\sub", FALSE, MAY_DIFFER },
    { L"C:\\dir \\sub", FALSE, MAY_DIFFER },
    { L"C:\\...", FALSE, MAY_DIFFER },
    { L"\\\\?\\C:\\dir.", FALSE, MAY_DIFFER },
    /* "." and ".." as long as they stay below the root. */
    { L"C:\\a\\..\\b", TRUE, MAY_DIFFER },
    { L"C:\\a\\.\\b", TRUE, MAY_DIFFER },
    { L"C:\\a\\..", TRUE, MAY_DIFFER },
    { L"\\\\server\\share\\a\\..", TRUE, MAY_DIFFER },
    { L"C:\\..", FALSE, MAY_DIFFER },
    { L"C:\\a\\..\\..\\b", FALSE, MAY_DIFFER },
    { L"\\\\server\\share\\..\\x", FALSE, MAY_DIFFER },
    { L"\\\\server\\..\\x", FALSE, MAY_DIFFER },
};

static void check_path(const WCHAR *path, BOOL expect, int windows)
{
    BOOL ret;

    SetLastError(0xdeadbeef);
    ret = pResUtilIsPathValid(path);
    if (windows == FIRM)
        ok(ret == expect, "got %d, expected %d\n", ret, expect);
    else
    {
        ok(ret == expect || broken(ret != expect), "got %d, expected %d\n", ret, expect);
        if (ret != expect && !winetest_platform_is_wine) trace("Windows answers %d\n", ret);
    }
    /* Undocumented: wineclus leaves the last error alone either way. */
    ok(GetLastError() == 0xdeadbeef || broken(TRUE), "got error %lu\n", GetLastError());
}

static WCHAR *make_path(const WCHAR *root, unsigned int len, unsigned int name_len)
{
    WCHAR *path = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR));
    unsigned int i = lstrlenW(root), n = 0;

    memcpy(path, root, i * sizeof(WCHAR));
    for (; i < len; i++)
    {
        /* The last name may run one over name_len: a path that ended in a
         * separator would test something else. */
        if (n == name_len && i < len - 1) { path[i] = '\\'; n = 0; }
        else { path[i] = 'a' + n % 26; n++; }
    }
    path[len] = 0;
    return path;
}

static void test_ResUtilIsPathValid(void)
{
    static const struct
    {
        const WCHAR *root;
        unsigned int len, name_len;
        BOOL expect;
    }
    long_rows[] =
    {
        /* Plain paths fit MAX_PATH with their terminating null. */
        { L"C:\\", MAX_PATH - 1, 100, TRUE },
        { L"C:\\", MAX_PATH, 100, FALSE },
        { L"\\\\server\\share\\", MAX_PATH - 1, 100, TRUE },
        { L"\\\\server\\share\\", MAX_PATH, 100, FALSE },
        /* Names are at most 255 characters. */
        { L"C:\\", 3 + 255, 255, TRUE },
        { L"C:\\", 3 + 256, 256, FALSE },
        /* \\?\ paths go up to the 32767 characters of an NT path. */
        { L"\\\\?\\C:\\", MAX_PATH, 100, TRUE },
        { L"\\\\?\\C:\\", 32767, 200, TRUE },
        { L"\\\\?\\C:\\", 32768, 200, FALSE },
        { L"\\\\?\\UNC\\server\\share\\", 32767, 200, TRUE },
        { L"\\\\?\\C:\\", 100000, 200, FALSE },
        { L"\\\\?\\C:\\", 1000, 256, FALSE },
    };
    unsigned int i;

    if (!pResUtilIsPathValid)
    {
        win_skip("ResUtilIsPathValid not available\n");
        return;
    }

    for (i = 0; i < ARRAY_SIZE(path_rows); i++)
    {
        winetest_push_context("%u %s", i, wine_dbgstr_w(path_rows[i].path));
        check_path(path_rows[i].path, path_rows[i].expect, path_rows[i].windows);
        winetest_pop_context();
    }

    for (i = 0; i < ARRAY_SIZE(long_rows); i++)
    {
        WCHAR *path = make_path(long_rows[i].root, long_rows[i].len, long_rows[i].name_len);

        winetest_push_context("long %u: %s, %u characters, names of %u", i, wine_dbgstr_w(long_rows[i].root),
                              long_rows[i].len, long_rows[i].name_len);
        ok(lstrlenW(path) == (int)long_rows[i].len, "built %d characters\n", lstrlenW(path));
        check_path(path, long_rows[i].expect, MAY_DIFFER);
        winetest_pop_context();
        HeapFree(GetProcessHeap(), 0, path);
    }

    /* What Windows does with NULL is not documented, and it may well fault. */
    if (winetest_platform_is_wine)
    {
        SetLastError(0xdeadbeef);
        ok(!pResUtilIsPathValid(NULL), "NULL is valid\n");
        ok(GetLastError() == 0xdeadbeef, "got error %lu\n", GetLastError());
    }
}

static void check_expand(const WCHAR *src, const WCHAR *expect)
{
    WCHAR *ret;

    SetLastError(0xdeadbeef);
    ret = pResUtilExpandEnvironmentStrings(src);
    ok(ret != NULL, "got NULL, error %lu\n", GetLastError());
    if (!ret) return;
    ok(ret != src, "returned the source string\n");
    ok(!lstrcmpW(ret, expect), "got %s, expected %s\n", wine_dbgstr_w(ret), wine_dbgstr_w(expect));
    /* Documented: LocalAlloc'd, for the caller to LocalFree. */
    ok(LocalSize(ret) >= (lstrlenW(ret) + 1) * sizeof(WCHAR), "block of %Iu bytes for %d characters\n",
       LocalSize(ret), lstrlenW(ret));
    ok(LocalFree(ret) == NULL, "LocalFree failed, error %lu\n", GetLastError());
}

static void test_ResUtilExpandEnvironmentStrings(void)
{
    static const struct
    {
        const WCHAR *src, *expect;
    }
    rows[] =
    {
        { L"", L"" },
        { L"C:\\no variables here", L"C:\\no variables here" },
        { L"%WINECLUS_A%", L"alpha" },
        { L"C:\\%WINECLUS_A%\\dir", L"C:\\alpha\\dir" },
        /* Variable names are case-insensitive. */
        { L"%winecLus_a%", L"alpha" },
        { L"%WINECLUS_A%%WINECLUS_A%", L"alphaalpha" },
        { L"%WINECLUS_A%-%WINECLUS_C%", L"alpha-gamma" },
        /* Unknown variables and lone percent signs stay as they are. */
        { L"%WINECLUS_UNDEFINED%", L"%WINECLUS_UNDEFINED%" },
        { L"C:\\%WINECLUS_UNDEFINED%\\%WINECLUS_A%", L"C:\\%WINECLUS_UNDEFINED%\\alpha" },
        { L"100%", L"100%" },
        { L"%WINECLUS_A", L"%WINECLUS_A" },
        /* One pass only: a value that looks like a reference is not expanded again. */
        { L"%WINECLUS_B%", L"%WINECLUS_A%" },
    };
    WCHAR *value, *expect, *ret;
    WCHAR root[MAX_PATH];
    unsigned int i, len;

    if (!pResUtilExpandEnvironmentStrings)
    {
        win_skip("ResUtilExpandEnvironmentStrings not available\n");
        return;
    }

    SetEnvironmentVariableW(L"WINECLUS_A", L"alpha");
    SetEnvironmentVariableW(L"WINECLUS_B", L"%WINECLUS_A%");
    SetEnvironmentVariableW(L"WINECLUS_C", L"gamma");
    SetEnvironmentVariableW(L"WINECLUS_UNDEFINED", NULL);

    for (i = 0; i < ARRAY_SIZE(rows); i++)
    {
        winetest_push_context("%u %s", i, wine_dbgstr_w(rows[i].src));
        check_expand(rows[i].src, rows[i].expect);
        winetest_pop_context();
    }

    len = GetEnvironmentVariableW(L"SystemRoot", root, ARRAY_SIZE(root));
    if (len && len < ARRAY_SIZE(root))
    {
        lstrcatW(root, L"\\Cluster");
        check_expand(L"%SystemRoot%\\Cluster", root);
    }
    else skip("SystemRoot not set\n");

    /* An expansion far longer than its source: the result is sized for it. */
    len = 14000;
    value = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR));
    expect = HeapAlloc(GetProcessHeap(), 0, (2 * len + 2) * sizeof(WCHAR));
    for (i = 0; i < len; i++) value[i] = 'a' + i % 26;
    value[len] = 0;
    SetEnvironmentVariableW(L"WINECLUS_LONG", value);
    lstrcpyW(expect, value);
    lstrcatW(expect, L"\\");
    lstrcatW(expect, value);
    winetest_push_context("long");
    check_expand(L"%WINECLUS_LONG%\\%WINECLUS_LONG%", expect);
    winetest_pop_context();

    /* ExpandEnvironmentStrings is documented to stop at 32K characters; what
     * resutils then does is not.  wineclus fails rather than cut it short. */
    winetest_push_context("too long");
    SetLastError(0xdeadbeef);
    ret = pResUtilExpandEnvironmentStrings(L"%WINECLUS_LONG%\\%WINECLUS_LONG%\\%WINECLUS_LONG%");
    ok(!ret || broken(ret != NULL), "got %d characters\n", lstrlenW(ret));
    if (!ret)
        ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER || broken(TRUE), "got error %lu\n", GetLastError());
    else
    {
        trace("Windows returns %d characters\n", lstrlenW(ret));
        LocalFree(ret);
    }
    winetest_pop_context();

    /* Two results are two separate blocks. */
    ret = pResUtilExpandEnvironmentStrings(L"%WINECLUS_A%");
    if (ret)
    {
        WCHAR *ret2 = pResUtilExpandEnvironmentStrings(L"%WINECLUS_A%");

        ok(ret2 && ret2 != ret, "got %p and %p\n", ret, ret2);
        LocalFree(ret2);
        LocalFree(ret);
    }

    HeapFree(GetProcessHeap(), 0, expect);
    HeapFree(GetProcessHeap(), 0, value);

    /* Not documented, and Windows may fault on NULL. */
    if (winetest_platform_is_wine)
    {
        SetLastError(0xdeadbeef);
        ret = pResUtilExpandEnvironmentStrings(NULL);
        ok(!ret, "got %p\n", ret);
        ok(GetLastError() == ERROR_INVALID_PARAMETER, "got error %lu\n", GetLastError());
    }

    SetEnvironmentVariableW(L"WINECLUS_A", NULL);
    SetEnvironmentVariableW(L"WINECLUS_B", NULL);
    SetEnvironmentVariableW(L"WINECLUS_C", NULL);
    SetEnvironmentVariableW(L"WINECLUS_LONG", NULL);
}

/* ---- Worker threads ---- */

struct worker
{
    HANDLE hThread;
    BOOL Terminate;
};

static DWORD (WINAPI *pClusWorkerCreate)(struct worker *, DWORD (WINAPI *)(struct worker *, void *), void *);
static BOOL (WINAPI *pClusWorkerCheckTerminate)(struct worker *);
static void (WINAPI *pClusWorkerTerminate)(struct worker *);

static LONG worker_loops;

static DWORD WINAPI worker_loop(struct worker *worker, void *param)
{
    HANDLE started = param;

    SetEvent(started);
    while (!pClusWorkerCheckTerminate(worker))
    {
        InterlockedIncrement(&worker_loops);
        Sleep(1);
    }
    return 0;
}

static DWORD WINAPI worker_once(struct worker *worker, void *param)
{
    *(struct worker **)param = worker;
    return 42;
}

/* A worker may stop itself: Terminate must not wait for its own end. */
static DWORD WINAPI worker_self_stop(struct worker *worker, void *param)
{
    WaitForSingleObject(param, 5000);
    pClusWorkerTerminate(worker);
    return worker->Terminate && !worker->hThread ? 7 : 8;
}

static void test_workers(void)
{
    struct worker worker, *seen = NULL;
    HANDLE started;
    DWORD err, code;

    if (!pClusWorkerCreate || !pClusWorkerCheckTerminate || !pClusWorkerTerminate)
    {
        win_skip("no ClusWorker functions\n");
        return;
    }
    memset(&worker, 0xcc, sizeof(worker));
    err = pClusWorkerCreate(&worker, worker_once, &seen);
    ok(!err, "got %lu\n", err);
    ok(worker.hThread != NULL && !worker.Terminate, "got %p, %d\n", worker.hThread, worker.Terminate);
    ok(!WaitForSingleObject(worker.hThread, 5000), "worker did not end\n");
    ok(GetExitCodeThread(worker.hThread, &code) && code == 42, "exit code %lu\n", code);
    ok(seen == &worker, "routine got %p, not %p\n", seen, &worker);
    pClusWorkerTerminate(&worker);
    ok(!worker.hThread, "handle %p left\n", worker.hThread);
    /* Terminating it again finds nothing to stop. */
    pClusWorkerTerminate(&worker);

    /* A looping worker ends when asked to, and Terminate waits for it. */
    started = CreateEventW(NULL, TRUE, FALSE, NULL);
    err = pClusWorkerCreate(&worker, worker_loop, started);
    ok(!err, "got %lu\n", err);
    ok(!WaitForSingleObject(started, 5000), "worker did not start\n");
    ok(!pClusWorkerCheckTerminate(&worker), "asked to stop already\n");
    pClusWorkerTerminate(&worker);
    ok(worker.Terminate && !worker.hThread, "got %d, %p\n", worker.Terminate, worker.hThread);
    {
        LONG loops = worker_loops;

        Sleep(20);
        ok(loops == worker_loops, "worker still runs\n");
    }
    CloseHandle(started);

    started = CreateEventW(NULL, TRUE, FALSE, NULL);
    err = pClusWorkerCreate(&worker, worker_self_stop, started);
    ok(!err, "got %lu\n", err);
    if (!err)
    {
        /* Its handle goes with it: wait on a copy taken before it may end. */
        HANDLE copy = NULL;

        ok(DuplicateHandle(GetCurrentProcess(), worker.hThread, GetCurrentProcess(), &copy, 0, FALSE,
                           DUPLICATE_SAME_ACCESS), "DuplicateHandle failed: %lu\n", GetLastError());
        SetEvent(started);
        ok(!WaitForSingleObject(copy, 5000), "a worker stopping itself hangs\n");
        ok(GetExitCodeThread(copy, &code) && code == 7, "exit code %lu\n", code);
        CloseHandle(copy);
    }
    CloseHandle(started);

    if (winetest_platform_is_wine)
    {
        err = pClusWorkerCreate(NULL, worker_once, &seen);
        ok(err == ERROR_INVALID_PARAMETER, "no worker: got %lu\n", err);
        err = pClusWorkerCreate(&worker, NULL, NULL);
        ok(err == ERROR_INVALID_PARAMETER, "no routine: got %lu\n", err);
    }
}

/* ---- Strings and folders ---- */

static WCHAR *(WINAPI *pResUtilDupString)(const WCHAR *);
static DWORD (WINAPI *pResUtilCreateDirectoryTree)(const WCHAR *);

static void test_ResUtilDupString(void)
{
    WCHAR *copy;

    if (!pResUtilDupString)
    {
        win_skip("no ResUtilDupString\n");
        return;
    }
    copy = pResUtilDupString(L"wineclus \x00e9t\x00e9");
    ok(copy && !wcscmp(copy, L"wineclus \x00e9t\x00e9"), "got %s\n", wine_dbgstr_w(copy));
    /* Documented: the caller frees it with LocalFree. */
    ok(!LocalFree(copy), "LocalFree failed\n");
    copy = pResUtilDupString(L"");
    ok(copy && !*copy, "empty: got %s\n", wine_dbgstr_w(copy));
    LocalFree(copy);
    if (winetest_platform_is_wine)
    {
        SetLastError(0xdeadbeef);
        copy = pResUtilDupString(NULL);
        ok(!copy && GetLastError() == ERROR_INVALID_PARAMETER, "NULL: got %p, %lu\n", copy, GetLastError());
    }
}

static void join(WCHAR *out, const WCHAR *a, const WCHAR *b)
{
    wcscpy(out, a);
    wcscat(out, b);
}

static void test_ResUtilCreateDirectoryTree(void)
{
    WCHAR base[MAX_PATH], path[MAX_PATH], file[MAX_PATH];
    DWORD err, attrs;
    HANDLE h;

    if (!pResUtilCreateDirectoryTree)
    {
        win_skip("no ResUtilCreateDirectoryTree\n");
        return;
    }
    GetTempPathW(ARRAY_SIZE(base), base);
    wcscat(base, L"wineclus-tree");
    join(path, base, L"\\a\\b/c\\");
    err = pResUtilCreateDirectoryTree(path);
    ok(!err, "got %lu\n", err);
    join(path, base, L"\\a\\b\\c");
    attrs = GetFileAttributesW(path);
    ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY), "not created: %#lx\n", attrs);
    /* Already there: the tree is as wanted. */
    err = pResUtilCreateDirectoryTree(path);
    ok(!err || err == ERROR_ALREADY_EXISTS, "again: got %lu\n", err);

    /* A file in the way. */
    join(file, base, L"\\a\\file");
    h = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(h);
    join(path, file, L"\\sub");
    err = pResUtilCreateDirectoryTree(path);
    ok(err, "through a file: succeeded\n");
    DeleteFileW(file);

    if (winetest_platform_is_wine)
    {
        err = pResUtilCreateDirectoryTree(NULL);
        ok(err == ERROR_INVALID_PARAMETER, "NULL: got %lu\n", err);
    }
    join(path, base, L"\\a\\b\\c");
    RemoveDirectoryW(path);
    join(path, base, L"\\a\\b");
    RemoveDirectoryW(path);
    join(path, base, L"\\a");
    RemoveDirectoryW(path);
    RemoveDirectoryW(base);
}

/* ---- Resources: enumeration, comparisons, dependencies ---- */

typedef struct { DWORD rc, SubClass; } class_info;
typedef DWORD (*enum_callback)(HRESOURCE, HRESOURCE, void *);
typedef DWORD (*enum_callback_ex)(HCLUSTER, HRESOURCE, HRESOURCE, void *);

static DWORD (WINAPI *pResUtilEnumResources)(HRESOURCE, const WCHAR *, enum_callback, void *);
static DWORD (WINAPI *pResUtilEnumResourcesEx)(HCLUSTER, HRESOURCE, const WCHAR *, enum_callback_ex, void *);
static BOOL (WINAPI *pResUtilResourcesEqual)(HRESOURCE, HRESOURCE);
static BOOL (WINAPI *pResUtilResourceTypesEqual)(const WCHAR *, HRESOURCE);
static BOOL (WINAPI *pResUtilIsResourceClassEqual)(class_info *, HRESOURCE);
static DWORD (WINAPI *pResUtilGetResourceName)(HRESOURCE, WCHAR *, DWORD *);
static HRESOURCE (WINAPI *pResUtilGetResourceDependency)(HANDLE, const WCHAR *);
static HRESOURCE (WINAPI *pResUtilGetResourceDependencyByName)(HCLUSTER, HANDLE, const WCHAR *, BOOL);
static HRESOURCE (WINAPI *pResUtilGetResourceDependencyByClass)(HCLUSTER, HANDLE, class_info *, BOOL);
static HRESOURCE (WINAPI *pResUtilGetResourceNameDependency)(const WCHAR *, const WCHAR *);
static DWORD (WINAPI *pResUtilGetCoreClusterResources)(HCLUSTER, HRESOURCE *, HRESOURCE *, HRESOURCE *);
static DWORD (WINAPI *pResUtilFindDependentDiskResourceDriveLetter)(HCLUSTER, HRESOURCE, WCHAR *, DWORD *);

struct enum_state
{
    HRESOURCE self;
    int calls, stop_after;
    BOOL self_seen, wrong_type;
    const WCHAR *type;
};

static DWORD check_enum(HRESOURCE self, HRESOURCE res, void *param)
{
    struct enum_state *state = param;

    ok(self == state->self, "self %p, not %p\n", self, state->self);
    if (self && pResUtilResourcesEqual(self, res)) state->self_seen = TRUE;
    if (state->type && !pResUtilResourceTypesEqual(state->type, res)) state->wrong_type = TRUE;
    if (++state->calls == state->stop_after) return ERROR_CANCELLED;
    return ERROR_SUCCESS;
}

static DWORD check_enum_ex(HCLUSTER cluster, HRESOURCE self, HRESOURCE res, void *param)
{
    ok(cluster != NULL, "no cluster\n");
    return check_enum(self, res, param);
}

static void test_enum_compare(HCLUSTER cluster, HRESOURCE name_res, HRESOURCE ip_res)
{
    struct enum_state state;
    WCHAR name[256];
    class_info info;
    DWORD err, len;
    int all;

    memset(&state, 0, sizeof(state));
    err = pResUtilEnumResources(NULL, NULL, check_enum, &state);
    ok(!err, "got %lu\n", err);
    ok(state.calls >= 3, "%d resources\n", state.calls);
    all = state.calls;

    /* hSelf is left out. */
    memset(&state, 0, sizeof(state));
    state.self = name_res;
    err = pResUtilEnumResourcesEx(cluster, name_res, NULL, check_enum_ex, &state);
    ok(!err && state.calls == all - 1 && !state.self_seen, "self: got %lu, %d of %d, seen %d\n", err,
       state.calls, all, state.self_seen);

    /* Only the type asked for. */
    memset(&state, 0, sizeof(state));
    state.type = L"IP Address";
    err = pResUtilEnumResources(NULL, L"IP Address", check_enum, &state);
    ok(!err && state.calls >= 1 && state.calls < all && !state.wrong_type, "type: got %lu, %d, %d\n", err,
       state.calls, state.wrong_type);
    memset(&state, 0, sizeof(state));
    err = pResUtilEnumResources(NULL, L"wineclus no such type", check_enum, &state);
    ok(!err && !state.calls, "no such type: got %lu, %d\n", err, state.calls);

    /* A callback's error stops the enumeration and is returned. */
    memset(&state, 0, sizeof(state));
    state.stop_after = 2;
    err = pResUtilEnumResourcesEx(cluster, NULL, NULL, check_enum_ex, &state);
    ok(err == ERROR_CANCELLED && state.calls == 2, "stopped: got %lu after %d\n", err, state.calls);

    if (winetest_platform_is_wine)
    {
        err = pResUtilEnumResourcesEx(NULL, NULL, NULL, check_enum_ex, &state);
        ok(err == ERROR_INVALID_HANDLE, "no cluster: got %lu\n", err);
        err = pResUtilEnumResources(NULL, NULL, NULL, NULL);
        ok(err == ERROR_INVALID_PARAMETER, "no callback: got %lu\n", err);
    }

    ok(pResUtilResourcesEqual(name_res, name_res), "a resource differs from itself\n");
    ok(!pResUtilResourcesEqual(name_res, ip_res), "two resources are equal\n");
    ok(pResUtilResourceTypesEqual(L"Network Name", name_res), "not a Network Name\n");
    ok(pResUtilResourceTypesEqual(L"network name", name_res), "type names compare with case\n");
    ok(!pResUtilResourceTypesEqual(L"IP Address", name_res), "a Network Name is an IP Address\n");

    info.rc = CLUS_RESCLASS_UNKNOWN;
    info.SubClass = 0;
    ok(pResUtilIsResourceClassEqual(&info, name_res), "a Network Name's class is not unknown\n");
    info.rc = CLUS_RESCLASS_STORAGE;
    ok(!pResUtilIsResourceClassEqual(&info, name_res), "a Network Name is storage\n");

    len = ARRAY_SIZE(name);
    err = pResUtilGetResourceName(ip_res, name, &len);
    ok(!err && len == wcslen(name) + 1, "got %lu, %s, %lu\n", err, wine_dbgstr_w(name), len);
    len = 2;
    err = pResUtilGetResourceName(ip_res, name, &len);
    ok(err == ERROR_MORE_DATA && len > 2, "short: got %lu, %lu\n", err, len);
    if (winetest_platform_is_wine)
    {
        len = ARRAY_SIZE(name);
        err = pResUtilGetResourceName(NULL, name, &len);
        ok(err == ERROR_INVALID_HANDLE, "no resource: got %lu\n", err);
        SetLastError(0xdeadbeef);
        ok(!pResUtilResourcesEqual(NULL, ip_res) && GetLastError() == ERROR_INVALID_HANDLE,
           "no resource: got %lu\n", GetLastError());
    }
}

static void test_dependencies(HCLUSTER cluster, HRESOURCE name_res, HRESOURCE ip_res)
{
    WCHAR name[256], letter[8];
    HRESOURCE dep;
    class_info info;
    DWORD err, len;

    dep = pResUtilGetResourceDependency(name_res, L"IP Address");
    ok(dep && pResUtilResourcesEqual(dep, ip_res), "got %p\n", dep);
    if (dep) CloseClusterResource(dep);
    dep = pResUtilGetResourceDependencyByName(cluster, name_res, L"ip address", FALSE);
    ok(dep && pResUtilResourcesEqual(dep, ip_res), "by name: got %p\n", dep);
    if (dep) CloseClusterResource(dep);
    dep = pResUtilGetResourceDependencyByName(cluster, name_res, L"IP Address", TRUE);
    ok(dep && pResUtilResourcesEqual(dep, ip_res), "recursing: got %p\n", dep);
    if (dep) CloseClusterResource(dep);

    SetLastError(0xdeadbeef);
    dep = pResUtilGetResourceDependency(name_res, L"Physical Disk");
    ok(!dep && GetLastError() != ERROR_SUCCESS, "no disk: got %p, %lu\n", dep, GetLastError());
    /* What an IP Address depends on: nothing. */
    dep = pResUtilGetResourceDependencyByName(cluster, ip_res, L"Network Name", TRUE);
    ok(!dep, "the address depends on the name\n");

    info.rc = CLUS_RESCLASS_UNKNOWN;
    info.SubClass = 0;
    dep = pResUtilGetResourceDependencyByClass(cluster, name_res, &info, FALSE);
    ok(dep && pResUtilResourcesEqual(dep, ip_res), "by class: got %p\n", dep);
    if (dep) CloseClusterResource(dep);
    info.rc = CLUS_RESCLASS_STORAGE;
    dep = pResUtilGetResourceDependencyByClass(cluster, name_res, &info, TRUE);
    ok(!dep, "storage by class: got %p\n", dep);

    len = ARRAY_SIZE(name);
    pResUtilGetResourceName(name_res, name, &len);
    dep = pResUtilGetResourceNameDependency(name, L"IP Address");
    ok(dep && pResUtilResourcesEqual(dep, ip_res), "by resource name: got %p\n", dep);
    if (dep) CloseClusterResource(dep);
    SetLastError(0xdeadbeef);
    dep = pResUtilGetResourceNameDependency(L"wineclus no such resource", L"IP Address");
    ok(!dep && GetLastError() == ERROR_RESOURCE_NOT_FOUND, "unknown resource: got %p, %lu\n", dep,
       GetLastError());

    /* Documented: no Physical Disk among the dependencies. */
    len = ARRAY_SIZE(letter);
    err = pResUtilFindDependentDiskResourceDriveLetter(cluster, name_res, letter, &len);
    ok(err == ERROR_NO_MORE_ITEMS, "no disk: got %lu\n", err);
}

static void *(WINAPI *pResUtilGetEnvironmentWithNetName)(HRESOURCE);
static DWORD (WINAPI *pResUtilFreeEnvironment)(void *);
static DWORD (WINAPI *pResUtilGetResourceDependentIPAddressProps)(HRESOURCE, WCHAR *, DWORD *, WCHAR *, DWORD *,
                                                                  WCHAR *, DWORD *);

/* Both read private properties of the resources depended on. */
static void test_netname_ipaddress(HRESOURCE name_res, HRESOURCE ip_res)
{
    WCHAR address[64], mask[64], network[256];
    DWORD err, cch_address, cch_mask, cch_network;
    void *env;

    if (!pResUtilGetEnvironmentWithNetName || !pResUtilGetResourceDependentIPAddressProps)
    {
        win_skip("no ResUtilGetEnvironmentWithNetName\n");
        return;
    }
    /* Documented: NULL when no Network Name is depended on. */
    SetLastError(0xdeadbeef);
    env = pResUtilGetEnvironmentWithNetName(ip_res);
    ok(!env && GetLastError() != ERROR_SUCCESS, "got %p, %lu\n", env, GetLastError());
    if (env) pResUtilFreeEnvironment(env);

    cch_address = ARRAY_SIZE(address);
    cch_mask = ARRAY_SIZE(mask);
    cch_network = ARRAY_SIZE(network);
    err = pResUtilGetResourceDependentIPAddressProps(name_res, address, &cch_address, mask, &cch_mask, network,
                                                     &cch_network);
    ok(!err, "got %lu\n", err);
    if (!err)
        ok(cch_address == wcslen(address) + 1 && cch_mask == wcslen(mask) + 1 && *address && *mask &&
           cch_network == wcslen(network) + 1 && *network, "got %s (%lu), %s (%lu), %s (%lu)\n",
           wine_dbgstr_w(address), cch_address, wine_dbgstr_w(mask), cch_mask, wine_dbgstr_w(network), cch_network);
    cch_address = 0;
    err = pResUtilGetResourceDependentIPAddressProps(name_res, address, &cch_address, mask, &cch_mask, network,
                                                     &cch_network);
    ok(err == ERROR_MORE_DATA && cch_address > 1, "short: got %lu, %lu\n", err, cch_address);
    /* The address itself depends on no address. */
    cch_address = ARRAY_SIZE(address);
    err = pResUtilGetResourceDependentIPAddressProps(ip_res, address, &cch_address, mask, &cch_mask, network,
                                                     &cch_network);
    ok(err != ERROR_SUCCESS, "no address: succeeded\n");
    if (winetest_platform_is_wine)
    {
        err = pResUtilFreeEnvironment(NULL);
        ok(err == ERROR_INVALID_PARAMETER, "free NULL: got %lu\n", err);
    }
}

static void test_resources(void)
{
    HRESOURCE name_res = NULL, ip_res = NULL, quorum = NULL;
    HCLUSTER cluster;
    DWORD err;

    if (!pResUtilGetCoreClusterResources || !pResUtilEnumResources)
    {
        win_skip("no resource functions in resutils\n");
        return;
    }
    if (!(cluster = OpenCluster(NULL)))
    {
        skip("no cluster here (OpenCluster: %lu)\n", GetLastError());
        return;
    }
    err = pResUtilGetCoreClusterResources(cluster, &name_res, &ip_res, &quorum);
    ok(!err && name_res && ip_res && quorum, "got %lu, %p, %p, %p\n", err, name_res, ip_res, quorum);
    if (!err)
    {
        test_enum_compare(cluster, name_res, ip_res);
        test_dependencies(cluster, name_res, ip_res);
        test_netname_ipaddress(name_res, ip_res);
        CloseClusterResource(name_res);
        CloseClusterResource(ip_res);
        CloseClusterResource(quorum);
    }
    /* Each output is optional. */
    err = pResUtilGetCoreClusterResources(cluster, NULL, &ip_res, NULL);
    ok(!err && ip_res, "address only: got %lu, %p\n", err, ip_res);
    if (!err) CloseClusterResource(ip_res);
    CloseCluster(cluster);
}

/* ---- Services ---- */

static DWORD (WINAPI *pResUtilStartResourceService)(const WCHAR *, SC_HANDLE *);
static DWORD (WINAPI *pResUtilStopResourceService)(const WCHAR *);
static DWORD (WINAPI *pResUtilVerifyResourceService)(const WCHAR *);
static DWORD (WINAPI *pResUtilVerifyService)(SC_HANDLE);
static DWORD (WINAPI *pResUtilStopService)(SC_HANDLE);
static DWORD (WINAPI *pResUtilTerminateServiceProcessFromResDll)(DWORD, BOOL, DWORD *, void *, HANDLE);
static DWORD (WINAPI *pResUtilSetResourceServiceStartParameters)(const WCHAR *, SC_HANDLE, SC_HANDLE *, void *,
                                                                 HANDLE);

/* The print spooler: a service both Wine and Server 2003 have, that may be
 * stopped and started again. */
static void test_services(void)
{
    SC_HANDLE service = NULL;
    BOOL was_running;
    DWORD err;

    if (!pResUtilStartResourceService || !pResUtilVerifyResourceService)
    {
        win_skip("no service functions in resutils\n");
        return;
    }
    err = pResUtilVerifyResourceService(L"wineclus no such service");
    ok(err == ERROR_SERVICE_DOES_NOT_EXIST, "unknown service: got %lu\n", err);
    err = pResUtilStartResourceService(L"wineclus no such service", &service);
    ok(err == ERROR_SERVICE_DOES_NOT_EXIST && !service, "start unknown: got %lu, %p\n", err, service);
    err = pResUtilStopResourceService(L"wineclus no such service");
    ok(err == ERROR_SERVICE_DOES_NOT_EXIST, "stop unknown: got %lu\n", err);
    if (pResUtilSetResourceServiceStartParameters)
    {
        SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);

        service = (SC_HANDLE)0xdeadbeef;
        err = pResUtilSetResourceServiceStartParameters(L"wineclus no such service", scm, &service, NULL, NULL);
        ok(err == ERROR_SERVICE_DOES_NOT_EXIST, "start parameters, unknown service: got %lu\n", err);
        if (winetest_platform_is_wine) ok(!service, "got handle %p\n", service);
        service = NULL;
        CloseServiceHandle(scm);
    }
    if (winetest_platform_is_wine)
    {
        err = pResUtilVerifyResourceService(NULL);
        ok(err == ERROR_INVALID_PARAMETER, "no name: got %lu\n", err);
        err = pResUtilVerifyService(NULL);
        ok(err == ERROR_INVALID_HANDLE, "no handle: got %lu\n", err);
    }

    was_running = !pResUtilVerifyResourceService(L"Spooler");
    err = pResUtilStartResourceService(L"Spooler", &service);
    if (err == ERROR_ACCESS_DENIED)
    {
        skip("may not start the spooler\n");
        return;
    }
    ok(!err && service, "start: got %lu, %p\n", err, service);
    ok(!pResUtilVerifyResourceService(L"Spooler"), "the spooler does not run\n");
    /* Running already is no error. */
    err = pResUtilStartResourceService(L"Spooler", NULL);
    ok(!err, "start again: got %lu\n", err);
    if (service)
    {
        ok(!pResUtilVerifyService(service), "the spooler's handle says it does not run\n");
        err = pResUtilStopService(service);
        ok(!err, "stop: got %lu\n", err);
        err = pResUtilVerifyService(service);
        ok(err == ERROR_SERVICE_NOT_ACTIVE, "stopped: got %lu\n", err);
        CloseServiceHandle(service);
    }
    /* Stopped already is no error either. */
    err = pResUtilStopResourceService(L"Spooler");
    ok(!err, "stop again: got %lu\n", err);
    if (was_running) pResUtilStartResourceService(L"Spooler", NULL);
}

static void test_terminate_process(void)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOW si;
    WCHAR exe[MAX_PATH];
    DWORD err, state;

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    if (!pResUtilTerminateServiceProcessFromResDll)
    {
        win_skip("no ResUtilTerminateServiceProcessFromResDll\n");
        return;
    }
    GetModuleFileNameW(NULL, exe, ARRAY_SIZE(exe));
    if (!CreateProcessW(exe, NULL, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, &pi))
    {
        skip("no child process: %lu\n", GetLastError());
        return;
    }
    state = 0xdeadbeef;
    err = pResUtilTerminateServiceProcessFromResDll(pi.dwProcessId, TRUE, &state, NULL, NULL);
    ok(!err, "got %lu\n", err);
    ok(state == ClusterResourceOffline, "offline: state %lu\n", state);
    ok(!WaitForSingleObject(pi.hProcess, 5000), "the process lives on\n");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    if (!CreateProcessW(exe, NULL, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, &pi)) return;
    state = 0xdeadbeef;
    err = pResUtilTerminateServiceProcessFromResDll(pi.dwProcessId, FALSE, &state, NULL, NULL);
    ok(!err && state == ClusterResourceFailed, "failed: got %lu, state %lu\n", err, state);
    WaitForSingleObject(pi.hProcess, 5000);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

START_TEST(resutils)
{
    HMODULE module = LoadLibraryA("resutils.dll");

    if (!module)
    {
        win_skip("resutils.dll not available, error %lu\n", GetLastError());
        return;
    }
    pResUtilIsPathValid = (void *)GetProcAddress(module, "ResUtilIsPathValid");
    pResUtilExpandEnvironmentStrings = (void *)GetProcAddress(module, "ResUtilExpandEnvironmentStrings");

#define GET(name) p##name = (void *)GetProcAddress(module, #name)
    GET(ClusWorkerCreate);
    GET(ClusWorkerCheckTerminate);
    GET(ClusWorkerTerminate);
    GET(ResUtilDupString);
    GET(ResUtilCreateDirectoryTree);
    GET(ResUtilEnumResources);
    GET(ResUtilEnumResourcesEx);
    GET(ResUtilResourcesEqual);
    GET(ResUtilResourceTypesEqual);
    GET(ResUtilIsResourceClassEqual);
    GET(ResUtilGetResourceName);
    GET(ResUtilGetResourceDependency);
    GET(ResUtilGetResourceDependencyByName);
    GET(ResUtilGetResourceDependencyByClass);
    GET(ResUtilGetResourceNameDependency);
    GET(ResUtilGetCoreClusterResources);
    GET(ResUtilFindDependentDiskResourceDriveLetter);
    GET(ResUtilGetEnvironmentWithNetName);
    GET(ResUtilFreeEnvironment);
    GET(ResUtilGetResourceDependentIPAddressProps);
    GET(ResUtilStartResourceService);
    GET(ResUtilStopResourceService);
    GET(ResUtilVerifyResourceService);
    GET(ResUtilVerifyService);
    GET(ResUtilStopService);
    GET(ResUtilTerminateServiceProcessFromResDll);
    GET(ResUtilSetResourceServiceStartParameters);
#undef GET

    test_ResUtilIsPathValid();
    test_ResUtilExpandEnvironmentStrings();
    test_workers();
    test_ResUtilDupString();
    test_ResUtilCreateDirectoryTree();
    test_resources();
    test_resutils_properties(module);
    test_resutils_registry(module);
    test_services();
    test_terminate_process();

    FreeLibrary(module);
}

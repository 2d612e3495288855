/* Hostile caller: every clusapi export called with random handles (valid,
 * closed, made-up, NULL, pointers), NULL and short buffers, honest but odd
 * sizes, and odd paths and names (CON, \\?\, \\.\, over-long, "..",
 * trailing dots and spaces, non-BMP and lone surrogates).
 *
 *   hostile.exe SEED CALLS [SET [CODE]]
 *
 * SET is restored first and must give CODE (default 0): a set of hostile
 * registry streams is refused whole with ERROR_DATABASE_BACKUP_CORRUPT.
 *
 * Built with the stock mingw-w64 SDK like any legacy tool.  The export
 * table (hostile_exports.h) is generated from the spec and the prototypes,
 * so each parameter gets values of its own kind: a size never claims more
 * than the buffer beside it holds, since overrunning a caller's buffer on
 * the caller's say-so is not a bug.  A crash is caught by a vectored handler
 * that names the export; a hang is caught by the caller's timeout.  Ends with
 * "N passed, N failed" (one check per call: no crash, and a failure code,
 * returned or left in GetLastError as the export's kind says, that is one
 * the documentation gives). */
#include <windows.h>
#include <clusapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 9
typedef ULONG_PTR A;
typedef ULONG_PTR (WINAPI *fn0)(void);
typedef ULONG_PTR (WINAPI *fn1)(A);
typedef ULONG_PTR (WINAPI *fn2)(A, A);
typedef ULONG_PTR (WINAPI *fn3)(A, A, A);
typedef ULONG_PTR (WINAPI *fn4)(A, A, A, A);
typedef ULONG_PTR (WINAPI *fn5)(A, A, A, A, A);
typedef ULONG_PTR (WINAPI *fn6)(A, A, A, A, A, A);
typedef ULONG_PTR (WINAPI *fn7)(A, A, A, A, A, A, A);
typedef ULONG_PTR (WINAPI *fn8)(A, A, A, A, A, A, A, A);
typedef ULONG_PTR (WINAPI *fn9)(A, A, A, A, A, A, A, A, A);

/* A stdcall callee pops its own arguments: on i386 a call through a pointer
 * of another arity leaves the stack pointer off, so each export is called
 * with exactly as many arguments as it takes. */
static ULONG_PTR call(FARPROC f, size_t n, const A *a)
{
    switch (n) {
    case 0: return ((fn0)f)();
    case 1: return ((fn1)f)(a[0]);
    case 2: return ((fn2)f)(a[0], a[1]);
    case 3: return ((fn3)f)(a[0], a[1], a[2]);
    case 4: return ((fn4)f)(a[0], a[1], a[2], a[3]);
    case 5: return ((fn5)f)(a[0], a[1], a[2], a[3], a[4]);
    case 6: return ((fn6)f)(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return ((fn7)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return ((fn8)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default: return ((fn9)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    }
}

static const struct { const char *name; const char *params; char ret; } exports[] = {
#define X(n, p, r) { #n, p, r },
#include "hostile_exports.h"
#undef X
};
#define NEXPORTS (sizeof(exports) / sizeof(exports[0]))

#define BUF_SIZE (1u << 20)
static BYTE *bufs[MAX_ARGS];
static const char *volatile current = "(none)";
static unsigned long long rng;
static HANDLE valid[16];
static unsigned nvalid;
static WCHAR longpath[40000], midpath[300];
static unsigned long calls, crashes, odd_codes;
static unsigned long tries[256], stubbed[256];

static unsigned long long next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A crash is an exception nobody handles: the DLL may catch a fault on a
 * caller's pointer (a descriptor's) and fail the call, as Windows' own
 * guarded calls do. */
static LONG WINAPI on_crash(EXCEPTION_POINTERS *ep)
{
    DWORD code = ep->ExceptionRecord->ExceptionCode;

    printf("not ok: %s raised exception %08lx at %p\n", current, code, ep->ExceptionRecord->ExceptionAddress);
    printf("%lu passed, %lu failed\n", calls, crashes + odd_codes + 1);
    fflush(stdout);
    ExitProcess(3);
    return EXCEPTION_CONTINUE_SEARCH;
}

static const WCHAR *const strings[] = {
    L"", L"CON", L"NUL", L"COM1", L"aux.txt", L"C:\\CON", L"C:\\hostile\\CON", L"\\\\?\\C:\\hostile",
    L"\\\\.\\C:", L"\\\\.\\PhysicalDrive0", L"\\\\?\\UNC\\clusback\\19991215", L"\\\\clusback\\19991215",
    L"\\\\nosuchserver\\share", L"C:\\..\\..\\..", L"C:\\hostile\\..\\..\\hostile", L"C:\\hostile. . .",
    L"C:\\hostile   ", L"..", L"relative\\dir", L"C:/hostile/", L"C:\\hostile\\\xD83D\xDE00", L"C:\\hostile\\\xD800x",
    L"\xDC00", L"C:\\hostile\\a\x0001b", L"*?<>|", L"C:", L"C:\\", L"Cluster Group", L"Local Quorum",
    L"Cluster Name", L"SOFTWARE\\Hostile", L"\\SOFTWARE\\Hostile", L"SOFTWARE\\..\\..\\Hostile",
    L"1\\Microsoft Base Cryptographic Provider v1.0\\C", L"TESTNODE", L"\xD83D\xDE00 group",
};

static const WCHAR *pick_string(void)
{
    unsigned r = (unsigned)(next() % (sizeof(strings) / sizeof(strings[0]) + 3));

    if (r == sizeof(strings) / sizeof(strings[0]))
        return NULL;
    if (r == sizeof(strings) / sizeof(strings[0]) + 1)
        return longpath;
    if (r == sizeof(strings) / sizeof(strings[0]) + 2)
        return midpath;
    return strings[r];
}

/* Live handles by the letter of their type in hostile_exports.h. */
static HANDLE typed[128][4];
static unsigned ntyped[128];

static void add(char kind, HANDLE h)
{
    if (!h)
        return;
    if (nvalid < sizeof(valid) / sizeof(valid[0]))
        valid[nvalid++] = h;
    if (ntyped[(int)kind] < 4)
        typed[(int)kind][ntyped[(int)kind]++] = h;
}

/* A fresh set every 64 calls: the calls themselves close and delete. */
static void refresh_handles(void)
{
    HCLUSTER c = OpenCluster(NULL);
    HCLUSENUM e;
    HGROUP g;
    HRESOURCE r;
    WCHAR name[256];
    DWORD type, len = 256;
    HANDLE closed;

    nvalid = 0;
    memset(ntyped, 0, sizeof(ntyped));
    if (!c)
        return;
    add('C', c);
    if ((e = ClusterOpenEnum(c, CLUSTER_ENUM_NODE))) {
        if (!ClusterEnum(e, 0, &type, name, &len))
            add('N', OpenClusterNode(c, name));
        add('E', e);
    }
    add('G', g = OpenClusterGroup(c, L"Cluster Group"));
    add('R', r = OpenClusterResource(c, L"Local Quorum"));
    add('R', OpenClusterResource(c, L"Cluster Name"));
    add('E', ClusterOpenEnum(c, CLUSTER_ENUM_RESOURCE | CLUSTER_ENUM_GROUP));
    if (g)
        add('F', ClusterGroupOpenEnum(g, CLUSTER_GROUP_ENUM_CONTAINS));
    if (r)
        add('H', ClusterResourceOpenEnum(r, CLUSTER_RESOURCE_ENUM_DEPENDS));
    if (ntyped['N'])
        add('M', ClusterNodeOpenEnum(typed['N'][0], CLUSTER_NODE_ENUM_GROUPS));
    add('K', GetClusterKey(c, KEY_ALL_ACCESS));
    if (r)
        add('K', GetClusterResourceKey(r, KEY_ALL_ACCESS));
    closed = OpenCluster(NULL);
    CloseCluster(closed);
    add('h', closed);
}

/* Half the time a live handle of the type the parameter wants, so calls
 * get past the handle check as often as they stop at it. */
static ULONG_PTR pick_handle(char kind)
{
    switch (next() % 12) {
    case 0: return 0;
    case 1: return (ULONG_PTR)1;
    case 2: return (ULONG_PTR)-1;
    case 3: return (ULONG_PTR)0xdeadbeef;
    case 4: return (ULONG_PTR)next();
    case 5: return (ULONG_PTR)bufs[next() % 8];
    case 6: return nvalid ? (ULONG_PTR)valid[next() % nvalid] : 0;
    default:
        if (ntyped[(int)kind])
            return (ULONG_PTR)typed[(int)kind][next() % ntyped[(int)kind]];
        return nvalid ? (ULONG_PTR)valid[next() % nvalid] : 0;
    }
}

static ULONG_PTR pick_value(void)
{
    static const DWORD values[] = { 0, 1, 2, 3, 4, 8, 0xff, 0x100, 0x7fffffff, 0x80000000, 0xffffffff,
                                    CLUSTER_ENUM_NODE, CLUSTER_ENUM_ALL, 0x10000 };
    return next() % 4 ? values[next() % (sizeof(values) / sizeof(values[0]))] : (DWORD)next();
}

static ULONG_PTR pick_size(void)
{
    static const DWORD sizes[] = { 0, 1, 2, 3, 4, 7, 8, 16, 255, 256, 4096, 65536 };
    return sizes[next() % (sizeof(sizes) / sizeof(sizes[0]))];
}

static ULONG_PTR pick_control(void)
{
    static const DWORD codes_[] = {
        CLUSCTL_RESOURCE_ADD_REGISTRY_CHECKPOINT, CLUSCTL_RESOURCE_DELETE_REGISTRY_CHECKPOINT,
        CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS, CLUSCTL_RESOURCE_ADD_CRYPTO_CHECKPOINT,
        CLUSCTL_RESOURCE_DELETE_CRYPTO_CHECKPOINT, CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS,
        CLUSCTL_RESOURCE_GET_NAME, CLUSCTL_RESOURCE_GET_ID, CLUSCTL_RESOURCE_GET_FLAGS,
        CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
        CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, CLUSCTL_CLUSTER_GET_FQDN, CLUSCTL_GROUP_GET_NAME,
        CLUSCTL_NODE_GET_NAME, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
        CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES,
        CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS, CLUSCTL_GROUP_SET_COMMON_PROPERTIES,
        CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, 0, 0xffffffff,
    };
    return next() % 5 ? codes_[next() % (sizeof(codes_) / sizeof(codes_[0]))] : (DWORD)next();
}

/* A property list (Description "x", PendingTimeout 7) with one byte
 * changed, for the SET and VALIDATE codes; the codec's own fuzzer covers
 * lists of every other shape. */
static void damaged_list(BYTE *b)
{
    static const struct { const WCHAR *name; DWORD syntax, value; } props[] = {
        { L"Description", CLUSPROP_SYNTAX_LIST_VALUE_SZ, 'x' },
        { L"PendingTimeout", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 7 },
    };
    DWORD *d = (DWORD *)b, n = 0, i, len;

    d[n++] = 2;
    for (i = 0; i < 2; i++) {
        len = (lstrlenW(props[i].name) + 1) * sizeof(WCHAR);
        d[n++] = CLUSPROP_SYNTAX_NAME;
        d[n++] = len;
        memcpy(d + n, props[i].name, len);
        n += (len + 3) / 4;
        d[n++] = props[i].syntax;
        d[n++] = 4;
        d[n++] = props[i].value;
        d[n++] = CLUSPROP_SYNTAX_ENDMARK;
    }
    b[next() % (n * 4)] = (BYTE)next();
}

/* A buffer whose first DWORDs claim a small size and whose text is an odd
 * string (for input buffers such as checkpoint keys), or a damaged
 * property list. */
static ULONG_PTR pick_buffer(unsigned i)
{
    static const DWORD claims[] = { 0, 1, 2, 8, 64, 256, 4096 };
    DWORD claim = claims[next() % (sizeof(claims) / sizeof(claims[0]))];
    const WCHAR *s;

    if (next() % 8 == 0)
        return 0;
    memset(bufs[i], 0, 4096);
    if (next() % 4 == 0)
        damaged_list(bufs[i]);
    else if (next() % 2 && (s = pick_string()) && lstrlenW(s) < 2000)
        lstrcpyW((WCHAR *)bufs[i], s);
    else {
        ((DWORD *)bufs[i])[0] = claim;
        ((DWORD *)bufs[i])[1] = claim;
    }
    return (ULONG_PTR)bufs[i];
}

/* The error codes docs/api.md, docs/states.md and docs/backup-format.md
 * give (70, ERROR_SHARING_PAUSED: online on a paused node; 997,
 * ERROR_IO_PENDING: an online left to the node's service), and the Win32
 * codes the registry and file calls underneath may pass through (1783,
 * RPC_X_BAD_STUB_DATA: a SET control code with no list, as its pages
 * document). */
static const DWORD documented[] = {
    0, 1, 2, 3, 5, 6, 8, 13, 29, 30, 32, 50, 52, 70, 87, 112, 120, 122, 123, 145, 161, 183, 206, 234, 259, 267,
    997, 1010, 1018, 1059, 1306, 1392, 1722, 1743, 1783, 4313,
};

static int is_documented(DWORD code)
{
    unsigned i;

    if (code >= 5000 && code < 6000) /* the cluster codes of winerror.h */
        return 1;
    for (i = 0; i < sizeof(documented) / sizeof(documented[0]); i++)
        if (documented[i] == code)
            return 1;
    return 0;
}

#define SEEN_MAX 64
static struct { DWORD code; unsigned long n; } seen[SEEN_MAX];

static void count_code(DWORD code)
{
    unsigned i;

    for (i = 0; i < SEEN_MAX && seen[i].n; i++)
        if (seen[i].code == code)
            break;
    if (i < SEEN_MAX) {
        seen[i].code = code;
        seen[i].n++;
    }
}

/* The failure code of a call, by what the export returns; 0 for success
 * or when the result is not a code at all (a count). */
static DWORD failure_code(char kind, ULONG_PTR ret)
{
    switch (kind) {
    case 'e': return (DWORD)ret;
    case 'h': return ret ? 0 : GetLastError();
    case 'b': return (BOOL)ret ? 0 : GetLastError();
    case 's': return (DWORD)ret == 0xffffffff ? GetLastError() : 0;
    default:  return 0;
    }
}

int main(int argc, char **argv)
{
    HMODULE mod = LoadLibraryA("clusapi.dll");
    unsigned long n, i, total;
    FARPROC fns[NEXPORTS];
    unsigned k;

    rng = argc > 1 ? strtoull(argv[1], NULL, 0) * 2654435761ull + 1 : 1;
    total = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000;
    setvbuf(stdout, NULL, _IONBF, 0);
    for (k = 0; k < MAX_ARGS; k++)
        bufs[k] = VirtualAlloc(NULL, BUF_SIZE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    for (k = 0; k < 39990; k++)
        longpath[k] = k < 3 ? L"C:\\"[k] : 'a' + k % 26;
    for (k = 0; k < 290; k++)
        midpath[k] = k < 3 ? L"C:\\"[k] : k % 10 ? 'b' : '\\';
    CreateDirectoryW(L"C:\\hostile", NULL);
    SetUnhandledExceptionFilter(on_crash);
    /* A set to restore first (with force), before any OpenCluster: its
     * registry checkpoints are checked whole by the restore, and applied by
     * RestoreClusterDatabase itself if they pass. */
    if (argc > 3) {
        DWORD err, want = argc > 4 ? strtoul(argv[4], NULL, 0) : 0;
        WCHAR path[MAX_PATH];

        MultiByteToWideChar(CP_ACP, 0, argv[3], -1, path, MAX_PATH);
        current = "RestoreClusterDatabase";
        err = RestoreClusterDatabase(path, TRUE, NULL);
        printf("restore of %s: %lu\n", argv[3], err);
        if (err != want)
            printf("not ok: RestoreClusterDatabase(%s) gave %lu, not %lu\n", argv[3], err, want), odd_codes++;
    }
    for (i = 0; i < NEXPORTS; i++)
        if (!(fns[i] = GetProcAddress(mod, exports[i].name)))
            printf("not ok: %s is not exported\n", exports[i].name), odd_codes++;
        else if (strlen(exports[i].params) > MAX_ARGS)
            printf("not ok: %s takes more than %d arguments\n", exports[i].name, MAX_ARGS), odd_codes++, fns[i] = NULL;
    for (n = 0; n < total + NEXPORTS; n++) {
        A a[MAX_ARGS] = { 0 };
        const char *p;
        DWORD err;

        if (n % 64 == 0)
            refresh_handles();
        /* First every export once with nothing but zeros and NULLs. */
        i = n < NEXPORTS ? n : (unsigned long)(next() % NEXPORTS);
        /* Exports that only ever say ERROR_CALL_NOT_IMPLEMENTED get an eighth
         * of their share: the calls are worth more where there is code. */
        while (n >= NEXPORTS && tries[i] >= 20 && stubbed[i] == tries[i] && next() % 8)
            i = (unsigned long)(next() % NEXPORTS);
        if (n < NEXPORTS) {
            if (!fns[i])
                continue;
            current = exports[i].name;
            call(fns[i], strlen(exports[i].params), a);
            calls++;
            continue;
        }
        if (!fns[i])
            continue;
        for (p = exports[i].params, k = 0; *p && k < MAX_ARGS; p++, k++) {
            switch (*p) {
            case 'h': case 'C': case 'G': case 'R': case 'N': case 'K': case 'E': case 'F': case 'H': case 'M':
                a[k] = pick_handle(*p);
                break;
            case 's': a[k] = (ULONG_PTR)pick_string(); break;
            case 'b': a[k] = pick_buffer(k); break;
            case 'z': a[k] = pick_size(); break;
            case 'c': a[k] = pick_control(); break;
            default: a[k] = pick_value(); break;
            }
        }
        current = exports[i].name;
        SetLastError(0xbadc0de);
        err = failure_code(exports[i].ret, call(fns[i], strlen(exports[i].params), a));
        calls++;
        count_code(err);
        tries[i]++;
        stubbed[i] += err == ERROR_CALL_NOT_IMPLEMENTED;
        if (!is_documented(err)) {
            if (odd_codes < 20)
                printf("not ok: %s failed with %lu, not a documented code\n", current, err);
            odd_codes++;
        }
    }
    printf("codes (code x calls):");
    for (k = 0; k < SEEN_MAX && seen[k].n; k++)
        printf(" %lu x%lu", seen[k].code, seen[k].n);
    printf("\n");
    printf("hostile: %lu calls to %u exports, %lu crashes, %lu odd codes\n", calls, (unsigned)NEXPORTS, crashes,
           odd_codes);
    printf("%lu passed, %lu failed\n", calls - odd_codes, crashes + odd_codes);
    return odd_codes || crashes ? 1 : 0;
}

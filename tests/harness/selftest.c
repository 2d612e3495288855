/*
 * Self-test of include/wine/test.h.
 *
 * This file is run by check.sh, which knows what every line below must
 * print under each environment.  The trailing "@name" comments are how
 * check.sh finds the line numbers, so every check that can print carries
 * one; keep them unique and keep one check per marked line.  Adding or
 * moving a check here means updating the expectations in check.sh.
 */

#include <stdarg.h>
#include <string.h>
#include <stdio.h>
#include <windef.h>
#include <winbase.h>

#include "wine/test.h"

#define WORKERS 4
#define WORKER_CHECKS 2500

static HANDLE worker_ready[WORKERS];
static HANDLE workers_go;
static int * volatile null_pointer;

static void check_at_caller(int line)
{
    /* Reported at the caller's line: this is what ok_ exists for. */
    ok_(__FILE__, line)(0, "ok_ reports line %d\n", line);
}

static void test_ok(void)
{
    int evaluated = 0;

    ok(1, "passing check\n"); /* @pass1 */
    ok(0, "plain failure %d\n", 42); /* @fail1 */
    ok(1, "not formatted %d\n", ++evaluated); /* @lazy */
    ok(evaluated == 0, "arguments of a passing check were evaluated\n"); /* @lazy_check */
    check_at_caller(__LINE__); /* @okfn */

    /* Tests read the last error in the message and in the next check. */
    SetLastError(0xdeadbeef);
    ok(0, "last error %lu\n", GetLastError()); /* @le_fail */
    trace("trace sees %lu\n", GetLastError()); /* @le_trace */
    skip("skip sees %lu\n", GetLastError()); /* @le_skip */
    winetest_push_context("le");
    winetest_pop_context();
    todo_if(1) ok(0, "todo sees %lu\n", GetLastError()); /* @le_todo */
    ok(GetLastError() == 0xdeadbeef, "harness changed the last error to %lu\n", GetLastError()); /* @le_after */
}

static void test_todo(void)
{
    todo_wine ok(0, "todo_wine failing\n"); /* @todo_fail */
    todo_wine ok(1, "todo_wine passing\n"); /* @todo_pass */
    todo_if(1) ok(0, "todo_if(1) failing\n"); /* @todoif1 */
    todo_if(0) ok(1, "todo_if(0) passing\n"); /* @todoif0 */
    todo_wine_if(1) ok(0, "todo_wine_if(1) failing\n"); /* @twi1 */
    todo_wine_if(0) ok(0, "todo_wine_if(0) failing\n"); /* @twi0 */
    todo_if(0)
    {
        todo_if(1) ok(0, "nested todo failing\n"); /* @nested_inner */
        ok(1, "outer bit is clear\n"); /* @nested_outer */
    }
    todo_if(1)
    {
        todo_if(0) ok(0, "an outer bit still counts\n"); /* @anybit */
    }
    ok(0, "todo bits popped\n"); /* @todo_popped */
    todo_wine win_skip("win_skip inside todo_wine\n"); /* @todo_winskip */
}

static void test_flaky(void)
{
    flaky ok(0, "flaky failing\n"); /* @flaky_fail */
    flaky ok(1, "flaky passing\n"); /* @flaky_pass */
    flaky_if(0) ok(0, "flaky_if(0) failing\n"); /* @flakyif0 */
    flaky_wine ok(0, "flaky_wine failing\n"); /* @flaky_wine */
    flaky_wine_if(1) ok(0, "flaky_wine_if(1) failing\n"); /* @fwi1 */
    flaky_wine_if(0) ok(0, "flaky_wine_if(0) failing\n"); /* @fwi0 */
    flaky
    {
        ok(1, "inside flaky block\n"); /* @flaky_block */
    }
    ok(0, "flaky bits popped\n"); /* @flaky_popped */
}

static void test_skip_broken_trace(void)
{
    skip("skipping %s\n", "this"); /* @skip */
    win_skip("win_skip %d\n", 1); /* @win_skip */
    ok(broken(1), "broken(1) taken\n"); /* @broken1 */
    ok(!broken(0), "broken(0) is true\n"); /* @broken0 */
    trace("tracing %d\n", 7); /* @trace */
}

static void test_context(void)
{
    char long_text[201];
    int i;

    winetest_push_context("outer %d", 1);
    ok(1, "success lines carry no context\n"); /* @ctx_pass */
    winetest_push_context("inner");
    ok(0, "failure in context\n"); /* @ctx_fail */
    todo_if(1) ok(0, "todo in context\n"); /* @ctx_todo */
    todo_if(1) ok(1, "todo pass in context\n"); /* @ctx_todopass */
    flaky ok(0, "flaky in context\n"); /* @ctx_flaky */
    skip("skip in context\n"); /* @ctx_skip */
    win_skip("win_skip in context\n"); /* @ctx_winskip */
    trace("trace in context\n"); /* @ctx_trace */
    winetest_pop_context();
    ok(0, "after inner pop\n"); /* @ctx_pop1 */
    winetest_pop_context();
    ok(0, "after outer pop\n"); /* @ctx_pop2 */

    for (i = 0; i < 9; i++) winetest_push_context("c%d", i);
    trace("nine deep\n"); /* @ctx_deep */
    for (i = 0; i < 9; i++) winetest_pop_context();
    trace("all popped\n"); /* @ctx_none */

    memset(long_text, 'x', 200);
    long_text[200] = 0;
    winetest_push_context("%s", long_text);
    trace("long context\n"); /* @ctx_long */
    winetest_pop_context();
    winetest_pop_context();
    trace("popping an empty stack is harmless\n"); /* @ctx_extra */
}

static void test_muting(void)
{
    int i;

    for (i = 0; i < 50; i++) skip("repeated skip\n"); /* @mute_skip */
    for (i = 0; i < 45; i++) trace("repeated trace %d\n", i); /* @mute_trace */
    for (i = 0; i < 44; i++) todo_if(1) ok(0, "repeated todo\n"); /* @mute_todo */
    for (i = 0; i < 43; i++) ok(0, "repeated failure\n"); /* @mute_fail */
}

static void test_dbgstr(void)
{
    static const GUID guid = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
    int array[5];
    LONG before;

    ok(!strcmp(wine_dbgstr_w(L"a\"b\\\n\t\x1234"), "L\"a\\\"b\\\\\\n\\t\\1234\""), "got %s\n", /* @dbg_w */
       wine_dbgstr_w(L"a\"b\\\n\t\x1234"));
    ok(!strcmp(wine_dbgstr_w(NULL), "(null)"), "got %s\n", wine_dbgstr_w(NULL)); /* @dbg_wnull */
    ok(!strcmp(wine_dbgstr_wn(L"abcdef", 3), "L\"abc\""), "got %s\n", wine_dbgstr_wn(L"abcdef", 3)); /* @dbg_wn */
    ok(!strcmp(wine_dbgstr_guid(&guid), "{12345678-9abc-def0-0123-456789abcdef}"), "got %s\n", /* @dbg_guid */
       wine_dbgstr_guid(&guid));
    ok(!strcmp(wine_dbgstr_longlong(0x123456789abcdefULL), "123456789abcdef"), "got %s\n", /* @dbg_ll */
       wine_dbgstr_longlong(0x123456789abcdefULL));
    ok(!strcmp(wine_dbgstr_longlong(0x1f), "1f"), "got %s\n", wine_dbgstr_longlong(0x1f)); /* @dbg_ll2 */
    ok(ARRAY_SIZE(array) == 5, "got %u\n", (unsigned int)ARRAY_SIZE(array)); /* @array_size */

    before = winetest_get_failures();
    ok(0, "counted failure\n"); /* @getfail */
    ok(winetest_get_failures() == before + 1, "got %ld, was %ld\n", winetest_get_failures(), before); /* @getfail2 */
    winetest_add_failures(2);
    ok(winetest_get_failures() == before + 3, "got %ld, was %ld\n", winetest_get_failures(), before); /* @addfail */
}

static DWORD WINAPI worker(void *arg)
{
    int i, index = (int)(INT_PTR)arg;

    /* Same text from every thread, so their order does not matter. */
    winetest_push_context("worker");
    todo_if(1) ok(0, "thread todo\n"); /* @thr_todo */
    SetEvent(worker_ready[index]);
    WaitForSingleObject(workers_go, INFINITE);
    for (i = 0; i < WORKER_CHECKS; i++) ok(1, "thread pass\n"); /* @thr_pass */
    winetest_pop_context();
    return 0;
}

static void test_threads(void)
{
    HANDLE threads[WORKERS];
    DWORD ret;
    int i;

    workers_go = CreateEventA(NULL, TRUE, FALSE, NULL);
    winetest_push_context("main");
    /* The workers must see neither this todo bit nor this context. */
    todo_if(1)
    {
        for (i = 0; i < WORKERS; i++)
        {
            worker_ready[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
            threads[i] = CreateThread(NULL, 0, worker, (void *)(INT_PTR)i, 0, NULL);
        }
        ret = WaitForMultipleObjects(WORKERS, worker_ready, TRUE, 30000);
        SetEvent(workers_go);
        ret |= WaitForMultipleObjects(WORKERS, threads, TRUE, 30000);
        ok(ret != WAIT_OBJECT_0, "main thread todo\n"); /* @thr_main */
    }
    winetest_pop_context();
    for (i = 0; i < WORKERS; i++)
    {
        CloseHandle(threads[i]);
        CloseHandle(worker_ready[i]);
    }
    CloseHandle(workers_go);
}

static void run_child(const char *branch)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si;
    char cmd[MAX_PATH + 64];
    char **argv;
    BOOL ret;

    winetest_get_mainargs(&argv);
    snprintf(cmd, sizeof(cmd), "\"%s\" selftest %s", argv[0], branch);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    /* Inherited handles let the child write to the same stdout. */
    ret = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    ok(ret, "CreateProcess failed, error %lu\n", GetLastError()); /* @child_create */
    if (!ret) return;
    wait_child_process(pi.hProcess); /* @child_wait */
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

static void child_main(const char *branch)
{
    if (!strcmp(branch, "child"))
    {
        trace("child running\n"); /* @child_trace */
        ok(0, "child failure 1\n"); /* @child_fail1 */
        ok(0, "child failure 2\n"); /* @child_fail2 */
    }
    else if (!strcmp(branch, "one"))
    {
        ok(1, "a passing check\n"); /* @one_pass */
        ok(0, "the only failure\n"); /* @one_fail */
    }
    else if (!strcmp(branch, "many"))
    {
        int i;

        for (i = 0; i < 300; i++) ok(0, "failure %d\n", i); /* @many_fail */
    }
    else if (!strcmp(branch, "crash"))
    {
        ok(1, "last check before the crash\n"); /* @crash_last */
        *null_pointer = 1;
    }
}

START_TEST(selftest)
{
    char **argv;
    int argc = winetest_get_mainargs(&argv);

    if (argc >= 3)
    {
        child_main(argv[2]);
        return;
    }

    test_ok();
    test_todo();
    test_flaky();
    test_skip_broken_trace();
    test_context();
    test_muting();
    test_dbgstr();
    test_threads();
    run_child("child");
    run_child("crash");
}

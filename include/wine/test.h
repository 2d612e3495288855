/*
 * Conformance test harness for wineclus, offering the API of Wine's test
 * framework (ok, todo_wine, skip, trace, contexts, START_TEST, ...).
 *
 * Written for this project from a description of the framework's behaviour
 * and output formats (the project's wine-test-framework.md fact sheet); it
 * shares no code with Wine's own header.  tests/harness/check.sh proves the
 * behaviour; extend it when changing anything here.
 *
 * Every test file includes this header for the declarations.  Exactly one
 * file per executable (testlist.c) defines STANDALONE first; it then gets the
 * implementation, main() and the `struct test` type for its test table.
 */

#ifndef WINECLUS_WINE_TEST_H
#define WINECLUS_WINE_TEST_H

#include <stdarg.h>
#include <stdlib.h>
#include <windef.h>
#include <winbase.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#endif

/* Messages are formatted by msvcrt, so the compiler must check them against
 * msvcrt's format rules rather than glibc's. */
#if defined(__MINGW32__)
#define WINETEST_PRINTF_ATTR(f, a) __attribute__((format(ms_printf, f, a)))
#elif defined(__GNUC__)
#define WINETEST_PRINTF_ATTR(f, a) __attribute__((format(printf, f, a)))
#else
#define WINETEST_PRINTF_ATTR(f, a)
#endif

#ifdef __cplusplus
extern "C" {
#endif

extern int winetest_debug;
extern int winetest_interactive;
extern int winetest_report_success;
extern int winetest_platform_is_wine;
extern const char *winetest_platform;

extern void winetest_set_location(const char *file, int line);
extern int winetest_ok_check(const char *file, int line, int condition);
extern int winetest_skip_check(const char *file, int line);
extern int winetest_win_skip_check(const char *file, int line);
extern int winetest_trace_check(const char *file, int line);
extern void winetest_print_pending(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_vprint_pending(const char *msg, va_list args);

extern void winetest_ok(int condition, const char *msg, ...) WINETEST_PRINTF_ATTR(2, 3);
extern void winetest_skip(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_win_skip(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_trace(const char *msg, ...) WINETEST_PRINTF_ATTR(1, 2);

extern int winetest_todo_push(int is_todo);
extern int winetest_todo_pop(void);
extern int winetest_flaky_push(int is_flaky);
extern int winetest_flaky_pop(void);

extern void winetest_push_context(const char *fmt, ...) WINETEST_PRINTF_ATTR(1, 2);
extern void winetest_pop_context(void);

extern int winetest_get_mainargs(char ***pargv);
extern void winetest_wait_child_process(const char *file, int line, HANDLE process);
extern LONG winetest_get_failures(void);
extern void winetest_add_failures(LONG new_failures);

extern const char *wine_dbg_sprintf(const char *fmt, ...) WINETEST_PRINTF_ATTR(1, 2);
extern const char *wine_dbgstr_an(const char *str, int n);
extern const char *wine_dbgstr_a(const char *str);
extern const char *wine_dbgstr_wn(const WCHAR *str, int n);
extern const char *wine_dbgstr_w(const WCHAR *str);
extern const char *wine_dbgstr_guid(const GUID *guid);
extern const char *wine_dbgstr_longlong(ULONGLONG ll);

#ifdef __cplusplus
}
#endif

/* The check runs first and decides whether a line is due, so the message's
 * arguments are only evaluated when they will actually be printed.  The
 * condition is evaluated before the location is recorded, so helpers called
 * from it that run checks of their own do not steal the location. */
#define ok(cond, ...) \
    (winetest_ok_check(__FILE__, __LINE__, !!(cond)) ? winetest_print_pending(__VA_ARGS__) : (void)0)
#define skip(...) \
    (winetest_skip_check(__FILE__, __LINE__) ? winetest_print_pending(__VA_ARGS__) : (void)0)
#define win_skip(...) \
    (winetest_win_skip_check(__FILE__, __LINE__) ? winetest_print_pending(__VA_ARGS__) : (void)0)
#define trace(...) \
    (winetest_trace_check(__FILE__, __LINE__) ? winetest_print_pending(__VA_ARGS__) : (void)0)

/* Explicit-location forms, for helpers that report at their caller's line:
 * ok_(__FILE__, line)(cond, fmt, ...). */
#define ok_(file, line)       (winetest_set_location(file, line), 0) ? (void)0 : winetest_ok
#define skip_(file, line)     (winetest_set_location(file, line), 0) ? (void)0 : winetest_skip
#define win_skip_(file, line) (winetest_set_location(file, line), 0) ? (void)0 : winetest_win_skip
#define trace_(file, line)    (winetest_set_location(file, line), 0) ? (void)0 : winetest_trace

#define broken(cond) (winetest_platform_is_wine ? 0 : (cond))

/* A for statement that runs its body once: the loop variable is named after
 * the line so that blocks nested on different lines never shadow each other. */
#define WINETEST_PASTE2(a, b) a##b
#define WINETEST_PASTE(a, b) WINETEST_PASTE2(a, b)
#define WINETEST_ONCE_VAR WINETEST_PASTE(winetest_once_, __LINE__)

#define todo_if(is_todo) \
    for (int WINETEST_ONCE_VAR = winetest_todo_push(!!(is_todo)); WINETEST_ONCE_VAR; \
         WINETEST_ONCE_VAR = winetest_todo_pop())
#define todo_wine           todo_if(winetest_platform_is_wine)
#define todo_wine_if(is_todo) todo_if(winetest_platform_is_wine && (is_todo))

#define flaky_if(is_flaky) \
    for (int WINETEST_ONCE_VAR = winetest_flaky_push(!!(is_flaky)); WINETEST_ONCE_VAR; \
         WINETEST_ONCE_VAR = winetest_flaky_pop())
#define flaky                 flaky_if(1)
#define flaky_wine            flaky_if(winetest_platform_is_wine)
#define flaky_wine_if(is_flaky) flaky_if(winetest_platform_is_wine && (is_flaky))

#define wait_child_process(process) winetest_wait_child_process(__FILE__, __LINE__, (process))

/* The prototype keeps -Wmissing-prototypes quiet in test files. */
#define START_TEST(name) \
    void func_##name(void); \
    void func_##name(void)


#ifdef STANDALONE

#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <io.h>
#include <fcntl.h>

struct test
{
    const char *name;
    void (*func)(void);
};

/* Provided by testlist.c after it includes this header; ends with {0, 0}. */
extern const struct test winetest_testlist[];

int winetest_debug = 1;
int winetest_interactive = 0;
int winetest_report_success = 0;
int winetest_platform_is_wine = 0;
const char *winetest_platform = "windows";

static int winetest_report_flaky;
static int winetest_mute_threshold = 42;
static int winetest_time;
static int winetest_color;
static DWORD winetest_start_ticks;
static int winetest_argc;
static char **winetest_argv;
static const struct test *winetest_current_test;

static LONG volatile winetest_successes;
static LONG volatile winetest_failures;
static LONG volatile winetest_flaky_failures;
static LONG volatile winetest_todo_successes; /* "marked todo" */
static LONG volatile winetest_todo_failures;  /* succeeded inside a todo block */
static LONG volatile winetest_skipped;
static LONG volatile winetest_muted_todos;
static LONG volatile winetest_muted_skips;
static LONG volatile winetest_muted_traces;

static HANDLE winetest_print_mutex;
static DWORD winetest_tls_index = TLS_OUT_OF_INDEXES;

#define WINETEST_MAX_CONTEXTS 8
#define WINETEST_CONTEXT_LEN 128
#define WINETEST_STR_RING 32

struct winetest_thread_data
{
    const char *file;
    int line;
    unsigned int todo_bits;
    unsigned int flaky_bits;
    unsigned int context_count;
    char context[WINETEST_MAX_CONTEXTS][WINETEST_CONTEXT_LEN];
    /* What winetest_print_pending prints: set by the *_check functions. */
    const char *pending_kind;
    const char *pending_color;
    int pending_with_context;
    char *ring[WINETEST_STR_RING];
    size_t ring_size[WINETEST_STR_RING];
    unsigned int ring_next;
};

/* Tests check GetLastError() and errno right after a check has run (even
 * inside the message arguments, which are evaluated after the check), so no
 * harness entry point may disturb either of them. */
struct winetest_saved_errors
{
    DWORD last_error;
    int err;
};

static struct winetest_saved_errors winetest_save_errors(void)
{
    struct winetest_saved_errors saved;
    saved.last_error = GetLastError();
    saved.err = errno;
    return saved;
}

static void winetest_restore_errors(struct winetest_saved_errors saved)
{
    errno = saved.err;
    SetLastError(saved.last_error);
}

static struct winetest_thread_data *winetest_get_thread_data(void)
{
    struct winetest_thread_data *data = TlsGetValue(winetest_tls_index);

    if (!data)
    {
        /* Threads are created by the tests themselves, so their state can
         * only be made on first use; it is never freed, like the thread's
         * strings handed out by wine_dbgstr_*. */
        data = calloc(1, sizeof(*data));
        if (!data)
        {
            fputs("Fatal: out of memory for test thread state\n", stderr);
            ExitProcess(255);
        }
        TlsSetValue(winetest_tls_index, data);
    }
    return data;
}

static const char *winetest_basename(const char *file)
{
    const char *p, *base = file;

    for (p = file; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    return base;
}

static char *winetest_vformat(const char *fmt, va_list args)
{
    va_list copy;
    int len;
    char *buf;

    va_copy(copy, args);
    len = _vscprintf(fmt, copy);
    va_end(copy);
    if (len < 0) len = 0;
    buf = malloc(len + 1);
    if (!buf) return NULL;
    _vsnprintf(buf, len + 1, fmt, args);
    buf[len] = 0;
    return buf;
}

static char *winetest_format(const char *fmt, ...) WINETEST_PRINTF_ATTR(1, 2);
static char *winetest_format(const char *fmt, ...)
{
    va_list args;
    char *buf;

    va_start(args, fmt);
    buf = winetest_vformat(fmt, args);
    va_end(args);
    return buf;
}

static void winetest_lock(void)
{
    /* An abandoned mutex (a child that crashed mid-line) is still ours. */
    if (winetest_print_mutex) WaitForSingleObject(winetest_print_mutex, INFINITE);
}

static void winetest_unlock(void)
{
    if (winetest_print_mutex) ReleaseMutex(winetest_print_mutex);
}

/* One write per line, under the cross-process mutex, so that lines from
 * threads and child processes sharing this stdout never interleave. */
static void winetest_write_line(const char *text)
{
    if (!text) return;
    winetest_lock();
    fwrite(text, 1, strlen(text), stdout);
    fflush(stdout);
    winetest_unlock();
}

static const char *winetest_elapsed(void)
{
    static char buf[32];
    DWORD ms;

    if (!winetest_time) return "";
    ms = GetTickCount() - winetest_start_ticks;
    /* Integer arithmetic: the result is the same for every thread and needs
     * no floating point support from msvcrt. */
    snprintf(buf, sizeof(buf), "%lu.%03lu", ms / 1000, ms % 1000);
    return buf;
}

static const char *winetest_color_on(const char *color)
{
    return winetest_color && color ? color : "";
}

static const char *winetest_color_off(const char *color)
{
    return winetest_color && color ? "\x1b[0m" : "";
}

static const char winetest_red[] = "\x1b[1;31m";
static const char winetest_yellow[] = "\x1b[33m";
static const char winetest_purple[] = "\x1b[35m";
static const char winetest_blue[] = "\x1b[34m";
static const char winetest_green[] = "\x1b[32m";

/* kind is "" for traces or e.g. "Test failed"; it gets ": " appended. */
static void winetest_emit(struct winetest_thread_data *data, const char *kind, const char *color,
                          int with_context, const char *fmt, va_list args)
{
    char *msg, *line;
    size_t ctx_len = 0, pos;
    unsigned int i, shown;

    msg = winetest_vformat(fmt, args);
    if (!msg) return;

    shown = with_context ? data->context_count : 0;
    if (shown > WINETEST_MAX_CONTEXTS) shown = WINETEST_MAX_CONTEXTS;
    for (i = 0; i < shown; i++) ctx_len += strlen(data->context[i]) + 2;

    line = malloc(strlen(data->file) + strlen(kind) + ctx_len + strlen(msg) + 96);
    if (!line)
    {
        free(msg);
        return;
    }
    pos = sprintf(line, "%s:%d:%s ", winetest_basename(data->file), data->line, winetest_elapsed());
    if (*kind)
        pos += sprintf(line + pos, "%s%s%s: ", winetest_color_on(color), kind, winetest_color_off(color));
    for (i = 0; i < shown; i++)
        pos += sprintf(line + pos, "%s: ", data->context[i]);
    strcpy(line + pos, msg);
    winetest_write_line(line);
    free(line);
    free(msg);
}

/* Lines that may repeat (traces, skips, "marked todo") are counted per
 * file:line across all threads; past the threshold they are muted.
 * Returns nonzero when this occurrence must not be printed. */
struct winetest_line_count
{
    const char *file;
    int line;
    LONG count;
};

#define WINETEST_LINE_SLOTS 8192
static struct winetest_line_count winetest_line_counts[WINETEST_LINE_SLOTS];
static CRITICAL_SECTION winetest_line_cs;

static int winetest_mute_line(struct winetest_thread_data *data)
{
    unsigned int hash = (unsigned int)data->line * 2654435761u, i, slot;
    const char *p, *base = winetest_basename(data->file);
    LONG count = 0;
    int found = 0;

    if (winetest_debug > 1) return 0;

    for (p = base; *p; p++) hash = hash * 31 + (unsigned char)*p;

    EnterCriticalSection(&winetest_line_cs);
    for (i = 0; i < WINETEST_LINE_SLOTS; i++)
    {
        slot = (hash + i) % WINETEST_LINE_SLOTS;
        if (!winetest_line_counts[slot].file)
        {
            winetest_line_counts[slot].file = base;
            winetest_line_counts[slot].line = data->line;
        }
        else if (winetest_line_counts[slot].line != data->line || strcmp(winetest_line_counts[slot].file, base))
            continue;
        count = winetest_line_counts[slot].count++;
        found = 1;
        break;
    }
    LeaveCriticalSection(&winetest_line_cs);

    /* A full table only means counting stops; it must never hide output. */
    if (!found) return 0;

    if (count == winetest_mute_threshold)
    {
        char *notice = winetest_format("%s:%d:%s Line has been silenced after %d occurrences\n",
                                       base, data->line, winetest_elapsed(), winetest_mute_threshold);
        winetest_write_line(notice);
        free(notice);
    }
    return count >= winetest_mute_threshold;
}

static void winetest_set_pending(struct winetest_thread_data *data, const char *kind,
                                 const char *color, int with_context)
{
    data->pending_kind = kind;
    data->pending_color = color;
    data->pending_with_context = with_context;
}

void winetest_set_location(const char *file, int line)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    data->file = file;
    data->line = line;
    winetest_restore_errors(saved);
}

static int winetest_ok_check_here(struct winetest_thread_data *data, int condition)
{
    if (data->todo_bits)
    {
        if (condition)
        {
            InterlockedIncrement(&winetest_todo_failures);
            winetest_set_pending(data, "Test succeeded inside todo block", winetest_red, 1);
            return 1;
        }
        InterlockedIncrement(&winetest_todo_successes);
        if (winetest_debug > 0)
        {
            if (!winetest_mute_line(data))
            {
                winetest_set_pending(data, "Test marked todo", winetest_yellow, 1);
                return 1;
            }
            InterlockedIncrement(&winetest_muted_todos);
        }
        return 0;
    }

    if (!condition)
    {
        if (data->flaky_bits)
        {
            InterlockedIncrement(&winetest_flaky_failures);
            winetest_set_pending(data, "Test marked flaky", winetest_purple, 1);
        }
        else
        {
            InterlockedIncrement(&winetest_failures);
            winetest_set_pending(data, "Test failed", winetest_red, 1);
        }
        return 1;
    }

    InterlockedIncrement(&winetest_successes);
    if (winetest_report_success)
    {
        char *line = winetest_format("%s:%d:%s %sTest succeeded%s\n", winetest_basename(data->file), data->line,
                                     winetest_elapsed(), winetest_color_on(winetest_green),
                                     winetest_color_off(winetest_green));
        winetest_write_line(line);
        free(line);
    }
    return 0;
}

int winetest_ok_check(const char *file, int line, int condition)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();
    int due;

    data->file = file;
    data->line = line;
    due = winetest_ok_check_here(data, condition);
    winetest_restore_errors(saved);
    return due;
}

static int winetest_skip_check_here(struct winetest_thread_data *data)
{
    InterlockedIncrement(&winetest_skipped);
    if (winetest_mute_line(data))
    {
        InterlockedIncrement(&winetest_muted_skips);
        return 0;
    }
    winetest_set_pending(data, "Tests skipped", winetest_blue, 1);
    return 1;
}

int winetest_skip_check(const char *file, int line)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();
    int due;

    data->file = file;
    data->line = line;
    due = winetest_skip_check_here(data);
    winetest_restore_errors(saved);
    return due;
}

/* On Wine a missing feature is a bug to fix, not an excuse. */
static int winetest_win_skip_check_here(struct winetest_thread_data *data)
{
    if (winetest_platform_is_wine) return winetest_ok_check_here(data, 0);
    return winetest_skip_check_here(data);
}

int winetest_win_skip_check(const char *file, int line)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();
    int due;

    data->file = file;
    data->line = line;
    due = winetest_win_skip_check_here(data);
    winetest_restore_errors(saved);
    return due;
}

static int winetest_trace_check_here(struct winetest_thread_data *data)
{
    if (winetest_debug <= 0) return 0;
    if (winetest_mute_line(data))
    {
        InterlockedIncrement(&winetest_muted_traces);
        return 0;
    }
    winetest_set_pending(data, "", NULL, 1);
    return 1;
}

int winetest_trace_check(const char *file, int line)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();
    int due;

    data->file = file;
    data->line = line;
    due = winetest_trace_check_here(data);
    winetest_restore_errors(saved);
    return due;
}

void winetest_vprint_pending(const char *msg, va_list args)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    winetest_emit(data, data->pending_kind ? data->pending_kind : "", data->pending_color,
                  data->pending_with_context, msg, args);
    winetest_restore_errors(saved);
}

void winetest_print_pending(const char *msg, ...)
{
    va_list args;

    va_start(args, msg);
    winetest_vprint_pending(msg, args);
    va_end(args);
}

void winetest_ok(int condition, const char *msg, ...)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    va_list args;

    if (winetest_ok_check_here(winetest_get_thread_data(), !!condition))
    {
        va_start(args, msg);
        winetest_vprint_pending(msg, args);
        va_end(args);
    }
    winetest_restore_errors(saved);
}

void winetest_skip(const char *msg, ...)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    va_list args;

    if (winetest_skip_check_here(winetest_get_thread_data()))
    {
        va_start(args, msg);
        winetest_vprint_pending(msg, args);
        va_end(args);
    }
    winetest_restore_errors(saved);
}

void winetest_win_skip(const char *msg, ...)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    va_list args;

    if (winetest_win_skip_check_here(winetest_get_thread_data()))
    {
        va_start(args, msg);
        winetest_vprint_pending(msg, args);
        va_end(args);
    }
    winetest_restore_errors(saved);
}

void winetest_trace(const char *msg, ...)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    va_list args;

    if (winetest_trace_check_here(winetest_get_thread_data()))
    {
        va_start(args, msg);
        winetest_vprint_pending(msg, args);
        va_end(args);
    }
    winetest_restore_errors(saved);
}

int winetest_todo_push(int is_todo)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    data->todo_bits = (data->todo_bits << 1) | (is_todo ? 1 : 0);
    winetest_restore_errors(saved);
    return 1;
}

int winetest_todo_pop(void)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    data->todo_bits >>= 1;
    winetest_restore_errors(saved);
    return 0;
}

int winetest_flaky_push(int is_flaky)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    data->flaky_bits = (data->flaky_bits << 1) | (is_flaky ? 1 : 0);
    winetest_restore_errors(saved);
    return 1;
}

int winetest_flaky_pop(void)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    data->flaky_bits >>= 1;
    winetest_restore_errors(saved);
    return 0;
}

void winetest_push_context(const char *fmt, ...)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();
    va_list args;

    /* Deeper entries are only counted, so that pops stay balanced. */
    if (data->context_count < WINETEST_MAX_CONTEXTS)
    {
        char *text;

        va_start(args, fmt);
        text = winetest_vformat(fmt, args);
        va_end(args);
        data->context[data->context_count][0] = 0;
        if (text)
        {
            strncat(data->context[data->context_count], text, WINETEST_CONTEXT_LEN - 1);
            free(text);
        }
    }
    data->context_count++;
    winetest_restore_errors(saved);
}

void winetest_pop_context(void)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();

    if (data->context_count) data->context_count--;
    winetest_restore_errors(saved);
}

int winetest_get_mainargs(char ***pargv)
{
    *pargv = winetest_argv;
    return winetest_argc;
}

LONG winetest_get_failures(void)
{
    return winetest_failures;
}

void winetest_add_failures(LONG new_failures)
{
    while (new_failures-- > 0) InterlockedIncrement(&winetest_failures);
}

static void winetest_note(const char *fmt, ...) WINETEST_PRINTF_ATTR(1, 2);
static void winetest_note(const char *fmt, ...)
{
    struct winetest_thread_data *data = winetest_get_thread_data();
    va_list args;

    va_start(args, fmt);
    winetest_emit(data, "", NULL, 0, fmt, args);
    va_end(args);
}

void winetest_wait_child_process(const char *file, int line, HANDLE process)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    struct winetest_thread_data *data = winetest_get_thread_data();
    DWORD exit_code = 1;

    data->file = file;
    data->line = line;

    if (WaitForSingleObject(process, 30000) != WAIT_OBJECT_0)
    {
        if (winetest_ok_check_here(data, 0))
            winetest_print_pending("Timed out waiting for the child process\n");
    }
    else if (!GetExitCodeProcess(process, &exit_code))
    {
        if (winetest_ok_check_here(data, 0))
            winetest_print_pending("Failed to get the child's exit code, error %lu\n", GetLastError());
    }
    else if (exit_code > 255)
    {
        /* The child already printed where it crashed; one failure stands
         * for the whole child. */
        winetest_note("unhandled exception %08lx in child process %04lx\n", exit_code, GetProcessId(process));
        InterlockedIncrement(&winetest_failures);
    }
    else if (exit_code)
    {
        /* The child printed these failures itself; they are only added. */
        winetest_note("%lu failures in child process\n", exit_code);
        winetest_add_failures(exit_code);
    }
    winetest_restore_errors(saved);
}

static char *winetest_temp_buffer(size_t size)
{
    struct winetest_thread_data *data = winetest_get_thread_data();
    unsigned int idx = data->ring_next++ % WINETEST_STR_RING;

    /* Callers keep pointers to earlier strings while building a message, so
     * slots are reused round-robin, never within one message. */
    if (data->ring_size[idx] < size)
    {
        char *p = realloc(data->ring[idx], size);
        if (!p) return NULL;
        data->ring[idx] = p;
        data->ring_size[idx] = size;
    }
    return data->ring[idx];
}

const char *wine_dbg_sprintf(const char *fmt, ...)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    va_list args;
    char *text, *buf;

    va_start(args, fmt);
    text = winetest_vformat(fmt, args);
    va_end(args);
    if (!text)
    {
        winetest_restore_errors(saved);
        return "";
    }
    buf = winetest_temp_buffer(strlen(text) + 1);
    if (buf) strcpy(buf, text);
    free(text);
    winetest_restore_errors(saved);
    return buf ? buf : "";
}

/* Quote a string the way Wine's debug channels do: printable ASCII as is,
 * the usual C escapes, anything else as a backslash and 2 or 4 hex digits. */
static const char *winetest_quote(const void *str, int n, int wide)
{
    struct winetest_saved_errors saved = winetest_save_errors();
    const char *astr = str;
    const WCHAR *wstr = str;
    char *buf, *dst;
    int i;

    if (!str)
    {
        winetest_restore_errors(saved);
        return "(null)";
    }
    if (!((ULONG_PTR)str >> 16))
    {
        const char *ret = wine_dbg_sprintf("#%04x", (unsigned int)(ULONG_PTR)str);
        winetest_restore_errors(saved);
        return ret;
    }
    if (n < 0) n = wide ? lstrlenW(wstr) : lstrlenA(astr);

    /* 6 bytes per character at worst, plus L, quotes, "..." and NUL. */
    buf = winetest_temp_buffer((size_t)n * 6 + 8);
    if (!buf)
    {
        winetest_restore_errors(saved);
        return "";
    }
    dst = buf;
    if (wide) *dst++ = 'L';
    *dst++ = '"';
    for (i = 0; i < n; i++)
    {
        unsigned int c = wide ? wstr[i] : (unsigned char)astr[i];

        switch (c)
        {
        case '\n': *dst++ = '\\'; *dst++ = 'n'; break;
        case '\r': *dst++ = '\\'; *dst++ = 'r'; break;
        case '\t': *dst++ = '\\'; *dst++ = 't'; break;
        case '"':  *dst++ = '\\'; *dst++ = '"'; break;
        case '\\': *dst++ = '\\'; *dst++ = '\\'; break;
        default:
            if (c >= ' ' && c <= 126)
                *dst++ = (char)c;
            else if (wide)
                dst += sprintf(dst, "\\%04x", c);
            else
                dst += sprintf(dst, "\\x%02x", c);
            break;
        }
    }
    *dst++ = '"';
    *dst = 0;
    winetest_restore_errors(saved);
    return buf;
}

const char *wine_dbgstr_an(const char *str, int n)
{
    return winetest_quote(str, n, 0);
}

const char *wine_dbgstr_a(const char *str)
{
    return winetest_quote(str, -1, 0);
}

const char *wine_dbgstr_wn(const WCHAR *str, int n)
{
    return winetest_quote(str, n, 1);
}

const char *wine_dbgstr_w(const WCHAR *str)
{
    return winetest_quote(str, -1, 1);
}

const char *wine_dbgstr_guid(const GUID *guid)
{
    if (!guid) return "(null)";
    if (!((ULONG_PTR)guid >> 16)) return wine_dbg_sprintf("<guid-0x%04x>", (unsigned int)(ULONG_PTR)guid & 0xffff);
    return wine_dbg_sprintf("{%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned long)guid->Data1,
                            guid->Data2, guid->Data3, guid->Data4[0], guid->Data4[1], guid->Data4[2],
                            guid->Data4[3], guid->Data4[4], guid->Data4[5], guid->Data4[6], guid->Data4[7]);
}

const char *wine_dbgstr_longlong(ULONGLONG ll)
{
    if (ll >> 32)
        return wine_dbg_sprintf("%lx%08lx", (unsigned long)(ll >> 32), (unsigned long)(ll & 0xffffffff));
    return wine_dbg_sprintf("%lx", (unsigned long)ll);
}

static LONG CALLBACK winetest_exception_filter(EXCEPTION_POINTERS *ptrs)
{
    struct winetest_thread_data *data = winetest_get_thread_data();
    char *text;

    if (data->file)
    {
        text = winetest_format("%s:%d:%s this is the last test seen before the exception\n",
                               winetest_basename(data->file), data->line, winetest_elapsed());
        winetest_write_line(text);
        free(text);
    }
    text = winetest_format("%04lx:%s:%s unhandled exception %08lx at %p\n", GetCurrentProcessId(),
                           winetest_current_test ? winetest_current_test->name : "?", winetest_elapsed(),
                           ptrs->ExceptionRecord->ExceptionCode, ptrs->ExceptionRecord->ExceptionAddress);
    winetest_write_line(text);
    free(text);
    /* Ending the process here makes the exception code its exit status. */
    return EXCEPTION_EXECUTE_HANDLER;
}

static int winetest_env_int(const char *name, int def)
{
    const char *value = getenv(name);
    return value ? atoi(value) : def;
}

static void winetest_read_environment(void)
{
    const char *value;

    if ((value = getenv("WINETEST_PLATFORM")))
        winetest_platform = value;
    else
    {
        HMODULE ntdll = GetModuleHandleA("ntdll.dll");
        winetest_platform = ntdll && GetProcAddress(ntdll, "wine_server_call") ? "wine" : "windows";
    }
    winetest_platform_is_wine = !strcmp(winetest_platform, "wine");

    winetest_debug = winetest_env_int("WINETEST_DEBUG", 1);
    winetest_interactive = winetest_env_int("WINETEST_INTERACTIVE", 0);
    winetest_report_success = winetest_env_int("WINETEST_REPORT_SUCCESS", 0);
    winetest_report_flaky = winetest_env_int("WINETEST_REPORT_FLAKY", 0);
    winetest_mute_threshold = winetest_env_int("WINETEST_MUTE_THRESHOLD", 42);
    winetest_time = winetest_env_int("WINETEST_TIME", 0);

    if ((value = getenv("WINETEST_COLOR")))
        winetest_color = !strcmp(value, "auto") ? _isatty(_fileno(stdout)) : atoi(value);
}

/* A test is named after its source file; accept the path of that file too. */
static const struct test *winetest_find_test(const char *arg)
{
    const char *base = winetest_basename(arg);
    size_t len = strlen(base);
    const struct test *test;

    if (len > 2 && !strcmp(base + len - 2, ".c")) len -= 2;
    for (test = winetest_testlist; test->name; test++)
        if (strlen(test->name) == len && !strncmp(test->name, base, len)) return test;
    return NULL;
}

static void winetest_list_tests(void)
{
    const struct test *test;

    printf("Valid test names:\n");
    for (test = winetest_testlist; test->name; test++) printf("    %s\n", test->name);
}

static int winetest_run(const struct test *test)
{
    LONG status, failed, executed;
    char *text;

    winetest_current_test = test;
    test->func();

    failed = winetest_failures + winetest_todo_failures;
    if (winetest_debug)
    {
        winetest_lock();
        if (winetest_muted_todos || winetest_muted_skips || winetest_muted_traces)
        {
            text = winetest_format("%04lx:%s:%s Silenced %ld todos, %ld skips and %ld traces.\n",
                                   GetCurrentProcessId(), test->name, winetest_elapsed(), winetest_muted_todos,
                                   winetest_muted_skips, winetest_muted_traces);
            winetest_write_line(text);
            free(text);
        }
        executed = winetest_successes + winetest_failures + winetest_flaky_failures + winetest_todo_successes +
                   winetest_todo_failures;
        text = winetest_format("%04lx:%s:%s %ld tests executed (%ld marked as todo, %ld as flaky, %ld %s), "
                               "%ld skipped.\n",
                               GetCurrentProcessId(), test->name, winetest_elapsed(), executed,
                               winetest_todo_successes, winetest_flaky_failures, failed,
                               failed == 1 ? "failure" : "failures", winetest_skipped);
        winetest_write_line(text);
        free(text);
        winetest_unlock();
    }

    status = failed;
    if (winetest_report_flaky) status += winetest_flaky_failures;
    return status > 255 ? 255 : (int)status;
}

int main(int argc, char **argv)
{
    const struct test *test;

    winetest_argc = argc;
    winetest_argv = argv;
    winetest_start_ticks = GetTickCount();

    setvbuf(stdout, NULL, _IONBF, 0);
    /* Lines end in a bare \n on every platform, whatever reads them. */
    _setmode(_fileno(stdout), _O_BINARY);

    winetest_tls_index = TlsAlloc();
    if (winetest_tls_index == TLS_OUT_OF_INDEXES)
    {
        fputs("Fatal: no TLS index for the test harness\n", stderr);
        return 1;
    }
    InitializeCriticalSection(&winetest_line_cs);
    winetest_print_mutex = CreateMutexA(NULL, FALSE, "winetest_print_mutex");

    winetest_read_environment();
    if (!winetest_interactive) SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(winetest_exception_filter);

    if (argc < 2)
    {
        if (winetest_testlist[0].name && !winetest_testlist[1].name) return winetest_run(&winetest_testlist[0]);
        fprintf(stderr, "Usage: %s test_name\n", argv[0]);
        winetest_list_tests();
        return 1;
    }
    if (!strcmp(argv[1], "--list"))
    {
        winetest_list_tests();
        return 0;
    }
    if (!(test = winetest_find_test(argv[1])))
    {
        fprintf(stderr, "Fatal: test '%s' does not exist.\n", argv[1]);
        return 1;
    }
    return winetest_run(test);
}

#endif /* STANDALONE */

#endif /* WINECLUS_WINE_TEST_H */

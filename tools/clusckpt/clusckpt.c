/*
 * clusckpt.exe keep: the checkpoint keeper of a node, run by the node's
 * cluster service in the node's Wine prefix for as long as the node owns a
 * resource with checkpoints.  Once a second it has our clusapi do a round
 * (WineClusCheckpointRound: apply at online, save while online and at
 * offline, docs/checkpoint-format.md).  The service talks to it on stdin,
 * one line a request, and reads one line an answer on stdout, the error
 * as a decimal number:
 *   online RESOURCE-ID   the service brings the resource online now: its
 *                        checkpoints are applied before its process starts
 *   round                a round now (the service stops: the last changes)
 * The end of stdin (the service closed it, or died) ends the keeper.
 * The round is got by GetProcAddress: it is ours, not a Server 2003 export.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define PERIOD_MS 1000
#define LINE_MAX_CHARS 128

typedef DWORD (WINAPI *round_fn)(LPCWSTR);

static HANDLE line_ready, line_taken;
static char line[LINE_MAX_CHARS];
static volatile LONG at_end;

/* Hands each line of stdin to the main thread, and the end of it. */
static DWORD WINAPI reader(void *arg)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    char buf[LINE_MAX_CHARS], c;
    size_t len = 0;
    DWORD got;

    (void)arg;
    while (ReadFile(in, &c, 1, &got, NULL) && got)
    {
        if (c != '\n')
        {
            if (len < sizeof(buf) - 1) buf[len++] = c;
            continue;
        }
        buf[len] = 0;
        memcpy(line, buf, len + 1);
        len = 0;
        SetEvent(line_ready);
        WaitForSingleObject(line_taken, INFINITE);
    }
    InterlockedExchange(&at_end, 1);
    SetEvent(line_ready);
    return 0;
}

static DWORD answer(round_fn round, const char *request)
{
    WCHAR id[LINE_MAX_CHARS];

    if (!strcmp(request, "round")) return round(NULL);
    if (strncmp(request, "online ", 7) || !MultiByteToWideChar(CP_UTF8, 0, request + 7, -1, id, LINE_MAX_CHARS))
        return ERROR_INVALID_PARAMETER;
    return round(id);
}

int main(int argc, char **argv)
{
    HMODULE clusapi = LoadLibraryA("clusapi.dll");
    round_fn round = clusapi ? (round_fn)(void *)GetProcAddress(clusapi, "WineClusCheckpointRound") : NULL;
    HANDLE thread;

    if (argc != 2 || strcmp(argv[1], "keep"))
    {
        fprintf(stderr, "usage: clusckpt keep\n");
        return ERROR_INVALID_PARAMETER;
    }
    if (!round)
    {
        fprintf(stderr, "clusckpt: this clusapi.dll has no WineClusCheckpointRound (error %lu)\n", GetLastError());
        return ERROR_PROC_NOT_FOUND;
    }
    line_ready = CreateEventW(NULL, FALSE, FALSE, NULL);
    line_taken = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (!line_ready || !line_taken || !(thread = CreateThread(NULL, 0, reader, NULL, 0, NULL)))
    {
        fprintf(stderr, "clusckpt: cannot start: error %lu\n", GetLastError());
        return (int)GetLastError();
    }
    CloseHandle(thread);
    for (;;)
    {
        if (WaitForSingleObject(line_ready, PERIOD_MS) != WAIT_OBJECT_0)
        {
            round(NULL);
            continue;
        }
        if (at_end) return 0;
        printf("%lu\n", answer(round, line));
        fflush(stdout);
        SetEvent(line_taken);
    }
}

/*
 * Worker threads: ClusWorkerCreate, ClusWorkerCheckTerminate,
 * ClusWorkerTerminate and the thread routine behind them, ClusWorkerStart.
 * A CLUS_WORKER holds only the thread and the stop request, so the routine
 * and its parameter travel to the thread in a block of their own.
 */
#include "resutils_private.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

struct start
{
    PCLUS_WORKER worker;
    PWORKER_START_ROUTINE routine;
    PVOID param;
};

DWORD WINAPI ClusWorkerStart(LPVOID lpThreadParameter)
{
    struct start start;

    TRACE("(%p)\n", lpThreadParameter);

    if (!lpThreadParameter) return ERROR_INVALID_PARAMETER;
    start = *(struct start *)lpThreadParameter;
    HeapFree(GetProcessHeap(), 0, lpThreadParameter);
    return start.routine(start.worker, start.param);
}

DWORD WINAPI ClusWorkerCreate(PCLUS_WORKER lpWorker, PWORKER_START_ROUTINE lpStartAddress, PVOID lpParameter)
{
    struct start *start;
    DWORD err;

    TRACE("(%p, %p, %p)\n", lpWorker, lpStartAddress, lpParameter);

    if (!lpWorker || !lpStartAddress) return ERROR_INVALID_PARAMETER;
    if (!(start = HeapAlloc(GetProcessHeap(), 0, sizeof(*start)))) return ERROR_NOT_ENOUGH_MEMORY;
    start->worker = lpWorker;
    start->routine = lpStartAddress;
    start->param = lpParameter;
    lpWorker->Terminate = FALSE;
    if (!(lpWorker->hThread = CreateThread(NULL, 0, ClusWorkerStart, start, 0, NULL)))
    {
        err = GetLastError();
        HeapFree(GetProcessHeap(), 0, start);
        return err;
    }
    return ERROR_SUCCESS;
}

BOOL WINAPI ClusWorkerCheckTerminate(PCLUS_WORKER lpWorker)
{
    TRACE("(%p)\n", lpWorker);

    /* No worker: nothing asks it to go on. */
    if (!lpWorker) return TRUE;
    return ((volatile CLUS_WORKER *)lpWorker)->Terminate;
}

VOID WINAPI ClusWorkerTerminate(PCLUS_WORKER lpWorker)
{
    TRACE("(%p)\n", lpWorker);

    if (!lpWorker || !lpWorker->hThread) return;
    ((volatile CLUS_WORKER *)lpWorker)->Terminate = TRUE;
    /* A worker stopping itself cannot wait for its own end. */
    if (GetThreadId(lpWorker->hThread) != GetCurrentThreadId())
        WaitForSingleObject(lpWorker->hThread, INFINITE);
    CloseHandle(lpWorker->hThread);
    lpWorker->hThread = NULL;
}

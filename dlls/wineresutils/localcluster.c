/*
 * The local cluster as resutils sees it: one handle for the process.
 */
#include "resutils_private.h"

static HCLUSTER cluster;
static SRWLOCK lock = SRWLOCK_INIT;

HCLUSTER local_cluster(DWORD *err)
{
    HCLUSTER ret;

    AcquireSRWLockExclusive(&lock);
    /* Failure is not remembered: the store may be reachable next time. */
    if (!cluster) cluster = OpenCluster(NULL);
    ret = cluster;
    *err = ret ? ERROR_SUCCESS : GetLastError();
    ReleaseSRWLockExclusive(&lock);
    return ret;
}

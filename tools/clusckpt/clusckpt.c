/*
 * clusckpt.exe: run by a node's cluster service with the node's Wine prefix
 * before it starts a resource's process there.  Opening the cluster applies
 * the checkpoints due in this prefix (of the resources its node owns) into
 * its registry and key containers; that is all it does.  Exit 0, or the
 * error OpenCluster gave.  docs/checkpoint-format.md.
 */
#include <windows.h>
#include <clusapi.h>
#include <stdio.h>

int main(void)
{
    HCLUSTER cluster = OpenCluster(NULL);
    DWORD err;

    if (!cluster)
    {
        err = GetLastError();
        fprintf(stderr, "clusckpt: OpenCluster: error %lu\n", err);
        return (int)err;
    }
    CloseCluster(cluster);
    return 0;
}

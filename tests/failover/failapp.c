/*
 * The Generic Application of the failover proof (tests/failover/run.sh): a
 * Windows program that says where it runs and then runs until killed.  It
 * writes C:\failapp.txt in the prefix it runs in: the node name that
 * `wineclus setup --node` recorded in that prefix's registry, its Windows
 * process id and the tag it was given, one line, so a test sees from the
 * outside in which prefix, as which node, it came up.
 *
 * Usage: failapp.exe TAG
 */
#include <windows.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char node[256] = "?";
    DWORD size = sizeof(node), type;
    HKEY key;
    FILE *f;

    if (argc != 2)
    {
        fprintf(stderr, "Usage: failapp.exe TAG\n");
        return 2;
    }
    if (!RegOpenKeyExA(HKEY_LOCAL_MACHINE, "Software\\Wine\\Cluster", 0, KEY_READ, &key))
    {
        if (RegQueryValueExA(key, "NodeName", NULL, &type, (BYTE *)node, &size) || type != REG_SZ)
            lstrcpyA(node, "?");
        RegCloseKey(key);
    }
    node[sizeof(node) - 1] = 0;
    /* Written whole, then renamed: a reader never sees half a line. */
    if (!(f = fopen("C:\\failapp.tmp", "w")))
        return 1;
    fprintf(f, "%s %lu %s\n", node, GetCurrentProcessId(), argv[1]);
    if (fclose(f) || !MoveFileExA("C:\\failapp.tmp", "C:\\failapp.txt", MOVEFILE_REPLACE_EXISTING))
        return 1;
    for (;;) Sleep(INFINITE);
}

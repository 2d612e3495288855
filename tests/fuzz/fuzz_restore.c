/* libFuzzer target: the whole backup-set reader (cs_restore) on a set whose
 * manifest is the input, over the files of a real set.  The target appends
 * the manifest's own SHA-256 line, so inputs reach the path, listing, size
 * and checksum rules instead of all dying at the signature.  The real set
 * comes from $FUZZ_SET (a folder holding a good backup set). */
#include "backup_internal.h"
#include "fuzz_scratch.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *set;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *from = getenv("FUZZ_SET");
    char cmd[8192];

    (void)argc; (void)argv;
    if (!from)
        abort();
    scratch_store("restore");
    set = scratch_beside(".set");
    snprintf(cmd, sizeof(cmd), "cp -a '%s' '%s' && chmod u+w '%s/%s'", from, set, set, CS_BACKUP_MANIFEST);
    if (system(cmd))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char md[32];
    char path[4200], line[80];
    int fd, i;

    EVP_Digest(data, size, md, NULL, EVP_sha256(), NULL);
    strcpy(line, "sha256 ");
    for (i = 0; i < 32; i++)
        sprintf(line + 7 + 2 * i, "%02x", md[i]);
    strcat(line, "\n");
    snprintf(path, sizeof(path), "%s/%s", set, CS_BACKUP_MANIFEST);
    fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size || write(fd, line, strlen(line)) != (ssize_t)strlen(line))
        abort();
    close(fd);
    cs_restore(store, set, 1, (size && data[0] == 'X') ? "Q:" : NULL, NULL);
    return 0;
}

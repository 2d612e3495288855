/*
 * The names of the files a backup set has in its folder, for the summary
 * of `wineclus backup`: the top-level files and those of the resource GUID
 * folders, sorted, relative to the folder.  Hidden names are the writer's
 * staging area, never part of a set.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backupset.h"
#include "wineclus.h"

struct names
{
    char  **items;
    size_t  n, cap;
};

static int add_name(struct names *l, const char *folder, const char *name)
{
    char *copy;

    if (l->n == l->cap)
    {
        size_t cap = l->cap ? 2 * l->cap : 32;
        char **items = realloc(l->items, cap * sizeof(*items));

        if (!items) return -1;
        l->items = items;
        l->cap = cap;
    }
    if (!(copy = malloc(strlen(folder) + strlen(name) + 2))) return -1;
    sprintf(copy, "%s%s%s", folder, folder[0] ? "/" : "", name);
    l->items[l->n++] = copy;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* folder: "" for the set's own folder, else a GUID folder inside it. */
static int scan(struct names *l, const char *dir, const char *folder)
{
    char path[4096];
    struct dirent *e;
    struct stat st;
    DIR *d;
    int rc = 0;

    snprintf(path, sizeof(path), "%s%s%s", dir, folder[0] ? "/" : "", folder);
    if (!(d = opendir(path))) return -1;
    while (!rc && (e = readdir(d)))
    {
        if (e->d_name[0] == '.') continue;
        /* d_type spares a stat per file (20 000 for 10 000 resources); some
         * file systems leave it DT_UNKNOWN. */
        if (e->d_type != DT_UNKNOWN) st.st_mode = DTTOIF(e->d_type);
        else if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW)) continue;
        if (S_ISDIR(st.st_mode) && !folder[0] && strlen(e->d_name) == CS_GUID_MAX - 1)
            rc = scan(l, dir, e->d_name);
        else if (S_ISREG(st.st_mode)) rc = add_name(l, folder, e->d_name);
    }
    closedir(d);
    return rc;
}

char **backup_files(const char *dir, size_t *n)
{
    struct names l = { NULL, 0, 0 };

    if (scan(&l, dir, ""))
    {
        free_backup_files(l.items, l.n);
        *n = 0;
        return NULL;
    }
    qsort(l.items, l.n, sizeof(*l.items), by_name);
    *n = l.n;
    return l.items;
}

const char *set_folder_hint(uint32_t err)
{
    switch (err)
    {
    case CS_ERROR_FILE_NOT_FOUND:
        return "Give the folder `wineclus backup` (or BackupClusterDatabase) wrote: its Clusbackup.dat marks\n"
               "a complete set.";
    case CS_ERROR_DIRECTORY: return "Give the path of the backup folder, not of a file in it.";
    case CS_ERROR_PATH_NOT_FOUND: return "Check the path of the backup folder.";
    }
    return NULL;
}

void free_backup_files(char **names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) free(names[i]);
    free(names);
}

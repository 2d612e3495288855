/*
 * How the store verbs report a failed operation: what went wrong, the
 * Windows error code with the store's detail (the same code a Windows
 * program would get from clusapi), and how to mend it.  Under --json the
 * same facts also go to stdout as the verb's one document, so scripts never
 * have to parse stderr.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "backupset.h"
#include "wineclus.h"

/* Advice that holds whatever the verb was doing. */
static const struct { uint32_t code; const char *hint; } hints[] =
{
    { CS_ERROR_CLUSTER_NODE_NOT_FOUND, "`wineclus node list` shows the nodes." },
    { CS_ERROR_GROUP_NOT_FOUND, "`wineclus group list` shows the groups." },
    { CS_ERROR_RESOURCE_NOT_FOUND, "`wineclus resource list` shows the resources." },
    { CS_ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, "`wineclus resource types` shows the resource types." },
    { CS_ERROR_OBJECT_ALREADY_EXISTS, "Names are unique in the cluster, whatever their case: choose another." },
    { CS_ERROR_CLUSTER_NODE_EXISTS, "Node names are unique in the cluster, whatever their case: choose another." },
    { CS_ERROR_ALREADY_EXISTS, "`wineclus checkpoint list` shows what is there already." },
    { CS_ERROR_DIR_NOT_EMPTY, "Remove its resources first (`wineclus resource list --group GROUP`)." },
    { CS_ERROR_DEPENDENT_RESOURCE_EXISTS,
      "Other resources depend on it (`wineclus resource show NAME`): remove them first." },
    { CS_ERROR_QUORUM_RESOURCE, "Make another resource the quorum first: `wineclus quorum set RESOURCE`." },
    { CS_ERROR_NOT_QUORUM_CAPABLE,
      "The quorum must be a Physical Disk, Majority Node Set or Local Quorum resource." },
    { CS_ERROR_CANT_EVICT_ACTIVE_NODE,
      "Move its groups to another node or remove them, stop its cluster service (`wineclus node stop`)\n"
      "and the programs of its Wine prefix;\n"
      "the last node of a cluster cannot be evicted." },
    { CS_ERROR_INVALID_NAME, "Names are UTF-8 text without control characters." },
    { CS_ERROR_BAD_ENVIRONMENT, "Unset WINECLUS_STORE for the default store, or set it to the store's folder." },
    { CS_ERROR_ACCESS_DENIED, "Check the owner and permissions of the store folder ($WINECLUS_STORE)." },
    { CS_ERROR_FILE_CORRUPT,
      "The store was left as it is: move it away, or restore it from a backup (`wineclus restore DIR`)." },
    { CS_ERROR_BUSY, "Another program kept the store busy: try again." },
    { CS_ERROR_DISK_FULL, "Free some space on that file system and try again." },
    { CS_ERROR_DATABASE_BACKUP_CORRUPT, "That backup set cannot be trusted: restore from another one." },
    { CS_ERROR_SHARING_VIOLATION,
      "Another program holds the backup folder's lock: let it finish, or wait longer with\n"
      "WINECLUS_LOCK_WAIT=SECONDS (default 60)." },
};

static const char *hint_for(uint32_t code)
{
    size_t i;

    for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
        if (hints[i].code == code) return hints[i].hint;
    return NULL;
}

static int vreport(uint32_t code, const char *detail, const char *hint, const char *fmt, va_list ap)
{
    char *what = NULL;

    /* Whole, however long the names in it: a cut name cannot be looked up. */
    if (vasprintf(&what, fmt, ap) < 0) what = NULL;
    if (!what) abort();
    if (!hint) hint = hint_for(code);
    if (detail && *detail) text_printf(stderr, "wineclus: %s (error %u: %s)\n", what, code, detail);
    else text_printf(stderr, "wineclus: %s (error %u)\n", what, code);
    if (hint)
    {
        const char *p;

        /* Every line of the advice indented, so it reads as one block. */
        fputs("  ", stderr);
        for (p = hint; *p; p++)
        {
            if (*p == '\n') fputs("\n  ", stderr);
            else fputc(*p, stderr);
        }
        fputc('\n', stderr);
    }
    if (json_output)
    {
        json_open(NULL, '{');
        json_open("error", '{');
        json_uint("code", code);
        json_str("message", what);
        json_str("detail", detail ? detail : "");
        json_str("hint", hint);
        json_close('}');
        json_close('}');
    }
    free(what);
    return EXIT_FAILED;
}

int report_failure(uint32_t code, const char *detail, const char *hint, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = vreport(code, detail, hint, fmt, ap);
    va_end(ap);
    return rc;
}

int store_fail(cs_store *s, uint32_t err, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = vreport(err, cs_errmsg(s), NULL, fmt, ap);
    va_end(ap);
    return rc;
}

/*
 * What `wineclus setup` recorded in a prefix: the string values of
 * HKLM\Software\Wine\Cluster, read from the prefix's system.reg as Wine
 * writes it, so the tool needs no running Wine to know a prefix's node.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "wineclus.h"

/* Wine's quoting of a REG_SZ: \\ and \" stand for themselves; any other
 * escape (\x{...} for what is not ASCII) is not a name or path we take. */
static int unquote(const char *from, char *buf, size_t size)
{
    size_t n = 0;

    for (; *from && *from != '"'; from++)
    {
        if (*from == '\\' && (from[1] == '\\' || from[1] == '"')) from++;
        else if (*from == '\\') return 0;
        if (n + 1 >= size) return 0;
        buf[n++] = *from;
    }
    buf[n] = 0;
    return *from == '"';
}

int prefix_setting(const char *prefix, const char *name, char *buf, size_t size)
{
    char path[PATH_MAX], line[PATH_MAX + 64], want[64];
    int in_key = 0, found = 0;
    size_t len;
    FILE *f;

    snprintf(path, sizeof(path), "%s/system.reg", prefix);
    len = (size_t)snprintf(want, sizeof(want), "\"%s\"=\"", name);
    if (!(f = fopen(path, "r"))) return 0;
    while (!found && fgets(line, sizeof(line), f))
    {
        if (line[0] == '[') in_key = !strncasecmp(line, "[Software\\\\Wine\\\\Cluster]", 25);
        else if (in_key && !strncmp(line, want, len)) found = unquote(line + len, buf, size);
    }
    fclose(f);
    return found;
}

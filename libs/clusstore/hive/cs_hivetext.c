/* What the hive's writer and reader agree on: which values come from typed
 * columns, what a path is, and strings as the registry keeps them (UTF-16LE). */
#include "cs_chkhive.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct { enum cs__regkind kind; int cls; const char *name; } columns[] = {
    { CS__REG_ROOT, -1, "ClusterName" },
    { CS__REG_ROOT, -1, "ClusterInstanceID" },
    { CS__REG_OBJECT, CS__CLS_QUORUM, "Path" },
    { CS__REG_OBJECT, CS__CLS_QUORUM, "Resource" },
    { CS__REG_OBJECT, CS__CLS_QUORUM, "MaxQuorumLogSize" },
    { CS__REG_OBJECT, CS__CLS_NODES, "NodeName" },
    { CS__REG_OBJECT, CS__CLS_TYPES, "Name" },
    { CS__REG_OBJECT, CS__CLS_TYPES, "DllName" },
    { CS__REG_OBJECT, CS__CLS_GROUPS, "Name" },
    { CS__REG_OBJECT, CS__CLS_GROUPS, "Contains" },
    { CS__REG_OBJECT, CS__CLS_RESOURCES, "Name" },
    { CS__REG_OBJECT, CS__CLS_RESOURCES, "Type" },
    { CS__REG_OBJECT, CS__CLS_RESOURCES, "DependsOn" },
    { CS__REG_OBJECT, CS__CLS_NETWORKS, "Name" },
    { CS__REG_OBJECT, CS__CLS_NETWORKS, "Address" },
    { CS__REG_OBJECT, CS__CLS_NETWORKS, "AddressMask" },
    { CS__REG_OBJECT, CS__CLS_NETIFS, "Name" },
    { CS__REG_OBJECT, CS__CLS_NETIFS, "Node" },
    { CS__REG_OBJECT, CS__CLS_NETIFS, "Network" },
    { CS__REG_OBJECT, CS__CLS_NETIFS, "AdapterName" },
    { CS__REG_OBJECT, CS__CLS_NETIFS, "Address" },
};

int cs__hive_is_column(enum cs__regkind kind, int cls, const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
        if (columns[i].kind == kind && columns[i].cls == cls && !strcasecmp(columns[i].name, name))
            return 1;
    return 0;
}

enum cs__regkind cs__hive_path_kind(const char *path, int *cls)
{
    const char *second, *third;
    char first[CS_NAME_MAX];
    size_t len;

    *cls = -1;
    if (!*path)
        return CS__REG_ROOT;
    len = strcspn(path, "\\");
    if (len >= sizeof(first))
        return CS__REG_STORED;
    memcpy(first, path, len);
    first[len] = 0;
    if ((*cls = cs__reg_class_of(first)) < 0)
        return CS__REG_STORED;
    if (!path[len])
        return *cls == CS__CLS_QUORUM ? CS__REG_OBJECT : CS__REG_CLASS;
    second = path + len + 1;
    if (*cls == CS__CLS_QUORUM)
        return CS__REG_STORED;
    if (!(third = strchr(second, '\\')))
        return CS__REG_OBJECT;
    if (*cls == CS__CLS_RESOURCES && !strcasecmp(third + 1, "Parameters"))
        return CS__REG_PARAMS;
    return CS__REG_STORED;
}

int cs__hive_to_utf16(const char *data, size_t n, char **out, size_t *outn)
{
    /* cs_utf8_next may look 3 bytes past a character: data need not end in NUL. */
    char *p = calloc(1, n + 4);
    unsigned char *o = malloc(n * 2 + 2), *w = o;
    size_t i = 0, len;
    uint32_t cp;

    if (!o || !p) {
        free(o);
        free(p);
        return 0;
    }
    memcpy(p, data, n);
    while (i < n) {
        if (!p[i]) {
            cp = 0;
            len = 1;
        } else if (!(len = cs_utf8_next(p + i, &cp)) || i + len > n) {
            free(o);
            free(p);
            return 0;
        }
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xd800 | (v >> 10), lo = 0xdc00 | (v & 0x3ff);
            *w++ = hi & 0xff; *w++ = hi >> 8; *w++ = lo & 0xff; *w++ = lo >> 8;
        } else {
            *w++ = cp & 0xff;
            *w++ = cp >> 8;
        }
        i += len;
    }
    free(p);
    *out = (char *)o;
    *outn = (size_t)(w - o);
    return 1;
}

int cs__hive_from_utf16(const char *p, size_t n, char **out, size_t *outn)
{
    const unsigned char *u = (const unsigned char *)p;
    unsigned char *o = malloc(n / 2 * 3 + 1), *w = o;
    size_t i;

    if (!o)
        return 0;
    for (i = 0; i + 1 < n; i += 2) {
        uint32_t cp = u[i] | (uint32_t)u[i + 1] << 8;
        if (cp >= 0xdc00 && cp < 0xe000)
            break;
        if (cp >= 0xd800 && cp < 0xdc00) {
            uint32_t lo = i + 3 < n ? (u[i + 2] | (uint32_t)u[i + 3] << 8) : 0;
            if (lo < 0xdc00 || lo >= 0xe000)
                break;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i += 2;
        }
        if (cp < 0x80)
            *w++ = (unsigned char)cp;
        else if (cp < 0x800) {
            *w++ = 0xc0 | cp >> 6; *w++ = 0x80 | (cp & 0x3f);
        } else if (cp < 0x10000) {
            *w++ = 0xe0 | cp >> 12; *w++ = 0x80 | ((cp >> 6) & 0x3f); *w++ = 0x80 | (cp & 0x3f);
        } else {
            *w++ = 0xf0 | cp >> 18; *w++ = 0x80 | ((cp >> 12) & 0x3f); *w++ = 0x80 | ((cp >> 6) & 0x3f);
            *w++ = 0x80 | (cp & 0x3f);
        }
    }
    if (i + 1 < n) {
        free(o);
        return 0;
    }
    *w = 0;
    *out = (char *)o;
    *outn = (size_t)(w - o);
    return 1;
}

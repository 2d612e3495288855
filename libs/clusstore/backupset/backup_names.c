/* The names that make up a backup set: what we may create, replace and
 * delete in a folder that may also hold the user's own files. */
#include "backup_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_hex(char c, int upper_only)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (!upper_only && c >= 'a' && c <= 'f');
}

int bk_is_guid(const char *name)
{
    static const char form[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    size_t i;

    if (strlen(name) != sizeof(form) - 1)
        return 0;
    for (i = 0; form[i]; i++) {
        if (form[i] == '-' ? name[i] != '-' : !((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
            return 0;
    }
    return 1;
}

/* Windows names are case-insensitive, so "CHK1234.TMP" from a copy made on
 * Windows is ours too; GUID folders are compared the same way. */
static int is_any_guid(const char *name)
{
    char low[CS_GUID_MAX];
    size_t i, n = strlen(name);

    if (n != CS_GUID_MAX - 1)
        return 0;
    for (i = 0; i <= n; i++)
        low[i] = (name[i] >= 'A' && name[i] <= 'F') ? (char)(name[i] - 'A' + 'a') : name[i];
    return bk_is_guid(low);
}

int bk_name_kind(const char *name)
{
    size_t i;

    if (!strcasecmp(name, CS_BACKUP_MARKER))
        return BK_NAME_MARKER;
    if (!strcasecmp(name, CS_BACKUP_LOG))
        return BK_NAME_LOG;
    if (!strcasecmp(name, CS_BACKUP_MANIFEST))
        return BK_NAME_MANIFEST;
    if (strlen(name) == 11 && !strncasecmp(name, "chk", 3) && !strcasecmp(name + 7, ".tmp")) {
        for (i = 3; i < 7 && is_hex(name[i], 0); i++)
            ;
        if (i == 7)
            return BK_NAME_CHK;
    }
    if (is_any_guid(name))
        return BK_NAME_GUID;
    return BK_NAME_FOREIGN;
}

int bk_parse_ckpt_name(const char *name, uint32_t *index, int *kind)
{
    uint32_t v = 0;
    size_t i;

    if (strlen(name) != 12 || name[8] != '.')
        return 0;
    for (i = 0; i < 8; i++) {
        if (!is_hex(name[i], 1))
            return 0;
        v = v * 16 + (uint32_t)(name[i] <= '9' ? name[i] - '0' : name[i] - 'A' + 10);
    }
    if (!strcmp(name + 9, "CPT"))
        *kind = CS_CKPT_REGISTRY;
    else if (!strcmp(name + 9, "CPR"))
        *kind = CS_CKPT_CRYPTO;
    else
        return 0;
    if (v == 0)
        return 0;
    *index = v;
    return 1;
}

void bk_chk_name(uint64_t log_seq, char out[16])
{
    snprintf(out, 16, "chk%04X.tmp", (unsigned)(log_seq & 0xFFFFu));
}

void bk_ckpt_name(uint32_t index, int kind, char out[16])
{
    snprintf(out, 16, CS_CKPT_FILE_STEM ".%s", (unsigned)index, kind == CS_CKPT_CRYPTO ? "CPR" : "CPT");
}

/* Windows file systems ignore case, so a set copied through Windows or a
 * tape tool may come back as "CHK007B.TMP", "{GUID}" folders in upper case
 * or "CLUSBACKUP.DAT": each is read as the name the set itself writes. */
int bk_canonical_name(const char *name, int in_guid, char out[BK_REL_MAX])
{
    uint32_t index;
    size_t i, n = strlen(name);
    int kind;

    if (n >= BK_REL_MAX)
        return 0;
    if (in_guid) {
        for (i = 0; i <= n; i++)
            out[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
        return bk_parse_ckpt_name(out, &index, &kind);
    }
    switch (bk_name_kind(name)) {
    case BK_NAME_MARKER:   snprintf(out, BK_REL_MAX, "%s", CS_BACKUP_MARKER); return 1;
    case BK_NAME_MANIFEST: snprintf(out, BK_REL_MAX, "%s", CS_BACKUP_MANIFEST); return 1;
    case BK_NAME_LOG:      snprintf(out, BK_REL_MAX, "%s", CS_BACKUP_LOG); return 1;
    case BK_NAME_CHK:
        for (i = 0; i <= n; i++)
            out[i] = (i >= 3 && i < 7 && name[i] >= 'a' && name[i] <= 'f') ? (char)(name[i] - 32)
                   : (i < 3 || i >= 7) && name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] + 32) : name[i];
        return 1;
    case BK_NAME_GUID:
        for (i = 0; i <= n; i++)
            out[i] = (name[i] >= 'A' && name[i] <= 'F') ? (char)(name[i] + 32) : name[i];
        return 1;
    }
    return 0;
}

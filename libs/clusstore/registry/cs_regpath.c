/* What a cluster registry path names: the root, a class key, an object's
 * key (made from the typed tables), Parameters, or a key made through the
 * registry (docs/cluster-registry.md). */
#include "cs_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    const char *lookup; /* the object's id from the key's name, NULL: a class without objects */
} classes[CS__CLS_COUNT] = {
    [CS__CLS_GROUPS] = { "Groups", "SELECT id FROM grp WHERE id = ?" },
    [CS__CLS_RESOURCES] = { "Resources", "SELECT id FROM resource WHERE id = ?" },
    [CS__CLS_TYPES] = { "ResourceTypes", "SELECT name FROM restype WHERE name = ?" },
    [CS__CLS_NODES] = { "Nodes", "SELECT id FROM node WHERE id = CAST(?1 AS INTEGER) AND CAST(id AS TEXT) = ?1" },
    [CS__CLS_NETWORKS] = { "Networks", "SELECT id FROM network WHERE id = ?1" },
    [CS__CLS_NETIFS] = { "NetworkInterfaces", "SELECT id FROM netif WHERE id = ?1" },
    [CS__CLS_QUORUM] = { "Quorum", NULL },
};

const char *cs__reg_class_name(int cls)
{
    return cls >= 0 && cls < CS__CLS_COUNT ? classes[cls].name : NULL;
}

int cs__reg_class_of(const char *name)
{
    int i;

    for (i = 0; i < CS__CLS_COUNT; i++)
        if (!strcasecmp(name, classes[i].name))
            return i;
    return -1;
}

/* The object named by the second component, as its id; 0 if there is none. */
static uint32_t find_object(cs_store *s, int cls, const char *name, char *id, int *found)
{
    char guid[CS_GUID_MAX];
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    *found = 0;
    if (!classes[cls].lookup)
        return 0;
    if (cls == CS__CLS_GROUPS || cls == CS__CLS_RESOURCES) {
        if (!cs__norm_guid(name, guid) || strchr(name, '{'))
            return 0;
        name = guid;
    }
    if ((err = cs__prep(s, &st, classes[cls].lookup, "t", name)))
        return err;
    err = cs__step(s, st, &row);
    if (!err && row) {
        cs__copy(id, CS_NAME_MAX, sqlite3_column_text(st, 0));
        *found = 1;
    }
    cs__done(s, st);
    return err;
}

/* The stored spelling of a key made through the registry; *found 0 if none. */
static uint32_t find_stored(cs_store *s, const char *path, char *canon, int *found)
{
    sqlite3_stmt *st;
    uint32_t err;
    int row;

    if ((err = cs__prep(s, &st, "SELECT path FROM regkey WHERE path = ?", "t", path)))
        return err;
    err = cs__step(s, st, &row);
    *found = !err && row;
    if (*found)
        cs__copy(canon, CS_PATH_MAX, sqlite3_column_text(st, 0));
    cs__done(s, st);
    return err;
}

static uint32_t check_path(cs_store *s, const char *text)
{
    char comp[CS_PATH_MAX], why[64];
    const char *p = text, *end;
    uint32_t code;

    if (strnlen(text, CS_PATH_MAX) >= CS_PATH_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "registry path is longer than %d bytes", CS_PATH_MAX - 1);
    if (!*text)
        return 0;
    for (;;) {
        end = strchr(p, '\\');
        snprintf(comp, sizeof(comp), "%.*s", (int)(end ? (size_t)(end - p) : strlen(p)), p);
        if ((code = cs__text_flaw(comp, 1, CS_NAME_MAX - 1, why, sizeof(why)))) {
            char esc[CS_ESCAPE_MAX];
            cs__escape(esc, sizeof(esc), text);
            return cs__fail(s, code, "registry path \"%s\": a key name %s", esc, why);
        }
        if (!end)
            return 0;
        p = end + 1;
    }
}

/* Appends "\\comp" (or comp at the start) to out. */
static void append(char *out, const char *comp, size_t len)
{
    size_t have = strlen(out);

    snprintf(out + have, CS_PATH_MAX - have, "%s%.*s", have ? "\\" : "", (int)len, comp);
}

static uint32_t not_found(cs_store *s, const char *text)
{
    char esc[CS_ESCAPE_MAX];

    cs__escape(esc, sizeof(esc), text);
    return cs__fail(s, CS_ERROR_FILE_NOT_FOUND, "no registry key \"%s\"", esc);
}

uint32_t cs__reg_resolve(cs_store *s, const char *text, cs__regpath *out, int create)
{
    char comp[CS_NAME_MAX];
    const char *p, *end;
    uint32_t err;
    size_t len;
    int depth = 0, found;

    memset(out, 0, sizeof(*out));
    out->cls = -1;
    out->exists = 1;
    if (!text)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no registry path");
    if ((err = check_path(s, text)))
        return err;
    out->kind = CS__REG_ROOT;
    for (p = text; *p; p = end + !!*end) {
        end = p + strcspn(p, "\\");
        len = (size_t)(end - p);
        if (!out->exists) {
            if (!create)
                return not_found(s, text);
            if ((err = cs__exec(s, "INSERT INTO regkey VALUES(?, x'')", "t", out->path)))
                return err;
            out->exists = out->created = 1;
        }
        snprintf(comp, sizeof(comp), "%.*s", (int)len, p);
        if (++depth == 1 && (out->cls = cs__reg_class_of(comp)) >= 0) {
            append(out->path, classes[out->cls].name, strlen(classes[out->cls].name));
            out->kind = out->cls == CS__CLS_QUORUM ? CS__REG_OBJECT : CS__REG_CLASS;
            continue;
        }
        if (out->kind == CS__REG_CLASS) {
            if ((err = find_object(s, out->cls, comp, out->object, &found)))
                return err;
            if (!found)
                return not_found(s, text);
            append(out->path, out->object, strlen(out->object));
            out->kind = CS__REG_OBJECT;
            continue;
        }
        if (out->kind == CS__REG_OBJECT && out->cls == CS__CLS_RESOURCES && len == 10 &&
            !strncasecmp(p, "Parameters", len)) {
            append(out->path, "Parameters", len);
            out->kind = CS__REG_PARAMS;
            continue;
        }
        append(out->path, p, len);
        out->kind = CS__REG_STORED;
        if ((err = find_stored(s, out->path, out->path, &out->exists)))
            return err;
    }
    if (create && !out->exists) {
        if ((err = cs__exec(s, "INSERT INTO regkey VALUES(?, x'')", "t", out->path)))
            return err;
        out->exists = out->created = 1;
    }
    return 0;
}

/* A row the registry calls cannot reach, or could not have made. */
static uint32_t check_row(cs_store *s, const char *key, const char *value, const char **why)
{
    cs__regpath p;
    uint32_t err = cs__reg_resolve(s, key, &p, 0);

    if (err == CS_RETRY || err == CS_ERROR_NOT_ENOUGH_MEMORY || err == CS_ERROR_DATABASE_FAILURE)
        return err;
    if (err || !p.exists || strcmp(p.path, key))
        *why = value ? "a registry value of a missing key" : "a registry key under a missing key or object";
    else if (value && (p.kind == CS__REG_CLASS || cs__text_flaw(value, 0, CS_NAME_MAX - 1, NULL, 0) ||
                       cs__reg_is_synthetic(&p, value)))
        *why = "a registry value the registry would refuse";
    return 0;
}

uint32_t cs__reg_check_rows(cs_store *s, const char **why)
{
    static const char *const sql[] = { "SELECT path, NULL FROM regkey", "SELECT key, name FROM regval" };
    sqlite3_stmt *st;
    uint32_t err = 0;
    size_t i;
    int row;

    *why = NULL;
    for (i = 0; i < 2 && !err && !*why; i++) {
        if ((err = cs__prep(s, &st, sql[i], "")))
            return err;
        while (!*why && !(err = cs__step(s, st, &row)) && row)
            err = check_row(s, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                            why);
        cs__done(s, st);
    }
    return err;
}

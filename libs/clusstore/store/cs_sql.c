/* Thin prepare/bind/step wrappers so callers deal in Windows error codes. */
#include "cs_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static uint32_t bindv(cs_store *s, sqlite3_stmt *st, const char *types, va_list ap)
{
    int i, rc = SQLITE_OK;

    for (i = 0; types && types[i]; i++) {
        switch (types[i]) {
        case 't':
            rc = sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
            break;
        case 'n': {
            const char *t = va_arg(ap, const char *);
            rc = t ? sqlite3_bind_text(st, i + 1, t, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i + 1);
            break;
        }
        case 'i':
            rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'b': {
            const void *p = va_arg(ap, const void *);
            size_t n = va_arg(ap, size_t);
            /* A zero-length non-NULL blob keeps "empty value" distinct from NULL. */
            rc = sqlite3_bind_blob64(st, i + 1, p ? p : "", n, SQLITE_TRANSIENT);
            break;
        }
        default:
            return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "internal: bad bind type '%c'", types[i]);
        }
        if (rc != SQLITE_OK)
            return cs__sqlfail(s, rc, "bind");
    }
    return 0;
}

/* Preparing costs more than running most of our statements (a sixth of a
 * 10 000-resource backup went to SQLite's parser, and a statement that
 * fires triggers costs more), so a finished statement is kept, reset, for
 * the next caller with the same text; when all slots are taken the one
 * used longest ago gives way (the open's per-table checks would otherwise
 * hold slots for good, and a restore's statements be parsed every time). */
static sqlite3_stmt *cached(cs_store *s, const char *sql)
{
    size_t i;

    for (i = 0; i < CS__STMT_CACHE && s->stmt_cache[i]; i++)
        if (!s->stmt_busy[i] && !strcmp(sqlite3_sql(s->stmt_cache[i]), sql)) {
            s->stmt_busy[i] = 1;
            s->stmt_used[i] = ++s->stmt_clock;
            return s->stmt_cache[i];
        }
    return NULL;
}

void cs__done(cs_store *s, sqlite3_stmt *st)
{
    size_t i, old = CS__STMT_CACHE;

    if (!st)
        return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (i = 0; i < CS__STMT_CACHE; i++) {
        if (s->stmt_cache[i] == st) {
            s->stmt_busy[i] = 0;
            return;
        }
        if (!s->stmt_cache[i])
            break;
        if (!s->stmt_busy[i] && (old == CS__STMT_CACHE || s->stmt_used[i] < s->stmt_used[old]))
            old = i;
    }
    if (i == CS__STMT_CACHE) {
        if (old == CS__STMT_CACHE) {
            sqlite3_finalize(st);
            return;
        }
        sqlite3_finalize(s->stmt_cache[old]);
        i = old;
    }
    s->stmt_cache[i] = st;
    s->stmt_busy[i] = 0;
    s->stmt_used[i] = ++s->stmt_clock;
}

void cs__stmt_cache_clear(cs_store *s)
{
    size_t i;

    for (i = 0; i < CS__STMT_CACHE; i++) {
        sqlite3_finalize(s->stmt_cache[i]);
        s->stmt_cache[i] = NULL;
        s->stmt_busy[i] = 0;
    }
}

uint32_t cs__prep(cs_store *s, sqlite3_stmt **st, const char *sql, const char *types, ...)
{
    va_list ap;
    uint32_t err;
    int rc = SQLITE_OK;

    if (!(*st = cached(s, sql)))
        rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc != SQLITE_OK) {
        *st = NULL;
        return cs__sqlfail(s, rc, "prepare");
    }
    va_start(ap, types);
    err = bindv(s, *st, types, ap);
    va_end(ap);
    if (err) {
        cs__done(s, *st);
        *st = NULL;
    }
    return err;
}

uint32_t cs__step(cs_store *s, sqlite3_stmt *st, int *row)
{
    int rc = sqlite3_step(st);

    *row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return cs__fail(s, CS_ERROR_OBJECT_ALREADY_EXISTS, "constraint: %s", sqlite3_errmsg(s->db));
    return cs__sqlfail(s, rc, "step");
}

uint32_t cs__exec(cs_store *s, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    uint32_t err;
    int row, rc = SQLITE_OK;

    if (!(st = cached(s, sql)))
        rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK)
        return cs__sqlfail(s, rc, "prepare");
    va_start(ap, types);
    err = bindv(s, st, types, ap);
    va_end(ap);
    while (!err) {
        err = cs__step(s, st, &row);
        if (!row)
            break;
    }
    cs__done(s, st);
    return err;
}

void cs__copy(char *dst, size_t n, const unsigned char *src)
{
    size_t len = src ? strlen((const char *)src) : 0;

    if (len >= n)
        len = n - 1;
    if (len)
        memcpy(dst, src, len);
    dst[len] = 0;
}

uint32_t cs__vec_push(cs_store *s, cs__vec *v, const void *item)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        void *p = realloc(v->items, cap * v->size);
        if (!p)
            return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
        v->items = p;
        v->cap = cap;
    }
    memcpy((char *)v->items + v->n * v->size, item, v->size);
    v->n++;
    return 0;
}

void cs_free(void *p)
{
    free(p);
}

uint32_t cs__read_vec(cs_store *s, cs__txfn fn, void *arg, cs__vec *v, void *arr, size_t *n)
{
    void **out = arr;
    uint32_t err;

    if (!arr || !n)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no output");
    err = cs__read(s, fn, arg);
    if (err) {
        free(v->items);
        v->items = NULL;
        v->n = 0;
    }
    *out = v->items;
    *n = v->n;
    return err;
}

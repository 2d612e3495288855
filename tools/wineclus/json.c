/*
 * The one JSON writer of the store verbs.  A verb writes exactly one
 * document to stdout; commas, indentation and escaping live here so that no
 * verb can emit invalid JSON by forgetting one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

#define JSON_DEPTH_MAX 16

int json_output;
int json_lines;

static int depth;
static int has_items[JSON_DEPTH_MAX];

static void json_string(const char *text)
{
    const char *p = text;
    uint32_t cp;
    size_t n;

    putchar('"');
    while (*p)
    {
        /* A byte that is not UTF-8 (a store written by other means, a name
         * typed in another encoding) becomes U+FFFD: the document stays
         * valid, and no JSON reader has a way to carry the byte itself. */
        if (!(n = cs_utf8_next(p, &cp))) fputs("\\ufffd", stdout), n = 1;
        else if (*p == '"' || *p == '\\') printf("\\%c", *p);
        else if (*p == '\n') fputs("\\n", stdout);
        else if (*p == '\t') fputs("\\t", stdout);
        else if (shown_escaped(cp)) printf("\\u%04x", (unsigned)cp);
        else fwrite(p, 1, n, stdout);
        p += n;
    }
    putchar('"');
}

/* Everything that starts a value: the comma after the previous sibling,
 * the indentation, and the key when the container is an object. */
static void begin_value(const char *key)
{
    if (depth)
    {
        if (json_lines) fputs(has_items[depth - 1] ? ", " : "", stdout);
        else printf("%s\n%*s", has_items[depth - 1] ? "," : "", depth * 2, "");
        has_items[depth - 1] = 1;
    }
    if (key)
    {
        json_string(key);
        fputs(": ", stdout);
    }
}

void json_open(const char *key, char bracket)
{
    /* No verb nests that deep: reaching it is a bug in the verb. */
    if (depth == JSON_DEPTH_MAX) abort();
    begin_value(key);
    putchar(bracket);
    has_items[depth++] = 0;
}

void json_close(char bracket)
{
    depth--;
    if (has_items[depth] && !json_lines) printf("\n%*s", depth * 2, "");
    putchar(bracket);
    if (!depth) putchar('\n');
}

void json_str(const char *key, const char *value)
{
    begin_value(key);
    if (value) json_string(value);
    else fputs("null", stdout);
}

void json_uint(const char *key, uint64_t value)
{
    begin_value(key);
    printf("%llu", (unsigned long long)value);
}

void json_int(const char *key, int64_t value)
{
    begin_value(key);
    printf("%lld", (long long)value);
}

void json_bool(const char *key, int value)
{
    begin_value(key);
    fputs(value ? "true" : "false", stdout);
}

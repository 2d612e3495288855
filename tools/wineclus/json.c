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

static int depth;
static int has_items[JSON_DEPTH_MAX];

/* Store strings are UTF-8 by contract, but names typed on a command line
 * need not be: a stray byte becomes U+FFFD so the document stays valid. */
static size_t utf8_len(const unsigned char *p)
{
    size_t n, i;
    uint32_t cp;

    if (p[0] < 0x80) return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf) n = 2, cp = p[0] & 0x1f;
    else if (p[0] >= 0xe0 && p[0] <= 0xef) n = 3, cp = p[0] & 0x0f;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4) n = 4, cp = p[0] & 0x07;
    else return 0;
    for (i = 1; i < n; i++)
    {
        if ((p[i] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

static void json_string(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n;

    putchar('"');
    while (*p)
    {
        if (*p == '"' || *p == '\\') printf("\\%c", *p++);
        else if (*p == '\n') fputs("\\n", stdout), p++;
        else if (*p == '\t') fputs("\\t", stdout), p++;
        else if (*p < 0x20 || *p == 0x7f) printf("\\u%04x", *p++);
        else if (!(n = utf8_len(p))) fputs("\\ufffd", stdout), p++;
        else
        {
            fwrite(p, 1, n, stdout);
            p += n;
        }
    }
    putchar('"');
}

/* Everything that starts a value: the comma after the previous sibling,
 * the indentation, and the key when the container is an object. */
static void begin_value(const char *key)
{
    if (depth)
    {
        printf("%s\n%*s", has_items[depth - 1] ? "," : "", depth * 2, "");
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
    if (has_items[depth]) printf("\n%*s", depth * 2, "");
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

/*
 * The one text writer of the tool.  Names, keys, paths, log records and
 * error details come from the store, and a store can be written by other
 * means (another version, a hand-edited cluster.db): printed raw, an ESC
 * sequence in a name would run in the user's terminal and a newline would
 * forge a line.  So every %s argument printed as text is escaped here, and
 * only the tool's own format strings reach the terminal as they are.
 *
 * The escaping (documented in `wineclus --help` and the README):
 *   - a byte that is not part of UTF-8, and each byte of a control
 *     character (C0, DEL, C1) or of a character that can make text look
 *     other than it is (U+2028, U+2029, the bidirectional marks, embeddings,
 *     overrides and isolates), is written \xNN (two lowercase hex digits);
 *   - a backslash is written \\ when \x or \\ would follow it, so
 *     "\x41" in a name shows as \\x41 and never reads as an escape;
 *   - everything else, other backslashes included, is written as it is, so
 *     Windows paths and registry keys read as they are.
 * Reading it back: \\ is one backslash, \xNN the byte NN, any other
 * backslash itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

int shown_escaped(uint32_t cp)
{
    return CS_IS_CONTROL(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The length of the character at p; *esc: it is written as \xNN. */
static size_t char_len(const char *p, int *esc)
{
    uint32_t cp;
    size_t n = cs_utf8_next(p, &cp);

    *esc = !n || shown_escaped(cp);
    return n ? n : 1;
}

static char *escape(const char *text)
{
    static const char hex[] = "0123456789abcdef";
    const char *p = text ? text : "(null)";
    char *out = malloc(strlen(p) * 4 + 1), *o = out;
    int esc, next_esc;
    size_t n;

    if (!out) abort();
    for (; *p; p += n)
    {
        n = char_len(p, &esc);
        if (esc)
        {
            for (const char *e = p + n; p < e; p++)
            {
                *o++ = '\\';
                *o++ = 'x';
                *o++ = hex[(unsigned char)*p >> 4];
                *o++ = hex[(unsigned char)*p & 15];
            }
            n = 0;
            continue;
        }
        if (*p == '\\' && (p[1] == '\\' || p[1] == 'x' || (p[1] && (char_len(p + 1, &next_esc), next_esc))))
            *o++ = '\\';
        memcpy(o, p, n);
        o += n;
    }
    *o = 0;
    return out;
}

/* One conversion of a printf format: spec is "%...c" with its flags, width,
 * precision and length; stars take their int from the arguments first. */
static void convert(FILE *f, const char *spec, size_t len, va_list *ap)
{
    char conv = spec[len - 1], one[40];
    int star[2] = { 0, 0 }, nstar = 0;
    const char *l = spec + strcspn(spec, "hlzjtL");
    size_t i;

    if (len >= sizeof(one)) abort();
    memcpy(one, spec, len);
    one[len] = 0;
    for (i = 0; i < len; i++)
        if (spec[i] == '*' && nstar < 2) star[nstar++] = va_arg(*ap, int);
#define EMIT(value) \
    (nstar == 2 ? fprintf(f, one, star[0], star[1], value) : nstar ? fprintf(f, one, star[0], value) \
                                                                  : fprintf(f, one, value))
    switch (conv)
    {
    case 's':
    {
        char *text = escape(va_arg(*ap, const char *));
        EMIT(text);
        free(text);
        break;
    }
    case 'c':
        EMIT(va_arg(*ap, int));
        break;
    case 'd': case 'i':
        if (l[0] == 'l' && l[1] == 'l') EMIT(va_arg(*ap, long long));
        else if (l[0] == 'l') EMIT(va_arg(*ap, long));
        else if (l[0] == 'z' || l[0] == 't') EMIT(va_arg(*ap, ptrdiff_t));
        else if (l[0] == 'j') EMIT(va_arg(*ap, intmax_t));
        else EMIT(va_arg(*ap, int));
        break;
    case 'u': case 'x': case 'X': case 'o':
        if (l[0] == 'l' && l[1] == 'l') EMIT(va_arg(*ap, unsigned long long));
        else if (l[0] == 'l') EMIT(va_arg(*ap, unsigned long));
        else if (l[0] == 'z' || l[0] == 't') EMIT(va_arg(*ap, size_t));
        else if (l[0] == 'j') EMIT(va_arg(*ap, uintmax_t));
        else EMIT(va_arg(*ap, unsigned int));
        break;
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        if (l[0] == 'L') EMIT(va_arg(*ap, long double));
        else EMIT(va_arg(*ap, double));
        break;
    case 'p':
        EMIT(va_arg(*ap, void *));
        break;
    default:
        /* %n, or a conversion this writer does not know: a bug in the caller. */
        abort();
    }
#undef EMIT
}

void vtext_printf(FILE *f, const char *fmt, va_list ap)
{
    va_list args;
    size_t n;

    va_copy(args, ap);
    while (*fmt)
    {
        if (*fmt != '%')
        {
            n = strcspn(fmt, "%");
            fwrite(fmt, 1, n, f);
            fmt += n;
        }
        else if (fmt[1] == '%')
        {
            fputc('%', f);
            fmt += 2;
        }
        else
        {
            n = 1 + strspn(fmt + 1, "-+ #0123456789.*hlzjtL") + 1;
            convert(f, fmt, n, &args);
            fmt += n;
        }
    }
    va_end(args);
}

void text_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vtext_printf(f, fmt, ap);
    va_end(ap);
}

void say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vtext_printf(stdout, fmt, ap);
    va_end(ap);
}

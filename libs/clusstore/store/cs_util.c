/* GUIDs, name checks, host name, clock. */
#define _DEFAULT_SOURCE
#include "cs_internal.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

uint32_t cs__new_guid(cs_store *s, char out[CS_GUID_MAX])
{
    unsigned char b[16];
    size_t got = 0;

    while (got < sizeof(b)) {
        ssize_t r = getrandom(b + got, sizeof(b) - got, 0);
        if (r < 0)
            return cs__fail(s, CS_ERROR_DATABASE_FAILURE, "no random source for a new GUID");
        got += (size_t)r;
    }
    /* RFC 4122 version 4, like CoCreateGuid. */
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, CS_GUID_MAX, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return 0;
}

int cs__norm_guid(const char *text, char out[CS_GUID_MAX])
{
    size_t len, i;

    if (!text)
        return 0;
    len = strlen(text);
    if (len == 38 && text[0] == '{' && text[37] == '}') {
        text++;
        len = 36;
    }
    if (len != 36)
        return 0;
    for (i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !isxdigit((unsigned char)text[i]))
            return 0;
        out[i] = (char)tolower((unsigned char)text[i]);
    }
    out[36] = 0;
    return 1;
}

size_t cs_utf8_next(const char *text, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)text;
    uint32_t c;
    size_t n, i;

    if (p[0] < 0x80) n = 1, c = p[0];
    else if (p[0] >= 0xc2 && p[0] <= 0xdf) n = 2, c = p[0] & 0x1f;
    else if (p[0] >= 0xe0 && p[0] <= 0xef) n = 3, c = p[0] & 0x0f;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4) n = 4, c = p[0] & 0x07;
    else return 0;
    /* A NUL ends the loop too: it is no continuation byte. */
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    /* Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8. */
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    if (cp)
        *cp = c;
    return n;
}

void cs__utf8_cut(char *text)
{
    size_t len = strlen(text), start = len;

    /* Back to the lead byte of the last character; drop it if it is not whole. */
    while (start > 0 && len - start < 4 && ((unsigned char)text[start - 1] & 0xc0) == 0x80)
        start--;
    if (start > 0 && (unsigned char)text[start - 1] >= 0xc0 && !cs_utf8_next(text + start - 1, NULL))
        text[start - 1] = 0;
}

uint32_t cs__text_flaw(const char *text, size_t min, size_t max, char *why, size_t n)
{
    size_t len = strnlen(text, max + 1), i, step;
    uint32_t cp;

    if (len < min) {
        snprintf(why, n, "is empty");
        return CS_ERROR_INVALID_PARAMETER;
    }
    if (len > max) {
        snprintf(why, n, "is longer than %zu bytes", max);
        return CS_ERROR_INVALID_PARAMETER;
    }
    /* Control characters would let a name move the cursor, recolour a
     * terminal or start a line of its own wherever it is shown. */
    for (i = 0; i < len; i += step) {
        if (!(step = cs_utf8_next(text + i, &cp))) {
            snprintf(why, n, "is not valid UTF-8 (byte %zu)", i + 1);
            return CS_ERROR_INVALID_NAME;
        }
        if (CS_IS_CONTROL(cp)) {
            snprintf(why, n, "contains a control character (U+%04X)", (unsigned)cp);
            return CS_ERROR_INVALID_NAME;
        }
    }
    return 0;
}

uint32_t cs__check_text(cs_store *s, const char *what, const char *text, size_t min, size_t max)
{
    char why[64];
    uint32_t code = cs__text_flaw(text ? text : "", min, max, why, sizeof(why));

    return code ? cs__fail(s, code, "%s %s", what, why) : 0;
}

uint32_t cs__check_name(cs_store *s, const char *what, const char *name)
{
    char label[64];

    snprintf(label, sizeof(label), "%s name", what);
    return cs__check_text(s, label, name, 1, CS_NAME_MAX - 1);
}

void cs__escape(char *out, size_t n, const char *text)
{
    size_t len = strlen(text), i = 0, o = 0, step;
    uint32_t cp;

    /* Most text is short printable ASCII, copied as it is (the hive reader
     * says where it is for every value it reads). */
    if (len < 48 && len < n) {
        while (i < len && text[i] >= 0x20 && text[i] < 0x7f && text[i] != '%')
            i++;
        if (i == len) {
            memcpy(out, text, len + 1);
            return;
        }
        i = 0;
    }
    /* Short and readable: the first bytes, each byte that is not a
     * printable character as %XX, as in the dump itself. */
    while (text[i] && o + 4 < n && i < 48) {
        step = cs_utf8_next(text + i, &cp);
        if (!step || CS_IS_CONTROL(cp) || cp == '%' || o + step + 4 >= n) {
            o += (size_t)snprintf(out + o, n - o, "%%%02X", (unsigned char)text[i]);
            i++;
        } else {
            memcpy(out + o, text + i, step);
            o += step;
            i += step;
        }
    }
    out[o] = 0;
    if (i < len)
        snprintf(out + o, n - o, "...(%zu bytes)", len);
}

void cs__host_name(char *buf, size_t n)
{
    char host[256] = "";
    size_t i;

    if (gethostname(host, sizeof(host) - 1) != 0 || !host[0])
        strcpy(host, "WINECLUS");
    host[sizeof(host) - 1] = 0;
    /* NetBIOS computer names: short, uppercase, at most 15 characters. */
    for (i = 0; host[i] && host[i] != '.' && i < 15 && i + 1 < n; i++)
        buf[i] = (char)toupper((unsigned char)host[i]);
    buf[i] = 0;
}

int64_t cs__now(void)
{
    return (int64_t)time(NULL);
}

void cs_default_node_name(char *buf, size_t n)
{
    cs__host_name(buf, n);
}

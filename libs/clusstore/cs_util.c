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

uint32_t cs__check_name(cs_store *s, const char *what, const char *name)
{
    size_t i, len;

    if (!name || !name[0])
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "%s name is empty", what);
    len = strlen(name);
    if (len >= CS_NAME_MAX)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "%s name is longer than %d bytes", what, CS_NAME_MAX - 1);
    /* Control characters cannot appear in cluster object names and would
     * make log and dump text ambiguous. */
    for (i = 0; i < len; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return cs__fail(s, CS_ERROR_INVALID_NAME, "%s name contains a control character", what);
    return 0;
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

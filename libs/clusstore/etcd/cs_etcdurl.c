/* etcd[s]://HOST:PORT[,HOST:PORT...]/CLUSTER, checked whole: a store URL
 * with a typo must be refused, not become another cluster. */
#include "cs_internal.h"
#include "cs_etcd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cs_etcd_is_url(const char *text)
{
    return text && (!strncmp(text, "etcd://", 7) || !strncmp(text, "etcds://", 8));
}

static uint32_t bad(char *why, size_t n, const char *what)
{
    snprintf(why, n, "%s; the form is etcd://HOST:PORT[,HOST:PORT...]/CLUSTER (etcds:// for TLS)", what);
    return CS_ERROR_BAD_ENVIRONMENT;
}

static int host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/* One HOST:PORT of len bytes at p; a v6 address in brackets. */
static uint32_t endpoint(cs_etcd_url *u, const char *p, size_t len, char *why, size_t n)
{
    const char *colon = NULL, *q;
    unsigned long port = 0;
    size_t hlen;

    if (u->n == CS_ETCD_ENDPOINTS_MAX)
        return bad(why, n, "more than 8 endpoints");
    if (len && p[0] == '[') {
        for (q = p + 1; q < p + len && *q != ']'; q++)
            if (!((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F') || *q == ':'))
                return bad(why, n, "an IPv6 address holds a character it cannot");
        if (q == p + len || q == p + 1)
            return bad(why, n, "an IPv6 address lacks its closing ']'");
        colon = q + 1 < p + len && q[1] == ':' ? q + 1 : NULL;
        hlen = (size_t)(q + 1 - p);
    } else {
        for (q = p; q < p + len && *q != ':'; q++)
            if (!host_char(*q))
                return bad(why, n, "a host name holds a character it cannot");
        colon = q < p + len ? q : NULL;
        hlen = (size_t)(q - p);
    }
    if (!hlen)
        return bad(why, n, "an endpoint has no host");
    if (!colon)
        return bad(why, n, "an endpoint has no :PORT");
    if (hlen >= CS_ETCD_HOST_MAX)
        return bad(why, n, "a host name is too long");
    for (q = colon + 1; q < p + len; q++) {
        if (*q < '0' || *q > '9' || port > 65535)
            return bad(why, n, "a port is not a number from 1 to 65535");
        port = port * 10 + (unsigned long)(*q - '0');
    }
    if (q == colon + 1 || port < 1 || port > 65535)
        return bad(why, n, "a port is not a number from 1 to 65535");
    memcpy(u->host[u->n], p, hlen);
    u->host[u->n][hlen] = 0;
    u->port[u->n++] = (unsigned)port;
    return 0;
}

uint32_t cs_etcd_parse_url(const char *text, cs_etcd_url *u, char *why, size_t n)
{
    const char *p, *slash, *comma, *c;
    uint32_t err;

    memset(u, 0, sizeof(*u));
    if (!cs_etcd_is_url(text))
        return bad(why, n, "not an etcd URL");
    u->tls = text[4] == 's';
    p = text + (u->tls ? 8 : 7);
    if (!(slash = strchr(p, '/')))
        return bad(why, n, "no /CLUSTER after the endpoints");
    while (p < slash) {
        comma = memchr(p, ',', (size_t)(slash - p));
        if (!comma)
            comma = slash;
        if ((err = endpoint(u, p, (size_t)(comma - p), why, n)))
            return err;
        p = comma + (comma < slash);
        if (comma < slash && p == slash)
            return bad(why, n, "an empty endpoint after ','");
    }
    if (!u->n)
        return bad(why, n, "no endpoint");
    /* The cluster's name is the keys' first component: no '/', nothing to quote. */
    for (c = slash + 1; *c; c++)
        if (!host_char(*c) && *c != '_')
            return bad(why, n, "the cluster name may hold only letters, digits, '.', '-' and '_'");
    if (c == slash + 1)
        return bad(why, n, "no CLUSTER name after '/'");
    if ((size_t)(c - slash - 1) >= CS_ETCD_CLUSTER_MAX)
        return bad(why, n, "the cluster name is longer than 63 characters");
    memcpy(u->cluster, slash + 1, (size_t)(c - slash));
    return 0;
}

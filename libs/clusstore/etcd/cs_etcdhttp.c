/* The etcd v3 API through its JSON gateway (POST /v3/...), with libcurl for
 * HTTP and TLS and json-c for JSON; keys and values travel base64 (OpenSSL's
 * EVP_EncodeBlock).  Endpoints are tried in order; the one that answered is
 * tried first next time. */
#define _GNU_SOURCE
#include "cs_internal.h"
#include "cs_etcd.h"

#include "cs_etcdlib.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A request that takes longer than this has lost its member; try the next. */
#define CS_ETCD_TIMEOUT_MS 5000L

struct cs_etcd {
    CURL    *curl;
    char     base[CS_ETCD_ENDPOINTS_MAX][CS_ETCD_HOST_MAX + 32];
    unsigned n, current;
    int      tls;
    char    *user, *password;
    char     auth[512];      /* "Authorization: <token>" once authenticated */
};

typedef struct { char *p; size_t n; } buf_t;

static size_t collect(char *data, size_t size, size_t nmemb, void *ctx)
{
    buf_t *b = ctx;
    size_t len = size * nmemb;
    char *p = realloc(b->p, b->n + len + 1);

    if (!p)
        return 0;
    memcpy(p + b->n, data, len);
    b->n += len;
    p[b->n] = 0;
    b->p = p;
    return len;
}

/* Set by the first connection; nothing else here runs without one. */
static const cs_etcdlib *lib;

static char *b64(const void *data, size_t len)
{
    char *out = malloc(4 * ((len + 2) / 3) + 1);

    if (out)
        EVP_EncodeBlock((unsigned char *)out, data, (int)len);
    return out;
}

static unsigned char *unb64(const char *text, size_t *len)
{
    size_t tl = strlen(text);
    unsigned char *out = malloc(tl / 4 * 3 + 1);
    int got;

    if (!out || tl % 4 || (got = EVP_DecodeBlock(out, (const unsigned char *)text, (int)tl)) < 0) {
        free(out);
        return NULL;
    }
    /* EVP_DecodeBlock counts the padding's bytes as data. */
    while (tl && text[tl - 1] == '=') {
        tl--;
        got--;
    }
    *len = (size_t)got;
    out[*len] = 0;
    return out;
}

static void setup(cs_etcd *c)
{
    const char *ca = getenv("WINECLUS_ETCD_CACERT"), *cert = getenv("WINECLUS_ETCD_CERT"),
               *key = getenv("WINECLUS_ETCD_KEY");

    lib->curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
    lib->curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, CS_ETCD_TIMEOUT_MS);
    lib->curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    lib->curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
    /* Never a proxy from the environment: the cluster's members are named. */
    lib->curl_easy_setopt(c->curl, CURLOPT_PROXY, "");
    lib->curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
    if (ca && ca[0])
        lib->curl_easy_setopt(c->curl, CURLOPT_CAINFO, ca);
    if (cert && cert[0])
        lib->curl_easy_setopt(c->curl, CURLOPT_SSLCERT, cert);
    if (key && key[0])
        lib->curl_easy_setopt(c->curl, CURLOPT_SSLKEY, key);
}

/* POST body to path on the endpoints in turn; *out is the parsed answer of
 * the first that answered with HTTP 200. */
static uint32_t post_raw(cs_etcd *c, const char *path, const char *body, int with_auth, json_object **out,
                         char *err, size_t n)
{
    char url[sizeof(c->base[0]) + 64], curlerr[CURL_ERROR_SIZE];
    struct curl_slist *hdr = NULL;
    unsigned i, at;
    uint32_t code = CS_ERROR_DATABASE_FAILURE;
    long status;

    *out = NULL;
    hdr = lib->curl_slist_append(hdr, "Content-Type: application/json");
    if (with_auth && c->auth[0])
        hdr = lib->curl_slist_append(hdr, c->auth);
    snprintf(err, n, "no etcd endpoint");
    for (i = 0; i < c->n; i++) {
        buf_t b = { NULL, 0 };
        CURLcode rc;

        at = (c->current + i) % c->n;
        snprintf(url, sizeof(url), "%s%s", c->base[at], path);
        curlerr[0] = 0;
        lib->curl_easy_setopt(c->curl, CURLOPT_URL, url);
        lib->curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, hdr);
        lib->curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
        lib->curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &b);
        lib->curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, curlerr);
        rc = lib->curl_easy_perform(c->curl);
        if (rc != CURLE_OK) {
            const char *why = curlerr[0] ? curlerr : lib->curl_easy_strerror(rc);

            free(b.p);
            /* Certificates are the same for every member: a refusal, not a member down. */
            if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CERTPROBLEM || rc == CURLE_SSL_CACERT_BADFILE) {
                snprintf(err, n, "etcd at %s: TLS refused: %s (WINECLUS_ETCD_CACERT, WINECLUS_ETCD_CERT and "
                         "WINECLUS_ETCD_KEY name the CA and this client's certificate and key)", c->base[at], why);
                code = CS_ERROR_ACCESS_DENIED;
                break;
            }
            snprintf(err, n, "etcd at %s does not answer: %s%s", c->base[at], why,
                     c->tls && !getenv("WINECLUS_ETCD_CERT")
                         ? " (a member that wants a client certificate closes the connection: WINECLUS_ETCD_CERT "
                           "and WINECLUS_ETCD_KEY name it)"
                         : "");
            continue;
        }
        lib->curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
        *out = b.p ? lib->json_tokener_parse(b.p) : NULL;
        if (status == 200 && *out) {
            free(b.p);
            c->current = at;
            lib->curl_slist_free_all(hdr);
            return 0;
        }
        {
            json_object *m = NULL;
            const char *msg = *out && lib->json_object_object_get_ex(*out, "message", &m) ? lib->json_object_get_string(m)
                                                                                       : b.p ? b.p : "";
            snprintf(err, n, "etcd at %s refused %s (HTTP %ld): %.300s", c->base[at], path, status, msg);
            /* Credentials and permissions are the same on every member. */
            code = status == 401 || status == 403 || strstr(msg, "permission denied") ||
                   strstr(msg, "authentication failed") || strstr(msg, "user name is empty") ||
                   strstr(msg, "invalid auth token")
                       ? CS_ERROR_ACCESS_DENIED
                       : CS_ERROR_DATABASE_FAILURE;
        }
        free(b.p);
        lib->json_object_put(*out);
        *out = NULL;
        if (code == CS_ERROR_ACCESS_DENIED)
            break;
    }
    lib->curl_slist_free_all(hdr);
    return code;
}

static uint32_t authenticate(cs_etcd *c, char *err, size_t n)
{
    json_object *req = lib->json_object_new_object(), *resp, *tok;
    uint32_t code;

    lib->json_object_object_add(req, "name", lib->json_object_new_string(c->user));
    lib->json_object_object_add(req, "password", lib->json_object_new_string(c->password ? c->password : ""));
    code = post_raw(c, "/v3/auth/authenticate", lib->json_object_to_json_string(req), 0, &resp, err, n);
    lib->json_object_put(req);
    if (code)
        return code;
    if (!lib->json_object_object_get_ex(resp, "token", &tok)) {
        lib->json_object_put(resp);
        snprintf(err, n, "etcd gave no token for user %s", c->user);
        return CS_ERROR_ACCESS_DENIED;
    }
    snprintf(c->auth, sizeof(c->auth), "Authorization: %s", lib->json_object_get_string(tok));
    lib->json_object_put(resp);
    return 0;
}

/* A token expires (etcd's simple tokens after 5 minutes idle): once more
 * with a new one. */
static uint32_t post(cs_etcd *c, const char *path, const char *body, json_object **out, char *err, size_t n)
{
    uint32_t code = post_raw(c, path, body, 1, out, err, n);

    if (code == CS_ERROR_ACCESS_DENIED && c->user && strstr(err, "invalid auth token") &&
        !(code = authenticate(c, err, n)))
        code = post_raw(c, path, body, 1, out, err, n);
    return code;
}

uint32_t cs_etcd_connect(const cs_etcd_url *u, cs_etcd **out, char *err, size_t n)
{
    const char *user = getenv("WINECLUS_ETCD_USER"), *pass = getenv("WINECLUS_ETCD_PASSWORD");
    cs_etcd *c;
    unsigned i;
    uint32_t code = 0;

    *out = NULL;
    if (!(lib = cs_etcdlib_get(err, n)))
        return CS_ERROR_MOD_NOT_FOUND;
    if (!(c = calloc(1, sizeof(*c))) || !(c->curl = lib->curl_easy_init())) {
        free(c);
        snprintf(err, n, "out of memory");
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    for (i = 0; i < u->n; i++)
        snprintf(c->base[i], sizeof(c->base[i]), "%s://%s:%u", u->tls ? "https" : "http", u->host[i], u->port[i]);
    c->n = u->n;
    c->tls = u->tls;
    setup(c);
    if (user && user[0]) {
        c->user = strdup(user);
        c->password = pass ? strdup(pass) : NULL;
        code = authenticate(c, err, n);
    }
    if (code) {
        cs_etcd_free(c);
        return code;
    }
    *out = c;
    return 0;
}

void cs_etcd_free(cs_etcd *c)
{
    if (!c)
        return;
    lib->curl_easy_cleanup(c->curl);
    free(c->user);
    free(c->password);
    free(c);
}

char *cs_etcd_prefix_end(const char *prefix)
{
    char *end = strdup(prefix);
    size_t i;

    /* Keys here are text: the last byte below 0xff, incremented. */
    for (i = end ? strlen(end) : 0; i > 0; i--) {
        if ((unsigned char)end[i - 1] < 0xff) {
            end[i - 1]++;
            end[i] = 0;
            return end;
        }
    }
    return end;
}

static void add_b64(json_object *o, const char *name, const void *data, size_t len)
{
    char *t = b64(data, len);

    lib->json_object_object_add(o, name, lib->json_object_new_string(t ? t : ""));
    free(t);
}

static json_object *ops_json(const cs_etcd_op *ops, size_t nops)
{
    json_object *arr = lib->json_object_new_array(), *req, *wrap;
    size_t i;

    for (i = 0; i < nops; i++) {
        req = lib->json_object_new_object();
        wrap = lib->json_object_new_object();
        add_b64(req, "key", ops[i].key, strlen(ops[i].key));
        if (ops[i].put)
            add_b64(req, "value", ops[i].value, ops[i].len);
        else if (ops[i].end)
            add_b64(req, "range_end", ops[i].end, strlen(ops[i].end));
        lib->json_object_object_add(wrap, ops[i].put ? "request_put" : "request_range", req);
        lib->json_object_array_add(arr, wrap);
    }
    return arr;
}

static uint32_t take_kvs(json_object *range, cs_etcd_result *res, char *err, size_t n)
{
    json_object *kvs, *kv, *f;
    size_t i, count;
    cs_etcd_kv *grown;

    if (!lib->json_object_object_get_ex(range, "kvs", &kvs))
        return 0;  /* proto3 leaves an empty list out */
    count = lib->json_object_array_length(kvs);
    if (!(grown = realloc(res->kvs, (res->nkv + count) * sizeof(*grown)))) {
        snprintf(err, n, "out of memory");
        return CS_ERROR_NOT_ENOUGH_MEMORY;
    }
    res->kvs = grown;
    for (i = 0; i < count; i++) {
        cs_etcd_kv *out = &res->kvs[res->nkv];
        size_t klen;

        kv = lib->json_object_array_get_idx(kvs, i);
        memset(out, 0, sizeof(*out));
        if (lib->json_object_object_get_ex(kv, "key", &f))
            out->key = (char *)unb64(lib->json_object_get_string(f), &klen);
        if (lib->json_object_object_get_ex(kv, "value", &f))
            out->value = unb64(lib->json_object_get_string(f), &out->len);
        else
            out->value = calloc(1, 1);
        if (lib->json_object_object_get_ex(kv, "mod_revision", &f))
            out->mod_rev = lib->json_object_get_int64(f);
        if (!out->key || !out->value) {
            free(out->key);
            free(out->value);
            snprintf(err, n, "etcd sent a key or value that is not base64");
            return CS_ERROR_DATABASE_FAILURE;
        }
        res->nkv++;
    }
    return 0;
}

uint32_t cs_etcd_txn(cs_etcd *c, const cs_etcd_cmp *cmp, const cs_etcd_op *success, size_t nsuccess,
                     const cs_etcd_op *failure, size_t nfailure, cs_etcd_result *res, char *err, size_t n)
{
    json_object *req = lib->json_object_new_object(), *resp = NULL, *f, *list, *one, *range;
    uint32_t code;
    size_t i;

    memset(res, 0, sizeof(*res));
    if (cmp) {
        json_object *cmps = lib->json_object_new_array(), *cm = lib->json_object_new_object();

        add_b64(cm, "key", cmp->key, strlen(cmp->key));
        lib->json_object_object_add(cm, "result", lib->json_object_new_string("EQUAL"));
        if (cmp->value) {
            lib->json_object_object_add(cm, "target", lib->json_object_new_string("VALUE"));
            add_b64(cm, "value", cmp->value, cmp->len);
        } else {
            /* A key that does not exist was created at revision 0. */
            lib->json_object_object_add(cm, "target", lib->json_object_new_string("CREATE"));
            lib->json_object_object_add(cm, "create_revision", lib->json_object_new_string("0"));
        }
        lib->json_object_array_add(cmps, cm);
        lib->json_object_object_add(req, "compare", cmps);
    }
    lib->json_object_object_add(req, "success", ops_json(success, nsuccess));
    if (nfailure)
        lib->json_object_object_add(req, "failure", ops_json(failure, nfailure));
    code = post(c, "/v3/kv/txn", lib->json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN), &resp, err, n);
    lib->json_object_put(req);
    if (code)
        return code;
    res->succeeded = lib->json_object_object_get_ex(resp, "succeeded", &f) && lib->json_object_get_boolean(f);
    if (lib->json_object_object_get_ex(resp, "header", &f) && lib->json_object_object_get_ex(f, "revision", &f))
        res->revision = lib->json_object_get_int64(f);
    if (lib->json_object_object_get_ex(resp, "responses", &list))
        for (i = 0; !code && i < lib->json_object_array_length(list); i++) {
            one = lib->json_object_array_get_idx(list, i);
            if (lib->json_object_object_get_ex(one, "response_range", &range))
                code = take_kvs(range, res, err, n);
        }
    lib->json_object_put(resp);
    if (code)
        cs_etcd_result_free(res);
    return code;
}

void cs_etcd_result_free(cs_etcd_result *res)
{
    size_t i;

    for (i = 0; i < res->nkv; i++) {
        free(res->kvs[i].key);
        free(res->kvs[i].value);
    }
    free(res->kvs);
    memset(res, 0, sizeof(*res));
}

/* The gateway writes etcd's 64-bit integers as JSON strings; json-c reads
 * either.  A field that is absent reads as 0. */
static int64_t int_field(json_object *o, const char *name)
{
    json_object *f;

    return o && lib->json_object_object_get_ex(o, name, &f) ? lib->json_object_get_int64(f) : 0;
}

static uint32_t lease_call(cs_etcd *c, const char *path, const char *field, int64_t value, json_object **resp,
                           char *err, size_t n)
{
    json_object *req = lib->json_object_new_object();
    uint32_t code;

    lib->json_object_object_add(req, field, lib->json_object_new_int64(value));
    code = post(c, path, lib->json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN), resp, err, n);
    lib->json_object_put(req);
    return code;
}

uint32_t cs_etcd_lease_grant(cs_etcd *c, unsigned ttl, int64_t *id, char *err, size_t n)
{
    json_object *resp;
    uint32_t code;

    *id = 0;
    if ((code = lease_call(c, "/v3/lease/grant", "TTL", ttl, &resp, err, n)))
        return code;
    *id = int_field(resp, "ID");
    lib->json_object_put(resp);
    if (!*id) {
        snprintf(err, n, "etcd granted no lease");
        return CS_ERROR_DATABASE_FAILURE;
    }
    return 0;
}

/* One message of the keep-alive stream: the gateway answers it and ends. */
uint32_t cs_etcd_lease_keepalive(cs_etcd *c, int64_t id, int64_t *ttl, char *err, size_t n)
{
    json_object *resp, *result;
    uint32_t code;

    *ttl = 0;
    if ((code = lease_call(c, "/v3/lease/keepalive", "ID", id, &resp, err, n)))
        return code;
    if (lib->json_object_object_get_ex(resp, "result", &result))
        *ttl = int_field(result, "TTL");
    lib->json_object_put(resp);
    return 0;
}

uint32_t cs_etcd_lease_revoke(cs_etcd *c, int64_t id, char *err, size_t n)
{
    json_object *resp;
    uint32_t code;

    if ((code = lease_call(c, "/v3/lease/revoke", "ID", id, &resp, err, n)))
        return code;
    lib->json_object_put(resp);
    return 0;
}

uint32_t cs_etcd_put_leased(cs_etcd *c, const char *key, const void *value, size_t len, int64_t lease, char *err,
                            size_t n)
{
    json_object *req = lib->json_object_new_object(), *resp;
    uint32_t code;

    add_b64(req, "key", key, strlen(key));
    add_b64(req, "value", value, len);
    lib->json_object_object_add(req, "lease", lib->json_object_new_int64(lease));
    code = post(c, "/v3/kv/put", lib->json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN), &resp, err, n);
    lib->json_object_put(req);
    if (!code)
        lib->json_object_put(resp);
    return code;
}

/* The watch stream: one JSON object a line (etcd's gateway streams them). */
struct watch_stream {
    cs_etcd_watch_fn    fn;
    void               *ctx;
    const volatile int *stop;
    char                line[4096];
    size_t              n;
    int                 overflow;
};

static void watch_line(struct watch_stream *w)
{
    json_object *o, *result, *f;

    /* A line too long to keep carries events (the head's value is short). */
    if (w->overflow) {
        w->fn(w->ctx, 1);
        return;
    }
    w->line[w->n] = 0;
    if (!(o = lib->json_tokener_parse(w->line)))
        return;
    if (lib->json_object_object_get_ex(o, "result", &result)) {
        if (lib->json_object_object_get_ex(result, "created", &f) && lib->json_object_get_boolean(f))
            w->fn(w->ctx, 0);
        if (lib->json_object_object_get_ex(result, "events", &f) && lib->json_object_array_length(f) > 0)
            w->fn(w->ctx, 1);
    }
    lib->json_object_put(o);
}

static size_t watch_data(char *data, size_t size, size_t nmemb, void *ctx)
{
    struct watch_stream *w = ctx;
    size_t len = size * nmemb, i;

    for (i = 0; i < len; i++) {
        if (data[i] == '\n') {
            watch_line(w);
            w->n = 0;
            w->overflow = 0;
        } else if (w->n < sizeof(w->line) - 1)
            w->line[w->n++] = data[i];
        else
            w->overflow = 1;
    }
    return len;
}

static int watch_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return *((struct watch_stream *)ctx)->stop; /* nonzero ends the transfer */
}

uint32_t cs_etcd_watch(cs_etcd *c, const char *key, cs_etcd_watch_fn fn, void *ctx, const volatile int *stop,
                       char *err, size_t n)
{
    struct watch_stream w = { fn, ctx, stop, "", 0, 0 };
    json_object *req = lib->json_object_new_object(), *create = lib->json_object_new_object();
    char url[sizeof(c->base[0]) + 16], curlerr[CURL_ERROR_SIZE];
    struct curl_slist *hdr = lib->curl_slist_append(NULL, "Content-Type: application/json");
    uint32_t code = CS_ERROR_DATABASE_FAILURE;
    unsigned i, at;
    CURLcode rc;

    add_b64(create, "key", key, strlen(key));
    lib->json_object_object_add(req, "create_request", create);
    if (c->auth[0])
        hdr = lib->curl_slist_append(hdr, c->auth);
    snprintf(err, n, "no etcd endpoint");
    for (i = 0; i < c->n && !*stop; i++) {
        at = (c->current + i) % c->n;
        snprintf(url, sizeof(url), "%s/v3/watch", c->base[at]);
        curlerr[0] = 0;
        lib->curl_easy_setopt(c->curl, CURLOPT_URL, url);
        lib->curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, hdr);
        lib->curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, lib->json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN));
        lib->curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, watch_data);
        lib->curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &w);
        /* A watch lasts: no overall timeout, and the progress callback, called
         * about once a second even while nothing comes, lets it be stopped. */
        lib->curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, 0L);
        lib->curl_easy_setopt(c->curl, CURLOPT_NOPROGRESS, 0L);
        lib->curl_easy_setopt(c->curl, CURLOPT_XFERINFOFUNCTION, watch_progress);
        lib->curl_easy_setopt(c->curl, CURLOPT_XFERINFODATA, &w);
        lib->curl_easy_setopt(c->curl, CURLOPT_ERRORBUFFER, curlerr);
        w.n = 0;
        w.overflow = 0;
        rc = lib->curl_easy_perform(c->curl);
        if (*stop) {
            code = 0;
            break;
        }
        snprintf(err, n, "etcd at %s: the watch of %s ended: %s", c->base[at], key,
                 curlerr[0] ? curlerr : lib->curl_easy_strerror(rc));
        if (rc == CURLE_OK)
            break; /* the member ended the stream: the caller watches again */
    }
    lib->curl_easy_setopt(c->curl, CURLOPT_NOPROGRESS, 1L);
    lib->curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, CS_ETCD_TIMEOUT_MS);
    lib->curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
    lib->curl_slist_free_all(hdr);
    lib->json_object_put(req);
    return code;
}

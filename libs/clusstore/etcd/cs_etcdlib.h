/* libcurl and json-c, loaded when a store on etcd is first opened.
 *
 * Linked in, their dependency trees (Kerberos, LDAP, GnuTLS, SSH, IDN: 30
 * libraries) were loaded by every wineclus run and every process that loads
 * clusapi, etcd or not: 4.7 ms of the 6.4 ms a `wineclus --help` took, a
 * third of a small cluster's backup.  The headers still give the types and
 * the constants; only the calls go through this table. */
#ifndef WINECLUS_CS_ETCDLIB_H
#define WINECLUS_CS_ETCDLIB_H

/* The table's entries are the functions themselves; without this curl.h
 * makes curl_easy_setopt a macro that would expand in "lib->curl_easy_setopt(". */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#define CS_ETCD_CURL_FUNCS(X) \
    X(curl_global_init) X(curl_easy_init) X(curl_easy_setopt) X(curl_easy_perform) X(curl_easy_getinfo) \
    X(curl_easy_strerror) X(curl_easy_cleanup) X(curl_slist_append) X(curl_slist_free_all)
#define CS_ETCD_JSON_FUNCS(X) \
    X(json_tokener_parse) X(json_object_put) X(json_object_new_object) X(json_object_new_array) \
    X(json_object_new_string) X(json_object_new_int64) X(json_object_object_add) X(json_object_object_get_ex) \
    X(json_object_get_string) X(json_object_get_int64) X(json_object_get_boolean) X(json_object_array_add) \
    X(json_object_array_length) X(json_object_array_get_idx) X(json_object_to_json_string) \
    X(json_object_to_json_string_ext)

#define CS_ETCD_FUNC_PTR(f) __typeof__(f) *f;
typedef struct cs_etcdlib {
    CS_ETCD_CURL_FUNCS(CS_ETCD_FUNC_PTR)
    CS_ETCD_JSON_FUNCS(CS_ETCD_FUNC_PTR)
} cs_etcdlib;
#undef CS_ETCD_FUNC_PTR

/* The table, both libraries loaded and curl_global_init done once per
 * process; NULL with a one-line reason (which library, which package) in
 * err when either cannot be loaded. */
const cs_etcdlib *cs_etcdlib_get(char *err, size_t n);

#endif

/* Loading libcurl and json-c on first use (cs_etcdlib.h says why). */
#include "cs_etcdlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The libraries' sonames on Debian 12 and 13, both architectures; the
 * packages are what ./quickstart installs (their -dev packages pull them). */
#define CURL_SONAME  "libcurl.so.4"
#define JSONC_SONAME "libjson-c.so.5"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static cs_etcdlib lib;
static char why[300];

/* RTLD_NODELETE: the functions stay for the process's life, whoever else
 * loads and unloads the library. */
static void *open_lib(const char *soname, const char *package)
{
    void *so = dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);

    if (!so)
        snprintf(why, sizeof(why), "stores on etcd need %s (apt-get install %s): %s", soname, package, dlerror());
    return so;
}

static int find(void *so, const char *name, void **slot, const char *soname, const char *package)
{
    if ((*slot = dlsym(so, name)))
        return 1;
    snprintf(why, sizeof(why), "%s has no %s: too old for stores on etcd (apt-get install %s)", soname, name, package);
    return 0;
}

static void load(void)
{
    void *curl = open_lib(CURL_SONAME, "libcurl4"), *json = curl ? open_lib(JSONC_SONAME, "libjson-c5") : NULL;
    int ok = curl && json;

#define FIND_CURL(f) ok = ok && find(curl, #f, (void **)&lib.f, CURL_SONAME, "libcurl4");
#define FIND_JSON(f) ok = ok && find(json, #f, (void **)&lib.f, JSONC_SONAME, "libjson-c5");
    CS_ETCD_CURL_FUNCS(FIND_CURL)
    CS_ETCD_JSON_FUNCS(FIND_JSON)
#undef FIND_CURL
#undef FIND_JSON
    if (ok && lib.curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(why, sizeof(why), "libcurl cannot start (curl_global_init failed)");
        ok = 0;
    }
    if (!ok)
        lib.curl_easy_init = NULL;
}

const cs_etcdlib *cs_etcdlib_get(char *err, size_t n)
{
    pthread_once(&once, load);
    if (lib.curl_easy_init)
        return &lib;
    snprintf(err, n, "%s", why);
    return NULL;
}

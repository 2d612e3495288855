/*
 * Generic Service resources, for the node's cluster service: the Windows
 * service named by the resource's ServiceName, in the node's prefix.  A
 * Linux process cannot call the Service Control Manager, so clussvcctl.exe
 * does it, run with the prefix's Wine: `watch NAME` starts the service and
 * stays while it runs (serviceapps.c watches it as it watches an
 * application: its exit fails the resource), keeping the prefix, and so
 * services.exe, alive; `stop NAME` stops it.  docs/cluster-service.md,
 * "Generic Service".
 */
#include <string.h>

#include "wineclus.h"

/* clussvcctl waits 30 s for a stop; Wine's start-up comes on top. */
#define STOP_WAIT_MS 45000

pid_t svc_start(cs_store *s, const cs_resource *r, char name[SVC_NAME_MAX])
{
    uint32_t format, err;
    void *data = NULL;
    size_t size;
    int ok;

    err = cs_resource_get_property(s, r->id, "ServiceName", &format, &data, &size);
    ok = !err && format == CS_PROP_SZ && size > 1 && size <= SVC_NAME_MAX && !((char *)data)[size - 1];
    if (ok) memcpy(name, data, size);
    else service_note("resource %s: no ServiceName to start (error %u)", r->name, err);
    cs_free(data);
    return ok ? service_helper("clussvcctl.exe", "watch", name, -1, -1) : 0;
}

void svc_stop(const char *name)
{
    int status = service_helper_run("clussvcctl.exe", "stop", name, STOP_WAIT_MS);

    service_note("service %s: %s (status %d)", name, status ? "stop failed" : "stopped", status);
}

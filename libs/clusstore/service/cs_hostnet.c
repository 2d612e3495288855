/* The IPv4 subnets of this host, as a joining node records them. */
#include "cs_internal.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

uint32_t cs_host_networks(cs_hostnet **arr, size_t *n)
{
    struct ifaddrs *all, *ifa;
    cs_hostnet *out = NULL;
    size_t count = 0;

    *arr = NULL;
    *n = 0;
    if (getifaddrs(&all))
        return 0; /* no interfaces to be had: a node with no networks */
    for (ifa = all; ifa; ifa = ifa->ifa_next) {
        struct in_addr addr, mask, net;
        cs_hostnet *grown;

        if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_INET || !ifa->ifa_netmask ||
            (ifa->ifa_flags & IFF_LOOPBACK) || strlen(ifa->ifa_name) >= CS_NAME_MAX)
            continue;
        if (!(grown = realloc(out, (count + 1) * sizeof(*out)))) {
            free(out);
            freeifaddrs(all);
            return CS_ERROR_NOT_ENOUGH_MEMORY;
        }
        out = grown;
        addr = ((struct sockaddr_in *)ifa->ifa_addr)->sin_addr;
        mask = ((struct sockaddr_in *)ifa->ifa_netmask)->sin_addr;
        net.s_addr = addr.s_addr & mask.s_addr;
        memset(&out[count], 0, sizeof(out[count]));
        strcpy(out[count].adapter, ifa->ifa_name);
        inet_ntop(AF_INET, &addr, out[count].address, sizeof(out[count].address));
        inet_ntop(AF_INET, &mask, out[count].mask, sizeof(out[count].mask));
        inet_ntop(AF_INET, &net, out[count].subnet, sizeof(out[count].subnet));
        count++;
    }
    freeifaddrs(all);
    *arr = out;
    *n = count;
    return 0;
}

/*
 * One ordinary change, timed: a group made (cs_group_create, one write
 * transaction: on etcd one guarded etcd transaction), ROUNDS times, on the
 * store STORE (a folder, or an etcd URL with WINECLUS_ETCD_REPLICA naming
 * the replica's folder), and one read of it (cs_group_find; on etcd the
 * catch-up's round trip included).  Prints two report.h lines:
 *
 *   change calls=N median_us=.. p99_us=.. max_us=.. first_us=..
 *   read calls=N ...
 *
 *   wineclus-change STORE ROUNDS
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clusstore.h"
#include "report.h"

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    double *w, *r, t;
    char name[64];
    cs_store *s;
    cs_group g;
    uint32_t err;
    int i, n;

    if (argc != 3 || (n = atoi(argv[2])) < 2) {
        fprintf(stderr, "usage: %s STORE ROUNDS (2 or more)\n", argv[0]);
        return 2;
    }
    if ((err = cs_open(argv[1], NULL, NULL, &s))) {
        fprintf(stderr, "%s: error %u: %s\n", argv[1], err, cs_errmsg(s));
        return 1;
    }
    w = calloc((size_t)n, sizeof(*w));
    r = calloc((size_t)n, sizeof(*r));
    for (i = 0; i < n && w && r; i++) {
        snprintf(name, sizeof(name), "bench-%ld-%d", (long)time(NULL), i);
        t = now_us();
        if ((err = cs_group_create(s, name, 1, NULL)))
            break;
        w[i] = now_us() - t;
        t = now_us();
        if ((err = cs_group_find(s, name, &g)))
            break;
        r[i] = now_us() - t;
    }
    if (err || !w || !r) {
        fprintf(stderr, "round %d: error %u: %s\n", i, err, cs_errmsg(s));
        return 1;
    }
    report("change", w + 1, n - 1, w[0]);
    report("read", r + 1, n - 1, r[0]);
    cs_close(s);
    free(w);
    free(r);
    return 0;
}

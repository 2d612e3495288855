/*
 * The one summary line both bench programs print for a series of timings
 * (tests/bench/inproc.c under Wine, tests/bench/floor.c on the host), in the
 * form tools/bench/bench.sh reads:
 *
 *   NAME calls=N median_us=.. p99_us=.. max_us=.. first_us=.. [cpu_us=..]
 *
 * cpu_us, where the program measures it, is the process's CPU time (user and
 * kernel, every thread) per timed call: unlike the wall figures it does not
 * grow when other jobs share the cores, so two builds can be compared on a
 * busy machine.
 */
#ifndef WINECLUS_BENCH_REPORT_H
#define WINECLUS_BENCH_REPORT_H

#include <stdio.h>
#include <stdlib.h>

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Nearest rank: the smallest sample with at least p of them at or below it. */
static double rank(const double *sorted, int n, double p)
{
    int i = (int)(p * n + 0.999999) - 1;

    return sorted[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Sorts t.  cpu < 0: not measured. */
static void report(const char *name, double *t, int n, double first, double cpu)
{
    qsort(t, (size_t)n, sizeof(*t), by_value);
    printf("%s calls=%d median_us=%.1f p99_us=%.1f max_us=%.1f first_us=%.1f", name, n, rank(t, n, 0.5),
           rank(t, n, 0.99), t[n - 1], first);
    if (cpu >= 0)
        printf(" cpu_us=%.1f", cpu);
    printf("\n");
}

#endif

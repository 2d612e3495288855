/* A tiny check harness: count, report file:line, end with "N passed, N failed". */
#ifndef WINECLUS_TEST_CHECK_H
#define WINECLUS_TEST_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (cond)                                                                         \
            check_passed++;                                                               \
        else {                                                                            \
            check_failed++;                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);      \
        }                                                                                 \
    } while (0)

/* Compares two unsigned values and shows both on failure (error codes). */
#define CHECK_EQ(got, want)                                                               \
    do {                                                                                  \
        unsigned long long g_ = (unsigned long long)(got), w_ = (unsigned long long)(want); \
        if (g_ == w_)                                                                     \
            check_passed++;                                                               \
        else {                                                                            \
            check_failed++;                                                               \
            fprintf(stderr, "%s:%d: check failed: %s == %s (got %llu, want %llu)\n",      \
                    __FILE__, __LINE__, #got, #want, g_, w_);                             \
        }                                                                                 \
    } while (0)

static inline int check_finish(void)
{
    fflush(stderr);
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif

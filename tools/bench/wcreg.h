/* A deterministic registry checkpoint stream (docs/checkpoint-format.md,
 * "WCREG1") of an exact length, produced chunk by chunk so that no
 * checkpoint is ever held whole in memory. */
#ifndef WINECLUS_BENCH_WCREG_H
#define WINECLUS_BENCH_WCREG_H

#include <stddef.h>
#include <stdint.h>

/* Header, the root 'K' record and the final 'E'. */
#define WCREG_FIXED   14u
/* One 'V' record around its data: tag, name length, 8 UTF-16 characters,
 * type, size. */
#define WCREG_VALUE   29u
#define WCREG_MIN     (WCREG_FIXED + WCREG_VALUE)
/* Value data per record: what RegSetValueEx takes without complaint, and
 * small enough that a record fits a modest buffer. */
#define WCREG_DATA_MAX 65536u

/* What wcreg_wrap adds around its payload: the fixed part and one 'V'
 * record named "Data" (4 UTF-16 characters). */
#define WCREG_WRAP    (WCREG_FIXED + 21u)

typedef struct wcreg {
    uint64_t left;                 /* bytes of the stream not produced yet */
    uint64_t rng;                  /* xorshift64* state */
    uint32_t value;                /* next value number */
    int      started;
    size_t   len, off;             /* the record being handed out */
    unsigned char rec[WCREG_VALUE + WCREG_DATA_MAX];
} wcreg;

/* size must be 0 (the key did not exist) or at least WCREG_MIN. */
void     wcreg_init(wcreg *w, uint64_t size, uint64_t seed);
/* cs_read_fn over a wcreg. */
uint32_t wcreg_read(void *ctx, void *buf, size_t cap, size_t *got);

/* The stream of a key holding one REG_BINARY value "Data" with payload:
 * n + WCREG_WRAP bytes into out. */
size_t   wcreg_wrap(const void *payload, size_t n, unsigned char *out);

#endif

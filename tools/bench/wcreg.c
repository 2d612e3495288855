/* The stream is built one record at a time; value sizes are chosen so that
 * the total lands exactly on the requested size with no record too small
 * to be valid. */
#include "wcreg.h"

#include <stdio.h>
#include <string.h>

/* REG_BINARY: the registry keeps it byte for byte, so a restore compares
 * exactly. */
#define REG_BINARY_TYPE 3u

static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Dull;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

void wcreg_init(wcreg *w, uint64_t size, uint64_t seed)
{
    w->left = size;
    /* xorshift must not start at zero; mixing keeps nearby seeds apart. */
    w->rng = (seed + 1) * 0x9E3779B97F4A7C15ull;
    if (!w->rng)
        w->rng = 1;
    w->value = 0;
    w->started = 0;
    w->len = w->off = 0;
}

static void fill(wcreg *w, unsigned char *p, size_t n)
{
    uint64_t r;

    while (n >= 8) {
        r = next(&w->rng);
        memcpy(p, &r, 8);
        p += 8;
        n -= 8;
    }
    if (n) {
        r = next(&w->rng);
        memcpy(p, &r, n);
    }
}

/* Data of the next value: as much as fits, leaving either nothing after
 * it or room for at least one more minimal record and the end tag. */
static size_t value_size(uint64_t body)
{
    uint64_t d = body - WCREG_VALUE;

    if (d <= WCREG_DATA_MAX)
        return (size_t)d;
    d = WCREG_DATA_MAX;
    if (body - WCREG_VALUE - d < WCREG_VALUE)
        d -= WCREG_VALUE;
    return (size_t)d;
}

static void next_record(wcreg *w)
{
    unsigned char *p = w->rec;
    char name[9];
    size_t d;
    int i;

    if (!w->started) {
        memcpy(p, "WCREG1\n\0", 8);
        p[8] = 'K';
        put_u32(p + 9, 0);
        w->len = 13;
        w->started = 1;
    } else if (w->left == 1) {
        p[0] = 'E';
        w->len = 1;
    } else {
        d = value_size(w->left - 1);
        p[0] = 'V';
        put_u32(p + 1, 8);
        snprintf(name, sizeof(name), "v%07u", w->value++ % 10000000u);
        for (i = 0; i < 8; i++) {
            p[5 + 2 * i] = (unsigned char)name[i];
            p[6 + 2 * i] = 0;
        }
        put_u32(p + 21, REG_BINARY_TYPE);
        put_u32(p + 25, (uint32_t)d);
        fill(w, p + WCREG_VALUE, d);
        w->len = WCREG_VALUE + d;
    }
    w->off = 0;
}

uint32_t wcreg_read(void *ctx, void *buf, size_t cap, size_t *got)
{
    wcreg *w = ctx;
    size_t n, done = 0;

    while (done < cap && w->left) {
        if (w->off == w->len)
            next_record(w);
        n = w->len - w->off;
        if (n > cap - done)
            n = cap - done;
        memcpy((unsigned char *)buf + done, w->rec + w->off, n);
        w->off += n;
        w->left -= n;
        done += n;
    }
    *got = done;
    return 0;
}

size_t wcreg_wrap(const void *payload, size_t n, unsigned char *out)
{
    static const unsigned char head[] = { 'W', 'C', 'R', 'E', 'G', '1', '\n', 0, 'K', 0, 0, 0, 0, 'V', 4, 0, 0, 0,
                                          'D', 0, 'a', 0, 't', 0, 'a', 0, REG_BINARY_TYPE, 0, 0, 0 };

    memcpy(out, head, sizeof(head));
    put_u32(out + sizeof(head), (uint32_t)n);
    if (n)
        memcpy(out + sizeof(head) + 4, payload, n);
    out[sizeof(head) + 4 + n] = 'E';
    return n + WCREG_WRAP;
}

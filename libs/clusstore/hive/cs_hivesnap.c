/* The snapshot as a hive (cs_snapshot_hive) and a hive loaded back: hivex
 * works on whole files, so the hive is built and read in memory
 * (hive.h), and the bytes pass through the caller's writer or reader. */
#include "cs_chkhive.h"
#include "cs_dumpfmt.h"
#include "hive.h"

#include <stdlib.h>
#include <string.h>

/* The most a hive may take to be read: more than any database the store
 * keeps (values up to 16 MiB each) is taken as damage, not as memory. */
#define CS_HIVE_READ_MAX (1ull << 30)

struct build {
    hive_h *h;
    char    why[160];
};

/* May run again (a busy store): each run starts from an empty hive. */
static uint32_t build_fn(cs_store *s, void *arg)
{
    struct build *b = arg;

    if (b->h)
        hivex_close(b->h);
    if (!(b->h = cs_hive_new(CS_HIVE_ROOT_NAME, b->why, sizeof(b->why))))
        return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "cannot make a hive: %s", b->why);
    return cs__hive_fill(s, &b->h);
}

uint32_t cs_snapshot_hive(cs_store *s, cs_write_fn wr, void *ctx)
{
    struct build b = { NULL, "" };
    unsigned char *buf = NULL;
    size_t len = 0, off, n;
    uint32_t err;

    if (!wr)
        return cs__fail(s, CS_ERROR_INVALID_PARAMETER, "no writer");
    err = cs__read(s, build_fn, &b);
    if (!err && cs_hive_to_mem(b.h, &buf, &len, b.why, sizeof(b.why)))
        err = cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "cannot write the hive: %s", b.why);
    if (b.h)
        hivex_close(b.h);
    for (off = 0; !err && off < len; off += n) {
        n = len - off < (1u << 20) ? len - off : (1u << 20);
        if ((err = wr(ctx, buf + off, n)) && !s->err[0])
            cs__fail(s, err, "hive writer failed");
    }
    free(buf);
    return err;
}

uint32_t cs__hive_load_stream(cs_store *s, unsigned char *head, size_t len, size_t cap, cs_read_fn rd, void *ctx,
                              unsigned flags)
{
    unsigned char *buf = head, *grown;
    char why[160];
    hive_h *h;
    size_t got;
    uint32_t err;

    while (rd) {
        if (len == cap) {
            if (cap >= CS_HIVE_READ_MAX) {
                free(buf);
                return cs__load_bad(s, "hive", "larger than 1 GiB");
            }
            if (!(grown = realloc(buf, cap * 2))) {
                free(buf);
                return cs__fail(s, CS_ERROR_NOT_ENOUGH_MEMORY, "out of memory");
            }
            buf = grown;
            cap *= 2;
        }
        if ((err = rd(ctx, buf + len, cap - len, &got))) {
            free(buf);
            return cs__fail(s, err, "reading the hive failed (error %u)", err);
        }
        if (!got)
            break;
        len += got;
    }
    h = cs_hive_open_mem(buf, len, 0, why, sizeof(why));
    free(buf);
    if (!h)
        return cs__load_bad(s, "hive", why);
    err = cs__hive_load(s, h, flags);
    hivex_close(h);
    return err;
}

/* libFuzzer target: the store loader (cs_snapshot_load) on arbitrary dumps.
 * The first byte picks the reader's chunk size, so lines split across reads
 * at every offset.  One store per process; a dump that loads replaces it,
 * which is fine: the next input starts from whatever is there. */
#include "fuzz_scratch.h"

struct rd { const uint8_t *p; size_t n, pos, chunk; };

static uint32_t reader(void *ctx, void *buf, size_t cap, size_t *got)
{
    struct rd *r = ctx;
    size_t n = r->n - r->pos;

    if (n > cap)
        n = cap;
    if (n > r->chunk)
        n = r->chunk;
    memcpy(buf, r->p + r->pos, n);
    r->pos += n;
    *got = n;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    scratch_store("load");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rd r = { data + 1, size ? size - 1 : 0, 0, size ? (size_t)data[0] % 64 + 1 : 1 };

    if (!size)
        return 0;
    if (data[0] & 0x80)
        r.chunk = 65536;
    cs_snapshot_load(store, reader, &r, (data[0] & 0x40) ? CS_LOAD_EXACT : 0);
    return 0;
}

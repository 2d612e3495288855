/* libFuzzer target: the registry checkpoint stream parser (cs_regstream.c)
 * on arbitrary bytes.  Fed whole and fed in pieces it must agree; nothing
 * of a stream it refuses is handed out; every record of one it takes keeps
 * the rules a node relies on (a relative path without empty names or NULs,
 * values only after a key); the hive a stream it takes is converted into
 * (cs_hiveconv.c) is one the checkpoint reader takes, with a record for
 * each key and value it had; and the protected-key rule on a prefix. */
#include "clusstore.h"
#include "regrec_rules.h"

#include <stdlib.h>
#include <string.h>

struct seen {
    size_t keys, records;
};

static uint32_t on_record(void *ctx, const cs_regrec *r)
{
    struct seen *s = ctx;

    if (regrec_breaks_rules(r, s->keys))
        abort();
    s->keys += r->tag == 'K';
    s->records++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen seen = { 0, 0 };
    cs_regstream *p = cs_regstream_new();
    size_t split = size ? data[size - 1] % (size + 1) : 0;
    uint32_t whole, pieces;
    char why[128], key[64];

    if (!p)
        return 0;
    whole = cs_regstream_walk(data, size, on_record, &seen, why, sizeof(why));
    if ((whole && seen.records) || (whole && !why[0]) || (!whole && size && !seen.keys))
        abort();
    pieces = cs_regstream_feed(p, data, split);
    if (!pieces)
        pieces = cs_regstream_feed(p, data + split, size - split);
    if (!pieces)
        pieces = cs_regstream_end(p);
    if (!whole != !pieces)
        abort();
    cs_regstream_free(p);
    if (!whole) {
        unsigned char *hive = NULL;
        size_t hive_size = 0;
        struct seen back = { 0, 0 };
        if (!cs_reghive_from_stream(data, size, "Key", &hive, &hive_size, why, sizeof(why)) &&
            (cs_reghive_walk(hive, hive_size, NULL, NULL, why, sizeof(why)) ||
             cs_reghive_walk(hive, hive_size, on_record, &back, why, sizeof(why)) || back.keys > seen.keys + 1 ||
             back.records > seen.records + 1))
            abort();
        free(hive);
    }
    memcpy(key, data, size < sizeof(key) - 1 ? size : sizeof(key) - 1);
    key[size < sizeof(key) - 1 ? size : sizeof(key) - 1] = 0;
    cs_regkey_is_protected(key);
    return 0;
}

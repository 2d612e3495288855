/* libFuzzer target: the registry checkpoint hive reader (cs_hivewalk.c,
 * over hivex) on arbitrary bytes.  It must never crash, hang or leak; it
 * hands out nothing of a hive it refuses and gives a reason; every record of
 * one it takes keeps the rules a node relies on (the root first and only
 * once, then paths below it with no empty names, NULs or stray backslashes,
 * values only after a key); and a hive it takes reads the same twice. */
#include "clusstore.h"
#include "regrec_rules.h"

#include <stdlib.h>
#include <string.h>

struct seen {
    size_t keys, records;
    uint64_t sum;
};

static uint32_t on_record(void *ctx, const cs_regrec *r)
{
    struct seen *s = ctx;
    uint32_t i;

    if (regrec_breaks_rules(r, s->keys))
        abort();
    s->keys += r->tag == 'K';
    /* A value name has no NUL either (a key's is checked above). */
    for (i = 0; r->tag == 'V' && i < r->name_len; i++)
        if (!r->name[i])
            abort();
    for (i = 0; i < r->size; i++)
        s->sum += r->data[i];
    s->records++;
    s->sum = s->sum * 31 + r->name_len + r->type + r->size;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct seen one = { 0, 0, 0 }, two = { 0, 0, 0 };
    uint32_t err;
    char why[160];

    err = cs_reghive_walk(data, size, on_record, &one, why, sizeof(why));
    if ((err && one.records) || (err && !why[0]) || (!err && size && !one.keys))
        abort();
    if (!err && (cs_reghive_walk(data, size, on_record, &two, NULL, 0) || one.records != two.records ||
                 one.sum != two.sum))
        abort();
    return 0;
}

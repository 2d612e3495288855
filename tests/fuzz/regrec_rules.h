/* What every record a registry checkpoint reader hands out must keep, for
 * the fuzz targets of both (the capture stream and the hive): the first key,
 * and only it, is the checkpointed key itself (""); a key path has no NUL
 * and no empty name; a value comes only after a key, with its data. */
#ifndef WINECLUS_FUZZ_REGREC_RULES_H
#define WINECLUS_FUZZ_REGREC_RULES_H

#include "clusstore.h"

static int regrec_breaks_rules(const cs_regrec *r, size_t keys_before)
{
    uint32_t i;

    if (r->tag == 'V')
        return !keys_before || (r->size && !r->data);
    if (r->tag != 'K' || !keys_before != !r->name_len)
        return 1;
    for (i = 0; i < r->name_len; i++)
        if (!r->name[i] || (r->name[i] == '\\' && (!i || i + 1 == r->name_len || r->name[i + 1] == '\\')))
            return 1;
    return 0;
}

#endif

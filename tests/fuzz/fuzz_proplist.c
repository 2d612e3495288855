/* libFuzzer target: the property-list codec (libs/proplist) on arbitrary
 * bytes, as a property list and as a bare value list.  A list it takes is
 * written again through the builder: the copy must be taken too, with the
 * same size and count, and a buffer one byte short must be refused with
 * that same size counted. */
#include "proplist.h"

#include <stdlib.h>
#include <string.h>

static size_t rebuild(const uint8_t *data, size_t size, uint8_t *out, size_t cap, int *fits)
{
    struct pl_builder b;
    struct pl_reader r;
    struct pl_prop p;
    struct pl_cursor c;
    struct pl_value v;
    pl_wchar name[256];
    enum pl_error e;

    pl_build_begin(&b, out, cap);
    if (pl_read_begin(&r, data, size) != PL_OK)
        abort();
    while ((e = pl_read_next(&r, &p)) == PL_OK) {
        if (p.name_len >= sizeof(name) / sizeof(name[0]))
            return 0; /* longer than this target copies; the size check below skips it */
        memcpy(name, p.name, (p.name_len + 1) * 2);
        pl_build_name(&b, name);
        pl_values_begin(&c, p.values, p.values_size, 1);
        while ((e = pl_values_next(&c, &v)) == PL_OK)
            pl_build_value(&b, v.syntax, v.data, v.size);
        if (e != PL_END || c.pos != p.values_size)
            abort();
        pl_build_endmark(&b);
    }
    if (e != PL_END)
        abort();
    *fits = pl_build_fits(&b);
    return pl_build_size(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t count, count2;
    size_t need;
    uint8_t *copy;
    int fits;

    pl_values_validate(data, size, 0, NULL);
    pl_values_validate(data, size, 1, NULL);
    if (pl_validate(data, size, &count, NULL) != PL_OK)
        return 0;
    copy = malloc(size);
    if (!copy)
        return 0;
    need = rebuild(data, size, copy, size, &fits);
    if (need) {
        if (need != size || !fits || pl_validate(copy, size, &count2, NULL) != PL_OK || count2 != count)
            abort();
        if (rebuild(data, size, copy, size - 1, &fits) != size || fits)
            abort();
    }
    free(copy);
    return 0;
}

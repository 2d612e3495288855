/* What a restored registry checkpoint may replace (docs/checkpoint-format.md,
 * "What a restore may touch"): not a key Windows itself owns, nor one of
 * ours, nor anything above them, unless the restore is forced. */
#include "cs_internal.h"

#include <string.h>

static const char *const owned[] = {
    "SYSTEM", "SAM", "SECURITY", "HARDWARE",
    "SOFTWARE\\Microsoft\\Windows", "SOFTWARE\\Microsoft\\Windows NT",
    "SOFTWARE\\Classes", "SOFTWARE\\Policies",
    /* Wine's configuration, and where this node records what it applied. */
    "SOFTWARE\\Wine", "SOFTWARE\\Wine\\Cluster\\Applied",
};

/* One character of a key name as the registry compares them: without case,
 * and the two non-ASCII letters that Wine's and Windows' upcasing turn into
 * ASCII ones (U+0131 dotless i -> I, U+017F long s -> S) taken as those.
 * -> the folded character, *len the bytes it took. */
static int fold(const char *p, size_t *len)
{
    const unsigned char *u = (const unsigned char *)p;

    *len = 1;
    if (u[0] == 0xc4 && u[1] == 0xb1) {
        *len = 2;
        return 'I';
    }
    if (u[0] == 0xc5 && u[1] == 0xbf) {
        *len = 2;
        return 'S';
    }
    return u[0] >= 'a' && u[0] <= 'z' ? u[0] - 32 : u[0];
}

/* Does key (any number of backslashes between names, before and after)
 * name an ancestor of listed, or listed itself? */
static int names_prefix(const char *key, const char *listed)
{
    size_t a, b;

    for (;;) {
        while (*key == '\\')
            key++;
        while (*listed == '\\')
            listed++;
        if (!*key)
            return 1;
        if (!*listed)
            return 0;
        /* One name each, compared to its end. */
        while (*key && *key != '\\' && *listed && *listed != '\\') {
            if (fold(key, &a) != fold(listed, &b))
                return 0;
            key += a;
            listed += b;
        }
        if ((*key && *key != '\\') || (*listed && *listed != '\\'))
            return 0;
    }
}

int cs_regkey_is_protected(const char *key)
{
    size_t i;

    for (i = 0; i < sizeof(owned) / sizeof(owned[0]); i++)
        if (names_prefix(key, owned[i]))
            return 1;
    return 0;
}

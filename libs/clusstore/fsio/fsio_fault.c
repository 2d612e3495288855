/* Fault injection for fsio: lets tests and a fault campaign make any single
 * file-system call fail (or the process die) without a broken disk.
 *
 * WINECLUS_FAULT holds up to FAULT_MAX comma-separated op:nth:err entries;
 * err is an errno name (ENOSPC, EIO, ...), a number, or CRASH.  Unset, the
 * hook costs one branch.  Building with -DWINECLUS_NO_FAULTS removes it. */
#include "fsio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef WINECLUS_NO_FAULTS
#define FAULT_MAX 8
#define FAULT_CRASH (-1)

struct fault {
    char     op[16];
    unsigned nth;
    unsigned seen;
    int      err;
};

static struct fault faults[FAULT_MAX];
static unsigned nfaults;

static const struct { const char *name; int err; } errnames[] = {
    { "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EACCES", EACCES }, { "EPERM", EPERM },
    { "EROFS", EROFS }, { "EDQUOT", EDQUOT }, { "ENOMEM", ENOMEM }, { "EEXIST", EEXIST },
    { "ENOENT", ENOENT }, { "EMFILE", EMFILE }, { "ENOTSUP", ENOTSUP }, { "EFBIG", EFBIG },
    { "CRASH", FAULT_CRASH },
};

static int parse_err(const char *s, size_t len, int *err)
{
    size_t i;
    char *end;
    long v;

    for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++) {
        if (strlen(errnames[i].name) == len && !strncmp(errnames[i].name, s, len)) {
            *err = errnames[i].err;
            return 1;
        }
    }
    v = strtol(s, &end, 10);
    if (end != s + len || v <= 0 || v > 4095)
        return 0;
    *err = (int)v;
    return 1;
}

/* One "op:nth:err" of len bytes; malformed entries are ignored so a typo
 * cannot turn into a fault nobody asked for. */
static void parse_one(const char *s, size_t len)
{
    const char *c1 = memchr(s, ':', len), *c2;
    struct fault f = { .seen = 0 };
    char *end;
    unsigned long nth;

    if (!c1 || nfaults == FAULT_MAX || (size_t)(c1 - s) >= sizeof(f.op) || c1 == s)
        return;
    c2 = memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - s));
    if (!c2)
        return;
    nth = strtoul(c1 + 1, &end, 10);
    if (end != c2 || nth == 0 || nth > 1000000)
        return;
    if (!parse_err(c2 + 1, len - (size_t)(c2 + 1 - s), &f.err))
        return;
    memcpy(f.op, s, (size_t)(c1 - s));
    f.nth = (unsigned)nth;
    faults[nfaults++] = f;
}

#endif

void fsio_fault_arm(void)
{
#ifndef WINECLUS_NO_FAULTS
    const char *env = getenv("WINECLUS_FAULT");

    nfaults = 0;
    while (env && *env) {
        const char *comma = strchr(env, ',');
        size_t len = comma ? (size_t)(comma - env) : strlen(env);

        parse_one(env, len);
        env = comma ? comma + 1 : NULL;
    }
#endif
}

int fsio_fault(const char *op)
{
#ifndef WINECLUS_NO_FAULTS
    unsigned i;

    for (i = 0; i < nfaults; i++) {
        if (strcmp(faults[i].op, op) || ++faults[i].seen != faults[i].nth)
            continue;
        if (faults[i].err == FAULT_CRASH)
            _exit(FSIO_CRASH_STATUS);
        return faults[i].err;
    }
#else
    (void)op;
#endif
    return 0;
}

/* quolog.log: the quorum log records after the last checkpoint, up to the
 * snapshot, so the set carries what Windows' quorum log carries.  Restore
 * does not replay it (the snapshot already holds every change); it is
 * checked like every other file. */
#include "backup_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qw {
    bk_out  *o;
    uint64_t records;
    uint32_t err;
};

static uint32_t put_field(bk_out *o, const char *text, const char *sep)
{
    size_t n = text ? strlen(text) : 0;
    char *esc = malloc(3 * n + 1);
    uint32_t err;

    if (!esc)
        return cs__fail(o->s, CS_ERROR_NOT_ENOUGH_MEMORY, "quorum log: out of memory");
    bk_escape(text ? text : "", esc);
    err = bk_out_write(o, esc, strlen(esc));
    if (!err)
        err = bk_out_write(o, sep, strlen(sep));
    free(esc);
    return err;
}

static int put_record(void *ctx, const cs_log_record *r)
{
    struct qw *w = ctx;
    char head[64];

    snprintf(head, sizeof(head), "%llu %lld ", (unsigned long long)r->seq, (long long)r->time);
    w->err = bk_out_write(w->o, head, strlen(head));
    if (!w->err) w->err = put_field(w->o, r->op, " ");
    if (!w->err) w->err = put_field(w->o, r->object_id, " ");
    if (!w->err) w->err = put_field(w->o, r->detail, "\n");
    if (!w->err)
        w->records++;
    return w->err != 0;
}

uint32_t bk_quolog_write(bk_out *o, const cs_cluster *c, uint64_t *records)
{
    struct qw w = { .o = o };
    char head[256];
    uint32_t err;

    snprintf(head, sizeof(head), "WINECLUS-QUOLOG 1\ncluster-id %s\nfrom-seq %llu\nto-seq %llu\n\n", c->id,
             (unsigned long long)c->checkpoint_seq, (unsigned long long)c->log_seq);
    err = bk_out_write(o, head, strlen(head));
    if (!err)
        err = cs_log_list(o->s, c->checkpoint_seq, put_record, &w);
    if (!err)
        err = w.err;
    if (!err) {
        snprintf(head, sizeof(head), "end %llu\n", (unsigned long long)w.records);
        err = bk_out_write(o, head, strlen(head));
    }
    *records = w.records;
    return err;
}

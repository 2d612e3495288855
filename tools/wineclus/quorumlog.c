/*
 * `wineclus log`: the quorum log, the changes since the last checkpoint
 * that bring a node which was down up to date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wineclus.h"

struct record
{
    uint64_t seq;
    int64_t  time;
    char    *op, *object, *detail;
};

struct records
{
    struct record *items;
    size_t         n, cap;
    int            failed;
};

static void drop_all(struct records *r)
{
    size_t i;

    for (i = 0; i < r->n; i++)
    {
        free(r->items[i].op);
        free(r->items[i].object);
        free(r->items[i].detail);
    }
    r->n = 0;
}

/* Collected first, printed after: the store retries a read that met a
 * writer from its start, and a half-printed document cannot be taken back. */
static int collect(void *ctx, const cs_log_record *rec)
{
    struct records *r = ctx;
    struct record *item;

    if (r->n && rec->seq <= r->items[r->n - 1].seq) drop_all(r);
    if (r->n == r->cap)
    {
        size_t cap = r->cap ? 2 * r->cap : 64;
        struct record *items = realloc(r->items, cap * sizeof(*items));

        if (!items) return r->failed = 1;
        r->items = items;
        r->cap = cap;
    }
    item = &r->items[r->n++];
    item->seq = rec->seq;
    item->time = rec->time;
    item->op = strdup(rec->op ? rec->op : "");
    item->object = strdup(rec->object_id ? rec->object_id : "");
    item->detail = strdup(rec->detail ? rec->detail : "");
    if (!item->op || !item->object || !item->detail) return r->failed = 1;
    return 0;
}

static void print_records(const cs_cluster *c, const struct records *r)
{
    char when[32];
    size_t i;

    if (json_output)
    {
        json_open(NULL, '{');
        json_uint("sequence", c->log_seq);
        json_uint("checkpoint_sequence", c->checkpoint_seq);
        json_uint("bytes", c->log_bytes);
        json_open("records", '[');
    }
    else say("Quorum log at sequence %llu, %llu bytes since the checkpoint at sequence %llu.\n",
                (unsigned long long)c->log_seq, (unsigned long long)c->log_bytes,
                (unsigned long long)c->checkpoint_seq);
    for (i = 0; i < r->n; i++)
    {
        time_t t = (time_t)r->items[i].time;
        struct tm tm;

        if (!gmtime_r(&t, &tm) || !strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm)) strcpy(when, "?");
        if (!json_output)
        {
            say("%6llu  %s  %-24s %s  %s\n", (unsigned long long)r->items[i].seq, when, r->items[i].op,
                   r->items[i].object, r->items[i].detail);
            continue;
        }
        json_open(NULL, '{');
        json_uint("seq", r->items[i].seq);
        json_int("time", r->items[i].time);
        json_str("utc", when);
        json_str("op", r->items[i].op);
        json_str("object", r->items[i].object);
        json_str("detail", r->items[i].detail);
        json_close('}');
    }
    if (json_output) json_close(']'), json_close('}');
}

int cmd_log(int argc, char **argv)
{
    const char *since_text = NULL;
    const struct optspec opts[] = { { "since", &since_text, NULL, 0, NULL }, { NULL, NULL, NULL, 0, NULL } };
    struct records r;
    uint64_t since = 0;
    cs_cluster c;
    cs_store *s;
    uint32_t err;
    int rc = EXIT_OK;

    if (wants_help(argc, argv))
    {
        say("Usage: wineclus log [--since SEQ] [--json]\n"
               "Prints the quorum log of the cluster in the store ($WINECLUS_STORE): one record per change\n"
               "since the last checkpoint (sequence number, time in UTC, operation, object, detail).\n"
               "  --since SEQ  only the records after sequence number SEQ\n"
               "The log is checkpointed, and its older records dropped, when it outgrows the maximum size\n"
               "that `wineclus quorum` shows.\n");
        return EXIT_OK;
    }
    parse_args("log", argc, argv, opts, 0, 0, "", NULL);
    if (since_text) since = parse_number("log", "--since", since_text, INT64_MAX);
    if (open_store_to_read(&s)) return EXIT_FAILED;
    memset(&r, 0, sizeof(r));
    if ((err = cs_snapshot_begin(s)))
        rc = store_fail(s, err, "cannot read the quorum log");
    else
    {
        if ((err = cs_cluster_get(s, &c)) || (err = cs_log_list(s, since, collect, &r)))
            rc = store_fail(s, err, "cannot read the quorum log");
        cs_snapshot_end(s);
    }
    if (!rc && r.failed) rc = report_failure(CS_ERROR_NOT_ENOUGH_MEMORY, "", NULL, "out of memory reading the log");
    if (!rc) print_records(&c, &r);
    drop_all(&r);
    free(r.items);
    cs_close(s);
    return rc;
}

/*
 * `wineclus events`: the cluster's changes as GetClusterNotify reports them,
 * followed from Linux as they are committed by any process of any prefix,
 * one line (or one JSON object) per event, flushed at once for a pipe.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsio.h"
#include "wineclus.h"

struct follow
{
    uint32_t filter;
    int      counted;       /* --count given: stop when left is 0 */
    uint64_t left;
};

static void print_event(void *ctx, const cs_event *ev)
{
    struct follow *f = ctx;
    time_t t = (time_t)ev->time;
    char when[32];
    struct tm tm;

    if (!(ev->change & f->filter) || (f->counted && !f->left)) return;
    f->left--;
    if (!gmtime_r(&t, &tm) || !strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm)) strcpy(when, "?");
    if (json_output)
    {
        json_open(NULL, '{');
        json_uint("seq", ev->seq);
        json_str("utc", when);
        json_str("change", cs_change_name(ev->change));
        json_uint("filter", ev->change);
        json_str("name", ev->name);
        json_str("object", ev->object);
        json_str("op", ev->op);
        json_close('}');
    }
    else say("%llu  %s  %-22s %s\n", (unsigned long long)ev->seq, when, cs_change_name(ev->change), ev->name);
    fflush(stdout);
}

/* "GROUP_STATE,resource_added,CLUSTER_CHANGE_NODE_STATE" -> the bits. */
static uint32_t parse_filter(const char *text)
{
    char word[64], *p;
    uint32_t bits = 0, bit;
    size_t n;

    while (*text)
    {
        n = strcspn(text, ",");
        if (n >= sizeof(word)) die_usage("events", "unknown change '%.*s'", (int)n, text);
        memcpy(word, text, n);
        word[n] = 0;
        for (p = word; *p; p++) *p = (char)toupper((unsigned char)*p);
        p = strncmp(word, "CLUSTER_CHANGE_", 15) ? word : word + 15;
        if (!(bit = cs_change_parse(p))) die_usage("events", "unknown change '%s'", word);
        bits |= bit;
        text += n + (text[n] == ',');
    }
    return bits;
}

int cmd_events(int argc, char **argv)
{
    const char *filter_text = NULL, *count_text = NULL;
    const struct optspec opts[] = {
        { "filter", &filter_text, NULL, 0, NULL },
        { "count", &count_text, NULL, 0, NULL },
        { NULL, NULL, NULL, 0, NULL },
    };
    struct follow f = { 0xffffffffu, 0, 0 };
    cs_watch *w;
    cs_store *s;
    uint32_t err;
    int rc = EXIT_OK;

    if (wants_help(argc, argv))
    {
        say("Usage: wineclus events [--filter CHANGE,...] [--count N] [--json]\n"
            "Follows the cluster in the store ($WINECLUS_STORE) and prints each change as it is committed,\n"
            "by any program of any node, as GetClusterNotify reports it: sequence number, time in UTC,\n"
            "the CLUSTER_CHANGE_ class and the object's name (a registry key's path). With --json, one JSON\n"
            "object per line. Output is flushed after each event. CLUSTER_RECONNECT means events were lost\n"
            "(this follower fell too far behind, or the database was restored): read the cluster again.\n"
            "  --filter CHANGE,...  only these classes, e.g. GROUP_STATE,RESOURCE_STATE\n"
            "  --count N            stop after N events\n");
        return EXIT_OK;
    }
    parse_args("events", argc, argv, opts, 0, 0, "", NULL);
    if (filter_text) f.filter = parse_filter(filter_text);
    if (count_text) f.counted = 1, f.left = parse_number("events", "--count", count_text, UINT32_MAX);
    if (!f.filter) die_usage("events", "--filter names no change");
    json_lines = 1;
    if (open_store_to_read(&s)) return EXIT_FAILED;
    if ((err = cs_watch_open(s, &w)))
        rc = store_fail(s, err, "cannot follow the cluster's changes");
    else
    {
        while (!(err = cs_watch_read(s, w, print_event, &f)) && (!f.counted || f.left))
            if (cs_watch_wait(w, -1, -1) < 0)
            {
                rc = report_failure(fsio_winerr(errno, 0), strerror(errno), NULL,
                                    "cannot wait for the cluster's changes");
                break;
            }
        if (err) rc = store_fail(s, err, "cannot read the cluster's changes");
        cs_watch_close(w);
    }
    cs_close(s);
    return rc;
}

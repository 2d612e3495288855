/*
 * Command-line parsing shared by the store verbs: subcommand dispatch,
 * options (with --json everywhere), operand counts and numbers.  Every
 * mistake ends in die_usage, so a verb's own code only sees a valid line.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wineclus.h"

#define OPTS_MAX 16

int run_subverb(const char *verb, const struct subverb *table, size_t n, int argc, char **argv)
{
    char names[256] = "";
    size_t i;

    for (i = 0; i < n; i++)
    {
        if (argc > 1 && !strcmp(argv[1], table[i].name)) return table[i].run(argc - 1, argv + 1);
        snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "", table[i].name);
    }
    if (argc < 2) die_usage(verb, "which subcommand? one of: %s", names);
    die_usage(verb, "unknown subcommand '%s' (one of: %s)", argv[1], names);
}

static void take_value(const char *verb, const struct optspec *o, const char *value)
{
    if (o->max > 1)
    {
        if (*o->count >= o->max) die_usage(verb, "--%s can be given at most %d times", o->name, o->max);
        o->value[(*o->count)++] = value;
        return;
    }
    if (*o->value) die_usage(verb, "--%s given twice", o->name);
    *o->value = value;
}

int parse_args(const char *verb, int argc, char **argv, const struct optspec *spec, int min, int max,
               const char *operands, char ***ops)
{
    struct option longopts[OPTS_MAX + 2];
    int n = 0, c, count;

    memset(longopts, 0, sizeof(longopts));
    for (; spec && spec[n].name; n++)
    {
        if (n == OPTS_MAX) abort();
        longopts[n].name = spec[n].name;
        longopts[n].has_arg = spec[n].value ? required_argument : no_argument;
        longopts[n].val = 256 + n;
    }
    longopts[n].name = "json";
    longopts[n].val = 'j';
    /* 0, not 1: GNU getopt then also forgets where it was in an earlier argv. */
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1)
    {
        if (c == 'j') json_output = 1;
        else if (c >= 256)
        {
            const struct optspec *o = &spec[c - 256];

            if (o->value) take_value(verb, o, optarg);
            else *o->flag = 1;
        }
        else if (c == ':') die_usage(verb, "option '%s' needs a value", argv[optind - 1]);
        else if (optopt) die_usage(verb, "unknown option '-%c'", optopt);
        else die_usage(verb, "unknown option '%s'", argv[optind - 1]);
    }
    count = argc - optind;
    if (count < min) die_usage(verb, "missing %s", operands);
    if (count > max) die_usage(verb, "unexpected argument '%s'", argv[optind + max]);
    if (ops) *ops = argv + optind;
    return count;
}

uint64_t parse_number(const char *verb, const char *what, const char *text, uint64_t max)
{
    unsigned long long v;

    /* strtoull would take "-1", " 5" or "0x10"; a count is plain decimal. */
    if (!text[0] || strspn(text, "0123456789") != strlen(text))
        die_usage(verb, "%s wants a whole number, not '%s'", what, text);
    errno = 0;
    v = strtoull(text, NULL, 10);
    if (errno || v > max)
        die_usage(verb, "%s must be at most %llu", what, (unsigned long long)max);
    return v;
}

/* Shared declarations of the wineclus host tool. */
#ifndef WINECLUS_TOOL_H
#define WINECLUS_TOOL_H

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "clusstore.h"

/* One verb of the command line: `wineclus NAME ARGS...`. */
struct command
{
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);   /* argv[0] is the verb */
};

/* Exit statuses: 0 success, 1 the operation failed, 2 the command line was wrong. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

void die_usage(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int wants_help(int argc, char **argv);

/* layout.c: where the Wine-side files of this build or installation are. */
extern const char *const layout_archs[];   /* x86_64, i386, NULL */
/* ARCH-KIND (x86_64 or i386, unix or windows), NULL when ARCH was not built:
 * unix holds wineclusapi.dll.so, windows clusapi.dll and the fake PEs. */
const char *layout_dir(const char *arch, const char *kind);
int layout_prefix_is_win32(void);       /* a WINEARCH=win32 prefix, made or to be made */
const char *layout_wineloader(void);    /* $WINELOADER, else the one the prefix needs */
const char *layout_wineserver(void);
const char *layout_prefix(void);        /* $WINEPREFIX or ~/.wine */
int layout_find(void);                  /* 0 when the files were found, else prints why */

/* prefixreg.c: a string `wineclus setup` recorded in PREFIX (NodeName, Store); 0 if none. */
int prefix_setting(const char *prefix, const char *name, char *buf, size_t size);

/* wine.c: running Wine programs. */
int wine_run_wait(const char *const *argv, int quiet);
void wine_env_for_clusapi(void);

int cmd_setup(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_env(int argc, char **argv);

/* text.c: the tool's text output.  Every %s argument is escaped (control
 * characters, bidirectional marks and bytes that are not UTF-8 as \xNN), so
 * nothing a store holds can act on a terminal or forge a line. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));   /* to stdout */
void text_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vtext_printf(FILE *f, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* A character text output escapes and JSON writes as \uXXXX. */
int shown_escaped(uint32_t cp);

/* The store verbs.  They share the helpers below; every one takes --json. */
/* json.c: the one JSON document a verb writes to stdout under --json. */
extern int json_output;
extern int json_lines;      /* each document on one line (JSON Lines), for a stream */
void json_open(const char *key, char bracket);   /* key NULL at the top and inside arrays */
void json_close(char bracket);
void json_str(const char *key, const char *value);   /* NULL value: null */
void json_uint(const char *key, uint64_t value);
void json_int(const char *key, int64_t value);
void json_bool(const char *key, int value);

/* failure.c: "wineclus: WHAT (error N: DETAIL)" and advice; return EXIT_FAILED. */
int report_failure(uint32_t code, const char *detail, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int store_fail(cs_store *s, uint32_t err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* args.c: subcommands, options, operands, numbers; mistakes exit through die_usage. */
struct subverb
{
    const char *name;
    int (*run)(int argc, char **argv);   /* argv[0] is the subcommand */
};
struct optspec
{
    const char *name;       /* without the dashes */
    const char **value;     /* takes a value, stored here (an array of max when max > 1) */
    int *flag;              /* no value: set to 1 */
    int max;                /* how often it may be given, 0 or 1 meaning once */
    int *count;             /* values stored, when max > 1 */
};
int run_subverb(const char *verb, const struct subverb *table, size_t n, int argc, char **argv);
int parse_args(const char *verb, int argc, char **argv, const struct optspec *spec, int min, int max,
               const char *operands, char ***ops);
uint64_t parse_number(const char *verb, const char *what, const char *text, uint64_t max);

/* lookup.c: opening the store and finding its objects, reporting what is missing. */
int open_store(cs_store **s);            /* made, with the default cluster, if there is none */
int open_store_to_read(cs_store **s);    /* none: a failure, and nothing made */
int find_node(cs_store *s, const char *name, cs_node *out);
int find_first_node(cs_store *s, cs_node *out);
int find_group(cs_store *s, const char *name, cs_group *out);
int find_resource(cs_store *s, const char *name, cs_resource *out);
void check_node_name(const char *verb, const char *option, const char *name);
const char *quorum_name(cs_store *s, const cs_cluster *c, cs_resource *buf);

/* names.c: the words for states and kinds, in text and JSON alike. */
const char *node_state_name(int state);
const char *group_state_name(int state);
const char *resource_state_name(int state);
const char *checkpoint_kind_name(int kind);

/* emit.c: one node, group or resource, as a JSON object or a line of text. */
void emit_node(const char *key, const cs_node *n, int up, const char *indent);
void emit_group_open(const char *key, const cs_group *g, const char *owner, const char *indent);
void emit_group_close(void);
void emit_resource(const char *key, const cs_resource *r, const cs_checkpoint *ck, size_t nck,
                   const char *indent);
void emit_done(const char *kind, const char *name, const char *what);
const char *node_name_of(const cs_node *nodes, size_t n, uint32_t id);
void emit_quorum(const cs_cluster *c, const char *resource);

/* propshow.c: an object's common and private properties, read whole before
 * anything is printed (text, or two JSON arrays common_properties and
 * private_properties of {name, format, value, default, read_only}). */
struct propshown
{
    cs_property prop;            /* data may point into scratch (a default, a column) */
    int is_default, read_only;
    char scratch[CS_TEXT_MAX];
};
struct proplist
{
    struct propshown *v;
    size_t n;
    cs_property *stored;         /* what v's stored values point into */
};
struct props
{
    struct proplist common, private;
};
/* record: the class's cs_* record (NULL for CS_CLASS_CLUSTER); a store error, or 0. */
uint32_t props_read(cs_store *s, int cls, const void *record, struct props *out);
void props_print(const struct props *p);
void props_free(struct props *p);

/* progress.c: the backup's progress line on a terminal; ctx is a struct progress. */
struct progress
{
    int shown;      /* a line is on the terminal */
    int percent;    /* last shown */
};
uint32_t progress_show(void *ctx, uint64_t done, uint64_t total);
void progress_end(struct progress *p);
/* cs_lock_wait_fn: says once, on stderr, who holds the folder a backup or restore waits for. */
void lock_wait_show(void *ctx, const char *dir, const char *holder);

/* backupfiles.c: what to do when a backup folder is no set (2), a file (267) or missing (3); NULL else. */
const char *set_folder_hint(uint32_t err);
/* backupfiles.c: the files of the backup set in dir, sorted, *n of them; NULL if it cannot be read. */
char **backup_files(const char *dir, size_t *n);
void free_backup_files(char **names, size_t n);

/* service.c: `wineclus node start|stop|status`, the node's cluster service. */
int node_start(int argc, char **argv);
int node_stop(int argc, char **argv);
int node_status(int argc, char **argv);
/* servicerun.c: the service's process.  Block the signals it waits for (before it is claimed),
 * then run until SIGTERM or SIGINT and close s; the exit status.  prefix: the node's Wine prefix,
 * with the environment for it set (wine_env_for_clusapi), NULL if none. */
void service_block_signals(sigset_t *set);
int service_loop(cs_store *s, const char *node, const char *prefix, const sigset_t *set);
/* A dated line in the service's log. */
void service_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* serviceapps.c: the node's Generic Applications, started, watched and ended; the service's work. */
void apps_work(cs_store *s, uint32_t node, const char *prefix);
void apps_stop_all(cs_store *s);
/* Ends the processes of a group this node is about to hand over, so that it
 * never runs on two nodes at once. */
void apps_end_group(cs_store *s, const char *group);
/* A resource this service runs failed: the restart policy (servicepolicy.c). */
void policy_failed(cs_store *s, const cs_resource *r);
/* Failbacks owed to nodes that came up (servicefailback.c). */
void failback_work(cs_store *s, uint32_t self);
/* A child of the service in its prefix, dying with it (servicespawn.c); -1 and errno if none.
 * Its stdin in_fd (-1: /dev/null), its stdout out_fd (-1: the service's). */
pid_t service_spawn(char *const argv[], int in_fd, int out_fd);
/* EXE (clussvcctl.exe, clusckpt.exe: build/<arch>-windows) [VERB [ARG]] run with the prefix's Wine
 * (stdin and stdout as for service_spawn): its pid, 0 if it could not be started (noted); or run
 * and waited for up to wait_ms: its exit status, -1 if it could not be started, did not exit
 * normally or was killed for taking too long. */
pid_t service_helper(const char *exe, const char *verb, const char *arg, int in_fd, int out_fd);
int service_helper_run(const char *exe, const char *verb, const char *arg, int wait_ms);
/* The checkpoint keeper of the node (serviceckpt.c, clusckpt.exe keep): started while the node
 * owns a resource with checkpoints and the service has a prefix; ckpt_online applies r's
 * checkpoints before its process starts (0 if that failed, noted); ckpt_stop has a last round
 * done and ends the keeper. */
void ckpt_work(cs_store *s, uint32_t node, const char *prefix);
int ckpt_online(cs_store *s, const cs_resource *r);
void ckpt_stop(void);
/* Generic Service (servicesvc.c): start the watcher of r's ServiceName (copied to name), 0 if none
 * could be (noted); stop the Windows service name, waiting for it. */
#define SVC_NAME_MAX 257    /* a service name: 256 characters and the end */
pid_t svc_start(cs_store *s, const cs_resource *r, char name[SVC_NAME_MAX]);
void svc_stop(const char *name);

int cmd_status(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_node(int argc, char **argv);
int cmd_group(int argc, char **argv);
int cmd_resource(int argc, char **argv);
int resource_show(int argc, char **argv);
int cmd_checkpoint(int argc, char **argv);
int cmd_registry(int argc, char **argv);
int cmd_quorum(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_store(int argc, char **argv);

#endif

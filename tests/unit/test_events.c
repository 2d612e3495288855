/* Unit tests for change events: the op -> CLUSTER_CHANGE table, names of
 * live and deleted objects, registry key paths, the wake-up of a watcher
 * across processes, events kept over log checkpoints for a watcher behind,
 * and CLUSTER_RECONNECT when they could not be. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "clusstore.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct seen {
    size_t n, reconnects;
    uint32_t change[64];
    char name[64][300];
    char object[64][300];
    uint64_t last_seq;
    int out_of_order;
};

static void collect(void *ctx, const cs_event *ev)
{
    struct seen *s = ctx;

    if (ev->seq <= s->last_seq && ev->change != CS_CHANGE_CLUSTER_RECONNECT)
        s->out_of_order = 1;
    s->last_seq = ev->seq;
    if (ev->change == CS_CHANGE_CLUSTER_RECONNECT)
        s->reconnects++;
    if (s->n < 64) {
        s->change[s->n] = ev->change;
        snprintf(s->name[s->n], sizeof(s->name[0]), "%s", ev->name);
        snprintf(s->object[s->n], sizeof(s->object[0]), "%s", ev->object);
    }
    s->n++;
}

static void test_table(void)
{
    CHECK_EQ(cs_change_of("group.create"), CS_CHANGE_GROUP_ADDED);
    CHECK_EQ(cs_change_of("resource.state"), CS_CHANGE_RESOURCE_STATE);
    CHECK_EQ(cs_change_of("network.order"), CS_CHANGE_CLUSTER_PROPERTY);
    CHECK_EQ(cs_change_of("registry.value.set"), CS_CHANGE_REGISTRY_VALUE);
    CHECK_EQ(cs_change_of("backup"), 0);
    CHECK_EQ(cs_change_of(NULL), 0);
    CHECK(!strcmp(cs_change_name(CS_CHANGE_HANDLE_CLOSE), "HANDLE_CLOSE"));
    CHECK(cs_change_name(0) == NULL);
    CHECK_EQ(cs_change_parse("GROUP_STATE"), CS_CHANGE_GROUP_STATE);
    CHECK_EQ(cs_change_parse("nonsense"), 0);
}

static void test_events(cs_store *s)
{
    struct seen seen;
    cs_watch *w;
    cs_group g;
    cs_resource r;
    char guid[CS_GUID_MAX];

    CHECK_EQ(cs_watch_open(s, &w), 0);
    memset(&seen, 0, sizeof(seen));
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 0);
    /* Nothing changed: the wait times out. */
    CHECK_EQ(cs_watch_wait(w, 10, -1), 0);
    CHECK_EQ(cs_group_create(s, "G1", 1, &g), 0);
    strcpy(guid, g.id);
    CHECK_EQ(cs_resource_create(s, "R it's", "Generic Application", "G1", &r), 0);
    CHECK_EQ(cs_group_rename(s, "G1", "G2"), 0);
    CHECK_EQ(cs_reg_create_key(s, "Sub key", NULL, NULL, 0), 0);
    CHECK_EQ(cs_reg_set_value(s, "Sub key", "v 'x'", CS_REG_DWORD, "\1\0\0\0", 4), 0);
    CHECK_EQ(cs_resource_delete(s, "R it's"), 0);
    CHECK_EQ(cs_group_delete(s, "G2"), 0);
    CHECK_EQ(cs_log_append(s, "backup", "", "not an event"), 0);
    CHECK_EQ(cs_watch_wait(w, 1000, -1), 1);
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 7);
    CHECK_EQ(seen.change[0], CS_CHANGE_GROUP_ADDED);
    /* Deleted by the time it was read: the name its record quotes. */
    CHECK(!strcmp(seen.name[0], "G1"));
    CHECK(!strcmp(seen.object[0], guid));
    CHECK_EQ(seen.change[1], CS_CHANGE_RESOURCE_ADDED);
    CHECK(!strcmp(seen.name[1], "R it's"));
    CHECK_EQ(seen.change[2], CS_CHANGE_GROUP_PROPERTY);
    CHECK(!strcmp(seen.name[2], "G2"));
    CHECK_EQ(seen.change[3], CS_CHANGE_REGISTRY_NAME);
    CHECK(!strcmp(seen.name[3], "Sub key"));
    CHECK_EQ(seen.change[4], CS_CHANGE_REGISTRY_VALUE);
    CHECK(!strcmp(seen.name[4], "Sub key"));
    CHECK_EQ(seen.change[5], CS_CHANGE_RESOURCE_DELETED);
    CHECK(!strcmp(seen.name[5], "R it's"));
    CHECK_EQ(seen.change[6], CS_CHANGE_GROUP_DELETED);
    CHECK(!strcmp(seen.name[6], "G2"));
    CHECK(!seen.out_of_order);
    CHECK_EQ(seen.reconnects, 0);
    cs_watch_close(w);
}

/* A value of an object's key, or of its Parameters key, is a property. */
static void test_properties(cs_store *s)
{
    char path[200];
    struct seen seen;
    cs_watch *w;
    cs_group g;
    cs_resource r;

    CHECK_EQ(cs_group_create(s, "PG", 1, &g), 0);
    CHECK_EQ(cs_resource_create(s, "PR", "Generic Application", "PG", &r), 0);
    CHECK_EQ(cs_watch_open(s, &w), 0);
    snprintf(path, sizeof(path), "Resources\\%s\\Parameters", r.id);
    CHECK_EQ(cs_reg_set_value(s, path, "Private", CS_REG_DWORD, "\1\0\0\0", 4), 0);
    CHECK_EQ(cs_reg_set_value(s, "Nodes\\1", "Description", CS_REG_SZ, "d", 2), 0);
    snprintf(path, sizeof(path), "Resources\\%s\\Parameters\\Deeper", r.id);
    CHECK_EQ(cs_reg_create_key(s, path, NULL, NULL, 0), 0);
    CHECK_EQ(cs_reg_set_value(s, path, "NotAProperty", CS_REG_DWORD, "\1\0\0\0", 4), 0);
    memset(&seen, 0, sizeof(seen));
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 6);
    CHECK_EQ(seen.change[0], CS_CHANGE_REGISTRY_VALUE);
    CHECK_EQ(seen.change[1], CS_CHANGE_RESOURCE_PROPERTY);
    CHECK(!strcmp(seen.name[1], "PR") && !strcmp(seen.object[1], r.id));
    CHECK_EQ(seen.change[2], CS_CHANGE_REGISTRY_VALUE);
    CHECK_EQ(seen.change[3], CS_CHANGE_NODE_PROPERTY);
    CHECK(!strcmp(seen.name[3], "ONE") && !strcmp(seen.object[3], "ONE"));
    CHECK_EQ(seen.change[4], CS_CHANGE_REGISTRY_NAME);
    CHECK_EQ(seen.change[5], CS_CHANGE_REGISTRY_VALUE);
    CHECK_EQ(cs_resource_delete(s, "PR"), 0);
    CHECK_EQ(cs_group_delete(s, "PG"), 0);
    cs_watch_close(w);
}

/* Events read long after are named as their object was called then. */
static void test_renames(cs_store *s)
{
    char name[64], want[64];
    struct seen seen;
    cs_watch *w;
    cs_group g;
    int i, bad = 0;

    CHECK_EQ(cs_watch_open(s, &w), 0);
    CHECK_EQ(cs_group_create(s, "n0", 1, &g), 0);
    for (i = 1; i < 40; i++) {
        snprintf(name, sizeof(name), "n%d", i);
        snprintf(want, sizeof(want), "n%d", i - 1);
        CHECK_EQ(cs_group_rename(s, want, name), 0);
    }
    /* A name that looks like a rename's detail. */
    CHECK_EQ(cs_group_rename(s, "n39", "a' to 'b"), 0);
    CHECK_EQ(cs_group_set_state(s, "a' to 'b", 1), 0);
    memset(&seen, 0, sizeof(seen));
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 42);
    for (i = 0; i < 40; i++) {
        snprintf(want, sizeof(want), "n%d", i);
        bad += strcmp(seen.name[i], want) != 0;
    }
    CHECK_EQ(bad, 0);
    CHECK(!strcmp(seen.name[40], "a' to 'b"));
    CHECK(!strcmp(seen.name[41], "a' to 'b"));
    CHECK_EQ(cs_group_delete(s, "a' to 'b"), 0);
    cs_watch_close(w);
}

/* 10 000 changes made by another process while this one follows them:
 * every one arrives, once, in order. */
static void test_count(cs_store *s, const char *root)
{
    struct seen seen;
    cs_watch *w;
    cs_group g;
    pid_t pid;
    int status, rounds = 0;

    CHECK_EQ(cs_group_create(s, "Count", 1, &g), 0);
    CHECK_EQ(cs_watch_open(s, &w), 0);
    pid = fork();
    if (!pid) {
        cs_store *other;
        int i;

        if (cs_open(root, NULL, NULL, &other))
            _exit(1);
        for (i = 0; i < 10000; i++)
            if (cs_group_set_state(other, "Count", i & 1))
                _exit(1);
        cs_close(other);
        _exit(0);
    }
    memset(&seen, 0, sizeof(seen));
    while (seen.n < 10000 && rounds < 100000 && cs_watch_wait(w, 10000, -1) == 1) {
        if (cs_watch_read(s, w, collect, &seen))
            break;
        rounds++;
    }
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && !WEXITSTATUS(status));
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 10000);
    CHECK_EQ(seen.reconnects, 0);
    CHECK(!seen.out_of_order);
    CHECK(rounds > 1);
    CHECK_EQ(cs_group_delete(s, "Count"), 0);
    cs_watch_close(w);
}

/* A change made by another process wakes the watcher. */
static void test_wake(cs_store *s, const char *root)
{
    struct timespec a, b;
    struct seen seen;
    cs_watch *w;
    pid_t pid;
    int status;

    CHECK_EQ(cs_watch_open(s, &w), 0);
    pid = fork();
    if (!pid) {
        cs_store *other;
        cs_group g;

        usleep(100000);
        _exit(cs_open(root, NULL, NULL, &other) || cs_group_create(other, "Far", 1, &g));
    }
    clock_gettime(CLOCK_MONOTONIC, &a);
    CHECK_EQ(cs_watch_wait(w, 5000, -1), 1);
    clock_gettime(CLOCK_MONOTONIC, &b);
    CHECK((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < 4000);
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && !WEXITSTATUS(status));
    memset(&seen, 0, sizeof(seen));
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 1);
    CHECK(!strcmp(seen.name[0], "Far"));
    CHECK_EQ(cs_group_delete(s, "Far"), 0);
    cs_watch_close(w);
}

/* Checkpoints keep what a watcher behind has not read; none is lost, none
 * seen twice, across several checkpoints and read batches. */
static void test_kept(cs_store *s)
{
    struct seen seen;
    cs_watch *w, *idle;
    cs_group g;
    int i;

    CHECK_EQ(cs_quorum_set(s, "Local Quorum", "C:\\WINDOWS\\cluster\\MSCS\\", CS_QUORUM_LOG_MIN), 0);
    CHECK_EQ(cs_watch_open(s, &w), 0);
    CHECK_EQ(cs_watch_open(s, &idle), 0);
    memset(&seen, 0, sizeof(seen));
    CHECK_EQ(cs_group_create(s, "Busy", 1, &g), 0);
    for (i = 0; i < 3000; i++)
        if (cs_group_set_state(s, "Busy", i & 1 ? 0 : 1))
            break;
    CHECK_EQ(i, 3000);
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.n, 3001);
    CHECK_EQ(seen.reconnects, 0);
    CHECK(!seen.out_of_order);
    cs_watch_close(w);
    cs_watch_close(idle);
    CHECK_EQ(cs_group_delete(s, "Busy"), 0);
}

/* A watcher with no pin left (its records checkpointed away) is told. */
static void test_lost(cs_store *s, const char *root)
{
    struct seen seen;
    cs_watch *w;
    cs_group g;
    char cmd[400];
    int i;

    CHECK_EQ(cs_watch_open(s, &w), 0);
    /* The pin is gone as a dead process's would be, then the log is
     * checkpointed past what the watcher read. */
    snprintf(cmd, sizeof(cmd), "rm -f '%s'/events/pin.*", root);
    CHECK_EQ(system(cmd), 0);
    CHECK_EQ(cs_group_create(s, "Lost", 1, &g), 0);
    for (i = 0; i < 5; i++)
        CHECK_EQ(cs_group_set_state(s, "Lost", i & 1), 0);
    CHECK_EQ(cs_log_checkpoint_now(s), 0);
    CHECK_EQ(cs_group_set_state(s, "Lost", 1), 0);
    memset(&seen, 0, sizeof(seen));
    CHECK_EQ(cs_watch_read(s, w, collect, &seen), 0);
    CHECK_EQ(seen.reconnects, 1);
    CHECK_EQ(seen.change[0], CS_CHANGE_CLUSTER_RECONNECT);
    CHECK(!strcmp(seen.name[0], "C"));
    CHECK_EQ(seen.n, 2);
    CHECK_EQ(seen.change[1], CS_CHANGE_GROUP_STATE);
    cs_watch_close(w);
}

int main(void)
{
    char root[256], cmd[300];
    cs_store *s;

    snprintf(root, sizeof(root), "%s/events-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_table();
    CHECK_EQ(cs_open(root, "C", "ONE", &s), 0);
    test_events(s);
    test_wake(s, root);
    test_kept(s);
    test_renames(s);
    test_properties(s);
    test_count(s, root);
    test_lost(s, root);
    CHECK(cs_watch_open(NULL, NULL) == CS_ERROR_INVALID_PARAMETER);
    cs_close(s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    CHECK_EQ(system(cmd), 0);
    return check_finish();
}

/* Integrity and security campaign.
 *
 *   damage WORK SEED ROUNDS
 *
 * Integrity: copies of a good set are damaged one way each (a truncated
 * file, a flipped byte, a missing, extra or case-changed file, a file or
 * folder swapped for a symlink to an identical copy, a non-empty marker)
 * and restored: each must be refused (5087, or 2 without a marker) with the
 * store unchanged.  A FIFO, socket and device node (as root) in place of
 * each file and GUID folder, refused at once.  Security: modes under every
 * umask, symlinks, hard links, read-only files, FIFOs, sockets and device
 * nodes planted under the set's names (never followed, written through or
 * opened), resource names that look like paths, and manifests that name
 * paths outside the folder (re-signed, so only the path check stands).
 * Hostile strings: every class of tests/unit/hostile_names.h in every text
 * column of a set, and in the manifest's cluster name and quorum path, is
 * refused (5087) with the store unchanged and the value quoted escaped.
 * Every backup and restore runs in a child under a time limit: a hang is a
 * failure. */
#define _GNU_SOURCE
#include "st.h"
#include "../unit/hostile_fs.h"
#include "../unit/hostile_names.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Far above any call here (a set of a few MB): a call that takes longer hangs. */
#define CALL_LIMIT 60

static char work[PATH_MAX], good[PATH_MAX], target[PATH_MAX], tdigest[65], gdigest[65];
static unsigned long damages, refused, specials_planted;
static char last_msg[1024];   /* the last refusal's detail */

/* The files of the good set, relative ("<guid>/00000001.CPT" included). */
static char files[64][BK_REL_MAX];
static size_t nfiles;

static void list_set(void)
{
    char p[PATH_MAX];
    DIR *d = opendir(good), *sub;
    struct dirent *e, *f;

    while (d && (e = readdir(d)) && nfiles < 60) {
        if (e->d_name[0] == '.' || bk_name_kind(e->d_name) == BK_NAME_FOREIGN)
            continue;
        if (bk_name_kind(e->d_name) == BK_NAME_GUID) {
            st_path(p, sizeof(p), good, e->d_name);
            sub = opendir(p);
            while (sub && (f = readdir(sub)) && nfiles < 60)
                if (f->d_name[0] != '.')
                    snprintf(files[nfiles++], BK_REL_MAX, "%.36s/%.12s", e->d_name, f->d_name);
            if (sub)
                closedir(sub);
        } else
            snprintf(files[nfiles++], BK_REL_MAX, "%s", e->d_name);
    }
    if (d)
        closedir(d);
}

/* Restore dir into the target; it must be refused and change nothing. */
static void expect_refused(const char *dir, const char *what)
{
    char now[65], msg[1024];
    uint32_t rc;
    int hung;

    hung = st_timed_call(target, dir, 1, CALL_LIMIT, &rc, msg, sizeof(msg));
    snprintf(last_msg, sizeof(last_msg), "%s", msg);
    damages++;
    refused += !hung && (rc == CS_ERROR_DATABASE_BACKUP_CORRUPT || rc == CS_ERROR_FILE_NOT_FOUND);
    st_ok(!hung, "damaged set (%s): restore did not answer within %d s", what, CALL_LIMIT);
    st_ok(hung || rc == CS_ERROR_DATABASE_BACKUP_CORRUPT || rc == CS_ERROR_FILE_NOT_FOUND,
          "damaged set (%s): restore gave %u (%s)", what, rc, msg);
    st_store_digest(target, now);
    st_ok(!strcmp(now, tdigest), "damaged set (%s): the store changed", what);
}

static void fresh_copy(char *dir, size_t n)
{
    st_path(dir, n, work, "damaged");
    st_copy_tree(good, dir);
}

static void flip_or_cut(const char *rel, int cut)
{
    char dir[PATH_MAX], p[PATH_MAX], what[160];
    size_t len;
    char *data;

    fresh_copy(dir, sizeof(dir));
    st_path(p, sizeof(p), dir, rel);
    data = st_slurp(p, &len);
    if (!data)
        return;
    chmod(p, 0600);
    if (cut) {
        size_t keep = len ? (size_t)(st_rand() % len) : 0;
        if (!len) { /* an empty file can only grow */
            st_spew(p, "x", 1);
            snprintf(what, sizeof(what), "%s grown from 0 to 1 byte", rel);
        } else {
            st_ok(!truncate(p, (off_t)keep), "truncate %s", rel);
            snprintf(what, sizeof(what), "%s cut to %zu of %zu bytes", rel, keep, len);
        }
    } else if (len) {
        size_t at = (size_t)(st_rand() % len);
        data[at] ^= (char)(1u << (st_rand() % 8));
        st_spew(p, data, len);
        snprintf(what, sizeof(what), "%s byte %zu flipped", rel, at);
    } else {
        free(data);
        return;
    }
    free(data);
    expect_refused(dir, what);
}

static void integrity(int rounds)
{
    char dir[PATH_MAX], p[PATH_MAX], q[PATH_MAX], what[200];
    size_t i;
    int r;

    for (r = 0; r < rounds; r++)
        for (i = 0; i < nfiles; i++) {
            if (strcmp(files[i], CS_BACKUP_MARKER))
                flip_or_cut(files[i], 0);
            flip_or_cut(files[i], 1);
        }
    for (i = 0; i < nfiles; i++) {
        fresh_copy(dir, sizeof(dir));
        st_path(p, sizeof(p), dir, files[i]);
        unlink(p);
        snprintf(what, sizeof(what), "%s missing", files[i]);
        /* A set without its manifest is whole (docs/backup-format.md, "A set
         * without wineclus.sum"): tests/unit/test_backup.c restores one. */
        if (strcmp(files[i], CS_BACKUP_MANIFEST))
            expect_refused(dir, what);
        if (!strcmp(files[i], CS_BACKUP_MARKER))
            continue;
        /* The same bytes behind a symlink are still not the set's file. */
        fresh_copy(dir, sizeof(dir));
        st_path(p, sizeof(p), dir, files[i]);
        st_path(q, sizeof(q), work, "linked-copy");
        st_rm_rf(q);
        rename(p, q);
        st_ok(!symlink(q, p), "symlink");
        snprintf(what, sizeof(what), "%s is a symlink to an identical copy", files[i]);
        expect_refused(dir, what);
        /* A case variant next to the real file. */
        fresh_copy(dir, sizeof(dir));
        st_path(p, sizeof(p), dir, files[i]);
        snprintf(q, sizeof(q), "%s/%s", dir, files[i]);
        for (r = (int)strlen(q) - 1; r >= 0 && q[r] != '/'; r--)
            q[r] = (char)(q[r] >= 'a' && q[r] <= 'z' ? q[r] - 32 : q[r] >= 'A' && q[r] <= 'Z' ? q[r] + 32 : q[r]);
        if (strcmp(p, q)) {
            st_spew(q, "", 0);
            snprintf(what, sizeof(what), "case variant of %s", files[i]);
            expect_refused(dir, what);
        }
    }
    {
        static const char *const extra[] = { "chk0000.tmp", "chkFFFF.tmp", "QUOLOG.LOG", "Wineclus.Sum",
                                             "00000000-0000-0000-0000-000000000000", "clusbackup.dat" };
        for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
            fresh_copy(dir, sizeof(dir));
            st_path(p, sizeof(p), dir, extra[i]);
            if (i == 4)
                mkdir(p, 0700);
            else
                st_spew(p, "", 0);
            snprintf(what, sizeof(what), "extra %s", extra[i]);
            expect_refused(dir, what);
        }
    }
    /* An extra checkpoint file inside a GUID folder, and an extra folder there. */
    for (i = 0; i < nfiles; i++) {
        if (!strchr(files[i], '/'))
            continue;
        fresh_copy(dir, sizeof(dir));
        snprintf(p, sizeof(p), "%s/%.36s/00000099.CPT", dir, files[i]);
        st_spew(p, "", 0);
        expect_refused(dir, "extra 00000099.CPT in a GUID folder");
        fresh_copy(dir, sizeof(dir));
        snprintf(p, sizeof(p), "%s/%.36s/sub", dir, files[i]);
        mkdir(p, 0700);
        expect_refused(dir, "extra folder in a GUID folder");
        break;
    }
}

/* FIFOs, sockets and device nodes in every place of a set: each restore
 * answers at once (opened, a FIFO would wait for a writer for ever) and
 * refuses the set. */
static void specials(void)
{
    char dir[PATH_MAX], p[PATH_MAX], what[200], rel[BK_REL_MAX];
    size_t i;
    int how, folder;

    for (how = 0; how < PL_COUNT; how++) {
        if (how >= PL_CHAR && !plant_devices_allowed("damage"))
            break;
        for (i = 0; i < nfiles; i++)
            for (folder = 0; folder < 2; folder++) {
                /* The file itself, then (once per GUID) its folder. */
                if (folder && (!strchr(files[i], '/') || (i && !strncmp(files[i], files[i - 1], 36))))
                    continue;
                snprintf(rel, sizeof(rel), "%.*s", folder ? 36 : (int)sizeof(rel) - 1, files[i]);
                fresh_copy(dir, sizeof(dir));
                st_path(p, sizeof(p), dir, rel);
                st_rm_rf(p);
                st_ok(plant(p, how), "plant %s as %s", pl_names[how], rel);
                snprintf(what, sizeof(what), "%s as %s", pl_names[how], rel);
                expect_refused(dir, what);
                specials_planted++;
            }
    }
    printf("specials: %lu planted in sets\n", specials_planted);
}

/* ---- security ---- */

static void check_modes(const char *dir, const char *why)
{
    char p[PATH_MAX];
    struct stat st;
    size_t i;

    st_ok(!lstat(dir, &st), "stat %s", dir);
    for (i = 0; i < nfiles; i++) {
        st_path(p, sizeof(p), dir, files[i]);
        if (lstat(p, &st)) {
            st_ok(0, "%s: %s missing", why, files[i]);
            continue;
        }
        st_ok((st.st_mode & 07777) == (strcmp(files[i], CS_BACKUP_MARKER) ? 0600u : 0400u),
              "%s: %s has mode %o", why, files[i], st.st_mode & 07777);
        if (strchr(files[i], '/')) {
            snprintf(p, sizeof(p), "%s/%.36s", dir, files[i]);
            st_ok(!lstat(p, &st) && (st.st_mode & 07777) == 0700, "%s: folder %.36s has mode %o", why, files[i],
                  st.st_mode & 07777);
        }
    }
}

static void backup_store(const char *store, const char *dir, uint32_t *rc)
{
    char msg[1024];

    if (st_timed_call(store, dir, 0, CALL_LIMIT, rc, msg, sizeof(msg))) {
        *rc = 0xFFFFFFFFu;
        snprintf(msg, sizeof(msg), "no answer within %d s", CALL_LIMIT);
    }
    if (*rc)
        printf("backup %s: %u %s\n", dir, *rc, msg);
}

static void security(const char *store)
{
    static const mode_t masks[] = { 0, 022, 077, 0777 };
    static const char *const names[] = { CS_BACKUP_LOG, CS_BACKUP_MANIFEST, CS_BACKUP_MARKER, "chk0001.tmp",
                                         "CLUSBACKUP.DAT", BK_STAGE, BK_SWAP, BK_OLD, NULL /* a GUID of the set */ };
    char dir[PATH_MAX], outside[PATH_MAX], victim[PATH_MAX], p[PATH_MAX], od[65], od2[65], store2[PATH_MAX];
    unsigned long planted = 0;
    struct stat st;
    cs_store *s = NULL;
    uint32_t rc;
    size_t i, how;
    int marker;

    st_path(dir, sizeof(dir), work, "secdest");
    for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
        mode_t old = umask(masks[i]);
        char why[32];

        st_mkdir_fresh(dir);
        chmod(dir, 0700);
        backup_store(store, dir, &rc);
        snprintf(why, sizeof(why), "umask %03o", (unsigned)masks[i]);
        st_ok(!rc, "%s: backup", why);
        check_modes(dir, why);
        st_path(store2, sizeof(store2), work, "umask-store");
        st_rm_rf(store2);
        st_ok(!cs_open(store2, "U", "U", &s), "%s: new store", why);
        cs_close(s);
        s = NULL;
        st_path(p, sizeof(p), store2, "cluster.db");
        st_ok(!lstat(p, &st) && (st.st_mode & 0777) == 0600, "%s: cluster.db mode %o", why, st.st_mode & 0777);
        st_ok(!lstat(store2, &st) && (st.st_mode & 0777) == 0700, "%s: store folder mode %o", why, st.st_mode & 0777);
        umask(old);
    }
    /* Things planted under our names must never be followed or written through. */
    st_path(outside, sizeof(outside), work, "outside");
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        for (how = 0; how < 5 + PL_COUNT; how++) {
            const char *name = names[i] ? names[i] : files[nfiles - 1];
            char top[BK_REL_MAX];

            snprintf(top, sizeof(top), "%.*s", (int)strcspn(name, "/"), name);
            st_mkdir_fresh(outside);
            st_path(victim, sizeof(victim), outside, "precious");
            st_spew(victim, "precious", 8);
            chmod(victim, how == 3 ? 0400 : 0600);
            st_mkdir_fresh(dir);
            backup_store(store, dir, &rc);
            st_path(p, sizeof(p), dir, top);
            st_rm_rf(p);
            if (how == 0)
                symlink(victim, p);       /* a link to a file outside */
            else if (how == 1)
                symlink(outside, p);      /* a link to a folder outside */
            else if (how == 2)
                link(victim, p);          /* a hard link: same inode */
            else if (how == 3) {
                st_spew(p, "read-only", 9);
                chmod(p, 0400);
            } else if (how >= 5) {
                /* Opened, a FIFO would stall the backup for ever. */
                if (how - 5 >= PL_CHAR && !plant_devices_allowed("damage"))
                    continue;
                st_ok(plant(p, how - 5), "plant %s as %s", pl_names[how - 5], top);
            } else {
                /* A real folder holding a link to the outside folder and a
                 * hard link to the file there: removing it must not reach them. */
                char q[PATH_MAX];
                mkdir(p, 0700);
                st_path(q, sizeof(q), p, "link-out");
                symlink(outside, q);
                st_path(q, sizeof(q), p, "hard");
                link(victim, q);
                st_path(q, sizeof(q), p, CS_BACKUP_MARKER);
                st_spew(q, "", 0);
            }
            st_set_digest(outside, od, &marker);
            backup_store(store, dir, &rc);
            planted++;
            st_ok(!rc, "planted %s (%zu): backup failed %u", top, how, rc);
            st_set_digest(outside, od2, &marker);
            st_ok(!strcmp(od, od2), "planted %s (%zu): something outside the folder changed", top, how);
            {
                size_t n;
                char *v = st_slurp(victim, &n);
                st_ok(v && n == 8 && !memcmp(v, "precious", 8), "planted %s (%zu): written through", top, how);
                free(v);
            }
            st_ok(lstat(p, &st) || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode),
                  "planted %s (%zu): a link or special file still in the set", top, how);
            st_set_digest(dir, od2, &marker);
            st_ok(marker && !strcmp(od2, gdigest), "planted %s (%zu): the set is not a quiet backup's", top, how);
        }
    }
    /* A foreign name planted in the swap folder must not replace the user's
     * file of that name when the swap is rolled forward. */
    st_mkdir_fresh(dir);
    backup_store(store, dir, &rc);
    st_path(p, sizeof(p), dir, "notes.txt");
    st_spew(p, "user", 4);
    st_path(p, sizeof(p), dir, BK_SWAP);
    mkdir(p, 0700);
    st_path(victim, sizeof(victim), p, "notes.txt");
    st_spew(victim, "evil", 4);
    st_path(victim, sizeof(victim), p, "clusbackup.DAT");
    st_spew(victim, "", 0);
    backup_store(store, dir, &rc);
    planted++;
    st_ok(!rc, "planted swap folder: backup failed %u", rc);
    st_path(p, sizeof(p), dir, "notes.txt");
    {
        size_t n;
        char *v = st_slurp(p, &n);
        st_ok(v && n == 4 && !memcmp(v, "user", 4), "planted swap folder: the user's notes.txt was replaced");
        free(v);
    }
    st_set_digest(dir, od2, &marker);
    st_ok(marker && !strcmp(od2, gdigest), "planted swap folder: the set is not a quiet backup's");
    printf("security: %lu planted names\n", planted);
    st_figure("planted_names", planted);
}

/* Replace the first `find` in the manifest of dir by `repl` and re-sign it,
 * so that only the checks of what it says can refuse it. */
static int resign_manifest(const char *dir, const char *find, const char *repl)
{
    char p[PATH_MAX], *m, *at, *sig, *out;
    unsigned char md[32];
    size_t len, j, i;

    st_path(p, sizeof(p), dir, CS_BACKUP_MANIFEST);
    if (!(m = st_slurp(p, &len)))
        return 0;
    at = strstr(m, find);
    sig = strstr(m, "\nsha256 ");
    if (!at || !sig || at > sig) {
        free(m);
        return 0;
    }
    out = malloc(len + strlen(repl) + 80);
    j = (size_t)(at - m);
    memcpy(out, m, j);
    j += (size_t)sprintf(out + j, "%s", repl);
    memcpy(out + j, at + strlen(find), (size_t)(sig + 1 - at - strlen(find)));
    j += (size_t)(sig + 1 - at - strlen(find));
    EVP_Digest(out, j, md, NULL, EVP_sha256(), NULL);
    j += (size_t)sprintf(out + j, "sha256 ");
    for (i = 0; i < 32; i++)
        j += (size_t)sprintf(out + j, "%02x", md[i]);
    out[j++] = '\n';
    chmod(p, 0600);
    st_spew(p, out, j);
    free(m);
    free(out);
    return 1;
}

/* A manifest naming a path outside the folder, re-signed so that only the
 * path rules can refuse it. */
static void hostile_manifests(void)
{
    static const char *const evil[] = { "../escape.CPT", "/tmp/abs.CPT", "..", "a/../../x", "chk0001.tmp/..",
                                        "ABCDEF01-0000-0000-0000-000000000000/00000001.CPT", "quolog.log/",
                                        "x\\..\\..\\y" };
    char dir[PATH_MAX], line[200];
    size_t i;

    for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
        fresh_copy(dir, sizeof(dir));
        snprintf(line, sizeof(line), "\nfile %s ", evil[i]);
        if (resign_manifest(dir, "\nfile quolog.log ", line))
            expect_refused(dir, evil[i]);
    }
}

/* ---- strings the store's rule refuses (tests/unit/hostile_names.h) ---- */

static unsigned long hostile_sets, hostile_refused, hostile_raw;

/* Restore of a set carrying a hostile string: refused, the store unchanged,
 * and the refusal quotes the string escaped. */
static void expect_hostile_refused(const char *dir, const char *what)
{
    unsigned long before = refused;

    expect_refused(dir, what);
    hostile_sets++;
    hostile_refused += refused - before;
    hostile_raw += hn_has_raw_control(last_msg);
    st_ok(!hn_has_raw_control(last_msg), "%s: the refusal quotes it raw", what);
}

/* Each class in each text column, written into a copy of the store behind
 * its back and backed up; quick: each class once, in a column of its own. */
static void hostile_names(const char *store, int all)
{
    char copy[PATH_MAX], dir[PATH_MAX], db[PATH_MAX + 16], value[5001], esc[5001 * 3 + 1], what[200], repl[5100 * 3];
    size_t c, f, i, pick;
    uint32_t rc;

    st_path(copy, sizeof(copy), work, "hostile-store");
    st_path(dir, sizeof(dir), work, "hostile-set");
    for (c = 0; c < HN_NCLASSES; c++)
        for (f = 0, pick = (size_t)(st_rand() % HN_NFIELDS); f < HN_NFIELDS; f++) {
            long n = hn_value(&hn_classes[c], &hn_fields[f], value);

            if (n < 0 || (!all && f != pick))
                continue;
            st_rm_rf(copy);
            st_copy_tree(store, copy);
            st_path(db, sizeof(db), copy, "cluster.db");
            st_ok(hn_poke(db, hn_fields[f].sql, value, (size_t)n), "poke a hostile %s", hn_fields[f].what);
            st_mkdir_fresh(dir);
            backup_store(copy, dir, &rc);
            st_ok(!rc, "backup of a store with a hostile %s", hn_fields[f].what);
            snprintf(what, sizeof(what), "%s as %s", hn_classes[c].what, hn_fields[f].what);
            expect_hostile_refused(dir, what);
        }
    /* The manifest's own copies of the cluster name and quorum path. */
    for (c = 0; c < HN_NCLASSES; c++)
        for (f = 0; f < 2; f++) {
            static const char *const find[] = { "\ncluster-name STRESSCLUS\n",
                                                "\nquorum-path C:\\WINDOWS\\cluster\\MSCS\\\n" };
            long n = hn_value(&hn_classes[c], &hn_fields[f ? 8 : 2], value);

            if (n < 0 || (!all && f != c % 2))
                continue;
            /* The manifest's escaping: bytes up to the space, '%' and DEL as %XX. */
            for (i = 0, esc[0] = 0; i < (size_t)n; i++) {
                unsigned char b = (unsigned char)value[i];
                sprintf(esc + strlen(esc), b <= 0x20 || b == '%' || b == 0x7f ? "%%%02X" : "%c", b);
            }
            snprintf(repl, sizeof(repl), "\n%s %s\n", f ? "quorum-path" : "cluster-name", esc);
            fresh_copy(dir, sizeof(dir));
            snprintf(what, sizeof(what), "%s as the manifest's %s", hn_classes[c].what, f ? "quorum path" : "cluster name");
            st_ok(resign_manifest(dir, find[f], repl), "%s: manifest line not found", what);
            expect_hostile_refused(dir, what);
        }
    printf("hostile names: %lu sets, %lu refused, %lu refusals quoting them raw\n", hostile_sets, hostile_refused,
           hostile_raw);
    st_figure("hostile_name_sets", hostile_sets);
    st_figure("hostile_name_refused", hostile_refused);
}

int main(int argc, char **argv)
{
    char store[PATH_MAX], parent[65], parent2[65];
    cs_store *s = NULL;
    unsigned char stream[4 + WCREG_WRAP];
    cs_resource r;
    uint32_t rc;
    int marker;

    if (argc != 4) {
        fprintf(stderr, "usage: damage WORK SEED ROUNDS\n");
        return 2;
    }
    snprintf(work, sizeof(work), "%s", argv[1]);
    st_seed(strtoull(argv[2], NULL, 0));
    st_mkdir_fresh(work);
    st_path(store, sizeof(store), work, "store");
    st_path(good, sizeof(good), work, "good");
    st_path(target, sizeof(target), work, "target");
    st_ok(!st_populate(store, 2, 2, 3000, 5), "populate");
    /* Names that look like paths never become paths: the set uses GUIDs. */
    cs_open(store, NULL, NULL, &s);
    st_ok(!cs_resource_create(s, "../../escape", "Physical Disk", "Stress Group", &r), "odd resource name");
    st_ok(!cs_checkpoint_add(s, r.id, CS_CKPT_REGISTRY, "..\\..\\x") || 1, "odd key");
    cs_checkpoint_set_data(s, r.id, CS_CKPT_REGISTRY, "..\\..\\x", stream, wcreg_wrap("data", 4, stream));
    st_ok(!cs_resource_set_property(s, r.id, "Odd", CS_PROP_SZ, "v", 2), "a property");
    cs_close(s);
    st_mkdir_fresh(good);
    st_set_digest(work, parent, &marker);
    backup_store(store, good, &rc);
    st_ok(!rc, "good set");
    st_set_digest(work, parent2, &marker);
    st_ok(!strcmp(parent, parent2), "nothing of the set outside its folder");
    st_set_digest(good, gdigest, &marker);
    list_set();
    st_ok(nfiles >= 8, "the set has %zu files", nfiles);
    st_copy_tree(store, target);
    st_store_digest(target, tdigest);
    integrity(atoi(argv[3]));
    specials();
    hostile_manifests();
    printf("integrity: %lu damaged sets, %lu refused\n", damages, refused);
    st_figure("damaged_sets", damages);
    st_figure("damaged_refused", refused);
    st_figure("specials_in_sets", specials_planted);
    hostile_names(store, atoi(argv[3]) > 1);
    security(store);
    return st_finish();
}

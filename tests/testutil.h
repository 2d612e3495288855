/*
 * What the conformance tests of several files share (defined in clusapi.c).
 */
#ifndef WINECLUS_TESTS_TESTUTIL_H
#define WINECLUS_TESTS_TESTUTIL_H

/* Remove a folder and everything in it. */
void delete_tree(const WCHAR *dir);
/* A folder under %TEMP% for a backup that the test then restores, in dir
 * (MAX_PATH); FALSE, after a skip(), on Windows unless WINECLUS_TEST_RESTORE
 * is set: a restore replaces the real cluster's database. */
BOOL restore_set_dir(const WCHAR *name, WCHAR *dir);

#endif

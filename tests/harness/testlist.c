/*
 * Test table for the harness self-test (selftest.exe).
 *
 * The second name exists only so that running without an argument has to
 * print the usage message; check.sh also builds this file with
 * -DSELFTEST_SINGLE to see the lone test run without an argument.
 */

#include <stdarg.h>
#include <windef.h>
#include <winbase.h>

#define STANDALONE
#include "wine/test.h"

extern void func_selftest(void);

const struct test winetest_testlist[] =
{
    { "selftest", func_selftest },
#ifndef SELFTEST_SINGLE
    { "selftest2", func_selftest },
#endif
    { 0, 0 }
};

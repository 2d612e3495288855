/*
 * Test table for clusapi_test.exe.
 *
 * Wine generates this file; we keep it by hand.  New test files are added
 * here: one extern line and one table entry each, named after the file's
 * base name, matching the START_TEST(name) at the bottom of that file.
 */

#include <stdarg.h>
#include <windef.h>
#include <winbase.h>

#define STANDALONE
#include "wine/test.h"

extern void func_clusapi(void);
extern void func_clusreg(void);
extern void func_groupstate(void);
extern void func_network(void);
extern void func_notify(void);
extern void func_objadmin(void);
extern void func_objects(void);
extern void func_props(void);
extern void func_resutils(void);

const struct test winetest_testlist[] =
{
    { "clusapi", func_clusapi },
    { "clusreg", func_clusreg },
    { "groupstate", func_groupstate },
    { "network", func_network },
    { "notify", func_notify },
    { "objadmin", func_objadmin },
    { "objects", func_objects },
    { "props", func_props },
    { "resutils", func_resutils },
    { 0, 0 }
};

/*
 * resutils exports not (yet) implemented.
 *
 * Each one logs its arguments and fails cleanly instead of aborting the
 * caller.  ResUtilIsPathValid and ResUtilExpandEnvironmentStrings live in
 * path.c.
 */

#include <stdarg.h>

#include "windef.h"
#include "winbase.h"
#include "winreg.h"
#include "winsvc.h"
#include "winerror.h"
#include "clusapi.h"
#include "resapi.h"
#include "wine/debug.h"

WINE_DEFAULT_DEBUG_CHANNEL(resutils);

/* For exports that report failure through their return value. */
#define STUB_RETURN(err) do { FIXME("stub\n"); return (err); } while (0)

/* For exports whose return value only says "failed" (NULL, FALSE): the
 * reason goes to GetLastError. */
#define STUB_FAIL(ret) do { FIXME("stub\n"); SetLastError(ERROR_CALL_NOT_IMPLEMENTED); return (ret); } while (0)

/* The Windows error code of a malformed list handed in to be set or
 * verified (docs/property-lists.md): one rule for resutils' Verify and Set
 * functions and the SET/VALIDATE control codes, whose pages document both
 * codes alike. */
#include "proplist.h"

uint32_t pl_set_error(enum pl_error e)
{
    if (e == PL_OK)
        return 0;
    /* "The actual size of the property list ... is larger than the size specified" */
    if (e == PL_ERR_TRUNCATED || e == PL_ERR_OVERRUN)
        return 122; /* ERROR_INSUFFICIENT_BUFFER */
    /* "The property list is either formatted incorrectly or contains invalid data" */
    return 13; /* ERROR_INVALID_DATA */
}

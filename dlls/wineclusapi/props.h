/*
 * The property control codes (ENUM/GET/GET_RO/SET/VALIDATE, common and
 * private, and the format lists) of every object class: one implementation,
 * reached from each class's table through PROPERTY_CODES.  Definitions
 * (names, formats, defaults, limits) come from cs_propdefs; lists are
 * written and read with the proplist codec.
 */
#ifndef WINECLUSAPI_PROPS_H
#define WINECLUSAPI_PROPS_H

#include "clusapi_private.h"
#include "proplist.h"

/* What the property codes need to know of one object. */
struct propobj
{
    int cls;                         /* CS_CLASS_* */
    char key[CS_PATH_MAX];           /* its key in the cluster registry, "" for the cluster */
    const cs_propdef *common, *private;
    size_t ncommon, nprivate;
    BOOL online;                     /* a resource online: some SETs answer 5024 */
    const void *record;              /* the class's cs_* record */
};

/* propobj.c */
DWORD propobj_init(DWORD object_kind, const void *record, struct propobj *obj);
/* The value of a property kept in a typed column (CS_PD_COLUMN): store bytes
 * in out, which may point into the record or into *scratch. */
DWORD propobj_column(cs_store *store, const struct propobj *obj, const cs_propdef *def, cs_property *out,
                     char *scratch, size_t scratch_size);

/* propconv.c: values between the store (UTF-8 strings) and lists (UTF-16). */
DWORD propconv_put(struct pl_builder *b, const char *name, uint32_t format, const void *data, size_t size);
/* The first value of a list's property as store bytes (*data HeapAlloc'd). */
DWORD propconv_get(const struct pl_prop *prop, char *name, size_t name_size, uint32_t *format, void **data,
                   size_t *size);

/* propstore.c: the values stored for an object (its key's, or its
 * Parameters key's with private): one allocation, free with cs_free. */
DWORD propstore_load(cs_store *store, const struct propobj *obj, BOOL private, cs_property **arr, size_t *n);
/* Write them all, or none. */
DWORD propstore_save(cs_store *store, const struct propobj *obj, BOOL private, const cs_property *arr, size_t n);

/* props.c: the codes; io->code says which and of what class. */
DWORD props_control(cs_store *store, const void *object, struct control_io *io);

#define PROPERTY_CODES(prefix) \
    { prefix##_ENUM_COMMON_PROPERTIES, props_control }, \
    { prefix##_GET_RO_COMMON_PROPERTIES, props_control }, \
    { prefix##_GET_COMMON_PROPERTIES, props_control }, \
    { prefix##_SET_COMMON_PROPERTIES, props_control }, \
    { prefix##_VALIDATE_COMMON_PROPERTIES, props_control }, \
    { prefix##_GET_COMMON_PROPERTY_FMTS, props_control }, \
    { prefix##_ENUM_PRIVATE_PROPERTIES, props_control }, \
    { prefix##_GET_RO_PRIVATE_PROPERTIES, props_control }, \
    { prefix##_GET_PRIVATE_PROPERTIES, props_control }, \
    { prefix##_SET_PRIVATE_PROPERTIES, props_control }, \
    { prefix##_VALIDATE_PRIVATE_PROPERTIES, props_control }, \
    { prefix##_GET_PRIVATE_PROPERTY_FMTS, props_control }

#endif

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

/* propobj.c: the object of a code (CLUS_OBJECT_* kind), with its record. */
DWORD propobj_init(DWORD object_kind, const void *record, cs_propobj *obj);

/* propconv.c: values between the store (UTF-8 strings) and lists (UTF-16). */
DWORD propconv_put(struct pl_builder *b, const char *name, uint32_t format, const void *data, size_t size);
/* The first value of a list's property as store bytes (*data HeapAlloc'd). */
DWORD propconv_get(const struct pl_prop *prop, char *name, size_t name_size, uint32_t *format, void **data,
                   size_t *size);

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

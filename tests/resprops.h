/*
 * What the resutils property tests share: resapi.h's RESUTIL_PROPERTY_ITEM
 * (mingw-w64's resapi.h does not compile for Server 2003, see resutils.c)
 * and property lists written by hand.
 */
#ifndef WINECLUS_TESTS_RESPROPS_H
#define WINECLUS_TESTS_RESPROPS_H

struct prop_item
{
    LPWSTR Name;
    LPWSTR KeyName;
    DWORD Format;
    union
    {
        DWORD_PTR DefaultPtr;
        DWORD Default;
        LPVOID lpDefault;
        void *LargeIntData;
    } u;
    DWORD Minimum;
    DWORD Maximum;
    DWORD Flags;
    DWORD Offset;
};
#define PROPITEM_READ_ONLY 0x1
#define PROPITEM_REQUIRED  0x2
#define PROPITEM_SIGNED    0x4

struct list
{
    BYTE b[1024];
    DWORD n;
};

/* A DWORD; an entry (syntax, length, data, zero padding to 4 bytes); a
 * name entry; a string value entry; a DWORD-sized value entry. */
void list_put32(struct list *l, DWORD v);
void list_entry(struct list *l, DWORD syntax, const void *data, DWORD len);
void list_name(struct list *l, const WCHAR *s);
void list_sz(struct list *l, DWORD syntax, const WCHAR *s);
void list_dword(struct list *l, DWORD syntax, DWORD v);
/* A list's count; a property of one DWORD-sized or string value. */
void list_begin(struct list *l, DWORD count);
void list_dword_prop(struct list *l, const WCHAR *name, DWORD syntax, DWORD v);
void list_sz_prop(struct list *l, const WCHAR *name, DWORD syntax, const WCHAR *v);

#endif

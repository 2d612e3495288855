/*
 * The cluster database as resutils reaches it: through clusapi's ClusterReg*
 * exports, as resutils.dll does on Windows, looked up at first use.
 */
#ifndef WINERESUTILS_CLUSREG_H
#define WINERESUTILS_CLUSREG_H

/* A value of key (or of its subkey, when subkey is not NULL), in a
 * HeapAlloc'd buffer with two extra NUL WCHARs after its size, so that a
 * string value is always terminated.  ERROR_FILE_NOT_FOUND if absent. */
DWORD clusreg_read(HKEY key, LPCWSTR subkey, LPCWSTR name, DWORD *type, BYTE **data, DWORD *size);
/* subkey created if needed. */
DWORD clusreg_write(HKEY key, LPCWSTR subkey, LPCWSTR name, DWORD type, const void *data, DWORD size);
/* The index-th value: its name (HeapAlloc'd), type and data as clusreg_read
 * gives them; ERROR_NO_MORE_ITEMS after the last. */
DWORD clusreg_enum(HKEY key, DWORD index, WCHAR **name, DWORD *type, BYTE **data, DWORD *size);

#endif

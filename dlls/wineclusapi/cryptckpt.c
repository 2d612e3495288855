/*
 * Crypto checkpoint contents: the keys of a machine key container, named
 * "CSP type\CSP name\container" (an empty CSP name means the type's default
 * provider), exported as PRIVATEKEYBLOBs and imported back.  Only exportable
 * keys can be checkpointed, as on Windows.
 * Stream: records of (key spec, blob size, blob); docs/checkpoint-format.md.
 */
#include <stdlib.h>
#include <string.h>

#include "clusapi_private.h"
#include "wincrypt.h"

WINE_DEFAULT_DEBUG_CHANNEL(clusapi);

struct crypto_spec
{
    DWORD type;
    WCHAR *provider;    /* NULL: the default provider of the type */
    WCHAR *container;
};

static void free_spec(struct crypto_spec *spec)
{
    HeapFree(GetProcessHeap(), 0, spec->provider);
    HeapFree(GetProcessHeap(), 0, spec->container);
}

static DWORD parse_spec(const char *utf8, struct crypto_spec *spec)
{
    const char *first = strchr(utf8, '\\'), *second = first ? strchr(first + 1, '\\') : NULL;
    char *end, *part;
    unsigned long type = strtoul(utf8, &end, 10);

    memset(spec, 0, sizeof(*spec));
    if (!first || !second || end != first || end == utf8 || !type || type > 0xffff || !second[1])
        return ERROR_INVALID_PARAMETER;
    spec->type = type;
    if (second > first + 1)
    {
        if (!(part = HeapAlloc(GetProcessHeap(), 0, second - first))) return ERROR_NOT_ENOUGH_MEMORY;
        memcpy(part, first + 1, second - first - 1);
        part[second - first - 1] = 0;
        spec->provider = wide_from_utf8(part);
        HeapFree(GetProcessHeap(), 0, part);
        if (!spec->provider) return ERROR_NOT_ENOUGH_MEMORY;
    }
    if (!(spec->container = wide_from_utf8(second + 1)))
    {
        free_spec(spec);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    return ERROR_SUCCESS;
}

static DWORD open_container(const struct crypto_spec *spec, DWORD flags, HCRYPTPROV *prov)
{
    if (CryptAcquireContextW(prov, spec->container, spec->provider, spec->type, CRYPT_MACHINE_KEYSET | flags))
        return ERROR_SUCCESS;
    return GetLastError() == (DWORD)NTE_BAD_KEYSET ? (DWORD)NTE_BAD_KEYSET : GetLastError();
}

/* Export every key of the container; *data NULL when it has none. */
static DWORD export_keys(HCRYPTPROV prov, BYTE **data, size_t *size)
{
    static const DWORD specs[] = { AT_KEYEXCHANGE, AT_SIGNATURE };
    size_t total = 0;
    BYTE *buf = NULL;
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(specs); i++)
    {
        HCRYPTKEY key;
        DWORD len = 0;
        BYTE *grown;

        if (!CryptGetUserKey(prov, specs[i], &key)) continue;
        if (!CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, NULL, &len))
        {
            CryptDestroyKey(key);
            HeapFree(GetProcessHeap(), 0, buf);
            return (DWORD)NTE_BAD_KEY;
        }
        grown = buf ? HeapReAlloc(GetProcessHeap(), 0, buf, total + 8 + len)
                    : HeapAlloc(GetProcessHeap(), 0, total + 8 + len);
        if (!grown)
        {
            CryptDestroyKey(key);
            HeapFree(GetProcessHeap(), 0, buf);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        buf = grown;
        memcpy(buf + total, &specs[i], 4);
        memcpy(buf + total + 4, &len, 4);
        if (!CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, buf + total + 8, &len))
        {
            CryptDestroyKey(key);
            HeapFree(GetProcessHeap(), 0, buf);
            return (DWORD)NTE_BAD_KEY;
        }
        CryptDestroyKey(key);
        total += 8 + len;
    }
    *data = buf;
    *size = total;
    return ERROR_SUCCESS;
}

DWORD cryptckpt_check(const char *utf8_spec)
{
    struct crypto_spec spec;
    HCRYPTPROV prov;
    BYTE *data;
    size_t size;
    DWORD err;

    if ((err = parse_spec(utf8_spec, &spec))) return err;
    if (!(err = open_container(&spec, 0, &prov)))
    {
        if (!(err = export_keys(prov, &data, &size))) HeapFree(GetProcessHeap(), 0, data);
        CryptReleaseContext(prov, 0);
    }
    free_spec(&spec);
    return err;
}

DWORD cryptckpt_save(const char *utf8_spec, BYTE **data, size_t *size)
{
    struct crypto_spec spec;
    HCRYPTPROV prov;
    DWORD err;

    *data = NULL;
    *size = 0;
    if ((err = parse_spec(utf8_spec, &spec))) return err;
    if (!(err = open_container(&spec, 0, &prov)))
    {
        err = export_keys(prov, data, size);
        CryptReleaseContext(prov, 0);
    }
    free_spec(&spec);
    return err;
}

/* The record at *pos: a key spec we write and a whole PRIVATEKEYBLOB.
 * -> 1 and *pos past it, 0 at the end, -1 if the stream is malformed. */
static int next_key(const BYTE *data, size_t size, size_t *pos, const BYTE **blob, DWORD *len)
{
    const BLOBHEADER *head;
    DWORD key_spec;

    if (*pos == size) return 0;
    if (size - *pos < 8) return -1;
    memcpy(&key_spec, data + *pos, 4);
    memcpy(len, data + *pos + 4, 4);
    if ((key_spec != AT_KEYEXCHANGE && key_spec != AT_SIGNATURE) || size - *pos - 8 < *len ||
        *len < sizeof(*head))
        return -1;
    *blob = data + *pos + 8;
    head = (const BLOBHEADER *)*blob;
    if (head->bType != PRIVATEKEYBLOB) return -1;
    *pos += 8 + *len;
    return 1;
}

DWORD cryptckpt_load(const char *utf8_spec, const BYTE *data, size_t size)
{
    struct crypto_spec spec;
    HCRYPTPROV prov;
    const BYTE *blob;
    size_t pos = 0;
    DWORD err, len;
    int more;

    if (!size) return ERROR_SUCCESS;
    /* Whole and well-formed before the container is opened, let alone made. */
    while ((more = next_key(data, size, &pos, &blob, &len)) > 0) ;
    if (more < 0)
    {
        ERR("crypto checkpoint %s not applied: malformed at byte %lu\n", debugstr_a(utf8_spec), (unsigned long)pos);
        return ERROR_INVALID_DATA;
    }
    if ((err = parse_spec(utf8_spec, &spec))) return err;
    err = open_container(&spec, 0, &prov);
    if (err == (DWORD)NTE_BAD_KEYSET) err = open_container(&spec, CRYPT_NEWKEYSET, &prov);
    free_spec(&spec);
    if (err) return err;
    pos = 0;
    while (!err && next_key(data, size, &pos, &blob, &len) > 0)
    {
        HCRYPTKEY key;

        if (!CryptImportKey(prov, blob, len, 0, CRYPT_EXPORTABLE, &key)) err = GetLastError();
        else CryptDestroyKey(key);
    }
    CryptReleaseContext(prov, 0);
    if (err) ERR("crypto checkpoint %s could not be applied: error %#x\n", debugstr_a(utf8_spec), err);
    return err;
}

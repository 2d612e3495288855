/* The empty hive hivex cannot make: a regf base block and one bin holding the
 * root key (nk) and its security cell (sk), laid out as the published regf
 * format has it (all numbers little-endian; offsets of cells count from the
 * first bin, which starts at 0x1000). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "clusstore.h"
#include "hive.h"

#define BASE_SIZE   0x1000
#define BIN_SIZE    0x1000
#define BIN_HEADER  0x20
#define NK_FIXED    0x4c  /* nk fields before the name */
#define SK_FIXED    0x14  /* sk fields before the descriptor */
#define NAME_CHARS  255   /* the registry's limit for a key name */

/* nk flags: the hive's root, which cannot be deleted, its name in Latin-1. */
#define KEY_HIVE_ENTRY 0x0004
#define KEY_NO_DELETE  0x0008
#define KEY_COMP_NAME  0x0020
#define NO_CELL        0xffffffffu

static void put16(unsigned char *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(unsigned char *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }

/* The root key's name as stored: Latin-1 when every character fits (the
 * form Windows prefers, flagged KEY_COMP_NAME), else UTF-16LE.  Returns its
 * byte length, 0 if root_name is no usable key name. */
static size_t encode_name(const char *root_name, unsigned char *out, int *latin1)
{
    uint32_t cp, cps[NAME_CHARS];
    size_t n = 0, step, i, len = 0;
    const char *p;

    *latin1 = 1;
    for (p = root_name; *p; p += step) {
        if (!(step = cs_utf8_next(p, &cp)) || cp == '\\' || CS_IS_CONTROL(cp) || n == NAME_CHARS)
            return 0;
        *latin1 &= cp <= 0xff;
        cps[n++] = cp;
    }
    for (i = 0; i < n; i++) {
        if (*latin1)
            out[len++] = cps[i];
        else if (cps[i] < 0x10000)
            put16(out + len, cps[i]), len += 2;
        else {
            put16(out + len, 0xd800 + ((cps[i] - 0x10000) >> 10));
            put16(out + len + 2, 0xdc00 + ((cps[i] - 0x10000) & 0x3ff));
            len += 4;
        }
    }
    return len;
}

/* A SID S-1-5-<sub...> (the NT authority) at p; returns its size. */
static size_t put_nt_sid(unsigned char *p, int count, const uint32_t *sub)
{
    int i;

    p[0] = 1;               /* revision */
    p[1] = count;
    memset(p + 2, 0, 6);
    p[7] = 5;               /* SECURITY_NT_AUTHORITY */
    for (i = 0; i < count; i++)
        put32(p + 8 + 4 * i, sub[i]);
    return 8 + 4 * count;
}

/* An ACCESS_ALLOWED_ACE for that SID, inherited by subkeys; returns its size. */
static size_t put_allow_ace(unsigned char *p, uint32_t mask, int count, const uint32_t *sub)
{
    size_t size = 8 + put_nt_sid(p + 8, count, sub);

    p[0] = 0;               /* ACCESS_ALLOWED_ACE_TYPE */
    p[1] = 0x02;            /* CONTAINER_INHERIT_ACE */
    put16(p + 2, size);
    put32(p + 4, mask);
    return size;
}

/* The root key's self-relative security descriptor: owner Administrators,
 * group SYSTEM, and a DACL granting both KEY_ALL_ACCESS, as a key saved by
 * the cluster service carries.  Returns its size. */
static size_t put_descriptor(unsigned char *sd)
{
    static const uint32_t admins[] = { 32, 544 }, system[] = { 18 };
    const uint32_t key_all_access = 0xf003f;
    size_t acl = 20, off;

    off = acl + 8;
    off += put_allow_ace(sd + off, key_all_access, 2, admins);
    off += put_allow_ace(sd + off, key_all_access, 1, system);
    sd[acl] = 2;            /* ACL_REVISION */
    sd[acl + 1] = 0;
    put16(sd + acl + 2, off - acl);
    put16(sd + acl + 4, 2);
    put16(sd + acl + 6, 0);

    sd[0] = 1;              /* SECURITY_DESCRIPTOR_REVISION */
    sd[1] = 0;
    put16(sd + 2, 0x8004);  /* SE_SELF_RELATIVE | SE_DACL_PRESENT */
    put32(sd + 4, off);     /* owner */
    off += put_nt_sid(sd + off, 2, admins);
    put32(sd + 8, off);     /* group */
    off += put_nt_sid(sd + off, 1, system);
    put32(sd + 12, 0);      /* no SACL */
    put32(sd + 16, acl);
    return off;
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The whole empty hive into img (CS_HIVE_EMPTY_SIZE bytes); 0 or EINVAL. */
static int build_empty(unsigned char *img, const char *root_name)
{
    unsigned char name[4 * NAME_CHARS], *bin = img + BASE_SIZE, *nk, *sk;
    size_t name_len, nk_size, sk_size, sd_len, i;
    uint32_t nk_off = BIN_HEADER, sk_off, sum = 0;
    int latin1;

    if (!(name_len = encode_name(root_name, name, &latin1)))
        return EINVAL;
    memset(img, 0, CS_HIVE_EMPTY_SIZE);

    memcpy(img, "regf", 4);
    put32(img + 0x04, 1);           /* primary and secondary sequence numbers: */
    put32(img + 0x08, 1);           /* equal, so the hive is consistent */
    put32(img + 0x14, 1);           /* format 1.3: hivex then keeps a big */
    put32(img + 0x18, 3);           /* value in one cell, as 1.3 readers expect */
    put32(img + 0x1c, 0);           /* primary file */
    put32(img + 0x20, 1);           /* direct memory load */
    put32(img + 0x24, nk_off);
    put32(img + 0x28, BIN_SIZE);
    put32(img + 0x2c, 1);           /* clustering factor */

    memcpy(bin, "hbin", 4);
    put32(bin + 0x04, 0);           /* this bin's offset */
    put32(bin + 0x08, BIN_SIZE);

    nk = bin + nk_off;
    nk_size = align8(4 + NK_FIXED + name_len);
    sk_off = nk_off + nk_size;
    sk = bin + sk_off;
    sd_len = put_descriptor(sk + 4 + SK_FIXED);
    sk_size = align8(4 + SK_FIXED + sd_len);

    put32(nk, -(int32_t)nk_size);   /* a used cell's size is negative */
    memcpy(nk + 4, "nk", 2);
    put16(nk + 4 + 0x02, KEY_HIVE_ENTRY | KEY_NO_DELETE | (latin1 ? KEY_COMP_NAME : 0));
    put32(nk + 4 + 0x10, NO_CELL);  /* parent */
    put32(nk + 4 + 0x1c, NO_CELL);  /* subkey list */
    put32(nk + 4 + 0x20, NO_CELL);  /* volatile subkey list */
    put32(nk + 4 + 0x28, NO_CELL);  /* value list */
    put32(nk + 4 + 0x2c, sk_off);
    put32(nk + 4 + 0x30, NO_CELL);  /* class name */
    put16(nk + 4 + 0x48, name_len);
    memcpy(nk + 4 + NK_FIXED, name, name_len);

    put32(sk, -(int32_t)sk_size);
    memcpy(sk + 4, "sk", 2);
    put32(sk + 4 + 0x04, sk_off);   /* the only sk: its own next */
    put32(sk + 4 + 0x08, sk_off);   /* and previous in the ring */
    put32(sk + 4 + 0x0c, 1);        /* one key refers to it */
    put32(sk + 4 + 0x10, sd_len);

    put32(bin + sk_off + sk_size, BIN_SIZE - sk_off - sk_size);  /* the rest: one free cell */

    /* XOR of the base block's first 127 dwords; 0 and ~0 are kept for "unset". */
    for (i = 0; i < 0x1fc; i += 4)
        sum ^= img[i] | img[i + 1] << 8 | img[i + 2] << 16 | (uint32_t)img[i + 3] << 24;
    put32(img + 0x1fc, sum == 0 ? 1 : sum == 0xffffffffu ? 0xfffffffeu : sum);
    return 0;
}

hive_h *cs_hive_new(const char *root_name, char *err, size_t errlen)
{
    unsigned char img[CS_HIVE_EMPTY_SIZE];

    if (build_empty(img, root_name)) {
        snprintf(err, errlen, "\"%s\" cannot name a registry key", root_name);
        return NULL;
    }
    return cs_hive_open_mem(img, sizeof(img), HIVEX_OPEN_WRITE, err, errlen);
}

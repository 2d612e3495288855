/* The dump's table list and checksum (see docs/store-format.md). */
#include <limits.h>
#include <zlib.h>

#include "cs_internal.h"
#include "cs_dumpfmt.h"

/* Column order here is the field order on the line; ORDER BY makes the
 * dump of a given database byte-for-byte reproducible. */
const struct cs__dump_table cs__dump_tables[] = {
    { "cluster",
      "SELECT name, id, quorum_resource, quorum_path, max_log_size, highest_version, lowest_version, major, minor,"
      " build, csd, log_seq, log_bytes FROM cluster",
      "nggpiiiiiidii", "INSERT INTO cluster VALUES(1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 1, 0 },
    { "node", "SELECT id, name, state FROM node ORDER BY id", "ini", "INSERT INTO node VALUES(?, ?, ?)", 1, 0 },
    { "restype", "SELECT name, display_name, dll FROM restype ORDER BY name", "nnn",
      "INSERT INTO restype VALUES(?, ?, ?)", 1, 0 },
    { "group", "SELECT id, name, owner, state FROM grp ORDER BY id", "gnii", "INSERT INTO grp VALUES(?, ?, ?, ?)", 1, 0 },
    { "resource", "SELECT id, name, type, grp, owner, state FROM resource ORDER BY id", "gnngii",
      "INSERT INTO resource VALUES(?, ?, ?, ?, ?, ?)", 1, 0 },
    { "dependency", "SELECT res, dep FROM dependency ORDER BY res, dep", "gg", "INSERT INTO dependency VALUES(?, ?)", 1, 0 },
    { "network", "SELECT id, name, address, mask, priority FROM network ORDER BY id", "gnnni",
      "INSERT INTO network VALUES(?, ?, ?, ?, ?)", 3, 0 },
    { "netif", "SELECT id, name, node, network, adapter, address FROM netif ORDER BY id", "gpignn",
      "INSERT INTO netif VALUES(?, ?, ?, ?, ?, ?)", 3, 0 },
    /* Version 1 kept private properties in a table of their own; they load
     * as the values of the resource's Parameters key (the select is only
     * read for its column names, to name a bad field). */
    { "property", "SELECT res, name, format, value FROM property", "gnix",
      "INSERT INTO regval VALUES(" CS__SQL_PARAMETERS("?1") ", ?2, " CS__SQL_REGTYPE_OF_FORMAT("?3") ", ?4)", 1, 1 },
    { "regkey", "SELECT path, security FROM regkey ORDER BY path", "kx", "INSERT INTO regkey VALUES(?, ?)", 2, 0 },
    { "regval", "SELECT key, name, type, data FROM regval ORDER BY key, name", "koix",
      "INSERT INTO regval VALUES(?, ?, ?, ?)", 2, 0 },
    { "checkpoint", "SELECT res, kind, key, generation FROM checkpoint ORDER BY res, kind, key", "gipi",
      "INSERT INTO checkpoint VALUES(?, ?, ?, ?)", 1, 0 },
    { "log", "SELECT seq, time, op, object, detail FROM log ORDER BY seq", "iinod",
      "INSERT INTO log VALUES(?, ?, ?, ?, ?)", 1, 0 },
    { "logcheckpoint", "SELECT seq, time FROM log_checkpoint ORDER BY seq", "ii",
      "INSERT INTO log_checkpoint VALUES(?, ?)", 1, 0 },
};
const size_t cs__dump_ntables = sizeof(cs__dump_tables) / sizeof(cs__dump_tables[0]);

int cs__dump_text_bounds(char type, size_t *min, size_t *max)
{
    static const struct { char type; size_t min, max; } bounds[] = {
        { 'n', 1, CS_NAME_MAX - 1 }, { 'o', 0, CS_NAME_MAX - 1 }, { 'p', 1, CS_PATH_MAX - 1 }, { 'k', 0, CS_PATH_MAX - 1 }, { 'd', 0, CS_TEXT_MAX - 1 },
    };
    size_t i;

    for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
        if (bounds[i].type == type) {
            *min = bounds[i].min;
            *max = bounds[i].max;
            return 1;
        }
    }
    return 0;
}

void cs__dump_escape(const char *t, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *u = (const unsigned char *)t;

    for (; *u; u++) {
        if (*u < 0x20 || *u == 0x7f || *u == '%') {
            *out++ = '%';
            *out++ = hex[*u >> 4];
            *out++ = hex[*u & 15];
        } else
            *out++ = (char)*u;
    }
    *out = 0;
}

/* CRC-32 (IEEE 802.3) from zlib, whose length argument is an unsigned int. */
uint32_t cs__crc32(uint32_t crc, const void *buf, size_t n)
{
    const unsigned char *p = buf;

    while (n)
    {
        uInt chunk = n > UINT_MAX ? UINT_MAX : (uInt)n;
        crc = (uint32_t)crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return crc;
}

/* Turning a store of this build back into older schema versions, to test
 * the upgrades from them.  Version 5 had no record of running processes,
 * version 4 no networks; version 3 kept private properties in their own
 * table and had no registry. */
#ifndef WINECLUS_TEST_OLD_SCHEMA_H
#define WINECLUS_TEST_OLD_SCHEMA_H

#define SCHEMA_6_TO_5 "DROP TABLE running;"

#define SCHEMA_5_TO_4                                                                                          \
    "DROP TRIGGER node_netif; DROP TRIGGER network_registry; DROP TRIGGER netif_registry;"                     \
    "DROP TABLE netif; DROP TABLE network;"

#define SCHEMA_4_TO_3                                                                                          \
    "DROP TRIGGER resource_registry; DROP TRIGGER grp_registry; DROP TRIGGER node_registry;"                    \
    "DROP TRIGGER restype_registry;"                                                                           \
    "CREATE TABLE property(res TEXT NOT NULL REFERENCES resource(id), name TEXT NOT NULL COLLATE NOCASE,"      \
    " format INTEGER NOT NULL, value BLOB NOT NULL, PRIMARY KEY(res, name));"                                  \
    "INSERT INTO property SELECT substr(key, 11, 36), name,"                                                   \
    " CASE type WHEN 1 THEN 3 WHEN 2 THEN 4 WHEN 4 THEN 2 WHEN 7 THEN 5 WHEN 11 THEN 6 ELSE 1 END, data"       \
    " FROM regval WHERE key LIKE 'Resources\\%\\Parameters';"                                                  \
    "DROP TABLE regkey; DROP TABLE regval; PRAGMA user_version = 3;"

/* From this build's version to 3. */
#define SCHEMA_TO_3 SCHEMA_6_TO_5 SCHEMA_5_TO_4 SCHEMA_4_TO_3

#endif

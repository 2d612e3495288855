/* The Server 2003 property definitions: common properties per object class,
 * private properties per standard resource type.  Every row is a fact from
 * Microsoft's ClusAPI reference; docs/properties.md names the page of each
 * table and what was left out.  Rows are in the reference's order. */
#include "clusstore.h"

#include <strings.h>

#define DWMAX 0xFFFFFFFFll
/* A DWORD with a documented default, one without, a documented TRUE/FALSE. */
#define DW(name, flags, lo, hi, dflt) { name, CS_PROP_DWORD, (flags) | CS_PD_DEFAULT, lo, hi, dflt, NULL }
#define DWN(name, flags, lo, hi) { name, CS_PROP_DWORD, flags, lo, hi, 0, NULL }
#define BOOL(name, dflt) DW(name, 0, 0, 1, dflt)
#define TEXT(name, flags) { name, CS_PROP_SZ, flags, 0, 0, 0, NULL }
#define TEXTD(name, flags, dflt) { name, CS_PROP_SZ, (flags) | CS_PD_DEFAULT, 0, 0, 0, dflt }
#define MULTI(name, flags) { name, CS_PROP_MULTI_SZ, flags, 0, 0, 0, NULL }
#define BIN(name, flags) { name, CS_PROP_BINARY, flags, 0, 0, 0, NULL }

#define RO CS_PD_READ_ONLY
#define REQ CS_PD_REQUIRED
#define COL CS_PD_COLUMN

static const cs_propdef cluster_common[] = {
    MULTI("AdminExtensions", 0),
    DW("ClusSvcHeartbeatTimeout", 0, 6, DWMAX, 60),
    DW("DefaultNetworkRole", 0, 0, 3, 3),
    TEXT("Description", 0),
    BOOL("EnableEventDeltaGeneration", 1),
    BOOL("EnableEventLogReplication", 1),
    BOOL("EnableResourceDllDeadlockDetection", 0),
    DW("QuorumArbitrationTimeMax", 0, 1, 3600, 20),
    DW("QuorumArbitrationTimeMin", 0, 1, 3600, 7),
    DW("ResourceDllDeadlockPeriod", 0, 180, DWMAX, 1800),
    DW("ResourceDllDeadlockThreshold", 0, 0, DWMAX, 3),
    DW("ResourceDllDeadlockTimeout", 0, 180, DWMAX, 240),
    BIN("Security Descriptor", 0),
};

/* The versions are the cluster row's (one Server 2003 build for every node). */
static const cs_propdef node_common[] = {
    MULTI("AdminExtensions", 0),
    DWN("BuildNumber", RO | COL, 0, 0xFFFFFFF),
    TEXT("CSDVersion", RO | COL),
    TEXT("Description", 0),
    BOOL("EnableEventLogReplication", 1),
    DWN("MajorVersion", RO | COL, 4, 0xFFFFFFF),
    DWN("MinorVersion", RO | COL, 0, 0xFFFFFFF),
    DWN("NodeHighestVersion", RO | COL, 0x000100E0, 0xFFFFFFF),
    DWN("NodeLowestVersion", RO | COL, 0x000100E0, 0xFFFFFF),
    TEXT("NodeName", RO | COL),
};

/* AntiAffinityClassNames: new in Server 2003 (docs/properties.md). */
static const cs_propdef group_common[] = {
    MULTI("AdminExtensions", 0),
    MULTI("AntiAffinityClassNames", 0),
    DW("AutoFailbackType", 0, 0, 1, 0),
    TEXT("Description", 0),
    DW("FailbackWindowEnd", CS_PD_ALL_ONES, 0, 23, 0xFFFFFFFFu),
    DW("FailbackWindowStart", CS_PD_ALL_ONES, 0, 23, 0xFFFFFFFFu),
    DW("FailoverPeriod", 0, 0, 1193, 6),
    DW("FailoverThreshold", 0, 0, DWMAX, 0xFFFFFFFFu),
    TEXT("Name", RO | COL),
    BOOL("PersistentState", 0),
};

/* LooksAlivePollInterval 0xFFFFFFFF: use the resource type's value.  The
 * names change through SetClusterResourceName, not SET_COMMON_PROPERTIES. */
static const cs_propdef resource_common[] = {
    MULTI("AdminExtensions", 0),
    TEXT("DebugPrefix", 0),
    TEXT("Description", 0),
    DW("IsAlivePollInterval", 0, 10, DWMAX, 60000),
    DW("LooksAlivePollInterval", 0, 10, DWMAX, 0xFFFFFFFFu),
    TEXT("Name", RO | COL),
    DW("PendingTimeout", 0, 10, DWMAX, 180000),
    BOOL("PersistentState", 0),
    DW("RestartAction", 0, 0, 2, 2),
    DW("RestartPeriod", 0, 0, DWMAX, 900000),
    DW("RestartThreshold", 0, 0, DWMAX, 3),
    DW("RetryPeriodOnFailure", 0, 0, DWMAX, 3600000),
    DW("SeparateMonitor", CS_PD_AT_ONLINE, 0, 1, 0),
    TEXT("Type", COL),
};

static const cs_propdef restype_common[] = {
    MULTI("AdminExtensions", 0),
    BOOL("DebugControlFunctions", 0),
    TEXT("DebugPrefix", 0),
    TEXT("Description", 0),
    TEXT("DllName", RO | COL),
    DW("IsAlivePollInterval", 0, 1, DWMAX, 60000),
    DW("LooksAlivePollInterval", 0, 1, DWMAX, 5000),
    TEXT("Name", COL),
};

static const cs_propdef network_common[] = {
    TEXT("Address", RO | COL),
    TEXT("AddressMask", RO | COL),
    MULTI("AdminExtensions", 0),
    TEXT("Description", 0),
    TEXT("Name", RO | COL),
    DW("Role", 0, 0, 3, 3),
};

static const cs_propdef netinterface_common[] = {
    TEXT("Adapter", RO | COL),
    TEXT("Address", RO | COL),
    MULTI("AdminExtensions", 0),
    TEXT("Description", 0),
    TEXT("Name", RO | COL),
    TEXT("Network", RO | COL),
    TEXT("Node", RO | COL),
};

static const cs_propdef genapp_private[] = {
    TEXT("CommandLine", REQ),
    TEXT("CurrentDirectory", REQ),
    BOOL("InteractWithDesktop", 0),
    BOOL("UseNetworkName", 0),
};

static const cs_propdef gensvc_private[] = {
    TEXT("ServiceName", REQ),
    TEXT("StartupParameters", 0),
    BOOL("UseNetworkName", 0),
};

static const cs_propdef ip_private[] = {
    TEXT("Address", REQ),
    DW("EnableNetBIOS", 0, 0, 2, 1),
    TEXT("Network", RO | REQ),
    TEXT("SubnetMask", REQ),
};

/* CreatingDC and ResourceData are filled in when RequireKerberos is 1. */
static const cs_propdef netname_private[] = {
    TEXT("CreatingDC", RO | REQ),
    TEXT("Name", REQ),
    BOOL("RemapPipeNames", 0),
    BOOL("RequireDNS", 0),
    DWN("RequireKerberos", 0, 0, DWMAX),
    BIN("ResourceData", RO | REQ),
};

static const cs_propdef disk_private[] = {
    BOOL("ConditionalMount", 1),
    BIN("DiskInfo", 0),
    TEXT("Drive", REQ),
    BIN("MountVolumeInfo", 0),
    DW("Signature", REQ, 0, DWMAX, 0),
    BOOL("SkipChkdsk", 0),
};

static const cs_propdef share_private[] = {
    BIN("CSCCache", 0),
    BOOL("HideSubDirShares", 0),
    BOOL("IsDfsRoot", 0),
    DW("MaxUsers", 0, 0, DWMAX, 0xFFFFFFFFu),
    TEXT("Path", REQ),
    TEXT("Remark", 0),
    BIN("Security", CS_PD_AT_ONLINE),
    BIN("Security Descriptor", CS_PD_AT_ONLINE),
    DW("ShareFlags", 0, 0, 0xF30, 0),
    TEXT("ShareName", REQ),
    BOOL("ShareSubDirs", 0),
};

static const cs_propdef spooler_private[] = {
    TEXT("DefaultSpoolDirectory", REQ),
    DW("JobCompletionTimeout", 0, 0, DWMAX, 0),
};

/* Their paths default to the old path on the disk they depend on: no fixed default. */
static const cs_propdef dhcp_private[] = {
    TEXT("DatabasePath", REQ),
    TEXT("LogFilePath", REQ),
    TEXT("BackupPath", REQ),
};

/* Each attribute page says "Required"; the table of the type says "Optional". */
static const cs_propdef wins_private[] = {
    TEXTD("BackupPath", REQ, "%SystemRoot%\\wins\\backup"),
    TEXTD("DatabasePath", REQ, "%SystemRoot%\\wins\\wins.mdb"),
};

static const cs_propdef localquorum_private[] = {
    DW("Debug", 0, 0, 1, 0),
    TEXT("Path", 0),
};

static const cs_propdef vsstask_private[] = {
    TEXT("ApplicationName", REQ),
    TEXT("ApplicationParams", 0),
    { "CurrentDirectory", CS_PROP_EXPAND_SZ, 0, 0, 0, 0, NULL },
    BIN("TriggerArray", 0),
};

#define TABLE(t) t, sizeof(t) / sizeof(t[0])

static const struct {
    int cls;
    const cs_propdef *defs;
    size_t n;
} common[] = {
    { CS_CLASS_CLUSTER, TABLE(cluster_common) },
    { CS_CLASS_NODE, TABLE(node_common) },
    { CS_CLASS_GROUP, TABLE(group_common) },
    { CS_CLASS_RESOURCE, TABLE(resource_common) },
    { CS_CLASS_RESTYPE, TABLE(restype_common) },
    { CS_CLASS_NETWORK, TABLE(network_common) },
    { CS_CLASS_NETINTERFACE, TABLE(netinterface_common) },
};

/* Distributed Transaction Coordinator and Message Queuing have none; the
 * reference leaves Generic Script's and Majority Node Set's undescribed. */
static const struct {
    const char *type;
    const cs_propdef *defs;
    size_t n;
} private_tables[] = {
    { "Generic Application", TABLE(genapp_private) },
    { "Generic Service", TABLE(gensvc_private) },
    { "IP Address", TABLE(ip_private) },
    { "Network Name", TABLE(netname_private) },
    { "Physical Disk", TABLE(disk_private) },
    { "File Share", TABLE(share_private) },
    { "Print Spooler", TABLE(spooler_private) },
    { "DHCP Service", TABLE(dhcp_private) },
    { "WINS Service", TABLE(wins_private) },
    { "Local Quorum", TABLE(localquorum_private) },
    { "Volume Shadow Copy Service Task", TABLE(vsstask_private) },
};

const cs_propdef *cs_propdefs_common(int cls, size_t *n)
{
    size_t i;

    for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
        if (common[i].cls == cls) {
            *n = common[i].n;
            return common[i].defs;
        }
    *n = 0;
    return NULL;
}

const cs_propdef *cs_propdefs_private(const char *restype, size_t *n)
{
    size_t i;

    for (i = 0; restype && i < sizeof(private_tables) / sizeof(private_tables[0]); i++)
        if (!strcasecmp(private_tables[i].type, restype)) {
            *n = private_tables[i].n;
            return private_tables[i].defs;
        }
    *n = 0;
    return NULL;
}

const cs_propdef *cs_propdef_find(const cs_propdef *defs, size_t n, const char *name)
{
    size_t i;

    for (i = 0; name && i < n; i++)
        if (!strcasecmp(defs[i].name, name))
            return &defs[i];
    return NULL;
}

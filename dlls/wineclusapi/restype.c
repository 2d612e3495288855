/*
 * The standard resource types of Server 2003 as the cluster service
 * describes them through control codes: characteristics, class and required
 * dependencies.  Sources: the ClusAPI reference's "Resource Dependencies"
 * table and its pages for each type (WINS: storage and an IP Address), and
 * CLUS_RESOURCE_CLASS_INFO (a Physical Disk is storage on a shared bus).
 * The network class came with Server 2008, so IP Address and Network Name
 * have the unknown class here.
 */
#include <string.h>

#include "clusapi_private.h"

#define QUORUM_CHARS (CLUS_CHAR_QUORUM | CLUS_CHAR_DELETE_REQUIRES_ALL_NODES)
#define STORAGE CLUS_RESCLASS_STORAGE, (DWORD)CLUS_RESSUBCLASS_STORAGE_SHARED_BUS

static const struct restype_info types[] =
{
    { "Physical Disk", QUORUM_CHARS, STORAGE, FALSE, { NULL } },
    { "Local Quorum", CLUS_CHAR_QUORUM | CLUS_CHAR_LOCAL_QUORUM, 0, 0, FALSE, { NULL } },
    { "Majority Node Set", QUORUM_CHARS, 0, 0, FALSE, { NULL } },
    { "Network Name", 0, 0, 0, FALSE, { "IP Address" } },
    { "DHCP Service", 0, 0, 0, TRUE, { NULL } },
    { "WINS Service", 0, 0, 0, TRUE, { "IP Address" } },
    { "Print Spooler", 0, 0, 0, TRUE, { "Network Name" } },
    { "Distributed Transaction Coordinator", 0, 0, 0, TRUE, { "Network Name" } },
    { "Message Queuing", 0, 0, 0, TRUE, { "IP Address", "Network Name" } },
};

const struct restype_info *restype_info(const char *type)
{
    static const struct restype_info other;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(types); i++)
        if (!strcmp(types[i].name, type)) return &types[i];
    return &other;
}

DWORD restype_put_class_info(const struct restype_info *info, struct control_io *io)
{
    DWORD value[2] = { info->rclass, info->subclass };

    return control_put(io, value, sizeof(value));
}

DWORD restype_put_required_dependencies(const struct restype_info *info, struct control_io *io)
{
    struct value_list *list = value_list_new();
    DWORD rclass = CLUS_RESCLASS_STORAGE, err;
    size_t i;

    if (!list) return ERROR_NOT_ENOUGH_MEMORY;
    /* CLUSPROP_RESOURCE_CLASS: the class as one DWORD. */
    if (info->needs_storage) value_list_add(list, CLUSPROP_SYNTAX_RESCLASS, &rclass, sizeof(rclass));
    for (i = 0; i < ARRAY_SIZE(info->needs_types) && info->needs_types[i]; i++)
        value_list_add_string(list, CLUSPROP_SYNTAX_NAME, info->needs_types[i]);
    err = value_list_put(list, io);
    value_list_free(list);
    return err;
}

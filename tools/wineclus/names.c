/*
 * The words the store verbs use for states and kinds.  Text and JSON share
 * them so a script can match what a person reads; they are the clusapi.h
 * names without their prefixes, in lower case.
 */
#include "wineclus.h"

const char *node_state_name(int state)
{
    switch (state)
    {
    case CS_NODE_UP: return "up";
    case CS_NODE_DOWN: return "down";
    case CS_NODE_PAUSED: return "paused";
    case CS_NODE_JOINING: return "joining";
    }
    return "unknown";
}

const char *group_state_name(int state)
{
    switch (state)
    {
    case CS_GROUP_ONLINE: return "online";
    case CS_GROUP_OFFLINE: return "offline";
    case CS_GROUP_FAILED: return "failed";
    case CS_GROUP_PARTIAL_ONLINE: return "partial-online";
    case CS_GROUP_PENDING: return "pending";
    }
    return "unknown";
}

const char *resource_state_name(int state)
{
    switch (state)
    {
    case CS_RES_INHERITED: return "inherited";
    case CS_RES_INITIALIZING: return "initializing";
    case CS_RES_ONLINE: return "online";
    case CS_RES_OFFLINE: return "offline";
    case CS_RES_FAILED: return "failed";
    case CS_RES_PENDING: return "pending";
    case CS_RES_ONLINE_PENDING: return "online-pending";
    case CS_RES_OFFLINE_PENDING: return "offline-pending";
    }
    return "unknown";
}

const char *checkpoint_kind_name(int kind)
{
    return kind == CS_CKPT_CRYPTO ? "crypto" : "registry";
}

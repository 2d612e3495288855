/* libFuzzer target: the backup-set manifest parser (bk_manifest_parse) and
 * the set's name rules, on arbitrary text.  The parser writes into its
 * input, so it gets a private copy each time. */
#include "backup_internal.h"
#include "fuzz_scratch.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    scratch_store("manifest");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), name[64];
    bk_manifest m;
    uint32_t index;
    int kind;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    memset(&m, 0, sizeof(m));
    if (!bk_manifest_parse(store, text, size, &m) && m.n > 4096)
        abort(); /* cannot happen for a parse this short: a sign of a runaway */
    bk_manifest_free(&m);
    /* The name rules on a NUL-terminated prefix. */
    snprintf(name, sizeof(name), "%.*s", (int)(size < 63 ? size : 63), (const char *)data);
    bk_name_kind(name);
    bk_is_guid(name);
    bk_parse_ckpt_name(name, &index, &kind);
    free(text);
    return 0;
}

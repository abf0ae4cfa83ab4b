/*
 * libFuzzer harness for ng_repair. The first byte chooses the repair flags;
 * the rest is the text. Checks: valid UTF-8 in gives valid UTF-8 out; the
 * offset map is monotone, in bounds and its copy runs really are copies; the
 * counts are zero exactly when nothing changed.
 */
#include "fuzz_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0] & 0x0Fu;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    char *out = NULL;
    size_t out_len = 0;
    ng_map map = {0};
    ng_repair_counts counts = {0};
    ng_status st = ng_repair(text, len, flags, &out, &out_len, &map, &counts);
    if (st != NG_OK) {
        CHECK(st == NG_ENOMEM);
        goto cleanup;
    }
    if (fuzz_valid_utf8((const unsigned char *)text, len))
        CHECK(fuzz_valid_utf8((const unsigned char *)out, out_len));
    fuzz_check_map(&map, out, out_len, text, len);
    size_t total = counts.mojibake + counts.lossy_periods + counts.lossy_quotes +
                   counts.replacement_punct + counts.replacement_dropped;
    int same = out_len == len && memcmp(out, text, len) == 0;
    if (total == 0)
        CHECK(same);

cleanup:
    ng_free(out);
    ng_map_free(&map);
    return 0;
}

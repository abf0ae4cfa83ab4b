/*
 * libFuzzer harness for ng_normalize. The first two bytes choose the flags and
 * the form; the rest is the text. Checks: the output is valid UTF-8 when the
 * input is, the shape counted is the output's, the offset map is monotone and
 * in bounds, and normalizing the output again changes nothing (idempotence).
 */
#include "fuzz_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    ng_normalize_options opts = {data[0] & 0x3Fu, (ng_form)(data[1] % 5)};
    const char *text = (const char *)data + 2;
    size_t len = size - 2;
    /* Idempotence is promised without entity decoding ("&amp;amp;" decodes
     * one level per call, as html.unescape does) and without case folding
     * (folding after the form can produce text the form changes again). */
    int check_idempotent = !(opts.flags & NG_NORM_CASEFOLD) && !(opts.flags & NG_NORM_ENTITIES);

    char *out = NULL, *again = NULL;
    size_t out_len = 0, again_len = 0;
    ng_map map = {0};
    ng_utf8_shape shape;
    ng_status st = ng_normalize(text, len, &opts, &out, &out_len, &map, &shape);
    if (st != NG_OK) {
        CHECK(st == NG_ENOMEM);
        goto cleanup;
    }
    if (fuzz_valid_utf8((const unsigned char *)text, len))
        CHECK(fuzz_valid_utf8((const unsigned char *)out, out_len));

    /* The shape the core counted as it wrote is the output's. */
    if (fuzz_valid_utf8((const unsigned char *)out, out_len)) {
        size_t code_points = 0;
        uint32_t widest = 0x7F;
        for (size_t i = 0; i < out_len; i++) {
            unsigned char c = (unsigned char)out[i];
            code_points += (c & 0xC0) != 0x80;
            uint32_t w = c < 0xC0 ? 0x7F : c < 0xC4 ? 0xFF : c < 0xF0 ? 0xFFFF : 0x10FFFF;
            if (w > widest)
                widest = w;
        }
        CHECK(shape.code_points == code_points && shape.widest == widest);
    }

    fuzz_check_map(&map, out, out_len, text, len);

    if (check_idempotent && fuzz_valid_utf8((const unsigned char *)text, len)) {
        st = ng_normalize(out, out_len, &opts, &again, &again_len, NULL, NULL);
        if (st == NG_OK)
            CHECK(again_len == out_len && memcmp(again, out, out_len) == 0);
    }

cleanup:
    ng_free(out);
    ng_free(again);
    ng_map_free(&map);
    return 0;
}

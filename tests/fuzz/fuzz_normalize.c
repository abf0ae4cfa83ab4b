/*
 * libFuzzer harness for ng_normalize. The first two bytes choose the flags and
 * the form; the rest is the text. Checks: the output is valid UTF-8 when the
 * input is, the offset map is monotone and in bounds, and normalizing the
 * output again changes nothing (idempotence).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond))                                                                       \
            __builtin_trap();                                                              \
    } while (0)

static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 2, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 3, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 4, cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    ng_normalize_options opts = {data[0] & 0x3Fu, (ng_form)(data[1] % 5)};
    const char *text = (const char *)data + 2;
    size_t len = size - 2;
    /* Case folding changes what the later steps see (e.g. it can create new
     * decomposable characters), so idempotence is promised only without it. */
    int check_idempotent = !(opts.flags & NG_NORM_CASEFOLD) && !(opts.flags & NG_NORM_ENTITIES);

    char *out = NULL, *again = NULL;
    size_t out_len = 0, again_len = 0;
    ng_map map = {0};
    ng_status st = ng_normalize(text, len, &opts, &out, &out_len, &map);
    if (st != NG_OK) {
        CHECK(st == NG_ENOMEM);
        goto cleanup;
    }
    if (valid_utf8((const unsigned char *)text, len))
        CHECK(valid_utf8((const unsigned char *)out, out_len));

    CHECK(map.out_len == out_len && map.in_len == len);
    CHECK(map.n_runs >= 1 && map.runs[0].out == 0 && map.runs[0].in == 0);
    for (size_t i = 0; i < map.n_runs; i++) {
        CHECK(map.runs[i].out <= out_len && map.runs[i].in <= len);
        if (i) {
            CHECK(map.runs[i].out >= map.runs[i - 1].out);
            CHECK(map.runs[i].in >= map.runs[i - 1].in);
        }
        if (map.runs[i].copy) {
            size_t out_end = i + 1 < map.n_runs ? map.runs[i + 1].out : out_len;
            size_t n = out_end - map.runs[i].out;
            CHECK(map.runs[i].in + n <= len);
            CHECK(memcmp(out + map.runs[i].out, text + map.runs[i].in, n) == 0);
        }
    }
    size_t prev = 0;
    for (size_t o = 0; o <= out_len; o++) {
        size_t in = ng_map_to_input(&map, o);
        CHECK(in <= len && in >= prev);
        prev = in;
    }

    if (check_idempotent && valid_utf8((const unsigned char *)text, len)) {
        st = ng_normalize(out, out_len, &opts, &again, &again_len, NULL);
        if (st == NG_OK)
            CHECK(again_len == out_len && memcmp(again, out, out_len) == 0);
    }

cleanup:
    ng_free(out);
    ng_free(again);
    ng_map_free(&map);
    return 0;
}

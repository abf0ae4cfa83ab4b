/*
 * fuzz_checks.h: the invariant checks the fuzz harnesses share. A failed
 * check traps, which libFuzzer reports as a crash with the input saved.
 */
#ifndef NUTGRAF_FUZZ_CHECKS_H
#define NUTGRAF_FUZZ_CHECKS_H

#include <stdint.h>
#include <string.h>

#include "nutgraf.h"

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond))                                                                       \
            __builtin_trap();                                                              \
    } while (0)

/* Non-zero when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). Written independently of the core's decoder so
 * that the two check each other. */
static inline int fuzz_valid_utf8(const unsigned char *s, size_t n)
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

/* The offset map contract of nutgraf.h: lengths right, first run at 0/0,
 * both columns non-decreasing and in bounds, copy runs really copies, and
 * ng_map_to_input monotone over every output byte. */
static inline void fuzz_check_map(const ng_map *map, const char *out, size_t out_len,
                                  const char *in, size_t in_len)
{
    CHECK(map->out_len == out_len && map->in_len == in_len);
    CHECK(map->n_runs >= 1 && map->runs[0].out == 0 && map->runs[0].in == 0);
    for (size_t i = 0; i < map->n_runs; i++) {
        const ng_run *r = &map->runs[i];
        CHECK(r->out <= out_len && r->in <= in_len);
        if (i) {
            CHECK(r->out >= map->runs[i - 1].out);
            CHECK(r->in >= map->runs[i - 1].in);
        }
        if (r->copy) {
            size_t end = i + 1 < map->n_runs ? map->runs[i + 1].out : out_len;
            CHECK(r->in + (end - r->out) <= in_len);
            CHECK(memcmp(out + r->out, in + r->in, end - r->out) == 0);
        }
    }
    size_t prev = 0;
    for (size_t o = 0; o <= out_len; o++) {
        size_t at = ng_map_to_input(map, o);
        CHECK(at <= in_len && at >= prev);
        prev = at;
    }
}

#endif /* NUTGRAF_FUZZ_CHECKS_H */

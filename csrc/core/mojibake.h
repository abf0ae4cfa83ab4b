/*
 * mojibake.h: repair of UTF-8 text that was decoded as a single-byte encoding
 * (Windows-1252, Latin-1, MacRoman, ...) once or more. Internal to the core;
 * the public entry point is ng_repair() in nutgraf.h.
 *
 * The method is ftfy's (Robyn Speer, Apache-2.0), ported to C: a line that a
 * measure of implausible character sequences flags is encoded in the first
 * single-byte encoding that can represent it and whose bytes are valid UTF-8
 * (after restoring lost 0xA0 bytes and marking lost bytes), and decoded; this
 * repeats while the line still looks bad. Runs of mojibake inside otherwise
 * good text are fixed alone, and leftover C1 controls are read as
 * Windows-1252. The tables come from tools/gen_mojibake_tables.py.
 */
#ifndef NUTGRAF_MOJIBAKE_H
#define NUTGRAF_MOJIBAKE_H

#include "internal.h"

#define NG_MJ_N_ENC 10

typedef struct ng_mj_pair {
    uint32_t cp;
    uint32_t value;
} ng_mj_pair;

/* Character classes of the implausibility measure (bits of a class mask). */
enum {
    NG_MJ_COMMON = 1u << 0,
    NG_MJ_C1 = 1u << 1,
    NG_MJ_BAD = 1u << 2,
    NG_MJ_LAW = 1u << 3,
    NG_MJ_CURRENCY = 1u << 4,
    NG_MJ_START = 1u << 5,
    NG_MJ_END = 1u << 6,
    NG_MJ_NUMERIC = 1u << 7,
    NG_MJ_KAOMOJI = 1u << 8,
    NG_MJ_UPPER_ACC = 1u << 9,
    NG_MJ_LOWER_ACC = 1u << 10,
    NG_MJ_UPPER_COM = 1u << 11,
    NG_MJ_LOWER_COM = 1u << 12,
    NG_MJ_BOX = 1u << 13,
    NG_MJ_U8_FIRST2 = 1u << 14,
    NG_MJ_U8_FIRST3 = 1u << 15,
    NG_MJ_U8_FIRST4 = 1u << 16,
    NG_MJ_U8_CONT = 1u << 17,
    NG_MJ_U8_CONT_STRICT = 1u << 18
};

/* Generated tables (mojibake_tables.c). */
extern const char *const ng_mj_encoding_names[NG_MJ_N_ENC];
extern const uint32_t ng_mj_decode[NG_MJ_N_ENC][129];
extern const ng_mj_pair ng_mj_encode[NG_MJ_N_ENC][129];
extern const uint8_t ng_mj_encode_len[NG_MJ_N_ENC];
extern const ng_mj_pair ng_mj_classes[];
extern const size_t ng_mj_n_classes;
extern const uint32_t ng_mj_classes_low[256];

/*
 * Appends the repaired text[0..len) to `out` and, when `map` is not NULL, the
 * runs mapping it back to `text` (output offsets relative to out->len at the
 * call, which must be 0 when a map is wanted). Lines are repaired one at a
 * time; a line with invalid UTF-8 is copied unchanged. *n_fixed counts the
 * replaced runs. When no line is repaired nothing at all is appended (the
 * caller uses `text` itself then), and *n_fixed stays as it was. Linear time:
 * each line is re-decoded a bounded number of times.
 */
NG_MUST_USE ng_status ng_mojibake_repair(const char *text, size_t len, ng_buf *out,
                                         ng_map *map, size_t *n_fixed);

/* Non-zero when the code points s[0..n) hold an implausible sequence. */
int ng_mojibake_is_bad(const uint32_t *s, size_t n);

#endif /* NUTGRAF_MOJIBAKE_H */

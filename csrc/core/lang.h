/*
 * lang.h: the shape of a language's segmentation table (internal).
 *
 * A language is a sorted list of words, each with a set of class bits that
 * tell the segmenter how the word behaves around a period or at the start of
 * a sentence. The tables are generated data (csrc/core/lang_tables.c, from
 * data/lang/<code>.txt by tools/gen_lang_tables.py), so a new language is a
 * new data file, not a new code path.
 */
#ifndef NUTGRAF_LANG_H
#define NUTGRAF_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "nutgraf.h"

/* Class bits of a word; the meaning of each is documented in data/lang/en.txt.
 * The generator knows the same names (lower case, without NG_W_). */
enum {
    NG_W_TITLE = 1u << 0,
    NG_W_PRENUM = 1u << 1,
    NG_W_MONTH = 1u << 2,
    NG_W_INNER = 1u << 3,
    NG_W_AMBIGUOUS = 1u << 4,
    NG_W_TIME = 1u << 5,
    NG_W_STARTER = 1u << 6,
    NG_W_CALENDAR = 1u << 7,
    NG_W_PREPOSITION = 1u << 8,
    NG_W_SPEECH = 1u << 9
};

/* Longest key the tables hold, in bytes; longer tokens are never looked up. */
#define NG_LANG_MAX_KEY 24

/* One word: `key` is ASCII-lowercased, without a final period. `classes`
 * hold for the word capitalised; `lower_classes` for it starting with a
 * lowercase letter, which drops the title and ambiguous classes of an entry
 * written capitalised ("Sat", "Gen": "The cat sat." ends a sentence). */
typedef struct ng_lang_word {
    const char *key;
    uint8_t len;
    uint16_t classes;
    uint16_t lower_classes;
} ng_lang_word;

struct ng_lang {
    const char *code;
    const ng_lang_word *words; /* sorted by bytes of key (memcmp, then len) */
    size_t n_words;
    /* Hash index: slots[h] is 0 (empty) or 1 + an index into words, for
     * h = FNV-1a(key) & slot_mask, probing linearly; never full. */
    const uint16_t *slots;
    size_t slot_mask;
};

/* All languages, and their codes comma-separated (lang_tables.c). */
extern const ng_lang ng_lang_all[];
extern const size_t ng_lang_count;
extern const char ng_lang_code_list[];

/* The class bits of word[0..len) in `lang`, found ASCII case-insensitively
 * (see ng_lang_word for what a lowercase first letter changes); 0 if absent. */
unsigned ng_lang_classes(const ng_lang *lang, const char *word, size_t len);

#endif /* NUTGRAF_LANG_H */

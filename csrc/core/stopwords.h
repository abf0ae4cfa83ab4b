/*
 * stopwords.h: the shape of the generated stopword tables (internal).
 *
 * One list per language, keyed by the language's code; the lists are
 * generated into csrc/core/stopwords.c from data/stopwords/<code>.txt by
 * tools/gen_stopwords.py. Words are case-folded, NFC, written with the ASCII
 * apostrophe, and sorted by bytes (memcmp, then length). Each list also has
 * an open-addressing hash table over its words (ng_stopword_hash), so that a
 * lookup costs one hash and a probe or two instead of a binary search.
 */
#ifndef NUTGRAF_STOPWORDS_H
#define NUTGRAF_STOPWORDS_H

#include <stddef.h>
#include <stdint.h>

/* Longest stopword, in bytes; longer words are never looked up. */
#define NG_STOPWORD_MAX_LEN 32

typedef struct ng_stopword {
    const char *word;
    unsigned char len;
} ng_stopword;

typedef struct ng_stopword_list {
    const char *code; /* as in ng_lang_find: "en" */
    const ng_stopword *words;
    size_t n_words;
    /* Slot ng_stopword_hash(w) & mask, or the first empty one after it
     * (wrapping), holds the index of word w + 1; 0 marks an empty slot. */
    const uint16_t *slots;
    size_t mask;
} ng_stopword_list;

/* FNV-1a over the word's bytes; tools/gen_stopwords.py computes the same. */
static inline uint64_t ng_stopword_hash(const char *word, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)word[i]) * 1099511628211ull;
    return h;
}

extern const ng_stopword_list ng_stopword_lists[];
extern const size_t ng_stopword_list_count;

struct ng_lang;

/* The stopword list of `lang`, found by its code (words.c); NULL when it
 * has none. A caller that checks many words finds the list once. */
const ng_stopword_list *ng_stopwords_of(const struct ng_lang *lang);

/* ng_is_stopword for a list found by ng_stopwords_of (NULL: none), given
 * ng_stopword_hash(word, len), which the caller has often computed already
 * (interning the word): a U+2019 in the word makes it hash its key anew. */
int ng_stopword_in(const ng_stopword_list *list, const char *word, size_t len, uint64_t hash);

/* The lookup itself: whether key[0..n), spelt as the lists spell words
 * (ASCII apostrophes) and of hash ng_stopword_hash(key, n), is on the list. */
int ng_stopword_key(const ng_stopword_list *list, const char *key, size_t n, uint64_t hash);

#endif /* NUTGRAF_STOPWORDS_H */

/*
 * stopwords.h: the shape of the generated stopword tables (internal).
 *
 * One list per language, keyed by the language's code; the lists are
 * generated into csrc/core/stopwords.c from data/stopwords/<code>.txt by
 * tools/gen_stopwords.py. Words are case-folded, NFC, written with the ASCII
 * apostrophe, and sorted by bytes (memcmp, then length).
 */
#ifndef NUTGRAF_STOPWORDS_H
#define NUTGRAF_STOPWORDS_H

#include <stddef.h>

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
} ng_stopword_list;

extern const ng_stopword_list ng_stopword_lists[];
extern const size_t ng_stopword_list_count;

#endif /* NUTGRAF_STOPWORDS_H */

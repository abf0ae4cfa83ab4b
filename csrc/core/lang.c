/* lang.c: finding a language's segmentation table and looking words up in it. */
#include <string.h>

#include "lang.h"

const ng_lang *ng_lang_find(const char *code, size_t code_len)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < ng_lang_count; i++) {
        const char *c = ng_lang_all[i].code;
        if (strlen(c) == code_len && memcmp(c, code, code_len) == 0)
            return &ng_lang_all[i];
    }
    return NULL;
}

const char *ng_lang_codes(void)
{
    return ng_lang_code_list;
}

unsigned ng_lang_classes(const ng_lang *lang, const char *word, size_t len)
{
    char key[NG_LANG_MAX_KEY];
    if (len == 0 || len > NG_LANG_MAX_KEY)
        return 0;
    /* Keys are stored ASCII-lowercased; non-ASCII bytes compare as they are. */
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        key[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    size_t lo = 0, hi = lang->n_words;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ng_lang_word *w = &lang->words[mid];
        size_t m = w->len < len ? w->len : len;
        int cmp = memcmp(w->key, key, m);
        if (cmp == 0)
            cmp = (w->len > len) - (w->len < len);
        if (cmp == 0)
            return w->classes;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

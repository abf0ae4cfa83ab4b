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
    /* Keys are stored ASCII-lowercased; non-ASCII bytes compare as they are.
     * The hash is the generator's FNV-1a over the lowercased bytes. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        key[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    }
    for (size_t slot = h & lang->slot_mask;; slot = (slot + 1) & lang->slot_mask) {
        uint16_t v = lang->slots[slot];
        if (v == 0)
            return 0;
        const ng_lang_word *w = &lang->words[v - 1];
        if (w->len == len && memcmp(w->key, key, len) == 0)
            return (word[0] >= 'a' && word[0] <= 'z') ? w->lower_classes : w->classes;
    }
}

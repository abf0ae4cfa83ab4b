/*
 * words.c: word tokens and case folding.
 *
 * The tokenizer classifies ASCII bytes through a table and only decodes and
 * asks utf8proc about the other characters, so ASCII text costs a table load
 * and a branch or two per byte.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "internal.h"
#include "lang.h"
#include "stopwords.h"

/* What a character is to the tokenizer. The order matters: the ASCII fast
 * paths test `kind >= K_LETTER` (may start a word) and `kind <= K_DIGIT`. */
enum {
    K_OTHER = 0, /* ends a word */
    K_JOIN,      /* apostrophe, hyphen, soft hyphen, ZWJ/ZWNJ: inside a word
                    between two letters */
    K_NUMSEP,    /* '.' and ',': inside a number between two digits */
    K_MARK,      /* Mn, Mc: continues a word, never starts one */
    K_NUMBER,    /* Nl, No: like a digit, but joins no number */
    K_LETTER,    /* L*: starts and continues a word */
    K_DIGIT,     /* Nd */
    K_HIGH       /* a byte >= 0x80 (table only): decode and classify */
};

#define L K_LETTER
#define D K_DIGIT
#define J K_JOIN
#define S K_NUMSEP
#define H K_HIGH
static const unsigned char ascii_kind[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, J, 0, 0, 0, 0, S, J, S, 0, /* ' ' ... '/' */
    D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0, /* '0' ... '?' */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* '@' ... 'O' */
    L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0, /* 'P' ... '_' */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* '`' ... 'o' */
    L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0, /* 'p' ... DEL */
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, /* 0x80 ... 0xFF */
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef L
#undef D
#undef J
#undef S
#undef H

/* 1 for the ASCII letters and digits: the bytes the inner loop runs over. */
static const unsigned char ascii_alnum[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int unicode_kind(int32_t cp)
{
    switch (cp) {
    case 0x2019: /* right single quotation mark, the typographic apostrophe */
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x00AD: /* soft hyphen */
    case 0x200C: /* zero-width non-joiner, inside Persian and Indic words */
    case 0x200D: /* zero-width joiner */
        return K_JOIN;
    }
    /* Variation selectors are marks, but they dress emoji, not letters. */
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
        return K_OTHER;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return K_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return K_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return K_NUMBER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return K_MARK;
    default:
        return K_OTHER;
    }
}

/* The kind and byte length of the character at s[0..n), n >= 1. */
static int kind_at(const unsigned char *s, size_t n, size_t *clen)
{
    int k = ascii_kind[s[0]];
    if (k != K_HIGH) {
        *clen = 1;
        return k;
    }
    int32_t cp;
    *clen = ng_utf8_decode(s, n, &cp);
    return unicode_kind(cp);
}

int ng_word_next(const char *text, size_t len, size_t *pos, ng_span *word)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = *pos;
    for (;;) {
        /* Skip to a character that can start a word. */
        while (i < len && ascii_kind[s[i]] < K_LETTER)
            i++;
        if (i >= len) {
            *pos = len;
            return 0;
        }
        size_t clen;
        int last = kind_at(s + i, len - i, &clen);
        if (last != K_LETTER && last != K_DIGIT && last != K_NUMBER) {
            i += clen;
            continue;
        }
        size_t start = i;
        i += clen;

        for (;;) {
            size_t run = i;
            while (i < len && ascii_alnum[s[i]])
                i++;
            if (i > run)
                last = ascii_kind[s[i - 1]];
            if (i >= len || ascii_kind[s[i]] == K_OTHER)
                break;
            int k = kind_at(s + i, len - i, &clen);
            if (k == K_LETTER || k == K_DIGIT || k == K_NUMBER) {
                last = k;
                i += clen;
                continue;
            }
            if (k == K_MARK) { /* keeps the kind of the character it marks */
                i += clen;
                continue;
            }
            if ((k == K_JOIN && last == K_LETTER) || (k == K_NUMSEP && last == K_DIGIT)) {
                size_t nlen;
                if (i + clen < len && kind_at(s + i + clen, len - i - clen, &nlen) == last) {
                    i += clen + nlen;
                    continue;
                }
            }
            break;
        }
        word->start = start;
        word->end = i;
        *pos = i;
        return 1;
    }
}

ng_status ng_words(const char *text, size_t len, ng_span **words, size_t *n_words)
{
    ng_span *spans = NULL, word;
    size_t n = 0, cap = 0, pos = 0;
    ng_status st = NG_OK;

    while (ng_word_next(text, len, &pos, &word)) {
        if (n == cap) {
            size_t new_cap = cap ? cap * 2 : len / 8 + 16;
            if (new_cap < cap || new_cap > SIZE_MAX / sizeof *spans) {
                st = NG_EOVERFLOW;
                goto cleanup;
            }
            ng_span *grown = realloc(spans, new_cap * sizeof *spans);
            if (!grown) {
                st = NG_ENOMEM;
                goto cleanup;
            }
            spans = grown;
            cap = new_cap;
        }
        spans[n++] = word;
    }

cleanup:
    if (st != NG_OK || n == 0) {
        free(spans);
        spans = NULL;
        n = 0;
    }
    *words = spans;
    *n_words = n;
    return st;
}

/*
 * Folding works on chunks of characters: each chunk is case-folded,
 * canonically decomposed and reordered by utf8proc_decompose, then composed
 * by utf8proc_normalize_utf32, all in a buffer on the stack. A chunk may end
 * only where normalization cannot reach across: before an ASCII character
 * (a starter that composes with nothing before it), or, in a long non-ASCII
 * run, before a letter that is a starter and composes with nothing before it.
 * A run of more than FOLD_HARD characters without such a point (thousands of
 * stacked combining marks) is cut anyway: still valid UTF-8, and the only
 * case where the result may not be exactly NFC.
 */
enum { FOLD_SOFT = 32, FOLD_HARD = 64, FOLD_MAX_DECOMP = 4 };
#define FOLD_OPTS (UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE)

/* A letter of combining class 0 that is never the second character of a
 * composition (the conjoining Hangul jamo, which are, are excluded). */
static bool fold_break_before(int32_t cp)
{
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
        (cp >= 0xD7B0 && cp <= 0xD7FF))
        return false;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class == 0 && p->category >= UTF8PROC_CATEGORY_LU &&
           p->category <= UTF8PROC_CATEGORY_LO;
}

static size_t fold_chunk(const unsigned char *s, size_t n, char *out)
{
    utf8proc_int32_t buf[FOLD_HARD * FOLD_MAX_DECOMP];
    utf8proc_ssize_t m = utf8proc_decompose(s, (utf8proc_ssize_t)n, buf,
                                            (utf8proc_ssize_t)(sizeof buf / sizeof *buf), FOLD_OPTS);
    if (m < 0 || (size_t)m > sizeof buf / sizeof *buf) { /* cannot happen: the chunk is valid */
        memcpy(out, s, n);
        return n;
    }
    m = utf8proc_normalize_utf32(buf, m, FOLD_OPTS);
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < m; i++)
        o += ng_utf8_encode(buf[i], out + o);
    return o;
}

size_t ng_fold(const char *word, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)word;
    size_t i = 0, o = 0;
    /* Most words are all ASCII: lower-case them without the per-character
     * test for a combining mark that may follow. */
    unsigned char high = 0;
    for (size_t k = 0; k < len; k++)
        high |= s[k];
    if (high < 0x80) {
        for (; i < len; i++)
            out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
        return len;
    }
    while (i < len) {
        unsigned char c = s[i];
        /* ASCII not followed by a possible combining mark: lower-case it. */
        if (c < 0x80 && (i + 1 == len || s[i + 1] < 0x80)) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i++;
            continue;
        }
        int32_t cp;
        size_t clen = ng_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && clen == 1 && c >= 0x80) { /* an invalid byte */
            o += ng_utf8_encode(0xFFFD, out + o);
            i++;
            continue;
        }
        size_t start = i, chars = 1;
        i += clen;
        while (i < len && s[i] >= 0x80) {
            clen = ng_utf8_decode(s + i, len - i, &cp);
            if (cp == 0xFFFD && clen == 1)
                break;
            if (chars >= FOLD_HARD || (chars >= FOLD_SOFT && fold_break_before(cp)))
                break;
            i += clen;
            chars++;
        }
        o += fold_chunk(s + start, i - start, out + o);
    }
    return o;
}

const ng_stopword_list *ng_stopwords_of(const ng_lang *lang)
{
    if (!lang)
        return NULL;
    for (size_t i = 0; i < ng_stopword_list_count; i++)
        if (strcmp(ng_stopword_lists[i].code, lang->code) == 0)
            return &ng_stopword_lists[i];
    return NULL;
}

int ng_stopword_key(const ng_stopword_list *list, const char *key, size_t n, uint64_t hash)
{
    if (!list || n == 0 || n > NG_STOPWORD_MAX_LEN)
        return 0;
    for (size_t slot = (size_t)hash & list->mask; list->slots[slot];
         slot = (slot + 1) & list->mask) {
        const ng_stopword *w = &list->words[list->slots[slot] - 1];
        if (w->len == n && memcmp(w->word, key, n) == 0)
            return 1;
    }
    return 0;
}

int ng_stopword_in(const ng_stopword_list *list, const char *word, size_t len, uint64_t hash)
{
    if (!list || len == 0 || len > 3 * NG_STOPWORD_MAX_LEN)
        return 0;
    if (!memchr(word, '\xE2', len)) /* no U+2019: the word is its own key */
        return ng_stopword_key(list, word, len, hash);
    /* The lists spell the apostrophe ASCII; text often has U+2019. */
    char key[3 * NG_STOPWORD_MAX_LEN];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (word[i] == '\xE2' && i + 2 < len && word[i + 1] == '\x80' && word[i + 2] == '\x99') {
            key[n++] = '\'';
            i += 2;
        } else {
            key[n++] = word[i];
        }
    }
    return ng_stopword_key(list, key, n, ng_stopword_hash(key, n));
}

int ng_is_stopword(const ng_lang *lang, const char *word, size_t len)
{
    const ng_stopword_list *list = ng_stopwords_of(lang);
    if (!list || len == 0 || len > 3 * NG_STOPWORD_MAX_LEN)
        return 0;
    return ng_stopword_in(list, word, len, ng_stopword_hash(word, len));
}

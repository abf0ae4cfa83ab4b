/*
 * stem_en.c: the English (Porter2) stemmer of Snowball, as of Snowball 3.
 *
 * Written from the published algorithm (snowballstem.org, "The English
 * (Porter2) stemming algorithm") and checked word for word against the
 * snowballstemmer package on the shared corpora (tests/test_words.py).
 *
 * The algorithm counts characters, not bytes, and knows only ASCII letters.
 * So the word is first rewritten into `out` as one byte per character: ASCII
 * stays itself and any other character (or invalid byte) becomes the
 * placeholder 0x80, which is a non-vowel that matches no suffix. Every step
 * only rewrites the end of the word with ASCII, and no step lengthens it, so
 * the result is an untouched prefix of the word followed by an ASCII tail; the
 * last step puts the prefix's original bytes back. Nothing is allocated.
 */
#include <stdbool.h>

#include "internal.h"

#define NG_OTHER 0x80 /* a non-ASCII character in the working buffer */

typedef struct stem {
    unsigned char *w; /* one byte per character */
    size_t k;         /* current length */
    size_t p1, p2;    /* start of regions R1 and R2 */
} stem;

/* The vowels, as a table: the region and syllable scans test every letter. */
static const bool vowel[256] = {['a'] = 1, ['e'] = 1, ['i'] = 1, ['o'] = 1, ['u'] = 1, ['y'] = 1};

static bool is_v(unsigned char c)
{
    return vowel[c];
}

/* A vowel, or w, x, Y: what may not end a short syllable. */
static bool is_v_wxy(unsigned char c)
{
    return is_v(c) || c == 'w' || c == 'x' || c == 'Y';
}

static bool is_li_ending(unsigned char c)
{
    return c == 'c' || c == 'd' || c == 'e' || c == 'g' || c == 'h' || c == 'k' || c == 'm' ||
           c == 'n' || c == 'r' || c == 't';
}

/* A letter whose doubling Step 1b undoes ("hopp" -> "hop"). */
static bool is_double(unsigned char c)
{
    return c == 'b' || c == 'd' || c == 'f' || c == 'g' || c == 'm' || c == 'n' || c == 'p' ||
           c == 'r' || c == 't';
}

static bool ends(const stem *z, const char *s, size_t n)
{
    if (z->k < n)
        return false;
    const unsigned char *w = z->w + z->k - n;
    for (size_t i = n; i-- > 0;) /* suffixes are short: no call to memcmp */
        if (w[i] != (unsigned char)s[i])
            return false;
    return true;
}

/* Replaces the last `n` characters by s[0..m), m <= n. */
static void set_to(stem *z, size_t n, const char *s, size_t m)
{
    memcpy(z->w + z->k - n, s, m);
    z->k = z->k - n + m;
}

/* A suffix rule: the suffix, what replaces it, and a rule-specific code.
 * The suffix's last letter is kept beside it, so that scanning a table for
 * the word's suffix rejects most rules without following a pointer. */
typedef struct rule {
    const char *suffix;
    const char *repl;
    unsigned char n, m, code, last;
} rule;

/*
 * A step's rules are listed once, as an X-macro RULES(X) calling
 * X(suffix, replacement, code) for each, longest suffix first; TABLE turns
 * them into the rule array and LAST_LETTERS into the set of their suffixes'
 * last letters (a bit per letter 'a'..'z'), so that the many words ending in
 * another letter skip the scan.
 */
#define RULE(s, r, c) {s, r, sizeof(s) - 1, sizeof(r) - 1, c, (unsigned char)(s)[sizeof(s) - 2]},
#define LAST_LETTER(s, r, c) (UINT32_C(1) << ((s)[sizeof(s) - 2] - 'a')) |
#define TABLE(RULES) {RULES(RULE)}
#define LAST_LETTERS(RULES) (RULES(LAST_LETTER) 0)

/* The longest suffix of the word among `rules`, which are sorted by length,
 * longest first and end in the letters of `last_letters`; Snowball's `among`
 * tries only that one. */
static const rule *longest(const stem *z, const rule *rules, size_t n, uint32_t last_letters)
{
    if (z->k == 0)
        return NULL;
    unsigned char last = z->w[z->k - 1];
    if (last < 'a' || last > 'z' || !(last_letters >> (last - 'a') & 1))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (rules[i].last == last && ends(z, rules[i].suffix, rules[i].n))
            return &rules[i];
    return NULL;
}

/* Whether w[0..pos) ends in a short syllable. */
static bool short_syllable(const stem *z, size_t pos)
{
    const unsigned char *w = z->w;
    if (pos >= 3 && !is_v_wxy(w[pos - 1]) && is_v(w[pos - 2]) && !is_v(w[pos - 3]))
        return true;
    if (pos == 2 && !is_v(w[1]) && is_v(w[0]))
        return true;
    return pos >= 4 && memcmp(w + pos - 4, "past", 4) == 0;
}

static bool has_vowel(const unsigned char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_v(w[i]))
            return true;
    return false;
}

/* R1 starts after the first non-vowel that follows a vowel (or after one of a
 * few prefixes); R2 is R1 of R1. */
static void mark_regions(stem *z)
{
    static const struct {
        const char *s;
        size_t n;
    } prefixes[] = {{"arsen", 5}, {"commun", 6}, {"emerg", 5}, {"gener", 5},   {"inter", 5},
                    {"later", 5}, {"organ", 5},  {"past", 4},  {"univers", 7}};
    const unsigned char *w = z->w;
    size_t k = z->k, i = 0;
    z->p1 = z->p2 = k;
    bool found = false;
    /* The prefixes' first letters, a bit each: most words skip the list. */
    const uint32_t firsts = 1u << ('a' - 'a') | 1u << ('c' - 'a') | 1u << ('e' - 'a') |
                            1u << ('g' - 'a') | 1u << ('i' - 'a') | 1u << ('l' - 'a') |
                            1u << ('o' - 'a') | 1u << ('p' - 'a') | 1u << ('u' - 'a');
    bool may_have_prefix = k && w[0] >= 'a' && w[0] <= 'z' && (firsts >> (w[0] - 'a') & 1);
    for (size_t p = 0; may_have_prefix && p < sizeof prefixes / sizeof *prefixes; p++) {
        if (k >= prefixes[p].n && w[0] == (unsigned char)prefixes[p].s[0] &&
            memcmp(w, prefixes[p].s, prefixes[p].n) == 0) {
            i = prefixes[p].n;
            found = true;
            break;
        }
    }
    if (!found) {
        while (i < k && !is_v(w[i]))
            i++;
        while (i < k && is_v(w[i]))
            i++;
        if (i >= k)
            return;
        i++;
    }
    z->p1 = i;
    while (i < k && !is_v(w[i]))
        i++;
    while (i < k && is_v(w[i]))
        i++;
    if (i >= k)
        return;
    z->p2 = i + 1;
}

static void step_1a(stem *z)
{
    /* Each suffix is tested only when the word ends in its last letter. */
    unsigned char last = z->k ? z->w[z->k - 1] : 0;
    if (last == '\'')
        z->k -= ends(z, "'s'", 3) ? 3 : 1;
    else if (last == 's' && ends(z, "'s", 2))
        z->k -= 2;

    last = z->k ? z->w[z->k - 1] : 0;
    if (last == 'd') {
        if (ends(z, "ied", 3))
            z->k -= z->k > 4 ? 2 : 1; /* "tied" -> "tie" but "cried" -> "cri" */
        return;
    }
    if (last != 's')
        return;
    if (ends(z, "sses", 4)) {
        z->k -= 2;
    } else if (ends(z, "ies", 3)) {
        /* "ties" -> "tie" but "cries" -> "cri" */
        z->k -= z->k > 4 ? 2 : 1;
    } else if (ends(z, "ss", 2) || ends(z, "us", 2)) {
        return;
    } else {
        /* Delete the s if a vowel precedes the letter before it. */
        if (z->k >= 3 && has_vowel(z->w, z->k - 2))
            z->k -= 1;
    }
}

static void step_1b(stem *z)
{
    enum { EED = 1, ED, ING };
#define STEP_1B(X)                                                                          \
    X("eedly", "", EED) X("ingly", "", ED) X("edly", "", ED)                                \
    X("eed", "", EED) X("ing", "", ING) X("ed", "", ED)
    static const rule rules[] = TABLE(STEP_1B);
    const rule *r = longest(z, rules, sizeof rules / sizeof *rules, LAST_LETTERS(STEP_1B));
    if (!r)
        return;
    unsigned char *w = z->w;
    size_t bra = z->k - r->n;

    if (r->code == EED) {
        if (bra < z->p1)
            return;
        if ((bra == 3 && memcmp(w, "exc", 3) == 0) ||
            (bra == 4 && (memcmp(w, "succ", 4) == 0 || memcmp(w, "proc", 4) == 0)))
            return;
        set_to(z, r->n, "ee", 2);
        return;
    }
    if (r->code == ING) {
        /* "dying" -> "die"; "inning", "outing" ... stay as they are. */
        static const char *const keep[] = {"even", "cann", "inn", "earr", "herr", "out"};
        if (bra == 2 && w[1] == 'y' && !is_v(w[0])) {
            z->k = 1;
            set_to(z, 0, "ie", 2);
            return;
        }
        for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
            if (bra == strlen(keep[i]) && memcmp(w, keep[i], bra) == 0)
                return;
    }

    if (!has_vowel(w, bra))
        return;
    z->k = bra;
    if (ends(z, "at", 2) || ends(z, "bl", 2) || ends(z, "iz", 2)) {
        set_to(z, 0, "e", 1);
        return;
    }
    size_t k = z->k;
    if (k >= 2 && w[k - 1] == w[k - 2] && is_double(w[k - 1])) {
        /* Undouble, except in "add", "egg", "odd" ... */
        if (k == 3 && (w[0] == 'a' || w[0] == 'e' || w[0] == 'o'))
            return;
        z->k--;
        return;
    }
    if (k == z->p1 && short_syllable(z, k))
        set_to(z, 0, "e", 1);
}

static void step_1c(stem *z)
{
    size_t k = z->k;
    if (k >= 3 && (z->w[k - 1] == 'y' || z->w[k - 1] == 'Y') && !is_v(z->w[k - 2]))
        z->w[k - 1] = 'i';
}

static void step_2(stem *z)
{
    enum { OGI = 1, LI };
#define STEP_2(X)                                                                           \
    X("ational", "ate", 0) X("ization", "ize", 0) X("iveness", "ive", 0)                    \
    X("fulness", "ful", 0) X("ousness", "ous", 0) X("tional", "tion", 0)                    \
    X("biliti", "ble", 0) X("lessli", "less", 0) X("fulli", "ful", 0)                       \
    X("ousli", "ous", 0) X("entli", "ent", 0) X("aliti", "al", 0)                           \
    X("iviti", "ive", 0) X("alism", "al", 0) X("ogist", "og", 0)                            \
    X("ation", "ate", 0) X("anci", "ance", 0) X("enci", "ence", 0)                          \
    X("abli", "able", 0) X("alli", "al", 0) X("izer", "ize", 0)                             \
    X("ator", "ate", 0) X("bli", "ble", 0) X("ogi", "og", OGI)                              \
    X("li", "", LI)
    static const rule rules[] = TABLE(STEP_2);
    if (z->k < z->p1 + 2)
        return; /* even the shortest suffix, "li", would start before R1 */
    const rule *r = longest(z, rules, sizeof rules / sizeof *rules, LAST_LETTERS(STEP_2));
    if (!r || z->k - r->n < z->p1)
        return;
    size_t bra = z->k - r->n;
    if (r->code == OGI && (bra == 0 || z->w[bra - 1] != 'l'))
        return;
    if (r->code == LI && (bra == 0 || !is_li_ending(z->w[bra - 1])))
        return;
    set_to(z, r->n, r->repl, r->m);
}

static void step_3(stem *z)
{
    enum { R2 = 1 };
#define STEP_3(X)                                                                           \
    X("ational", "ate", 0) X("tional", "tion", 0) X("alize", "al", 0)                       \
    X("icate", "ic", 0) X("iciti", "ic", 0) X("ative", "", R2)                              \
    X("ical", "ic", 0) X("ness", "", 0) X("ful", "", 0)
    static const rule rules[] = TABLE(STEP_3);
    if (z->k < z->p1 + 3)
        return; /* even the shortest suffix, "ful", would start before R1 */
    const rule *r = longest(z, rules, sizeof rules / sizeof *rules, LAST_LETTERS(STEP_3));
    if (!r || z->k - r->n < z->p1)
        return;
    if (r->code == R2 && z->k - r->n < z->p2)
        return;
    set_to(z, r->n, r->repl, r->m);
}

static void step_4(stem *z)
{
    enum { ION = 1 };
#define STEP_4(X)                                                                           \
    X("ement", "", 0) X("ance", "", 0) X("ence", "", 0) X("able", "", 0)                    \
    X("ible", "", 0) X("ment", "", 0) X("ate", "", 0) X("ive", "", 0)                       \
    X("ize", "", 0) X("iti", "", 0) X("ism", "", 0) X("ion", "", ION)                       \
    X("ous", "", 0) X("ant", "", 0) X("ent", "", 0) X("ic", "", 0)                          \
    X("al", "", 0) X("er", "", 0)
    static const rule rules[] = TABLE(STEP_4);
    if (z->k < z->p2 + 2)
        return; /* even the shortest suffix would start before R2 */
    const rule *r = longest(z, rules, sizeof rules / sizeof *rules, LAST_LETTERS(STEP_4));
    if (!r || z->k - r->n < z->p2)
        return;
    size_t bra = z->k - r->n;
    if (r->code == ION && (bra == 0 || (z->w[bra - 1] != 's' && z->w[bra - 1] != 't')))
        return;
    z->k = bra;
}

static void step_5(stem *z)
{
    size_t k = z->k;
    if (k == 0)
        return;
    if (z->w[k - 1] == 'e') {
        if (k - 1 >= z->p2 || (k - 1 >= z->p1 && !short_syllable(z, k - 1)))
            z->k--;
    } else if (z->w[k - 1] == 'l') {
        if (k - 1 >= z->p2 && k >= 2 && z->w[k - 2] == 'l')
            z->k--;
    }
}

/* Whole words with a stem of their own (an empty stem keeps the word). */
static size_t exception(const char *word, size_t len, char *out)
{
    static const struct {
        const char *word, *stem;
        size_t len;
    } words[] = {
        {"skis", "ski", 4},     {"skies", "sky", 5},   {"idly", "idl", 4},   {"gently", "gentl", 6},
        {"ugly", "ugli", 4},    {"early", "earli", 5}, {"only", "onli", 4},  {"singly", "singl", 6},
        {"sky", "", 3},         {"news", "", 4},       {"howe", "", 4},      {"atlas", "", 5},
        {"cosmos", "", 6},      {"bias", "", 4},       {"andes", "", 5},
    };
    if (len < 3 || len > 6)
        return SIZE_MAX;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (words[i].len == len && words[i].word[0] == word[0] &&
            memcmp(words[i].word, word, len) == 0) {
            const char *s = words[i].stem[0] ? words[i].stem : words[i].word;
            size_t n = strlen(s);
            memcpy(out, s, n);
            return n;
        }
    }
    return SIZE_MAX;
}

/* The byte length of the character at s[0..n), n >= 1 (1 for ASCII). */
static size_t char_len(const unsigned char *s, size_t n)
{
    int32_t cp;
    return s[0] < 0x80 ? 1 : ng_utf8_decode(s, n, &cp);
}

size_t ng_stem_en(const char *word, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)word;
    size_t n = exception(word, len, out);
    if (n != SIZE_MAX)
        return n;

    /* Most words are ASCII: one byte per character already, so the word
     * goes to `out` as it is and no bytes need putting back at the end. */
    unsigned char high = 0;
    for (size_t i = 0; i < len; i++)
        high |= s[i];
    bool ascii = high < 0x80;

    /* Words of fewer than three characters are left alone. */
    size_t chars = 0;
    if (ascii)
        chars = len;
    else
        for (size_t i = 0; i < len && chars < 3; chars++)
            i += char_len(s + i, len - i);
    if (chars < 3) {
        if (len)
            memcpy(out, word, len);
        return len;
    }

    /* A leading apostrophe goes; the rest becomes one byte per character. */
    if (s[0] == '\'')
        s++, len--;
    stem z = {(unsigned char *)out, 0, 0, 0};
    if (ascii) {
        z.k = len;
    } else {
        for (size_t i = 0; i < len; z.k++) {
            z.w[z.k] = s[i] < 0x80 ? s[i] : NG_OTHER;
            i += char_len(s + i, len - i);
        }
    }

    /* y as a consonant (at the start or after a vowel) becomes Y; an ASCII
     * word is copied to `out` on the way. */
    bool y_found = false;
    for (size_t i = 0; i < z.k; i++) {
        unsigned char c = ascii ? s[i] : z.w[i];
        if (c == 'y' && (i == 0 || is_v(z.w[i - 1]))) {
            c = 'Y';
            y_found = true;
        }
        z.w[i] = c;
    }

    mark_regions(&z);
    step_1a(&z);
    step_1b(&z);
    step_1c(&z);
    step_2(&z);
    step_3(&z);
    step_4(&z);
    step_5(&z);

    /* Steps only rewrite a tail with ASCII, so every placeholder lies in an
     * unchanged prefix w[0..j): copy that prefix's original bytes back. */
    size_t out_len = z.k;
    if (!ascii) {
        size_t j = z.k;
        while (j > 0 && z.w[j - 1] < 0x80)
            j--;
        size_t prefix = 0;
        for (size_t c = 0; c < j; c++)
            prefix += char_len(s + prefix, len - prefix);
        memmove(out + prefix, out + j, z.k - j);
        if (prefix)
            memcpy(out, s, prefix);
        out_len = prefix + z.k - j;
    }
    if (y_found)
        for (size_t i = 0; i < out_len; i++)
            if (out[i] == 'Y')
                out[i] = 'y';
    return out_len;
}

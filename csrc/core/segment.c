/*
 * segment.c: sentence boundaries in one forward pass.
 *
 * The text is read once, left to right. Runs of ordinary ASCII bytes are
 * skipped by a byte-class table; work happens only at whitespace, at
 * terminators (. ! ? and their Unicode kin) and at token starts. A run of
 * terminators ("?!", "...", ". . .", "…") with the closing quotes and
 * brackets after it is one "cluster", decided once: from the token before it
 * (number, abbreviation class from the language table, initial, acronym,
 * plain word) and the token after it (case, table class), found by a bounded
 * look-ahead. Whitespace runs end a sentence at a paragraph break and, by a
 * layout rule, at some single line breaks. A sentence that opens with a list
 * marker ("1.", "a)", "•") also ends before the next marker of the series.
 *
 * Every byte is visited a bounded number of times (the look-ahead re-reads
 * one whitespace run, its openers and at most NG_LANG_MAX_KEY bytes of the
 * next word; token analyses read at most a fixed window), so time is linear
 * on any input, and memory is the span array alone.
 */
#include <stdlib.h>

#include <utf8proc.h>

#include "internal.h"
#include "lang.h"

/* Byte classes: C_OTHER bytes are skipped without a look; lead bytes of
 * multi-byte characters (C_HIGH) are decoded, since some are spaces or
 * terminators. Continuation bytes are C_OTHER: a decoded character is
 * stepped over whole, and a stray one is an opaque character. */
enum { C_OTHER = 0, C_SPACE, C_TERM, C_HIGH };

#define NG_HIGH4 C_HIGH, C_HIGH, C_HIGH, C_HIGH
#define NG_HIGH16 NG_HIGH4, NG_HIGH4, NG_HIGH4, NG_HIGH4
static const unsigned char ng_byte_class[256] = {
    ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\v'] = C_SPACE, ['\f'] = C_SPACE,
    ['\r'] = C_SPACE, [0x1c] = C_SPACE, [0x1d] = C_SPACE, [0x1e] = C_SPACE,
    [0x1f] = C_SPACE, [' '] = C_SPACE,   ['.'] = C_TERM,   ['!'] = C_TERM,
    ['?'] = C_TERM,
    [0xC0] = NG_HIGH16, NG_HIGH16, NG_HIGH16, NG_HIGH16,
};

/* Kinds of the token after a cluster or a line break. */
enum { NX_END = 0, NX_LOWER, NX_UPPER, NX_DIGIT, NX_CONT, NX_OTHER };

/* Kinds of the token before a period. */
enum {
    PV_REGULAR = 0, /* a word, or anything not an abbreviation */
    PV_NUMBER,      /* ends in a digit: 55. $100.00. 1026.253.553. */
    PV_INITIAL,     /* one capital letter: J. W. */
    PV_ACRONYM,     /* dotted letters not in the table: N.Y.C. */
    PV_TABLE        /* in the language table: classes say how it behaves */
};

/* List marker kinds at the start of a sentence. */
enum { MK_NONE = 0, MK_LAYOUT, MK_NUM, MK_LETTER, MK_BULLET };

/* Bytes of a token analysed at most, before a period. */
#define NG_PREV_WINDOW 32
/* A line without terminator this short (bytes) before a capitalised line is
 * a heading, byline or list item; one this long is an unwrapped paragraph.
 * Lines in between look like hard-wrapped prose and do not end a sentence. */
#define NG_SHORT_LINE 60
#define NG_LONG_LINE 100

typedef struct ng_next {
    size_t pos;       /* first byte of the token, or the text length */
    unsigned breaks;  /* line breaks before it */
    int kind;         /* NX_* */
    unsigned classes; /* table classes of its word, when capitalised */
    unsigned classes2; /* table classes of the word after it */
    int is_i;         /* the pronoun I (I, I'm, I'll ...) */
    int initial;      /* one letter and a period: J. */
} ng_next;

typedef struct ng_seg {
    const unsigned char *s;
    size_t n;
    const ng_lang *lang;
    ng_span *spans;
    size_t n_spans;
    size_t cap_spans;
    ng_status status;

    int in_sent;          /* a sentence is open */
    size_t sent_start;
    int in_tok;           /* inside a run of non-space characters */
    size_t tok_start;
    size_t last_ns_end;   /* end of the last finished token */
    size_t words;         /* tokens in the open sentence */
    size_t line_start;    /* first byte of the current line */
    size_t kept_cluster;  /* end of the last cluster that did not split */

    int mk_kind;          /* list marker that opened the sentence */
    uint32_t mk_value;
    size_t mk_end;        /* terminators before this are the marker's own */
} ng_seg;

/*
 * The first byte at or after i that is not C_OTHER, or n. Eight bytes at a
 * time where the compiler lets us count trailing zeros on a little-endian
 * machine: in each byte the high bit is set when the byte is below 0x21,
 * is '.', '!' or '?', or is 0xC0 or above. The borrow tricks may also flag a
 * byte above a flagged one, never below, so the lowest flag is exact.
 */
static size_t ng_skip_other(const unsigned char *s, size_t i, size_t n)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t dot = w ^ (ones * '.'), bang = w ^ (ones * '!'), ques = w ^ (ones * '?');
        uint64_t m = ((w - ones * 0x21) & ~w) | ((dot - ones) & ~dot) |
                     ((bang - ones) & ~bang) | ((ques - ones) & ~ques) | (w & (w << 1));
        m &= high;
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
        i += 8;
    }
#endif
    while (i < n && ng_byte_class[s[i]] == C_OTHER)
        i++;
    return i;
}

/* Length of the whitespace character at s[0..n), n >= 1, or 0; adds the line
 * breaks it makes to *breaks (a paragraph separator counts as two). */
static size_t ng_space_at(const unsigned char *s, size_t n, unsigned *breaks)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        if (ng_byte_class[c] != C_SPACE)
            return 0;
        if (c == '\n' || c == '\v' || c == '\f') {
            (*breaks)++;
        } else if (c == '\r') {
            (*breaks)++;
            if (n > 1 && s[1] == '\n')
                return 2;
        }
        return 1;
    }
    if (c == 0xC2 && n >= 2) {
        if (s[1] == 0x85) { /* NEL */
            (*breaks)++;
            return 2;
        }
        return s[1] == 0xA0 ? 2 : 0; /* NBSP */
    }
    if (n < 3)
        return 0;
    if (c == 0xE1)
        return (s[1] == 0x9A && s[2] == 0x80) ? 3 : 0; /* U+1680 */
    if (c == 0xE2 && s[1] == 0x80) {
        unsigned char d = s[2];
        if (d >= 0x80 && d <= 0x8A) /* U+2000..U+200A */
            return 3;
        if (d == 0xA8) { /* line separator */
            (*breaks)++;
            return 3;
        }
        if (d == 0xA9) { /* paragraph separator */
            *breaks += 2;
            return 3;
        }
        return d == 0xAF ? 3 : 0; /* U+202F */
    }
    if (c == 0xE2 && s[1] == 0x81)
        return s[2] == 0x9F ? 3 : 0; /* U+205F */
    if (c == 0xE3)
        return (s[1] == 0x80 && s[2] == 0x80) ? 3 : 0; /* U+3000 */
    return 0;
}

/* Terminator kinds inside a cluster. */
enum { T_NONE = 0, T_DOT, T_QE, T_ELLIPSIS };

/* Length and kind of a terminator at s[0..n), or 0. */
static size_t ng_term_at(const unsigned char *s, size_t n, int *kind)
{
    unsigned char c = s[0];
    if (c == '.') {
        *kind = T_DOT;
        return 1;
    }
    if (c == '!' || c == '?') {
        *kind = T_QE;
        return 1;
    }
    if (c < 0xE2 || n < 3)
        return 0;
    if (c == 0xE2 && s[1] == 0x80) {
        if (s[2] == 0xA6) { /* … */
            *kind = T_ELLIPSIS;
            return 3;
        }
        if (s[2] == 0xBC) { /* ‼ */
            *kind = T_QE;
            return 3;
        }
        return 0;
    }
    if (c == 0xE2 && s[1] == 0x81 && s[2] >= 0x87 && s[2] <= 0x89) { /* ⁇⁈⁉ */
        *kind = T_QE;
        return 3;
    }
    if (c == 0xE3 && s[1] == 0x80 && s[2] == 0x82) { /* 。 */
        *kind = T_DOT;
        return 3;
    }
    if (c == 0xEF && s[1] == 0xBC && (s[2] == 0x81 || s[2] == 0x9F)) { /* ！？ */
        *kind = T_QE;
        return 3;
    }
    return 0;
}

/* Length of a closing quote or bracket at s[0..n), or 0. */
static size_t ng_closer_at(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
        return 1;
    if (c == 0xC2 && n >= 2 && s[1] == 0xBB) /* » */
        return 2;
    if (c == 0xE2 && n >= 3 && s[1] == 0x80 &&
        (s[2] == 0x99 || s[2] == 0x9D || s[2] == 0xBA)) /* ’ ” › */
        return 3;
    return 0;
}

/* Length of an invisible character at s[0..n) that may trail a terminator
 * without hiding the break after it, or 0: C0 controls that are not
 * whitespace (NUL), DEL, zero-width space/joiners, word joiner, BOM. */
static size_t ng_invisible_at(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c == 0x7F || (c < 0x20 && ng_byte_class[c] != C_SPACE))
        return 1;
    if (c == 0xE2 && n >= 3 && ((s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D) ||
                                (s[1] == 0x81 && s[2] == 0xA0))) /* U+200B..D, U+2060 */
        return 3;
    if (c == 0xEF && n >= 3 && s[1] == 0xBB && s[2] == 0xBF) /* U+FEFF */
        return 3;
    return 0;
}

/* Length of an opening quote or bracket at s[0..n), or 0. */
static size_t ng_opener_at(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{')
        return 1;
    if (c == 0xC2 && n >= 2 && (s[1] == 0xAB || s[1] == 0xBF || s[1] == 0xA1))
        return 2; /* « ¿ ¡ */
    if (c == 0xE2 && n >= 3 && s[1] == 0x80 &&
        (s[2] == 0x98 || s[2] == 0x9C || s[2] == 0x9E || s[2] == 0xB9))
        return 3; /* ‘ “ „ ‹ */
    return 0;
}

/* A bullet character at s[0..n): its length, code point in *cp; or 0. */
static size_t ng_bullet_at(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] == '-' || s[0] == '*') {
        *cp = s[0];
        return 1;
    }
    if (s[0] < 0xC2)
        return 0;
    int32_t c;
    size_t k = ng_utf8_decode(s, n, &c);
    switch (c) {
    case 0x2022: case 0x2023: case 0x2043: case 0x25E6: case 0x25AA:
    case 0x25AB: case 0x25CF: case 0x25CB: case 0x25A0: case 0x25A1:
    case 0x25BA: case 0x25B6: case 0x2713: case 0x2714: case 0x00B7:
    case 0x27A2: case 0x2219:
        *cp = (uint32_t)c;
        return k;
    default:
        return 0;
    }
}

static int ng_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int ng_is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int ng_is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int ng_is_alpha(unsigned char c)
{
    return ng_is_lower(c) || ng_is_upper(c);
}

/* Whether s[i] starts whitespace or the text ends there. */
static int ng_space_or_end(const ng_seg *g, size_t i)
{
    unsigned br = 0;
    return i >= g->n || ng_space_at(g->s + i, g->n - i, &br) != 0;
}

/*
 * A numbered or lettered marker at s[i]: "12." "3)" "4.)" "b." "c)" "(5)"
 * followed by whitespace. Stores its kind and value and returns the byte
 * after it, or returns 0.
 */
static size_t ng_enum_marker(const ng_seg *g, size_t i, int *kind, uint32_t *value)
{
    const unsigned char *s = g->s;
    size_t n = g->n, k = i;
    int paren = 0;
    if (k < n && s[k] == '(') {
        paren = 1;
        k++;
    }
    uint32_t v = 0;
    size_t digits = 0;
    while (k < n && ng_is_digit(s[k]) && digits < 4) {
        v = v * 10 + (uint32_t)(s[k] - '0');
        k++;
        digits++;
    }
    if (digits == 0 && k < n && ng_is_lower(s[k]) && k + 1 < n &&
        !ng_is_alpha(s[k + 1])) {
        *kind = MK_LETTER;
        v = s[k];
        k++;
    } else if (digits >= 1 && digits <= 3) {
        *kind = MK_NUM;
        /* Section numbers "2.1." "4.1.3." head a line but do not count on. */
        size_t levels = 0;
        while (!paren && levels < 4 && k + 1 < n && s[k] == '.' && ng_is_digit(s[k + 1])) {
            k++;
            for (size_t d = 0; d < 3 && k < n && ng_is_digit(s[k]); d++)
                k++;
            levels++;
            *kind = MK_LAYOUT;
        }
    } else {
        return 0;
    }
    if (paren) {
        if (k >= n || s[k] != ')')
            return 0;
        k++;
    } else if (k < n && s[k] == '.') {
        k++;
        if (k < n && s[k] == ')')
            k++;
    } else if (k < n && s[k] == ')') {
        k++;
    } else {
        return 0;
    }
    if (!ng_space_or_end(g, k))
        return 0;
    *value = v;
    return k;
}

/*
 * A list marker at s[i]: a bullet, optionally followed by a numbered marker,
 * or a numbered marker alone. Returns the byte after it (0 if none) and
 * stores its kind (MK_BULLET for any bulleted one) and value.
 */
static size_t ng_marker_at(const ng_seg *g, size_t i, int *kind, uint32_t *value)
{
    uint32_t bullet = 0;
    size_t b = ng_bullet_at(g->s + i, g->n - i, &bullet);
    if (b) {
        size_t k = i + b;
        /* ASCII bullets need a space after them: "-5" is a number. */
        if ((bullet == '-' || bullet == '*') && !ng_space_or_end(g, k))
            return 0;
        while (k < g->n && (g->s[k] == ' ' || g->s[k] == '\t') && k - (i + b) < 4)
            k++;
        int ek;
        uint32_t ev;
        size_t e = k < g->n ? ng_enum_marker(g, k, &ek, &ev) : 0;
        /* ASCII bullets repeat too often inside prose ("a - b - c") to
         * split there; they only matter at line starts (MK_LAYOUT). */
        *kind = (bullet == '-' || bullet == '*') ? MK_LAYOUT : MK_BULLET;
        *value = bullet;
        return e ? e : i + b;
    }
    return ng_enum_marker(g, i, kind, value);
}

/* Appends a span [sent_start, end) and closes the sentence. */
static void ng_emit(ng_seg *g, size_t end)
{
    if (!g->in_sent)
        return;
    g->in_sent = 0;
    g->mk_kind = MK_NONE;
    if (end <= g->sent_start || g->status != NG_OK)
        return;
    if (g->n_spans == g->cap_spans) {
        size_t cap = g->cap_spans ? g->cap_spans : 16;
        if (cap > SIZE_MAX / 2 / sizeof(ng_span)) {
            g->status = NG_EOVERFLOW;
            return;
        }
        cap *= 2;
        ng_span *p = realloc(g->spans, cap * sizeof(ng_span));
        if (!p) {
            g->status = NG_ENOMEM;
            return;
        }
        g->spans = p;
        g->cap_spans = cap;
    }
    g->spans[g->n_spans].start = g->sent_start;
    g->spans[g->n_spans].end = end;
    g->n_spans++;
}

static void ng_open_sentence(ng_seg *g, size_t i)
{
    g->in_sent = 1;
    g->sent_start = i;
    g->words = 1;
    g->mk_kind = MK_NONE;
    g->mk_end = 0;
    int kind = MK_NONE;
    uint32_t value = 0;
    size_t end = ng_marker_at(g, i, &kind, &value);
    if (end) {
        g->mk_kind = kind;
        g->mk_value = value;
        g->mk_end = end;
    }
}

/* Whether the token at s[i] is the next marker of the open sentence's list. */
static int ng_is_successor(const ng_seg *g, size_t i)
{
    if (g->mk_kind == MK_BULLET) {
        uint32_t cp = 0;
        return ng_bullet_at(g->s + i, g->n - i, &cp) && cp == g->mk_value;
    }
    if (g->mk_kind != MK_NUM && g->mk_kind != MK_LETTER)
        return 0;
    unsigned char c = g->s[i];
    if (!ng_is_digit(c) && !ng_is_lower(c) && c != '(')
        return 0;
    int kind = MK_NONE;
    uint32_t value = 0;
    return ng_enum_marker(g, i, &kind, &value) && kind == g->mk_kind &&
           value == g->mk_value + 1;
}

static void ng_start_token(ng_seg *g, size_t i)
{
    g->in_tok = 1;
    g->tok_start = i;
    if (!g->in_sent) {
        ng_open_sentence(g, i);
        return;
    }
    g->words++;
    if (g->mk_kind >= MK_NUM && ng_is_successor(g, i)) {
        ng_emit(g, g->last_ns_end);
        ng_open_sentence(g, i);
    }
}

/*
 * Reads the word at s[i] (ASCII letters and apostrophes, ’ read as ') into
 * key; returns its length, or 0 when it is longer than the table's keys.
 * *after is the byte after the word.
 */
static size_t ng_read_word(const ng_seg *g, size_t i, char *key, size_t *after)
{
    const unsigned char *s = g->s;
    size_t n = g->n, k = i, len = 0;
    while (k < n) {
        if (ng_is_alpha(s[k]) || s[k] == '\'') {
            if (len == NG_LANG_MAX_KEY)
                return 0;
            key[len++] = (char)s[k];
            k++;
        } else if (s[k] == 0xE2 && k + 2 < n && s[k + 1] == 0x80 && s[k + 2] == 0x99) {
            if (len == NG_LANG_MAX_KEY)
                return 0;
            key[len++] = '\'';
            k += 3;
        } else {
            break;
        }
    }
    *after = k;
    return len;
}

/* Classifies the token that starts at s[i] (after any whitespace). */
static void ng_look_ahead(const ng_seg *g, size_t i, int want2, ng_next *nx)
{
    const unsigned char *s = g->s;
    size_t n = g->n;
    memset(nx, 0, sizeof *nx);
    for (;;) {
        if (i >= n) {
            nx->pos = n;
            nx->kind = NX_END;
            return;
        }
        size_t w = ng_space_at(s + i, n - i, &nx->breaks);
        if (!w)
            break;
        i += w;
    }
    nx->pos = i;
    /* A dash between spaces is punctuation of the sentence either way
     * ("-- voila! -- you have", "see? - Posted"): the word after it counts. */
    size_t d = i;
    while (d < n && d - i < 3 && s[d] == '-')
        d++;
    if (d == i && n - i >= 3 && s[i] == 0xE2 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x93 || s[i + 2] == 0x94))
        d = i + 3;
    if (d > i && d + 1 < n && s[d] == ' ') {
        d++;
        while (d < n && s[d] == ' ' && d - i < 8)
            d++;
        if (d < n && s[d] != ' ')
            i = d;
    }
    for (;;) {
        size_t w = ng_opener_at(s + i, n - i);
        if (!w || i + w >= n)
            break;
        i += w;
    }
    unsigned char c = s[i];
    int32_t cp = c;
    if (c >= 0x80)
        ng_utf8_decode(s + i, n - i, &cp);
    if (i > nx->pos && s[i - 1] == '(' && ng_is_lower(c)) {
        nx->kind = NX_OTHER; /* see ng_absorb_notes */
        return;
    }
    if (ng_is_lower(c)) {
        /* iPhone, eBay, wikiHow: brand names that open sentences. */
        nx->kind = NX_LOWER;
        for (size_t k = i + 1; k < n && k - i <= NG_LANG_MAX_KEY && ng_is_alpha(s[k]); k++) {
            if (ng_is_upper(s[k])) {
                nx->kind = NX_UPPER;
                break;
            }
        }
        return;
    }
    if (ng_is_digit(c)) {
        nx->kind = NX_DIGIT;
        return;
    }
    if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '}' ||
        c == '%' || c == '.' || c == '!' || c == '?') {
        nx->kind = NX_CONT;
        return;
    }
    if (c >= 0x80) {
        int kind = T_NONE;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            nx->kind = NX_LOWER;
        else if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            nx->kind = NX_UPPER;
        else if (cat == UTF8PROC_CATEGORY_ND)
            nx->kind = NX_DIGIT;
        else if (ng_term_at(s + i, n - i, &kind))
            nx->kind = NX_CONT;
        else
            nx->kind = NX_OTHER;
        return;
    }
    if (!ng_is_upper(c)) {
        nx->kind = NX_OTHER;
        return;
    }
    nx->kind = NX_UPPER;
    char key[NG_LANG_MAX_KEY];
    size_t after = i;
    size_t len = ng_read_word(g, i, key, &after);
    if (len == 0)
        return;
    nx->classes = ng_lang_classes(g->lang, key, len);
    nx->initial = len == 1 && after < n && s[after] == '.';
    nx->is_i = key[0] == 'I' && (len == 1 || key[1] == '\'');
    size_t k = after;
    while (want2 && k < n && s[k] == ' ' && k - after < 4)
        k++;
    if (k > after && k < n) {
        size_t after2 = k;
        size_t len2 = ng_read_word(g, k, key, &after2);
        if (len2)
            nx->classes2 = ng_lang_classes(g->lang, key, len2);
    }
}

/* Classifies the token s[a..p) before a period; *classes gets table classes. */
static int ng_prev_kind(const ng_seg *g, size_t a, size_t p, unsigned *classes)
{
    const unsigned char *s = g->s;
    *classes = 0;
    if (p - a > NG_PREV_WINDOW)
        a = p - NG_PREV_WINDOW;
    while (a < p) {
        size_t w = ng_opener_at(s + a, p - a);
        if (!w)
            break;
        a += w;
    }
    /* A scraped dateline runs into the first word, "(CNN)Sen." or
     * "(AP)U.S.": the word starts after the closing bracket. */
    for (size_t k = a; k < p; k++)
        if (s[k] == ')' || s[k] == ']')
            a = k + 1;
    if (a >= p)
        return PV_REGULAR;
    unsigned char last = s[p - 1];
    if (ng_is_digit(last))
        return PV_NUMBER;
    size_t len = p - a;
    if (len == 1 && ng_is_upper(last))
        return PV_INITIAL;
    /* A single lower-case letter is looked up case-sensitively ("p." is a
     * page, "P." an initial); longer tokens ignore ASCII case. */
    unsigned cl = ng_lang_classes(g->lang, (const char *)s + a, len);
    cl &= (unsigned)(NG_W_TITLE | NG_W_PRENUM | NG_W_MONTH | NG_W_INNER |
                     NG_W_AMBIGUOUS | NG_W_TIME);
    if (cl) {
        *classes = cl;
        return PV_TABLE;
    }
    if (len == 1 && ng_is_lower(last))
        return PV_ACRONYM;
    /* Dotted letters, each run at most three letters: U.S, N.Y.C, e.g */
    int dots = 0, run = 0, ok = 1;
    for (size_t k = a; k < p && ok; k++) {
        if (ng_is_alpha(s[k])) {
            ok = ++run <= 3;
        } else if (s[k] == '.' && run > 0) {
            dots++;
            run = 0;
        } else {
            ok = 0;
        }
    }
    if (ok && dots > 0 && run > 0)
        return PV_ACRONYM;
    return PV_REGULAR;
}

/*
 * Whether the open sentence is so far only a short phrase led by a
 * preposition ("At 5 a.m."), which an ambiguous abbreviation does not end.
 */
static int ng_leading_phrase(const ng_seg *g)
{
    if (g->words > 4)
        return 0;
    char key[NG_LANG_MAX_KEY];
    size_t after = g->sent_start;
    size_t len = ng_read_word(g, g->sent_start, key, &after);
    if (len == 0 || !ng_is_upper((unsigned char)key[0]))
        return 0;
    return (ng_lang_classes(g->lang, key, len) & NG_W_PREPOSITION) != 0;
}

/* Whether a period after a token of kind pv (classes cl) ends the sentence
 * before the token nx. */
static int ng_period_splits(const ng_seg *g, int pv, unsigned cl, const ng_next *nx)
{
    if (nx->kind == NX_LOWER || nx->kind == NX_CONT || nx->kind == NX_END)
        return 0;
    if (pv == PV_REGULAR || pv == PV_NUMBER)
        return 1;
    if (pv == PV_TABLE) {
        if (cl & (NG_W_TITLE | NG_W_INNER))
            return 0;
        if ((cl & (NG_W_PRENUM | NG_W_MONTH)) && nx->kind == NX_DIGIT)
            return 0;
        if (cl & NG_W_TIME) {
            if (nx->kind != NX_UPPER || (nx->classes & NG_W_CALENDAR))
                return 0;
            return !ng_leading_phrase(g);
        }
        if (!(cl & NG_W_AMBIGUOUS))
            return 1; /* prenum or month before a word: "said no. The" */
    }
    /* Ambiguous: initials, acronyms, Inc., Jr., etc. */
    if (nx->kind != NX_UPPER || !(nx->classes & NG_W_STARTER) || nx->initial)
        return 0;
    return !ng_leading_phrase(g);
}

/*
 * After a terminator, citations and notes belong to the sentence they follow:
 * "[12]", "[citation needed]", "(credit: NASA)", a footnote number before a
 * capitalised word ("fee. 8 Yet"), a year "(2012)". Given the byte q after
 * a cluster, returns the byte after any such notes (and terminators after
 * them), or q.
 */
static size_t ng_absorb_notes(const ng_seg *g, size_t q)
{
    const unsigned char *s = g->s;
    size_t n = g->n;
    for (;;) {
        size_t r = q;
        while (r < n && (s[r] == ' ' || s[r] == '\t'))
            r++;
        if (r >= n || r == q)
            return q;
        unsigned char open = s[r];
        if (open == '[' || open == '(') {
            unsigned char close = open == '[' ? ']' : ')';
            size_t k = r + 1;
            /* A parenthesis after the period is a remark of its own
             * ("(credit: NASA)"), unless it is a year or number. */
            if (k >= n || !(ng_is_digit(s[k]) || (open == '[' && ng_is_lower(s[k]))))
                return q;
            while (k < n && k - r <= 200 && s[k] != close && s[k] != open &&
                   s[k] != '\n' && s[k] != '\r')
                k++;
            if (k >= n || s[k] != close)
                return q;
            /* "(a)" "(iv)" "(2)" are list markers, not notes. */
            if (open == '(' && k - r < 5)
                return q;
            k++;
            int kind;
            for (;;) {
                size_t w = k < n ? ng_term_at(s + k, n - k, &kind) : 0;
                if (!w)
                    w = k < n ? ng_closer_at(s + k, n - k) : 0;
                if (!w)
                    break;
                k += w;
            }
            if (!ng_space_or_end(g, k))
                return q;
            q = k;
        } else if (ng_is_digit(open)) {
            size_t k = r;
            while (k < n && ng_is_digit(s[k]) && k - r < 3)
                k++;
            if (k - r > 2 || k + 1 >= n || s[k] != ' ' || !ng_is_upper(s[k + 1]))
                return q;
            q = k;
        } else {
            return q;
        }
    }
}

/*
 * Reads the cluster of terminators at s[p] and decides it. Returns the byte
 * to continue from.
 */
static size_t ng_cluster(ng_seg *g, size_t p)
{
    const unsigned char *s = g->s;
    size_t n = g->n, q = p, first_end = 0;
    size_t ndots = 0, nell = 0;
    int qe = 0, spaced = 0;
    while (q < n) {
        int kind = T_NONE;
        size_t t = ng_term_at(s + q, n - q, &kind);
        if (t) {
            if (kind == T_DOT) {
                ndots++;
                if (q == p)
                    first_end = p + t;
            } else if (kind == T_ELLIPSIS) {
                nell++;
            } else {
                qe = 1;
            }
            q += t;
            continue;
        }
        /* ". . ." is one cluster: a space joins dots, nothing else. */
        if (s[q] == ' ' && q > p && s[q - 1] == '.' && q + 1 < n && s[q + 1] == '.') {
            spaced = 1;
            q++;
            continue;
        }
        break;
    }
    size_t terms_end = q;
    int quoted = 0;
    for (;;) {
        size_t w = q < n ? ng_closer_at(s + q, n - q) : 0;
        if (w) {
            quoted |= s[q] != ')' && s[q] != ']' && s[q] != '}';
        } else {
            w = q < n ? ng_invisible_at(s + q, n - q) : 0;
            if (!w)
                break;
        }
        q += w;
    }
    /* A footnote number glued to a word's period: "innovation.23 Open". */
    if (q < n && ng_is_digit(s[q]) && q == p + 1 && p > 0 && ng_is_lower(s[p - 1])) {
        size_t k = q;
        while (k < n && ng_is_digit(s[k]) && k - q < 3)
            k++;
        if (k - q <= 2 && k + 1 < n && s[k] == ' ' && ng_is_upper(s[k + 1]))
            q = k;
    }
    /* Inside a token (3.14, U.S.A, example.com, Jr.'s) or at the end. */
    if (q >= n || !ng_space_or_end(g, q))
        return q;
    if (p < g->mk_end) { /* the list marker's own period */
        g->kept_cluster = q;
        return q;
    }
    q = ng_absorb_notes(g, q);
    ng_next nx;
    ng_look_ahead(g, q, quoted && (qe || nell > 0 || ndots == 3), &nx);
    int attached = p > g->tok_start;
    int split = 0;
    size_t end = q;
    if (p > 0 && (s[p - 1] == '[' || s[p - 1] == '(')) {
        /* "[...]" marks an omission; it ends a sentence only as weakly as an
         * abbreviation does. */
        split = ng_period_splits(g, PV_ACRONYM, 0, &nx);
    } else if ((qe || nell > 0 || ndots == 3) && quoted && nx.kind == NX_UPPER &&
               (nx.classes2 & NG_W_SPEECH)) {
        split = 0; /* "Why?" Pete asked. */
    } else if (qe) {
        split = nx.kind != NX_LOWER && nx.kind != NX_CONT && nx.kind != NX_END;
    } else if (nell > 0 || ndots >= 3) {
        size_t dots = ndots + 3 * nell;
        if (attached && spaced && ndots == 4 && nell == 0 && s[p] == '.' &&
            terms_end == p + 7 && q == terms_end && nx.kind == NX_UPPER) {
            /* "word. . . . Next": a period, then an ellipsis that opens the
             * next sentence. */
            unsigned cl;
            int pv = ng_prev_kind(g, g->tok_start, p, &cl);
            if (ng_period_splits(g, pv, cl, &nx)) {
                ng_emit(g, first_end);
                ng_open_sentence(g, first_end + 1);
                g->in_tok = 1;
                g->tok_start = first_end + 1;
                g->kept_cluster = q;
                return q;
            }
        } else if (dots >= 4) {
            split = nx.kind == NX_UPPER || nx.kind == NX_DIGIT;
        } else {
            /* An ellipsis alone is weak evidence; "I" after it is no
             * evidence at all, being capitalised everywhere. */
            split = nx.kind == NX_UPPER && !nx.is_i;
        }
    } else {
        unsigned cl;
        int pv = attached ? ng_prev_kind(g, g->tok_start, p, &cl) : PV_REGULAR;
        if (!attached)
            cl = 0;
        split = ng_period_splits(g, pv, cl, &nx);
    }
    if (split)
        ng_emit(g, end);
    else
        g->kept_cluster = q;
    return q;
}

/*
 * A single line break after a line without a final terminator ends the
 * sentence when the line looks like a unit of layout: a heading, byline,
 * dateline or list item (short, or the whole sentence so far, or a marker
 * follows), rather than hard-wrapped prose.
 */
static int ng_line_splits(ng_seg *g, size_t line_start, size_t next)
{
    if (g->kept_cluster == g->last_ns_end)
        return 0;
    int kind = MK_NONE;
    uint32_t value = 0;
    if (ng_marker_at(g, next, &kind, &value))
        return 1;
    ng_next nx;
    ng_look_ahead(g, next, 0, &nx);
    if (nx.kind != NX_UPPER && nx.kind != NX_DIGIT)
        return 0;
    if (g->sent_start < line_start)
        return 0;
    size_t line_len = g->last_ns_end - line_start;
    return g->mk_kind != MK_NONE || line_len < NG_SHORT_LINE || line_len > NG_LONG_LINE;
}

/* Consumes the whitespace run at s[i]; returns the byte after it. */
static size_t ng_whitespace(ng_seg *g, size_t i)
{
    if (g->in_tok) {
        g->last_ns_end = i;
        g->in_tok = 0;
    }
    size_t old_line = g->line_start;
    unsigned breaks = 0;
    while (i < g->n) {
        unsigned before = breaks;
        size_t w = ng_space_at(g->s + i, g->n - i, &breaks);
        if (!w)
            break;
        i += w;
        if (breaks != before)
            g->line_start = i;
    }
    if (!g->in_sent || breaks == 0)
        return i;
    if (breaks >= 2 || i >= g->n || ng_line_splits(g, old_line, i))
        ng_emit(g, g->last_ns_end);
    return i;
}

ng_status ng_segment(const char *text, size_t len, const ng_lang *lang,
                     unsigned flags, ng_span **spans, size_t *n_spans)
{
    if (spans)
        *spans = NULL;
    if (n_spans)
        *n_spans = 0;
    if (!lang || flags != 0 || !spans || !n_spans || (!text && len))
        return NG_EINVAL;
    ng_seg g;
    memset(&g, 0, sizeof g);
    g.s = (const unsigned char *)text;
    g.n = len;
    g.lang = lang;
    g.status = NG_OK;
    g.kept_cluster = SIZE_MAX;

    size_t i = 0;
    while (i < len && g.status == NG_OK) {
        unsigned char c = g.s[i];
        unsigned char k = ng_byte_class[c];
        if (k == C_OTHER) {
            if (!g.in_tok)
                ng_start_token(&g, i);
            i++;
            /* Words separated by single spaces, the bulk of prose, stay in
             * this loop; each new word does what ng_start_token does. */
            for (;;) {
                i = ng_skip_other(g.s, i, len);
                if (i + 1 >= len || g.s[i] != ' ' || ng_byte_class[g.s[i + 1]] != C_OTHER)
                    break;
                g.last_ns_end = i;
                i++;
                g.tok_start = i;
                g.words++;
                if (g.mk_kind >= MK_NUM && ng_is_successor(&g, i)) {
                    ng_emit(&g, g.last_ns_end);
                    ng_open_sentence(&g, i);
                }
            }
            continue;
        }
        if (k == C_TERM) {
            if (!g.in_tok)
                ng_start_token(&g, i);
            i = ng_cluster(&g, i);
            continue;
        }
        if (c == ' ' && i + 1 < len && ng_byte_class[g.s[i + 1]] == C_OTHER) {
            /* The common case, one space between words, needs no run. */
            if (g.in_tok) {
                g.last_ns_end = i;
                g.in_tok = 0;
            }
            i++;
            continue;
        }
        if (k == C_SPACE) {
            i = ng_whitespace(&g, i);
            continue;
        }
        unsigned br = 0;
        if (ng_space_at(g.s + i, len - i, &br)) {
            i = ng_whitespace(&g, i);
            continue;
        }
        if (!g.in_tok)
            ng_start_token(&g, i);
        int kind = T_NONE;
        if (ng_term_at(g.s + i, len - i, &kind)) {
            i = ng_cluster(&g, i);
        } else {
            int32_t cp;
            i += ng_utf8_decode(g.s + i, len - i, &cp);
        }
    }
    if (g.in_tok)
        g.last_ns_end = len;
    ng_emit(&g, g.last_ns_end);

    if (g.status != NG_OK) {
        free(g.spans);
        return g.status;
    }
    *spans = g.spans;
    *n_spans = g.n_spans;
    return NG_OK;
}

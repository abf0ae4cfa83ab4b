/* lossy_punct.c: '?' and U+FFFD standing for lost punctuation, restored (see lossy_punct.h). */
#include <stdlib.h>
#include <utf8proc.h>

#include "lossy_lexicon.h"
#include "lossy_punct.h"

static const char PERIOD[] = ".";
static const char RSQUO[] = "\xE2\x80\x99"; /* ’ */
static const char LDQUO[] = "\xE2\x80\x9C"; /* “ */
static const char RDQUO[] = "\xE2\x80\x9D"; /* ” */
static const char MDASH[] = "\xE2\x80\x94"; /* — */

#define NONE (-1) /* no character: the edge of the line */

/* The code point that ends at s[pos] (exclusive), within [lo, pos). */
static int32_t prev_cp(const unsigned char *s, size_t lo, size_t pos)
{
    if (pos <= lo)
        return NONE;
    size_t i = pos - 1;
    while (i > lo && pos - i < 4 && (s[i] & 0xC0) == 0x80)
        i--;
    int32_t cp;
    size_t n = ng_utf8_decode(s + i, pos - i, &cp);
    return i + n == pos ? cp : 0xFFFD;
}

static int32_t next_cp(const unsigned char *s, size_t pos, size_t hi)
{
    if (pos >= hi)
        return NONE;
    int32_t cp;
    ng_utf8_decode(s + pos, hi - pos, &cp);
    return cp;
}

static int is_letter(int32_t c)
{
    if (c < 0)
        return 0;
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* The UTF-8 length of the code point c (NONE: 0). */
static size_t cp_len(int32_t c) { return c < 0 ? 0 : c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

static int is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static int is_alnum(int32_t c) { return is_letter(c) || is_digit(c); }
static int is_lower(int32_t c) { return c >= 0 && (c < 0x80 ? (c >= 'a' && c <= 'z') : utf8proc_category(c) == UTF8PROC_CATEGORY_LL); }
static int is_space(int32_t c)
{
    return c == NONE || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000;
}
static int is_opener(int32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == '/' || c == '-' || c == 0x2014 || c == 0x2013 ||
           c == 0x2018 || c == 0x201C || c == '"' || c == '\'';
}
static int is_end_punct(int32_t c)
{
    return c == '.' || c == ',' || c == '!' || c == ';' || c == ':' || c == 0x2026;
}
static int is_closer(int32_t c)
{
    return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == 0x2019 || c == 0x201D;
}

static int ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

/* ---- the words of a sentence ---------------------------------------------- */

/* A sentence is read once into its words (runs of ASCII letters and
 * apostrophes), each with its classes from the lexicon and what stands
 * between it and the word before, so that every rule below is a few tests
 * of bits. A sentence of more than TOK_MAX words keeps its first TOK_HEAD
 * and its last TOK_MAX - TOK_HEAD: the rules read a clause's first words
 * and the sentence's last ones, and a question is never that long, while
 * the bound keeps the memory fixed and the time linear on any input. */
#define TOK_MAX 256
#define TOK_HEAD 224

/* What stands between a word and the one before it (or the sentence's start). */
enum {
    GAP_COMMA = 1u << 0,  /* a comma */
    GAP_CLAUSE = 1u << 1, /* where a clause may open: , ; ( — – … -- " - "
                             and a quotation that opens in lower case */
    GAP_QUOTE = 1u << 2   /* where a quotation opens: : “ ‘ and a " or '
                             that follows a space and precedes a capital */
};

typedef struct lp_tok {
    size_t start, end; /* the word's bytes */
    uint64_t cls;      /* its classes (LX_*), 0 when in no list */
    uint64_t stem;     /* the classes of its letters before an apostrophe
                          ("what" of "what's"); cls when it has none */
    unsigned gap;      /* GAP_* before it */
    unsigned char cap; /* it opens with a capital */
    unsigned char apos; /* it holds an apostrophe */
} lp_tok;

typedef struct lp_sent {
    const unsigned char *s;
    size_t len;       /* of the whole text s: bytes up to it may be read */
    size_t from, to;  /* the sentence s[from..to); to: its '?' */
    size_t n;         /* words in tok */
    size_t total;     /* words in the sentence (n unless some were cut) */
    unsigned end_gap; /* GAP_* after the last word */
    size_t first_after_quote; /* the first word after the last quotation
                                 that closes on a comma (",\" he said"),
                                 0 when none closes so */
    lp_tok tok[TOK_MAX];
} lp_sent;

static uint64_t lx_classes(uint64_t key) { return key ? ng_lx_lookup(key) : 0; }

/* The key of the lexicon (lossy_lexicon.h) of the word s[i..e) of ASCII
 * letters and apostrophes (' or ’, `apos` says whether it has one): its
 * letters in lower case as the bytes of a number, the first lowest, for a
 * word of eight letters or fewer; else the word packed 5 bits a character
 * (a..z: 1..26, the apostrophe: 27), the first highest, with the top bit
 * set; 0 for a word longer than any in the lexicon. */
static uint64_t lx_key(const unsigned char *s, size_t i, size_t e, int apos)
{
    uint64_t key = 0;
    if (!apos && e - i <= 8) {
        for (size_t j = e; j-- > i;)
            key = key << 8 | (uint64_t)(s[j] | 0x20);
        return key;
    }
    for (unsigned n = 0; i < e; n++) {
        if (n == NG_LX_MAX_LEN)
            return 0;
        if (ascii_alpha(s[i])) {
            key = key << 5 | (uint64_t)((s[i] | 0x20) - 'a' + 1);
            i++;
        } else {
            key = key << 5 | 27;
            i += s[i] == '\'' ? 1 : 3;
        }
    }
    return key | UINT64_C(1) << 63;
}

/* The number of ASCII letters at the start of the 8 bytes v (first byte
 * lowest): bytes whose lower-case form lies in a..z and that are not
 * above 0x7F. */
static unsigned letters_in(uint64_t v)
{
    const uint64_t highs = UINT64_C(0x8080808080808080);
    uint64_t x = (v | UINT64_C(0x2020202020202020)) & ~highs;
    uint64_t ge_a = (x + UINT64_C(0x1F1F1F1F1F1F1F1F)) & highs; /* >= 'a' (0x61) */
    uint64_t gt_z = (x + UINT64_C(0x0505050505050505)) & highs; /* >= '{' (0x7B) */
    uint64_t not_letter = ~(ge_a & ~gt_z & ~v) & highs;
    if (!not_letter)
        return 8;
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(not_letter) / 8;
#else
    unsigned n = 0;
    while (!(not_letter & (UINT64_C(0x80) << (8 * n))))
        n++;
    return n;
#endif
}

/* The low n bytes of a 64-bit word, for n = 0..8. */
static const uint64_t KEEP_BYTES[9] = {
    0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFFu, 0xFFFFFFFFFFFFu, 0xFFFFFFFFFFFFFFu, ~UINT64_C(0)};

/* How a sentence's bytes are read: a letter's code (a..z, either case:
 * 1..26), BC_GAP for a byte that may open a clause or a quotation
 * (gap_byte), 0 for anything else. */
#define BC_GAP 32
static const unsigned char BYTE_CODE[256] = {
    ['A'] = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    ['a'] = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    [','] = BC_GAP, [';'] = BC_GAP, ['('] = BC_GAP, [':'] = BC_GAP, ['"'] = BC_GAP, ['-'] = BC_GAP,
    ['\''] = BC_GAP,
    [0xE2] = BC_GAP,
};

/* The GAP_* bits that the byte s[i] (of kind BC_GAP) of a gap between two
 * words of q adds. */
static unsigned gap_byte(const lp_sent *q, size_t i)
{
    const unsigned char *s = q->s;
    switch (s[i]) {
    case ',':
        return GAP_COMMA | GAP_CLAUSE;
    case ';':
    case '(':
        return GAP_CLAUSE;
    case ':':
        return GAP_QUOTE;
    case '"': {
        /* An opening quote follows a space and precedes a word; the closing
         * one of a quoted phrase ("a "loner" is able") does not. One opening
         * in lower case is a fragment ("his side "are going ..."): only the
         * forms allowed inside a sentence count. */
        int32_t before = prev_cp(s, q->from, i);
        if ((is_space(before) || before == '(' || before == ':') && i + 1 < q->to && s[i + 1] != ' ')
            return s[i + 1] >= 'a' && s[i + 1] <= 'z' ? GAP_CLAUSE : GAP_QUOTE;
        return 0;
    }
    case '\'': {
        /* A single quote opens as a double one does ("he said 'How did
         * ..."), before a letter only: "'90s" and "rock 'n' roll" aside, a
         * word after it opens nothing the rules read. */
        int32_t before = prev_cp(s, q->from, i);
        if ((is_space(before) || before == '(' || before == ':' || before == 0x201C || before == '"') &&
            i + 1 < q->to && ascii_alpha(s[i + 1]))
            return s[i + 1] >= 'a' && s[i + 1] <= 'z' ? GAP_CLAUSE : GAP_QUOTE;
        return 0;
    }
    case '-':
        return i > q->from && (s[i - 1] == '-' || (s[i - 1] == ' ' && i + 1 < q->to && s[i + 1] == ' '))
                   ? GAP_CLAUSE
                   : 0;
    default: /* 0xE2 */
        if (i + 2 < q->to && s[i + 1] == 0x80) {
            if (s[i + 2] == 0x9C || s[i + 2] == 0x98)
                return GAP_QUOTE; /* “ ‘ */
            if (s[i + 2] == 0x94 || s[i + 2] == 0x93 || s[i + 2] == 0xA6)
                return GAP_CLAUSE; /* — – … */
        }
        return 0;
    }
}

/* Reads the sentence s[from..to) into q, in one pass over its bytes. s[to]
 * is the mark being judged ('?' or the lead byte of U+FFFD), no letter, so
 * a word's letters are scanned without a bound check. */
static void read_sentence(lp_sent *q, const unsigned char *s, size_t from, size_t to)
{
    q->s = s;
    q->from = from;
    q->to = to;
    q->first_after_quote = 0;
    /* Kept in locals while reading: stores through the words would make the
     * compiler read fields of q again (they may alias, as may the text). */
    size_t total = 0, quote_closed = 0;
    const size_t len = q->len;
    unsigned gap = 0;
    size_t i = from;
    /* Up to where eight bytes can be read at once. */
    const size_t wide_end = len >= 8 ? len - 8 : 0;
    while (i < to) {
        unsigned code = BYTE_CODE[s[i]];
        if (code - 1u >= 26u) {
            if (code == BC_GAP) {
                gap |= gap_byte(q, i);
                /* ',"' ',”' ",'": a quotation closes, the sentence goes on
                 * to say who said it */
                if (i > from && s[i - 1] == ',' &&
                    (s[i] == '"' || s[i] == '\'' || (i + 2 < to && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x9D)))
                    quote_closed = total + 1;
            }
            i++;
            continue;
        }
        /* A word: letters and apostrophes (' or ’) after its first letter.
         * Most are of letters only, seven or fewer: one read of eight bytes
         * finds its end and makes its key (its bytes in lower case; the
         * lexicon's words are ASCII, so | 0x20 is lower case). */
        size_t ws = i, stem_end = 0;
        uint64_t key = 0;
        int done = 0;
        if (i <= wide_end && len >= 8) {
            uint64_t v;
            memcpy(&v, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            v = __builtin_bswap64(v);
#endif
            unsigned k = letters_in(v);
            if (k < 8 && s[i + k] != '\'' && s[i + k] != 0xE2) {
                key = (v | UINT64_C(0x2020202020202020)) & KEEP_BYTES[k];
                i += k;
                done = 1;
            }
        }
        if (!done) {
            /* The long way: eight bytes at a time while they are letters,
             * apostrophes between. */
            for (;;) {
                for (;;) {
                    uint64_t v;
                    if (i > wide_end || len < 8) {
                        while (BYTE_CODE[s[i]] - 1u < 26u)
                            i++;
                        break;
                    }
                    memcpy(&v, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
                    v = __builtin_bswap64(v);
#endif
                    unsigned k = letters_in(v);
                    i += k;
                    if (k < 8)
                        break;
                }
                size_t a = i < to && s[i] == '\'' ? 1
                           : i + 2 < to && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99 ? 3
                                                                                              : 0;
                if (!a)
                    break;
                if (!stem_end)
                    stem_end = i;
                i += a;
            }
            key = lx_key(s, ws, i, stem_end != 0);
        }
        /* Past TOK_MAX words, the last TOK_MAX - TOK_HEAD are kept in a ring. */
        size_t slot = total;
        if (slot >= TOK_MAX)
            slot = TOK_HEAD + (total - TOK_HEAD) % (TOK_MAX - TOK_HEAD);
        lp_tok *t = &q->tok[slot];
        uint64_t cls = lx_classes(key);
        t->start = ws;
        t->end = i;
        t->cls = cls;
        t->stem = cls;
        if (stem_end)
            t->stem = lx_classes(lx_key(s, ws, stem_end, 0));
        t->gap = gap;
        t->cap = ascii_upper(s[ws]);
        t->apos = stem_end != 0;
        gap = 0;
        total++;
        /* ',"' then "he said", "said Smith", "Smith said": an attribution,
         * not a scare-quoted word going on ('the "fix," short of ...') */
        if (quote_closed && total - quote_closed < 5 && total <= TOK_MAX &&
            ((t->cls & LX_SAID) || (total == quote_closed && (t->cls & LX_PERSONAL)) ||
             (!t->cls && !t->cap && t->end - t->start > 3 &&
              ((s[i - 2] == 'e' && s[i - 1] == 'd') || (s[i - 1] == 's' && s[i - 2] != 's'))))) {
            q->first_after_quote = quote_closed - 1;
            quote_closed = 0;
        }
        /* One space, then the next word: the common gap, stepped over here */
        if (s[i] == ' ' && i + 1 < to && BYTE_CODE[s[i + 1]] - 1u < 26u)
            i++;
    }
    q->end_gap = gap;
    q->total = total;
    q->n = total < TOK_MAX ? total : TOK_MAX;
    if (q->total > TOK_MAX) {
        /* Put the ring in order: its oldest word is at the next slot. */
        lp_tok ring[TOK_MAX - TOK_HEAD];
        size_t k = (q->total - TOK_HEAD) % (TOK_MAX - TOK_HEAD);
        for (size_t j = 0; j < TOK_MAX - TOK_HEAD; j++)
            ring[j] = q->tok[TOK_HEAD + (k + j) % (TOK_MAX - TOK_HEAD)];
        memcpy(q->tok + TOK_HEAD, ring, sizeof ring);
    }
}

/* The number of words from word i to the sentence's end. */
static size_t words_from(const lp_sent *q, size_t i)
{
    return q->total <= TOK_MAX || i < TOK_HEAD ? q->total - i : q->n - i;
}

static int has(const lp_sent *q, size_t i, uint64_t cls) { return i < q->n && (q->tok[i].cls & cls) != 0; }

/* ---- what reads as a question -------------------------------------------- */

/* Whether word j opens a subject after an auxiliary: a pronoun, "that" or
 * "this", a determiner, or a capitalized word (a name). */
static int subject_at(const lp_sent *q, size_t j)
{
    return j < q->n && ((q->tok[j].cls & (LX_PRON | LX_THIS_THAT | LX_DET)) || q->tok[j].cap);
}

/* The first word from j that is not one of those that may stand between a
 * wh-word and its verb: "exactly", "else", "on earth", "the hell". */
static size_t skip_wh_adv(const lp_sent *q, size_t j)
{
    for (;;) {
        if (has(q, j, LX_WH_ADV))
            j++;
        else if ((has(q, j, LX_ON) && has(q, j + 1, LX_EARTH)) || (has(q, j, LX_THE) && has(q, j + 1, LX_HELL)))
            j += 2;
        else
            return j;
    }
}

/* Whether word j reads as a finite verb of its own: a word in no list, in
 * lower case, in -ed or -s (not -ss, -us: "boss", "campus"), or an
 * irregular past ("made"). Plural nouns read as verbs too; the rules that
 * use this look where a verb, not a noun, is expected. */
static int verb_like(const lp_sent *q, size_t j)
{
    if (j >= q->n)
        return 0;
    const lp_tok *t = &q->tok[j];
    if (t->cls & LX_PAST)
        return 1;
    if (t->cls || t->cap || t->apos || t->end - t->start < 3)
        return 0;
    const unsigned char *e = q->s + t->end;
    return (e[-2] == 'e' && e[-1] == 'd') || (e[-1] == 's' && e[-2] != 's' && e[-2] != 'u');
}

/* Whether the words j..m-1 before the auxiliary m hold a verb, so that the
 * auxiliary is the main verb of a clause they open ("What matters is ...",
 * "What happened next was ...", "..., which officials said was ..."): a
 * verb in -ed or an irregular past, or one in -s before a singular
 * auxiliary (a plural noun comes before a plural one: "What methods were
 * used?"). */
static int verbs_between(const lp_sent *q, size_t j, size_t m)
{
    for (size_t k = j; k < m; k++) {
        if (!verb_like(q, k))
            continue;
        if ((q->tok[k].cls & LX_PAST) || q->s[q->tok[k].end - 1] == 'd' || (q->tok[m].cls & LX_SINGULAR))
            return 1;
    }
    return 0;
}

/* Whether an auxiliary after word j stands as the main verb of a clause
 * that word j's wh-phrase opens ("What has changed is the reality", "What
 * parents should know, Green said, is that ..."): one not right after a
 * subject of its own ("What makes them think I would ...") and before any
 * word that opens another clause ("What happens if it is ...", "What
 * caused the crash that was ..."). */
static int main_verb_after(const lp_sent *q, size_t j)
{
    for (size_t m = j + 1; m < q->n; m++) {
        const lp_tok *t = &q->tok[m];
        if (t->cls & LX_CLAUSE_WORD)
            return 0;
        if (m + 1 == q->n && (t->cls & LX_DO)) /* "What will the party do?": a main verb */
            return 0;
        if ((t->cls & LX_AUX) && !(q->tok[m - 1].stem & (LX_PRON | LX_THIS_THAT)))
            return 1;
        /* a verb in the past ("What started as a campaign turned into
         * ..."), not an adjective or participle ("the deleted page", "was
         * used") */
        if (verb_like(q, m) && ((t->cls & LX_PAST) || q->s[t->end - 1] == 'd') &&
            !(q->tok[m - 1].cls & (LX_DET | LX_PREP | LX_AUX | LX_PRON)) && !(t->gap & (GAP_CLAUSE | GAP_QUOTE)))
            return 1;
    }
    return 0;
}

/* Whether the clause that opens at the wh-word i (what, which, whose,
 * when, where, whom) in a sentence's first clause opens a question. A
 * wh-word opens a question or a statement ("What happened?", "What he said
 * was true."); the question puts an auxiliary before its subject ("What is
 * the point", "Which elements of it do they ...") or has the wh-phrase for
 * its subject with no other main verb after ("What inspired you ...",
 * "Which medicine is right for me?"). */
static int wh_opens(const lp_sent *q, size_t i, int strict)
{
    const lp_tok *w = &q->tok[i];
    if (!strict && (w->apos || (w->stem & LX_WHO))) /* what's, who'd, where're; who */
        return 1;
    int subject_wh = (w->cls & (LX_WHAT | LX_WHICH)) || (w->cls & LX_WH_INSIDE) == 0; /* + whose, whom */
    size_t j = skip_wh_adv(q, i + 1);
    /* "What about ...", "What if ...", "What now for ...?" */
    if ((w->cls & LX_WHAT) && has(q, j, LX_WHAT_NEXT))
        return 1;
    if (j >= q->n)
        return 1;
    const lp_tok *x = &q->tok[j];
    if (x->cls & LX_AUX) {
        /* "Which is why ...", "Which was the employer's part.": a relative
         * opening a sentence, unless do-support or a subject follows; after
         * a preposition ("In what was seen as ...") the same */
        if ((w->cls & LX_WHICH) || strict)
            return (x->cls & LX_DO) || has(q, j + 1, LX_PERSONAL);
        /* "What is the point", "When will they", "What does it say"; not
         * "What is certain is ...", "What has changed is ..." */
        return (x->cls & LX_DO) || subject_at(q, j + 1) || !main_verb_after(q, j);
    }
    /* "When you have ...", "What I'm saying is ...": statements */
    if (x->stem & LX_PRON)
        return 0;
    /* A wh-phrase before an auxiliary: "what form will any transition
     * take", "Which elements of the artworks do they focus on". */
    int det = 0;
    for (size_t m = j; m < q->n && m < j + 5; m++) {
        const lp_tok *y = &q->tok[m];
        if (m > j && (y->gap & (GAP_CLAUSE | GAP_QUOTE)))
            break;
        /* a verb: the wh-phrase is its subject ("What makes them think I
         * would ...") */
        if (verb_like(q, m) && ((y->cls & LX_PAST) || q->s[y->end - 1] == 'd' ||
                                has(q, m + 1, LX_DET | LX_OBJ | LX_PRON | LX_THIS_THAT)))
            break;
        if (y->cls & LX_AUX) {
            if ((y->cls & LX_DO) && subject_at(q, m + 1)) /* "What analysis did you ...?" */
                return 1;
            if (verbs_between(q, j, m)) /* "What really riles me is ..." */
                return 0;
            if (subject_at(q, m + 1))
                return 1;
            /* "Which medicine is right ...?", "What methods were used ...?";
             * not "What the report says is ..." (a subject of its own),
             * "What money is left will go ..." (another main verb). */
            return !strict && subject_wh && !det && m - j <= 3 && !main_verb_after(q, m);
        }
        if ((y->stem & LX_PRON) && !(m > j && (q->tok[m - 1].cls & LX_PREP))) /* "Which one of you ..." */
            return 0;
        det |= (y->cls & LX_DET) != 0;
    }
    if (strict)
        return 0;
    /* The wh-phrase for a subject: "What inspired you ...", "What happens
     * if ...", "Which team won ...", "What first attracted you ...", "What
     * U.S. city just logged ...": its words (none a subject's determiner or
     * pronoun), perhaps an adverb, then the verb, and no other main verb. */
    if (subject_wh && !det) {
        size_t v = j;
        while (v < q->n && v < j + 3 && !verb_like(q, v) && !(q->tok[v].cls & ~(LX_WH_ADV | LX_LEAD)) &&
               !(v > j && (q->tok[v].gap & (GAP_CLAUSE | GAP_QUOTE))))
            v++;
        /* "Which brings us back to ...": a relative */
        if (verb_like(q, v) && !main_verb_after(q, v) && !((w->cls & LX_WHICH) && v == j))
            return 1;
    }
    return words_from(q, i) <= 4;
}

/* Whether the wh-word i opens a question inside a sentence, after a comma,
 * a dash or a quotation in lower case. Only the forms relative clauses do
 * not take count: "..., what can Israel do", "- so where will the money",
 * "..., which candidate will voters", "..., what message does it send",
 * "..., what might happen" (not "..., which is the", "..., who is the",
 * "..., which she has", "..., when voters will"). */
static int wh_inside(const lp_sent *q, size_t i)
{
    const lp_tok *w = &q->tok[i];
    int relative = (w->cls & (LX_WHICH | LX_WHO)) != 0;
    size_t j = skip_wh_adv(q, i + 1);
    if (j >= i + 3 && (has(q, i + 2, LX_EARTH) || has(q, i + 2, LX_HELL))) /* "..., who the hell ..." */
        return 1;
    if ((w->cls & LX_WHAT) && has(q, j, LX_WHAT_NEXT)) /* "..., but what about ..." */
        return 1;
    if (j >= q->n)
        return 0;
    const lp_tok *x = &q->tok[j];
    if (x->cls & LX_AUX) {
        if (relative) /* "..., which do you prefer", "..., who do you think" */
            return ((x->cls & LX_DO) && subject_at(q, j + 1)) || has(q, j + 1, LX_PERSONAL);
        if (subject_at(q, j + 1))
            return 1;
        /* "..., what might happen?", "..., what is happening to ...?" */
        if ((w->cls & LX_WHAT) && (x->cls & LX_MODAL))
            return 1;
        if ((w->cls & LX_WHAT) && (x->cls & LX_BE) && j + 1 < q->n) {
            const lp_tok *v = &q->tok[j + 1];
            return v->end - v->start > 4 && memcmp(q->s + v->end - 3, "ing", 3) == 0;
        }
        return 0;
    }
    if ((w->cls & LX_WHO) || (x->cls & (LX_PRON | LX_DET | LX_THIS_THAT)) || x->cap)
        return 0;
    /* "..., what message does it send", "..., which candidate will voters" */
    for (size_t m = j + 1; m < q->n && m < j + 4; m++) {
        if (q->tok[m].gap & (GAP_CLAUSE | GAP_QUOTE))
            return 0;
        if (q->tok[m].cls & LX_AUX)
            return !verbs_between(q, j, m) && (subject_at(q, m + 1) || ((w->cls & LX_WHICH) && m == j + 1));
        if (q->tok[m].cls & (LX_PRON | LX_DET))
            return 0;
    }
    return 0;
}

/* Whether an auxiliary and then its subject follow the wh-word i, right
 * after it or after a word or two of its phrase ("what can I do", "how
 * long will it take", "what choice did we have"). */
static int inverted_after(const lp_sent *q, size_t i)
{
    /* "... so why would it ...?" */
    if ((q->tok[i].cls & LX_WHY) && has(q, i + 1, LX_AUX))
        return 1;
    for (size_t m = i + 1; m < q->n && m < i + 4; m++) {
        const lp_tok *t = &q->tok[m];
        if (t->gap & (GAP_CLAUSE | GAP_QUOTE))
            return 0;
        if (t->cls & LX_AUX)
            return has(q, m + 1, LX_PERSONAL | LX_THIS_THAT | LX_DET) || (m + 1 < q->n && q->tok[m + 1].cap);
        if ((t->cls & (LX_PRON | LX_DET)) || verb_like(q, m))
            return 0;
    }
    return 0;
}

/* Whether the clause that opens at word i opens as a question, after up to
 * two leading conjunctions ("And what ..."). In a sentence's first clause
 * (`first`) an auxiliary or a wh-word may open it; inside the sentence,
 * after a comma, only the forms that do not open statements there: "why",
 * "how", an auxiliary before a pronoun ("..., would you mind?", not "..., is
 * based"), the wh-forms of wh_inside(). */
static int opens_at(const lp_sent *q, size_t i, int first)
{
    size_t start = i;
    int after_so = 0; /* a lead "so" or "nor" came before */
    for (int skip = 0; skip < 3 && i < q->n; skip++, i++) {
        const lp_tok *w = &q->tok[i];
        if (w->apos && (w->stem & (LX_HOW | LX_WHY)))
            return 1; /* "How's that for ...", "How'd you ..." */
        if (w->cls & (LX_HOW | LX_WHY)) {
            /* "How do you ...", "How many ...", "Why not?", "Why now?"; not
             * "How you respond to adversity is what ..." */
            size_t j = skip_wh_adv(q, i + 1);
            if (has(q, j, LX_CONJ) && has(q, j + 1, LX_HOW | LX_WHY | LX_WH)) /* "How and why did ..." */
                j = skip_wh_adv(q, j + 2);
            if (j >= q->n)
                return 1;
            if (has(q, j, LX_AUX | LX_HOW | LX_WHY | LX_HOW_NEXT))
                return 1;
            /* "How secret can that be", "how ready is the nation": "how",
             * its word, then the auxiliary before the subject */
            if ((w->cls & LX_HOW) && !(q->tok[j].cls & (LX_PRON | LX_DET)) && has(q, j + 1, LX_AUX) &&
                subject_at(q, j + 2))
                return 1;
            /* "Why stay ...", "Why the mismatch ...", "why on earth ...":
             * only a subject after "why" makes a statement ("Why he chose
             * ... will come out"). */
            if ((w->cls & LX_WHY) && !has(q, j, LX_PRON))
                return 1;
            return first && words_from(q, i) <= 4;
        }
        if (w->cls & LX_AUX) {
            /* "..., so did the IRA", "..., and so does everyone", "So did I.";
             * but "..., so are these people followed up?" */
            if (after_so && (!first || words_from(q, start) <= 4)) {
                size_t v = i + 1;
                while (v < q->n && v < i + 5 && !verb_like(q, v) && !(q->tok[v].gap & (GAP_CLAUSE | GAP_QUOTE)))
                    v++;
                if (!(v < q->n && v < i + 5 && verb_like(q, v) && !(q->tok[v].gap & (GAP_CLAUSE | GAP_QUOTE)) &&
                      subject_at(q, i + 1)))
                    return 0;
            }
            if (first) {
                if (i + 1 >= q->n)
                    return 1;
                const lp_tok *x = &q->tok[i + 1];
                /* "Will Young won ...", "May Day": a name, not a question,
                 * unless a verb's plain form follows the name ("Will China
                 * fall ...?") */
                if (w->cap && (w->cls & LX_NAME_AUX) && x->cap && !(x->cls & LX_PRON)) {
                    size_t j = i + 1;
                    while (j < q->n && j < i + 4 && q->tok[j].cap)
                        j++;
                    return j < q->n && !q->tok[j].cap && !(q->tok[j].gap & GAP_CLAUSE) &&
                           !(q->tok[j].cls & (LX_AUX | LX_PAST | LX_LEAD | LX_CLAUSE_WORD)) &&
                           !verb_like(q, j) && q->tok[j].end - q->tok[j].start > 2;
                }
                /* "Do not go", "Don't give up": orders; a question puts its
                 * subject after the verb ("Don't you think", "Is not this"). */
                if ((x->cls & LX_NOT) ||
                    ((w->cls & LX_DONT) && q->s[x->start] >= 'a' && q->s[x->start] <= 'z' &&
                     !(x->cls & (LX_PRON | LX_DET))))
                    return 0;
                return 1;
            }
            /* "..., would you mind?", "..., isn't that right?", "-- won't the
             * economy ...", "..., but does Martin O'Neill want ...": a
             * negative or do-support before any subject, another auxiliary
             * before a pronoun; a capital there opens a title ("..., Do the
             * Right Thing and ...") */
            if (w->cap) /* but "-- Did I wear ...", "Shall We Dance?" */
                return has(q, i + 1, LX_PERSONAL);
            if (w->cls & (LX_NEG | LX_DO))
                return subject_at(q, i + 1);
            /* "..., is this a massive outrage", "..., is that job done" ("that"
             * is no subject before a clause: "..., is that taxes are ...") */
            if (has(q, i + 1, LX_THIS_THAT) && i + 2 < q->n) {
                const lp_tok *t = &q->tok[i + 2];
                return (q->tok[i + 1].cls & LX_WHAT) == 0 && (q->s[q->tok[i + 1].start] | 0x20) == 't' &&
                       (q->s[q->tok[i + 1].start + 2] == 'i' || !((t->cls & (LX_PRON | LX_DET)) || t->cap));
            }
            return has(q, i + 1, LX_PRON);
        }
        if (first && (w->stem & LX_WH))
            return wh_opens(q, i, 0);
        /* "In what order should you ...", "Since when did they ...",
         * "..., under what circumstances might it ...": a preposition, then a
         * wh-phrase that asks in full (not "In what was seen as ...") */
        if ((w->cls & LX_PREP) && i + 1 < q->n && (q->tok[i + 1].cls & LX_WH_INSIDE) && !q->tok[i + 1].apos &&
            !(q->tok[i + 1].cls & LX_WHICH)) /* "in which ...", "to whom ...": relatives */
            return wh_opens(q, i + 1, 1);
        if ((w->cls & LX_PREP) && has(q, i + 1, LX_HOW) && inverted_after(q, i + 1)) /* "For how long have you ..." */
            return 1;
        if (!first && (w->cls & (LX_WH_INSIDE | LX_WHO)))
            return wh_inside(q, i);
        /* "Want to get involved?", "Care to guess?", "Ever noticed ...?":
         * the auxiliary and subject left out, at a sentence's start */
        if (first && i == 0 && w->cap) {
            if ((w->cls & LX_WANT) && (has(q, 1, LX_TO | LX_PRON | LX_DET) || q->total == 1))
                return 1;
            if ((w->cls & LX_EVER) && q->n > 1 && !q->tok[1].cap && q->tok[1].end - q->tok[1].start > 3 &&
                (has(q, 1, LX_PAST) ||
                 (q->s[q->tok[1].end - 2] == 'e' && (q->s[q->tok[1].end - 1] == 'd' || q->s[q->tok[1].end - 1] == 'n'))))
                return 1; /* "Ever wondered ...", "Ever seen ...", "Ever been ..." */
        }
        /* "So just why are ...": "just" before a wh-word ("Just do it." is
         * an order) */
        if ((w->cls & LX_JUST) && has(q, i + 1, LX_WH | LX_HOW | LX_WHY))
            continue;
        if (!(w->cls & LX_LEAD))
            return 0;
        after_so |= (w->cls & LX_SO) != 0;
    }
    return 0;
}

/* Whether the words from i on are no title's: "you soon be able", not
 * "Do They Know It's Christmas", "Have I Got News For You" (the pronoun
 * and the word after it in lower case, "I" aside). */
static int title_not_after(const lp_sent *q, size_t i)
{
    if (q->tok[i].cap && q->tok[i].end - q->tok[i].start > 1)
        return 0;
    return i + 1 >= q->n || !q->tok[i + 1].cap;
}

/* Whether the clause at word i opens with a subordinate clause ("If
 * elected, ...", '"After the case of ..., ...') whose main clause, after
 * the first comma, asks as a sentence would. */
static int subord_then_asks(const lp_sent *q, size_t i)
{
    if (!has(q, i, LX_SUBORD))
        return 0;
    for (size_t k = i + 1; k < q->n; k++)
        if (q->tok[k].gap & GAP_COMMA)
            return opens_at(q, k, 1);
    return 0;
}

/* Whether a word that inverts a statement's auxiliary and subject ("as
 * did he", "never did I think", "only by earning more will they") or a
 * subject of its own stands among the few words before word i. */
static int inverts_before(const lp_sent *q, size_t i)
{
    /* "... it will they" is no inversion, nor "interested in when did she
     * get that" a question */
    if (q->tok[i - 1].cls & (LX_PRON | LX_WH | LX_HOW | LX_WHY))
        return 1;
    for (size_t k = i; k-- > 0 && i - k <= 6;) {
        if (q->tok[k].cls & LX_INVERTS)
            return 1;
        if (q->tok[k].gap & (GAP_CLAUSE | GAP_QUOTE))
            break;
    }
    return 0;
}

/* Whether the sentence q reads as a real question. */
static int asks(const lp_sent *q)
{
    const unsigned char *s = q->s;
    size_t n = q->n;
    if (n == 0)
        return 0;
    /* '"Why not win the group, even though it's tough," said the player.':
     * a question quoted before its attribution asks nothing of the
     * sentence; only what follows the quotation is read. */
    size_t lo = q->first_after_quote;
    if (lo >= n)
        return 0;
    if (lo == 0 && opens_at(q, 0, 1))
        return 1;
    if (q->total == 1 && (q->tok[0].cls & LX_ALONE))
        return 1;
    /* "If elected, what would ...", "If so, which one?": after an opening
     * subordinate clause (or "Besides ..." phrase) the main clause may ask
     * as a sentence would. */
    if (lo == 0 && subord_then_asks(q, 0))
        return 1;
    /* A question quoted, or opening a clause, inside the sentence; or put
     * after "the question is" ("The question remains, should ..."). */
    /* Most words open none of the rules below: the others are listed first
     * in a pass without branches (which word is one is hard to predict). */
    const uint64_t pair_rules = LX_CONJ | LX_ASKED | LX_NEG | LX_MODAL | LX_DO | LX_HAVE | LX_QUESTION;
    unsigned char cand[TOK_MAX];
    size_t n_cand = 0;
    for (size_t i = lo; i < n; i++) {
        cand[n_cand] = (unsigned char)i;
        n_cand += ((q->tok[i].gap & (GAP_QUOTE | GAP_CLAUSE)) | (q->tok[i].cls & pair_rules)) != 0;
    }
    for (size_t c = 0; c < n_cand; c++) {
        size_t i = cand[c];
        unsigned gap = q->tok[i].gap;
        if (((gap & GAP_QUOTE) && (opens_at(q, i, 1) || subord_then_asks(q, i))) ||
            ((gap & GAP_CLAUSE) && opens_at(q, i, 0)))
            return 1;
        /* "... the 'Internet of Sheep' Will you soon be able ...": a
         * capitalized auxiliary before its pronoun opens a question (or a
         * title that is one: "Shall We Dance") wherever it stands */
        if (i > 0 && q->tok[i].cap && (q->tok[i].cls & LX_AUX) && has(q, i + 1, LX_SUBJ | LX_PERSONAL) &&
            !q->tok[i + 1].gap && title_not_after(q, i + 1))
            return 1;
        /* "I worry but what can I do?": a wh-word after a conjunction, with
         * its auxiliary before the subject (not "... or how much the
         * recall would cost", "... and what is being done") */
        if (i > 0 && (q->tok[i].cls & LX_CONJ) && (q->tok[i + 1 < n ? i + 1 : i].cls & (LX_WH_INSIDE | LX_HOW | LX_WHY)) &&
            i + 1 < n && !(q->tok[i + 1].gap & (GAP_CLAUSE | GAP_QUOTE)) && inverted_after(q, i + 1))
            return 1;
        /* "..., asked, who turned him ...": a clause after a verb of asking */
        if ((q->tok[i].cls & LX_ASKED) && i + 1 < n && (q->tok[i + 1].gap & (GAP_COMMA | GAP_QUOTE)) &&
            opens_at(q, i + 1, 1))
            return 1;
        /* "..., shouldn't they be at least shared?": a negative before its
         * pronoun is inverted wherever it stands */
        if ((q->tok[i].cls & LX_NEG) && has(q, i + 1, LX_PERSONAL) && i > 0 && !q->tok[i + 1].gap &&
            !(q->tok[i - 1].cls & LX_ONLY)) /* "not only don't we ..." */
            return 1;
        /* "... as it surges over land will it begin to ...": a modal, do or
         * have before its pronoun, but after the words that invert in
         * statements too ("..., as did he", "only then can we"); not "be"
         * ("The problem is they ...", "This is it.") */
        if ((q->tok[i].cls & (LX_MODAL | LX_DO | LX_HAVE)) && !(q->tok[i].cls & LX_SHOULD) && !q->tok[i].cap &&
            has(q, i + 1, LX_SUBJ) && i > 0 && !q->tok[i + 1].gap && !inverts_before(q, i))
            return 1;
        if ((q->tok[i].cls & LX_QUESTION) && i + 2 < n) {
            size_t j = i + 1;
            /* "the question now is", "the question then becomes", "the
             * question would be" */
            if (q->tok[j].cls & (LX_WH_ADV | LX_HOW_NEXT | LX_LEAD | LX_MODAL))
                j++;
            if (j + 1 < n && (q->tok[j].cls & LX_QUESTION_VERB) && opens_at(q, j + 1, 1))
                return 1;
        }
    }
    const lp_tok *last = &q->tok[n - 1];
    int at_end = last->end == q->to && ascii_alpha(s[q->to - 1]);
    /* "You did what?" */
    if (at_end && !last->apos && (last->cls & LX_WH_END))
        return 1;
    /* "Where are you?", "..., wouldn't he?": an auxiliary before its subject
     * at the end (not "do it", "have that", "was there": main verbs, places). */
    if (at_end && n >= 2 && (last->cls & LX_SUBJ_END) && (q->tok[n - 2].cls & LX_AUX_END)) {
        size_t k = q->tok[n - 2].end;
        while (k < last->start && s[k] == ' ')
            k++;
        if (k == last->start && k > q->tok[n - 2].end)
            return 1;
    }
    /* "..., do they not?" */
    if (at_end && n >= 3 && (last->cls & LX_NOT) && (q->tok[n - 2].cls & LX_PERSONAL) && (q->tok[n - 3].cls & LX_AUX))
        return 1;
    /* Tag questions: "..., isn't it?", "..., right?" */
    if (!(q->end_gap & GAP_COMMA)) {
        for (size_t i = n; i-- > 0 && q->to - q->tok[i].start <= 40;) {
            if (!(q->tok[i].gap & GAP_COMMA))
                continue;
            size_t after = n - i;
            if (after == 1 && (q->tok[i].cls & LX_TAG))
                return 1;
            if (after <= 3 && (q->tok[i].cls & LX_AUX) &&
                (has(q, i + 1, LX_PRON) || ((q->tok[i].cls & LX_NEG) && has(q, i + 1, LX_THIS_THAT))))
                return 1;
            break;
        }
    }
    if (q->to - q->from >= 6 && memcmp(s + q->to - 6, "or not", 6) == 0)
        return 1;
    return 0;
}

/* Whether what follows a sentence's '?' at s[pos-1] says it was asked: a
 * closing quote before a lower-case word ("...?" she said; a statement's
 * quotation closes on a comma: "...," she said), or a verb that reports a
 * question ("...?" asked the minister). */
static int asked_after(const unsigned char *s, size_t pos, size_t hi)
{
    size_t i = pos;
    int quoted = 0;
    for (;;) {
        if (i < hi && (s[i] == '"' || s[i] == '\'')) {
            i++;
        } else if (i + 2 < hi && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x9D || s[i + 2] == 0x99)) {
            i += 3;
        } else {
            break;
        }
        quoted = 1;
    }
    if (i >= hi || s[i] != ' ')
        return 0;
    while (i < hi && s[i] == ' ')
        i++;
    size_t e = i;
    while (e < hi && ascii_alpha(s[e]))
        e++;
    if (e == i)
        return 0;
    if (s[i] < 'a' || s[i] > 'z') /* "...? Asked about it, he ..." opens a sentence */
        return 0;
    return quoted || (e - i <= NG_LX_MAX_LEN && (lx_classes(lx_key(s, i, e, 0)) & LX_ASKED));
}

static int abbreviation_before(const unsigned char *s, size_t lo, size_t pos);

/* Whether the '?' at s[p] (of the line starting at lo, in the sentence
 * starting at sent) before a comma was a real one. A period stands before a
 * comma after an abbreviation ("Corp.,", "et al.,", "T.I.,", "Jnr.,"); a
 * question mark after a question ("How is it ...?," he asked) or a title
 * that asks ("Do They Know It's Christmas?, which ..."), read here as a
 * capitalized word of four letters or more, or a capitalized auxiliary and
 * pronoun. */
static int comma_asks(const unsigned char *s, size_t lo, size_t sent, size_t p, lp_sent *q)
{
    if (abbreviation_before(s, lo, p))
        return 0;
    size_t b = p;
    while (b > lo && ascii_alpha(s[b - 1]))
        b--;
    if (p - b >= 4 && ascii_upper(s[b]) && !ascii_upper(s[p - 1]))
        return 1;
    read_sentence(q, s, sent, p);
    if (asks(q))
        return 1;
    /* a title that asks, of short words ("Are We There Yet?, a comedy") */
    for (size_t i = 0; i + 1 < q->n; i++)
        if (q->tok[i].cap && (q->tok[i].cls & LX_AUX) && q->tok[i + 1].cap && (q->tok[i + 1].cls & LX_PERSONAL))
            return 1;
    return 0;
}

/* Whether the word before s[pos] is an abbreviation or an initial. */
static int abbreviation_before(const unsigned char *s, size_t lo, size_t pos)
{
    /* No abbreviation of the list is longer than ABBR_MAX letters: a longer
     * word is none, found after reading that many. */
    enum { ABBR_MAX = 6 };
    size_t b = pos;
    while (b > lo && pos - b <= ABBR_MAX && ascii_alpha(s[b - 1]))
        b--;
    if (b == pos || pos - b > ABBR_MAX)
        return 0;
    /* "isn't?": the end of a contraction ("isn’t" too); "é?", "1a?": no initial */
    if (b > lo && (s[b - 1] >= 0x80 || is_digit(s[b - 1]) || s[b - 1] == '\''))
        return 0;
    /* "aren't I?", "Who am I?": the pronoun, not an initial */
    return (pos - b == 1 && s[b] != 'I') || (lx_classes(lx_key(s, b, pos, 0)) & LX_ABBR);
}

/* The letters after s[pos] form a contraction ending: n't, 's, 're, 'll, 've, 'd, 'm. */
static int contraction_after(const unsigned char *s, size_t pos, size_t hi, int32_t before)
{
    size_t e = pos;
    while (e < hi && ascii_alpha(s[e]))
        e++;
    if (e < hi && (s[e] >= 0x80 || is_digit(s[e])))
        return 0;
    size_t n = e - pos;
    /* Upper case after a capital is an initialism ("U?S"), not "IT?S". */
    if (n == 1 && ascii_upper(s[pos]) && before >= 'A' && before <= 'Z')
        return 0;
    if (n == 1 && (s[pos] | 0x20) == 't')
        return (before | 0x20) == 'n';
    return n > 0 && n <= NG_LX_MAX_LEN && (lx_classes(lx_key(s, pos, e, 0)) & LX_SUFFIX);
}


/* ---- detection ---------------------------------------------------------- */

/* The first position in s[p..hi) of a '?', '!' or line break; hi if none.
 * Eight bytes at a time while they hold none. */
static size_t next_stop(const unsigned char *s, size_t p, size_t hi)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    while (hi - p >= 8) {
        uint64_t v, q, b, n;
        memcpy(&v, s + p, 8);
        q = v ^ (ones * '?');
        b = v ^ (ones * '!');
        n = v ^ (ones * '\n');
        /* a zero byte of q, b or n is one of the three (the test may also
         * flag a byte after one, or one of 0x80 and up: the loop below
         * settles it) */
        if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((n - ones) & ~n)) & highs)
            break;
        p += 8;
    }
    while (p < hi && s[p] != '?' && s[p] != '!' && s[p] != '\n')
        p++;
    return p;
}

/* Evidence that the '?' in s[lo..hi) (a run of lines without '.') stand for '.'. */
static int dots_lost(const unsigned char *s, size_t lo, size_t hi, lp_sent *q)
{
    size_t strong = 0, weak = 0, asked = 0, quoted = 0, sent = lo;
    for (size_t p = lo; p < hi; p++) {
        p = next_stop(s, p, hi);
        if (p >= hi)
            break;
        if (s[p] == '\n' || s[p] == '!') {
            sent = p + 1;
            continue;
        }
        if (s[p] != '?')
            continue;
        int32_t P = prev_cp(s, lo, p), N = next_cp(s, p + 1, hi);
        if (N == '?') {
            while (p + 1 < hi && s[p + 1] == '?')
                p++;
            continue;
        }
        if ((is_digit(P) && is_digit(N)) ||
            (is_letter(P) && is_letter(N) && !contraction_after(s, p + 1, hi, P)))
            strong++; /* "1?5", "U?S", but not "don?t", which is a lost apostrophe */
        else if ((is_lower(P) && is_lower(N) && p >= lo + 2 && is_letter(prev_cp(s, lo, p - 1))) ||
                 ((is_space(P) || P == '(') && is_letter(N) && !is_lower(N)))
            quoted++; /* "don?t", "?Can you": quotes lost, which a period never is
                         (but "5 p?m?", "Ph?D?", "Zafi?D": initials; " ?xxx": a
                         domain) */
        else if (is_space(N) || is_closer(N)) {
            /* Short fragments ("Brash? Arrogant?") say nothing either way. */
            read_sentence(q, s, sent, p);
            if (asks(q))
                asked++;
            else if (q->total >= 4)
                weak++;
            sent = p + 1;
        }
        if (!quoted && (strong >= 2 || (strong >= 1 && strong + weak >= 2) ||
                        (weak >= 3 && weak > 2 * asked && hi - lo >= 200)))
            return 1; /* decided: the rest need not be read */
    }
    /* Statements ending in '?' alone decide only a long run: clean text
     * rarely goes on for long without a '.', while a few short lines of
     * questions and fragments ("Go out to dinner?") are common. The shapes
     * of lost quotes ("S?pose you?ve ...", "?With what??") outweigh those of
     * lost periods in a short run of quoted speech. */
    return strong > 3 * quoted && ((strong >= 1 && strong + weak >= 2) || strong >= 2 ||
                                   (weak >= 3 && weak > 2 * asked && hi - lo >= 200));
}

/* Whether the sentence q is a heading or a dateline: a few words, each
 * capitalized ("Taipei, Taiwan", "Group F"). */
static int dateline(const lp_sent *q)
{
    if (q->total == 0 || q->total > 4)
        return 0;
    for (size_t i = 0; i < q->n; i++)
        if (!q->tok[i].cap)
            return 0;
    return 1;
}

/* Whether the word at s[w] is the last word of q again ("I ? I"). */
static int same_word_after(const unsigned char *s, const lp_sent *q, size_t w, size_t hi)
{
    if (q->n == 0)
        return 0;
    const lp_tok *t = &q->tok[q->n - 1];
    size_t n = t->end - t->start;
    return w + n <= hi && memcmp(s + t->start, s + w, n) == 0 && (w + n == hi || !ascii_alpha(s[w + n]));
}

/* The start of the sentence that ends at s[p]: after the last '.', '!',
 * '?' or line break in s[lo..p). */
static size_t sentence_start(const unsigned char *s, size_t lo, size_t p)
{
    while (p > lo && s[p - 1] != '.' && s[p - 1] != '!' && s[p - 1] != '?' && s[p - 1] != '\n')
        p--;
    return p;
}

/* Whether the word after "s?" at s[p] (p: the space) reads as the noun of a
 * plural's lost apostrophe ("players? union", "participants? beliefs"): a
 * lower-case word in no list and not a verb in the past ("Hundreds of
 * millions? thought Chalmers", "Christmas? is expected"). */
static int possessed_after(const unsigned char *s, size_t p, size_t hi)
{
    size_t i = p + 1, e = i;
    while (e < hi && ascii_alpha(s[e]))
        e++;
    if (e == i || s[i] < 'a' || s[i] > 'z' || (e - i >= 2 && s[e - 2] == 'e' && s[e - 1] == 'd'))
        return 0;
    return e - i > NG_LX_MAX_LEN ||
           !(lx_classes(lx_key(s, i, e, 0)) & (LX_AUX | LX_ASKED | LX_SAID | LX_PAST | LX_PRON | LX_SUBORD |
                                            LX_CLAUSE_WORD | LX_PREP | LX_CONJ | LX_LEAD));
}

/* Evidence that the '?' of the line s[lo..hi) stand for quotes and dashes:
 * *strong counts shapes clean text never has ("don?t", " ?word", "said.? "),
 * *weak the shapes of a lost dash (" ? ", "word?word"), and *dash those of
 * them followed by a lower-case word (" ? which"), rarer still in clean text. */
static void quote_evidence(const unsigned char *s, size_t lo, size_t hi, size_t *strong, size_t *weak,
                           size_t *dash, lp_sent *sq)
{
    *strong = *weak = *dash = 0;
    size_t scanned = lo, dq_scanned = lo;
    int single_open = 0; /* a ‘ (never damaged) awaits its ’ */
    int double_open = 0; /* an ASCII '"' (never damaged) awaits its close */
    for (const unsigned char *q = memchr(s + lo, '?', hi - lo); q;
         q = q + 1 < s + hi ? memchr(q + 1, '?', (size_t)(s + hi - q - 1)) : NULL) {
        size_t p = (size_t)(q - s);
        /* The curly single quotes before p, found by their lead byte 0xE2. */
        while (scanned + 2 < p) {
            const unsigned char *e = memchr(s + scanned, 0xE2, p - 2 - scanned);
            if (!e)
                break;
            scanned = (size_t)(e - s);
            if (s[scanned + 1] == 0x80 && s[scanned + 2] == 0x98)
                single_open = 1;
            else if (s[scanned + 1] == 0x80 && s[scanned + 2] == 0x99 &&
                     !is_letter(next_cp(s, scanned + 3, hi)))
                single_open = 0;
            scanned++;
        }
        scanned = p + 1;
        for (const unsigned char *d = memchr(s + dq_scanned, '"', p - dq_scanned); d;
             d = memchr(d + 1, '"', (size_t)(s + p - d - 1)))
            double_open = !double_open;
        dq_scanned = p;
        int32_t P = prev_cp(s, lo, p), N = next_cp(s, p + 1, hi);
        /* "the concept ‘dog? by", "‘sign?, and", "a historic ‘master plan?
         * U-turn": the ’ that closes it (a question would end its quotation:
         * "‘Are you insane?’") */
        if (single_open && is_alnum(P) &&
            (N == ',' || N == ';' || N == ':' || N == '.' || (N == ' ' && is_letter(next_cp(s, p + 2, hi))))) {
            single_open = 0;
            (*strong)++;
        } else if (double_open && is_alnum(P) && N == ' ' && is_digit(next_cp(s, p + 2, hi))) {
            (*strong)++; /* 'entitled "Copyright Information? 2 reads': the close */
        } else if (is_letter(P) && is_letter(N)) {
            if (contraction_after(s, p + 1, hi, P)) {
                (*strong)++;
            } else {
                (*weak)++;
                size_t e = p + 1;
                while (e < hi && ascii_alpha(s[e]))
                    e++;
                if (is_lower(N) && (e == hi || (s[e] != '=' && s[e] != '/' && s[e] != '&')))
                    (*dash)++;
            }
        } else if (((is_space(P) || is_opener(P)) && is_alnum(N)) || (P == NONE && (N == '.' || N == 0x2026)) ||
                   (P == NONE && N == ' ' && p + 2 < hi && ascii_upper(s[p + 2]))) {
            (*strong)++; /* " ?word", "(?word", and "?word", "?..." or "? NAME" opening a line */
        } else if (is_end_punct(P) && (is_space(N) || is_end_punct(N)) && p >= lo + 2 &&
                   (is_lower(prev_cp(s, lo, p - 1)) || is_digit(prev_cp(s, lo, p - 1)))) {
            (*strong)++; /* "word.?" but not "?!?" or "..?" */
        } else if (is_closer(P) && N == ' ' && is_lower(next_cp(s, p + 2, hi))) {
            (*strong)++; /* "the dress"? you": a question goes inside its quotes */
        } else if ((P == 's' || P == 'S') && N == ' ' && p + 2 < hi && is_lower(next_cp(s, p + 2, hi))) {
            /* "players? union": a lost apostrophe; strong before a noun */
            if (possessed_after(s, p + 1, hi))
                (*strong)++;
            else
                (*dash)++;
        } else if (is_space(P) && P != NONE && is_space(N)) {
            /* A question mark set off by spaces ends a question ("insane ?
             * Surely"), so it comes before a capital or the line's end after
             * what reads as one; a lower-case word or a number after it, or a
             * capital after a heading, a dateline or a title ("Group F ?
             * Sweden", "Taipei, Taiwan ? The ...") is a lost dash. */
            size_t w = p + 1;
            while (w < hi && s[w] == ' ')
                w++;
            int32_t W = next_cp(s, w, hi);
            if (is_lower(W) || is_digit(W)) {
                (*strong)++;
            } else if (w < hi && ((is_letter(W) && !is_lower(W)) || W == '[' || W == '(')) {
                /* a dash's shape, not yet a sure one: clean text has the
                 * odd fragment asked so ("Muffin the Mule perhaps ? After
                 * all, ..."); sure after nothing ("next year!! ? Curt"), a
                 * heading or dateline ("Taipei, Taiwan ? The ...") or the
                 * same word ("I ? I changed it") */
                read_sentence(sq, s, sentence_start(s, lo, p), p);
                if (!asks(sq)) {
                    if (sq->total == 0 || dateline(sq) || same_word_after(s, sq, w, hi))
                        (*strong)++;
                    else
                        (*dash)++;
                }
                (*weak)++;
            } else {
                (*weak)++;
            }
        } else if (is_space(P) && P != NONE && (is_end_punct(N) || is_closer(N) || N == '?')) {
            (*weak)++; /* "and ?.", "They started ?"": speech broken off */
        }
    }
}


/* ---- restoration -------------------------------------------------------- */

typedef struct lp_out {
    ng_buf *buf;
    ng_map *map;
    const char *text;
    size_t len;  /* of text */
    size_t done; /* input bytes already written */
    int changed;
} lp_out;

/* Writes the input up to `pos`, then `rep` in place of text[pos..pos+n). */
static ng_status put(lp_out *o, size_t pos, size_t n, const char *rep)
{
    ng_status st = NG_OK;
    /* The output is about as long as the text: room for it at once, with
     * some to spare for the longer marks put in ('?' is one byte, a dash
     * three), spares the copies of growing there by doubling. */
    if (!o->changed)
        st = ng_buf_reserve(o->buf, o->len + o->len / 32 + 64);
    if (st == NG_OK && pos > o->done) {
        if (o->map)
            st = ng_map_add(o->map, o->buf->len, o->done, 1);
        if (st == NG_OK)
            st = ng_buf_append(o->buf, o->text + o->done, pos - o->done);
    }
    if (st == NG_OK && o->map)
        st = ng_map_add(o->map, o->buf->len, pos, 0);
    if (st == NG_OK)
        st = ng_buf_append(o->buf, rep, strlen(rep));
    o->done = pos + n;
    o->changed = 1;
    return st;
}

/* Whether the quotation s[sent..p) is a title of two words or more, every
 * word of four letters or more capitalized but prepositions, determiners
 * and conjunctions ("“Ghost in the Shell? Is More
 * Relevant ...", "The “Slow Money? Pitch"), that asks nothing: a quote
 * closes it before the next capital. */
static int title_quoted(lp_sent *q, const unsigned char *s, size_t sent, size_t p)
{
    read_sentence(q, s, sent, p);
    if (q->total < 2 || q->total > 8)
        return 0;
    for (size_t i = 0; i < q->n; i++)
        if (!q->tok[i].cap && q->tok[i].end - q->tok[i].start >= 4 &&
            !(q->tok[i].cls & (LX_PREP | LX_DET | LX_CONJ))) /* "Gone with the Wind" */
            return 0;
    return !asks(q);
}

/* The replacement for a lost quote or dash at s[p..p+n) by its context, or
 * NULL to keep it. `open` says which quote the line last opened and left
 * open: 0 none, 1 a double “, 2 a single ‘. */
static const char *quote_for(const unsigned char *s, size_t lo, size_t hi, size_t p, size_t n,
                             size_t sent, int open, lp_sent *q)
{
    int32_t P = prev_cp(s, lo, p), N = next_cp(s, p + n, hi);
    if (is_alnum(P) && is_alnum(N)) {
        if (is_letter(N) && contraction_after(s, p + n, hi, P))
            return RSQUO;
        /* O’Brien, D’Angelo, o’clock, c’mon: a one-letter word before it,
         * a name's prefix or a letter in lower case ("Plan B—the" is a dash) */
        int32_t PP = prev_cp(s, lo, p - 1); /* the word's letter before P, or its apostrophe ("It’s?it’s") */
        if ((P == 'O' || P == 'D' || P == 'L' || (is_lower(P) && P != 'a')) && is_letter(N) &&
            (p - 1 == lo || (!is_letter(PP) && PP != '\'' && PP != 0x2019 && PP != '?')))
            return RSQUO;
        return MDASH;
    }
    /* "and ?.", "They started ?"": speech broken off by a dash */
    if (is_space(P) && P != NONE &&
        (is_end_punct(N) || N == '?' || (is_closer(N) && is_space(next_cp(s, p + n + cp_len(N), hi)))))
        return MDASH;
    /* "(red spheres)—in a 1:1 ratio": no quote opens right after a bracket */
    if (P == ')' && is_letter(N))
        return MDASH;
    /* "?... Tyler! Flynn!": a quotation opening a line on an ellipsis */
    if (P == NONE && (N == '.' || N == 0x2026))
        return LDQUO;
    /* "put ’em on": the apostrophe of "them" cut short */
    if (is_space(P) && (N == 'e') && p + n + 2 <= hi && s[p + n + 1] == 'm' && !is_alnum(next_cp(s, p + n + 2, hi)))
        return RSQUO;
    /* "the ’70s": a decade's apostrophe where an opening quote would be */
    if (is_space(P) && is_digit(N) && p + n + 2 < hi && is_digit(s[p + n + 1]) && s[p + n + 2] == 's' &&
        !is_alnum(next_cp(s, p + n + 3, hi)))
        return RSQUO;
    if ((is_space(P) || is_opener(P)) && !is_space(N) && N != '?' && !is_end_punct(N))
        return LDQUO;
    if (is_space(P) && is_space(N))
        return P == NONE && N == NONE ? NULL : MDASH;
    /* "over "the dress"? you can": a dash after a closing mark */
    if (is_closer(P) && N == ' ' && is_lower(next_cp(s, p + n + 1, hi)))
        return MDASH;
    if (is_end_punct(P) || is_closer(P) || P == '?')
        return open == 2 ? RSQUO : RDQUO;
    if (is_alnum(P) && (is_space(N) || is_end_punct(N) || is_closer(N) || (open && N == '/'))) {
        if (open == 2) /* a single quote ‘ is open: ’ closes it */
            return RSQUO;
        if (N == '"') /* '"Wouldn't it be tight?"': no ” before an ASCII quote */
            return NULL;
        /* "the GNP of the Saudis?.": a plural's apostrophe before a period,
         * where no quotation is open; before a capitalized noun too
         * ("Goodwill Industries? Farm to Freezer", "Iain M. Banks? Culture
         * novels"), when the sentence does not ask; a word that opens
         * sentences after it ("... the burners? You know", "... networks? A
         * second ...", "... jobs? That's OK") makes it a question's mark */
        if ((P == 's' || P == 'S') && !open && N == '.')
            return RSQUO;
        if ((P == 's' || P == 'S') && !open && N == ' ' && p + n + 1 < hi && ascii_upper(s[p + n + 1])) {
            size_t w = p + n + 1, e = w;
            while (e < hi && ascii_alpha(s[e]))
                e++;
            int opener = e - w <= NG_LX_MAX_LEN && lx_classes(lx_key(s, w, e, 0));
            read_sentence(q, s, sentence_start(s, lo, p), p);
            /* the word before: a noun's plural ("Banks"), not "this", "Yes" */
            if (!opener && (e >= hi || (s[e] != '\'' && s[e] != 0xE2 && s[e] != '?')) && q->n >= 1 &&
                !q->tok[q->n - 1].cls && !asks(q))
                return RSQUO;
        }
        /* "advertisers? brands": a plural's apostrophe before its noun, in a
         * quotation too, unless that quotation is a word or two ("the
         * “eyes? themselves", "as “consumers? even more"): it closes there */
        if ((P == 's' || P == 'S') && N == ' ' && possessed_after(s, p + n, hi)) {
            read_sentence(q, s, sent, p);
            if (!open || q->total > 2)
                return RSQUO;
        }
        if (open) {
            size_t j = p + n;
            while (j < hi && s[j] == ' ')
                j++;
            int32_t W = next_cp(s, j, hi);
            /* A quotation closes on a word before a comma, a lower-case
             * word ("? she said") or the line's end; before a capital the
             * '?' ended a question inside it ("?Ramon? Hi."), "I" aside. */
            if (j < hi && is_space(N) && !is_lower(W) &&
                ((is_letter(W) && !(W == 'I' && !is_letter(next_cp(s, j + 1, hi))) && !title_quoted(q, s, sent, p)) ||
                 (read_sentence(q, s, sent, p), asks(q))))
                return NULL;
            return RDQUO;
        }
    }
    return NULL;
}

/* The first position in s[p..hi) of a byte restore_line() acts on: '!',
 * '?', '"' and the lead bytes of “ ” ‘ ’ and U+FFFD (0xE2 and up); hi if
 * none. Eight bytes at a time while they are ASCII without those. */
static size_t next_mark(const unsigned char *s, size_t p, size_t hi)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    for (;;) {
        while (hi - p >= 8) {
            uint64_t v, q, b, d;
            memcpy(&v, s + p, 8);
            q = v ^ (ones * '?');
            b = v ^ (ones * '!');
            d = v ^ (ones * '"');
            /* a zero byte of q, b or d is a '?', '!' or '"'; a high bit, non-ASCII */
            if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d) | v) & highs)
                break;
            p += 8;
        }
        for (size_t e = hi - p >= 8 ? p + 8 : hi; p < e; p++)
            if (s[p] >= 0xE2 || s[p] == '!' || s[p] == '?' || s[p] == '"')
                return p;
        if (p >= hi)
            return hi;
    }
}

/* Restores the line s[lo..hi): '?' for '.' (dots), '?' for quotes and dashes
 * (quotes), U+FFFD (fffd; 2 also drops what it cannot place). */
static ng_status restore_line(lp_out *o, size_t lo, size_t hi, int dots, int quotes, int fffd,
                              ng_repair_counts *counts, lp_sent *q)
{
    const unsigned char *s = (const unsigned char *)o->text;
    ng_status st = NG_OK;
    size_t sent = lo; /* where the current sentence (or quotation) starts */
    int open = 0;
    int asked = 0; /* the last sentence ended in a '?' kept as a question */
    size_t dash_at = 0; /* the position after the last '?' restored to a dash */
    for (size_t p = lo; p < hi && st == NG_OK; p++) {
        p = next_mark(s, p, hi);
        if (p >= hi)
            break;
        unsigned char c = s[p];
        if (c == '!') {
            sent = p + 1;
            continue;
        }
        if (c == '"') { /* an ASCII quotation: not damaged, but it opens and closes */
            if (quotes && open != 2) /* inside a ‘...’ it is nested */
                open = open ? 0 : 1;
            continue;
        }
        if (c == 0xE2 && p + 2 < hi && s[p + 1] == 0x80 && (s[p + 2] == 0x9C || s[p + 2] == 0x9D)) {
            open = s[p + 2] == 0x9C;
            /* A quotation opens a sentence of its own for the quote rules;
             * a lost period's judge reads it inside its sentence ('What
             * about the adage, “Those who ...”?'). */
            if (open && !dots)
                sent = p + 3;
            continue;
        }
        if (c == 0xE2 && p + 2 < hi && s[p + 1] == 0x80 && s[p + 2] == 0x98) {
            open = 2;
            continue;
        }
        if (c == 0xE2 && p + 2 < hi && s[p + 1] == 0x80 && s[p + 2] == 0x99 && open == 2 &&
            !is_letter(next_cp(s, p + 3, hi))) {
            open = 0;
            continue;
        }
        int is_fffd = c == 0xEF && p + 2 < hi && s[p + 1] == 0xBF && s[p + 2] == 0xBD;
        if (is_fffd && fffd) {
            const char *rep = quote_for(s, lo, hi, p, 3, sent, open, q);
            if (rep) {
                st = put(o, p, 3, rep);
                counts->replacement_punct++;
                open = rep == LDQUO ? 1 : rep == RDQUO ? 0 : open;
                if (rep == LDQUO)
                    sent = p + 3;
            } else if (fffd == 2) {
                st = put(o, p, 3, "");
                counts->replacement_dropped++;
            }
            p += 2;
            continue;
        }
        if (c != '?' || !(dots || quotes))
            continue;
        if (dots) {
            size_t r = 1;
            while (p + r < hi && s[p + r] == '?')
                r++;
            /* "???" was "..." (also after a question: "Would he whine
             * because ...?" and "... because he is white..." are as
             * common); "??" and "????" are emphatic */
            if (r == 3) {
                for (size_t k = 0; k < r && st == NG_OK; k++)
                    st = put(o, p + k, 1, PERIOD);
                counts->lossy_periods += r;
            }
            if (r >= 2) {
                p += r - 1;
                sent = p + 1;
                continue;
            }
            int32_t N = next_cp(s, p + 1, hi);
            if (is_alnum(N) || N == ';' || N == ':' || (N == ',' && !comma_asks(s, lo, sent, p, q))) {
                st = put(o, p, 1, PERIOD);
                counts->lossy_periods++;
            } else if (N == ',') {
                /* A question inside the sentence ("... Christmas?, which is
                 * raising ..."), which goes on as a clause of its own. */
                sent = p + 1;
            } else if (abbreviation_before(s, lo, p)) {
                st = put(o, p, 1, PERIOD);
                counts->lossy_periods++;
            } else {
                /* "How about the radio? Or GPS?": a sentence opening with
                 * "Or" right after a question goes on asking. */
                read_sentence(q, s, sent, p);
                asked = asks(q) || (asked && has(q, 0, LX_OR)) || asked_after(s, p + 1, hi);
                if (!asked) {
                    st = put(o, p, 1, PERIOD);
                    counts->lossy_periods++;
                }
                sent = p + 1;
            }
            continue;
        }
        /* quotes */
        if (next_cp(s, p + 1, hi) == '?' && is_alnum(prev_cp(s, lo, p))) {
            sent = p + 1; /* "?Is it??": a real question, then the quote */
            continue;
        }
        /* "“We —?” I started": after a '?' restored to a dash, one that ends
         * before the quote's own '?' asks: "—?”" (at a line's end "—”" is
         * as likely) */
        if (dash_at == p && p > lo && p + 1 < hi && s[p + 1] == '?') {
            sent = p + 1;
            continue;
        }
        const char *rep = quote_for(s, lo, hi, p, 1, sent, open, q);
        if (!rep) {
            sent = p + 1;
            continue;
        }
        st = put(o, p, 1, rep);
        counts->lossy_quotes++;
        if (rep == MDASH)
            dash_at = p + 1;
        if (rep == RSQUO && open == 2 && !is_letter(next_cp(s, p + 1, hi)))
            open = 0;
        if (rep == LDQUO) {
            open = 1;
            sent = p + 1;
        } else if (rep == RDQUO) {
            open = 0;
        }
    }
    return st;
}

/* Whether a replacement run of `prior` covers part of [lo, hi); *j is a
 * cursor into its runs, advanced monotonically. */
static int touched(const ng_map *prior, size_t *j, size_t lo, size_t hi)
{
    if (!prior)
        return 0;
    while (*j + 1 < prior->n_runs && prior->runs[*j + 1].out <= lo)
        (*j)++;
    for (size_t k = *j; k < prior->n_runs && prior->runs[k].out <= hi; k++) {
        size_t end = k + 1 < prior->n_runs ? prior->runs[k + 1].out : prior->out_len;
        if (!prior->runs[k].copy && end > lo)
            return 1;
    }
    return 0;
}

/* The lost-quote evidence of one chunk of the text (text_evidence). */
typedef struct lp_chunk {
    int read;
    size_t quotes, dashes, weak;
} lp_chunk;

#define LP_CHUNK ((size_t)32768)

/* What the regions of one text share: the text, the mojibake stage's map,
 * the options, and the quote shapes of its chunks (each read once, when a
 * line near it first needs them, to back a line's weak shapes). */
typedef struct lp_text {
    const unsigned char *s;
    size_t len;
    const ng_map *prior;
    size_t prior_run; /* cursor into prior's runs */
    int fffd, has_fffd, want_punct;
    lp_chunk *chunks; /* the evidence of each chunk, read when first needed */
    size_t n_chunks;
} lp_text;

/* The start of the first line that begins at or after byte `at`. */
static size_t line_start_from(const unsigned char *s, size_t len, size_t at)
{
    if (at >= len)
        return len;
    if (at == 0 || s[at - 1] == '\n')
        return at;
    const unsigned char *nl = memchr(s + at, '\n', len - at);
    return nl ? (size_t)(nl - s) + 1 : len;
}

/*
 * The text's evidence of lost quotes and dashes around the line at `lo`:
 * the sums of quote_evidence over the line's chunk and the chunks on either
 * side. A chunk is the lines starting within one LP_CHUNK-byte stretch, so a
 * line sees at least LP_CHUNK bytes on each side, and any article (one
 * chunk or two) is judged on all of itself. Not the whole text: in a corpus
 * joined into one string, a damaged document must not speak for clean ones
 * megabytes away (and one that is spares reading them all).
 */
static ng_status text_evidence(lp_text *lt, size_t lo, lp_sent *q, lp_chunk *sum)
{
    memset(sum, 0, sizeof *sum);
    if (!lt->chunks) {
        lt->n_chunks = lt->len / LP_CHUNK + 1;
        lt->chunks = calloc(lt->n_chunks, sizeof *lt->chunks);
        if (!lt->chunks)
            return NG_ENOMEM;
    }
    size_t c = lo / LP_CHUNK;
    for (size_t k = c ? c - 1 : 0; k <= c + 1 && k < lt->n_chunks; k++) {
        lp_chunk *ch = &lt->chunks[k];
        if (!ch->read) {
            size_t a = line_start_from(lt->s, lt->len, k * LP_CHUNK);
            size_t b = line_start_from(lt->s, lt->len, (k + 1) * LP_CHUNK);
            if (b > a)
                quote_evidence(lt->s, a, b, &ch->quotes, &ch->weak, &ch->dashes, q);
            ch->read = 1;
        }
        sum->quotes += ch->quotes;
        sum->weak += ch->weak;
        sum->dashes += ch->dashes;
    }
    return NG_OK;
}

/* The position of the last byte c in s[lo..hi), or SIZE_MAX. */
static size_t last_byte(const unsigned char *s, size_t lo, size_t hi, unsigned char c)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    while (hi - lo >= 8) {
        uint64_t v;
        memcpy(&v, s + hi - 8, 8);
        v ^= ones * c;
        if (((v - ones) & ~v) & highs)
            break;
        hi -= 8;
    }
    while (hi > lo)
        if (s[--hi] == c)
            return hi;
    return SIZE_MAX;
}

/* Judges and restores the region s[pos..run_end): a run of lines without
 * '.', judged as a whole for lost periods, or one line holding a '.'. */
static ng_status lp_region(lp_text *lt, lp_out *o, size_t pos, size_t run_end, ng_repair_counts *counts,
                           lp_sent *q)
{
    const unsigned char *s = lt->s;
    const char *text = (const char *)s;
    ng_status st = NG_OK;
    int run_has_q = lt->want_punct && memchr(text + pos, '?', run_end - pos) != NULL;
    int dots = run_has_q && !memchr(text + pos, '.', run_end - pos) && dots_lost(s, pos, run_end, q);
    for (size_t lo = pos; lo < run_end && st == NG_OK;) {
        const char *nl = memchr(text + lo, '\n', run_end - lo);
        size_t hi = nl ? (size_t)(nl - text) : run_end;
        int has_line_q = lt->want_punct && memchr(text + lo, '?', hi - lo) != NULL;
        int quotes = 0;
        if (!dots && has_line_q) {
            /* The line's own shapes decide, or a lost dash on a line of a
             * text that shows lost quotes elsewhere. */
            size_t strong, weak, dash;
            quote_evidence(s, lo, hi, &strong, &weak, &dash, q);
            lp_chunk doc = {0};
            if (strong == 0 && (weak >= 1 || dash >= 1)) {
                st = text_evidence(lt, lo, q, &doc);
                if (st != NG_OK)
                    break;
            }
            /* Weak shapes decide with the text's own evidence: lost quotes,
             * lost dashes, or one of those and many weak shapes (a
             * transcript whose broken-off speech ends lines " ?"). */
            quotes = strong >= 1 ||
                     ((weak >= 1 || dash >= 1) && (doc.quotes >= 3 || doc.dashes >= 2 ||
                                                   (doc.quotes + doc.dashes >= 1 && doc.weak >= 3)));
        }
        int line_fffd = lt->has_fffd && !touched(lt->prior, &lt->prior_run, lo, hi) ? lt->fffd : 0;
        if (dots || quotes || line_fffd)
            st = restore_line(o, lo, hi, dots && has_line_q, quotes, line_fffd, counts, q);
        lo = nl ? hi + 1 : run_end;
    }
    return st;
}

ng_status ng_lossy_punct_repair(const char *text, size_t len, unsigned flags, const ng_map *prior,
                                ng_buf *out, ng_map *map, ng_repair_counts *counts, int *changed)
{
    const unsigned char *s = (const unsigned char *)text;
    ng_status st = NG_OK;
    lp_out o = {out, map, text, len, 0, 0};
    int want_punct = (flags & NG_REPAIR_LOSSY_PUNCT) != 0;
    int fffd = (flags & NG_REPAIR_DROP_REPLACEMENT) ? 2 : (flags & NG_REPAIR_REPLACEMENT) ? 1 : 0;
    int has_q = want_punct && memchr(text, '?', len) != NULL;
    int has_fffd = 0;
    if (fffd)
        for (const char *q = memchr(text, 0xEF, len); q && !has_fffd; q = memchr(q + 1, 0xEF, (size_t)(text + len - q - 1)))
            has_fffd = q + 2 < text + len && (unsigned char)q[1] == 0xBF && (unsigned char)q[2] == 0xBD;
    *changed = 0;
    if (!has_q && !has_fffd)
        return NG_OK;

    lp_sent q; /* the words of the sentence being judged */
    q.s = s;
    q.len = len;

    lp_text lt = {s, len, prior, 0, fffd, has_fffd, want_punct, NULL, 0};
    if (!has_fffd) {
        /* Only the regions with a '?' need a look: found by memchr, each
         * widened to its run of lines without '.' (or its line holding one);
         * clean text with a few questions costs little more than the scan. */
        size_t pos = 0;
        while (pos < len && st == NG_OK) {
            const char *qm = memchr(text + pos, '?', len - pos);
            if (!qm)
                break;
            size_t p = (size_t)(qm - text);
            size_t ls = last_byte(s, pos, p, '\n'), le;
            ls = ls == SIZE_MAX ? pos : ls + 1;
            const char *nl = memchr(text + p, '\n', len - p);
            le = nl ? (size_t)(nl - text) : len;
            size_t start = ls, end = le < len ? le + 1 : len;
            if (!memchr(text + ls, '.', le - ls)) {
                /* The run: back to the line after the last '.', on to the
                 * start of the next line holding one. */
                size_t dot = last_byte(s, pos, ls, '.');
                if (dot != SIZE_MAX)
                    start = (size_t)((const char *)memchr(text + dot, '\n', ls - dot) - text) + 1;
                else
                    start = pos;
                const char *nd = end < len ? memchr(text + end, '.', len - end) : NULL;
                if (nd) {
                    size_t d = (size_t)(nd - text), b = last_byte(s, end, d, '\n');
                    end = b == SIZE_MAX ? end : b + 1;
                } else {
                    end = len;
                }
            }
            st = lp_region(&lt, &o, start, end, counts, &q);
            pos = end;
        }
    } else {
        /* Every region: a line's U+FFFD needs a look too. */
        size_t pos = 0;
        while (pos < len && st == NG_OK) {
            size_t run_end = pos, line_end;
            for (;;) {
                const char *nl = memchr(text + run_end, '\n', len - run_end);
                line_end = nl ? (size_t)(nl - text) : len;
                if (memchr(text + run_end, '.', line_end - run_end))
                    break;
                run_end = line_end < len ? line_end + 1 : len;
                if (run_end >= len)
                    break;
            }
            if (run_end == pos) /* the line at pos holds a '.': its own region */
                run_end = line_end < len ? line_end + 1 : len;
            st = lp_region(&lt, &o, pos, run_end, counts, &q);
            pos = run_end;
        }
    }
    if (st == NG_OK && o.changed) {
        if (len > o.done) {
            if (map)
                st = ng_map_add(map, out->len, o.done, 1);
            if (st == NG_OK)
                st = ng_buf_append(out, text + o.done, len - o.done);
        }
    }
    free(lt.chunks);
    *changed = o.changed;
    return st;
}

/* lossy_punct.c: '?' and U+FFFD standing for lost punctuation, restored (see lossy_punct.h). */
#include <stdlib.h>
#include <utf8proc.h>

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

/* The word lists below hold words of fewer than WORD_MAX bytes, side by side
 * in one array each, so that a search reads no pointers. */
#define WORD_MAX 12

/* Case-insensitive: is the ASCII word s[0..n) in `list` (sorted, lower
 * case, `count` words)? A binary search. */
static int word_in_list(const unsigned char *s, size_t n, const char (*list)[WORD_MAX], size_t count)
{
    if (n == 0 || n >= WORD_MAX)
        return 0;
    /* The list is sorted: a first letter outside its range is not in it
     * (the common case, checked before any copying). */
    char first = (char)(s[0] >= 'A' && s[0] <= 'Z' ? s[0] | 0x20 : s[0]);
    if (first < list[0][0] || first > list[count - 1][0])
        return 0;
    char w[WORD_MAX];
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == 0xE2 && k + 2 < n && s[k + 1] == 0x80 && s[k + 2] == 0x99) {
            w[m++] = '\''; /* ’ as in "isn’t" */
            k += 2;
        } else {
            w[m++] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] | 0x20 : s[k]);
        }
    }
    w[m] = '\0';
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *e = list[mid];
        size_t k = 0;
        while (e[k] && e[k] == w[k])
            k++;
        if (e[k] == w[k])
            return 1;
        if ((unsigned char)e[k] < (unsigned char)w[k])
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

#define word_in(s, n, list) word_in_list((s), (n), (list), sizeof(list) / sizeof((list)[0]))

static const char SUFFIXES[][WORD_MAX] = {"d", "ll", "m", "re", "s", "ve"};
static const char WHY_HOW[][WORD_MAX] = {"how", "why"};
static const char WHO[][WORD_MAX] = {"who"};
static const char WHY[][WORD_MAX] = {"why"};

/* Words that open a question when they open a sentence or a clause. */
static const char ASKING[][WORD_MAX] = {
    "ain't", "am", "are", "aren't", "can", "can't", "could", "couldn't", "did", "didn't", "do",
    "does", "doesn't", "don't", "hadn't", "has", "hasn't", "have", "haven't", "how", "is",
    "isn't", "may", "might", "must", "shall", "should", "shouldn't", "was", "wasn't", "were",
    "weren't", "why", "will", "won't", "would", "wouldn't"};
/* Words that open a question or a statement ("What happened?", "What he
 * said was true."): a question when a verb of ASKING follows, or when the
 * sentence is short. */
static const char WH[][WORD_MAX] = {
    "what", "when", "where", "which", "who", "whom", "whose"};
/* A tag that asks alone ("..., right?"); an auxiliary asks as a tag only
 * before its pronoun ("..., isn't it?", not "..., has died"). */
static const char TAGS[][WORD_MAX] = {
    "correct", "eh", "huh", "innit", "no", "ok", "okay", "right", "true", "yes"};
static const char LEADS[][WORD_MAX] = {
    "also", "and", "but", "cnn", "finally", "first", "now", "oh", "ok", "okay", "or", "plus",
    "second", "so", "then", "third", "well", "yet"};
static const char WH_LAST[][WORD_MAX] = {
    "how", "what", "when", "where", "which", "who", "whom", "why"};
/* One-word sentences that ask; "Okay", "Right" and "Sorry" are more often
 * said than asked. */
static const char ALONE[][WORD_MAX] = {
    "eh", "how", "huh", "pardon", "really", "what", "when", "where", "who", "why"};
static const char ABBREVIATIONS[][WORD_MAX] = {
    "adm", "approx", "apr", "aug", "ave", "bros", "capt", "co", "col", "corp", "cpl", "dec",
    "dept", "dr", "est", "etc", "feb", "fig", "ft", "gen", "gov", "govt", "hon", "inc", "jan",
    "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "mt", "no", "nov", "oct",
    "pp", "prof", "rd", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "univ", "vol",
    "vs"};

static int ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The end of the word (ASCII letters and apostrophes) starting at i. */
static size_t word_end(const unsigned char *s, size_t i, size_t hi)
{
    while (i < hi) {
        if (ascii_alpha(s[i]) || s[i] == '\'')
            i++;
        else if (i + 2 < hi && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99)
            i += 3;
        else
            break;
    }
    return i;
}

/* The next word at or after s[*i] within hi: sets [*ws, *we) and the length
 * of its stem before an apostrophe ("what's" -> 4) in *stem; 0 at the end. */
static int next_word(const unsigned char *s, size_t *i, size_t hi, size_t *ws, size_t *we, size_t *stem)
{
    while (*i < hi && !ascii_alpha(s[*i]))
        (*i)++;
    *ws = *i;
    *we = word_end(s, *i, hi);
    if (*we == *ws)
        return 0;
    size_t k = *ws;
    while (k < *we && ascii_alpha(s[k]))
        k++;
    *stem = k - *ws;
    *i = *we;
    return 1;
}

/* The number of words in s[i..hi), counted up to `limit`. */
static size_t count_words(const unsigned char *s, size_t i, size_t hi, size_t limit)
{
    size_t n = 0, ws, we, stem;
    while (n < limit && next_word(s, &i, hi, &ws, &we, &stem))
        n++;
    return n;
}

/* Whether the clause s[i..hi) opens as a question, after up to two leading
 * conjunctions ("And what ..."); `wh` allows the WH words. */
/* The auxiliaries and subjects of a question's last two words ("are you"). */
static const char ASKING_LAST[][WORD_MAX] = {
    "ain't", "am", "are", "aren't", "can", "can't", "could", "couldn't", "didn't", "doesn't", "don't",
    "hadn't", "hasn't", "haven't", "is", "isn't", "may", "might", "must", "shall", "should",
    "shouldn't", "was", "wasn't", "were", "weren't", "will", "won't", "would", "wouldn't"};
static const char SUBJECTS_LAST[][WORD_MAX] = {"he", "i", "she", "they", "this", "we", "you"};
static const char WHAT[][WORD_MAX] = {"what"};
static const char WHICH[][WORD_MAX] = {"which"};
static const char SUBORDINATORS[][WORD_MAX] = {
    "after", "although", "as", "because", "before", "besides", "if", "once", "since", "though",
    "unless", "until", "when", "whenever", "while"};
static const char ASKED_INSIDE[][WORD_MAX] = {"what", "when", "where", "which"};
static const char HOW_NEXT[][WORD_MAX] = {"about", "big", "come", "far", "long", "many", "much", "not", "now",
                                       "often", "old", "so", "soon"};
static const char OR[][WORD_MAX] = {"or"};
static const char WHAT_NEXT[][WORD_MAX] = {"about", "else", "if"};
static const char NAMES[][WORD_MAX] = {"may", "will"};
static const char NOT[][WORD_MAX] = {"not"};
static const char DONT[][WORD_MAX] = {"don't"};
static const char DETERMINERS[][WORD_MAX] = {
    "a", "all", "an", "any", "her", "his", "its", "my", "our", "some", "the", "their", "these",
    "those", "your"};
static const char PRONOUNS[][WORD_MAX] = {
    "anybody", "anyone", "he", "i", "it", "she", "someone", "there", "they",
    "we", "you"};

/* Whether the clause s[i..hi) opens as a question, after up to two leading
 * conjunctions ("And what ..."). In a sentence's first clause (`first`) a
 * verb of ASKING or a WH word may open it; inside the sentence, after a
 * comma, only "why", "how" or a verb of ASKING before a pronoun ("..., would
 * you mind?"), since "..., is based" and "..., which is" open statements. */
static int opens_question(const unsigned char *s, size_t i, size_t hi, int first)
{
    size_t ws, we, stem, ws2, we2, stem2;
    for (int skip = 0; skip < 3; skip++) {
        if (!next_word(s, &i, hi, &ws, &we, &stem))
            return 0;
        if (stem < we - ws && word_in(s + ws, stem, WHY_HOW))
            return 1; /* "How's that for ...", "How'd you ..." */
        if (word_in(s + ws, we - ws, WHY_HOW)) {
            /* "How do you ...", "How many ...", "Why not?", "Why now?"; not
             * "How you respond to adversity is what ..." */
            size_t j = i;
            if (!next_word(s, &j, hi, &ws2, &we2, &stem2))
                return 1;
            if (word_in(s + ws2, we2 - ws2, ASKING) || word_in(s + ws2, we2 - ws2, HOW_NEXT))
                return 1;
            /* "Why stay ...", "Why the mismatch ...", "why on earth ...":
             * only a subject after "why" makes a statement ("Why he chose
             * ... will come out"). */
            if (word_in(s + ws, we - ws, WHY) && !word_in(s + ws2, we2 - ws2, PRONOUNS))
                return 1;
            return first && count_words(s, ws, hi, 5) <= 4;
        }
        if (word_in(s + ws, we - ws, ASKING)) {
            if (first) {
                size_t j = i;
                if (!next_word(s, &j, hi, &ws2, &we2, &stem2))
                    return 1;
                /* "Will Young won ...", "May Day": a name, not a question */
                if (s[ws] >= 'A' && s[ws] <= 'Z' && word_in(s + ws, we - ws, NAMES) && s[ws2] >= 'A' &&
                    s[ws2] <= 'Z' && !word_in(s + ws2, we2 - ws2, PRONOUNS))
                    return 0;
                /* "Do not go", "Don't give up": orders; a question puts its
                 * subject after the verb ("Don't you think", "Is not this"). */
                if (word_in(s + ws2, we2 - ws2, NOT) ||
                    (word_in(s + ws, we - ws, DONT) && s[ws2] >= 'a' && s[ws2] <= 'z' &&
                     !word_in(s + ws2, we2 - ws2, PRONOUNS) && !word_in(s + ws2, we2 - ws2, DETERMINERS)))
                    return 0;
                return 1;
            }
            return next_word(s, &i, hi, &ws2, &we2, &stem2) && word_in(s + ws2, we2 - ws2, PRONOUNS);
        }
        if (first && word_in(s + ws, stem, WH)) {
            if (stem < we - ws) /* what's, who'd, where're */
                return 1;
            if (word_in(s + ws, stem, WHO))
                return 1;
            size_t j = i; /* "What about ...", "What if ...", "What else ..." */
            if (word_in(s + ws, we - ws, WHAT) && next_word(s, &j, hi, &ws2, &we2, &stem2) &&
                word_in(s + ws2, we2 - ws2, WHAT_NEXT))
                return 1;
            /* "what form will any transition take": a verb of ASKING soon
             * after, before its subject ("What matters is winning" is not). */
            for (int k = 0; k < 3 && next_word(s, &i, hi, &ws2, &we2, &stem2); k++) {
                if (word_in(s + ws2, we2 - ws2, ASKING)) {
                    size_t ws3, we3, stem3;
                    if (k == 0) /* "What is ...", "When will ..." */
                        return 1;
                    return next_word(s, &i, hi, &ws3, &we3, &stem3) &&
                           (word_in(s + ws3, we3 - ws3, PRONOUNS) || word_in(s + ws3, we3 - ws3, DETERMINERS) ||
                            (s[ws3] >= 'A' && s[ws3] <= 'Z'));
                }
                /* "When you have ...", "What I'm saying is ...": statements */
                if (word_in(s + ws2, stem2, PRONOUNS))
                    return 0;
                if (i < hi && s[i] == ',')
                    break;
            }
            return count_words(s, ws, hi, 5) <= 4;
        }
        if (!first && word_in(s + ws, we - ws, ASKED_INSIDE)) {
            /* Inside a sentence only the forms relative clauses do not take:
             * "..., what can Israel do", "- so where will the money",
             * "..., which candidate will voters" (not "..., which is the",
             * "..., which she has", "..., when voters will"). */
            size_t ws3, we3, stem3;
            if (!next_word(s, &i, hi, &ws2, &we2, &stem2))
                return 0;
            int which = word_in(s + ws, we - ws, WHICH);
            if (word_in(s + ws2, we2 - ws2, ASKING))
                return !which && next_word(s, &i, hi, &ws3, &we3, &stem3) &&
                       (word_in(s + ws3, we3 - ws3, PRONOUNS) || word_in(s + ws3, we3 - ws3, DETERMINERS) ||
                        (s[ws3] >= 'A' && s[ws3] <= 'Z'));
            if (!which || word_in(s + ws2, we2 - ws2, PRONOUNS) || word_in(s + ws2, we2 - ws2, DETERMINERS))
                return 0;
            return next_word(s, &i, hi, &ws3, &we3, &stem3) && word_in(s + ws3, we3 - ws3, ASKING);
        }
        if (!word_in(s + ws, we - ws, LEADS))
            return 0;
    }
    return 0;
}

/* The bytes where a quotation or a clause may open inside a sentence: ASCII
 * : " , ; ( - and every non-ASCII byte (for “ ‘ —); one lookup per byte. */
static const unsigned char ASCII_BOUNDARY[256] = {
    ['"'] = 1, ['('] = 1, [','] = 1, ['-'] = 1, [':'] = 1, [';'] = 1,
    [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

/* Whether the sentence s[from..to) (to: the '?') reads as a real question. */
static int reads_as_question(const unsigned char *s, size_t from, size_t to)
{
    if (opens_question(s, from, to, 1))
        return 1;
    size_t i = from, ws, we, stem;
    if (count_words(s, from, to, 2) == 1 && next_word(s, &i, to, &ws, &we, &stem) &&
        word_in(s + ws, we - ws, ALONE))
        return 1;
    /* "If elected, what would ...", "If so, which one?": after an opening
     * subordinate clause (or "Besides ..." phrase) the main clause may ask
     * as a sentence would. */
    i = from;
    if (next_word(s, &i, to, &ws, &we, &stem) && word_in(s + ws, we - ws, SUBORDINATORS)) {
        const unsigned char *comma = memchr(s + i, ',', to - i);
        if (comma && opens_question(s, (size_t)(comma - s) + 1, to, 1))
            return 1;
    }
    /* A question quoted, or opening a clause, inside the sentence. */
    for (size_t k = to; k > from; k--) {
        unsigned char c = s[k - 1];
        if (!ASCII_BOUNDARY[c])
            continue;
        int quote = c == ':' || c == '"' ||
                    (k >= from + 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 && (c == 0x9C || c == 0x98));
        int clause = c == ',' || c == ';' || c == '(' ||
                     (k >= from + 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 && c == 0x94) ||
                     (c == '-' && k >= from + 2 && (s[k - 2] == '-' || (s[k - 2] == ' ' && k < to && s[k] == ' ')));
        if (quote && c == '"') {
            /* An opening quote follows a space and precedes a word; the
             * closing one of a quoted phrase ("a "loner" is able") does not. */
            int32_t before = k >= 2 ? prev_cp(s, from, k - 1) : NONE;
            if (!(is_space(before) || before == '(' || before == ':') || k >= to || s[k] == ' ')
                quote = 0;
            /* A quote opening in lower case is a fragment ("his side "are
             * going ..."): only the forms allowed inside a sentence count. */
            else if (s[k] >= 'a' && s[k] <= 'z')
                quote = 0, clause = 1;
        }
        if ((quote || clause) && opens_question(s, k, to, quote))
            return 1;
    }
    /* "You did what?" */
    size_t e = to;
    while (e > from && ascii_alpha(s[e - 1]))
        e--;
    if (word_in(s + e, to - e, WH_LAST))
        return 1;
    /* "Where are you?", "..., wouldn't he?": an auxiliary before its subject
     * at the end (not "do it", "have that", "was there": main verbs, places). */
    size_t e2 = e, b2;
    while (e2 > from && s[e2 - 1] == ' ')
        e2--;
    for (b2 = e2; b2 > from;) {
        if (ascii_alpha(s[b2 - 1]) || s[b2 - 1] == '\'')
            b2--;
        else if (b2 >= from + 3 && s[b2 - 3] == 0xE2 && s[b2 - 2] == 0x80 && s[b2 - 1] == 0x99)
            b2 -= 3;
        else
            break;
    }
    if (e2 < e && b2 < e2 && word_in(s + b2, e2 - b2, ASKING_LAST) && word_in(s + e, to - e, SUBJECTS_LAST))
        return 1;
    /* Tag questions: "..., isn't it?", "..., right?" */
    for (size_t k = to; k > from && to - k < 40; k--) {
        if (s[k - 1] == ',') {
            size_t j = k;
            size_t n = count_words(s, k, to, 4), ws2, we2, stem2;
            if (n > 3 || !next_word(s, &j, to, &ws, &we, &stem))
                break;
            if (n == 1 && word_in(s + ws, we - ws, TAGS))
                return 1;
            if (word_in(s + ws, we - ws, ASKING) && next_word(s, &j, to, &ws2, &we2, &stem2) &&
                word_in(s + ws2, we2 - ws2, PRONOUNS))
                return 1;
            break;
        }
    }
    if (to - from >= 6 && memcmp(s + to - 6, "or not", 6) == 0)
        return 1;
    return 0;
}

/* Whether the word before s[pos] is an abbreviation or an initial. */
static int abbreviation_before(const unsigned char *s, size_t lo, size_t pos)
{
    size_t b = pos;
    while (b > lo && ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z'))
        b--;
    if (b == pos)
        return 0;
    if (b > lo && (s[b - 1] >= 0x80 || is_digit(s[b - 1])))
        return 0;
    /* "aren't I?", "Who am I?": the pronoun, not an initial */
    return (pos - b == 1 && s[b] != 'I') || word_in(s + b, pos - b, ABBREVIATIONS);
}

/* The letters after s[pos] form a contraction ending: n't, 's, 're, 'll, 've, 'd, 'm. */
static int contraction_after(const unsigned char *s, size_t pos, size_t hi, int32_t before)
{
    size_t e = pos;
    while (e < hi && ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z'))
        e++;
    if (e < hi && (s[e] >= 0x80 || is_digit(s[e])))
        return 0;
    size_t n = e - pos;
    /* Upper case after a capital is an initialism ("U?S"), not "IT?S". */
    if (n >= 1 && s[pos] >= 'A' && s[pos] <= 'Z' && before >= 'A' && before <= 'Z' && n == 1)
        return 0;
    if (n == 1 && (s[pos] | 0x20) == 't')
        return (before | 0x20) == 'n';
    return word_in(s + pos, n, SUFFIXES);
}

/* ---- detection ---------------------------------------------------------- */

/* Evidence that the '?' in s[lo..hi) (a run of lines without '.') stand for '.'. */
static int dots_lost(const unsigned char *s, size_t lo, size_t hi)
{
    size_t strong = 0, weak = 0, asked = 0, sent = lo;
    for (size_t p = lo; p < hi; p++) {
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
        else if (is_space(N) || is_closer(N)) {
            /* Short fragments ("Brash? Arrogant?") say nothing either way. */
            if (reads_as_question(s, sent, p))
                asked++;
            else if (count_words(s, sent, p, 4) >= 4)
                weak++;
            sent = p + 1;
        }
        if (strong >= 2 || (strong >= 1 && strong + weak >= 2) ||
            (weak >= 3 && weak > 2 * asked && hi - lo >= 200))
            return 1; /* decided: the rest need not be read */
    }
    /* Statements ending in '?' alone decide only a long run: clean text
     * rarely goes on for long without a '.', while a few short lines of
     * questions and fragments ("Go out to dinner?") are common. */
    return (strong >= 1 && strong + weak >= 2) || strong >= 2 ||
           (weak >= 3 && weak > 2 * asked && hi - lo >= 200);
}

/* Evidence that the '?' of the line s[lo..hi) stand for quotes and dashes:
 * *strong counts shapes clean text never has ("don?t", " ?word", "said.? "),
 * *weak the shapes of a lost dash (" ? ", "word?word"), and *dash those of
 * them followed by a lower-case word (" ? which"), rarer still in clean text. */
static void quote_evidence(const unsigned char *s, size_t lo, size_t hi, size_t *strong, size_t *weak,
                           size_t *dash)
{
    *strong = *weak = *dash = 0;
    size_t scanned = lo;
    int single_open = 0; /* a ‘ (never damaged) awaits its ’ */
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
        int32_t P = prev_cp(s, lo, p), N = next_cp(s, p + 1, hi);
        /* "the concept ‘dog? by", "‘sign?, and": the ’ that closes it (a
         * question would end its sentence: "‘Are you insane?") */
        if (single_open && is_alnum(P) &&
            (N == ',' || N == ';' || N == ':' || (N == ' ' && is_lower(next_cp(s, p + 2, hi))))) {
            single_open = 0;
            (*strong)++;
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
        } else if ((is_space(P) || is_opener(P)) && is_alnum(N)) {
            (*strong)++; /* " ?word", "(?word", and "?word" opening a line */
        } else if (is_end_punct(P) && (is_space(N) || is_end_punct(N)) && p >= lo + 2 &&
                   (is_lower(prev_cp(s, lo, p - 1)) || is_digit(prev_cp(s, lo, p - 1)))) {
            (*strong)++; /* "word.?" but not "?!?" or "..?" */
        } else if (is_closer(P) && N == ' ' && is_lower(next_cp(s, p + 2, hi))) {
            (*strong)++; /* "the dress"? you": a question goes inside its quotes */
        } else if ((P == 's' || P == 'S') && N == ' ' && p + 2 < hi && is_lower(next_cp(s, p + 2, hi))) {
            (*dash)++; /* "players? union": a lost apostrophe */
        } else if (is_space(P) && P != NONE && is_space(N)) {
            /* A question mark set off by spaces ends a question ("insane ?
             * Surely"), so it comes before a capital or the line's end; a
             * lower-case word or a number after it is a lost dash. */
            size_t w = p + 1;
            while (w < hi && s[w] == ' ')
                w++;
            int32_t W = next_cp(s, w, hi);
            if (is_lower(W) || is_digit(W))
                (*strong)++;
            else
                (*weak)++;
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
    /* The output is about as long as the text: room for it at once spares
     * the copies of growing there by doubling. */
    if (!o->changed)
        st = ng_buf_reserve(o->buf, o->len);
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

/* The replacement for a lost quote or dash at s[p..p+n) by its context, or
 * NULL to keep it. `open` says which quote the line last opened and left
 * open: 0 none, 1 a double “, 2 a single ‘. */
static const char *quote_for(const unsigned char *s, size_t lo, size_t hi, size_t p, size_t n,
                             size_t sent, int open)
{
    int32_t P = prev_cp(s, lo, p), N = next_cp(s, p + n, hi);
    if (is_alnum(P) && is_alnum(N)) {
        if (is_letter(N) && contraction_after(s, p + n, hi, P))
            return RSQUO;
        /* O’Brien, D’Angelo, o’clock, c’mon: a one-letter word before it,
         * a name's prefix or a letter in lower case ("Plan B—the" is a dash) */
        if ((P == 'O' || P == 'D' || P == 'L' || (is_lower(P) && P != 'a')) && is_letter(N) &&
            (p - 1 == lo || !is_letter(prev_cp(s, lo, p - 1))))
            return RSQUO;
        return MDASH;
    }
    /* "and ?.", "They started ?"": speech broken off by a dash */
    if (is_space(P) && P != NONE &&
        (is_end_punct(N) || N == '?' || (is_closer(N) && is_space(next_cp(s, p + n + cp_len(N), hi)))))
        return MDASH;
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
    if (is_alnum(P) && (is_space(N) || is_end_punct(N) || is_closer(N))) {
        if (open == 2) /* a single quote ‘ is open: ’ closes it */
            return RSQUO;
        if (open) {
            size_t j = p + n;
            while (j < hi && s[j] == ' ')
                j++;
            int32_t W = next_cp(s, j, hi);
            /* A quotation closes on a word before a comma, a lower-case
             * word ("? she said") or the line's end; before a capital the
             * '?' ended a question inside it ("?Ramon? Hi."), "I" aside. */
            if (j < hi && is_space(N) && !is_lower(W) &&
                ((is_letter(W) && !(W == 'I' && !is_letter(next_cp(s, j + 1, hi)))) ||
                 reads_as_question(s, sent, p)))
                return NULL;
            return RDQUO;
        }
        /* "players? union": a plural's apostrophe before its noun */
        if ((P == 's' || P == 'S') && N == ' ' && is_lower(next_cp(s, p + n + 1, hi)))
            return RSQUO;
    }
    return NULL;
}

/* Restores the line s[lo..hi): '?' for '.' (dots), '?' for quotes and dashes
 * (quotes), U+FFFD (fffd; 2 also drops what it cannot place). */
static ng_status restore_line(lp_out *o, size_t lo, size_t hi, int dots, int quotes, int fffd,
                              ng_repair_counts *counts)
{
    const unsigned char *s = (const unsigned char *)o->text;
    ng_status st = NG_OK;
    size_t sent = lo; /* where the current sentence (or quotation) starts */
    int open = 0;
    int asked = 0; /* the last sentence ended in a '?' kept as a question */
    for (size_t p = lo; p < hi && st == NG_OK; p++) {
        /* Only '!', '?' and the lead bytes of “ ” ‘ ’ and U+FFFD matter. */
        while (p < hi && s[p] < 0xE2 && s[p] != '!' && s[p] != '?')
            p++;
        if (p >= hi)
            break;
        unsigned char c = s[p];
        if (c == '!') {
            sent = p + 1;
            continue;
        }
        if (c == 0xE2 && p + 2 < hi && s[p + 1] == 0x80 && (s[p + 2] == 0x9C || s[p + 2] == 0x9D)) {
            open = s[p + 2] == 0x9C;
            if (open)
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
            const char *rep = quote_for(s, lo, hi, p, 3, sent, open);
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
            if (r == 3) { /* "???" was "..."; "??" and "????" are emphatic */
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
            if (is_alnum(N) || N == ',' || N == ';' || N == ':') {
                st = put(o, p, 1, PERIOD);
                counts->lossy_periods++;
            } else if (abbreviation_before(s, lo, p)) {
                st = put(o, p, 1, PERIOD);
                counts->lossy_periods++;
            } else {
                /* "How about the radio? Or GPS?": a sentence opening with
                 * "Or" right after a question goes on asking. */
                size_t j = sent, ws, we, stem;
                asked = reads_as_question(s, sent, p) ||
                        (asked && next_word(s, &j, p, &ws, &we, &stem) && word_in(s + ws, we - ws, OR));
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
        const char *rep = quote_for(s, lo, hi, p, 1, sent, open);
        if (!rep) {
            sent = p + 1;
            continue;
        }
        st = put(o, p, 1, rep);
        counts->lossy_quotes++;
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

ng_status ng_lossy_punct_repair(const char *text, size_t len, unsigned flags, const ng_map *prior,
                                ng_buf *out, ng_map *map, ng_repair_counts *counts, int *changed)
{
    size_t prior_run = 0;
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

    /* Shapes of lost quotes in the whole text back the weak shapes of a
     * line; read once, when a line first needs them. */
    size_t doc_quotes = 0, doc_dashes = 0, doc_weak = 0;
    int doc_read = 0;

    /* Runs of lines without '.', each judged as a whole for lost periods. */
    size_t pos = 0;
    while (pos < len && st == NG_OK) {
        size_t run_end = pos, line_end;
        int run_has_q = 0;
        for (;;) {
            const char *nl = memchr(text + run_end, '\n', len - run_end);
            line_end = nl ? (size_t)(nl - text) : len;
            if (memchr(text + run_end, '.', line_end - run_end))
                break;
            run_has_q |= memchr(text + run_end, '?', line_end - run_end) != NULL;
            run_end = line_end < len ? line_end + 1 : len;
            if (run_end >= len)
                break;
        }
        int dots = want_punct && run_has_q && run_end > pos && dots_lost(s, pos, run_end);
        if (run_end == pos) {
            /* The line at pos holds a '.': it is its own region. */
            run_end = line_end < len ? line_end + 1 : len;
        }
        for (size_t lo = pos; lo < run_end && st == NG_OK;) {
            const char *nl = memchr(text + lo, '\n', run_end - lo);
            size_t hi = nl ? (size_t)(nl - text) : run_end;
            int has_line_q = want_punct && memchr(text + lo, '?', hi - lo) != NULL;
            int quotes = 0;
            if (!dots && has_line_q) {
                /* The line's own shapes decide, or a lost dash on a line of
                 * a text that shows lost quotes elsewhere. */
                size_t strong, weak, dash;
                quote_evidence(s, lo, hi, &strong, &weak, &dash);
                if (strong == 0 && (weak >= 1 || dash >= 1) && !doc_read) {
                    quote_evidence(s, 0, len, &doc_quotes, &doc_weak, &doc_dashes);
                    doc_read = 1;
                }
                /* Weak shapes decide with the text's own evidence: lost
                 * quotes, lost dashes, or one of those and many weak shapes
                 * (a transcript whose broken-off speech ends lines " ?"). */
                quotes = strong >= 1 ||
                         ((weak >= 1 || dash >= 1) && (doc_quotes >= 3 || doc_dashes >= 2 ||
                                                       (doc_quotes + doc_dashes >= 1 && doc_weak >= 3)));
            }
            int line_fffd = has_fffd && !touched(prior, &prior_run, lo, hi) ? fffd : 0;
            if (dots || quotes || line_fffd)
                st = restore_line(&o, lo, hi, dots && has_line_q, quotes, line_fffd, counts);
            lo = nl ? hi + 1 : run_end;
        }
        pos = run_end;
    }
    if (st == NG_OK && o.changed) {
        if (len > o.done) {
            if (map)
                st = ng_map_add(map, out->len, o.done, 1);
            if (st == NG_OK)
                st = ng_buf_append(out, text + o.done, len - o.done);
        }
    }
    *changed = o.changed;
    return st;
}

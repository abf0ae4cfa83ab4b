/*
 * normalize.c: ng_normalize(), one pass over the input with an offset map.
 *
 * The steps, in the order their effects compose (each sees the output of the
 * ones before it):
 *
 *   1. decode   UTF-8 (an invalid byte becomes U+FFFD), HTML character
 *               references (NG_NORM_ENTITIES), and dropping of invisible
 *               controls (NG_NORM_CONTROLS), also when a reference produced
 *               them: "&#173;" is a soft hyphen and goes.
 *   2. form     Unicode normalization and case folding through utf8proc. Code
 *               points that are stable under the form (unicode_stable.h) are
 *               passed through; only a stable starter with the unstable code
 *               points after it is handed to utf8proc.
 *   3. layout   ASCII punctuation (NG_NORM_ASCII_PUNCT), whitespace
 *               (NG_NORM_WHITESPACE), then dehyphenation (NG_NORM_DEHYPHENATE).
 *               Layout comes after the form because NFKC can produce spaces
 *               ("\u00A8" is " \u0308"); the whitespace rules never create or
 *               destroy a composition, so the output stays in the form.
 *
 * The steps are stages of one pipeline, not separate passes: every code point
 * carries the input span [s, e) it came from, so the offset map is built as
 * the output is written and no maps need composing.
 *
 * Speed: a byte class table finds stretches of ASCII that no step changes;
 * they are copied with one append and one map run. The stretch's last
 * character is held back when the next byte might start a combining mark
 * (an ASCII letter followed by U+0301 composes under NFC).
 */
#include <stdlib.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* AVX2 where the compiler can target it per function; the CPU is asked at
 * run time (ng_normalize), so the module still runs on CPUs without it.
 * -DNG_HAVE_AVX2=0 builds the SSE2 path alone (make test-asan does, so the
 * suite covers both). */
#ifndef NG_HAVE_AVX2
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NG_HAVE_AVX2 1
#else
#define NG_HAVE_AVX2 0
#endif
#endif
#if NG_HAVE_AVX2
#include <immintrin.h>
#endif

#include "html_entities.h"
#include "internal.h"
#include "unicode_stable.h"

/* Byte classes of ng_byte_class. */
enum {
    NG_C_HIGH = 1u << 0,   /* 0x80..0xFF: part of a multibyte character */
    NG_C_AMP = 1u << 1,    /* '&' */
    NG_C_CTRL = 1u << 2,   /* C0 controls but \t \n \v \f \r, and DEL */
    NG_C_SPACE = 1u << 3,  /* ' ' */
    NG_C_WS = 1u << 4,     /* \t \n \v \f \r */
    NG_C_HYPHEN = 1u << 5, /* '-' */
    NG_C_UPPER = 1u << 6   /* 'A'..'Z' */
};

static const uint8_t ng_byte_class[256] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 16, 16, 16, 16, 16, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    8, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 32, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#define NG_ALL_FLAGS                                                        \
    (NG_NORM_WHITESPACE | NG_NORM_CONTROLS | NG_NORM_ENTITIES |             \
     NG_NORM_ASCII_PUNCT | NG_NORM_DEHYPHENATE | NG_NORM_CASEFOLD)

/*
 * At most this many code points go to utf8proc at once. Real text never has
 * more than a few combining marks in a row; an adversarial run of millions is
 * normalized in chunks of this size, so time stays linear (utf8proc's
 * canonical ordering is quadratic in the run length). This follows the
 * Stream-Safe Text Format of UAX #15, which bounds runs of non-starters at 30,
 * except that no U+034F is inserted: a longer run is reordered within each
 * chunk only.
 */
#define NG_SEG_MAX 32
/* utf8proc output room on the stack; larger results go to the heap. The
 * longest decomposition is 18 code points (U+FDFA under NFKD). */
#define NG_SEG_OUT 1024

/* One code point on its way through the stages. */
typedef struct ng_item {
    int32_t cp;
    size_t s, e;  /* the input bytes it came from */
    int verbatim; /* input bytes s..e are exactly its UTF-8 encoding */
} ng_item;

/* A pending space or line break of the whitespace step. */
typedef struct ng_ws_src {
    size_t s, e;
    int copy; /* its output byte (' ' or '\n') is its input byte */
} ng_ws_src;

/* The output's non-ASCII bytes, counted as they are written so that a
 * caller building a string need not read the output again (ng_utf8_shape). */
typedef struct ng_wide {
    size_t cont;    /* continuation bytes */
    size_t lead[3]; /* code points U+0080..U+00FF, U+0100..U+FFFF, U+10000.. */
} ng_wide;

/* A saved output position, for dehyphenation to take back what it wrote. */
typedef struct ng_mark {
    size_t out_len, n_runs, exp_in;
    ng_run last;
    ng_wide wide;
} ng_mark;

enum { NG_DH_IDLE, NG_DH_HYPHEN, NG_DH_BREAK };

typedef struct ng_norm {
    const unsigned char *text;
    size_t len;
    unsigned flags;
    ng_buf out;
    ng_map *map;   /* NULL: no map wanted */
    size_t exp_in; /* input offset up to which the map accounts for input */
    ng_wide wide;  /* of out */

    /* form */
    int avx2;                /* the CPU has AVX2 (ng_scan_avx2) */
    int seg_on;              /* a form or case folding is requested */
    unsigned stable_mask;    /* NG_STABLE_* bits a pass-through needs */
    unsigned boundary_mask;  /* NG_STABLE_* bits of the form alone */
    utf8proc_option_t uopts; /* utf8proc options of the form */
    ng_item seg[NG_SEG_MAX];
    size_t seg_n;

    /* whitespace */
    int started; /* some content has been written */
    int pend_space;
    ng_ws_src space;
    size_t n_breaks; /* saturates at 3 */
    ng_ws_src brk[2];
    int prev_cr;

    /* dehyphenation */
    int dh_state;
    int dh_prev_letter;
    int dh_cr;
    ng_mark dh_before, dh_after; /* around the hyphen */
} ng_norm;

/* ------------------------------------------------------------------------
 * Character classes
 * ------------------------------------------------------------------------ */

/*
 * What NG_NORM_CONTROLS drops: C0 and C1 controls except tab and the line
 * breaks (\n \v \f \r, NEL), which the whitespace step handles; the soft
 * hyphen; zero-width space, word joiner, invisible operators and BOM; bidi
 * marks, embeddings, overrides and isolates; the Arabic letter mark, the
 * Mongolian vowel separator and the deprecated format characters.
 * ZWNJ and ZWJ (U+200C, U+200D) are kept: they select emoji sequences and the
 * shaping of Indic, Persian and Arabic words, so dropping them changes text.
 * Variation selectors and tag characters are kept for the same reason.
 */
static int ng_is_removable(int32_t cp)
{
    if (cp < 0x20)
        return !(cp == '\t' || (cp >= '\n' && cp <= '\r'));
    if (cp < 0x7F)
        return 0;
    if (cp <= 0x9F)
        return cp != 0x85;
    if (cp < 0xAD)
        return 0;
    switch (cp) {
    case 0x00AD: case 0x061C: case 0x180E: case 0x200B: case 0x200E:
    case 0x200F: case 0xFEFF:
        return 1;
    default:
        break;
    }
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x206F);
}

/* Tab and the Unicode space separators (Zs). */
static int ng_is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

/* LF, VT, FF, CR, NEL, LS, PS. */
static int ng_is_break(int32_t cp)
{
    return (cp >= '\n' && cp <= '\r') || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/*
 * NG_NORM_ASCII_PUNCT. Single quotes, primes and single guillemets become
 * '\''; double quotes, double primes and guillemets (quotation marks in
 * French, German, Russian) become '"'; hyphens, figure and en dashes and the
 * minus sign become '-'; the em dash and horizontal bar become "--", so that a
 * dash between words stays distinguishable from a compound's hyphen
 * ("well-known" is one word, "said--and" is two); leaders become dots,
 * fraction and division slashes '/'.
 */
static const char *ng_ascii_punct(int32_t cp, size_t *n)
{
    *n = 1;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x2035: case 0x2039: case 0x203A:
        return "'";
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E:
    case 0x201F: case 0x2033: case 0x2036:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
    case 0xFE63: case 0xFF0D:
        return "-";
    case 0x2014: case 0x2015:
        *n = 2;
        return "--";
    case 0x2024:
        return ".";
    case 0x2025:
        *n = 2;
        return "..";
    case 0x2026:
        *n = 3;
        return "...";
    case 0x2044: case 0x2215:
        return "/";
    default:
        return NULL;
    }
}

static int ng_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int ng_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Uppercase, titlecase or a decimal digit. */
static int ng_is_upper_or_digit(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_ND;
}

/* ------------------------------------------------------------------------
 * Output and map
 * ------------------------------------------------------------------------ */

/* Writes b[0..n), which came from input bytes [s, e), without counting
 * its code points: b must be ASCII. copy: the bytes are the input bytes
 * themselves. */
static ng_status ng_put_ascii(ng_norm *nz, const char *b, size_t n, size_t s, size_t e, int copy)
{
    ng_status st;
    ng_map *map = nz->map;
    if (map) {
        ng_run *last = map->n_runs ? &map->runs[map->n_runs - 1] : NULL;
        if (last && s < last->in)
            s = last->in; /* never happens by construction; keeps the map monotone */
        if (!copy && last && !last->copy && last->in == s) {
            /* More output of the same replacement: the run grows. */
        } else {
            if (s > nz->exp_in) {
                /* Input between exp_in and s was dropped: an empty run. */
                st = ng_map_add(map, nz->out.len, nz->exp_in, 0);
                if (st != NG_OK)
                    return st;
            }
            st = ng_map_add(map, nz->out.len, s, copy);
            if (st != NG_OK)
                return st;
        }
        if (e > nz->exp_in)
            nz->exp_in = e;
    }
    return ng_buf_append(&nz->out, b, n);
}

/* Writes b[0..n) (valid UTF-8), as ng_put_ascii, counting its code points. */
static ng_status ng_put(ng_norm *nz, const char *b, size_t n, size_t s, size_t e, int copy)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)b[k];
        if (c < 0x80)
            continue;
        if ((c & 0xC0) == 0x80)
            nz->wide.cont++;
        else
            nz->wide.lead[c < 0xC4 ? 0 : c < 0xF0 ? 1 : 2]++;
    }
    return ng_put_ascii(nz, b, n, s, e, copy);
}

static void ng_mark_set(const ng_norm *nz, ng_mark *m)
{
    m->out_len = nz->out.len;
    m->exp_in = nz->exp_in;
    m->wide = nz->wide;
    m->n_runs = nz->map ? nz->map->n_runs : 0;
    if (m->n_runs)
        m->last = nz->map->runs[m->n_runs - 1];
}

static void ng_mark_restore(ng_norm *nz, const ng_mark *m)
{
    nz->out.len = m->out_len;
    nz->exp_in = m->exp_in;
    nz->wide = m->wide;
    if (nz->map) {
        nz->map->n_runs = m->n_runs;
        if (m->n_runs)
            nz->map->runs[m->n_runs - 1] = m->last;
    }
}

/* ------------------------------------------------------------------------
 * Step 3: layout (dehyphenation, whitespace, ASCII punctuation)
 * ------------------------------------------------------------------------ */

/*
 * NG_NORM_DEHYPHENATE, for text extracted from PDFs and OCR: a hyphen ('-' or
 * U+2010) right after a letter, then optional spaces, ONE line break and
 * optional spaces, then
 *   a lowercase letter           join without the hyphen: "exam-\nple" is
 *                                "example" (a compound split at its own
 *                                hyphen, "well-\nknown", also loses it; no
 *                                rule can tell the two apart without a
 *                                dictionary, and word splits are far more
 *                                common);
 *   an uppercase letter or digit keep the hyphen, drop the break:
 *                                "COVID-\n19" is "COVID-19", "Franco-\n
 *                                Prussian" is "Franco-Prussian";
 *   anything else                unchanged.
 * A paragraph break (two line breaks) never joins. The hyphen and what
 * follows it are written as they come and taken back (output and map) once
 * the next character decides.
 */
static ng_status ng_dehyphen(ng_norm *nz, int32_t cp, const char *b, size_t n,
                             size_t s, size_t e, int copy)
{
    if (!(nz->flags & NG_NORM_DEHYPHENATE))
        return ng_put(nz, b, n, s, e, copy);
    if (nz->dh_state == NG_DH_HYPHEN) {
        if (ng_is_space(cp))
            return ng_put(nz, b, n, s, e, copy);
        if (ng_is_break(cp)) {
            nz->dh_state = NG_DH_BREAK;
            nz->dh_cr = cp == '\r';
            return ng_put(nz, b, n, s, e, copy);
        }
        nz->dh_state = NG_DH_IDLE;
    } else if (nz->dh_state == NG_DH_BREAK) {
        if (ng_is_space(cp)) {
            nz->dh_cr = 0;
            return ng_put(nz, b, n, s, e, copy);
        }
        if (cp == '\n' && nz->dh_cr) {
            nz->dh_cr = 0;
            return ng_put(nz, b, n, s, e, copy);
        }
        nz->dh_state = NG_DH_IDLE;
        if (ng_is_break(cp)) {
            nz->dh_prev_letter = 0;
            return ng_put(nz, b, n, s, e, copy);
        }
        if (ng_is_lower(cp))
            ng_mark_restore(nz, &nz->dh_before);
        else if (ng_is_upper_or_digit(cp))
            ng_mark_restore(nz, &nz->dh_after);
    }
    if (nz->dh_prev_letter && (cp == '-' || cp == 0x2010)) {
        ng_mark_set(nz, &nz->dh_before);
        ng_status st = ng_put(nz, b, n, s, e, copy);
        ng_mark_set(nz, &nz->dh_after);
        nz->dh_state = NG_DH_HYPHEN;
        nz->dh_prev_letter = 0;
        return st;
    }
    nz->dh_prev_letter = ng_is_letter(cp);
    return ng_put(nz, b, n, s, e, copy);
}

/* A character that is neither space nor line break for the whitespace step. */
static ng_status ng_content(ng_norm *nz, const ng_item *it)
{
    if ((nz->flags & NG_NORM_ASCII_PUNCT) && it->cp >= 0xAB) {
        size_t n;
        const char *r = ng_ascii_punct(it->cp, &n);
        if (r)
            return ng_dehyphen(nz, it->cp, r, n, it->s, it->e, 0);
    }
    if (it->verbatim)
        return ng_dehyphen(nz, it->cp, (const char *)nz->text + it->s,
                           it->e - it->s, it->s, it->e, 1);
    char buf[4];
    size_t n = ng_utf8_encode(it->cp, buf);
    return ng_dehyphen(nz, it->cp, buf, n, it->s, it->e, 0);
}

static ng_status ng_put_ws(ng_norm *nz, int32_t cp, const ng_ws_src *src)
{
    char c = (char)cp;
    return ng_dehyphen(nz, cp, &c, 1, src->s, src->e, src->copy);
}

/*
 * NG_NORM_WHITESPACE. Spaces and line breaks are held until the next other
 * character shows what they become: nothing at the start of the text or of a
 * line, one "\n" for one line break, "\n\n" for more, one ' ' otherwise. The
 * end of the text drops whatever is held.
 */
static ng_status ng_layout(ng_norm *nz, const ng_item *it)
{
    if (!(nz->flags & NG_NORM_WHITESPACE))
        return ng_content(nz, it);
    int32_t cp = it->cp;
    if (ng_is_break(cp)) {
        if (cp == '\n' && nz->prev_cr) {
            /* CRLF is one break. */
            nz->prev_cr = 0;
            if (nz->n_breaks >= 1 && nz->n_breaks <= 2)
                nz->brk[nz->n_breaks - 1].e = it->e;
            return NG_OK;
        }
        if (nz->n_breaks < 2)
            nz->brk[nz->n_breaks] = (ng_ws_src){it->s, it->e, cp == '\n' && it->verbatim};
        if (nz->n_breaks < 3)
            nz->n_breaks++;
        nz->prev_cr = cp == '\r';
        nz->pend_space = 0; /* trailing spaces of the line */
        return NG_OK;
    }
    nz->prev_cr = 0;
    if (ng_is_space(cp)) {
        if (!nz->pend_space && !nz->n_breaks) {
            nz->pend_space = 1;
            nz->space = (ng_ws_src){it->s, it->e, cp == ' ' && it->verbatim};
        }
        return NG_OK;
    }
    ng_status st = NG_OK;
    if (nz->started) {
        if (nz->n_breaks) {
            st = ng_put_ws(nz, '\n', &nz->brk[0]);
            if (st == NG_OK && nz->n_breaks > 1)
                st = ng_put_ws(nz, '\n', &nz->brk[1]);
        } else if (nz->pend_space) {
            st = ng_put_ws(nz, ' ', &nz->space);
        }
        if (st != NG_OK)
            return st;
    }
    nz->started = 1;
    nz->pend_space = 0;
    nz->n_breaks = 0;
    return ng_content(nz, it);
}

/* Whether step 3 holds nothing back, so ASCII may be copied in bulk. */
static int ng_layout_idle(const ng_norm *nz)
{
    if (nz->flags & NG_NORM_WHITESPACE &&
        (!nz->started || nz->pend_space || nz->n_breaks || nz->prev_cr))
        return 0;
    return nz->dh_state == NG_DH_IDLE;
}

/* ------------------------------------------------------------------------
 * Step 2: normalization form and case folding
 * ------------------------------------------------------------------------ */

static int ng_cp_stable(const ng_norm *nz, int32_t cp)
{
    if (cp < 0x80)
        return !(nz->flags & NG_NORM_CASEFOLD) || cp < 'A' || cp > 'Z';
    return (ng_unicode_stable(cp) & nz->stable_mask) == nz->stable_mask;
}

/* Whether text can be cut before cp: the form alone is stable there. Case
 * folding never needs a longer context (no letter folds to a combining mark
 * or conjoining jamo), so a capital starts a segment too. */
static int ng_cp_boundary(const ng_norm *nz, int32_t cp)
{
    if (cp < 0x80)
        return 1;
    return (ng_unicode_stable(cp) & nz->boundary_mask) == nz->boundary_mask;
}

/* Normalizes the held segment (a stable starter and the code points after
 * it) and passes the result on. */
static ng_status ng_seg_flush(ng_norm *nz)
{
    ng_status st = NG_OK;
    utf8proc_int32_t stack_buf[NG_SEG_OUT];
    utf8proc_int32_t *buf = stack_buf;
    utf8proc_int32_t *heap = NULL;
    size_t n = nz->seg_n;
    nz->seg_n = 0;
    if (n == 0)
        goto cleanup;
    if (n == 1 && ng_cp_stable(nz, nz->seg[0].cp)) {
        st = ng_layout(nz, &nz->seg[0]);
        goto cleanup;
    }
    if (n == 1 && nz->seg[0].cp >= 'A' && nz->seg[0].cp <= 'Z') {
        /* Case folding of a lone ASCII capital, without utf8proc. */
        ng_item it = nz->seg[0];
        it.cp += 'a' - 'A';
        it.verbatim = 0;
        st = ng_layout(nz, &it);
        goto cleanup;
    }

    utf8proc_uint8_t u8[NG_SEG_MAX * 4];
    size_t n8 = 0;
    for (size_t i = 0; i < n; i++)
        n8 += ng_utf8_encode(nz->seg[i].cp, (char *)u8 + n8);
    utf8proc_ssize_t r = utf8proc_decompose(u8, (utf8proc_ssize_t)n8, buf,
                                            NG_SEG_OUT, nz->uopts);
    if (r > NG_SEG_OUT) {
        heap = malloc((size_t)r * sizeof *heap);
        if (!heap) {
            st = NG_ENOMEM;
            goto cleanup;
        }
        buf = heap;
        utf8proc_ssize_t cap = r;
        r = utf8proc_decompose(u8, (utf8proc_ssize_t)n8, buf, cap, nz->uopts);
        if (r > cap)
            r = -1;
    }
    if (r >= 0 && nz->uopts & UTF8PROC_COMPOSE)
        r = utf8proc_normalize_utf32(buf, r, nz->uopts);

    size_t m = r >= 0 ? (size_t)r : 0;
    int same = r >= 0 && m == n;
    for (size_t i = 0; same && i < n; i++)
        same = buf[i] == nz->seg[i].cp;
    if (r < 0 || same) {
        /* Unchanged (or utf8proc refused it, which valid code points never
         * cause): every code point keeps its own source. */
        for (size_t i = 0; i < n && st == NG_OK; i++)
            st = ng_layout(nz, &nz->seg[i]);
        goto cleanup;
    }
    /* Changed. A starter that comes out as itself did not compose, so it
     * keeps its own source; the rest of the result maps to what follows. */
    size_t skip = 0;
    if (m > 0 && n > 1 && buf[0] == nz->seg[0].cp) {
        st = ng_layout(nz, &nz->seg[0]);
        skip = 1;
    }
    ng_item it = {0, nz->seg[skip].s, nz->seg[n - 1].e, 0};
    for (size_t i = skip; i < m && st == NG_OK; i++) {
        it.cp = buf[i];
        st = ng_layout(nz, &it);
    }

cleanup:
    free(heap);
    return st;
}

static ng_status ng_step_form(ng_norm *nz, int32_t cp, size_t s, size_t e, int verbatim)
{
    ng_item it = {cp, s, e, verbatim};
    if (!nz->seg_on)
        return ng_layout(nz, &it);
    if (ng_cp_boundary(nz, cp) || nz->seg_n == NG_SEG_MAX) {
        ng_status st = ng_seg_flush(nz);
        if (st != NG_OK)
            return st;
    }
    nz->seg[nz->seg_n++] = it;
    return NG_OK;
}

/* ------------------------------------------------------------------------
 * Step 1 and the main loop
 * ------------------------------------------------------------------------ */

/* The end of the ASCII stretch from i on that no step changes. With
 * whitespace on, a space belongs to it when another such byte follows. */
static size_t ng_scan_bytes(const unsigned char *s, size_t i, size_t end,
                            size_t len, unsigned stop, int ws)
{
    while (i < end) {
        if (!(ng_byte_class[s[i]] & stop)) {
            i++;
        } else if (ws && i + 1 < len && s[i] == ' ' &&
                   !(ng_byte_class[s[i + 1]] & (stop | NG_C_SPACE))) {
            i += 2;
        } else {
            break;
        }
    }
    return i;
}

#define NG_ONES UINT64_C(0x0101010101010101)
#define NG_HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each byte of w that equals c. Exact per byte (no borrows
 * between bytes), which the space test below relies on. */
static uint64_t ng_bytes_eq(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (NG_ONES * c);
    return ~(((x & ~NG_HIGHS) + ~NG_HIGHS) | x) & NG_HIGHS;
}

/*
 * Whether a block of `width` bytes (16 or 64) is plain, from masks of its
 * bytes (bit k for byte k): `bad` the bytes that are clearly not plain (>=
 * 0x80, < 0x20 with the line feed among them, DEL, '&', and '-' with
 * de-hyphenation: a superset of every stop class but capitals), `sp` the
 * spaces and `nl` the line feeds; `space_stop` says whether the byte after
 * the block would stop a space before it. With whitespace on, a space must
 * be followed by a plain byte, and a line or paragraph break ("\n" or
 * "\n\n") between two plain non-space bytes is plain too: it comes out as
 * it went in, which keeps news text, a break every few hundred bytes, on
 * the fast path. A break at either edge of the block is left to the byte
 * loop, which decides exactly.
 */
static inline int ng_block_plain(uint64_t bad, uint64_t sp, uint64_t nl, unsigned width, int ws,
                                 int space_stop)
{
    if (!ws)
        return !bad;
    const uint64_t last = UINT64_C(1) << (width - 1), all = last | (last - 1);
    if (nl && !(nl & (last | 1))) {
        uint64_t content = ~(bad | sp) & all;
        uint64_t beside = ((nl << 1) | (nl >> 1)) & ~nl;
        if (!(nl & (nl >> 1) & (nl >> 2)) && !(beside & ~content))
            bad &= ~nl;
    }
    return !bad && !(sp & (sp >> 1)) && !(sp & last && space_stop);
}

#if defined(__SSE2__)
/* ng_block_plain over sixteen bytes at a time (SSE2 is baseline on x86-64):
 * the start of the first block from i on that is not plain. */
static size_t ng_scan_sse2(const unsigned char *s, size_t i, size_t len, unsigned stop, int ws,
                           unsigned char hyphen)
{
    const __m128i ctl = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F),
                  amp = _mm_set1_epi8('&'), hyp = _mm_set1_epi8((char)hyphen),
                  spc = _mm_set1_epi8(' '), lf = _mm_set1_epi8('\n');
    for (; len - i >= 17; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* Signed: bytes >= 0x80 are negative, so below 0x20 as well. */
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, ctl), _mm_cmpeq_epi8(v, del)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, hyp)));
        uint64_t sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, spc));
        uint64_t nl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
        if (!ng_block_plain((unsigned)_mm_movemask_epi8(bad), sp, nl, 16, ws,
                            (ng_byte_class[s[i + 16]] & (stop | NG_C_SPACE)) != 0))
            break;
    }
    return i;
}
#endif

#if NG_HAVE_AVX2
/* The same, sixty-four bytes at a time (one test per block, and the masks
 * of ng_block_plain only for a block that holds a break, a doubled space or
 * a byte that may stop), on CPUs that have AVX2. A block that is not plain
 * is left to ng_scan_sse2, which takes what it can of it sixteen bytes at a
 * time. */
__attribute__((target("avx2"))) static inline uint64_t ng_mask64(__m256i lo, __m256i hi)
{
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32;
}

__attribute__((target("avx2"))) static size_t
ng_scan_avx2(const unsigned char *s, size_t i, size_t len, unsigned stop, int ws,
             unsigned char hyphen)
{
    const __m256i ctl = _mm256_set1_epi8(0x20), del = _mm256_set1_epi8(0x7F),
                  amp = _mm256_set1_epi8('&'), hyp = _mm256_set1_epi8((char)hyphen),
                  spc = _mm256_set1_epi8(' '), lf = _mm256_set1_epi8('\n');
    for (; len - i >= 65; i += 64) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 32));
#define NG_BAD(v)                                                                        \
    _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi8(ctl, v), _mm256_cmpeq_epi8(v, del)), \
                    _mm256_or_si256(_mm256_cmpeq_epi8(v, amp), _mm256_cmpeq_epi8(v, hyp)))
        __m256i bad_a = NG_BAD(a), bad_b = NG_BAD(b);
#undef NG_BAD
        __m256i sp_a = _mm256_cmpeq_epi8(a, spc), sp_b = _mm256_cmpeq_epi8(b, spc);
        if (ws) {
            /* Most blocks of prose hold no break, no doubled space and
             * nothing bad: one test of the whole block, without the masks
             * (the line feeds are among the bad bytes). A space followed by
             * a space is found by the same compare one byte on. */
            __m256i next_a = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 1));
            __m256i next_b = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 33));
            __m256i twice = _mm256_or_si256(_mm256_and_si256(sp_a, _mm256_cmpeq_epi8(next_a, spc)),
                                            _mm256_and_si256(sp_b, _mm256_cmpeq_epi8(next_b, spc)));
            __m256i any = _mm256_or_si256(_mm256_or_si256(bad_a, bad_b), twice);
            if (_mm256_testz_si256(any, any) &&
                !(s[i + 63] == ' ' && (ng_byte_class[s[i + 64]] & stop)))
                continue;
        } else {
            __m256i any = _mm256_or_si256(bad_a, bad_b);
            if (_mm256_testz_si256(any, any))
                continue;
        }
        uint64_t bad = ng_mask64(bad_a, bad_b);
        uint64_t sp = ng_mask64(sp_a, sp_b);
        uint64_t nl = ng_mask64(_mm256_cmpeq_epi8(a, lf), _mm256_cmpeq_epi8(b, lf));
        if (!ng_block_plain(bad, sp, nl, 64, ws,
                            (ng_byte_class[s[i + 64]] & (stop | NG_C_SPACE)) != 0))
            break;
    }
    return i;
}
#endif

/*
 * The end of the ASCII stretch from i on that no step changes: bytes without
 * a `stop` class; with whitespace on, also single spaces followed by such a
 * byte, and the breaks of ng_block_plain. Sixty-four, sixteen or eight bytes
 * at a time while they are clearly plain (case folding takes the byte loop);
 * any doubt goes to the byte loop, which decides exactly.
 */
static size_t ng_scan_plain(const unsigned char *s, size_t i, size_t len,
                            unsigned stop, int ws, int avx2)
{
    int swar = !(stop & NG_C_UPPER);
    /* '-' stops only de-hyphenation; otherwise test for '&' twice instead. */
    unsigned char hyphen = (stop & NG_C_HYPHEN) ? '-' : '&';
    (void)avx2;
    while (i < len) {
#if NG_HAVE_AVX2
        if (swar && avx2)
            i = ng_scan_avx2(s, i, len, stop, ws, hyphen);
#endif
#if defined(__SSE2__)
        if (swar)
            i = ng_scan_sse2(s, i, len, stop, ws, hyphen);
#endif
        if (swar) {
            while (len - i >= 9) {
                uint64_t w;
                memcpy(&w, s + i, 8); /* byte k of w is s[i + k] on any endianness */
                uint64_t ctl = ~((w & ~NG_HIGHS) + NG_ONES * 0x60) & NG_HIGHS;
                uint64_t bad = (w & NG_HIGHS) | ctl | ng_bytes_eq(w, 0x7F) |
                               ng_bytes_eq(w, '&') | ng_bytes_eq(w, hyphen);
                if (bad)
                    break;
                if (ws) {
                    uint64_t sp = ng_bytes_eq(w, ' ');
                    if (sp) {
                        /* A space at byte k is fine when byte k+1 is not a
                         * space; byte 8 is checked through the table. */
                        uint64_t w1;
                        memcpy(&w1, s + i + 1, 8);
                        if (sp & ng_bytes_eq(w1, ' '))
                            break;
                        if (s[i + 7] == ' ' &&
                            ng_byte_class[s[i + 8]] & (stop | NG_C_SPACE))
                            break;
                    }
                }
                i += 8;
            }
        }
        size_t end = len - i > 8 ? i + 8 : len;
        size_t j = ng_scan_bytes(s, i, end, len, stop, ws);
        if (j < end)
            return j;
        i = j;
    }
    return i;
}

/* Copies the plain ASCII stretch [i, j) (s[i] is plain and not a space). */
static ng_status ng_plain(ng_norm *nz, size_t i, size_t j, unsigned hold)
{
    const unsigned char *s = nz->text;
    ng_status st = NG_OK;
    size_t keep = j;
    /* The last character may be the starter of a combining sequence. */
    if (hold && j < nz->len && ng_byte_class[s[j]] & hold)
        keep = j - 1;
    if (keep > i) {
        st = ng_seg_flush(nz);
        size_t k = i;
        /* Step 3 may hold spaces or a hyphen: feed it until it is idle. */
        while (st == NG_OK && k < keep && (k == i || !ng_layout_idle(nz))) {
            ng_item it = {s[k], k, k + 1, 1};
            st = ng_layout(nz, &it);
            k++;
        }
        if (st == NG_OK && k < keep) {
            st = ng_put_ascii(nz, (const char *)s + k, keep - k, k, keep, 1);
            nz->dh_prev_letter = ng_is_letter(s[keep - 1]);
        }
    }
    if (st == NG_OK && keep < j)
        st = ng_step_form(nz, s[keep], keep, keep + 1, 1);
    return st;
}

static ng_status ng_run_pipeline(ng_norm *nz)
{
    const unsigned char *s = nz->text;
    size_t len = nz->len;
    unsigned flags = nz->flags;
    unsigned stop = NG_C_HIGH, hold = 0;
    if (flags & NG_NORM_ENTITIES)
        stop |= NG_C_AMP;
    if (flags & NG_NORM_CONTROLS)
        stop |= NG_C_CTRL;
    if (flags & NG_NORM_WHITESPACE)
        stop |= NG_C_SPACE | NG_C_WS;
    if (flags & NG_NORM_DEHYPHENATE)
        stop |= NG_C_HYPHEN;
    if (flags & NG_NORM_CASEFOLD)
        stop |= NG_C_UPPER;
    if (nz->seg_on) {
        hold = NG_C_HIGH;
        if (flags & NG_NORM_ENTITIES)
            hold |= NG_C_AMP;
        if (flags & NG_NORM_CONTROLS)
            hold |= NG_C_CTRL;
    }
    int ws = (flags & NG_NORM_WHITESPACE) != 0;
    int controls = (flags & NG_NORM_CONTROLS) != 0;

    ng_status st = NG_OK;
    size_t i = 0;
    while (i < len && st == NG_OK) {
        unsigned char c = s[i];
        unsigned cls = ng_byte_class[c];
        if (!(cls & stop)) {
            size_t j = ng_scan_plain(s, i + 1, len, stop, ws, nz->avx2);
            st = ng_plain(nz, i, j, hold);
            i = j;
            continue;
        }
        if (c < 0x80) {
            if (c == '&' && flags & NG_NORM_ENTITIES) {
                int32_t cps[2];
                size_t n_cps;
                size_t n = ng_html_entity_decode(s + i, len - i, cps, &n_cps);
                if (n) {
                    for (size_t k = 0; k < n_cps && st == NG_OK; k++) {
                        if (!(controls && ng_is_removable(cps[k])))
                            st = ng_step_form(nz, cps[k], i, i + n, 0);
                    }
                    i += n;
                    continue;
                }
            }
            if (!(controls && cls & NG_C_CTRL))
                st = ng_step_form(nz, c, i, i + 1, 1);
            i++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(s + i, len - i, &cp);
        /* An invalid byte decodes as U+FFFD of length 1 and is written as
         * U+FFFD, so the output is always valid UTF-8. */
        if (!(controls && ng_is_removable(cp)))
            st = ng_step_form(nz, cp, i, i + n, n > 1);
        i += n;
    }
    if (st == NG_OK)
        st = ng_seg_flush(nz);
    return st;
}

ng_status ng_normalize(const char *text, size_t len, const ng_normalize_options *opts, char **out,
                       size_t *out_len, ng_map *map, ng_utf8_shape *shape)
{
    ng_status st = NG_OK;
    ng_norm *nz = NULL;
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (map)
        memset(map, 0, sizeof *map);
    if (!out || !out_len || !opts || (!text && len) || (opts->flags & ~(unsigned)NG_ALL_FLAGS) ||
        opts->form < NG_FORM_NONE || opts->form > NG_FORM_NFKD)
        return NG_EINVAL;

    /* The state holds the segment buffer; keep it off the caller's stack. */
    nz = calloc(1, sizeof *nz);
    if (!nz)
        return NG_ENOMEM;
    nz->text = (const unsigned char *)text;
    nz->len = len;
    nz->flags = opts->flags;
    nz->map = map;
#if NG_HAVE_AVX2
    nz->avx2 = __builtin_cpu_supports("avx2");
#endif

    static const struct {
        unsigned stable;
        utf8proc_option_t opts;
    } forms[] = {
        [NG_FORM_NONE] = {0, 0},
        [NG_FORM_NFC] = {NG_STABLE_NFC, UTF8PROC_STABLE | UTF8PROC_COMPOSE},
        [NG_FORM_NFD] = {NG_STABLE_NFD, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE},
        [NG_FORM_NFKC] = {NG_STABLE_NFKC,
                          UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT},
        [NG_FORM_NFKD] = {NG_STABLE_NFKD,
                          UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT},
    };
    nz->stable_mask = nz->boundary_mask = forms[opts->form].stable;
    nz->uopts = forms[opts->form].opts;
    if (opts->flags & NG_NORM_CASEFOLD) {
        nz->stable_mask |= NG_STABLE_CASEFOLD;
        nz->uopts = (utf8proc_option_t)(nz->uopts | UTF8PROC_CASEFOLD);
    }
    nz->seg_on = nz->stable_mask != 0;

    st = ng_buf_reserve(&nz->out, len);
    if (st != NG_OK)
        goto cleanup;
    st = ng_run_pipeline(nz);
    if (st != NG_OK)
        goto cleanup;
    st = ng_buf_reserve(&nz->out, 0); /* room for the NUL */
    if (st != NG_OK)
        goto cleanup;
    nz->out.data[nz->out.len] = '\0';

    if (map) {
        if (map->n_runs == 0)
            st = ng_map_add(map, 0, 0, len == 0);
        else if (nz->exp_in < len)
            st = ng_map_add(map, nz->out.len, nz->exp_in, 0); /* trailing drop */
        if (st != NG_OK)
            goto cleanup;
        map->out_len = nz->out.len;
        map->in_len = len;
    }
    if (shape) {
        const ng_wide *w = &nz->wide;
        shape->code_points = nz->out.len - w->cont;
        shape->widest = w->lead[2] ? 0x10FFFF : w->lead[1] ? 0xFFFF : w->lead[0] ? 0xFF : 0x7F;
    }
    *out = nz->out.data;
    *out_len = nz->out.len;
    nz->out.data = NULL;

cleanup:
    if (nz) {
        ng_buf_free(&nz->out);
        free(nz);
    }
    if (st != NG_OK && map)
        ng_map_free(map);
    return st;
}

/* mojibake.c: UTF-8 read as a single-byte encoding, found and undone (see mojibake.h). */
#include <stdlib.h>
#include <utf8proc.h>

#include "mojibake.h"

/* Indices into the generated tables (the order of ftfy's CHARMAP_ENCODINGS). */
enum { ENC_LATIN1 = 0, ENC_CP1252 = 1, ENC_FIRST_SLOPPY = 1, ENC_LAST_SLOPPY = 6, ENC_MACROMAN = 8 };

/* Times one line is re-decoded at most: real text is never more than a few
 * layers deep, and the bound keeps the time linear on any input. */
#define MAX_PASSES 16

static uint32_t mj_class(uint32_t cp)
{
    if (cp < 0x100)
        return ng_mj_classes_low[cp];
    size_t lo = 0, hi = ng_mj_n_classes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ng_mj_classes[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ng_mj_n_classes && ng_mj_classes[lo].cp == cp ? ng_mj_classes[lo].value : 0;
}

/* Python's \s and \w on str, which the measure is written in. */
static int mj_space(uint32_t c)
{
    return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

static int mj_word(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
    switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int ascii_letter(uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int ascii_lower(uint32_t c) { return c >= 'a' && c <= 'z'; }

/* Whether c is one of the code points of the NUL-free UTF-32 list `set`. */
static int in(uint32_t c, const uint32_t *set)
{
    for (; *set; set++)
        if (*set == c)
            return 1;
    return 0;
}

/* The mask of classes that ftfy's regex lists as "accented or symbol-like". */
#define LA NG_MJ_LOWER_ACC
#define UA NG_MJ_UPPER_ACC
#define BX NG_MJ_BOX
#define SP NG_MJ_START
#define EP NG_MJ_END
#define CU NG_MJ_CURRENCY
#define NU NG_MJ_NUMERIC
#define LW NG_MJ_LAW
#define BD NG_MJ_BAD

/* Whether one of the measure's implausible sequences starts at s[i]: the
 * alternatives of ftfy's BADNESS_RE, in its order. */
static int bad_at(const uint32_t *s, size_t n, size_t i, const uint32_t *m)
{
#define CP(k) (i + (k) < n ? s[i + (k)] : 0u)
#define MK(k) (i + (k) < n ? m[i + (k)] : 0u)
#define HAS(k) (i + (k) < n)
    static const uint32_t ahat[] = {0xC2, 0xC3, 0xCE, 0xD0, 0};
    static const uint32_t ahat_next[] = {0x20AC, 0x153, 0x160, 0x161, 0xA2, 0xA3, 0x178, 0x17E, 0xA0,
                                         0xAD,   0xAE,  0xA9,  0xB0,  0xB7, 0xBB, 0x2013, 0x2014,
                                         0xB4,   0};
    static const uint32_t arab_extra[] = {0x178, 0x160, 0xAE, 0xB0, 0xB5, 0xBB, 0};
    static const uint32_t agrave_next[] = {0xB2, 0xB5, 0xB9, 0xBC, 0xBD, 0xBE, 0};
    static const uint32_t sqrt_next[] = {0xB1, 0x2202, 0x2020, 0x2260, 0xAE, 0x2122, 0xB4,
                                         0x2264, 0x2265, 0xA5, 0xB5, 0xF8, 0};
    static const uint32_t mac_a_next[] = {0xEC, 0xEE, 0xEF, 0xF2, 0xF4, 0xFA, 0xF9, 0xFB,
                                          0x2020, 0xB0, 0xA2, 0x3C0, 0};
    static const uint32_t cyr[] = {0x412, 0x413, 0x420, 0x421, 0};
    static const uint32_t greek[] = {0x392, 0x393, 0x39E, 0x39F, 0};
    static const uint32_t beta_next[] = {0x2122, 0xA0, 0x386, 0xAD, 0xAE, 0xB0, 0};
    const uint32_t a = s[i], ma = m[i], mb = MK(1), mc = MK(2), b = CP(1), c = CP(2);

    if (ma & NG_MJ_C1)
        return 1;
    if ((ma & (BD | LA | UA | BX | SP | EP | CU | NU | LW)) && (mb & BD))
        return 1;
    if (ascii_letter(a) && (mb & (NG_MJ_LOWER_COM | NG_MJ_UPPER_COM)) && (mc & BD))
        return 1;
    if ((ma & BD) && (mb & (LA | UA | BX | SP | EP | CU | NU | LW)))
        return 1;
    if ((ma & (LA | NG_MJ_LOWER_COM | BX | EP | CU | NU)) && (mb & UA))
        return 1;
    if ((ma & (BX | EP | CU | NU)) && (mb & LA))
        return 1;
    if ((ma & (LA | BX | EP)) && (mb & CU))
        return 1;
    if (mj_space(a) && (mb & UA) && (mc & CU))
        return 1;
    if ((ma & (UA | BX)) && (mb & (NU | LW)))
        return 1;
    if ((ma & (LA | UA | BX | CU | EP)) && (mb & SP) && (mc & NU))
        return 1;
    if ((ma & (LA | UA | CU | NU | BX | LW)) && (mb & EP) && (mc & SP))
        return 1;
    if ((ma & (CU | NU | BX)) && (mb & SP))
        return 1;
    if (ascii_lower(a) && (mb & UA) && (mc & (SP | CU)))
        return 1;
    if ((ma & BX) && (mb & NG_MJ_KAOMOJI))
        return 1;
    if ((ma & (LA | UA | CU | NU | SP | EP | LW)) && (mb & BX))
        return 1;
    if ((ma & BX) && (mb & EP))
        return 1;
    if ((ma & (LA | UA)) && (mb & (SP | EP)) && HAS(2) && mj_word(c))
        return 1;
    if ((a == 0x152 || a == 0x153) && HAS(1) && !ascii_letter(b))
        return 1;
    if ((ma & UA) && b == 0xB0)
        return 1;
    if (in(a, ahat) && HAS(1) && (in(b, ahat_next) || (mb & (SP | EP))))
        return 1;
    if (a == 0xD7 && (b == 0xB2 || b == 0xB3))
        return 1;
    if ((a == 0xD8 || a == 0xD9) && (c == 0xD8 || c == 0xD9) && HAS(3)) {
        const uint32_t arab = NG_MJ_COMMON | CU | BD | NU | SP;
        if (((mb & arab) || in(b, arab_extra)) && ((MK(3) & arab) || in(CP(3), arab_extra)))
            return 1;
    }
    if (a == 0xE0 && HAS(1) && in(b, agrave_next))
        return 1;
    if (a == 0x221A && HAS(1) && in(b, sqrt_next))
        return 1;
    if (a == 0x2248 && (b == 0xB0 || b == 0xA2))
        return 1;
    if (a == 0x201A && b == 0xC4 && HAS(2) && in(c, mac_a_next))
        return 1;
    if (a == 0x201A && (b == 0xE2 || b == 0xF3) && (c == 0xE0 || c == 0xE4 || c == 0xB0 || c == 0xEA))
        return 1;
    if (a == 0x432 && b == 0x402)
        return 1;
    if (in(a, cyr) && HAS(2) && ((mb & (NG_MJ_C1 | BD | SP | EP | CU)) || b == 0xB0 || b == 0xB5) &&
        in(c, cyr))
        return 1;
    if (a == 0x413 && b == 0x45E && c == 0x412 && CP(3) == 0x402 && CP(4) == 0x412 && HAS(6) &&
        CP(5) != '\n' && (ascii_letter(CP(6)) || CP(6) == ' '))
        return 1;
    if (a == 0xC3 && (b == 0xA0 || b == 0xA1))
        return 1;
    if (ascii_lower(a) && HAS(2)) {
        if ((b == 0xC3 || b == 0xC2) && c == ' ')
            return 1;
        if (mj_space(b) && (c == 0xC3 || c == 0xC2) && CP(3) == ' ' && HAS(3))
            return 1;
    }
    if (i == 0 && (a == 0xC3 || a == 0xC2) && b == ' ' && HAS(1))
        return 1;
    if ((ascii_lower(a) || a == '.' || a == ',' || a == '?' || a == '!' || (ma & EP)) && b == 0xC2 &&
        HAS(2) && (c == ' ' || (mc & (SP | EP))))
        return 1;
    if (a == 0x3B2 && b == 0x20AC && HAS(2) && in(c, beta_next))
        return 1;
    if (in(a, greek) && HAS(2) && ((mb & (NG_MJ_C1 | BD | SP | EP | CU)) || b == 0xB0) && in(c, greek))
        return 1;
    if (a == 0x101 && b == 0x20AC)
        return 1;
    return 0;
#undef CP
#undef MK
#undef HAS
}

/* The measure over s[0..n), with the class masks m[0..n) already looked up. */
static int mj_bad(const uint32_t *s, size_t n, const uint32_t *m)
{
    const uint32_t u8 = NG_MJ_U8_FIRST2 | NG_MJ_U8_FIRST3 | NG_MJ_U8_FIRST4 | NG_MJ_U8_CONT |
                        NG_MJ_U8_CONT_STRICT;
    /* Every alternative has a classed character among its first three (the
     * UTF-8 detector's classes, which the space has, do not count), so only
     * the positions up to two before a classed character are tried, each
     * once; no ASCII character but the space has a class at all. */
    size_t next = 0; /* the first position not tried yet */
    for (size_t j = 0; j < n; j++) {
        if (!(m[j] & ~u8))
            continue;
        for (size_t i = j >= 2 && j - 2 > next ? j - 2 : next; i <= j; i++)
            if (bad_at(s, n, i, m))
                return 1;
        next = j + 1;
    }
    return 0;
}

int ng_mojibake_is_bad(const uint32_t *s, size_t n)
{
    uint32_t *m = malloc((n ? n : 1) * sizeof *m);
    if (!m)
        return 0;
    for (size_t i = 0; i < n; i++)
        m[i] = mj_class(s[i]);
    int bad = mj_bad(s, n, m);
    free(m);
    return bad;
}

/* The byte that code point cp encodes to in encoding enc, or -1. */
static int mj_encode(int enc, uint32_t cp)
{
    if (cp < 0x80 && cp != 0x1A)
        return (int)cp;
    if (enc == ENC_LATIN1)
        return cp < 0x100 ? (int)cp : -1;
    const ng_mj_pair *t = ng_mj_encode[enc];
    size_t lo = 0, hi = ng_mj_encode_len[enc];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ng_mj_encode_len[enc] && t[lo].cp == cp ? (int)t[lo].value : -1;
}

/* A working copy of one line: code points and the input offset each came from. */
typedef struct mj_text {
    uint32_t *cp;
    size_t *org;
    size_t n;
} mj_text;

/* Bytes with the input offset each came from. */
typedef struct mj_bytes {
    uint8_t *b;
    size_t *org;
    size_t n;
} mj_bytes;

static int cont(uint8_t b) { return b >= 0x80 && b <= 0xBF; }
static int altered_cont(uint8_t b) { return (b >= 0x80 && b <= 0x84) || (b >= 0x86 && b <= 0x9F) || (b >= 0xA1 && b <= 0xBF); }

/* The length of an ALTERED_UTF8_RE match at p[0..n), or 0. */
static size_t altered_at(const uint8_t *p, size_t n)
{
    uint8_t b = p[0];
    if (n >= 2 && (b == 0xC2 || b == 0xC3 || b == 0xC5 || b == 0xCE || b == 0xD0 || b == 0xD9) && p[1] == ' ')
        return 2;
    if (n >= 3 && (b == 0xE2 || b == 0xE3) && p[1] == ' ' && altered_cont(p[2]))
        return 3;
    if (n >= 3 && b >= 0xE0 && b <= 0xE3 && altered_cont(p[1]) && p[2] == ' ')
        return 3;
    if (n >= 4 && b == 0xF0) {
        int spaces = (p[1] == ' ') + (p[2] == ' ') + (p[3] == ' ');
        int conts = cont(p[1]) + cont(p[2]) + cont(p[3]);
        if (spaces == 1 && conts == 2)
            return 4;
    }
    return 0;
}

/* restore_byte_a0: "Ã " that is a lost "à", then spaces that stand for 0xA0
 * inside a UTF-8 sequence. Reads in, writes out (room for 2 * in->n). */
static void restore_byte_a0(const mj_bytes *in, mj_bytes *out)
{
    static const char *const keep[] = {" ", "quele", "quela", "quilo", "s "};
    size_t k = 0;
    for (size_t i = 0; i < in->n; i++) {
        out->b[k] = in->b[i];
        out->org[k++] = in->org[i];
        if (in->b[i] == 0xC3 && i + 1 < in->n && in->b[i + 1] == ' ') {
            int kept = 0;
            for (size_t w = 0; w < sizeof keep / sizeof keep[0]; w++) {
                size_t wl = strlen(keep[w]);
                if (i + 2 + wl <= in->n && memcmp(in->b + i + 2, keep[w], wl) == 0)
                    kept = 1;
            }
            if (!kept) {
                out->b[k] = 0xA0;
                out->org[k++] = in->org[i];
                out->b[k] = ' ';
                out->org[k++] = in->org[i + 1];
                i++;
            }
        }
    }
    out->n = k;
    for (size_t i = 0; i < out->n;) {
        size_t m = altered_at(out->b + i, out->n - i);
        if (!m) {
            i++;
            continue;
        }
        for (size_t j = i; j < i + m; j++)
            if (out->b[j] == ' ')
                out->b[j] = 0xA0;
        i += m;
    }
}

static int lossy_mark(uint8_t b) { return b == 0x1A || b == '?'; }
static int lossy_cont(uint8_t b) { return b == 0x1A || cont(b); }

/* The length of a LOSSY_UTF8_RE match at p[0..n), or 0. */
static size_t lossy_at(const uint8_t *p, size_t n)
{
    uint8_t b = p[0];
    if (n >= 2 && b >= 0xC2 && b <= 0xDF && p[1] == 0x1A)
        return 2;
    if (n >= 2 && (b == 0xC2 || b == 0xC3) && p[1] == '?')
        return 2;
    if (n >= 6 && b == 0xED && p[1] >= 0xA0 && p[1] <= 0xAF && p[3] == 0xED && p[4] >= 0xB0 && p[4] <= 0xBF) {
        if (lossy_mark(p[2]) && (lossy_mark(p[5]) || cont(p[5])))
            return 6;
        if ((lossy_mark(p[2]) || cont(p[2])) && lossy_mark(p[5]))
            return 6;
    }
    if (n >= 3 && b >= 0xE0 && b <= 0xEF) {
        if (lossy_mark(p[1]) && lossy_cont(p[2]))
            return 3;
        if (lossy_cont(p[1]) && lossy_mark(p[2]))
            return 3;
    }
    if (n >= 4 && b >= 0xF0 && b <= 0xF4) {
        int marks = 0, ok = 1;
        for (int j = 1; j <= 3; j++) {
            if (lossy_mark(p[j]) && !lossy_cont(p[j]))
                marks++;
            else if (!lossy_cont(p[j]))
                ok = 0;
        }
        /* One of the three may be '?', the others 0x1A or continuation bytes. */
        int has_mark = lossy_mark(p[1]) || lossy_mark(p[2]) || lossy_mark(p[3]);
        if (ok && marks <= 1 && has_mark)
            return 4;
    }
    if (b == 0x1A)
        return 1;
    return 0;
}

/* Whether replace_lossy() could change the bytes: every LOSSY_UTF8_RE match
 * holds a 0x1A, or a '?' within three bytes after a lead byte (0xC2 and
 * up), so text without those (most, even with many a '?') is left as is. */
static int maybe_lossy(const mj_bytes *in)
{
    for (size_t i = 0; i < in->n; i++) {
        uint8_t b = in->b[i];
        if (b == 0x1A)
            return 1;
        if (b == '?' && ((i >= 1 && in->b[i - 1] >= 0xC2) || (i >= 2 && in->b[i - 2] >= 0xC2) ||
                         (i >= 3 && in->b[i - 3] >= 0xC2)))
            return 1;
    }
    return 0;
}

/* replace_lossy_sequences: UTF-8 sequences with lost bytes become U+FFFD. */
static void replace_lossy(const mj_bytes *in, mj_bytes *out)
{
    size_t k = 0;
    for (size_t i = 0; i < in->n;) {
        size_t m = lossy_at(in->b + i, in->n - i);
        if (!m) {
            out->b[k] = in->b[i];
            out->org[k++] = in->org[i++];
            continue;
        }
        static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
        for (int j = 0; j < 3; j++) {
            out->b[k] = fffd[j];
            out->org[k++] = in->org[i];
        }
        i += m;
    }
    out->n = k;
}

/* Strict UTF-8 (Python's decoder; with `variants`, also CESU-8 surrogate pairs
 * and C0 80 for U+0000). Returns 0 when the bytes are not valid. */
static int decode_strict(const mj_bytes *in, int variants, mj_text *out)
{
    const uint8_t *p = in->b;
    size_t n = in->n, k = 0;
    for (size_t i = 0; i < n;) {
        uint8_t b = p[i];
        uint32_t cp;
        size_t len;
        if (b < 0x80) {
            cp = b, len = 1;
        } else if (variants && b == 0xC0 && i + 1 < n && p[i + 1] == 0x80) {
            cp = 0, len = 2;
        } else if (variants && b == 0xED && i + 5 < n && p[i + 1] >= 0xA0 && p[i + 1] <= 0xAF &&
                   cont(p[i + 2]) && p[i + 3] == 0xED && p[i + 4] >= 0xB0 && p[i + 4] <= 0xBF &&
                   cont(p[i + 5])) {
            cp = ((uint32_t)(p[i + 1] & 0x0F) << 16) + ((uint32_t)(p[i + 2] & 0x3F) << 10) +
                 ((uint32_t)(p[i + 4] & 0x0F) << 6) + (uint32_t)(p[i + 5] & 0x3F) + 0x10000;
            len = 6;
        } else if (b >= 0xC2 && b <= 0xDF) {
            if (i + 1 >= n || !cont(p[i + 1]))
                return 0;
            cp = ((uint32_t)(b & 0x1F) << 6) | (p[i + 1] & 0x3Fu), len = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            if (i + 2 >= n || !cont(p[i + 1]) || !cont(p[i + 2]))
                return 0;
            if ((b == 0xE0 && p[i + 1] < 0xA0) || (b == 0xED && p[i + 1] > 0x9F))
                return 0;
            cp = ((uint32_t)(b & 0x0F) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu), len = 3;
        } else if (b >= 0xF0 && b <= 0xF4) {
            if (i + 3 >= n || !cont(p[i + 1]) || !cont(p[i + 2]) || !cont(p[i + 3]))
                return 0;
            if ((b == 0xF0 && p[i + 1] < 0x90) || (b == 0xF4 && p[i + 1] > 0x8F))
                return 0;
            cp = ((uint32_t)(b & 0x07) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                 (p[i + 3] & 0x3Fu);
            len = 4;
        } else {
            return 0;
        }
        out->cp[k] = cp;
        out->org[k++] = in->org[i];
        i += len;
    }
    out->n = k;
    return 1;
}

/* Scratch space for one line of up to `cap` code points: b1 and mask for
 * that many; b2, b3 and t are grown when a step needs them (most lines
 * need no b2 or b3, and t no more than cap), each to what it holds so far
 * (cap2, cap3, capt), so that a line costs memory about its length. */
typedef struct mj_work {
    size_t cap, cap2, cap3, capt;
    mj_bytes b1, b2, b3;
    mj_text t;
    uint32_t *mask;
} mj_work;

/* Makes room for n bytes (with their origins) in b, which holds *have. */
static ng_status bytes_room(mj_bytes *b, size_t *have, size_t n)
{
    if (n <= *have)
        return NG_OK;
    if (n > SIZE_MAX / sizeof(size_t))
        return NG_EOVERFLOW;
    uint8_t *nb = realloc(b->b, n);
    if (!nb)
        return NG_ENOMEM;
    b->b = nb;
    size_t *no = realloc(b->org, n * sizeof *no);
    if (!no)
        return NG_ENOMEM;
    b->org = no;
    *have = n;
    return NG_OK;
}

/* Makes room for n code points (with their origins) in t, which holds *have. */
static ng_status text_room(mj_text *t, size_t *have, size_t n)
{
    if (n <= *have)
        return NG_OK;
    if (n > SIZE_MAX / sizeof(size_t))
        return NG_EOVERFLOW;
    uint32_t *nc = realloc(t->cp, n * sizeof *nc);
    if (!nc)
        return NG_ENOMEM;
    t->cp = nc;
    size_t *no = realloc(t->org, n * sizeof *no);
    if (!no)
        return NG_ENOMEM;
    t->org = no;
    *have = n;
    return NG_OK;
}

static void work_free(mj_work *w)
{
    free(w->b1.b), free(w->b1.org), free(w->b2.b), free(w->b2.org);
    free(w->b3.b), free(w->b3.org), free(w->t.cp), free(w->t.org), free(w->mask);
    memset(w, 0, sizeof *w);
}

static ng_status work_init(mj_work *w, size_t cap)
{
    memset(w, 0, sizeof *w);
    if (cap == 0)
        cap = 1;
    /* restore_byte_a0 at most doubles the bytes, and replace_lossy at most
     * triples them again: 6 * cap bounds what the growing buffers hold. */
    if (cap > SIZE_MAX / 8 / sizeof(size_t))
        return NG_EOVERFLOW;
    size_t have1 = 0;
    ng_status st = bytes_room(&w->b1, &have1, cap);
    if (st == NG_OK)
        st = text_room(&w->t, &w->capt, cap);
    w->mask = malloc(cap * sizeof(uint32_t));
    if (st == NG_OK && !w->mask)
        st = NG_ENOMEM;
    if (st != NG_OK) {
        work_free(w);
        return st;
    }
    w->cap = cap;
    return NG_OK;
}

static int text_bad(mj_text *t, uint32_t *mask)
{
    /* mj_bad() tries only the positions near a character of a class outside
     * the UTF-8 detector's, which no ASCII character has: a line without
     * one (most lines once repaired: ASCII, ’, “, é, £ ...) is not bad, and
     * its classes need not all be looked up. */
    const uint32_t u8 = NG_MJ_U8_FIRST2 | NG_MJ_U8_FIRST3 | NG_MJ_U8_FIRST4 | NG_MJ_U8_CONT |
                        NG_MJ_U8_CONT_STRICT;
    size_t i = 0;
    while (i < t->n && (t->cp[i] < 0x80 || !(mj_class(t->cp[i]) & ~u8)))
        i++;
    if (i == t->n)
        return 0;
    for (size_t k = 0; k < t->n; k++)
        mask[k] = mj_class(t->cp[k]);
    return mj_bad(t->cp, t->n, mask);
}

static void text_set(mj_text *dst, const mj_text *src)
{
    memcpy(dst->cp, src->cp, src->n * sizeof *src->cp);
    memcpy(dst->org, src->org, src->n * sizeof *src->org);
    dst->n = src->n;
}

static ng_status fix_text(mj_text *t, int depth, mj_work *w, int *changed);

/* decode_inconsistent_utf8: runs that look like UTF-8 read as single bytes
 * inside good text, each fixed alone. Returns whether anything changed. */
static ng_status fix_embedded(mj_text *t, int depth, int *changed)
{
    ng_status st = NG_OK;
    mj_text out = {0}, sub = {0};
    *changed = 0;
    out.cp = malloc((t->n + 1) * sizeof *out.cp);
    out.org = malloc((t->n + 1) * sizeof *out.org);
    sub.cp = malloc((t->n + 1) * sizeof *sub.cp);
    sub.org = malloc((t->n + 1) * sizeof *sub.org);
    if (!out.cp || !out.org || !sub.cp || !sub.org) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    size_t k = 0;
    for (size_t i = 0; i < t->n;) {
        size_t j = i;
        if (i == 0 || !(mj_class(t->cp[i - 1]) & NG_MJ_U8_CONT_STRICT)) {
            for (;;) {
                uint32_t c0 = mj_class(t->cp[j]);
#define CONT_AT(x) (j + (x) < t->n && (mj_class(t->cp[j + (x)]) & NG_MJ_U8_CONT))
                if ((c0 & NG_MJ_U8_FIRST2) && CONT_AT(1))
                    j += 2;
                else if ((c0 & NG_MJ_U8_FIRST3) && CONT_AT(1) && CONT_AT(2))
                    j += 3;
                else if ((c0 & NG_MJ_U8_FIRST4) && CONT_AT(1) && CONT_AT(2) && CONT_AT(3))
                    j += 4;
                else
                    break;
#undef CONT_AT
                if (j >= t->n)
                    break;
            }
        }
        if (j == i) {
            out.cp[k] = t->cp[i];
            out.org[k++] = t->org[i++];
            continue;
        }
        sub.n = j - i;
        memcpy(sub.cp, t->cp + i, sub.n * sizeof *sub.cp);
        memcpy(sub.org, t->org + i, sub.n * sizeof *sub.org);
        if (sub.n < t->n && ng_mojibake_is_bad(sub.cp, sub.n)) {
            int sub_changed;
            st = fix_text(&sub, depth + 1, NULL, &sub_changed);
            if (st != NG_OK)
                goto cleanup;
        }
        if (sub.n != j - i || memcmp(sub.cp, t->cp + i, sub.n * sizeof *sub.cp) != 0)
            *changed = 1;
        memcpy(out.cp + k, sub.cp, sub.n * sizeof *sub.cp);
        memcpy(out.org + k, sub.org, sub.n * sizeof *sub.org);
        k += sub.n;
        i = j;
    }
    out.n = k;
    if (*changed)
        text_set(t, &out);
cleanup:
    free(out.cp), free(out.org), free(sub.cp), free(sub.org);
    return st;
}

/* One step of ftfy's fix_encoding on t; *changed says whether t changed.
 * `bad`: the caller has already found t bad (the measure is not run again). */
static ng_status fix_step(mj_text *t, mj_work *w, int depth, int bad, int *changed)
{
    *changed = 0;
    if (!bad && !text_bad(t, w->mask))
        return NG_OK;
    int possible[NG_MJ_N_ENC] = {0};
    for (int enc = 0; enc < NG_MJ_N_ENC; enc++) {
        size_t i;
        for (i = 0; i < t->n; i++) {
            int byte = mj_encode(enc, t->cp[i]);
            if (byte < 0)
                break;
            w->b1.b[i] = (uint8_t)byte;
            w->b1.org[i] = t->org[i];
        }
        if (i < t->n)
            continue;
        possible[enc] = 1;
        w->b1.n = t->n;
        mj_bytes *cur = &w->b1;
        if (enc != ENC_MACROMAN) {
            int altered = 0;
            /* Every altered sequence opens with a lead byte (0xC2 and up). */
            for (size_t j = 0; j < cur->n && !altered; j++)
                altered = cur->b[j] >= 0xC2 && altered_at(cur->b + j, cur->n - j) != 0;
            if (altered) {
                ng_status st = bytes_room(&w->b2, &w->cap2, 2 * cur->n);
                if (st != NG_OK)
                    return st;
                restore_byte_a0(cur, &w->b2);
                cur = &w->b2;
            }
        }
        if (enc >= ENC_FIRST_SLOPPY && enc <= ENC_LAST_SLOPPY && maybe_lossy(cur)) {
            mj_bytes *next = cur == &w->b1 ? &w->b2 : &w->b3;
            ng_status st = bytes_room(next, next == &w->b2 ? &w->cap2 : &w->cap3, 3 * cur->n);
            if (st != NG_OK)
                return st;
            replace_lossy(cur, next);
            cur = next;
        }
        ng_status st = text_room(&w->t, &w->capt, cur->n);
        if (st != NG_OK)
            return st;
        int variants = memchr(cur->b, 0xED, cur->n) != NULL || memchr(cur->b, 0xC0, cur->n) != NULL;
        if (decode_strict(cur, variants, &w->t)) {
            *changed = w->t.n != t->n || memcmp(w->t.cp, t->cp, t->n * sizeof *t->cp) != 0;
            text_set(t, &w->t);
            return NG_OK;
        }
    }
    if (depth < 2) {
        ng_status st = fix_embedded(t, depth, changed);
        if (st != NG_OK || *changed)
            return st;
    }
    if (possible[ENC_LATIN1]) {
        /* Latin-1 text with C1 controls: read them as Windows-1252, unless
         * one of them is a byte Windows-1252 leaves undefined. */
        int ok = 1, any = 0;
        for (size_t i = 0; i < t->n; i++) {
            uint32_t c = t->cp[i];
            if (c >= 0x80 && c <= 0x9F) {
                any = 1;
                if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D)
                    ok = 0;
            }
        }
        if (ok && any) {
            for (size_t i = 0; i < t->n; i++)
                if (t->cp[i] >= 0x80 && t->cp[i] <= 0x9F)
                    t->cp[i] = ng_mj_decode[ENC_CP1252][t->cp[i] - 0x80];
            *changed = 1;
            return NG_OK;
        }
    }
    for (size_t i = 0; i < t->n; i++) {
        uint32_t c = t->cp[i];
        if (c >= 0x80 && c <= 0x9F && ng_mj_decode[ENC_CP1252][c - 0x80] != c) {
            t->cp[i] = ng_mj_decode[ENC_CP1252][c - 0x80];
            *changed = 1;
        }
    }
    return NG_OK;
}

/* fix_encoding: steps until nothing changes (at most MAX_PASSES); *changed
 * says whether a step changed t. `shared`, when not NULL, is scratch space
 * for at least t->n code points. Both callers call it on text the measure
 * has found bad, so the first step does not measure it again. */
static ng_status fix_text(mj_text *t, int depth, mj_work *shared, int *changed)
{
    mj_work own;
    mj_work *w = shared;
    ng_status st = NG_OK;
    *changed = 0;
    if (!w) {
        st = work_init(&own, t->n);
        if (st != NG_OK)
            return st;
        w = &own;
    }
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        int step_changed = 0;
        st = fix_step(t, w, depth, pass == 0, &step_changed);
        if (st != NG_OK || !step_changed)
            break;
        *changed = 1;
    }
    if (!shared)
        work_free(&own);
    return st;
}

/* Decodes text[0..len) into t (which has room for len code points); 0 when
 * the text is not valid UTF-8. */
static int decode_line(const char *text, size_t start, size_t end, mj_text *t)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 0;
    for (size_t i = start; i < end;) {
        if (s[i] < 0x80) { /* most characters, without the decoder's call */
            t->cp[k] = s[i];
            t->org[k++] = i++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(s + i, end - i, &cp);
        if (cp == 0xFFFD && n == 1) /* invalid UTF-8: the line is left alone */
            return 0;
        t->cp[k] = (uint32_t)cp;
        t->org[k++] = i;
        i += n;
    }
    t->n = k;
    return 1;
}

/* The class bits the measure's alternatives test; the UTF-8 detector's
 * classes (which the space also has) are not among them. */
#define MJ_U8_CLASSES                                                                          \
    (NG_MJ_U8_FIRST2 | NG_MJ_U8_FIRST3 | NG_MJ_U8_FIRST4 | NG_MJ_U8_CONT | NG_MJ_U8_CONT_STRICT)

/* Code points looked at around a classed character: bad_at(i) reads s[i..i+6]
 * and needs to know whether i is the line's start, so three before it (the
 * first position evaluated, i-2, then has one before it unless it is the
 * start) and seven after it (so i+6 < n is true in the window exactly when
 * it is in the line). */
#define WIN_BEFORE 3
#define WIN_AFTER 7

/*
 * Whether the line s[pos..end) may be judged bad: 0 only when decode_line()
 * and text_bad() would find it valid and not bad, so that it can be copied
 * without decoding it whole. Exact by construction, not by a reading of the
 * alternatives: mj_bad() evaluates bad_at() only at positions with a
 * character of a class outside MJ_U8_CLASSES among their first three, no
 * ASCII character has such a class (the generated ng_mj_classes_low gives
 * only the space one, a U8 one), so the positions are those up to two
 * before a classed non-ASCII character; this evaluates bad_at() at just
 * those, on a window of code points that reads the same to it as the whole
 * line. Invalid UTF-8 answers 1, leaving the decision to the full path.
 */
static int line_maybe_bad(const unsigned char *s, size_t pos, size_t end)
{
    size_t p = pos;
    while (p < end) {
        uint64_t v;
        if (end - p >= 8 && (memcpy(&v, s + p, 8), (v & 0x8080808080808080u) == 0)) {
            p += 8;
            continue;
        }
        if (s[p] < 0x80) {
            p++;
            continue;
        }
        int32_t cp;
        size_t n = ng_utf8_decode(s + p, end - p, &cp);
        if (cp == 0xFFFD && n == 1)
            return 1;
        if (!(mj_class((uint32_t)cp) & ~(uint32_t)MJ_U8_CLASSES)) {
            p += n;
            continue;
        }
        /* Every byte before p on the line was decoded as valid on the way
         * here, so stepping back over continuation bytes finds the starts. */
        size_t q = p, before = 0;
        while (before < WIN_BEFORE && q > pos) {
            q--;
            while (q > pos && (s[q] & 0xC0) == 0x80)
                q--;
            before++;
        }
        uint32_t win[WIN_BEFORE + 1 + WIN_AFTER], wm[WIN_BEFORE + 1 + WIN_AFTER];
        size_t wn = 0;
        for (size_t r = q; r < end && wn < before + 1 + WIN_AFTER;) {
            int32_t c;
            size_t k = ng_utf8_decode(s + r, end - r, &c);
            if (c == 0xFFFD && k == 1)
                return 1;
            win[wn] = (uint32_t)c;
            wm[wn++] = mj_class((uint32_t)c);
            r += k;
        }
        for (size_t e = before >= 2 ? before - 2 : 0; e <= before; e++)
            if (bad_at(win, wn, e, wm))
                return 1;
        p += n;
    }
    return 0;
}

static ng_status copy_span(const char *text, size_t start, size_t end, ng_buf *out, ng_map *map)
{
    if (start == end)
        return NG_OK;
    if (map) {
        ng_status st = ng_map_add(map, out->len, start, 1);
        if (st != NG_OK)
            return st;
    }
    return ng_buf_append(out, text + start, end - start);
}

/* Whether character k of the repaired line t (from text[..end)) is still
 * the bytes it came from; `enc` receives its UTF-8 and *n their length. */
static int char_same(const char *text, size_t end, const mj_text *t, size_t k, char enc[4], size_t *n)
{
    size_t from = t->org[k], to = k + 1 < t->n ? t->org[k + 1] : end;
    uint32_t c = t->cp[k];
    if (to < from)
        to = from;
    if (c < 0x80) { /* most characters: no encoding, one byte to compare */
        enc[0] = (char)c;
        *n = 1;
        return to - from == 1 && (unsigned char)text[from] == c;
    }
    *n = ng_utf8_encode((int32_t)c, enc);
    return to - from == *n && memcmp(text + from, enc, *n) == 0;
}

/* Writes the repaired line t (from text[start..end)) with a run per character
 * that differs from its source, and copy runs elsewhere. */
static ng_status emit_line(const char *text, size_t end, const mj_text *t, ng_buf *out, ng_map *map,
                           size_t *n_fixed)
{
    /* Four bytes a character at most: room for the line at once. t->n is
     * bounded by the text's length, which work_init checked. */
    ng_status st = ng_buf_reserve(out, 4 * t->n);
    int prev_same = 0;
    for (size_t k = 0; k < t->n && st == NG_OK; k++) {
        size_t n;
        int same = char_same(text, end, t, k, out->data + out->len, &n);
        /* A character that is its source right after another continues the
         * same copy run, which ng_map_add would only extend. */
        if (map && !(same && prev_same))
            st = ng_map_add(map, out->len, t->org[k], same);
        out->len += n;
        prev_same = same;
        if (!same)
            (*n_fixed)++;
    }
    return st;
}

ng_status ng_mojibake_repair(const char *text, size_t len, ng_buf *out, ng_map *map, size_t *n_fixed)
{
    ng_status st = NG_OK;
    mj_text t = {0};
    mj_work w = {0};
    size_t cap = 0;
    /* Output is written lazily: unchanged lines are copied only once a line
     * is repaired (and then as one span, which the map merges into the same
     * copy run the lines would give one by one), so that clean text costs no
     * copy at all. */
    size_t done = 0;
    int emitted = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t pos = 0; pos < len && st == NG_OK;) {
        /* ASCII is never mojibake: go to the line of the next byte above
         * 0x7F, or stop. (The scan back to that line's start covers bytes
         * the scan forward just passed, so each is read at most twice.) */
        size_t high = ng_first_high_byte(s, pos, len);
        if (high == len)
            break;
        while (high > pos && s[high - 1] != '\n')
            high--;
        pos = high;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        /* Lines of ASCII and the common typographic punctuation ’ ‘ “ ” – —
         * … only can match none of the implausible sequences: skip them
         * without decoding. */
        size_t i = pos;
        while (i < end) {
            uint64_t v;
            if (end - i >= 8 && (memcpy(&v, s + i, 8), (v & 0x8080808080808080u) == 0)) {
                i += 8;
            } else if (s[i] < 0x80) {
                i++;
            } else if (s[i] == 0xE2 && i + 2 < end && s[i + 1] == 0x80 &&
                       (s[i + 2] == 0x93 || s[i + 2] == 0x94 || s[i + 2] == 0x98 || s[i + 2] == 0x99 ||
                        s[i + 2] == 0x9C || s[i + 2] == 0x9D || s[i + 2] == 0xA6)) {
                i += 3;
            } else {
                break;
            }
        }
        if (i == end || !line_maybe_bad(s, pos, end)) {
            pos = end;
            continue;
        }
        if (end - pos > cap) {
            /* Grow geometrically so that lines of rising length cost O(n). */
            cap = end - pos > 2 * cap ? end - pos : 2 * cap;
            free(t.cp), free(t.org);
            work_free(&w);
            t.cp = malloc(cap * sizeof *t.cp);
            t.org = malloc(cap * sizeof *t.org);
            st = work_init(&w, cap);
            if (st == NG_OK && (!t.cp || !t.org))
                st = NG_ENOMEM;
            if (st != NG_OK)
                break;
        }
        int fixed = 0;
        if (decode_line(text, pos, end, &t) && text_bad(&t, w.mask)) {
            size_t n0 = t.n;
            st = fix_text(&t, 0, &w, &fixed);
            if (st != NG_OK)
                break;
            /* A line whose steps changed nothing is the same; one that a step
             * changed may in principle have come back to its bytes, which
             * emit_line() then finds (no character counted as fixed). */
            fixed |= t.n != n0;
        }
        if (fixed) {
            /* Room for about the whole text at the first repair spares the
             * copies of growing by doubling. */
            if (!emitted)
                st = ng_buf_reserve(out, len);
            if (st == NG_OK)
                st = copy_span(text, done, pos, out, map);
            if (st == NG_OK)
                st = emit_line(text, end, &t, out, map, n_fixed);
            done = end;
            emitted = 1;
        }
        pos = end;
    }
    if (st == NG_OK && emitted)
        st = copy_span(text, done, len, out, map);
    free(t.cp), free(t.org);
    work_free(&w);
    return st;
}

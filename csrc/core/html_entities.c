/* html_entities.c: decoding of HTML5 character references (see html_entities.h). */
#include "html_entities.h"

#include <string.h>

#include "internal.h"

typedef struct ng_entity {
    uint16_t off;   /* name's offset in ng_entity_pool */
    uint8_t len;    /* name's length in bytes, ';' included when present */
    uint8_t n_cps;  /* 1 or 2 */
    uint32_t cp[2]; /* replacement; cp[1] is 0 when n_cps is 1 */
} ng_entity;

#include "html_entities_table.h"

#define NG_CP_LIMIT 0x110000u /* numeric values saturate here: all are invalid */

/* Index of the entity named name[0..len), or -1. */
static long ng_entity_find(const unsigned char *name, size_t len)
{
    size_t lo = 0, hi = NG_ENTITY_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ng_entity *e = &ng_entities[mid];
        size_t m = len < e->len ? len : e->len;
        int c = memcmp(name, ng_entity_pool + e->off, m);
        if (c == 0)
            c = len < e->len ? -1 : len > e->len ? 1 : 0;
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static size_t ng_entity_result(long idx, int32_t cps[2], size_t *n_cps)
{
    const ng_entity *e = &ng_entities[idx];
    cps[0] = (int32_t)e->cp[0];
    cps[1] = (int32_t)e->cp[1];
    *n_cps = e->n_cps;
    return e->len;
}

/* HTML5's replacement for numeric reference `v` (already saturated). */
static void ng_entity_numeric(uint32_t v, int32_t cps[2], size_t *n_cps)
{
    *n_cps = 1;
    if (v == 0) {
        cps[0] = 0xFFFD;
        return;
    }
    if (v >= 0x80 && v <= 0x9F) {
        cps[0] = ng_entity_c1[v - 0x80];
        return;
    }
    if (v >= NG_CP_LIMIT || (v >= 0xD800 && v <= 0xDFFF)) {
        cps[0] = 0xFFFD;
        return;
    }
    for (size_t i = 0; i < NG_ENTITY_DROP_RANGES; i++) {
        if (v < ng_entity_drop[i][0])
            break;
        if (v <= ng_entity_drop[i][1]) {
            *n_cps = 0;
            return;
        }
    }
    cps[0] = (int32_t)v;
}

static int ng_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static size_t ng_entity_decode_numeric(const unsigned char *s, size_t n,
                                       int32_t cps[2], size_t *n_cps)
{
    /* s[0] == '&', s[1] == '#'. */
    size_t i = 2;
    unsigned base = 10;
    if (i < n && (s[i] == 'x' || s[i] == 'X')) {
        base = 16;
        i++;
    }
    size_t start = i;
    uint32_t v = 0;
    for (; i < n; i++) {
        int d = base == 16 ? ng_hexval(s[i])
                           : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
        if (d < 0)
            break;
        /* Saturate so that a megabyte of digits stays one linear scan. */
        if (v < NG_CP_LIMIT)
            v = v * base + (uint32_t)d;
        if (v > NG_CP_LIMIT)
            v = NG_CP_LIMIT;
    }
    if (i == start)
        return 0; /* "&#;" or "&#x;" is literal text */
    if (i < n && s[i] == ';')
        i++;
    ng_entity_numeric(v, cps, n_cps);
    return i;
}

/* Whether byte c may be part of a reference name (html.unescape's
 * [^\t\n\f <&#;]). */
static int ng_entity_name_byte(unsigned char c)
{
    return !(c == '\t' || c == '\n' || c == '\f' || c == ' ' || c == '<' ||
             c == '&' || c == '#' || c == ';');
}

size_t ng_html_entity_decode(const unsigned char *s, size_t n, int32_t cps[2],
                             size_t *n_cps)
{
    *n_cps = 0;
    if (n < 2)
        return 0;
    if (s[1] == '#')
        return ng_entity_decode_numeric(s, n, cps, n_cps);

    /* The candidate name: up to 32 characters (not bytes, as in Python). All
     * table names are ASCII, so only the leading ASCII part can match. */
    size_t pos = 1, chars = 0, ascii_len = 0;
    int all_ascii = 1;
    while (pos < n && chars < NG_ENTITY_NAME_MAX && ng_entity_name_byte(s[pos])) {
        if (s[pos] < 0x80) {
            pos++;
        } else {
            int32_t cp;
            pos += ng_utf8_decode(s + pos, n - pos, &cp);
            all_ascii = 0;
        }
        chars++;
        if (all_ascii)
            ascii_len = chars;
    }
    if (chars == 0)
        return 0;
    int semi = pos < n && s[pos] == ';';
    long idx;
    if (all_ascii) {
        idx = ng_entity_find(s + 1, chars + (semi ? 1u : 0u));
        if (idx >= 0)
            return 1 + ng_entity_result(idx, cps, n_cps);
    }
    /* Longest proper prefix (of the name plus ';') that is a legacy name. */
    size_t max = semi ? chars : chars - 1;
    if (max > ascii_len)
        max = ascii_len;
    if (max > NG_ENTITY_LEGACY_MAX)
        max = NG_ENTITY_LEGACY_MAX;
    for (size_t x = max; x >= 2; x--) {
        idx = ng_entity_find(s + 1, x);
        if (idx >= 0)
            return 1 + ng_entity_result(idx, cps, n_cps);
    }
    return 0;
}

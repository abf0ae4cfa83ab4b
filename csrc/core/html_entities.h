/*
 * html_entities.h: HTML5 character reference decoding (internal to the core).
 *
 * The rules are those of HTML5 as Python's html.unescape implements them, which
 * is the oracle the tests compare against:
 *
 *   &#NNN; &#xHHH;  decimal or hex, ';' optional. 0 becomes U+FFFD; 0x80-0x9F
 *                   are read as Windows-1252; surrogates and values above
 *                   0x10FFFF become U+FFFD; other C0/C1 controls and the
 *                   noncharacters (U+FDD0-U+FDEF, U+xFFFE/U+xFFFF) vanish.
 *   &name;          the full HTML5 table. Without ';' the whole name is tried
 *                   first, then the longest prefix (of two or more characters)
 *                   that is a legacy name valid without ';' ("&ampx" is "&x").
 *                   The name is at most 32 characters, as in html.unescape.
 *
 * Const tables only; reentrant.
 */
#ifndef NG_HTML_ENTITIES_H
#define NG_HTML_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the character reference at s[0..n), where s[0] == '&' and n >= 1.
 * Returns the number of bytes it spans (0 when no reference starts here, so
 * the '&' is literal text). On a nonzero return cps[0..*n_cps) holds the
 * replacement, 0 to 2 code points (0 when HTML5 drops the reference). Bytes
 * after a prefix match ("xyz" in "&ampxyz") are not part of the span; they are
 * ordinary text. Linear in the bytes examined; never reads past s[n-1].
 */
size_t ng_html_entity_decode(const unsigned char *s, size_t n, int32_t cps[2],
                             size_t *n_cps);

#endif /* NG_HTML_ENTITIES_H */

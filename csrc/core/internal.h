/*
 * internal.h: helpers shared by the core's translation units; not part of the
 * public contract (that is nutgraf.h).
 *
 * ng_buf is a growable byte buffer and ng_map_add appends a run to an offset
 * map. Both grow geometrically with checked arithmetic, so building an output
 * of n bytes costs O(n) in total.
 */
#ifndef NUTGRAF_INTERNAL_H
#define NUTGRAF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nutgraf.h"

/* A growable byte buffer. Start it zeroed ({0}); it owns `data`. */
typedef struct ng_buf {
    char *data;
    size_t len;
    size_t cap;
} ng_buf;

/* Makes room for `extra` more bytes. */
NG_MUST_USE ng_status ng_buf_reserve(ng_buf *buf, size_t extra);

/* Appends n bytes. */
NG_MUST_USE ng_status ng_buf_append(ng_buf *buf, const char *bytes, size_t n);

/* Frees the buffer's memory and zeroes it. */
void ng_buf_free(ng_buf *buf);

/*
 * Appends a run starting at output byte `out` and input byte `in`. A run that
 * would merely continue the previous copy run is folded into it, and a run
 * starting where the previous one starts replaces it, so callers may add runs
 * freely.
 */
NG_MUST_USE ng_status ng_map_add(ng_map *map, size_t out, size_t in, int copy);

/* The next word token of text[*pos..len), as ng_words finds them: returns 1
 * with *word set and *pos moved past it, or 0 (and *pos = len) when there is
 * none. Start with *pos = 0. For callers that want the words one at a time,
 * without an array. */
int ng_word_next(const char *text, size_t len, size_t *pos, ng_span *word);

/* Decodes one UTF-8 character at s[0..n), n >= 1. Returns its length in
 * bytes (1..4) and stores the code point in *cp; an invalid or truncated
 * sequence yields length 1 and *cp = 0xFFFD. Never reads past s[n-1]. */
size_t ng_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* The position of the first byte above 0x7F in s[i..len), or len. */
size_t ng_first_high_byte(const unsigned char *s, size_t i, size_t len);

/* Encodes code point cp (0..0x10FFFF, not a surrogate) into out[0..4);
 * returns the length. Anything else is encoded as U+FFFD. */
size_t ng_utf8_encode(int32_t cp, char out[4]);

#endif /* NUTGRAF_INTERNAL_H */

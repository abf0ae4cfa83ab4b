/*
 * lossy_punct.h: punctuation lost to a lossy conversion, restored by context.
 * Internal to the core; the public entry point is ng_repair() in nutgraf.h.
 *
 * Two failures put '?' where something else stood: every '.' replaced
 * ("U?S? officials", "$1?5 trillion"), or every curly quote, apostrophe and
 * dash replaced ("don?t", "?quoted?"). Each is detected per region from the
 * pattern of '?' (a run of lines holding no '.' for the first; for the
 * second a line, by its own shapes or by weak ones that the shapes of the
 * text around it back: the article, or the 32 KiB on either side in a
 * longer text), then restored position by position; a '?' that ends a
 * sentence that reads as a question (an auxiliary or wh-word before its
 * subject, in the sentence or in a clause, quotation or tag of it; a
 * wh-phrase subject with no other main verb; a closing quote before a
 * lower-case word or a verb of asking after the mark) stays. Each sentence
 * is read once into its words, whose classes come from the generated
 * lexicon (lossy_lexicon.h, tools/gen_lossy_lexicon.py); only the regions
 * around a '?' are read at all (all regions when a U+FFFD is in the text).
 * U+FFFD where a dash or quote was lost between words is restored by the
 * same context rules.
 */
#ifndef NUTGRAF_LOSSY_PUNCT_H
#define NUTGRAF_LOSSY_PUNCT_H

#include "internal.h"

/*
 * Appends the restored text[0..len) to `out` (empty at the call) and, when
 * `map` is not NULL, the runs back to `text`. `flags` are NG_REPAIR_* bits:
 * LOSSY_PUNCT, REPLACEMENT and DROP_REPLACEMENT act here. Adds to `counts`.
 * *changed is set when the output differs from the input. `prior`, when
 * not NULL, is the map of the mojibake stage that made `text`: a U+FFFD on a
 * line that stage re-decoded stands for lost bytes of a letter, not for lost
 * punctuation, and is left alone.
 */
NG_MUST_USE ng_status ng_lossy_punct_repair(const char *text, size_t len, unsigned flags,
                                            const ng_map *prior, ng_buf *out, ng_map *map,
                                            ng_repair_counts *counts, int *changed);

#endif /* NUTGRAF_LOSSY_PUNCT_H */

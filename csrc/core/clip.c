/*
 * clip.c: the parts of sentences that lie inside regions of a text (a
 * document's body), so that a sentence the segmenter ran from a heading into
 * the body keeps its body part.
 */
#include <stdlib.h>

#include "internal.h"

ng_status ng_clip_spans(const ng_span *spans, size_t n, const ng_span *regions, size_t n_regions,
                        ng_span **out, size_t *n_out)
{
    ng_span *pieces = NULL;
    size_t count = 0;
    ng_status st = NG_OK;
    *out = NULL;
    *n_out = 0;
    if ((n && !spans) || (n_regions && !regions))
        return NG_EINVAL;
    /* A span yields a piece per region it meets, and each region past the
     * first that a span meets starts after the previous span ended: at most
     * n + n_regions pieces. */
    if (n > SIZE_MAX / sizeof *pieces - n_regions - 1)
        return NG_EOVERFLOW;
    if (!n || !n_regions)
        return NG_OK;
    pieces = malloc((n + n_regions) * sizeof *pieces);
    if (!pieces)
        return NG_ENOMEM;
    size_t r = 0;
    for (size_t i = 0; i < n; i++) {
        size_t start = spans[i].start, end = spans[i].end;
        while (r < n_regions && regions[r].end <= start)
            r++;
        for (size_t j = r; j < n_regions && regions[j].start < end; j++) {
            if (count == n + n_regions) { /* unsorted input: the bound fails */
                st = NG_EINVAL;
                goto cleanup;
            }
            pieces[count].start = start > regions[j].start ? start : regions[j].start;
            pieces[count].end = end < regions[j].end ? end : regions[j].end;
            count++;
        }
    }

cleanup:
    if (st != NG_OK || !count) {
        free(pieces);
        pieces = NULL;
        count = 0;
    }
    *out = pieces;
    *n_out = count;
    return st;
}

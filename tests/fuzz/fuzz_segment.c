/*
 * libFuzzer harness for ng_segment (English rules). Checks the span contract:
 * spans in bounds, ordered, non-overlapping, trimmed of whitespace, and every
 * byte outside all spans is whitespace. Then clips the spans to the input's
 * lines (ng_clip_spans, as a document's body) and checks that each piece
 * lies inside a span and a line, in order, and that the pieces cover every
 * byte that is in both.
 */
#include <stdlib.h>

#include "fuzz_checks.h"

/* Whitespace as str.isspace() has it (ASCII space, \t to \r, and the file,
 * group, record and unit separators 0x1C-0x1F) and any byte of a multi-byte
 * character are the only bytes allowed between spans; the precise check of
 * multi-byte spaces is left to the Python tests, which use str.isspace(). */
static int gap_byte(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) || c >= 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ng_lang *en = ng_lang_find("en", 2);
    CHECK(en != NULL);
    const char *text = (const char *)data;
    ng_span *spans = NULL;
    size_t n = 0;
    ng_status st = ng_segment(text, size, en, 0, &spans, &n);
    if (st != NG_OK) {
        CHECK(st == NG_ENOMEM);
        return 0;
    }
    size_t covered = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK(spans[i].start < spans[i].end && spans[i].end <= size);
        CHECK(spans[i].start >= covered);
        for (size_t b = covered; b < spans[i].start; b++)
            CHECK(gap_byte(data[b]));
        CHECK(data[spans[i].start] != ' ' && data[spans[i].end - 1] != ' ');
        CHECK(data[spans[i].start] != '\n' && data[spans[i].end - 1] != '\n');
        covered = spans[i].end;
    }
    for (size_t b = covered; b < size; b++)
        CHECK(gap_byte(data[b]));

    /* The lines (runs of bytes other than '\n') as regions. */
    ng_span *lines = malloc((size / 2 + 2) * sizeof *lines), *pieces = NULL;
    size_t n_lines = 0, n_pieces = 0;
    if (!lines)
        goto cleanup;
    for (size_t b = 0; b < size;) {
        while (b < size && data[b] == '\n')
            b++;
        size_t start = b;
        while (b < size && data[b] != '\n')
            b++;
        if (b > start)
            lines[n_lines++] = (ng_span){start, b};
    }
    st = ng_clip_spans(spans, n, lines, n_lines, &pieces, &n_pieces);
    if (st != NG_OK) {
        CHECK(st == NG_ENOMEM);
        goto cleanup;
    }
    CHECK(n_pieces <= n + n_lines);
    size_t in_both = 0, in_pieces = 0;
    for (size_t b = 0, i = 0, r = 0; b < size; b++) {
        while (i < n && spans[i].end <= b)
            i++;
        while (r < n_lines && lines[r].end <= b)
            r++;
        in_both += i < n && r < n_lines && spans[i].start <= b && lines[r].start <= b;
    }
    for (size_t k = 0; k < n_pieces; k++) {
        CHECK(pieces[k].start < pieces[k].end && pieces[k].end <= size);
        CHECK(k == 0 || pieces[k].start >= pieces[k - 1].end);
        for (size_t b = pieces[k].start; b < pieces[k].end; b++)
            CHECK(data[b] != '\n');
        in_pieces += pieces[k].end - pieces[k].start;
    }
    CHECK(in_pieces == in_both);

cleanup:
    free(lines);
    ng_free(pieces);
    ng_free(spans);
    return 0;
}

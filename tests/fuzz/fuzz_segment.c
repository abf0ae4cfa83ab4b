/*
 * libFuzzer harness for ng_segment (English rules). Checks the span contract:
 * spans in bounds, ordered, non-overlapping, trimmed of whitespace, and every
 * byte outside all spans is whitespace.
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
    ng_free(spans);
    return 0;
}

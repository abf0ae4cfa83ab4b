/*
 * libFuzzer harness for the words layer: ng_words, ng_fold, ng_is_stopword
 * and ng_stem_en on every token of the input. Checks: tokens in bounds,
 * ordered, non-empty and non-overlapping; folding stays within its documented
 * bound; a stem is never longer than its word.
 */
#include <stdlib.h>

#include "fuzz_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const ng_lang *en = ng_lang_find("en", 2);
    ng_span *words = NULL;
    size_t n = 0;
    char *folded = NULL, *stem = NULL;
    ng_status st = ng_words(text, size, &words, &n);
    if (st != NG_OK) {
        CHECK(st == NG_ENOMEM);
        goto cleanup;
    }
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        size_t start = words[i].start, end = words[i].end;
        CHECK(start < end && end <= size && start >= prev_end);
        prev_end = end;
        size_t len = end - start;
        size_t cap = 3 * len + 4;
        folded = malloc(cap);
        if (!folded)
            goto cleanup;
        size_t folded_len = ng_fold(text + start, len, folded);
        CHECK(folded_len <= cap);
        (void)ng_is_stopword(en, folded, folded_len);
        stem = malloc(folded_len ? folded_len : 1);
        if (!stem)
            goto cleanup;
        CHECK(ng_stem_en(folded, folded_len, stem) <= folded_len);
        free(folded);
        free(stem);
        folded = stem = NULL;
    }

cleanup:
    free(folded);
    free(stem);
    ng_free(words);
    return 0;
}

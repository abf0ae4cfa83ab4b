/*
 * libFuzzer harness for scoring: the text is split with ng_segment, scored by
 * the method the first byte picks (or by all of them at once), summarized by
 * MMR with the second byte's sentence count, and mined for keywords. Checks:
 * scores finite and in [0, 1]; chosen sentences in order, in range and within
 * the count; keyword spans inside the text, best first.
 */
#include <math.h>
#include <stdlib.h>

#include "fuzz_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned method = data[0] % (NG_METHOD_COUNT + 1);
    size_t max_sentences = data[1] % 8;
    const char *text = (const char *)data + 2;
    size_t len = size - 2;
    const ng_lang *en = ng_lang_find("en", 2);

    ng_span *spans = NULL;
    size_t n = 0, n_chosen = 0, n_keywords = 0;
    ng_scorer *scorer = NULL;
    double *scores = NULL;
    size_t *chosen = NULL;
    ng_keyword *keywords = NULL;
    double weights[NG_METHOD_COUNT];
    for (unsigned m = 0; m < NG_METHOD_COUNT; m++)
        weights[m] = method == NG_METHOD_COUNT || m == method ? 1.0 : 0.0;

    if (ng_segment(text, len, en, 0, &spans, &n) != NG_OK)
        goto cleanup;
    /* The first sentence doubles as the title, so TITLE has one to use. */
    const char *title = n ? text + spans[0].start : NULL;
    size_t title_len = n ? spans[0].end - spans[0].start : 0;
    if (ng_scorer_new(text, len, spans, n, en, title, title_len, &scorer) != NG_OK)
        goto cleanup;
    CHECK(ng_scorer_count(scorer) == n);
    scores = malloc((n ? n : 1) * sizeof *scores);
    chosen = malloc((n ? n : 1) * sizeof *chosen);
    if (!scores || !chosen)
        goto cleanup;
    if (ng_scorer_score(scorer, weights, scores) != NG_OK)
        goto cleanup;
    for (size_t i = 0; i < n; i++)
        CHECK(isfinite(scores[i]) && scores[i] >= 0.0 && scores[i] <= 1.0 + 1e-9);

    if (ng_scorer_select(scorer, scores, max_sentences, data[1] & 0x80 ? 40 : 0, 0.7, 0.8,
                         chosen, &n_chosen) != NG_OK)
        goto cleanup;
    CHECK(n_chosen <= max_sentences && n_chosen <= n);
    for (size_t i = 0; i < n_chosen; i++)
        CHECK(chosen[i] < n && (i == 0 || chosen[i] > chosen[i - 1]));

    if (ng_scorer_keywords(scorer, 10, &keywords, &n_keywords) != NG_OK)
        goto cleanup;
    CHECK(n_keywords <= 10);
    for (size_t i = 0; i < n_keywords; i++) {
        CHECK(keywords[i].surface.start < keywords[i].surface.end);
        CHECK(keywords[i].surface.end <= len);
        CHECK(i == 0 || keywords[i].score <= keywords[i - 1].score);
    }

cleanup:
    ng_free(keywords);
    free(chosen);
    free(scores);
    ng_scorer_free(scorer);
    ng_free(spans);
    return 0;
}

/*
 * nutgraf.h: the public contract of the nutgraf C core.
 *
 * The core is plain C11. It never includes Python.h and knows nothing of the
 * binding above it, so it also builds into C test programs and fuzzers.
 *
 * Conventions that hold for every function declared here:
 *
 *   Text     arrives as (const char *text, size_t len): a pointer and a length
 *            in BYTES. No function relies on a NUL terminator; U+0000 inside
 *            the text is an ordinary character. Text is expected to be UTF-8.
 *            Invalid UTF-8 never makes a function read or write out of
 *            bounds; each invalid byte is treated as one opaque character
 *            (U+FFFD for classification) and the results stay well-formed.
 *   Offsets  are byte offsets into the text they refer to, half-open
 *            [start, end).
 *   Memory   Every buffer a function hands back is allocated with malloc and
 *            is owned by the caller, who frees it with ng_free() (or, for an
 *            ng_map, ng_map_free()). On error nothing is handed back: output
 *            pointers are set to NULL and lengths to 0.
 *   Errors   Functions that can fail return an ng_status. They never abort,
 *            exit or print.
 *   Threads  No global mutable state. All tables are const. Every function is
 *            reentrant and may run on many threads at once, on shared or
 *            separate inputs.
 *   Time     Linear in the input length for every input, adversarial ones
 *            included; memory a small constant multiple of the input.
 */
#ifndef NUTGRAF_H
#define NUTGRAF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define NG_MUST_USE __attribute__((warn_unused_result))
#else
#define NG_MUST_USE
#endif

/* ------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------ */

typedef enum ng_status {
    NG_OK = 0,
    NG_ENOMEM,    /* an allocation failed */
    NG_EOVERFLOW, /* a size computation would overflow size_t */
    NG_EINVAL     /* an argument is out of its documented range */
} ng_status;

/* A static, English description of `status`; never NULL, never freed. */
const char *ng_strerror(ng_status status);

/* Frees any buffer the core handed to the caller. NULL is a no-op. */
void ng_free(void *ptr);

/* ------------------------------------------------------------------------
 * Offset maps: from a transformed text back to the text it came from
 * ------------------------------------------------------------------------ */

/*
 * One run of an offset map. A run starts at byte `out` of the output text and
 * at byte `in` of the input text, and extends to the start of the next run
 * (or to the end of both texts).
 *
 *   copy != 0  the run's output bytes are the run's input bytes, unchanged:
 *              output byte out + k came from input byte in + k.
 *   copy == 0  the run's output bytes replace the run's input bytes as a whole
 *              (an entity decoded, whitespace collapsed, a character
 *              normalized): every output byte of the run maps to `in`. Such a
 *              run may be empty on either side (text removed or inserted).
 */
typedef struct ng_run {
    size_t out;
    size_t in;
    int copy;
} ng_run;

/*
 * The map of one transformation. runs[0] starts at out = 0, in = 0; runs are
 * sorted and both `out` and `in` are non-decreasing, so the map is monotone.
 * out_len and in_len are the byte lengths of the output and input texts.
 * A transformation that changed nothing has a single copy run.
 */
typedef struct ng_map {
    ng_run *runs;
    size_t n_runs;
    size_t cap_runs;
    size_t out_len;
    size_t in_len;
} ng_map;

/* Frees the runs of `map` (not `map` itself) and zeroes it. NULL is a no-op. */
void ng_map_free(ng_map *map);

/*
 * The input byte that output byte `out` came from; out == out_len maps to
 * in_len. O(log n_runs). `map` must be a map produced by this library.
 */
size_t ng_map_to_input(const ng_map *map, size_t out);

/*
 * Composes two maps: `first` maps a middle text back to the input, `second`
 * maps the output back to that middle text; *result (zeroed by the caller,
 * freed with ng_map_free) maps the output straight back to the input. A copy
 * run of `second` is split where `first`'s runs change; a replacement run
 * maps to where `first` puts its start. Linear in the two run counts.
 */
NG_MUST_USE ng_status ng_map_compose(const ng_map *first, const ng_map *second, ng_map *result);

/* ------------------------------------------------------------------------
 * Normalization
 * ------------------------------------------------------------------------ */

/* Unicode normalization forms (utf8proc). */
typedef enum ng_form {
    NG_FORM_NONE = 0, /* leave composition as it is */
    NG_FORM_NFC,
    NG_FORM_NFD,
    NG_FORM_NFKC,
    NG_FORM_NFKD
} ng_form;

/* Option bits of ng_normalize_options.flags. */
enum {
    NG_NORM_WHITESPACE = 1u << 0, /* every Unicode space to ' '; CR, CRLF,
                                     NEL, LS, PS to '\n'; runs of spaces to
                                     one; lines trimmed; 2+ line breaks to
                                     exactly "\n\n"; text trimmed */
    NG_NORM_CONTROLS = 1u << 1,   /* drop C0/C1 controls (but tab and line
                                     breaks), zero-width characters, BOM,
                                     soft hyphen, bidi and format controls */
    NG_NORM_ENTITIES = 1u << 2,   /* decode HTML5 character references */
    NG_NORM_ASCII_PUNCT = 1u << 3,/* curly quotes, dashes, ellipsis, primes
                                     to ASCII */
    NG_NORM_DEHYPHENATE = 1u << 4,/* join "exam-\nple" into "example" */
    NG_NORM_CASEFOLD = 1u << 5    /* Unicode case folding (after the form) */
};

typedef struct ng_normalize_options {
    unsigned flags;
    ng_form form;
} ng_normalize_options;

/*
 * What a caller building a string of fixed-width characters (CPython's str)
 * needs to know of UTF-8 text before it copies: how many code points, and
 * the width class of the widest one, 0x7F (all ASCII), 0xFF (all in
 * Latin-1), 0xFFFF (all in the BMP) or 0x10FFFF.
 */
typedef struct ng_utf8_shape {
    size_t code_points;
    uint32_t widest;
} ng_utf8_shape;

/*
 * Normalizes text[0..len) by `opts` into a new buffer.
 *
 * On NG_OK: *out is a malloc'd buffer of *out_len bytes plus a terminating
 * NUL (for convenience; the length is authoritative), owned by the caller
 * and freed with ng_free(). If `map` is not NULL it receives the offset map
 * from the output to `text` (freed with ng_map_free()); pass NULL when
 * offsets are not needed, which is faster. If `shape` is not NULL it
 * receives the output's shape, counted as it was written.
 * The output is valid UTF-8 whenever the input is.
 * Errors: NG_ENOMEM, NG_EOVERFLOW, NG_EINVAL (unknown form or flag bits).
 */
NG_MUST_USE ng_status ng_normalize(const char *text, size_t len, const ng_normalize_options *opts,
                                   char **out, size_t *out_len, ng_map *map, ng_utf8_shape *shape);

/* ------------------------------------------------------------------------
 * Sentence segmentation
 * ------------------------------------------------------------------------ */

/* A half-open byte span [start, end) of a text. */
typedef struct ng_span {
    size_t start;
    size_t end;
} ng_span;

/* A language's segmentation rules: a const table, never freed. */
typedef struct ng_lang ng_lang;

/*
 * The rules for language `code` (e.g. "en"; `code_len` bytes, no NUL needed),
 * or NULL when the language is not supported.
 */
const ng_lang *ng_lang_find(const char *code, size_t code_len);

/* The supported language codes, comma-separated ("en"); static, never freed. */
const char *ng_lang_codes(void);

/*
 * Splits text[0..len) into sentences by the rules of `lang`.
 *
 * On NG_OK: *spans is a malloc'd array of *n_spans spans, owned by the
 * caller and freed with ng_free() (NULL when *n_spans is 0). Spans are in
 * order, non-overlapping, trimmed of surrounding whitespace (Unicode spaces
 * and line breaks), and every non-space character of the text lies in
 * exactly one span. `flags` is reserved and must be 0.
 * Errors: NG_ENOMEM, NG_EOVERFLOW, NG_EINVAL (lang NULL or flags not 0).
 */
NG_MUST_USE ng_status ng_segment(const char *text, size_t len,
                                 const ng_lang *lang, unsigned flags,
                                 ng_span **spans, size_t *n_spans);

/*
 * The parts of spans[0..n) that lie inside regions[0..n_regions): for each
 * span in order, its intersection with each region it overlaps, in order
 * (a sentence that runs from a heading into a document's body keeps its
 * body part; one that a heading splits becomes two pieces). Both arrays
 * must be sorted and non-overlapping; units are whatever the caller's are
 * (bytes or str indices), since only comparisons are made.
 *
 * On NG_OK: *out is a malloc'd array of *n_out <= n + n_regions pieces,
 * owned by the caller and freed with ng_free() (NULL when none). Time
 * O(n + n_regions). Errors: NG_ENOMEM, NG_EOVERFLOW, NG_EINVAL (a NULL
 * array with a non-zero count, or input so unsorted that the bound fails).
 */
NG_MUST_USE ng_status ng_clip_spans(const ng_span *spans, size_t n, const ng_span *regions,
                                    size_t n_regions, ng_span **out, size_t *n_out);

/* ------------------------------------------------------------------------
 * Words: tokens, case folding, stopwords, stemming
 * ------------------------------------------------------------------------ */

/*
 * Splits text[0..len) into word tokens: maximal runs of Unicode letters,
 * marks and digits (utf8proc categories), keeping an apostrophe (' or U+2019)
 * or hyphen between two letters inside the word ("don't", "state-run") and a
 * '.' or ',' between two digits inside a number ("1.5", "40,000").
 *
 * On NG_OK: *words is a malloc'd array of *n_words byte spans in order,
 * owned by the caller and freed with ng_free() (NULL when there are none).
 * Errors: NG_ENOMEM, NG_EOVERFLOW.
 */
NG_MUST_USE ng_status ng_words(const char *text, size_t len, ng_span **words, size_t *n_words);

/*
 * Writes the case-folded (utf8proc casefold, NFC) form of word[0..len) to
 * out, which must hold at least 3 * len + 4 bytes (case folding grows a
 * character's UTF-8 by at most that factor); returns the bytes written.
 * Reentrant; allocates nothing.
 */
size_t ng_fold(const char *word, size_t len, char *out);

/*
 * Non-zero when word[0..len), already case-folded (ng_fold), is a stopword of
 * `lang`. U+2019 counts as an apostrophe ("don’t" is "don't"). A NULL lang,
 * or one without a stopword list, gives 0.
 */
int ng_is_stopword(const ng_lang *lang, const char *word, size_t len);

/*
 * The English Porter2 (Snowball) stem of the case-folded word[0..len):
 * writes it to out, which must hold at least len bytes (a stem is never
 * longer than its word) and must not overlap word, and returns its length.
 * Agrees with the Snowball 3 reference (the snowballstemmer package). Like
 * Snowball, it counts characters (code points), not bytes: a non-ASCII
 * character is a non-vowel that is part of no suffix, and each invalid
 * UTF-8 byte counts as one such character and is copied through. Words of
 * fewer than three characters come back unchanged. The apostrophe is the
 * ASCII one only (a U+2019 is a non-vowel). Reentrant; allocates nothing.
 */
size_t ng_stem_en(const char *word, size_t len, char *out);


/* ------------------------------------------------------------------------
 * Scoring, selection and keywords (csrc/core/score.c)
 * ------------------------------------------------------------------------ */

/*
 * The sentence scoring methods. Each scores every sentence in [0, 1], the
 * best sentence of a document scoring 1 (0 for all when nothing qualifies).
 *
 *   TEXTRANK   PageRank over the graph of shared content terms, weighted by
 *              overlap / (log(1 + |Si|) + log(1 + |Sj|)) (Mihalcea & Tarau)
 *   LEXRANK    PageRank over TF-IDF cosine similarities (Erkan & Radev,
 *              continuous)
 *   LEXRANK_THRESHOLD  the same over the edges of cosine > 0.1, unweighted
 *   LUHN       the densest cluster of significant (repeated) terms
 *   SUMBASIC   the mean document probability of the sentence's terms
 *   CENTROID   TF-IDF cosine with the document centroid
 *   POSITION   lead bias: 1 / sqrt(1 + index)
 *   TITLE      IDF-weighted share of the title's terms in the sentence
 *   FORWARD    forward centrality (after PacSum, Zheng & Lapata 2019): the
 *              sum of the TF-IDF cosines with the sentences after this one,
 *              so a sentence that what follows elaborates on, as a news lead
 *              is, scores high; exact, one pass over the term vectors
 *   LENGTH     fragment penalty: min(1, words / 12), word tokens with stopwords
 *
 * Graphs are sparse: built from an inverted index, where a term found in
 * more than NG_GRAPH_MAX_DF sentences links each sentence only to the
 * NG_GRAPH_MAX_DF nearest ones holding it, and each sentence keeps its
 * NG_GRAPH_MAX_EDGES strongest edges; so a graph costs time and memory
 * linear in the number of sentences. (Documents of up to NG_GRAPH_MAX_DF
 * sentences get the exact graph; on CNN/DM and BBC articles the bounds
 * change no summary's ROUGE by more than 0.02.) PageRank (damping 0.85)
 * iterates until the L1 change falls under 1e-6 per node (n * 1e-6 in all,
 * networkx's rule) or 200 iterations.
 */
typedef enum ng_method {
    NG_METHOD_TEXTRANK = 0,
    NG_METHOD_LEXRANK,
    NG_METHOD_LEXRANK_THRESHOLD,
    NG_METHOD_LUHN,
    NG_METHOD_SUMBASIC,
    NG_METHOD_CENTROID,
    NG_METHOD_POSITION,
    NG_METHOD_TITLE,
    NG_METHOD_FORWARD,
    NG_METHOD_LENGTH,
    NG_METHOD_COUNT /* the number of methods, not a method */
} ng_method;

#define NG_GRAPH_MAX_DF 32
#define NG_GRAPH_MAX_EDGES 32

/*
 * The analysed sentences of one text: their terms (words tokenized with
 * ng_words, case-folded, stopwords of `lang` dropped, stemmed with
 * ng_stem_en and interned), sparse term vectors and an inverted index.
 * Opaque; immutable once built, so one scorer may be used from many threads.
 */
typedef struct ng_scorer ng_scorer;

/*
 * Analyses the sentences spans[0..n) of text[0..len) and the optional title
 * title[0..title_len) (NULL or empty: none; only the TITLE method uses it).
 * Spans are byte spans inside the text, in any order (scores follow the
 * order given; POSITION takes it as document order).
 *
 * On NG_OK: *out is a new scorer owned by the caller, freed with
 * ng_scorer_free(). Time and memory linear in len + n.
 * Errors: NG_ENOMEM; NG_EOVERFLOW (more than 2^32 - 2 sentences or terms);
 * NG_EINVAL (lang NULL, a span outside the text or with start > end).
 */
NG_MUST_USE ng_status ng_scorer_new(const char *text, size_t len, const ng_span *spans,
                                    size_t n, const ng_lang *lang, const char *title,
                                    size_t title_len, ng_scorer **out);

/* Frees a scorer. NULL is a no-op. */
void ng_scorer_free(ng_scorer *scorer);

/* The number of sentences, and the number of word tokens (ng_words, stopwords
 * included) of sentence i < n. */
size_t ng_scorer_count(const ng_scorer *scorer);
size_t ng_scorer_words(const ng_scorer *scorer, size_t i);

/*
 * Writes to scores[0..n) the weighted sum of the methods' scores:
 * sum over m of weights[m] * score_m(i), then divided by its maximum so the
 * best sentence scores 1. Methods of weight 0 are not computed; weights must
 * be finite and non-negative (NG_EINVAL otherwise). One-hot weights give one
 * method's own scores. `scores` is caller-provided (n doubles).
 * Errors: NG_ENOMEM, NG_EINVAL.
 */
NG_MUST_USE ng_status ng_scorer_score(const ng_scorer *scorer,
                                      const double weights[NG_METHOD_COUNT], double *scores);

/*
 * Picks sentences by maximal marginal relevance: repeatedly the sentence i
 * that maximises lambda * scores[i] - (1 - lambda) * max cos(i, chosen),
 * where cos is the TF-IDF cosine, skipping any sentence whose cosine with a
 * chosen one reaches `max_similarity` (near-duplicates are never both
 * chosen) and any that would take the word count past `max_words`
 * (0: no word budget). Stops after `max_sentences` or when nothing fits.
 *
 * Writes the chosen indices in increasing (document) order to chosen[0..),
 * which must hold min(max_sentences, n) entries, and their number to
 * *n_chosen. lambda and max_similarity must lie in [0, 1].
 * Errors: NG_ENOMEM, NG_EINVAL.
 */
NG_MUST_USE ng_status ng_scorer_select(const ng_scorer *scorer, const double *scores,
                                       size_t max_sentences, size_t max_words, double lambda,
                                       double max_similarity, size_t *chosen, size_t *n_chosen);

/* One keyword: the byte span of its surface form in the text, its score
 * (TextRank over the co-occurrence graph of terms, best = 1), and
 * `lowercase` set when the word also occurs in lower case, so that its
 * lower-cased form is the natural way to show it. */
typedef struct ng_keyword {
    ng_span surface;
    double score;
    int lowercase;
} ng_keyword;

/*
 * The `k` best keywords of the scorer's sentences, best first: stems ranked
 * by TextRank over the graph of terms adjacent after stopword removal, each
 * shown by its most frequent surface form. Numbers are never keywords.
 *
 * On NG_OK: *out is a malloc'd array of *n_out <= k keywords, owned by the
 * caller and freed with ng_free() (NULL when there are none).
 * Errors: NG_ENOMEM, NG_EOVERFLOW.
 */
NG_MUST_USE ng_status ng_scorer_keywords(const ng_scorer *scorer, size_t k, ng_keyword **out,
                                         size_t *n_out);

/* ------------------------------------------------------------------------
 * Repair: damaged text made whole again
 * ------------------------------------------------------------------------ */

/* Option bits of ng_repair(). */
enum {
    NG_REPAIR_MOJIBAKE = 1u << 0,    /* UTF-8 that was decoded as Windows-1252,
                                        Latin-1, MacRoman, ... (once or more,
                                        in whole lines or in runs inside
                                        them), and stray C1 controls */
    NG_REPAIR_LOSSY_PUNCT = 1u << 1, /* '?' that a lossy conversion put for
                                        every '.' ("U?S?"), or for curly
                                        quotes, apostrophes and dashes
                                        ("don?t"); decided per paragraph */
    NG_REPAIR_REPLACEMENT = 1u << 2, /* U+FFFD standing where a dash or a
                                        quote was lost, restored by context */
    NG_REPAIR_DROP_REPLACEMENT = 1u << 3 /* remove every other U+FFFD */
};

/* The repairs ng_repair() would make by default. */
#define NG_REPAIR_DEFAULT (NG_REPAIR_MOJIBAKE | NG_REPAIR_LOSSY_PUNCT | NG_REPAIR_REPLACEMENT)

/* The repairs only non-ASCII text can need (mojibake and U+FFFD are bytes
 * >= 0x80): a caller that knows its text is ASCII may leave them out, which
 * spares ng_repair() a pass to find that out. */
#define NG_REPAIR_NON_ASCII                                                                        \
    (NG_REPAIR_MOJIBAKE | NG_REPAIR_REPLACEMENT | NG_REPAIR_DROP_REPLACEMENT)

/* What one call of ng_repair() repaired, by kind (counts of characters). */
typedef struct ng_repair_counts {
    size_t mojibake;             /* output characters that replaced mojibake */
    size_t lossy_periods;        /* '?' restored to '.' */
    size_t lossy_quotes;         /* '?' restored to a curly quote,
                                    apostrophe or dash */
    size_t replacement_punct;    /* U+FFFD restored to a dash or quote */
    size_t replacement_dropped;  /* U+FFFD removed */
} ng_repair_counts;

/*
 * Repairs text[0..len) by `flags` (NG_REPAIR_*) into a new buffer. Text that
 * shows none of the damage is returned byte for byte: the repairs act only
 * where a measure of implausible character sequences (mojibake) or the
 * pattern of '?' in a paragraph (lossy punctuation) shows damage, so that a
 * real "Ã", "€" or question mark stays.
 *
 * On NG_OK: *out is a malloc'd buffer of *out_len bytes plus a terminating
 * NUL, owned by the caller and freed with ng_free(). If `map` is not NULL it
 * receives the offset map from the output to `text` (freed with
 * ng_map_free()), of the same kind as ng_normalize's, so the two compose. If
 * `counts` is not NULL it receives what was repaired.
 * The output is valid UTF-8 whenever the input is; a line holding invalid
 * UTF-8 is never re-decoded. Time linear in len.
 * Errors: NG_ENOMEM, NG_EOVERFLOW, NG_EINVAL (unknown flag bits).
 */
NG_MUST_USE ng_status ng_repair(const char *text, size_t len, unsigned flags, char **out,
                                size_t *out_len, ng_map *map, ng_repair_counts *counts);

/*
 * As ng_repair(), except that a text no repair changed is not copied: then
 * *out is NULL and *out_len is len, and the output is `text` itself (the map,
 * if wanted, is the identity). Otherwise *out is as ng_repair()'s, freed with
 * ng_free(). For callers that keep the input (a binding returning the same
 * string object), this saves the copy that dominates the time on clean text.
 * Errors: as ng_repair().
 */
NG_MUST_USE ng_status ng_repair_nocopy(const char *text, size_t len, unsigned flags, char **out,
                                       size_t *out_len, ng_map *map, ng_repair_counts *counts);

#ifdef __cplusplus
}
#endif

#endif /* NUTGRAF_H */

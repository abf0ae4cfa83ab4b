/*
 * score.c: sentence scoring (graph, frequency, position and title methods),
 * MMR selection and keywords over the terms of a set of sentences.
 *
 * A scorer interns every stem into a dense id, then keeps three views of the
 * sentences: the token stream (ids, with NG_NONTERM where a word is not a
 * content term, for Luhn's windows and keyword adjacency), sparse term
 * vectors (for similarities) and the inverted index (term -> sentences), so
 * that similarities only touch pairs of sentences that share a term.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "stopwords.h"

#define NG_NONTERM UINT32_MAX
#define NG_TERM_MAX_BYTES 64 /* longer "words" (runs of letters) are not terms */
#define NG_DAMPING 0.85
#define NG_PR_TOL 1e-6 /* per node: PageRank stops once the L1 change is below n times this */
#define NG_PR_MAX_ITER 200
#define NG_LEXRANK_THRESHOLD 0.1
#define NG_LUHN_MAX_GAP 4
#define NG_LENGTH_FULL 12.0 /* LENGTH: words from which a sentence scores 1 */

/* A hash table interning byte strings into ids 0, 1, 2, ... */
typedef struct ng_intern {
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t mask;
    ng_buf arena;    /* the strings, back to back */
    size_t *off;     /* id -> offset in arena; off[id + 1] - off[id] = length */
    uint64_t *hash;  /* id -> hash */
    size_t n, cap;
} ng_intern;

/* Per folded surface form: the term it stems to, its count and first span. */
typedef struct ng_form_info {
    uint32_t term;
    uint32_t count;
    ng_span first;
    int lowercase; /* the folded form equals the surface: written in lower case */
} ng_form_info;

struct ng_scorer {
    const char *text;
    size_t n;         /* sentences */
    size_t n_terms;
    uint32_t *tok;    /* token stream: term id or NG_NONTERM */
    size_t *tok_at;   /* sentence i's tokens are tok[tok_at[i] .. tok_at[i + 1]) */
    size_t *words;    /* word tokens per sentence, stopwords included */
    size_t *content;  /* content tokens per sentence */
    uint32_t *vt;     /* sparse vectors: term ids ... */
    uint32_t *vc;     /* ... counts ... */
    double *vw;       /* ... and unit TF-IDF weights; sentence i: [vec_at[i], vec_at[i + 1]) */
    size_t *vec_at;
    uint32_t *ps;     /* postings: sentence ... */
    double *pw;       /* ... and its unit TF-IDF weight; term t: [post_at[t], post_at[t + 1]) */
    size_t *post_at;
    uint32_t *tf;     /* per term: count in the whole text */
    double *idf;
    uint32_t *title;  /* distinct title terms found in the sentences */
    size_t n_title;
    double title_idf; /* idf mass of all title terms, unknown ones included */
    ng_form_info *forms;
    size_t n_forms;
    uint32_t *best_form; /* term -> its most frequent form */
};

/* ---- interning ---------------------------------------------------------- */

/* Callers hash with FNV-1a (ng_stopword_hash), the stopword lists' hash, so
 * that one hash of a folded word serves both its lookups. Its low bits mix
 * poorly, hence the fold before masking. */
static size_t ng_slot_of(uint64_t h, size_t mask)
{
    return (size_t)(h ^ (h >> 29)) & mask;
}

static void ng_intern_free(ng_intern *t)
{
    free(t->slots);
    free(t->off);
    free(t->hash);
    ng_buf_free(&t->arena);
    memset(t, 0, sizeof *t);
}

static ng_status ng_intern_grow(ng_intern *t)
{
    size_t size = t->mask ? (t->mask + 1) * 2 : 1024;
    if (size > SIZE_MAX / sizeof(uint32_t))
        return NG_EOVERFLOW;
    uint32_t *slots = calloc(size, sizeof *slots);
    if (!slots)
        return NG_ENOMEM;
    for (size_t id = 0; id < t->n; id++) {
        size_t s = ng_slot_of(t->hash[id], size - 1);
        while (slots[s])
            s = (s + 1) & (size - 1);
        slots[s] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->mask = size - 1;
    return NG_OK;
}

/* Words are short: a loop beats a call to memcmp. */
static int ng_same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The id of s[0..n) of hash h, or NG_NONTERM with *slot set to where it
 * would go. The table must have been grown once (ng_intern_grow). */
static uint32_t ng_intern_find(const ng_intern *t, const char *s, size_t n, uint64_t h,
                               size_t *slot)
{
    size_t i = ng_slot_of(h, t->mask);
    for (; t->slots[i]; i = (i + 1) & t->mask) {
        uint32_t k = t->slots[i] - 1;
        if (t->hash[k] == h && t->off[k + 1] - t->off[k] == n &&
            ng_same_bytes(t->arena.data + t->off[k], s, n))
            return k;
    }
    *slot = i;
    return NG_NONTERM;
}

/* Adds s[0..n) of hash h, which ng_intern_find did not find, at its slot. */
static ng_status ng_intern_add(ng_intern *t, const char *s, size_t n, uint64_t h, size_t slot,
                               uint32_t *id)
{
    ng_status st;
    if ((t->n + 1) * 2 > t->mask + 1) {
        if ((st = ng_intern_grow(t)) != NG_OK)
            return st;
        for (slot = ng_slot_of(h, t->mask); t->slots[slot]; slot = (slot + 1) & t->mask)
            ;
    }
    if (t->n >= UINT32_MAX - 2)
        return NG_EOVERFLOW;
    if (t->n + 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        size_t *off = realloc(t->off, cap * sizeof *off);
        if (!off)
            return NG_ENOMEM;
        t->off = off;
        uint64_t *hash = realloc(t->hash, cap * sizeof *hash);
        if (!hash)
            return NG_ENOMEM;
        t->hash = hash;
        t->cap = cap;
    }
    if (t->n == 0)
        t->off[0] = 0;
    if (t->arena.cap - t->arena.len <= n && (st = ng_buf_reserve(&t->arena, n)) != NG_OK)
        return st;
    memcpy(t->arena.data + t->arena.len, s, n);
    t->arena.len += n;
    t->hash[t->n] = h;
    t->off[t->n + 1] = t->arena.len;
    t->slots[slot] = (uint32_t)t->n + 1;
    *id = (uint32_t)t->n++;
    return NG_OK;
}

/* The id of s[0..n) of hash h, added if new. */
static ng_status ng_intern_get(ng_intern *t, const char *s, size_t n, uint64_t h, uint32_t *id)
{
    size_t slot;
    *id = ng_intern_find(t, s, n, h, &slot);
    return *id != NG_NONTERM ? NG_OK : ng_intern_add(t, s, n, h, slot, id);
}

/* ---- growable arrays ---------------------------------------------------- */

static ng_status ng_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return NG_OK;
    size_t c = *cap ? *cap : 256;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            return NG_EOVERFLOW;
        c *= 2;
    }
    void *q = realloc(*p, c * size);
    if (!q)
        return NG_ENOMEM;
    *p = q;
    *cap = c;
    return NG_OK;
}

/* ---- analysis ----------------------------------------------------------- */

/* A-Z to a-z, every other byte to itself. */
static const unsigned char ng_ascii_lower[256] = {
#define NG_B(i) (unsigned char)((i) >= 'A' && (i) <= 'Z' ? (i) + ('a' - 'A') : (i))
#define NG_B8(i) NG_B(i), NG_B(i + 1), NG_B(i + 2), NG_B(i + 3), NG_B(i + 4), NG_B(i + 5), \
                 NG_B(i + 6), NG_B(i + 7)
#define NG_B64(i) NG_B8(i), NG_B8(i + 8), NG_B8(i + 16), NG_B8(i + 24), NG_B8(i + 32), \
                  NG_B8(i + 40), NG_B8(i + 48), NG_B8(i + 56)
    NG_B64(0), NG_B64(64), NG_B64(128), NG_B64(192)
#undef NG_B64
#undef NG_B8
#undef NG_B
};

/* What the analysis of a text builds and consults: the interned stems
 * (terms) and folded forms, the forms' information, and the stopword list
 * of the language, found once. */
typedef struct ng_analysis {
    const ng_stopword_list *stopwords;
    ng_intern terms, forms;
    ng_form_info *fi;
    size_t fi_cap;
} ng_analysis;

/* Classifies one word: its term id or NG_NONTERM (stopwords, single
 * letters, giants). With `with_forms`, each distinct folded form is stemmed
 * and checked against the stopwords once and remembered (with its count and
 * first span, for keywords): most tokens of a text repeat an earlier one,
 * and then cost a fold and a lookup. */
static ng_status ng_word_term(ng_analysis *a, const char *w, size_t wlen, size_t at,
                              int with_forms, uint32_t *term)
{
    char folded[3 * NG_TERM_MAX_BYTES + 4], stem[3 * NG_TERM_MAX_BYTES + 4];
    ng_status st;
    uint32_t form = 0;
    *term = NG_NONTERM;
    if (wlen > NG_TERM_MAX_BYTES)
        return NG_OK;
    /* An ASCII word is folded (A-Z lower-cased, as ng_fold does), hashed and
     * compared with its fold in one pass; any other goes through ng_fold. */
    const unsigned char *u = (const unsigned char *)w;
    uint64_t h = ng_stopword_hash("", 0);
    unsigned char high = 0, changed = 0;
    for (size_t i = 0; i < wlen; i++) {
        unsigned char c = u[i], lower = ng_ascii_lower[c];
        high |= c;
        changed |= c ^ lower;
        folded[i] = (char)lower;
        h = (h ^ lower) * 1099511628211ull; /* FNV-1a, as ng_stopword_hash */
    }
    size_t flen = wlen;
    int lowercase = !changed;
    if (high >= 0x80) {
        flen = ng_fold(w, wlen, folded);
        h = ng_stopword_hash(folded, flen);
        lowercase = flen == wlen && memcmp(folded, w, wlen) == 0;
    }
    if (flen < 2 && !(flen == 1 && folded[0] >= '0' && folded[0] <= '9'))
        return NG_OK; /* single letters carry no topic */
    if (with_forms) {
        size_t slot;
        form = ng_intern_find(&a->forms, folded, flen, h, &slot);
        if (form != NG_NONTERM) {
            ng_form_info *f = &a->fi[form];
            f->count++;
            if (lowercase)
                f->lowercase = 1;
            *term = f->term;
            return NG_OK;
        }
        if ((st = ng_intern_add(&a->forms, folded, flen, h, slot, &form)) != NG_OK)
            return st;
        if ((st = ng_grow((void **)&a->fi, &a->fi_cap, (size_t)form + 1, sizeof *a->fi)) != NG_OK)
            return st;
        a->fi[form] = (ng_form_info){NG_NONTERM, 1, {at, at + wlen}, lowercase};
    }
    if (high < 0x80 ? ng_stopword_key(a->stopwords, folded, flen, h)
                    : ng_stopword_in(a->stopwords, folded, flen, h))
        return NG_OK;
    size_t slen = ng_stem_en(folded, flen, stem);
    if ((st = ng_intern_get(&a->terms, stem, slen, ng_stopword_hash(stem, slen), term)) != NG_OK)
        return st;
    if (with_forms)
        a->fi[form].term = *term;
    return NG_OK;
}

void ng_scorer_free(ng_scorer *s)
{
    if (!s)
        return;
    free(s->tok);
    free(s->tok_at);
    free(s->words);
    free(s->content);
    free(s->vt);
    free(s->vc);
    free(s->vw);
    free(s->vec_at);
    free(s->ps);
    free(s->pw);
    free(s->post_at);
    free(s->tf);
    free(s->idf);
    free(s->title);
    free(s->forms);
    free(s->best_form);
    free(s);
}

size_t ng_scorer_count(const ng_scorer *s)
{
    return s->n;
}

size_t ng_scorer_words(const ng_scorer *s, size_t i)
{
    return i < s->n ? s->words[i] : 0;
}

ng_status ng_scorer_new(const char *text, size_t len, const ng_span *spans, size_t n,
                        const ng_lang *lang, const char *title, size_t title_len, ng_scorer **out)
{
    ng_status st = NG_OK;
    ng_scorer *s = NULL;
    ng_analysis a = {0};
    ng_span *title_words = NULL;
    uint32_t *mark = NULL, *pos = NULL, *df = NULL;
    size_t tok_cap = 0, span_bytes = 0, nw = 0;
    *out = NULL;
    if (!lang || (n && !spans))
        return NG_EINVAL;
    if (n >= UINT32_MAX - 2)
        return NG_EOVERFLOW;
    for (size_t i = 0; i < n; i++) {
        if (spans[i].start > spans[i].end || spans[i].end > len)
            return NG_EINVAL;
        span_bytes += spans[i].end - spans[i].start; /* <= n * len: no overflow in practice */
    }
    s = calloc(1, sizeof *s);
    if (!s)
        return NG_ENOMEM;
    s->text = text;
    s->n = n;
    s->tok_at = calloc(n + 1, sizeof *s->tok_at);
    s->words = calloc(n + 1, sizeof *s->words);
    s->content = calloc(n + 1, sizeof *s->content);
    s->vec_at = calloc(n + 1, sizeof *s->vec_at);
    if (!s->tok_at || !s->words || !s->content || !s->vec_at) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    a.stopwords = ng_stopwords_of(lang);
    if ((st = ng_intern_grow(&a.terms)) != NG_OK || (st = ng_intern_grow(&a.forms)) != NG_OK)
        goto cleanup;
    /* Prose averages a word per six bytes or more; more just grows. */
    if ((st = ng_grow((void **)&s->tok, &tok_cap, span_bytes / 6 + 16, sizeof *s->tok)) != NG_OK)
        goto cleanup;

    /* Tokens of every sentence, interned. */
    size_t n_tok = 0;
    for (size_t i = 0; i < n; i++) {
        const char *at = text + spans[i].start;
        size_t at_len = spans[i].end - spans[i].start, word_pos = 0;
        nw = 0;
        ng_span word;
        while (ng_word_next(at, at_len, &word_pos, &word)) {
            uint32_t term;
            if (n_tok == tok_cap &&
                (st = ng_grow((void **)&s->tok, &tok_cap, n_tok + 1, sizeof *s->tok)) != NG_OK)
                goto cleanup;
            st = ng_word_term(&a, at + word.start, word.end - word.start,
                              spans[i].start + word.start, 1, &term);
            if (st != NG_OK)
                goto cleanup;
            s->tok[n_tok++] = term;
            s->content[i] += term != NG_NONTERM;
            nw++;
        }
        s->words[i] = nw;
        s->tok_at[i + 1] = n_tok;
    }
    s->forms = a.fi; /* the scorer owns them from here */
    a.fi = NULL;
    s->n_terms = a.terms.n;
    s->n_forms = a.forms.n;
    size_t nt = a.terms.n;

    /* Sparse vectors: one entry per distinct term of a sentence. */
    s->tf = calloc(nt + 1, sizeof *s->tf);
    s->idf = calloc(nt + 1, sizeof *s->idf);
    s->post_at = calloc(nt + 2, sizeof *s->post_at);
    df = calloc(nt + 1, sizeof *df);
    mark = malloc((nt + 1) * sizeof *mark);
    pos = malloc((nt + 1) * sizeof *pos);
    s->vt = malloc((n_tok + 1) * sizeof *s->vt);
    s->vc = malloc((n_tok + 1) * sizeof *s->vc);
    s->vw = malloc((n_tok + 1) * sizeof *s->vw);
    if (!s->tf || !s->idf || !s->post_at || !df || !mark || !pos || !s->vt || !s->vc || !s->vw) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    memset(mark, 0xff, (nt + 1) * sizeof *mark);
    size_t nv = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = s->tok_at[i]; k < s->tok_at[i + 1]; k++) {
            uint32_t t = s->tok[k];
            if (t == NG_NONTERM)
                continue;
            s->tf[t]++;
            if (mark[t] != i) {
                mark[t] = (uint32_t)i;
                pos[t] = (uint32_t)nv;
                s->vt[nv] = t;
                s->vc[nv++] = 0;
                df[t]++;
            }
            s->vc[pos[t]]++;
        }
        s->vec_at[i + 1] = nv;
    }
    for (size_t t = 0; t < nt; t++)
        s->idf[t] = log((1.0 + (double)n) / (1.0 + df[t])) + 1.0;
    for (size_t i = 0; i < n; i++) {
        double norm = 0;
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++) {
            s->vw[k] = s->vc[k] * s->idf[s->vt[k]];
            norm += s->vw[k] * s->vw[k];
        }
        norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++)
            s->vw[k] *= norm;
    }

    /* Inverted index, by counting sort over the vectors. */
    for (size_t t = 0; t < nt; t++)
        s->post_at[t + 1] = s->post_at[t] + df[t];
    s->ps = malloc((nv + 1) * sizeof *s->ps);
    s->pw = malloc((nv + 1) * sizeof *s->pw);
    if (!s->ps || !s->pw) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    for (size_t t = 0; t < nt; t++)
        pos[t] = (uint32_t)s->post_at[t];
    for (size_t i = 0; i < n; i++)
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++) {
            uint32_t p = pos[s->vt[k]]++;
            s->ps[p] = (uint32_t)i;
            s->pw[p] = s->vw[k];
        }

    /* Most frequent surface form of each term, for keywords. */
    s->best_form = malloc((nt + 1) * sizeof *s->best_form);
    if (!s->best_form) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    memset(s->best_form, 0xff, (nt + 1) * sizeof *s->best_form);
    for (size_t f = 0; f < s->n_forms; f++) {
        uint32_t t = s->forms[f].term;
        if (t == NG_NONTERM)
            continue;
        uint32_t b = s->best_form[t];
        if (b == NG_NONTERM || s->forms[f].count > s->forms[b].count)
            s->best_form[t] = (uint32_t)f;
    }

    /* Title terms: interned without adding forms; unknown ones only weigh. */
    if (title && title_len) {
        if ((st = ng_words(title, title_len, &title_words, &nw)) != NG_OK)
            goto cleanup;
        s->title = malloc((nw + 1) * sizeof *s->title);
        if (!s->title) {
            st = NG_ENOMEM;
            goto cleanup;
        }
        double unknown_idf = log(1.0 + (double)n) + 1.0;
        for (size_t k = 0; k < nw; k++) {
            uint32_t t;
            st = ng_word_term(&a, title + title_words[k].start,
                              title_words[k].end - title_words[k].start, 0, 0, &t);
            if (st != NG_OK)
                goto cleanup;
            if (t == NG_NONTERM)
                continue;
            if (t >= nt) { /* not in any sentence */
                s->title_idf += unknown_idf;
                continue;
            }
            if (mark[t] == UINT32_MAX - 1)
                continue; /* already counted */
            mark[t] = UINT32_MAX - 1;
            s->title[s->n_title++] = t;
            s->title_idf += s->idf[t];
        }
    }

cleanup:
    ng_free(title_words);
    ng_intern_free(&a.terms);
    ng_intern_free(&a.forms);
    free(a.fi);
    free(mark);
    free(pos);
    free(df);
    if (st != NG_OK)
        ng_scorer_free(s);
    else
        *out = s;
    return st;
}

/* ---- graphs and PageRank ------------------------------------------------ */

typedef struct ng_edge {
    uint32_t to;
    double w;
} ng_edge;

/* Restores the min-heap order of h[0..n) below node i (by weight). */
static void ng_sift_down(ng_edge *h, size_t n, size_t i)
{
    ng_edge x = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h[c + 1].w < h[c].w)
            c++;
        if (h[c].w >= x.w)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = x;
}

/*
 * Keeps the `cap` heaviest of the edges e[0..n) in e[0..cap), n > cap: a
 * min-heap of the first cap, which each later edge enters only when it
 * outweighs the lightest kept. Returns cap.
 */
static size_t ng_keep_heaviest(ng_edge *e, size_t n, size_t cap)
{
    for (size_t i = cap / 2; i-- > 0;)
        ng_sift_down(e, cap, i);
    for (size_t k = cap; k < n; k++)
        if (e[k].w > e[0].w) {
            e[0] = e[k];
            ng_sift_down(e, cap, 0);
        }
    return cap;
}

/*
 * PageRank (damping NG_DAMPING) of the graph whose node j has the out-edges
 * e[at[j] .. at[j + 1]); their weights are turned into shares of j's total
 * here, in place. The rank of nodes without edges (or with weight 0 only) is
 * spread evenly. Writes n ranks to `rank`.
 *
 * The power method, pulling: the edges are turned around once, so that each
 * node sums its new rank from its in-edges in a register, where pushing
 * along out-edges would add into memory at every edge. Gauss-Seidel
 * sweeps, tried, needed more of them to meet the tolerance (33 against 20
 * on CNN/DM), not fewer.
 */
static ng_status ng_pagerank(size_t n, const size_t *at, ng_edge *e, double *rank)
{
    size_t n_edges = at[n];
    size_t *in_at = calloc(n + 2, sizeof *in_at);
    ng_edge *in = malloc((n_edges + 1) * sizeof *in);
    unsigned char *dangling = calloc(n + 1, 1);
    double *next = malloc((n + 1) * sizeof *next);
    ng_status st = NG_OK;
    if (!in_at || !in || !dangling || !next) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    int any_dangling = 0;
    for (size_t j = 0; j < n; j++) {
        double total = 0;
        for (size_t k = at[j]; k < at[j + 1]; k++)
            total += e[k].w;
        for (size_t k = at[j]; k < at[j + 1]; k++) {
            e[k].w = total > 0 ? e[k].w / total : 0;
            in_at[e[k].to + 2]++;
        }
        dangling[j] = !(total > 0);
        any_dangling |= dangling[j];
    }
    /* In-edges by counting sort: node i's are in[in_at[i] .. in_at[i + 1]). */
    for (size_t i = 0; i < n; i++)
        in_at[i + 2] += in_at[i + 1];
    for (size_t j = 0; j < n; j++)
        for (size_t k = at[j]; k < at[j + 1]; k++)
            in[in_at[e[k].to + 1]++] = (ng_edge){(uint32_t)j, e[k].w}; /* `to`: the source */

    for (size_t i = 0; i < n; i++)
        rank[i] = 1.0 / (double)n;
    for (int iter = 0; iter < NG_PR_MAX_ITER; iter++) {
        /* Most graphs have no dangling node: then their share is 0
         * throughout and the loop that adds it up is skipped. */
        double spread = 0;
        for (size_t j = 0; j < n && any_dangling; j++)
            if (dangling[j])
                spread += rank[j];
        double base = ((1.0 - NG_DAMPING) + NG_DAMPING * spread) / (double)n, diff = 0;
        for (size_t i = 0; i < n; i++) {
            double pulled = 0;
            for (size_t k = in_at[i]; k < in_at[i + 1]; k++)
                pulled += in[k].w * rank[in[k].to];
            next[i] = base + NG_DAMPING * pulled;
            diff += fabs(next[i] - rank[i]);
        }
        memcpy(rank, next, n * sizeof *rank);
        if (diff < NG_PR_TOL * (double)n)
            break;
    }

cleanup:
    free(in_at);
    free(in);
    free(dangling);
    free(next);
    return st;
}

/* The graph methods are the first NG_GRAPHS of ng_method. */
#define NG_GRAPHS 3

/* The weight of the edge from i to j in graph method m, from the number of
 * terms the two share and the sum of their TF-IDF products (the cosine). */
static double ng_edge_weight(ng_method m, double shared, double cosine, double lg_i, double lg_j)
{
    if (m == NG_METHOD_TEXTRANK)
        return shared / (lg_i + lg_j);
    if (m == NG_METHOD_LEXRANK_THRESHOLD)
        return cosine > NG_LEXRANK_THRESHOLD ? 1.0 : 0.0;
    return cosine;
}

/*
 * Scores of the graph methods m with want[m] into scores[m]: build each
 * sparse graph, then PageRank. The graphs differ only in how an edge is
 * weighed from the terms two sentences share, so one walk of the postings
 * builds them all: `auto`, which mixes TextRank and LexRank, walks them once.
 */
static ng_status ng_graph_scores(const ng_scorer *s, const int want[NG_GRAPHS],
                                 double *scores[NG_GRAPHS])
{
    ng_status st = NG_OK;
    size_t n = s->n, n_edges[NG_GRAPHS] = {0}, cap_edges[NG_GRAPHS] = {0};
    double *shared = calloc(n + 1, sizeof *shared), *cosine = calloc(n + 1, sizeof *cosine);
    double *lg = malloc((n + 1) * sizeof *lg);
    uint32_t *mark = malloc((n + 1) * sizeof *mark), *cand = malloc((n + 1) * sizeof *cand);
    ng_edge *edges[NG_GRAPHS] = {NULL};
    size_t *at[NG_GRAPHS] = {NULL};
    for (int m = 0; m < NG_GRAPHS; m++)
        if (want[m] && !(at[m] = calloc(n + 1, sizeof *at[m])))
            st = NG_ENOMEM;
    if (st != NG_OK || !shared || !cosine || !lg || !mark || !cand) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    memset(mark, 0xff, (n + 1) * sizeof *mark);
    for (size_t i = 0; i < n; i++)
        lg[i] = log(1.0 + (double)s->content[i]); /* TextRank's length term */
    for (size_t i = 0; i < n; i++) {
        size_t nc = 0;
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++) {
            uint32_t t = s->vt[k];
            size_t from = s->post_at[t], to = s->post_at[t + 1];
            if (to - from > NG_GRAPH_MAX_DF) {
                /* A common term links a sentence only to the sentences
                 * nearest to it that hold the term, which bounds the pairs
                 * visited per sentence: linear time overall. Postings are
                 * in sentence order, so i's place is found by bisection. */
                size_t a = from, b = to;
                while (a < b) {
                    size_t mid = a + (b - a) / 2;
                    if (s->ps[mid] < i)
                        a = mid + 1;
                    else
                        b = mid;
                }
                size_t half = NG_GRAPH_MAX_DF / 2;
                from = a - from > half ? a - half : from;
                to = to - a > half ? a + half : to;
            }
            for (size_t p = from; p < to; p++) {
                uint32_t j = s->ps[p];
                if (j == i)
                    continue;
                if (mark[j] != i) {
                    mark[j] = (uint32_t)i;
                    shared[j] = cosine[j] = 0;
                    cand[nc++] = j;
                }
                shared[j] += 1.0;
                cosine[j] += s->vw[k] * s->pw[p];
            }
        }
        for (int m = 0; m < NG_GRAPHS; m++) {
            if (!want[m])
                continue;
            /* Room for every candidate, written in place; only a
             * sentence with more than NG_GRAPH_MAX_EDGES needs choosing. */
            if ((st = ng_grow((void **)&edges[m], &cap_edges[m], n_edges[m] + nc + 1,
                              sizeof *edges[m])) != NG_OK)
                goto cleanup;
            ng_edge *mine = edges[m] + n_edges[m];
            size_t kept = 0;
            for (size_t c = 0; c < nc; c++) {
                uint32_t j = cand[c];
                double w = ng_edge_weight((ng_method)m, shared[j], cosine[j], lg[i], lg[j]);
                if (w > 0)
                    mine[kept++] = (ng_edge){j, w};
            }
            if (kept > NG_GRAPH_MAX_EDGES)
                kept = ng_keep_heaviest(mine, kept, NG_GRAPH_MAX_EDGES);
            n_edges[m] += kept;
            at[m][i + 1] = n_edges[m];
        }
    }
    for (int m = 0; m < NG_GRAPHS && st == NG_OK; m++)
        if (want[m])
            st = ng_pagerank(n, at[m], edges[m], scores[m]);

cleanup:
    free(shared);
    free(cosine);
    free(lg);
    free(mark);
    free(cand);
    for (int m = 0; m < NG_GRAPHS; m++) {
        free(at[m]);
        free(edges[m]);
    }
    return st;
}

/* ---- the other methods -------------------------------------------------- */

static void ng_luhn_scores(const ng_scorer *s, double *scores)
{
    for (size_t i = 0; i < s->n; i++) {
        double best = 0;
        size_t first = 0, last = 0, sig = 0, k0 = s->tok_at[i];
        for (size_t k = k0; k < s->tok_at[i + 1]; k++) {
            uint32_t t = s->tok[k];
            if (t == NG_NONTERM || s->tf[t] < 2)
                continue; /* significant: a content term used more than once */
            if (sig && k - last - 1 > NG_LUHN_MAX_GAP) {
                double r = (double)(sig * sig) / (double)(last - first + 1);
                best = r > best ? r : best;
                sig = 0;
            }
            if (!sig)
                first = k;
            last = k;
            sig++;
        }
        if (sig) {
            double r = (double)(sig * sig) / (double)(last - first + 1);
            best = r > best ? r : best;
        }
        scores[i] = best;
    }
}

static void ng_sumbasic_scores(const ng_scorer *s, double *scores)
{
    size_t total = 0;
    for (size_t i = 0; i < s->n; i++)
        total += s->content[i];
    for (size_t i = 0; i < s->n; i++) {
        double sum = 0;
        for (size_t k = s->tok_at[i]; k < s->tok_at[i + 1]; k++)
            if (s->tok[k] != NG_NONTERM)
                sum += (double)s->tf[s->tok[k]] / (double)total;
        scores[i] = s->content[i] ? sum / (double)s->content[i] : 0;
    }
}

static ng_status ng_centroid_scores(const ng_scorer *s, double *scores)
{
    double *c = calloc(s->n_terms + 1, sizeof *c);
    if (!c)
        return NG_ENOMEM;
    for (size_t k = 0; k < s->vec_at[s->n]; k++)
        c[s->vt[k]] += s->vw[k];
    double norm = 0;
    for (size_t t = 0; t < s->n_terms; t++)
        norm += c[t] * c[t];
    norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
    for (size_t i = 0; i < s->n; i++) {
        double dot = 0;
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++)
            dot += s->vw[k] * c[s->vt[k]];
        scores[i] = dot * norm;
    }
    free(c);
    return NG_OK;
}

/*
 * Forward centrality, after PacSum (Zheng & Lapata 2019): a sentence that the
 * sentences after it echo is one they elaborate on, as the lead of a news
 * story is; one that only echoes earlier sentences is itself an elaboration.
 * Its score is the sum of its TF-IDF cosines with the later sentences.
 * Visiting the sentences last to first while summing their vectors per term
 * makes every sum one dot product: exact, in one pass over the vectors.
 */
static ng_status ng_forward_scores(const ng_scorer *s, double *scores)
{
    double *later = calloc(s->n_terms + 1, sizeof *later);
    if (!later)
        return NG_ENOMEM;
    for (size_t i = s->n; i-- > 0;) {
        double dot = 0;
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++)
            dot += s->vw[k] * later[s->vt[k]];
        scores[i] = dot;
        for (size_t k = s->vec_at[i]; k < s->vec_at[i + 1]; k++)
            later[s->vt[k]] += s->vw[k];
    }
    free(later);
    return NG_OK;
}

static ng_status ng_title_scores(const ng_scorer *s, double *scores)
{
    for (size_t i = 0; i < s->n; i++)
        scores[i] = 0;
    if (!s->n_title || s->title_idf <= 0)
        return NG_OK;
    for (size_t k = 0; k < s->n_title; k++) {
        uint32_t t = s->title[k];
        for (size_t p = s->post_at[t]; p < s->post_at[t + 1]; p++)
            scores[s->ps[p]] += s->idf[t] / s->title_idf;
    }
    return NG_OK;
}

static ng_status ng_method_scores(const ng_scorer *s, ng_method m, double *scores)
{
    switch (m) {
    case NG_METHOD_TEXTRANK:
    case NG_METHOD_LEXRANK:
    case NG_METHOD_LEXRANK_THRESHOLD:
        break; /* all at once, by ng_graph_scores */
    case NG_METHOD_LUHN:
        ng_luhn_scores(s, scores);
        return NG_OK;
    case NG_METHOD_SUMBASIC:
        ng_sumbasic_scores(s, scores);
        return NG_OK;
    case NG_METHOD_CENTROID:
        return ng_centroid_scores(s, scores);
    case NG_METHOD_POSITION:
        for (size_t i = 0; i < s->n; i++)
            scores[i] = 1.0 / sqrt(1.0 + (double)i);
        return NG_OK;
    case NG_METHOD_TITLE:
        return ng_title_scores(s, scores);
    case NG_METHOD_FORWARD:
        return ng_forward_scores(s, scores);
    case NG_METHOD_LENGTH:
        /* A penalty on fragments ("Twice.", a heading), not a reward for
         * length: beyond a short sentence every length scores the same, so
         * the prior does not trade precision for long sentences. */
        for (size_t i = 0; i < s->n; i++)
            scores[i] = s->words[i] >= NG_LENGTH_FULL ? 1.0 : (double)s->words[i] / NG_LENGTH_FULL;
        return NG_OK;
    case NG_METHOD_COUNT:
        break;
    }
    return NG_EINVAL;
}

/* Divides by the maximum, so the best scores 1 (all 0 stay 0). */
static void ng_scale_to_max(double *v, size_t n)
{
    double max = 0;
    for (size_t i = 0; i < n; i++)
        max = v[i] > max ? v[i] : max;
    if (max > 0)
        for (size_t i = 0; i < n; i++)
            v[i] /= max;
}

ng_status ng_scorer_score(const ng_scorer *s, const double weights[NG_METHOD_COUNT],
                          double *scores)
{
    for (int m = 0; m < NG_METHOD_COUNT; m++)
        if (!(weights[m] >= 0) || !isfinite(weights[m]))
            return NG_EINVAL;
    size_t n = s->n;
    for (size_t i = 0; i < n; i++)
        scores[i] = 0;
    if (!n)
        return NG_OK;
    /* n scores for each graph method, all built at once, then n for each
     * other method in turn. */
    double *buf = malloc((NG_GRAPHS + 1) * n * sizeof *buf);
    if (!buf)
        return NG_ENOMEM;
    double *other = buf + (size_t)NG_GRAPHS * n;
    int want[NG_GRAPHS], any_graph = 0;
    double *graph[NG_GRAPHS];
    for (int m = 0; m < NG_GRAPHS; m++) {
        want[m] = weights[m] > 0;
        any_graph |= want[m];
        graph[m] = buf + (size_t)m * n;
    }
    ng_status st = any_graph ? ng_graph_scores(s, want, graph) : NG_OK;
    for (int m = 0; m < NG_METHOD_COUNT && st == NG_OK; m++) {
        if (weights[m] == 0)
            continue;
        double *one = m < NG_GRAPHS ? graph[m] : other;
        if (one == other && (st = ng_method_scores(s, (ng_method)m, one)) != NG_OK)
            break;
        ng_scale_to_max(one, n);
        for (size_t i = 0; i < n; i++)
            scores[i] += weights[m] * one[i];
    }
    free(buf);
    if (st == NG_OK)
        ng_scale_to_max(scores, n);
    return st;
}

/* ---- MMR selection ------------------------------------------------------ */

static int ng_cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

ng_status ng_scorer_select(const ng_scorer *s, const double *scores, size_t max_sentences,
                           size_t max_words, double lambda, double max_similarity,
                           size_t *chosen, size_t *n_chosen)
{
    *n_chosen = 0;
    if (!(lambda >= 0 && lambda <= 1) || !(max_similarity >= 0 && max_similarity <= 1))
        return NG_EINVAL;
    size_t n = s->n, words = 0, count = 0;
    if (max_sentences > n)
        max_sentences = n;
    if (!max_sentences)
        return NG_OK;
    ng_status st = NG_OK;
    double *sim = calloc(n, sizeof *sim), *dot = calloc(n, sizeof *dot);
    uint32_t *touched = malloc(n * sizeof *touched);
    unsigned char *out = calloc(n, 1); /* 1 chosen, 2 ruled out */
    if (!sim || !dot || !touched || !out) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    while (count < max_sentences) {
        size_t best = n;
        double best_v = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (out[i])
                continue;
            if (sim[i] >= max_similarity || (max_words && words + s->words[i] > max_words)) {
                out[i] = 2;
                continue;
            }
            double v = lambda * scores[i] - (1.0 - lambda) * sim[i];
            if (v > best_v) {
                best_v = v;
                best = i;
            }
        }
        if (best == n)
            break;
        out[best] = 1;
        chosen[count++] = best;
        words += s->words[best];
        /* The cosine of every sentence with the new one, through the index:
         * only sentences sharing a term are touched. */
        size_t nt = 0;
        for (size_t k = s->vec_at[best]; k < s->vec_at[best + 1]; k++) {
            uint32_t t = s->vt[k];
            for (size_t p = s->post_at[t]; p < s->post_at[t + 1]; p++) {
                uint32_t j = s->ps[p];
                if (dot[j] == 0)
                    touched[nt++] = j;
                dot[j] += s->vw[k] * s->pw[p];
            }
        }
        for (size_t k = 0; k < nt; k++) {
            uint32_t j = touched[k];
            /* rounding can leave a duplicate a hair under 1 */
            double c = dot[j] > 1.0 - 1e-9 ? 1.0 : dot[j];
            if (c > sim[j])
                sim[j] = c;
            dot[j] = 0;
        }
    }
    qsort(chosen, count, sizeof *chosen, ng_cmp_size);
    *n_chosen = count;

cleanup:
    free(sim);
    free(dot);
    free(touched);
    free(out);
    return st;
}

/* ---- keywords ----------------------------------------------------------- */

static int ng_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

typedef struct ng_ranked {
    uint32_t term;
    double score;
} ng_ranked;

static int ng_cmp_ranked(const void *a, const void *b)
{
    const ng_ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->term > y->term) - (x->term < y->term);
}

/* Non-zero when the form is a number (digits, with . or , inside). */
static int ng_is_number(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ','))
            return 0;
    return 1;
}

ng_status ng_scorer_keywords(const ng_scorer *s, size_t k, ng_keyword **out, size_t *n_out)
{
    ng_status st = NG_OK;
    size_t nt = s->n_terms, n_pairs = 0, n_edges = 0;
    uint64_t *pairs = NULL;
    size_t *at = NULL, *fill = NULL;
    ng_edge *edges = NULL;
    double *rank = NULL;
    ng_ranked *ranked = NULL;
    ng_keyword *kw = NULL;
    *out = NULL;
    *n_out = 0;
    if (!k || !nt)
        return NG_OK;

    /* Co-occurrence pairs: neighbouring content terms within a sentence. */
    size_t n_tok = s->tok_at[s->n];
    pairs = malloc((n_tok + 1) * sizeof *pairs);
    at = calloc(nt + 1, sizeof *at);
    fill = calloc(nt + 1, sizeof *fill);
    rank = malloc(nt * sizeof *rank);
    ranked = malloc(nt * sizeof *ranked);
    if (!pairs || !at || !fill || !rank || !ranked) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < s->n; i++) {
        uint32_t prev = NG_NONTERM;
        for (size_t q = s->tok_at[i]; q < s->tok_at[i + 1]; q++) {
            uint32_t t = s->tok[q];
            if (t == NG_NONTERM)
                continue;
            if (prev != NG_NONTERM && prev != t) {
                uint32_t a = prev < t ? prev : t, b = prev < t ? t : prev;
                pairs[n_pairs++] = (uint64_t)a << 32 | b;
            }
            prev = t;
        }
    }
    qsort(pairs, n_pairs, sizeof *pairs, ng_cmp_u64);
    /* Distinct pairs become weighted edges both ways (CSR by source). */
    for (size_t p = 0; p < n_pairs; p++)
        if (p == 0 || pairs[p] != pairs[p - 1]) {
            at[(uint32_t)(pairs[p] >> 32)]++;
            at[(uint32_t)pairs[p]]++;
            n_edges += 2;
        }
    for (size_t t = 0, sum = 0; t <= nt; t++) {
        size_t c = t < nt ? at[t] : 0;
        at[t] = sum;
        fill[t] = sum;
        sum += c;
    }
    edges = malloc((n_edges + 1) * sizeof *edges);
    if (!edges) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    for (size_t p = 0; p < n_pairs;) {
        size_t q = p;
        while (q < n_pairs && pairs[q] == pairs[p])
            q++;
        uint32_t a = (uint32_t)(pairs[p] >> 32), b = (uint32_t)pairs[p];
        edges[fill[a]++] = (ng_edge){b, (double)(q - p)};
        edges[fill[b]++] = (ng_edge){a, (double)(q - p)};
        p = q;
    }
    if ((st = ng_pagerank(nt, at, edges, rank)) != NG_OK)
        goto cleanup;

    size_t nr = 0;
    for (size_t t = 0; t < nt; t++) {
        uint32_t f = s->best_form[t];
        if (f == NG_NONTERM)
            continue;
        const ng_form_info *fi = &s->forms[f];
        if (ng_is_number(s->text + fi->first.start, fi->first.end - fi->first.start))
            continue;
        ranked[nr++] = (ng_ranked){(uint32_t)t, rank[t]};
    }
    qsort(ranked, nr, sizeof *ranked, ng_cmp_ranked);
    if (k > nr)
        k = nr;
    if (!k)
        goto cleanup;
    kw = malloc(k * sizeof *kw);
    if (!kw) {
        st = NG_ENOMEM;
        goto cleanup;
    }
    for (size_t r = 0; r < k; r++) {
        const ng_form_info *fi = &s->forms[s->best_form[ranked[r].term]];
        kw[r] = (ng_keyword){fi->first, ranked[r].score / ranked[0].score, fi->lowercase};
    }
    *out = kw;
    *n_out = k;

cleanup:
    free(pairs);
    free(at);
    free(fill);
    free(edges);
    free(rank);
    free(ranked);
    return st;
}

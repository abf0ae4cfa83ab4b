/*
 * binding.h: what the binding's files share. Each csrc/python/<concept>.c adds
 * its functions to the module from an ngpy_<concept>_exec function that
 * module.c calls; helpers here turn C core results into Python objects.
 */
#ifndef NUTGRAF_BINDING_H
#define NUTGRAF_BINDING_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "nutgraf.h"

/* Per-concept initialisation, called from the module's exec slot. */
int ngpy_normalize_exec(PyObject *module);
int ngpy_sentences_exec(PyObject *module);
int ngpy_summarize_exec(PyObject *module);
int ngpy_words_exec(PyObject *module);
int ngpy_repair_exec(PyObject *module);
int ngpy_offsets_exec(PyObject *module);

/*
 * Raises the Python exception for a core status (MemoryError, OverflowError,
 * ValueError) and returns NULL, so callers can `return ngpy_raise(st);`.
 */
PyObject *ngpy_raise(ng_status status);

/*
 * The UTF-8 view of `text` (a str, checked) without copying where CPython
 * keeps one. Lone surrogates raise UnicodeEncodeError (a ValueError).
 * `argname` names the argument in the TypeError for a non-str.
 */
const char *ngpy_utf8(PyObject *text, const char *argname, Py_ssize_t *len);

/*
 * Turns byte offsets into str indices. Feed it byte offsets into utf8[0..len)
 * that fall on character boundaries, in non-decreasing order: the whole
 * conversion is one forward pass, and nothing at all for an ASCII string.
 * It touches no Python object, so it may run without the GIL.
 */
typedef struct ngpy_indexer {
    const unsigned char *utf8;
    size_t len;
    int is_ascii;
    size_t byte;  /* the last offset converted ... */
    size_t index; /* ... and its str index */
} ngpy_indexer;

static inline ngpy_indexer ngpy_indexer_new(const char *utf8, size_t len, int is_ascii)
{
    return (ngpy_indexer){(const unsigned char *)utf8, len, is_ascii, 0, 0};
}

static inline size_t ngpy_index_of(ngpy_indexer *ix, size_t byte)
{
    if (ix->is_ascii)
        return byte;
    if (byte > ix->len)
        byte = ix->len;
    /* Each byte that is not a UTF-8 continuation byte starts a code point. */
    for (; ix->byte < byte; ix->byte++)
        ix->index += (ix->utf8[ix->byte] & 0xC0) != 0x80;
    return ix->index;
}

/* Turns the byte offsets of spans in order (starts and ends each
 * non-decreasing) into str indices of utf8[0..len), in place. */
static inline void ngpy_spans_to_indices(const char *utf8, size_t len, int is_ascii,
                                         ng_span *spans, size_t n)
{
    if (is_ascii)
        return;
    ngpy_indexer ix = ngpy_indexer_new(utf8, len, 0);
    for (size_t i = 0; i < n; i++) {
        spans[i].start = ngpy_index_of(&ix, spans[i].start);
        spans[i].end = ngpy_index_of(&ix, spans[i].end);
    }
}


/*
 * A str's UTF-8 for the core, made without the GIL (text.c). With the GIL,
 * ngpy_text_view checks the type and notes where the characters are; then,
 * without it, ngpy_text_encode yields `utf8` (the str's own bytes for ASCII
 * or a UTF-8 form CPython already keeps, else a copy the view owns). A lone
 * surrogate has no UTF-8: encode returns NG_EINVAL with `surrogate` set, and
 * ngpy_text_raise (GIL held) raises CPython's UnicodeEncodeError for it.
 * A view allocates nothing until it is encoded; the caller keeps `str`
 * alive until ngpy_text_release.
 */
typedef struct ngpy_text {
    PyObject *str;    /* borrowed */
    const char *utf8; /* NULL until encoded */
    size_t len;
    int is_ascii;
    int surrogate;
    char *owned;      /* PyMem_Raw copy, or NULL */
    int kind;         /* the characters, for encoding */
    const void *data;
    size_t length;
} ngpy_text;

/* -1 with an exception set: TypeError for a non-str (and, on builds where
 * CPython encodes, its UnicodeEncodeError or MemoryError). */
int ngpy_text_view(PyObject *obj, const char *argname, ngpy_text *t);
ng_status ngpy_text_encode(ngpy_text *t);                            /* no GIL needed */
int ngpy_text_raise(ngpy_text *t, ng_status status);                 /* always -1 */
void ngpy_text_release(ngpy_text *t);

/*
 * A group of texts for one core call that releases the GIL once for all of
 * them (the batch functions): a tuple holding a reference to each str, so
 * no other thread can free one while the GIL is released, and a view of
 * each (encode each with ngpy_text_encode once the GIL is released). Fill
 * with ngpy_texts_read, release with ngpy_texts_free.
 */
typedef struct ngpy_texts {
    PyObject *items; /* tuple of str */
    size_t n;
    ngpy_text *view; /* PyMem_Raw array of n */
} ngpy_texts;

/* Reads `texts` (any iterable of str); -1 with an exception set, as for
 * ngpy_text_view or from the iteration. */
int ngpy_texts_read(PyObject *texts, ngpy_texts *out);
void ngpy_texts_free(ngpy_texts *texts);

/*
 * A new str from UTF-8 that the core wrote, in three steps so that only the
 * allocation holds the GIL: ngpy_str_measure (no GIL) counts the code points
 * and the widest one, or notes that the bytes equal the input's, whose str
 * is then reused (ngpy_str_shaped does the same from the counts the core
 * kept as it wrote, without reading the output again); ngpy_str_new (GIL)
 * allocates the str (or returns a new reference to `input`); ngpy_str_fill
 * (no GIL) decodes into it. The str must not be shown to Python before it
 * is filled. ngpy_str_make does the last two, filling without the GIL when
 * the text is long enough to repay releasing it.
 */
typedef struct ngpy_str_plan {
    int same;
    size_t length;
    Py_UCS4 maxchar;
    const char *utf8;
    size_t utf8_len;
} ngpy_str_plan;

#define NGPY_NOGIL_BYTES (64 * 1024)

/*
 * A call on one text releases the GIL only when its work is long. While other
 * threads want the GIL, each release hands it to one of them, and taking it
 * back means waiting until that thread lets go: two threads making Documents
 * of CNN/DM articles ran at half the speed of one while normalization and
 * segmentation (3 and 12 us of core work each) released it. The thresholds
 * are in characters: NGPY_NOGIL_CHARS is 30 to 50 us of normalizing or
 * segmenting, and scoring, some 25 ns a character, releases it from
 * NGPY_NOGIL_SCORE_CHARS. Batch calls, which work on a group of texts at
 * once, always release it.
 */
#define NGPY_NOGIL_CHARS (16 * 1024)
#define NGPY_NOGIL_SCORE_CHARS 1024

/* PyEval_SaveThread() if `worth_it`, else NULL; ngpy_restore_gil undoes it. */
static inline PyThreadState *ngpy_release_gil_if(int worth_it)
{
    return worth_it ? PyEval_SaveThread() : NULL;
}

static inline void ngpy_restore_gil(PyThreadState *saved)
{
    if (saved)
        PyEval_RestoreThread(saved);
}

/* The number of characters of the viewed str. */
static inline size_t ngpy_text_chars(const ngpy_text *t)
{
    return (size_t)PyUnicode_GET_LENGTH(t->str);
}

/* The repair flags worth passing the core for `t`: the str's header says
 * whether it is ASCII, where the core would read the text to find out. */
static inline unsigned ngpy_repair_flags_for(const ngpy_text *t, unsigned flags)
{
    return t->is_ascii ? flags & ~(unsigned)NG_REPAIR_NON_ASCII : flags;
}

void ngpy_str_measure(ngpy_str_plan *plan, const char *in, size_t in_len, const char *out,
                      size_t out_len);
void ngpy_str_shaped(ngpy_str_plan *plan, const char *in, size_t in_len, const char *out,
                     size_t out_len, const ng_utf8_shape *shape);
PyObject *ngpy_str_new(const ngpy_str_plan *plan, PyObject *input);
void ngpy_str_fill(PyObject *str, const ngpy_str_plan *plan);
PyObject *ngpy_str_make(const ngpy_str_plan *plan, PyObject *input);

/* The rules of language `code` (a str such as "en"); NULL with TypeError or
 * a ValueError listing the supported codes. */
const ng_lang *ngpy_lang(PyObject *code);

/*
 * Reads a sequence of (start, end) tuples of str indices into a new array
 * (PyMem_Raw, the caller frees it): each start and each end non-decreasing,
 * start <= end <= text_len. `what` names the argument in the TypeError for
 * an item that is not such a pair; a ValueError names a span out of order.
 */
ng_span *ngpy_spans_read(PyObject *spans, const char *what, Py_ssize_t text_len, size_t *n_out);

/* Converts spans of str indices into byte offsets of text[0..len) in place:
 * nothing for an ASCII text, else one forward pass (starts and ends each
 * non-decreasing). Touches no Python object, so it may run without the GIL. */
void ngpy_spans_to_bytes(const char *text, size_t len, int is_ascii, ng_span *spans, size_t n);

/* A list of (start, end) tuples, for spans already converted to str indices. */
PyObject *ngpy_spans_list(const ng_span *spans, size_t n);

/* The runs of `map` (from bytes of out[0..out_len), the UTF-8 of `output`,
 * to bytes of in[0..in_len), that of `input`) as a list of (out, in, copy)
 * tuples in str indices. Converts the map in place, without the GIL: both
 * columns are non-decreasing, so each takes one forward pass. */
PyObject *ngpy_runs_of(ng_map *map, PyObject *output, const char *out, size_t out_len,
                       PyObject *input, const char *in, size_t in_len);

#endif /* NUTGRAF_BINDING_H */

/*
 * sentences.c (binding): _core.segment(text, lang, as_text, /) and its
 * batch form _core.segment_many(texts, lang, as_text, /).
 *
 * Returns the sentences of `text` by the rules of language `lang` ("en"): a
 * list of (start, end) str indices, or with as_text the list of sentence
 * strings themselves (built here, which saves the caller a slice per span).
 *
 * _core.segment_body(text, lang, regions, max_spaces, /) -> (spans, short)
 * segments `text` and clips the sentences to `regions` (sorted,
 * non-overlapping (start, end) str indices: a document's body), as
 * ng_clip_spans: `spans` are the pieces, `short` the indices of the pieces
 * holding fewer than `max_spaces` spaces (those the caller checks for
 * boilerplate), so that Python runs no loop over every sentence.
 */
#include "binding.h"

/*
 * Without the GIL: turns the byte spans of `text` into str indices, or with
 * as_text (plans != NULL) measures each sentence's str instead, leaving the
 * byte spans for the fill.
 */
static void ngpy_prepare_spans(const ngpy_text *text, ng_span *spans, size_t n,
                               ngpy_str_plan *plans)
{
    if (plans) {
        for (size_t i = 0; i < n; i++)
            ngpy_str_measure(&plans[i], NULL, 0, text->utf8 + spans[i].start,
                             spans[i].end - spans[i].start);
        return;
    }
    ngpy_spans_to_indices(text->utf8, text->len, text->is_ascii, spans, n);
}

/* With the GIL: the list of (start, end) tuples, or of the (unfilled) strs
 * that `plans` describe. */
static PyObject *ngpy_segment_result(const ng_span *spans, size_t n, const ngpy_str_plan *plans)
{
    if (!plans)
        return ngpy_spans_list(spans, n);
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *str = ngpy_str_new(&plans[i], NULL);
        if (!str) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, str);
    }
    return list;
}

/* Without the GIL: fills the strs of a list that ngpy_segment_result made. */
static void ngpy_fill_sentences(PyObject *list, const ngpy_str_plan *plans)
{
    Py_ssize_t n = PyList_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < n; i++)
        ngpy_str_fill(PyList_GET_ITEM(list, i), &plans[i]);
}

static PyObject *ngpy_segment(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "segment() takes 3 positional arguments");
        return NULL;
    }
    ngpy_text text;
    if (ngpy_text_view(args[0], "text", &text) < 0)
        return NULL;
    const ng_lang *lang = ngpy_lang(args[1]);
    int as_text = lang ? PyObject_IsTrue(args[2]) : -1;
    if (as_text < 0) {
        ngpy_text_release(&text);
        return NULL;
    }

    ng_span *spans = NULL;
    ngpy_str_plan *plans = NULL;
    size_t n = 0;
    ng_status st;
    PyObject *result = NULL;
    PyThreadState *saved = ngpy_release_gil_if(ngpy_text_chars(&text) >= NGPY_NOGIL_CHARS);
    st = ngpy_text_encode(&text);
    if (st == NG_OK)
        st = ng_segment(text.utf8, text.len, lang, 0, &spans, &n);
    if (st == NG_OK && as_text && !(plans = PyMem_RawMalloc((n + 1) * sizeof *plans)))
        st = NG_ENOMEM;
    if (st == NG_OK)
        ngpy_prepare_spans(&text, spans, n, plans);
    ngpy_restore_gil(saved);
    if (st != NG_OK) {
        ngpy_text_raise(&text, st);
        goto cleanup;
    }
    result = ngpy_segment_result(spans, n, plans);
    if (result && plans) {
        saved = ngpy_release_gil_if(text.len >= NGPY_NOGIL_BYTES);
        ngpy_fill_sentences(result, plans);
        ngpy_restore_gil(saved);
    }

cleanup:
    ng_free(spans);
    PyMem_RawFree(plans);
    ngpy_text_release(&text);
    return result;
}

/*
 * _core.segment_many(texts, lang, as_text, /): [segment(t, lang, as_text)
 * for t in texts]: the core's work for the whole group with the GIL released
 * once, then the lists made with it, then (as_text) the strs filled without.
 */
static PyObject *ngpy_segment_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "segment_many() takes 3 positional arguments");
        return NULL;
    }
    const ng_lang *lang = ngpy_lang(args[1]);
    if (!lang)
        return NULL;
    int as_text = PyObject_IsTrue(args[2]);
    if (as_text < 0)
        return NULL;
    ngpy_texts in;
    if (ngpy_texts_read(args[0], &in) < 0)
        return NULL;
    PyObject *result = NULL;
    ng_status st = NG_OK;
    size_t failed = 0;
    ng_span **spans = PyMem_RawCalloc(in.n + 1, sizeof *spans);
    ngpy_str_plan **plans = PyMem_RawCalloc(in.n + 1, sizeof *plans);
    size_t *counts = PyMem_RawCalloc(in.n + 1, sizeof *counts);
    if (!spans || !plans || !counts) {
        PyErr_NoMemory();
        goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t t = 0; t < in.n && st == NG_OK; t++) {
        ngpy_text *text = &in.view[t];
        st = ngpy_text_encode(text);
        if (st == NG_OK)
            st = ng_segment(text->utf8, text->len, lang, 0, &spans[t], &counts[t]);
        if (st == NG_OK && as_text &&
            !(plans[t] = PyMem_RawMalloc((counts[t] + 1) * sizeof *plans[t])))
            st = NG_ENOMEM;
        if (st == NG_OK)
            ngpy_prepare_spans(text, spans[t], counts[t], plans[t]);
        else
            failed = t;
    }
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&in.view[failed], st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)in.n)))
        goto cleanup;
    for (size_t t = 0; t < in.n; t++) {
        PyObject *item = ngpy_segment_result(spans[t], counts[t], plans[t]);
        if (!item) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)t, item);
    }
    if (as_text) {
        Py_BEGIN_ALLOW_THREADS
        for (size_t t = 0; t < in.n; t++)
            ngpy_fill_sentences(PyList_GET_ITEM(result, (Py_ssize_t)t), plans[t]);
        Py_END_ALLOW_THREADS
    }

cleanup:
    for (size_t t = 0; t < in.n; t++) {
        if (spans)
            ng_free(spans[t]);
        if (plans)
            PyMem_RawFree(plans[t]);
    }
    PyMem_RawFree(spans);
    PyMem_RawFree(plans);
    PyMem_RawFree(counts);
    ngpy_texts_free(&in);
    return result;
}


/* The number of ' ' bytes in s[0..n), stopping at `limit`. */
static size_t ngpy_spaces(const char *s, size_t n, size_t limit)
{
    size_t count = 0;
    const char *end = s + n;
    while (count < limit && (s = memchr(s, ' ', (size_t)(end - s))) != NULL) {
        count++;
        s++;
    }
    return count;
}

static PyObject *ngpy_segment_body(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "segment_body() takes 4 positional arguments");
        return NULL;
    }
    Py_ssize_t max_spaces;
    ng_span *regions = NULL, *spans = NULL, *pieces = NULL;
    unsigned char *is_short = NULL;
    size_t n_regions = 0, n_spans = 0, n_pieces = 0, n_short = 0;
    PyObject *py_spans = NULL, *py_short = NULL, *result = NULL;
    ng_status st;
    ngpy_text in;
    const ng_lang *lang = NULL;
    if (ngpy_text_view(args[0], "text", &in) < 0 || !(lang = ngpy_lang(args[1])) ||
        ((max_spaces = PyLong_AsSsize_t(args[3])) == -1 && PyErr_Occurred()) ||
        !(regions = ngpy_spans_read(args[2], "regions", PyUnicode_GET_LENGTH(args[0]),
                                    &n_regions)))
        goto cleanup;
    if (max_spaces < 0)
        max_spaces = 0;
    /* ng_clip_spans wants regions that do not overlap. */
    for (size_t i = 1; i < n_regions; i++) {
        if (regions[i].start < regions[i - 1].end) {
            PyErr_Format(PyExc_ValueError, "regions %zu and %zu overlap", i - 1, i);
            goto cleanup;
        }
    }

    PyThreadState *saved = ngpy_release_gil_if(ngpy_text_chars(&in) >= NGPY_NOGIL_CHARS);
    st = ngpy_text_encode(&in);
    const char *text = in.utf8;
    size_t len = in.len;
    if (st == NG_OK) {
        ngpy_spans_to_bytes(text, len, in.is_ascii, regions, n_regions);
        st = ng_segment(text, len, lang, 0, &spans, &n_spans);
    }
    if (st == NG_OK)
        st = ng_clip_spans(spans, n_spans, regions, n_regions, &pieces, &n_pieces);
    if (st == NG_OK && !(is_short = PyMem_RawMalloc(n_pieces + 1)))
        st = NG_ENOMEM;
    if (st == NG_OK) {
        /* Pieces are in order, so one pass turns them into str indices. */
        ngpy_indexer ix = ngpy_indexer_new(text, len, in.is_ascii);
        for (size_t i = 0; i < n_pieces; i++) {
            size_t start = pieces[i].start, end = pieces[i].end;
            is_short[i] = ngpy_spaces(text + start, end - start, (size_t)max_spaces) <
                          (size_t)max_spaces;
            n_short += is_short[i];
            pieces[i].start = ngpy_index_of(&ix, start);
            pieces[i].end = ngpy_index_of(&ix, end);
        }
    }
    ngpy_restore_gil(saved);
    if (st != NG_OK) {
        ngpy_text_raise(&in, st);
        goto cleanup;
    }
    if (!(py_spans = ngpy_spans_list(pieces, n_pieces)) ||
        !(py_short = PyList_New((Py_ssize_t)n_short)))
        goto cleanup;
    for (size_t i = 0, k = 0; i < n_pieces; i++) {
        if (!is_short[i])
            continue;
        PyObject *index = PyLong_FromSize_t(i);
        if (!index)
            goto cleanup;
        PyList_SET_ITEM(py_short, (Py_ssize_t)k++, index);
    }
    result = PyTuple_Pack(2, py_spans, py_short);

cleanup:
    Py_XDECREF(py_spans);
    Py_XDECREF(py_short);
    PyMem_RawFree(regions);
    ng_free(spans);
    ng_free(pieces);
    PyMem_RawFree(is_short);
    ngpy_text_release(&in);
    return result;
}

static PyMethodDef ngpy_sentences_methods[] = {
    {"segment", (PyCFunction)(void (*)(void))ngpy_segment, METH_FASTCALL,
     "segment($module, text, lang, as_text, /)\n--\n\n"
     "Sentence spans (or strings) of text; see nutgraf.sentence_spans."},
    {"segment_many", (PyCFunction)(void (*)(void))ngpy_segment_many, METH_FASTCALL,
     "segment_many($module, texts, lang, as_text, /)\n--\n\n"
     "[segment(t, lang, as_text) for t in texts], the GIL released once for all."},
    {"segment_body", (PyCFunction)(void (*)(void))ngpy_segment_body, METH_FASTCALL,
     "segment_body($module, text, lang, regions, max_spaces, /)\n--\n\n"
     "(spans, short): the sentences of text clipped to regions, and the indices of\n"
     "those with fewer than max_spaces spaces; see nutgraf.Document."},
    {NULL, NULL, 0, NULL},
};

int ngpy_sentences_exec(PyObject *module)
{
    return PyModule_AddFunctions(module, ngpy_sentences_methods);
}

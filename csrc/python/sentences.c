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

static PyObject *ngpy_segment(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "segment() takes 3 positional arguments");
        return NULL;
    }
    Py_ssize_t len;
    const char *text = ngpy_utf8(args[0], "text", &len);
    if (!text)
        return NULL;
    const ng_lang *lang = ngpy_lang(args[1]);
    if (!lang)
        return NULL;
    int as_text = PyObject_IsTrue(args[2]);
    if (as_text < 0)
        return NULL;

    ng_span *spans = NULL;
    size_t n = 0;
    ng_status st;
    int is_ascii = PyUnicode_IS_ASCII(args[0]) != 0;
    Py_BEGIN_ALLOW_THREADS
    st = ng_segment(text, (size_t)len, lang, 0, &spans, &n);
    if (st == NG_OK) {
        /* Span boundaries are non-decreasing, so one pass converts them all. */
        ngpy_indexer ix = ngpy_indexer_new(text, (size_t)len, is_ascii);
        for (size_t i = 0; i < n; i++) {
            spans[i].start = ngpy_index_of(&ix, spans[i].start);
            spans[i].end = ngpy_index_of(&ix, spans[i].end);
        }
    }
    Py_END_ALLOW_THREADS
    PyObject *result = st == NG_OK ? ngpy_spans_list(args[0], spans, n, as_text)
                                   : ngpy_raise(st);
    ng_free(spans);
    return result;
}

/*
 * _core.segment_many(texts, lang, as_text, /): [segment(t, lang, as_text)
 * for t in texts], with the GIL released once for the whole group.
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
    ng_span **spans = PyMem_RawCalloc(in.n + 1, sizeof *spans);
    size_t *counts = PyMem_RawCalloc(in.n + 1, sizeof *counts);
    if (!spans || !counts) {
        PyErr_NoMemory();
        goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t t = 0; t < in.n && st == NG_OK; t++) {
        st = ng_segment(in.utf8[t], in.len[t], lang, 0, &spans[t], &counts[t]);
        if (st != NG_OK)
            break;
        ngpy_indexer ix = ngpy_indexer_new(in.utf8[t], in.len[t], in.is_ascii[t]);
        for (size_t i = 0; i < counts[t]; i++) {
            spans[t][i].start = ngpy_index_of(&ix, spans[t][i].start);
            spans[t][i].end = ngpy_index_of(&ix, spans[t][i].end);
        }
    }
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_raise(st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)in.n)))
        goto cleanup;
    for (size_t t = 0; t < in.n; t++) {
        PyObject *item = ngpy_spans_list(PyTuple_GET_ITEM(in.items, (Py_ssize_t)t), spans[t],
                                         counts[t], as_text);
        if (!item) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)t, item);
    }

cleanup:
    if (spans)
        for (size_t t = 0; t < in.n; t++)
            ng_free(spans[t]);
    PyMem_RawFree(spans);
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
    Py_ssize_t len, max_spaces;
    ng_span *regions = NULL, *spans = NULL, *pieces = NULL;
    unsigned char *is_short = NULL;
    size_t n_regions = 0, n_spans = 0, n_pieces = 0, n_short = 0;
    PyObject *py_spans = NULL, *py_short = NULL, *result = NULL;
    ng_status st;
    const char *text = ngpy_utf8(args[0], "text", &len);
    if (!text)
        return NULL;
    const ng_lang *lang = ngpy_lang(args[1]);
    if (!lang)
        return NULL;
    if ((max_spaces = PyLong_AsSsize_t(args[3])) == -1 && PyErr_Occurred())
        return NULL;
    if (max_spaces < 0)
        max_spaces = 0;
    int is_ascii = PyUnicode_IS_ASCII(args[0]) != 0;
    if (!(regions = ngpy_spans_read(args[2], "regions", PyUnicode_GET_LENGTH(args[0]),
                                    &n_regions)))
        goto cleanup;

    Py_BEGIN_ALLOW_THREADS
    ngpy_spans_to_bytes(text, (size_t)len, is_ascii, regions, n_regions);
    st = ng_segment(text, (size_t)len, lang, 0, &spans, &n_spans);
    if (st == NG_OK)
        st = ng_clip_spans(spans, n_spans, regions, n_regions, &pieces, &n_pieces);
    if (st == NG_OK && !(is_short = PyMem_RawMalloc(n_pieces + 1)))
        st = NG_ENOMEM;
    if (st == NG_OK) {
        /* Pieces are in order, so one pass turns them into str indices. */
        ngpy_indexer ix = ngpy_indexer_new(text, (size_t)len, is_ascii);
        for (size_t i = 0; i < n_pieces; i++) {
            size_t start = pieces[i].start, end = pieces[i].end;
            is_short[i] = ngpy_spaces(text + start, end - start, (size_t)max_spaces) <
                          (size_t)max_spaces;
            n_short += is_short[i];
            pieces[i].start = ngpy_index_of(&ix, start);
            pieces[i].end = ngpy_index_of(&ix, end);
        }
    }
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_raise(st);
        goto cleanup;
    }
    if (!(py_spans = ngpy_spans_list(args[0], pieces, n_pieces, 0)) ||
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

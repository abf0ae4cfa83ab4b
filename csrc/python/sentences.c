/*
 * sentences.c (binding): _core.segment(text, lang, as_text, /) and its
 * batch form _core.segment_many(texts, lang, as_text, /).
 *
 * Returns the sentences of `text` by the rules of language `lang` ("en"): a
 * list of (start, end) str indices, or with as_text the list of sentence
 * strings themselves (built here, which saves the caller a slice per span).
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
    /* Span boundaries are non-decreasing, so one pass converts them all. */
    ngpy_indexer ix = ngpy_indexer_new(text->utf8, text->len, text->is_ascii);
    for (size_t i = 0; i < n; i++) {
        spans[i].start = ngpy_index_of(&ix, spans[i].start);
        spans[i].end = ngpy_index_of(&ix, spans[i].end);
    }
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
    Py_BEGIN_ALLOW_THREADS
    st = ngpy_text_encode(&text);
    if (st == NG_OK)
        st = ng_segment(text.utf8, text.len, lang, 0, &spans, &n);
    if (st == NG_OK && as_text && !(plans = PyMem_RawMalloc((n + 1) * sizeof *plans)))
        st = NG_ENOMEM;
    if (st == NG_OK)
        ngpy_prepare_spans(&text, spans, n, plans);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&text, st);
        goto cleanup;
    }
    result = ngpy_segment_result(spans, n, plans);
    if (result && plans) {
        if (text.len >= NGPY_NOGIL_BYTES) {
            Py_BEGIN_ALLOW_THREADS
            ngpy_fill_sentences(result, plans);
            Py_END_ALLOW_THREADS
        } else {
            ngpy_fill_sentences(result, plans);
        }
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

static PyMethodDef ngpy_sentences_methods[] = {
    {"segment", (PyCFunction)(void (*)(void))ngpy_segment, METH_FASTCALL,
     "segment($module, text, lang, as_text, /)\n--\n\n"
     "Sentence spans (or strings) of text; see nutgraf.sentence_spans."},
    {"segment_many", (PyCFunction)(void (*)(void))ngpy_segment_many, METH_FASTCALL,
     "segment_many($module, texts, lang, as_text, /)\n--\n\n"
     "[segment(t, lang, as_text) for t in texts], the GIL released once for all."},
    {NULL, NULL, 0, NULL},
};

int ngpy_sentences_exec(PyObject *module)
{
    return PyModule_AddFunctions(module, ngpy_sentences_methods);
}

/*
 * sentences.c (binding): _core.segment(text, lang, as_text, /) and its
 * batch form _core.segment_many(texts, lang, as_text, /).
 *
 * Returns the sentences of `text` by the rules of language `lang` ("en"): a
 * list of (start, end) str indices, or with as_text the list of sentence
 * strings themselves (built here, which saves the caller a slice per span).
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

/*
 * convert.c: what every binding file needs to cross between Python and the
 * core: status codes to exceptions, str to UTF-8, language codes to tables,
 * and core results (spans, offset maps) to Python objects.
 */
#include "binding.h"

PyObject *ngpy_raise(ng_status status)
{
    switch (status) {
    case NG_OK:
        PyErr_SetString(PyExc_SystemError, "nutgraf core reported success as an error");
        break;
    case NG_ENOMEM:
        PyErr_NoMemory();
        break;
    case NG_EOVERFLOW:
        PyErr_SetString(PyExc_OverflowError, ng_strerror(status));
        break;
    case NG_EINVAL:
    default:
        PyErr_SetString(PyExc_ValueError, ng_strerror(status));
        break;
    }
    return NULL;
}

const char *ngpy_utf8(PyObject *text, const char *argname, Py_ssize_t *len)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s must be str, not %.100s", argname,
                     Py_TYPE(text)->tp_name);
        return NULL;
    }
    return PyUnicode_AsUTF8AndSize(text, len);
}

int ngpy_texts_read(PyObject *texts, ngpy_texts *out)
{
    memset(out, 0, sizeof *out);
    if (!(out->items = PySequence_Tuple(texts)))
        return -1;
    size_t n = (size_t)PyTuple_GET_SIZE(out->items);
    out->n = n;
    if (!(out->view = PyMem_RawCalloc(n + 1, sizeof *out->view))) {
        PyErr_NoMemory();
        ngpy_texts_free(out);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (ngpy_text_view(PyTuple_GET_ITEM(out->items, (Py_ssize_t)i), "text", &out->view[i]) < 0) {
            ngpy_texts_free(out);
            return -1;
        }
    }
    return 0;
}

void ngpy_texts_free(ngpy_texts *texts)
{
    Py_CLEAR(texts->items);
    if (texts->view)
        for (size_t i = 0; i < texts->n; i++)
            ngpy_text_release(&texts->view[i]);
    PyMem_RawFree(texts->view);
    memset(texts, 0, sizeof *texts);
}

const ng_lang *ngpy_lang(PyObject *code)
{
    Py_ssize_t len;
    const char *utf8 = ngpy_utf8(code, "lang", &len);
    if (!utf8)
        return NULL;
    const ng_lang *lang = ng_lang_find(utf8, (size_t)len);
    if (!lang)
        PyErr_Format(PyExc_ValueError, "unknown lang %R; choose one of: %s", code,
                     ng_lang_codes());
    return lang;
}

PyObject *ngpy_spans_list(const ng_span *spans, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    /* A text has millions of words: build the pairs directly, not through
     * Py_BuildValue, which parses its format for every one. */
    for (size_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_New(2), *start = NULL, *end = NULL;
        if (item && (start = PyLong_FromSize_t(spans[i].start)) != NULL)
            PyTuple_SET_ITEM(item, 0, start);
        if (start && (end = PyLong_FromSize_t(spans[i].end)) != NULL)
            PyTuple_SET_ITEM(item, 1, end);
        if (!end) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

PyObject *ngpy_runs_of(ng_map *map, PyObject *output, const char *out, size_t out_len,
                       PyObject *input, const char *in, size_t in_len)
{
    ngpy_indexer out_ix = ngpy_indexer_new(out, out_len, PyUnicode_IS_ASCII(output) != 0);
    ngpy_indexer in_ix = ngpy_indexer_new(in, in_len, PyUnicode_IS_ASCII(input) != 0);
    /* One pass over both texts: worth releasing the GIL only when long. */
    PyThreadState *saved = ngpy_release_gil_if(in_len >= NGPY_NOGIL_CHARS);
    for (size_t i = 0; i < map->n_runs; i++) {
        map->runs[i].out = ngpy_index_of(&out_ix, map->runs[i].out);
        map->runs[i].in = ngpy_index_of(&in_ix, map->runs[i].in);
    }
    ngpy_restore_gil(saved);
    PyObject *list = PyList_New((Py_ssize_t)map->n_runs);
    if (!list)
        return NULL;
    for (size_t i = 0; i < map->n_runs; i++) {
        const ng_run *r = &map->runs[i];
        PyObject *item = Py_BuildValue("(nnO)", (Py_ssize_t)r->out, (Py_ssize_t)r->in,
                                       r->copy ? Py_True : Py_False);
        if (!item) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    return list;
}

/* One index of a span pair: an exact int takes the fast path; anything else
 * goes through PyArg_Parse's "n", which accepts what __index__ accepts. */
static int ngpy_span_index(PyObject *item, Py_ssize_t *out)
{
    if (PyLong_CheckExact(item)) {
        *out = PyLong_AsSsize_t(item);
        return *out == -1 && PyErr_Occurred() ? -1 : 0;
    }
    return PyArg_Parse(item, "n", out) ? 0 : -1;
}

ng_span *ngpy_spans_read(PyObject *spans, const char *what, Py_ssize_t text_len, size_t *n_out)
{
    /* A tuple, not PySequence_Fast's list: reading an index may run Python
     * code (__index__), which could shrink a list while it is being read. */
    PyObject *seq = PySequence_Tuple(spans);
    if (!seq)
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(seq);
    ng_span *out = PyMem_RawMalloc(((size_t)n + 1) * sizeof *out);
    if (!out) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t prev_start = 0, prev_end = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t start, end;
        PyObject *item = PyTuple_GET_ITEM(seq, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_Format(PyExc_TypeError, "%s must hold (start, end) pairs of int, not %.100s",
                         what, Py_TYPE(item)->tp_name);
            goto fail;
        }
        if (ngpy_span_index(PyTuple_GET_ITEM(item, 0), &start) < 0 ||
            ngpy_span_index(PyTuple_GET_ITEM(item, 1), &end) < 0)
            goto fail;
        if (start < prev_start || end < prev_end || start > end || start < 0 || end > text_len) {
            PyErr_Format(PyExc_ValueError,
                         "span %zd (%zd, %zd) is out of order or outside the text", i, start, end);
            goto fail;
        }
        prev_start = start;
        prev_end = end;
        out[i] = (ng_span){(size_t)start, (size_t)end};
    }
    Py_DECREF(seq);
    *n_out = (size_t)n;
    return out;
fail:
    Py_DECREF(seq);
    PyMem_RawFree(out);
    return NULL;
}

/* Turns str indices into byte offsets of utf8[0..len): the inverse of
 * ngpy_indexer, one forward pass over indices in non-decreasing order. */
typedef struct ngpy_byter {
    const unsigned char *utf8;
    size_t len, byte, index;
} ngpy_byter;

static size_t ngpy_byte_of(ngpy_byter *b, size_t index)
{
    while (b->index < index && b->byte < b->len) {
        b->byte++;
        while (b->byte < b->len && (b->utf8[b->byte] & 0xC0) == 0x80)
            b->byte++;
        b->index++;
    }
    return b->byte;
}

void ngpy_spans_to_bytes(const char *text, size_t len, int is_ascii, ng_span *spans, size_t n)
{
    if (is_ascii)
        return;
    ngpy_byter starts = {(const unsigned char *)text, len, 0, 0};
    ngpy_byter ends = starts;
    for (size_t i = 0; i < n; i++) {
        spans[i].start = ngpy_byte_of(&starts, spans[i].start);
        spans[i].end = ngpy_byte_of(&ends, spans[i].end);
    }
}

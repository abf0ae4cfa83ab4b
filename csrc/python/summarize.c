/*
 * summarize.c (binding): scoring, selection and keywords.
 *
 *   _core.summarize(text, spans, lang, title, weights, max_sentences,
 *                   max_words, mmr_lambda, max_similarity, /)
 *       -> (scores, chosen)
 *   _core.keywords(text, spans, lang, k, /) -> [(surface, score), ...]
 *   _core.methods: the method names, comma-separated, in ng_method order
 *
 * `spans` is a list of (start, end) str indices into `text` whose starts and
 * ends are each non-decreasing (sentences in document order); `weights` holds
 * one float per method. With max_sentences 0 nothing is selected and only
 * the scores are computed. See nutgraf/summary.py for the public API.
 */
#include "binding.h"

static const char ngpy_method_names[] =
    "textrank,lexrank,lexrank_threshold,luhn,sumbasic,centroid,position,title,forward,length";

/* The arguments common to both entry points: text, spans and lang. */
typedef struct ngpy_input {
    ngpy_text text; /* encoded once the GIL is released (ngpy_input_bytes) */
    ng_span *spans;
    size_t n;
    const ng_lang *lang;
} ngpy_input;

static int ngpy_read_input(PyObject *const *args, ngpy_input *in)
{
    if (ngpy_text_view(args[0], "text", &in->text) < 0)
        return -1;
    in->lang = ngpy_lang(args[2]);
    if (!in->lang)
        return -1;
    in->spans = ngpy_spans_read(args[1], "spans", PyUnicode_GET_LENGTH(args[0]), &in->n);
    return in->spans ? 0 : -1;
}

/* Without the GIL: the text's UTF-8, and the spans as byte offsets into it. */
static ng_status ngpy_input_bytes(ngpy_input *in)
{
    ng_status st = ngpy_text_encode(&in->text);
    if (st == NG_OK)
        ngpy_spans_to_bytes(in->text.utf8, in->text.len, in->text.is_ascii, in->spans, in->n);
    return st;
}

static void ngpy_input_free(ngpy_input *in)
{
    ngpy_text_release(&in->text);
    PyMem_RawFree(in->spans);
}

static PyObject *ngpy_summarize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "summarize() takes 9 positional arguments");
        return NULL;
    }
    ngpy_input in = {0};
    double weights[NG_METHOD_COUNT];
    const char *title = NULL;
    Py_ssize_t title_len = 0, max_sentences, max_words;
    double lambda, max_sim;
    double *scores = NULL;
    size_t *chosen = NULL, n_chosen = 0;
    ng_scorer *scorer = NULL;
    PyObject *result = NULL, *py_scores = NULL, *py_chosen = NULL;
    ng_status st;

    if (ngpy_read_input(args, &in) < 0)
        goto cleanup;
    if (args[3] != Py_None && !(title = ngpy_utf8(args[3], "title", &title_len)))
        goto cleanup;
    PyObject *wseq = PySequence_Fast(args[4], "weights must be a sequence of float");
    if (!wseq)
        goto cleanup;
    if (PySequence_Fast_GET_SIZE(wseq) != NG_METHOD_COUNT) {
        Py_DECREF(wseq);
        PyErr_Format(PyExc_ValueError, "weights must hold %d floats", (int)NG_METHOD_COUNT);
        goto cleanup;
    }
    for (int m = 0; m < NG_METHOD_COUNT; m++) {
        weights[m] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(wseq, m));
        if (weights[m] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(wseq);
            goto cleanup;
        }
    }
    Py_DECREF(wseq);
    if ((max_sentences = PyLong_AsSsize_t(args[5])) == -1 && PyErr_Occurred())
        goto cleanup;
    if ((max_words = PyLong_AsSsize_t(args[6])) == -1 && PyErr_Occurred())
        goto cleanup;
    if ((lambda = PyFloat_AsDouble(args[7])) == -1.0 && PyErr_Occurred())
        goto cleanup;
    if ((max_sim = PyFloat_AsDouble(args[8])) == -1.0 && PyErr_Occurred())
        goto cleanup;
    /* Clamped here, at the boundary: negative means none. */
    if (max_sentences < 0)
        max_sentences = 0;
    if (max_words < 0)
        max_words = 0;
    if ((size_t)max_sentences > in.n)
        max_sentences = (Py_ssize_t)in.n;

    scores = PyMem_RawMalloc((in.n + 1) * sizeof *scores);
    chosen = PyMem_RawMalloc(((size_t)max_sentences + 1) * sizeof *chosen);
    if (!scores || !chosen) {
        PyErr_NoMemory();
        goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    st = ngpy_input_bytes(&in);
    if (st == NG_OK)
        st = ng_scorer_new(in.text.utf8, in.text.len, in.spans, in.n, in.lang, title,
                           (size_t)title_len, &scorer);
    if (st == NG_OK)
        st = ng_scorer_score(scorer, weights, scores);
    if (st == NG_OK && max_sentences > 0)
        st = ng_scorer_select(scorer, scores, (size_t)max_sentences, (size_t)max_words, lambda,
                              max_sim, chosen, &n_chosen);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&in.text, st);
        goto cleanup;
    }
    if (!(py_scores = PyList_New((Py_ssize_t)in.n)) ||
        !(py_chosen = PyList_New((Py_ssize_t)n_chosen)))
        goto cleanup;
    for (size_t i = 0; i < in.n; i++) {
        PyObject *f = PyFloat_FromDouble(scores[i]);
        if (!f)
            goto cleanup;
        PyList_SET_ITEM(py_scores, (Py_ssize_t)i, f);
    }
    for (size_t i = 0; i < n_chosen; i++) {
        PyObject *k = PyLong_FromSize_t(chosen[i]);
        if (!k)
            goto cleanup;
        PyList_SET_ITEM(py_chosen, (Py_ssize_t)i, k);
    }
    result = PyTuple_Pack(2, py_scores, py_chosen);

cleanup:
    Py_XDECREF(py_scores);
    Py_XDECREF(py_chosen);
    ng_scorer_free(scorer);
    ngpy_input_free(&in);
    PyMem_RawFree(scores);
    PyMem_RawFree(chosen);
    return result;
}

static PyObject *ngpy_keywords(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "keywords() takes 4 positional arguments");
        return NULL;
    }
    ngpy_input in = {0};
    ng_scorer *scorer = NULL;
    ng_keyword *kw = NULL;
    size_t n_kw = 0;
    PyObject *result = NULL;
    ng_status st;
    Py_ssize_t k = PyLong_AsSsize_t(args[3]);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    if (k < 0)
        k = 0;
    if (ngpy_read_input(args, &in) < 0)
        goto cleanup;
    Py_BEGIN_ALLOW_THREADS
    st = ngpy_input_bytes(&in);
    if (st == NG_OK)
        st = ng_scorer_new(in.text.utf8, in.text.len, in.spans, in.n, in.lang, NULL, 0, &scorer);
    if (st == NG_OK)
        st = ng_scorer_keywords(scorer, (size_t)k, &kw, &n_kw);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&in.text, st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)n_kw)))
        goto cleanup;
    for (size_t i = 0; i < n_kw; i++) {
        /* The surface bytes decode on their own: keyword spans are words. */
        PyObject *item = Py_BuildValue(
            "(s#dO)", in.text.utf8 + kw[i].surface.start,
            (Py_ssize_t)(kw[i].surface.end - kw[i].surface.start), kw[i].score,
            kw[i].lowercase ? Py_True : Py_False);
        if (!item) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, item);
    }

cleanup:
    ng_free(kw);
    ng_scorer_free(scorer);
    ngpy_input_free(&in);
    return result;
}

static PyMethodDef ngpy_summarize_methods[] = {
    {"summarize", (PyCFunction)(void (*)(void))ngpy_summarize, METH_FASTCALL,
     "summarize($module, text, spans, lang, title, weights, max_sentences, max_words,"
     " mmr_lambda, max_similarity, /)\n--\n\n"
     "(scores, chosen) of the sentences at spans; see nutgraf.summarize."},
    {"keywords", (PyCFunction)(void (*)(void))ngpy_keywords, METH_FASTCALL,
     "keywords($module, text, spans, lang, k, /)\n--\n\n"
     "[(surface, score, lowercase)] best first; see nutgraf.keywords."},
    {NULL, NULL, 0, NULL},
};

int ngpy_summarize_exec(PyObject *module)
{
    if (PyModule_AddStringConstant(module, "methods", ngpy_method_names) < 0)
        return -1;
    return PyModule_AddFunctions(module, ngpy_summarize_methods);
}

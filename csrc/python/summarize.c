/*
 * summarize.c (binding): scoring, selection and keywords.
 *
 *   _core.summarize(text, spans, lang, title, weights, max_sentences,
 *                   max_words, mmr_lambda, max_similarity, /)
 *       -> (scores, chosen)
 *   _core.summarize_many(items, lang, weights, mmr_lambda, max_similarity, /)
 *       -> [(scores, chosen), ...] for items (text, spans, title,
 *          max_sentences, max_words), the GIL released once for all
 *   _core.keywords(text, spans, lang, k, /) -> [(surface, score, lowercase), ...]
 *   _core.keywords_many(items, lang, /) -> one such list for each item
 *       (text, spans, k), the GIL released once for all
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

/* The input common to summaries and keywords: text, spans and lang. */
typedef struct ngpy_input {
    ngpy_text text; /* encoded once the GIL is released (ngpy_input_bytes) */
    ng_span *spans;
    size_t n;
    const ng_lang *lang;
} ngpy_input;

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

/* What the summaries of one call share: the weights and MMR's settings. */
typedef struct ngpy_settings {
    double weights[NG_METHOD_COUNT];
    double lambda, max_sim;
} ngpy_settings;

static int ngpy_read_settings(PyObject *weights, PyObject *lambda, PyObject *max_sim,
                              ngpy_settings *set)
{
    PyObject *wseq = PySequence_Fast(weights, "weights must be a sequence of float");
    if (!wseq)
        return -1;
    if (PySequence_Fast_GET_SIZE(wseq) != NG_METHOD_COUNT) {
        Py_DECREF(wseq);
        PyErr_Format(PyExc_ValueError, "weights must hold %d floats", (int)NG_METHOD_COUNT);
        return -1;
    }
    for (int m = 0; m < NG_METHOD_COUNT; m++) {
        set->weights[m] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(wseq, m));
        if (set->weights[m] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(wseq);
            return -1;
        }
    }
    Py_DECREF(wseq);
    if ((set->lambda = PyFloat_AsDouble(lambda)) == -1.0 && PyErr_Occurred())
        return -1;
    if ((set->max_sim = PyFloat_AsDouble(max_sim)) == -1.0 && PyErr_Occurred())
        return -1;
    return 0;
}

/* One summary: its input, title and counts, then its scores and choice. */
typedef struct ngpy_job {
    ngpy_input in;
    const char *title;
    Py_ssize_t title_len, max_sentences, max_words;
    double *scores;
    size_t *chosen, n_chosen;
} ngpy_job;

/* Reads a job from (text, spans, title, max_sentences, max_words) and lang
 * (already read); on failure the job still needs ngpy_job_free. */
static int ngpy_job_read(PyObject *const *item, const ng_lang *lang, ngpy_job *job)
{
    if (ngpy_text_view(item[0], "text", &job->in.text) < 0)
        return -1;
    job->in.lang = lang;
    job->in.spans = ngpy_spans_read(item[1], "spans", PyUnicode_GET_LENGTH(item[0]), &job->in.n);
    if (!job->in.spans)
        return -1;
    if (item[2] != Py_None && !(job->title = ngpy_utf8(item[2], "title", &job->title_len)))
        return -1;
    if ((job->max_sentences = PyLong_AsSsize_t(item[3])) == -1 && PyErr_Occurred())
        return -1;
    if ((job->max_words = PyLong_AsSsize_t(item[4])) == -1 && PyErr_Occurred())
        return -1;
    /* Clamped here, at the boundary: negative means none. */
    if (job->max_sentences < 0)
        job->max_sentences = 0;
    if (job->max_words < 0)
        job->max_words = 0;
    if ((size_t)job->max_sentences > job->in.n)
        job->max_sentences = (Py_ssize_t)job->in.n;
    job->scores = PyMem_RawMalloc((job->in.n + 1) * sizeof *job->scores);
    job->chosen = PyMem_RawMalloc(((size_t)job->max_sentences + 1) * sizeof *job->chosen);
    if (!job->scores || !job->chosen) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* The core's work for one job; no GIL needed. */
static ng_status ngpy_job_run(ngpy_job *job, const ngpy_settings *set)
{
    ngpy_input *in = &job->in;
    ng_scorer *scorer = NULL;
    ng_status st = ngpy_input_bytes(in);
    if (st == NG_OK)
        st = ng_scorer_new(in->text.utf8, in->text.len, in->spans, in->n, in->lang, job->title,
                           (size_t)job->title_len, &scorer);
    if (st == NG_OK)
        st = ng_scorer_score(scorer, set->weights, job->scores);
    if (st == NG_OK && job->max_sentences > 0)
        st = ng_scorer_select(scorer, job->scores, (size_t)job->max_sentences,
                              (size_t)job->max_words, set->lambda, set->max_sim, job->chosen,
                              &job->n_chosen);
    ng_scorer_free(scorer);
    return st;
}

/* (scores, chosen) of a job that ran. */
static PyObject *ngpy_job_result(const ngpy_job *job)
{
    PyObject *result = NULL, *py_scores = NULL, *py_chosen = NULL;
    if (!(py_scores = PyList_New((Py_ssize_t)job->in.n)) ||
        !(py_chosen = PyList_New((Py_ssize_t)job->n_chosen)))
        goto cleanup;
    for (size_t i = 0; i < job->in.n; i++) {
        PyObject *f = PyFloat_FromDouble(job->scores[i]);
        if (!f)
            goto cleanup;
        PyList_SET_ITEM(py_scores, (Py_ssize_t)i, f);
    }
    for (size_t i = 0; i < job->n_chosen; i++) {
        PyObject *k = PyLong_FromSize_t(job->chosen[i]);
        if (!k)
            goto cleanup;
        PyList_SET_ITEM(py_chosen, (Py_ssize_t)i, k);
    }
    result = PyTuple_Pack(2, py_scores, py_chosen);

cleanup:
    Py_XDECREF(py_scores);
    Py_XDECREF(py_chosen);
    return result;
}

static void ngpy_job_free(ngpy_job *job)
{
    ngpy_input_free(&job->in);
    PyMem_RawFree(job->scores);
    PyMem_RawFree(job->chosen);
}

static PyObject *ngpy_summarize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "summarize() takes 9 positional arguments");
        return NULL;
    }
    ngpy_job job = {0};
    ngpy_settings set;
    PyObject *result = NULL;
    const ng_lang *lang = ngpy_lang(args[2]);
    PyObject *item[5] = {args[0], args[1], args[3], args[5], args[6]};
    if (!lang || ngpy_job_read(item, lang, &job) < 0 ||
        ngpy_read_settings(args[4], args[7], args[8], &set) < 0)
        goto cleanup;
    PyThreadState *saved =
        ngpy_release_gil_if(ngpy_text_chars(&job.in.text) >= NGPY_NOGIL_SCORE_CHARS);
    ng_status st = ngpy_job_run(&job, &set);
    ngpy_restore_gil(saved);
    if (st != NG_OK)
        ngpy_text_raise(&job.in.text, st);
    else
        result = ngpy_job_result(&job);

cleanup:
    ngpy_job_free(&job);
    return result;
}

/*
 * summarize() for a group of texts with the GIL released once for all of
 * them: a thread that released and took back the GIL for each short
 * article would wait for it at each (see NGPY_NOGIL_CHARS). The first text
 * that fails raises, for the whole group.
 */
static PyObject *ngpy_summarize_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "summarize_many() takes 5 positional arguments");
        return NULL;
    }
    /* A tuple of the items holds them (and so their strs) while the GIL is
     * released. */
    PyObject *items = PySequence_Tuple(args[0]), *result = NULL;
    if (!items)
        return NULL;
    size_t n = (size_t)PyTuple_GET_SIZE(items), failed = n;
    ngpy_job *jobs = PyMem_RawCalloc(n + 1, sizeof *jobs);
    ngpy_settings set;
    const ng_lang *lang = ngpy_lang(args[1]);
    ng_status st = NG_OK;
    if (!jobs) {
        PyErr_NoMemory();
        goto cleanup;
    }
    if (!lang || ngpy_read_settings(args[2], args[3], args[4], &set) < 0)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, (Py_ssize_t)i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 5) {
            PyErr_SetString(PyExc_TypeError,
                            "summarize_many() items are (text, spans, title, max_sentences, "
                            "max_words) tuples");
            goto cleanup;
        }
        if (ngpy_job_read(&PyTuple_GET_ITEM(item, 0), lang, &jobs[i]) < 0)
            goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t i = 0; i < n && st == NG_OK; i++)
        if ((st = ngpy_job_run(&jobs[i], &set)) != NG_OK)
            failed = i;
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&jobs[failed].in.text, st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)n)))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        PyObject *one = ngpy_job_result(&jobs[i]);
        if (!one) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, one);
    }

cleanup:
    for (size_t i = 0; jobs && i < n; i++)
        ngpy_job_free(&jobs[i]);
    PyMem_RawFree(jobs);
    Py_DECREF(items);
    return result;
}

/* One text's keywords: its input and k, then what the core found. */
typedef struct ngpy_keyword_job {
    ngpy_input in;
    size_t k;
    ng_keyword *kw;
    size_t n_kw;
} ngpy_keyword_job;

/* Reads a job from (text, spans, k) and lang (already read); on failure the
 * job still needs ngpy_keyword_job_free. */
static int ngpy_keyword_job_read(PyObject *const *item, const ng_lang *lang, ngpy_keyword_job *job)
{
    Py_ssize_t k = PyLong_AsSsize_t(item[2]);
    if (k == -1 && PyErr_Occurred())
        return -1;
    job->k = k < 0 ? 0 : (size_t)k;
    if (ngpy_text_view(item[0], "text", &job->in.text) < 0)
        return -1;
    job->in.lang = lang;
    job->in.spans = ngpy_spans_read(item[1], "spans", PyUnicode_GET_LENGTH(item[0]), &job->in.n);
    return job->in.spans ? 0 : -1;
}

/* The core's work for one job; no GIL needed. */
static ng_status ngpy_keyword_job_run(ngpy_keyword_job *job)
{
    ngpy_input *in = &job->in;
    ng_scorer *scorer = NULL;
    ng_status st = ngpy_input_bytes(in);
    if (st == NG_OK)
        st = ng_scorer_new(in->text.utf8, in->text.len, in->spans, in->n, in->lang, NULL, 0,
                           &scorer);
    if (st == NG_OK)
        st = ng_scorer_keywords(scorer, job->k, &job->kw, &job->n_kw);
    ng_scorer_free(scorer);
    return st;
}

/* [(surface, score, lowercase)] of a job that ran. */
static PyObject *ngpy_keyword_job_result(const ngpy_keyword_job *job)
{
    PyObject *result = PyList_New((Py_ssize_t)job->n_kw);
    if (!result)
        return NULL;
    for (size_t i = 0; i < job->n_kw; i++) {
        const ng_keyword *kw = &job->kw[i];
        /* The surface bytes decode on their own: keyword spans are words. */
        PyObject *item = Py_BuildValue("(s#dO)", job->in.text.utf8 + kw->surface.start,
                                       (Py_ssize_t)(kw->surface.end - kw->surface.start), kw->score,
                                       kw->lowercase ? Py_True : Py_False);
        if (!item) {
            Py_DECREF(result);
            return NULL;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, item);
    }
    return result;
}

static void ngpy_keyword_job_free(ngpy_keyword_job *job)
{
    ng_free(job->kw);
    ngpy_input_free(&job->in);
}

static PyObject *ngpy_keywords(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "keywords() takes 4 positional arguments");
        return NULL;
    }
    ngpy_keyword_job job = {0};
    PyObject *result = NULL;
    const ng_lang *lang = ngpy_lang(args[2]);
    PyObject *item[3] = {args[0], args[1], args[3]};
    if (!lang || ngpy_keyword_job_read(item, lang, &job) < 0)
        goto cleanup;
    PyThreadState *saved =
        ngpy_release_gil_if(ngpy_text_chars(&job.in.text) >= NGPY_NOGIL_SCORE_CHARS);
    ng_status st = ngpy_keyword_job_run(&job);
    ngpy_restore_gil(saved);
    if (st != NG_OK)
        ngpy_text_raise(&job.in.text, st);
    else
        result = ngpy_keyword_job_result(&job);

cleanup:
    ngpy_keyword_job_free(&job);
    return result;
}

/* keywords() for a group of (text, spans, k) items, the GIL released once
 * for all of them (as summarize_many). The first text that fails raises. */
static PyObject *ngpy_keywords_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "keywords_many() takes 2 positional arguments");
        return NULL;
    }
    PyObject *items = PySequence_Tuple(args[0]), *result = NULL;
    if (!items)
        return NULL;
    size_t n = (size_t)PyTuple_GET_SIZE(items), failed = n;
    ngpy_keyword_job *jobs = PyMem_RawCalloc(n + 1, sizeof *jobs);
    const ng_lang *lang = ngpy_lang(args[1]);
    ng_status st = NG_OK;
    if (!jobs) {
        PyErr_NoMemory();
        goto cleanup;
    }
    if (!lang)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, (Py_ssize_t)i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
            PyErr_SetString(PyExc_TypeError, "keywords_many() items are (text, spans, k) tuples");
            goto cleanup;
        }
        if (ngpy_keyword_job_read(&PyTuple_GET_ITEM(item, 0), lang, &jobs[i]) < 0)
            goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t i = 0; i < n && st == NG_OK; i++)
        if ((st = ngpy_keyword_job_run(&jobs[i])) != NG_OK)
            failed = i;
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&jobs[failed].in.text, st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)n)))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        PyObject *one = ngpy_keyword_job_result(&jobs[i]);
        if (!one) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, one);
    }

cleanup:
    for (size_t i = 0; jobs && i < n; i++)
        ngpy_keyword_job_free(&jobs[i]);
    PyMem_RawFree(jobs);
    Py_DECREF(items);
    return result;
}

static PyMethodDef ngpy_summarize_methods[] = {
    {"summarize", (PyCFunction)(void (*)(void))ngpy_summarize, METH_FASTCALL,
     "summarize($module, text, spans, lang, title, weights, max_sentences, max_words,"
     " mmr_lambda, max_similarity, /)\n--\n\n"
     "(scores, chosen) of the sentences at spans; see nutgraf.summarize."},
    {"summarize_many", (PyCFunction)(void (*)(void))ngpy_summarize_many, METH_FASTCALL,
     "summarize_many($module, items, lang, weights, mmr_lambda, max_similarity, /)\n--\n\n"
     "[(scores, chosen)] of items (text, spans, title, max_sentences, max_words), with the\n"
     "GIL released once for all of them; see nutgraf.summarize_many."},
    {"keywords", (PyCFunction)(void (*)(void))ngpy_keywords, METH_FASTCALL,
     "keywords($module, text, spans, lang, k, /)\n--\n\n"
     "[(surface, score, lowercase)] best first; see nutgraf.keywords."},
    {"keywords_many", (PyCFunction)(void (*)(void))ngpy_keywords_many, METH_FASTCALL,
     "keywords_many($module, items, lang, /)\n--\n\n"
     "keywords() of items (text, spans, k), with the GIL released once for all of them."},
    {NULL, NULL, 0, NULL},
};

int ngpy_summarize_exec(PyObject *module)
{
    if (PyModule_AddStringConstant(module, "methods", ngpy_method_names) < 0)
        return -1;
    return PyModule_AddFunctions(module, ngpy_summarize_methods);
}

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

/*
 * The work of one call on one text: a summary (with `set`) or, without, the
 * text's keywords. Read with the GIL (ngpy_summary_job_read or
 * ngpy_keyword_job_read), run without it (ngpy_job_run), turned into its
 * result with it (ngpy_job_result), then freed (ngpy_job_free, also after a
 * failed read).
 */
typedef struct ngpy_job {
    ngpy_text text; /* encoded by ngpy_job_run */
    ng_span *spans; /* str indices, byte offsets once run */
    size_t n;
    const ng_lang *lang;
    const ngpy_settings *set; /* NULL: keywords */
    /* a summary: the title, the counts, and the scores and choice */
    const char *title;
    Py_ssize_t title_len, max_sentences, max_words;
    double *scores;
    size_t *chosen, n_chosen;
    /* keywords: how many, and those found */
    size_t k;
    ng_keyword *kw;
    size_t n_kw;
} ngpy_job;

static int ngpy_job_read_text(PyObject *text, PyObject *spans, const ng_lang *lang, ngpy_job *job)
{
    if (ngpy_text_view(text, "text", &job->text) < 0)
        return -1;
    job->lang = lang;
    job->spans = ngpy_spans_read(spans, "spans", PyUnicode_GET_LENGTH(text), &job->n);
    return job->spans ? 0 : -1;
}

/* A summary job from (text, spans, title, max_sentences, max_words). */
static int ngpy_summary_job_read(PyObject *const *item, const ng_lang *lang,
                                 const ngpy_settings *set, ngpy_job *job)
{
    job->set = set;
    if (ngpy_job_read_text(item[0], item[1], lang, job) < 0)
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
    if ((size_t)job->max_sentences > job->n)
        job->max_sentences = (Py_ssize_t)job->n;
    job->scores = PyMem_RawMalloc((job->n + 1) * sizeof *job->scores);
    job->chosen = PyMem_RawMalloc(((size_t)job->max_sentences + 1) * sizeof *job->chosen);
    if (!job->scores || !job->chosen) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* A keywords job from (text, spans, k). */
static int ngpy_keyword_job_read(PyObject *const *item, const ng_lang *lang, ngpy_job *job)
{
    Py_ssize_t k = PyLong_AsSsize_t(item[2]);
    if (k == -1 && PyErr_Occurred())
        return -1;
    job->k = k < 0 ? 0 : (size_t)k;
    return ngpy_job_read_text(item[0], item[1], lang, job);
}

/* The core's work; no GIL needed. */
static ng_status ngpy_job_run(ngpy_job *job)
{
    ng_scorer *scorer = NULL;
    ng_status st = ngpy_text_encode(&job->text);
    if (st == NG_OK) {
        ngpy_spans_to_bytes(job->text.utf8, job->text.len, job->text.is_ascii, job->spans, job->n);
        st = ng_scorer_new(job->text.utf8, job->text.len, job->spans, job->n, job->lang, job->title,
                           (size_t)job->title_len, &scorer);
    }
    const ngpy_settings *set = job->set;
    if (st == NG_OK && !set)
        st = ng_scorer_keywords(scorer, job->k, &job->kw, &job->n_kw);
    if (st == NG_OK && set)
        st = ng_scorer_score(scorer, set->weights, job->scores);
    if (st == NG_OK && set && job->max_sentences > 0)
        st = ng_scorer_select(scorer, job->scores, (size_t)job->max_sentences,
                              (size_t)job->max_words, set->lambda, set->max_sim, job->chosen,
                              &job->n_chosen);
    ng_scorer_free(scorer);
    return st;
}

/* [(surface, score, lowercase)] of a keywords job that ran. */
static PyObject *ngpy_keywords_result(const ngpy_job *job)
{
    PyObject *result = PyList_New((Py_ssize_t)job->n_kw);
    if (!result)
        return NULL;
    for (size_t i = 0; i < job->n_kw; i++) {
        const ng_keyword *kw = &job->kw[i];
        /* The surface bytes decode on their own: keyword spans are words. */
        PyObject *item = Py_BuildValue("(s#dO)", job->text.utf8 + kw->surface.start,
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

/* (scores, chosen) of a summary job that ran, or its keywords. */
static PyObject *ngpy_job_result(const ngpy_job *job)
{
    if (!job->set)
        return ngpy_keywords_result(job);
    PyObject *result = NULL, *py_scores = NULL, *py_chosen = NULL;
    if (!(py_scores = PyList_New((Py_ssize_t)job->n)) ||
        !(py_chosen = PyList_New((Py_ssize_t)job->n_chosen)))
        goto cleanup;
    for (size_t i = 0; i < job->n; i++) {
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
    ngpy_text_release(&job->text);
    PyMem_RawFree(job->spans);
    PyMem_RawFree(job->scores);
    PyMem_RawFree(job->chosen);
    ng_free(job->kw);
}

/* The result of one job, run with the GIL released when its text is long
 * enough, or NULL if it was not `read` (an exception is set); frees it. */
static PyObject *ngpy_run_one(ngpy_job *job, int read)
{
    PyObject *result = NULL;
    if (read) {
        PyThreadState *saved =
            ngpy_release_gil_if(ngpy_text_chars(&job->text) >= NGPY_NOGIL_SCORE_CHARS);
        ng_status st = ngpy_job_run(job);
        ngpy_restore_gil(saved);
        if (st == NG_OK)
            result = ngpy_job_result(job);
        else
            ngpy_text_raise(&job->text, st);
    }
    ngpy_job_free(job);
    return result;
}

/*
 * The results of the jobs of `items`, each a tuple of `arity` read as a
 * summary (with `set`) or keywords (set NULL), run with the GIL released once
 * for all of them: a thread that released and took back the GIL for each
 * short article would wait for it at each (see NGPY_NOGIL_CHARS). The first
 * text that fails raises, for the whole group.
 */
static PyObject *ngpy_run_group(PyObject *items_arg, const ng_lang *lang, const ngpy_settings *set,
                                Py_ssize_t arity, const char *shape)
{
    /* A tuple of the items holds them (and so their strs) while the GIL is
     * released. */
    PyObject *items = PySequence_Tuple(items_arg), *result = NULL;
    if (!items)
        return NULL;
    size_t n = (size_t)PyTuple_GET_SIZE(items), failed = n;
    ngpy_job *jobs = PyMem_RawCalloc(n + 1, sizeof *jobs);
    ng_status st = NG_OK;
    if (!jobs) {
        PyErr_NoMemory();
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, (Py_ssize_t)i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != arity) {
            PyErr_Format(PyExc_TypeError, "items must be %s tuples", shape);
            goto cleanup;
        }
        PyObject *const *fields = &PyTuple_GET_ITEM(item, 0);
        if ((set ? ngpy_summary_job_read(fields, lang, set, &jobs[i])
                 : ngpy_keyword_job_read(fields, lang, &jobs[i])) < 0)
            goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t i = 0; i < n && st == NG_OK; i++)
        if ((st = ngpy_job_run(&jobs[i])) != NG_OK)
            failed = i;
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&jobs[failed].text, st);
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

static PyObject *ngpy_summarize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "summarize() takes 9 positional arguments");
        return NULL;
    }
    ngpy_job job = {0};
    ngpy_settings set;
    const ng_lang *lang = ngpy_lang(args[2]);
    PyObject *item[5] = {args[0], args[1], args[3], args[5], args[6]};
    int read = lang && ngpy_summary_job_read(item, lang, &set, &job) == 0 &&
               ngpy_read_settings(args[4], args[7], args[8], &set) == 0;
    return ngpy_run_one(&job, read);
}

static PyObject *ngpy_summarize_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "summarize_many() takes 5 positional arguments");
        return NULL;
    }
    ngpy_settings set;
    const ng_lang *lang = ngpy_lang(args[1]);
    if (!lang || ngpy_read_settings(args[2], args[3], args[4], &set) < 0)
        return NULL;
    return ngpy_run_group(args[0], lang, &set, 5, "(text, spans, title, max_sentences, max_words)");
}

static PyObject *ngpy_keywords(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "keywords() takes 4 positional arguments");
        return NULL;
    }
    ngpy_job job = {0};
    const ng_lang *lang = ngpy_lang(args[2]);
    PyObject *item[3] = {args[0], args[1], args[3]};
    int read = lang && ngpy_keyword_job_read(item, lang, &job) == 0;
    return ngpy_run_one(&job, read);
}

static PyObject *ngpy_keywords_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "keywords_many() takes 2 positional arguments");
        return NULL;
    }
    const ng_lang *lang = ngpy_lang(args[1]);
    return lang ? ngpy_run_group(args[0], lang, NULL, 3, "(text, spans, k)") : NULL;
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

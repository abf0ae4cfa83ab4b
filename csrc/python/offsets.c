/*
 * offsets.c (binding): spans of a normalized text mapped back to the text it
 * came from, through the map that nutgraf.Normalized keeps.
 *
 *   _core.original_spans(runs, original_length, length, spans, /)
 *       -> [(start, end), ...] or None
 *
 * `runs` are Normalized.runs, (out, in, copy) in str indices, `length` the
 * normalized text's length. Each span maps as Normalized.original_span maps
 * it; the result is None (the caller then takes its general path) unless
 * `spans` is a list or tuple of (start, end) ints with 0 <= start < end <=
 * length and the runs are well formed (exact ints, sorted, the first at 0),
 * which is every span a Document makes.
 */
#include "binding.h"

typedef struct ngpy_runs {
    Py_ssize_t *out, *in;
    unsigned char *copy;
    size_t n;
} ngpy_runs;

static void ngpy_runs_free(ngpy_runs *r)
{
    PyMem_Free(r->out);
    PyMem_Free(r->in);
    PyMem_Free(r->copy);
}

static int ngpy_runs_read_tuple(PyObject *seq, ngpy_runs *r)
{
    size_t n = (size_t)PyTuple_GET_SIZE(seq);
    if (!n)
        return 0;
    r->n = n;
    r->out = PyMem_New(Py_ssize_t, n);
    r->in = PyMem_New(Py_ssize_t, n);
    r->copy = PyMem_Malloc(n);
    if (!r->out || !r->in || !r->copy) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        PyObject *run = PyTuple_GET_ITEM(seq, (Py_ssize_t)i);
        if (!PyTuple_CheckExact(run) || PyTuple_GET_SIZE(run) != 3 ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(run, 0)) ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(run, 1)))
            return 0;
        r->out[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 0));
        r->in[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(run, 1));
        if ((r->out[i] == -1 || r->in[i] == -1) && PyErr_Occurred())
            return -1;
        int copy = PyObject_IsTrue(PyTuple_GET_ITEM(run, 2));
        if (copy < 0)
            return -1;
        r->copy[i] = (unsigned char)copy;
        if (i ? r->out[i] < r->out[i - 1] : r->out[i] != 0)
            return 0; /* bisection needs sorted outs; the first covers index 0 */
    }
    return 1;
}

/* 1 with the runs read, 0 when they are not of the expected shape, -1 on
 * error (an exception set). */
static int ngpy_runs_read(PyObject *runs, ngpy_runs *r)
{
    /* A list is read from a tuple copy: PyObject_IsTrue may run Python
     * code, which could shrink a list while it is being read. */
    PyObject *seq;
    if (PyTuple_CheckExact(runs))
        seq = Py_NewRef(runs);
    else if (PyList_CheckExact(runs))
        seq = PyList_AsTuple(runs);
    else
        return 0;
    if (!seq)
        return -1;
    int status = ngpy_runs_read_tuple(seq, r);
    Py_DECREF(seq);
    return status;
}

/* The number of runs whose out is <= index (bisect_right over the outs). */
static size_t ngpy_runs_upto(const ngpy_runs *r, Py_ssize_t index)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->out[mid] <= index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static PyObject *ngpy_original_spans(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "original_spans() takes 4 positional arguments");
        return NULL;
    }
    ngpy_runs runs = {0};
    ng_span *mapped = NULL;
    PyObject *result = NULL, *seq = NULL;
    Py_ssize_t original_length, length;
    if ((original_length = PyLong_AsSsize_t(args[1])) == -1 && PyErr_Occurred())
        return NULL;
    if ((length = PyLong_AsSsize_t(args[2])) == -1 && PyErr_Occurred())
        return NULL;
    int ok = ngpy_runs_read(args[0], &runs);
    if (ok < 0)
        goto cleanup;
    /* Only a list or tuple: an iterator read here would be spent for the
     * caller's general path. */
    if (!ok || !(PyList_CheckExact(args[3]) || PyTuple_CheckExact(args[3]))) {
        result = Py_NewRef(Py_None);
        goto cleanup;
    }
    if (!(seq = PySequence_Fast(args[3], "spans must be a sequence")))
        goto cleanup;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (!(mapped = PyMem_New(ng_span, (size_t)n + 1))) {
        PyErr_NoMemory();
        goto cleanup;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *span = PySequence_Fast_GET_ITEM(seq, k);
        Py_ssize_t start, end;
        if (!PyTuple_CheckExact(span) || PyTuple_GET_SIZE(span) != 2 ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(span, 0)) ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(span, 1)))
            goto general;
        start = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
        end = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
        if (PyErr_Occurred()) {
            PyErr_Clear(); /* an int too large for a span: not ours to judge */
            goto general;
        }
        if (!(0 <= start && start < end && end <= length))
            goto general;
        /* As Normalized.original_span: the run holding start, and the run
         * holding end - 1; a copy run maps characters one to one, a
         * replacement run maps to its start and ends where the next begins. */
        size_t i = ngpy_runs_upto(&runs, start) - 1;
        Py_ssize_t first = runs.copy[i] ? runs.in[i] + (start - runs.out[i]) : runs.in[i];
        size_t j = ngpy_runs_upto(&runs, end - 1);
        Py_ssize_t last = runs.copy[j - 1] ? runs.in[j - 1] + (end - runs.out[j - 1])
                          : j < runs.n     ? runs.in[j]
                                           : original_length;
        mapped[k] = (ng_span){(size_t)first, (size_t)last};
    }
    result = ngpy_spans_list(mapped, (size_t)n);
    goto cleanup;
general:
    result = Py_NewRef(Py_None);
cleanup:
    PyMem_Free(mapped);
    Py_XDECREF(seq);
    ngpy_runs_free(&runs);
    return result;
}

static PyMethodDef ngpy_offsets_methods[] = {
    {"original_spans", (PyCFunction)(void (*)(void))ngpy_original_spans, METH_FASTCALL,
     "original_spans($module, runs, original_length, length, spans, /)\n--\n\n"
     "The spans mapped to the original text through runs, or None for the\n"
     "general path; see nutgraf.Normalized.original_spans."},
    {NULL, NULL, 0, NULL},
};

int ngpy_offsets_exec(PyObject *module)
{
    return PyModule_AddFunctions(module, ngpy_offsets_methods);
}

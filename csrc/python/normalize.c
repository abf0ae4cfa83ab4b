/*
 * normalize.c (binding): the normalize functions of _core.
 *
 *   _core.normalize(text, flags, form, want_map, /)
 *   _core.repair_normalize(text, repair_flags, flags, form, want_map, /)
 *   _core.repair_normalize_many(texts, repair_flags, flags, form, /)
 *
 * Each returns the normalized str (the same object when nothing changed),
 * or with want_map a tuple (str, runs) where runs is a list of (out, in,
 * copy) in str indices: the offset map of the core (see ng_map in
 * nutgraf.h) back to `text`. repair_normalize runs ng_repair first and
 * normalizes the bytes it gives, composing the two maps in the core:
 * decoding the repaired text to a str and encoding it back to UTF-8 for a
 * second call would cost more than either core call.
 */
#include "binding.h"

/* ng_repair (unless repair_flags is 0) then ng_normalize over `input`. */
static PyObject *ngpy_normalize_text(PyObject *input, unsigned repair_flags,
                                     const ng_normalize_options *opts, int want_map)
{
    ngpy_text in;
    if (ngpy_text_view(input, "text", &in) < 0)
        return NULL;
    char *fixed = NULL, *out = NULL;
    size_t fixed_len = 0, out_len = 0;
    ng_repair_counts counts;
    ng_map repair_map = {0}, normalize_map = {0}, map = {0};
    ngpy_str_plan plan;
    ng_utf8_shape shape;
    ng_status st;
    PyObject *result = NULL, *str = NULL, *runs = NULL;

    PyThreadState *saved = ngpy_release_gil_if(ngpy_text_chars(&in) >= NGPY_NOGIL_CHARS);
    st = ngpy_text_encode(&in);
    repair_flags = ngpy_repair_flags_for(&in, repair_flags);
    if (st == NG_OK && repair_flags)
        st = ng_repair_nocopy(in.utf8, in.len, repair_flags, &fixed, &fixed_len,
                              want_map ? &repair_map : NULL, &counts);
    if (st == NG_OK)
        st = ng_normalize(fixed ? fixed : in.utf8, fixed ? fixed_len : in.len, opts, &out, &out_len,
                          want_map ? (repair_flags ? &normalize_map : &map) : NULL, &shape);
    if (st == NG_OK && want_map && repair_flags)
        st = ng_map_compose(&repair_map, &normalize_map, &map);
    /* The repaired copy is done with: freeing it before the str is made
     * lowers the peak by one copy of the text. */
    ng_free(fixed);
    fixed = NULL;
    if (st == NG_OK)
        ngpy_str_shaped(&plan, in.utf8, in.len, out, out_len, &shape);
    ngpy_restore_gil(saved);
    if (st != NG_OK) {
        ngpy_text_raise(&in, st);
        goto cleanup;
    }
    str = ngpy_str_make(&plan, input);
    if (!str || !want_map) {
        result = str;
        str = NULL;
        goto cleanup;
    }
    runs = ngpy_runs_of(&map, str, out, out_len, input, in.utf8, in.len);
    if (runs)
        result = PyTuple_Pack(2, str, runs);

cleanup:
    Py_XDECREF(str);
    Py_XDECREF(runs);
    ng_free(fixed);
    ng_free(out);
    ng_map_free(&repair_map);
    ng_map_free(&normalize_map);
    ng_map_free(&map);
    ngpy_text_release(&in);
    return result;
}

/* An unsigned int argument; -1 with an exception set if it is not one. */
static int ngpy_flags_arg(PyObject *arg, const char *function, unsigned *flags)
{
    unsigned long value = PyLong_AsUnsignedLong(arg);
    if (value == (unsigned long)-1 && PyErr_Occurred())
        return -1;
    if (value > UINT_MAX) {
        PyErr_Format(PyExc_ValueError, "%s(): flags out of range", function);
        return -1;
    }
    *flags = (unsigned)value;
    return 0;
}

/* Reads (flags, form, want_map) from args[0..2] into *opts and *want_map. */
static int ngpy_options_args(PyObject *const *args, const char *function,
                             ng_normalize_options *opts, int *want_map)
{
    if (ngpy_flags_arg(args[0], function, &opts->flags) < 0)
        return -1;
    long form = PyLong_AsLong(args[1]);
    if (form == -1 && PyErr_Occurred())
        return -1;
    if (form < 0 || form > NG_FORM_NFKD) {
        PyErr_Format(PyExc_ValueError, "%s(): form out of range", function);
        return -1;
    }
    opts->form = (ng_form)form;
    *want_map = PyObject_IsTrue(args[2]);
    return *want_map < 0 ? -1 : 0;
}

static PyObject *ngpy_normalize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    ng_normalize_options opts;
    int want_map;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "normalize() takes 4 positional arguments");
        return NULL;
    }
    if (ngpy_options_args(args + 1, "normalize", &opts, &want_map) < 0)
        return NULL;
    return ngpy_normalize_text(args[0], 0, &opts, want_map);
}

static PyObject *ngpy_repair_normalize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    ng_normalize_options opts;
    unsigned repair_flags;
    int want_map;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "repair_normalize() takes 5 positional arguments");
        return NULL;
    }
    if (ngpy_flags_arg(args[1], "repair_normalize", &repair_flags) < 0 ||
        ngpy_options_args(args + 2, "repair_normalize", &opts, &want_map) < 0)
        return NULL;
    return ngpy_normalize_text(args[0], repair_flags, &opts, want_map);
}

/*
 * _core.repair_normalize_many(texts, repair_flags, flags, form, /):
 * [repair_normalize(t, repair_flags, flags, form, False) for t in texts],
 * with the GIL released once for the whole group (the batch functions).
 */
static PyObject *ngpy_repair_normalize_many(PyObject *module, PyObject *const *args,
                                            Py_ssize_t nargs)
{
    (void)module;
    ng_normalize_options opts;
    unsigned repair_flags;
    int want_map;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "repair_normalize_many() takes 4 positional arguments");
        return NULL;
    }
    PyObject *options[3] = {args[2], args[3], Py_False};
    if (ngpy_flags_arg(args[1], "repair_normalize_many", &repair_flags) < 0 ||
        ngpy_options_args(options, "repair_normalize_many", &opts, &want_map) < 0)
        return NULL;
    ngpy_texts in;
    if (ngpy_texts_read(args[0], &in) < 0)
        return NULL;
    PyObject *result = NULL;
    ng_status st = NG_OK;
    size_t failed = 0;
    char **out = PyMem_RawCalloc(in.n + 1, sizeof *out);
    ngpy_str_plan *plans = PyMem_RawCalloc(in.n + 1, sizeof *plans);
    if (!out || !plans) {
        PyErr_NoMemory();
        goto cleanup;
    }
    /* Three phases, so that only allocating the strs holds the GIL: the
     * core's work and measuring its output; making the strs; filling them. */
    Py_BEGIN_ALLOW_THREADS
    for (size_t t = 0; t < in.n && st == NG_OK; t++) {
        ngpy_text *text = &in.view[t];
        char *fixed = NULL;
        size_t fixed_len = 0, out_len = 0;
        ng_repair_counts counts;
        ng_utf8_shape shape;
        st = ngpy_text_encode(text);
        unsigned text_flags = ngpy_repair_flags_for(text, repair_flags);
        if (st == NG_OK && text_flags)
            st = ng_repair_nocopy(text->utf8, text->len, text_flags, &fixed, &fixed_len, NULL,
                                  &counts);
        if (st == NG_OK)
            st = ng_normalize(fixed ? fixed : text->utf8, fixed ? fixed_len : text->len, &opts,
                              &out[t], &out_len, NULL, &shape);
        if (st == NG_OK)
            ngpy_str_shaped(&plans[t], text->utf8, text->len, out[t], out_len, &shape);
        else
            failed = t;
        ng_free(fixed);
    }
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_text_raise(&in.view[failed], st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)in.n)))
        goto cleanup;
    for (size_t t = 0; t < in.n; t++) {
        PyObject *str = ngpy_str_new(&plans[t], PyTuple_GET_ITEM(in.items, (Py_ssize_t)t));
        if (!str) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)t, str);
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t t = 0; t < in.n; t++)
        ngpy_str_fill(PyList_GET_ITEM(result, (Py_ssize_t)t), &plans[t]);
    Py_END_ALLOW_THREADS

cleanup:
    if (out)
        for (size_t t = 0; t < in.n; t++)
            ng_free(out[t]);
    PyMem_RawFree(out);
    PyMem_RawFree(plans);
    ngpy_texts_free(&in);
    return result;
}

static PyMethodDef ngpy_normalize_methods[] = {
    {"normalize", (PyCFunction)(void (*)(void))ngpy_normalize, METH_FASTCALL,
     "normalize($module, text, flags, form, want_map, /)\n--\n\n"
     "Normalize text by the core's flags and form; see nutgraf.normalize."},
    {"repair_normalize", (PyCFunction)(void (*)(void))ngpy_repair_normalize, METH_FASTCALL,
     "repair_normalize($module, text, repair_flags, flags, form, want_map, /)\n--\n\n"
     "normalize(repair(text, repair_flags)[0], flags, form) in one call."},
    {"repair_normalize_many", (PyCFunction)(void (*)(void))ngpy_repair_normalize_many,
     METH_FASTCALL,
     "repair_normalize_many($module, texts, repair_flags, flags, form, /)\n--\n\n"
     "[repair_normalize(t, repair_flags, flags, form, False) for t in texts], the GIL\n"
     "released once for all."},
    {NULL, NULL, 0, NULL},
};

int ngpy_normalize_exec(PyObject *module)
{
    static const struct {
        const char *name;
        long value;
    } constants[] = {
        {"NORM_WHITESPACE", NG_NORM_WHITESPACE},
        {"NORM_CONTROLS", NG_NORM_CONTROLS},
        {"NORM_ENTITIES", NG_NORM_ENTITIES},
        {"NORM_ASCII_PUNCT", NG_NORM_ASCII_PUNCT},
        {"NORM_DEHYPHENATE", NG_NORM_DEHYPHENATE},
        {"NORM_CASEFOLD", NG_NORM_CASEFOLD},
        {"FORM_NONE", NG_FORM_NONE},
        {"FORM_NFC", NG_FORM_NFC},
        {"FORM_NFD", NG_FORM_NFD},
        {"FORM_NFKC", NG_FORM_NFKC},
        {"FORM_NFKD", NG_FORM_NFKD},
    };
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (PyModule_AddIntConstant(module, constants[i].name, constants[i].value) < 0)
            return -1;
    return PyModule_AddFunctions(module, ngpy_normalize_methods);
}

/*
 * normalize.c (binding): _core.normalize(text, flags, form, want_map, /),
 * _core.repair_normalize and its batch form _core.repair_normalize_many.
 *
 * Returns the normalized str (the same object when nothing changed), or with
 * want_map a tuple (str, runs) where runs is a list of (out, in, copy) in str
 * indices: the offset map of the core (see ng_map in nutgraf.h).
 */
#include "binding.h"

static PyObject *ngpy_normalize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "normalize() takes 4 positional arguments");
        return NULL;
    }
    Py_ssize_t len;
    const char *text = ngpy_utf8(args[0], "text", &len);
    if (!text)
        return NULL;
    unsigned long flags = PyLong_AsUnsignedLong(args[1]);
    if (flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    long form = PyLong_AsLong(args[2]);
    if (form == -1 && PyErr_Occurred())
        return NULL;
    int want_map = PyObject_IsTrue(args[3]);
    if (want_map < 0)
        return NULL;
    if (flags > UINT_MAX || form < 0 || form > NG_FORM_NFKD) {
        PyErr_SetString(PyExc_ValueError, "normalize(): flags or form out of range");
        return NULL;
    }

    ng_normalize_options opts = {(unsigned)flags, (ng_form)form};
    int in_ascii = PyUnicode_IS_ASCII(args[0]) != 0;
    char *out = NULL;
    size_t out_len = 0;
    ng_map map = {0};
    ng_status st;
    PyObject *result = NULL, *str = NULL, *runs = NULL;

    Py_BEGIN_ALLOW_THREADS
    st = ng_normalize(text, (size_t)len, &opts, &out, &out_len, want_map ? &map : NULL);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_raise(st);
        goto cleanup;
    }

    if (out_len == (size_t)len && memcmp(out, text, out_len) == 0) {
        str = Py_NewRef(args[0]);
    } else {
        str = PyUnicode_DecodeUTF8(out, (Py_ssize_t)out_len, "strict");
        if (!str)
            goto cleanup;
    }
    if (!want_map) {
        result = Py_NewRef(str);
        goto cleanup;
    }
    int out_ascii = PyUnicode_IS_ASCII(str) != 0;
    Py_BEGIN_ALLOW_THREADS
    ngpy_map_to_indices(&map, ngpy_indexer_new(out, out_len, out_ascii),
                        ngpy_indexer_new(text, (size_t)len, in_ascii));
    Py_END_ALLOW_THREADS
    runs = ngpy_runs_list(&map);
    if (!runs)
        goto cleanup;
    result = PyTuple_Pack(2, str, runs);

cleanup:
    Py_XDECREF(str);
    Py_XDECREF(runs);
    ng_free(out);
    ng_map_free(&map);
    return result;
}

/*
 * _core.repair_normalize(text, repair_flags, flags, form, want_map, /):
 * ng_repair then ng_normalize on the bytes it gives: the same str as
 * normalize(repair(text, repair_flags)[0], flags, form) without the str in
 * between (decoding the repaired text to a str and encoding it back to UTF-8
 * cost more than either core call). With want_map, a tuple (str, runs) whose
 * runs map straight back to `text`: the two core maps composed in the core.
 */
static PyObject *ngpy_repair_normalize(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "repair_normalize() takes 5 positional arguments");
        return NULL;
    }
    Py_ssize_t len;
    const char *text = ngpy_utf8(args[0], "text", &len);
    if (!text)
        return NULL;
    unsigned long repair_flags = PyLong_AsUnsignedLong(args[1]);
    if (repair_flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    unsigned long flags = PyLong_AsUnsignedLong(args[2]);
    if (flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    long form = PyLong_AsLong(args[3]);
    if (form == -1 && PyErr_Occurred())
        return NULL;
    int want_map = PyObject_IsTrue(args[4]);
    if (want_map < 0)
        return NULL;
    if (repair_flags > UINT_MAX || flags > UINT_MAX || form < 0 || form > NG_FORM_NFKD) {
        PyErr_SetString(PyExc_ValueError, "repair_normalize(): flags or form out of range");
        return NULL;
    }

    ng_normalize_options opts = {(unsigned)flags, (ng_form)form};
    int in_ascii = PyUnicode_IS_ASCII(args[0]) != 0;
    char *fixed = NULL, *out = NULL;
    size_t fixed_len = 0, out_len = 0;
    ng_repair_counts counts;
    ng_map repair_map = {0}, normalize_map = {0}, map = {0};
    ng_status st;
    PyObject *result = NULL, *str = NULL, *runs = NULL;

    Py_BEGIN_ALLOW_THREADS
    st = ng_repair_nocopy(text, (size_t)len, (unsigned)repair_flags, &fixed, &fixed_len,
                          want_map ? &repair_map : NULL, &counts);
    if (st == NG_OK)
        st = ng_normalize(fixed ? fixed : text, fixed ? fixed_len : (size_t)len, &opts, &out,
                          &out_len, want_map ? &normalize_map : NULL);
    if (st == NG_OK && want_map)
        st = ng_map_compose(&repair_map, &normalize_map, &map);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_raise(st);
        goto cleanup;
    }
    /* The input object back only when neither step changed it, as the two
     * calls in a row would give. */
    if (out_len == (size_t)len && memcmp(out, text, out_len) == 0)
        str = Py_NewRef(args[0]);
    else
        str = PyUnicode_DecodeUTF8(out, (Py_ssize_t)out_len, "strict");
    if (!str)
        goto cleanup;
    if (!want_map) {
        result = Py_NewRef(str);
        goto cleanup;
    }
    int out_ascii = PyUnicode_IS_ASCII(str) != 0;
    Py_BEGIN_ALLOW_THREADS
    ngpy_map_to_indices(&map, ngpy_indexer_new(out, out_len, out_ascii),
                        ngpy_indexer_new(text, (size_t)len, in_ascii));
    Py_END_ALLOW_THREADS
    runs = ngpy_runs_list(&map);
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
    return result;
}

/*
 * _core.repair_normalize_many(texts, repair_flags, flags, form, /):
 * [repair_normalize(t, repair_flags, flags, form, False) for t in texts],
 * with the GIL released once for the whole group.
 */
static PyObject *ngpy_repair_normalize_many(PyObject *module, PyObject *const *args,
                                            Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "repair_normalize_many() takes 4 positional arguments");
        return NULL;
    }
    unsigned long repair_flags = PyLong_AsUnsignedLong(args[1]);
    if (repair_flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    unsigned long flags = PyLong_AsUnsignedLong(args[2]);
    if (flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    long form = PyLong_AsLong(args[3]);
    if (form == -1 && PyErr_Occurred())
        return NULL;
    if (repair_flags > UINT_MAX || flags > UINT_MAX || form < 0 || form > NG_FORM_NFKD) {
        PyErr_SetString(PyExc_ValueError, "repair_normalize_many(): flags or form out of range");
        return NULL;
    }
    ngpy_texts in;
    if (ngpy_texts_read(args[0], &in) < 0)
        return NULL;
    ng_normalize_options opts = {(unsigned)flags, (ng_form)form};
    PyObject *result = NULL;
    ng_status st = NG_OK;
    char **out = PyMem_RawCalloc(in.n + 1, sizeof *out);
    size_t *out_len = PyMem_RawCalloc(in.n + 1, sizeof *out_len);
    if (!out || !out_len) {
        PyErr_NoMemory();
        goto cleanup;
    }
    Py_BEGIN_ALLOW_THREADS
    for (size_t t = 0; t < in.n && st == NG_OK; t++) {
        char *fixed = NULL;
        size_t fixed_len = 0;
        ng_repair_counts counts;
        st = ng_repair_nocopy(in.utf8[t], in.len[t], (unsigned)repair_flags, &fixed, &fixed_len,
                              NULL, &counts);
        if (st == NG_OK)
            st = ng_normalize(fixed ? fixed : in.utf8[t], fixed ? fixed_len : in.len[t], &opts,
                              &out[t], &out_len[t], NULL);
        ng_free(fixed);
    }
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        ngpy_raise(st);
        goto cleanup;
    }
    if (!(result = PyList_New((Py_ssize_t)in.n)))
        goto cleanup;
    for (size_t t = 0; t < in.n; t++) {
        PyObject *text = PyTuple_GET_ITEM(in.items, (Py_ssize_t)t), *str;
        /* The input object back when nothing changed, as repair_normalize. */
        if (out_len[t] == in.len[t] && memcmp(out[t], in.utf8[t], in.len[t]) == 0)
            str = Py_NewRef(text);
        else
            str = PyUnicode_DecodeUTF8(out[t], (Py_ssize_t)out_len[t], "strict");
        if (!str) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)t, str);
    }

cleanup:
    if (out)
        for (size_t t = 0; t < in.n; t++)
            ng_free(out[t]);
    PyMem_RawFree(out);
    PyMem_RawFree(out_len);
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

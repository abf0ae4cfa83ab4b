/*
 * repair.c (binding): _core.repair(text, flags, want_map, /).
 *
 * Returns (str, counts) or, with want_map, (str, counts, runs): str is the
 * repaired text (the same object when nothing changed), counts a tuple in the
 * order of ng_repair_counts, and runs the offset map as (out, in, copy) in
 * str indices, as _core.normalize gives it.
 */
#include "binding.h"

static PyObject *ngpy_repair(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "repair() takes 3 positional arguments");
        return NULL;
    }
    unsigned long flags = PyLong_AsUnsignedLong(args[1]);
    if (flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    int want_map = PyObject_IsTrue(args[2]);
    if (want_map < 0)
        return NULL;
    if (flags > UINT_MAX) {
        PyErr_SetString(PyExc_ValueError, "repair(): flags out of range");
        return NULL;
    }
    ngpy_text in; /* from here on, every exit releases it */
    if (ngpy_text_view(args[0], "text", &in) < 0)
        return NULL;

    char *out = NULL;
    size_t out_len = 0;
    ng_map map = {0};
    ng_repair_counts counts = {0};
    ngpy_str_plan plan = {.same = 1};
    ng_status st;
    PyObject *result = NULL, *str = NULL, *runs = NULL, *cnt = NULL;

    PyThreadState *saved = ngpy_release_gil_if(ngpy_text_chars(&in) >= NGPY_NOGIL_CHARS);
    st = ngpy_text_encode(&in);
    if (st == NG_OK)
        st = ng_repair_nocopy(in.utf8, in.len, ngpy_repair_flags_for(&in, (unsigned)flags), &out,
                              &out_len, want_map ? &map : NULL, &counts);
    /* NULL: no repair changed the text, which is then the output itself. */
    if (st == NG_OK && out)
        ngpy_str_measure(&plan, in.utf8, in.len, out, out_len);
    ngpy_restore_gil(saved);
    if (st != NG_OK) {
        ngpy_text_raise(&in, st);
        goto cleanup;
    }
    if (!(str = ngpy_str_make(&plan, args[0])))
        goto cleanup;
    cnt = Py_BuildValue("(nnnnn)", (Py_ssize_t)counts.mojibake, (Py_ssize_t)counts.lossy_periods,
                        (Py_ssize_t)counts.lossy_quotes, (Py_ssize_t)counts.replacement_punct,
                        (Py_ssize_t)counts.replacement_dropped);
    if (!cnt)
        goto cleanup;
    if (!want_map) {
        result = PyTuple_Pack(2, str, cnt);
        goto cleanup;
    }
    runs = ngpy_runs_of(&map, str, out ? out : in.utf8, out ? out_len : in.len, args[0], in.utf8,
                        in.len);
    if (!runs)
        goto cleanup;
    result = PyTuple_Pack(3, str, cnt, runs);

cleanup:
    Py_XDECREF(str);
    Py_XDECREF(cnt);
    Py_XDECREF(runs);
    ng_free(out);
    ng_map_free(&map);
    ngpy_text_release(&in);
    return result;
}

static PyMethodDef ngpy_repair_methods[] = {
    {"repair", (PyCFunction)(void (*)(void))ngpy_repair, METH_FASTCALL,
     "repair($module, text, flags, want_map, /)\n--\n\n"
     "Repair mojibake and lost punctuation by the core's flags; see nutgraf.repair."},
    {NULL, NULL, 0, NULL},
};

int ngpy_repair_exec(PyObject *module)
{
    static const struct {
        const char *name;
        long value;
    } constants[] = {
        {"REPAIR_MOJIBAKE", NG_REPAIR_MOJIBAKE},
        {"REPAIR_LOSSY_PUNCT", NG_REPAIR_LOSSY_PUNCT},
        {"REPAIR_REPLACEMENT", NG_REPAIR_REPLACEMENT},
        {"REPAIR_DROP_REPLACEMENT", NG_REPAIR_DROP_REPLACEMENT},
    };
    for (size_t i = 0; i < sizeof constants / sizeof constants[0]; i++)
        if (PyModule_AddIntConstant(module, constants[i].name, constants[i].value) < 0)
            return -1;
    return PyModule_AddFunctions(module, ngpy_repair_methods);
}

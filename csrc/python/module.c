/*
 * module.c: nutgraf._core, the private extension under the nutgraf package.
 *
 * Multi-phase initialisation; the module keeps no mutable state, so it is safe
 * in subinterpreters and declares that it runs without the GIL.
 */
#include "binding.h"

static int ngpy_exec(PyObject *module)
{
    if (PyModule_AddStringConstant(module, "languages", ng_lang_codes()) < 0)
        return -1;
    if (ngpy_normalize_exec(module) < 0)
        return -1;
    if (ngpy_sentences_exec(module) < 0)
        return -1;
    if (ngpy_summarize_exec(module) < 0)
        return -1;
    if (ngpy_words_exec(module) < 0)
        return -1;
    if (ngpy_repair_exec(module) < 0)
        return -1;
    if (ngpy_offsets_exec(module) < 0)
        return -1;
    return 0;
}

static PyModuleDef_Slot ngpy_slots[] = {
    {Py_mod_exec, ngpy_exec},
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef ngpy_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "nutgraf._core",
    .m_doc = "The C core of nutgraf. Private: use the nutgraf package.",
    .m_size = 0,
    .m_slots = ngpy_slots,
};

PyMODINIT_FUNC PyInit__core(void)
{
    return PyModuleDef_Init(&ngpy_module);
}

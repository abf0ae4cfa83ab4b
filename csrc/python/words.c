/*
 * words.c (binding): _core.words(text, /), _core.fold(word, /),
 * _core.stem(word, /) and _core.is_stopword(word, lang, /).
 *
 * words returns the word tokens of text as a list of (start, end) str indices;
 * fold, stem and is_stopword work on one word, which they case-fold first
 * (fold returns the same object when folding changes nothing).
 */
#include "binding.h"

/* Below this many bytes the work on one word takes less time than releasing
 * and taking back the GIL, so the word functions keep it. */
#define NGPY_WORD_NOGIL_BYTES 4096

/* Room for a folded word on the stack; longer words get a heap buffer. */
#define NGPY_WORD_STACK 256

static PyObject *ngpy_words(PyObject *module, PyObject *arg)
{
    (void)module;
    ngpy_text text;
    if (ngpy_text_view(arg, "text", &text) < 0)
        return NULL;

    ng_span *spans = NULL;
    size_t n = 0;
    ng_status st;
    PyThreadState *saved = ngpy_release_gil_if(ngpy_text_chars(&text) >= NGPY_NOGIL_CHARS);
    st = ngpy_text_encode(&text);
    if (st == NG_OK)
        st = ng_words(text.utf8, text.len, &spans, &n);
    if (st == NG_OK)
        ngpy_spans_to_indices(text.utf8, text.len, text.is_ascii, spans, n);
    ngpy_restore_gil(saved);
    PyObject *result = NULL;
    if (st == NG_OK)
        result = ngpy_spans_list(spans, n);
    else
        ngpy_text_raise(&text, st);
    ng_free(spans);
    ngpy_text_release(&text);
    return result;
}

/*
 * Folds word[0..len) into `stack` when it fits, else into a PyMem_Raw buffer
 * stored in *heap (the caller frees it with PyMem_RawFree). Returns the
 * folded bytes, or NULL with MemoryError or OverflowError set.
 */
static char *ngpy_fold_into(const char *word, Py_ssize_t len, char stack[NGPY_WORD_STACK],
                            char **heap, size_t *out_len)
{
    size_t n = (size_t)len;
    if (n > (SIZE_MAX - 4) / 3) {
        PyErr_SetString(PyExc_OverflowError, ng_strerror(NG_EOVERFLOW));
        return NULL;
    }
    size_t need = 3 * n + 4;
    char *buf = stack;
    if (need > NGPY_WORD_STACK) {
        buf = *heap = PyMem_RawMalloc(need);
        if (!buf) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    PyThreadState *saved = ngpy_release_gil_if(n >= NGPY_WORD_NOGIL_BYTES);
    *out_len = ng_fold(word, n, buf);
    ngpy_restore_gil(saved);
    return buf;
}

static PyObject *ngpy_fold(PyObject *module, PyObject *arg)
{
    (void)module;
    Py_ssize_t len;
    const char *word = ngpy_utf8(arg, "word", &len);
    if (!word)
        return NULL;
    char stack[NGPY_WORD_STACK], *heap = NULL;
    size_t n = 0;
    PyObject *result = NULL;
    const char *folded = ngpy_fold_into(word, len, stack, &heap, &n);
    if (!folded)
        goto cleanup;
    if (n == (size_t)len && memcmp(folded, word, n) == 0) {
        Py_INCREF(arg);
        result = arg;
    } else {
        result = PyUnicode_DecodeUTF8(folded, (Py_ssize_t)n, "strict");
    }
cleanup:
    PyMem_RawFree(heap);
    return result;
}

static PyObject *ngpy_stem(PyObject *module, PyObject *arg)
{
    (void)module;
    Py_ssize_t len;
    const char *word = ngpy_utf8(arg, "word", &len);
    if (!word)
        return NULL;
    char stack[NGPY_WORD_STACK], *heap = NULL;
    char stem_stack[NGPY_WORD_STACK], *stem_heap = NULL;
    char *out = stem_stack;
    size_t n = 0, m = 0;
    PyObject *result = NULL;
    const char *folded = ngpy_fold_into(word, len, stack, &heap, &n);
    if (!folded)
        goto cleanup;
    /* A stem is never longer than its word; the stemmer may not work in place. */
    if (n > NGPY_WORD_STACK) {
        out = stem_heap = PyMem_RawMalloc(n);
        if (!out) {
            PyErr_NoMemory();
            goto cleanup;
        }
    }
    PyThreadState *saved = ngpy_release_gil_if(n >= NGPY_WORD_NOGIL_BYTES);
    m = ng_stem_en(folded, n, out);
    ngpy_restore_gil(saved);
    result = PyUnicode_DecodeUTF8(out, (Py_ssize_t)m, "strict");
cleanup:
    PyMem_RawFree(heap);
    PyMem_RawFree(stem_heap);
    return result;
}

static PyObject *ngpy_is_stopword(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "is_stopword() takes 2 positional arguments");
        return NULL;
    }
    Py_ssize_t len;
    const char *word = ngpy_utf8(args[0], "word", &len);
    if (!word)
        return NULL;
    const ng_lang *lang = ngpy_lang(args[1]);
    if (!lang)
        return NULL;
    char stack[NGPY_WORD_STACK], *heap = NULL;
    size_t n = 0;
    PyObject *result = NULL;
    const char *folded = ngpy_fold_into(word, len, stack, &heap, &n);
    if (folded)
        result = PyBool_FromLong(ng_is_stopword(lang, folded, n));
    PyMem_RawFree(heap);
    return result;
}

static PyMethodDef ngpy_words_methods[] = {
    {"words", (PyCFunction)ngpy_words, METH_O,
     "words($module, text, /)\n--\n\n"
     "The word tokens of text as a list of (start, end) str indices."},
    {"fold", (PyCFunction)ngpy_fold, METH_O,
     "fold($module, word, /)\n--\n\n"
     "word case-folded and NFC (the same object when that changes nothing)."},
    {"stem", (PyCFunction)ngpy_stem, METH_O,
     "stem($module, word, /)\n--\n\n"
     "The English Porter2 (Snowball) stem of word, case-folded first."},
    {"is_stopword", (PyCFunction)(void (*)(void))ngpy_is_stopword, METH_FASTCALL,
     "is_stopword($module, word, lang, /)\n--\n\n"
     "Whether word, case-folded, is a stopword of language lang (\"en\")."},
    {NULL, NULL, 0, NULL},
};

int ngpy_words_exec(PyObject *module)
{
    return PyModule_AddFunctions(module, ngpy_words_methods);
}

/*
 * text.c: a str's UTF-8 and new strs from UTF-8, with the work done while
 * the GIL is released.
 *
 * Encoding a non-ASCII str to UTF-8 (PyUnicode_AsUTF8AndSize) and decoding
 * the core's output back (PyUnicode_DecodeUTF8) both hold the GIL, and on
 * news text they take about as long as the core's own work: threads then
 * wait for each other instead of running. Here the GIL is held only to look
 * at the str's header and to allocate the new str; the passes over the
 * characters read memory that cannot change (an immutable str the caller
 * holds a reference to) or write memory no other thread can see yet (a str
 * not yet handed to anyone), so they run without it.
 *
 * Not using PyUnicode_AsUTF8AndSize also means nutgraf leaves no cached
 * UTF-8 copy inside the texts it is given, which would double the memory
 * of a corpus kept in a DataFrame. (Short arguments such as a title or a
 * language code still go through CPython's cache, as does everything on a
 * free-threaded build, where there is no GIL to work around.)
 */
#include "binding.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- runs of ASCII ------------------------------------------------------- */

/* Most characters of news text are ASCII, so every pass below finds a run
 * of them at a time and handles it in bulk: the length of the run of bytes
 * (or UCS-2 units) below 0x80 at the start of s[0..n). */
static size_t ngpy_ascii_run8(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; n - i >= 16; i += 16) {
        int high = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (high)
            return i + (size_t)__builtin_ctz((unsigned)high);
    }
#endif
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

static size_t ngpy_ascii_run16(const Py_UCS2 *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i high = _mm_set1_epi16((short)0xFF80);
    for (; n - i >= 8; i += 8) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, high), _mm_setzero_si128())) != 0xFFFF)
            break;
    }
#endif
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

static size_t ngpy_ascii_run32(const Py_UCS4 *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i high = _mm_set1_epi32((int)0xFFFFFF80u);
    for (; n - i >= 4; i += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(_mm_cmpeq_epi32(_mm_and_si128(v, high), _mm_setzero_si128())) != 0xFFFF)
            break;
    }
#endif
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

/* d[0..n) = s[0..n), UCS-2 units known to be ASCII, as bytes. */
static void ngpy_narrow_ascii(char *d, const Py_UCS2 *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; n - i >= 16; i += 16) {
        __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 8));
        _mm_storeu_si128((__m128i *)(void *)(d + i), _mm_packus_epi16(lo, hi));
    }
#endif
    for (; i < n; i++)
        d[i] = (char)s[i];
}

/* d[0..n) = s[0..n), ASCII bytes, as UCS-2 units. */
static void ngpy_widen_ascii(Py_UCS2 *d, const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)(d + i), _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128((__m128i *)(void *)(d + i + 8), _mm_unpackhi_epi8(v, zero));
    }
#endif
    for (; i < n; i++)
        d[i] = s[i];
}

/* Copies the ASCII bytes that start s[0..n) to d and returns how many: one
 * pass, where finding the run and then copying it would read it twice. */
static size_t ngpy_copy_ascii8(Py_UCS1 *d, const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(v))
            break;
        _mm_storeu_si128((__m128i *)(void *)(d + i), v);
    }
#endif
    for (; i < n && s[i] < 0x80; i++)
        d[i] = s[i];
    return i;
}

/* ---- a str's UTF-8 ------------------------------------------------------- */

int ngpy_text_view(PyObject *obj, const char *argname, ngpy_text *t)
{
    memset(t, 0, sizeof *t);
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be str, not %.100s", argname,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    /* Before 3.12 a str made through the legacy Py_UNICODE API may not have
     * its canonical form yet, which the macros below read. */
    if (PyUnicode_READY(obj) < 0)
        return -1;
#endif
    t->str = obj;
    t->is_ascii = PyUnicode_IS_ASCII(obj) != 0;
#ifdef Py_GIL_DISABLED
    /* Without a GIL there is nothing to gain, and CPython guards the UTF-8
     * cache with a per-object lock that only its own call takes. */
    Py_ssize_t len;
    if (!(t->utf8 = PyUnicode_AsUTF8AndSize(obj, &len)))
        return -1;
    t->len = (size_t)len;
#else
    if (t->is_ascii) {
        t->utf8 = PyUnicode_DATA(obj); /* ASCII is its own UTF-8 */
        t->len = (size_t)PyUnicode_GET_LENGTH(obj);
        return 0;
    }
    PyCompactUnicodeObject *compact = (PyCompactUnicodeObject *)obj;
    if (compact->utf8) { /* encoded and kept by an earlier caller */
        t->utf8 = compact->utf8;
        t->len = (size_t)compact->utf8_length;
        return 0;
    }
    t->kind = PyUnicode_KIND(obj);
    t->data = PyUnicode_DATA(obj);
    t->length = (size_t)PyUnicode_GET_LENGTH(obj);
#endif
    return 0;
}

/* UTF-8 bytes of code point c (no surrogates: the caller has checked). */
static inline size_t ngpy_utf8_width(Py_UCS4 c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

static inline char *ngpy_put_utf8(char *p, Py_UCS4 c)
{
    if (c < 0x80) {
        *p++ = (char)c;
    } else if (c < 0x800) {
        *p++ = (char)(0xC0 | (c >> 6));
        *p++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *p++ = (char)(0xE0 | (c >> 12));
        *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *p++ = (char)(0x80 | (c & 0x3F));
    } else {
        *p++ = (char)(0xF0 | (c >> 18));
        *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
        *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *p++ = (char)(0x80 | (c & 0x3F));
    }
    return p;
}

ng_status ngpy_text_encode(ngpy_text *t)
{
    if (t->utf8)
        return NG_OK;
    const size_t n = t->length;
    size_t bytes = 0;
    /* Measure, then write: the exact size first (and any lone surrogate,
     * which has no UTF-8 form), so the buffer is allocated once. */
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = t->data;
        bytes = n; /* and one more for each character >= 0x80 */
        for (size_t i = ngpy_ascii_run8(s, n); i < n; i += 1 + ngpy_ascii_run8(s + i + 1, n - i - 1))
            bytes++;
    } else if (t->kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *s = t->data;
        for (size_t i = 0; i < n;) {
            size_t run = ngpy_ascii_run16(s + i, n - i);
            bytes += run;
            if ((i += run) == n)
                break;
            if (s[i] >= 0xD800 && s[i] <= 0xDFFF) {
                t->surrogate = 1;
                return NG_EINVAL;
            }
            bytes += ngpy_utf8_width(s[i++]);
        }
    } else {
        const Py_UCS4 *s = t->data;
        for (size_t i = 0; i < n;) {
            size_t run = ngpy_ascii_run32(s + i, n - i);
            bytes += run;
            if ((i += run) == n)
                break;
            if (s[i] >= 0xD800 && s[i] <= 0xDFFF) {
                t->surrogate = 1;
                return NG_EINVAL;
            }
            bytes += ngpy_utf8_width(s[i++]);
        }
    }
    char *out = PyMem_RawMalloc(bytes + 1);
    if (!out)
        return NG_ENOMEM;
    char *p = out;
    if (t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = t->data;
        for (size_t i = 0; i < n;) {
            size_t run = ngpy_ascii_run8(s + i, n - i);
            memcpy(p, s + i, run);
            p += run;
            if ((i += run) < n)
                p = ngpy_put_utf8(p, s[i++]);
        }
    } else if (t->kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *s = t->data;
        for (size_t i = 0; i < n;) {
            size_t run = ngpy_ascii_run16(s + i, n - i);
            ngpy_narrow_ascii(p, s + i, run);
            p += run;
            if ((i += run) < n)
                p = ngpy_put_utf8(p, s[i++]);
        }
    } else {
        const Py_UCS4 *s = t->data;
        for (size_t i = 0; i < n;) {
            size_t run = ngpy_ascii_run32(s + i, n - i);
            for (size_t k = 0; k < run; k++)
                p[k] = (char)s[i + k];
            p += run;
            if ((i += run) < n)
                p = ngpy_put_utf8(p, s[i++]);
        }
    }
    *p = '\0';
    t->owned = out;
    t->utf8 = out;
    t->len = bytes;
    return NG_OK;
}

int ngpy_text_raise(ngpy_text *t, ng_status status)
{
    Py_ssize_t len;
    /* CPython's own encoder raises the UnicodeEncodeError a caller expects
     * (with the position of the surrogate). */
    if (t->surrogate && !PyUnicode_AsUTF8AndSize(t->str, &len))
        return -1;
    ngpy_raise(status);
    return -1;
}

void ngpy_text_release(ngpy_text *t)
{
    PyMem_RawFree(t->owned);
    memset(t, 0, sizeof *t);
}

/* ---- new strs ------------------------------------------------------------ */

/* Whether the output equals the input (then its str is reused), and the
 * plan's bytes otherwise. */
static int ngpy_str_same(ngpy_str_plan *plan, const char *in, size_t in_len, const char *out,
                         size_t out_len)
{
    memset(plan, 0, sizeof *plan);
    if (in && out_len == in_len && (out == in || memcmp(out, in, out_len) == 0)) {
        plan->same = 1;
        return 1;
    }
    plan->utf8 = out;
    plan->utf8_len = out_len;
    return 0;
}

void ngpy_str_shaped(ngpy_str_plan *plan, const char *in, size_t in_len, const char *out,
                     size_t out_len, const ng_utf8_shape *shape)
{
    if (ngpy_str_same(plan, in, in_len, out, out_len))
        return;
    plan->length = shape->code_points;
    plan->maxchar = shape->widest;
}

void ngpy_str_measure(ngpy_str_plan *plan, const char *in, size_t in_len, const char *out,
                      size_t out_len)
{
    if (ngpy_str_same(plan, in, in_len, out, out_len))
        return;
    const unsigned char *s = (const unsigned char *)out;
    size_t length = 0;
    Py_UCS4 max = 0;
    /* The core writes valid UTF-8; each lead byte starts one code point,
     * and the lead byte alone bounds the code point for the kind. */
    for (size_t i = 0; i < out_len; i++) {
        size_t run = ngpy_ascii_run8(s + i, out_len - i);
        length += run;
        if ((i += run) == out_len)
            break;
        unsigned char b = s[i];
        if ((b & 0xC0) == 0x80)
            continue;
        length++;
        Py_UCS4 c;
        if (b < 0xE0)
            c = i + 1 < out_len ? ((Py_UCS4)(b & 0x1F) << 6) | (s[i + 1] & 0x3F) : 0xFF;
        else if (b < 0xF0)
            c = 0xFFFF;
        else
            c = 0x10FFFF;
        if (c > max)
            max = c;
    }
    plan->length = length;
    /* PyUnicode_New takes the exact widest kind: a str must be stored in
     * the narrowest one that holds it, so 0x80..0xFF needs a look at the
     * two-byte sequences (done above) and 3-byte ones are all UCS2 unless
     * wider ones appear. */
    plan->maxchar = max < 0x80 ? 0x7F : max;
}

PyObject *ngpy_str_new(const ngpy_str_plan *plan, PyObject *input)
{
    if (plan->same)
        return Py_NewRef(input);
    return PyUnicode_New((Py_ssize_t)plan->length, plan->maxchar);
}

/* The code point that starts at s[*i] (bounded by n), and *i moved past it.
 * A lead byte and the continuation bytes after it make one code point; the
 * bound holds even for bytes that are not valid UTF-8. */
static inline Py_UCS4 ngpy_next_code_point(const unsigned char *s, size_t n, size_t *i)
{
    Py_UCS4 c = s[(*i)++];
    if (c >= 0x80) {
        int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        c &= 0x3Fu >> extra;
        for (; extra && *i < n && (s[*i] & 0xC0) == 0x80; extra--)
            c = (c << 6) | (s[(*i)++] & 0x3F);
    }
    return c;
}

void ngpy_str_fill(PyObject *str, const ngpy_str_plan *plan)
{
    if (plan->same)
        return;
    const unsigned char *s = (const unsigned char *)plan->utf8;
    const size_t n = plan->utf8_len, length = plan->length;
    void *data = PyUnicode_DATA(str);
    /* Both bounds (bytes read, characters written) are checked, so that a
     * core bug could garble the text but never write past the str. */
    size_t i = 0, k = 0;
    if (PyUnicode_IS_ASCII(str)) {
        memcpy(data, s, n < length ? n : length);
    } else if (PyUnicode_KIND(str) == PyUnicode_1BYTE_KIND) {
        Py_UCS1 *d = data;
        while (i < n && k < length) {
            size_t run = ngpy_copy_ascii8(d + k, s + i, n - i < length - k ? n - i : length - k);
            i += run;
            k += run;
            if (i < n && k < length)
                d[k++] = (Py_UCS1)ngpy_next_code_point(s, n, &i);
        }
    } else if (PyUnicode_KIND(str) == PyUnicode_2BYTE_KIND) {
        Py_UCS2 *d = data;
        while (i < n && k < length) {
            size_t run = ngpy_ascii_run8(s + i, n - i);
            if (run > length - k)
                run = length - k;
            ngpy_widen_ascii(d + k, s + i, run);
            i += run;
            k += run;
            if (i < n && k < length)
                d[k++] = (Py_UCS2)ngpy_next_code_point(s, n, &i);
        }
    } else {
        Py_UCS4 *d = data;
        while (i < n && k < length)
            d[k++] = ngpy_next_code_point(s, n, &i);
    }
}

PyObject *ngpy_str_make(const ngpy_str_plan *plan, PyObject *input)
{
    PyObject *str = ngpy_str_new(plan, input);
    if (!str || plan->same)
        return str;
    PyThreadState *saved = ngpy_release_gil_if(plan->utf8_len >= NGPY_NOGIL_BYTES);
    ngpy_str_fill(str, plan);
    ngpy_restore_gil(saved);
    return str;
}

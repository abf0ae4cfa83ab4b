/* common.c: status strings, freeing, byte buffers and UTF-8 coding. */
#include <stdlib.h>

#include "internal.h"

const char *ng_strerror(ng_status status)
{
    switch (status) {
    case NG_OK:
        return "success";
    case NG_ENOMEM:
        return "out of memory";
    case NG_EOVERFLOW:
        return "size too large";
    case NG_EINVAL:
        return "invalid argument";
    }
    return "unknown status";
}

void ng_free(void *ptr)
{
    free(ptr);
}

ng_status ng_buf_reserve(ng_buf *buf, size_t extra)
{
    if (extra > SIZE_MAX - 1 - buf->len)
        return NG_EOVERFLOW;
    size_t need = buf->len + extra + 1; /* + 1 keeps room for a final NUL */
    if (need <= buf->cap)
        return NG_OK;
    /* The first reservation is taken as asked: a stage that reserves its
     * input's length up front gets that, not the next power of two, which
     * would leave up to half of a large buffer allocated and unused. */
    size_t cap = buf->cap ? buf->cap : (need > 64 ? need : 64);
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *data = realloc(buf->data, cap);
    if (!data)
        return NG_ENOMEM;
    buf->data = data;
    buf->cap = cap;
    return NG_OK;
}

ng_status ng_buf_append(ng_buf *buf, const char *bytes, size_t n)
{
    ng_status st = ng_buf_reserve(buf, n);
    if (st != NG_OK)
        return st;
    if (n)
        memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    return NG_OK;
}

void ng_buf_free(ng_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

/* Sixty-four bytes at a time: an ASCII text is read at about the speed of
 * memory, which the repair of clean English text relies on. */
size_t ng_first_high_byte(const unsigned char *s, size_t i, size_t len)
{
    const uint64_t highs = UINT64_C(0x8080808080808080);
    while (len - i >= 64) {
        uint64_t w[8], any = 0;
        memcpy(w, s + i, sizeof w);
        for (int k = 0; k < 8; k++)
            any |= w[k];
        if (any & highs)
            break;
        i += 64;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

size_t ng_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n < need) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return need;
}

size_t ng_utf8_encode(int32_t cp, char out[4])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    uint32_t u = (uint32_t)cp;
    if (u < 0x80) {
        out[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        out[0] = (char)(0xC0 | (u >> 6));
        out[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = (char)(0xE0 | (u >> 12));
        out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        out[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (u >> 18));
    out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
    out[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

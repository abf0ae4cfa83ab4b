/*
 * repair.c: ng_repair, the two repair stages chained: mojibake first (it can
 * turn bytes into the quotes and dashes the second stage reads), then lost
 * punctuation; their offset maps are composed into one.
 */
#include <stdlib.h>

#include "lossy_punct.h"
#include "mojibake.h"

#define NG_REPAIR_ALL                                                                        \
    (NG_REPAIR_MOJIBAKE | NG_REPAIR_LOSSY_PUNCT | NG_REPAIR_REPLACEMENT |                  \
     NG_REPAIR_DROP_REPLACEMENT)

/* The identity map of a text of len bytes. */
static ng_status identity(ng_map *map, size_t len)
{
    map->out_len = map->in_len = len;
    return ng_map_add(map, 0, 0, 1);
}

/* ng_repair and ng_repair_nocopy: with `copy` the unchanged text is copied
 * out too; without it *out stays NULL for it. A changed text is handed over
 * in the stage's own buffer, which always has room for the final NUL. */
static ng_status repair(const char *text, size_t len, unsigned flags, int copy, char **out,
                        size_t *out_len, ng_map *map, ng_repair_counts *counts)
{
    ng_status st = NG_OK;
    ng_buf b1 = {0}, b2 = {0};
    ng_map m1 = {0}, m2 = {0}, mc = {0};
    ng_repair_counts local = {0};
    ng_buf *cur_buf = NULL; /* the stage buffer holding the text so far, if any */
    const char *cur = text; /* the text after the stages so far */
    size_t cur_len = len;
    int have_m1 = 0;
    char *result = NULL;

    *out = NULL;
    *out_len = 0;
    if (map)
        memset(map, 0, sizeof *map);
    if (flags & ~(unsigned)NG_REPAIR_ALL)
        return NG_EINVAL;

    /* ASCII holds neither mojibake nor U+FFFD: one fast scan spares the
     * stages that look for them a pass of their own over clean English. */
    if ((flags & NG_REPAIR_NON_ASCII) &&
        ng_first_high_byte((const unsigned char *)text, 0, len) == len)
        flags &= ~(unsigned)NG_REPAIR_NON_ASCII;

    if (flags & NG_REPAIR_MOJIBAKE) {
        st = ng_mojibake_repair(text, len, &b1, &m1, &local.mojibake);
        if (st != NG_OK)
            goto cleanup;
        if (local.mojibake) {
            cur_buf = &b1;
            cur = b1.data;
            cur_len = b1.len;
            m1.out_len = b1.len;
            m1.in_len = len;
            have_m1 = 1;
        }
    }
    if (flags & (NG_REPAIR_LOSSY_PUNCT | NG_REPAIR_REPLACEMENT | NG_REPAIR_DROP_REPLACEMENT)) {
        int changed = 0;
        st = ng_lossy_punct_repair(cur ? cur : "", cur_len, flags, have_m1 ? &m1 : NULL, &b2,
                                   map ? &m2 : NULL, &local, &changed);
        if (st != NG_OK)
            goto cleanup;
        if (changed) {
            cur_buf = &b2;
            cur = b2.data;
            cur_len = b2.len;
            m2.out_len = b2.len;
            m2.in_len = have_m1 ? b1.len : len;
        } else {
            ng_map_free(&m2);
        }
    }

    /* One buffer out, NUL-terminated, whichever stage produced it. */
    if (cur_buf) {
        st = ng_buf_reserve(cur_buf, 0);
        if (st != NG_OK)
            goto cleanup;
        result = cur_buf->data;
        result[cur_len] = '\0';
        memset(cur_buf, 0, sizeof *cur_buf);
    } else if (copy) {
        result = malloc(cur_len + 1);
        if (!result) {
            st = NG_ENOMEM;
            goto cleanup;
        }
        if (cur_len)
            memcpy(result, cur, cur_len);
        result[cur_len] = '\0';
    }

    if (map) {
        int have_m2 = m2.n_runs > 0;
        if (have_m1 && have_m2) {
            st = ng_map_compose(&m1, &m2, &mc);
            *map = mc;
            memset(&mc, 0, sizeof mc);
        } else if (have_m1) {
            *map = m1;
            memset(&m1, 0, sizeof m1);
        } else if (have_m2) {
            *map = m2;
            memset(&m2, 0, sizeof m2);
        } else {
            st = identity(map, len);
        }
        if (st != NG_OK) {
            ng_map_free(map);
            goto cleanup;
        }
    }
    *out = result;
    result = NULL;
    *out_len = cur_len;
    if (counts)
        *counts = local;

cleanup:
    free(result);
    ng_buf_free(&b1);
    ng_buf_free(&b2);
    ng_map_free(&m1);
    ng_map_free(&m2);
    ng_map_free(&mc);
    return st;
}

ng_status ng_repair(const char *text, size_t len, unsigned flags, char **out, size_t *out_len,
                    ng_map *map, ng_repair_counts *counts)
{
    return repair(text, len, flags, 1, out, out_len, map, counts);
}

ng_status ng_repair_nocopy(const char *text, size_t len, unsigned flags, char **out,
                           size_t *out_len, ng_map *map, ng_repair_counts *counts)
{
    return repair(text, len, flags, 0, out, out_len, map, counts);
}

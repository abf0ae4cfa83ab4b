/* offset_map.c: building and querying maps from output bytes to input bytes. */
#include <stdlib.h>

#include "internal.h"

void ng_map_free(ng_map *map)
{
    if (!map)
        return;
    free(map->runs);
    memset(map, 0, sizeof *map);
}

ng_status ng_map_add(ng_map *map, size_t out, size_t in, int copy)
{
    copy = copy != 0;
    if (map->n_runs) {
        ng_run *last = &map->runs[map->n_runs - 1];
        /* A copy run that continues the previous copy run adds nothing. */
        if (copy && last->copy && out - last->out == in - last->in)
            return NG_OK;
        /* A run starting where the last one starts supersedes it (the last
         * one turned out empty on both sides). */
        if (last->out == out && last->in == in) {
            last->copy = copy;
            return NG_OK;
        }
    }
    if (map->n_runs == map->cap_runs) {
        size_t cap = map->cap_runs ? map->cap_runs : 16;
        if (cap > SIZE_MAX / 2 / sizeof(ng_run))
            return NG_EOVERFLOW;
        cap *= 2;
        ng_run *runs = realloc(map->runs, cap * sizeof(ng_run));
        if (!runs)
            return NG_ENOMEM;
        map->runs = runs;
        map->cap_runs = cap;
    }
    map->runs[map->n_runs++] = (ng_run){out, in, copy};
    return NG_OK;
}

size_t ng_map_to_input(const ng_map *map, size_t out)
{
    if (out >= map->out_len || map->n_runs == 0)
        return map->in_len;
    /* The last run whose start is <= out; runs[0].out is 0. */
    size_t lo = 0, hi = map->n_runs;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->runs[mid].out <= out)
            lo = mid;
        else
            hi = mid;
    }
    const ng_run *r = &map->runs[lo];
    return r->copy ? r->in + (out - r->out) : r->in;
}

ng_status ng_map_compose(const ng_map *first, const ng_map *second, ng_map *result)
{
    ng_status st = NG_OK;
    size_t j = 0; /* the run of `first` holding the current middle offset */
    result->out_len = second->out_len;
    result->in_len = first->in_len;
    for (size_t i = 0; i < second->n_runs && st == NG_OK; i++) {
        const ng_run *r = &second->runs[i];
        size_t out_end = i + 1 < second->n_runs ? second->runs[i + 1].out : second->out_len;
        size_t mid = r->in;
        size_t mid_end = r->copy ? mid + (out_end - r->out) : mid + 1;
        do {
            while (j + 1 < first->n_runs && first->runs[j + 1].out <= mid)
                j++;
            size_t next = j + 1 < first->n_runs ? first->runs[j + 1].out : first->out_len;
            size_t out = r->out + (r->copy ? mid - r->in : 0);
            if (first->n_runs == 0 || mid >= first->out_len) {
                st = ng_map_add(result, out, first->in_len, 0);
                break;
            }
            const ng_run *f = &first->runs[j];
            if (!r->copy) {
                st = ng_map_add(result, out, f->copy ? f->in + (mid - f->out) : f->in, 0);
                break;
            }
            st = ng_map_add(result, out, f->copy ? f->in + (mid - f->out) : f->in, f->copy);
            mid = next < mid_end ? next : mid_end;
        } while (st == NG_OK && mid < mid_end);
    }
    return st;
}

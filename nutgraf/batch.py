"""Batch versions of the public functions, for pipelines: any iterable in,
results out in the same order, computed on a pool of threads.

The C core's work runs without the GIL, so threads run in parallel on the
cores of one machine. A whole group of texts goes to one core call that
releases the GIL once for the group (normalize and sentences: the whole
work; summarize and keywords: the scoring, after the article structure is
read in Python): a thread waiting for the GIL then waits once per group, not
once per text, and a call on one short text keeps the GIL, which costs less
than handing it over. Input is consumed lazily and at
most a bounded number of texts is in flight, so a generator over a huge
corpus streams through in constant memory.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from itertools import chain, islice
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, List, Optional, Tuple, TypeVar

from . import _core
from .document import keywords_group, summarize_group
from .normalization import normalize, normalize_group
from .segmentation import sentence_spans, sentences
from .summary import Summary, check_int, keywords, summarize

T = TypeVar("T")

# Groups of texts queued per thread: enough to keep every thread busy while
# the caller consumes results, few enough that memory stays flat.
_QUEUE_PER_THREAD = 4
_CHUNK_CHARS = 256 * 1024
_CHUNK_TEXTS = 256


def map_texts(function: Callable[[str], T], texts: Iterable[str], threads: Optional[int] = None) -> Iterator[T]:
    """Yields ``function(text)`` for each text, in input order, using ``threads``
    threads (default: the number of CPUs; 1 runs in the calling thread).

    An exception raised for one text is raised by the iterator when the
    results reach that text (the results before it are yielded first).
    """
    threads = _check_threads(threads)
    if threads == 1:
        return map(function, texts)
    return _map_chunks(partial(_each, function), texts, threads)


def _map_groups(group_function: Callable[[List[str]], List[T]], function: Callable[[str], T],
                texts: Iterable[str], threads: Optional[int]) -> Iterator[T]:
    """map_texts(function, texts, threads), where ``group_function(group)``
    gives ``[function(t) for t in group]`` in one core call. A group whose
    call raises is redone text by text, so that the error surfaces at its
    text after the results before it, as with map_texts."""
    threads = _check_threads(threads)

    def run(chunk: List[str]) -> Tuple[List[T], Optional[BaseException]]:
        try:
            return group_function(chunk), None
        except Exception:
            return _each(function, chunk)

    if threads == 1:
        return _map_in_caller(run, texts)
    return _map_chunks(run, texts, threads)


def _check_threads(threads: Optional[int]) -> int:
    if threads is None:
        threads = os.cpu_count() or 1
    return check_int("threads", threads, 1)


def _each(function: Callable[[str], T], chunk: List[str]) -> Tuple[List[T], Optional[BaseException]]:
    """The results up to the first failure, and the failure, so the caller
    sees every result before it, as with the built-in map()."""
    results: List[T] = []
    try:
        for text in chunk:
            results.append(function(text))
    except Exception as error:
        return results, error
    return results, None


def _size(text: object) -> int:
    return len(text) if isinstance(text, str) else 1


def _chunks(texts: Iterable[str]) -> Iterator[List[str]]:
    """Consecutive texts grouped so that each group is worth a thread hand-off.

    Handing one short text to a thread costs more than splitting it, so texts
    travel in groups of about _CHUNK_CHARS characters (or _CHUNK_TEXTS texts).
    The work per text is done in C (islice, len): the core takes a couple of
    microseconds for a short article, so a Python loop per text here would be
    a large share of the time that holds the GIL. The size of a group is set
    from the texts before it; a group much larger than planned (a run of
    huge texts) is cut to the planned size.
    """
    it = iter(texts)
    count = 16
    while True:
        chunk = list(islice(it, count))
        if not chunk:
            return
        try:
            size = sum(map(len, chunk))
        except TypeError:  # not all str: the core call reports it at its text
            size = sum(map(_size, chunk))
        if size > 4 * _CHUNK_CHARS and len(chunk) > 1:
            yield from _cut(chunk)
        else:
            yield chunk
        count = max(1, min(_CHUNK_TEXTS, _CHUNK_CHARS * len(chunk) // max(size, 1)))


def _cut(chunk: List[str]) -> Iterator[List[str]]:
    """chunk in pieces of about _CHUNK_CHARS characters."""
    piece: List[str] = []
    size = 0
    for text in chunk:
        piece.append(text)
        size += _size(text)
        if size >= _CHUNK_CHARS:
            yield piece
            piece, size = [], 0
    if piece:
        yield piece


Run = Callable[[List[str]], Tuple[List[T], Optional[BaseException]]]


def _map_in_caller(run: Run[T], texts: Iterable[str]) -> Iterator[T]:
    return chain.from_iterable(_groups_in_caller(run, texts))


def _groups_in_caller(run: Run[T], texts: Iterable[str]) -> Iterator[List[T]]:
    for chunk in _chunks(texts):
        results, error = run(chunk)
        yield results
        if error is not None:
            raise error


def _map_chunks(run: Run[T], texts: Iterable[str], threads: int) -> Iterator[T]:
    # Each group's results are handed on as its list and flattened by
    # chain.from_iterable, so the caller's loop steps through them in C.
    return chain.from_iterable(_groups_on_threads(run, texts, threads))


def _groups_on_threads(run: Run[T], texts: Iterable[str], threads: int) -> Iterator[List[T]]:
    window = threads * _QUEUE_PER_THREAD
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="nutgraf") as pool:
        pending: Deque[Future[Tuple[List[T], Optional[BaseException]]]] = deque()
        chunks = _chunks(texts)
        while True:
            for chunk in chunks:
                pending.append(pool.submit(run, chunk))
                if len(pending) >= window:
                    break
            if not pending:
                return
            results, error = pending.popleft().result()
            yield results
            if error is not None:
                for future in pending:
                    future.cancel()
                raise error


def normalize_many(texts: Iterable[str], *, threads: Optional[int] = None, **options: Any) -> Iterator[Any]:
    """``normalize(text, **options)`` for each text, in order."""
    one = partial(normalize, **options)
    if options.get("offsets"):
        return map_texts(one, texts, threads)
    group_options = {k: v for k, v in options.items() if k != "offsets"}
    return _map_groups(partial(normalize_group, **group_options), one, texts, threads)


def sentences_many(texts: Iterable[str], *, threads: Optional[int] = None, **options: Any) -> Iterator[List[str]]:
    """``sentences(text, **options)`` for each text, in order."""
    return _map_segments(sentences, True, texts, threads, options)


def sentence_spans_many(
    texts: Iterable[str], *, threads: Optional[int] = None, **options: Any
) -> Iterator[List[Tuple[int, int]]]:
    """``sentence_spans(text, **options)`` for each text, in order."""
    return _map_segments(sentence_spans, False, texts, threads, options)


def _map_segments(function: Callable[..., T], as_text: bool, texts: Iterable[str],
                  threads: Optional[int], options: Dict[str, Any]) -> Iterator[T]:
    """function(text, **options) for each text; without repair, by groups."""
    one = partial(function, **options)
    if options.get("repair") or set(options) - {"lang", "repair"}:
        return map_texts(one, texts, threads)  # repair, or an option to reject text by text
    lang = options.get("lang", "en")

    def segment_group(group: List[str]) -> List[Any]:
        return _core.segment_many(group, lang, as_text)

    return _map_groups(segment_group, one, texts, threads)


def summarize_many(
    texts: Iterable[str], n: int = 3, *, threads: Optional[int] = None, **options: Any
) -> Iterator[Summary]:
    """``summarize(text, n, **options)`` for each text, in order."""
    return _map_groups(partial(summarize_group, n=n, **options), partial(summarize, n=n, **options),
                       texts, threads)


def keywords_many(
    texts: Iterable[str], n: int = 10, *, threads: Optional[int] = None, **options: Any
) -> Iterator[List[Tuple[str, float]]]:
    """``keywords(text, n, **options)`` for each text, in order."""
    return _map_groups(partial(keywords_group, n=n, **options), partial(keywords, n=n, **options),
                       texts, threads)

"""Batch versions of the public functions, for pipelines: any iterable in,
results out in the same order, computed on a pool of threads.

The C core releases the GIL for all its work, so threads run in parallel on
the cores of one machine. Input is consumed lazily and at most a bounded
number of texts is in flight, so a generator over a huge corpus streams
through in constant memory.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Callable, Deque, Iterable, Iterator, List, Optional, Tuple, TypeVar

from .normalization import normalize
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
    if threads is None:
        threads = os.cpu_count() or 1
    check_int("threads", threads, 1)
    if threads == 1:
        return map(function, texts)
    return _map_on_threads(function, texts, threads)


def _chunks(texts: Iterable[str]) -> Iterator[List[str]]:
    """Consecutive texts grouped so that each group is worth a thread hand-off.

    Handing one short text to a thread costs more than splitting it, so texts
    travel in groups of about _CHUNK_CHARS characters (or _CHUNK_TEXTS texts).
    """
    chunk: List[str] = []
    size = 0
    for text in texts:
        chunk.append(text)
        size += len(text) if isinstance(text, str) else 1
        if size >= _CHUNK_CHARS or len(chunk) >= _CHUNK_TEXTS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _map_on_threads(function: Callable[[str], T], texts: Iterable[str], threads: int) -> Iterator[T]:
    def run(chunk: List[str]) -> Tuple[List[T], Optional[BaseException]]:
        # Results up to the first failure, and the failure, so the caller sees
        # every result before it, as with the built-in map().
        results: List[T] = []
        try:
            for text in chunk:
                results.append(function(text))
        except Exception as error:
            return results, error
        return results, None

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
            yield from results
            if error is not None:
                for future in pending:
                    future.cancel()
                raise error


def normalize_many(texts: Iterable[str], *, threads: Optional[int] = None, **options: Any) -> Iterator[Any]:
    """``normalize(text, **options)`` for each text, in order."""
    return map_texts(partial(normalize, **options), texts, threads)


def sentences_many(texts: Iterable[str], *, threads: Optional[int] = None, **options: Any) -> Iterator[List[str]]:
    """``sentences(text, **options)`` for each text, in order."""
    return map_texts(partial(sentences, **options), texts, threads)


def sentence_spans_many(
    texts: Iterable[str], *, threads: Optional[int] = None, **options: Any
) -> Iterator[List[Tuple[int, int]]]:
    """``sentence_spans(text, **options)`` for each text, in order."""
    return map_texts(partial(sentence_spans, **options), texts, threads)


def summarize_many(
    texts: Iterable[str], n: int = 3, *, threads: Optional[int] = None, **options: Any
) -> Iterator[Summary]:
    """``summarize(text, n, **options)`` for each text, in order."""
    return map_texts(partial(summarize, n=n, **options), texts, threads)


def keywords_many(
    texts: Iterable[str], n: int = 10, *, threads: Optional[int] = None, **options: Any
) -> Iterator[List[Tuple[str, float]]]:
    """``keywords(text, n, **options)`` for each text, in order."""
    return map_texts(partial(keywords, n=n, **options), texts, threads)

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
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, Callable, Iterable, Iterator, List, Optional, Tuple, TypeVar

from .normalization import normalize
from .segmentation import sentence_spans, sentences
from .summary import Summary, keywords, summarize

T = TypeVar("T")

# Texts queued per thread: enough to keep every thread busy while the caller
# consumes results, few enough that memory stays flat.
_QUEUE_PER_THREAD = 8


def map_texts(function: Callable[[str], T], texts: Iterable[str], threads: Optional[int] = None) -> Iterator[T]:
    """Yields ``function(text)`` for each text, in input order, using ``threads``
    threads (default: the number of CPUs; 1 runs in the calling thread).

    An exception raised for one text is raised by the iterator at that text's
    place in the order.
    """
    if threads is None:
        threads = os.cpu_count() or 1
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    if threads == 1:
        return map(function, texts)
    return _map_on_threads(function, texts, threads)


def _map_on_threads(function: Callable[[str], T], texts: Iterable[str], threads: int) -> Iterator[T]:
    window = threads * _QUEUE_PER_THREAD
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="nutgraf") as pool:
        pending: deque = deque()
        for text in texts:
            pending.append(pool.submit(function, text))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


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

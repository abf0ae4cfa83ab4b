"""Sentence boundaries, as spans into the caller's own text."""
from __future__ import annotations

from typing import List, Tuple

from . import _core

LANGUAGES = tuple(_core.languages.split(","))


def sentence_spans(text: str, *, lang: str = "en") -> List[Tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` indices into ``text``.

    Spans are half-open, in order, non-overlapping and trimmed of surrounding
    whitespace; every non-space character of ``text`` lies in exactly one
    span. ``text`` is taken as it is: it need not be normalized first.

    Raises:
        TypeError: ``text`` or ``lang`` is not a ``str``.
        ValueError: ``lang`` is not supported (the message lists those that are).
    """
    return _core.segment(text, lang, False)


def sentences(text: str, *, lang: str = "en") -> List[str]:
    """The sentences of ``text``: ``[text[s:e] for s, e in sentence_spans(text)]``."""
    return _core.segment(text, lang, True)

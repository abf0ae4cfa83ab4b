"""Sentence boundaries, as spans into the caller's own text."""
from __future__ import annotations

from typing import List, Tuple

from . import _core

LANGUAGES = tuple(_core.languages.split(","))


def sentence_spans(text: str, *, lang: str = "en", repair: bool = False) -> List[Tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` indices into ``text``.

    Spans are half-open, in order, non-overlapping and trimmed of surrounding
    whitespace; every non-space character of ``text`` lies in exactly one
    span. ``text`` is taken as it is: it need not be normalized first.
    With ``repair``, the text is repaired first (see :func:`nutgraf.repair`)
    and the sentences of the repaired text are returned as spans of ``text``.

    Raises:
        TypeError: ``text`` or ``lang`` is not a ``str``.
        ValueError: ``lang`` is not supported (the message lists those that are).
    """
    if not repair:
        return _core.segment(text, lang, False)
    from .repair import repair as _repair

    fixed = _repair(text, offsets=True)
    spans = _core.segment(fixed.text, lang, False)
    if fixed.text == text:  # the text, not the repair counts, decides
        return spans
    return [fixed.original_span(start, end) for start, end in spans]


def sentences(text: str, *, lang: str = "en", repair: bool = False) -> List[str]:
    """The sentences of ``text``: ``[text[s:e] for s, e in sentence_spans(text)]``.

    With ``repair``, the sentences of the repaired text (see
    :func:`nutgraf.repair`); ``sentence_spans(text, repair=True)`` gives
    where each came from in ``text``.
    """
    if not repair:
        return _core.segment(text, lang, True)
    from .repair import repair as _repair

    return _core.segment(_repair(text), lang, True)

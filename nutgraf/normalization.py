"""Text normalization: Unicode forms, whitespace, invisible characters, HTML
entities, ASCII punctuation and de-hyphenation, with an exact map back to the
caller's text."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Callable, List, Literal, Optional, Sequence, Tuple, Union, overload

from . import _core

FORMS = ("NFC", "NFD", "NFKC", "NFKD", None)
_FORM_CODES = {
    "NFC": _core.FORM_NFC,
    "NFD": _core.FORM_NFD,
    "NFKC": _core.FORM_NFKC,
    "NFKD": _core.FORM_NFKD,
    None: _core.FORM_NONE,
}


class Normalized:
    """A normalized text with the map back to the original.

    ``text`` is the normalized string. ``to_original(i)`` gives the index in
    the original string of the character that produced ``text[i]`` (an
    entity's characters map to its ``&``, a collapsed run of whitespace to its
    first character); ``to_original(len(text))`` is ``len(original)``. The map
    is monotone, so ``original_span(start, end)`` turns any span of ``text``
    into the span of the original that it came from.

    The map is stored as runs (see ``runs``), not one integer per character:
    text that normalization left alone costs one run.
    """

    __slots__ = ("text", "runs", "original_length", "_outs")

    def __init__(self, text: str, runs: Sequence[Tuple[int, int, bool]], original_length: int):
        self.text = text
        self.runs = tuple(runs)
        self.original_length = original_length
        self._outs = [run[0] for run in self.runs]

    def to_original(self, index: int) -> int:
        """The original index of the character at ``index`` of ``text``."""
        if not 0 <= index <= len(self.text):
            raise IndexError(f"index {index} outside 0..{len(self.text)}")
        if index == len(self.text) or not self.runs:
            return self.original_length
        out, start, copy = self.runs[bisect_right(self._outs, index) - 1]
        return start + (index - out) if copy else start

    def original_span(self, start: int, end: int) -> Tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            return (self.to_original(start),) * 2
        last = self.to_original(end - 1)
        # The end is the first original character after the one that made
        # text[end - 1]: the start of the next run when a replacement run
        # covers it, else the next character.
        i = bisect_right(self._outs, end - 1)
        out, _, copy = self.runs[i - 1]
        if copy:
            return self.to_original(start), last + 1
        following = self.runs[i][1] if i < len(self.runs) else self.original_length
        return self.to_original(start), following

    def original_spans(self, spans: Sequence[Tuple[int, int]]) -> List[Tuple[int, int]]:
        """``original_span`` of each span, in one call: the same spans, at a
        fraction of the cost when there are many (every sentence of a text)."""
        runs, length = self.runs, len(self.text)
        # The core maps the usual spans (0 <= start < end <= length) in one
        # call; it answers None for anything else, which takes the loop.
        mapped = _core.original_spans(runs, self.original_length, length, spans)
        if mapped is not None:
            return mapped
        outs = self._outs
        out = []
        for start, end in spans:
            if not (0 <= start < end <= length and runs):
                out.append(self.original_span(start, end))
                continue
            # original_span's lookups, inlined.
            out_at, in_at, copy = runs[bisect_right(outs, start) - 1]
            first = in_at + (start - out_at) if copy else in_at
            i = bisect_right(outs, end - 1)
            out_at, in_at, copy = runs[i - 1]
            if copy:
                out.append((first, in_at + (end - out_at)))
            else:
                out.append((first, runs[i][1] if i < len(runs) else self.original_length))
        return out

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"Normalized({preview!r}, runs={len(self.runs)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Normalized):
            return NotImplemented
        return (self.text, self.runs, self.original_length) == (
            other.text,
            other.runs,
            other.original_length,
        )

    def __reduce__(self) -> Tuple[Callable[..., Normalized], Tuple[Any, ...]]:
        return (Normalized, (self.text, self.runs, self.original_length))


@overload
def normalize(
    text: str,
    *,
    form: Optional[str] = "NFC",
    whitespace: bool = True,
    controls: bool = True,
    entities: bool = True,
    ascii_punct: bool = False,
    dehyphenate: bool = False,
    casefold: bool = False,
    repair: bool = True,
    offsets: Literal[False] = False,
) -> str: ...


@overload
def normalize(
    text: str,
    *,
    form: Optional[str] = "NFC",
    whitespace: bool = True,
    controls: bool = True,
    entities: bool = True,
    ascii_punct: bool = False,
    dehyphenate: bool = False,
    casefold: bool = False,
    repair: bool = True,
    offsets: Literal[True],
) -> Normalized: ...


@overload
def normalize(
    text: str,
    *,
    form: Optional[str] = "NFC",
    whitespace: bool = True,
    controls: bool = True,
    entities: bool = True,
    ascii_punct: bool = False,
    dehyphenate: bool = False,
    casefold: bool = False,
    repair: bool = True,
    offsets: bool = False,
) -> Union[str, Normalized]: ...


def normalize(
    text: str,
    *,
    form: Optional[str] = "NFC",
    whitespace: bool = True,
    controls: bool = True,
    entities: bool = True,
    ascii_punct: bool = False,
    dehyphenate: bool = False,
    casefold: bool = False,
    repair: bool = True,
    offsets: bool = False,
) -> Union[str, Normalized]:
    """Clean up raw article text.

    The defaults are what cleaning scraped news needs: decode HTML entities,
    drop invisible characters, tidy whitespace, and compose to NFC.

    Args:
        text: the text (``str``).
        form: Unicode normalization form: ``"NFC"`` (default), ``"NFD"``,
            ``"NFKC"``, ``"NFKD"``, or ``None`` to leave it as it is.
        whitespace: every Unicode space becomes a plain space; CR, CRLF, NEL,
            LS, PS, VT and FF become line breaks; runs of spaces collapse to
            one; lines are trimmed; two or more line breaks become exactly
            ``"\\n\\n"`` (a paragraph break); the text is trimmed.
        controls: remove control characters (other than tab and line breaks),
            zero-width spaces, the BOM, soft hyphens and bidi controls. Zero
            width joiners and non-joiners are kept: emoji and several scripts
            need them.
        entities: decode HTML character references (``&amp;``, ``&eacute;``,
            ``&#8217;``, ``&#x2019;``) by the HTML5 rules, as ``html.unescape``.
        ascii_punct: curly quotes, dashes, ellipsis and primes to ASCII.
        dehyphenate: join words broken by a hyphen at a line end
            (``"exam-\\nple"`` to ``"example"``).
        casefold: Unicode case folding, for matching rather than display.
        repair: first undo damage (see :func:`nutgraf.repair`): mojibake,
            punctuation lost to ``?``, U+FFFD for a lost dash or quote. Clean
            text is left exactly as it is; offsets still map to ``text``.
        offsets: return a :class:`Normalized` with the map back to ``text``
            instead of a plain ``str``.

    Returns:
        The normalized ``str`` (the same object when nothing changed), or a
        :class:`Normalized` when ``offsets`` is true.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: ``form`` is not one of the forms above.
        UnicodeEncodeError: ``text`` holds a lone surrogate, which has no
            UTF-8 form (a ``ValueError`` too).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    form_code, flags = _codes(form, whitespace, controls, entities, ascii_punct, dehyphenate, casefold)
    # Repair (unless switched off) then normalize, in one core call that
    # composes the two offset maps.
    repair_flags = _REPAIR_FLAGS if repair else 0
    if not offsets:
        return _core.repair_normalize(text, repair_flags, flags, form_code, False)
    normalized, runs = _core.repair_normalize(text, repair_flags, flags, form_code, True)
    return Normalized(normalized, runs, len(text))


#: The repairs that ``repair=True`` makes.
_REPAIR_FLAGS = _core.REPAIR_MOJIBAKE | _core.REPAIR_LOSSY_PUNCT | _core.REPAIR_REPLACEMENT


def _codes(form: Optional[str], whitespace: bool, controls: bool, entities: bool,
           ascii_punct: bool, dehyphenate: bool, casefold: bool) -> Tuple[int, int]:
    """The core's form code and flags for normalize()'s options."""
    try:
        form_code = _FORM_CODES[form]
    except (KeyError, TypeError):
        raise ValueError(f"unknown form {form!r}; choose one of: {', '.join(map(str, FORMS))}") from None
    flags = (
        (_core.NORM_WHITESPACE if whitespace else 0)
        | (_core.NORM_CONTROLS if controls else 0)
        | (_core.NORM_ENTITIES if entities else 0)
        | (_core.NORM_ASCII_PUNCT if ascii_punct else 0)
        | (_core.NORM_DEHYPHENATE if dehyphenate else 0)
        | (_core.NORM_CASEFOLD if casefold else 0)
    )
    return form_code, flags


def normalize_group(
    texts: Sequence[str],
    *,
    form: Optional[str] = "NFC",
    whitespace: bool = True,
    controls: bool = True,
    entities: bool = True,
    ascii_punct: bool = False,
    dehyphenate: bool = False,
    casefold: bool = False,
    repair: bool = True,
) -> List[str]:
    """``[normalize(t, **options) for t in texts]`` in one core call that
    releases the GIL once for the whole group (for the batch functions).
    The options are normalize()'s, except ``offsets``."""
    form_code, flags = _codes(form, whitespace, controls, entities, ascii_punct, dehyphenate, casefold)
    return _core.repair_normalize_many(texts, _REPAIR_FLAGS if repair else 0, flags, form_code)

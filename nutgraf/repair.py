"""Repair of damaged article text: mojibake, punctuation lost to ``?``, and
U+FFFD where a dash or quote was lost, with an exact map back to the caller's
text. Clean text comes back unchanged, byte for byte."""
from __future__ import annotations

from typing import Any, Callable, List, Literal, Sequence, Tuple, Union, overload

from . import _core
from .normalization import Normalized

#: The kinds of repair, in the order ``Repaired.repairs`` reports them.
KINDS = ("mojibake", "lossy_periods", "lossy_quotes", "replacement_punct", "replacement_dropped")

Run = Tuple[int, int, bool]


class Repaired(Normalized):
    """A repaired text with the map back to the original and what was repaired.

    ``text`` is the repaired string; ``to_original(i)`` and
    ``original_span(start, end)`` map indices of ``text`` back to the
    original, as for :class:`nutgraf.Normalized`. ``repairs`` lists
    ``(kind, count)`` for each kind of repair made (kinds in :data:`KINDS`;
    counts are characters), empty when the text was clean, so a pipeline can
    log it.
    """

    __slots__ = ("repairs",)

    def __init__(self, text: str, runs: Sequence[Run], original_length: int,
                 repairs: Sequence[Tuple[str, int]] = ()):
        super().__init__(text, runs, original_length)
        self.repairs = tuple((kind, int(count)) for kind, count in repairs)

    @property
    def changed(self) -> bool:
        """Whether the text was changed (the map is more than the identity)."""
        identity = len(self.runs) <= 1 and all(copy for _, _, copy in self.runs)
        return bool(self.repairs) or len(self.text) != self.original_length or not identity

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return f"Repaired({preview!r}, repairs={dict(self.repairs)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Repaired):
            return NotImplemented
        return (self.text, self.runs, self.original_length, self.repairs) == (
            other.text, other.runs, other.original_length, other.repairs)

    def __reduce__(self) -> Tuple[Callable[..., Repaired], Tuple[Any, ...]]:
        return (Repaired, (self.text, self.runs, self.original_length, self.repairs))


def _flags(mojibake: bool, lossy_punct: bool, replacement: Union[bool, str]) -> int:
    if replacement not in (True, False, "drop"):
        raise ValueError(f"replacement must be True, False or 'drop', not {replacement!r}")
    return (
        (_core.REPAIR_MOJIBAKE if mojibake else 0)
        | (_core.REPAIR_LOSSY_PUNCT if lossy_punct else 0)
        | (_core.REPAIR_REPLACEMENT if replacement else 0)
        | (_core.REPAIR_DROP_REPLACEMENT if replacement == "drop" else 0)
    )


# What repair() does with its defaults, for the callers that repair first.
_DEFAULT_FLAGS = _flags(True, True, True)


@overload
def repair(
    text: str,
    *,
    mojibake: bool = True,
    lossy_punct: bool = True,
    replacement: Union[bool, str] = True,
    offsets: Literal[False] = False,
) -> str: ...


@overload
def repair(
    text: str,
    *,
    mojibake: bool = True,
    lossy_punct: bool = True,
    replacement: Union[bool, str] = True,
    offsets: Literal[True],
) -> Repaired: ...


@overload
def repair(
    text: str,
    *,
    mojibake: bool = True,
    lossy_punct: bool = True,
    replacement: Union[bool, str] = True,
    offsets: bool = False,
) -> Union[str, Repaired]: ...


def repair(
    text: str,
    *,
    mojibake: bool = True,
    lossy_punct: bool = True,
    replacement: Union[bool, str] = True,
    offsets: bool = False,
) -> Union[str, Repaired]:
    """Make damaged text whole again; leave clean text alone.

    Args:
        text: the text (``str``).
        mojibake: undo UTF-8 that was decoded as Windows-1252, Latin-1,
            MacRoman or another single-byte encoding, once or several times,
            in whole lines or in runs inside them (``"â€™"`` to ``"’"``,
            ``"Ã©"`` to ``"é"``), and C1 controls meant as Windows-1252. A
            line is touched only when a measure of implausible character
            sequences flags it and its bytes decode, so real ``"Ã"`` and
            ``"€"`` stay.
        lossy_punct: restore ``?`` that a lossy conversion put in place of
            every ``.`` (``"U?S? Department"``) or of curly quotes,
            apostrophes and dashes (``"don?t"``, ``"?quoted?"``). Decided per
            paragraph from the pattern of ``?``; real questions stay.
        replacement: restore U+FFFD standing between words where a dash or
            quote was lost; ``"drop"`` also removes every other U+FFFD.
        offsets: return a :class:`Repaired` (``.text``, ``.repairs``,
            ``.to_original``, ``.original_span``) instead of a ``str``.

    Returns:
        The repaired ``str`` (the same object when nothing changed), or a
        :class:`Repaired` when ``offsets`` is true.

    Raises:
        TypeError: ``text`` is not a ``str``.
        UnicodeEncodeError: ``text`` holds a lone surrogate.
    """
    if type(text) is str and mojibake is True and lossy_punct is True and replacement is True and offsets is False:
        # The common call, without the argument checks below (a pipeline
        # calls this once a document, on text that is mostly clean).
        return _core.repair(text, _DEFAULT_FLAGS, False)[0]
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    flags = _flags(mojibake, lossy_punct, replacement)
    if not offsets:
        return _core.repair(text, flags, False)[0]
    repaired, counts, runs = _core.repair(text, flags, True)
    return Repaired(repaired, runs, len(text), _report(counts))


def _report(counts: Sequence[int]) -> List[Tuple[str, int]]:
    return [(kind, count) for kind, count in zip(KINDS, counts) if count]

"""An article's structure: title, byline, standfirst, body and boilerplate.

A :class:`Document` normalizes the text once (keeping the map back to the
caller's text), splits it into lines, tells the parts of an article apart,
segments the body into sentences once, and scores and summarizes from the
body alone. Every span it returns indexes the caller's original text.

The parts are found by layout and wording, the way a reader skims a page:

* **title**: the first line, when it is short, has no sentence-final period
  and more text follows;
* **byline**: short lines near the top naming the author or the date
  ("By ...", "Published ...", "Updated ...", a bare date);
* **standfirst**: a leading ``Summary:`` line, or a short one-sentence line
  right after the title that does not end like body prose (a dek);
* **boilerplate**: share prompts, "Advertisement", sign-up and follow lines,
  copyright notices, and everything from a trailing "Latest Articles" /
  "Related" / "More from ..." heading on;
* **body**: the rest, in paragraphs (lines).

Page furniture also hides inside body lines when a scraper has run a page's
parts together, so the body's sentences are read the same way:

* **dateline**: the place and agency before the first sentence ("LONDON
  (Reuters) -", "Sanaa, Yemen (CNN)", "HARBOR CITY —"), kept as
  :attr:`Document.dateline` and cut from the sentence;
* **byline and timestamp sentences** at the top of the body ("By .",
  "Sam Webb .", "PUBLISHED: . 05:41 EST, 14 March 2013 . | . UPDATED: ."), or
  such a block run into the first sentence ("By Sam Webb PUBLISHED: 05:41
  EST, 14 March 2013 | UPDATED: ... A woman ...");
* **furniture sentences** anywhere: a prompt or notice (as for lines), a bare
  date or timestamp ("March 10, 2015 .", "Last updated at 9:04 AM on 14th
  March 2013"), "Scroll down for video", "Media playback is not supported on
  this device".

None of them is a sentence of the article, so none is scored or summarized.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Dict, Generic, List, Optional, Sequence, Tuple, TypeVar, cast, overload

from . import _core
from .normalization import Normalized, normalize
from .segmentation import LANGUAGES
from .summary import (
    MAX_SIMILARITY,
    MMR_LAMBDA,
    Sentence,
    Summary,
    _count,
    check_int,
    method_weights,
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_BYLINE = re.compile(
    r"^(?:by\b|from\b|written by\b|posted\b|published\b|updated\b|last (?:updated|modified)\b"
    r"|reporting by\b|words by\b|photos? by\b|story by\b)",
    re.I,
)
_DATE = re.compile(
    rf"^(?:\w+day,?\s+)?(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}})(?:,?\s+\d{{4}})?"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?\s*$",
    re.I,
)
_SUMMARY_LINE = re.compile(r"^(?:summary|in short|tl;?dr|key points)\s*[:\u2014\u2013-]\s*", re.I)
# A prompt or notice that is boilerplate wherever it stands.
_BOILER_BODY = (
    r"(?i:advertisement|advertising|sponsored(?: content)?|share(?: this\b.*| (?:on|via)\b.*)?"
    r"|(?:click|tap) here\b.*|sign up\b.*|subscribe\b.*|follow (?:us|@)\b.*|like us on\b.*"
    r"|(?:read|see) (?:more|also)\b.*|more from\b.*|watch(?: the)? video\b.*|©.*|copyright\b.*"
    r"|all rights reserved\.?|\(?(?:reporting|editing) by\b.*|comments?\s*\(?\d*\)?"
    r"|email|print|tweet|facebook|twitter|whatsapp|linkedin|pinterest)"
)
_BOILER = re.compile(rf"^{_BOILER_BODY}\s*[.:!]?$")
# Timestamps as news pages print them: "05:41 EST, 14 March 2013", "9:04 AM on
# 14th March 2013", "March 10, 2015", "Tuesday 3 March 2015 at 10.30". Case
# matters outside the month names, so that a time zone is not any short word.
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?"
_DAY_DATE = (
    rf"(?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{_MONTHS})"
    rf"|(?i:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?"
)
_STAMP = rf"(?:{_TIME}(?:,?\s+(?:on\s+)?{_DAY_DATE})?|{_DAY_DATE}(?:,?\s+(?:at\s+)?{_TIME})?)"
_STAMP_LABEL = r"(?:PUBLISHED|Published|UPDATED|Updated|LAST UPDATED|Last updated|POSTED|Posted)"
_NAME = r"(?:[A-Z][\w'\u2019.-]*|and|&|of|for|the)"
# A sentence that is page furniture wherever it stands (matched whole, so
# without "^": a pattern's "^" fails at any position but a line's start):
# a prompt or notice of _BOILER, a video-player notice, or a bare timestamp
# with its label and the "|" between stamps ("PUBLISHED: .", "| .").
_FURNITURE = re.compile(
    _BOILER_BODY + r"\s*[.:!]?"
    r"|(?i:(?:please\s+)?scroll\s+down\s+for\s+(?:video|more)s?"
    r"|media\s+playback\s+is\s+(?:not\s+supported|unsupported)\s+on\s+(?:this|your)\s+device)\s*\.?"
    rf"|(?:\|\s*)?(?:{_STAMP_LABEL}(?:\s+(?:at|on))?\s*:?\s*\.?\s*)?(?:{_STAMP})?\s*\|?\s*\.?"
)
# The words that can open a sentence of _FURNITURE (lower case), and as a
# quick gate, the first three letters of each as written (in lower case,
# capitalised or in capitals) and the other characters that can open one.
_FURNITURE_WORDS = frozenset(
    "advertisement advertising sponsored share click tap sign subscribe follow like read see more "
    "watch copyright all comment comments email print tweet facebook twitter whatsapp linkedin "
    "pinterest reporting editing please scroll media published updated last posted "
    "monday tuesday wednesday thursday friday saturday sunday jan january feb february mar march "
    "apr april may jun june jul july aug august sep sept september oct october nov november "
    "dec december".split()
)
_FURNITURE_STARTS = frozenset(
    form for w in _FURNITURE_WORDS for form in (w[:3], w[:3].capitalize(), w[:3].upper())
) | frozenset("0123456789|\u00a9(.")
_FURNITURE_FIRST = frozenset(form[0] for form in _FURNITURE_STARTS)


def _is_furniture(text: str, start: int, end: int) -> bool:
    """Whether the sentence text[start:end] is page furniture (_FURNITURE).
    The caller has checked _FURNITURE_STARTS and that the sentence has at
    most _BOILER_MAX_WORDS words (the core's count)."""
    if end - start > 200:
        return False
    if text[start].isalpha():
        space = text.find(" ", start, end)
        word = text[start:space if space > 0 else end].lower()
        if word not in _FURNITURE_WORDS and word.rstrip(".,:;!") not in _FURNITURE_WORDS:
            return False  # "What", "Last year", "More than": prose
    return _FURNITURE.fullmatch(text, start, end) is not None


# At the top of the body: a byline sentence ("By .", "By Sam Webb and Jo Hall
# ."), and the names that follow a bare "By ." as their own sentence.
_BYLINE_SENTENCE = re.compile(rf"[Bb][Yy](?:\s+{_NAME},?){{0,8}}\s*\.?")
_NAMES_SENTENCE = re.compile(rf"{_NAME}(?:\s+{_NAME},?){{0,6}}\s*\.?")
# Before the first sentence: a dateline, the place and agency of the story
# ("LONDON (Reuters) -", "Sanaa, Yemen (CNN)", "(The Hollywood Reporter)",
# "NEW YORK, March 3 (AP) --"; an agency is a capitalised name of up to 40
# characters followed by a capital, a quote or a dash), or a place in
# capitals and a dash ("HARBOR CITY —", "WASHINGTON --"); or a byline and
# timestamp block run into it ("By Sam Webb PUBLISHED: 05:41 EST, 14 March
# 2013 | UPDATED: 09:50 EST, 14 March 2013 A woman ...").
_DASH = r"(?:\s*(?:--|[\u2014\u2013])|\s-)\s*"
_DATELINE = re.compile(
    rf"(?:[A-Z][\w.'\u2019-]*(?:,?\s[A-Z][\w.'\u2019-]*){{0,4}}(?:,\s(?i:{_MONTHS})\s\d{{1,2}})?,?\s*)?"
    r"\((?:[A-Z]|the\s)[\w.&'\u2019 -]{0,40}?\)"
    rf"(?:{_DASH}|\s*(?=[A-Z\"\u201c\u2018']))"
    rf"|[A-Z][A-Z.'\u2019-]+(?:\s[A-Z][A-Z.'\u2019-]+){{0,3}}"
    rf"(?:,\s[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){{0,2}})?"
    rf"(?:,\s(?i:{_MONTHS})\s\d{{1,2}})?{_DASH}"
)
_BYLINE_PREFIX = re.compile(
    rf"(?:[Bb][Yy]\s+(?:{_NAME},?\s+){{1,8}}?)?(?:{_STAMP_LABEL}(?:\s+(?:at|on))?\s*:?\s*{_STAMP}\s*\|?\s*)+"
)
# A heading after which the page holds links, not the article.
_TAIL_HEADING = re.compile(
    r"^(?:latest(?: \w+){0,2}|related(?: \w+){0,2}|more (?:from|on|about|stories|news)\b.*"
    r"|most (?:read|popular|viewed|shared)\b.*|recommended(?: \w+){0,2}|you (?:may|might) also like\b.*"
    r"|top stories|trending(?: now)?|see also|further reading|around the web|editor'?s picks?)\s*:?\s*\.?$",
    re.I,
)
# A sentence of at most this many words may be a prompt (_BOILER). Words
# of normalized text are one space apart, so such a sentence holds fewer
# spaces than this, which is what the core counts.
_BOILER_MAX_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


_T = TypeVar("_T")


class _stage(Generic[_T]):
    """A property computed on first use and kept in the instance's
    ``__dict__``, which then answers every later use.

    ``functools.cached_property`` does the same, but on Python 3.11 it holds
    one lock per property for all instances while computing: threads working
    on different documents then wait for each other's normalization and
    segmentation, which release the GIL on long texts. Stages are pure (each returns its
    value and sets nothing else), so two threads that race on one document
    compute the same value; no lock is needed.
    """

    def __init__(self, compute: Callable[[Any], _T]):
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: Optional[type] = None) -> _stage[_T]: ...

    @overload
    def __get__(self, instance: object, owner: Optional[type] = None) -> _T: ...

    def __get__(self, instance: Optional[object], owner: Optional[type] = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True)
class Block:
    """A line of the normalized text: its text and its span in the original."""

    text: str
    start: int
    end: int
    kind: str  # "title", "byline", "standfirst", "body", "boilerplate"


def _words(s: str) -> int:
    """Words of a normalized line (single spaces): cheaper than len(s.split())."""
    return s.count(" ") + 1 if s else 0


class Document:
    """An article read once: its parts, body sentences, scores and summaries.

    Each stage (normalization, structure, segmentation) runs at most once, on
    first use, and its result is kept; scores are kept per method.

    Args:
        text: the article, raw (entities, odd whitespace and all).
        lang: the language of its sentences (``nutgraf.LANGUAGES``).
        title: the title, when the caller knows it; it then also marks a
            first line that repeats it as the title.
        repair: repair damaged text (mojibake, punctuation lost to ``?``)
            before anything else (see :func:`nutgraf.repair`); spans still
            index the original.
    """

    def __init__(self, text: str, *, lang: str = "en", title: Optional[str] = None,
                 repair: bool = True):
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be str or None, not {type(title).__name__}")
        if not isinstance(lang, str):
            raise TypeError(f"lang must be str, not {type(lang).__name__}")
        if lang not in LANGUAGES:
            raise ValueError(f"unknown lang {lang!r}; choose one of: {', '.join(LANGUAGES)}")
        self.original = text
        self.lang = lang
        self._given_title = title
        self._repair = bool(repair)
        self._scores: Dict[str, List[float]] = {}
        # Every later stage starts from the normalized text, so make it now:
        # bad text (a lone surrogate) then fails here, not at first use.
        self.normalized

    def __repr__(self) -> str:
        title = self.title
        return f"Document(title={title!r}, paragraphs={len(self.paragraphs)}, sentences={len(self.sentences)})"

    def __reduce__(self) -> Tuple[Callable[..., Document], Tuple[Any, ...]]:
        return (_rebuild, (self.original, self.lang, self._given_title, self._repair))

    # ---- stages, each run once -------------------------------------------

    @_stage
    def normalized(self) -> Normalized:
        """The normalized text with its map back to the original."""
        return normalize(self.original, offsets=True, repair=self._repair)

    @_stage
    def _layout(self) -> Tuple[List[Tuple[str, int, int]], List[str]]:
        """Every non-empty line of the normalized text as (text, start, end),
        and the kind of each: what ``blocks`` holds, without building a
        ``Block`` per line on the summarize path."""
        text = self.normalized.text
        lines: List[Tuple[str, int, int]] = []
        pos = 0
        # str.split looks at each character; `in` finds a line break with
        # memchr, and many texts (feeds, CNN/DM) are one line.
        for line in text.split("\n") if "\n" in text else (text,):
            stripped = line.strip()
            if stripped:
                lead = 0 if stripped is line else len(line) - len(line.lstrip())
                lines.append((stripped, pos + lead, pos + lead + len(stripped)))
            pos += len(line) + 1
        return lines, _classify([l[0] for l in lines], self._given_title)

    @_stage
    def blocks(self) -> Tuple[Block, ...]:
        """Every non-empty line of the normalized text, classified."""
        lines, kinds = self._layout
        return tuple(Block(t, s, e, k) for (t, s, e), k in zip(lines, kinds))

    def _lines_of(self, kind: str) -> List[Tuple[str, int, int]]:
        lines, kinds = self._layout
        return [line for line, k in zip(lines, kinds) if k == kind]

    def _span(self, start: int, end: int) -> Tuple[int, int]:
        return self.normalized.original_span(start, end)

    @_stage
    def title(self) -> Optional[str]:
        """The title: the caller's, else the detected one, else None."""
        if self._given_title is not None:
            return self._given_title
        lines, kinds = self._layout
        return lines[0][0] if kinds and kinds[0] == "title" else None

    @_stage
    def byline(self) -> List[str]:
        """Author and date lines near the top."""
        return [t for t, _, _ in self._lines_of("byline")]

    @_stage
    def standfirst(self) -> Optional[str]:
        """The standfirst (a ``Summary:`` line or dek), without its label."""
        for t, _, _ in self._lines_of("standfirst"):
            return _SUMMARY_LINE.sub("", t)
        return None

    @_stage
    def paragraphs(self) -> List[str]:
        """The body paragraphs (lines), normalized."""
        return [t for t, _, _ in self._lines_of("body")]

    @_stage
    def paragraph_spans(self) -> List[Tuple[int, int]]:
        """The body paragraphs as spans of the original text."""
        return [self._span(s, e) for _, s, e in self._lines_of("body")]

    @_stage
    def dateline(self) -> Optional[str]:
        """The dateline before the first sentence ("LONDON (Reuters)",
        "HARBOR CITY"), without its dash, or None."""
        span = self._body[1]
        return self.normalized.text[span[0]:span[1]] if span else None

    @_stage
    def boilerplate(self) -> List[str]:
        """Lines that are page furniture, not article."""
        return [t for t, _, _ in self._lines_of("boilerplate")]

    @_stage
    def _body_spans(self) -> List[Tuple[int, int]]:
        """Spans (in the normalized text) of the body's sentences."""
        return self._body[0]

    @_stage
    def _body(self) -> Tuple[List[Tuple[int, int]], Optional[Tuple[int, int]]]:
        """The body's sentence spans and the dateline's span (or None), both
        in the normalized text: one stage, so that each value a thread caches
        comes from one computation.

        The whole text is segmented once, then each sentence is clipped to
        the body: a sentence that the segmenter ran across a title or byline
        line into the body keeps its body part, instead of being lost with
        the heading. Consecutive body lines form one region, so a sentence
        hard-wrapped over several lines stays whole. A piece that is page
        furniture (``_is_furniture``, at most ``_BOILER_MAX_WORDS`` words)
        is dropped, and so are bylines and a dateline before the first
        sentence (see the module docstring).
        """
        text = self.normalized.text
        lines, kinds = self._layout
        regions: List[Tuple[int, int]] = []
        region_start = region_end = -1
        for (_, start, end), kind in zip(lines, kinds):
            if kind == "body":
                if region_start < 0:
                    region_start = start
                region_end = end
            elif region_start >= 0:
                regions.append((region_start, region_end))
                region_start = -1
        if region_start >= 0:
            regions.append((region_start, region_end))
        # The core segments and clips in one call (block edges and span
        # edges are both non-space, so the pieces need no trimming), and
        # names the pieces short enough to be furniture: only those meet the
        # patterns. Set lookups first rule out nearly every sentence of
        # prose ("He", "“We", then "The"), without slicing most of them.
        spans, short = _core.segment_body(text, self.lang, regions, _BOILER_MAX_WORDS)
        drop = set()
        for i in short:
            start, end = spans[i]
            first = text[start]
            if (first in _FURNITURE_FIRST
                    and (first in _FURNITURE_STARTS or text[start:start + 3] in _FURNITURE_STARTS)
                    and _is_furniture(text, start, end)):
                drop.add(i)
        # At the top of the body, bylines and a dateline may come before the
        # first sentence of the article.
        out: List[Tuple[int, int]] = []
        dateline: Optional[Tuple[int, int]] = None
        after_by = False  # the last piece was a byline: names may follow it
        first_sentence = len(spans)
        for i, (start, end) in enumerate(spans):
            if i in drop:
                continue
            if _BYLINE_SENTENCE.fullmatch(text, start, end):
                after_by = True
                continue
            if after_by and _NAMES_SENTENCE.fullmatch(text, start, end):
                continue
            after_by = False
            start, found = self._lead_start(text, start, end)
            dateline = found or dateline
            if start == end:
                continue  # a dateline or byline alone: its span is kept
            out.append((start, end))
            first_sentence = i + 1
            break
        if drop:
            out += [span for i, span in enumerate(spans) if i >= first_sentence and i not in drop]
        else:
            out += spans[first_sentence:]
        return out, dateline

    @staticmethod
    def _lead_start(text: str, start: int, end: int) -> Tuple[int, Optional[Tuple[int, int]]]:
        """Where the first sentence text[start:end] really starts: after a
        byline and timestamp block run into it and after a dateline, when
        some of the sentence is left; and the dateline's span, or None."""
        m = _BYLINE_PREFIX.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
        dateline = None
        m = _DATELINE.match(text, start, end)
        if m:
            dateline = (start, len(text[start:m.end()].rstrip(" -\u2014\u2013")) + start)
            start = m.end()
        while start < end and text[start].isspace():
            start += 1
        return start, dateline

    @_stage
    def _original_spans(self) -> List[Tuple[int, int]]:
        """The body sentences' spans in the original text."""
        norm = self.normalized
        if norm.text == self.original and len(norm.runs) <= 1:
            return list(self._body_spans)  # nothing changed: the same indices
        return norm.original_spans(self._body_spans)

    @_stage
    def sentences(self) -> List[Sentence]:
        """The body's sentences (unscored), with spans into the original text."""
        text = self.normalized.text
        return [
            Sentence(text[start:end], ostart, oend, index)
            for index, ((start, end), (ostart, oend)) in enumerate(zip(self._body_spans, self._original_spans))
        ]

    # ---- scoring ----------------------------------------------------------

    def _run(self, method: str, k: int = 0, max_words: int = 0,
             weights: Optional[Tuple[float, ...]] = None) -> Tuple[List[float], List[int]]:
        if weights is None:
            weights = method_weights(method)
        scores, chosen = _core.summarize(
            self.normalized.text, self._body_spans, self.lang, self.title, weights, k, max_words,
            MMR_LAMBDA, MAX_SIMILARITY,
        )
        self._scores[method] = scores
        return scores, chosen

    def scores(self, method: str = "auto") -> List[float]:
        """The score of each body sentence by ``method``, in [0, 1]."""
        if method not in self._scores:
            self._run(method)
        return self._scores[method]

    def scored(self, method: str = "auto") -> List[Sentence]:
        """The body sentences, in order, with their scores."""
        return [
            Sentence(s.text, s.start, s.end, s.index, score)
            for s, score in zip(self.sentences, self.scores(method))
        ]

    def rank(self, method: str = "auto") -> List[Sentence]:
        """The body sentences with their scores, best first (ties: earlier first)."""
        return sorted(self.scored(method), key=lambda s: (-cast(float, s.score), s.index))

    def summary(self, n: int = 3, *, ratio: Optional[float] = None, words: Optional[int] = None,
                method: str = "auto") -> Summary:
        """The best ``n`` body sentences (or ``ratio`` of them, or a ``words``
        budget), in document order, near-duplicates excluded (MMR)."""
        weights = method_weights(method)  # validate before any work
        k, budget = _count(n, ratio, words, len(self._body_spans))
        scores, chosen = self._run(method, k, budget, weights)
        return self._summary_of(method, scores, chosen)

    def _summary_of(self, method: str, scores: List[float], chosen: List[int]) -> Summary:
        """The Summary of the body sentences `chosen`, with every body
        sentence's score."""
        text, spans, original = self.normalized.text, self._body_spans, self._original_spans
        sentences = tuple(
            Sentence(text[spans[i][0]:spans[i][1]], original[i][0], original[i][1], i, scores[i])
            for i in chosen
        )
        return Summary(sentences, tuple(scores), tuple(original), self.original, method)

    def keywords(self, n: int = 10) -> List[Tuple[str, float]]:
        """The ``n`` key terms of the body, best first (see nutgraf.keywords)."""
        n = min(check_int("n", n, 0), sys.maxsize)  # more than there are: all of them
        return _shown(_core.keywords(self.normalized.text, self._body_spans, self.lang, n))


def _shown(found: List[Tuple[str, float, bool]]) -> List[Tuple[str, float]]:
    """The core's keywords as nutgraf.keywords shows them."""
    out = []
    for surface, score, lower in found:
        if surface[-2:] in ("'s", "’s") and len(surface) > 3:
            surface = surface[:-2]  # a possessive shows as its word: "BA's" -> "BA"
        out.append((surface.lower() if lower else surface, score))
    return out


def summarize_group(texts: Sequence[str], n: int = 3, *, ratio: Optional[float] = None,
                    words: Optional[int] = None, method: str = "auto", title: Optional[str] = None,
                    lang: str = "en", repair: bool = True) -> List[Summary]:
    """``[summarize(text, n, ...) for text in texts]``, scored in one core call.

    The core call releases the GIL once for the whole group: summarize_many's
    threads would otherwise hand the GIL over and wait to take it back for
    every article (see NGPY_NOGIL_CHARS in csrc/python/binding.h).
    """
    weights = method_weights(method)
    docs = [Document(text, lang=lang, title=title, repair=repair) for text in texts]
    jobs = []
    for doc in docs:
        k, budget = _count(n, ratio, words, len(doc._body_spans))
        jobs.append((doc.normalized.text, doc._body_spans, doc.title, k, budget))
    results = _core.summarize_many(jobs, lang, weights, MMR_LAMBDA, MAX_SIMILARITY)
    return [doc._summary_of(method, scores, chosen) for doc, (scores, chosen) in zip(docs, results)]


def keywords_group(texts: Sequence[str], n: int = 10, *, lang: str = "en") -> List[List[Tuple[str, float]]]:
    """``[keywords(text, n) for text in texts]``, found in one core call (as
    summarize_group)."""
    n = min(check_int("n", n, 0), sys.maxsize)
    docs = [Document(text, lang=lang) for text in texts]
    found = _core.keywords_many([(doc.normalized.text, doc._body_spans, n) for doc in docs], lang)
    return [_shown(one) for one in found]


def _rebuild(text: str, lang: str, title: Optional[str], repair: bool = True) -> Document:
    return Document(text, lang=lang, title=title, repair=repair)


def _classify(lines: Sequence[str], given_title: Optional[str]) -> List[str]:
    """The kind of each line (see the module docstring)."""
    n = len(lines)
    kinds = ["body"] * n
    if not n:
        return kinds
    i = 0
    # Title: a short first line without sentence-final punctuation, or the
    # caller's title repeated.
    first = lines[0]
    if given_title is not None and first.strip().lower() == given_title.strip().lower():
        kinds[0] = "title"
        i = 1
    elif n > 1 and _words(first) <= 25 and len(first) <= 200 and not re.search(r"[.,;:]$", first) \
            and not _BYLINE.match(first):
        kinds[0] = "title"
        i = 1
    # Byline, date and standfirst lines at the top.
    top_end = min(n, i + 6)
    while i < top_end:
        line = lines[i]
        # The anchored patterns fail on a line's first characters, cheaper
        # than counting the words of a long paragraph first.
        if (_BYLINE.match(line) or _DATE.match(line)) and _words(line) <= 15:
            kinds[i] = "byline"
        elif _SUMMARY_LINE.match(line):
            kinds[i] = "standfirst"
        elif (kinds[0] == "title" and "standfirst" not in kinds[:i] and i + 1 < n
              and _words(line) <= 40 and not _SENTENCE_END.search(line)
              and not lines[i + 1][:1].islower()):  # a lowercase next line continues it: prose
            kinds[i] = "standfirst"
        elif _BOILER.match(line):
            kinds[i] = "boilerplate"
        else:
            break
        i += 1
    # Boilerplate: prompts anywhere, and everything after a tail heading in
    # the second half of the page.
    for j in range(i, n):
        line = lines[j]
        if _BOILER.match(line) and _words(line) <= 12:
            kinds[j] = "boilerplate"
        elif j >= max(i + 1, n // 2) and _TAIL_HEADING.match(line) and _words(line) <= 6:
            for k in range(j, n):
                kinds[k] = "boilerplate"
            break
    return kinds

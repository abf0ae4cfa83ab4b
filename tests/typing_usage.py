"""The whole public API used with annotations, for ``mypy --strict``.

Not a test module (no ``test_`` prefix): tests/test_types.py type-checks it,
and runs it, so the annotations are also checked against what the calls
return. Each annotation is the type a user would write.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import nutgraf
from nutgraf import (
    FORMS,
    LANGUAGES,
    METHODS,
    Document,
    Normalized,
    Repaired,
    Sentence,
    Summary,
    keywords,
    keywords_many,
    map_texts,
    normalize,
    normalize_many,
    rank,
    repair,
    score,
    sentence_spans,
    sentence_spans_many,
    sentences,
    sentences_many,
    summarize,
    summarize_many,
)
from nutgraf import _core

TEXT = (Path(__file__).resolve().parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")


def use_normalize(text: str) -> None:
    plain = normalize(text)
    assert isinstance(plain, str)
    mapped = normalize(text, form="NFKC", ascii_punct=True, dehyphenate=True, casefold=True, offsets=True)
    assert isinstance(mapped, Normalized)
    out: str = mapped.text
    start: int = mapped.to_original(0)
    span: Tuple[int, int] = mapped.original_span(0, min(5, len(out)))
    spans: List[Tuple[int, int]] = mapped.original_spans([(0, min(5, len(out)))])
    assert spans == [span]
    runs: Tuple[Tuple[int, int, bool], ...] = mapped.runs
    assert start <= span[0] and runs
    forms: Tuple[Optional[str], ...] = FORMS
    assert None in forms


def use_repair(text: str) -> None:
    fixed = repair("don?t panic â€” it?s fine", replacement="drop")
    assert isinstance(fixed, str)
    report = repair(text, offsets=True)
    assert isinstance(report, Repaired)
    changed: bool = report.changed
    repairs: Tuple[Tuple[str, int], ...] = report.repairs
    assert changed == bool(repairs)


def use_sentences(text: str) -> None:
    langs: Tuple[str, ...] = LANGUAGES
    spans: List[Tuple[int, int]] = sentence_spans(text, lang=langs[0], repair=True)
    found: List[str] = sentences(text)
    assert len(spans) >= len(found) > 0


def use_document(text: str) -> None:
    doc = Document(text, lang="en", title=None, repair=True)
    title: Optional[str] = doc.title
    byline: List[str] = doc.byline
    standfirst: Optional[str] = doc.standfirst
    paragraphs: List[str] = doc.paragraphs
    paragraph_spans: List[Tuple[int, int]] = doc.paragraph_spans
    boilerplate: List[str] = doc.boilerplate
    body: List[Sentence] = doc.sentences
    scores: List[float] = doc.scores("textrank")
    scored: List[Sentence] = doc.scored()
    ranked: List[Sentence] = doc.rank()
    summary: Summary = doc.summary(2, method="lexrank")
    terms: List[Tuple[str, float]] = doc.keywords(5)
    normalized: Normalized = doc.normalized
    assert len(paragraphs) == len(paragraph_spans) and len(body) == len(scores) == len(scored) == len(ranked)
    assert summary and terms and normalized.text and (title, byline, standfirst, boilerplate)


def use_summary(text: str) -> None:
    summary = summarize(text, 3, method=METHODS[0], title="A title", lang="en", repair=True)
    by_ratio: Summary = summarize(text, ratio=0.2)
    by_words: Summary = summarize(text, words=60)
    first: Sentence = summary[0]
    chosen: List[Sentence] = list(summary)
    candidates: Tuple[Sentence, ...] = summary.candidates
    html: str = summary._repr_html_()
    body: str = summary.text
    size: int = len(summary)
    where: Tuple[int, int] = (first.start, first.end)
    best: Optional[float] = first.score
    assert size == len(chosen) and candidates and "<mark" in html and body and where and best is not None
    assert by_ratio.method == by_words.method == "auto"


def use_scores(text: str) -> None:
    ranked: List[Sentence] = rank(text, method="centroid")
    own: List[float] = score(["One sentence here.", "Another one there."], method="luhn", title=None)
    terms: List[Tuple[str, float]] = keywords(text, 5, lang="en")
    assert ranked and len(own) == 2 and terms


def use_batch(texts: List[str]) -> None:
    lengths: Iterator[int] = map_texts(len, texts, threads=2)
    normalized = list(normalize_many(texts, threads=1, casefold=True))
    split: List[List[str]] = list(sentences_many(texts))
    spans: List[List[Tuple[int, int]]] = list(sentence_spans_many(texts, lang="en"))
    summaries: List[Summary] = list(summarize_many(texts, 2, threads=2, method="auto"))
    terms: List[List[Tuple[str, float]]] = list(keywords_many(texts, 3))
    assert list(lengths) == [len(t) for t in texts]
    assert len(normalized) == len(split) == len(spans) == len(summaries) == len(terms)


def use_core(text: str) -> None:
    langs: str = _core.languages
    methods: str = _core.methods
    flags: int = _core.NORM_WHITESPACE | _core.NORM_CONTROLS | _core.NORM_ENTITIES
    flags |= _core.NORM_ASCII_PUNCT | _core.NORM_DEHYPHENATE | _core.NORM_CASEFOLD
    forms: List[int] = [_core.FORM_NONE, _core.FORM_NFC, _core.FORM_NFD, _core.FORM_NFKC, _core.FORM_NFKD]
    fixes: int = _core.REPAIR_MOJIBAKE | _core.REPAIR_LOSSY_PUNCT | _core.REPAIR_REPLACEMENT
    fixes |= _core.REPAIR_DROP_REPLACEMENT
    out: str = _core.normalize(text, flags, forms[1], False)
    out, runs = _core.normalize(text, flags, forms[1], True)
    fixed, counts = _core.repair(text, fixes, False)
    fixed, counts, fixed_runs = _core.repair(text, fixes, True)
    both: str = _core.repair_normalize(text, fixes, flags, forms[1], False)
    both, both_runs = _core.repair_normalize(text, fixes, flags, forms[1], True)
    spans: List[Tuple[int, int]] = _core.segment(text, langs.split(",")[0], False)
    found: List[str] = _core.segment(text, "en", True)
    tokens: List[Tuple[int, int]] = _core.words(text)
    folded: str = _core.fold("Straße")
    stem: str = _core.stem("running")
    stop: bool = _core.is_stopword("The", "en")
    weights = [1.0] * len(methods.split(","))
    scores, chosen = _core.summarize(text, spans, "en", None, weights, 2, 0, 0.85, 0.8)
    terms: List[Tuple[str, float, bool]] = _core.keywords(text, spans, "en", 3)
    assert out and runs and fixed and sum(counts) >= 0 and fixed_runs and both and found and tokens
    assert folded == "strasse" and stem == "run" and stop and len(scores) == len(spans) and chosen and terms


def main() -> None:
    texts = [TEXT, "Short text. Two sentences.", ""]
    use_normalize(TEXT)
    use_repair(TEXT)
    use_sentences(TEXT)
    use_document(TEXT)
    use_summary(TEXT)
    use_scores(TEXT)
    use_batch(texts)
    use_core(TEXT)
    version: str = nutgraf.__version__
    public: List[str] = nutgraf.__all__
    assert version and public


if __name__ == "__main__":
    main()

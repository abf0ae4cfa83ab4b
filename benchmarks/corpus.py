"""Benchmark text: real articles from the project's shared evaluation data.

The data is read in place from ``../shared/data`` next to the repository root
(override with the environment variable ``NUTGRAF_DATA``); see its README.md
for where each file comes from. Nothing here is written back or copied.

* ``documents()``: every distinct article text, in a fixed order (the
  summarization files by name, then the GUM documents), so every run and every
  tool sees the same texts.
* ``build_corpus(min_bytes)``: those documents, cycled if needed until their
  UTF-8 size reaches ``min_bytes`` (10 MB by default); the benchmark corpus.
* ``to_ascii(text)``: the same text with every non-ASCII character replaced
  or removed, for measuring the ASCII fast paths on the same prose.
* ``gum_documents()`` and ``golden_rules()``: gold sentence data for accuracy.
"""
from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Iterator, List, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MIN_BYTES = 10_000_000
SEPARATOR = "\n\n"  # documents are joined as paragraphs when one string is needed

# The article field of each summarization file; the GUM file repeats the GUM
# texts of ud_sentences, which the de-duplication in documents() drops.
_SUMMARIZATION_GLOB = "summarization/*.jsonl"
_GUM_FILE = "ud_sentences/en_gum.jsonl"


class DataMissingError(RuntimeError):
    """The shared evaluation data is not where the benchmarks look for it."""


def data_dir() -> Path:
    """The shared data directory: $NUTGRAF_DATA, else <repo>/../shared/data."""
    configured = os.environ.get("NUTGRAF_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    if not (path / _GUM_FILE).is_file() or not list(path.glob(_SUMMARIZATION_GLOB)):
        how = "from $NUTGRAF_DATA" if configured else "(default; set NUTGRAF_DATA to override)"
        raise DataMissingError(
            f"shared data not found at {path} {how}: expected {_GUM_FILE} and "
            f"{_SUMMARIZATION_GLOB} below it"
        )
    return path


def read_jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def documents(data: Optional[Path] = None) -> List[str]:
    """Every distinct article text, in a fixed order, first occurrence kept."""
    data = data or data_dir()
    seen = set()
    texts = []
    sources = [(p, "article") for p in sorted(data.glob(_SUMMARIZATION_GLOB))]
    sources.append((data / _GUM_FILE, "text"))
    for path, field in sources:
        for record in read_jsonl(path):
            text = record[field]
            if text and text not in seen:
                seen.add(text)
                texts.append(text)
    return texts


def build_corpus(min_bytes: int = DEFAULT_MIN_BYTES, data: Optional[Path] = None) -> List[str]:
    """The benchmark documents: all of them, cycled until min_bytes of UTF-8.

    The shared data holds about 11.8 MB of distinct articles, so the default
    10 MB needs no repetition; cycling only keeps a larger request working.
    """
    base = documents(data)
    corpus: List[str] = []
    size = 0
    while size < min_bytes:
        for text in base:
            corpus.append(text)
            size += len(text.encode("utf-8")) + len(SEPARATOR)
            if size >= min_bytes and len(corpus) >= len(base):
                break
    return corpus


def sample(docs: List[str], max_bytes: int) -> List[str]:
    """Every k-th document so that about max_bytes remain.

    A stride (not a prefix) keeps every source in the sample: the corpus is
    ordered by source, and a prefix would be BBC news only.
    """
    total = sum(len(d.encode("utf-8")) for d in docs)
    if total <= max_bytes:
        return list(docs)
    step = max(1, round(total / max_bytes))
    return docs[::step]


# Typographic punctuation that NFKD leaves non-ASCII but that has a clear
# ASCII spelling; everything else non-ASCII that survives NFKD is dropped.
_ASCII_PUNCT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "--", "\u2015": "--", "\u2212": "-", "\u2026": "...",
    "\u00a0": " ", "\u00a3": "GBP", "\u20ac": "EUR", "\u00b0": " deg",
})


def to_ascii(text: str) -> str:
    """The same prose in ASCII only: punctuation spelled out, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_PUNCT))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def gum_documents(split: Optional[str] = None, data: Optional[Path] = None) -> List[dict]:
    """The GUM documents with gold sentences (all splits unless one is named)."""
    records = list(read_jsonl((data or data_dir()) / _GUM_FILE))
    if split is not None:
        records = [r for r in records if r["split"] == split]
    return records


def golden_rules(lang: str = "en", data: Optional[Path] = None) -> List[dict]:
    """pySBD's Golden Rules cases for one language."""
    return list(read_jsonl((data or data_dir()) / "golden_rules" / f"{lang}.jsonl"))


def utf8_size(texts: List[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


if __name__ == "__main__":
    docs = build_corpus()
    joined = SEPARATOR.join(docs)
    ascii_joined = to_ascii(joined)
    print(f"data: {data_dir()}")
    print(f"documents: {len(docs)}, {utf8_size(docs) / 1e6:.2f} MB UTF-8, "
          f"{sum(not d.isascii() for d in docs)} with non-ASCII characters")
    print(f"joined: {len(joined):,} characters, {len(joined.encode()) / 1e6:.2f} MB; "
          f"ASCII variant {len(ascii_joined) / 1e6:.2f} MB")

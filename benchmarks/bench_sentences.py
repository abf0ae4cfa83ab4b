"""Sentence splitting: nutgraf against its peers, accuracy and speed.

Usage::

    python benchmarks/bench_sentences.py            # full run (several minutes)
    python benchmarks/bench_sentences.py --quick    # smaller samples, < 2 minutes
    python benchmarks/bench_sentences.py --only nutgraf blingfire --skip-speed

Every tool is set up as its documentation suggests for English
(``segmenters.py``). A tool that cannot be set up appears in every table with
the reason; a tool that raises on a document has the error counted.

Accuracy (GUM, ``ud_sentences/en_gum.jsonl``)
    Documents are split as given, paragraph breaks ("\\n\\n") included.
    A *boundary* is a position in the document text: the end offset of a
    sentence, moved forward past any whitespace, so that it is the index of the
    first character of the next sentence. Moving past whitespace makes the
    score blind to whether a tool keeps trailing spaces or line breaks in its
    sentences. A boundary that lands on the end of the document is not counted
    (every splitter "finds" it).
    Gold boundaries come from the gold sentence offsets; predicted ones from
    the tool's spans, or, for tools that return only strings, from spans
    recovered by in-order search (``text.find(s, pos)``). A string that cannot
    be found is "lost": its boundary counts as missed, not invented.
    Precision = correct predicted / predicted, recall = correct / gold,
    F1 their harmonic mean; counts are summed over documents (micro average),
    per genre and overall. A document on which a tool raises counts as no
    predicted boundaries.
    Note that GUM marks headings, titles, list items and captions as sentences
    without final punctuation (about 11% of its sentences), which only a
    paragraph-aware splitter can find.

Golden Rules (``golden_rules/en.jsonl``, pySBD's 48 English cases)
    A case passes when the tool's sentences, each stripped and with empty ones
    dropped, equal the expected list exactly (pySBD's own test compares
    stripped lists).

Speed (the >= 10 MB article corpus of ``corpus.py``)
    Each tool splits the articles one by one, as a pipeline would, and the
    timed work is the list of Python strings for every document. Each tool is
    timed in this process on the same documents: one warm-up run, then the
    median of ``--repeats`` runs (5 by default), the tools taking turns run by
    run so that load from elsewhere on the machine hits them alike. Every run
    gets fresh copies of the texts (see ``timing.measure_all``). A tool too slow to split the
    whole corpus within ``--budget`` seconds per run (pySBD, for one) is timed
    on an evenly spread sample of documents instead; the "timed on" column
    says how much, and its rates are per second of that sample, so they
    compare directly. ``nutgraf ×`` is nutgraf's MB/s divided by the tool's.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Union

import corpus
import segmenters
from segmenters import Segmenter, Span, Unavailable
from timing import (MB, Column, Job, copy_text, extra_cell, fmt_rate, fmt_ratio, markdown_table,
                    measure_all, probe_rate, unavailable)

Tool = Union[Segmenter, Unavailable]


# --- accuracy ---------------------------------------------------------------

def boundaries(text: str, spans: Sequence[Span]) -> Set[int]:
    """Sentence ends as next-sentence starts (past whitespace), minus the end."""
    n = len(text)
    found = set()
    for start, end in spans:
        if end <= start:
            continue
        while end < n and text[end].isspace():
            end += 1
        if end < n:
            found.add(end)
    return found


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: Set[int], gold: Set[int]) -> None:
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    overall: Counts = field(default_factory=Counts)
    by_genre: Dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    lost: int = 0  # strings not found in the text
    errors: int = 0  # documents on which the tool raised
    first_error: str = ""
    seconds: float = 0.0
    golden_failed: List[str] = field(default_factory=list)  # Golden Rules case ids


def score_gum(tool: Segmenter, docs: List[dict]) -> Accuracy:
    acc = Accuracy()
    start = time.perf_counter()
    for doc in docs:
        text = doc["text"]
        gold = boundaries(text, doc["offsets"])
        try:
            located = tool.locate(text)
            predicted = boundaries(text, located.spans)
            acc.lost += located.lost
        except Exception as exc:  # reported in the table, not fatal
            acc.errors += 1
            acc.first_error = acc.first_error or f"{type(exc).__name__}: {exc}"[:100]
            predicted = set()
        acc.overall.add(predicted, gold)
        acc.by_genre[doc["genre"]].add(predicted, gold)
    acc.seconds = time.perf_counter() - start
    return acc


def golden_rules_failures(tool: Segmenter, cases: List[dict]) -> List[str]:
    """Ids of the cases the tool does not pass (an exception is a failure)."""
    failed = []
    for case in cases:
        try:
            got = [s.strip() for s in tool.sentences(case["text"]) if s.strip()]
        except Exception:
            got = None
        if got != case["sentences"]:
            failed.append(case["id"])
    return failed


def print_errors(tool: Segmenter, docs: List[dict], limit: int, width: int = 40) -> None:
    """The first `limit` missed and invented boundaries, shown in context.

    For looking at what a tool does to real text, not only at its score.
    """
    missed, invented = [], []
    for doc in docs:
        text = doc["text"]
        gold = boundaries(text, doc["offsets"])
        predicted = boundaries(text, tool.locate(text).spans)
        for kind, positions in ((missed, gold - predicted), (invented, predicted - gold)):
            for pos in sorted(positions):
                if len(kind) < limit:
                    context = text[max(0, pos - width):pos] + " ‖ " + text[pos:pos + width]
                    kind.append(f"{doc['id']}@{pos}: {context!r}")
    for title, items in (("missed (gold boundary not predicted)", missed),
                         ("invented (predicted, not gold)", invented)):
        print(f"\n{tool.name}: first {len(items)} {title}")
        for item in items:
            print("  " + item)


def measure_accuracy(tools: List[Tool], docs: List[dict], cases: List[dict]) -> Dict[str, Accuracy]:
    """GUM boundary counts and Golden Rules failures of every available tool."""
    results: Dict[str, Accuracy] = {}
    for tool in tools:
        if isinstance(tool, Unavailable):
            continue
        print(f"  scoring {tool.name} ...", file=sys.stderr, flush=True)
        acc = results[tool.name] = score_gum(tool, docs)
        acc.golden_failed = golden_rules_failures(tool, cases)
    return results


def accuracy_table(tools: List[Tool], results: Dict[str, Accuracy], n_cases: int,
                   column: Optional[Column] = None) -> str:
    """Precision, recall, F1 and Golden Rules per tool; `column` (a header and
    a value per tool name) is added before the notes."""
    rows = []
    for tool in tools:
        acc = results.get(tool.name)
        if acc is None:
            rows.append([tool.name, "–", "–", "–", "–", "–", "–"]
                        + extra_cell(column, tool.name) + [tool.reason if isinstance(tool, Unavailable) else ""])
            continue
        problems = []
        if acc.errors:
            problems.append(f"raised on {acc.errors} docs ({acc.first_error})")
        if acc.lost:
            problems.append(f"{acc.lost} sentences not found in the text")
        rows.append([
            tool.name, tool.version, f"{acc.overall.precision:.3f}",
            f"{acc.overall.recall:.3f}", f"{acc.overall.f1:.3f}",
            f"{n_cases - len(acc.golden_failed)}/{n_cases}", f"{acc.seconds:.1f}",
        ] + extra_cell(column, tool.name) + ["; ".join(problems + ([tool.note] if tool.note else []))])
    headers = ["tool", "version", "precision", "recall", "F1", "golden rules", "GUM s"]
    headers += [column[0]] if column else []
    return markdown_table(headers + ["notes"], rows,
                          numeric=[False, False] + [True] * (len(headers) - 2) + [False])


def genre_table(tools: List[Tool], results: Dict[str, Accuracy], docs: List[dict]) -> str:
    genres = sorted({d["genre"] for d in docs})
    names = [t.name for t in tools]
    genre_rows = []
    for genre in genres + ["all"]:
        genre_docs = [d for d in docs if genre in ("all", d["genre"])]
        row = [genre, str(len(genre_docs))]
        for name in names:
            acc = results.get(name)
            if acc is None:
                row.append("n/a")
            else:
                counts = acc.overall if genre == "all" else acc.by_genre[genre]
                row.append(f"{counts.f1:.3f}")
        genre_rows.append(row)
    return markdown_table(["genre", "docs"] + names, genre_rows,
                          numeric=[False, True] + [True] * len(names))


def print_accuracy(tools: List[Tool], docs: List[dict], cases: List[dict], split: str) -> None:
    results = measure_accuracy(tools, docs, cases)
    n_gold = sum(len(boundaries(d["text"], d["offsets"])) for d in docs)
    print(f"\n### Sentence boundaries: GUM ({split}: {len(docs)} documents, "
          f"{n_gold} gold boundaries) and pySBD Golden Rules (en)\n")
    print(accuracy_table(tools, results, len(cases)))
    print("\n### Boundary F1 by GUM genre\n")
    print(genre_table(tools, results, docs))
    if "nutgraf" in results and results["nutgraf"].golden_failed:
        print(f"\nGolden Rules cases nutgraf fails: {', '.join(results['nutgraf'].golden_failed)}")


# --- speed ------------------------------------------------------------------

@dataclass
class Speed:
    docs: int
    nbytes: int
    sentences: int
    seconds: float  # median of the timed runs
    sampled: bool

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / MB / self.seconds

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.seconds


def choose_texts(tool: Segmenter, docs: List[str], budget: float) -> List[str]:
    """All documents, or an evenly spread sample if all would overrun budget.

    One pass over a small sample warms the tool up and estimates its rate.
    """
    probe = corpus.sample(docs, 300_000)
    rate = probe_rate(lambda: [tool.sentences(t) for t in probe], corpus.utf8_size(probe))
    if corpus.utf8_size(docs) / rate > budget:
        return corpus.sample(docs, int(rate * budget))
    return docs


def measure_speed(tools: List[Tool], docs: List[str], repeats: int,
                  budget: float) -> Dict[str, Union[Speed, str]]:
    """Each tool's Speed, or why it has none ("not installed", "failed: ...")."""
    chosen: Dict[str, List[str]] = {}
    jobs: Dict[str, Job] = {}
    outcome: Dict[str, Union[Speed, str]] = {}
    for tool in tools:
        if isinstance(tool, Unavailable):
            outcome[tool.name] = tool.reason
            continue
        print(f"  probing {tool.name} ...", file=sys.stderr, flush=True)
        try:
            texts = chosen[tool.name] = choose_texts(tool, docs, budget)
        except Exception as exc:  # reported in the table, not fatal
            outcome[tool.name] = unavailable(exc)
            continue
        jobs[tool.name] = Job(lambda ts, split=tool.sentences: [split(t) for t in ts],
                              lambda texts=texts: [copy_text(t) for t in texts])
    print(f"  timing {len(jobs)} tools, {repeats} rounds ...", file=sys.stderr, flush=True)
    for name, timing in measure_all(jobs, repeats=repeats, warmup=1).items():
        if isinstance(timing, Exception):
            outcome[name] = unavailable(timing)
            continue
        texts = chosen[name]
        count = sum(len(sentences) for sentences in timing.result)
        outcome[name] = Speed(len(texts), corpus.utf8_size(texts), count, timing.median,
                              len(texts) < len(docs))
    return {tool.name: outcome[tool.name] for tool in tools}


def speed_table(tools: List[Tool], speeds: Dict[str, Union[Speed, str]],
                column: Optional[Column] = None) -> str:
    """MB/s, sentences/s and nutgraf's ratio per tool; `column` as in accuracy_table."""
    ours = speeds.get("nutgraf")
    ours_rate = ours.mb_per_s if isinstance(ours, Speed) else None
    rows = []
    for tool in tools:
        speed = speeds[tool.name]
        more = extra_cell(column, tool.name)
        if isinstance(speed, str):
            rows.append([tool.name, speed, "–", "–", "–", "–"] + more + [""])
            continue
        where = f"{speed.nbytes / MB:.2f} MB, {speed.docs} docs"
        if speed.sampled:
            where += " (sample)"
        rows.append([
            tool.name, where, fmt_rate(speed.mb_per_s), f"{speed.sentences_per_s:,.0f}",
            f"{speed.sentences:,}", "1.0×" if tool.name == "nutgraf"
            else fmt_ratio(ours_rate, speed.mb_per_s)] + more + [tool.note])
    headers = ["tool", "timed on", "MB/s", "sentences/s", "sentences", "nutgraf ×"]
    headers += [column[0]] if column else []
    return markdown_table(headers + ["notes"], rows,
                          numeric=[False, False] + [True] * (len(headers) - 2) + [False])


def print_speed(tools: List[Tool], docs: List[str], repeats: int, budget: float) -> None:
    speeds = measure_speed(tools, docs, repeats, budget)
    print(f"\n### Sentence splitting speed: {len(docs)} articles, "
          f"{corpus.utf8_size(docs) / MB:.2f} MB, one call per article, "
          f"median of {repeats} runs after warm-up\n")
    print(speed_table(tools, speeds))


# --- main -------------------------------------------------------------------

def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="GUM dev+test only, a 1 MB speed sample, short budget")
    parser.add_argument("--only", nargs="+", metavar="TOOL", help="tools to run (names as in the tables)")
    parser.add_argument("--split", choices=["train", "dev", "test"], help="GUM split to score (default: all)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per tool (default 5)")
    parser.add_argument("--budget", type=float, help="seconds per timed run before a tool is sampled "
                        "(default 6, quick 0.6)")
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="also print each tool's first N missed and invented GUM boundaries")
    args = parser.parse_args(argv)

    try:
        data = corpus.data_dir()
    except corpus.DataMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tools = segmenters.load_all(args.only)
    if not tools:
        print(f"error: no tool matches {args.only}", file=sys.stderr)
        return 2
    print(f"# nutgraf sentence benchmark{' (quick)' if args.quick else ''}\n")
    print(f"Python {sys.version.split()[0]}; data: {data}")

    if not args.skip_accuracy:
        if args.split:
            docs, split = corpus.gum_documents(args.split, data), args.split
        elif args.quick:
            docs = [d for d in corpus.gum_documents(None, data) if d["split"] != "train"]
            split = "dev+test"
        else:
            docs, split = corpus.gum_documents(None, data), "all splits"
        print_accuracy(tools, docs, corpus.golden_rules("en", data), split)
        for tool in tools:
            if args.show_errors and isinstance(tool, Segmenter):
                print_errors(tool, docs, args.show_errors)

    if not args.skip_speed:
        docs = corpus.build_corpus(data=data)
        if args.quick:
            docs = corpus.sample(docs, 1_000_000)
        budget = args.budget if args.budget is not None else (0.6 if args.quick else 6.0)
        print_speed(tools, docs, max(1, args.repeats), budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())

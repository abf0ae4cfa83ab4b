"""Text normalization speed: nutgraf.normalize against what people use instead.

Usage::

    python benchmarks/bench_normalize.py           # full run
    python benchmarks/bench_normalize.py --quick   # a 1 MB sample, seconds

Two texts, each one string: the >= 10 MB article corpus of ``corpus.py``
(documents joined by blank lines, non-ASCII characters included) and its
ASCII-only variant (``corpus.to_ascii``), which shows the ASCII fast paths.

Each function gets the whole string in one call; the time includes building
the result ``str``. One warm-up call, then the median of ``--repeats`` calls
(5 by default), all in this process, the functions taking turns call by call,
each call on a fresh copy of the string (see ``timing.measure_all``). A function too slow to finish within
``--budget`` seconds per call is timed on an evenly spread sample instead (every
k-th document, joined the same way) and the "timed on" column says so; rates
are MB of input (UTF-8) per second. ``nutgraf ×`` is nutgraf's default rate
divided by the function's.

The functions do different amounts of work, so the table says what each one
does, and "Δ chars" (output length minus input length) shows how much each
changed; ``text.encode("utf-8")`` is the floor, one pass that copies the text.
"""
from __future__ import annotations

import argparse
import html
import sys
import unicodedata
import warnings
from dataclasses import dataclass
from importlib import metadata
from typing import Callable, Dict, List, Optional, Union

import corpus
from segmenters import import_nutgraf
from timing import (MB, Column, Job, copy_text, extra_cell, fmt_rate, fmt_ratio, markdown_table,
                    measure_all, probe_rate, unavailable)


@dataclass
class Normalizer:
    name: str
    does: str
    fn: Optional[Callable[[str], object]]  # None when unavailable
    reason: str = ""


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _load(name: str, does: str, setup: Callable[[], Callable[[str], object]]) -> Normalizer:
    try:
        return Normalizer(name, does, setup())
    except Exception as exc:  # reported in the table, not fatal
        return Normalizer(name, does, None, unavailable(exc))


def _nutgraf(**options) -> Callable[[], Callable[[str], object]]:
    def setup():
        nutgraf = import_nutgraf()
        return lambda text: nutgraf.normalize(text, **options)
    return setup


def _ftfy():
    import ftfy
    return ftfy.fix_text


def _clean_text():
    with warnings.catch_warnings():
        # It warns on import that unidecode (GPL) is missing; only to_ascii
        # uses unidecode, and to_ascii is off here.
        warnings.simplefilter("ignore")
        from cleantext import clean

    # As close to nutgraf's defaults as clean-text allows: repair with ftfy,
    # tidy whitespace keeping paragraph breaks, and nothing nutgraf does not
    # do by default (its defaults also transliterate to ASCII and lowercase).
    def run(text: str) -> str:
        return clean(text, fix_unicode=True, to_ascii=False, lower=False,
                     normalize_whitespace=True, no_line_breaks=False,
                     strip_lines=True, keep_two_line_breaks=True)
    return run


def normalizers(only: Optional[str] = None) -> List[Normalizer]:
    """Every function, set up (or with the reason it could not be); `only`
    sets up just the one of that name, so that a memory measurement of one
    does not carry the imports of the others."""
    specs = [
        ("nutgraf.normalize(text)", "NFC, whitespace, controls, HTML entities", _nutgraf()),
        ("nutgraf.normalize(text, offsets=True)", "the same, plus the map to the original",
         _nutgraf(offsets=True)),
        ('unicodedata.normalize("NFC")', "NFC only", lambda: lambda t: unicodedata.normalize("NFC", t)),
        ('unicodedata.normalize("NFKC")', "NFKC only", lambda: lambda t: unicodedata.normalize("NFKC", t)),
        ("html.unescape", "HTML entities only", lambda: html.unescape),
        (f"ftfy.fix_text ({_version('ftfy')})", "mojibake, entities, quotes uncurled, NFC, ...", _ftfy),
        (f"clean-text clean() ({_version('clean-text')})",
         "ftfy fix_text + whitespace, paragraph breaks kept", _clean_text),
        ('text.encode("utf-8")', "floor: one copy of the text", lambda: lambda t: t.encode("utf-8")),
    ]
    return [_load(name, does, setup) for name, does, setup in specs if only in (None, name)]


@dataclass
class Result:
    nbytes: int
    seconds: float
    delta_chars: Optional[int]  # output length minus input length; None for bytes
    sampled: bool

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / MB / self.seconds


def choose_text(fn: Callable[[str], object], docs: List[str], text: str, budget: float) -> str:
    """The whole text, or an evenly spread sample if it would overrun budget.

    One call on a small sample warms the function up and estimates its rate.
    """
    probe = corpus.SEPARATOR.join(corpus.sample(docs, 300_000))
    rate = probe_rate(lambda: fn(probe), len(probe.encode("utf-8")))
    if len(text.encode("utf-8")) / rate > budget:
        return corpus.SEPARATOR.join(corpus.sample(docs, int(rate * budget)))
    return text


def measure(tools: List[Normalizer], docs: List[str], repeats: int,
            budget: float) -> Dict[str, Union[Result, str]]:
    """Each function's Result on the documents joined into one string, or why
    it has none ("not installed", "failed: ...")."""
    text = corpus.SEPARATOR.join(docs)
    chosen: Dict[str, str] = {}
    jobs: Dict[str, Job] = {}
    outcome: Dict[str, Union[Result, str]] = {}
    for tool in tools:
        if tool.fn is None:
            outcome[tool.name] = tool.reason
            continue
        print(f"  probing {tool.name} ...", file=sys.stderr, flush=True)
        try:
            chosen[tool.name] = choose_text(tool.fn, docs, text, budget)
        except Exception as exc:  # reported in the table, not fatal
            outcome[tool.name] = unavailable(exc)
            continue
        jobs[tool.name] = Job(tool.fn, lambda t=chosen[tool.name]: copy_text(t))
    print(f"  timing {len(jobs)} functions, {repeats} rounds ...", file=sys.stderr, flush=True)
    for name, timing in measure_all(jobs, repeats=repeats, warmup=1).items():
        if isinstance(timing, Exception):
            outcome[name] = unavailable(timing)
            continue
        source = chosen[name]
        out = getattr(timing.result, "text", timing.result)  # Normalized has .text
        delta = len(out) - len(source) if isinstance(out, str) else None
        outcome[name] = Result(len(source.encode("utf-8")), timing.median, delta,
                               source is not text)
    return {tool.name: outcome[tool.name] for tool in tools}


def table(tools: List[Normalizer], results: Dict[str, Union[Result, str]],
          column: Optional[Column] = None) -> str:
    """MB/s, change in length and nutgraf's ratio per function; `column` (a
    header and a value per function name) is added before "does"."""
    ours = results.get(tools[0].name)
    ours_rate = ours.mb_per_s if isinstance(ours, Result) else None
    rows = []
    for tool in tools:
        result = results[tool.name]
        more = extra_cell(column, tool.name)
        if isinstance(result, str):
            rows.append([tool.name, result, "–", "–", "–"] + more + [tool.does])
            continue
        where = f"{result.nbytes / MB:.2f} MB" + (" (sample)" if result.sampled else "")
        delta = "–" if result.delta_chars is None else f"{result.delta_chars:+,}"
        rows.append([tool.name, where, fmt_rate(result.mb_per_s), delta,
                     fmt_ratio(ours_rate, result.mb_per_s)] + more + [tool.does])
    headers = ["function", "timed on", "MB/s", "Δ chars", "nutgraf ×"] + ([column[0]] if column else [])
    return markdown_table(headers + ["does"], rows,
                          numeric=[False, False] + [True] * (len(headers) - 2) + [False])


def print_table(title: str, tools: List[Normalizer], docs: List[str], repeats: int,
                budget: float) -> None:
    results = measure(tools, docs, repeats, budget)
    size = corpus.utf8_size(docs)
    print(f"\n### {title}: {size / MB:.2f} MB in one string, "
          f"median of {repeats} calls after warm-up\n")
    print(table(tools, results))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 1 MB sample of the corpus")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls per function (default 5)")
    parser.add_argument("--budget", type=float,
                        help="seconds per call before a function is sampled (default 10, quick 1)")
    args = parser.parse_args(argv)
    try:
        data = corpus.data_dir()
    except corpus.DataMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    docs = corpus.build_corpus(data=data)
    if args.quick:
        docs = corpus.sample(docs, 1_000_000)
    budget = args.budget if args.budget is not None else (1.0 if args.quick else 10.0)
    repeats = max(1, args.repeats)
    tools = normalizers()
    print(f"# nutgraf normalization benchmark{' (quick)' if args.quick else ''}\n")
    print(f"Python {sys.version.split()[0]}; data: {data}")
    print_table("Article corpus (non-ASCII included)", tools, docs, repeats, budget)
    print_table("ASCII-only variant", tools, [corpus.to_ascii(d) for d in docs], repeats, budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How the batch functions scale with threads.

Runs each ``nutgraf.*_many`` function over the benchmark documents with 1 and
with 2..N threads (N = CPUs) and prints the median throughput and the speed-up
over one thread. The C core releases the GIL, so the speed-up is bounded by the
share of time spent in Python (result objects, argument handling).

Usage: python benchmarks/bench_threads.py [--quick]
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nutgraf  # noqa: E402
from corpus import build_corpus, sample, utf8_size  # noqa: E402
from timing import MB, Job, copy_text, fmt_rate, markdown_table, measure_all  # noqa: E402

FUNCTIONS = {
    "normalize_many": nutgraf.normalize_many,
    "sentence_spans_many": nutgraf.sentence_spans_many,
    "summarize_many": nutgraf.summarize_many,
    "keywords_many": nutgraf.keywords_many,
}


# A run of one thread takes at least this long: the documents are passed
# over several times when one pass is quicker. Starting threads and handing
# the first groups to them costs milliseconds, which would weigh on a run of
# a few milliseconds (one pass of normalize_many) and not on real corpora.
MIN_RUN_SECONDS = 0.5


def measure(docs: List[str], repeats: int) -> Dict[str, Dict[int, float]]:
    """MB/s of each batch function at 1, 2 and N threads (N = CPUs)."""
    counts = sorted({1, 2, os.cpu_count() or 1})

    def job(function, threads, texts):
        return Job(lambda fresh: sum(1 for _ in function(fresh, threads=threads)),
                   lambda: [copy_text(d) for d in texts])

    rates = {}
    for name, function in FUNCTIONS.items():
        one_pass = measure_all({1: job(function, 1, docs)}, repeats=1)[1].median
        texts = docs * max(1, math.ceil(MIN_RUN_SECONDS / max(one_pass, 1e-6)))
        timings = measure_all({t: job(function, t, texts) for t in counts}, repeats=repeats)
        rates[name] = {t: timings[t].rate(utf8_size(texts)) / MB for t in counts}
    return rates


def table(rates: Dict[str, Dict[int, float]]) -> str:
    counts = sorted(next(iter(rates.values())))
    rows = []
    for name, by_threads in rates.items():
        rows.append([name] + [fmt_rate(by_threads[t]) for t in counts]
                    + [f"{by_threads[t] / by_threads[1]:.2f}×" for t in counts if t > 1])
    headers = ["function"] + [f"MB/s, {t} thread{'s' if t > 1 else ''}" for t in counts]
    headers += [f"speed-up at {t}" for t in counts if t > 1]
    return markdown_table(headers, rows, [False] + [True] * (len(headers) - 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 2 MB sample, 3 repeats")
    args = parser.parse_args()
    docs = build_corpus()
    if args.quick:
        docs = sample(docs, 2_000_000)
    repeats = 3 if args.quick else 5
    print(f"{len(docs):,} documents, {utf8_size(docs) / MB:.1f} MB; {os.cpu_count() or 1} CPUs; "
          f"median of {repeats} runs\n")
    print(table(measure(docs, repeats)))


if __name__ == "__main__":
    main()

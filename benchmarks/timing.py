"""Timing and table printing shared by the benchmark scripts.

Every measurement is the median wall time of several runs after warm-up runs,
all in the calling process and taken in turns, so that tools compared in one
table ran on the same texts under the same conditions. The median, not the mean or the minimum,
because one run disturbed by the machine should not move the result either way.
"""
from __future__ import annotations

import gc
import statistics
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple, TypeVar, Union

MB = 1e6  # rates are in decimal megabytes of UTF-8 per second
T = TypeVar("T")
# An added table column: its header, and its cell per tool name (the report's
# peak memory beside a script's own columns).
Column = Tuple[str, Dict[str, str]]


@dataclass
class Timing:
    runs: List[float]  # seconds, one per timed run
    result: object = None  # what the last run returned, to check or count

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def rate(self, amount: float) -> float:
        """amount per second at the median time (amount: bytes, sentences...)."""
        return amount / self.median if self.median > 0 else float("inf")


@dataclass
class Job:
    """One thing to time: fn(fresh()), where only fn is on the clock."""
    fn: Callable[[T], object]
    fresh: Callable[[], T]


def measure_all(jobs: Dict[str, Job], *, repeats: int = 5,
                warmup: int = 1) -> Dict[str, Union[Timing, Exception]]:
    """Timings of every job, run round-robin: run 1 of each job, then run 2...

    Round-robin, not one job after another, so that a burst of load on the
    machine (a build, another benchmark) slows one run of every tool rather
    than every run of one tool; the median then drops it for all alike.
    A job that raises is timed no further and gets its exception instead.

    fresh() must return new, equal input objects on every call. CPython
    caches a str's UTF-8 form inside the object the first time a C extension
    asks for it (PyUnicode_AsUTF8AndSize), so timing the same str objects
    again would leave the UTF-8 encoding of non-ASCII text off the clock for
    nutgraf and the Rust tools, while a pipeline always hands them new text.

    A collection before each run keeps garbage left by the previous run (or
    the previous tool) from being collected on this run's clock; the collector
    stays on during the run, since real callers pay for their own garbage.
    """
    outcome: Dict[str, Union[Timing, Exception]] = {name: Timing([]) for name in jobs}
    for round_ in range(warmup + repeats):
        for name, job in jobs.items():
            timing = outcome[name]
            if isinstance(timing, Exception):
                continue
            arg = job.fresh()
            timing.result = None  # free the previous output before the clock starts
            gc.collect()
            try:
                start = time.perf_counter()
                result = job.fn(arg)
                elapsed = time.perf_counter() - start
            except Exception as exc:  # the caller reports it
                outcome[name] = exc
                continue
            timing.result = result
            if round_ >= warmup:
                timing.runs.append(elapsed)
            del arg, result
    return outcome


def copy_text(text: str) -> str:
    """An equal str that is a new object, with no cached UTF-8 form."""
    return text.encode("utf-8").decode("utf-8")


def probe_rate(fn: Callable[[], object], nbytes: int) -> float:
    """Bytes per second of one untimed call of fn() on nbytes of text.

    The call also warms the tool up. The benchmarks use the rate to decide
    whether a slow tool can run on the whole corpus within the time budget or
    must be timed on a sample.
    """
    start = time.perf_counter()
    fn()
    return nbytes / max(time.perf_counter() - start, 1e-9)


def unavailable(exc: BaseException) -> str:
    """How a table reports a tool that could not be set up or that raised.

    A missing package is "not installed"; anything else is "failed: " with
    the first line of the error, so that no tool drops out of a table silently.
    """
    if isinstance(exc, ModuleNotFoundError):
        return f"not installed ({exc.name})"
    return f"failed: {type(exc).__name__}: {exc}".splitlines()[0][:120]


def fmt_rate(value: Optional[float], digits: int = 2) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def fmt_ratio(ours: Optional[float], theirs: Optional[float]) -> str:
    """ours / theirs as '12.3×', or '–' when either side is missing."""
    if not ours or not theirs:
        return "–"
    ratio = ours / theirs
    if ratio < 1:
        return f"{ratio:.2g}×"  # two significant digits: 0.0016×, not 0.0×
    return f"{ratio:.1f}×" if ratio < 100 else f"{ratio:,.0f}×"


def extra_cell(column: Optional[Column], name: str) -> List[str]:
    """The cell of `column` for the tool `name` as a one-item list, or [] without a column."""
    return [column[1].get(name, "–")] if column else []


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
                   numeric: Sequence[bool] = ()) -> str:
    """A GitHub markdown table; columns flagged in `numeric` align right."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    right = list(numeric) + [False] * (len(headers) - len(numeric))

    def line(row):
        padded = [c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right)]
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join(("-" * (w - 1) + ":") if r else "-" * w
                            for w, r in zip(widths, right)) + " |"
    return "\n".join([line(cells[0]), rule] + [line(r) for r in cells[1:]])

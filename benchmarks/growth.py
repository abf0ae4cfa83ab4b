"""How time grows with input size: one call on one string of 1 KB to 16 MB.

The string is a prefix of the article corpus joined by blank lines (cut at a
byte count, then at the last whole character), so every size is the same kind
of prose and every tool gets the same prefix. Sizes go up by 4×. At a size
below MIN_WORK bytes a timed run calls the tool on several fresh copies of
the string (enough to make MIN_WORK bytes) and the time per call is the run's
time divided by their number, so that small sizes are not lost in the
clock's resolution. Each size is timed with ``timing.measure_all``: one
warm-up run, then the median of ``repeats``, the tools taking turns.

A tool whose call at one size took more than cap / 4 seconds is not timed at
the larger sizes (the next would take over ``cap``), and the result says
where it stopped; a tool that raises stops there with the error. On a
log-log chart a line of slope 1 is linear time.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, Tuple, Union

from timing import Job, copy_text, measure_all, unavailable

KB = 1024
SIZES = tuple(KB * 4**i for i in range(8))  # 1 KB ... 16 MB
MIN_WORK = 64 * KB


@dataclass
class Growth:
    points: List[Tuple[int, float]] = field(default_factory=list)  # (bytes, seconds per call)
    stopped: str = ""  # why the larger sizes are missing, if they are


def prefix(text: str, nbytes: int) -> str:
    """The first nbytes of text's UTF-8, less a character cut in two."""
    return text.encode("utf-8")[:nbytes].decode("utf-8", errors="ignore")


def measure_growth(functions: Dict[str, Union[Callable[[str], object], str]], text: str,
                   sizes: Sequence[int] = SIZES, repeats: int = 3,
                   cap: float = 4.0) -> Dict[str, Union[Growth, str]]:
    """Seconds per call of each function at each size (up to its stop), or
    why a function was not timed at all ("not installed ...")."""
    outcome: Dict[str, Union[Growth, str]] = {}
    active = {}
    for name, fn in functions.items():
        if isinstance(fn, str):
            outcome[name] = fn
        else:
            outcome[name] = Growth()
            active[name] = fn
    for size in sizes:
        if not active:
            break
        piece = prefix(text, size)
        copies = math.ceil(MIN_WORK / size)
        print(f"  growth: {size // KB:,} KB, {len(active)} tools ...", file=sys.stderr, flush=True)
        jobs = {name: Job(lambda texts, fn=fn: [fn(t) for t in texts],
                          lambda: [copy_text(piece) for _ in range(copies)])
                for name, fn in active.items()}
        for name, timing in measure_all(jobs, repeats=repeats, warmup=1).items():
            growth = outcome[name]
            if isinstance(timing, Exception):
                growth.stopped = f"at {size // KB:,} KB: {unavailable(timing)}"
                del active[name]
                continue
            seconds = timing.median / copies
            growth.points.append((size, seconds))
            if seconds > cap / 4 and size != sizes[-1]:
                growth.stopped = f"after {size // KB:,} KB ({seconds:.2f} s per call)"
                del active[name]
    return outcome

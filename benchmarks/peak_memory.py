"""Peak memory of one tool doing one capability's work, each in a fresh process.

What is measured: the peak resident set size (Linux ``VmHWM``) of a new
Python process that imports and sets up only that one tool, builds the input,
calls the tool once on the first document (warm-up), and then runs the whole
workload keeping every result, as the speed benchmarks do. Before the
workload the high-water mark is reset (``/proc/self/clear_refs``), so that
reading the shared data to build the input, which every tool's process does
alike, does not set the peak. Two figures:

* **peak RSS**: the high-water mark of the whole process during the
  workload: interpreter, the tool's imports and models, the input and the
  results. What a worker running that tool needs.
* **Δ run**: that peak minus the resident size just before the workload
  (after set-up and warm-up): the memory the work itself took on top.

RSS rather than tracemalloc because tracemalloc sees only allocations made
through Python's allocators, not those of C, C++ or Rust code (nutgraf's core,
blingfire, sakurs, spaCy's Cython), and would flatter exactly those tools.

Workloads (the same input for every tool of a capability):
sentences and repair: an evenly spread sample of the article corpus, one call
per document; normalize: the same sample joined into one string, one call;
summaries: the first cnndm articles, 3 sentences each.

Usage (the worker; ``measure`` runs it for each tool)::

    python benchmarks/peak_memory.py sentences nutgraf 1000000
"""
from __future__ import annotations

import gc
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Tuple, Union

CAPABILITIES = ("sentences", "normalize", "repair", "summaries")
KB = 1024


@dataclass
class Memory:
    peak_mb: float
    run_mb: float  # peak minus the high-water mark before the workload

    def cell(self) -> str:
        return f"{self.peak_mb:,.0f} MB (Δ run {self.run_mb:,.1f})"


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (given there in KB)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * KB / 1e6
    raise RuntimeError(f"no {field} in /proc/self/status")


def _workload(capability: str, tool: str, size: int) -> Tuple[Callable[[object], object], List[object]]:
    """The tool's function of one input item, and the items (size: bytes or articles)."""
    import corpus

    docs = corpus.sample(corpus.build_corpus(), size)
    if capability == "sentences":
        import segmenters

        (segmenter,) = segmenters.load_all([tool])
        if isinstance(segmenter, segmenters.Unavailable):
            raise RuntimeError(segmenter.reason)
        return segmenter.sentences, docs
    if capability == "normalize":
        import bench_normalize

        (normalizer,) = bench_normalize.normalizers(only=tool)
        if normalizer.fn is None:
            raise RuntimeError(normalizer.reason)
        return normalizer.fn, [corpus.SEPARATOR.join(docs)]
    if capability == "repair":
        import bench_repair

        fn = bench_repair.repairers(only=tool)[tool]
        if isinstance(fn, str):
            raise RuntimeError(fn)
        return fn, docs
    import bench_summarize

    systems, missing = bench_summarize.all_systems([tool])
    if tool not in systems:
        raise RuntimeError(next(iter(missing.values()), f"no system {tool}"))
    return (lambda record: systems[tool](record, 3)), bench_summarize.load("cnndm_validation", size)


def worker(capability: str, tool: str, size: int) -> Dict[str, float]:
    fn, items = _workload(capability, tool, size)
    fn(items[0])
    gc.collect()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # resets VmHWM to the current resident size
    before = _status_mb("VmRSS")
    results = [fn(item) for item in items]
    peak = _status_mb("VmHWM")
    del results
    return {"peak_mb": peak, "run_mb": peak - before}


def measure_one(capability: str, tool: str, size: int, timeout: float = 600) -> Union[Memory, str]:
    """Memory of one tool in a fresh process, or "failed: ..." / "not installed ..."."""
    try:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), capability, tool, str(size)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"failed: over {timeout:.0f} s"
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no output"]
        return lines[-1].removeprefix("RuntimeError: ")[:120]
    return Memory(**json.loads(done.stdout))


def measure(capability: str, tools: List[str], size: int) -> Dict[str, Union[Memory, str]]:
    """Memory of each tool, two workers at a time (RSS is per process, so
    they do not disturb each other's figures as they would timings)."""
    print(f"  peak memory: {capability}, {len(tools)} tools ...", file=sys.stderr, flush=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = pool.map(lambda tool: measure_one(capability, tool, size), tools)
        return dict(zip(tools, found))


def column(memory: Dict[str, Union[Memory, str]]) -> Tuple[str, Dict[str, str]]:
    """The report's table column: peak RSS and Δ run per tool."""
    return "peak RSS (Δ run)", {name: m.cell() if isinstance(m, Memory) else m for name, m in memory.items()}


if __name__ == "__main__":
    capability, tool, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if capability not in CAPABILITIES:
        sys.exit(f"capability must be one of {', '.join(CAPABILITIES)}")
    print(json.dumps(worker(capability, tool, size)))

"""Every benchmark of the project in one run: benchmarks/RESULTS.md and its charts.

Usage::

    make bench                    # installs the bench extra, then the full report
    make bench QUICK=1            # the same with --quick (under two minutes)
    python benchmarks/report.py [--quick] [--out benchmarks/RESULTS.md]

Each capability (sentences, normalize, repair, summaries, threads) is measured
by the functions of its own script (bench_*.py, which still run alone), so the
report adds no measurement code of its own beyond peak memory
(``peak_memory.py``) and growth with input size (``growth.py``). The report
writes one table per capability with throughput, the ratio of nutgraf to each
peer measured in the same run, peak memory and accuracy; the machine and the
version of every tool; and PNG charts into benchmarks/charts/. A tool that is
not installed or fails keeps its row with the reason. A section that fails as a
whole is reported as failed and the others still run.
"""
from __future__ import annotations

import argparse
import shlex
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple, Union

import bench_normalize
import bench_repair
import bench_sentences
import bench_summarize
import bench_threads
import charts
import corpus
import growth
import machine
import peak_memory
import segmenters
from timing import MB, fmt_rate, fmt_ratio, markdown_table

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Plan:
    """How much of each benchmark to run: the full report, or --quick."""
    gum_split: Optional[str]  # None: every GUM split
    speed_bytes: int  # corpus sample for the speed tables (the corpus is ~11.8 MB)
    repeats: int  # timed runs per tool, after one warm-up
    budget: float  # seconds per timed run before a slow tool is timed on a sample
    summary_records: Optional[int]  # records per summarization set (None: all)
    summary_speed: Tuple[int, int]  # cnndm articles for nutgraf, sample for the peers
    memory_bytes: int  # input of each peak-memory process
    memory_articles: int
    growth_sizes: Tuple[int, ...]
    growth_repeats: int
    growth_cap: float  # seconds per call beyond which a tool stops growing
    repair_extras: bool  # the no-harm and lossy-punctuation tables (nutgraf only)


FULL = Plan(None, 12_000_000, 5, 6.0, None, (1000, 200), 1_000_000, 100, growth.SIZES, 3, 4.0, True)
QUICK = Plan("dev+test", 400_000, 3, 0.3, 5, (50, 5), 50_000, 5, growth.SIZES[:4], 1, 0.2, False)


@dataclass
class Headline:
    capability: str
    unit: str
    ours: Optional[float]
    peer: str  # the fastest peer
    peer_rate: Optional[float]
    accuracy: str  # nutgraf's, beside the best peer's
    ours_on_peers: Optional[float] = None  # nutgraf's rate on the peer's sample, when it has one

    @property
    def ratio(self) -> str:
        return fmt_ratio(self.ours_on_peers or self.ours, self.peer_rate)


class Report:
    """The markdown being written, and the charts made for it."""

    def __init__(self, out: Path) -> None:
        self.parts: List[str] = []
        self.headlines: List[Headline] = []
        self.out = out
        self.charts_dir = out.parent / "charts"
        self.charts_dir.mkdir(parents=True, exist_ok=True)

    def add(self, *blocks: str) -> None:
        self.parts.extend(blocks)

    def chart(self, name: str, alt: str, draw: Callable[[Path], Path]) -> None:
        path = draw(self.charts_dir / f"{name}.png")
        self.add(f"![{alt}]({path.relative_to(self.out.parent).as_posix()})")


def fastest_peer(rates: Dict[str, Union[float, str]], ours: str) -> Tuple[str, Optional[float]]:
    peers = {n: r for n, r in rates.items() if n != ours and isinstance(r, float)}
    if not peers:
        return "–", None
    name = max(peers, key=peers.get)
    return name, peers[name]


# ---- sentences -------------------------------------------------------------

def sentences(report: Report, plan: Plan) -> None:
    data = corpus.data_dir()
    tools = segmenters.load_all()
    docs = corpus.gum_documents(None, data)
    if plan.gum_split == "dev+test":
        docs = [d for d in docs if d["split"] != "train"]
    cases = corpus.golden_rules("en", data)
    accuracy = bench_sentences.measure_accuracy(tools, docs, cases)
    speed_docs = corpus.sample(corpus.build_corpus(data=data), plan.speed_bytes)
    speeds = bench_sentences.measure_speed(tools, speed_docs, plan.repeats, plan.budget)
    memory = peak_memory.measure("sentences", [t.name for t in tools], plan.memory_bytes)
    text = corpus.SEPARATOR.join(corpus.build_corpus(max(plan.growth_sizes) + MB, data))
    grown = growth.measure_growth({t.name: t.reason if isinstance(t, segmenters.Unavailable) else t.sentences
                                   for t in tools}, text, plan.growth_sizes, plan.growth_repeats, plan.growth_cap)

    n_gold = sum(len(bench_sentences.boundaries(d["text"], d["offsets"])) for d in docs)
    rates = {n: s.mb_per_s if isinstance(s, bench_sentences.Speed) else s for n, s in speeds.items()}
    f1 = {t.name: accuracy[t.name].overall.f1 if t.name in accuracy else t.reason for t in tools}
    golden = {t.name: float(len(cases) - len(accuracy[t.name].golden_failed)) if t.name in accuracy
              else t.reason for t in tools}
    report.add(
        "## Sentences\n",
        f"Speed: {corpus.utf8_size(speed_docs) / MB:.2f} MB of articles ({len(speed_docs)} documents), "
        f"one call per article returning the sentences as Python strings; median of {plan.repeats} runs "
        f"after a warm-up run; a tool too slow for {plan.budget:g} s per run is timed on an evenly spread "
        f"sample (\"timed on\"). Peak memory: {plan.memory_bytes / MB:g} MB of the same articles "
        "(see *How* below).\n",
        bench_sentences.speed_table(tools, speeds, peak_memory.column(memory)),
        f"\nAccuracy: boundary precision, recall and F1 on UD English GUM ({plan.gum_split or 'all splits'}: "
        f"{len(docs)} documents, {n_gold:,} gold boundaries), and the {len(cases)} English Golden Rules "
        "of pySBD (a case passes when the stripped sentences equal the expected list).\n",
        bench_sentences.accuracy_table(tools, accuracy, len(cases)),
        "\nBoundary F1 by GUM genre:\n",
        bench_sentences.genre_table(tools, accuracy, docs), "",
    )
    report.chart("sentences", "Sentence splitting: MB/s (log), GUM boundary F1, Golden Rules passed",
                 lambda p: charts.bars(p, [
                     charts.Panel("Speed", rates, "MB/s of articles (log scale)", log=True),
                     charts.Panel("Accuracy: UD English GUM", f1, "boundary F1"),
                     charts.Panel("pySBD Golden Rules (en)", golden, f"cases passed of {len(cases)}"),
                 ]))
    report.chart("sentences_growth", "Sentence splitting: seconds per call against input size",
                 lambda p: charts.growth_chart(p, "Sentence splitting: time against input size", grown))
    ours = accuracy.get("nutgraf")
    best = max((a.overall.f1, n) for n, a in accuracy.items() if n != "nutgraf") if len(accuracy) > 1 else (0, "–")
    peer, peer_rate = fastest_peer(rates, "nutgraf")
    report.headlines.append(Headline(
        "sentences", "MB/s", rates.get("nutgraf") if isinstance(rates.get("nutgraf"), float) else None,
        peer, peer_rate,
        f"GUM F1 {ours.overall.f1:.3f}, Golden Rules {len(cases) - len(ours.golden_failed)}/{len(cases)} "
        f"(best peer F1: {best[1]} {best[0]:.3f})" if ours else "–"))


# ---- normalize -------------------------------------------------------------

def normalize(report: Report, plan: Plan) -> None:
    tools = bench_normalize.normalizers()
    docs = corpus.sample(corpus.build_corpus(), plan.speed_bytes)
    results = bench_normalize.measure(tools, docs, plan.repeats, plan.budget)
    ascii_results = bench_normalize.measure(tools, [corpus.to_ascii(d) for d in docs], plan.repeats,
                                            plan.budget)
    memory = peak_memory.measure("normalize", [t.name for t in tools], plan.memory_bytes)
    text = corpus.SEPARATOR.join(corpus.build_corpus(max(plan.growth_sizes) + MB))
    grown = growth.measure_growth({t.name: t.fn or t.reason for t in tools}, text, plan.growth_sizes,
                                  plan.growth_repeats, plan.growth_cap)

    def rates(found):
        return {n: r.mb_per_s if isinstance(r, bench_normalize.Result) else r for n, r in found.items()}

    size = corpus.utf8_size(docs)
    report.add(
        "## Normalize\n",
        f"The articles joined into one string ({size / MB:.2f} MB, non-ASCII included), one call per "
        f"function; median of {plan.repeats} calls after a warm-up call. The functions do different "
        "amounts of work (\"does\"); Δ chars is output length minus input length. nutgraf.normalize "
        "repairs mojibake and lossy punctuation first by default. Peak memory: "
        f"{plan.memory_bytes / MB:g} MB in one string.\n",
        bench_normalize.table(tools, results, peak_memory.column(memory)),
        f"\nThe same text in ASCII only ({corpus.utf8_size([corpus.to_ascii(d) for d in docs]) / MB:.2f} MB), "
        "which shows the ASCII fast paths:\n",
        bench_normalize.table(tools, ascii_results), "",
    )
    report.chart("normalize", "Normalization: MB/s (log), article text and ASCII-only",
                 lambda p: charts.bars(p, [
                     charts.Panel("Articles (non-ASCII included)", rates(results), "MB/s (log scale)", log=True),
                     charts.Panel("ASCII-only variant", rates(ascii_results), "MB/s (log scale)", log=True),
                 ]))
    report.chart("normalize_growth", "Normalization: seconds per call against input size",
                 lambda p: charts.growth_chart(p, "Normalization: time against input size", grown))
    ours_name = tools[0].name
    # The headline peer does comparable clean-up (ftfy, clean-text); the
    # single-step functions are in the table beside it.
    peer, peer_rate = fastest_peer({n: r for n, r in rates(results).items()
                                    if n.startswith(("ftfy", "clean-text"))}, ours_name)
    ours = rates(results).get(ours_name)
    report.headlines.append(Headline("normalize", "MB/s", ours if isinstance(ours, float) else None,
                                     peer, peer_rate, "– (no gold data; see Repair)"))


# ---- repair ----------------------------------------------------------------

def repair(report: Report, plan: Plan) -> None:
    data = corpus.data_dir()
    scores = bench_repair.score_ftfy_cases(data)
    speeds = bench_repair.measure_speed(plan.speed_bytes, plan.repeats)
    memory = peak_memory.measure("repair", list(bench_repair.repairers()), plan.memory_bytes)
    report.add(
        "## Repair\n",
        "Speed: one call per article, on the clean articles and on the same articles damaged (every one "
        "mis-decoded as Windows-1252, every `.` made `?`); median of "
        f"{plan.repeats} runs after a warm-up run. Peak memory: {plan.memory_bytes / MB:g} MB of clean "
        "articles.\n",
        bench_repair.speed_table(speeds, peak_memory.column(memory)),
        "\nAccuracy: exact repairs of ftfy's own test cases (`ftfy_cases`). \"= fixed-encoding\" compares "
        "with ftfy's encoding repair alone, the fair target for a repair that does not uncurl quotes; "
        "\"= fixed\" with `fix_text`'s full output; ftfy's known failures count as failures.\n",
        bench_repair.ftfy_table(scores), "",
    )
    if plan.repair_extras:
        noharm, _ = bench_repair.noharm_table(data)
        report.add("No harm: clean documents of the shared data must come back unchanged.\n", noharm,
                   "\nLossy punctuation (nutgraf only; no peer repairs it): documents damaged by us.\n",
                   bench_repair.lossy_table(data), "")
    exact = {n: s.encoding / s.cases if isinstance(s, bench_repair.CaseScore) else s for n, s in scores.items()}
    panels = [charts.Panel(f"Speed, {label} articles", rates, "MB/s (log scale)", log=True)
              for label, (_, rates) in speeds.items()]
    panels.append(charts.Panel("Accuracy: ftfy's test cases", exact, "share repaired exactly (= fixed-encoding)"))
    report.chart("repair", "Repair: MB/s (log) and exact repairs of ftfy's cases",
                 lambda p: charts.bars(p, panels))
    clean_rates = speeds["clean"][1]
    damaged_rates = speeds.get("damaged", speeds["clean"])[1]
    ours = damaged_rates.get("nutgraf.repair")
    peer, peer_rate = fastest_peer(damaged_rates, "nutgraf.repair")
    ours_score = scores.get("nutgraf.repair")
    peer_scores = [s for n, s in scores.items() if n != "nutgraf.repair" and isinstance(s, bench_repair.CaseScore)]
    accuracy = "–"
    if isinstance(ours_score, bench_repair.CaseScore):
        accuracy = f"ftfy cases exact {ours_score.encoding}/{ours_score.cases}"
        if peer_scores:
            accuracy += f" (ftfy {peer_scores[0].encoding}/{peer_scores[0].cases})"
    report.headlines.append(Headline("repair (damaged text)", "MB/s", ours if isinstance(ours, float) else None,
                                     peer, peer_rate, accuracy))
    ours_clean = clean_rates.get("nutgraf.repair")
    peer, peer_rate = fastest_peer(clean_rates, "nutgraf.repair")
    report.headlines.append(Headline("repair (clean text)", "MB/s",
                                     ours_clean if isinstance(ours_clean, float) else None, peer, peer_rate,
                                     "returns clean text unchanged"))


# ---- summaries -------------------------------------------------------------

def summaries(report: Report, plan: Plan) -> None:
    systems, missing = bench_summarize.all_systems(None)
    timed = [n for n in systems if not n.startswith("nutgraf:") or n == "nutgraf:auto"]
    speeds = bench_summarize.measure_speed(systems, plan.summary_speed[0], plan.repeats, plan.summary_speed[1])
    memory = peak_memory.measure("summaries", timed, plan.memory_articles)
    column = peak_memory.column(memory)
    column[1].update({peer: "–" for peer in missing})
    report.add(
        "## Summaries\n",
        "Speed: the whole path (raw article in, 3-sentence summary out) on cnndm articles; nutgraf auto and "
        f"Lead-3 on {plan.summary_speed[0]} articles, median of {plan.repeats} runs after a warm-up run; the "
        f"slower peers once on an evenly spread sample of about {plan.summary_speed[1]}, and nutgraf auto on "
        "that sample too, against which their ratios are taken (the same articles). Peak memory: the "
        f"first {plan.memory_articles} cnndm articles.\n",
        bench_summarize.speed_table(speeds, missing, column),
        "\nAccuracy: ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 ×100 (rouge-score, Porter stemmer), "
        + (f"the first {plan.summary_records} records of each set" if plan.summary_records
           else "every record of each set")
        + ", k = 3 sentences for cnndm and bbc, 1 for xsum and gum. DEV/TEST are the halves of the records "
        "(auto's weights were chosen on the DEV halves of the full sets).\n",
    )
    cnndm = None
    for name in bench_summarize.SETS:
        result = bench_summarize.score_set(systems, name, plan.summary_records)
        cnndm = cnndm or result
        report.add(f"**{name}** ({result.records} records, k = {result.k})\n",
                   bench_summarize.quality_table(result, missing), "")
    rates: Dict[str, Union[float, str]] = {n: s.rate for n, s in speeds.items()}
    rates.update(missing)

    def metric(i):
        found: Dict[str, Union[float, str]] = {n: s["all"][i] for n, s in cnndm.scores.items()}
        found.update(missing)
        return found

    report.chart("summaries", "Summaries: articles/s (log) and ROUGE on cnndm",
                 lambda p: charts.bars(p, [
                     charts.Panel("Speed (cnndm, whole path)", rates, "articles/s (log scale)", log=True),
                     charts.Panel(f"cnndm ({cnndm.records} records)", metric(0), "ROUGE-1 F1 ×100"),
                     charts.Panel(f"cnndm ({cnndm.records} records)", metric(1), "ROUGE-2 F1 ×100"),
                     charts.Panel(f"cnndm ({cnndm.records} records)", metric(2), "ROUGE-Lsum F1 ×100"),
                 ]))
    ours = rates.get("nutgraf:auto")
    peer, peer_rate = fastest_peer({n: r for n, r in rates.items() if n != "lead"}, "nutgraf:auto")
    auto = cnndm.scores["nutgraf:auto"]["all"]
    peers = {n: s["all"] for n, s in cnndm.scores.items() if not n.startswith("nutgraf") and n != "lead"}
    best = max(peers, key=lambda n: peers[n][0]) if peers else None
    lead = cnndm.scores["lead"]["all"]
    report.headlines.append(Headline(
        "summaries (nutgraf auto)", "articles/s", ours if isinstance(ours, float) else None, peer, peer_rate,
        f"cnndm R1/R2/RL {auto[0]:.1f}/{auto[1]:.1f}/{auto[2]:.1f}; Lead-3 {lead[0]:.1f}/{lead[1]:.1f}/{lead[2]:.1f}"
        + (f"; best peer {best} {peers[best][0]:.1f}/{peers[best][1]:.1f}/{peers[best][2]:.1f}" if best else ""),
        speeds[peer].ours if peer in speeds else None))


# ---- threads ---------------------------------------------------------------

def threads(report: Report, plan: Plan) -> None:
    docs = corpus.sample(corpus.build_corpus(), plan.speed_bytes)
    rates = bench_threads.measure(docs, plan.repeats)
    report.add(
        "## Threads\n",
        f"The batch functions over {corpus.utf8_size(docs) / MB:.2f} MB of articles ({len(docs)} documents) "
        f"with 1 thread and with more; median of {plan.repeats} runs after a warm-up run. No peer offers "
        "these, so there is no ratio; the speed-up is bounded by the cores and by the share of time spent "
        "holding the GIL (result objects, argument handling).\n",
        bench_threads.table(rates), "",
    )


# ---- the report ------------------------------------------------------------

SECTIONS: Dict[str, Callable[[Report, Plan], None]] = {
    "sentences": sentences, "normalize": normalize, "repair": repair,
    "summaries": summaries, "threads": threads,
}

HOW = """## How

* **Timing** (`timing.py`): every tool of a table runs in this one process on
  the same input, in turns (run 1 of each tool, then run 2, ...), so that load
  from elsewhere on the machine hits them alike; each run gets fresh copies of
  the strings (CPython caches a string's UTF-8 form); the figure is the median
  of the timed runs after one warm-up run. `nutgraf ×` is nutgraf's rate
  divided by the peer's, both from this run.
* **Peak memory** (`peak_memory.py`): each tool alone in a fresh Python
  process that imports only that tool, reads its input, warms up on one
  document, resets the kernel's high-water mark, then runs the workload
  keeping every result. *peak RSS* is the process's peak resident set
  (`VmHWM`) during the workload: interpreter, the tool's imports and models,
  input and results. *Δ run* is that peak minus the resident size just
  before: what the work itself added. Resident size rather than tracemalloc,
  which does not see memory allocated by C, C++ or Rust code.
* **Growth** (`growth.py`): one call on one string, a prefix of the joined
  articles, at sizes from 1 KB up by 4×; a tool stops growing once a call
  takes more than a quarter of the cap, and the chart's legend says where.
* Each capability's script (`bench_sentences.py`, `bench_normalize.py`,
  `bench_repair.py`, `bench_summarize.py`, `bench_threads.py`) measures and
  prints the same tables on its own, with more options.
"""


def headline_table(headlines: List[Headline]) -> str:
    rows = [[h.capability, f"{fmt_rate(h.ours)} {h.unit}", f"{h.peer}: {fmt_rate(h.peer_rate)}",
             h.ratio, h.accuracy] for h in headlines]
    return markdown_table(["capability", "nutgraf", "fastest peer", "nutgraf ×", "accuracy"], rows,
                          [False, True, False, True, False])


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small samples; finishes in under two minutes")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="the markdown file to write")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), help="sections to run (default: all)")
    args = parser.parse_args(argv)
    try:
        corpus.data_dir()
    except corpus.DataMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    plan = QUICK if args.quick else FULL
    out = args.out.resolve()
    report = Report(out)
    started = time.perf_counter()
    failed = []
    for name in args.only or SECTIONS:
        print(f"{name} ...", file=sys.stderr, flush=True)
        section_start = time.perf_counter()
        try:
            SECTIONS[name](report, plan)
        except Exception as exc:  # the other sections still run; this one says why it has no table
            traceback.print_exc()
            failed.append(name)
            report.add(f"## {name.capitalize()}\n", f"**failed**: `{type(exc).__name__}: {exc}`\n")
        report.add(f"*{name}: {time.perf_counter() - section_start:.0f} s*\n")
    elapsed = time.perf_counter() - started

    command = "python benchmarks/report.py" + (" " + shlex.join(argv if argv is not None else sys.argv[1:])
                                                if (argv if argv is not None else sys.argv[1:]) else "")
    facts = machine.describe()
    header = [
        f"# nutgraf benchmarks{' (quick run)' if args.quick else ''}\n",
        f"Made by `{command}` (`make bench{' QUICK=1' if args.quick else ''}` installs the peers first) on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC in {elapsed / 60:.1f} minutes, on the shared "
        "evaluation data (`../shared/data`). Every figure below was measured in that one run.\n",
        markdown_table(["machine", ""], list(facts.items())), "",
        "Versions: " + ", ".join(f"{d} {v}" for d, v in machine.versions().items()) + ".\n",
        "## Headline\n",
        "nutgraf beside the fastest peer of each capability in this run (normalize: the faster of ftfy "
        "and clean-text, which clean up as nutgraf does; the single-step functions are in its table).\n",
        headline_table(report.headlines), "",
    ]
    out.write_text("\n".join(header + report.parts + [HOW]), encoding="utf-8")
    print(f"wrote {out} and {report.charts_dir}/ in {elapsed:.0f} s", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

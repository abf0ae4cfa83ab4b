"""Text repair: nutgraf.repair beside ftfy, for accuracy and speed.

Usage::

    python benchmarks/bench_repair.py            # everything
    python benchmarks/bench_repair.py --quick    # a 1 MB speed sample
    python benchmarks/bench_repair.py --only ftfy,noharm,lossy,speed

Four tables:

1. **ftfy's own test cases** (``shared/data/ftfy_cases``, ftfy 6.3.1's
   ``tests/test-cases``): the share repaired exactly, beside ftfy on the same
   cases. "Exactly" is compared two ways: with ``fixed-encoding`` (ftfy's
   ``fix_encoding``: the encoding repair alone, the fair target for a repair
   that does not straighten quotes; where absent it equals ``fixed``), and
   with ``fixed`` (``fix_text``, which also uncurls quotes, decodes entities
   and more). ftfy's ``known-failures`` stay in the count as failures, as
   ftfy's test suite counts them (strict xfail). "+1 layer" adds ftfy's own
   check of the same cases once more mis-decoded as Latin-1.
2. **No harm**: every clean document of the shared data, repaired, must come
   back byte for byte. XSum holds about 95 articles with real mojibake from
   its crawl; those are positives, counted apart (and compared with ftfy's
   ``fix_encoding`` applied line by line).
3. **Lossy punctuation**: each clean document damaged by us, once with every
   ``.`` turned to ``?`` and once with every ``’ “ ” —`` turned to ``?``; the
   share of damaged positions restored exactly, the share of the real ``?``
   changed, and the share of documents whose sentence spans after repair
   equal those of the original. Then the same per source file and per GUM
   genre (``gum`` and ``ud`` are the same GUM texts, from the summarization
   file and from the UD file, which has one document more), to show where
   the residue lives.
4. **Speed**: MB/s of UTF-8 input on the >= 10 MB corpus of ``corpus.py``,
   clean and damaged (every document mis-decoded as Windows-1252, and every
   ``.`` made ``?``), nutgraf.repair beside ftfy.fix_text and
   ftfy.fix_encoding, one document per call (as a pipeline calls them).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple, Union

import corpus
from timing import (MB, Column, Job, copy_text, extra_cell, fmt_rate, fmt_ratio, markdown_table, measure_all,
                    unavailable)

import nutgraf


def load_ftfy():
    """ftfy with its sloppy codecs registered, or None if it is not installed."""
    try:
        import ftfy
        import ftfy.bad_codecs  # noqa: F401  (the sloppy-windows-1252 codec for damage)
    except ImportError:
        return None
    return ftfy


FTFY_SETS = ("in-the-wild", "synthetic", "negative", "language-names", "known-failures")
CLEAN_FILES = (
    ("summarization/cnndm_validation.jsonl", "article"),
    ("summarization/bbc_news_summary.jsonl", "article"),
    ("summarization/xsum_test.jsonl", "article"),
    ("summarization/gum.jsonl", "article"),
    ("ud_sentences/en_gum.jsonl", "text"),
)
QUOTES = str.maketrans({"\u2019": "?", "\u201c": "?", "\u201d": "?", "\u2014": "?"})


def ftfy_cases(data: Path) -> List[dict]:
    cases = []
    for name in FTFY_SETS:
        cases += list(corpus.read_jsonl(data / "ftfy_cases" / f"{name}.jsonl"))
    return cases


@dataclass
class CaseScore:
    """Exact repairs of one tool on ftfy's cases (counts of cases)."""
    cases: int
    encoding: int  # output == fixed-encoding
    text: int  # output == fixed
    layer: int  # one more Latin-1 layer, output == fixed-encoding
    by_set: Dict[str, Tuple[int, int]]  # set -> (== fixed-encoding, cases)


def score_ftfy_cases(data: Path) -> Dict[str, Union[CaseScore, str]]:
    """nutgraf.repair and ftfy on ftfy's own cases; "not installed" for a missing ftfy."""
    cases = ftfy_cases(data)
    ftfy = load_ftfy()
    tools: Dict[str, Optional[Tuple[Callable, Callable]]] = {"nutgraf.repair": (nutgraf.repair, nutgraf.repair)}
    name = f"ftfy {ftfy.__version__} (fix_encoding / fix_text)" if ftfy else "ftfy"
    tools[name] = (ftfy.fix_encoding, ftfy.fix_text) if ftfy else None
    scores: Dict[str, Union[CaseScore, str]] = {}
    for name, fns in tools.items():
        if fns is None:
            scores[name] = "not installed (ftfy)"
            continue
        enc_fn, text_fn = fns
        by_set: Dict[str, List[int]] = {}
        enc = txt = layer = 0
        for case in cases:
            target = case.get("fixed-encoding", case["fixed"])
            ok = enc_fn(case["original"]) == target
            enc += ok
            txt += text_fn(case["original"]) == case["fixed"]
            layer += enc_fn(case["original"].encode("utf-8").decode("latin-1")) == target
            by_set.setdefault(case["set"], [0, 0])
            by_set[case["set"]][0] += ok
            by_set[case["set"]][1] += 1
        scores[name] = CaseScore(len(cases), enc, txt, layer, {k: (a, b) for k, (a, b) in by_set.items()})
    return scores


def ftfy_table(scores: Dict[str, Union[CaseScore, str]]) -> str:
    rows = []
    for name, score in scores.items():
        if isinstance(score, str):
            rows.append([name, score, "–", "–"] + ["–"] * len(FTFY_SETS))
            continue
        n = score.cases
        rows.append([name] + [f"{k}/{n} ({k / n:.1%})" for k in (score.encoding, score.text, score.layer)]
                    + [f"{a}/{b}" for a, b in (score.by_set[s] for s in FTFY_SETS)])
    return markdown_table(["tool", "= fixed-encoding", "= fixed", "+1 layer (= fixed-encoding)", *FTFY_SETS],
                          rows)


def clean_documents(data: Path) -> List[Tuple[str, str, str]]:
    """(file, id, text) of every document of the clean sets."""
    docs = []
    for rel, field in CLEAN_FILES:
        for record in corpus.read_jsonl(data / rel):
            docs.append((rel, record.get("id", ""), record[field]))
    return docs


def noharm_table(data: Path) -> Tuple[str, List[str]]:
    ftfy = load_ftfy()
    rows, changed_ids = [], []
    per: Dict[str, List[int]] = {}
    agree = positives = 0
    for rel, ident, text in clean_documents(data):
        out = nutgraf.repair(text)
        stats = per.setdefault(rel, [0, 0])
        stats[0] += 1
        if out != text:
            stats[1] += 1
            changed_ids.append(f"{rel}:{ident}")
            if "xsum" in rel:
                positives += 1
                if ftfy:
                    agree += out == "\n".join(ftfy.fix_encoding(line) for line in text.split("\n"))
    for rel, (n, changed) in per.items():
        note = ""
        if "xsum" in rel:
            note = f"positives (real mojibake); same result as ftfy per line: {agree}/{positives}"
        rows.append([rel, n, changed, note])
    return markdown_table(["file", "documents", "changed", "note"], rows, [False, True, True]), changed_ids


def damage(text: str, kind: str) -> Tuple[str, List[int]]:
    if kind == "periods":
        return text.replace(".", "?"), [i for i, c in enumerate(text) if c == "."]
    return text.translate(QUOTES), [i for i, c in enumerate(text) if c in "\u2019\u201c\u201d\u2014"]


def lossy_eval(texts: List[str], kind: str) -> Dict[str, float]:
    """Damage each text, repair, compare with the original (positions align:
    every replacement is one character for one)."""
    n_docs = damaged = restored = real = wrong = same_spans = same_sents = 0
    for text in texts:
        bad, positions = damage(text, kind)
        if not positions:
            continue
        n_docs += 1
        fixed = nutgraf.repair(bad)
        if len(fixed) != len(text):  # cannot happen; counted as all wrong
            damaged += len(positions)
            continue
        damaged += len(positions)
        restored += sum(fixed[i] == text[i] for i in positions)
        questions = [i for i, c in enumerate(text) if c == "?"]
        real += len(questions)
        wrong += sum(fixed[i] != "?" for i in questions)
        same_spans += nutgraf.sentence_spans(bad, repair=True) == nutgraf.sentence_spans(text)
        same_sents += nutgraf.sentences(bad, repair=True) == nutgraf.sentences(text)
    return {
        "documents": n_docs, "damaged": damaged, "restored": restored / max(damaged, 1),
        "real": real, "wrong": wrong / max(real, 1), "wrong_n": wrong,
        "spans": same_spans / max(n_docs, 1), "sentences": same_sents / max(n_docs, 1),
    }


SOURCE_NAMES = {
    "summarization/cnndm_validation.jsonl": "cnndm",
    "summarization/bbc_news_summary.jsonl": "bbc",
    "summarization/xsum_test.jsonl": "xsum",
    "summarization/gum.jsonl": "gum",
    "ud_sentences/en_gum.jsonl": "ud",
}


def lossy_by_source_table(data: Path) -> str:
    """lossy_eval per source file and per GUM genre (of the UD file), for
    both kinds of damage."""
    groups: Dict[str, List[str]] = {}
    for rel, field in CLEAN_FILES:
        for record in corpus.read_jsonl(data / rel):
            text = record[field]
            if nutgraf.repair(text) != text:
                continue  # XSum's articles with real mojibake
            groups.setdefault(SOURCE_NAMES[rel], []).append(text)
            if rel.startswith("ud_sentences"):
                groups.setdefault(f"ud: {record['genre']}", []).append(text)
    rows = []
    for kind, label in (("periods", ". → ?"), ("quotes", "’ “ ” — → ?")):
        for name, texts in groups.items():
            r = lossy_eval(texts, kind)
            if not r["documents"]:
                continue
            rows.append([label, name, r["documents"], r["damaged"], f"{r['restored']:.2%}", r["real"],
                         f"{r['wrong']:.2%} ({r['wrong_n']})", f"{r['spans']:.2%}", f"{r['sentences']:.2%}"])
    return markdown_table(["damage", "source", "documents", "damaged positions", "restored exactly", "real ?",
                           "real ? changed", "same sentence spans", "same sentences"], rows,
                          [False, False, True, True, True, True, True, True, True])


def lossy_table(data: Path) -> str:
    texts = [t for _, _, t in clean_documents(data)]
    texts = [t for t in dict.fromkeys(texts) if nutgraf.repair(t) == t]
    rows = []
    for kind, label in (("periods", "every . → ?"), ("quotes", "every ’ “ ” — → ?")):
        r = lossy_eval(texts, kind)
        rows.append([label, r["documents"], r["damaged"], f"{r['restored']:.2%}", r["real"],
                     f"{r['wrong']:.2%} ({r['wrong_n']})", f"{r['spans']:.2%}", f"{r['sentences']:.2%}"])
    return markdown_table(["damage", "documents", "damaged positions", "restored exactly", "real ?",
                           "real ? changed", "same sentence spans", "same sentences"], rows,
                          [False, True, True, True, True, True, True, True])


def mojibake_damage(text: str) -> str:
    """text as a UTF-8 reader gets it after a Windows-1252 round trip (needs ftfy's codec)."""
    return text.encode("utf-8").decode("sloppy-windows-1252")


def repairers(only: Optional[str] = None) -> Dict[str, Union[Callable[[str], object], str]]:
    """The repair functions compared for speed, or why one is missing; `only`
    sets up just the one of that name."""
    tools: Dict[str, Union[Callable[[str], object], str]] = {}
    for name in ("nutgraf.repair", "ftfy.fix_text", "ftfy.fix_encoding"):
        if only not in (None, name):
            continue
        ftfy = load_ftfy() if name.startswith("ftfy") else None
        if name == "nutgraf.repair":
            tools[name] = nutgraf.repair
        elif ftfy is None:
            tools[name] = "not installed (ftfy)"
        else:
            tools[name] = getattr(ftfy, name.split(".")[1])
    return tools


def measure_speed(max_bytes: int, repeats: int) -> Dict[str, Tuple[int, Dict[str, Union[float, str]]]]:
    """For the clean and the damaged corpus (or an evenly spread sample of
    about max_bytes): its size in bytes, and each function's MB/s (one
    document per call) or why it has none.

    The damaged corpus needs ftfy's codec; without ftfy only the clean one is timed.
    """
    clean = corpus.sample(corpus.build_corpus(), max_bytes)
    texts = {"clean": clean}
    if load_ftfy():
        texts["damaged"] = [mojibake_damage(t).replace(".", "?") for t in clean]
    tools = repairers()
    outcome = {}
    for label, docs in texts.items():
        nbytes = corpus.utf8_size(docs)

        def fresh(docs=docs):
            return [copy_text(d) for d in docs]

        jobs = {name: Job(lambda ds, fn=fn: [fn(d) for d in ds], fresh)
                for name, fn in tools.items() if not isinstance(fn, str)}
        rates: Dict[str, Union[float, str]] = {name: fn for name, fn in tools.items() if isinstance(fn, str)}
        for name, timing in measure_all(jobs, repeats=repeats).items():
            rates[name] = unavailable(timing) if isinstance(timing, Exception) else timing.rate(nbytes) / MB
        outcome[label] = (nbytes, {name: rates[name] for name in tools})
    return outcome


def speed_table(speeds: Dict[str, Tuple[int, Dict[str, Union[float, str]]]],
                column: Optional[Column] = None) -> str:
    """One row per function and text: MB/s and nutgraf's ratio; `column` (a
    header and a value per function name) is added last."""
    rows = []
    for label, (nbytes, rates) in speeds.items():
        ours = rates.get("nutgraf.repair")
        ours = ours if isinstance(ours, float) else None
        for name, rate in rates.items():
            if isinstance(rate, str):
                rows.append([name, label, f"{nbytes / MB:.1f}", rate, "–"] + extra_cell(column, name))
                continue
            rows.append([name, label, f"{nbytes / MB:.1f}", fmt_rate(rate),
                         "1.0×" if name == "nutgraf.repair" else fmt_ratio(ours, rate)]
                        + extra_cell(column, name))
    headers = ["function", "text", "MB", "MB/s", "nutgraf ×"] + ([column[0]] if column else [])
    return markdown_table(headers, rows, [False, False] + [True] * (len(headers) - 2))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="speed on a 1 MB sample")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="ftfy,noharm,lossy,speed")
    args = parser.parse_args(argv)
    data = corpus.data_dir()
    only = set(args.only.split(","))
    if "ftfy" in only:
        print("## ftfy's test cases\n\n" + ftfy_table(score_ftfy_cases(data)) + "\n")
    if "noharm" in only:
        table, _ = noharm_table(data)
        print("## No harm on clean documents\n\n" + table + "\n")
    if "lossy" in only:
        print("## Lossy punctuation (damaged by us)\n\n" + lossy_table(data) + "\n")
        print("### By source and GUM genre\n\n" + lossy_by_source_table(data) + "\n")
    if "speed" in only:
        size = 1_000_000 if args.quick else corpus.DEFAULT_MIN_BYTES
        print("## Speed\n\n" + speed_table(measure_speed(size, args.repeats)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

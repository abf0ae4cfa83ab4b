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
   equal those of the original.
4. **Speed**: MB/s of UTF-8 input on the >= 10 MB corpus of ``corpus.py``,
   clean and damaged (every document mis-decoded as Windows-1252, and every
   ``.`` made ``?``), nutgraf.repair beside ftfy.fix_text and
   ftfy.fix_encoding, one document per call (as a pipeline calls them).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import corpus
from timing import MB, Job, copy_text, fmt_rate, fmt_ratio, markdown_table, measure_all

import nutgraf

try:
    import ftfy
    import ftfy.bad_codecs  # noqa: F401  (the sloppy-windows-1252 codec for damage)
except ImportError:  # pragma: no cover - reported in the tables
    ftfy = None

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


def ftfy_table(data: Path) -> str:
    cases = ftfy_cases(data)
    tools = [("nutgraf.repair", nutgraf.repair, nutgraf.repair)]
    if ftfy:
        tools.append((f"ftfy {ftfy.__version__} (fix_encoding / fix_text)", ftfy.fix_encoding, ftfy.fix_text))
    rows = []
    for name, enc_fn, text_fn in tools:
        by_set: Dict[str, List[int]] = {}
        enc = txt = layer = 0
        for case in cases:
            target = case.get("fixed-encoding", case["fixed"])
            got = enc_fn(case["original"])
            ok = got == target
            enc += ok
            txt += text_fn(case["original"]) == case["fixed"]
            layer += enc_fn(case["original"].encode("utf-8").decode("latin-1")) == target
            by_set.setdefault(case["set"], [0, 0])
            by_set[case["set"]][0] += ok
            by_set[case["set"]][1] += 1
        n = len(cases)
        rows.append([name, f"{enc}/{n} ({enc / n:.1%})", f"{txt}/{n} ({txt / n:.1%})",
                     f"{layer}/{n} ({layer / n:.1%})"]
                    + [f"{a}/{b}" for a, b in (by_set[s] for s in FTFY_SETS)])
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
    return text.encode("utf-8").decode("sloppy-windows-1252") if ftfy else text


def speed_table(min_bytes: int, repeats: int) -> str:
    clean = corpus.build_corpus(min_bytes)
    damaged = [mojibake_damage(t).replace(".", "?") for t in clean]
    rows = []
    for label, docs in (("clean", clean), ("damaged", damaged)):
        nbytes = corpus.utf8_size(docs)

        def fresh(docs=docs):
            return [copy_text(d) for d in docs]

        jobs = {"nutgraf": Job(lambda ds: [nutgraf.repair(d) for d in ds], fresh)}
        if ftfy:
            jobs["fix_text"] = Job(lambda ds: [ftfy.fix_text(d) for d in ds], fresh)
            jobs["fix_encoding"] = Job(lambda ds: [ftfy.fix_encoding(d) for d in ds], fresh)
        timings = measure_all(jobs, repeats=repeats)
        rate = {name: (t.rate(nbytes) / MB if not isinstance(t, Exception) else None)
                for name, t in timings.items()}
        ours, fix_text, fix_enc = rate["nutgraf"], rate.get("fix_text"), rate.get("fix_encoding")
        rows.append([label, f"{nbytes / MB:.1f}", fmt_rate(ours), fmt_rate(fix_text), fmt_rate(fix_enc),
                     fmt_ratio(ours, fix_text), fmt_ratio(ours, fix_enc)])
    return markdown_table(["text", "MB", "nutgraf.repair MB/s", "ftfy.fix_text MB/s", "ftfy.fix_encoding MB/s",
                           "× fix_text", "× fix_encoding"], rows, [False, True, True, True, True, True, True])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="speed on a 1 MB sample")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="ftfy,noharm,lossy,speed")
    args = parser.parse_args(argv)
    data = corpus.data_dir()
    only = set(args.only.split(","))
    if "ftfy" in only:
        print("## ftfy's test cases\n\n" + ftfy_table(data) + "\n")
    if "noharm" in only:
        table, _ = noharm_table(data)
        print("## No harm on clean documents\n\n" + table + "\n")
    if "lossy" in only:
        print("## Lossy punctuation (damaged by us)\n\n" + lossy_table(data) + "\n")
    if "speed" in only:
        size = 1_000_000 if args.quick else corpus.DEFAULT_MIN_BYTES
        print("## Speed\n\n" + speed_table(size, args.repeats) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Writes seed corpora for the libFuzzer harnesses from the shared gold data.

Usage: python tools/fuzz_seeds.py OUT_DIR [DATA_DIR]

Each harness gets slices of real text: articles, GUM documents, ftfy's
mojibake cases and the golden-rule sentences, at most 4 KiB each. The
normalize harness reads its options from the first two bytes, so its seeds
get every option byte pair in turn.
"""
import json
import sys
from pathlib import Path

SOURCES = [
    ("summarization/cnndm_validation.jsonl", "article"),
    ("summarization/bbc_news_summary.jsonl", "article"),
    ("summarization/xsum_test.jsonl", "article"),
    ("ud_sentences/en_gum.jsonl", "text"),
    ("ftfy_cases/in-the-wild.jsonl", "original"),
    ("ftfy_cases/synthetic.jsonl", "original"),
    ("golden_rules/en.jsonl", "text"),
    ("golden_rules/extra/en.jsonl", "text"),
]
PER_SOURCE = 60
MAX_BYTES = 4096


def texts(data: Path):
    for relative, field in SOURCES:
        with open(data / relative, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= PER_SOURCE:
                    break
                yield json.loads(line)[field].encode("utf-8")[:MAX_BYTES]


def main(out: Path, data: Path) -> None:
    for harness in ("normalize", "segment"):
        (out / harness).mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts(data)):
        (out / "segment" / f"seed{i:04}").write_bytes(text)
        options = bytes([i % 64, i % 5])
        (out / "normalize" / f"seed{i:04}").write_bytes(options + text)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here.parent / "shared" / "data")

"""Writes seed corpora for the libFuzzer harnesses from the shared gold data.

Usage: python tools/fuzz_seeds.py OUT_DIR [DATA_DIR]

Seeds are slices of real text: articles, GUM documents, ftfy's mojibake cases
and the golden-rule sentences, at most 4 KiB each. OUT_DIR/text holds them as
they are, for harnesses that take plain text; OUT_DIR/options puts two option
bytes in front of each (cycling through the values), for harnesses whose first
two bytes choose their options.
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
    for kind in ("text", "options"):
        (out / kind).mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts(data)):
        (out / "text" / f"seed{i:04}").write_bytes(text)
        (out / "options" / f"seed{i:04}").write_bytes(bytes([i % 256, (i * 7) % 256]) + text)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here.parent / "shared" / "data")

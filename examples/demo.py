"""The demo that `bash run.sh demo` runs: nutgraf's main job on one article.

Usage: python examples/demo.py ARTICLE.txt
"""
import sys
import textwrap

import nutgraf


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        raw = f.read()

    clean = nutgraf.normalize(raw, offsets=True)
    print(f"== normalize: {len(raw):,} characters in, {len(clean.text):,} out, "
          f"{len(clean.runs)} runs in the offset map")
    print(textwrap.indent(clean.text[:400] + " ...", "   "))

    spans = nutgraf.sentence_spans(clean.text)
    print(f"\n== sentences: {len(spans)}, each with its span in the raw file")
    for number, (start, end) in enumerate(spans, 1):
        raw_start, raw_end = clean.original_span(start, end)
        sentence = " ".join(clean.text[start:end].split())
        print(f"{number:3}. [{raw_start:5}:{raw_end:5}] {textwrap.shorten(sentence, 90)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/article.txt")

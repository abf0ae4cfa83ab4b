"""The demo that `bash run.sh demo` runs: nutgraf's main job on one article.

It reads a raw scraped article, tells its parts apart, summarizes the body,
and shows where every sentence sits in the raw file.

Usage: python examples/demo.py ARTICLE.txt
"""
import sys
import textwrap

import nutgraf


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        raw = f.read()

    doc = nutgraf.Document(raw)
    print(f"== {path}: {len(raw):,} characters")
    print(f"title:       {doc.title}")
    print(f"byline:      {' / '.join(doc.byline)}")
    print(f"body:        {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences")
    print(f"boilerplate: {doc.boilerplate}")

    print("\n== summary (3 sentences, in article order)")
    for sentence in doc.summary(3):
        print(textwrap.fill(sentence.text, 88, initial_indent="  * ", subsequent_indent="    "))

    print("\n== keywords")
    print("  " + ", ".join(word for word, _ in doc.keywords(8)))

    print("\n== every body sentence, its score, and its span in the raw file")
    for sentence in doc.scored():
        bar = "#" * round(sentence.score * 20)
        line = " ".join(raw[sentence.start:sentence.end].split())
        print(f"{sentence.index:3} [{sentence.start:5}:{sentence.end:5}] {bar:<20} {textwrap.shorten(line, 60)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/article.txt")

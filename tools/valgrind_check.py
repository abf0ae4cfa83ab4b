"""A representative run of every API function, for `make valgrind`.

Valgrind's leak checker runs this under PYTHONMALLOC=malloc (so that Python's
own allocations are visible as ordinary mallocs); any "definitely lost" block
that names a function of the nutgraf core or binding is a leak of ours.
"""
from pathlib import Path

import nutgraf

ARTICLE = (Path(__file__).resolve().parent.parent / "examples" / "article.txt").read_text(encoding="utf-8")
DAMAGED = "The caf\u00c3\u00a9\u00e2\u20ac\u2122s U?S? owner paid $1?5m? Is it too late? investment\ufffdit\u2019s"

for text in (ARTICLE, DAMAGED, "", "\x00", ARTICLE * 20):
    nutgraf.normalize(text, offsets=True).original_span(0, 1)
    nutgraf.normalize(text, form="NFKC", casefold=True, ascii_punct=True, dehyphenate=True)
    nutgraf.repair(text, offsets=True)
    nutgraf.sentences(text)
    nutgraf.sentence_spans(text, repair=True)
    doc = nutgraf.Document(text)
    doc.summary(3)._repr_html_()
    doc.keywords(5)
    for method in nutgraf.METHODS:
        nutgraf.rank(text, method=method)
    nutgraf.score(nutgraf.sentences(text) or ["x"], method="lexrank")
    list(nutgraf.summarize_many([text] * 4, threads=2))
for bad in (None, "\ud800"):
    try:
        nutgraf.sentences(bad)
    except (TypeError, ValueError):
        pass
print("ok")

"""Leaks and reference counts: 100,000 calls of each API function, on the
success path and on error paths, leave resident memory where it was."""
import os

import pytest

import nutgraf

CALLS = 100_000
# Allowed growth of resident memory over CALLS calls. A leak of even 16 bytes
# a call would add 1.6 MB; allocator noise stays well below this.
MAX_GROWTH = 1_500_000

TEXT = "Dr. Park said the U.S. plan costs $1.5 bn &amp; more.\u00a0“It works,” she said.\n\nNext one é."


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def calls_of(call):
    def run(n):
        for _ in range(n):
            try:
                call()
            except (TypeError, ValueError):
                pass

    return run


CASES = {
    "normalize": lambda: nutgraf.normalize(TEXT),
    "normalize_offsets": lambda: nutgraf.normalize(TEXT, offsets=True).to_original(10),
    "normalize_nfkc_casefold": lambda: nutgraf.normalize(TEXT, form="NFKC", casefold=True, ascii_punct=True),
    "sentences": lambda: nutgraf.sentences(TEXT),
    "sentence_spans": lambda: nutgraf.sentence_spans(TEXT),
    "summarize": lambda: nutgraf.summarize(TEXT, n=1),
    "score": lambda: nutgraf.score(["One sentence here.", "Another one there."], method="textrank"),
    "keywords": lambda: nutgraf.keywords(TEXT, n=3),
    "error_type": lambda: nutgraf.sentences(None),
    "error_lang": lambda: nutgraf.sentences(TEXT, lang="zz"),
    "error_surrogate": lambda: nutgraf.normalize("ab\ud800"),
    "error_form": lambda: nutgraf.normalize(TEXT, form="bad"),
    "error_method": lambda: nutgraf.summarize(TEXT, method="bad"),
}
if hasattr(nutgraf, "repair"):
    CASES["repair"] = lambda: nutgraf.repair("donâ€™t stop?")


@pytest.mark.skipif(
    bool(os.environ.get("NUTGRAF_SANITIZED")),
    reason="AddressSanitizer keeps freed memory in quarantine; this check runs in the normal build",
)
@pytest.mark.parametrize("name", sorted(CASES))
def test_no_growth_over_many_calls(name):
    run = calls_of(CASES[name])
    run(CALLS // 10)  # warm-up: caches, free lists, interned strings settle
    before = rss()
    run(CALLS)
    growth = rss() - before
    assert growth < MAX_GROWTH, f"{name}: resident memory grew by {growth:,} bytes over {CALLS:,} calls"

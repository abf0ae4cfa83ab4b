"""Time linear in the input on adversarial inputs, for every capability.

Each case times a function on 1 MB and on 16 MB of the same repeated unit
(the best CPU time of three runs each) and bounds the ratio. Linear is 16x and quadratic
256x; cache effects at 16 MB measured up to 21x, so the bound is 32x. Under
AddressSanitizer, whose shadow memory and freed-memory quarantine cost more
at 16 MB than at 1 MB, summarize measured 33x, so the sanitized run allows 64x,
still a quarter of quadratic. Ratios, not absolute times, so a slow or busy
machine does not fail the test.
"""
import os
import time

import pytest

import nutgraf
from nutgraf import _core

SMALL, LARGE = 1 << 20, 16 << 20
BOUND = 64 if os.environ.get("NUTGRAF_SANITIZED") else 32


def best_time(function, text):
    best = float("inf")
    for _ in range(3):
        # CPU time of this process: other work on a shared machine does not count.
        start = time.process_time()
        function(text)
        best = min(best, time.process_time() - start)
    return best


def ratio(function, unit):
    small = unit * (SMALL // len(unit))
    large = unit * (LARGE // len(unit))
    return best_time(function, large) / max(best_time(function, small), 1e-3)


def normalize_everything(text):
    return nutgraf.normalize(text, form="NFKC", ascii_punct=True, dehyphenate=True, casefold=True)


def repair_one_sentence(text):
    """repair on a region that reads as damaged (lost periods), then one
    sentence as long as `text` that ends in '?': each sentence is judged by
    reading it once, however many commas or quotes it holds."""
    return nutgraf.repair("The U?S? firm lost $1?5 billion? " + text + "?")


CASES = [
    # sentences: abbreviations, initials and terminators without end; quotes
    # and brackets nested or never closed; URLs, addresses and list items
    *[(nutgraf.sentence_spans, unit) for unit in [
        "a. ", ".", "Mr. ", "I. A. ", "word ", "\n", "(", '"x." Y ', "x. [", ". ", "1. ",
        '"', "\u201c", '([\u201c"', ".\u201d ", "?!", "http://a.b/", "a@b.c ", "* a\n",
    ]],
    # normalization: entities, breaks, combining marks, invisible characters
    *[(nutgraf.normalize, unit) for unit in [
        "&", "&#9", "&amp;", "&#x1F600", "\n", " \n", "e\u0301", "\u0301", "\u00ad", "\u2003",
    ]],
    *[(normalize_everything, unit) for unit in ["-\n", "\ufb01", "\u1100\u1161\u11a8"]],
    # repair: mojibake lookalikes, question marks, replacement characters
    *[(nutgraf.repair, unit) for unit in [
        "\u00c3", "\u00c3\u00a9", "?", "a?", "1?2 ", "\u00e2\u20ac", "\ufffd ", "\u00c3 ", "\x85",
        " ? ", "\u00ed\u00a0", "U?S? ",
    ]],
    *[(repair_one_sentence, unit) for unit in [",", "a, ", ' "', "is it, ", "a ", "\u201c", " - "]],
    # words, scores, summaries and keywords
    *[(_core.words, unit) for unit in ["a", "a-", "1.", "a'", "-", "\U0001f600", "e\u0301", "\u4e2d"]],
    *[(nutgraf.summarize, unit) for unit in ["a. ", "Mr. ", "word ", "\n", "alpha beta. "]],
    *[(nutgraf.keywords, unit) for unit in ["a. ", "word ", "alpha beta. "]],
]


@pytest.mark.parametrize(
    "function, unit", CASES, ids=[f"{f.__name__}-{u!r}" for f, u in CASES]
)
def test_time_is_linear(function, unit):
    assert ratio(function, unit) <= BOUND

"""nutgraf.normalize: conformance with html.unescape and unicodedata, the
whitespace/controls/punctuation/dehyphenation rules, idempotence, exact
offsets, and linear time on pathological inputs (no timing asserts).

Every test passes repair=False: repair is tested in test_repair.py, and the
oracles here describe normalization alone.
"""
import html
import html.entities
import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nutgraf

FORMS = ("NFC", "NFD", "NFKC", "NFKD")
RAW = dict(form=None, whitespace=False, controls=False, entities=False, repair=False)


def norm(text, **options):
    options.setdefault("repair", False)
    return nutgraf.normalize(text, **options)


# ---- reference implementation of the documented rules -----------------------

SPACES = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
BREAKS = "\n\x0b\x0c\r\x85\u2028\u2029"
PUNCT = {}
PUNCT.update(dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u2035\u2039\u203a"), "'"))
PUNCT.update(dict.fromkeys(map(ord, "\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033\u2036"), '"'))
PUNCT.update(dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"), "-"))
PUNCT.update({0x2014: "--", 0x2015: "--", 0x2024: ".", 0x2025: "..", 0x2026: "...",
              0x2044: "/", 0x2215: "/"})


def removable(c):
    cp = ord(c)
    if cp < 0x20:
        return not (cp == 9 or 10 <= cp <= 13)
    if 0x7F <= cp <= 0x9F:
        return cp != 0x85
    return (cp in (0xAD, 0x61C, 0x180E, 0x200B, 0x200E, 0x200F, 0xFEFF)
            or 0x202A <= cp <= 0x202E or 0x2060 <= cp <= 0x2064 or 0x2066 <= cp <= 0x206F)


def reference(s, form="NFC", whitespace=True, controls=True, entities=True,
              ascii_punct=False, casefold=False):
    if entities:
        s = html.unescape(s)
    if controls:
        s = "".join(c for c in s if not removable(c))
    if form:
        s = unicodedata.normalize(form, s)
    if casefold:
        s = s.casefold()
        if form:
            s = unicodedata.normalize(form, s)
    if ascii_punct:
        s = s.translate(PUNCT)
    if whitespace:
        s = s.replace("\r\n", "\n")
        s = re.sub("[%s]" % re.escape(BREAKS), "\n", s)
        s = re.sub("[%s]+" % re.escape(SPACES), " ", s)
        s = re.sub(" ?\n ?", "\n", s)
        s = re.sub("\n\n+", "\n\n", s).strip(" \n")
    return s


def assigned_code_points():
    """Every code point assigned in this Python's Unicode version, but surrogates."""
    return [chr(cp) for cp in range(0x110000)
            if unicodedata.category(chr(cp)) not in ("Cn", "Cs")]


# ---- HTML entities: html.unescape is the oracle ------------------------------

def entity_cases():
    rnd = random.Random(1)
    names = sorted(html.entities.html5)
    tail = "abzAZ09;#&xX \t\n<\r\u00e9"
    cases = ["&", "&;", "&#;", "&#x;", "&#xZ", "&" + "a" * 40 + ";", "&amp" + "\u00e9" * 40,
             "&CounterClockwiseContourIntegral;", "&CounterClockwiseContourIntegralX;",
             "&" + "\u00e9" * 31 + "amp", "&#" + "9" * 100, "&#x" + "F" * 100 + ";"]
    for name in names:
        cases += ["&" + name, "x&" + name + "y", "&" + name.rstrip(";") + "zz;", "&" + name[:-1]]
    values = [0, 1, 9, 10, 13, 31, 127, 128, 129, 141, 159, 160, 173, 0xD800, 0xDFFF,
              0xFDD0, 0xFFFE, 0x1FFFF, 0x10FFFF, 0x110000]
    for _ in range(5000):
        name = rnd.choice(names)
        cases.append("&" + name[:rnd.randint(0, len(name))]
                     + "".join(rnd.choice(tail) for _ in range(rnd.randint(0, 4))))
        v = rnd.choice(values + [rnd.randint(0, 0x10FFFF), 10 ** rnd.randint(1, 30)])
        fmt = rnd.choice(["&#%d", "&#x%x", "&#X%X", "&#%d;", "&#x%x;", "&#00%d;"])
        cases.append(fmt % v + rnd.choice(["", ";", "a", "9", " "]))
    return cases


def test_entities_match_html_unescape():
    cases = entity_cases()
    assert len(cases) > 10000
    options = dict(RAW, entities=True)
    bad = [c for c in cases if norm(c, **options) != html.unescape(c)]
    assert not bad, bad[:10]


def test_entities_feed_the_other_steps():
    assert norm("a&nbsp;&nbsp;b") == "a b"
    assert norm("co&#173;operate") == "cooperate"
    assert norm("e&#769;") == "\u00e9"
    assert norm("&amp;amp;") == "&amp;"  # decoded once, like html.unescape
    assert norm("a&#13;&#10;b") == "a\nb"


# ---- Unicode forms: unicodedata is the oracle --------------------------------

@pytest.mark.parametrize("form", FORMS)
def test_forms_match_unicodedata_on_corpus(corpus_texts, form):
    options = dict(RAW, form=form)
    bad = [i for i, t in enumerate(corpus_texts)
           if norm(t, **options) != unicodedata.normalize(form, t)]
    assert not bad, f"{len(bad)} documents differ, first {bad[:5]}"


@pytest.mark.parametrize("form", FORMS)
def test_forms_match_unicodedata_on_every_code_point(form):
    # Checks the stability table: each code point alone, after a letter and
    # before a combining mark, and next to its neighbours.
    cps = assigned_code_points()
    options = dict(RAW, form=form)
    for chunk in range(0, len(cps), 20000):
        part = cps[chunk:chunk + 20000]
        # Runs of more than 30 combining marks are normalized in chunks (the
        # Stream-Safe Text Format bound; see normalize.c), so neighbours come
        # in groups of 8 between stable starters.
        for text in ("".join(c + ("|" if k % 8 == 7 else "") for k, c in enumerate(part)),
                     "".join("a" + c + "\u0301|" for c in part),
                     "".join("\u1100" + c + "\u11a8\u0316\u0301 " for c in part)):
            got = norm(text, **options)
            if got != unicodedata.normalize(form, text):
                exp = unicodedata.normalize(form, text)
                i = next((k for k, (x, y) in enumerate(zip(got, exp)) if x != y),
                         min(len(got), len(exp)))
                pytest.fail(f"{form}: {got[i - 10:i + 10]!r} != {exp[i - 10:i + 10]!r}")


def test_casefold():
    assert norm("Stra\u00dfe \u1e9e \u0130 \u00c5", casefold=True) == reference(
        "Stra\u00dfe \u1e9e \u0130 \u00c5", casefold=True)
    assert norm("ABC", casefold=True, form=None) == "abc"


# ---- the documented rules -------------------------------------------------------

@pytest.mark.parametrize(
    "options",
    [{}, {"ascii_punct": True}, {"casefold": True}, {"form": "NFKC"}, {"form": None},
     {"whitespace": False}, {"controls": False}, {"entities": False},
     {"form": "NFD", "ascii_punct": True, "casefold": True}],
)
def test_default_pipeline_matches_reference_on_corpus(corpus_texts, options):
    bad = [i for i, t in enumerate(corpus_texts)
           if norm(t, **options) != reference(t, **options)]
    assert not bad, f"{len(bad)} documents differ, first {bad[:5]}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  a \t b\u00a0\u2003c  ", "a b c"),
        ("a\r\nb\rc\x85d\u2028e\u2029f\x0bg\x0ch", "a\nb\nc\nd\ne\nf\ng\nh"),
        ("a \n \n\n  \r\n b", "a\n\nb"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("\n\n\n", ""),
        ("x\x00y\x07z\x7f\x9f\u200b\u2060\ufeff\u00ad\u200e\u202e\u2066!", "xyz!"),
        ("\U0001f468\u200d\U0001f469 \u0646\u200c\u0645", "\U0001f468\u200d\U0001f469 \u0646\u200c\u0645"),
    ],
)
def test_whitespace_and_controls(text, expected):
    assert norm(text) == expected


def test_ascii_punct_table():
    src = "\u2018a\u2019 \u201cb\u201d \u00abc\u00bb \u2013 \u2014 \u2026 \u2032 \u2033 \u2212"
    assert norm(src, ascii_punct=True) == "'a' \"b\" \"c\" - -- ... ' \" -"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("exam-\nple", "example"),
        ("exam- \n  ple", "example"),
        ("COVID-\n19", "COVID-19"),
        ("Franco-\nPrussian", "Franco-Prussian"),
        ("para-\n\ngraph", "para-\n\ngraph"),  # a paragraph break never joins
        ("2-\nway", "2-\nway"),  # no letter before the hyphen
        ("word -\nnext", "word -\nnext"),
        ("caf\u00e9-\n\u00e9t\u00e9", "caf\u00e9\u00e9t\u00e9"),
    ],
)
def test_dehyphenate(text, expected):
    assert norm(text, dehyphenate=True) == expected


def test_dehyphenate_without_whitespace_step():
    assert norm("exam-\r\nple", dehyphenate=True, whitespace=False) == "example"


# ---- idempotence and offsets ----------------------------------------------------

@pytest.mark.parametrize("options", [{}, {"form": "NFKC", "ascii_punct": True, "casefold": True},
                                     {"dehyphenate": True}])
def test_idempotent_on_corpus(corpus_texts, options):
    for t in corpus_texts:
        once = norm(t, **options)
        if "&" in once:  # entities decode one level per call, like html.unescape
            continue
        assert norm(once, **options) == once


def check_offsets(original, result, **options):
    """Copy runs are the original's characters; a replacement's output is what
    its source stretch normalizes to; spaces and breaks map to whitespace."""
    text, runs = result.text, result.runs
    assert runs[0][:2] == (0, 0)
    ends = list(runs[1:]) + [(len(text), result.original_length, True)]
    for (out, inp, copy), (out2, inp2, _) in zip(runs, ends):
        assert out <= out2 and inp <= inp2
        piece = text[out:out2]
        if copy:
            assert piece == original[inp:inp2]
        elif piece in (" ", "\n", "\n\n"):
            assert original[inp] in SPACES + BREAKS + "&"
        elif piece:
            expected = reference(original[inp:inp2], **options)
            # Alone, the stretch loses the spaces its context kept.
            assert expected.startswith(piece.strip(" \n")), (piece, original[inp:inp2])
    for i in range(len(text)):
        j = result.to_original(i)
        assert 0 <= j <= len(original)


def test_offsets_exact_on_corpus(corpus_texts):
    for t in corpus_texts[:1500]:
        check_offsets(t, norm(t, offsets=True))


def test_original_spans_equal_original_span_of_each(corpus_texts):
    for t in corpus_texts[:300]:
        r = norm(t, offsets=True)
        n = len(r.text)
        spans = [(s, e) for s in range(0, n + 1, 7) for e in (s, s + 1, s + 13, n) if e <= n]
        spans += [(0, 0), (n, n), (3, 1)] if n > 3 else [(0, 0), (n, n)]
        assert r.original_spans(spans) == [r.original_span(s, e) for s, e in spans]


def test_original_spans_in_c_equal_original_span_of_each(corpus_texts):
    # Only valid spans (0 <= start < end <= len): the core maps them in one
    # call; texts with entities, removed zero-width characters (runs that
    # start where the next one does) and collapsed spaces.
    extra = ["a&amp;b\u200b\u200bc  d\u00ad&eacute; \n\n\n x", "\u200b\u200bab&lt;&gt;\u200b", "caf&eacute;" * 50]
    for t in corpus_texts[:300] + extra:
        r = norm(t, offsets=True)
        n = len(r.text)
        spans = [(s, e) for s in range(0, n, 5) for e in (s + 1, s + 2, s + 11, n) if e <= n]
        assert r.original_spans(spans) == [r.original_span(s, e) for s, e in spans]
        assert r.original_spans(iter(spans)) == [r.original_span(s, e) for s, e in spans]


def test_offsets_of_clean_text_are_one_run():
    r = norm("Plain clean text.\n\nTwo paragraphs, caf\u00e9.", offsets=True)
    assert len(r.runs) == 1


def test_offsets_examples():
    src = "  caf&eacute; e\u0301  x\u200by"
    r = norm(src, offsets=True)
    assert r.text == "caf\u00e9 \u00e9 xy"
    assert r.to_original(r.text.index("\u00e9")) == src.index("&")
    assert r.to_original(r.text.rindex("\u00e9")) == src.index("e\u0301")
    assert r.to_original(r.text.index("y")) == src.index("y")


# ---- property-based ---------------------------------------------------------------

ALPHABET = st.sampled_from(list("ab Z-.&;#\n\r\t") + [
    "\u0301", "\u0316", "\u00e9", "\u00a0", "\u2003", "\u200b", "\u00ad", "\x00", "\x85",
    "\u2028", "\u1100", "\u1161", "\u11a8", "\uac00", "\ufb01", "\u2126", "\u1e9e",
    "\u201c", "\u2014", "\u2026", "&amp;", "&#769;", "&nbsp;", "&notit;", "\U0001f600"])


@settings(max_examples=500, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join), st.sampled_from(FORMS + (None,)),
       st.booleans(), st.booleans())
def test_hypothesis_matches_reference(text, form, ascii_punct, casefold):
    options = dict(form=form, ascii_punct=ascii_punct, casefold=casefold)
    assert norm(text, **options) == reference(text, **options)
    check_offsets(text, norm(text, offsets=True, **options), **options)


# The plain-ASCII scan takes sixteen bytes at a time and lets line and
# paragraph breaks through when they come out unchanged: long texts of
# letters, spaces and breaks put every pattern at every offset of a block.
LAYOUT = st.sampled_from(list("abcdefgh.") * 3 + ["Word", " ", " ", "\n", "\n", "\n\n", "  ",
                                                  "\n\n\n", " \n", "\n ", "\r\n", "\t", "-",
                                                  "&amp;", "\u00e9", "e\u0301"])


@settings(max_examples=500, deadline=None)
@given(st.lists(LAYOUT, min_size=20, max_size=200).map("".join), st.booleans())
def test_hypothesis_long_layout_matches_reference(text, dehyphenate):
    if not dehyphenate:
        assert norm(text) == reference(text)
        check_offsets(text, norm(text, offsets=True))
    # Idempotent but for entities ("&amp;deg" decodes to "&deg", itself an entity).
    result = norm(text, dehyphenate=dehyphenate, entities=False)
    assert norm(result, dehyphenate=dehyphenate, entities=False) == result


@pytest.mark.parametrize("pattern", [" \n", "\n ", "  ", "\n", "\n\n", "\n\n\n", " \n\n", "\n\n ",
                                     "\r\n", " &amp; ", "\t", " ", "x\u0301", "\u00e9"])
def test_layout_pattern_at_every_offset_of_a_block(pattern):
    # Every offset of the 16- and 32-byte blocks of the fast scan, each
    # side of the pattern long enough to fill blocks of plain bytes.
    for k in range(1, 80):
        text = "a" * k + pattern + "b" * 70
        assert norm(text) == reference(text), (k, pattern)
        check_offsets(text, norm(text, offsets=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_hypothesis_any_text(text):
    text = text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates
    assert norm(text) == reference(text)
    once = norm(text, entities=False)
    assert norm(once, entities=False) == once


# ---- pathological inputs finish (time is checked by eye, not asserted) -----------

@pytest.mark.parametrize(
    "text",
    [
        "&" * 4_000_000,
        "&#" + "1" * 4_000_000,
        "&#x" + "f" * 4_000_000,
        "&" + "a" * 4_000_000,
        "\n" * 1_000_000 + "x" + " \r\n" * 500_000,
        " " * 4_000_000 + "x",
        "a" + "\u0301\u0316" * 1_000_000,
        "\u0316\u0301" * 1_000_000,
        "a-\n" * 1_000_000,
    ],
    ids=["amps", "decimal", "hex", "name", "blank-lines", "spaces", "marks",
         "reversed-marks", "hyphens"],
)
def test_pathological_inputs_finish(text):
    for options in ({}, {"form": "NFKD", "ascii_punct": True, "casefold": True, "dehyphenate": True}):
        out = norm(text, **options)
        assert isinstance(out, str)

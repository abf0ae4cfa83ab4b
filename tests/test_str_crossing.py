"""The binding's crossing between str and the core's UTF-8 (csrc/python/text.c).

The binding encodes a str to UTF-8 and decodes results back itself, without
the GIL, instead of calling CPython's codecs; these tests hold it to what
CPython would give, for every internal kind of str (ASCII, Latin-1, UCS-2,
UCS-4), with and without a UTF-8 form already kept inside the str.
"""
import ctypes

import pytest

import nutgraf as ng

# One text per internal kind, each with a sentence boundary, a paragraph
# break, a non-breaking space and a character of its kind at each edge.
TEXTS = {
    "ascii": "Plain text.\u0020It ends here.\n\nA second paragraph.",
    "latin1": "\u00e9t\u00e9 caf\u00e9.\u00a0Voil\u00e0 \u00fcber.\n\nNa\u00efve \u00ff",
    "ucs2": "\u201cQuoted,\u201d she said \u2014 in \u0391\u03b8\u03ae\u03bd\u03b1. \u4e2d\u6587\u3002\n\nEnd \u2026",
    "ucs4": "\U0001f600 Emoji first. Then \u00e9 and \u2014 and \U0001d49c.\n\nLast \U0001f44d",
}


def keep_utf8(text: str) -> str:
    """The same characters in a new str that holds a cached UTF-8 form
    (what CPython's own PyUnicode_AsUTF8 leaves behind)."""
    copy = (text + "x")[:-1]
    ctypes.pythonapi.PyUnicode_AsUTF8.restype = ctypes.c_char_p
    ctypes.pythonapi.PyUnicode_AsUTF8.argtypes = [ctypes.py_object]
    assert ctypes.pythonapi.PyUnicode_AsUTF8(copy) == copy.encode("utf-8")
    return copy


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "utf8-kept"])
@pytest.mark.parametrize("kind", list(TEXTS))
def test_every_kind_of_str_crosses_exactly(kind, cached):
    text = keep_utf8(TEXTS[kind]) if cached else TEXTS[kind]
    spans = ng.sentence_spans(text)
    assert ng.sentences(text) == [text[s:e] for s, e in spans]
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert list(ng.sentences_many([text, text], threads=1)) == [ng.sentences(text)] * 2
    # A normalization that changes nothing hands back the very same object.
    assert ng.normalize(text, form=None, whitespace=False, controls=False, entities=False,
                        repair=False) is text
    assert ng.repair(text) is text
    # Whitespace normalization turns the NBSP into a space: a new str, which
    # must equal (and hash like) the same characters made by Python itself.
    expected = text.replace("\u00a0", " ").replace("\u0020It", " It")
    result = ng.normalize(text, form=None, repair=False)
    assert result == expected and hash(result) == hash(expected)
    assert list(ng.normalize_many([text], form=None, repair=False, threads=1)) == [expected]


def test_results_use_the_narrowest_kind():
    # A str must be stored in the narrowest kind that holds it, or equal
    # strings compare unequal: an ASCII result from a UCS-2 input, a Latin-1
    # one from a UCS-4 input.
    from_ucs2 = ng.normalize("a\u2003b", repair=False)   # EM SPACE -> " "
    assert from_ucs2 == "a b" and from_ucs2.isascii() and {"a b": 1}[from_ucs2] == 1
    from_ucs4 = ng.normalize("\u00e9\u200b\U0001f600"[:-1] + "\u200b", repair=False)
    assert from_ucs4 == "\u00e9" and {"\u00e9": 1}[from_ucs4] == 1
    sentence = ng.sentences("\U0001f600 One. Two \u00e9.")[1]
    assert sentence == "Two \u00e9." and {"Two \u00e9.": 1}[sentence] == 1


@pytest.mark.parametrize("text, expected", [
    ("caf&#233; au lait", "caf\u00e9 au lait"),            # ASCII in, Latin-1 out
    ("&#x100;&#x7FF; and &#x800;", "\u0100\u07ff and \u0800"),  # two- and three-byte UCS-2
    ("smile &#x1F600;", "smile \U0001f600"),                # UCS-4
    ("exam\u2010\nple", "example"),                         # a written hyphen taken back
    ("\u00e9\u2010\nt\u00e9", "\u00e9t\u00e9"),                # ... leaving Latin-1
    ("so\u2010\nCOVID", "so\u2010COVID"),                  # ... or kept
])
def test_normalize_counts_its_output_as_it_writes(text, expected):
    # normalize takes the length and widest character of its result from
    # counts the core keeps as it writes, taken back with what dehyphenation
    # takes back, instead of reading the result again.
    result = ng.normalize(text, dehyphenate=True, repair=False)
    assert result == expected and {expected: 1}[result] == 1
    assert list(ng.normalize_many([text], dehyphenate=True, repair=False, threads=1)) == [expected]


@pytest.mark.parametrize("call", [
    ng.normalize, ng.sentences, ng.sentence_spans, ng.repair,
    lambda t: list(ng.normalize_many([t], threads=1)),
    lambda t: list(ng.sentences_many(["fine", t], threads=1)),
], ids=["normalize", "sentences", "sentence_spans", "repair", "normalize_many", "sentences_many"])
def test_lone_surrogate_is_cpythons_encode_error(call):
    with pytest.raises(UnicodeEncodeError) as error:
        call("ab\ud800cd")
    assert error.value.start == 2 and error.value.encoding == "utf-8"


def test_large_texts_fill_their_results_without_losing_a_character():
    # Above 64 KB the binding fills results with the GIL released.
    text = ("\u201cCaf\u00e9 \U0001f600,\u201d he said.\u00a0" * 20_000).strip()
    normalized = ng.normalize(text, repair=False)
    assert normalized == text.replace("\u00a0", " ")
    assert "".join(ng.sentences(text)) == text.replace("\u00a0", "")

"""The words layer of the core: tokens, case folding, stopwords, Porter2 stems.

The stemmer is checked against an independent oracle, the snowballstemmer
package, on every distinct word of the shared corpora; folding against
str.casefold() + NFC.
"""
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from nutgraf import _core

REPO = Path(__file__).resolve().parent.parent


def tokens(text):
    return [text[s:e] for s, e in _core.words(text)]


@pytest.fixture(scope="session")
def corpus_words(corpus_texts):
    """Every distinct word token of the corpora, as written (not folded)."""
    words = set()
    for text in corpus_texts:
        words.update(tokens(text))
    return words


# --- stemming ---------------------------------------------------------------


def test_stems_agree_with_snowball_on_every_corpus_word(corpus_words):
    snowballstemmer = pytest.importorskip("snowballstemmer")
    oracle = snowballstemmer.stemmer("english").stemWord
    folded = {_core.fold(w) for w in corpus_words}
    bad = [(w, _core.stem(w), oracle(w)) for w in sorted(folded) if _core.stem(w) != oracle(w)]
    print(f"{len(folded)} distinct case-folded words, {len(bad)} disagreements")
    assert not bad, "word, ours, snowball: " + repr(bad[:20])


@pytest.mark.parametrize(
    "word, stem",
    [
        ("consignment", "consign"),
        ("generously", "generous"),
        ("generalizations", "general"),
        ("running", "run"),
        ("hoping", "hope"),
        ("dying", "die"),
        ("skies", "sky"),
        ("news", "news"),
        ("succeeded", "succeed"),
        ("companies", "compani"),
        ("company's", "compani"),
        ("Studies", "studi"),  # stem() case-folds first
        ("yelling", "yell"),
        ("by", "by"),  # shorter than three characters: as it is
        ("naïvety", "naïveti"),  # non-ASCII letters are non-vowels
        ("zürich's", "zürich"),
    ],
)
def test_stem_examples(word, stem):
    assert _core.stem(word) == stem


def test_stem_is_never_longer_than_its_folded_word(corpus_words):
    for w in corpus_words:
        f = _core.fold(w)
        assert len(_core.stem(f).encode()) <= len(f.encode())


def test_stem_rejects_bad_input():
    with pytest.raises(TypeError, match="word"):
        _core.stem(b"running")
    with pytest.raises(ValueError):  # UnicodeEncodeError: a lone surrogate
        _core.stem("run\ud800ning")


# --- tokens -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The state-run firm's profits don't add up, officials said.",
            ["The", "state-run", "firm's", "profits", "don't", "add", "up", "officials", "said"],
        ),
        (  # curly apostrophes, as in GUM and most news sites
            "It’s the city’s “best-kept” secret.",
            ["It’s", "the", "city’s", "best-kept", "secret"],
        ),
        (
            "Exports rose 1.5% to $40,000 in 2015, or 3.14 times v2.0.1.",
            ["Exports", "rose", "1.5", "to", "40,000", "in", "2015", "or", "3.14", "times", "v2.0.1"],
        ),
        (  # joiners only between two letters / two digits
            "Ends with a dot. 40, 000 and 1. 5 -- well-- 'quoted' students' rock'n'roll",
            ["Ends", "with", "a", "dot", "40", "000", "and", "1", "5", "well", "quoted",
             "students", "rock'n'roll"],
        ),
        ("COVID-19 hit the U.S. in 2020", ["COVID", "19", "hit", "the", "U", "S", "in", "2020"]),
        (
            "Путин сказал: «Москва» — Ελλάδα, 東京, مرحبا بالعالم, हिन्दी भाषा",
            ["Путин", "сказал", "Москва", "Ελλάδα", "東京", "مرحبا", "بالعالم", "हिन्दी", "भाषा"],
        ),
        (  # emoji, with variation selectors, ZWJ sequences and skin tones, are not words
            "Great news 🎉🎉 ❤️ 👩‍👩‍👧 👍🏽 #1️⃣ done",
            ["Great", "news", "1", "done"],
        ),
        ("café vs cafe\u0301 naïve Zürich", ["café", "vs", "cafe\u0301", "naïve", "Zürich"]),
        ("", []),
        ("  \n\n -- ... !!", []),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


def test_spans_index_the_text_after_astral_characters():
    text = "😀😀 naïve 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 café 😀 end"
    spans = _core.words(text)
    assert [text[s:e] for s, e in spans] == ["naïve", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "café", "end"]
    assert spans[0] == (3, 8)


def _is_word_char(ch):
    return unicodedata.category(ch)[0] in "LN"


def test_tokens_cover_every_letter_and_digit_of_the_corpora(corpus_texts):
    """Spans are ordered, start and end on a letter/number/mark, and every letter
    and number of the text lies in exactly one of them (maximal runs)."""
    for text in corpus_texts[:: max(1, len(corpus_texts) // 400)]:
        spans = _core.words(text)
        covered = bytearray(len(text))
        prev_end = 0
        for s, e in spans:
            assert prev_end <= s < e <= len(text)
            assert _is_word_char(text[s])
            assert unicodedata.category(text[e - 1])[0] in "LNM"
            covered[s:e] = b"\1" * (e - s)
            prev_end = e
        missed = [ch for ch, c in zip(text, covered) if not c and _is_word_char(ch)]
        assert not missed, missed[:10]


def test_words_rejects_bad_input():
    with pytest.raises(TypeError, match="text must be str"):
        _core.words(b"bytes")
    with pytest.raises(ValueError):
        _core.words("lone \udc80 surrogate")


# --- folding ------------------------------------------------------------------


def test_fold_agrees_with_casefold_nfc_on_every_corpus_word(corpus_words):
    bad = [
        (w, _core.fold(w))
        for w in corpus_words
        if _core.fold(w) != unicodedata.normalize("NFC", w.casefold())
    ]
    assert not bad, bad[:20]


@pytest.mark.parametrize(
    "word",
    ["Straße", "ΣΊΣΥΦΟΣ", "İstanbul", "cafe\u0301", "CAFE\u0301", "ﬁnance", "ǅemal", "ᾈ",
     "Ⅻ", "ＡＢＣ", "Ὀδυσσεύς", "ÅNGSTRÖM", "x\u0323\u0307", "\u1100\u1161\u11a8"],
)
def test_fold_examples(word):
    assert _core.fold(word) == unicodedata.normalize("NFC", word.casefold())


def test_fold_long_words_and_chunk_edges():
    for word in ["É" * 1000, "Aé" * 500, "e\u0301" * 300, "가" * 200 + "\u11a8", "ΣΑ" * 300]:
        assert _core.fold(word) == unicodedata.normalize("NFC", word.casefold())


def test_fold_returns_the_same_object_when_unchanged():
    word = "already folded"
    assert _core.fold(word) is word


# --- stopwords ----------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("the", True),
        ("The", True),
        ("THEIR", True),
        ("don't", True),
        ("don’t", True),  # U+2019 counts as the apostrophe
        ("It’s", True),
        ("said", True),
        ("government", False),
        ("summit", False),
        ("", False),
        ("thé", False),
        ("the" * 50, False),
    ],
)
def test_stopwords(word, expected):
    assert _core.is_stopword(word, "en") is expected


def test_every_listed_stopword_is_found():
    listed = set()
    for line in (REPO / "data" / "stopwords" / "en.txt").read_text(encoding="utf-8").splitlines():
        listed.update(line.split("#", 1)[0].split())
    assert len(listed) > 250
    assert all(_core.is_stopword(w, "en") for w in listed)


def test_stopwords_unknown_language():
    with pytest.raises(ValueError, match="unknown lang"):
        _core.is_stopword("the", "xx")


def test_generated_stopword_table_is_up_to_date():
    subprocess.run([sys.executable, str(REPO / "tools" / "gen_stopwords.py"), "--check"], check=True)

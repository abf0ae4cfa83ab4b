"""Sentence segmentation through the public API: nutgraf.sentences / sentence_spans.

Gold data (pySBD golden rules, UD English GUM) is read in place through the
conftest helpers; those tests skip where the data is absent and fail under CI.
"""

import pytest

import nutgraf
from conftest import read_jsonl


def spans_of(text):
    return nutgraf.sentence_spans(text, lang="en")


def check_invariants(text):
    spans = spans_of(text)
    assert nutgraf.sentences(text) == [text[s:e] for s, e in spans]
    prev = 0
    covered = [False] * len(text)
    for s, e in spans:
        assert prev <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip(), (text, s, e)
        for k in range(s, e):
            covered[k] = True
        prev = e
    for k, ch in enumerate(text):
        assert covered[k] or ch.isspace(), (text, k, ch)
    return spans


# --------------------------------------------------------------------------
# Golden rules (pySBD's 48 English cases): all must pass.
# --------------------------------------------------------------------------

def golden_cases():
    try:
        return read_jsonl("golden_rules/en.jsonl")
    except BaseException:  # skip/fail is raised again inside the test
        return []


GOLDEN = golden_cases()


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_golden_rules(case):
    assert nutgraf.sentences(case["text"]) == case["sentences"]


def test_golden_rules_present():
    assert len(read_jsonl("golden_rules/en.jsonl")) == 48


# --------------------------------------------------------------------------
# UD English GUM: boundary F1 over sentence end offsets (the document's last
# end excluded), all splits together. Reached 0.988 (train 0.989, dev 0.986,
# test 0.985); the floor leaves a little room.
# --------------------------------------------------------------------------

def test_gum_boundary_f1():
    tp = fp = fn = 0
    for doc in read_jsonl("ud_sentences/en_gum.jsonl"):
        gold = {e for _, e in doc["offsets"][:-1]}
        pred = {e for _, e in spans_of(doc["text"])[:-1]}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.980, (precision, recall, f1)


def test_corpus_invariants(corpus_texts):
    for text in corpus_texts[::7]:
        check_invariants(text)


# --------------------------------------------------------------------------
# Invariants on edge inputs
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\u00a0\u2028\u2029\u3000",
        "One",
        ".",
        "...",
        "! ! !",
        "a\x00b. C\x00d.",
        "  Leading and trailing.  \r\n",
        "Tab\tseparated.\tWords here.",
        "Curly \u201cquotes.\u201d Then more\u2026 And \u2018single.\u2019 End.",
        "Emoji \U0001F600. Next one.",
    ],
)
def test_invariants_edge_inputs(text):
    check_invariants(text)


def test_unicode_offsets_are_str_indices():
    text = "Zoë went to Zürich. Ça va? Oui."
    assert nutgraf.sentences(text) == ["Zoë went to Zürich.", "Ça va?", "Oui."]
    for s, e in spans_of(text):
        assert text[s:e] == text[s:e].strip()


# --------------------------------------------------------------------------
# Targeted behaviour on article sentences
# --------------------------------------------------------------------------

SAME = [
    # titles, months, corporate abbreviations, No., vs., approx., e.g./i.e.
    "Dr. Jane Smith and Prof. Alan Jones met Mr. Lee on Jan. 5 at the Fed.",
    "Apple Inc. and Microsoft Corp. reported results on Sept. 30, a rise of approx. 4%.",
    "The case, Smith vs. Jones, was heard in Courtroom No. 4 last week.",
    "Some metals, e.g. copper and tin, conduct well, i.e. they carry current.",
    "Shares of Alphabet Inc. rose 3% on Tuesday.",
    # initials
    "J. R. R. Tolkien wrote The Hobbit.",
    "President George W. Bush spoke in Texas.",
    # acronyms with dots mid-sentence
    "The U.S. Department of Justice opened an inquiry.",
    "She moved to the U.K. in 2010 and then to Washington, D.C. for work.",
    "The train leaves at 5 p.m. on weekdays.",
    "Trading starts at 9.30am and ends at 4 p.m. Eastern Time.",
    # numbers, money, percentages, versions
    "The deficit reached $1.5 trillion, up 3.14% from last year.",
    "Version v2.0.1 fixed the bug reported in 10.30am logs.",
    "Pi is roughly 3.14159 and e is about 2.718.",
    # URLs, e-mail, file names
    "Read the report at https://example.com/news/2024/report.html today.",
    "Write to jane.doe@example.co.uk for a copy of report.pdf now.",
    # ellipsis inside
    "He paused ... and then went on.",
    "Wait\u2026 what did you say?",
    # quoted speech with lowercase attribution
    '"We will win," he said.',
    "\u201cGo!\u201d she shouted.",
    "\u201cAre you coming?\u201d she asked.",
    "\u201cWhy?\u201d Pete asked.",
    # parentheses, brackets, exclamation inside a name
    "He taught science (he had been an engineer.) at the school.",
    "She works at Yahoo! in the accounting department.",
    # citations stay with their sentence
    "The tower was finished in 1889. [3]",
    # a scraped dateline run into an abbreviation or acronym
    "(CNN)Sen. Jane Doe said on Monday that she would run.",
    "(AP)U.S. officials met their Iranian counterparts in Geneva.",
]


@pytest.mark.parametrize("text", SAME)
def test_no_split(text):
    assert nutgraf.sentences(text) == [text]


SPLIT = [
    (["The meeting ended at 5 p.m.", "The next day, talks resumed."]),
    (["I live in the U.S.", "How about you?"]),
    (["The deal was signed by Acme Co.", "It closes in May."]),
    (["Prices rose 4.5%.", "Analysts expected less."]),
    (["She had $100.00.", "It was in her bag."]),
    (["Really?!", "Yes."]),
    (["Stop!!", "Now!"]),
    (["He left.", "\u201cI am done,\u201d he said."]),
    (['She said, "This is great."', "She held the book out."]),
    (["Visit https://example.com.", "It is free."]),
    (["Her email is jane@example.com.", "Write soon."]),
    (["I never meant that....", "She left the store."]),
    (["He hesitated\u2026", "Then he spoke."]),
    (["(See the chart.)", "The trend is clear."]),
    (["The fund grew 8%.", "2023 was worse."]),
    # A capitalised abbreviation in the tables ("Sat", "Gen", "Reps") is an
    # ordinary word when written in lower case.
    (["The cat sat.", "Dogs bark."]),
    (["He did ten reps.", "Then he left."]),
    (["Weather was fine on Sat.", "Then it rained."]),
    # An invisible character after the period does not hide the break.
    (["Hi there.\x00", "Next one."]),
    (["Hi there.\u200b", "Next one."]),
    (["He said \"no.\"\ufeff", "Then he left."]),
]


@pytest.mark.parametrize("expected", SPLIT, ids=[s[0][:20] for s in SPLIT])
def test_split(expected):
    assert nutgraf.sentences(" ".join(expected)) == expected


def test_lists_numbered_and_bulleted():
    assert nutgraf.sentences("1. Gather data 2. Clean it 3. Fit the model") == [
        "1. Gather data", "2. Clean it", "3. Fit the model"]
    assert nutgraf.sentences("\u2022 Lower taxes \u2022 Higher wages") == [
        "\u2022 Lower taxes", "\u2022 Higher wages"]
    text = "Key points:\n- Rates held\n- Inflation eased\n- Jobs grew"
    assert nutgraf.sentences(text) == ["Key points:", "- Rates held", "- Inflation eased", "- Jobs grew"]


def test_headline_byline_dateline():
    text = ("Markets rally as inflation cools\n"
            "By Jane Smith\n"
            "LONDON, March 3\n\n"
            "Stocks rose on Monday. Bonds fell.")
    assert nutgraf.sentences(text) == [
        "Markets rally as inflation cools", "By Jane Smith", "LONDON, March 3",
        "Stocks rose on Monday.", "Bonds fell."]


def test_paragraph_break_always_ends():
    assert nutgraf.sentences("No terminator here\n\nNext paragraph") == [
        "No terminator here", "Next paragraph"]
    assert nutgraf.sentences("Windows line ends\r\n\r\nwork too") == [
        "Windows line ends", "work too"]
    assert nutgraf.sentences("Separator\u2029also works") == ["Separator", "also works"]


def test_hard_wrapped_prose_does_not_split():
    text = ("The committee said on Tuesday that it would review the proposal\n"
            "in detail before any vote was taken by the full council, and\n"
            "Members welcomed the delay.")
    assert nutgraf.sentences(text) == [text]


def test_raw_whitespace_kinds():
    text = "First one.\u00a0Second one.\u2003Third\u2028one. Fourth\tone."
    assert nutgraf.sentences(text) == ["First one.", "Second one.", "Third\u2028one.", "Fourth\tone."]


def test_spans_are_str_indices_with_crlf():
    text = "Line one.\r\nLine two."
    assert spans_of(text) == [(0, 9), (11, 20)]


def test_one_huge_sentence():
    text = "word " * ((16 << 20) // 5)
    spans = spans_of(text)
    assert len(spans) == 1 and spans[0][0] == 0

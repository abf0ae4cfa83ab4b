"""Bad input for every public function and CLI subcommand: the documented
result or the documented exception, never a crash, a hang or silent loss."""
import subprocess
import sys

import pytest

import nutgraf

TEXT_FUNCTIONS = {
    "normalize": nutgraf.normalize,
    "repair": nutgraf.repair,
    "sentences": nutgraf.sentences,
    "sentence_spans": nutgraf.sentence_spans,
    "summarize": nutgraf.summarize,
    "rank": nutgraf.rank,
    "keywords": nutgraf.keywords,
    "Document": nutgraf.Document,
}


@pytest.mark.parametrize("name", sorted(TEXT_FUNCTIONS))
@pytest.mark.parametrize("bad", [None, b"bytes are not text", 42, ["a list"], object()])
def test_wrong_type_is_a_type_error_naming_text(name, bad):
    with pytest.raises(TypeError, match="text"):
        TEXT_FUNCTIONS[name](bad)


def test_score_wants_a_list_of_str():
    with pytest.raises(TypeError):
        nutgraf.score("not a list of sentences")
    with pytest.raises(TypeError):
        nutgraf.score(["fine", None])


@pytest.mark.parametrize("name", sorted(TEXT_FUNCTIONS))
def test_lone_surrogate_is_a_unicode_error(name):
    with pytest.raises(UnicodeError):
        TEXT_FUNCTIONS[name]("A sentence. Then \udc80 a lone surrogate.")


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\t \u00a0\u2003\r\n \u2029"])
def test_empty_and_blank_text_give_empty_results(text):
    assert nutgraf.normalize(text) == ""
    assert nutgraf.repair(text) == text
    assert nutgraf.sentences(text) == []
    assert nutgraf.sentence_spans(text) == []
    assert list(nutgraf.summarize(text)) == []
    assert nutgraf.rank(text) == []
    assert nutgraf.keywords(text) == []
    assert nutgraf.Document(text).sentences == []
    assert nutgraf.score([]) == []


def test_nul_characters_are_ordinary_characters():
    text = "First\x00 sentence here. Second \x00one follows."
    assert nutgraf.sentences(text) == ["First\x00 sentence here.", "Second \x00one follows."]
    assert nutgraf.normalize(text) == "First sentence here. Second one follows."
    assert nutgraf.repair(text) == text
    assert len(nutgraf.summarize(text, n=1)) == 1


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: nutgraf.normalize("x", form="NFX"), "NFC"),
        (lambda: nutgraf.sentences("x", lang="xx"), "en"),
        (lambda: nutgraf.summarize("x", method="best"), "textrank"),
        (lambda: nutgraf.rank("x", method=""), "textrank"),
        (lambda: nutgraf.score(["x"], method="nope"), "textrank"),
        (lambda: nutgraf.summarize("A. B.", n=-1), "n"),
        (lambda: nutgraf.summarize("A. B.", ratio=1.5), "ratio"),
        (lambda: nutgraf.summarize("A. B.", ratio=-0.1), "ratio"),
        (lambda: nutgraf.summarize("A. B.", words=-5), "words"),
        (lambda: nutgraf.keywords("x", n=-1), "n"),
    ],
)
def test_invalid_values_are_value_errors_that_say_what(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: nutgraf.summarize("A. B.", n="2"), "n must be an int, not str"),
        (lambda: nutgraf.summarize("A. B.", n=2.0), "n must be an int, not float"),
        (lambda: nutgraf.summarize("A. B.", ratio="half"), "ratio must be a number"),
        (lambda: nutgraf.summarize("A. B.", words=True), "words must be an int"),
        (lambda: nutgraf.keywords("x", n=None), "n must be an int"),
        (lambda: nutgraf.Document("x", lang=None), "lang must be str"),
        (lambda: nutgraf.sentence_spans("x", lang=None), "lang must be str"),
        (lambda: nutgraf.Document("x", title=5), "title must be str"),
        (lambda: nutgraf.rank(b"x"), "text must be str"),
    ],
)
def test_wrong_types_are_type_errors_that_name_the_argument(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_huge_counts_mean_all_of_them():
    text = "The port reopened on Monday. Cranes were repaired. Ships queued outside."
    assert len(nutgraf.summarize(text, n=10**20)) == 3
    assert len(nutgraf.summarize(text, words=10**20)) == 3
    assert nutgraf.keywords(text, n=10**20) == nutgraf.keywords(text, n=1000)


@pytest.fixture(scope="module")
def huge():
    """About 100 MB of real-looking article text."""
    paragraph = (
        "The council voted 9-2 on Tuesday to build a $1.2 billion barrier, said Dr. Park of the "
        "U.S. Army Corps of Engineers. \u201cIt works,\u201d she said. Costs rose 3.5% in 2025.\n\n"
    )
    return paragraph * (100_000_000 // len(paragraph))


def test_hundred_megabyte_text(huge):
    spans = nutgraf.sentence_spans(huge)
    assert len(spans) == 3 * huge.count("\n\n")
    assert huge[spans[-1][0]:spans[-1][1]] == "Costs rose 3.5% in 2025."
    normalized = nutgraf.normalize(huge)
    assert len(normalized) == len(huge) - 2
    assert nutgraf.repair(huge) is huge


def test_one_ten_megabyte_word():
    word = "x" * 10_000_000
    assert nutgraf.sentence_spans(word) == [(0, len(word))]
    assert nutgraf.normalize(word) is word
    assert nutgraf.repair(word) is word
    assert [s.text for s in nutgraf.summarize(word, n=1)] == [word]
    assert all(keyword == word for keyword, _ in nutgraf.keywords(word))


def test_a_million_sentences():
    text = "It rained. " * 1_000_000
    spans = nutgraf.sentence_spans(text)
    assert len(spans) == 1_000_000
    assert spans[999_999] == (len(text) - 11, len(text) - 1)
    summary = nutgraf.summarize(text, n=3)
    assert len(summary) == 1  # every sentence is a near-duplicate of the first chosen


CLI_COMMANDS = ["normalize", "repair", "sentences", "summarize", "keywords"]


def cli(*args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "nutgraf", *args], input=stdin, capture_output=True)


@pytest.mark.parametrize("command", CLI_COMMANDS)
def test_cli_invalid_utf8_exit_1_with_the_byte(command):
    result = cli(command, stdin=b"Fine text. \xc3\x28 broken")
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"byte 11" in result.stderr


@pytest.mark.parametrize("command", CLI_COMMANDS)
def test_cli_empty_input_succeeds(command):
    result = cli(command, stdin=b"")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command", CLI_COMMANDS)
def test_cli_unknown_option_is_a_usage_error(command):
    result = cli(command, "--no-such-option")
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"usage" in result.stderr


@pytest.mark.parametrize("command", CLI_COMMANDS)
def test_cli_nul_characters_pass_through(command):
    result = cli(command, stdin="One sentence\x00 here. Two sentences here.".encode())
    assert result.returncode == 0, result.stderr


def test_core_summarize_rejects_spans_that_are_not_pairs():
    from nutgraf import _core

    weights = (1.0,) + (0.0,) * 7
    for spans in ([[0, 1]], [(0,)], [None]):
        with pytest.raises(TypeError, match="spans must hold"):
            _core.summarize("Hello.", spans, "en", None, weights, 1, 0, 0.85, 0.9)
    with pytest.raises(TypeError, match="integer"):
        _core.summarize("Hello.", [(0, "1")], "en", None, weights, 1, 0, 0.85, 0.9)


class _ShrinksTheList:
    """An index whose __index__ empties the list it sits in."""

    def __init__(self, holder):
        self.holder = holder

    def __index__(self):
        self.holder.clear()
        return 3


class _Truthy:
    """A copy flag whose __bool__ empties the list of runs it sits in."""

    def __init__(self, holder):
        self.holder = holder

    def __bool__(self):
        self.holder.clear()
        return True


def test_core_span_lists_that_change_while_read_are_safe():
    # The core reads spans from a snapshot: a list emptied by an __index__
    # midway is read as it was (and found out of order here), not past its end.
    from nutgraf import _core

    text = "Hello there. Next one here."
    spans = []
    spans += [(0, 2), (_ShrinksTheList(spans), 5), (5, 8), (8, 9)] * 100
    with pytest.raises(ValueError, match="out of order"):
        _core.segment_body(text, "en", spans, 12)
    runs = []
    runs += [(0, 0, True)] + [(i, i, _Truthy(runs)) for i in range(1, 200)]
    assert _core.original_spans(runs, len(text), len(text), [(0, 5)]) == [(0, 5)]


def test_core_segment_body_rejects_overlapping_regions():
    from nutgraf import _core

    with pytest.raises(ValueError, match="regions 0 and 1 overlap"):
        _core.segment_body("Hello there. Next one here.", "en", [(0, 10), (5, 20)], 12)

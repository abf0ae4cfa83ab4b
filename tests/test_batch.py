"""Batch functions: same results as the serial calls, in order, streaming."""
import itertools
import pickle

import pytest

import nutgraf


@pytest.fixture(scope="module")
def articles(corpus_texts):
    return corpus_texts[:400]


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_batch_results_equal_serial_results_in_order(articles, threads):
    assert list(nutgraf.sentence_spans_many(articles, threads=threads)) == [
        nutgraf.sentence_spans(t) for t in articles
    ]
    assert list(nutgraf.normalize_many(articles, threads=threads)) == [nutgraf.normalize(t) for t in articles]
    summaries = list(nutgraf.summarize_many(articles[:100], n=2, threads=threads))
    assert [s.text for s in summaries] == [nutgraf.summarize(t, n=2).text for t in articles[:100]]


def test_options_are_passed_through(articles):
    got = list(nutgraf.normalize_many(articles[:20], threads=2, form="NFKC", ascii_punct=True))
    assert got == [nutgraf.normalize(t, form="NFKC", ascii_punct=True) for t in articles[:20]]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("options", [{}, {"repair": False}, {"offsets": False, "form": None},
                                     {"casefold": True, "dehyphenate": True, "form": "NFKD"}])
def test_grouped_normalize_equals_serial(articles, threads, options):
    got = list(nutgraf.normalize_many(articles, threads=threads, **options))
    want = [nutgraf.normalize(t, **options) for t in articles]
    assert got == want
    assert all(g is t for g, w, t in zip(got, want, articles) if w is t)  # unchanged: the same object


@pytest.mark.parametrize("threads", [1, 2])
def test_grouped_sentences_equal_serial(articles, threads):
    assert list(nutgraf.sentences_many(articles, threads=threads)) == [nutgraf.sentences(t) for t in articles]
    assert list(nutgraf.sentence_spans_many(articles, threads=threads, repair=True)) == [
        nutgraf.sentence_spans(t, repair=True) for t in articles]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("options", [{}, {"ratio": 0.3, "method": "textrank"},
                                     {"words": 40, "title": "Police", "repair": False}])
def test_grouped_summaries_equal_serial(articles, threads, options):
    # Summaries compare whole: sentences, every score and span, the source.
    got = list(nutgraf.summarize_many(articles[:120], 2, threads=threads, **options))
    assert got == [nutgraf.summarize(t, 2, **options) for t in articles[:120]]


@pytest.mark.parametrize("threads", [1, 2])
def test_grouped_keywords_equal_serial(articles, threads):
    got = list(nutgraf.keywords_many(articles[:120], 5, threads=threads))
    assert got == [nutgraf.keywords(t, 5) for t in articles[:120]]


@pytest.mark.parametrize("function", [nutgraf.normalize_many, nutgraf.sentence_spans_many,
                                      nutgraf.summarize_many, nutgraf.keywords_many])
@pytest.mark.parametrize("threads", [1, 2])
def test_a_bad_text_in_a_group_fails_at_its_place(function, threads):
    texts = ["Fine. Text."] * 300 + ["lone \ud800 surrogate"] + ["More."] * 5
    seen = []
    with pytest.raises(UnicodeEncodeError):
        for result in function(texts, threads=threads):
            seen.append(result)
    assert len(seen) == 300


def test_a_bad_option_fails_as_the_serial_call_does():
    with pytest.raises(TypeError):
        list(nutgraf.normalize_many(["x"], colour=True))
    with pytest.raises(ValueError, match="unknown lang"):
        list(nutgraf.sentences_many(["x"], lang="xx"))
    with pytest.raises(ValueError, match="unknown method"):
        list(nutgraf.summarize_many(["One. Two."], method="best"))
    with pytest.raises(TypeError, match="n must be an int"):
        list(nutgraf.keywords_many(["One. Two."], n="5"))


def test_streams_from_an_endless_generator():
    endless = (f"Sentence {i}. Another one." for i in itertools.count())
    first = list(itertools.islice(nutgraf.sentences_many(endless, threads=2), 5000))
    assert first[4999] == ["Sentence 4999.", "Another one."]


def test_error_surfaces_at_its_place_after_the_results_before_it():
    texts = ["One. Two."] * 700 + [42] + ["Three."] * 10
    seen = []
    with pytest.raises(TypeError, match="text must be str"):
        for result in nutgraf.sentences_many(texts, threads=2):
            seen.append(result)
    assert len(seen) == 700


@pytest.mark.parametrize("bad, error", [(0, ValueError), (-1, ValueError), (1.5, TypeError),
                                        ("2", TypeError), (True, TypeError)])
def test_threads_must_be_a_positive_int(bad, error):
    with pytest.raises(error, match="threads must be"):
        nutgraf.sentences_many(["x"], threads=bad)


def test_results_pickle(articles):
    text = articles[0]
    for value in (
        nutgraf.summarize(text, n=2),
        nutgraf.rank(text)[:3],
        nutgraf.normalize(text, offsets=True),
        nutgraf.Document(text),
        nutgraf.keywords(text),
    ):
        restored = pickle.loads(pickle.dumps(value))
        assert restored == value or repr(restored) == repr(value)

"""The extension module itself: multi-phase init, isolation, errors, threads."""
import threading
from pathlib import Path

import pytest

import nutgraf
from nutgraf import _core


def test_core_is_private_and_exports_only_its_init():
    assert _core.__name__ == "nutgraf._core"
    assert "Private" in _core.__doc__


def test_reimported_module_is_a_separate_working_object():
    # Multi-phase init: a second module object built from the same spec has
    # its own state and works on its own (no static globals are shared).
    import importlib.util

    spec = importlib.util.find_spec("nutgraf._core")
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    assert other is not _core
    assert other.normalize("a&amp;b", _core.NORM_ENTITIES, _core.FORM_NFC, False) == "a&b"
    assert other.segment("One. Two.", "en", True) == ["One.", "Two."]


def test_runs_in_a_subinterpreter():
    si = pytest.importorskip("_xxsubinterpreters", reason="this Python has no subinterpreter API")
    root = str(Path(nutgraf.__file__).resolve().parent.parent)
    interp = si.create()
    try:
        si.run_string(
            interp,
            f"import sys; sys.path.insert(0, {root!r})\n"
            "import nutgraf\n"
            "assert nutgraf.sentences('One. Two.') == ['One.', 'Two.']\n",
        )
    finally:
        si.destroy(interp)
    assert nutgraf.sentences("Still. Fine.") == ["Still.", "Fine."]


@pytest.mark.parametrize("function", [nutgraf.normalize, nutgraf.sentences, nutgraf.sentence_spans])
@pytest.mark.parametrize("bad", [None, b"bytes", 3, ["list"]])
def test_non_str_text_is_a_type_error_naming_the_argument(function, bad):
    with pytest.raises(TypeError, match="text must be str"):
        function(bad)


@pytest.mark.parametrize("function", [nutgraf.normalize, nutgraf.sentences, nutgraf.sentence_spans])
def test_lone_surrogate_is_a_clear_error(function):
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        function("abc \ud800 def")


def test_unknown_choices_list_the_valid_ones():
    with pytest.raises(ValueError, match="NFC, NFD, NFKC, NFKD"):
        nutgraf.normalize("x", form="NFX")
    with pytest.raises(ValueError, match="choose one of: en"):
        nutgraf.sentences("x", lang="xx")


def test_threads_get_the_serial_results():
    texts = [f"Item {i}: the U.S. rate rose 1.{i}% on Monday.  &amp; more &#8217;text&#8217;." * 50 for i in range(40)]
    serial = [(nutgraf.normalize(t), nutgraf.sentence_spans(t)) for t in texts]
    results = [None] * len(texts)

    def work(indices):
        for i in indices:
            results[i] = (nutgraf.normalize(texts[i]), nutgraf.sentence_spans(texts[i]))

    threads = [threading.Thread(target=work, args=(range(k, len(texts), 8),)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == serial

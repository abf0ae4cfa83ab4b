"""Type stubs for nutgraf._core, the private C extension (see csrc/python).

Every entry point is positional-only; spans are half-open ``(start, end)``
``str`` indices. The public, keyword-friendly API is in ``nutgraf/*.py``.
"""
from typing import Iterable, List, Literal, Optional, Sequence, Tuple, Union, overload

# A run of an offset map: (output index, original index, copied?).
_Run = Tuple[int, int, bool]
# Characters repaired per kind, in the order of nutgraf.repair.KINDS.
_RepairCounts = Tuple[int, int, int, int, int]

#: The supported languages, comma-separated ("en").
languages: str
#: The scoring methods, comma-separated, in the order of summarize()'s weights.
methods: str

NORM_WHITESPACE: int
NORM_CONTROLS: int
NORM_ENTITIES: int
NORM_ASCII_PUNCT: int
NORM_DEHYPHENATE: int
NORM_CASEFOLD: int
FORM_NONE: int
FORM_NFC: int
FORM_NFD: int
FORM_NFKC: int
FORM_NFKD: int

REPAIR_MOJIBAKE: int
REPAIR_LOSSY_PUNCT: int
REPAIR_REPLACEMENT: int
REPAIR_DROP_REPLACEMENT: int

# ---- normalize.c ----------------------------------------------------------

@overload
def normalize(text: str, flags: int, form: int, want_map: Literal[False], /) -> str: ...
@overload
def normalize(text: str, flags: int, form: int, want_map: Literal[True], /) -> Tuple[str, List[_Run]]: ...
@overload
def normalize(
    text: str, flags: int, form: int, want_map: bool, /
) -> Union[str, Tuple[str, List[_Run]]]: ...

# ---- sentences.c ----------------------------------------------------------

@overload
def segment(text: str, lang: str, as_text: Literal[False], /) -> List[Tuple[int, int]]: ...
@overload
def segment(text: str, lang: str, as_text: Literal[True], /) -> List[str]: ...
@overload
def segment(text: str, lang: str, as_text: bool, /) -> Union[List[Tuple[int, int]], List[str]]: ...
@overload
def segment_many(texts: Iterable[str], lang: str, as_text: Literal[False], /) -> List[List[Tuple[int, int]]]: ...
@overload
def segment_many(texts: Iterable[str], lang: str, as_text: Literal[True], /) -> List[List[str]]: ...
@overload
def segment_many(
    texts: Iterable[str], lang: str, as_text: bool, /
) -> Union[List[List[Tuple[int, int]]], List[List[str]]]: ...

def segment_body(
    text: str, lang: str, regions: Sequence[Tuple[int, int]], max_spaces: int, /
) -> Tuple[List[Tuple[int, int]], List[int]]: ...

# ---- offsets.c ------------------------------------------------------------

def original_spans(
    runs: Sequence[_Run], original_length: int, length: int, spans: Sequence[Tuple[int, int]], /
) -> Optional[List[Tuple[int, int]]]: ...

# ---- repair.c -------------------------------------------------------------

@overload
def repair(text: str, flags: int, want_map: Literal[False], /) -> Tuple[str, _RepairCounts]: ...
@overload
def repair(
    text: str, flags: int, want_map: Literal[True], /
) -> Tuple[str, _RepairCounts, List[_Run]]: ...
@overload
def repair(
    text: str, flags: int, want_map: bool, /
) -> Union[Tuple[str, _RepairCounts], Tuple[str, _RepairCounts, List[_Run]]]: ...
@overload
def repair_normalize(
    text: str, repair_flags: int, flags: int, form: int, want_map: Literal[False], /
) -> str: ...
@overload
def repair_normalize(
    text: str, repair_flags: int, flags: int, form: int, want_map: Literal[True], /
) -> Tuple[str, List[_Run]]: ...
def repair_normalize_many(
    texts: Iterable[str], repair_flags: int, flags: int, form: int, /
) -> List[str]: ...

# ---- words.c --------------------------------------------------------------

def words(text: str, /) -> List[Tuple[int, int]]: ...
def fold(word: str, /) -> str: ...
def stem(word: str, /) -> str: ...
def is_stopword(word: str, lang: str, /) -> bool: ...

# ---- summarize.c ----------------------------------------------------------

def summarize(
    text: str,
    spans: Sequence[Tuple[int, int]],
    lang: str,
    title: Optional[str],
    weights: Sequence[float],
    max_sentences: int,
    max_words: int,
    mmr_lambda: float,
    max_similarity: float,
    /,
) -> Tuple[List[float], List[int]]: ...
def summarize_many(
    items: Iterable[Tuple[str, Sequence[Tuple[int, int]], Optional[str], int, int]],
    lang: str,
    weights: Sequence[float],
    mmr_lambda: float,
    max_similarity: float,
    /,
) -> List[Tuple[List[float], List[int]]]: ...
def keywords(
    text: str, spans: Sequence[Tuple[int, int]], lang: str, k: int, /
) -> List[Tuple[str, float, bool]]: ...
def keywords_many(
    items: Iterable[Tuple[str, Sequence[Tuple[int, int]], int]], lang: str, /
) -> List[List[Tuple[str, float, bool]]]: ...

"""Type stubs for nutgraf._core, the private C extension (see csrc/python)."""
from typing import List, Literal, Tuple, overload

languages: str

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

@overload
def normalize(text: str, flags: int, form: int, want_map: Literal[False], /) -> str: ...
@overload
def normalize(
    text: str, flags: int, form: int, want_map: Literal[True], /
) -> Tuple[str, List[Tuple[int, int, bool]]]: ...
@overload
def segment(text: str, lang: str, as_text: Literal[False], /) -> List[Tuple[int, int]]: ...
@overload
def segment(text: str, lang: str, as_text: Literal[True], /) -> List[str]: ...

REPAIR_MOJIBAKE: int
REPAIR_LOSSY_PUNCT: int
REPAIR_REPLACEMENT: int
REPAIR_DROP_REPLACEMENT: int

@overload
def repair(
    text: str, flags: int, want_map: Literal[False], /
) -> Tuple[str, Tuple[int, int, int, int, int]]: ...
@overload
def repair(
    text: str, flags: int, want_map: Literal[True], /
) -> Tuple[str, Tuple[int, int, int, int, int], List[Tuple[int, int, bool]]]: ...

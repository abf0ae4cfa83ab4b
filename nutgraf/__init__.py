"""nutgraf: fast, exact article text.

Normalize raw text, split it into sentences with exact offsets into the
caller's string, and (as the project grows) score and summarize it.

All functions are pure and thread-safe; the C core runs without the GIL.
"""
from .normalization import FORMS, Normalized, normalize
from .segmentation import LANGUAGES, sentence_spans, sentences

__version__ = "0.1.0"

__all__ = [
    "FORMS",
    "LANGUAGES",
    "Normalized",
    "normalize",
    "sentence_spans",
    "sentences",
]

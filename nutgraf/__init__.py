"""nutgraf: fast, exact article text.

Normalize raw text, split it into sentences with exact offsets into the
caller's string, read an article's structure, and score and summarize it.

All functions are pure and thread-safe; the C core's work on long texts and on
groups of texts (the *_many functions) runs without the GIL.
"""
from .normalization import FORMS, Normalized, normalize
from .segmentation import LANGUAGES, sentence_spans, sentences
from .repair import Repaired, repair
from .summary import METHODS, Sentence, Summary, keywords, rank, score, summarize
from .document import Document
from .batch import (
    keywords_many,
    map_texts,
    normalize_many,
    sentence_spans_many,
    sentences_many,
    summarize_many,
)

__version__ = "0.1.0"

__all__ = [
    "FORMS",
    "LANGUAGES",
    "Normalized",
    "normalize",
    "Repaired",
    "repair",
    "sentence_spans",
    "sentences",
    "METHODS",
    "Document",
    "Sentence",
    "Summary",
    "keywords",
    "rank",
    "score",
    "summarize",
    "map_texts",
    "normalize_many",
    "sentences_many",
    "sentence_spans_many",
    "summarize_many",
    "keywords_many",
]

"""Shared fixtures: the gold data in ../shared/data, read in place.

Tests that need the data skip with a clear reason where it is absent (a user's
clone), and fail instead when the CI environment variable is set, since CI
always has it. NUTGRAF_DATA overrides the location.
"""
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("NUTGRAF_DATA", REPO.parent / "shared" / "data"))


def data_path(relative: str) -> Path:
    """The path of a shared data file, or skip (fail under CI) when it is missing."""
    path = DATA / relative
    if not path.exists():
        message = f"shared gold data not found: {path} (set NUTGRAF_DATA to its folder)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def read_jsonl(relative: str) -> list:
    """The records of a JSON Lines file of the shared data."""
    with open(data_path(relative), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def corpus_texts():
    """Every article and document text of the shared corpora, as a list of str."""
    texts = []
    for name in ("cnndm_validation", "bbc_news_summary", "xsum_test", "gum"):
        texts += [r["article"] for r in read_jsonl(f"summarization/{name}.jsonl")]
    texts += [r["text"] for r in read_jsonl("ud_sentences/en_gum.jsonl")]
    return texts

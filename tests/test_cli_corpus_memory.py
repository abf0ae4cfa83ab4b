"""Corpus mode streams: a JSON Lines input far larger than the memory bound
goes through ``nutgraf sentences --jsonl`` and the process's peak resident
memory stays under that bound, with one worker and with two.

The bound is half the input's size, so an implementation that held the
input, or the output, at any point could not meet it; what streaming needs
is a few tens of MB (the interpreter, the module, the records in flight).
"""
import json
import os
import subprocess
import sys

import pytest

from conftest import data_path

INPUT_BYTES = 200 * 2**20
PEAK_BOUND = INPUT_BYTES // 2


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """About INPUT_BYTES of {"id": n, "text": article} lines: the CNN/DailyMail
    articles over and over, each with its own id. Returns (path, records)."""
    with open(data_path("summarization/cnndm_validation.jsonl"), encoding="utf-8") as f:
        articles = [json.dumps(json.loads(line)["article"], ensure_ascii=False) for line in f]
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    records = size = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < INPUT_BYTES:
            for article in articles:
                records += 1
                line = f'{{"id": {records}, "text": {article}}}\n'
                size += len(line.encode("utf-8"))
                out.write(line)
    return path, records


def _count_lines(stream):
    """(number of lines, the last line) of a binary stream."""
    count, last = 0, b""
    for last in stream:
        count += 1
    return count, last


# Runs a command and writes the peak resident memory, in kB, of the processes
# it waited for (the command and the workers the command waited for) to the
# file named first. The peak is measured from this small process rather than
# from pytest because Linux counts in a child's peak the memory of the process
# it was forked from, up to its exec: pytest's own, after the other tests.
PEAK_OF = """
import resource, subprocess, sys
status = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status)
"""


@pytest.mark.skipif(
    bool(os.environ.get("NUTGRAF_SANITIZED")),
    reason="AddressSanitizer keeps freed memory in quarantine; this check runs in the normal build",
)
@pytest.mark.parametrize("workers", ["1", "2"])
def test_peak_memory_stays_flat(workers, big_corpus, tmp_path):
    path, records = big_corpus
    assert path.stat().st_size >= INPUT_BYTES
    peak_file = tmp_path / "peak"
    errors = tmp_path / "stderr"
    with open(errors, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-c", PEAK_OF, str(peak_file),
             sys.executable, "-m", "nutgraf", "sentences", "--jsonl", str(path), "--workers", workers],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
        )
        lines, last = _count_lines(proc.stdout)
        proc.wait()
    assert proc.returncode == 0, errors.read_text()
    assert lines == records
    assert json.loads(last)["id"] == records
    peak = int(peak_file.read_text()) * 1024  # kilobytes on Linux
    assert peak < PEAK_BOUND, f"peak RSS {peak / 2**20:.0f} MB with {workers} worker(s)"

"""Corpus mode of the command line: ``nutgraf COMMAND --jsonl IN``.

Real CNN/DailyMail articles go through every subcommand; each output record
must equal what the library gives for that record, in input order, with one
worker and with two. Bad records are reported with their line numbers and
never dropped silently.
"""
import json
import os
import pty
import subprocess
import sys
import threading

import pytest

import nutgraf
from conftest import data_path

RECORDS = 120


def run(*args, stdin=b"", stderr=subprocess.PIPE):
    return subprocess.run(
        [sys.executable, "-m", "nutgraf", *args], input=stdin, stdout=subprocess.PIPE, stderr=stderr
    )


def lines(stdout):
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


@pytest.fixture(scope="module")
def articles():
    """(id, article) of the first RECORDS records of cnndm_validation."""
    found = []
    with open(data_path("summarization/cnndm_validation.jsonl"), encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            found.append((record["id"], record["article"]))
            if len(found) == RECORDS:
                break
    return found


@pytest.fixture(scope="module")
def corpus(articles, tmp_path_factory):
    """The articles as {"id", "text"} JSON Lines."""
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for ident, text in articles:
            f.write(json.dumps({"id": ident, "text": text}, ensure_ascii=False) + "\n")
    return path


def expected_normalize(text):
    return {"text": nutgraf.normalize(text)}


def expected_repair(text):
    result = nutgraf.repair(text, offsets=True)
    return {"text": result.text, "repairs": dict(result.repairs)}


def expected_sentences(text):
    return {"sentences": [{"start": s, "end": e, "text": text[s:e]} for s, e in nutgraf.sentence_spans(text)]}


def expected_summarize(text):
    summary = nutgraf.summarize(text, 3)
    return {"summary": {
        "method": summary.method,
        "text": summary.text,
        "sentences": [{"index": s.index, "start": s.start, "end": s.end, "score": s.score, "text": s.text}
                      for s in summary],
    }}


def expected_keywords(text):
    return {"keywords": [{"term": t, "score": s} for t, s in nutgraf.keywords(text, 10)]}


EXPECTED = {
    "normalize": expected_normalize,
    "repair": expected_repair,
    "sentences": expected_sentences,
    "summarize": expected_summarize,
    "keywords": expected_keywords,
}


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_each_record_equals_the_library_in_input_order(command, workers, corpus, articles):
    result = run(command, "--jsonl", str(corpus), "--workers", workers)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""  # no progress bar: stderr is not a terminal
    records = lines(result.stdout)
    assert [r["id"] for r in records] == [ident for ident, _ in articles]
    for record, (ident, text) in zip(records, articles):
        assert record == {"id": ident, **EXPECTED[command](text)}


def test_stdin_field_and_id_field(articles):
    data = "".join(json.dumps({"key": f"k{i}", "article": text}) + "\n" for i, (_, text) in enumerate(articles[:5]))
    result = run("sentences", "--jsonl", "-", "--field", "article", "--id-field", "key", stdin=data.encode())
    assert result.returncode == 0, result.stderr
    records = lines(result.stdout)
    assert [r["id"] for r in records] == [f"k{i}" for i in range(5)]
    assert records[3]["sentences"] == expected_sentences(articles[3][1])["sentences"]


def test_records_without_an_id_get_their_line_number():
    data = b'{"text": "One."}\n\n{"text": "Three.", "id": 7}\n{"text": "Four."}\n{"text": "Five.", "id": null}\n'
    result = run("sentences", "--jsonl", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in lines(result.stdout)] == [1, 7, 4, None]


def test_output_file(corpus, articles, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("keywords", "--jsonl", str(corpus), "--workers", "2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    with open(out, "rb") as f:
        records = lines(f.read())
    assert len(records) == len(articles)
    assert records[-1] == {"id": articles[-1][0], **expected_keywords(articles[-1][1])}


# One good record, then every kind of bad record, then a good one. Line 4 is blank:
# no record, and no report.
BAD = (
    b'{"id": "a", "text": "First good. Two sentences."}\n'
    b'{"id": "b", "text": "broken JSON"\n'                   # 2: invalid JSON
    b'["text", "an array"]\n'                                 # 3: not an object
    b'\n'
    b'{"id": "e", "body": "no text field"}\n'                 # 5: missing field
    b'{"id": "f", "text": 42}\n'                              # 6: not a string
    b'{"id": "g", "text": "caf\xe9 in Latin-1"}\n'            # 7: invalid UTF-8
    b'{"id": "h", "text": "A lone \\udc80 surrogate."}\n'    # 8: the library refuses it
    b'{"id": "i", "text": "Last good."}\n'
)
BAD_LINES = [2, 3, 5, 6, 7, 8]


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_skip_reports_every_bad_record_and_exits_1(command, workers, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(BAD)
    result = run(command, "--jsonl", str(path), "--on-error", "skip", "--workers", workers)
    assert result.returncode == 1
    assert [r["id"] for r in lines(result.stdout)] == ["a", "i"]
    messages = result.stderr.decode().splitlines()
    assert len(messages) == len(BAD_LINES) + 1
    for n in BAD_LINES:
        assert sum(f"bad.jsonl: line {n}:" in m for m in messages) == 1, (n, messages)
    assert "6 records skipped" in messages[-1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_stop_writes_everything_before_the_bad_record(workers, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(BAD)
    result = run("sentences", "--jsonl", str(path), "--workers", workers)  # stop is the default
    assert result.returncode == 1
    assert [r["id"] for r in lines(result.stdout)] == ["a"]
    assert result.stderr.decode().splitlines() == [
        "nutgraf: " + str(path) + ": line 2: invalid JSON at column 34: Expecting ',' delimiter"]


@pytest.mark.parametrize("line, message", [
    (b'{"text": "x"\n', "invalid JSON"),
    (b'"just a string"\n', "not a JSON object"),
    (b'{"id": 1}\n', "no field 'text'"),
    (b'{"text": ["a"]}\n', "field 'text' is list, not a string"),
    (b'{"text": "\xff"}\n', "invalid UTF-8"),
    (b'{"text": "\\ud800"}\n', "Unicode"),
])
def test_stop_on_each_kind_of_bad_record(line, message):
    data = b'{"text": "Good."}\n' + line + b'{"text": "Never reached."}\n'
    result = run("summarize", "--jsonl", "-", stdin=data)
    assert result.returncode == 1
    assert [r["id"] for r in lines(result.stdout)] == [1]
    (report,) = result.stderr.decode().splitlines()
    assert report.startswith("nutgraf: <stdin>: line 2: ") and message in report, report


def test_errors_replace_reads_invalid_utf8_on():
    result = run("normalize", "--jsonl", "-", "--errors", "replace", stdin=b'{"text": "caf\xe9"}\n')
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [{"id": 1, "text": "caf\ufffd"}]


def test_repair_report_names_the_line():
    result = run("repair", "--report", "--jsonl", "-", stdin='{"text": "It\u00e2\u20ac\u2122s"}\n'.encode())
    assert result.returncode == 0
    assert lines(result.stdout)[0]["text"] == "It\u2019s"
    assert result.stderr.decode().startswith("nutgraf: <stdin>: line 1: ")


@pytest.mark.parametrize("args", [
    ["--jsonl", "-", "some.txt"],
    ["--jsonl", "-", "--format", "jsonl"],
    ["--jsonl", "-", "--workers", "0"],
    ["--jsonl", "-", "--on-error", "ignore"],
])
def test_usage_errors(args):
    result = run("sentences", *args)
    assert result.returncode == 2
    assert result.stdout == b""


def test_missing_input_is_exit_1():
    result = run("sentences", "--jsonl", "/nonexistent/records.jsonl")
    assert result.returncode == 1
    assert b"/nonexistent/records.jsonl" in result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("source", ["file", "stdin"])
def test_closed_pipe_exits_quietly(source, workers, tmp_path):
    # `nutgraf sentences --jsonl big.jsonl | head -1`: the output is far larger
    # than a pipe holds, so the reader goes away while records are in flight.
    data = b'{"text": "A sentence here. Another one."}\n' * 50000
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    proc = subprocess.Popen(
        [sys.executable, "-m", "nutgraf", "sentences", "--jsonl", str(path) if source == "file" else "-",
         "--workers", workers],
        stdin=subprocess.PIPE if source == "stdin" else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    if source == "stdin":
        # Fed as `cat big.jsonl |` would: alongside, since writing it all before
        # reading any output would fill both pipes and wait forever.
        feeder = threading.Thread(target=feed, args=(proc.stdin, data))
        feeder.start()
    assert json.loads(proc.stdout.readline())["id"] == 1
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
    if source == "stdin":
        feeder.join(timeout=60)  # ends once no process holds standard input open
        assert not feeder.is_alive()


def feed(stream, data):
    try:
        stream.write(data)
        stream.close()
    except BrokenPipeError:
        pass


def test_progress_on_a_terminal_only(corpus):
    # The same run with standard error on a pseudo-terminal shows progress there,
    # and nothing of it reaches standard output.
    main, secondary = pty.openpty()
    try:
        result = run("sentences", "--jsonl", str(corpus), stderr=secondary)
        os.close(secondary)
        secondary = None
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
        if secondary is not None:
            os.close(secondary)
    assert result.returncode == 0
    assert f"{RECORDS} records".encode() in shown
    assert b"records/s" in shown and b"ETA" in shown
    assert len(lines(result.stdout)) == RECORDS

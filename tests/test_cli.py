"""python -m nutgraf: subcommands, formats, exit codes, stdout/stderr discipline."""
import json
import subprocess
import sys
from pathlib import Path


ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"


def run(*args, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "nutgraf", *args], input=stdin, capture_output=True
    )


def test_help_lists_subcommands():
    result = run("--help")
    assert result.returncode == 0
    assert b"normalize" in result.stdout and b"sentences" in result.stdout


def test_no_subcommand_is_a_usage_error():
    result = run()
    assert result.returncode == 2
    assert result.stdout == b""


def test_normalize_reads_stdin():
    result = run("normalize", stdin="caf\u00e9  &amp;\u00a0co\r\n\r\n\r\nnext".encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "caf\u00e9 & co\n\nnext\n"
    assert result.stderr == b""


def test_normalize_options_reach_the_library():
    result = run("normalize", "--ascii-punct", "--form", "NFKC", stdin="\u201cﬁne\u201d \u2013 ok".encode())
    assert result.stdout.decode() == '"fine" - ok\n'


def test_sentences_of_the_sample_article_one_per_line():
    result = run("sentences", str(ARTICLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) > 10
    assert all(line.strip() == line and line for line in lines)


def test_sentences_jsonl_spans_index_the_input():
    text = ARTICLE.read_text(encoding="utf-8")
    result = run("sentences", "--format", "jsonl", str(ARTICLE))
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["index"] for r in records] == list(range(len(records)))
    for r in records:
        assert text[r["start"]:r["end"]] == r["text"]


def test_invalid_utf8_is_reported_with_its_byte_and_exit_1(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"good text\n\xff\xfe more")
    result = run("sentences", str(bad))
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"byte 10" in result.stderr
    replaced = run("sentences", "--errors", "replace", str(bad))
    assert replaced.returncode == 0
    assert "\ufffd" in replaced.stdout.decode()


def test_missing_file_is_reported_and_the_others_still_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("One sentence. Another one.", encoding="utf-8")
    result = run("sentences", str(tmp_path / "missing.txt"), str(good))
    assert result.returncode == 1
    assert b"missing.txt" in result.stderr
    assert result.stdout.decode().splitlines() == ["One sentence.", "Another one."]


def test_bad_option_is_a_usage_error():
    result = run("normalize", "--form", "XYZ")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr


def test_closed_pipe_exits_quietly():
    # `nutgraf sentences big.txt | head -1`: the reader leaves early.
    big = ("A sentence here. " * 200000).encode()
    proc = subprocess.Popen(
        [sys.executable, "-m", "nutgraf", "sentences"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    proc.stdin.write(big)
    proc.stdin.close()
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""

"""Corpus mode of the command line: ``nutgraf COMMAND --jsonl IN``.

Reads JSON Lines one line at a time (as bytes, decoded per line so invalid
UTF-8 is caught per record) and writes one JSON line per record as it goes, in
input order, with a bounded number of records in flight, so memory stays flat
whatever the size of the input. With ``--workers N`` the records are processed
on N worker processes, not threads: measured on cnndm_validation, threads gain
little for summarize and lose for sentences, because decoding, JSON parsing and
encoding around the core's work hold the GIL.

A record that cannot be processed is never dropped silently: it is reported on
standard error with its line number, and ``--on-error`` stops the run there
(after everything before it is written) or skips it and says at the end how
many were skipped. Either way the exit status is 1.
"""
from __future__ import annotations

import json
import os
import stat
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, BinaryIO, Callable, Dict, Iterator, List, Optional, TextIO, Tuple, Union


# A line on its way out: (line number, encoded JSON line, result dict) for a
# record done, or (line number, None, message) for a bad record.
Done = Tuple[int, Optional[bytes], Any]

# Lines go to worker processes in groups of about this many bytes (or lines):
# enough to be worth the hand-off, few enough that memory stays flat.
_CHUNK_BYTES = 1 << 20
_CHUNK_LINES = 256
_CHUNKS_PER_WORKER = 4


class Progress:
    """Records done, records/s and, when the input size is known, the ETA by
    bytes read; one line on standard error rewritten with ``\\r``."""

    INTERVAL = 0.25

    def __init__(self, stream: TextIO, total_bytes: Optional[int]) -> None:
        self.stream = stream
        self.total = total_bytes
        self.bytes_read = 0
        self.done = 0
        self.start = self.last = time.monotonic()
        self.shown = False

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last >= self.INTERVAL:
            self.last = now
            self.show(now)

    def show(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        line = f"{self.done} records, {self.done / elapsed:.0f} records/s"
        if self.total and self.bytes_read:
            fraction = min(self.bytes_read / self.total, 1.0)
            eta = elapsed * (1 - fraction) / fraction
            line += f", {100 * fraction:.0f}%, ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Wipes the line, so that a message starts at the left margin."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def finish(self) -> None:
        if self.done:
            self.show(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


class LineProcessor:
    """One raw line in, one Done out: decode, parse, check, compute, encode.

    All the per-record work is here, so that it runs in the worker processes;
    the main process only reads lines and writes bytes. A plain class, so it
    pickles (the result function is a partial of a module-level function).
    """

    def __init__(self, result: Callable[[str], Dict[str, Any]], field: str, id_field: str,
                 errors: str, keep_result: bool) -> None:
        self.result = result
        self.field = field
        self.id_field = id_field
        self.errors = errors
        self.keep_result = keep_result

    def __call__(self, numbered: Tuple[int, bytes]) -> Done:
        number, raw = numbered
        try:
            line = raw.rstrip(b"\r\n").decode("utf-8", self.errors)
        except UnicodeDecodeError as e:
            return number, None, f"invalid UTF-8 at byte {e.start} of the line: {e.reason}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            return number, None, f"invalid JSON at column {e.colno}: {e.msg}"
        if not isinstance(record, dict):
            return number, None, f"not a JSON object but {type(record).__name__}"
        if self.field not in record:
            return number, None, f"no field {self.field!r}"
        text = record[self.field]
        if not isinstance(text, str):
            return number, None, f"field {self.field!r} is {type(text).__name__}, not a string"
        try:
            body = self.result(text)
            # Encoding here also catches what could not be written (a lone
            # surrogate from a JSON \ud800 escape in the id).
            out = {"id": record.get(self.id_field, number), **body}
            encoded = json.dumps(out, ensure_ascii=False).encode("utf-8") + b"\n"
        except (ValueError, TypeError) as e:  # UnicodeError is a ValueError
            return number, None, f"{type(e).__name__}: {e}"
        return number, encoded, body if self.keep_result else None


def _numbered_lines(stream: BinaryIO, progress: Optional[Progress]) -> Iterator[Tuple[int, bytes]]:
    """(1-based line number, bytes) of each line that is not blank."""
    for number, raw in enumerate(stream, 1):
        if progress is not None:
            progress.bytes_read += len(raw)
        if raw.strip():  # a blank line (a trailing newline) is no record
            yield number, raw


def _chunks(lines: Iterator[Tuple[int, bytes]]) -> Iterator[List[Tuple[int, bytes]]]:
    chunk: List[Tuple[int, bytes]] = []
    size = 0
    for item in lines:
        chunk.append(item)
        size += len(item[1])
        if size >= _CHUNK_BYTES or len(chunk) >= _CHUNK_LINES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _process_chunk(process: LineProcessor, chunk: List[Tuple[int, bytes]]) -> List[Done]:
    return [process(item) for item in chunk]


def _map_on_processes(process: LineProcessor, lines: Iterator[Tuple[int, bytes]],
                      workers: int) -> Iterator[Done]:
    """process(line) for each line, in input order, on ``workers`` processes,
    with at most _CHUNKS_PER_WORKER chunks per worker in flight."""
    pool = ProcessPoolExecutor(max_workers=workers)
    finished = False
    try:
        pending: deque[Future[List[Done]]] = deque()
        chunks = _chunks(lines)
        while True:
            for chunk in chunks:
                pending.append(pool.submit(_process_chunk, process, chunk))
                if len(pending) >= workers * _CHUNKS_PER_WORKER:
                    break
            if not pending:
                finished = True
                return
            yield from pending.popleft().result()
    finally:
        # Stopped early (a bad record, a closed pipe): drop the queued work
        # and do not wait for results nobody will read. The chunks the workers
        # already hold still finish before the interpreter exits; ending the
        # workers instead can cut a result off halfway down the pool's result
        # pipe, and the pool then waits for the rest of it forever.
        pool.shutdown(wait=finished, cancel_futures=True)


def _open_input(path: str) -> Tuple[BinaryIO, Optional[int], str]:
    if path == "-":
        stream = sys.stdin.buffer
        name = "<stdin>"
    else:
        stream = open(path, "rb")
        name = path
    try:
        info = os.fstat(stream.fileno())
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
    except (OSError, ValueError, AttributeError):
        size = None  # a stream without a file behind it (e.g. in tests)
    return stream, size, name


def run_corpus(result: Callable[[str], Dict[str, Any]], *, path: str, field: str, id_field: str,
               workers: int, on_error: str, errors: str, out: BinaryIO,
               report: Optional[Callable[[str, Dict[str, Any]], None]] = None,
               progress: Union[bool, None] = None) -> int:
    """Runs ``result(text)`` over the records of the JSON Lines at ``path``
    ('-': standard input), writing one line per record to ``out``; returns the
    exit status (0, or 1 when a record or the input itself was bad).

    ``progress``: show a progress line on standard error (default: when
    standard error is a terminal).
    """
    from .cli import EXIT_INPUT, EXIT_OK

    try:
        stream, size, name = _open_input(path)
    except OSError as e:
        print(f"nutgraf: {path}: {e.strerror or e}", file=sys.stderr)
        return EXIT_INPUT
    if progress is None:
        progress = sys.stderr.isatty()
    bar = Progress(sys.stderr, size) if progress else None

    def warn(message: str) -> None:
        if bar is not None:
            bar.clear()
        print(f"nutgraf: {message}", file=sys.stderr)

    skipped = 0
    status = EXIT_OK
    process = LineProcessor(result, field, id_field, errors, keep_result=report is not None)
    lines = _numbered_lines(stream, bar)
    if workers == 1:
        results: Iterator[Done] = map(process, lines)
    else:
        results = _map_on_processes(process, lines, workers)
    try:
        for number, line, body in results:
            if line is None:
                warn(f"{name}: line {number}: {body}")
                if on_error == "stop":
                    status = EXIT_INPUT
                    break
                skipped += 1
                continue
            out.write(line)
            if report is not None:
                report(f"{name}: line {number}", body)
            if bar is not None:
                bar.step()
        out.flush()
    finally:
        close = getattr(results, "close", None)  # a generator when on processes
        if close is not None:
            close()
        if stream is not sys.stdin.buffer:
            stream.close()
        if bar is not None:
            bar.finish()
    if skipped:
        warn(f"{name}: {skipped} record{'s' if skipped != 1 else ''} skipped (--on-error skip)")
        status = EXIT_INPUT
    return status

"""The command line: ``python -m nutgraf SUBCOMMAND [FILE ...]``.

Each subcommand reads the named files (or standard input when none is named),
writes results alone to standard output and messages to standard error, and
exits 0 on success, 1 when an input could not be processed, 2 on usage errors.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable, List, Optional, Sequence, TextIO, Tuple

from . import __version__
from .normalization import FORMS, normalize
from .repair import repair
from .segmentation import LANGUAGES, sentence_spans
from .summary import METHODS

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class InputError(Exception):
    """An input that could not be read or decoded; reported, exit status 1."""


def read_input(path: str, errors: str) -> Tuple[str, str]:
    """(name, text) of one input, '-' meaning standard input."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
        return name, data.decode("utf-8", errors)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: invalid UTF-8 at byte {e.start}: {e.reason} (--errors replace reads on)"
        ) from None
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None


def run_normalize(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    result = normalize(
        text,
        form=None if args.form == "none" else args.form,
        whitespace=not args.keep_whitespace,
        controls=not args.keep_controls,
        entities=not args.keep_entities,
        ascii_punct=args.ascii_punct,
        dehyphenate=args.dehyphenate,
        casefold=args.casefold,
    )
    if args.format == "text":
        out.write(result)
        if result and not result.endswith("\n"):
            out.write("\n")
    else:
        out.write(json.dumps({"file": name, "text": result}, ensure_ascii=False) + "\n")


def run_repair(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    result = repair(
        text,
        mojibake=not args.keep_mojibake,
        lossy_punct=not args.keep_lossy_punct,
        replacement={"restore": True, "keep": False, "drop": "drop"}[args.replacement],
        offsets=True,
    )
    repairs = dict(result.repairs)
    if args.report:
        summary = ", ".join(f"{kind} {count}" for kind, count in result.repairs) or "nothing repaired"
        print(f"nutgraf: {name}: {summary}", file=sys.stderr)
    if args.format == "text":
        # The text exactly as repaired: clean input comes out byte for byte.
        out.write(result.text)
    else:
        record = {"file": name, "text": result.text, "repairs": repairs}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_sentences(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    spans = sentence_spans(text, lang=args.lang)
    if args.format == "text":
        for start, end in spans:
            # One sentence per line: a sentence's own line breaks become spaces.
            out.write(" ".join(text[start:end].split()) + "\n")
    else:
        for index, (start, end) in enumerate(spans):
            record = {"file": name, "index": index, "start": start, "end": end, "text": text[start:end]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_summarize(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    from .document import Document

    summary = Document(text, lang=args.lang, title=args.title).summary(
        args.n, ratio=args.ratio, words=args.words, method=args.method)
    if args.format == "text":
        for sentence in summary:
            out.write(" ".join(sentence.text.split()) + "\n")
    elif args.format == "json":
        record = {
            "file": name,
            "method": summary.method,
            "text": summary.text,
            "sentences": [{"index": s.index, "start": s.start, "end": s.end, "score": s.score,
                           "text": s.text} for s in summary],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.write(summary._repr_html_() + "\n")


def run_keywords(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    from .document import Document

    found = Document(text, lang=args.lang).keywords(args.n)
    if args.format == "text":
        for term, score in found:
            out.write(f"{term}\t{score:.4f}\n")
    else:
        record = {"file": name, "keywords": [{"term": t, "score": s} for t, s in found]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _count_arg(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, not {n}")
    return n


def _ratio_arg(value: str) -> float:
    r = float(value)
    if not 0 < r <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], not {value}")
    return r


def _words_arg(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, not {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nutgraf",
        description="Fast, exact article text: normalize, split into sentences.",
    )
    parser.add_argument("--version", action="version", version=f"nutgraf {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help: str, run: Callable, formats: List[str]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("files", nargs="*", metavar="FILE", help="input files (default: standard input)")
        sub.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
        sub.add_argument(
            "--errors",
            choices=["strict", "replace", "ignore"],
            default="strict",
            help="what to do with invalid UTF-8 in the input (default: strict, an error)",
        )
        sub.set_defaults(run=run)
        return sub

    norm = add("normalize", "Normalize text: entities, invisible characters, whitespace, Unicode form.",
               run_normalize, ["text", "jsonl"])
    norm.add_argument("--form", choices=[f for f in FORMS if f] + ["none"], default="NFC",
                      help="Unicode normalization form (default: NFC)")
    norm.add_argument("--keep-whitespace", action="store_true", help="leave whitespace as it is")
    norm.add_argument("--keep-controls", action="store_true", help="keep control and zero-width characters")
    norm.add_argument("--keep-entities", action="store_true", help="do not decode HTML entities")
    norm.add_argument("--ascii-punct", action="store_true", help="curly quotes, dashes, ellipsis to ASCII")
    norm.add_argument("--dehyphenate", action="store_true", help="join words hyphenated across line ends")
    norm.add_argument("--casefold", action="store_true", help="Unicode case folding")

    rep = add("repair", "Repair damaged text: mojibake, punctuation lost to '?', U+FFFD for a lost dash or quote.",
              run_repair, ["text", "jsonl"])
    rep.add_argument("--keep-mojibake", action="store_true", help="do not undo mojibake")
    rep.add_argument("--keep-lossy-punct", action="store_true", help="do not restore punctuation lost to '?'")
    rep.add_argument("--replacement", choices=["restore", "keep", "drop"], default="restore",
                     help="U+FFFD: restore lost dashes and quotes (default), keep all, or restore and drop the rest")
    rep.add_argument("--report", action="store_true", help="say what was repaired in each input, on standard error")

    sent = add("sentences", "Split text into sentences, one per line (or JSON Lines with spans).",
               run_sentences, ["text", "jsonl"])
    sent.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")

    summ = add("summarize", "Summarize articles: their best sentences in document order, one per line.",
               run_summarize, ["text", "json", "html"])
    summ.add_argument("-n", type=_count_arg, default=3, help="number of sentences (default: 3)")
    summ.add_argument("--ratio", type=_ratio_arg, help="share of the sentences to keep, in (0, 1]")
    summ.add_argument("--words", type=_words_arg, help="word budget of the summary")
    summ.add_argument("--method", choices=METHODS, default="auto", help="scoring method (default: auto)")
    summ.add_argument("--title", help="the article's title, when known")
    summ.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")

    keys = add("keywords", "Key terms of articles with their scores, one per line (term TAB score).",
               run_keywords, ["text", "json"])
    keys.add_argument("-n", type=_count_arg, default=10, help="number of keywords (default: 10)")
    keys.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if not args.files and sys.stdin.isatty():
        # Nothing to read but a terminal: show how to use it instead of waiting.
        parser.parse_args([args.command, "--help"])
    out = sys.stdout
    status = EXIT_OK
    try:
        for path in args.files or ["-"]:
            try:
                name, text = read_input(path, args.errors)
            except InputError as e:
                # Report the input and go on with the others; the exit status says it.
                print(f"nutgraf: {e}", file=sys.stderr)
                status = EXIT_INPUT
                continue
            args.run(args, name, text, out)
        out.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    return status


if __name__ == "__main__":
    sys.exit(main())

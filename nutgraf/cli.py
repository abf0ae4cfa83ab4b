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
from functools import partial
from typing import Any, Callable, Dict, List, Optional, Sequence, TextIO, Tuple, Union

from . import __version__
from .normalization import FORMS, normalize
from .repair import repair
from .segmentation import LANGUAGES, sentence_spans
from .summary import METHODS, Summary

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


# One function per subcommand turns a text into its result dict; the file mode
# (run_*) and the corpus mode (nutgraf.corpus) both write what it returns.
Result = Callable[[argparse.Namespace, str], Dict[str, Any]]
Runner = Callable[[argparse.Namespace, str, str, TextIO], None]

def normalize_result(args: argparse.Namespace, text: str) -> Dict[str, Any]:
    return {"text": normalize(
        text,
        form=None if args.form == "none" else args.form,
        whitespace=not args.keep_whitespace,
        controls=not args.keep_controls,
        entities=not args.keep_entities,
        ascii_punct=args.ascii_punct,
        dehyphenate=args.dehyphenate,
        casefold=args.casefold,
    )}


# --replacement's choices as repair()'s replacement argument.
REPLACEMENT: Dict[str, Union[bool, str]] = {"restore": True, "keep": False, "drop": "drop"}


def repair_result(args: argparse.Namespace, text: str) -> Dict[str, Any]:
    result = repair(
        text,
        mojibake=not args.keep_mojibake,
        lossy_punct=not args.keep_lossy_punct,
        replacement=REPLACEMENT[args.replacement],
        offsets=True,
    )
    return {"text": result.text, "repairs": dict(result.repairs)}


def report_repairs(name: str, result: Dict[str, Any]) -> None:
    """The --report line of one input, on standard error."""
    summary = ", ".join(f"{kind} {count}" for kind, count in result["repairs"].items()) or "nothing repaired"
    print(f"nutgraf: {name}: {summary}", file=sys.stderr)


def sentences_result(args: argparse.Namespace, text: str) -> Dict[str, Any]:
    spans = sentence_spans(text, lang=args.lang)
    return {"sentences": [{"start": start, "end": end, "text": text[start:end]} for start, end in spans]}


def _summary(args: argparse.Namespace, text: str) -> Summary:
    from .document import Document

    return Document(text, lang=args.lang, title=args.title).summary(
        args.n, ratio=args.ratio, words=args.words, method=args.method)


def summarize_result(args: argparse.Namespace, text: str) -> Dict[str, Any]:
    summary = _summary(args, text)
    return {"summary": {
        "method": summary.method,
        "text": summary.text,
        "sentences": [{"index": s.index, "start": s.start, "end": s.end, "score": s.score,
                       "text": s.text} for s in summary],
    }}


def keywords_result(args: argparse.Namespace, text: str) -> Dict[str, Any]:
    from .document import Document

    found = Document(text, lang=args.lang).keywords(args.n)
    return {"keywords": [{"term": t, "score": s} for t, s in found]}


def _json_line(record: Dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def run_normalize(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    result = normalize_result(args, text)["text"]
    if args.format == "text":
        out.write(result)
        if result and not result.endswith("\n"):
            out.write("\n")
    else:
        out.write(_json_line({"file": name, "text": result}))


def run_repair(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    result = repair_result(args, text)
    if args.report:
        report_repairs(name, result)
    if args.format == "text":
        # The text exactly as repaired: clean input comes out byte for byte.
        out.write(result["text"])
    else:
        out.write(_json_line({"file": name, **result}))


def run_sentences(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    for index, sentence in enumerate(sentences_result(args, text)["sentences"]):
        if args.format == "text":
            # One sentence per line: a sentence's own line breaks become spaces.
            out.write(" ".join(sentence["text"].split()) + "\n")
        else:
            out.write(_json_line({"file": name, "index": index, **sentence}))


def run_summarize(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    if args.format == "html":
        out.write(_summary(args, text)._repr_html_() + "\n")
        return
    summary = summarize_result(args, text)["summary"]
    if args.format == "text":
        for sentence in summary["sentences"]:
            out.write(" ".join(sentence["text"].split()) + "\n")
    else:
        out.write(_json_line({"file": name, **summary}))


def run_keywords(args: argparse.Namespace, name: str, text: str, out: TextIO) -> None:
    found = keywords_result(args, text)["keywords"]
    if args.format == "text":
        for keyword in found:
            out.write(f"{keyword['term']}\t{keyword['score']:.4f}\n")
    else:
        out.write(_json_line({"file": name, "keywords": found}))


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


def _workers_arg(value: str) -> int:
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

    def add(name: str, help: str, run: Runner, result: Result, formats: List[str]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("files", nargs="*", metavar="FILE", help="input files (default: standard input)")
        sub.add_argument("--format", choices=formats, help="output format (default: text)")
        sub.add_argument(
            "--errors",
            choices=["strict", "replace", "ignore"],
            default="strict",
            help="what to do with invalid UTF-8 in the input (default: strict, an error)",
        )
        sub.add_argument("-o", "--output", metavar="OUT", help="write the results to OUT instead of standard output")
        corpus = sub.add_argument_group(
            "corpus mode", "one JSON line out per JSON line in: {\"id\": ..., and this command's result}")
        corpus.add_argument("--jsonl", metavar="IN", help="read records from the JSON Lines file IN ('-': standard input)")
        corpus.add_argument("--field", default="text", help="the field holding each record's text (default: text)")
        corpus.add_argument("--id-field", default="id",
                            help="the field holding each record's id (default: id; else its line number)")
        corpus.add_argument("--workers", type=_workers_arg, default=1,
                            help="records processed in parallel, in worker processes (default: 1)")
        corpus.add_argument("--on-error", choices=["stop", "skip"], default="stop",
                            help="a bad record is reported with its line number; then stop (default) or skip it; "
                                 "either way the exit status is 1")
        sub.set_defaults(run=run, result=result)
        return sub

    norm = add("normalize", "Normalize text: entities, invisible characters, whitespace, Unicode form.",
               run_normalize, normalize_result, ["text", "jsonl"])
    norm.add_argument("--form", choices=[f for f in FORMS if f] + ["none"], default="NFC",
                      help="Unicode normalization form (default: NFC)")
    norm.add_argument("--keep-whitespace", action="store_true", help="leave whitespace as it is")
    norm.add_argument("--keep-controls", action="store_true", help="keep control and zero-width characters")
    norm.add_argument("--keep-entities", action="store_true", help="do not decode HTML entities")
    norm.add_argument("--ascii-punct", action="store_true", help="curly quotes, dashes, ellipsis to ASCII")
    norm.add_argument("--dehyphenate", action="store_true", help="join words hyphenated across line ends")
    norm.add_argument("--casefold", action="store_true", help="Unicode case folding")

    rep = add("repair", "Repair damaged text: mojibake, punctuation lost to '?', U+FFFD for a lost dash or quote.",
              run_repair, repair_result, ["text", "jsonl"])
    rep.add_argument("--keep-mojibake", action="store_true", help="do not undo mojibake")
    rep.add_argument("--keep-lossy-punct", action="store_true", help="do not restore punctuation lost to '?'")
    rep.add_argument("--replacement", choices=["restore", "keep", "drop"], default="restore",
                     help="U+FFFD: restore lost dashes and quotes (default), keep all, or restore and drop the rest")
    rep.add_argument("--report", action="store_true", help="say what was repaired in each input, on standard error")

    sent = add("sentences", "Split text into sentences, one per line (or JSON Lines with spans).",
               run_sentences, sentences_result, ["text", "jsonl"])
    sent.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")

    summ = add("summarize", "Summarize articles: their best sentences in document order, one per line.",
               run_summarize, summarize_result, ["text", "json", "html"])
    summ.add_argument("-n", type=_count_arg, default=3, help="number of sentences (default: 3)")
    summ.add_argument("--ratio", type=_ratio_arg, help="share of the sentences to keep, in (0, 1]")
    summ.add_argument("--words", type=_words_arg, help="word budget of the summary")
    summ.add_argument("--method", choices=METHODS, default="auto", help="scoring method (default: auto)")
    summ.add_argument("--title", help="the article's title, when known")
    summ.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")

    keys = add("keywords", "Key terms of articles with their scores, one per line (term TAB score).",
               run_keywords, keywords_result, ["text", "json"])
    keys.add_argument("-n", type=_count_arg, default=10, help="number of keywords (default: 10)")
    keys.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.jsonl is not None:
        if args.files:
            parser.error("--jsonl reads its records from IN: name no FILE with it")
        if args.format is not None:
            parser.error("--format does not apply with --jsonl: the output is JSON Lines")
    args.format = args.format or "text"
    if (args.jsonl or "-") == "-" and not args.files and sys.stdin.isatty():
        # Nothing to read but a terminal: show how to use it instead of waiting.
        parser.parse_args([args.command, "--help"])
    out: TextIO
    if args.output is not None:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="")
        except OSError as e:
            print(f"nutgraf: {args.output}: {e.strerror or e}", file=sys.stderr)
            return EXIT_INPUT
    else:
        out = sys.stdout
    try:
        return _run(args, out)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    finally:
        if out is not sys.stdout:
            out.close()


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.jsonl is not None:
        from .corpus import run_corpus

        return run_corpus(
            partial(args.result, args), path=args.jsonl, field=args.field, id_field=args.id_field,
            workers=args.workers, on_error=args.on_error, errors=args.errors, out=out.buffer,
            report=report_repairs if getattr(args, "report", False) else None)
    status = EXIT_OK
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
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Prints RELIABILITY.md: what was tried against nutgraf, how much, what held.

Run by `make reliability`, which first refreshes the logs this reads:
build/fuzz/logs/<harness>.log (libFuzzer, `make fuzz`), build/asan.log (the
suite under ASan+UBSan, `make test-asan`) and build/valgrind.log
(`make valgrind`). It then runs the hardening test files itself and counts
their cases.
"""
import datetime
import platform
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"

HARNESS_CHECKS = {
    "normalize": "every option set and form; output valid UTF-8; offset map monotone, in bounds, "
                 "copy runs true copies; idempotent without entities or case folding",
    "segment": "spans in bounds, ordered, non-overlapping, trimmed; only whitespace between spans",
    "words": "tokens in bounds and ordered; folding within its bound; stems never longer than words",
    "repair": "every flag set; output valid UTF-8; offset map as for normalize; no change when no count",
    "score": "every method and all together; scores finite in [0, 1]; MMR picks ordered and in range; "
             "keyword spans in the text, best first",
}

TEST_FILES = {
    "tests/test_bad_input.py": "wrong types, None, bytes, lone surrogates, NUL, empty and blank text, "
                               "100 MB text, a 10 MB word, 1,000,000 sentences, invalid options, "
                               "every CLI subcommand",
    "tests/test_leaks.py": "100,000 calls per API function and error path; resident memory bounded",
    "tests/test_linear_time.py": "adversarial inputs at 1 MB and 16 MB for every capability; "
                                 "time ratio at most 32 (linear is 16, quadratic 256)",
    "tests/test_module.py": "multi-phase init, re-import, subinterpreter, 8 threads against serial results",
    "tests/test_batch.py": "batch functions on 1, 2 and 4 threads against serial results",
}


def fuzz_rows():
    rows = []
    for log in sorted((BUILD / "fuzz" / "logs").glob("*.log")):
        text = log.read_text(errors="replace")
        runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text)
        seconds = re.search(r"^Done \d+ runs in (\d+) second", text, re.M)
        cov = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", text)
        found = "crash" in text or "ERROR:" in text or "deadly signal" in text
        rows.append((
            log.stem,
            f"{int(runs.group(1)):,}" if runs else "?",
            seconds.group(1) if seconds else "?",
            f"{cov[-1][0]} edges, {cov[-1][1]} features, {cov[-1][2]} inputs" if cov else "?",
            "**finding**" if found else "none",
            HARNESS_CHECKS.get(log.stem, ""),
        ))
    return rows


def asan_summary():
    log = BUILD / "asan.log"
    if not log.exists():
        return "not run"
    lines = [line for line in log.read_text(errors="replace").splitlines() if re.search(r"\d+ passed", line)]
    return lines[-1].strip("= ") if lines else "failed (see build/asan.log)"


def valgrind_summary():
    log = BUILD / "valgrind.log"
    if not log.exists():
        return "not run"
    text = log.read_text(errors="replace")
    lost = re.search(r"definitely lost: ([\d,]+) bytes in ([\d,]+) blocks", text)
    ours = len(re.findall(r"csrc/|_core\.cpython", text))
    lost_text = f"{lost.group(1)} bytes definitely lost" if lost else "all heap blocks freed"
    return f"{lost_text}; {ours} reported errors with a frame in nutgraf's code"


def test_rows():
    report = BUILD / "reliability-tests.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *TEST_FILES],
        cwd=ROOT, check=False, stdout=subprocess.DEVNULL,
    )
    counts = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = case.get("classname", "").replace(".", "/") + ".py"
        passed = not any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        total, ok, skip = counts.get(name, (0, 0, 0))
        counts[name] = (total + 1, ok + (passed and not skipped), skip + skipped)
    return [(name, total, ok, skip, TEST_FILES[name]) for name, (total, ok, skip) in counts.items()]


def linear_time_rows():
    """The 16 MB / 1 MB time ratio of every adversarial case of
    tests/test_linear_time.py, measured here (linear is 16, quadratic 256)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_linear_time as cases

    rows = []
    for function, unit in cases.CASES:
        rows.append((f"`{function.__name__}`", f"`{ascii(unit)}`", f"{cases.ratio(function, unit):.1f}"))
    worst = max(float(row[2]) for row in rows)
    return rows, worst


def table(headers, rows):
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(out)


def main():
    print("# Reliability\n")
    print("What was tried against nutgraf's C core and binding, how much, and what held. "
          "Generated by `make reliability` (tools/reliability_report.py); do not edit by hand.\n")
    print(f"Generated {datetime.date.today()} on {platform.machine()}, {platform.system()} "
          f"{platform.release()}, Python {platform.python_version()}.\n")
    print("## Fuzzing (libFuzzer with ASan and UBSan, seeded from the shared data)\n")
    print(table(["harness", "executions", "seconds", "coverage at the end", "findings", "checks"], fuzz_rows()))
    print("\n## Sanitizers and leaks\n")
    print(f"- Whole pytest suite against an ASan+UBSan build (`make test-asan`): {asan_summary()}.")
    print(f"- valgrind --leak-check=full over every API function (`make valgrind`): {valgrind_summary()}.")
    print("\n## Hardening tests\n")
    print(table(["file", "cases", "passed", "skipped", "what"], test_rows()))
    rows, worst = linear_time_rows()
    print("\n## Linear time\n")
    print(f"CPU time for 16 MB of each repeated unit divided by that for 1 MB (the best of three "
          f"runs each; tests/test_linear_time.py): linear is 16, quadratic 256. "
          f"Worst case here: {worst:.1f}.\n")
    print(table(["function", "unit", "16 MB / 1 MB"], rows))


if __name__ == "__main__":
    main()

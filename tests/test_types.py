"""The type stubs and annotations: ``mypy --strict`` accepts a program that
uses the whole public API (tests/typing_usage.py), that program runs (so the
annotations match what the calls return), the stub covers everything the
extension exports, and every C function carries a signature for help()."""
import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import nutgraf
from nutgraf import _core

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
USAGE = HERE / "typing_usage.py"
STUB = REPO / "nutgraf" / "_core.pyi"


def _exported():
    return sorted(name for name in dir(_core) if not name.startswith("_"))


def _mypy_strict(tmp_path, *paths):
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install 'nutgraf[test]' or 'mypy>=1.8')")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *map(str, paths)],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_accepts_the_public_api(tmp_path):
    _mypy_strict(tmp_path, USAGE)


def test_mypy_strict_accepts_the_command_line(tmp_path):
    # The CLI and its corpus mode are not public API, so typing_usage.py does
    # not reach them; checked on their own (mypy follows their imports too).
    _mypy_strict(tmp_path, REPO / "nutgraf" / "cli.py", REPO / "nutgraf" / "corpus.py")


def test_typing_usage_runs():
    spec = importlib.util.spec_from_file_location("typing_usage", USAGE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()


def test_stub_declares_every_export():
    stub = STUB.read_text(encoding="utf-8")
    missing = [
        name for name in _exported()
        if f"def {name}(" not in stub and f"\n{name}: " not in stub
    ]
    assert not missing, f"_core.pyi lacks: {missing}"


def test_stub_declares_nothing_extra():
    import ast

    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    declared = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    declared = {name for name in declared if not name.startswith("_")}
    assert declared == set(_exported())


@pytest.mark.parametrize("name", [n for n in _exported() if callable(getattr(_core, n))])
def test_core_functions_have_text_signatures(name):
    function = getattr(_core, name)
    assert function.__text_signature__, name
    signature = inspect.signature(function)
    assert all(p.kind is p.POSITIONAL_ONLY for p in signature.parameters.values()), signature


def test_package_is_marked_typed():
    assert (Path(nutgraf.__file__).parent / "py.typed").exists()

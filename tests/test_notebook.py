"""examples/quickstart.ipynb runs from top to bottom and shows what it says.

Cells are found by their tag (cell metadata ``tags``), not their position, so
the notebook can gain a cell without breaking this test.
"""
import importlib.util
from pathlib import Path

import pytest

import nutgraf

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOK = EXAMPLES / "quickstart.ipynb"


@pytest.fixture(scope="module")
def executed():
    missing = [name for name in ("nbformat", "nbclient", "ipykernel") if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (pip install 'nutgraf[test]' to run the notebook)")
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    return {tag: cell for cell in nb.cells for tag in cell.metadata.get("tags", [])}


def _text(cell):
    """Everything a code cell printed, plus the text/plain of its results."""
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(out.data.get("text/plain", ""))
    return "".join(parts)


def test_committed_without_outputs():
    import json

    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert len(nb["cells"]) <= 16


def test_every_code_cell_runs_without_error(executed):
    for tag, cell in executed.items():
        assert not [o for o in cell.outputs if o.output_type == "error"], tag


def test_normalize_cell_maps_back_to_the_entity(executed):
    assert "came from '9&ndash;2'" in _text(executed["normalize"])
    assert "it’s ready and we don’t know why?" in _text(executed["normalize"])


def test_sentences_cell_lists_the_first_sentence(executed):
    article = (EXAMPLES / "article.txt").read_text(encoding="utf-8")
    first = nutgraf.sentences(article)[0]
    assert f"(0, {len(first)}) {first}" in _text(executed["sentences"])


def test_summary_cell_displays_html_with_highlights(executed):
    results = [o for o in executed["summary"].outputs if o.output_type == "execute_result"]
    assert len(results) == 1
    html = results[0].data["text/html"]
    assert html.startswith('<div class="nutgraf-summary"') and html.count("<mark") == 3


def test_document_and_batch_cells(executed):
    assert "title:      Harbor City approves" in _text(executed["document"])
    assert _text(executed["batch"]).startswith("[")
    assert "pandas" in executed and not [o for o in executed["pandas"].outputs if o.output_type == "error"]

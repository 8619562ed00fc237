"""The exploration notebook runs top to bottom in a fresh kernel of this interpreter, and
its tagged cells show what they promise: plots as images, a non-empty facts table, the
highlighted seed article."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

pytestmark = pytest.mark.slow

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "explore_sample.ipynb"
CELL_TIMEOUT = 120  # seconds; the whole notebook takes ~10 s on 2 cores


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # no kernel folders: "python3" is then ipykernel's own spec, i.e. this interpreter,
    # whatever kernels the user has registered
    kernel = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[]))
    assert kernel.kernel_spec.argv[0] == sys.executable
    client = NotebookClient(nb, km=kernel, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def tagged(nb: nbformat.NotebookNode, tag: str) -> list[nbformat.NotebookNode]:
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert cells, f"no cell tagged {tag!r}"
    return cells


def html_outputs(cell: nbformat.NotebookNode) -> list[str]:
    return [o.data["text/html"] for o in cell.outputs if o.output_type == "execute_result" and "text/html" in o.data]


def test_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.outputs and c.execution_count is None for c in nb.cells if c.cell_type == "code")


def test_every_cell_runs(notebook) -> None:
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


def test_plots_are_images(notebook) -> None:
    cells = tagged(notebook, "plot")
    assert len(cells) == 2
    for cell in cells:
        assert any(o.output_type == "display_data" and "image/png" in o.data for o in cell.outputs), cell.source


def test_facts_table_has_rows(notebook) -> None:
    (html,) = html_outputs(tagged(notebook, "facts-table")[0])
    body = html.split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>\s*<th>\d+</th>", body)
    assert rows and "money" in body


def test_seed_article_is_highlighted(notebook) -> None:
    (html,) = html_outputs(tagged(notebook, "highlight")[0])
    assert "border-bottom" in html and "PER" in html and "LOC:region" in html and "money " in html

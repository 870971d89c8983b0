"""notebooks/explore.ipynb runs top to bottom on data produced from the PolNeAR 2016 corpus."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from processed_root import REPO, ingest

nbformat = pytest.importorskip("nbformat", reason="needs the 'notebook' extra")
nbclient = pytest.importorskip("nbclient", reason="needs the 'notebook' extra")
mpl_image = pytest.importorskip("matplotlib.image", reason="needs the 'notebook' extra")

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"
FIGURES = ["speakers_over_time", "top_speakers", "quotes_per_agency_and_place", "rejects_by_reason"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

pytestmark = [pytest.mark.shared, pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def polnear_root(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("polnear") / "processed"
    summary = ingest(shared / "corpora" / "polnear-2016", out)
    assert summary["articles"] > 900 and summary["quotes"] > 1000
    return out


@pytest.fixture(scope="module")
def executed(polnear_root: Path, tmp_path_factory: pytest.TempPathFactory):
    figures_dir = tmp_path_factory.mktemp("figures")
    workdir = tmp_path_factory.mktemp("kernel-cwd")
    with pytest.MonkeyPatch.context() as env:  # the kernel inherits this process's environment
        env.setenv("NEWSQUOTES_ROOT", str(polnear_root))
        env.setenv("NEWSQUOTES_FIGURES_DIR", str(figures_dir))
        env.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(workdir)}},
        )
        client.execute()  # raises CellExecutionError with the cell and traceback on failure
    return notebook, figures_dir


def _outputs(notebook, kind: str) -> list:
    return [
        o
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.output_type == kind
    ]


def test_notebook_runs_without_errors_and_reads_the_root(executed, polnear_root: Path) -> None:
    notebook, _ = executed
    assert not _outputs(notebook, "error")
    printed = "".join(o.text for o in _outputs(notebook, "stream"))
    assert f"output root: {polnear_root.resolve()}" in printed


def test_notebook_draws_every_figure(executed) -> None:
    notebook, figures_dir = executed
    inline = [o for o in _outputs(notebook, "display_data") if "image/png" in o.data]
    assert len(inline) == len(FIGURES)
    for output in inline:
        assert base64.b64decode(output.data["image/png"]).startswith(PNG_MAGIC)
    for name in FIGURES:
        png = figures_dir / f"{name}.png"
        assert png.read_bytes().startswith(PNG_MAGIC), name
        pixels = mpl_image.imread(png)[..., :3]
        assert pixels.shape[0] > 200 and pixels.shape[1] > 400, name
        assert (pixels < 0.9).any(axis=-1).mean() > 0.005, f"{name} has (almost) no ink"


def test_notebook_tables_show_the_corpus_speakers(executed) -> None:
    notebook, _ = executed
    html = "".join(o.data.get("text/html", "") for o in _outputs(notebook, "execute_result"))
    for expected in ("Donald Trump", "Hillary Clinton", "quotes"):
        assert expected in html


def test_committed_notebook_has_no_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)

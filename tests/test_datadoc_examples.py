"""Every fenced ``python`` example of docs/DATA.md runs, as written, against a real output root.

The examples read ``data/processed`` relative to the working directory, so each runs in its own
process from a temporary folder that holds a real run's output there (the committed sample plus
a truncated gzip, so ``rejects`` has rows, and an undated note, so ``year=0`` exists).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsquotes.datadoc import render_data_doc
from processed_root import REPO, ingest, sample_raw_with_rejects

DATA_MD = REPO / "docs" / "DATA.md"
_FENCE = re.compile(
    r"^## `(?P<dataset>\w+)`|^(?P<tool>\w+):\n\n```python\n(?P<code>.*?)^```",
    re.MULTILINE | re.DOTALL,
)


def _examples() -> list[tuple[str, str]]:
    """(id, code) of every python block, named by dataset and tool: ``quotes-duckdb``."""
    # The file when present (a separate test fails when it is stale), else what it would hold.
    text = DATA_MD.read_text(encoding="utf-8") if DATA_MD.exists() else render_data_doc()
    examples, dataset = [], "intro"
    for match in _FENCE.finditer(text):
        if match["dataset"]:
            dataset = match["dataset"]
        else:
            examples.append((f"{dataset}-{match['tool']}", match["code"]))
    return examples


EXAMPLES = _examples()


def test_every_dataset_has_an_example_per_tool() -> None:
    names = {name for name, _ in EXAMPLES}
    for dataset in ("articles", "quotes", "speakers", "rejects"):
        for tool in ("pandas", "duckdb", "polars"):
            assert f"{dataset}-{tool}" in names


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("datadoc")
    raw = sample_raw_with_rejects(base / "raw")
    summary = ingest(raw, base / "data" / "processed")
    assert summary["articles"] and summary["quotes"] and summary["rejects"]
    return base


@pytest.mark.parametrize("code", [c for _, c in EXAMPLES], ids=[n for n, _ in EXAMPLES])
def test_example_runs_and_prints_data(code: str, workdir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"example failed:\n{code}\n\n{result.stderr}"
    assert result.stdout.strip(), "the example printed nothing"

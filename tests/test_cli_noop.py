"""A re-run of an unchanged corpus is recognised before Prefect starts: a no-op run is recorded
and Prefect is never imported; any change sends the run to the flow."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from newsquotes.cli import _ingest, _nothing_changed, build_parser
from pipeline_helpers import run


@pytest.fixture
def committed(tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    out = tmp_path / "out"
    run(raw, out)
    return raw, out


def _runs(out: Path) -> list[dict]:
    lines = (out / "_manifest" / "runs.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_unchanged_rerun_records_a_noop_without_importing_prefect(
    committed: tuple[Path, Path],
) -> None:
    raw, out = committed
    script = (
        "import sys; from newsquotes.cli import main; "
        f"code = main(['ingest', {str(raw)!r}, {str(out)!r}]); "
        "print('prefect imported:', 'prefect' in sys.modules); sys.exit(code)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "nothing changed" in done.stdout
    assert "3 found, 0 processed, 3 unchanged" in done.stdout
    assert "prefect imported: False" in done.stdout
    first, noop = _runs(out)
    assert noop["operation"] == "no-op"
    assert (noop["version"], noop["files"], noop["files_unchanged"]) == (first["version"], 0, 3)


def test_a_changed_input_goes_to_the_flow(committed: tuple[Path, Path]) -> None:
    raw, out = committed
    changed = raw / "wire" / "sample-2024-12.txt"
    changed.write_text(changed.read_text() + "\n")
    args = build_parser().parse_args(["ingest", str(raw), str(out)])
    assert _nothing_changed(args) is False
    assert len(_runs(out)) == 1  # nothing recorded: the flow will record the real run


def test_a_first_run_goes_to_the_flow(tmp_path: Path) -> None:
    args = build_parser().parse_args(["ingest", str(REPO / "data" / "raw"), str(tmp_path / "o")])
    assert _nothing_changed(args) is False
    assert not (tmp_path / "o").exists()


class FlowStarted(Exception):
    """Raised where the command would start Prefect's temporary server."""


def test_force_flow_runs_the_flow_on_an_unchanged_corpus(
    committed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsquotes.localapi

    def start_flow(**_kwargs):
        raise FlowStarted

    monkeypatch.setattr(newsquotes.localapi, "temporary_api", start_flow)
    raw, out = committed
    parser = build_parser()
    with pytest.raises(FlowStarted):
        _ingest(parser.parse_args(["ingest", str(raw), str(out), "--force-flow"]))
    assert _ingest(parser.parse_args(["ingest", str(raw), str(out)])) == 0
    assert [r.get("operation") for r in _runs(out)] == [None, "no-op"]

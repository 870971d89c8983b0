"""The raw/output root check that runs as a pull step before a deployment's flow starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsquotes.errors import ConfigError
from newsquotes.preflight import check_roots, flow_defaults


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("date 2024-01-01 X", encoding="utf-8")
    return tmp_path / "raw"


def test_new_output_root_beside_raw_is_fine(raw: Path) -> None:
    out = raw.parent / "lake" / "news"
    assert check_roots(raw, out) == {"raw_dir": str(raw), "out_dir": str(out)}
    assert not out.exists()  # checking creates nothing


def test_relative_paths_resolve_against_the_working_directory(raw: Path, monkeypatch) -> None:
    monkeypatch.chdir(raw.parent)
    assert check_roots("raw", "processed")["out_dir"] == str(raw.parent / "processed")


def test_existing_newsquotes_root_is_fine(raw: Path) -> None:
    out = raw.parent / "out"
    (out / "_store" / "v000001" / "quotes").mkdir(parents=True)
    (out / "quotes").symlink_to(Path("_store/v000001/quotes"))
    check_roots(raw, out)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda raw: (raw / "missing-raw", raw.parent / "out"), "does not exist"),
        (lambda raw: (raw / "a.txt", raw.parent / "out"), "is not a folder"),
        (lambda raw: (raw, raw / "processed"), "is inside raw_dir"),
        (lambda raw: (raw, raw), "is inside raw_dir"),
        (lambda raw: (raw, raw / "a.txt"), "is inside raw_dir"),
        (lambda raw: (raw, ""), "must not be empty"),
    ],
    ids=[
        "raw-missing",
        "raw-is-a-file",
        "out-inside-raw",
        "out-is-raw",
        "out-in-raw-file",
        "empty-out",
    ],
)
def test_bad_roots_are_refused_with_what_to_do(raw: Path, make, message: str) -> None:
    raw_dir, out_dir = make(raw)
    with pytest.raises(ConfigError, match=message):
        check_roots(raw_dir, out_dir)


def test_output_root_that_is_a_file_is_refused(raw: Path) -> None:
    target = raw.parent / "out.parquet"
    target.write_bytes(b"")
    with pytest.raises(ConfigError, match="is a file: pass a folder"):
        check_roots(raw, target)


def test_folder_with_foreign_dataset_directories_is_refused(raw: Path) -> None:
    out = raw.parent / "out"
    (out / "articles").mkdir(parents=True)  # a real folder: not made by a newsquotes run
    with pytest.raises(ConfigError, match="holds articles folder"):
        check_roots(raw, out)


def test_unwritable_locations_are_refused(raw: Path, monkeypatch) -> None:
    # root may write anywhere (as in CI), so the permission answer is what we vary
    monkeypatch.setattr("newsquotes.preflight.os.access", lambda path, mode: False)
    with pytest.raises(ConfigError, match=r"cannot be created: .* is not writable"):
        check_roots(raw, raw.parent / "new" / "out")
    (raw.parent / "out").mkdir()
    with pytest.raises(ConfigError, match="is not writable by this user"):
        check_roots(raw, raw.parent / "out")


def test_defaults_come_from_the_flow_signature() -> None:
    defaults = flow_defaults()
    assert defaults["raw_dir"] == "data/raw"
    assert defaults["out_dir"] == "data/processed"


def test_outside_a_flow_run_the_pull_step_says_what_it_is(monkeypatch) -> None:
    from newsquotes.preflight import check_flow_run_parameters

    monkeypatch.delenv("PREFECT__FLOW_RUN_ID", raising=False)
    with pytest.raises(ConfigError, match="is a Prefect pull step"):
        check_flow_run_parameters()

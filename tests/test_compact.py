"""``compact``: one file per partition afterwards, the same rows, and ingest carries on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from newsquotes.cli import main
from newsquotes.compact import compact
from newsquotes.errors import StoreError
from newsquotes.store import Store
from pipeline_helpers import T0, read, run

DATASETS = ("articles", "quotes", "speakers", "rejects")
PLACES = ("MOSCOW", "KAZAN", "SOCHI")
NAMES = ("Anna Orlova", "Pavel Sidorov", "Irina Kuznetsova")


def _night(raw: Path, night: int) -> None:
    """One nightly dump: three short articles in December 2024, one in January 2025, and a
    record that cannot be parsed (so the rejects dataset grows too)."""
    records = []
    for i, (place, name) in enumerate(zip(PLACES, NAMES, strict=True)):
        day = 1 + night * 3 + i
        records.append(
            f"date 2024-12-{day:02d} {place}, December {day}. /TASS/. The regional council met "
            f"for session {night}-{i} on Tuesday.\n\n"
            f'"We will finish the bridge number {night}{i} before spring," Deputy Governor {name} '
            f"told reporters.\n\nThe works cost {night * 10 + i + 3} million roubles, {name.split()[1]} "
            "added.\n"
        )
    records.append(
        f"date 2025-01-{night + 2:02d} MOSCOW, January {night + 2}. /TASS/. Trains number "
        f"{night + 70} will run on time, Minister Oleg Belov said on night {night}.\n"
    )
    records.append("date 2025-01-09 \n")  # a header and nothing else: a reject
    (raw / f"night-{night}.txt").write_text("".join(records), encoding="utf-8")


def _files(out: Path) -> int:
    state = Store(out).state()
    return sum(len(files) for files in state.files.values())


@pytest.fixture
def nightly(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for night in range(3):
        _night(raw, night)
        run(raw, out, started_at=T0 + dt.timedelta(days=night))
    return raw, out


def test_compact_keeps_every_row_and_leaves_one_file_per_partition(
    nightly: tuple[Path, Path],
) -> None:
    _, out = nightly
    before = {name: read(out, name) for name in DATASETS}
    files_before = _files(out)
    version_before = Store(out).state().version

    result = compact(out, started_at=T0 + dt.timedelta(days=10))

    assert result.files_before == files_before
    assert result.files_after == _files(out) < files_before
    assert result.version == Store(out).state().version == version_before + 1
    for name in DATASETS:
        pd.testing.assert_frame_equal(read(out, name), before[name])
    for name in ("articles", "quotes", "rejects"):
        folders = [p.parent for p in (out / name).rglob("*.parquet")]
        assert len(folders) == len(set(folders)), f"{name}: a partition still has several files"
    assert before["rejects"].shape[0] == 3  # the empty record of each night
    assert Store(out).verify(Store(out).state()) == []


def test_compacting_a_compact_root_changes_nothing(nightly: tuple[Path, Path]) -> None:
    _, out = nightly
    first = compact(out, started_at=T0 + dt.timedelta(days=10))
    again = compact(out, started_at=T0 + dt.timedelta(days=11))
    assert (again.version, again.partitions_merged) == (first.version, 0)
    assert again.files_before == again.files_after == first.files_after


def test_ingest_after_compact_adds_and_replaces_like_before(
    nightly: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = nightly
    compact(out, started_at=T0 + dt.timedelta(days=10))
    _night(raw, 3)  # a new night
    (raw / "night-0.txt").write_text(  # and a corrected earlier dump replaces its rows
        (raw / "night-0.txt").read_text().replace("session 0-0", "session 0-0 (corrected)")
    )
    summary = run(raw, out, started_at=T0 + dt.timedelta(days=20))
    assert summary.files_processed == 2

    fresh = tmp_path / "fresh"
    run(raw, fresh, started_at=T0 + dt.timedelta(days=20))
    for name in DATASETS:
        got, want = read(out, name), read(fresh, name)
        if name == "rejects":  # run ids differ by construction; the rows must not
            got, want = got.drop(columns="run_id"), want.drop(columns="run_id")
        pd.testing.assert_frame_equal(got, want)


def test_cli_compact(nightly: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out = nightly
    files_before = _files(out)
    assert main(["compact", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{files_before} -> {_files(out)} Parquet file(s)" in printed


def test_compact_refuses_an_empty_root(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nothing to compact"):
        compact(tmp_path / "empty", started_at=T0)

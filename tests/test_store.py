"""The output root: idempotent re-runs, replacement of changed inputs, atomic swaps, the lock."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from newsquotes.errors import StoreError, StoreLockedError
from newsquotes.schema import DATASETS
from newsquotes.store import Store
from pipeline_helpers import read, run

ARTICLE = """date {date} {city}, {day}./TASS/. {lead}

"{quote}," the minister said.
"""


def article(date: str, city: str, lead: str, quote: str) -> str:
    day = dt.date.fromisoformat(date).strftime("%B %-d")
    return ARTICLE.format(date=date, city=city, day=day, lead=lead, quote=quote)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.txt").write_text(
        article(
            "2024-03-01",
            "MOSCOW",
            "Talks on grain exports resumed on Friday.",
            "We expect a result soon",
        )
        + "\n"
        + article(
            "2024-04-02",
            "KAZAN",
            "A new bridge over the Volga opened.",
            "It will carry ten thousand cars a day",
        )
    )
    with gzip.open(root / "a" / "two.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(
            article(
                "2023-12-30",
                "SOCHI",
                "Snow closed the mountain road.",
                "Crews are working through the night",
            )
        )
    return root


def datasets(out: Path) -> dict[str, pd.DataFrame]:
    return {name: read(out, name) for name in DATASETS}


def test_first_run_publishes_every_dataset(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run(raw, out)
    assert (summary.files_processed, summary.articles, summary.rejects) == (2, 3, 0)
    data = datasets(out)
    assert len(data["articles"]) == 3
    assert sorted(data["articles"]["year"].tolist()) == [2023, 2024, 2024]
    for name in DATASETS:
        assert (out / name).is_symlink()
    parts = sorted(
        p.relative_to(out / "articles").parent.as_posix()
        for p in (out / "articles").rglob("*.parquet")
    )
    assert parts == ["year=2023/month=12", "year=2024/month=3", "year=2024/month=4"]


def test_rerun_on_unchanged_input_changes_nothing(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    before = datasets(out)
    state = Store(out).state()
    summary = run(raw, out, started_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert (summary.files_processed, summary.files_unchanged) == (0, 2)
    assert Store(out).state().version == state.version
    for name, frame in datasets(out).items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_same_input_gives_same_ids_in_another_root(raw: Path, tmp_path: Path) -> None:
    run(raw, tmp_path / "x")
    run(raw, tmp_path / "y", started_at=dt.datetime(2030, 5, 5, tzinfo=dt.UTC))
    for name in ("articles", "quotes"):
        x, y = read(tmp_path / "x", name), read(tmp_path / "y", name)
        pd.testing.assert_frame_equal(x, y)


def test_changed_input_replaces_its_earlier_rows(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    (raw / "a" / "one.txt").write_text(
        article(
            "2024-03-01",
            "MOSCOW",
            "Talks on grain exports collapsed on Friday.",
            "We are disappointed",
        )
    )
    summary = run(raw, out, started_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert summary.files_processed == 1
    articles = read(out, "articles")
    assert len(articles) == 2
    assert articles["body"].str.contains("collapsed").sum() == 1
    assert not articles["body"].str.contains("Volga").any()
    assert set(articles["source_path"]) == {"a/one.txt", "a/two.txt.gz"}


def test_same_article_in_two_dumps_is_stored_once(raw: Path, tmp_path: Path) -> None:
    shutil.copy(raw / "a" / "one.txt", raw / "copy.txt")
    out = tmp_path / "out"
    summary = run(raw, out)
    assert summary.duplicates == 2
    articles = read(out, "articles")
    assert len(articles) == 3 and articles["article_id"].is_unique
    quotes = read(out, "quotes")
    assert quotes["quote_id"].is_unique
    kept = dict(zip(articles["article_id"], articles["source_path"], strict=True))
    assert all(
        kept[a] == s for a, s in zip(quotes["article_id"], quotes["source_path"], strict=True)
    )


def test_deleted_outputs_are_rebuilt(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    before = read(out, "articles")
    victim = next((out / "articles").rglob("*.parquet"))
    victim.unlink()
    summary = run(raw, out, started_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert summary.rebuild_reason and "missing" in summary.rebuild_reason
    pd.testing.assert_frame_equal(read(out, "articles"), before)


def test_second_concurrent_run_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    store = Store(tmp_path / "out")
    with (
        store.lock(holder="first"),
        pytest.raises(StoreLockedError, match="another newsquotes run"),
        Store(tmp_path / "out").lock(wait_seconds=0.3),
    ):
        pass


def test_output_root_with_foreign_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out" / "quotes").mkdir(parents=True)
    with pytest.raises(StoreError, match="real directory"), Store(tmp_path / "out").lock():
        pass


class Crash(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the code can catch it."""


class FileOps:
    """Counts the file-system operations that publish data, and can crash at the n-th one."""

    NAMES = ("replace", "link", "symlink", "rename", "unlink", "rmdir")

    def __init__(self, monkeypatch: pytest.MonkeyPatch, crash_at: int | None = None) -> None:
        self.calls = 0
        self.crash_at = crash_at
        for name in self.NAMES:
            original = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, original))

    def _wrap(self, name, original):
        def wrapper(*args, **kwargs):
            self.calls += 1
            if self.crash_at is not None and self.calls > self.crash_at:
                raise Crash(f"killed before {name} #{self.calls}")
            return original(*args, **kwargs)

        return wrapper


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=["run_id"], errors="ignore")


def _change_inputs(raw: Path) -> None:
    (raw / "a" / "one.txt").write_text(
        article("2024-03-01", "MOSCOW", "The talks ended.", "Nothing was agreed")
    )
    (raw / "b.txt").write_text(
        article("2024-05-05", "OMSK", "A heat wave hit the city.", "Drink water")
    )


def test_a_run_killed_at_any_point_leaves_old_or_new_rows(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kill the second run before each file-system operation it makes, one at a time."""
    pristine = tmp_path / "pristine"
    run(raw, pristine)
    old = datasets(pristine)
    _change_inputs(raw)
    clean = tmp_path / "clean"
    shutil.copytree(pristine, clean, symlinks=True)
    with monkeypatch.context() as patch:
        ops = FileOps(patch)
        run(raw, clean, started_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    new = datasets(clean)
    assert ops.calls > 10
    for crash_at in range(ops.calls):
        out = tmp_path / f"out-{crash_at}"
        shutil.copytree(pristine, out, symlinks=True)
        with monkeypatch.context() as patch:
            FileOps(patch, crash_at=crash_at)
            with pytest.raises(Crash):
                run(raw, out, started_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
        for name, frame in datasets(out).items():
            frame = _comparable(frame)
            assert frame.equals(_comparable(old[name])) or frame.equals(_comparable(new[name])), (
                f"{name} is neither old nor new, killed at #{crash_at}"
            )
        # the next run sweeps what the killed one left and publishes the new rows
        run(raw, out, started_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
        for name, frame in datasets(out).items():
            pd.testing.assert_frame_equal(_comparable(frame), _comparable(new[name]))
        assert not (out / "_staging").exists()
        shutil.rmtree(out)

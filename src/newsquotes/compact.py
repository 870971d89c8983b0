"""Compaction: merge the small Parquet files of each partition into one, as a new version.

Every ingest run adds at most one file per partition it touches, so many small nightly runs leave
many small files. ``compact`` rewrites each partition holding more than one file into a single
file with the same rows in the same order (files are concatenated in name order, that is run
order), hard-links everything else, and publishes the result like a run: a new version whose
dataset links flip atomically. Readers see the old files or the new ones, never a mix.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from newsquotes import ids
from newsquotes.errors import StoreError
from newsquotes.schema import DATASETS
from newsquotes.store import PARQUET_OPTIONS, ROW_GROUP_ROWS, STATE_FILE, Store, link_or_copy


@dataclass(frozen=True)
class CompactResult:
    version: int  # the committed version afterwards (unchanged when nothing needed merging)
    files_before: int
    files_after: int
    partitions_merged: int
    rows: int  # rows in the merged files


def compact(
    out_dir: str | Path, *, started_at: dt.datetime, wait_seconds: float = 0.0
) -> CompactResult:
    """Merge each partition's files into one file; returns what changed.

    ``started_at`` names the new version's files (the caller reads the clock, not this module).
    """
    store = Store(out_dir)
    with store.lock(wait_seconds=wait_seconds, holder="newsquotes compact"):
        state = store.state()
        if state.version == 0:
            raise StoreError(f"{store.root} holds no committed run: nothing to compact")
        problems = store.verify(state)
        if problems:
            raise StoreError(
                f"{store.root}: outputs of version {state.version} are incomplete "
                f"({'; '.join(problems)}); run an ingest to rebuild them before compacting"
            )
        base = store.version_dir(state.version)
        groups = {name: _partitions(store.dataset_files(state.version, name)) for name in DATASETS}
        before = sum(len(files) for parts in groups.values() for files in parts.values())
        if all(len(files) < 2 for parts in groups.values() for files in parts.values()):
            return CompactResult(state.version, before, before, 0, 0)

        run_id = ids.run_id(started_at.isoformat(), "compact", str(store.root))
        version = store.next_version()
        new_dir = store.version_dir(version)
        new_dir.mkdir(parents=True)
        merged = rows = 0
        for name, parts in groups.items():
            schema = DATASETS[name].file_schema
            for part, files in parts.items():
                target_dir = new_dir / name / part
                target_dir.mkdir(parents=True, exist_ok=True)
                if len(files) == 1:
                    link_or_copy(base / name / files[0], target_dir / Path(files[0]).name)
                    continue
                target = target_dir / f"part-{run_id}.parquet"
                with pq.ParquetWriter(target, schema, **PARQUET_OPTIONS) as writer:
                    for rel in files:  # one input file in memory at a time
                        table = pq.read_table(base / name / rel, schema=schema)
                        writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
                        rows += table.num_rows
                merged += 1
        inputs_name = f"inputs-v{version:06d}.parquet"
        link_or_copy(store.manifest_dir / _inputs_name(store), store.manifest_dir / inputs_name)
        after = sum(len(store.dataset_files(version, name)) for name in DATASETS)
        store.publish(
            version,
            run_id=run_id,
            inputs_name=inputs_name,
            state=state,
            run_record={
                "run_id": run_id,
                "started_at": started_at.isoformat(),
                "operation": "compact",
                "files_before": before,
                "files_after": after,
                "partitions_merged": merged,
            },
        )
        return CompactResult(version, before, after, merged, rows)


def _partitions(files: list[str]) -> dict[str, list[str]]:
    """Relative file paths grouped by partition folder, each group in name (run) order."""
    parts: dict[str, list[str]] = {}
    for rel in sorted(files):
        parts.setdefault(Path(rel).parent.as_posix(), []).append(rel)
    return parts


def _inputs_name(store: Store) -> str:
    return json.loads((store.manifest_dir / STATE_FILE).read_text())["inputs"]

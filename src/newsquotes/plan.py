"""Planning a run: which inputs are new or changed since the last committed version.

Kept apart from :mod:`newsquotes.pipeline` (which imports the parsers and the extractor) so that
the command line can plan cheaply before it starts Prefect, and skip Prefect altogether when
nothing changed (see docs/PERFORMANCE.md).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from newsquotes import ids
from newsquotes.config import IngestConfig
from newsquotes.errors import InputError, NewsquotesError
from newsquotes.readers.containers import COMPRESSED, extension_container
from newsquotes.sources import SourceFile, discover_sources
from newsquotes.store import Store, StoreState

log = logging.getLogger(__name__)

# caps a task's share of the run: the run ends with one batch running alone on a core, so the
# smaller the last batches the shorter that tail (FLUSH_CHARS, not this, bounds a task's memory)
MAX_BATCH_BYTES = 32 * 2**20
MIN_BATCH_BYTES = 4 * 2**20  # below this, starting another worker costs more than it saves
# Batches are sized by the text their inputs hold, not their bytes on disk: news text packs about
# 3:1 under gzip/bz2/xz/zstd/zip, so a compressed dump is weighed at three times its size (a
# batch of .gz dumps held ~3x the work of one of .txt files, and the last one ran alone).
COMPRESSED_TEXT_RATIO = 3
_PACKED = frozenset({*COMPRESSED, "zip"})


@dataclass(frozen=True)
class InputFile:
    """An input file as planned: what a task needs to find it and to know it is unchanged."""

    source: SourceFile
    mtime_ns: int
    sha256: str  # empty when the file is refused (its reject says why)

    @property
    def source_path(self) -> str:
        return self.source.rel_path

    @property
    def size(self) -> int:
        return self.source.size

    @property
    def weight(self) -> int:
        """About how much text the input holds (bytes; see ``COMPRESSED_TEXT_RATIO``)."""
        packed = extension_container(self.source.rel_path) in _PACKED
        return self.source.size * (COMPRESSED_TEXT_RATIO if packed else 1)


@dataclass(frozen=True)
class RunPlan:
    run_id: str
    raw_root: str
    out_root: str
    started_at: str  # ISO timestamp passed in by the caller: the pipeline reads no clock
    reference_date: dt.date | None
    todo: tuple[InputFile, ...]  # new or changed inputs, in path order
    unchanged: int
    replaced: frozenset[str]  # inputs whose earlier rows this run replaces
    base_version: int
    rebuild_reason: str | None = None

    def for_tasks(self) -> RunPlan:
        """The plan without its file lists: all a batch task needs, and cheap to send to each
        task (the full plan of a large corpus is megabytes, serialized once per task)."""
        return replace(self, todo=(), replaced=frozenset())

    def batches(
        self, workers: int = 1, min_bytes: int = MIN_BATCH_BYTES, max_bytes: int = MAX_BATCH_BYTES
    ) -> list[tuple[InputFile, ...]]:
        """Group inputs into batches: few enough to keep task overhead low, enough to keep every
        worker busy (about eight per worker, for balance; the heaviest run first). Deterministic,
        so fragment names (and so outputs) are too."""
        if not self.todo:
            return []
        total = sum(f.weight for f in self.todo)
        target = max(1, min_bytes, min(max_bytes, total // max(1, 8 * workers)))
        batches: list[tuple[InputFile, ...]] = []
        current: list[InputFile] = []
        size = 0
        for item in self.todo:
            current.append(item)
            size += item.weight
            if size >= target:
                batches.append(tuple(current))
                current, size = [], 0
        if current:
            batches.append(tuple(current))
        return batches


# -- plan -------------------------------------------------------------------------------------


def plan_run(
    raw_root: str | Path,
    out_root: str | Path,
    *,
    started_at: dt.datetime,
    config: IngestConfig | None = None,
    reference_date: dt.date | None = None,
    verify_hashes: bool = False,
    state: StoreState | None = None,
) -> RunPlan:
    """Decide what this run must do: every input whose bytes are not in the manifest.

    An input whose size and mtime match its manifest row keeps its recorded sha256 (like make and
    rsync) unless ``verify_hashes``; any other input is hashed and compared. The comparison with
    the manifest is one vectorized Arrow lookup; Python only loops over the inputs that differ.
    """
    raw = Path(raw_root).absolute()
    if not raw.is_dir():
        raise NewsquotesError(f"raw directory {raw} does not exist or is not a directory")
    config = config or IngestConfig()
    store = Store(out_root)
    state = state if state is not None else store.state()
    problems = store.verify(state)
    rebuild = None
    if problems:
        rebuild = "; ".join(problems)
        log.warning(
            "outputs of version %s are incomplete (%s): rebuilding from scratch",
            state.version,
            rebuild,
        )
        state = StoreState()
    sources = discover_sources(raw, include=config.include, exclude=config.exclude)
    mtimes: list[int | None] = []
    for source in sources:
        try:
            mtimes.append(source.path.stat().st_mtime_ns)
        except OSError:
            mtimes.append(None)
    same = _unchanged_mask(sources, mtimes, state.inputs) if not verify_hashes else None
    todo: list[InputFile] = []
    replaced: set[str] = set()
    unchanged = 0
    changed = [s.rel_path for i, s in enumerate(sources) if same is None or not same[i]]
    previous_rows = _rows_for(state.inputs, changed)
    for index, source in enumerate(sources):
        if same is not None and same[index]:
            unchanged += 1
            continue
        previous = previous_rows.get(source.rel_path)
        mtime_ns = mtimes[index]
        try:
            if mtime_ns is None:
                raise OSError("stat failed")
            digest = source.sha256()
        except (InputError, OSError):  # refused or unreadable: processing rejects it with why
            mtime_ns, digest = 0, ""
        if previous and digest and previous["source_sha256"] == digest:
            unchanged += 1
            continue
        if previous:
            replaced.add(source.rel_path)
        todo.append(InputFile(source, mtime_ns, digest))
    return RunPlan(
        run_id=ids.run_id(started_at.isoformat(), str(raw), str(store.root)),
        raw_root=str(raw),
        out_root=str(store.root),
        started_at=started_at.isoformat(),
        reference_date=reference_date,
        todo=tuple(todo),
        unchanged=unchanged,
        replaced=frozenset(replaced),
        base_version=state.version,
        rebuild_reason=rebuild,
    )


def _unchanged_mask(
    sources: list[SourceFile], mtimes: list[int | None], manifest: pa.Table
) -> list[bool]:
    """Per source, True when the manifest has a row with its path, size and mtime."""
    if not sources or manifest.num_rows == 0:
        return [False] * len(sources)
    found = pa.table(
        {
            "source_path": pa.array([s.rel_path for s in sources], pa.string()),
            "size": pa.array([s.size for s in sources], pa.int64()),
            "mtime_ns": pa.array(mtimes, pa.int64()),
        }
    )
    where = pc.index_in(found["source_path"], value_set=manifest["source_path"])
    same = pc.and_(
        pc.equal(found["size"], manifest["size"].take(where)),
        pc.equal(found["mtime_ns"], manifest["mtime_ns"].take(where)),
    )
    return pc.fill_null(same, False).to_pylist()


def _rows_for(manifest: pa.Table, paths: list[str]) -> dict[str, dict]:
    """Manifest rows of ``paths`` (the few inputs that changed), by path."""
    if not paths or manifest.num_rows == 0:
        return {}
    rows = manifest.filter(
        pc.is_in(manifest["source_path"], value_set=pa.array(paths, pa.string()))
    )
    return {row["source_path"]: row for row in rows.to_pylist()}


def noop_record(plan: RunPlan) -> dict:
    """The run log line of a run that found nothing to do (the version stays the same)."""
    return {
        "run_id": plan.run_id,
        "started_at": plan.started_at,
        "raw_root": plan.raw_root,
        "operation": "no-op",
        "files": 0,
        "files_unchanged": plan.unchanged,
        "records": 0,
        "articles": 0,
        "quotes": 0,
        "rejects": 0,
        "chars": 0,
        "version": plan.base_version,
    }


def skip_if_unchanged(
    raw_root: str | Path,
    out_root: str | Path,
    *,
    started_at: dt.datetime,
    config: IngestConfig | None = None,
    verify_hashes: bool = False,
    wait_seconds: float = 0.0,
) -> RunPlan | None:
    """Plan under the lock; when nothing changed, record a no-op run and return its plan.

    Returns None when there is work (or no committed version yet, or outputs to rebuild): the
    caller then runs the flow, which plans again under its own lock. This is what lets a re-run
    of an unchanged corpus skip Prefect's start-up (tens of seconds) entirely.
    """
    store = Store(out_root)
    if store.state_path_missing():
        return None
    with store.lock(wait_seconds=wait_seconds, holder=f"newsquotes ingest (plan) {raw_root}"):
        plan = plan_run(
            raw_root, out_root, started_at=started_at, config=config, verify_hashes=verify_hashes
        )
        if plan.todo or plan.rebuild_reason or plan.base_version == 0:
            return None
        store.record_run(noop_record(plan))
        return plan

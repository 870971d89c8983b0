"""The output root: versioned Parquet datasets that are swapped into place atomically.

Layout under an output root::

    articles -> _store/v000003/articles     (relative symlinks, swapped with one rename each)
    quotes   -> _store/v000003/quotes
    speakers -> _store/v000003/speakers
    rejects  -> _store/v000003/rejects
    _store/v000003/<dataset>/year=2018/month=1/part-<run_id>.parquet
    _manifest/state.json                    (committed version; written last, atomically)
    _manifest/inputs-v000003.parquet        (input files done: path, sha256, size, mtime, counts)
    _manifest/runs.jsonl                    (one line per committed run)
    _manifest/LOCK                          (one run at a time)
    _staging/<run_id>/...                   (fragments written by tasks before the commit)

A new version hard-links every file it keeps from the previous one and adds at most one new file
per partition, so a commit costs work proportional to what changed. Readers that open
``root/quotes`` see the old version or the new one, never a mix, never duplicates: the only
mutation a reader can observe is the atomic rename of the dataset symlink. A run killed at any
point leaves the committed version untouched; leftovers are swept by the next run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsquotes.errors import StoreError, StoreLockedError
from newsquotes.idkeys import as_strings, id_keys, member_of
from newsquotes.schema import DATASETS, UNDATED
from newsquotes.workers import local_workers

# Published files. Dictionary pages are off: most string columns are distinct per row (bodies,
# quotes, ids), where trying a dictionary first costs write time, and zstd packs the repeated
# ones (paths, agencies) as small without it.
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "use_dictionary": False}
# Staging fragments live until the commit reads them once: a fast codec saves both ends CPU.
STAGING_OPTIONS = {"compression": "lz4", "use_dictionary": False}
ROW_GROUP_ROWS = 64_000
STATE_FILE = "state.json"
_VERSION_DIR = re.compile(r"^v(\d{6})$")

INPUTS_SCHEMA = pa.schema(
    [
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_sha256", pa.string(), nullable=False),
        pa.field("size", pa.int64(), nullable=False),
        pa.field("mtime_ns", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("n_records", pa.int64(), nullable=False),
        pa.field("n_articles", pa.int64(), nullable=False),
        pa.field("n_quotes", pa.int64(), nullable=False),
        pa.field("n_rejects", pa.int64(), nullable=False),
    ]
)


def partition_dir(year: int, month: int) -> str:
    return f"year={year}/month={month}"


@dataclass(frozen=True)
class StoreState:
    """What the last committed run left: version number, input manifest, files per dataset."""

    version: int = 0
    run_id: str | None = None
    files: dict[str, list[str]] = field(default_factory=dict)  # dataset -> relative file paths
    inputs: pa.Table = field(default_factory=INPUTS_SCHEMA.empty_table)

    def inputs_by_path(self) -> dict[str, dict]:
        return {row["source_path"]: row for row in self.inputs.to_pylist()}


@dataclass(frozen=True)
class CommitResult:
    version: int
    files_written: int
    files_kept: int
    articles_added: int
    duplicates: int
    quotes_added: int
    rejects_added: int
    peak_partition_ids: int = 0  # most row ids the merge held at once (one partition's)


class Store:
    """An output root. All paths it hands out are absolute."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).absolute()
        self.manifest_dir = self.root / "_manifest"
        self.versions_dir = self.root / "_store"
        self.staging_root = self.root / "_staging"

    # -- reading the committed state ------------------------------------------------------------

    def state(self) -> StoreState:
        path = self.manifest_dir / STATE_FILE
        if not path.exists():
            return StoreState()
        try:
            data = json.loads(path.read_text())
            inputs = pq.read_table(self.manifest_dir / data["inputs"], schema=INPUTS_SCHEMA)
            return StoreState(int(data["version"]), data["run_id"], data["files"], inputs)
        except (OSError, ValueError, KeyError, pa.ArrowException) as err:
            raise StoreError(
                f"{path}: unreadable manifest ({err}); move the output root aside "
                "and run again to rebuild it"
            ) from err

    def state_path_missing(self) -> bool:
        """True when no run was ever committed here (nothing to compare a plan with)."""
        return not (self.manifest_dir / STATE_FILE).exists()

    def verify(self, state: StoreState) -> list[str]:
        """Problems that make the committed outputs untrustworthy (empty list when intact)."""
        problems = []
        if state.version == 0:
            return problems
        version_dir = self.version_dir(state.version)
        for name in DATASETS:
            link = self.root / name
            if not link.is_symlink() or link.resolve() != (version_dir / name).resolve():
                problems.append(f"{name}: does not point at version {state.version}")
                continue
            missing = [f for f in state.files.get(name, []) if not (link / f).is_file()]
            if missing:
                problems.append(f"{name}: {len(missing)} file(s) missing, e.g. {missing[0]}")
        return problems

    def version_dir(self, version: int) -> Path:
        return self.versions_dir / f"v{version:06d}"

    def dataset_files(self, version: int, dataset: str) -> list[str]:
        base = self.version_dir(version) / dataset
        if not base.is_dir():
            return []
        return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.parquet"))

    # -- one run at a time ----------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, *, wait_seconds: float = 0.0, holder: str = "") -> Iterator[None]:
        """Hold the output root's lock; wait up to ``wait_seconds`` for another run to finish."""
        self.manifest_dir.mkdir(parents=True, exist_ok=True)
        self._check_root()
        fd = os.open(self.manifest_dir / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait_seconds
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as err:
                    if err.errno not in (errno.EAGAIN, errno.EACCES):
                        raise StoreError(f"cannot lock {self.root}: {err}") from err
                    if time.monotonic() >= deadline:
                        other = os.pread(fd, 200, 0).decode(errors="replace").strip()
                        raise StoreLockedError(
                            f"another newsquotes run is writing to {self.root} ({other or 'holder unknown'}); "
                            "wait for it to finish or pass --wait SECONDS"
                        ) from None
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} {holder}".encode(), 0)
            self._sweep()
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    def _check_root(self) -> None:
        for name in DATASETS:
            path = self.root / name
            if path.exists() and not path.is_symlink():
                raise StoreError(
                    f"{path} is a real directory, not a newsquotes dataset link: "
                    "point the output at an empty or newsquotes-made folder"
                )

    def _sweep(self) -> None:
        """Remove what killed runs left behind: staging folders and unreferenced versions."""
        if self.staging_root.exists():
            shutil.rmtree(self.staging_root, ignore_errors=True)
        self._collect_garbage(keep=self._referenced_versions())
        for tmp in self.root.glob(".*.tmp-*"):
            tmp.unlink(missing_ok=True)

    def _referenced_versions(self) -> set[int]:
        keep = set()
        state_path = self.manifest_dir / STATE_FILE
        if state_path.exists():
            with contextlib.suppress(OSError, ValueError, KeyError):
                keep.add(int(json.loads(state_path.read_text())["version"]))
        for name in DATASETS:
            link = self.root / name
            if link.is_symlink():
                match = _VERSION_DIR.match(Path(os.readlink(link)).parent.name)
                if match:
                    keep.add(int(match.group(1)))
        return keep

    def _collect_garbage(self, keep: set[int]) -> None:
        if not self.versions_dir.exists():
            return
        for entry in self.versions_dir.iterdir():
            match = _VERSION_DIR.match(entry.name)
            if match and int(match.group(1)) not in keep:
                shutil.rmtree(entry, ignore_errors=True)
        live_inputs = {f"inputs-v{v:06d}.parquet" for v in keep}
        for stale in self.manifest_dir.glob("inputs-v*.parquet"):
            if stale.name not in live_inputs:
                stale.unlink(missing_ok=True)

    def next_version(self) -> int:
        existing = [0]
        if self.versions_dir.exists():
            existing += [
                int(m.group(1))
                for e in self.versions_dir.iterdir()
                if (m := _VERSION_DIR.match(e.name))
            ]
        return max(existing) + 1

    # -- staging (called by tasks, possibly on other machines sharing the root) -----------------

    def staging_dir(self, run_id: str) -> Path:
        return self.staging_root / run_id

    # -- commit ---------------------------------------------------------------------------------

    def commit(
        self,
        *,
        run_id: str,
        state: StoreState,
        replaced_paths: set[str],
        inputs: pa.Table,
        speakers_builder,
        run_record: dict,
        processes: int = 1,
    ) -> CommitResult:
        """Publish the staged fragments of ``run_id`` as a new version, atomically per dataset.

        ``replaced_paths``: input files whose earlier rows this run replaces. ``inputs``: manifest
        rows of the files this run processed. ``speakers_builder`` turns the new quotes dataset
        into the speakers table (it spans the whole corpus, so it is rebuilt on every commit).
        ``processes`` > 1: worker processes, started for the merge and gone before the speakers
        table is built, merge partitions side by side (the same files as one process writes).
        """
        base_dir = self.version_dir(state.version) if state.version else None
        version = self.next_version()
        new_dir = self.version_dir(version)
        staging = self.staging_dir(run_id)
        new_dir.mkdir(parents=True)
        merger = _Merger(
            run_id=run_id,
            base_dir=base_dir,
            new_dir=new_dir,
            staging=staging,
            replaced=replaced_paths,
        )
        with local_workers(processes) if processes > 1 else contextlib.nullcontext() as workers:
            counts = merger.merge_all(workers)
        articles, quotes, rejects = counts["articles"], counts["quotes"], counts["rejects"]

        speakers_dir = new_dir / "speakers"
        speakers_dir.mkdir(parents=True, exist_ok=True)
        speakers_table = speakers_builder(new_dir / "quotes")
        write_table(speakers_table, speakers_dir / "speakers.parquet")

        kept_inputs = (
            state.inputs.filter(
                pc.invert(
                    pc.is_in(
                        state.inputs["source_path"],
                        value_set=pa.array(
                            sorted(replaced_paths | set(inputs["source_path"].to_pylist())),
                            pa.string(),
                        ),
                    )
                )
            )
            if state.inputs.num_rows
            else state.inputs
        )
        all_inputs = pa.concat_tables([kept_inputs, inputs.cast(INPUTS_SCHEMA)]).sort_by(
            "source_path"
        )
        inputs_name = f"inputs-v{version:06d}.parquet"
        write_table(all_inputs, self.manifest_dir / inputs_name)

        self.publish(
            version, run_id=run_id, inputs_name=inputs_name, run_record=run_record, state=state
        )
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.staging_root.rmdir()  # only when no other run's staging is left
        return CommitResult(
            version=version,
            files_written=merger.files_written,
            files_kept=merger.files_kept,
            articles_added=articles.added,
            duplicates=articles.duplicates,
            quotes_added=quotes.added,
            rejects_added=rejects.added,
            peak_partition_ids=merger.peak_partition_ids,
        )

    def publish(
        self, version: int, *, run_id: str, inputs_name: str, run_record: dict, state: StoreState
    ) -> None:
        """Make the complete version folder ``version`` the committed one (call under the lock).

        Files are flushed first; each dataset link then flips with one atomic rename, the state
        file is replaced last, and versions no longer referenced are removed.
        """
        new_dir = self.version_dir(version)
        files = {name: self.dataset_files(version, name) for name in DATASETS}
        _fsync_tree(new_dir)
        for name in DATASETS:  # each dataset flips from old to new with one atomic rename
            tmp = self.root / f".{name}.tmp-{run_id}"
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(Path("_store") / new_dir.name / name, target_is_directory=True)
            os.replace(tmp, self.root / name)
        _atomic_write_text(
            self.manifest_dir / STATE_FILE,
            json.dumps(
                {"version": version, "run_id": run_id, "inputs": inputs_name, "files": files},
                indent=1,
            ),
        )
        self.record_run({**run_record, "version": version})
        self._collect_garbage(keep={version, state.version})

    def record_run(self, record: dict) -> None:
        """Append one line to the run log (``_manifest/runs.jsonl``; call under the lock)."""
        with open(self.manifest_dir / "runs.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps(record, default=str) + "\n")

    def runs(self) -> list[dict]:
        path = self.manifest_dir / "runs.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@dataclass
class _MergeCount:
    added: int = 0
    duplicates: int = 0


def _article_keys(path: Path, ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    try:
        return id_keys(ids)
    except ValueError as error:  # pyarrow.ArrowInvalid is one
        raise StoreError(f"{path}: an article_id that is no article id ({error})") from error


def _pair_keys(table: pa.Table) -> pa.Array:
    """``article_id`` and ``source_path`` joined into one key (a separator no path holds)."""
    return pc.binary_join_element_wise(table["article_id"], table["source_path"], "\x1f")


def _concat(arrays: list) -> pa.Array:
    """String arrays and chunked arrays as one string array (empty when there are none)."""
    chunks = [a for item in arrays for a in (item.chunks if hasattr(item, "chunks") else [item])]
    return pa.concat_arrays(chunks) if chunks else pa.array([], pa.string())


_MERGED = {"articles": "article_id", "quotes": "quote_id", "rejects": "reject_id"}  # in order


@dataclass(frozen=True)
class _PartitionJob:
    """One partition to merge: its stored files and new fragments per dataset, and the new
    article ids not to add there (kept in another partition)."""

    part: str
    old: dict[str, list[str]]
    fragments: dict[str, list[Path]]
    foreign: pa.Array | None


@dataclass(frozen=True)
class _PartitionResult:
    counts: dict[str, _MergeCount]
    files_written: int
    files_kept: int
    peak_partition_ids: int


@dataclass(frozen=True)
class _PartitionMerger:
    """A picklable callable that merges one partition with a merger of its own (counters start
    at zero), in this process or in a worker process."""

    run_id: str
    base_dir: Path | None
    new_dir: Path
    staging: Path
    replaced: pa.Array

    def __call__(self, job: _PartitionJob) -> _PartitionResult:
        merger = _Merger(
            run_id=self.run_id,
            base_dir=self.base_dir,
            new_dir=self.new_dir,
            staging=self.staging,
            replaced=set(self.replaced.to_pylist()),
        )
        return merger.merge_partition(job)


class _Merger:
    """Builds the datasets of a new version from the base version and this run's fragments.

    It works one partition at a time, so its memory does not grow with the corpus: for each
    partition it holds the ids of the rows already stored there and of the new rows (not the
    rows), then streams the new fragments through the kept-row filter into one file. Articles
    and their quotes share a partition (the article's date), so the quotes of a stored article
    are found in the same partition. The one check that spans partitions, an article body stored
    under another date, is made once per run against the ids of this run's new articles only.
    """

    def __init__(
        self,
        *,
        run_id: str,
        base_dir: Path | None,
        new_dir: Path,
        staging: Path,
        replaced: set[str],
    ) -> None:
        self.run_id = run_id
        self.base_dir = base_dir
        self.new_dir = new_dir
        self.staging = staging
        self.replaced = pa.array(sorted(replaced), pa.string())
        self.files_written = 0
        self.files_kept = 0
        self.peak_partition_ids = 0  # most ids held at once (the merge's memory, in rows)

    def _old_files(self, dataset: str) -> dict[str, list[str]]:
        base = self.base_dir / dataset if self.base_dir else None
        parts: dict[str, list[str]] = {}
        if base and base.is_dir():
            for p in sorted(base.rglob("*.parquet")):
                rel = p.relative_to(base).as_posix()
                parts.setdefault(Path(rel).parent.as_posix(), []).append(rel)
        return parts

    def _fragments(self, dataset: str) -> dict[str, list[Path]]:
        parts: dict[str, list[Path]] = {}
        staged = self.staging / dataset
        if staged.is_dir():
            for frag in sorted(staged.rglob("*.parquet")):
                parts.setdefault(frag.parent.relative_to(staged).as_posix(), []).append(frag)
        return parts

    def _kept_old_ids(self, path: Path, key: str) -> tuple[pa.Array, pa.Array | None]:
        """Ids of an old file's rows that stay, and the mask of rows to drop (None: keep all)."""
        keys = pq.read_table(path, columns=["source_path", key])
        if len(self.replaced):
            hit = pc.is_in(keys["source_path"], value_set=self.replaced)
            if pc.any(hit).as_py():
                return _concat([keys.filter(pc.invert(hit))[key]]), hit
        return _concat([keys[key]]), None

    def foreign_articles(
        self, old: dict[str, list[str]], fragments: dict[str, list[Path]]
    ) -> dict[str, pa.Array]:
        """Per partition, new article ids to drop because the same body is kept in another
        partition: stored before (any partition), or new in a partition merged earlier (the
        first in partition order wins, as a sequential merge would keep it).

        Memory: this run's new article ids as fixed-width keys (:mod:`newsquotes.idkeys`, about
        60 bytes an article while sorting) and one stored file's ids at a time."""
        parts = sorted(set(old) | set(fragments))
        keys, places = [], []
        for index, part in enumerate(parts):
            for frag in fragments.get(part, []):
                ids = _article_keys(frag, pq.read_table(frag, columns=["article_id"])["article_id"])
                keys.append(ids)
                places.append(np.full(len(ids), index, np.int32))
        if not keys:
            return {}
        new = np.concatenate(keys)
        del keys
        # A stable sort puts the copies of an id side by side, still in partition order.
        order = np.argsort(new, kind="stable")
        new, place = new[order], np.concatenate(places)[order]
        del order, places
        first = np.empty(len(new), bool)  # the first row of each distinct id
        first[0] = True
        np.not_equal(new[1:], new[:-1], out=first[1:])
        distinct = np.cumsum(first) - 1  # each row's index among the distinct ids
        unique = new[first]
        drop = place != place[first][distinct]  # not in the id's first partition
        stored = np.zeros(len(unique), bool)
        for files in old.values():
            for rel in files:
                path = self.base_dir / "articles" / rel
                kept, _ = self._kept_old_ids(path, "article_id")
                found, at = member_of(_article_keys(path, kept), unique)
                stored[at[found]] = True
        drop |= stored[distinct]
        rows = np.flatnonzero(drop)
        rows = rows[np.argsort(place[rows], kind="stable")]
        out = {}
        for same_part in np.split(rows, np.flatnonzero(np.diff(place[rows])) + 1):
            if len(same_part):
                ids = sorted(set(as_strings(new[same_part])))
                out[parts[place[same_part[0]]]] = pa.array(ids, pa.string())
        return out

    def merge_all(self, workers: Executor | None = None) -> dict[str, _MergeCount]:
        """Merge the articles, quotes and rejects datasets, one partition at a time.

        Within a partition the articles go first: its quotes keep only rows of the articles kept
        there. Once the check across partitions is made (:meth:`foreign_articles`), partitions
        do not depend on each other, so ``workers`` may merge them side by side, the largest
        first; every file written is the same as in a merge in partition order.
        """
        old = {name: self._old_files(name) for name in _MERGED}
        fragments = {name: self._fragments(name) for name in _MERGED}
        foreign = self.foreign_articles(old["articles"], fragments["articles"])
        pa.default_memory_pool().release_unused()  # before the merge workers start
        parts = {part for name in _MERGED for part in (*old[name], *fragments[name])}

        def staged_bytes(part: str) -> int:
            return sum(f.stat().st_size for name in _MERGED for f in fragments[name].get(part, []))

        jobs = [
            _PartitionJob(
                part,
                {name: old[name].get(part, []) for name in _MERGED},
                {name: fragments[name].get(part, []) for name in _MERGED},
                foreign.get(part),
            )
            for part in sorted(parts, key=lambda p: (-staged_bytes(p), p))
        ]
        job = self.partition_merger()
        done = workers.map(job, jobs) if workers is not None else map(job, jobs)
        counts = {name: _MergeCount() for name in _MERGED}
        for result in done:
            for name, count in result.counts.items():
                counts[name].added += count.added
                counts[name].duplicates += count.duplicates
            self.files_written += result.files_written
            self.files_kept += result.files_kept
            self.peak_partition_ids = max(self.peak_partition_ids, result.peak_partition_ids)
        for name in _MERGED:
            if not any((self.new_dir / name).rglob("*.parquet")):
                # An empty dataset is still a readable table with the right columns.
                part = partition_dir(UNDATED, UNDATED) if DATASETS[name].partitioned else ""
                target = self.new_dir / name / part / f"part-{self.run_id}.parquet"
                target.parent.mkdir(parents=True, exist_ok=True)
                write_table(DATASETS[name].file_schema.empty_table(), target)
                self.files_written += 1
        return counts

    def partition_merger(self) -> _PartitionMerger:
        return _PartitionMerger(
            self.run_id, self.base_dir, self.new_dir, self.staging, self.replaced
        )

    def merge_partition(self, job: _PartitionJob) -> _PartitionResult:
        """Merge one partition of every dataset (see :meth:`merge_all`)."""
        counts = {}
        for name, key in _MERGED.items():
            count = counts[name] = _MergeCount()
            if job.old[name] or job.fragments[name]:
                self._merge_partition(
                    name,
                    job.part,
                    job.old[name],
                    job.fragments[name],
                    DATASETS[name].file_schema,
                    key,
                    job.foreign if name == "articles" else None,
                    "articles" if name == "quotes" else None,
                    count,
                )
        return _PartitionResult(
            counts, self.files_written, self.files_kept, self.peak_partition_ids
        )

    def _merge_partition(
        self,
        dataset: str,
        part: str,
        old_files: list[str],
        fragments: list[Path],
        schema: pa.Schema,
        key: str,
        foreign: pa.Array | None,
        articles_of: str | None,
        count: _MergeCount,
    ) -> None:
        # Old files untouched by this run are hard-linked; files holding rows of a replaced input
        # are rewritten without them, into this run's single file of that partition.
        stored, carried = [], []
        for rel in old_files:
            path = self.base_dir / dataset / rel
            ids, drop = self._kept_old_ids(path, key)
            stored.append(ids)
            if drop is not None:
                carried.append((path, drop))
            elif len(ids):  # (an empty placeholder file is not carried over)
                target = self.new_dir / dataset / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(path, target)
                self.files_kept += 1
        if not fragments and not carried:
            return
        keep = self._new_rows_to_keep(dataset, part, fragments, key, stored, foreign, articles_of)
        target = self.new_dir / dataset / part / f"part-{self.run_id}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with pq.ParquetWriter(target, schema, **PARQUET_OPTIONS) as writer:
            for path, drop in carried:
                table = pq.read_table(path, schema=schema).filter(pc.invert(drop))
                if table.num_rows:
                    writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
                    written += table.num_rows
                del table
            for table, rows in zip(_read_ahead(fragments, schema), keep, strict=True):
                count.duplicates += table.num_rows - len(rows)
                if len(rows) < table.num_rows:
                    table = table.take(rows)
                count.added += table.num_rows
                if table.num_rows:
                    writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
                    written += table.num_rows
        if written:
            self.files_written += 1
        else:
            target.unlink()
        # a pool may keep freed pages for reuse (mimalloc does); unreturned, they add up over partitions
        pa.default_memory_pool().release_unused()

    def _new_rows_to_keep(
        self,
        dataset: str,
        part: str,
        fragments: list[Path],
        key: str,
        stored: list[pa.Array],
        foreign: pa.Array | None,
        articles_of: str | None,
    ) -> list[pa.Array]:
        """Per fragment, the indices of its rows to publish: the first copy of each id that is
        not stored in this partition already (nor kept elsewhere), in fragment and row order.
        Only id columns are read: one partition's ids are in memory, never its rows."""
        if not fragments:
            return []
        columns = [key] + (["article_id", "source_path"] if articles_of else [])
        columns = list(dict.fromkeys(columns))
        keys = [pq.read_table(f, columns=columns) for f in fragments]
        sizes = [t.num_rows for t in keys]
        new = pa.concat_tables(keys)
        del keys
        stored_ids = _concat(stored)
        self.peak_partition_ids = max(self.peak_partition_ids, new.num_rows + len(stored_ids))
        row = pa.array(range(new.num_rows), pa.int64())
        first = (
            pa.table({"id": new[key], "row": row})
            .group_by("id", use_threads=False)
            .aggregate([("row", "min")])["row_min"]
        )
        wanted = pc.is_in(row, value_set=first)
        if len(stored_ids):
            wanted = pc.and_(wanted, pc.invert(pc.is_in(new[key], value_set=stored_ids)))
        if foreign is not None:
            wanted = pc.and_(wanted, pc.invert(pc.is_in(new[key], value_set=foreign)))
        if articles_of:
            kept_articles = self.new_dir / articles_of / part
            pairs = [
                _pair_keys(pq.read_table(p, columns=["article_id", "source_path"]))
                for p in sorted(kept_articles.glob("*.parquet"))
            ]
            wanted = pc.and_(wanted, pc.is_in(_pair_keys(new), value_set=_concat(pairs)))
        wanted = wanted.combine_chunks() if hasattr(wanted, "combine_chunks") else wanted
        out, start = [], 0
        for size in sizes:
            mask = wanted.slice(start, size)
            out.append(pc.indices_nonzero(mask).cast(pa.int64()))
            start += size
        return out


def _read_ahead(paths: list[Path], schema: pa.Schema) -> Iterator[pa.Table]:
    """The files' tables in order, each next one read in a thread while the caller dedupes and
    writes the current one (Parquet decoding releases the GIL); at most two in memory."""
    if not paths:
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(pq.read_table, paths[0], schema=schema)
        for path in paths[1:]:
            table = future.result()
            future = pool.submit(pq.read_table, path, schema=schema)
            yield table
        yield future.result()


def write_fragment(staging: Path, dataset: str, table: pa.Table, name: str) -> int:
    """Write a task's rows for ``dataset`` under the run's staging folder, split by partition.

    Returns the number of files written. Fragment names must be unique per task so that tasks on
    different machines never collide.
    """
    if table.num_rows == 0:
        return 0
    spec = DATASETS[dataset]
    out = staging / dataset
    if not spec.partitioned:
        out.mkdir(parents=True, exist_ok=True)
        write_table(table.cast(spec.schema), out / f"{name}.parquet", STAGING_OPTIONS)
        return 1
    table = table.cast(spec.schema)
    # one stable sort by partition, then a slice per partition (rows keep their order within
    # it): a filter over the whole table per partition cost a pass per partition
    key = pc.add(pc.multiply(table["year"].cast(pa.int32()), 16), table["month"].cast(pa.int32()))
    order = pc.sort_indices(key)
    table = table.take(order).drop_columns(["year", "month"])
    runs = pc.run_end_encode(key.take(order)).combine_chunks()
    written = start = 0
    for code, end in zip(runs.values.to_pylist(), runs.run_ends.to_pylist(), strict=True):
        target = out / partition_dir(code // 16, code % 16) / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_table(table.slice(start, end - start), target, STAGING_OPTIONS)
        written += 1
        start = end
    return written


def partition_of(date) -> tuple[int, int]:
    return (date.year, date.month) if date is not None else (UNDATED, UNDATED)


def write_table(table: pa.Table, path: Path, options: dict | None = None) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, row_group_size=ROW_GROUP_ROWS, **(options or PARQUET_OPTIONS))
    os.replace(tmp, path)


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # file systems without hard links: a copy is slower but just as correct
        shutil.copy2(source, target)


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_tree(root: Path) -> None:
    """Flush new files before they are published, so a power cut cannot publish empty files."""
    for path in root.rglob("*.parquet"):
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())

"""The pipeline's steps as plain functions: plan a run, process a batch of inputs, commit.

Orchestrators (the Prefect flow in ``flows/``, a Dask cluster through Prefect) only wire these
together: everything here takes and returns values (paths and small summaries between steps, never
DataFrames), so any step can run in another process or on another machine sharing the output root.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.config import IngestConfig
from newsquotes.errors import InputError
from newsquotes.metadata import parse_article
from newsquotes.models import RawRecord, Reject, excerpt
from newsquotes.plan import MAX_BATCH_BYTES as MAX_BATCH_BYTES  # re-exported: callers import
from newsquotes.plan import MIN_BATCH_BYTES as MIN_BATCH_BYTES  # the steps from this module
from newsquotes.plan import InputFile, RunPlan, noop_record
from newsquotes.plan import plan_run as plan_run
from newsquotes.quotes import extract_quotes
from newsquotes.schema import validate_table
from newsquotes.sources import read_records
from newsquotes.speakers import build_speakers_from_dataset
from newsquotes.store import INPUTS_SCHEMA, Store, StoreState, write_fragment
from newsquotes.tables import BatchTables

log = logging.getLogger(__name__)

FLUSH_CHARS = 8 * 2**20  # a task writes its rows out after this much text: flat memory


@dataclass
class BatchSummary:
    """What a task reports back: counts and manifest rows, never the data itself."""

    batch: str
    inputs: list[dict] = field(default_factory=list)  # rows of the inputs manifest
    records: int = 0
    articles: int = 0
    quotes: int = 0
    rejects: int = 0
    chars: int = 0
    seconds: float = 0.0
    rejects_by_reason: Counter = field(default_factory=Counter)
    rejects_by_stage: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)


@dataclass
class RunSummary:
    run_id: str
    raw_root: str
    out_root: str
    version: int
    files_total: int
    files_processed: int
    files_unchanged: int
    records: int
    articles: int
    duplicates: int
    quotes: int
    rejects: int
    chars: int
    rejects_by_reason: dict[str, int]
    rejects_by_stage: dict[str, int]
    top_speakers: list[tuple[str, int]]
    new_speakers: list[str]
    seconds_processing: float
    rebuild_reason: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


# -- process ----------------------------------------------------------------------------------


def process_batch(
    plan: RunPlan,
    batch: Iterable[InputFile],
    batch_name: str,
    config: IngestConfig | None = None,
) -> BatchSummary:
    """Read, parse and extract a batch of inputs; write its rows as staging fragments.

    Rows are flushed to a fragment whenever about ``FLUSH_CHARS`` of text has accumulated (at a
    file boundary), so a task's memory stays flat however large its batch.
    """
    start = time.perf_counter()
    config = config or IngestConfig()
    tables = BatchTables(plan.run_id)
    summary = BatchSummary(batch=batch_name)
    staging = Store(plan.out_root).staging_dir(plan.run_id)
    pending = parts = 0
    for item in batch:
        counts = process_file(item, tables, config, plan.reference_date)
        summary.inputs.append(counts)
        summary.records += counts["n_records"]
        summary.articles += counts["n_articles"]
        summary.quotes += counts["n_quotes"]
        summary.rejects += counts["n_rejects"]
        pending += counts["chars"]
        summary.chars += counts.pop("chars")
        if pending >= FLUSH_CHARS:
            _flush(tables, staging, f"{batch_name}-{parts:04d}", summary)
            tables, pending, parts = BatchTables(plan.run_id), 0, parts + 1
    _flush(tables, staging, f"{batch_name}-{parts:04d}", summary)
    summary.seconds = time.perf_counter() - start
    return summary


def _flush(tables: BatchTables, staging: Path, name: str, summary: BatchSummary) -> None:
    """Write the rows gathered so far as fragments ``name`` and count them into ``summary``."""
    batch = tables.tables()
    rejects, quotes = batch["rejects"], batch["quotes"]
    summary.rejects_by_reason.update(rejects["reason"].to_pylist())
    summary.rejects_by_stage.update(rejects["stage"].to_pylist())
    summary.speakers.update(quotes["speaker"].drop_null().to_pylist())
    for dataset, table in batch.items():
        # the contract is checked before anything is written: a bug fails here, loudly
        write_fragment(staging, dataset, validate_table(dataset, table), name)
    del batch, rejects, quotes
    # a pool may keep freed pages for reuse (mimalloc does): hand them back, one flush at a time
    pa.default_memory_pool().release_unused()


def process_file(
    item: InputFile, tables: BatchTables, config: IngestConfig, reference_date: dt.date | None
) -> dict:
    """Process one input file into ``tables``; returns its manifest row (plus a char count).

    A file that fails as a whole (truncated, corrupt, hostile) contributes one reject and none of
    its records: nothing from it is published half-way.
    """
    source = item.source
    articles = BatchTables(tables.run_id)
    rejects: list[Reject] = []
    records = chars = 0
    try:
        for record in read_records(source, config):
            if isinstance(record, Reject):
                rejects.append(record)
                continue
            records += 1
            chars += len(record.text)
            reject = process_record(record, articles, reference_date)
            if reject is not None:
                rejects.append(reject)
    except InputError as err:
        log.warning("%s rejected as a whole: %s", item.source_path, err)
        articles = BatchTables(tables.run_id)
        rejects = [Reject.from_error(err, source_path=item.source_path)]
    for reject in rejects:
        articles.add_reject(reject, item.sha256)
    tables.merge(articles)
    return {
        "source_path": item.source_path,
        "source_sha256": item.sha256,
        "size": item.size,
        "mtime_ns": item.mtime_ns,
        "run_id": tables.run_id,
        "n_records": records,
        "n_articles": articles.articles.rows,
        "n_quotes": articles.quotes.rows,
        "n_rejects": len(rejects),
        "chars": chars,
    }


def process_record(
    record: RawRecord, tables: BatchTables, reference_date: dt.date | None
) -> Reject | None:
    """Parse one record and extract its quotes into ``tables``; a failure becomes a Reject.

    Errors we anticipate are :class:`InputError`s with a reason. Anything else is a bug in
    newsquotes, not in the input: the record is still quarantined (reason ``internal_error``, the
    exception in the message, the traceback in the log) so one bad article never costs the run.
    """
    prov = record.provenance
    stage = "parse"
    try:
        meta = parse_article(record, reference_date=reference_date)
        stage = "extract"
        quotes = extract_quotes(meta.body)
    except InputError as err:
        return Reject(
            stage=err.stage,
            reason=err.reason,
            message=err.detail,
            source_path=prov.source_path,
            record=prov.record,
            member=prov.member,
            excerpt=excerpt(err.excerpt or record.text),
        )
    except Exception as err:
        log.exception("internal error on %s#%s", prov.source_path, prov.record)
        return Reject(
            stage=stage,
            reason="internal_error",
            message=f"{type(err).__name__}: {err} (a newsquotes bug: please report it)",
            source_path=prov.source_path,
            record=prov.record,
            member=prov.member,
            excerpt=excerpt(record.text),
        )
    tables.add_article(record, meta, quotes)
    return None


# -- commit -----------------------------------------------------------------------------------


def commit_run(plan: RunPlan, summaries: list[BatchSummary], processes: int = 1) -> RunSummary:
    """Publish the staged fragments as a new version and return the run's summary.

    ``processes``: local processes that merge partitions side by side (the output is the same)."""
    store = Store(plan.out_root)
    state = store.state() if plan.rebuild_reason is None else StoreState()
    previous_speakers = _speaker_names(store) if state.version and plan.todo else set()
    inputs = pa.Table.from_pylist(
        [row for s in summaries for row in s.inputs], schema=INPUTS_SCHEMA
    )
    totals = _totals(summaries)
    version = state.version
    duplicates = 0
    if plan.todo:
        result = store.commit(
            run_id=plan.run_id,
            state=state,
            replaced_paths=set(plan.replaced),
            inputs=inputs,
            speakers_builder=build_speakers_from_dataset,
            processes=processes,
            run_record={
                "run_id": plan.run_id,
                "started_at": plan.started_at,
                "raw_root": plan.raw_root,
                "files": len(plan.todo),
                **totals,
            },
        )
        version, duplicates = result.version, result.duplicates
    elif plan.rebuild_reason is None and state.version:
        store.record_run(noop_record(plan))  # a run that found nothing to do is still a run
    speakers = Counter()
    for s in summaries:
        speakers.update(s.speakers)
    return RunSummary(
        run_id=plan.run_id,
        raw_root=plan.raw_root,
        out_root=plan.out_root,
        version=version,
        files_total=len(plan.todo) + plan.unchanged,
        files_processed=len(plan.todo),
        files_unchanged=plan.unchanged,
        records=totals["records"],
        articles=totals["articles"] - duplicates,
        duplicates=duplicates,
        quotes=totals["quotes"],
        rejects=totals["rejects"],
        chars=totals["chars"],
        rejects_by_reason=dict(sum((s.rejects_by_reason for s in summaries), Counter())),
        rejects_by_stage=dict(sum((s.rejects_by_stage for s in summaries), Counter())),
        top_speakers=speakers.most_common(10),
        new_speakers=sorted(set(speakers) - previous_speakers)[:50],
        seconds_processing=sum(s.seconds for s in summaries),
        rebuild_reason=plan.rebuild_reason,
    )


def _totals(summaries: list[BatchSummary]) -> dict[str, int]:
    keys = ("records", "articles", "quotes", "rejects", "chars")
    return {k: sum(getattr(s, k) for s in summaries) for k in keys}


def _speaker_names(store: Store) -> set[str]:
    path = store.root / "speakers" / "speakers.parquet"
    if not path.exists():
        return set()
    table = pq.read_table(path, columns=["name", "aliases"])
    names = set(table["name"].to_pylist())
    for aliases in table["aliases"].to_pylist():
        names.update(aliases or [])
    return names


def batch_names(batches: list[tuple[InputFile, ...]]) -> Iterator[str]:
    width = max(5, len(str(len(batches))))
    for index in range(len(batches)):
        yield f"batch-{index:0{width}d}"

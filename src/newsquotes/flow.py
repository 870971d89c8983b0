"""The Prefect flow ``ingest-news``: wiring only, the work is in :mod:`newsquotes.pipeline`.

Tasks are per batch of input files, never per article (a task run costs ~20 ms of Prefect
overhead). Tasks pass paths and small summaries; rows travel through the output root's staging
folder, so a batch may run in a local process or on a Dask worker on another machine.
Only I/O failures are retried: a bad input is a reject, not a reason to run again.

On one machine the task runs stay in this process (threads) and each hands its batch to a
worker of :mod:`newsquotes.workers`, which imports the library but not Prefect or pandas.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.exceptions import MissingContextError
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from newsquotes.config import IngestConfig, load_config
from newsquotes.errors import InputError, NewsquotesError, StoreError
from newsquotes.pipeline import (
    MIN_BATCH_BYTES,
    BatchSummary,
    InputFile,
    RunPlan,
    RunSummary,
    batch_names,
    commit_run,
    plan_run,
    process_batch,
)
from newsquotes.progress import Progress
from newsquotes.store import Store
from newsquotes.summary import render_markdown
from newsquotes.workers import current_workers, handing_batches_to, local_workers

ARTIFACT_KEY = "ingest-news-summary"


def _logger() -> logging.Logger | logging.LoggerAdapter:
    """The run logger inside Prefect; a plain logger when a task's ``.fn`` is called directly."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("newsquotes.flow")


def _retry_on_io(task: Any, task_run: Any, state: Any) -> bool:
    """Retry transient I/O failures only; our own errors (bad input, locked store) are final."""
    try:
        state.result()
    except (InputError, StoreError):
        return False
    except OSError:
        return True
    except BaseException:
        return False
    return False


@task(name="plan-run", retries=2, retry_delay_seconds=2, retry_condition_fn=_retry_on_io)
def plan_task(
    raw_dir: str,
    out_dir: str,
    started_at: dt.datetime,
    config: IngestConfig,
    reference_date: dt.date | None,
    verify_hashes: bool,
) -> RunPlan:
    plan = plan_run(
        raw_dir,
        out_dir,
        started_at=started_at,
        config=config,
        reference_date=reference_date,
        verify_hashes=verify_hashes,
    )
    _logger().info(
        "%d input file(s) to process, %d unchanged%s",
        len(plan.todo),
        plan.unchanged,
        f" (rebuilding: {plan.rebuild_reason})" if plan.rebuild_reason else "",
    )
    return plan


@task(name="process-batch", retries=2, retry_delay_seconds=2, retry_condition_fn=_retry_on_io)
def process_batch_task(
    plan: RunPlan, batch: tuple[InputFile, ...], batch_name: str, config: IngestConfig
) -> BatchSummary:
    workers = current_workers()  # local worker processes of this run, if it has them
    if workers is None:
        summary = process_batch(plan, batch, batch_name, config)
    else:
        summary = workers.submit(process_batch, plan, batch, batch_name, config).result()
    _logger().info(
        "%s: %d file(s), %d article(s), %d quote(s), %d reject(s) in %.1fs",
        batch_name,
        len(batch),
        summary.articles,
        summary.quotes,
        summary.rejects,
        summary.seconds,
    )
    return summary


@task(name="commit-run", retries=2, retry_delay_seconds=2, retry_condition_fn=_retry_on_io)
def commit_task(plan: RunPlan, summaries: list[BatchSummary], processes: int = 1) -> RunSummary:
    logger = _logger()
    logger.info("committing %d batch(es)", len(summaries))
    clock = time.perf_counter()
    summary = commit_run(plan, summaries, processes=processes)
    logger.info("committed version %d in %.1fs", summary.version, time.perf_counter() - clock)
    return summary


def make_task_runner(workers: int, dask_address: str | None):
    """The task runner for the batches: a Dask cluster, or threads of this process that hand
    each batch to a local worker process (see :func:`process_batch_task`)."""
    if dask_address:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as err:
            raise NewsquotesError(
                "running on Dask needs the 'dask' extra: pip install 'newsquotes[dask]'"
            ) from err
        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=workers)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@flow(name="ingest-news", log_prints=False, validate_parameters=True)
def ingest_news(
    raw_dir: str = "data/raw",
    out_dir: str = "data/processed",
    workers: int | None = None,
    dask_address: str | None = None,
    config_file: str | None = None,
    reference_date: dt.date | None = None,
    started_at: dt.datetime | None = None,
    verify_hashes: bool = False,
    wait_seconds: float = 0.0,
    min_batch_bytes: int = MIN_BATCH_BYTES,
) -> dict:
    """Turn the raw dumps under ``raw_dir`` into Parquet datasets under ``out_dir``.

    ``workers``: local processes for the batches (default: all cores); ``dask_address``: run the
    batches on an existing Dask cluster instead (``tcp://scheduler:8786``). ``reference_date``
    resolves dates written without a year when nothing else gives one. ``started_at`` names the
    run (default: now, read once here, the only clock in the pipeline). ``min_batch_bytes``:
    inputs smaller than this together stay in one batch (one task).
    """
    logger = get_run_logger()
    raw = Path(raw_dir)
    if not raw.is_dir():
        raise NewsquotesError(
            f"raw directory {raw.absolute()} does not exist: pass the folder "
            "that holds the dumps (default data/raw, relative to the "
            "working directory)"
        )
    config = load_config(config_file) if config_file else IngestConfig()
    started_at = started_at or dt.datetime.now(dt.UTC)
    workers = workers or default_workers()
    store = Store(out_dir)
    clock = time.perf_counter()
    with store.lock(wait_seconds=wait_seconds, holder=f"flow ingest-news {raw_dir}"):
        plan = plan_task(str(raw), out_dir, started_at, config, reference_date, verify_hashes)
        batches = plan.batches(workers, min_bytes=min_batch_bytes)
        names = list(batch_names(batches))
        progress = Progress(total_files=len(plan.todo), total_bytes=sum(f.size for f in plan.todo))
        summaries: list[BatchSummary] = []

        def done(batch: tuple[InputFile, ...], result: BatchSummary) -> None:
            summaries.append(result)
            line = progress.advance(
                files=len(batch),
                size=sum(f.size for f in batch),
                articles=result.articles,
                quotes=result.quotes,
            )
            logger.info(line)

        parallel = len(batches) > 1 and (workers > 1 or dask_address)
        if parallel:
            with contextlib.ExitStack() as stack:
                if not dask_address:
                    pool = stack.enter_context(
                        local_workers(min(workers, len(batches)), preload="newsquotes.pipeline")
                    )
                    stack.enter_context(handing_batches_to(pool))
                runner = stack.enter_context(make_task_runner(workers, dask_address))
                task_plan = plan.for_tasks()
                # the heaviest batches first, so the run does not end on one large batch while
                # the other workers idle (names, and so the output, keep the path order)
                heaviest_first = sorted(
                    zip(batches, names, strict=True),
                    key=lambda pair: -sum(f.weight for f in pair[0]),
                )
                futures = {
                    runner.submit(
                        process_batch_task,
                        {"plan": task_plan, "batch": batch, "batch_name": name, "config": config},
                    ): batch
                    for batch, name in heaviest_first
                }
                for future in as_completed(list(futures)):
                    done(futures[future], future.result())
            summaries.sort(key=lambda s: s.batch)  # completion order must not leak into output
        else:
            for batch, name in zip(batches, names, strict=True):
                done(batch, process_batch_task(quote(plan), quote(batch), name, config))
        # the commit starts fresh processes for its merge: what a batch left in a worker's heap
        # would otherwise add to the run's peak (docs/PERFORMANCE.md, round 5b)
        # quote(): Prefect walks every parameter looking for futures, element by element; over
        # the plan's inputs and the summaries' manifest rows and speaker counts that took ~3 s
        # at 100 MB (more at 1 GB) between the last batch and the commit
        processes = workers if parallel and not dask_address else 1
        summary = commit_task(quote(plan), quote(summaries), processes)
    seconds = time.perf_counter() - clock
    markdown = render_markdown(summary, seconds=seconds)
    create_markdown_artifact(
        key=ARTIFACT_KEY, markdown=markdown, description=f"newsquotes run {summary.run_id}"
    )
    logger.info(
        "run %s: %d file(s) processed, %d unchanged; %d article(s), %d quote(s), "
        "%d reject(s), %d duplicate(s) in %.1fs",
        summary.run_id,
        summary.files_processed,
        summary.files_unchanged,
        summary.articles,
        summary.quotes,
        summary.rejects,
        summary.duplicates,
        seconds,
    )
    return {**summary.as_dict(), "seconds": round(seconds, 3)}

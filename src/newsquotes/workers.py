"""Local worker processes that import the library only: no Prefect, no pandas.

Prefect's ``ProcessPoolTaskRunner`` runs Prefect's task engine in every worker (Prefect's
imports, an API client, event-loop threads), about 100 MiB a worker on top of the pipeline, and
pyarrow loads pandas (~50 MiB) the first time it converts a Python list. The flow keeps one
Prefect task run per batch (retries, logs, the UI) in a thread of its own process and hands the
batch to one of these processes, which only ever run :mod:`newsquotes.pipeline` functions.

Workers are started with ``spawn``: a fresh interpreter per worker, so nothing of the flow
process (Prefect's threads, its client, its imports) is copied into them.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextvars import ContextVar

from newsquotes.arrow_memory import keep_freed_pages
from newsquotes.pandas_probe import skip_pandas_probe

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
_GC_GEN0 = 5000  # allocations between young collections (Python's default: 700)

# The worker processes of the running flow, when it has local ones: its tasks hand batches to
# them. Unset on Dask workers and in one-process runs. Kept here, not in the flow module: Dask
# pickles task functions by value, and a ContextVar among their globals cannot be pickled.
_CURRENT: ContextVar[Executor | None] = ContextVar("newsquotes_workers", default=None)


def current_workers() -> Executor | None:
    return _CURRENT.get()


@contextlib.contextmanager
def handing_batches_to(pool: Executor) -> Iterator[None]:
    """Make :func:`current_workers` answer ``pool`` in this context (and in the task threads
    started from it: Prefect copies the context into them)."""
    token = _CURRENT.set(pool)
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def local_workers(workers: int, preload: str | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` lean processes; on exit, queued work is dropped, running work
    finishes, and the processes are gone. ``preload``: a module every worker imports at start
    (see :func:`_start_worker`); merge workers import only what unpickling their jobs needs."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(logging.getLogger("newsquotes").getEffectiveLevel(), preload),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(level: int, preload: str | None) -> None:
    """Log like the flow process (to stderr) and keep pandas out of the worker. With ``preload``
    (the module its tasks run), import it and make garbage collection cheap: a batch allocates
    millions of short-lived objects (records, quotes, row tuples), and every default-threshold
    collection re-walked the ~40,000 objects of the imports (~4 % of a batch worker's CPU;
    frozen and collected less often: ~1.5 %). Workers keep jemalloc's timed decay."""
    keep_freed_pages()  # before this worker's first Arrow allocation
    logging.basicConfig(level=level, format=LOG_FORMAT)
    skip_pandas_probe()
    if preload is not None:
        importlib.import_module(preload)
        gc.freeze()
        gc.set_threshold(_GC_GEN0, *gc.get_threshold()[1:])

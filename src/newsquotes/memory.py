"""Which Arrow memory pool the pipeline allocates from.

pyarrow's default pool (mimalloc in current wheels) keeps the pages it freed for reuse, and
``release_unused`` does not hand back pages freed by another thread (the commit's Parquet
read-ahead): over the partitions of a 1 GB commit the flow process kept ~250 MiB it no longer
used. jemalloc returns freed pages to the system after a short decay, which keeps a process at
what it holds (docs/PERFORMANCE.md, round 4). A pool chosen by the user through
``ARROW_DEFAULT_MEMORY_POOL`` is left alone.
"""

from __future__ import annotations

import os

import pyarrow as pa

POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def use_returning_pool() -> str:
    """Allocate from jemalloc when pyarrow has it and the user chose no pool; returns the name of
    the pool in use. Buffers allocated before stay valid (each one knows its pool)."""
    if os.environ.get(POOL_VARIABLE):
        return pa.default_memory_pool().backend_name
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc: keep its default
        return pa.default_memory_pool().backend_name
    pa.set_memory_pool(pool)
    return pool.backend_name

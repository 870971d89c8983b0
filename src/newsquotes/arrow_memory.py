"""How Arrow holds memory: which pool, and how soon jemalloc hands freed pages back.

Arrow reads both once, when its allocator starts (the first allocation), and only from the
environment: ``pa.set_memory_pool`` does not reach the C++ readers and kernels, and
``pa.jemalloc_set_decay_ms`` only reaches arenas created after it. So ``import newsquotes`` sets
them before pyarrow loads, and pool workers inherit them (docs/OPERATIONS.md, "Memory").
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

POOL = "ARROW_DEFAULT_MEMORY_POOL"
# Arrow's bundled jemalloc is built with the prefix je_arrow_: it reads its options from here.
JEMALLOC_OPTIONS = "JE_ARROW_MALLOC_CONF"
# Freed pages go back at once instead of after jemalloc's timed decay: the flow process reads
# many files one after another in the commit, and with the decay it kept ~170 MiB of freed pages
# at the peak of a 1 GB speakers build. Worker processes opt out (:func:`keep_freed_pages`).
RETURN_AT_ONCE = "dirty_decay_ms:0,muzzy_decay_ms:0"


def configure(environ: MutableMapping[str, str] = os.environ) -> None:
    """jemalloc, returning freed pages at once, unless the user chose otherwise. mimalloc,
    pyarrow's default, kept ~280 MiB a 1 GB commit no longer used; only Linux wheels are sure to
    bundle jemalloc (set ARROW_DEFAULT_MEMORY_POOL=mimalloc to opt out)."""
    if sys.platform.startswith("linux"):
        environ.setdefault(POOL, "jemalloc")
        environ.setdefault(JEMALLOC_OPTIONS, RETURN_AT_ONCE)


def keep_freed_pages(environ: MutableMapping[str, str] = os.environ) -> None:
    """jemalloc's timed decay for this process (a worker): a batch gained no memory from
    returning pages at once (189 against 194 MiB) and its CPU cost was within the machine's
    noise, and a 1 GB run with it in the workers too spent 35.5 s writing against 27.2 s
    (one run each; docs/PERFORMANCE.md, round 7). Works only before the process's first Arrow allocation; an option the user set is
    kept."""
    if environ.get(JEMALLOC_OPTIONS) == RETURN_AT_ONCE:
        del environ[JEMALLOC_OPTIONS]

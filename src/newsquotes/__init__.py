"""newsquotes: raw news-wire dumps to analyst-ready Parquet (articles, quotes, speakers, rejects).

The loaders are imported lazily, so ``import newsquotes`` stays cheap (no Prefect, no pandas until
a loader is used)::

    import newsquotes as nq
    quotes = nq.load_quotes("data/processed", speaker="Sergey Lavrov")
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Arrow picks its memory pool once, from this variable, when pyarrow loads (pa.set_memory_pool
# does not reach the C++ readers and kernels). jemalloc hands freed pages back to the system;
# mimalloc, pyarrow's default, kept ~280 MiB a 1 GB commit no longer used (docs/PERFORMANCE.md,
# round 4). Pool workers inherit the variable. A pool the user chose is kept (set
# ARROW_DEFAULT_MEMORY_POOL=mimalloc to opt out); only Linux wheels are sure to have jemalloc.
if sys.platform.startswith("linux"):
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")

__all__ = ["__version__", "load_articles", "load_quotes", "load_speakers"]

_LAZY = {
    "load_articles": "newsquotes.load",
    "load_quotes": "newsquotes.load",
    "load_speakers": "newsquotes.load",
}

if TYPE_CHECKING:
    from newsquotes.load import load_articles, load_quotes, load_speakers


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # later lookups skip this hook
        return value
    raise AttributeError(f"module 'newsquotes' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

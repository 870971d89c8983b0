"""newsquotes: raw news-wire dumps to analyst-ready Parquet (articles, quotes, speakers, rejects).

The loaders are imported lazily, so ``import newsquotes`` stays cheap (no Prefect, no pandas until
a loader is used)::

    import newsquotes as nq
    quotes = nq.load_quotes("data/processed", speaker="Sergey Lavrov")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsquotes.arrow_memory import configure as _configure_arrow_memory

_configure_arrow_memory()  # before pyarrow loads: Arrow reads it from the environment once

__version__ = "0.1.0"

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

"""One reader per way news text is delivered, and the rule that picks one for a file.

The format comes from a ``[[sources]]`` override when one matches, else from the extension
(``.json``, ``.jsonl``/``.ndjson``, ``.csv``/``.tsv``), else from the content: a line starting
with ``date YYYY-MM-DD`` makes the seed layout, anything else is a plain article.
"""

from __future__ import annotations

import posixpath

from newsquotes.readers.base import Reader, UnitContext
from newsquotes.readers.plain import read_plain
from newsquotes.readers.seed import has_header, read_seed
from newsquotes.readers.structured import READERS as STRUCTURED_READERS

__all__ = ["Reader", "UnitContext", "choose_format", "reader_for"]

_BY_EXTENSION = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
_READERS: dict[str, Reader] = {"seed": read_seed, "plain": read_plain, **STRUCTURED_READERS}


def choose_format(name: str, sample: str, override: str | None = None) -> str:
    """The format of a unit named ``name`` whose text starts with ``sample``."""
    if override:
        return override
    by_ext = _BY_EXTENSION.get(posixpath.splitext(name)[1].lower())
    if by_ext:
        return by_ext
    return "seed" if has_header(sample) else "plain"


def reader_for(fmt: str) -> Reader:
    """The reader of format ``fmt`` (one of ``config.FORMATS``, validated when configs load)."""
    return _READERS[fmt]

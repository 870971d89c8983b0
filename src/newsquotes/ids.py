"""Stable identifiers: pure functions of content, so the same input gives the same ids forever."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from newsquotes.models import Span

_WORD = re.compile(r"\w+")


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=10)  # 80 bits: collision-free for any realistic corpus
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def normalized_content(body: str) -> str:
    """Lower-cased words only: immune to re-wrapping, spacing, quote styles and punctuation."""
    return " ".join(_WORD.findall(body.casefold()))


def article_id(body: str) -> str:
    """Id of an article: the same body seen in two dumps (or two runs) gets the same id."""
    return _digest("article", normalized_content(body))


def quote_id(article: str, pieces: Iterable[Span]) -> str:
    return _digest("quote", article, *(f"{p.start}:{p.end}" for p in pieces))


def speaker_id(name: str) -> str:
    return _digest("speaker", " ".join(name.casefold().split()))


def reject_id(source_key: str, record: int | None, stage: str, reason: str) -> str:
    return _digest("reject", source_key, str(record), stage, reason)


def run_id(started_at_iso: str, raw_root: str, out_root: str) -> str:
    """Run ids sort by start time; the start time is passed in, never read from a clock here."""
    stamp = re.sub(r"[^0-9]", "", started_at_iso)[:14]
    return f"{stamp}-{_digest('run', started_at_iso, raw_root, out_root)[:8]}"

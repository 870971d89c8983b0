"""Plain article files: one article per file, a title line, a blank line, then the body.

The title goes to ``fields["title"]`` and the text is the body below it. A file whose first
paragraph is longer than one short line has no title: all of it is the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsquotes.models import RawRecord, Reject
from newsquotes.readers.base import UnitContext
from newsquotes.text import Overlong, first_lines, iter_line_runs, split_lines

FORMAT = "plain"
MAX_TITLE_CHARS = 300


def read_plain(chunks: Iterable[str], ctx: UnitContext) -> Iterator[RawRecord | Reject]:
    """The one record of a plain article file, its title line in ``fields["title"]``."""
    cap = ctx.config.max_record_chars
    parts: list[str] = []  # whole lines, in runs of one or more
    size = 0
    for run in iter_line_runs(chunks, ctx.config.max_line_chars):
        if isinstance(run, Overlong):
            yield ctx.reject_overlong(run)
            return
        if size + len(run) > cap:
            # line by line up to the one over the cap: the excerpt shows the lines before it
            for line in split_lines(run):
                size += len(line)
                if size > cap:
                    yield ctx.reject(
                        "split",
                        "record_too_large",
                        f"article over the cap of {cap} characters",
                        first_lines("".join(parts[:3]), 3),
                    )
                    return
                parts.append(line)
        size += len(run)
        parts.append(run)
    text = "".join(parts)
    if not text.strip():
        return
    title, body = split_title(text)
    yield ctx.record(body, FORMAT, {"title": title} if title else None)


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)`` when the text opens with a short line and a blank line."""
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    if not sep or len(first) > MAX_TITLE_CHARS or not first.strip():
        return None, stripped
    after = rest.lstrip(" \t")
    if not after.startswith("\n") or not after.strip():
        return None, stripped
    return first.strip(), after.lstrip()

"""The seed layout: records start at a line beginning with ``date YYYY-MM-DD``.

Leading white space before ``date`` is allowed (the seed itself starts with a space). Only a full
ISO date makes a header: Reuters body lines such as ``date of currency transactions will be ...``
stay in their article. The record text is everything after the date, leading white space
stripped; the date goes to ``fields["date"]``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from newsquotes.models import RawRecord, Reject
from newsquotes.readers.base import UnitContext
from newsquotes.text import Overlong, iter_lines

HEADER = re.compile(r"[ \t\u00a0\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?![\w-])[ \t]*")
FORMAT = "seed"
# Text before the first header is kept only up to this size: a reject excerpt needs no more.
_PREAMBLE_CHARS = 4096
HEADER_ANYWHERE = re.compile(r"(?m)^[ \t\u00a0\ufeff]*date[ \t]+\d{4}-\d{2}-\d{2}(?![\w-])")


def has_header(sample: str) -> bool:
    """Whether some line of ``sample`` starts a seed record."""
    return HEADER_ANYWHERE.search(sample) is not None


def read_seed(chunks: Iterable[str], ctx: UnitContext) -> Iterator[RawRecord | Reject]:
    """Records of a seed-layout text, one per ``date YYYY-MM-DD`` header (see module doc)."""
    cap = ctx.config.max_record_chars
    date: str | None = None  # header date of the record being collected (None before the first)
    parts: list[str] = []
    size = 0
    problem: tuple[str, str] | None = None  # the open record is refused for this reason
    preamble: list[str] = []

    def close() -> RawRecord | Reject:
        assert date is not None
        if problem is not None:
            return ctx.reject("split", problem[0], problem[1], "".join(parts[:3]) or date)
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            return ctx.reject(
                "split",
                "invalid_header_date",
                f"header date {date!r} is not a calendar date",
                f"date {date} " + "".join(parts)[:300],
            )
        return ctx.record("".join(parts), FORMAT, {"date": date})

    def refuse_preamble(reason: str, message: str) -> Iterator[Reject]:
        """Text outside any record is refused, unless it is only white space."""
        text = "".join(preamble)
        if text.strip():
            yield ctx.reject("split", reason, message, text)

    for line in iter_lines(chunks, ctx.config.max_line_chars):
        text = line if isinstance(line, str) else line.head
        # a plain prefix test first: most lines are body text, and it is far cheaper than the regex
        match = (
            HEADER.match(text) if text[:40].lstrip(" \t\u00a0\ufeff").startswith("date") else None
        )
        if match is not None:
            if date is not None:
                yield close()
            else:
                yield from refuse_preamble(
                    "text_before_first_header", "text before the first 'date YYYY-MM-DD' header"
                )
            preamble = []
            date = match.group(1)
            rest = text[match.end() :]
            parts, size, problem = [rest], len(rest), None
            if isinstance(line, Overlong):
                problem = ("line_too_long", ctx.overlong_message(line))
            continue
        if date is None:
            if isinstance(line, Overlong):
                preamble = [line.head]
            elif sum(len(p) for p in preamble) < _PREAMBLE_CHARS:
                preamble.append(line)
            continue
        if problem is not None:
            continue
        if isinstance(line, Overlong):
            problem = ("line_too_long", ctx.overlong_message(line))
            parts = [line.head]
            continue
        size += len(line)
        if size > cap:
            problem = ("record_too_large", f"record over the cap of {cap} characters")
            parts = parts[:3]
            continue
        parts.append(line)
    if date is not None:
        yield close()
    else:
        yield from refuse_preamble(
            "no_date_header", "no line starts with a 'date YYYY-MM-DD' header"
        )

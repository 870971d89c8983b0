"""The seed layout: records start at a line beginning with ``date YYYY-MM-DD``.

Leading white space before ``date`` is allowed (the seed itself starts with a space). Only a full
ISO date makes a header: Reuters body lines such as ``date of currency transactions will be ...``
stay in their article. The record text is everything after the date, leading white space
stripped; the date goes to ``fields["date"]``.

Speed: the text arrives in runs of whole lines (:func:`~newsquotes.text.iter_line_runs`); one
regex finds the headers in a run and the text between two headers is appended to its record in
one piece. Line by line work is left for what needs it: text before the first header, a record
growing over the size cap, and over-long lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from newsquotes.models import RawRecord, Reject
from newsquotes.readers.base import UnitContext
from newsquotes.text import Overlong, first_lines, iter_line_runs, split_lines

HEADER = re.compile(r"[ \t\u00a0\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?![\w-])[ \t]*")
_LEADING = " \t\u00a0\ufeff"  # what may precede "date" on a header line
FORMAT = "seed"
# Text before the first header is kept only up to this size: a reject excerpt needs no more.
_PREAMBLE_CHARS = 4096
HEADER_ANYWHERE = re.compile(r"(?m)^[ \t\u00a0\ufeff]*date[ \t]+\d{4}-\d{2}-\d{2}(?![\w-])")
# HEADER from "date" on: a literal start, which the regex engine finds several times faster than
# it tries a line start at every position. Whether only white space precedes it on its line is
# checked for the few matches.
_DATE_HEADER = re.compile(r"date[ \t]+(\d{4}-\d{2}-\d{2})(?![\w-])[ \t]*")
# A line-wise test wants "date" among the first 40 characters of its line (_header_of_line).
_MAX_LEADING = 36


def has_header(sample: str) -> bool:
    """Whether some line of ``sample`` starts a seed record (``HEADER_ANYWHERE`` matches)."""
    for match in _DATE_HEADER.finditer(sample):
        line_start = sample.rfind("\n", 0, match.start()) + 1
        if not sample[line_start : match.start()].strip(_LEADING):
            return True
    return False


def _header_of_line(line: str) -> re.Match[str] | None:
    # a plain prefix test first: it is far cheaper than the regex
    return HEADER.match(line) if line[:40].lstrip(_LEADING).startswith("date") else None


def _headers(run: str) -> Iterator[tuple[int, re.Match[str]]]:
    """The header lines of a run of whole lines: (line start, match from "date" on), the same
    lines :func:`_header_of_line` accepts."""
    for match in _DATE_HEADER.finditer(run):
        start = match.start()
        line_start = run.rfind("\n", max(0, start - _MAX_LEADING - 1), start) + 1
        if start - line_start <= _MAX_LEADING and not run[line_start:start].strip(_LEADING):
            yield line_start, match


def read_seed(chunks: Iterable[str], ctx: UnitContext) -> Iterator[RawRecord | Reject]:
    """Records of a seed-layout text, one per ``date YYYY-MM-DD`` header (see module doc)."""
    records = _SeedRecords(ctx)
    for run in iter_line_runs(chunks, ctx.config.max_line_chars):
        if isinstance(run, Overlong):
            yield from records.overlong_line(run)
            continue
        pos = 0
        for line_start, match in _headers(run):
            records.add_lines(run, pos, line_start)
            line_end = run.find("\n", match.end()) + 1 or len(run)
            yield from records.open(match.group(1), run[match.end() : line_end])
            pos = line_end
        records.add_lines(run, pos, len(run))
    yield from records.finish()


class _SeedRecords:
    """The record being collected, and what was read before the first header."""

    def __init__(self, ctx: UnitContext) -> None:
        self.ctx = ctx
        self.cap = ctx.config.max_record_chars
        self.date: str | None = None  # header date of the open record (None before the first)
        self.parts: list[str] = []  # its text: whole lines, in pieces of one or more lines
        self.size = 0
        self.problem: tuple[str, str] | None = None  # the open record is refused for this reason
        self.preamble: list[str] = []
        self.preamble_size = 0

    def open(
        self, date: str, rest: str, overlong: Overlong | None = None
    ) -> Iterator[RawRecord | Reject]:
        """A header line: close the open record and start one with the rest of the line."""
        if self.date is not None:
            yield self._close()
        else:
            yield from self._refuse_preamble(
                "text_before_first_header", "text before the first 'date YYYY-MM-DD' header"
            )
        self.preamble, self.preamble_size = [], 0
        self.date, self.parts, self.size, self.problem = date, [rest], len(rest), None
        if overlong is not None:
            self.problem = ("line_too_long", self.ctx.overlong_message(overlong))

    def add_lines(self, run: str, start: int, end: int) -> None:
        """The whole lines ``run[start:end]``, none of them a header or over the line cap."""
        if start == end or self.problem is not None:
            return  # a refused record skips its remaining lines
        if self.date is not None and self.size + (end - start) <= self.cap:
            self.parts.append(run[start:end])
            self.size += end - start
        elif self.date is not None or self.preamble_size < _PREAMBLE_CHARS:
            for line in split_lines(run[start:end]):
                self._add_line(line)

    def overlong_line(self, line: Overlong) -> Iterator[RawRecord | Reject]:
        match = _header_of_line(line.head)
        if match is not None:
            yield from self.open(match.group(1), line.head[match.end() :], line)
        else:
            self._add_line(line)

    def finish(self) -> Iterator[RawRecord | Reject]:
        if self.date is not None:
            yield self._close()
        else:
            yield from self._refuse_preamble(
                "no_date_header", "no line starts with a 'date YYYY-MM-DD' header"
            )

    def _add_line(self, line: str | Overlong) -> None:
        """One line that is not a header: the reference for what add_lines does in bulk."""
        if self.date is None:
            if isinstance(line, Overlong):
                self.preamble, self.preamble_size = [line.head], len(line.head)
            elif self.preamble_size < _PREAMBLE_CHARS:
                self.preamble.append(line)
                self.preamble_size += len(line)
            return
        if self.problem is not None:
            return
        if isinstance(line, Overlong):
            self.problem = ("line_too_long", self.ctx.overlong_message(line))
            self.parts = [line.head]
            return
        self.size += len(line)
        if self.size > self.cap:
            self.problem = ("record_too_large", f"record over the cap of {self.cap} characters")
            self.parts = [first_lines("".join(self.parts[:3]), 3)]  # for the reject's excerpt
            return
        self.parts.append(line)

    def _close(self) -> RawRecord | Reject:
        date, ctx = self.date, self.ctx
        assert date is not None
        if self.problem is not None:
            reason, message = self.problem
            return ctx.reject("split", reason, message, "".join(self.parts) or date)
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            return ctx.reject(
                "split",
                "invalid_header_date",
                f"header date {date!r} is not a calendar date",
                f"date {date} " + "".join(self.parts)[:300],
            )
        return ctx.record("".join(self.parts), FORMAT, {"date": date})

    def _refuse_preamble(self, reason: str, message: str) -> Iterator[Reject]:
        """Text outside any record is refused, unless it is only white space."""
        text = "".join(self.preamble)
        if text.strip():
            yield self.ctx.reject("split", reason, message, text)

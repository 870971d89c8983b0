"""Structured exports: a JSON list (or a stream of JSON objects), JSON Lines, CSV/TSV.

All three stream: a JSON list is decoded one element at a time (``raw_decode`` on a growing
buffer, so a one-line minified export does not have to fit in memory whole), JSON Lines and CSV
line by line. An element or row that is not an article is a record-level reject; a syntax error
that leaves the rest of a JSON document unreadable, or a CSV without a text column, makes the
whole file unusable (``SplitError``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsquotes.errors import SplitError
from newsquotes.models import RawRecord, Reject
from newsquotes.readers.base import Reader, UnitContext
from newsquotes.readers.fields import map_fields
from newsquotes.text import Overlong, iter_lines

_DECODER = json.JSONDecoder()
_WS = " \t\n\r\ufeff"


def _object_record(value: Any, fmt: str, ctx: UnitContext, raw: str) -> RawRecord | Reject:
    if not isinstance(value, dict):
        return ctx.reject(
            "split",
            "json_not_object",
            f"a {type(value).__name__} where an article object was expected",
            raw[:300],
        )
    mapped = map_fields(value, ctx.mapping)
    if mapped.text is None:
        return ctx.reject(
            "split",
            "missing_text_field",
            f"no text field (tried {', '.join(ctx.mapping.text)}); keys: "
            f"{', '.join(sorted(map(str, value))[:12])}",
            raw[:300],
        )
    return ctx.record(mapped.text, fmt, mapped.fields)


# --- JSON document: a list of objects, or objects one after another -------------------------------


class _Buffer:
    """Text of a stream, pulled in on demand; old text is dropped as parsing moves on."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.text = ""
        self.pos = 0
        self.exhausted = False

    def more(self, at_least: int) -> bool:
        """Append at least ``at_least`` characters (fewer at the end); False when none came."""
        if self.exhausted:
            return False
        if self.pos > 1 << 20:
            self.text, self.pos = self.text[self.pos :], 0
        added = []
        got = 0
        for chunk in self._chunks:
            added.append(chunk)
            got += len(chunk)
            if got >= at_least:
                break
        else:
            self.exhausted = True
        self.text += "".join(added)
        return got > 0

    def skip_ws(self) -> str:
        """The next non-white-space character ('' at the end), without consuming it."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more(65536):
                return ""


def _syntax(message: str, buf: _Buffer) -> SplitError:
    return SplitError("json_syntax_error", message, excerpt=buf.text[buf.pos : buf.pos + 200])


def _next_value(buf: _Buffer, ctx: UnitContext) -> tuple[Any, str]:
    """Decode the value at ``buf.pos``, reading more text until it is complete."""
    cap = ctx.config.max_record_chars
    buf.skip_ws()
    while True:
        try:
            value, end = _DECODER.raw_decode(buf.text, buf.pos)
        except json.JSONDecodeError as err:
            size = len(buf.text) - buf.pos
            if size > cap:
                raise SplitError(
                    "record_too_large",
                    f"a JSON element over {cap} characters (or a syntax error in it: {err.msg})",
                    excerpt=buf.text[buf.pos : buf.pos + 200],
                ) from err
            if not buf.more(max(65536, size)):
                raise _syntax(
                    f"invalid JSON: {err.msg} (line {err.lineno} col {err.colno})", buf
                ) from err
            continue
        raw = buf.text[buf.pos : end]
        buf.pos = end
        return value, raw


def read_json(chunks: Iterable[str], ctx: UnitContext) -> Iterator[RawRecord | Reject]:
    """Records of a JSON list of article objects, or of objects one after another."""
    buf = _Buffer(chunks)
    first = buf.skip_ws()
    if first == "":
        return
    if first == "[":
        buf.pos += 1
        if buf.skip_ws() == "]":
            buf.pos += 1
        else:
            while True:
                value, raw = _next_value(buf, ctx)
                yield _object_record(value, "json", ctx, raw)
                sep = buf.skip_ws()
                buf.pos += 1
                if sep == "]":
                    break
                if sep != ",":
                    raise _syntax(
                        f"expected ',' or ']' after a list element, found {sep!r}"
                        if sep
                        else "the JSON list is not closed (file cut short?)",
                        buf,
                    )
        if buf.skip_ws() != "":
            raise _syntax("text after the end of the JSON list", buf)
        return
    if first != "{":
        raise SplitError(
            "json_wrong_shape",
            f"a JSON export must hold a list of objects or objects, found {first!r}",
            excerpt=buf.text[buf.pos : buf.pos + 200],
        )
    while buf.skip_ws() != "":  # objects one after another (JSON Lines written as .json)
        value, raw = _next_value(buf, ctx)
        yield _object_record(value, "json", ctx, raw)


# --- JSON Lines ---------------------------------------------------------------------------------


def read_jsonl(chunks: Iterable[str], ctx: UnitContext) -> Iterator[RawRecord | Reject]:
    """Records of a JSON Lines export; a line that is not an article is a reject."""
    for line in iter_lines(chunks, ctx.config.max_line_chars):
        if isinstance(line, Overlong):
            yield ctx.reject_overlong(line)
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield ctx.reject("split", "json_syntax_error", f"invalid JSON line: {err.msg}", line)
            continue
        yield _object_record(value, "jsonl", ctx, line)


# --- CSV ------------------------------------------------------------------------------------------


class _RowBudget:
    """Feeds lines to csv.reader and stops a quoted field that never ends from growing memory."""

    def __init__(self, lines: Iterable[str | Overlong], cap: int) -> None:
        self._lines = iter(lines)
        self._cap = cap
        self.used = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if isinstance(line, Overlong):
            raise SplitError(
                "line_too_long", f"a CSV line of {line.length} characters", excerpt=line.head
            )
        self.used += len(line)
        if self.used > self._cap:
            raise SplitError(
                "record_too_large",
                f"a CSV row over {self._cap} characters (an unclosed quote?)",
                excerpt=line[:200],
            )
        return line


def read_csv(chunks: Iterable[str], ctx: UnitContext) -> Iterator[RawRecord | Reject]:
    """Records of a CSV/TSV export with a header row naming the columns."""
    delimiter = ctx.csv_delimiter or (
        "\t"
        if ctx.source_path.lower().endswith(".tsv") or (ctx.member or "").lower().endswith(".tsv")
        else ","
    )
    # csv's per-field limit is process-wide; our own per-row cap (_RowBudget) is the real one.
    if csv.field_size_limit() < ctx.config.max_record_chars:
        csv.field_size_limit(ctx.config.max_record_chars)
    feed = _RowBudget(iter_lines(chunks, ctx.config.max_line_chars), ctx.config.max_record_chars)
    rows = csv.reader(feed, delimiter=delimiter, strict=False)
    try:
        header = next(rows)
    except StopIteration:
        return
    except csv.Error as err:
        raise SplitError("csv_bad_header", f"unreadable CSV header: {err}") from err
    header = [h.strip().lstrip("\ufeff") for h in header]
    probe = map_fields(dict.fromkeys(header, "x"), ctx.mapping)
    if probe.text is None:
        raise SplitError(
            "csv_missing_column",
            f"no text column (tried {', '.join(ctx.mapping.text)}); columns: {', '.join(header)}",
            excerpt=",".join(header),
        )
    while True:
        feed.used = 0
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            yield ctx.reject("split", "csv_bad_row", f"unreadable CSV row: {err}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield ctx.reject(
                "split",
                "csv_bad_row",
                f"{len(row)} cells where the header has {len(header)}",
                delimiter.join(row)[:300],
            )
            continue
        mapped = map_fields(dict(zip(header, row, strict=True)), ctx.mapping)
        if mapped.text is None:
            yield ctx.reject(
                "split", "missing_text_field", "the text cell is empty", delimiter.join(row)[:300]
            )
            continue
        yield ctx.record(mapped.text, "csv", mapped.fields)


READERS: dict[str, Reader] = {"json": read_json, "jsonl": read_jsonl, "csv": read_csv}

"""Find quoted stretches of text: the spans between matching quote marks.

One compiled regex finds every quote mark in the body; a small state machine pairs them per
paragraph. Handled: straight, curly, guillemets, low-9, ``LaTeX-style'' and (at the top level
only) single quotes; nested quotes stay inside their outer quote; an unclosed double quote runs to
the end of its paragraph and a quote that reopens at the start of the next paragraph continues it
(multi-paragraph quotes); an unmatched closing mark is ignored, so one stray mark never costs more
than its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsquotes.frozen import fast_init

_DOUBLE_OPEN = frozenset({"“", "«", "„", "``"})
_DOUBLE_CLOSE = frozenset({"”", "»"})
_STRAIGHT = frozenset({'"', "''"})  # the same mark opens and closes
# one cheap character class; which marks are quotes is decided in Python (they are rare).
# An apostrophe between two ASCII letters or digits (``don't``, ``Russia’s``) is never a quote
# mark: the regex drops it, so the Python loop only sees marks that may open or close a quote.
# (The pattern opens with one character class so the regex engine still skips plain text in C.)
_MARKS = re.compile(r"[\"“”«»„\n`'‘’](?:(?<=[\"“”«»„\n`])|(?<![A-Za-z0-9].)|(?![A-Za-z0-9]))")
_SPACE = " \t\r\n\u00a0"


@fast_init
@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: ``start:end`` is the text inside the marks (trimmed of white space)."""

    open_start: int  # the opening mark
    start: int
    end: int
    close_end: int  # just after the closing mark (= end for an unclosed quote)
    closed: bool
    continues: bool  # reopens a quote left open at the end of the previous paragraph
    single: bool = False


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start] in _SPACE:
        start += 1
    while end > start and body[end - 1] in _SPACE:
        end -= 1
    return start, end


def _paragraph_start(body: str, pos: int) -> bool:
    """True when only white space separates ``pos`` from the start of its line."""
    line_start = body.rfind("\n", 0, pos) + 1
    return not body[line_start:pos].strip()


def scan_quotes(body: str) -> list[Quoted]:
    """Every quoted stretch of ``body`` in text order."""
    found: list[Quoted] = []
    open_at = -1  # position of the open double mark, -1 when none is open
    open_len = 0
    single_at = -1
    pending_continue = False  # the previous paragraph ended inside a quote
    carry = False  # the quote now open continues one from the previous paragraph

    def emit(close_start: int, close_end: int, closed: bool, single: bool = False) -> None:
        opener = single_at if single else open_at
        width = 1 if single else open_len
        start, end = _trimmed(body, opener + width, close_start)
        if end > start:
            found.append(
                Quoted(opener, start, end, close_end, closed, carry and not single, single)
            )

    n = len(body)
    skip_to = -1
    for match in _MARKS.finditer(body):
        pos = match.start()
        if pos < skip_to:
            continue
        mark = match.group()
        end = pos + 1
        if mark in "`'" and end < n and body[end] == mark:
            mark = mark * 2  # ``LaTeX-style'' or doubled apostrophes
            end += 1
            skip_to = end
        elif mark == "`":
            continue
        elif mark in "'‘’":
            before = body[pos - 1] if pos else " "
            after = body[end] if end < n else " "
            if (
                mark != "’"
                and not before.isalnum()
                and before not in "’'"
                and (after.isalpha() or after in '"“')
            ):
                mark = "‘"  # opening single quote
            elif mark != "‘" and (before.isalnum() or before in ".,!?…") and not after.isalnum():
                mark = "’"  # closing single quote
            else:
                continue  # an apostrophe
        if mark == "\n":
            if open_at >= 0:
                emit(pos, pos, closed=False)
                pending_continue = True
            else:
                pending_continue = (
                    pending_continue and not body[body.rfind("\n", 0, pos) + 1 : pos].strip()
                )
            open_at = single_at = -1
            carry = False
            continue
        if open_at >= 0:
            if mark in _DOUBLE_CLOSE or mark in _STRAIGHT:
                emit(pos, end, closed=True)
                open_at = -1
                carry = False
            continue  # nested marks (double or single) stay inside the open quote
        if mark in _DOUBLE_OPEN or mark in _STRAIGHT:
            if mark in _STRAIGHT and pos > 0 and body[pos - 1] not in _SPACE + "([{—–-/":
                nxt = body[end : end + 1]
                if not nxt or nxt in _SPACE or nxt in ".,;:!?)":
                    continue  # a closing straight quote with no opener: stray
            carry = pending_continue and _paragraph_start(body, pos)
            pending_continue = False
            open_at, open_len = pos, len(mark)
            single_at = -1
        elif mark in _DOUBLE_CLOSE:
            continue  # stray closing mark
        elif mark == "‘" and single_at < 0:
            single_at = pos
            pending_continue = False
        elif mark == "’" and single_at >= 0:
            emit(pos, end, closed=True, single=True)
            single_at = -1
    if open_at >= 0:
        emit(len(body), len(body), closed=False)
    return found

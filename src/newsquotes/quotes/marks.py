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
from typing import Final

_DOUBLE_OPEN = frozenset({"“", "«", "„", "``"})
_DOUBLE_CLOSE = frozenset({"”", "»"})
_STRAIGHT = frozenset({'"', "''"})  # the same mark opens and closes
# one cheap character class; which marks are quotes is decided in Python (they are rare).
# An apostrophe between two ASCII letters or digits (``don't``, ``Russia’s``) is never a quote
# mark: the regex drops it, so the Python loop only sees marks that may open or close a quote.
# (The pattern opens with one character class so the regex engine still skips plain text in C.)
_MARKS = re.compile(r"[\"“”«»„\n`'‘’](?:(?<=[\"“”«»„\n`])|(?<![A-Za-z0-9].)|(?![A-Za-z0-9]))")
_SPACE = " \t\r\n\u00a0"


class Quoted:
    """A quoted stretch: ``start:end`` is the text inside the marks (trimmed of white space).

    A plain slotted class with ``Final`` fields, not a frozen dataclass: compiled, it is a
    native class (as ``mentions.Mention``, which says why)."""

    __slots__ = ("close_end", "closed", "continues", "end", "open_start", "single", "start")

    def __init__(
        self,
        open_start: int,  # the opening mark
        start: int,
        end: int,
        close_end: int,  # just after the closing mark (= end for an unclosed quote)
        closed: bool,
        continues: bool,  # reopens a quote left open at the end of the previous paragraph
        single: bool = False,
    ) -> None:
        self.open_start: Final = open_start
        self.start: Final = start
        self.end: Final = end
        self.close_end: Final = close_end
        self.closed: Final = closed
        self.continues: Final = continues
        self.single: Final = single

    def _fields(self) -> tuple[int, int, int, int, bool, bool, bool]:
        return (
            self.open_start,
            self.start,
            self.end,
            self.close_end,
            self.closed,
            self.continues,
            self.single,
        )

    def __eq__(self, other: object) -> bool:  # by value, as the dataclass it was
        if not isinstance(other, Quoted):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Quoted(open_start={self.open_start!r}, start={self.start!r}, end={self.end!r}, "
            f"close_end={self.close_end!r}, closed={self.closed!r}, "
            f"continues={self.continues!r}, single={self.single!r})"
        )


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


# invisible direction marks some texts put before a paragraph's first character
_FORMAT_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"


def _closer_opens(body: str, pos: int, end: int) -> bool:
    """A closing-shaped mark with no quote open that opens one (some texts use ``”`` both
    ways): at the start of a paragraph, or after a space and right before a word."""
    before = pos
    while before > 0 and body[before - 1] in _FORMAT_CHARS:
        before -= 1
    if before == 0 or body[before - 1] == "\n":
        return True
    return body[before - 1] in " \t(" and end < len(body) and body[end].isalnum()


def _emit(
    found: list[Quoted],
    body: str,
    opener: int,
    after_mark: int,
    close_start: int,
    close_end: int,
    closed: bool,
    continues: bool,
    single: bool,
) -> None:
    """Add the quote opened at ``opener`` (its mark ends at ``after_mark``) and closed at
    ``close_start:close_end`` to ``found``, unless it holds only white space. A function of
    its own, not a closure: compiled, a closure's variables live in an object."""
    start, end = _trimmed(body, after_mark, close_start)
    if end > start:
        found.append(Quoted(opener, start, end, close_end, closed, continues, single))


def _opens_here(body: str, pos: int, end: int) -> bool:
    """Is the straight mark at ``pos:end`` placed as an opening one (a blank before it, a
    letter or digit after it)? Inside an open straight quote it opens a nested quote."""
    return pos > 0 and body[pos - 1] in " \t\u00a0" and end < len(body) and body[end].isalnum()


# a markup tag left in the text (<tweet id="..." datetime="...">), attribute values and all
_MARKUP = re.compile(r"<[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


def _markup_spans(body: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MARKUP.finditer(body)]


def scan_quotes(body: str) -> list[Quoted]:
    """Every quoted stretch of ``body`` in text order."""
    found: list[Quoted] = []
    open_at = -1  # position of the open double mark, -1 when none is open
    open_len = 0
    open_mark = ""
    nested = False  # a straight quote opened inside an open straight quote
    single_at = -1
    pending_continue = False  # the previous paragraph ended inside a quote
    carry = False  # the quote now open continues one from the previous paragraph

    n = len(body)
    skip_to = -1
    markup = _markup_spans(body) if "<" in body else []
    next_tag = 0
    for match in _MARKS.finditer(body):
        pos = match.start()
        if pos < skip_to:
            continue
        while next_tag < len(markup) and markup[next_tag][1] <= pos:
            next_tag += 1
        if next_tag < len(markup) and markup[next_tag][0] < pos:
            continue  # an attribute value in markup (<tweet author="...">): no quote
        mark = body[pos]  # every match is one character: no group string to build
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
                _emit(found, body, open_at, open_at + open_len, pos, pos, False, carry, False)
                pending_continue = True
            else:
                pending_continue = (
                    pending_continue and not body[body.rfind("\n", 0, pos) + 1 : pos].strip()
                )
            open_at = single_at = -1
            carry = False
            continue
        if open_at >= 0:
            if mark in _STRAIGHT and open_mark in _STRAIGHT:
                if nested:
                    nested = False  # closes the quote inside the quote
                    continue
                if _opens_here(body, pos, end):
                    nested = True  # 'says, "I'd like ...," you know': a quote inside
                    continue
            if mark in _DOUBLE_CLOSE or mark in _STRAIGHT:
                _emit(found, body, open_at, open_at + open_len, pos, end, True, carry, False)
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
            open_at, open_len, open_mark, nested = pos, len(mark), mark, False
            single_at = -1
        elif mark in _DOUBLE_CLOSE:
            if not _closer_opens(body, pos, end):
                continue  # stray closing mark
            carry = pending_continue and _paragraph_start(body, pos)
            pending_continue = False
            open_at, open_len, open_mark, nested = pos, 1, mark, False
            single_at = -1
        elif mark == "‘" and single_at < 0:
            single_at = pos
            pending_continue = False
        elif mark == "’" and single_at >= 0:
            _emit(found, body, single_at, single_at + 1, pos, end, True, False, True)
            single_at = -1
    if open_at >= 0:
        _emit(found, body, open_at, open_at + open_len, n, n, False, carry, False)
    return found

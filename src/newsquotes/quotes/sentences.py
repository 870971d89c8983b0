"""Sentence and paragraph boundaries of a body, found with one regex pass."""

from __future__ import annotations

import re
from bisect import bisect_right

# starts with one character class so the regex engine skips plain text quickly
_END = re.compile(
    r"[.!?…\n](?:(?<=\n)\n*|[.!?…\"”’')\]]*(?=[ \t\u00a0]+(?:''|[\"“‘'(\[])?[A-Z0-9]))"
)
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "reps",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "u.s",
        "u.n",
        "u.k",
        "d.c",
        "ft",
        "mt",
        "rev",
        "prof",
        "atty",
        "dept",
        "univ",
        "gens",
        "sens",
        "messrs",
        "adm",
        "maj",
        "cmdr",
        "pres",
        "p.m",
        "a.m",
        "e.g",
        "i.e",
    ]
)


# abbreviations that may end a sentence (not titles such as "Sen.", which precede a name)
_FINAL_ABBREVIATIONS = frozenset(
    ["jr", "sr", "inc", "corp", "co", "ltd", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m", "st"]
)


def _ends_here(body: str, word: str, pos: int) -> bool:
    """Does the abbreviation ``word``, whose full stop ends at ``pos``, end its sentence too?
    ``no`` abbreviates only before a number (``No. 2``; ``shook his head no.`` ends); one that
    may close a sentence does before an opening quote mark (``flew to the U.S. "We ..."``)."""
    while pos < len(body) and body[pos] in " \t\u00a0":
        pos += 1
    if pos >= len(body):
        return True
    if word == "no":
        return not body[pos].isdigit()
    return word in _FINAL_ABBREVIATIONS and body[pos] in "\"“'‘`"


class Sentences:
    """Sorted sentence spans; ``at(pos)`` finds the sentence holding a position."""

    def __init__(self, body: str, protected: list[tuple[int, int]]) -> None:
        """``protected`` spans (quotes) are never cut: a quoted sentence ends no sentence."""
        starts = [0]
        ends = []
        spans = iter(protected)
        current = next(spans, None)
        for match in _END.finditer(body):
            at, cut = match.span()
            mark = body[at]  # one character read, not a group string built and indexed
            if mark == ".":
                word_start = body.rfind(" ", max(0, at - 12), at) + 1
                word = body[word_start:at].lower().lstrip('("“')
                if (word in _ABBREVIATIONS and not _ends_here(body, word, cut)) or (
                    len(word) == 1 and word.isalpha()
                ):
                    continue
            if mark == "\n":
                ends.append(at)  # a paragraph break ends every sentence, quoted or not
                starts.append(cut)
                continue
            while current is not None and current[1] <= at:
                current = next(spans, None)
            if current is not None and current[0] < at and cut < current[1]:
                continue
            ends.append(cut)
            starts.append(cut)
        ends.append(len(body))
        self.starts = starts
        self.ends = ends

    def at(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.starts, pos) - 1)
        return self.starts[i], self.ends[i]

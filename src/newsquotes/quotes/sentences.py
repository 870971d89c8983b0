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
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
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

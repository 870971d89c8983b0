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
            cut = match.end()
            if match.group()[0] == ".":
                word_start = body.rfind(" ", max(0, match.start() - 12), match.start()) + 1
                word = body[word_start : match.start()].lower().lstrip('("“')
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            while current is not None and current[1] <= match.start():
                current = next(spans, None)
            if (
                match.group()[0] != "\n"
                and current is not None
                and current[0] < match.start()
                and match.end() < current[1]
            ):
                continue
            ends.append(match.start() if match.group()[0] == "\n" else cut)
            starts.append(cut)
        ends.append(len(body))
        self.starts = starts
        self.ends = ends

    def at(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.starts, pos) - 1)
        return self.starts[i], self.ends[i]

"""The working record of one attribution while it is being found, before speaker resolution."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from newsquotes.quotes.cues import cue_spans
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.marks import Quoted, scan_quotes
from newsquotes.quotes.mentions import Mention
from newsquotes.quotes.sentences import Sentences

_NOUN_MARKERS = load_word_list("determiners.txt") | {"of"}


def _noun_use(body: str, pos: int) -> bool:
    """Is the word before ``pos`` a determiner or ``of`` (the cue word is then a noun)?"""
    end = pos
    while end > 0 and body[end - 1] in " \t\u00a0":
        end -= 1
    start = end
    while start > 0 and body[start - 1].isalpha():
        start -= 1
    return end - start <= 5 and body[start:end].lower() in _NOUN_MARKERS


@dataclass(slots=True)
class Found:
    type: str  # direct / mixed / indirect
    pieces: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    mention: Mention | None = None
    inherit: bool = False  # no mention of its own: the speaker of the attribution before it
    inherit_from: int | None = None  # position of the cue whose speaker it shares
    weak: bool = False  # the mention is only a sentence subject: fall back to the last person
    # the clause subject a pronoun mention stands for ("Ms. Vega ..., but she said"): resolves it
    subject: Mention | None = None

    def credit_to(self, mention: Mention | None) -> None:
        """Credit the words to ``mention`` as written: no clause subject or weak-subject
        fallback of the earlier mention applies to it."""
        self.mention = mention
        self.subject = None
        self.weak = False


@dataclass(slots=True)
class Document:
    """A body with its quote marks, sentences and cues found once, shared by every stage."""

    body: str
    quotes: list[Quoted]
    sentences: Sentences
    cues: list[tuple[int, int]]  # speech cues outside quote marks
    cue_at: dict[int, int]  # cue start -> cue end
    quote_starts: list[int] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    used_quotes: set[int] = field(default_factory=set)
    found: list[Found] = field(default_factory=list)

    @classmethod
    def read(cls, body: str) -> Document:
        quotes = scan_quotes(body)
        spans = [(q.open_start, q.close_end) for q in quotes]
        sentences = Sentences(body, spans)
        starts = [s for s, _ in spans]
        cues = []
        for cue in cue_spans(body):
            i = bisect_left(starts, cue[0]) - 1
            if i >= 0 and spans[i][0] < cue[0] < spans[i][1]:
                continue  # inside a quote: the quoted person's words, not a report
            if _noun_use(body, cue[0]):
                continue  # "a state of emergency", "head of state": a noun, not a cue
            cues.append(cue)
        return cls(body, quotes, sentences, cues, dict(cues), starts)

    def quotes_in(self, start: int, end: int) -> list[int]:
        """Indices of the quotes lying within ``[start, end]`` (give or take their marks)."""
        i = bisect_left(self.quote_starts, start - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].open_start < end:
            if self.quotes[i].start >= start - 1 and self.quotes[i].end <= end + 1:
                out.append(i)
            i += 1
        return out

    def paragraph_end(self, pos: int) -> int:
        end = self.body.find("\n", pos)
        return len(self.body) if end < 0 else end

    def cue_after(self, pos: int, limit: int) -> tuple[int, int] | None:
        """The first cue starting in ``[pos, limit)``."""
        i = bisect_left(self.cues, (pos, 0))
        if i < len(self.cues) and self.cues[i][0] < limit:
            return self.cues[i]
        return None

    def tag_ending_at(self, pos: int) -> Found | None:
        """The attribution whose tag (``he said``, ``said Lavrov``) ends right before ``pos``,
        only blanks and a comma between: ``"A," she said, adding ...`` goes on with her."""
        end = pos
        while end > 0 and self.body[end - 1] in " \t\u00a0,":
            end -= 1
        for f in reversed(self.found[-4:]):
            if f.mention is not None and f.cue is not None and end in (f.cue[1], f.mention.end):
                return f
        return None

    def cue_before(self, pos: int, floor: int) -> tuple[int, int] | None:
        """The last cue starting in ``[floor, pos)``."""
        i = bisect_left(self.cues, (pos, 0)) - 1
        if i >= 0 and self.cues[i][0] >= floor:
            return self.cues[i]
        return None

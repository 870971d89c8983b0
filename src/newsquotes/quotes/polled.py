"""Quotes of a poll's findings: ``In a CNN/ORC poll released Monday, 31% of voters said ...``
and ``The Q poll also finds that 37 percent say ...``. PolNeAR's annotators credit the poll,
not the respondents: the poll is the source that reports what they said."""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.mentions import any_mention

_POLLS = load_word_list("poll_nouns.txt")
_FINDS = load_word_list("finding_verbs.txt")
_HEADS = "|".join(sorted(_POLLS))
_VERBS = "|".join(sorted(_FINDS))

# up to six words before the poll noun, none a conjunction ("a memo released as polls closed"
# is a memo)
_MODIFIERS = r"(?:(?!(?:as|when|after|before|while|since|and|or)\s)[^\s,.;:\"“”]+\s+){0,6}?"
# "In a national CNN/ORC poll released Monday, " opening the quote's sentence: the phrase
# after In (or According to) up to the comma, its head a poll noun
_IN_POLL = re.compile(
    r"^\s*(?:(?:But|And|Yet|So)\s+)?(?:In|According to)\s+"
    rf"(?P<poll>(?:an?|the|this|that|its|their)\s+{_MODIFIERS}(?:{_HEADS})\b"
    r"[^,.;:\"“”]{0,40}),\s"
)
# "a fresh CNN-ORC poll shows " / "The Q poll also finds that": the poll is the subject
_POLL_FINDS = re.compile(
    rf"(?P<poll>\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+{_MODIFIERS}(?:{_HEADS}))"
    rf"\s+(?:also\s+)?(?:{_VERBS})\s"
)


def credit_polls(doc: Document) -> None:
    """Give a direct or mixed quote that a poll's lead opens (in its sentence, before the
    quoted words) the poll as its mention."""
    body = doc.body
    if "poll" not in body and "survey" not in body:
        return  # most articles: one scan spares the sentence searches
    for f in doc.found:
        if f.type == "indirect":
            continue  # reported answers without quote marks: the annotators credit either
        start = f.pieces[0][0]
        s, _ = doc.sentences.at(start)
        lead = body[s:start]
        m = _IN_POLL.match(lead) or _POLL_FINDS.search(lead)
        if m is None:
            continue
        f.credit_to(any_mention(body, s + m.start("poll"), s + m.end("poll")))
        f.inherit = False
        f.inherit_from = None

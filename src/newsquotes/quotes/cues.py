"""Reporting cues (``said``, ``told``, ``summed up``, ``according to``) found in one regex pass."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsquotes.quotes.lexicon import lexicon

ACCORDING_TO = "according to"


def _trie_regex(words: list[str]) -> str:
    """One regex alternation factored by common prefixes: the regex engine then tests each
    position against a few first letters instead of hundreds of alternatives."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + walk(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return walk(trie)


@cache
def _forms() -> list[str]:
    """Every form the cue regex matches: the speech verbs' inflections, ``according to``, and
    the capitalized headline forms (``Trump Says He Will Win``)."""
    lex = lexicon()
    return [
        *lex.lemma_of,
        *(f.capitalize() for f in lex.headline_forms),
        ACCORDING_TO,
        "According to",
    ]


@cache
def cue_pattern() -> re.Pattern[str]:
    """Every inflected form of every speech verb, plus ``according to``, as one regex."""
    forms = _forms()
    # longest match wins at a position: "summed up" over "sum", "told" is whole-word only
    return re.compile(r"\b" + _trie_regex(forms) + r"\b")


@cache
def _cue_after_separator() -> re.Pattern[str]:
    """The same cues led by the non-word character before them. A pattern that opens with a
    character class lets the regex engine skip ahead to candidates in C, where ``\\b`` makes
    it try every position: about a third faster over a whole body."""
    forms = _forms()
    # ``\W`` is tested as a Unicode category at every candidate; an ASCII class (a bitmap)
    # plus a look at the next letter rejects most separators first, and ``(?<=\W)`` then
    # confirms the separator as before: the same matches, in half the time.
    firsts = "".join(sorted({form[0] for form in forms}))
    return re.compile(
        r"[^0-9A-Za-z_](?=[" + re.escape(firsts) + r"])(?<=\W)(" + _trie_regex(forms) + r")\b"
    )


def cue_spans(body: str) -> list[tuple[int, int]]:
    """The spans of every match of :func:`cue_pattern` in ``body``, in text order."""
    spans = []
    pos = 0
    first = cue_pattern().match(body)
    if first is not None:  # a cue opening the text has no separator before it
        spans.append(first.span())
        pos = first.end()
    spans += [m.span(1) for m in _cue_after_separator().finditer(body, pos)]
    return spans


@lru_cache(maxsize=4096)  # a few hundred forms as written: each is looked up once
def lemma(cue_text: str) -> str:
    """The lemma of a cue as written (``summed up`` -> ``sum up``)."""
    key = " ".join(cue_text.lower().split())
    if key == ACCORDING_TO:
        return ACCORDING_TO
    return lexicon().lemma_of.get(key, key)

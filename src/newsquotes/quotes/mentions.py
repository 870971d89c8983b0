"""Speaker mentions next to a cue: ``he``, ``Lavrov``, ``Foreign Minister Sergey Lavrov``,
``the senior diplomat``, ``a source``, ``the Russian Foreign Ministry``.

A mention is read token by token outwards from the cue (backwards for ``X said``, forwards for
``said X``), which keeps the work proportional to the few words around each cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from itertools import islice
from typing import Final

from newsquotes.models import SpeakerKind
from newsquotes.quotes.lexicon import lexicon, load_word_list

_TOKEN = re.compile(r"\w[\w.'’&-]*\w\.?|\w\.?|[^\w\s]")
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "another",
        "one",
        "two",
        "three",
        "several",
        "some",
        "many",
        "other",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "that",
        "these",
        "those",
        "both",
        "most",
        "few",
        "all",
        "each",
    ]
)
# capitalized words that start sentences or clauses and are never part of a name
_CAP_STOP: frozenset[str] = frozenset(
    [
        "The",
        "A",
        "An",
        "But",
        "And",
        "Or",
        "So",
        "Yet",
        "In",
        "On",
        "At",
        "For",
        "From",
        "By",
        "With",
        "As",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Then",
        "Now",
        "Still",
        "Also",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Your",
        "There",
        "Here",
        "What",
        "Who",
        "Why",
        "How",
        "Where",
        "Which",
        "Asked",
        "Meanwhile",
        "However",
        "Instead",
        "Last",
        "Earlier",
        "Later",
        "Today",
        "Yesterday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Mr",
        "Mrs",
        "Ms",
        "Not",
        "No",
        "Yes",
        "Speaking",
        "Writing",
        "Despite",
        "Although",
        "Though",
        "Because",
        "Even",
        "Only",
        "Just",
        "According",
        "Like",
        "Unlike",
        "Under",
        "Over",
        "About",
        "Of",
        "To",
        "Both",
        "Neither",
        "Either",
        "Such",
        "Many",
        "Most",
        "Some",
        "Several",
        "Other",
        "Another",
        "Each",
        "Every",
        "All",
        "One",
        "Two",
        "Three",
    ]
)
_CAP_STOP |= frozenset(
    [
        "During",
        "Amid",
        "Following",
        "Given",
        "Upon",
        "Within",
        "Without",
        "Through",
        "Throughout",
        "Among",
        "Between",
        "Against",
        "Toward",
        "Towards",
        "Regarding",
        "Including",
        "Beyond",
        "Behind",
        "Below",
        "Above",
        "Across",
        "Along",
        "Around",
        "Inside",
        "Outside",
        "Until",
        "Unless",
        "Whether",
        "Whereas",
        "Once",
        "Please",
        "Thanks",
        "Back",
        "Moreover",
        "Furthermore",
        "Indeed",
        "Perhaps",
        "Maybe",
        "Hence",
        "Thus",
        "Otherwise",
        "Overall",
        "Finally",
        "First",
        "Second",
        "Third",
        "Next",
        "Again",
        "Ever",
        "Concerning",
        "Here",
        "There",
        "Where",
        "Whatever",
        "Whoever",
        "Sometimes",
        "Often",
        "Everyone",
        "Nobody",
        "Somebody",
    ]
)
# sentence adverbs, time words and the like (rules/not_name_words.txt, day_words.txt): a
# capitalized "Similarly", "Friday" or "Rather" opens a sentence, it never names anyone
_NOT_NAMES = frozenset(
    w.capitalize()
    for w in load_word_list("not_name_words.txt") | load_word_list("day_words.txt")
    if " " not in w
)
_CAP_STOP |= _NOT_NAMES
# an opening phrase of time or sequence ("Earlier this week", "on Tuesday", "Moreover"): no speaker
_OPENING_WORDS = (
    load_word_list("opening_words.txt")
    | load_word_list("day_words.txt")
    | load_word_list("not_name_words.txt")
)
_OPENING = re.compile(r"[\w.'’ ]{1,40}?,\s+")
_FIRST_WORD = re.compile(r"[.'’ ]*(\w+)")


def opening_phrase(text: str) -> bool:
    """Is ``text`` only words of time or sequence and numbers (``Late last month``)?"""
    return opening_words(text.lower().replace(",", " ").split())


_NUMBER_WORDS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty"]
)


def opening_words(words: list[str]) -> bool:
    """:func:`opening_phrase` on lower-case words; most phrases fail on their first word.
    A number word counts in a phrase that ends with ``ago`` (``Eight years ago``)."""
    if not words:
        return False
    last = words[-1]
    if last not in _OPENING_WORDS and not last.isdigit():
        return False  # "the senator": the head word decides first
    numbers = _NUMBER_WORDS if last == "ago" else frozenset()
    return all(w in _OPENING_WORDS or w in numbers or w.isdigit() for w in words)


def past_openings(body: str, start: int, limit: int) -> int:
    """Past the opening phrases of time or sequence that open a sentence at ``start``, each
    ending with a comma (``And on Tuesday, Late last month,``)."""
    while True:
        first = _FIRST_WORD.match(body, start, limit)
        word = first.group(1).lower() if first is not None else ""
        if word not in _OPENING_WORDS and word not in _NUMBER_WORDS and not word.isdigit():
            return start  # most sentences open with their subject: no phrase to read
        m = _OPENING.match(body, start, limit)
        if m is None or not opening_phrase(body[start : m.end()]):
            return start
        start = m.end()


# titles that stay part of a person's name mention but are dropped from the resolved name
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."})
RELATIVES = frozenset({"who", "which"})  # "..., Mr. Sanders, who said": the one just named
# words between a mention and its cue that do not break the link: "he also said", "has said"
ADVERBS = frozenset(
    [
        "also",
        "later",
        "previously",
        "repeatedly",
        "has",
        "have",
        "had",
        "once",
        "then",
        "again",
        "recently",
        "now",
        "further",
        "simply",
        "just",
        "earlier",
        "since",
        "never",
        "quickly",
        "flatly",
        "publicly",
        "privately",
        "openly",
        "specifically",
        "explicitly",
        "already",
        "first",
        "often",
        "frequently",
        "then",
        "would",
        "will",
        "could",
        "may",
        "might",
        "reportedly",
        "subsequently",
        "initially",
        "finally",
        "separately",
        "additionally",
        "however",
        "still",
        "even",
        "did",
        "does",
        "do",
        "famously",
        "angrily",
        "bluntly",
        "calmly",
        "curtly",
        "firmly",
        "proudly",
        "sharply",
        "softly",
        "tersely",
    ]
)
# negated auxiliaries ("X wouldn't say", "X didn't tell"), with either apostrophe
ADVERBS |= frozenset(
    f"{verb}n{mark}t"
    for verb in ("did", "does", "do", "would", "could", "has", "have", "had", "is", "was", "should")
    for mark in "'’"
) | frozenset({"won't", "won’t", "can't", "can’t"})
_CONNECTORS = frozenset({"of", "to", "for", "de", "la", "van", "von", "bin", "al", "del", "da"})


class Mention:
    """A speaker as written; ``name``/``title`` are split off when the mention carries them.

    A plain slotted class with ``Final`` fields (read-only for mypy), not a frozen dataclass:
    compiled (mypyc), a class with ``__init__`` written out is a native class whose instances
    are built and read in C, where a dataclass's generated ``__init__`` stays interpreted
    (docs/PERFORMANCE.md, round 6a). Equality and hashing by value, as before."""

    __slots__ = ("end", "form", "gender", "kind", "name", "start", "text", "title")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        kind: SpeakerKind,  # person / organization / anonymous / unknown
        form: str,  # 'name', 'pronoun', 'nominal', 'anonymous', 'organization'
        name: str | None = None,
        title: str | None = None,
        gender: str | None = None,
    ) -> None:
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.kind: Final = kind
        self.form: Final = form
        self.name: Final = name
        self.title: Final = title
        self.gender: Final = gender

    def _fields(self) -> tuple[int, int, str, str, str, str | None, str | None, str | None]:
        return (
            self.start,
            self.end,
            self.text,
            self.kind,
            self.form,
            self.name,
            self.title,
            self.gender,
        )

    def __eq__(self, other: object) -> bool:  # by value, as the dataclass it was
        if not isinstance(other, Mention):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Mention(start={self.start!r}, end={self.end!r}, text={self.text!r}, "
            f"kind={self.kind!r}, form={self.form!r}, name={self.name!r}, "
            f"title={self.title!r}, gender={self.gender!r})"
        )


def _scan(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Tokens of ``text[start:end]`` with offsets into ``text``. Matched in place: on the
    Python this runs on, ``findall`` beats ``split`` on a slice plus running sums of lengths.
    Each token is found again with ``find`` from the end of the one before: only blanks lie
    between tokens and none opens with one, so that is where it was matched. As fast as a
    comprehension over ``finditer`` (three method calls per match) pure, ~10 % faster compiled."""
    out: list[tuple[int, int, str]] = []
    pos = start
    for tok in _TOKEN.findall(text, start, end):
        at = text.find(tok, pos)
        pos = at + len(tok)
        out.append((at, pos, tok))
    return out


# the last window tokenized: (text, start, end, tokens). The stages look at the words before
# one cue several times over growing windows (64, 90, 160 characters): the shared tail is
# tokenized once. Read and replaced as one tuple, so threads can only miss, never mix.
_last_window: tuple[str, int, int, list[tuple[int, int, str]]] = ("", 0, 0, [])


def _resync(text: str, toks: list[tuple[int, int, str]], i: int) -> int:
    """The first token from ``i`` on that follows a blank: tokenizing from any earlier point
    reaches the same token there (no token spans a blank), so the tail can be reused."""
    while i < len(toks) and not text[toks[i][0] - 1].isspace():
        i += 1
    return i


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The tokens of ``text[start:end]`` (a token cut by either edge is cut there too)."""
    global _last_window
    cached_text, cached_start, cached_end, cached = _last_window
    if cached_text is text and cached_end == end:
        if start >= cached_start:
            i = bisect_left(cached, (start,))
            if i == 0 or cached[i - 1][1] <= start:
                return cached[i:]  # no token crosses ``start``: the same tokens from there
            k = _resync(text, cached, i)
            if k < len(cached):
                return _scan(text, start, cached[k][0]) + cached[k:]
        else:
            k = _resync(text, cached, 0)
            if k < len(cached):
                toks = _scan(text, start, cached[k][0]) + cached[k:]
                _last_window = (text, start, end, toks)
                return toks
    toks = _scan(text, start, end)
    _last_window = (text, start, end, toks)
    return toks


_BLANK = re.compile(r"\s")
_TAIL = 40  # characters before a cue read first: most mentions are settled by them


def _tail_tokens(text: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], bool]:
    """The last tokens of ``text[start:end]``: those after a blank about ``_TAIL`` characters
    before ``end`` (no token spans a blank, so they are the window's own last tokens), and
    whether they are all of the window's tokens."""
    global _last_window
    cut = end - _TAIL
    if cut > start:
        blank = _BLANK.search(text, cut, end)
        if blank is not None:
            toks = _scan(text, blank.end(), end)
            _last_window = (text, blank.end(), end, toks)
            return toks, text[start : blank.end()].isspace()
    return tokens(text, start, end), True


def _head_tokens(text: str, start: int, end: int, count: int) -> list[tuple[int, int, str]]:
    """The first ``count`` tokens of ``text[start:end]`` (all of them if fewer), matched in
    place: a reader that needs only the first words does not tokenize the whole window."""
    return [
        (m.start(), m.end(), m.group()) for m in islice(_TOKEN.finditer(text, start, end), count)
    ]


def _is_cap(word: str) -> bool:
    return word[0].isupper() and word not in _CAP_STOP


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def classify(body: str, toks: list[tuple[int, int, str]]) -> Mention | None:
    """Turn the tokens of a noun phrase into a mention, or None if it cannot be a speaker."""
    if not toks:
        return None
    found = _classify_words(tuple([t[2] for t in toks]))
    if found is None:
        return None
    start, end = toks[0][0], toks[-1][1]
    kind, form, name, title, gender = found
    return Mention(start, end, body[start:end], kind, form, name, title, gender)


# what a mention is depends on its words alone, and the same few (``he``, ``Trump``, ``the
# spokesman``) come back in every article: remembered across articles, bounded
@lru_cache(maxsize=16384)
def _classify_words(
    words: tuple[str, ...],
) -> tuple[SpeakerKind, str, str | None, str | None, str | None] | None:
    """(kind, form, name, title, gender) of a mention made of ``words``, or None."""
    lex = lexicon()
    head = words[-1]
    low = head.lower()
    if len(words) == 1 and low in lex.pronouns and low != "we":
        return "unknown", "pronoun", None, None, lex.pronouns[low]
    head_cap = head[0].isupper()
    if not head_cap:
        if low.endswith(("'s", "’s")):
            return None
        if low in lex.anonymous_nouns and not any(
            w[0].isupper() and w.lower() not in lex.titles for w in words
        ):
            plural = low.endswith("s") and low not in ("press",)
            return "anonymous", "anonymous", None, None, "p" if plural else lex.titles.get(low)
        if low in lex.organization_nouns:
            return "organization", "organization", _org_name(list(words)), None, None
        if low in lex.titles:
            return "person", "nominal", None, " ".join(words), lex.titles.get(low)
        return None
    # capitalized head: a name, possibly after a title ("Foreign Minister Sergey Lavrov")
    if low in lex.organization_nouns or (
        words[0].lower() == "the" and head_cap and low not in lex.titles
    ):
        return "organization", "organization", _org_name(list(words)), None, None
    split = _split_title(list(words))
    if split is None:
        return None
    title_words, name_words = split
    if not name_words:
        return "person", "nominal", None, " ".join(title_words), _title_gender(title_words)
    title = " ".join(title_words) or None
    if (
        len(name_words) == 1
        and not title_words
        and (name_words[0].endswith("ing") or name_words[0] in _NOT_NAMES)
    ):
        return None  # "Concerning", "Holding", "Similarly": a sentence opener, not a name
    name = " ".join(w for w in name_words if w.lower() not in _HONORIFICS)
    if not name:
        return None
    return "person", "name", name, title, _title_gender(title_words)


def _title_gender(words: list[str]) -> str | None:
    titles = lexicon().titles
    for w in reversed(words):
        g = titles.get(w.lower())
        if g:
            return g
    return None


def _org_name(words: list[str]) -> str:
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _split_title(words: list[str]) -> tuple[list[str], list[str]] | None:
    """Split ``Russian Ambassador to Havana Viktor Koronelli`` into title and name words."""
    titles = lexicon().titles
    words = [w for w in words if w.lower() not in DETERMINERS]
    last_title = -1
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in titles and lw not in _HONORIFICS:
            last_title = i
        elif _possessive(w) and i + 1 < len(words):
            last_title = max(last_title, i)
    name_from = last_title + 1
    # "Ambassador to Havana Viktor Koronelli": the complement of the title is part of it
    if (
        0 <= last_title < len(words) - 3
        and words[last_title + 1] in ("to", "of", "for")
        and words[last_title + 2][0].isupper()
    ):
        name_from = last_title + 3
    name = words[name_from:]
    if any(not (w[0].isupper() or w.lower() in _CONNECTORS) for w in name):
        return None
    return words[:name_from], name


# a word as _may_end_mention reads it: letters and digits (``[^\W_]`` is ``str.isalnum``)
# with the dots, apostrophes, hyphens and ampersands of ``U.S.``, ``O'Brien``, ``AT&T``
_WORD_RUN = re.compile(r"(?:[^\W_]|[.'’&-])+")


def _word_start(body: str, stop: int, floor: int) -> int:
    """Where the run of word characters ending at ``stop`` begins (not before ``floor``).
    Usually the blank before it is found with ``rfind`` and the run checked with one match,
    both in C; a run led by anything else (a parenthesis, a line break) is walked back."""
    blank = body.rfind(" ", floor, stop)
    start = blank + 1 if blank >= 0 else floor
    if start == stop or _WORD_RUN.fullmatch(body, start, stop):
        return start
    pos = stop
    while pos > floor and (body[pos - 1].isalnum() or body[pos - 1] in ".'’-&"):
        pos -= 1
    return pos


def _may_end_mention(body: str, end: int, floor: int) -> bool:
    """Cheap test before tokenizing: can the word before ``end`` (adverbs skipped) end a
    mention? Most cue candidates are rejected here without building tokens."""
    lex = lexicon()
    pos = end
    for _ in range(4):
        while pos > floor and body[pos - 1] in " \t\u00a0":
            pos -= 1
        if pos <= floor:
            return False
        if not body[pos - 1].isalnum():
            return body[pos - 1] in ",)"
        stop = pos
        pos = _word_start(body, stop, floor)
        word = body[pos:stop]
        low = word.lower()
        if low in ADVERBS:
            continue
        return word[0].isupper() or low in lex.pronouns or low in lex.head_nouns or low in RELATIVES
    return False


@cache
def _reach_words() -> frozenset[str]:
    """Lower-case words a long name or title may hold before its last words."""
    return _CONNECTORS | lexicon().head_nouns | ADVERBS


def _may_extend(word: str, reach: frozenset[str]) -> bool:
    return word[0].isupper() or word in ",()" or word.lower() in reach


def _reaches_start(toks: list[tuple[int, int, str]]) -> bool:
    """Could a mention ending at the window's end extend past its first token?"""
    reach = _reach_words()
    return all(_may_extend(t[2], reach) for t in toks[1:])


class _NeedAll:
    """Returned by a reading of a window's last tokens when its answer needs earlier tokens."""


_NEED_ALL = _NeedAll()


def mention_before(body: str, end: int, floor: int, appositive: bool = True) -> Mention | None:
    """The mention ending just before ``end`` (a cue), skipping adverbs like ``also`` and an
    appositive (``Alan Garten, Trump's attorney, said``)."""
    if not _may_end_mention(body, end, floor):
        return None
    lo = max(floor, end - 64)
    toks, complete = _tail_tokens(body, lo, end)
    if not complete:
        # only the window's last tokens are read: all but its first, so the reach test can
        # fail on any of them; when it cannot, or the reading needs more, read the window
        reach = _reach_words()
        if lo == floor or not all(_may_extend(t[2], reach) for t in toks):
            found = _mention_ending(body, end, floor, appositive, toks, partial=True)
            if found is not _NEED_ALL:
                return found  # type: ignore[return-value]
        toks = tokens(body, lo, end)
    if lo > floor and len(toks) > 1 and _reaches_start(toks):
        lo = max(floor, end - 160)  # a long name or title: look further back
        toks = tokens(body, lo, end)
    return _mention_ending(body, end, floor, appositive, toks, partial=False)  # type: ignore[return-value]


def _mention_ending(
    body: str,
    end: int,
    floor: int,
    appositive: bool,
    toks: list[tuple[int, int, str]],
    partial: bool,
) -> Mention | _NeedAll | None:
    """:func:`mention_before` on the tokens of its window. ``partial``: ``toks`` are only the
    window's last tokens, and the reading gives up (``_NEED_ALL``) before it would look at the
    first two of them, where the window's start could make a difference."""
    i = len(toks)
    while i > 0 and toks[i - 1][2].lower() in ADVERBS:
        i -= 1
    if partial and i < 2:
        return _NEED_ALL
    if i == 0:
        return None
    if toks[i - 1][2] == ")":  # "Rep. Paul Ryan (R-WI) said"
        if partial:
            return _NEED_ALL
        k = i - 2
        while k >= 0 and i - k < 10 and toks[k][2] != "(":
            k -= 1
        if k < 1 or toks[k][2] != "(":
            return None
        i = k
    if toks[i - 1][2] == ",":
        if not appositive:
            return None
        # "Lance Beebe, 49, a Navy veteran who ..., said": the name opens the sentence
        if end - floor > 300:
            return None
        first_comma = body.find(",", floor, toks[i - 1][0])
        if first_comma < 0 or first_comma == toks[i - 1][0]:
            return None
        head = mention_before(body, first_comma, floor, appositive=False)
        if head is None:
            # "Several candidates, including Trump, said": a short phrase opening the sentence
            words = body[floor:first_comma].split()
            if (
                1 <= len(words) <= 5
                and (words[0][0].isupper() or words[0] in DETERMINERS)
                and words[0].lower() not in _INTRO_PREPOSITIONS
            ):
                start = floor
                while body[start] in " \t\n\u00a0":
                    start += 1
                head = any_mention(body, start, first_comma)
        if head is None or head.form == "pronoun":
            return None
        before = body[floor : head.start].strip(" \t\n\u00a0\"“”'’").split()
        if any(w.lower() not in _LEADING for w in before):
            return None  # "In December, ..., calling": an opening phrase, not an appositive
        return head
    last = toks[i - 1][2]
    low = last.lower()
    lex = lexicon()
    if low in lex.pronouns:
        if i >= 2 and toks[i - 2][2].lower() in ("that", "if", "whether", "what"):
            return None
        return classify(body, [toks[i - 1]])
    if (
        low in RELATIVES
        and i >= 2
        and (toks[i - 2][2] == "," or (low == "who" and toks[i - 2][2].isalpha()))
    ):
        # "..., Mr. Sanders, who said ...": the person just named; "voters who said ...":
        # the people the sentence names
        s, e = toks[i - 1][0], toks[i - 1][1]
        return Mention(s, e, body[s:e], "unknown", "pronoun")
    j = i - 1
    if last[0].isupper():
        titles = lex.titles
        if last in _CAP_STOP and low not in titles:
            return None
        # extend left over a capitalized phrase with title words, connectors and possessives
        while j > 0:
            if partial and j < 2:
                return _NEED_ALL
            w = toks[j - 1][2]
            lw = w.lower()
            if w.endswith(".") and len(w) > 2 and lw not in titles and "." not in w[:-1]:
                break  # "Europe." ends the sentence before the name
            if (
                (w[0].isupper() and w not in _CAP_STOP)
                or lw in titles
                or (lw in _CONNECTORS and j >= 2 and toks[j - 2][2][0].isupper())
            ):
                j -= 1
            elif lw in DETERMINERS:
                j -= 1  # "the Kremlin", "Some Democrats"
                break
            else:
                break
        return classify(body, toks[j:i])
    if not last[0].isalpha():
        return None
    if low in lex.anonymous_nouns or low in lex.titles or low in lex.organization_nouns:
        # "the senior diplomat", "Stein spokeswoman Melezia", "a source", "Clinton campaign aides"
        n = 0
        while n < 4:
            if j == 0:
                if partial:
                    return _NEED_ALL
                break
            w = toks[j - 1][2]
            lw = w.lower()
            if lw in DETERMINERS:
                j -= 1
                break
            if w[0].isupper() or lw.isalpha() or _possessive(w) or "-" in w:
                if lw in ADVERBS or lw in ("and", "or", "but", "that", "said", "who", "which"):
                    break
                j -= 1
                n += 1
            else:
                break
        return classify(body, toks[j:i])
    return None


def mention_after(body: str, start: int, ceiling: int) -> Mention | None:
    """The mention starting at ``start`` (after a cue: ``said Lavrov``, ``said a source``)."""
    start = _past_age(body, start, ceiling)  # "said 81-year-old Parker Eaton"
    # the reading below looks at ten tokens at most (a determiner, eight words, one more)
    toks = _head_tokens(body, start, min(ceiling, start + 160), 11)
    if not toks:
        return None
    lex = lexicon()
    first = toks[0][2]
    low = first.lower()
    if low in lex.pronouns:
        return classify(body, toks[:1])
    i = 0
    if low in DETERMINERS:
        i = 1
    k = i
    while k < len(toks) and k - i < 8:
        w = toks[k][2]
        lw = w.lower()
        if (
            (w[0].isupper() and w not in _CAP_STOP)
            or lw in lex.titles
            or lw in lex.anonymous_nouns
            or lw in lex.organization_nouns
            or (lw in _CONNECTORS and k + 1 < len(toks) and toks[k + 1][2][0].isupper())
        ):
            k += 1
        elif k > i and i > 0 and w.isalpha() and w.islower() and lw not in ADVERBS and k - i < 3:
            k += 1  # adjectives in "the senior diplomat"
        else:
            break
    while (
        k > i and not toks[k - 1][2][0].isupper() and toks[k - 1][2].lower() not in lex.head_nouns
    ):
        k -= 1
    if k == i:
        return None
    return classify(body, _without_full_stop(toks[:k]))


# abbreviations whose dot belongs to the word even at the end of a sentence
_DOTTED = frozenset({"jr.", "sr.", "inc.", "co.", "corp.", "ltd.", "bros.", "st.", "mt."})


def _without_full_stop(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``said Obama adviser David Axelrod.``: the sentence's full stop is not part of the name
    (an initial like ``F.``, a dotted word like ``U.S.`` or ``Jr.`` keeps its dot)."""
    s, e, w = toks[-1]
    if len(w) > 2 and w.endswith(".") and "." not in w[:-1] and w.lower() not in _DOTTED:
        return [*toks[:-1], (s, e - 1, w[:-1])]
    return toks


_INTRO_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "when",
        "while",
        "since",
        "as",
        "for",
        "with",
        "from",
        "by",
        "under",
        "at",
        "amid",
        "despite",
        "to",
        "asked",
        "speaking",
        "early",
        "earlier",
        "late",
        "later",
    ]
)
_LEADING = frozenset(
    ["but", "and", "so", "yet", "still", "now", "then", "however", "meanwhile", "also", "instead"]
)


def sentence_subject(body: str, start: int, limit: int) -> Mention | None:
    """The speaker who opens a sentence, past a conjunction and a short opening phrase:
    ``Before the convention, Police Chief Calvin Williams lobbied ..., saying``."""
    stop = min(limit, start + 200)
    dateline = _DATELINE.match(body, start, stop)
    if dateline is not None:  # "DECATUR, Ill. — Sen. Ted Cruz weighed in": no speaker
        start = dateline.end()
    start = past_openings(body, start, stop)  # "Earlier Tuesday, X said"
    start = _past_age(body, start, stop)  # "76-year-old Morton Blackwell, founder of ..."
    # most sentences open with the subject: its first word is in the first few tokens
    toks = _head_tokens(body, start, stop, 4)
    i = _past_leading(toks)
    if len(toks) == 4 and (i == 4 or toks[i][2].lower() in _INTRO_PREPOSITIONS):
        toks = _head_tokens(body, start, stop, _SUBJECT_HEAD)
        i = _past_leading(toks)
        if len(toks) == _SUBJECT_HEAD and i + 13 >= _SUBJECT_HEAD:
            toks = tokens(body, start, stop)  # the reading below may go past the first tokens
            i = _past_leading(toks)
    if i < len(toks) and toks[i][2].lower() in _INTRO_PREPOSITIONS:
        j = i
        while j < len(toks) and j - i < 12 and toks[j][2] != ",":
            j += 1
        if j < len(toks) and toks[j][2] == ",":
            i = j + 1
            if i < len(toks):
                found = mention_after(body, toks[i][0], limit)
                # "Speaking in Salem, New Hampshire, Trump went ...": the phrase goes on
                after = _NEXT_CLAUSE.match(body, found.end, limit) if found else None
                if after is not None:
                    # "At a rally in Dover, N.H., on Tuesday, X endorsed": past the time too
                    later = mention_after(body, past_openings(body, after.end(), limit), limit)
                    if later is not None and _FINITE_AFTER.match(body, later.end, limit):
                        return later
                return found
    if i >= len(toks):
        return None
    return mention_after(body, toks[i][0], limit)


# an age before a name ("81-year-old Parker Eaton"): a word no mention reader takes in
_AGE = re.compile(r"\d{1,3}-year-old\s+(?=[A-Z])")


def _past_age(body: str, start: int, stop: int) -> int:
    age = _AGE.match(body, start, stop)
    return age.end() if age is not None else start


# a dateline before the sentence proper: "WASHINGTON —", "DECATUR, Ill. --", "PARIS, May 3
# (Reuters) —", "Boston (AFP) –": all capitals, or any place followed by a wire agency
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,2}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+)?)?"
    r"(?:\s*\([A-Z][\w ]{1,20}\))?|[A-Z][\w.'’]+(?: [A-Z][\w.'’]+){0,2}\s*\([A-Z][\w ]{1,20}\))"
    r"\s*(?:—|–|―|--)\s*"
)
_NEXT_CLAUSE = re.compile(r",\s+(?=[A-Z0-9]|(?:on|in|at|last|this|late|early)\b)")
_FINITE_AFTER = re.compile(
    r"(?:\s+(?:also|[a-z]{3,}ly))?"
    r"\s+(?:[a-z]{2,}(?:ed|s)|was|is|has|had|went|took|made|gave|spoke|wrote|said)\b"
)


_SUBJECT_HEAD = 32  # tokens read first by sentence_subject: leading words and a 12-word phrase


def _past_leading(toks: list[tuple[int, int, str]]) -> int:
    """The index of the first token that is not a leading conjunction (``But``, ``And so``)."""
    i = 0
    while i < len(toks) and toks[i][2].lower() in _LEADING:
        i += 1
    return i


def any_mention(body: str, start: int, end: int) -> Mention:
    """A mention for a phrase known to be a speaker by its position (``"...," the narrator
    says``), even when no word list knows its head."""
    found = classify(body, tokens(body, start, end))
    if found is not None:
        return found
    return Mention(start, end, body[start:end], "unknown", "other")

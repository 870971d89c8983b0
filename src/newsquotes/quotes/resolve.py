"""Who is speaking: resolve each mention to a named person, organization or anonymous source.

Within one article: a surname merges with the fullest name that ends with it (``Lavrov`` ->
``Sergey Lavrov``), a near-identical surname (``Koronolli`` beside ``Koronelli``) merges with the
more frequent spelling, a person's title is the one written next to their name, and pronouns and
nominal mentions (``he``, ``the senior diplomat``, ``the prime minister``) go to the most recent
compatible person speaker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newsquotes.models import Quote, Span
from newsquotes.quotes.cues import lemma
from newsquotes.quotes.found import Found
from newsquotes.quotes.lexicon import lexicon
from newsquotes.quotes.mentions import RELATIVES, Mention, mention_before

_STRICT_ANONYMOUS = frozenset(
    [
        "source",
        "sources",
        "insider",
        "insiders",
        "person",
        "people",
        "officials",
        "aides",
        "witnesses",
        "observers",
    ]
)
_REACH = 20_000  # characters around a person's mentions searched for their full name
_DEFINITE = frozenset({"the", "this", "that"})


@dataclass(slots=True)
class Person:
    name: str  # fullest form seen
    title: str | None = None
    gender: str | None = None
    mentions: int = 0
    aliases: set[str] = field(default_factory=set)
    first: int = 1 << 62  # first and last position of a mention of them
    last: int = 0


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _surname(name: str) -> str:
    return name.split()[-1].rstrip(".,").removesuffix("'s").removesuffix("’s")


def _near(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart (names of five letters or more)."""
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    if len(a) == len(b):
        return a[prefix + 1 :] == b[prefix + 1 :]
    return a[prefix + 1 :] == b[prefix:] if len(a) > len(b) else a[prefix:] == b[prefix + 1 :]


class Registry:
    """The people named in one article, keyed by surname."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.people: dict[str, Person] = {}
        self.canonical: dict[str, str] = {}  # surname as written -> registry key
        self.titles = lexicon().titles

    def learn(self, mention: Mention) -> None:
        if mention.form != "name" or not mention.name:
            return
        key = _surname(mention.name)
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = Person(mention.name)
        person.mentions += 1
        person.aliases.add(mention.name)
        person.first = min(person.first, mention.start)
        person.last = max(person.last, mention.end)
        if len(mention.name.split()) > len(person.name.split()):
            person.name = mention.name
        if mention.title and not person.title:
            person.title = mention.title
        if mention.gender and not person.gender:
            person.gender = mention.gender

    def enrich(self) -> None:
        """Find fuller names and titles for every surname anywhere in the body."""
        for key, person in list(self.people.items()):
            if person.title and len(person.name.split()) > 1:
                continue  # the mention itself said it all: "Foreign Minister Sergey Lavrov"
            # near where the person speaks: keeps a huge body (a whole dump) linear
            lo = max(0, person.first - _REACH)
            hi = min(len(self.body), person.last + _REACH)
            at = self.body.find(key, lo, hi)
            while at >= 0:
                start, end = at, at + len(key)
                at = self.body.find(key, end, hi)
                if end < len(self.body) and self.body[end].isalnum():
                    continue
                # only where a word precedes: "Sergey Lavrov", "Minister Lavrov"
                prev = self.body[max(0, start - 30) : start].split()
                if not prev:
                    continue
                if len(person.name.split()) > 1:
                    if prev[-1].lower() not in self.titles:
                        continue  # the full name is known: only a title is left to learn
                elif not prev[-1][0].isupper():
                    continue
                found = mention_before(self.body, end, max(0, start - 90))
                if found is None or found.form != "name" or not found.name:
                    continue
                if _surname(found.name) != key:
                    continue
                if (
                    len(found.name.split()) > len(person.name.split())
                    and len(found.name.split()) <= 4
                ):
                    person.name = found.name
                if found.title and (not person.title or person.title[0].islower()):
                    person.title = found.title
                if found.gender and not person.gender:
                    person.gender = found.gender
                if person.title and len(person.name.split()) > 1:
                    break  # nothing more to learn
        if not _may_have_near_pair(self.people):
            return  # most articles: no two surnames could be one edit apart
        # surnames one edit apart share a one-deletion variant: compare only those
        keys = sorted(self.people, key=lambda k: -self.people[k].mentions)
        by_variant: dict[str, list[str]] = {}
        for key in keys:
            if len(key) >= 5:
                for variant in {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}:
                    by_variant.setdefault(variant, []).append(key)
        for group in by_variant.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if b in self.canonical or a in self.canonical or b == a:
                        continue
                    if _near(a, b):
                        self.canonical[b] = a
                        self.people[a].aliases |= self.people[b].aliases

    def lookup(self, name: str) -> Person | None:
        key = _surname(name)
        key = self.canonical.get(key, key)
        return self.people.get(key)


def _may_have_near_pair(keys: Iterable[str]) -> bool:
    """Could two of these surnames be :func:`_near`? That needs five letters or more, the same
    first letter and lengths at most one apart; a set of (first letter, length) tells."""
    seen: set[tuple[str, int]] = set()
    for key in keys:
        n = len(key)
        if n >= 5:
            first = key[0]
            if (first, n) in seen or (first, n - 1) in seen or (first, n + 1) in seen:
                return True
            seen.add((first, n))
    return False


def _title_match(nominal: str, person: Person) -> bool:
    if not person.title:
        return False
    words = {w.lower() for w in nominal.split()}
    head = nominal.split()[-1].lower()
    return head in {w.lower() for w in person.title.split()} and bool(words)


def resolve(body: str, found: list[Found]) -> list[Quote]:
    found = sorted(found, key=lambda f: f.pieces[0][0])
    registry = Registry(body)
    for f in found:
        if f.mention is not None:
            registry.learn(f.mention)
        if f.subject is not None:
            registry.learn(f.subject)
    registry.enrich()
    quotes: list[Quote] = []
    recent: list[Person] = []  # person speakers, most recent last
    last_speaker: tuple[str | None, str | None, str, str | None] | None = None
    last_person: tuple[str | None, str | None, str, str | None] | None = None
    orgs: list[str] = []  # organization speakers, most recent last
    org_by_word: dict[str, str] = {}  # a word of an organization's name -> latest such
    by_cue: dict[int, tuple[str | None, str | None, str, str | None]] = {}
    # the mention as written that goes with last_speaker / last_person / by_cue
    last_speaker_written: Mention | None = None
    last_person_written: Mention | None = None
    by_cue_written: dict[int, Mention | None] = {}
    said: dict[str, int] = {}  # quotes per person speaker so far
    main_person: tuple[str | None, str | None, str, str | None] | None = None
    main_person_written: Mention | None = None
    last_person_end = 0
    for f in sorted(found, key=lambda f: f.mention.start if f.mention else f.pieces[0][0]):
        speaker: str | None = None
        title: str | None = None
        kind = "unknown"
        gender: str | None = None
        m = f.mention
        inherited: Mention | None = None
        ref: tuple[str | None, str | None, str, str | None] | None  # last_speaker may be None
        if m is None:
            if f.inherit_from is not None and f.inherit_from in by_cue:
                ref, inherited = by_cue[f.inherit_from], by_cue_written[f.inherit_from]
            elif (
                last_person is not None
                and main_person is not None
                and main_person[0] != last_person[0]
                and said.get(last_person[0] or "", 0) == 1
                and said.get(main_person[0] or "", 0) >= 3
                and _narrated_between(body, last_person_end, f.pieces[0][0])
            ):
                # a summary of one person's answers: past a stretch of narration, the quote
                # goes on in the main voice, not in that of someone quoted once in passing
                ref, inherited = main_person, main_person_written
            elif last_person is not None:
                ref, inherited = last_person, last_person_written
            else:
                ref, inherited = last_speaker, last_speaker_written
            if ref is not None:
                # the words go on in the same voice: the speaker as written before
                speaker, title, kind, gender = ref
        elif m.form == "name" and m.name:
            person = registry.lookup(m.name)
            if person is not None and _confirmed(person):
                speaker, title, gender = person.name, person.title, person.gender
                kind = "person"
                recent.append(person)
            elif f.weak and last_person is not None:
                # "Russia is in no hurry "because ..."": a place, not the speaker
                speaker, title, kind, gender = last_person
            else:
                speaker = person.name if person else m.name
                kind = "unknown"
        elif m.form == "pronoun" and m.text in RELATIVES:
            # "..., Mayor Tom Reel, who said": the name just before the comma
            comma = body.rfind(",", max(0, m.start - 3), m.start)
            named = (
                mention_before(body, comma, max(0, comma - 120), appositive=False)
                if comma > 0
                else None
            )
            person = registry.lookup(named.name) if named and named.name else None
            if person is not None:
                speaker, title, kind, gender = person.name, person.title, "person", person.gender
                recent.append(person)
            elif named is not None and named.name:
                speaker, title, kind = named.name, named.title, named.kind
        elif m.form == "pronoun":
            # a name of its own: compiled code keeps one type per variable (``named`` is a Mention)
            subject = f.subject.name if f.subject is not None and f.subject.form == "name" else None
            person = (registry.lookup(subject) if subject else None) or _recent(recent, m.gender)
            if person is None and m.gender in ("m", "f"):
                person = _nearest_name(registry, body, m.start)
            if person is not None:
                speaker, title, kind = person.name, person.title, "person"
                if person.gender is None and m.gender in ("m", "f"):
                    person.gender = m.gender
                gender = person.gender
                recent.append(person)
        elif m.form == "nominal":
            words = m.text.split()
            person = None
            if words[0].lower() in _DEFINITE or len(words) == 1 or _possessive(words[0]):
                person = next((p for p in reversed(recent) if _title_match(m.text, p)), None)
                if person is None:
                    person = next(
                        (p for p in registry.people.values() if _title_match(m.text, p)), None
                    )
                if person is None:
                    person = _recent(recent, m.gender)
            if person is not None:
                speaker, title, kind, gender = person.name, person.title, "person", person.gender
                recent.append(person)
            else:
                kind = "anonymous"
        elif m.form == "anonymous":
            words = m.text.split()
            head = words[-1].lower()
            if words[0].lower() in _DEFINITE and head not in _STRICT_ANONYMOUS:
                person = _recent(recent, None)
                if person is not None:
                    speaker, title, kind, gender = (
                        person.name,
                        person.title,
                        "person",
                        person.gender,
                    )
            if speaker is None:
                kind = "anonymous"
        elif m.form == "organization":
            speaker, kind = m.name or m.text, "organization"
            if speaker[:1].islower():  # "the ministry", "the agency": an organization named before
                head = speaker.split()[-1].lower()
                speaker = org_by_word.get(head) or (orgs[-1] if orgs else speaker)
        resolved = (speaker, title, kind, gender)
        written = m or inherited
        last_speaker, last_speaker_written = resolved, written
        if kind == "person" and speaker:
            last_person, last_person_written = resolved, written
            last_person_end = f.pieces[-1][1]
            said[speaker] = said.get(speaker, 0) + 1
            if main_person is None or said[speaker] > said.get(main_person[0] or "", 0):
                main_person, main_person_written = resolved, written
        elif kind == "organization" and speaker:
            orgs.append(speaker)
            for word in speaker.lower().split():
                org_by_word[word] = speaker
        if f.cue is not None:
            by_cue[f.cue[0]] = resolved
            by_cue_written[f.cue[0]] = written
        quotes.append(
            Quote(
                type=f.type,  # type: ignore[arg-type]
                pieces=tuple(Span(s, e) for s, e in f.pieces),
                cue=Span(*f.cue) if f.cue else None,
                mention=Span(m.start, m.end) if m else _span(inherited),
                speaker=speaker,
                speaker_title=title,
                speaker_kind=kind,  # type: ignore[arg-type]
                speaker_gender=gender if gender in ("m", "f") else None,  # type: ignore[arg-type]
                cue_lemma=lemma(body[f.cue[0] : f.cue[1]]) if f.cue else None,
            )
        )
    quotes.sort(key=lambda q: (q.pieces[0].start, q.pieces[0].end))
    return quotes


def _narrated_between(body: str, end: int, start: int) -> bool:
    """Whole sentences of narration (a paragraph break and a full stop outside quote marks)
    stand between the last attributed quote and this one."""
    gap = body[end:start]
    return "\n\n" in gap and ". " in gap


def _span(mention: Mention | None) -> Span | None:
    return Span(mention.start, mention.end) if mention is not None else None


def _confirmed(person: Person) -> bool:
    """A person, not a place or a thing: a first name, a title or a gender was seen."""
    return len(person.name.split()) > 1 or bool(person.title) or person.gender is not None


def _recent(recent: list[Person], gender: str | None) -> Person | None:
    """The most recent person speaker of that gender; one of unknown gender if none is."""
    if gender == "p":
        return None
    if gender in ("m", "f"):
        for person in reversed(recent):
            if person.gender == gender:
                return person
        for person in reversed(recent):
            if person.gender is None:
                return person
        return None
    return recent[-1] if recent else None


def _nearest_name(registry: Registry, body: str, pos: int) -> Person | None:
    best, best_pos = None, -1
    for key, person in registry.people.items():
        at = body.rfind(key, max(0, pos - _REACH), pos)
        if at > best_pos:
            best, best_pos = person, at
    return best

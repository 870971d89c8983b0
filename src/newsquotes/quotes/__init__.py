"""Quotation and speaker extraction: ``extract_quotes(body) -> list[Quote]``.

Stages, each a small module: quote marks (``marks``), sentences (``sentences``), cues
(``cues``, ``lexicon``), direct quotes (``direct``), indirect and mixed speech (``indirect``),
speaker mentions (``mentions``) and in-article speaker resolution (``resolve``).
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES

from newsquotes.models import Quote
from newsquotes.quotes import direct
from newsquotes.quotes.bounds import drop_duplicates, tagged_clause_start, verbatim_quote
from newsquotes.quotes.called import find_called
from newsquotes.quotes.claims import find_claims
from newsquotes.quotes.credited import credit_reporters, find_credited
from newsquotes.quotes.direct import find_direct, find_orphans
from newsquotes.quotes.found import Document
from newsquotes.quotes.indirect import find_embedded, find_indirect, find_unclaimed
from newsquotes.quotes.openers import correct_expletives, correct_openers
from newsquotes.quotes.polled import credit_polls
from newsquotes.quotes.reported import credit_closing_reporters, drop_reports_in_sources
from newsquotes.quotes.resolve import resolve
from newsquotes.quotes.written import find_written

__all__ = ["compiled", "extract_quotes"]


def extract_quotes(body: str) -> list[Quote]:
    """Every attribution in ``body`` (direct, mixed, indirect) with its resolved speaker.

    Pure and deterministic; spans index into ``body``; sorted by the start of the first piece.
    """
    if not body or not isinstance(body, str):
        return []
    doc = Document.read(body)
    find_direct(doc)
    find_called(doc)
    find_credited(doc)
    find_indirect(doc)
    find_embedded(doc)
    find_written(doc)
    find_unclaimed(doc)
    find_claims(doc)
    find_orphans(doc)
    verbatim_quote(doc)
    tagged_clause_start(doc)
    credit_closing_reporters(doc)
    drop_reports_in_sources(doc)
    drop_duplicates(doc)
    credit_reporters(doc)
    credit_polls(doc)
    correct_openers(doc)
    correct_expletives(doc)
    return resolve(body, doc.found)


def compiled() -> bool:
    """Is the extractor a compiled build (mypyc: what ``pip install .`` makes; docs/OPERATIONS.md)
    rather than its Python source? Benchmarks print it beside their rates."""
    return direct.__file__.endswith(tuple(EXTENSION_SUFFIXES))

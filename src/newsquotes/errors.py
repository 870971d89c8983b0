"""One exception tree for newsquotes.

Every error subclasses :class:`NewsquotesError` *and* the built-in it is closest to, so callers may
catch either (``except ValueError`` keeps working for a bad date, like dateutil's ``ParserError``).
Errors that concern one input carry where it came from and the pipeline stage, which is exactly
what a quarantine (``rejects``) row needs.
"""

from __future__ import annotations

from typing import ClassVar, Literal

Stage = Literal["read", "decode", "split", "parse", "extract", "write"]
STAGES: tuple[Stage, ...] = ("read", "decode", "split", "parse", "extract", "write")


class NewsquotesError(Exception):
    """Base of every error newsquotes raises on purpose."""


class ConfigError(NewsquotesError, ValueError):
    """A configuration, rule or lexicon file is invalid; ``source`` names the file."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(NewsquotesError):
    """A problem with one input file or record: becomes a ``rejects`` row, never stops a run.

    ``reason`` is a short machine-friendly code (``truncated_gzip``, ``no_date_header`` ...) that
    analysts group by; the message explains it to a person.
    """

    stage: ClassVar[Stage] = "parse"

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        source_path: str | None = None,
        record: int | None = None,
        excerpt: str | None = None,
    ) -> None:
        self.reason = reason
        self.detail = message
        self.source_path = source_path
        self.record = record
        self.excerpt = excerpt
        super().__init__(message)

    def __str__(self) -> str:
        # built when shown: readers fill in source_path after the error was raised deeper down
        where = self.source_path or "<input>"
        if self.record is not None:
            where += f"#{self.record}"
        return f"{where}: {self.detail} [{self.stage}/{self.reason}]"


class ReadError(InputError, OSError):
    """The bytes of an input could not be read (missing, truncated, corrupt, hostile archive)."""

    stage: ClassVar[Stage] = "read"


class DecodeError(InputError, UnicodeError):
    """The bytes were read but are not text in any encoding we accept."""

    stage: ClassVar[Stage] = "decode"


class SplitError(InputError, ValueError):
    """A text could not be cut into records (no record header, record over the size cap)."""

    stage: ClassVar[Stage] = "split"


class ParseError(InputError, ValueError):
    """A record could not be turned into an article (no body, unreadable header)."""

    stage: ClassVar[Stage] = "parse"


class ExtractError(InputError, ValueError):
    """Quote extraction failed on an article (kept as an article; the failure is a reject)."""

    stage: ClassVar[Stage] = "extract"


class SchemaError(NewsquotesError, TypeError):
    """A DataFrame does not match the dataset schema it is about to be written as."""

    def __init__(self, dataset: str, message: str) -> None:
        self.dataset = dataset
        super().__init__(f"dataset {dataset!r}: {message}")


class StoreError(NewsquotesError, OSError):
    """The output root cannot be written safely (locked by another run, not a newsquotes root)."""


class StoreLockedError(StoreError):
    """Another run holds the lock of this output root."""

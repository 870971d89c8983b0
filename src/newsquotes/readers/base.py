"""What every format reader shares: the unit being read and how records leave it.

A reader turns the text of one unit (a file, or an archive member) into records. It calls
:meth:`UnitContext.record` for each article and :meth:`UnitContext.reject` for each record it must
refuse; both number records in file order, so a rejected record keeps its place (``record`` in the
``rejects`` row is the index the article would have had).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from newsquotes.config import FieldMapping, IngestConfig
from newsquotes.models import Provenance, RawRecord, Reject, excerpt
from newsquotes.text import Overlong, StreamDecoder, normalize_text


@dataclass(slots=True)
class UnitContext:
    """One unit being read: where it came from, its encoding, the limits that apply."""

    source_path: str
    source_sha256: str
    member: str | None
    decoder: StreamDecoder
    config: IngestConfig
    mapping: FieldMapping
    csv_delimiter: str | None = None
    next_index: int = 0

    def _take_index(self) -> int:
        index = self.next_index
        self.next_index += 1
        return index

    def record(
        self,
        text: str,
        fmt: str,
        fields: Mapping[str, str] | None = None,
        *,
        repaired: bool = False,
    ) -> RawRecord | Reject:
        """Normalize ``text`` and ``fields`` and wrap them as the next record."""
        index = self._take_index()
        if len(text) > self.config.max_record_chars:
            return self._reject(
                index,
                "split",
                "record_too_large",
                f"record of {len(text)} characters, over the cap of {self.config.max_record_chars}",
                text[:400],
            )
        clean = normalize_text(text)
        body = clean.text.strip()
        if not body:
            return self._reject(index, "split", "empty_record", "record has no text", text[:400])
        repaired = repaired or clean.repaired or self.decoder.fell_back
        out_fields: dict[str, str] = {}
        for key, value in (fields or {}).items():
            value_clean = normalize_text(value)
            repaired = repaired or value_clean.repaired
            stripped = (
                " ".join(value_clean.text.split()) if key != "lead" else value_clean.text.strip()
            )
            if stripped:
                out_fields[key] = stripped
        provenance = Provenance(
            source_path=self.source_path,
            source_sha256=self.source_sha256,
            record=index,
            member=self.member,
            encoding=self.decoder.label,
        )
        return RawRecord(provenance, body, fmt, out_fields, repaired)

    def reject(self, stage: str, reason: str, message: str, sample: str = "") -> Reject:
        """Refuse the next record (it keeps its index)."""
        return self._reject(self._take_index(), stage, reason, message, sample)

    def overlong_message(self, line: Overlong) -> str:
        """Why a record holding the over-long ``line`` is refused (reason ``line_too_long``)."""
        return f"a line of {line.length} characters, over the cap of {self.config.max_line_chars}"

    def reject_overlong(self, line: Overlong) -> Reject:
        """Refuse the next record because it holds the over-long ``line``."""
        return self.reject("split", "line_too_long", self.overlong_message(line), line.head)

    def _reject(self, index: int, stage: str, reason: str, message: str, sample: str) -> Reject:
        return Reject(
            stage=stage,
            reason=reason,
            message=message,
            source_path=self.source_path,
            record=index,
            member=self.member,
            excerpt=excerpt(normalize_text(sample).text) if sample else "",
        )


# A reader gets the unit's decoded text as a stream of chunks (newlines already '\n').
Reader = Callable[[Iterator[str], UnitContext], Iterator[RawRecord | Reject]]

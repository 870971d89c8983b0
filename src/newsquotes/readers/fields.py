"""Field mapping for structured exports: which key holds the text, title, date, url, publisher.

Keys are matched case-insensitively against a list of candidates (first present wins). The text
may be a string or a list of paragraphs (joined with a blank line). A scraper export often puts
the lead (standfirst) first in the paragraph list; it goes to ``fields["lead"]``, not the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsquotes.config import FieldMapping


@dataclass(frozen=True, slots=True)
class Mapped:
    """What :func:`map_fields` found in one exported object."""

    text: str | None  # None when no text key is present
    fields: dict[str, str]


def _find(
    obj: Mapping[str, Any], lowered: Mapping[str, str], candidates: tuple[str, ...]
) -> tuple[str | None, Any]:
    for name in candidates:
        key = lowered.get(name.lower())
        if key is not None and obj[key] not in (None, "", []):
            return key, obj[key]
    return None, None


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):  # {"name": "Reuters", "id": ...}
        name = value.get("name") or value.get("title")
        return name if isinstance(name, str) else None
    return None


def _paragraphs(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return [p for p in value if p.strip()]
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def map_fields(obj: Mapping[str, Any], mapping: FieldMapping) -> Mapped:
    """Article text and known fields of one exported object."""
    lowered = {k.lower(): k for k in obj if isinstance(k, str)}
    text_key, raw_text = _find(obj, lowered, mapping.text)
    paragraphs = _paragraphs(raw_text) if text_key else None
    fields: dict[str, str] = {}
    for name in ("title", "date", "url", "publisher"):
        key, value = _find(obj, lowered, getattr(mapping, name))
        if key is not None and key != text_key and (scalar := _scalar(value)) is not None:
            fields[name] = scalar
    lead_key, lead_value = _find(obj, lowered, mapping.lead)
    lead = _scalar(lead_value) if lead_key is not None and lead_key != text_key else None
    if paragraphs and isinstance(raw_text, list) and len(paragraphs) > 1:
        first_is_lead = (
            mapping.lead_first_paragraph
            if mapping.lead_first_paragraph is not None
            else lead is not None and _same(paragraphs[0], lead)
        )
        if first_is_lead:
            lead = lead or paragraphs[0]
            paragraphs = paragraphs[1:]
    if lead:
        fields["lead"] = lead
    text = "\n\n".join(p.strip() for p in paragraphs) if paragraphs else None
    return Mapped(text, fields)

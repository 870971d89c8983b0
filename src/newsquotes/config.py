"""Ingest configuration: size caps, bomb limits, which files to read and how.

Loaded from a TOML file (keys documented in ``docs/INGEST.md``) and validated on load: any unknown
key, wrong type or impossible value raises :class:`~newsquotes.errors.ConfigError` naming the file
and the key, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import codecs
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsquotes.errors import ConfigError
from newsquotes.globs import glob_match

FORMATS: tuple[str, ...] = ("seed", "plain", "json", "jsonl", "csv")
MAPPED_FIELDS: tuple[str, ...] = ("text", "title", "date", "url", "publisher", "lead")

# Documentation and hidden files sit beside dumps (bbc-2004/README.TXT); they are not articles.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    "**/.*",
    "**/README*",
    "**/LICENSE*",
    "**/COPYING*",
    "**/*.md",
)

MiB = 1024 * 1024

# IngestConfig's integer settings that must be positive (max_nesting, at least 1, is checked apart)
_POSITIVE_INTS: tuple[str, ...] = (
    "max_line_chars",
    "max_record_chars",
    "max_decompressed_bytes",
    "bomb_min_bytes",
    "max_archive_members",
    "sample_bytes",
)


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Which column/key of a structured export holds each article field.

    Each entry is a tuple of candidate names, the first present wins. ``lead_first_paragraph``
    says the text is a list of paragraphs whose first item is a lead (standfirst): it goes to
    ``fields["lead"]`` instead of the text. When ``None`` the first paragraph is taken as the lead
    only if it repeats the ``lead`` field.
    """

    text: tuple[str, ...] = ("text", "body", "content", "article", "story", "description")
    title: tuple[str, ...] = ("title", "headline", "heading")
    date: tuple[str, ...] = ("date", "datetime", "published", "published_at", "pubdate", "time")
    url: tuple[str, ...] = ("url", "link", "href")
    publisher: tuple[str, ...] = ("publisher", "source", "agency", "outlet")
    lead: tuple[str, ...] = ("lead", "description", "summary", "standfirst")
    lead_first_paragraph: bool | None = None


@dataclass(frozen=True, slots=True)
class SourceOverride:
    """Per-source settings for the files whose path (or ``path::member``) matches ``glob``."""

    glob: str
    format: str | None = None
    encoding: str | None = None
    fields: FieldMapping | None = None
    csv_delimiter: str | None = None


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """Limits and per-source settings of the ingest stage (defaults suit wire dumps)."""

    max_line_chars: int = 1 * MiB  # longer lines are cut off and their record rejected
    max_record_chars: int = 8 * MiB  # one article; larger ones are rejected
    max_decompressed_bytes: int = 4096 * MiB  # per input file, all members together
    max_compression_ratio: float = 200.0  # decompressed/compressed, checked past bomb_min_bytes
    bomb_min_bytes: int = 16 * MiB  # small outputs never count as bombs whatever the ratio
    max_archive_members: int = 100_000
    max_nesting: int = 3  # archive in a compressed file in an archive ...
    sample_bytes: int = 1 * MiB  # head of each file used to detect encoding and format
    include: tuple[str, ...] = ("**/*",)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    sources: tuple[SourceOverride, ...] = ()
    fields: FieldMapping = field(default_factory=FieldMapping)

    def __post_init__(self) -> None:
        for name in _POSITIVE_INTS:
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be positive, got {getattr(self, name)!r}")
        if self.max_compression_ratio <= 1:
            raise ConfigError("max_compression_ratio must be > 1")
        if self.max_nesting < 1:
            raise ConfigError("max_nesting must be at least 1")
        for override in self.sources:
            if override.format is not None and override.format not in FORMATS:
                raise ConfigError(
                    f"source {override.glob!r}: format {override.format!r} is not one of {FORMATS}"
                )

    def override_for(self, path: str) -> SourceOverride | None:
        """The last ``[[source]]`` entry whose glob matches ``path`` (later entries win)."""
        found = None
        for override in self.sources:
            if glob_match(override.glob, path):
                found = override
        return found


DEFAULT_CONFIG = IngestConfig()


# --- loading -------------------------------------------------------------------------------------

_INT_KEYS = (*_POSITIVE_INTS, "max_nesting")


def load_config(path: str | Path) -> IngestConfig:
    """Read an ``ingest.toml`` file; raise :class:`ConfigError` naming the file on any problem."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as err:
        raise ConfigError(f"cannot read: {err.strerror or err}", source=str(path)) from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"invalid TOML: {err}", source=str(path)) from err
    try:
        return config_from_mapping(data.get("ingest", data))
    except ConfigError as err:
        raise ConfigError(str(err), source=str(path)) from err


def config_from_mapping(data: Mapping[str, Any]) -> IngestConfig:
    """Build a validated :class:`IngestConfig` from parsed TOML (the ``[ingest]`` table)."""
    if not isinstance(data, Mapping):
        raise ConfigError("the [ingest] table must be a table")
    _check_keys(data, {f.name for f in fields(IngestConfig)})
    kwargs: dict[str, Any] = {}
    for key in _INT_KEYS:
        if key in data:
            kwargs[key] = _int(data[key], key)
    if "max_compression_ratio" in data:
        value = data["max_compression_ratio"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"max_compression_ratio must be a number, got {value!r}")
        kwargs["max_compression_ratio"] = float(value)
    for key in ("include", "exclude"):
        if key in data:
            kwargs[key] = _strings(data[key], key)
    if "fields" in data:
        kwargs["fields"] = _mapping(data["fields"], "fields")
    if "sources" in data:
        entries = data["sources"]
        if not isinstance(entries, list):
            raise ConfigError("sources must be an array of tables ([[ingest.sources]])")
        kwargs["sources"] = tuple(_override(entry, i) for i, entry in enumerate(entries))
    return IngestConfig(**kwargs)


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str = "") -> None:
    """Refuse a key the table does not know, so a typo never falls back to a default."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        prefix = f"{where}: " if where else ""
        raise ConfigError(f"{prefix}unknown key(s) {unknown}; known: {sorted(allowed)}")


def _int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{key} must be an integer, got {value!r}")
    return value


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{key} must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def _mapping(value: Any, where: str) -> FieldMapping:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table")
    _check_keys(value, {*MAPPED_FIELDS, "lead_first_paragraph"}, where)
    kwargs: dict[str, Any] = {}
    for key in MAPPED_FIELDS:
        if key in value:
            kwargs[key] = _strings(value[key], f"{where}.{key}") if value[key] != [] else ()
    if "lead_first_paragraph" in value:
        flag = value["lead_first_paragraph"]
        if not isinstance(flag, bool):
            raise ConfigError(f"{where}.lead_first_paragraph must be true or false")
        kwargs["lead_first_paragraph"] = flag
    return FieldMapping(**kwargs)


def _override(entry: Any, index: int) -> SourceOverride:
    where = f"sources[{index}]"
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where} must be a table")
    _check_keys(entry, {f.name for f in fields(SourceOverride)}, where)
    glob = entry.get("glob")
    if not isinstance(glob, str) or not glob:
        raise ConfigError(f"{where}.glob must be a non-empty string")
    fmt = entry.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"{where}.format {fmt!r} is not one of {FORMATS}")
    encoding = entry.get("encoding")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError) as err:
            raise ConfigError(f"{where}.encoding {encoding!r} is not a known codec") from err
    delimiter = entry.get("csv_delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise ConfigError(f"{where}.csv_delimiter must be one character")
    mapping = _mapping(entry["fields"], f"{where}.fields") if "fields" in entry else None
    return SourceOverride(
        glob=glob, format=fmt, encoding=encoding, fields=mapping, csv_delimiter=delimiter
    )

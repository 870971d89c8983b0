"""News agencies: canonical names, the spellings that name them and their wire sign-offs.

The data lives in ``rules/agencies.json``; it is validated once on load and a bad entry raises
:class:`~newsquotes.errors.ConfigError` naming the file and the entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsquotes.errors import ConfigError

RULES_FILE = "rules/agencies.json"


@dataclass(frozen=True, slots=True)
class Agencies:
    """The agencies file indexed for lookups; build it with :func:`load_agencies`."""

    canonical: dict[str, str]  # lower-cased alias -> canonical name
    signoffs: dict[str, str]  # lower-cased sign-off -> canonical name
    credit_lines: dict[str, str]  # lower-cased start of a closing credit line -> canonical name

    def lookup(self, raw: str) -> str | None:
        """Canonical name of an agency as written (``'xinhua'`` -> ``'Xinhua'``)."""
        return self.canonical.get(" ".join(raw.split()).lower())

    def signoff_agency(self, signoff: str) -> str | None:
        """Agency a sign-off names: ``Reuter`` or a credit line ``(Reporting by ...)``."""
        lowered = signoff.lower()
        found = self.signoffs.get(lowered)
        if found is None and lowered.startswith("("):
            found = next((a for p, a in self.credit_lines.items() if lowered.startswith(p)), None)
        return found

    def credit_prefixes(self) -> tuple[str, ...]:
        """Lower-cased starts of the closing credit lines (``(reporting by``), for startswith."""
        return tuple(self.credit_lines)

    def alias_pattern(self) -> str:
        """Regex alternation of all aliases, longest first so ``ITAR-TASS`` beats ``TASS``."""
        return _alternation(self.canonical)

    def signoff_pattern(self) -> str:
        """Regex alternation of all sign-offs, longest first."""
        return _alternation(self.signoffs)


def _alternation(words: dict[str, str]) -> str:
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


def _strings(entry: dict, key: str, where: str) -> list[str]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(
            f"{where}: {key!r} must be a list of non-empty strings", source=RULES_FILE
        )
    return values


def build_agencies(data: object) -> Agencies:
    """Validate the parsed JSON of the agencies file and index it."""
    if not isinstance(data, dict) or not isinstance(data.get("agencies"), list):
        raise ConfigError("expected an object with an 'agencies' list", source=RULES_FILE)
    canonical: dict[str, str] = {}
    signoffs: dict[str, str] = {}
    credit_lines: dict[str, str] = {}
    for index, entry in enumerate(data["agencies"]):
        if not isinstance(entry, dict):
            raise ConfigError(f"entry {index} is not an object", source=RULES_FILE)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(
                f"entry {index}: 'name' must be a non-empty string", source=RULES_FILE
            )
        where = f"entry {index} ({name})"
        unknown = set(entry) - {"name", "aliases", "signoffs", "credit_lines"}
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)}", source=RULES_FILE)
        tables = (("aliases", canonical), ("signoffs", signoffs), ("credit_lines", credit_lines))
        for key, table in tables:
            values = _strings(entry, key, where)
            for raw in [name, *values] if key == "aliases" else values:
                alias = " ".join(raw.split()).lower()
                if table.get(alias, name) != name:
                    raise ConfigError(
                        f"{where}: {key} entry {raw!r} already names {table[alias]}",
                        source=RULES_FILE,
                    )
                table[alias] = name
    return Agencies(canonical, signoffs, credit_lines)


@cache
def load_agencies() -> Agencies:
    """The packaged agencies file, validated and indexed once per process."""
    text = resources.files("newsquotes").joinpath(RULES_FILE).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"invalid JSON: {err}", source=RULES_FILE) from err
    return build_agencies(data)

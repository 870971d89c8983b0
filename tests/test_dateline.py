"""Dateline parsing: a table of every agency's form and of text that must not parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsquotes.agencies import build_agencies, load_agencies
from newsquotes.dateline import display_place, parse_dateline
from newsquotes.errors import ConfigError

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "datelines.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_dateline_table(case: dict) -> None:
    dateline = parse_dateline(case["text"])
    expect = case["expect"]
    if expect is None:
        assert dateline is None, f"read {dateline.text!r} as a dateline"
        return
    assert dateline is not None
    for name, value in expect.items():
        assert getattr(dateline, name) == value, name
    # the span slices the dateline out of the text it was parsed from
    assert dateline.span.of(case["text"]) == dateline.text
    assert case["text"].startswith(dateline.text)


def test_body_starts_right_after_the_dateline() -> None:
    text = "MOSCOW, January 15./TASS/. Russia may introduce visa-free travel"
    dateline = parse_dateline(text)
    assert dateline is not None
    assert text[dateline.span.end :].lstrip() == "Russia may introduce visa-free travel"


@pytest.mark.parametrize(
    ("written", "display"),
    [
        ("IGORA", "Igora"),
        ("ST. LOUIS", "St. Louis"),
        ("RIO DE JANEIRO", "Rio de Janeiro"),
        ("O'HARE", "O'Hare"),
        ("ST. JOHN'S", "St. John's"),
        ("WINSTON-SALEM", "Winston-Salem"),
        ("Mexico City", "Mexico City"),
    ],
)
def test_display_place(written: str, display: str) -> None:
    assert display_place(written) == display


def test_agency_aliases_resolve_to_one_canonical_name() -> None:
    agencies = load_agencies()
    assert agencies.lookup("xinhua") == "Xinhua"
    assert agencies.lookup("ITAR-TASS") == "TASS"
    assert agencies.lookup("Associated  Press") == "AP"
    assert agencies.lookup("Deutsche Presse-Agentur") == "dpa"
    assert agencies.lookup("Daily Planet") is None
    assert agencies.signoff_agency("REUTER") == "Reuters"
    assert agencies.signoff_agency("(Reporting by A. Writer; Editing by B. Editor)") == "Reuters"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "'agencies' list"),
        ({"agencies": ["TASS"]}, "entry 0 is not an object"),
        ({"agencies": [{"name": ""}]}, "'name' must be a non-empty string"),
        ({"agencies": [{"name": "AP", "aliases": "AP"}]}, "'aliases' must be a list"),
        ({"agencies": [{"name": "AP", "alias": ["AP"]}]}, "unknown keys"),
        (
            {"agencies": [{"name": "AP", "aliases": ["AP"]}, {"name": "APX", "aliases": ["ap"]}]},
            "already names AP",
        ),
    ],
    ids=[
        "not-an-object",
        "entry-not-object",
        "empty-name",
        "aliases-not-list",
        "unknown-key",
        "alias-of-two-agencies",
    ],
)
def test_invalid_agencies_file_raises_config_error(data: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        build_agencies(data)
    assert info.value.source == "rules/agencies.json"

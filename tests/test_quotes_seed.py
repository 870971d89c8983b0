"""The seed article and the TASS gold: what the foundation issue requires exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsquotes.quotes import extract_quotes

pytestmark = pytest.mark.shared
_MARKER = "/TASS/. "


def _seed_body(seed_path: Path) -> tuple[str, int]:
    text = seed_path.read_text(encoding="utf-8")
    offset = text.index(_MARKER) + len(_MARKER)
    return text[offset:], offset


def _seed_gold(shared: Path) -> dict:
    with (shared / "gold" / "quotes-tass.jsonl").open(encoding="utf-8") as f:
        return next(r for r in map(json.loads, f) if r["doc_id"] == "tass-seed-985124")


def test_seed_yields_the_ten_gold_attributions(shared: Path, seed_path: Path) -> None:
    body, _ = _seed_body(seed_path)
    gold = _seed_gold(shared)
    gold_offset = gold["text"].index(_MARKER) + len(_MARKER)
    quotes = extract_quotes(body)
    assert len(quotes) == 10
    assert [q.type for q in quotes] == ["indirect"] + ["direct"] * 9
    for q, g in zip(quotes, gold["quotes"], strict=True):
        assert [(p.start + gold_offset, p.end + gold_offset) for p in q.pieces] == [
            tuple(s) for s in g["spans"]
        ]
        assert q.speaker == "Sergey Lavrov"
        assert q.speaker_title == "Foreign Minister"
        assert q.speaker_kind == "person"
        assert q.mention is not None and q.mention.of(body) == g["speaker_mention"]
        assert q.cue is not None and q.cue.of(body) == g["cue"]
        assert q.cue.start + gold_offset == g["cue_span"][0]


def test_seed_pieces_slice_to_quoted_text(seed_path: Path) -> None:
    body, _ = _seed_body(seed_path)
    for q in extract_quotes(body):
        for piece in q.pieces:
            text = piece.of(body)
            assert text == text.strip() and text
            assert '"' not in text


def test_every_tass_article_extracts(shared: Path) -> None:
    with (shared / "gold" / "quotes-tass.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert len(rows) == 11
    total = sum(len(extract_quotes(r["text"])) for r in rows)
    assert total >= 60

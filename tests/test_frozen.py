"""``fast_init`` gives a frozen slotted dataclass the ``__init__`` it had, only faster."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsquotes.frozen import fast_init
from newsquotes.models import Quote, Span
from newsquotes.quotes.mentions import Mention


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: int
    b: str
    c: int | None = None
    d: str = "x"


@fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Fast:
    a: int
    b: str
    c: int | None = None
    d: str = "x"


def _values(obj: object) -> tuple:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))  # type: ignore[arg-type]


@given(st.integers(), st.text(max_size=5), st.none() | st.integers(), st.text(max_size=5))
def test_same_fields_from_positional_keyword_and_default_arguments(a, b, c, d) -> None:
    assert _values(_Fast(a, b, c, d)) == _values(_Plain(a, b, c, d))
    assert _values(_Fast(d=d, a=a, b=b)) == _values(_Plain(d=d, a=a, b=b))
    assert _values(_Fast(a, b)) == _values(_Plain(a, b))
    fast = _Fast(a, b, c, d)
    assert fast == _Fast(a, b, c, d) and hash(fast) == hash(_Fast(a, b, c, d))
    assert pickle.loads(pickle.dumps(fast)) == fast


def test_argument_errors_and_frozen_fields_as_before() -> None:
    with pytest.raises(TypeError):
        _Fast(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Fast(1, "b", e=2)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        _Fast(1, "b").a = 2  # type: ignore[misc]


def test_post_init_still_runs_and_records_keep_their_behaviour() -> None:
    with pytest.raises(ValueError, match="invalid span"):
        Span(3, 1)
    assert Span(1, 3) < Span(2, 2) and len(Span(1, 3)) == 2
    quote = Quote(type="direct", pieces=(Span(0, 4),), speaker="X")
    assert (
        quote.speaker_kind == "unknown" and dataclasses.replace(quote, speaker="Y").speaker == "Y"
    )
    assert Mention(1, 2, "he", "unknown", "pronoun").gender is None


def test_only_plain_frozen_slotted_dataclasses() -> None:
    with pytest.raises(TypeError, match="frozen dataclass with slots"):

        @fast_init
        @dataclasses.dataclass(slots=True)
        class _Mutable:
            a: int

    with pytest.raises(TypeError, match="not a plain field"):

        @fast_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class _Factory:
            a: list = dataclasses.field(default_factory=list)

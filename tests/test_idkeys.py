"""Article ids as fixed-width keys: exact round trips, membership, and a clear refusal of values
that are no article id."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsquotes.errors import StoreError
from newsquotes.idkeys import as_strings, id_keys, member_of
from newsquotes.ids import ARTICLE_ID_CHARS, article_id
from newsquotes.store import _article_keys

HEX_IDS = st.text(alphabet="0123456789abcdef", min_size=20, max_size=20)


@settings(deadline=None)  # the first cast loads Arrow kernels
@given(st.lists(st.lists(HEX_IDS, max_size=5), max_size=4), st.integers(0, 3))
def test_keys_hold_the_ids_of_every_chunk_and_slice(chunks: list[list[str]], skip: int) -> None:
    ids = pa.chunked_array([pa.array(c, pa.string()) for c in chunks], pa.string())
    sliced = ids.slice(min(skip, len(ids)))  # chunks with an offset into their buffers
    assert as_strings(id_keys(sliced)) == sliced.to_pylist()


def test_article_ids_have_the_key_width() -> None:
    assert len(article_id("Some body of text.")) == ARTICLE_ID_CHARS


def test_membership_and_position_in_sorted_keys() -> None:
    unique = np.sort(id_keys(pa.array(["b" * 20, "d" * 20, "f" * 20])))
    found, at = member_of(id_keys(pa.array(["a" * 20, "d" * 20, "g" * 20, "f" * 20])), unique)
    assert found.tolist() == [False, True, False, True]
    assert at[found].tolist() == [1, 2]


def test_no_ids_give_an_empty_key_array() -> None:
    assert len(id_keys(pa.chunked_array([], pa.string()))) == 0


@pytest.mark.parametrize(
    "value", [pytest.param("abc", id="too-short"), pytest.param("x" * 21, id="too-long"), None]
)
def test_a_value_that_is_no_article_id_is_a_store_error_naming_the_file(value) -> None:
    with pytest.raises(StoreError, match=r"part-1\.parquet"):
        _article_keys("year=2020/part-1.parquet", pa.array(["a" * 20, value], pa.string()))

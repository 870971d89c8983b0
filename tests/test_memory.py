"""The pipeline allocates Arrow memory from a pool that returns freed pages (jemalloc)."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pytest

from newsquotes.memory import POOL_VARIABLE, use_returning_pool


@pytest.fixture(autouse=True)
def _restore_pool() -> Iterator[None]:
    pool = pa.default_memory_pool()
    yield
    pa.set_memory_pool(pool)


def _has_jemalloc() -> bool:
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        return False
    return True


@pytest.mark.skipif(not _has_jemalloc(), reason="this pyarrow has no jemalloc")
def test_jemalloc_becomes_the_default_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POOL_VARIABLE, raising=False)
    assert use_returning_pool() == "jemalloc"
    assert pa.default_memory_pool().backend_name == "jemalloc"
    table = pa.table({"x": pa.array(["a", "b"] * 1000)})
    assert table.column("x").chunk(0).buffers()[2] is not None  # allocations work on it


def test_a_pool_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POOL_VARIABLE, "system")
    pa.set_memory_pool(pa.system_memory_pool())
    assert use_returning_pool() == "system"
    assert pa.default_memory_pool().backend_name == "system"

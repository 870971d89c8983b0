"""newsquotes makes Arrow allocate from jemalloc, which returns freed pages to the system."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

POOL = "import newsquotes, pyarrow; print(pyarrow.default_memory_pool().backend_name)"


def _pool(env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", POOL], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="jemalloc is chosen on Linux")
def test_importing_newsquotes_first_selects_jemalloc() -> None:
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    assert _pool(env) == "jemalloc"


def test_a_pool_the_user_chose_is_kept() -> None:
    assert _pool({**os.environ, "ARROW_DEFAULT_MEMORY_POOL": "system"}) == "system"

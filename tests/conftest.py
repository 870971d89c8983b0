"""Shared test fixtures.

Tests that need the shared corpora (never committed: they belong to their publishers) find them at
``../shared`` beside the repo or where ``NEWSQUOTES_SHARED`` points, and skip with a reason when
they are absent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Prefect state of the test session lives in a temp dir, never in ~/.prefect; no analytics.
# Set before anything imports prefect, which reads its settings at import time.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="newsquotes-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def shared_root() -> Path | None:
    env = os.environ.get("NEWSQUOTES_SHARED")
    root = Path(env) if env else REPO.parent / "shared"
    return root if (root / "corpora").is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    root = shared_root()
    if root is None:
        pytest.skip("shared corpora not found: put them at ../shared or set NEWSQUOTES_SHARED")
    return root


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "corpora" / "tass" / "tass-seed-985124.txt"


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect test server for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield

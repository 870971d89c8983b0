"""newsquotes makes Arrow allocate from jemalloc, which returns freed pages to the system: at
once in the flow process, after jemalloc's timed decay in worker processes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsquotes.arrow_memory import JEMALLOC_OPTIONS, RETURN_AT_ONCE, configure, keep_freed_pages
from newsquotes.arrow_memory import POOL as POOL_VARIABLE

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


def test_freed_pages_go_back_at_once_unless_the_user_set_jemalloc_options() -> None:
    environ: dict[str, str] = {}
    configure(environ)
    if sys.platform.startswith("linux"):
        assert environ == {POOL_VARIABLE: "jemalloc", JEMALLOC_OPTIONS: RETURN_AT_ONCE}
    mine = {JEMALLOC_OPTIONS: "narenas:2"}
    configure(mine)
    keep_freed_pages(mine)
    assert mine[JEMALLOC_OPTIONS] == "narenas:2"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="jemalloc is chosen on Linux")
@pytest.mark.parametrize("preload", ["newsquotes.pipeline", None], ids=["batch", "merge"])
def test_worker_processes_keep_jemallocs_timed_decay(preload: str | None) -> None:
    from newsquotes.workers import local_workers

    assert os.environ[JEMALLOC_OPTIONS] == RETURN_AT_ONCE  # this process imported newsquotes
    with local_workers(1, preload=preload) as workers:
        assert workers.submit(os.getenv, JEMALLOC_OPTIONS).result() is None


def test_pool_workers_load_neither_prefect_nor_pandas(tmp_path) -> None:
    """Local workers import the library only (~90 MiB, not Prefect's ~175 MiB task engine)."""
    import datetime as dt
    import shutil

    from conftest import REPO
    from newsquotes.pipeline import plan_run, process_batch
    from newsquotes.workers import local_workers

    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    plan = plan_run(raw, tmp_path / "out", started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    modules = "sorted(__import__('sys').modules.keys() & {'pandas', 'prefect'})"
    with local_workers(1) as pool:
        summary = pool.submit(process_batch, plan, plan.batches(1)[0], "batch-0").result()
        loaded = pool.submit(eval, modules).result()
    assert summary.articles == 6
    assert loaded == []


PROBE = """
import sys
from newsquotes.pandas_probe import skip_pandas_probe
skip_pandas_probe()
import pyarrow as pa, pyarrow.dataset
pa.array(["a"]); pa.Table.from_pylist([{"x": 1}])
print("pandas" in sys.modules, type(pa.table({"x": [1]}).to_pandas()).__name__)
"""


def test_the_pandas_probe_keeps_pandas_out_until_asked_for() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "DataFrame"]

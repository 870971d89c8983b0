"""Make a real output root without a Prefect server: the flow's steps, called directly.

The flow is a thin wrapper over these library calls (plan, process batches, commit under the
lock), so the datasets are exactly what ``newsquotes ingest`` writes; tests that only read an
output root (docs examples, the notebook) need no orchestration.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
from pathlib import Path

from newsquotes.pipeline import batch_names, commit_run, plan_run, process_batch
from newsquotes.store import Store

REPO = Path(__file__).resolve().parents[1]
STARTED_AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)  # fixed: same input, same run id


def ingest(raw: Path, out: Path, *, workers: int = 1) -> dict:
    """Ingest ``raw`` into the output root ``out``; return the run summary as a dict."""
    plan = plan_run(raw, out, started_at=STARTED_AT)
    with Store(out).lock():
        batches = plan.batches(workers)
        summaries = [
            process_batch(plan, batch, name)
            for batch, name in zip(batches, batch_names(batches), strict=True)
        ]
        return commit_run(plan, summaries).as_dict()


def sample_raw_with_rejects(target: Path) -> Path:
    """A copy of the committed sample ``data/raw`` plus a truncated gzip (quarantined as a
    ``read/truncated_gzip`` reject) and a note without any date (stored in the undated partition).
    """
    shutil.copytree(REPO / "data" / "raw", target)
    whole = gzip.compress(b"date 2024-12-02 MOSCOW, December 2. /TASS/. Text.\n" * 50)
    (target / "broken.txt.gz").write_bytes(whole[: len(whole) // 2])  # truncated gzip
    (target / "no-header.txt").write_text("Just a note without a date header.\n", encoding="utf-8")
    return target

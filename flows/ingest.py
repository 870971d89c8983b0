"""Prefect entry point for the ``ingest-news`` flow (deployments in ``prefect.yaml`` point here).

Local one-off run, from the repository root::

    python flows/ingest.py                      # data/raw -> data/processed
    python flows/ingest.py RAW_DIR OUT_DIR

The flow itself lives in the library (``newsquotes.flow``) so that the ``newsquotes`` CLI runs the
very same flow; this file only exposes it to Prefect and to ``python``.
"""

from __future__ import annotations

import os
import sys

# see newsquotes.cli: a temporary local server may need more than Prefect's default 20 s
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

from newsquotes.flow import ingest_news
from newsquotes.summary import render_text

__all__ = ["ingest_news"]

if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) not in (0, 2):
        sys.exit("usage: python flows/ingest.py [RAW_DIR OUT_DIR]")
    result = ingest_news(*args) if args else ingest_news()
    print(render_text(result))

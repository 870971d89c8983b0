"""A one-line progress display for long runs: files and articles done, rate, ETA.

Written to stderr by the flow after each batch, only when the CLI turned it on (a terminal, or
``--progress``), so deployments and tests log plain lines instead.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

ENV = "NEWSQUOTES_PROGRESS"
WIDTH = 24


def enabled() -> bool:
    return os.environ.get(ENV, "") == "1"


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@dataclass
class Progress:
    total_files: int
    total_bytes: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    started: float = field(default_factory=time.monotonic)
    files: int = 0
    bytes_done: int = 0
    articles: int = 0
    quotes: int = 0

    def advance(self, *, files: int, size: int, articles: int, quotes: int) -> str:
        self.files += files
        self.bytes_done += size
        self.articles += articles
        self.quotes += quotes
        line = self.render(time.monotonic() - self.started)
        if enabled():
            end = "\n" if self.files >= self.total_files else ""
            self.stream.write("\r" + line + end)
            self.stream.flush()
        return line

    def render(self, elapsed: float) -> str:
        share = self.bytes_done / self.total_bytes if self.total_bytes else 1.0
        bar = "#" * round(share * WIDTH)
        rate = self.bytes_done / elapsed / 2**20 if elapsed > 0 else 0.0
        eta = elapsed * (1 - share) / share if share > 0 else 0.0
        return (
            f"[{bar:<{WIDTH}}] {self.files}/{self.total_files} files · "
            f"{self.articles:,} articles · {self.quotes:,} quotes · {rate:.1f} MB/s · "
            f"ETA {_clock(eta)}"
        )

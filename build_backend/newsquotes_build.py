"""setuptools' build backend, plus mypy (for mypyc) when ``NEWSQUOTES_COMPILE=1`` asks for a
compiled build: the default, pure build does not download it (setup.py compiles)."""

from __future__ import annotations

import os

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F403  # the hooks this module does not change

MYPYC = ["mypy>=1.10"]


def get_requires_for_build_wheel(
    config_settings: dict[str, str | list[str]] | None = None,
) -> list[str]:
    if os.environ.get("NEWSQUOTES_COMPILE") == "1":
        # setuptools would run setup.py to collect its setup_requires (none), which imports
        # mypyc when compiling: what it needs is known without running it
        return MYPYC
    return _orig.get_requires_for_build_wheel(config_settings)

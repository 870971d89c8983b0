"""setuptools' build backend, plus mypy (for mypyc) when ``NEWSQUOTES_COMPILE=1`` asks for a
compiled build: the default, pure build does not download it (setup.py compiles)."""

from __future__ import annotations

import os

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F403  # the hooks this module does not change

MYPYC = ["mypy>=1.10"]


def _extra() -> list[str]:
    return MYPYC if os.environ.get("NEWSQUOTES_COMPILE") == "1" else []


def get_requires_for_build_wheel(
    config_settings: dict[str, str | list[str]] | None = None,
) -> list[str]:
    return _orig.get_requires_for_build_wheel(config_settings) + _extra()

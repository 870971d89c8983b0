"""setuptools' build backend, deciding whether a build compiles the quote extractor with mypyc.

A wheel build (``pip install .``, what deployments and the README's run command do) compiles
by default, and falls back to pure Python when this machine cannot compile (setup.py).
``NEWSQUOTES_COMPILE=0`` opts out; ``NEWSQUOTES_COMPILE=1`` makes compiling required (a failure
is an error). Editable installs (``pip install -e``: development, CI) never compile: the built
``.so`` files would shadow later edits of the ``.py`` files they came from. Metadata and sdist
builds never compile either (nothing to gain, and it would run mypy twice).

The decision reaches setup.py through ``NEWSQUOTES_BUILD_MYPYC``: setuptools runs setup.py in
this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F403  # the hooks this module does not change

MYPYC = ["mypy>=1.10"]
CHOICE = "NEWSQUOTES_COMPILE"  # the user's choice: unset (compile if possible), "0" or "1"
BUILD_MODE = "NEWSQUOTES_BUILD_MYPYC"  # this backend's decision for setup.py
MODES = {"": "optional", "0": "off", "1": "required"}


def wheel_build_mode() -> str:
    """How a wheel build compiles: ``optional``, ``off`` or ``required`` (from ``CHOICE``)."""
    choice = os.environ.get(CHOICE, "").strip()
    if choice not in MODES:
        raise ValueError(f"{CHOICE} must be 0 or 1 (or unset), not {choice!r}")
    return MODES[choice]


@contextmanager
def _mode(mode: str) -> Iterator[None]:
    before = os.environ.get(BUILD_MODE)
    os.environ[BUILD_MODE] = mode
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(BUILD_MODE, None)
        else:
            os.environ[BUILD_MODE] = before


def get_requires_for_build_wheel(
    config_settings: dict[str, str | list[str]] | None = None,
) -> list[str]:
    if wheel_build_mode() == "off":
        return _orig.get_requires_for_build_wheel(config_settings)
    # setuptools would run setup.py to collect its setup_requires (none): what it needs is known
    return MYPYC


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, str | list[str]] | None = None,
    metadata_directory: str | None = None,
) -> str:
    with _mode(wheel_build_mode()):
        return _orig.build_wheel(wheel_directory, config_settings, metadata_directory)


def _never_compiling(name: str) -> Callable[..., object]:
    """setuptools' hook ``name``, run with compiling off (looked up at call time)."""

    def hook(*args: object, **kwargs: object) -> object:
        with _mode("off"):
            return getattr(_orig, name)(*args, **kwargs)

    hook.__name__ = name
    return hook


# editable installs, metadata and sdists: nothing to gain from compiling (module docstring)
build_editable = _never_compiling("build_editable")
build_sdist = _never_compiling("build_sdist")
prepare_metadata_for_build_wheel = _never_compiling("prepare_metadata_for_build_wheel")
prepare_metadata_for_build_editable = _never_compiling("prepare_metadata_for_build_editable")
get_requires_for_build_editable = _never_compiling("get_requires_for_build_editable")
get_requires_for_build_sdist = _never_compiling("get_requires_for_build_sdist")

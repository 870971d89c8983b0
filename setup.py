"""Build script: compiles the quote extractor with mypyc when the build backend asks for it.

The decision is the backend's (build_backend/newsquotes_build.py): wheel builds (``pip install
.``) compile by default and fall back to pure Python when this machine has no C compiler or
Python headers; ``NEWSQUOTES_COMPILE=0`` opts out, ``NEWSQUOTES_COMPILE=1`` requires compiling;
editable installs (``pip install -e '.[dev]'``: README's test command, CI) stay pure. Run
directly (``NEWSQUOTES_COMPILE=1 python setup.py build_ext --inplace``, tests/test_compiled.py),
the variable alone decides. The modules of ``newsquotes.quotes`` become C extensions installed
beside their sources (docs/OPERATIONS.md, "Compiled extractor").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup

QUOTES = Path("src/newsquotes/quotes")


def compiled_modules() -> list[str]:
    """The quote modules to compile, as paths relative to this file (sorted: stable builds).

    All of them, lexicon.py too: it reads the rule files once per process, but its Lexicon
    record is then a native class whose fields the compiled stages read in C."""
    return sorted(str(p) for p in QUOTES.glob("*.py"))


def build_mode() -> str:
    """``optional``, ``required`` or ``off``: the backend's decision, else the variable's."""
    mode = os.environ.get("NEWSQUOTES_BUILD_MYPYC")
    if mode is None:
        mode = "required" if os.environ.get("NEWSQUOTES_COMPILE") == "1" else "off"
    if mode not in ("optional", "required", "off"):
        raise ValueError(f"NEWSQUOTES_BUILD_MYPYC must be optional, required or off, not {mode!r}")
    return mode


def extensions(mode: str) -> list:
    if mode == "off":
        return []
    try:
        from mypyc.build import mypycify  # the build backend asks for mypy when compiling
    except ImportError:
        if mode == "required":
            raise
        print(
            "newsquotes: mypyc is not installed: the quote extractor stays pure Python",
            file=sys.stderr,
        )
        return []
    # type-check only the compiled modules: the rest of the package imports pandas and pyarrow,
    # which the isolated build environment does not have (nor need)
    mypy_flags = ["--follow-imports=silent", "--ignore-missing-imports"]
    built = mypycify([*mypy_flags, *compiled_modules()], opt_level="3")
    for extension in built:
        # no C compiler or headers: setuptools warns and skips the extension, the .py stays
        extension.optional = mode == "optional"
    return built


setup(ext_modules=extensions(build_mode()))

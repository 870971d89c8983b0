"""Build script: pure Python by default; ``NEWSQUOTES_COMPILE=1`` compiles the quote extractor.

``pip install -e '.[dev]'`` (README, CI) installs the pure package. ``NEWSQUOTES_COMPILE=1 pip
install '.[dev]'`` (a non-editable install) compiles the modules of ``newsquotes.quotes`` with
mypyc into C extensions installed beside their sources (docs/OPERATIONS.md). Not for editable
installs: the built ``.so`` files would shadow later edits of the ``.py`` files they came from.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

QUOTES = Path("src/newsquotes/quotes")
# every module is compiled, lexicon.py too: it reads the rule files once per process, but its
# Lexicon record is then a native class whose fields the compiled stages read in C
NOT_COMPILED: set[str] = set()


def compiled_modules() -> list[str]:
    """The quote modules to compile, as paths relative to this file (sorted: stable builds)."""
    return sorted(str(p) for p in QUOTES.glob("*.py") if p.name not in NOT_COMPILED)


if os.environ.get("NEWSQUOTES_COMPILE") == "1":
    from mypyc.build import mypycify  # the build backend asks for mypy when compiling

    # type-check only the compiled modules: the rest of the package imports pandas and pyarrow,
    # which the isolated build environment does not have (nor need)
    mypy_flags = ["--follow-imports=silent", "--ignore-missing-imports"]
    setup(ext_modules=mypycify([*mypy_flags, *compiled_modules()], opt_level="3"))
else:
    setup()

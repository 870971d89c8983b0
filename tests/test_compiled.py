"""The compiled extractor (``NEWSQUOTES_COMPILE=1``, docs/OPERATIONS.md) gives exactly the quotes
of the pure one.

The package source is copied to a temp dir and its quote modules compiled there with the repo's
``setup.py`` (mypyc, then the C compiler: ~80 s of CPU); a subprocess extracts every
case text of ``tests/data/quotes/cases*.json`` from that copy before and after compiling, and the
two dumps must be equal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import DATA, REPO

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

# every case body's quotes, in full (repr of each Quote), and where the modules were loaded from
_DUMP = """
import json, sys
import newsquotes.quotes as q
from newsquotes.quotes import direct, extract_quotes
bodies = json.load(sys.stdin)
json.dump({"compiled": q.compiled(), "file": direct.__file__,
           "quotes": [[repr(x) for x in extract_quotes(b)] for b in bodies]}, sys.stdout)
"""


def _compiler_missing() -> str | None:
    """Why this machine cannot build a C extension, or None."""
    try:
        import mypyc.build  # noqa: F401  # mypy brings mypyc
    except ImportError:
        return "mypyc not installed (pip install mypy)"
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        return f"no C compiler ({cc}) on PATH"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "Python headers (Python.h) not installed"
    return None


def _dump(src: Path, bodies: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP],
        input=json.dumps(bodies),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def test_compiled_extractor_gives_the_quotes_of_the_pure_one(tmp_path: Path) -> None:
    reason = _compiler_missing()
    if reason is not None:
        pytest.skip(reason)
    bodies = [
        case["body"]
        for path in sorted(DATA.glob("quotes/cases*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))
    ]
    assert len(bodies) > 100
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tmp_path / name)
    src = tmp_path / "src"
    shutil.copytree(
        REPO / "src" / "newsquotes",
        src / "newsquotes",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.c"),
    )
    pure = _dump(src, bodies)
    assert not pure["compiled"] and pure["file"].startswith(str(src))

    build = subprocess.run(
        [sys.executable, "setup.py", "build_ext", "--inplace"],
        cwd=tmp_path,
        env={**os.environ, "NEWSQUOTES_COMPILE": "1"},
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    compiled = _dump(src, bodies)
    assert compiled["compiled"] and compiled["file"].startswith(str(src))

    assert sum(map(len, pure["quotes"])) > 100  # the cases do find quotes
    assert compiled["quotes"] == pure["quotes"]

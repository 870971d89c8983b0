"""Keep pandas out of a process that only uses Arrow (pool workers, the command line).

pyarrow asks its pandas shim whether pandas is there the first time it converts a Python list
(``pa.array``) or loads ``pyarrow.dataset``, and that question imports pandas: ~30-50 MiB
resident and ~0.5 s per process, for nothing when no pandas object is ever handed to pyarrow.
"""

from __future__ import annotations

import importlib.abc
import sys


def skip_pandas_probe() -> None:
    """Make pyarrow remember that pandas is absent, unless pandas is already loaded.

    ``pa.array`` on a Python list (and ``import pyarrow.dataset``) asks pyarrow's pandas shim
    whether pandas is there, and the first question imports pandas (~50 MiB resident). The shim
    asks once and keeps the answer; while it asks here, ``import pandas`` fails, so pandas is not
    loaded for the probe. Nothing else changes: ``import pandas`` works afterwards, and pyarrow
    imports it again for anything that needs pandas (``to_pandas``, ``from_pandas``). Only for
    processes that never hand pandas objects to pyarrow (it would read them as plain sequences).
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(blocker)


class _NoPandas(importlib.abc.MetaPathFinder):
    """An import hook under which ``import pandas`` fails."""

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.partition(".")[0] == "pandas":
            raise ImportError("pandas is not loaded in newsquotes worker processes")
        return None

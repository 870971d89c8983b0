"""Path globs for include/exclude rules: ``**`` spans folders, ``*`` and ``?`` stay in one.

Matching is case-insensitive (``README.TXT`` and ``readme.txt`` are the same rule on every file
system) and always against '/'-separated relative paths, so results do not depend on the OS.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def _compile(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : close]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.IGNORECASE | re.DOTALL)


def glob_match(pattern: str, path: str) -> bool:
    """Whether the '/'-separated ``path`` matches ``pattern`` (see module doc)."""
    return _compile(pattern).match(path) is not None


def selected(
    path: str, include: tuple[str, ...] | list[str], exclude: tuple[str, ...] | list[str]
) -> bool:
    """Included by at least one ``include`` glob and by no ``exclude`` glob."""
    return any(glob_match(p, path) for p in include) and not any(
        glob_match(p, path) for p in exclude
    )

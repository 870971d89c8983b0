"""Article ids as one fixed-width numpy byte string each, for set work over a whole run's ids.

An article id is ``ARTICLE_ID_CHARS`` hex characters (:func:`newsquotes.ids.article_id`). The
commit's check across partitions looks at every new article id of a run at once: as Arrow
strings with a hash group-by that took ~170 MiB of Arrow memory for a 1 GB corpus's 834,000 ids
(and the process kept most of it); as one ``S20`` array sorted once it is 17 MB plus the sort's
copies (docs/PERFORMANCE.md, round 7).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from newsquotes.ids import ARTICLE_ID_CHARS

KEY_DTYPE = np.dtype(f"S{ARTICLE_ID_CHARS}")
_FIXED = pa.binary(ARTICLE_ID_CHARS)


def id_keys(ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The ids as an ``S20`` array (a view of Arrow's buffer per chunk, then one copy).

    Raises ``pyarrow.ArrowInvalid`` for an id of another width and ``ValueError`` for a null:
    neither is an article id this package wrote."""
    chunks = ids.chunks if isinstance(ids, pa.ChunkedArray) else [ids]
    keys = []
    for chunk in chunks:
        if chunk.null_count:
            raise ValueError("null article id")
        fixed = chunk.cast(_FIXED)
        keys.append(
            np.frombuffer(
                fixed.buffers()[1],
                dtype=KEY_DTYPE,
                count=len(fixed),
                offset=fixed.offset * ARTICLE_ID_CHARS,
            )
        )
    return np.concatenate(keys) if keys else np.empty(0, KEY_DTYPE)


def member_of(keys: np.ndarray, sorted_unique: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``keys``: whether it is in ``sorted_unique``, and where (valid where found)."""
    at = np.searchsorted(sorted_unique, keys)
    found = at < len(sorted_unique)
    found[found] = sorted_unique[at[found]] == keys[found]
    return found, at


def as_strings(keys: np.ndarray) -> list[str]:
    return [key.decode("ascii") for key in keys.tolist()]

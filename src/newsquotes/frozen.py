"""A faster ``__init__`` for the frozen, slotted records built per article, cue and quote.

The ``__init__`` that ``dataclass(frozen=True)`` generates sets every field with
``object.__setattr__(self, "name", value)``: a global, an attribute and a name lookup per field.
Extraction builds a few records per cue (spans, mentions, quotes: ~5 % of its time went to these
``__init__`` calls) and parsing three per article, so :func:`fast_init` replaces that
``__init__`` by one with the same signature, defaults and ``__post_init__`` call that stores each
field through its slot descriptor (a third faster). Nothing else changes: the instances are the
same frozen dataclasses (equality, hashing, ordering, ``replace``, pickling and assignment errors
as before).
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T", bound=type)


def fast_init(cls: T) -> T:
    """Give the frozen slotted dataclass ``cls`` a faster ``__init__`` (apply above
    ``@dataclass``). Only plain fields are supported: each is an ``__init__`` parameter with at
    most a plain default; anything else raises ``TypeError`` when the class is defined."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"fast_init needs a frozen dataclass with slots, not {cls.__name__}")
    names: list[str] = []
    lines: list[str] = []
    env: dict[str, object] = {}
    for i, f in enumerate(dataclasses.fields(cls)):
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"fast_init: field {f.name!r} of {cls.__name__} is not a plain field")
        if f.default is dataclasses.MISSING:
            names.append(f.name)
        else:
            env[f"_default_{i}"] = f.default
            names.append(f"{f.name}=_default_{i}")
        env[f"_set_{i}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        lines.append(f"    _set_{i}(self, {f.name})")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(names)}):\n" + "\n".join(lines or ["    pass"])
    exec(source, env)  # how dataclasses builds its own __init__
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__module__ = cls.__module__  # type: ignore[attr-defined]
    cls.__init__ = init  # type: ignore[misc]
    return cls

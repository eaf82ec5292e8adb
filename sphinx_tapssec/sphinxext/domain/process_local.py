"""A value that only the process holding it sends on when pickled.

Sphinx's parallel readers are forked children that return their whole environment to the
main process pickled, and the main process unpickles each one only to merge the records of
the documents the child read. The catalog is in that environment, though it never changes
while documents are read and the main process loaded it before forking: at N = 1000 it made
each returned environment 2.8 MB instead of 0.5 MB and cost the main process 0.7 s per chunk
to unpickle, in series. Held in a :class:`ProcessLocal`, it is pickled as ``None`` by any
other process than the one that made the holder, while the main process still saves it with
the environment for the next build.

Sphinx has no public way to say what a parallel reader sends back: it pickles the whole
environment, and an extension sees the result only in ``merge_domaindata``/``env-merge-info``,
after the main process has paid to unpickle it. This holder therefore leans on how the
readers work (forked children that pickle the environment), not on a Sphinx API. It fails
safe: if Sphinx ever reads in the same process, or sends data some other way, the catalog is
simply carried, and ``merge_domaindata`` never reads it. Upstream: sphinx-doc/sphinx#11448
(restructuring multiprocessing) and the review of sphinx-doc/sphinx#11746, which asks for a
hook that decides what a worker sends back.
"""

from __future__ import annotations

import copy
import os
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class ProcessLocal(Generic[T]):
    """*value*, pickled as itself by the process that made this holder and as ``None`` by others."""

    __slots__ = ("_owner", "value")

    def __init__(self, value: T | None) -> None:
        self.value: T | None = value
        self._owner = os.getpid()

    def __getstate__(self) -> tuple[T | None]:
        # A tuple, never a false value: pickle skips __setstate__ for those.
        return (self.value if os.getpid() == self._owner else None,)

    def __setstate__(self, state: tuple[T | None]) -> None:
        # Whoever unpickles the holder owns it from now on.
        (self.value,) = state
        self._owner = os.getpid()

    def __deepcopy__(self, memo: dict[int, Any]) -> ProcessLocal[T]:
        # A copy is not a hand-over to another process: it keeps the value (Sphinx deep-copies
        # a domain's initial data).
        return ProcessLocal(copy.deepcopy(self.value, memo))

    def __repr__(self) -> str:
        return f"ProcessLocal({self.value!r})"

"""Run one Sphinx build and print, as JSON, where its main process spent the time.

``python _phase_probe.py SPHINX-BUILD-ARGS...`` (run by :mod:`benchmarks.phases` with the
interpreter under test). It wraps Sphinx without changing what it does: the read phase ends
at ``env-updated``, the write phase runs from ``write-started`` to ``build-finished``; in the
main process it adds up ``get_and_resolve_doctree`` (unpickling, post-transforms, reference
resolution) and the full (generation 2) garbage collections.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from typing import Any

from sphinx.application import Sphinx
from sphinx.cmd.build import main
from sphinx.environment import BuildEnvironment

MAIN = os.getpid()
times: dict[str, float] = {"resolve": 0.0, "gc": 0.0}
counts = {"full_collections": 0}
marks: dict[str, float] = {}
_gc_started = [0.0]


def _on_gc(phase: str, info: dict[str, Any]) -> None:
    if info["generation"] != 2 or os.getpid() != MAIN:
        return
    if phase == "start":
        _gc_started[0] = time.perf_counter()
    else:
        counts["full_collections"] += 1
        times["gc"] += time.perf_counter() - _gc_started[0]


_resolve = BuildEnvironment.get_and_resolve_doctree


def _timed_resolve(self: BuildEnvironment, *args: Any, **kwargs: Any) -> Any:
    started = time.perf_counter()
    try:
        return _resolve(self, *args, **kwargs)
    finally:
        if os.getpid() == MAIN:
            times["resolve"] += time.perf_counter() - started


_build = Sphinx.build


def _marked_build(self: Sphinx, *args: Any, **kwargs: Any) -> None:
    started = time.perf_counter()

    def mark(event: str) -> Any:
        def handler(*_: Any) -> None:  # None: an env-updated handler returns documents to re-read
            marks.setdefault(event, time.perf_counter() - started)

        return handler

    for event in ("env-updated", "write-started", "build-finished"):
        self.connect(event, mark(event))
    _build(self, *args, **kwargs)


def run(argv: list[str]) -> dict[str, float | int]:
    gc.callbacks.append(_on_gc)
    BuildEnvironment.get_and_resolve_doctree = _timed_resolve  # type: ignore[method-assign]
    Sphinx.build = _marked_build  # type: ignore[method-assign]
    started = time.perf_counter()
    status = main(argv)
    total = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "status": status,
        "total": total,
        "read": marks.get("env-updated", 0.0),
        "write": marks.get("build-finished", 0.0) - marks.get("write-started", 0.0),
        "resolve": times["resolve"],
        "full_collections": counts["full_collections"],
        "gc": times["gc"],
        "main_mb": own.ru_maxrss / 1024,
        "workers_mb": children.ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1:])))

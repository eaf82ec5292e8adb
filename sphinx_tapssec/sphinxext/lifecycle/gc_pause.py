"""Opt-in: pause Python's cyclic garbage collector while Sphinx writes pages in parallel.

In a parallel write (``-j N``) Sphinx's main process unpickles and resolves every page in turn
and keeps each one until a writer process has written its chunk; with one writer (``-j 2``) it
keeps nearly every page of the project at once. Its heap only grows, and the collector answers
each quarter of growth with a full collection over the whole heap: at N = 1000 those took 9.8 s
of the main process's 15 s of resolving, more than the writer saved. The price is memory: at
N = 1000 the main process peaked at 440 MiB instead of 320 MiB.

The collector is global to the host's process (pytest, Jupyter, a documentation server), so the
pause is off unless ``tapssec_pause_gc_in_parallel_writes = True``. When on, the collector is
paused from ``write-started`` and comes back however the build ends: at ``build-finished`` after
success or an exception, and on SIGINT, for Sphinx emits no event when a KeyboardInterrupt
stops it. The pause is only taken where that promise can be kept: in the main thread. Where
SIGINT is ignored or not handled by Python, no KeyboardInterrupt can stop the build, and
build-finished resumes the collector.
"""

from __future__ import annotations

import gc
import signal
import threading
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from types import FrameType

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)


class ParallelWriteGcPause:
    """The event handlers, and the SIGINT handler this build replaced while it paused the collector."""

    def __init__(self) -> None:
        self.paused = False
        self.previous: signal.Handlers | signal._HANDLER = None

    def start(self, app: Sphinx, builder: Builder) -> None:
        """``write-started``: pause the collector if asked to and Sphinx is about to write in parallel."""
        # parallel_ok is set by Builder.build() before writing: -j > 1 and every extension
        # parallel-write safe. A collector someone else switched off stays theirs.
        if not (app.config.tapssec_pause_gc_in_parallel_writes and builder.parallel_ok and gc.isenabled()):
            return
        if threading.current_thread() is not threading.main_thread():
            return
        previous = signal.getsignal(signal.SIGINT)
        if callable(previous):
            self.previous = previous
            signal.signal(signal.SIGINT, self.interrupted)
        # Otherwise SIGINT is ignored, ends the process, or is handled outside Python: no
        # KeyboardInterrupt can then leave the collector off, and build-finished resumes it.
        gc.disable()
        self.paused = True
        logger.verbose("tapssec: garbage collection paused for the parallel write")

    def interrupted(self, signum: int, frame: FrameType | None) -> None:
        """SIGINT during the pause: switch the collector back on, then let the host's handler act."""
        previous = self.previous
        self.resume()
        if callable(previous):
            previous(signum, frame)

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: switch the collector back on if :meth:`start` paused it."""
        self.resume()

    def resume(self) -> None:
        """Undo what :meth:`start` did, once."""
        if self.paused:
            self.paused = False
            gc.enable()
            if self.previous is not None:
                signal.signal(signal.SIGINT, self.previous)
                self.previous = None

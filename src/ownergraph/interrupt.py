"""Stop a batch load cleanly on SIGINT (Ctrl-C) or SIGTERM.

Each filing is written to the store in one Oxigraph transaction, so the store is
consistent whenever the process stops; what this module adds is a *clean* stop:

- SIGTERM (which would otherwise kill the process silently) is treated like Ctrl-C;
- while a filing is being written and recorded (:meth:`SignalGuard.critical`), the
  signal is held back until that filing is done, so the report matches the store;
- elsewhere (reading or parsing a file, which writes nothing) it stops at once;
- the stop is a :class:`LoadInterrupted` exception (a ``KeyboardInterrupt``, so a
  caller that handles Ctrl-C handles it too) whose message says what was kept.

Handlers are installed only in the main thread (Python allows no other) and the
previous handlers are restored on exit.

Examples
--------
>>> with SignalGuard() as guard:
...     guard.check()  # no signal received: nothing happens
>>> str(LoadInterrupted("SIGTERM", loaded=3, total=10))
'interrupted by SIGTERM after 3 of 10 file(s): the store keeps every filing loaded before the interruption, each complete; the other files were not loaded'
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

__all__ = ["LoadInterrupted", "SignalGuard"]

_SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class LoadInterrupted(KeyboardInterrupt):
    """A load stopped by a signal; the store keeps every filing loaded before it."""

    def __init__(self, signame: str, *, loaded: int = 0, total: int | None = None) -> None:
        self.signame = signame
        self.loaded = loaded
        self.total = total
        super().__init__(str(self))

    def __str__(self) -> str:
        of = f" of {self.total}" if self.total is not None else ""
        return (
            f"interrupted by {self.signame} after {self.loaded}{of} file(s): the store keeps "
            "every filing loaded before the interruption, each complete; the other files "
            "were not loaded"
        )


class SignalGuard:
    """Context manager: turns SIGINT/SIGTERM into :class:`LoadInterrupted`.

    ``loaded`` and ``total`` are read when the exception is made, so the caller keeps
    them current.
    """

    def __init__(self, total: int | None = None) -> None:
        self.total = total
        self.loaded = 0
        self.received: str | None = None
        self._depth = 0
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> SignalGuard:
        if threading.current_thread() is threading.main_thread():
            for sig in _SIGNALS:
                with contextlib.suppress(ValueError, OSError):
                    self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self.received is not None and self._depth == 0:
            raise self._error()
        self.received = name
        if self._depth == 0:
            raise self._error()

    def _error(self) -> LoadInterrupted:
        return LoadInterrupted(self.received or "a signal", loaded=self.loaded, total=self.total)

    def check(self) -> None:
        """Raise :class:`LoadInterrupted` if a signal arrived while it was held back."""
        if self.received is not None:
            raise self._error()

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        """Hold signals back for the duration (a filing's write and its bookkeeping)."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        self.check()

"""The progress line of an audit: files, pages, failures and ETA, on stderr, only on a terminal.

A batch job's log (not a terminal) gets nothing here: the final summary line says it all, and a
log full of carriage returns helps nobody.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_EVERY = 0.25


def duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Counts finished files and redraws one line at most four times a second."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.files, self.pages, self.failures = total, 0, 0, 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def update(self, report: dict) -> None:
        self.files += 1
        self.pages += int(report.get("pages") or 0)
        self.failures += report.get("status") == "error"
        if self.enabled and (time.monotonic() - self._drawn >= REDRAW_EVERY or self.files == self.total):
            self._draw()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        width = 24
        filled = int(width * self.files / self.total) if self.total else width
        eta = elapsed / self.files * (self.total - self.files) if self.files else 0.0
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.files}/{self.total} files, "
                f"{self.pages} pages, {self.failures} failed, {duration(elapsed)} elapsed, ETA {duration(eta)}")

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.files:
            self.stream.write("\n")
            self.stream.flush()

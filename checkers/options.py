"""Options of one check, shared by `notices check`, `notices audit` and the web app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckOptions:
    """How to check a file: forced type, OCR, and the limits that keep hostile input in bounds.

    Defaults fit a 2-core, 24 GiB machine: a worker may use up to 2 GiB and 120 s per file, and
    documents over 5,000 pages or 512 MB are refused with a reason rather than read.
    """

    doc_type: str | None = None
    ocr: bool = False
    timeout: float = 120.0
    max_memory_mb: int = 2048
    max_pages: int = 5000
    max_bytes: int = 512 * 1024 * 1024

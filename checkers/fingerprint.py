"""The identity of a file: the SHA-256 of its bytes (reports, audits and page images key on it)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MB chunks; raises OSError when it cannot be read."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_or_empty(path: str | Path) -> str:
    """SHA-256 of a file, or "" when it cannot be read (for reports of files that failed)."""
    try:
        return sha256_of(path)
    except OSError:
        return ""

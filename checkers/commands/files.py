"""Finding the document files a command was given."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".txt", ".html", ".htm"}


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and document files found under directories (sorted, hidden ones skipped)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                        yield os.path.join(root, name)
        else:
            yield path

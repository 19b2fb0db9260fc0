"""The inputs of an audit: files found under paths and globs, identified by content, sharded.

Files are identified by SHA-256 so a copy (the same EOC filed under two names) is audited once,
and so that the share a file falls in depends on its bytes, not on where a node mounted it.
"""

from __future__ import annotations

import glob
from checkers.fingerprint import sha256_of
import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from checkers.commands.files import iter_files


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based, as in `--shard 3/8`)."""

    index: int = 1
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """'I/N' with 1 <= I <= N; ValueError with a usable message otherwise."""
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise ValueError(f"shard must look like I/N (e.g. 2/8), not {text!r}") from None
        if count < 1 or not 1 <= index <= count:
            raise ValueError(f"shard {text!r}: need 1 <= I <= N")
        return cls(index, count)

    def holds(self, sha256: str) -> bool:
        """Deterministic on every machine: the digest decides, not the order or the host."""
        return int(sha256[:16], 16) % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class Input:
    """A file to audit: the first path it was found under, its digest and size."""

    path: str
    sha256: str
    size: int


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files under the given paths; a path that does not exist is taken as a glob pattern."""
    for path in paths:
        if os.path.exists(path):
            yield from iter_files([path])
        else:
            yield from iter_files(sorted(glob.glob(path, recursive=True)))


def digest(path: str) -> str:
    """SHA-256 of a file's bytes (see checkers.fingerprint)."""
    return sha256_of(path)


def identify(paths: Iterable[str]) -> tuple[list[Input], list[tuple[str, str]], list[str]]:
    """(one Input per distinct content, (path, sha256) of every file, paths that cannot be read)."""
    inputs: dict[str, Input] = {}
    seen: list[tuple[str, str]] = []
    unreadable: list[str] = []
    for path in dict.fromkeys(expand(paths)):
        try:
            sha, size = digest(path), os.path.getsize(path)
        except OSError:
            unreadable.append(path)
            continue
        seen.append((path, sha))
        inputs.setdefault(sha, Input(path, sha, size))
    return list(inputs.values()), seen, unreadable

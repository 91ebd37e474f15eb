"""A full disk, recognised in whichever layer met it first (SQLite, PostgreSQL, Whoosh, the OS).

The run stops with one message instead of thousands of lines of traceback; everything stored
before is consistent (each document is one transaction, each index commit atomic), and the next
run after space is freed resumes where this one stopped."""

from __future__ import annotations

import errno
from pathlib import Path

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_FULL_PHRASES = ("database or disk is full", "no space left on device", "could not extend file", "disk full")


class StorageFull(RuntimeError):
    """No room left to write the knowledge base."""


def as_storage_full(exc: BaseException, data_dir: Path) -> StorageFull | None:
    """A StorageFull with a clear message when `exc` (or what caused it) is a full disk."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _FULL_ERRNOS:
            return _full(data_dir)
        if getattr(current, "sqlstate", None) == "53100" or any(
            phrase in str(current).lower() for phrase in _FULL_PHRASES
        ):
            return _full(data_dir)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return None


def _full(data_dir: Path) -> StorageFull:
    return StorageFull(
        f"no space left to write the knowledge base in {data_dir}: the run stopped, and what was "
        "stored before is intact; free some space and run the same command again to resume"
    )

"""One writer at a time: an exclusive lock file in the data folder, with a message that says
who holds it. Readers (the web server) never take it."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class IndexLocked(RuntimeError):
    """Another indexing run holds the data folder."""


@contextmanager
def writer_lock(data_dir: Path):
    path = Path(data_dir) / "indexer.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            raise IndexLocked(
                f"another indexing run is writing to {data_dir} (pid {holder}); "
                "wait for it to finish or stop it, then run again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)

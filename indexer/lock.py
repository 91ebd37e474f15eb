"""One writer at a time: an exclusive lock on a file in the data folder, with a message that says
who holds it. Readers (the web server) never take it.

The lock is the kernel's (flock), so it is released when its holder dies, kill -9 included. It is
opened close-on-exec and the parse workers are spawned, not forked, so no child process can keep
it after the run is gone; when the lock is still held, the message names the processes that
actually hold the file open rather than trusting the pid written in it."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class IndexLocked(RuntimeError):
    """Another indexing run holds the data folder."""


def _holders(path: Path) -> list[int]:
    """Processes that have the lock file open (Linux /proc); empty where that cannot be seen."""
    target = str(path.resolve())
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) == target:
                    pids.append(int(entry.name))
                    break
        except (OSError, ValueError):
            continue
    return [p for p in pids if p != os.getpid()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def writer_lock(data_dir: Path, name: str = "indexer.lock", what: str = "indexing run"):
    path = Path(data_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            written = os.pread(fd, 64, 0).decode(errors="replace").strip()
            holders = _holders(path)
            if written.isdigit() and _alive(int(written)):
                who = f"pid {written}"
            elif holders:
                who = f"processes {', '.join(map(str, holders))} left over from a run that was killed"
            else:
                who = "another process"
            raise IndexLocked(
                f"another {what} is writing to {data_dir} ({who}); "
                "wait for it to finish or stop it, then run again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)

"""Parse files in worker processes, each file under a time and a memory limit.

One hostile or unlucky file must not stall or exhaust an indexing run: a worker that runs past
the time limit is killed and replaced, a worker that runs out of its address-space limit reports
a MemoryError, and a worker that dies is replaced; in every case that one file fails with a reason
and the run goes on. Workers are fresh interpreters (`python -m indexer.workers`), so they inherit no lock or
database handle of the run and never re-run the caller's script, and they die with the run
(PR_SET_PDEATHSIG) when it is killed with -9.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

DEFAULT_PARSER = "kamervragen.parser:parse"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    """Per-file limits, configurable from the command line (`--parse-timeout`, `--parse-memory`)."""

    seconds: float = 120.0
    memory_mb: int = 4096
    workers: int = max(1, min(os.cpu_count() or 1, 4))


@dataclass
class Outcome:
    """What parsing one file gave: the document (as JSON) or the reason it failed."""

    document_json: str | None = None
    error: str | None = None
    not_a_kamervraag: bool = False


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pipe's EOF still ends an idle worker
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _worker(conn: Connection, parser: str, memory_mb: int, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    module, _, name = parser.partition(":")
    parse = getattr(importlib.import_module(module), name)
    from kamervragen.errors import NotAKamervraag, ParseError
    from kamervragen.extract.entities import pipeline

    pipeline()  # load the language pipeline now, so that the first file's time limit is its own
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the run closed its end
            return
        data, filename = job
        try:
            doc = parse(data, name=filename)
            outcome = Outcome(document_json=doc.model_dump_json())
        except NotAKamervraag as exc:
            outcome = Outcome(error=str(exc), not_a_kamervraag=True)
        except ParseError as exc:
            outcome = Outcome(error=str(exc))
        except MemoryError:
            outcome = Outcome(error=f"parsing needs more than the memory limit of {memory_mb} MB")
        except RecursionError:
            outcome = Outcome(error="the document is nested too deeply to parse")
        except Exception as exc:
            outcome = Outcome(error=f"unexpected parser failure: {exc!r}")
        del data
        conn.send(outcome)


class _Slot:
    """One worker process and its end of the socket pair."""

    def __init__(self, parser: str, limits: Limits) -> None:
        ours, theirs = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "indexer.workers",
                str(theirs.fileno()),
                parser,
                str(limits.memory_mb),
                str(os.getpid()),
            ],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self._ready = False

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Block until the worker has imported the parser (so start-up is not parse time)."""
        if self._ready:
            return
        if not self.conn.poll(timeout):
            raise RuntimeError(f"a parse worker did not start within {timeout:g} s")
        try:
            message = self.conn.recv()
        except EOFError:
            raise RuntimeError("a parse worker died while starting") from None
        if message != "ready":
            raise RuntimeError(f"a parse worker said {message!r} while starting")
        self._ready = True

    def kill(self) -> None:
        """End the worker whatever it is doing (a file past its limit, or the pool closing)."""
        self.process.kill()
        self.process.wait()
        self.conn.close()


class ParsePool:
    """`map` parses (path, bytes) jobs in order of submission, `workers` at a time."""

    def __init__(self, limits: Limits | None = None, parser: str = DEFAULT_PARSER) -> None:
        self.limits = limits or Limits()
        self.parser = parser
        self._slots: list[_Slot] = []

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for slot in self._slots:
            slot.kill()
        self._slots = []

    def map(self, jobs: Iterable[tuple[Path, bytes]]) -> Iterator[tuple[Path, Outcome]]:
        """Outcomes in the order of the jobs (later files may depend on earlier ones' ids)."""
        pending = iter(jobs)
        order: deque[int] = deque()  # job numbers in submission order
        done: dict[int, tuple[Path, Outcome]] = {}
        busy: dict[int, tuple[int, Path, float]] = {}  # slot index -> (job number, path, deadline)
        free = list(range(self.limits.workers))
        count = 0
        exhausted = False
        while True:
            while free and not exhausted:
                job = next(pending, None)
                if job is None:
                    exhausted = True
                    break
                path, data = job
                if not self._slots:  # started on the first file that needs parsing
                    self._slots = [self._new_slot() for _ in range(self.limits.workers)]
                i = free.pop()
                self._slots[i].wait_ready()
                try:
                    self._slots[i].conn.send((data, path.name))
                except OSError:  # the worker is gone: replace it, then send again
                    self._replace(i)
                    self._slots[i].wait_ready()
                    self._slots[i].conn.send((data, path.name))
                busy[i] = (count, path, time.monotonic() + self.limits.seconds)
                order.append(count)
                count += 1
            while order and order[0] in done:
                yield done.pop(order.popleft())
            if not busy:
                if exhausted:
                    return
                continue
            timeout = max(0.0, min(deadline for _, _, deadline in busy.values()) - time.monotonic())
            ready = wait([self._slots[i].conn for i in busy], timeout=timeout)
            now = time.monotonic()
            for i in list(busy):
                number, path, deadline = busy[i]
                slot = self._slots[i]
                if slot.conn in ready:
                    try:
                        outcome = slot.conn.recv()
                    except (EOFError, OSError):
                        outcome = Outcome(error="the parser process died (out of memory?)")
                        self._replace(i)
                elif now >= deadline:
                    outcome = Outcome(
                        error=f"parsing took longer than the limit of {self.limits.seconds:g} s"
                    )
                    self._replace(i)
                else:
                    continue
                del busy[i]
                done[number] = (path, outcome)
                free.append(i)

    def _new_slot(self) -> _Slot:
        return _Slot(self.parser, self.limits)

    def _replace(self, i: int) -> None:
        self._slots[i].kill()
        self._slots[i] = self._new_slot()


if __name__ == "__main__":  # a worker: python -m indexer.workers FD PARSER MEMORY_MB PARENT_PID
    from indexer import workers  # the module by its name, so outcomes unpickle in the run

    fd, parser, memory_mb, parent = sys.argv[1:5]
    workers._worker(Connection(int(fd)), parser, int(memory_mb), int(parent))

"""Files per second of an index run and of a rebuild over the dev corpus (a benchmark, not a
test): parse workers, storage and the search index together, as `kamervragen index` runs them.

Run with `make bench`; `--workers N` compares worker counts on the same files. CPU seconds
(this process and its parse workers) are printed beside wall time: on a shared machine the wall
time says more about the neighbours than about the code."""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from indexer.pipeline import Indexer
from indexer.workers import Limits
from kamervragen.files import document_files

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=Limits().workers)
    args = parser.parse_args()
    files = document_files([DEV])
    with tempfile.TemporaryDirectory() as tmp:
        kb = Indexer(Path(tmp) / "data", limits=Limits(workers=args.workers))
        for label, rebuild in (("first run", False), ("unchanged", False), ("rebuild", True)):
            start, cpu = time.perf_counter(), _cpu()
            summary = kb.run(files, rebuild=rebuild)
            seconds, cpu = time.perf_counter() - start, _cpu() - cpu
            print(
                f"{label:10s} {len(files)} files in {seconds:6.1f} s (CPU {cpu:6.1f} s) = "
                f"{len(files) / seconds:6.1f} files/s "
                f"(workers {args.workers}; added {summary.added}, updated {summary.updated}, "
                f"unchanged {summary.unchanged}, failed {len(summary.failed)}, "
                f"skipped {len(summary.skipped)})"
            )


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes (the parse workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()

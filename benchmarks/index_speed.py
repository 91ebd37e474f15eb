"""Files per second of an index run and of a rebuild over the dev corpus (a benchmark, not a
test): parse workers, storage and the search index together, as `kamervragen index` runs them.

Run with `make bench`; `--workers N` compares worker counts on the same files."""

from __future__ import annotations

import argparse
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
            start = time.perf_counter()
            summary = kb.run(files, rebuild=rebuild)
            seconds = time.perf_counter() - start
            print(
                f"{label:10s} {len(files)} files in {seconds:6.1f} s = {len(files) / seconds:6.1f} files/s "
                f"(workers {args.workers}; added {summary.added}, updated {summary.updated}, "
                f"unchanged {summary.unchanged}, failed {len(summary.failed)}, "
                f"skipped {len(summary.skipped)})"
            )


if __name__ == "__main__":
    main()

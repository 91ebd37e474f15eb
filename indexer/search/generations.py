"""Where the live search index is: one folder per build, and a pointer file naming the live one.

A rebuild writes a whole new index beside the live one and then replaces the pointer with one
atomic rename, so readers in every process see either the old index or the new one, never an
empty or half-built one, and a rebuild that fails leaves the old one serving. Incremental runs
write into the live folder (Whoosh commits are atomic per generation).

Layout of the index folder (`data/index/`):

    current          the name of the live build folder ("g000003")
    g000002/         the previous build, kept for readers that still have it open
    g000003/         the live build

An index folder made before builds existed holds Whoosh's files directly; it stays live until
the first rebuild replaces it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from whoosh import index

POINTER = "current"
_BUILD = re.compile(r"^g(\d{6})$")
KEEP = 2  # the live build and the one before it (a reader may still be reading it)


class IndexHome:
    """The index folder: which build is live, making new builds, switching, pruning."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def live(self) -> Path:
        """The folder of the live build; the root itself for an index made before builds."""
        name = self.live_name()
        return self.root / name if name else self.root

    def live_name(self) -> str:
        try:
            name = (self.root / POINTER).read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return ""
        return name if _BUILD.match(name) and (self.root / name).is_dir() else ""

    def exists(self) -> bool:
        return index.exists_in(str(self.live()))

    def builds(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir() if p.is_dir() and _BUILD.match(p.name))

    def new_build(self) -> Path:
        """An empty folder for the next build, numbered after every build there is."""
        self.root.mkdir(parents=True, exist_ok=True)
        numbers = [int(_BUILD.match(p.name).group(1)) for p in self.builds()]
        path = self.root / f"g{max(numbers, default=0) + 1:06d}"
        path.mkdir()
        return path

    def switch(self, build: Path) -> None:
        """Make `build` live for every reader at once: write the pointer aside, rename it over."""
        tmp = self.root / f".{POINTER}.{os.getpid()}"
        with open(tmp, "w", encoding="ascii") as f:
            f.write(build.name)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.root / POINTER)
        _fsync_dir(self.root)
        self.prune()

    def discard(self, build: Path) -> None:
        """Remove a build that never went live (a rebuild that failed)."""
        if build.name != self.live_name():
            shutil.rmtree(build, ignore_errors=True)

    def prune(self) -> None:
        """Remove old builds and, once a build is live, the files of a pre-build index."""
        live = self.live_name()
        keep = {p.name for p in self.builds()[-KEEP:]} | {live}
        for path in self.builds():
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
        if live:
            for path in self.root.iterdir():
                if path.is_file() and path.name.startswith(("MAIN_", "_MAIN_")):
                    path.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

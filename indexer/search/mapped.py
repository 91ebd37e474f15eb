"""Reading a Whoosh index through memory maps, without copying segment data.

Whoosh opens a compound segment file (`.seg`) with `mmap`, but its file wrapper then copies the
whole sub-file it hands out (postings, term index, stored fields, columns) into a `BytesIO`:
at 100,000 documents that was 0.9 GB per process, again for every searcher opened. Here a
segment file is mapped once per storage and every file handed out is a window on the map with
its own read position: opening one costs nothing, reads copy only the bytes asked for, and the
pages are the operating system's page cache, shared by every searcher and every worker process.

A window's position belongs to whoever opened it; two threads must not read through one window
(the searcher pool in whoosh_backend gives every request its own searcher). Positional reads
(`get`) never move the position."""

from __future__ import annotations

import mmap
import os
import threading

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

PEEK = 1024


class _Window:
    """A read-only file over bytes start..end of a memory map, with its own position."""

    def __init__(self, source: mmap.mmap, start: int, end: int) -> None:
        self._source = source
        self._start = start
        self._end = end
        self._pos = start
        self.closed = False

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = self._end if size is None or size < 0 else min(self._end, start + size)
        self._pos = max(start, end)
        return self._source[start:end]

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        newline = self._source.find(b"\n", self._pos, self._end)
        end = self._end if newline < 0 else newline + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(end - self._pos)

    def peek(self, size: int = 1) -> bytes:
        # the unpickler peeks 128 KB ahead for every pickle; Whoosh's are a few hundred bytes
        return self._source[self._pos : min(self._end, self._pos + min(max(size, 1), PEEK))]

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: self._start, os.SEEK_CUR: self._pos, os.SEEK_END: self._end}[whence]
        self._pos = max(self._start, base + offset)
        return self._pos - self._start

    def tell(self) -> int:
        return self._pos - self._start

    def close(self) -> None:
        self.closed = True  # the map is shared; it is unmapped when nothing refers to it


class MappedFile(StructFile):
    """Whoosh's StructFile over a window of a memory map: `subset` and `get` do not copy."""

    def __init__(self, source: mmap.mmap, start: int, end: int, name: str | None = None) -> None:
        super().__init__(_Window(source, start, end), name=name)
        self._source = source
        self._start = start
        self._end = end

    def subset(self, offset: int, length: int, name: str | None = None) -> MappedFile:
        start = self._start + offset
        return MappedFile(self._source, start, min(self._end, start + length), name=name or self._name)

    def get(self, position: int, length: int) -> bytes:
        start = self._start + position
        return self._source[start : min(self._end, start + length)]

    def close(self) -> None:
        if self.is_closed:
            return
        self.is_closed = True
        if self.onclose:
            self.onclose(self)


class MappedStorage(FileStorage):
    """A read-only FileStorage whose segment files are memory-mapped once and shared.

    `supports_mmap` is False on purpose: it tells Whoosh's CompoundStorage not to map the file
    itself (its own map hands out copies); it then asks our file for `subset`s instead."""

    supports_mmap = False

    def __init__(self, path: str) -> None:
        super().__init__(path, supports_mmap=False, readonly=True)
        self._maps: dict[str, mmap.mmap] = {}
        self._maps_lock = threading.Lock()

    def open_file(self, name: str, **kwargs) -> StructFile:
        if not name.endswith(".seg"):
            return super().open_file(name, **kwargs)  # table of contents, small and read once
        with self._maps_lock:
            source = self._maps.get(name)
            if source is None:
                with open(self._fpath(name), "rb") as f:
                    if os.fstat(f.fileno()).st_size == 0:
                        return super().open_file(name, **kwargs)
                    source = self._maps[name] = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return MappedFile(source, 0, len(source), name=name)

    def retain(self, names: set[str]) -> None:
        """Forget the maps of files no longer in the index (merged away); readers that still
        hold them keep them until they are done."""
        with self._maps_lock:
            for name in [n for n in self._maps if n not in names]:
                del self._maps[name]

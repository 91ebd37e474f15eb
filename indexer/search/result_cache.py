"""Search results kept per server process, so a repeated search costs only its rendering.

Many visitors ask the same few searches (a topic in the news, the links of a facet, the next
page and back), and a search is most of a request's cost. `CachedBackend` wraps any search
backend: `search` and `similar` answers are kept under their arguments (the query with its
whitespace normalised, page, page size, order, grouping, facets, snippets) and the index's
generation, the token that changes with every commit in any process:

- the embedded backends (Whoosh, tantivy) name the state their readers see (`generation()`):
  the build and its commit, read with the same stat calls that make readers pick up commits;
- a backend without one (PostgreSQL: the index commits in the store's own transaction) is
  known by the store's generation (`indexer.store.store_generation`, one row read by key), as
  `indexer.answer_times.CaseCache` is: every transaction that changes a document or the index
  moves it on.

Either is read at most once per 50 ms per process (`fresh_within`), so a commit in another
process is seen within 50 ms, and a search asked again meanwhile is answered without waiting on
anything (`kept`).

Facets, counted over the whole result set, are kept per query and grouping as well, so the
next page or another order of a search skips counting them again. The generation is read
before the search, so a kept answer is never older than the state it is filed under; when the
generation moves on, every answer of the old one is dropped at once. The cache holds at most
`max_entries` answers (least recently used go first), and an answer holds at most one page
(`page_size` <= 100 hits) and 25 values per facet, so its memory is bounded. Exports
(`iter_hits`), word frequencies and writes go straight to the backend."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from indexer.search.backend import Hit, IndexBuild, IndexWriter, SearchBackend, SearchRequest, SearchResponse
from indexer.search.query import MAX_QUERY_LENGTH
from indexer.store import store_generation

DEFAULT_ENTRIES = 512
QUOTES = ('"', "“", "”", "„")


FRESH_WITHIN = 0.05  # seconds a generation read is taken as current


def generation_of_store(engine: Engine) -> Callable[[], Hashable]:
    """The store's generation, read in a session of its own."""

    def generation() -> Hashable:
        with Session(engine) as session:
            return store_generation(session)

    return generation


def normalised(query: str) -> str:
    """The query with runs of whitespace made one space, where the parser reads them so: not
    inside quotes (a quoted name is compared as written) and not past its length limit (the
    parser cuts the text there, counting every space)."""
    if len(query) > MAX_QUERY_LENGTH or any(q in query for q in QUOTES):
        return query
    return " ".join(query.split())


def _search_key(request: SearchRequest, query: str) -> Hashable:
    return ("search", query, *(v for k, v in request if k != "query"))


def _as_asked(response: SearchResponse, request: SearchRequest) -> SearchResponse:
    """The answer naming the query as it was asked (it may be kept under its normalised form)."""
    if response.query != request.query:
        return response.model_copy(update={"query": request.query})
    return response


class CachedBackend:
    """A SearchBackend that answers repeated searches from memory (see the module docstring).
    Safe under threads: one lock guards the table; searches run outside it, so two threads
    asking the same new search at once may both run it (the later answer is kept)."""

    def __init__(
        self,
        backend: SearchBackend,
        engine: Engine | None = None,
        max_entries: int = DEFAULT_ENTRIES,
        fresh_within: float = FRESH_WITHIN,
    ) -> None:
        self.backend = backend
        own = getattr(backend, "generation", None)
        if own is None and engine is None:
            raise ValueError("a backend without generation() needs the store's engine")
        self._read_generation: Callable[[], Hashable] = own or generation_of_store(engine)  # type: ignore[arg-type]
        self.max_entries = max_entries
        self.fresh_within = fresh_within
        self._confirmed: tuple[float, Hashable] | None = None  # (clock, generation) of the last read
        self._reading = threading.Lock()  # one thread reads an expired generation; the rest go on
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._current: Hashable = None
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __getattr__(self, name: str) -> Any:
        """Everything else the backend offers (warm, ix, …) is the backend's own."""
        return getattr(self.backend, name)

    # --- the cached reads -----------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResponse:
        query = normalised(request.query)
        key = _search_key(request, query)
        response = self._cached(key, lambda generation: self._search(request, query, generation))
        return _as_asked(response, request)

    def kept(self, request: SearchRequest) -> SearchResponse | None:
        """The kept answer of a search when it is known without waiting on anything: the
        generation was read within `fresh_within` and the answer is kept under it. None: ask
        `search` (in a thread). A server answers such a search on its event loop, without the
        hop to a thread and back that cost a cached search more than its rendering."""
        confirmed = self._recent()
        if self.max_entries <= 0 or confirmed is None:
            return None
        found = self._get(_search_key(request, normalised(request.query)), confirmed[1])
        if found is None:
            return None
        with self._lock:
            self.hits += 1
        return _as_asked(found, request)

    def _search(self, request: SearchRequest, query: str, generation: Hashable) -> SearchResponse:
        """Facets are counted over the whole result set, so they depend on the query and the
        grouping only: another page or order of a search takes them from the first answer and
        the backend skips counting them, most of an embedded backend's search time."""
        if not request.facets or generation is None:
            return self.backend.search(request)
        facets_key = ("facets", query, request.group)
        kept = self._get(facets_key, generation)
        if kept is not None:
            response = self.backend.search(request.model_copy(update={"facets": False}))
            return response.model_copy(
                update={"facets": kept[0], "facet_labels": kept[1], "facets_estimated": kept[2]}
            )
        response = self.backend.search(request)
        self._put(facets_key, (response.facets, response.facet_labels, response.facets_estimated), generation)
        return response

    def similar(self, text: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        key = ("similar", text, ministry, limit)
        found = self._cached(key, lambda _: self.backend.similar(text, ministry=ministry, limit=limit))
        return list(found)  # the caller's own list: a kept answer is never changed in place

    def _cached(self, key: Hashable, compute: Callable[[Hashable], Any]) -> Any:
        """The kept answer for `key`, or `compute(generation)` kept (generation None: no cache)."""
        if self.max_entries <= 0:
            return compute(None)
        generation = self._generation()
        found = self._get(key, generation)
        with self._lock:
            if found is not None:
                self.hits += 1
                return found
            self.misses += 1
        value = compute(generation)
        self._put(key, value, generation)
        return value

    def _generation(self) -> Hashable:
        """The index's generation, read at most once per `fresh_within` seconds: on PostgreSQL
        a read is a round trip to the database, a fifth of a cached search's server time at 50
        clients, while a commit seen 50 ms later by another process is still seen at once by
        anyone. The clock is read before the generation, so no answer is filed under a
        generation newer than the data it was computed from. When it has expired, one thread
        reads it and the others meanwhile take the last read: under load every request arriving
        during the read made a read of its own."""
        now = time.monotonic()
        recent = self._recent()
        if recent is not None:
            return recent[1]
        if not self._reading.acquire(blocking=False):  # another thread reads it now
            last = self._confirmed
            if last is not None:
                return last[1]  # the last read: at most one read's time older
            self._reading.acquire()
        try:
            value = self._read_generation()
            self._confirmed = (now, value)
            return value
        finally:
            self._reading.release()

    def _recent(self) -> tuple[float, Hashable] | None:
        """The last read of the generation, (clock, generation), while it is fresh."""
        confirmed = self._confirmed  # one tuple, swapped whole: threads see a read or the one before
        if confirmed is not None and time.monotonic() - confirmed[0] < self.fresh_within:
            return confirmed
        return None

    def _get(self, key: Hashable, generation: Hashable) -> Any:
        with self._lock:
            if generation != self._current:
                self._entries.clear()  # another commit: every kept answer is of an older index
                self._current = generation
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def _put(self, key: Hashable, value: Any, generation: Hashable) -> None:
        with self._lock:
            if generation == self._current:  # not if a newer generation was seen meanwhile
                self._entries[key] = value
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)

    # --- straight to the backend ------------------------------------------------------------
    def writer(self) -> AbstractContextManager[IndexWriter]:
        return self.backend.writer()

    def new_build(self) -> AbstractContextManager[IndexBuild]:
        return self.backend.new_build()

    def iter_hits(self, request: SearchRequest, limit: int) -> Iterator[Hit]:
        return self.backend.iter_hits(request, limit)

    def document_ids(self) -> Iterator[str]:
        return self.backend.document_ids()

    def word_frequencies(self, words: list[str]) -> tuple[int, list[int]]:
        return self.backend.word_frequencies(words)

    def session_writer(self, session: Session) -> IndexWriter | None:
        return self.backend.session_writer(session)

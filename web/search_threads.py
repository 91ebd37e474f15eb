"""Where the routes run a search: in a worker thread, so the event loop keeps accepting and
answering while it runs, with at most `search_threads` searches at once per process; or, when
the result cache holds its answer already (`kept_answer`), on the event loop itself.

An embedded engine (Whoosh, tantivy) computes in the process under the GIL: forty threads
searching at once finish no sooner than two, and under load some of them waited over a second
for their turn (the benchmark's 50 clients), while a short queue serves them in order. A search
on PostgreSQL mostly waits on the database, so more of them may run at once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import anyio
from starlette.requests import Request

from indexer.search.backend import SearchBackend, SearchRequest, SearchResponse

T = TypeVar("T")

EMBEDDED_THREADS = 2
DATABASE_THREADS = 40  # anyio's default thread pool


async def in_search_thread(request: Request, fn: Callable[..., T], *args) -> T:
    """`fn(*args)` in a search thread. The limiter is made in the running event loop, as
    anyio's limiters belong to one (a test client may run each request in a loop of its own)."""
    state = request.app.state
    loop = asyncio.get_running_loop()
    held = getattr(state, "search_limiter", None)
    if held is None or held[0] is not loop:
        held = state.search_limiter = (loop, anyio.CapacityLimiter(state.search_threads))
    return await anyio.to_thread.run_sync(fn, *args, limiter=held[1])


def kept_answer(backend: SearchBackend, search: SearchRequest) -> SearchResponse | None:
    """The result cache's answer when it has one at hand (`CachedBackend.kept`): a repeated
    search then costs its rendering alone, with no trip to a thread and back. None: search."""
    kept = getattr(backend, "kept", None)
    return kept(search) if kept is not None else None

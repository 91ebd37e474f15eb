"""Dependencies injected into the routes: settings, a database session, the search backend.

The ones that only read the app's state are `async`: FastAPI runs a plain `def` dependency in
its thread pool, and each hop there and back cost a request more than the lookup itself (the
profile of a loaded server, issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlmodel import Session

from indexer.search.backend import SearchBackend
from web.settings import Settings


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


async def get_backend(request: Request) -> SearchBackend:
    return request.app.state.backend

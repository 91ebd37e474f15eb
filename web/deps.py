"""Dependencies injected into the routes: settings, a database session, the search backend."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlmodel import Session

from indexer.search.backend import SearchBackend
from web.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_backend(request: Request) -> SearchBackend:
    return request.app.state.backend

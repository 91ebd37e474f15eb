"""The search-backend interface the rest of the project talks to, and its request/response
models. Whoosh (an embedded index in the data folder) and PostgreSQL (full-text search inside
the store) implement it; routes, pages, exports and the pipeline name only this interface, and
`indexer.search.engines.open_backend` picks the implementation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Literal, Protocol

from pydantic import BaseModel, Field
from sqlmodel import Session

FACETS = (
    "year",
    "ministries",
    "parties",
    "askers",
    "answerers",
    "laws",
    "kind",
    "has_figure",
    "has_commitment",
)


class SearchRequest(BaseModel):
    query: str = ""
    page: int = Field(default=1, ge=1, le=10_000)
    page_size: int = Field(default=10, ge=1, le=100)
    sort: Literal["relevance", "date"] = "relevance"
    group: Literal["pair", "document"] = "pair"
    facets: bool = True
    highlight: bool = True


class Hit(BaseModel):
    pair_id: str
    document_id: str
    source: str
    question_numbers: list[int]
    score: float
    snippet: str
    subject: str | None = None
    date: dt.date | None = None
    kind: str
    askers: list[str] = []
    parties: list[str] = []
    answerers: list[str] = []
    ministries: list[str] = []


class SearchResponse(BaseModel):
    query: str
    total: int
    page: int
    page_size: int
    results: list[Hit]
    facets: dict[str, dict[str, int]] = {}
    # what to show for a facet value that is an id (laws: BWBR0020611 → "Wet inburgering")
    facet_labels: dict[str, dict[str, str]] = {}
    # true when the facet counts were estimated from a fixed sample of the matching documents
    # (PostgreSQL, for very large result sets: postgres_facets.py); `total` is always exact
    facets_estimated: bool = False
    suggestion: str | None = None


class IndexEntry(BaseModel):
    """One question/answer pair with the document fields used for filtering and facets."""

    pair_id: str
    document_id: str
    source: str
    question_numbers: list[int]
    kind: str
    date: dt.date | None
    vergaderjaar: str | None
    subject: str
    question: str
    answer: str
    askers: list[str]
    parties: list[str]
    addressees: list[str]
    answerers: list[str]
    ministries: list[str]
    laws: list[str]
    kamerstukken: list[str]
    has_figure: bool
    has_commitment: bool


class IndexWriter(Protocol):
    def replace_document(self, document_id: str, entries: list[IndexEntry]) -> None: ...

    def add_documents(self, entries: list[IndexEntry]) -> None: ...

    def delete_document(self, document_id: str) -> None: ...


class IndexBuild(Protocol):
    """A complete new index written aside: fill `writer`, `commit()`, then `publish()` to make it
    live for every reader at once; leaving its block unpublished discards it."""

    writer: IndexWriter

    def commit(self) -> None: ...

    def publish(self) -> None: ...


class SearchBackend(Protocol):
    def writer(self) -> AbstractContextManager[IndexWriter]: ...

    def new_build(self) -> AbstractContextManager[IndexBuild]: ...

    def iter_hits(self, request: SearchRequest, limit: int) -> Iterator[Hit]: ...

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def similar(self, text: str, ministry: str | None = None, limit: int = 10) -> list[Hit]: ...

    def document_ids(self) -> Iterator[str]: ...

    def word_frequencies(self, words: list[str]) -> tuple[int, list[int]]:
        """(pairs in the index, about how many pairs each word matches as a query word: 0 for
        a stop word or a word in no pair), read from the index's term statistics, not by
        matching: cheap, so that a caller can search only the rarest of many words (the
        claim lookup). An estimate where a word's stems or compound parts make it one."""
        ...

    def session_writer(self, session: Session) -> IndexWriter | None:
        """A writer inside the store's own transaction when the index lives in the store's
        database (the document and its index entries then commit together, visible to every
        worker and machine at once), or None when the index is written after the store commits."""
        ...

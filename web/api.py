"""The JSON API for fact-checking tools (/api/v1): search, documents, similar questions, the
reverse reference graph and exports. Read-only; every answer names its source document."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlmodel import Session

from indexer import queries
from indexer.search.backend import Hit, SearchRequest, SearchResponse
from indexer.search.whoosh_backend import WhooshBackend
from kamervragen.model import Document
from web.deps import get_backend, get_session, get_settings
from web.settings import Settings

router = APIRouter(prefix="/api/v1", tags=["api"])

QueryText = Annotated[
    str, Query(max_length=500, description='Words, "phrases", AND/OR/NOT, -word, prefix*, filters')
]
PROBLEM = {"content": {"application/problem+json": {}}}


class DocumentResponse(BaseModel):
    source: str
    alternate_sources: list[str] = []
    document: Document


class SimilarResponse(BaseModel):
    text: str
    ministry: str | None
    results: list[Hit]


class ReferencesResponse(BaseModel):
    id: str
    total: int
    citations: list[queries.Citation]


def _search(
    backend: WhooshBackend, q: str, page: int, page_size: int, sort: str, group: str
) -> SearchResponse:
    return backend.search(SearchRequest(query=q, page=page, page_size=page_size, sort=sort, group=group))


@router.get("/search", response_model=SearchResponse, responses={422: PROBLEM, 429: PROBLEM})
def search(
    backend: Annotated[WhooshBackend, Depends(get_backend)],
    q: QueryText = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 10,
    sort: Literal["relevance", "date"] = "relevance",
    group: Literal["pair", "document"] = "pair",
) -> SearchResponse:
    """Search question/answer pairs; facets are counted over the whole filtered result set."""
    return _search(backend, q, page, page_size, sort, group)


@router.get("/documents/{document_id:path}", response_model=DocumentResponse, responses={404: PROBLEM})
def document(document_id: str, session: Annotated[Session, Depends(get_session)]) -> DocumentResponse:
    """The whole parsed document: metadata, questions, answers, footnotes, references, figures,
    commitments and entities."""
    found = queries.get_document(session, document_id)
    if found is None:
        raise HTTPException(404, f"no document with id {document_id!r}")
    doc, source = found
    return DocumentResponse(
        source=source, alternate_sources=queries.alternate_sources(session, document_id), document=doc
    )


@router.get("/similar", response_model=SimilarResponse, responses={422: PROBLEM})
def similar(
    backend: Annotated[WhooshBackend, Depends(get_backend)],
    text: Annotated[str, Query(min_length=1, max_length=5000, description="The draft question")],
    ministry: Annotated[str | None, Query(max_length=120)] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SimilarResponse:
    """Earlier question/answer pairs most like a new (draft) question."""
    return SimilarResponse(
        text=text, ministry=ministry, results=backend.similar(text, ministry=ministry, limit=limit)
    )


@router.get("/references", response_model=ReferencesResponse, responses={422: PROBLEM})
def references(
    session: Annotated[Session, Depends(get_session)],
    id: Annotated[str, Query(min_length=1, max_length=200, description="BWB id, kst-…, ECLI, CELEX, …")],
) -> ReferencesResponse:
    """All questions and answers citing a law, article, kamerstuk or ECLI."""
    found = queries.citing(session, id)
    return ReferencesResponse(id=id, total=len(found), citations=found)


def _all_hits(backend: WhooshBackend, q: str, limit: int) -> Iterator[Hit]:
    return backend.iter_hits(SearchRequest(query=q, facets=False, highlight=False), limit)


EXPORT_COLUMNS = [
    "document_id",
    "pair_id",
    "question_numbers",
    "date",
    "kind",
    "subject",
    "askers",
    "parties",
    "answerers",
    "ministries",
    "source",
    "score",
]


@router.get("/export.csv", response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}}}})
def export_csv(
    backend: Annotated[WhooshBackend, Depends(get_backend)],
    settings: Annotated[Settings, Depends(get_settings)],
    q: QueryText = "",
) -> StreamingResponse:
    """Every result of a search as CSV, streamed."""

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        for hit in _all_hits(backend, q, settings.max_export_rows):
            data = hit.model_dump(mode="json")
            writer.writerow(
                [
                    "; ".join(map(str, v)) if isinstance(v, list) else v
                    for v in (data[c] for c in EXPORT_COLUMNS)
                ]
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(
        rows(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="kamervragen.csv"'},
    )


@router.get(
    "/export.jsonl",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
def export_jsonl(
    backend: Annotated[WhooshBackend, Depends(get_backend)],
    settings: Annotated[Settings, Depends(get_settings)],
    q: QueryText = "",
) -> StreamingResponse:
    """Every result of a search as JSON Lines, streamed."""

    def lines() -> Iterator[str]:
        for hit in _all_hits(backend, q, settings.max_export_rows):
            yield json.dumps(hit.model_dump(mode="json"), ensure_ascii=False) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")

"""The JSON API for fact-checking tools (/api/v1): search, documents, similar questions, the
reverse reference graph and exports. Read-only; every answer names its source document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlmodel import Session

from indexer import queries
from indexer.search.backend import Hit, SearchBackend, SearchRequest, SearchResponse
from kamervragen.model import Document
from web import exports
from web.deps import get_backend, get_session, get_settings
from web.errors import InvalidQuery
from web.present import (
    PublicHit,
    PublicSearchResponse,
    official_url,
    public_hit,
    public_response,
    public_source,
)
from web.search_threads import in_search_thread, kept_answer
from web.settings import Settings


class Problem(BaseModel):
    """An error as problem details (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str = ""
    errors: list[dict] | None = None


PROBLEM = {
    "description": "Problem details",
    "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
}
# every operation has query or path parameters (422) and sits behind the rate limit (429)
ERRORS: dict[int | str, dict] = {422: PROBLEM, 429: PROBLEM}


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _route_query_names(route: APIRoute) -> frozenset[str]:
    """The names a route takes, gathered once per route (its dependant never changes) and kept
    on the route itself."""
    names = route.__dict__.get("_kv_query_names")
    if names is None:
        names = route._kv_query_names = frozenset(_query_names(route.dependant))  # type: ignore[attr-defined]
    return names


async def reject_unknown_parameters(request: Request) -> None:
    """A misspelt parameter (`pagesize=5`) would otherwise be ignored without a word: say so.
    `async`, as it does no I/O: FastAPI would run a plain `def` in its thread pool."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = _route_query_names(route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestValidationError(
            [
                {"loc": ("query", name), "msg": "unknown query parameter", "type": "extra_forbidden"}
                for name in unknown
            ]
        )


router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(reject_unknown_parameters)])

QueryText = Annotated[
    str, Query(max_length=500, description='Words, "phrases", AND/OR/NOT, -word, prefix*, filters')
]


class DocumentResponse(BaseModel):
    source: str
    """The file name the document was read from (not its path on the server)."""
    alternate_sources: list[str] = []
    """File names of other renderings of the same publication."""
    official_url: str | None = None
    """The publication on officielebekendmakingen.nl, when the id names one."""
    document: Document


class SimilarResponse(BaseModel):
    text: str
    ministry: str | None
    results: list[PublicHit]


class ReferencesResponse(BaseModel):
    id: str
    total: int
    citations: list[queries.Citation]


def _search(backend: SearchBackend, wanted: SearchRequest) -> SearchResponse:
    try:
        return backend.search(wanted)
    except ValueError as exc:  # an invalid filter value: a 422 problem, not a 500
        raise InvalidQuery(str(exc)) from exc


@router.get("/search", response_model=PublicSearchResponse, responses=ERRORS)
async def search(
    request: Request,
    backend: Annotated[SearchBackend, Depends(get_backend)],
    q: QueryText = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 10,
    sort: Literal["relevance", "date"] = "relevance",
    group: Literal["pair", "document"] = "pair",
    facets: Annotated[
        bool, Query(description="Count facets over the whole result set; false: results alone, cheaper")
    ] = True,
) -> Response:
    """Search question/answer pairs; facets are counted over the whole filtered result set.
    A tool that reads only the results asks `facets=false`: counting them is the dearest part
    of a new search on PostgreSQL (about 14 of 30 ms at 100,000 documents)."""
    # a kept answer at once, else the search in the thread pool (it may wait on a database); the
    # answer, built from models validated once, serialised here as FastAPI would but without
    # validating it again
    wanted = SearchRequest(query=q, page=page, page_size=page_size, sort=sort, group=group, facets=facets)
    found = kept_answer(backend, wanted) or await in_search_thread(request, _search, backend, wanted)
    return Response(public_response(found).model_dump_json(), media_type="application/json")


@router.get(
    "/documents/{document_id:path}", response_model=DocumentResponse, responses={404: PROBLEM, **ERRORS}
)
def document(document_id: str, session: Annotated[Session, Depends(get_session)]) -> DocumentResponse:
    """The whole parsed document: metadata, questions, answers, footnotes, references, figures,
    commitments and entities."""
    found = queries.get_document(session, document_id)
    if found is None:
        raise HTTPException(404, f"no document with id {document_id!r}")
    doc, source = found
    return DocumentResponse(
        source=public_source(source) or "",
        alternate_sources=[public_source(p) or "" for p in queries.alternate_sources(session, document_id)],
        official_url=official_url(doc.id or document_id),
        document=doc,
    )


@router.get("/similar", response_model=SimilarResponse, responses=ERRORS)
def similar(
    backend: Annotated[SearchBackend, Depends(get_backend)],
    text: Annotated[str, Query(min_length=1, max_length=5000, description="The draft question")],
    ministry: Annotated[str | None, Query(max_length=120)] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SimilarResponse:
    """Earlier question/answer pairs most like a new (draft) question."""
    return SimilarResponse(
        text=text,
        ministry=ministry,
        results=[public_hit(h) for h in backend.similar(text, ministry=ministry, limit=limit)],
    )


@router.get("/references", response_model=ReferencesResponse, responses=ERRORS)
def references(
    session: Annotated[Session, Depends(get_session)],
    id: Annotated[str, Query(min_length=1, max_length=200, description="BWB id, kst-…, ECLI, CELEX, …")],
) -> ReferencesResponse:
    """All questions and answers citing a law, article, kamerstuk or ECLI."""
    found = [
        c.model_copy(update={"source": public_source(c.source) or ""}) for c in queries.citing(session, id)
    ]
    return ReferencesResponse(id=id, total=len(found), citations=found)


def _all_hits(backend: SearchBackend, q: str, limit: int) -> Iterator[Hit]:
    return backend.iter_hits(SearchRequest(query=q, facets=False, highlight=False), limit)


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, **ERRORS},
)
def export_csv(
    request: Request,
    backend: Annotated[SearchBackend, Depends(get_backend)],
    settings: Annotated[Settings, Depends(get_settings)],
    q: QueryText = "",
) -> StreamingResponse:
    """Every result of a search as CSV, streamed: metadata, question and answer text, figures and
    commitments. Cells that a spreadsheet would run as a formula start with an apostrophe."""
    rows = exports.records(request.app.state.engine, _all_hits(backend, q, settings.max_export_rows))
    return StreamingResponse(
        exports.csv_lines(rows),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="kamervragen.csv"'},
    )


@router.get(
    "/export.jsonl",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}, **ERRORS},
)
def export_jsonl(
    request: Request,
    backend: Annotated[SearchBackend, Depends(get_backend)],
    settings: Annotated[Settings, Depends(get_settings)],
    q: QueryText = "",
) -> StreamingResponse:
    """Every result of a search as JSON Lines, streamed, with the same fields as the CSV."""
    rows = exports.records(request.app.state.engine, _all_hits(backend, q, settings.max_export_rows))
    return StreamingResponse(
        exports.jsonl_lines(rows),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="kamervragen.jsonl"'},
    )

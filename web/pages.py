"""The Dutch web pages. A request from htmx (HX-Request header) gets only the changed block,
rendered from the same template as the full page."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlmodel import Session

from indexer import facts, queries
from indexer.cases import case_of
from indexer.commitments import commitment_statuses, open_commitments
from indexer.search.backend import SearchBackend, SearchRequest, SearchResponse
from kamervragen.extract import annotate
from web.deps import get_backend, get_session
from web.errors import InvalidQuery
from web.jsonld import qa_page
from web.present import official_url, public_source, titles
from web.search_threads import in_search_thread, kept_answer

router = APIRouter(include_in_schema=False)

FACET_FILTERS = {
    "year": "jaar",
    "ministries": "ministerie",
    "parties": "partij",
    "askers": "lid",
    "answerers": "minister",
    "laws": "wet",
    "kind": "soort",
    "has_figure": "cijfer",
    "has_commitment": "toezegging",
}
FACET_TITLES = {
    "year": "Jaar",
    "ministries": "Ministerie",
    "parties": "Partij",
    "askers": "Vragensteller",
    "answerers": "Bewindspersoon",
    "laws": "Wet",
    "kind": "Soort",
    "has_figure": "Met cijfers",
    "has_commitment": "Met toezegging",
}
KIND_WORDS = {"answer": "antwoord", "questions": "vragen", "notice": "mededeling", "oral": "mondeling"}
KIND_TITLES = {
    "answer": "Antwoord",
    "questions": "Vragen",
    "notice": "Mededeling",
    "oral": "Mondelinge vragen",
}


def render(request: Request, name: str, context: dict, block: str | None = None, status: int = 200):
    """The block for an htmx swap, else the whole page. htmx restoring history (Back/Forward)
    needs the whole page, and `Vary` keeps a browser cache from showing a block as a page."""
    templates = request.app.state.templates
    swap = (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
    if block and swap:
        response = templates.TemplateResponse(request, name, context, block_name=block, status_code=status)
    else:
        response = templates.TemplateResponse(request, name, context, status_code=status)
    if block:
        response.headers["Vary"] = "HX-Request, HX-History-Restore-Request"
    return response


def _search(backend: SearchBackend, request: SearchRequest) -> SearchResponse:
    """The backend refuses an invalid filter value with a ValueError: a 422 with a Dutch page."""
    try:
        return backend.search(request)
    except ValueError as exc:
        raise InvalidQuery(str(exc)) from exc


def _results(
    request: Request, backend: SearchBackend, search: SearchRequest, result: SearchResponse | None = None
) -> tuple[SearchResponse, dict[str, str]]:
    """The search (unless given) and its hits' titles, in one trip to the thread pool (both may
    wait on a database); the page is built and rendered on the event loop. The session is made
    here, not injected: an injected one costs two more trips, and it connects only for a hit
    without a subject (the profile of a loaded server, issue 15)."""
    result = result or _search(backend, search)
    with Session(request.app.state.engine) as session:
        return result, titles(session, ((h.document_id, h.subject) for h in result.results))


async def _found(
    request: Request, backend: SearchBackend, search: SearchRequest
) -> tuple[SearchResponse, dict[str, str]]:
    """`_results` on the event loop when the answer is kept and every hit has its subject (no
    database to wait on), else in a search thread."""
    kept = kept_answer(backend, search)
    if kept is not None and all(h.subject for h in kept.results):
        return _results(request, backend, search, kept)
    return await in_search_thread(request, _results, request, backend, search, kept)


def _filter_token(facet: str, value: str) -> str:
    if facet == "kind":
        value = KIND_WORDS.get(value, value)
    return (
        f'{FACET_FILTERS[facet]}:"{value}"'
        if " " in value or "," in value
        else f"{FACET_FILTERS[facet]}:{value}"
    )


def _search_url(**params) -> str:
    return "/search?" + urlencode(
        {k: v for k, v in params.items() if v not in (None, "", 1, "relevance", "pair")}
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: Annotated[Session, Depends(get_session)]):
    recent = queries.recent_answers(session, 12)
    context = {"recent": recent, "titles": titles(session, ((d.id, d.subject) for d in recent))}
    return render(request, "home.html", context)


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request,
    backend: Annotated[SearchBackend, Depends(get_backend)],
    q: Annotated[str, Query(max_length=500)] = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    sort: Literal["relevance", "date"] = "relevance",
    group: Literal["pair", "document"] = "pair",
    van: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
    tot: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
):
    full = " ".join(x for x in (q, f"van:{van}" if van else "", f"tot:{tot}" if tot else "") if x)
    wanted = SearchRequest(query=full, page=page, page_size=10, sort=sort, group=group)
    result, hit_titles = await _found(request, backend, wanted) if full else (None, {})
    facets = []
    if result:
        for name, counts in result.facets.items():
            values = []
            for value, n in list(counts.items())[:10]:
                token = _filter_token(name, value)
                active = token in q
                new_q = q.replace(token, "").strip() if active else f"{q} {token}".strip()
                label = (
                    KIND_TITLES.get(value, value)
                    if name == "kind"
                    else result.facet_labels.get(name, {}).get(value, value)
                )
                values.append(
                    {
                        "label": label,
                        "count": n,
                        "active": active,
                        "url": _search_url(q=new_q, sort=sort, group=group, van=van, tot=tot),
                    }
                )
            if values:
                facets.append({"title": FACET_TITLES[name], "options": values})
    pages = {}
    if result and result.total > 10:
        last = min(1000, (result.total + 9) // 10)
        if page > 1:
            pages["previous"] = _search_url(q=q, page=page - 1, sort=sort, group=group, van=van, tot=tot)
        if page < last:
            pages["next"] = _search_url(q=q, page=page + 1, sort=sort, group=group, van=van, tot=tot)
        pages["last"] = last
    context = {
        "q": q,
        "result": result,
        "facets": facets,
        "sort": sort,
        "group": group,
        "van": van,
        "tot": tot,
        "page": page,
        "pages": pages,
        "kinds": KIND_TITLES,
        "suggestion_url": _search_url(q=result.suggestion) if result and result.suggestion else None,
        "titles": hit_titles,
        "exports": {fmt: f"/api/v1/export.{fmt}?" + urlencode({"q": full}) for fmt in ("csv", "jsonl")},
        "feed_url": "/search.atom?"
        + urlencode({k: v for k, v in {"q": q, "van": van, "tot": tot}.items() if v}),
    }
    return render(request, "search.html", context, block="results")


def _annotated(text: str, location: str, doc) -> Markup:
    spans = [r for r in doc.references if r.location == location]
    spans += [f for f in doc.statistics if f.location == location]
    html = annotate(text, spans)
    return Markup(html.replace("\n", "<br>"))


@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def document_page(
    request: Request,
    document_id: str,
    session: Annotated[Session, Depends(get_session)],
    backend: Annotated[SearchBackend, Depends(get_backend)],
):
    found = queries.get_document(session, document_id)
    if found is None:
        raise HTTPException(404, "Dit document staat niet in de kennisbank.")
    doc, source = found
    statuses = commitment_statuses(session, document_id, doc.commitments, date.today())
    answer_of = {}
    for a in doc.answers:
        for n in a.numbers:
            answer_of.setdefault(n, a)
    rows = []
    shown_answers = set()
    for q in doc.questions:
        a = answer_of.get(q.number)
        first = a is not None and id(a) not in shown_answers
        if a is not None:
            shown_answers.add(id(a))
        loc = f"a{a.numbers[0]}" if a else None
        rows.append(
            {
                "number": q.number,
                "question": _annotated(q.text, f"q{q.number}", doc),
                "answer": _annotated(a.text, loc, doc) if a and first else None,
                "answer_numbers": a.numbers if a else [],
                "answer_shared": a is not None and not first,
                "commitments": [
                    (c, statuses[i]) for i, c in enumerate(doc.commitments) if first and c.location == loc
                ],
                "figures": [
                    f for f in doc.statistics if f.location == f"q{q.number}" or (first and f.location == loc)
                ],
                "footnotes": sorted(set(q.footnotes) | (set(a.footnotes) if a and first else set())),
            }
        )
    similar = []
    if doc.questions:
        draft = " ".join(q.text for q in doc.questions[:3])
        seen = {document_id}
        for hit in backend.similar(draft, limit=40):
            if hit.document_id not in seen:
                seen.add(hit.document_id)
                similar.append(hit)
        similar = similar[:5]
    title = titles(session, [(document_id, doc.subject)])[document_id]
    context = {
        "doc": doc,
        "title": title,
        "measures": facts.document_measures(session, document_id),
        "jsonld": qa_page(doc, title, f"{str(request.base_url).rstrip('/')}/documents/{document_id}"),
        "source": public_source(source),
        "official_url": official_url(doc.id or document_id),
        "rows": rows,
        "similar": similar,
        "similar_titles": titles(session, ((h.document_id, h.subject) for h in similar)),
        "notice_refs": doc.notice and _annotated(doc.notice, "notice", doc),
        "case": case_of(session, document_id),
    }
    return render(request, "document.html", context)


@router.get("/nieuwe-vraag", response_class=HTMLResponse)
def draft_page(
    request: Request,
    backend: Annotated[SearchBackend, Depends(get_backend)],
    session: Annotated[Session, Depends(get_session)],
    tekst: Annotated[str, Query(max_length=5000)] = "",
    ministerie: Annotated[str, Query(max_length=120)] = "",
):
    hits = backend.similar(tekst, ministry=ministerie or None, limit=10) if tekst.strip() else []
    commitments = []
    for hit in hits[:5]:
        found = queries.get_document(session, hit.document_id)
        if not found:
            continue
        doc = found[0]
        places = {f"q{n}" for n in hit.question_numbers} | {f"a{n}" for n in hit.question_numbers[:1]}
        commitments += [(hit, c) for c in doc.commitments if c.location in places]
    figures = facts.topic_figures(session, [h.pair_id for h in hits[:5]])
    context = {
        "tekst": tekst,
        "ministerie": ministerie,
        "hits": hits,
        "titles": titles(session, ((h.document_id, h.subject) for h in hits)),
        "figures": figures[:30],
        "commitments": commitments[:20],
    }
    return render(request, "nieuwe_vraag.html", context, block="results")


def _listing(request: Request, session: Session, title: str, kind: str, docs, promises=None):
    delays = [d.delay_days for d in docs if d.delay_days is not None]
    context = {
        "title": title,
        "kind": kind,
        "docs": docs,
        "average_delay": round(sum(delays) / len(delays)) if delays else None,
        "late": sum(1 for d in delays if d > 21),
        "titles": titles(session, ((d.id, d.subject) for d in docs)),
        "promises": promises,  # (total, entries) of the commitments not yet kept
    }
    if not docs:
        raise HTTPException(404, f"Geen documenten gevonden voor {title}.")
    return render(request, "listing.html", context)


@router.get("/leden/{name}", response_class=HTMLResponse)
def member_page(request: Request, name: str, session: Annotated[Session, Depends(get_session)]):
    return _listing(request, session, name, "Kamerlid", queries.documents_of_person(session, name, "asker"))


@router.get("/bewindspersonen/{name}", response_class=HTMLResponse)
def minister_page(request: Request, name: str, session: Annotated[Session, Depends(get_session)]):
    docs = queries.documents_of_person(session, name)
    return _listing(request, session, name, "Bewindspersoon", docs, open_commitments(session, minister=name))


@router.get("/partijen/{name}", response_class=HTMLResponse)
def party_page(request: Request, name: str, session: Annotated[Session, Depends(get_session)]):
    return _listing(request, session, name, "Partij", queries.documents_of_party(session, name))


@router.get("/ministeries/{name}", response_class=HTMLResponse)
def ministry_page(request: Request, name: str, session: Annotated[Session, Depends(get_session)]):
    title = queries.known_ministry(name) or re.sub(r"\s+", " ", name)
    docs = queries.documents_of_ministry(session, name)
    return _listing(request, session, title, "Ministerie", docs, open_commitments(session, ministry=name))

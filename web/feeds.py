"""Alerts as Atom feeds (RFC 4287), written with feedgen: a search (`/search.atom`, the site
search's filters), new and overdue commitments (`/toezeggingen.atom`, the register's filters)
and a case (`/zaak/{number}.atom`: its questions, notices and the answer arriving). Document
text goes in as text, never as markup: feedgen escapes it, and characters XML cannot hold
are dropped first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from feedgen.feed import FeedGenerator
from sqlmodel import Session, col, select

from indexer import commitments as register
from indexer import models as m
from indexer.search.backend import SearchBackend, SearchRequest
from web.deps import get_backend, get_session
from web.errors import InvalidQuery
from web.pages import KIND_TITLES
from web.present import document_place, titles, toezegging_url
from web.register_pages import STATUS_TITLES, as_filters, form_filters

router = APIRouter(include_in_schema=False)

ATOM = "application/atom+xml"
FEED_SIZE = 50
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAGS = re.compile(r"<[^>]+>")
_UNDATED = datetime(2000, 1, 1, tzinfo=UTC)  # for an entry without any date: sorts last, stays the same
DateText = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


@dataclass
class Item:
    id: str
    title: str
    link: str
    updated: datetime
    summary: str


def clean(text: str | None) -> str:
    """Text fit for XML 1.0 (no control characters or lone surrogates), whitespace folded."""
    return re.sub(r"\s+", " ", _NOT_XML.sub("", text or "")).strip()


def _moment(day: date | None, fallback: datetime) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC) if day else fallback


def atom(request: Request, title: str, alternate: str, items: Iterable[Item]) -> Response:
    base = str(request.base_url).rstrip("/")
    items = sorted(items, key=lambda i: i.updated, reverse=True)[:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(str(request.url))
    feed.title(clean(title))
    feed.author({"name": "Kamervragen"})
    feed.link(href=str(request.url), rel="self", type=ATOM)
    feed.link(href=base + alternate, rel="alternate", type="text/html")
    feed.language("nl")
    feed.updated(items[0].updated if items else _UNDATED)
    for item in reversed(items):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(item.id)
        entry.title(clean(item.title) or "Kamervragen")
        href = item.link if item.link.startswith("https://") else base + item.link  # the Kamer's own page
        entry.link(href=href, rel="alternate", type="text/html")
        entry.updated(item.updated)
        entry.summary(clean(item.summary), type="text")
    return Response(feed.atom_str(pretty=True), media_type=ATOM)


def _updated_at(session: Session, doc_ids: set[str]) -> dict[str, datetime]:
    rows = session.exec(
        select(m.DocumentRow.id, m.DocumentRow.updated_at).where(col(m.DocumentRow.id).in_(doc_ids))
    ).all()
    return {i: (u if u.tzinfo else u.replace(tzinfo=UTC)) for i, u in rows}


@router.get("/search.atom")
def search_feed(
    request: Request,
    backend: Annotated[SearchBackend, Depends(get_backend)],
    session: Annotated[Session, Depends(get_session)],
    q: Annotated[str, Query(max_length=500)] = "",
    group: Literal["pair", "document"] = "document",
    van: DateText = "",
    tot: DateText = "",
) -> Response:
    """The newest answers, questions and notices matching a search, newest first."""
    full = " ".join(x for x in (q, f"van:{van}" if van else "", f"tot:{tot}" if tot else "") if x)
    hits = []
    if full:
        try:
            result = backend.search(
                SearchRequest(query=full, page_size=FEED_SIZE, sort="date", group=group, facets=False)
            )
        except ValueError as exc:
            raise InvalidQuery(str(exc)) from exc
        hits = result.results
    named = titles(session, ((h.document_id, h.subject) for h in hits))
    updated = _updated_at(session, {h.document_id for h in hits})
    now = datetime.now(UTC)
    items = [
        Item(
            id=f"urn:kamervragen:{h.pair_id if group == 'pair' else h.document_id}",
            title=f"{KIND_TITLES.get(h.kind, h.kind)}: {named[h.document_id]}",
            link=document_place(h.document_id, f"q{h.question_numbers[0]}" if h.question_numbers else ""),
            updated=_moment(h.date, updated.get(h.document_id, now)),
            summary=_TAGS.sub("", h.snippet),
        )
        for h in hits
    ]
    alternate = "/search?" + request.url.query
    return atom(request, f"Kamervragen: {full or 'zoeken'}", alternate, items)


def _commitment_link(e: register.Entry) -> str:
    """The promise on its document's page; an oral one at the Kamer's page, else the register."""
    if e.document_id is None:
        return toezegging_url(e.location) or "/toezeggingen?origin=mondeling"
    return document_place(e.document_id, e.location)


def _commitment_item(e: register.Entry, title: str, overdue: bool) -> Item:
    who = f"{e.who} ({e.role}, {e.ministry})" if e.who and e.role and e.ministry else e.who or ""
    due = f" Uiterlijk {e.due}." if e.due else ""
    if overdue:
        return Item(
            id=f"urn:kamervragen:toezegging:{e.id}:over-tijd",
            title=f"{STATUS_TITLES['overdue']}: {e.topic or e.text}",
            link=_commitment_link(e),
            updated=_moment(min(e.due, date.max - timedelta(days=1)) + timedelta(days=1), _UNDATED)
            if e.due
            else _UNDATED,
            summary=f"{e.text}{due} {who} in “{title}” ({e.date}).",
        )
    return Item(
        id=f"urn:kamervragen:toezegging:{e.id}",
        title=f"Toezegging: {e.topic or e.text}",
        link=_commitment_link(e),
        updated=_moment(e.date, _UNDATED),
        summary=f"{e.text}{due} {who} in “{title}”.",
    )


@router.get("/toezeggingen.atom")
def commitments_feed(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    form: Annotated[dict[str, str], Depends(form_filters)],
) -> Response:
    """New commitments (by their answer's date) and commitments falling overdue (the day after
    their due date), with the register page's filters."""
    today = date.today()
    filters = as_filters(form)
    _, new = register.register(session, filters, today, page_size=FEED_SIZE, order="made")
    entries = [(e, False) for e in new]
    if not filters.statuses or "overdue" in filters.statuses:
        filters.statuses = ["overdue"]
        _, late = register.register(session, filters, today, page_size=FEED_SIZE, order="due_desc")
        entries += [(e, True) for e in late]
    named = titles(session, ((e.document_id, e.subject) for e, _ in entries if e.document_id))
    oral = "een debat (register van de Tweede Kamer)"
    items = [_commitment_item(e, named.get(e.document_id) or oral, overdue) for e, overdue in entries]
    return atom(request, "Kamervragen: toezeggingen", "/toezeggingen?" + request.url.query, items)


CASE_TITLES = {"questions": "Vragen ingezonden", "notice": "Mededeling", "answer": "Antwoord"}


@router.get("/zaak/{number}.atom")
def case_feed(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    number: Annotated[str, Path(pattern=r"^(19|20)\d{2}Z\d{5}$", description="Zaak number, 2024Z18294")],
) -> Response:
    """A case's documents as they arrive: the questions, a notice of delay, the answer."""
    rows = session.exec(select(m.DocumentRow).where(m.DocumentRow.case_number == number)).all()
    if not rows:
        raise HTTPException(404, f"Zaak {number} staat niet in de kennisbank.")
    named = titles(session, ((r.id, r.subject) for r in rows))
    items = [
        Item(
            id=f"urn:kamervragen:{r.id}",
            title=f"{CASE_TITLES.get(r.kind, KIND_TITLES.get(r.kind, r.kind))}: {named[r.id]}",
            link=f"/documents/{r.id}",
            updated=_moment(
                r.received or r.submitted,
                r.updated_at if r.updated_at.tzinfo else r.updated_at.replace(tzinfo=UTC),
            ),
            summary=" ".join(
                x
                for x in (
                    f"{KIND_TITLES.get(r.kind, r.kind)} in zaak {number}.",
                    f"Ingezonden {r.submitted}." if r.submitted else "",
                    f"Ontvangen {r.received}." if r.received else "",
                    r.notice or "",
                )
                if x
            ),
        )
        for r in rows
    ]
    subject = next((r.subject for r in rows if r.subject), None)
    return atom(request, f"Zaak {number}: {subject or 'Kamervragen'}", f"/documents/{rows[0].id}", items)

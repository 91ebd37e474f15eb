"""The Toezeggingen page: every promise made in a written answer, filtered like the API and
sorted by due date with the overdue ones first; htmx swaps the results as on the search page."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from indexer import commitments as register
from web.deps import get_session
from web.pages import render
from web.present import titles

router = APIRouter(include_in_schema=False)

ORIGIN_TITLES = {"schriftelijk": "Schriftelijk (in antwoorden)", "mondeling": "Mondeling (in debatten)"}
STATUS_TITLES = {
    "overdue": "Over tijd",
    "due_soon": "Binnenkort",
    "open": "Open",
    "no_date": "Zonder datum",
    "fulfilled": "Nagekomen",
}
PAGE_SIZE = 25
DateText = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]
Text = Annotated[str, Query(max_length=160)]


def _day(text: str) -> date | None:
    """A date the form sent (form_filters has checked it)."""
    return date.fromisoformat(text) if text else None


def form_filters(
    minister: Text = "",
    ministerie: Text = "",
    partij: Annotated[str, Query(max_length=80)] = "",
    status: Literal["", "overdue", "due_soon", "open", "no_date", "fulfilled", "pending"] = "",
    van: DateText = "",
    tot: DateText = "",
    q: Annotated[str, Query(max_length=200)] = "",
    origin: Literal["", "schriftelijk", "mondeling"] = "",
) -> dict[str, str]:
    """The form's fields as given (Dutch names, empty when unused); a well-shaped impossible
    date ("2024-02-30") is refused like a malformed one."""
    for name, value in (("van", van), ("tot", tot)):
        try:
            _day(value)
        except ValueError:
            raise RequestValidationError(
                [{"loc": ("query", name), "msg": "not a date", "type": "value_error"}]
            ) from None
    return {
        "minister": minister,
        "ministerie": ministerie,
        "partij": partij,
        "status": status,
        "van": van,
        "tot": tot,
        "q": q,
        "origin": origin,
    }


def as_filters(form: dict[str, str]) -> register.Filters:
    """The register's filters for the form; status "pending" is everything not yet kept."""
    statuses = {"": [], "pending": ["overdue", "due_soon", "open"]}.get(form["status"], [form["status"]])
    return register.Filters(
        minister=form["minister"] or None,
        ministry=form["ministerie"] or None,
        party=form["partij"] or None,
        statuses=statuses,
        due_from=_day(form["van"]),
        due_to=_day(form["tot"]),
        q=form["q"] or None,
        origin=form.get("origin") or None,
    )


def query_string(form: dict[str, str], **extra) -> str:
    return urlencode({k: v for k, v in {**form, **extra}.items() if v not in ("", None, 1)})


def api_query(filters: register.Filters) -> str:
    """The same selection as API parameters."""
    params = [
        ("minister", filters.minister),
        ("ministry", filters.ministry),
        ("party", filters.party),
        *(("status", s) for s in filters.statuses),
        ("due_from", filters.due_from and filters.due_from.isoformat()),
        ("due_to", filters.due_to and filters.due_to.isoformat()),
        ("q", filters.q),
        ("origin", filters.origin),
    ]
    return urlencode([(k, v) for k, v in params if v])


@router.get("/toezeggingen", response_class=HTMLResponse)
def register_page(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    form: Annotated[dict[str, str], Depends(form_filters)],
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
):
    today = date.today()
    total, entries = register.register(session, as_filters(form), today, page, PAGE_SIZE)
    last = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    pages = {"last": last}
    if page > 1:
        pages["previous"] = "/toezeggingen?" + query_string(form, page=page - 1)
    if page < last:
        pages["next"] = "/toezeggingen?" + query_string(form, page=page + 1)
    context = {
        "form": form,
        "origin_titles": ORIGIN_TITLES,
        "total": total,
        "entries": entries,
        "page": page,
        "pages": pages,
        "today": today,
        "feed_url": "/toezeggingen.atom?" + query_string(form),
        "api_url": "/api/v1/commitments?" + api_query(as_filters(form)),
        "titles": titles(session, ((e.document_id, e.subject) for e in entries if e.document_id)),
    }
    return render(request, "toezeggingen.html", context, block="results")

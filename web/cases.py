"""Cases and answer times on the site and in the API: `/antwoordtermijnen` (figures with a bar
chart drawn as SVG on the server, so it needs no JavaScript), `GET /api/v1/answer-times` and
`GET /api/v1/cases/{document_id}`. The document page shows its case through `indexer.cases`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlmodel import Session

from indexer.answer_times import (
    PERIOD_PATTERN,
    TERM_DAYS,
    AnswerTimes,
    Filters,
    Per,
    Row,
    answer_times_in,
    period_bounds,
)
from indexer.cases import Case, case_of
from web.api import ERRORS, PROBLEM, reject_unknown_parameters
from web.deps import get_session
from web.pages import render

api = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(reject_unknown_parameters)])
pages = APIRouter(include_in_schema=False)

PeriodText = Annotated[
    str | None,
    Query(
        pattern=PERIOD_PATTERN,
        description="A calendar year (2024) or a vergaderjaar (2024-2025), by submission date",
    ),
]


def _filters(
    period: str | None, date_from: date | None, date_to: date | None, as_of: date | None, per: Per, name: str
) -> Filters:
    """The filters, or a 422 naming the period parameter (`name`: `period` in the API,
    `periode` on the Dutch page) when it is neither a year nor a vergaderjaar."""
    if period:
        try:
            period_bounds(period)
        except ValueError as exc:
            raise RequestValidationError(
                [{"loc": ("query", name), "msg": str(exc), "type": "value_error"}]
            ) from exc
    return Filters(
        period=period or None, date_from=date_from, date_to=date_to, as_of=as_of or date.today(), per=per
    )


@api.get("/answer-times", response_model=AnswerTimes, responses=ERRORS)
def answer_times(
    session: Annotated[Session, Depends(get_session)],
    period: PeriodText = None,
    date_from: Annotated[
        date | None, Query(alias="from", description="Submitted on or after (YYYY-MM-DD)")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="Submitted on or before (YYYY-MM-DD)")
    ] = None,
    as_of: Annotated[date | None, Query(description="Reference date (YYYY-MM-DD); today by default")] = None,
    per: Annotated[
        Per, Query(description="Periods in by_period: vergaderjaar or calendar year")
    ] = "vergaderjaar",
) -> AnswerTimes:
    """Answer times per ministry, minister and period, and the question sets still unanswered
    after the three-week term. Submitted = "ingezonden" date of the questions; answered =
    "ontvangen" date of the first answer; within term = at most 21 days; shares are over the
    sets answered or past their term on `as_of`; documents received after `as_of` are ignored;
    `from` after `to` selects nothing."""
    return answer_times_in(session, _filters(period, date_from, date_to, as_of, per, "period"))


@api.get("/cases/{document_id:path}", response_model=Case, responses={404: PROBLEM, **ERRORS})
def case(document_id: str, session: Annotated[Session, Depends(get_session)]) -> Case:
    """The case (zaak) a question set, notice or answer belongs to: its documents and timeline
    (ingezonden → uitstel → antwoord / nader antwoord)."""
    found = case_of(session, document_id)
    if found is None:
        raise HTTPException(404, f"no question set, notice or answer with id {document_id!r}")
    return found


class Bar(BaseModel):
    label: str
    value: float
    y: int
    width: float
    text: str


class Chart(BaseModel):
    """A horizontal bar chart's geometry: the template only draws it (labels escaped there)."""

    title: str
    bars: list[Bar]
    height: int
    term_x: float
    """Where the three-week line stands."""
    label_width: int = 260
    plot_width: int = 420


def bar_chart(title: str, rows: list[Row], by_value: bool = True, limit: int = 20) -> Chart:
    """Median days per group (longest first, or in the rows' order) on one scale with the
    21-day term marked."""
    rows = [r for r in rows if r.median_days is not None]
    if by_value:
        rows.sort(key=lambda r: (-(r.median_days or 0), r.group))
    rows = rows[:limit]
    chart = Chart(title=title, bars=[], height=0, term_x=0)
    top = max([TERM_DAYS, *(r.median_days or 0 for r in rows)]) * 1.1
    scale = chart.plot_width / top
    for i, r in enumerate(rows):
        value = r.median_days or 0
        chart.bars.append(
            Bar(
                label=r.group,
                value=value,
                y=i * 26 + 8,
                width=round(value * scale, 1),
                text=f"{value:g} dagen",
            )
        )
    chart.height = len(rows) * 26 + 30
    chart.term_x = round(chart.label_width + TERM_DAYS * scale, 1)
    return chart


DateText = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


def _date(name: str, text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:  # the shape is right, the day is not (2024-13-45)
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": str(exc), "type": "value_error"}]
        ) from exc


@pages.get("/antwoordtermijnen", response_class=HTMLResponse)
def answer_times_page(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    periode: Annotated[str, Query(max_length=9)] = "",
    van: DateText = "",
    tot: DateText = "",
    peildatum: DateText = "",
    per: Per = "vergaderjaar",
):
    filters = _filters(
        periode.strip() or None,
        _date("van", van),
        _date("tot", tot),
        _date("peildatum", peildatum),
        per,
        "periode",
    )
    result = answer_times_in(session, filters)
    context = {
        "result": result,
        "periode": periode,
        "van": van,
        "tot": tot,
        "peildatum": peildatum,
        "per": per,
        "term_days": TERM_DAYS,
        "charts": [
            bar_chart("Mediaan dagen tot antwoord per ministerie", result.by_ministry),
            bar_chart("Mediaan dagen tot antwoord per periode", result.by_period, by_value=False),
        ],
    }
    return render(request, "answer_times.html", context)


router = APIRouter()
router.include_router(api)
router.include_router(pages)

"""The "Cijfers" section of the site: search measures, and a page per measure with a timeline
(an SVG drawn on the server, so it needs no JavaScript) and the table of its statements, each
linking to the question/answer it stands in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from indexer import facts
from web.api_facts import linked
from web.deps import get_session
from web.pages import render

router = APIRouter(include_in_schema=False)

UNIT_WORDS = {
    "count": "aantal",
    "persons": "personen",
    "percent": "procent",
    "euro": "euro",
    "year": "jaar",
    "month": "maanden",
    "week": "weken",
    "day": "dagen",
    "hour": "uren",
    "other": "overig",
}
WIDTH, HEIGHT, PAD = 640, 220, 40


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str
    url: str


@dataclass
class Chart:
    points: list[Point]
    line: str  # the polyline's points attribute
    ticks: list[tuple[float, str]]  # (x, year) along the bottom
    low: str
    high: str


def _when(ref_date: str | None) -> dt.date | None:
    if not ref_date:
        return None
    parts = [int(p) for p in ref_date.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def number(value: float) -> str:
    """A value as Dutch prints it: 7.803; 1,5."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".").rstrip("0").rstrip(",")


def timeline(series: list[facts.StatementOut]) -> Chart | None:
    """Coordinates of the measure's values over their reference dates; None with fewer than two
    dated statements (one point is no line)."""
    dated = sorted(((d, s) for s in series if (d := _when(s.ref_date))), key=lambda t: t[0])
    if len(dated) < 2:
        return None
    first, last = dated[0][0].toordinal(), dated[-1][0].toordinal()
    low = min(s.value for _, s in dated)
    high = max(s.value for _, s in dated)
    span_x, span_y = max(last - first, 1), (high - low) or 1.0
    points = [
        Point(
            x=round(PAD + (d.toordinal() - first) / span_x * (WIDTH - 2 * PAD), 1),
            y=round(HEIGHT - PAD - (s.value - low) / span_y * (HEIGHT - 2 * PAD), 1),
            value=s.value,
            label=f"{number(s.value)} ({s.ref_date})",
            url=s.url or "",
        )
        for d, s in dated
    ]
    years = sorted({d.year for d, _ in dated})
    ticks = [
        (round(PAD + (dt.date(y, 1, 1).toordinal() - first) / span_x * (WIDTH - 2 * PAD), 1), str(y))
        for y in years
        if first <= dt.date(y, 1, 1).toordinal() <= last
    ] or [(points[0].x, str(years[0]))]
    return Chart(points, " ".join(f"{p.x},{p.y}" for p in points), ticks, number(low), number(high))


@router.get("/cijfers", response_class=HTMLResponse)
def measures_page(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    q: Annotated[str, Query(max_length=200)] = "",
    ministerie: Annotated[str, Query(max_length=160)] = "",
):
    found = facts.measures(session, q, ministerie or None, min_count=1 if q else 2, limit=100)
    context = {"q": q, "ministerie": ministerie, "measures": found, "units": UNIT_WORDS, "number": number}
    return render(request, "cijfers.html", context, block="results")


@router.get("/cijfers/{measure_id}", response_class=HTMLResponse)
def measure_page(request: Request, measure_id: str, session: Annotated[Session, Depends(get_session)]):
    found = facts.measure(session, measure_id[:40])
    if found is None:
        raise HTTPException(404, "Dit cijfer staat niet in de kennisbank.")
    series = [linked(s) for s in found.series]
    context = {
        "measure": found,
        "series": series,
        "chart": timeline(series),
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "units": UNIT_WORDS,
        "number": number,
    }
    return render(request, "cijfer.html", context)

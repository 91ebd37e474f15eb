"""The fact ledger's JSON API: claim lookup for fact-checking tools, and measures (a figure
reported again and again, with its series, conflicts and corrections). Thin routes over
`indexer.facts`; every statement links to its question/answer page and official publication."""

from __future__ import annotations

import re
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlmodel import Session

from indexer import facts
from indexer.search.backend import SearchBackend
from web.api import ERRORS, PROBLEM, reject_unknown_parameters
from web.deps import get_backend, get_session
from web.errors import InvalidQuery
from web.present import official_url

router = APIRouter(prefix="/api/v1", tags=["facts"], dependencies=[Depends(reject_unknown_parameters)])

CLAIM_EXAMPLE = "Slechts 923 van de 7.803 nieuwe inburgeraars sloten een lening af bij DUO"
MAX_CLAIM = 1000
# a sentence: at least one word, and no markup
CLAIM_PATTERN = r"^[^<>]*[A-Za-zÀ-ÿ]{2}[^<>]*$"
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|<\s*/?\s*[A-Za-z]")
Unit = Literal["count", "persons", "percent", "euro", "year", "month", "week", "day", "hour", "other"]
S = TypeVar("S", bound=facts.StatementOut)


def pair_url(document_id: str, question_numbers: list[int]) -> str:
    """The site's page of a question/answer pair: the document page at its question."""
    return f"/documents/{document_id}#vraag-{question_numbers[0] if question_numbers else 1}"


def linked(statement: S) -> S:
    """A statement with its site page and its official publication."""
    return statement.model_copy(
        update={
            "url": pair_url(statement.document_id, statement.question_numbers),
            "official_url": official_url(statement.document_id),
        }
    )


def checked_claim(claim: str) -> str:
    """A claim is a sentence: words, maybe figures. Markup or a bare number is not one."""
    text = " ".join(claim.split())
    if not text:
        raise InvalidQuery("the claim is empty")
    if _TAG.search(text):
        raise InvalidQuery("the claim contains HTML markup; send plain text")
    if not re.search(r"[A-Za-zÀ-ÿ]{2,}", text):
        raise InvalidQuery("the claim has no words; send the sentence the figure stands in")
    return text


@router.get("/facts/lookup", response_model=facts.Lookup, responses=ERRORS)
def lookup(
    session: Annotated[Session, Depends(get_session)],
    backend: Annotated[SearchBackend, Depends(get_backend)],
    claim: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_CLAIM,
            pattern=CLAIM_PATTERN,
            description="A sentence with (or without) a figure, in Dutch number formats: "
            '"7.803", "1,5 miljoen", "ruim tweeduizend", "12%", "€ 2,3 mln"',
            openapi_examples={
                "founding document": {"summary": "A claim about loans", "value": CLAIM_EXAMPLE}
            },
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> facts.Lookup:
    """The official statements behind a claim, best first. Each match says how it relates to the
    claim's figure: `equals`, `differs`, `newer` or `older` (another statement of the same
    measure, by reference date), or `related` (a claim without a figure, or no figure to compare).
    Newer statements of a matching measure come along even when their value differs."""
    found = facts.lookup(session, backend, checked_claim(claim), limit=limit)
    return found.model_copy(update={"matches": [linked(m) for m in found.matches]})


@router.get("/measures", response_model=list[facts.MeasureSummary], responses=ERRORS)
def measures(
    session: Annotated[Session, Depends(get_session)],
    q: Annotated[str, Query(max_length=200, description="Words of what is counted")] = "",
    ministry: Annotated[str | None, Query(max_length=160)] = None,
    unit: Unit | None = None,
    min_count: Annotated[int, Query(ge=1, le=1000, description="Only measures reported this often")] = 1,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> list[facts.MeasureSummary]:
    """Measures: what groups of statements report, most reported first, with the first and last
    reference date and the last value."""
    return facts.measures(session, q, ministry, unit, limit=limit, offset=offset, min_count=min_count)


@router.get("/measures/{measure_id}", response_model=facts.MeasureDetail, responses={404: PROBLEM, **ERRORS})
def measure(measure_id: str, session: Annotated[Session, Depends(get_session)]) -> facts.MeasureDetail:
    """One measure: its series (latest reference date first), conflicts (one date, different
    values) and corrections, each statement with its source links."""
    found = facts.measure(session, measure_id[:40])
    if found is None:
        raise HTTPException(404, f"no measure with id {measure_id!r}")
    return found.model_copy(
        update={
            "series": [linked(s) for s in found.series],
            "corrections": [
                c.model_copy(
                    update={
                        "corrected": linked(c.corrected),
                        "correction": linked(c.correction) if c.correction else None,
                    }
                )
                for c in found.corrections
            ],
        }
    )

"""The commitments register in the JSON API: /api/v1/commitments (filtered, paged, with status
on a reference date) and /api/v1/commitments/{id}. Bad filters are 422 problems, like the
rest of the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel
from sqlmodel import Session

from indexer import commitments as register
from web.api import ERRORS, PROBLEM, reject_unknown_parameters
from web.deps import get_session
from web.present import document_place, official_url, toezegging_url

router = APIRouter(prefix="/api/v1", tags=["commitments"], dependencies=[Depends(reject_unknown_parameters)])

Name = Annotated[str | None, Query(max_length=160)]


class PublicEvidence(register.Evidence):
    url: str | None
    """The later document's page on this site (None for the Kamer register's "Voldaan")."""


class PublicCommitment(register.Entry):
    url: str | None
    """The promise on its document's page on this site; for an oral one the Kamer's page of
    the toezegging when its Nummer names one, else None."""
    official_url: str | None = None
    """The publication on officielebekendmakingen.nl, when the id names one; for an oral
    commitment the Kamer's page of the toezegging."""
    fulfilled_by: list[PublicEvidence]


class CommitmentsResponse(BaseModel):
    total: int
    page: int
    page_size: int
    as_of: date
    """The reference date the statuses are computed for."""
    results: list[PublicCommitment]


def page_url(request: Request, document_id: str, location: str) -> str:
    """The document page, at the question the location belongs to, as an absolute URL."""
    return str(request.base_url).rstrip("/") + document_place(document_id, location)


def public(request: Request, entry: register.Entry) -> PublicCommitment:
    data = entry.model_dump(exclude={"fulfilled_by"})
    if entry.document_id is None:
        url = official = toezegging_url(entry.location)
    else:
        url, official = page_url(request, entry.document_id, entry.location), official_url(entry.document_id)
    return PublicCommitment(
        **data,
        url=url,
        official_url=official,
        fulfilled_by=[
            PublicEvidence(
                **e.model_dump(), url=page_url(request, e.document_id, e.location) if e.document_id else None
            )
            for e in entry.fulfilled_by
        ],
    )


def register_filters(
    minister: Name = None,
    ministry: Name = None,
    party: Annotated[str | None, Query(max_length=80, description="Party of the asker")] = None,
    status: Annotated[
        list[register.Status] | None, Query(description="One or more statuses (repeat the parameter)")
    ] = None,
    due_from: Annotated[date | None, Query(description="Due on or after (YYYY-MM-DD)")] = None,
    due_to: Annotated[date | None, Query(description="Due on or before (YYYY-MM-DD)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the promise")] = None,
    origin: Annotated[
        register.Origin | None,
        Query(description="schriftelijk (in a written answer) or mondeling (in a debate, TK register)"),
    ] = None,
) -> register.Filters:
    """The register's filters (due_to before due_from is an empty period, not an error)."""
    return register.Filters(
        minister=minister or None,
        ministry=ministry or None,
        party=party or None,
        statuses=list(status or []),
        due_from=due_from,
        due_to=due_to,
        q=q or None,
        origin=origin,
    )


AsOf = Annotated[date | None, Query(description="Reference date for the status (default: today)")]


@router.get("/commitments", response_model=CommitmentsResponse, responses=ERRORS)
def commitments(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    filters: Annotated[register.Filters, Depends(register_filters)],
    as_of: AsOf = None,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> CommitmentsResponse:
    """Promises made in written answers and, from the Kamer's Toezegging register, in debates
    (`origin`): overdue first, then by due date. A `fulfilled` one carries its evidence (the
    later answer and its sentence, or the register's Kamerbrief) in `fulfilled_by`."""
    day = as_of or date.today()
    total, found = register.register(session, filters, day, page, page_size)
    return CommitmentsResponse(
        total=total,
        page=page,
        page_size=page_size,
        as_of=day,
        results=[public(request, e) for e in found],
    )


@router.get(
    "/commitments/{commitment_id}", response_model=PublicCommitment, responses={404: PROBLEM, **ERRORS}
)
def commitment(
    request: Request,
    commitment_id: str,
    session: Annotated[Session, Depends(get_session)],
    as_of: AsOf = None,
) -> PublicCommitment:
    """One commitment by its stable id."""
    found = register.get_commitment(session, commitment_id, as_of or date.today())
    if found is None:
        raise HTTPException(404, f"no commitment with id {commitment_id!r}")
    return public(request, found)

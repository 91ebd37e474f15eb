"""The commitments register: every promise from every answer, with who made it, when it is due
and its status on a reference date. Filtering, status, order and paging happen in one SQL
query (status is a CASE over the due date and the stored fulfilment evidence), so a page costs
the same at 100,000 documents as at 100; only the page's rows are then filled in.

Oral commitments (origin "mondeling", the Kamer's Toezegging register imported by the sync) are
rows of the same table without a document, so one query still lists both kinds: the register's
"Voldaan" makes them `fulfilled` (its Kamerbrief is the evidence), else their due date decides
as for the written ones, without the answer-date rule (the Kamer's due date is a calendar date).

Status on `as_of`: `fulfilled` when a later answer found by indexer.fulfilment (dated on or
before `as_of`) says it was done; else `no_date` without a due date or when the answer itself
has no date (a due date resolved against an unknown day cannot be trusted); else `overdue`
after the due date, `due_soon` within 30 days of it, `open` before that.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import and_, case, literal, or_
from sqlmodel import Session, col, func, select

from indexer import models as m
from indexer.commitment_ids import commitment_keys, document_of, is_oral_key
from indexer.store import ministry_name
from kamervragen.spans import Commitment

Status = Literal["overdue", "due_soon", "open", "no_date", "fulfilled"]
STATUSES: tuple[Status, ...] = ("overdue", "due_soon", "open", "no_date", "fulfilled")
DUE_SOON_DAYS = 30
Origin = Literal["schriftelijk", "mondeling"]
TK_FULFILLED = "Voldaan"  # the Toezegging register's status for a kept commitment
TK_RULE = "tk-register"  # Evidence.rule of the register's own "Voldaan"


class Signer(BaseModel):
    """A member of government who signed the answer, with role and ministry as printed then
    (a co-signer "mede namens de minister van …" often without a name)."""

    name: str | None = None
    role: str | None = None
    ministry: str | None = None
    mede_namens: bool = False


class Evidence(BaseModel):
    """A later answer saying the promise was kept: the document, where, and its sentence."""

    document_id: str | None
    """None for the Toezegging register's "Voldaan" (its Kamerbrief is named in the sentence)."""
    location: str
    date: date | None
    rule: str
    """How it refers back: aanhangsel, kamerstuk, zaak (an id it cites) or toegezegd (by asker);
    tk-register when the Kamer's register says it was done."""
    sentence: str
    subject: str | None = None


class Entry(BaseModel):
    """One commitment in the register."""

    id: str
    text: str
    topic: str | None
    who: str | None
    role: str | None
    ministry: str | None
    co_signers: list[Signer]
    due: date | None
    due_text: str | None
    vague: bool
    conditional: bool
    status: Status
    origin: Origin
    """schriftelijk: from a written answer; mondeling: made in a debate (the Kamer's register)."""
    document_id: str | None
    """None for an oral commitment; its `location` is then the Kamer's Nummer."""
    location: str
    pair_id: str | None
    date: date | None
    subject: str | None
    askers: list[str]
    parties: list[str]
    fulfilled_by: list[Evidence]


@dataclass
class Filters:
    """What the register is narrowed to; every field is optional."""

    minister: str | None = None
    ministry: str | None = None
    party: str | None = None
    statuses: list[str] = field(default_factory=list)
    due_from: date | None = None
    due_to: date | None = None
    q: str | None = None
    document_id: str | None = None
    keys: list[str] = field(default_factory=list)
    origin: Origin | None = None


def _kept_keys(as_of: date):
    """Keys of the commitments with evidence dated on or before `as_of`: few rows, so the
    database builds this set once per query instead of probing per commitment."""
    f = m.FulfilmentRow
    return select(f.commitment_key).where(or_(col(f.evidence_date).is_(None), f.evidence_date <= as_of))


def _date_status(as_of: date):
    """The status a commitment has on `as_of` from its dates alone (before evidence)."""
    c = m.CommitmentRow
    soon = timedelta(days=DUE_SOON_DAYS)
    undated_answer = and_(col(c.answered).is_(None), col(c.document_id).is_not(None))
    return case(
        (c.tk_status == TK_FULFILLED, literal("fulfilled")),
        (or_(col(c.due).is_(None), undated_answer), literal("no_date")),
        (c.due < as_of, literal("overdue")),
        (c.due <= min(as_of, date.max - soon) + soon, literal("due_soon")),
        else_=literal("open"),
    )


def status_expression(as_of: date):
    """The status of a commitment row on `as_of`, from its own columns and the kept set."""
    return case(
        (col(m.CommitmentRow.key).in_(_kept_keys(as_of)), literal("fulfilled")), else_=_date_status(as_of)
    )


def _counts(session: Session, where, as_of: date) -> dict[str, int]:
    """The number of commitments per status: one pass over the rows on their dates alone,
    then the few kept ones (found through the key index) moved to `fulfilled`."""
    dated = _date_status(as_of)
    counts = dict(session.exec(select(dated, func.count()).where(where).group_by(dated)).all())
    kept = session.exec(
        select(dated, func.count())
        .where(where, col(m.CommitmentRow.key).in_(_kept_keys(as_of)))
        .group_by(dated)
    ).all()
    for status, n in kept:
        if status == "fulfilled":  # kept by the Kamer's register as well: counted already
            continue
        counts[status] -= n
        counts["fulfilled"] = counts.get("fulfilled", 0) + n
    return counts


def _documents_with_person(relations: tuple[str, ...], condition):
    dp, p = m.DocumentPersonRow, m.PersonRow
    return col(m.CommitmentRow.document_id).in_(
        select(dp.document_id).join(p, p.id == dp.person_id).where(col(dp.relation).in_(relations), condition)
    )


def _conditions(filters: Filters) -> list:
    c, dp = m.CommitmentRow, m.DocumentPersonRow
    out = [col(c.key).is_not(None)]
    oral = col(c.document_id).is_(None)
    if filters.minister:
        who = func.lower(m.PersonRow.name) == filters.minister.lower()
        out.append(
            or_(
                _documents_with_person(("answerer", "co-answerer"), who),
                and_(oral, func.lower(c.who) == filters.minister.lower()),
            )
        )
    if filters.ministry:
        name = (ministry_name(filters.ministry) or filters.ministry).lower()
        out.append(
            or_(
                col(c.document_id).in_(select(dp.document_id).where(func.lower(dp.ministry) == name)),
                and_(oral, func.lower(c.ministry) == name),
            )
        )
    if filters.origin:
        out.append(oral if filters.origin == "mondeling" else col(c.document_id).is_not(None))
    if filters.party:
        out.append(_documents_with_person(("asker",), func.lower(m.PersonRow.party) == filters.party.lower()))
    if filters.due_from:
        out.append(c.due >= filters.due_from)
    if filters.due_to:
        out.append(c.due <= filters.due_to)
    for word in (filters.q or "").split():
        word = word.lower()
        out.append(
            or_(
                func.lower(c.text).contains(word, autoescape=True),
                func.lower(func.coalesce(c.topic, "")).contains(word, autoescape=True),
            )
        )
    if filters.document_id:
        out.append(c.document_id == filters.document_id)
    if filters.keys:
        out.append(col(c.key).in_(filters.keys))
    return out


Order = Literal["due", "made", "due_desc"]
# the register's order: by due date the dated ones (overdue, due soon and open follow from it),
# then those without a date, then the kept ones; each group is read in index order
GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("overdue", "due_soon", "open"), "due"),
    (("no_date",), "answered_desc"),
    (("fulfilled",), "kept"),
)


def register(
    session: Session,
    filters: Filters,
    as_of: date,
    page: int = 1,
    page_size: int = 20,
    order: Order = "due",
) -> tuple[int, list[Entry]]:
    """(total, the page's entries). `due`: overdue first, then by due date, the earliest first,
    then those without a date, then the kept ones (the register); `made`: the newest answers
    first, `due_desc`: the latest due date first, each leaving out the rows without that date
    (the feeds).

    One counting pass gives the number per status; the page is then read group by group in
    the order of the `due` index, so a page costs little more than its rows."""
    c = m.CommitmentRow
    status = status_expression(as_of)
    where = and_(*_conditions(filters))
    wanted = set(filters.statuses or STATUSES)
    counts = _counts(session, where, as_of)
    total = sum(n for s, n in counts.items() if s in wanted)
    offset = (page - 1) * page_size
    # each order reads one index from a bound: a leading "IS NULL" term would make the
    # database sort every row instead (the rows without that date are another group, or none)
    orders = {
        "due": (col(c.due).is_not(None), (c.due, c.key)),
        "answered_desc": (None, (col(c.answered).is_(None), col(c.answered).desc(), c.key)),
        "kept": (None, (col(c.due).is_(None), c.due, c.key)),
        "made": (col(c.answered).is_not(None), (col(c.answered).desc(), c.key)),
        "due_desc": (col(c.due).is_not(None), (col(c.due).desc(), c.key)),
    }
    groups = GROUPS if order == "due" else ((tuple(STATUSES), order),)
    rows: list = []
    for statuses, group_order in groups:
        chosen = [s for s in statuses if s in wanted]
        size = sum(counts.get(s, 0) for s in chosen)
        if not chosen or offset >= size:
            offset = max(0, offset - size)
            continue
        bound, sort = orders[group_order]
        query = select(c, status).where(where, status.in_(chosen))
        if bound is not None:
            query = query.where(bound)
        rows += session.exec(query.order_by(*sort).offset(offset).limit(page_size - len(rows))).all()
        offset = 0
        if len(rows) >= page_size:
            break
    return total, _entries(session, rows, as_of)


def get_commitment(session: Session, key: str, as_of: date) -> Entry | None:
    if document_of(key) is None and not is_oral_key(key):
        return None
    _, found = register(session, Filters(keys=[key]), as_of, page_size=1)
    return found[0] if found else None


def document_commitments(session: Session, document_id: str, as_of: date) -> list[Entry]:
    """A document's commitments with their status, in the document's order."""
    _, found = register(session, Filters(document_id=document_id), as_of, page_size=1000)
    return sorted(found, key=lambda e: (e.location, e.id))


def open_commitments(session: Session, limit: int = 50, **filters) -> tuple[int, list[Entry]]:
    """The promises not yet kept today (overdue first) of a minister or a ministry."""
    wanted = Filters(statuses=["overdue", "due_soon", "open"], **filters)
    return register(session, wanted, date.today(), page_size=limit)


def commitment_statuses(
    session: Session, document_id: str, commitments: list[Commitment], as_of: date
) -> list[Entry | None]:
    """The register's entry for each of a parsed document's commitments (None for one not
    stored), matched by the same stable key the store gave it."""
    found = {e.id: e for e in document_commitments(session, document_id, as_of)}
    keys = commitment_keys(document_id, ((c.location, c.text) for c in commitments))
    return [found.get(k) for k in keys]


def _entries(session: Session, rows, as_of: date) -> list[Entry]:
    doc_ids = sorted({row[0].document_id for row in rows if row[0].document_id})
    keys = [row[0].key for row in rows]
    signers: dict[str, list[Signer]] = {}
    subjects: dict[str, str | None] = {}
    askers: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    if doc_ids:
        for doc_id, subject, data in session.exec(
            select(m.DocumentRow.id, m.DocumentRow.subject, m.DocumentRow.document_json).where(
                col(m.DocumentRow.id).in_(doc_ids)
            )
        ):
            subjects[doc_id] = subject
            doc = json.loads(data)
            signers[doc_id] = [_as_signer(a) for a in doc.get("answerers", [])]
            askers[doc_id] = [(a["name"], a.get("party")) for a in doc.get("askers", [])]
        found = session.exec(
            select(m.FulfilmentRow, m.DocumentRow.subject)
            .join(m.DocumentRow, m.DocumentRow.id == m.FulfilmentRow.evidence_document_id)
            .where(
                col(m.FulfilmentRow.commitment_key).in_(keys),
                or_(col(m.FulfilmentRow.evidence_date).is_(None), m.FulfilmentRow.evidence_date <= as_of),
            )
            .order_by(col(m.FulfilmentRow.evidence_date), m.FulfilmentRow.evidence_document_id)
        ).all()
        for f, subject in found:
            evidence[f.commitment_key].append(
                Evidence(
                    document_id=f.evidence_document_id,
                    location=f.evidence_location,
                    date=f.evidence_date,
                    rule=f.rule,
                    sentence=f.sentence,
                    subject=subject,
                )
            )
    out = []
    for c, status in rows:
        if c.document_id is None:
            out.append(_oral_entry(c, status))
            continue
        own = signers.get(c.document_id, [])
        main = _main_signer(own, c.who)
        out.append(
            Entry(
                id=c.key,
                text=c.text,
                topic=c.topic,
                who=main.name if main else c.who,
                role=main.role if main else None,
                ministry=main.ministry if main else None,
                co_signers=[s for s in own if s is not main],
                due=c.due,
                due_text=c.due_text,
                vague=c.vague,
                conditional=c.conditional,
                status=status,
                origin="schriftelijk",
                document_id=c.document_id,
                location=c.location,
                pair_id=f"{c.document_id}#q{c.location[1:]}" if c.location[1:].isdigit() else None,
                date=c.answered,
                subject=subjects.get(c.document_id),
                askers=[name for name, _ in askers.get(c.document_id, [])],
                parties=list(dict.fromkeys(p for _, p in askers.get(c.document_id, []) if p)),
                fulfilled_by=evidence.get(c.key, []),
            )
        )
    return out


def _oral_entry(c: m.CommitmentRow, status: Status) -> Entry:
    """An oral commitment from its own columns; the register's "Voldaan" is shown as evidence
    (with the Kamerbrief it names), never as a bare status."""
    evidence = []
    if c.tk_status == TK_FULFILLED:
        letter = f": Kamerbrief {c.tk_letter}" if c.tk_letter else " (zonder Kamerbrief)"
        evidence.append(
            Evidence(
                document_id=None,
                location="",
                date=None,
                rule=TK_RULE,
                sentence=f"Voldaan volgens het toezeggingenregister van de Tweede Kamer{letter}",
                subject=c.tk_letter,
            )
        )
    return Entry(
        id=c.key,
        text=c.text,
        topic=c.topic,
        who=c.who,
        role=c.role,
        ministry=c.ministry,
        co_signers=[],
        due=c.due,
        due_text=c.due_text,
        vague=c.vague,
        conditional=c.conditional,
        status=status,
        origin="mondeling",
        document_id=None,
        location=c.location,
        pair_id=None,
        date=c.answered,
        subject=None,
        askers=[],
        parties=[],
        fulfilled_by=evidence,
    )


def _as_signer(answerer: dict) -> Signer:
    return Signer(
        name=answerer.get("name"),
        role=answerer.get("role"),
        ministry=ministry_name(answerer.get("ministry")),
        mede_namens=bool(answerer.get("mede_namens")),
    )


def _main_signer(signers: list[Signer], who: str | None) -> Signer | None:
    """The signer the extraction named, else the first who answers (not "mede namens")."""
    if who:
        for s in signers:
            if s.name and s.name.lower() == who.lower():
                return s
    return next((s for s in signers if not s.mede_namens), signers[0] if signers else None)

"""Cases: a question set, its notices of delay and its answers, linked into one zaak.

Documents are linked when the knowledge base holds both ends of a link:

- the same zaak number (`DocumentRow.case_number`, "2024Z18294"), as printed by the parser or
  set later from Tweede Kamer data;
- the "Zie ook Aanhangsel Handelingen, vergaderjaar …, nr. N" line in an answer's or notice's
  header, which names the notice of delay (or, for a nader antwoord, the first answer) of the
  same questions. Such a link is refused when the two sides carry different zaak numbers or
  different "ingezonden" dates, so one misread reference cannot merge two question sets.

Linking happens when a case is read, from what is stored at that moment; nothing is written. So
it does not matter in which order or in which runs the documents were indexed (an answer before
its question set), nor whether a zaak number arrives later from another source.

Dates: a case's submission date is the "ingezonden" date of its question set, else the one its
answer or notice repeats; it is answered on the "ontvangen" date of its first answer. An answer
received after the case's first answer is a nader antwoord; when the knowledge base lacks the
first answer, the nader antwoord counts as the answer. A notice that the questions were answered
elsewhere closes the case on its own date.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel
from sqlmodel import Session, col, select

from indexer import models as m

CASE_KINDS = ("questions", "oral", "answer", "notice")
QUESTION_KINDS = ("questions", "oral")
_MAX_MEMBERS = 50  # a real case has a handful of documents; this bounds a pathological chain

EventKind = Literal["submitted", "delay", "notice", "answered_elsewhere", "answer", "further_answer"]
EVENT_LABELS: dict[str, str] = {
    "submitted": "Ingezonden",
    "delay": "Uitstel",
    "notice": "Mededeling",
    "answered_elsewhere": "Elders beantwoord",
    "answer": "Antwoord",
    "further_answer": "Nader antwoord",
}


class CaseEvent(BaseModel):
    """One step of a case: the questions submitted, a notice, an answer."""

    kind: EventKind
    label: str
    """The step in Dutch, as the site shows it."""
    date: date | None
    document_id: str | None
    """The document that records the step (None: the questions themselves are not held)."""
    reason: str | None = None
    """Why the answer is delayed, as the notice says."""
    days: int | None = None
    """Days since the questions were submitted."""


class Case(BaseModel):
    key: str
    """The zaak number, or the id of the case's first document when no zaak number is known."""
    case_number: str | None
    subject: str | None
    document_ids: list[str]
    question_id: str | None
    """The question set's document, when the knowledge base holds it."""
    oral: bool
    """Oral questions: answered in the plenary, not in writing."""
    submitted: date | None
    answered: bool
    answered_on: date | None
    answer_id: str | None
    """The document that answered: the first answer, or the notice that it was answered elsewhere."""
    delay_notices: list[date | None]
    """The dates on which notices of delay were received."""
    ministers: list[str]
    ministries: list[str]
    events: list[CaseEvent]

    @property
    def days(self) -> int | None:
        """Days from submission to the first answer; None when unknown or impossible (< 0)."""
        if self.submitted and self.answered_on and self.answered_on >= self.submitted:
            return (self.answered_on - self.submitted).days
        return None


@dataclass
class _Doc:
    id: str
    kind: str
    case_number: str | None
    submitted: date | None
    received: date | None
    notice_type: str | None
    subject: str | None
    answerers: list[tuple[str, str | None]] = field(default_factory=list)  # (name, ministry)
    addressed: list[str] = field(default_factory=list)  # ministries a question set is addressed to
    reason: str | None = None


_COLUMNS = (
    m.DocumentRow.id,
    m.DocumentRow.kind,
    m.DocumentRow.case_number,
    m.DocumentRow.submitted,
    m.DocumentRow.received,
    m.DocumentRow.notice_type,
    m.DocumentRow.subject,
)


def _docs(session: Session, where=None) -> dict[str, _Doc]:
    """The documents `where` selects (every one when None) that can be part of a case. A narrow
    selection leaves the kind to Python, so the database looks them up by their own index."""
    query = select(*_COLUMNS)
    query = query.where(where) if where is not None else query.where(col(m.DocumentRow.kind).in_(CASE_KINDS))
    return {r[0]: _Doc(*r) for r in session.exec(query).all() if r[1] in CASE_KINDS}


def _see_also(session: Session, where=None) -> list[tuple[str, str]]:
    """(document, the aanhangsel document its header names) for every "Zie ook" line, of the
    references `where` selects (all when None)."""
    query = select(
        m.ReferenceRow.document_id, m.ReferenceRow.ref_id, m.ReferenceRow.kind, m.ReferenceRow.location
    )
    query = query.where(where) if where is not None else query.where(m.ReferenceRow.kind == "aanhangsel")
    return [
        (a, b)
        for a, b, kind, place in session.exec(query).all()
        if b and kind == "aanhangsel" and place == "header"
    ]


def _fill_people(session: Session, docs: dict[str, _Doc], every: bool = False) -> None:
    """The answering ministers (not the co-signing ones) of answers and notices; `every`: `docs`
    holds every document, so one query reads them all."""
    query = (
        select(m.DocumentPersonRow.document_id, m.PersonRow.name, m.DocumentPersonRow.ministry)
        .join(m.PersonRow, m.PersonRow.id == m.DocumentPersonRow.person_id)
        .where(m.DocumentPersonRow.relation == "answerer")
        .order_by(m.DocumentPersonRow.document_id, m.PersonRow.name)
    )
    ids = [d.id for d in docs.values() if d.kind in ("answer", "notice")]
    chunks = (
        [query]
        if every
        else [
            query.where(col(m.DocumentPersonRow.document_id).in_(ids[i : i + 500]))
            for i in range(0, len(ids), 500)
        ]
    )
    for chunk in chunks:
        for doc_id, name, ministry in session.exec(chunk).all():
            if doc_id in docs:
                docs[doc_id].answerers.append((name, ministry))


def _fill_from_json(session: Session, docs: Iterable[_Doc]) -> None:
    """What only the stored document holds: the addressees of a question set (needed for a case
    that has no answer yet) and the reason a notice of delay gives."""
    from indexer.store import document_ministries
    from kamervragen.model import Document

    wanted = {d.id: d for d in docs if d.kind in QUESTION_KINDS or d.kind == "notice"}
    ids = list(wanted)
    for start in range(0, len(ids), 200):
        rows = session.exec(
            select(m.DocumentRow.id, m.DocumentRow.document_json).where(
                col(m.DocumentRow.id).in_(ids[start : start + 200])
            )
        ).all()
        for doc_id, raw in rows:
            data = json.loads(raw)  # only the fields needed, not the whole document validated
            who = Document.model_validate({k: data.get(k) or [] for k in ("answerers", "addressees")})
            wanted[doc_id].addressed = document_ministries(who)
            wanted[doc_id].reason = data.get("notice_reason")


class _Links:
    """Union-find over document ids; each group remembers its zaak number and "ingezonden" date."""

    def __init__(self, docs: dict[str, _Doc]) -> None:
        self.parent = {i: i for i in docs}
        self.zaak = {i: d.case_number for i, d in docs.items()}
        self.submitted = {i: d.submitted for i, d in docs.items()}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.zaak[min(ra, rb)] = self.zaak[ra] or self.zaak[rb]
            self.submitted[min(ra, rb)] = self.submitted[ra] or self.submitted[rb]


def _group(docs: dict[str, _Doc], see_also: list[tuple[str, str]]) -> list[list[_Doc]]:
    links = _Links(docs)
    by_zaak: dict[str, str] = {}
    for d in sorted(docs.values(), key=lambda d: d.id):
        if d.case_number:
            first = by_zaak.setdefault(d.case_number, d.id)
            links.union(first, d.id)
    for a, b in sorted(see_also):
        if a not in docs or b not in docs or docs[b].kind not in ("answer", "notice"):
            continue
        ra, rb = links.find(a), links.find(b)
        za, zb, sa, sb = links.zaak[ra], links.zaak[rb], links.submitted[ra], links.submitted[rb]
        if (za and zb and za != zb) or (sa and sb and sa != sb):
            continue  # two different question sets: the reference is not this case's notice
        links.union(a, b)
    groups: dict[str, list[_Doc]] = defaultdict(list)
    for i in docs:
        groups[links.find(i)].append(docs[i])
    return list(groups.values())


def _case(members: list[_Doc]) -> Case:
    members.sort(key=lambda d: (d.received or date.max, d.id))
    questions = sorted((d for d in members if d.kind in QUESTION_KINDS), key=lambda d: d.id)
    answers = [d for d in members if d.kind == "answer"]
    notices = [d for d in members if d.kind == "notice"]
    question = questions[0] if questions else None
    printed = [d.submitted for d in members if d.submitted]
    submitted = question.submitted if question and question.submitted else min(printed, default=None)
    zaak = next((d.case_number for d in (*questions, *answers, *notices) if d.case_number), None)

    def days(on: date | None) -> int | None:
        return (on - submitted).days if on and submitted else None

    events: list[CaseEvent] = []
    if submitted or question:
        events.append(
            CaseEvent(
                kind="submitted",
                label=EVENT_LABELS["submitted"],
                date=submitted,
                document_id=question.id if question else None,
            )
        )
    closed_by: _Doc | None = None
    for d in members:  # in order of receipt
        if d.kind == "notice":
            kind = d.notice_type if d.notice_type in ("delay", "answered_elsewhere") else "notice"
            if kind == "answered_elsewhere" and closed_by is None:
                closed_by = d
        elif d.kind == "answer":
            kind = "further_answer" if closed_by is not None and closed_by.kind == "answer" else "answer"
            closed_by = closed_by or d
        else:
            continue
        events.append(
            CaseEvent(
                kind=kind,
                label=EVENT_LABELS[kind],
                date=d.received,
                document_id=d.id,
                reason=d.reason if d.kind == "notice" else None,
                days=days(d.received),
            )
        )
    first_answer = next((d for d in members if d.kind == "answer"), None)
    closing = closed_by  # the first answer, or an earlier notice that it was answered elsewhere
    speaking = first_answer or closing or (notices[-1] if notices else None)
    people = speaking.answerers if speaking else []
    ministries = [mi for _, mi in people if mi] or (question.addressed if question else [])
    return Case(
        key=zaak or min(d.id for d in members),
        case_number=zaak,
        subject=next((d.subject for d in (*questions, *answers, *notices) if d.subject), None),
        document_ids=[d.id for d in sorted(members, key=lambda d: d.id)],
        question_id=question.id if question else None,
        oral=bool(question and question.kind == "oral" and not answers),
        submitted=submitted,
        answered=closing is not None,
        answered_on=closing.received if closing else None,
        answer_id=closing.id if closing else None,
        delay_notices=[d.received for d in notices if d.notice_type == "delay"],
        ministers=list(dict.fromkeys(name for name, _ in people)),
        ministries=list(dict.fromkeys(ministries)),
        events=events,
    )


def _may_need_addressees(group: list[_Doc]) -> bool:
    """Whether the question set's addressees may be what names the case's ministry: when no
    answer or notice is held, or one of them names no minister."""
    speakers = [d for d in group if d.kind not in QUESTION_KINDS]
    return not speakers or not all(d.answerers for d in speakers)


def all_cases(session: Session) -> list[Case]:
    """Every case in the knowledge base (each question set, answer or notice is in one)."""
    docs = _docs(session)
    see_also = _see_also(session)
    _fill_people(session, docs, every=True)
    groups = _group(docs, see_also)
    unnamed = [d for g in groups if _may_need_addressees(g) for d in g]
    _fill_from_json(session, [*unnamed, *(d for d in docs.values() if d.kind == "notice")])
    return sorted((_case(g) for g in groups), key=lambda c: c.key)


def case_of(session: Session, doc_id: str) -> Case | None:
    """The case a document belongs to, gathered from its neighbourhood only (the documents
    sharing its zaak number and those its "Zie ook" line names or that name it), with the same
    linking rules as `all_cases`. None when the document is not a question set, answer or notice."""
    docs = _docs(session, m.DocumentRow.id == doc_id)
    if doc_id not in docs:
        return None
    see_also: set[tuple[str, str]] = set()
    todo = [doc_id]
    while todo and len(docs) < _MAX_MEMBERS:
        batch, todo = todo, []
        zaken = {docs[i].case_number for i in batch if docs[i].case_number}
        pairs = _see_also(session, col(m.ReferenceRow.document_id).in_(batch))
        pairs += _see_also(session, col(m.ReferenceRow.ref_id).in_(batch))
        see_also.update(pairs)
        wanted = {x for pair in pairs for x in pair} - set(docs)
        found = _docs(session, col(m.DocumentRow.case_number).in_(zaken)) if zaken else {}
        found.update(_docs(session, col(m.DocumentRow.id).in_(wanted)) if wanted else {})
        todo = [i for i in found if i not in docs]
        docs.update(found)
    _fill_people(session, docs)
    _fill_from_json(session, docs.values())
    for group in _group(docs, sorted(see_also)):
        if any(d.id == doc_id for d in group):
            return _case(group)
    return None  # unreachable: every document is in a group

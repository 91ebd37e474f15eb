"""Read-side queries the site and the API need beyond full-text search: a document, recent
answers, who asked and answered what (with answer times), and which answers cite a reference."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel
from sqlmodel import Session, col, func, select

from indexer import models as m
from indexer.search.query import law_ids, normalise_kamerstuk
from indexer.store import MINISTRY_ABBREVIATIONS, load_document, ministry_name
from kamervragen.model import Document


@dataclass
class DocumentSummary:
    id: str
    kind: str
    subject: str | None
    submitted: date | None
    received: date | None
    delay_days: int | None
    source: str


def _summary(row: m.DocumentRow) -> DocumentSummary:
    return DocumentSummary(
        row.id, row.kind, row.subject, row.submitted, row.received, row.delay_days, row.source
    )


def get_document(session: Session, doc_id: str) -> tuple[Document, str] | None:
    """The parsed document and the file it was indexed from."""
    row = session.get(m.DocumentRow, doc_id)
    if row is None:
        return None
    return load_document(session, doc_id), row.source


def alternate_sources(session: Session, doc_id: str) -> list[str]:
    """Other files that are renderings of the same publication (its PDF beside its XML, say)."""
    row = session.get(m.DocumentRow, doc_id)
    paths = session.exec(select(m.SourceFileRow.path).where(m.SourceFileRow.document_id == doc_id)).all()
    return sorted(p for p in paths if row is None or p != row.source)


def recent_answers(session: Session, limit: int = 10) -> list[DocumentSummary]:
    rows = session.exec(
        select(m.DocumentRow)
        .where(m.DocumentRow.kind == "answer")
        .order_by(col(m.DocumentRow.received).desc().nulls_last(), m.DocumentRow.id)
        .limit(limit)
    ).all()
    return [_summary(r) for r in rows]


def documents_of_person(session: Session, name: str, relation: str | None = None) -> list[DocumentSummary]:
    """Documents a member asked or a minister answered; `relation` narrows to asker/answerer."""
    query = (
        select(m.DocumentRow)
        .join(m.DocumentPersonRow, m.DocumentPersonRow.document_id == m.DocumentRow.id)
        .join(m.PersonRow, m.PersonRow.id == m.DocumentPersonRow.person_id)
        .where(func.lower(m.PersonRow.name) == name.lower())
    )
    if relation:
        query = query.where(m.DocumentPersonRow.relation == relation)
    rows = session.exec(query.order_by(col(m.DocumentRow.received).desc().nulls_last()).distinct()).all()
    return [_summary(r) for r in rows]


def documents_of_party(session: Session, party: str) -> list[DocumentSummary]:
    query = (
        select(m.DocumentRow)
        .join(m.DocumentPersonRow, m.DocumentPersonRow.document_id == m.DocumentRow.id)
        .join(m.PersonRow, m.PersonRow.id == m.DocumentPersonRow.person_id)
        .where(func.lower(m.PersonRow.party) == party.lower(), m.DocumentPersonRow.relation == "asker")
    )
    rows = session.exec(query.order_by(col(m.DocumentRow.received).desc().nulls_last()).distinct()).all()
    return [_summary(r) for r in rows]


def documents_of_ministry(session: Session, ministry: str) -> list[DocumentSummary]:
    name = ministry_name(ministry) or ministry
    query = (
        select(m.DocumentRow)
        .join(m.DocumentPersonRow, m.DocumentPersonRow.document_id == m.DocumentRow.id)
        .where(func.lower(m.DocumentPersonRow.ministry) == name.lower())
    )
    rows = session.exec(query.order_by(col(m.DocumentRow.received).desc().nulls_last()).distinct()).all()
    return [_summary(r) for r in rows]


def known_ministry(name: str) -> str | None:
    full = ministry_name(name)
    return full if full in MINISTRY_ABBREVIATIONS else None


class Citation(BaseModel):
    """A question or answer that cites a reference, with the document it stands in."""

    document_id: str
    location: str
    kind: str
    text: str
    source: str
    subject: str | None


_KAMERSTUK = re.compile(r"(?i)(?:kst-)?\d{2}\s?\d{3}(?:(?:\s*,\s*nrs?\.?\s*|\s*-\s*|\s+)[\da-z]+)*")


def _like_literal(text: str) -> str:
    """`text` for a LIKE pattern with its wildcards taken literally (escape character "\\")."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def citing(session: Session, ref_id: str, limit: int = 500) -> list[Citation]:
    """Every question or answer citing a law, article, kamerstuk, ECLI, ... (the reverse graph).
    A law is given by BWB id, name or abbreviation ("Awb") and also finds its articles; a
    kamerstuk is written as the `kamerstuk:` filter takes it ("36197-15", "36 197, nr. 15",
    just the dossier "36197"). Other ids match exactly; "%" and "_" are no wildcards."""
    ref_id = ref_id.strip()
    laws = law_ids(ref_id)
    ref = col(m.ReferenceRow.ref_id)
    if laws:
        match = col(m.ReferenceRow.ref_id).in_(laws)
        for law in laws:
            match = match | ref.like(f"jci1.3:c:{_like_literal(law)}&%", escape="\\")
    elif _KAMERSTUK.fullmatch(ref_id):
        number = normalise_kamerstuk(ref_id)
        match = ref == f"kst-{number}"
        if "-" not in number:  # a whole dossier: every document in it
            match = match | ref.like(f"kst-{_like_literal(number)}-%", escape="\\")
    else:
        match = ref == ref_id
    query = (
        select(m.ReferenceRow, m.DocumentRow)
        .join(m.DocumentRow, m.DocumentRow.id == m.ReferenceRow.document_id)
        .where(match)
        .order_by(m.DocumentRow.id, m.ReferenceRow.location)
        .limit(limit)
    )
    return [
        Citation(
            document_id=ref.document_id,
            location=ref.location,
            kind=ref.kind,
            text=ref.text,
            source=doc.source,
            subject=doc.subject,
        )
        for ref, doc in session.exec(query).all()
    ]

"""Storage: one SQLModel schema on SQLite (the embedded default, a file in the data folder) or
PostgreSQL (`--db postgresql://…` or KAMERVRAGEN_DB). A document is replaced as a whole, in
one transaction, so a reader never sees half of it."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine, delete, select

from indexer import models as m
from indexer.pairs import document_pairs
from kamervragen.model import Document

MINISTRY_ABBREVIATIONS = {
    "Algemene Zaken": "AZ",
    "Asiel en Migratie": "AenM",
    "Binnenlandse Zaken en Koninkrijksrelaties": "BZK",
    "Buitenlandse Zaken": "BZ",
    "Buitenlandse Handel en Ontwikkelingshulp": "BHO",
    "Buitenlandse Handel en Ontwikkelingssamenwerking": "BHOS",
    "Defensie": "DEF",
    "Economische Zaken": "EZ",
    "Economische Zaken en Klimaat": "EZK",
    "Financiën": "FIN",
    "Infrastructuur en Waterstaat": "IenW",
    "Justitie en Veiligheid": "JenV",
    "Klimaat en Groene Groei": "KGG",
    "Landbouw, Natuur en Voedselkwaliteit": "LNV",
    "Landbouw, Visserij, Voedselzekerheid en Natuur": "LVVN",
    "Onderwijs, Cultuur en Wetenschap": "OCW",
    "Sociale Zaken en Werkgelegenheid": "SZW",
    "Volksgezondheid, Welzijn en Sport": "VWS",
    "Volkshuisvesting en Ruimtelijke Ordening": "VRO",
}

CHILD_TABLES = (
    m.DocumentPersonRow,
    m.QuestionRow,
    m.AnswerRow,
    m.PairRow,
    m.FootnoteRow,
    m.FigureRow,
    m.ReferenceRow,
    m.CommitmentRow,
)


def database_url(data_dir: Path, db: str | None = None) -> str:
    """--db wins, then KAMERVRAGEN_DB, then SQLite in the data folder."""
    url = db or os.environ.get("KAMERVRAGEN_DB")
    if url:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{data_dir / 'kamervragen.sqlite'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn, _record) -> None:  # readers keep reading while one writer writes
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
    SQLModel.metadata.create_all(engine)
    return engine


def ministry_name(text: str | None) -> str | None:
    """'SZW' or 'ministerie van Sociale Zaken en Werkgelegenheid' → the ministry's name."""
    if not text:
        return None
    t = text.strip()
    by_abbr = {v.lower(): k for k, v in MINISTRY_ABBREVIATIONS.items()}
    if t.lower() in by_abbr:
        return by_abbr[t.lower()]
    t = t.removeprefix("ministerie van ").removeprefix("Ministerie van ")
    for name in MINISTRY_ABBREVIATIONS:
        if t.lower() == name.lower():
            return name
    return t


def document_ministries(doc: Document) -> list[str]:
    names = [ministry_name(a.ministry) for a in doc.answerers if a.ministry]
    for addressee in doc.addressees:
        parts = addressee.split(" ", 2)
        if len(parts) == 3 and parts[1] in {"van", "voor"}:
            names.append(ministry_name(parts[2]))
    return list(dict.fromkeys(n for n in names if n))


def pair_rows(doc: Document, doc_id: str) -> list[m.PairRow]:
    return [
        m.PairRow(
            id=p.pair_id(doc_id),
            document_id=doc_id,
            question_numbers=",".join(map(str, p.numbers)),
            question_text=p.question_text,
            answer_text=p.answer_text,
        )
        for p in document_pairs(doc)
    ]


def save_document(session: Session, doc: Document, doc_id: str, source: str, content_hash: str) -> bool:
    """Insert or replace one document and its rows; True when it replaced an existing one."""
    existing = session.get(m.DocumentRow, doc_id)
    for table in CHILD_TABLES:
        session.exec(delete(table).where(table.document_id == doc_id))
    if existing:
        session.delete(existing)
        session.flush()
    if doc.case_number and not session.get(m.CaseRow, doc.case_number):
        session.add(m.CaseRow(case_number=doc.case_number, subject=doc.subject))
        session.flush()
    data = doc.to_json_dict()
    session.add(
        m.DocumentRow(
            id=doc_id,
            source=source,
            content_hash=content_hash,
            kind=str(doc.kind),
            case_number=doc.case_number,
            vergaderjaar=doc.vergaderjaar,
            aanhangsel_number=doc.aanhangsel_number,
            subject=doc.subject,
            submitted=doc.submitted,
            received=doc.received,
            delay_days=doc.delay_days,
            format=doc.format,
            notice=doc.notice,
            notice_type=doc.notice_type,
            document_json=json.dumps(data, ensure_ascii=False),
            index_state="pending",
            updated_at=datetime.now(UTC),
        )
    )
    session.flush()
    _save_people(session, doc, doc_id)
    for q in doc.questions:
        session.add(m.QuestionRow(document_id=doc_id, number=q.number, text=q.text))
    for i, a in enumerate(doc.answers):
        session.add(
            m.AnswerRow(document_id=doc_id, ordinal=i, numbers=",".join(map(str, a.numbers)), text=a.text)
        )
    for p in pair_rows(doc, doc_id):
        session.add(p)
    for f in doc.footnotes:
        session.add(m.FootnoteRow(document_id=doc_id, number=f.number, text=f.text, url=f.url))
    for f in doc.statistics:
        session.add(m.FigureRow(document_id=doc_id, **_columns_of(f, m.FigureRow)))
    for r in doc.references:
        session.add(m.ReferenceRow(document_id=doc_id, ref_id=r.id, **_columns_of(r, m.ReferenceRow)))
    for c in doc.commitments:
        session.add(m.CommitmentRow(document_id=doc_id, **_columns_of(c, m.CommitmentRow)))
    return existing is not None


def _columns_of(item, table) -> dict:
    """The fields of an extracted item that the table has columns for (same names)."""
    return item.model_dump(include=set(table.model_fields) - {"id", "document_id", "ref_id"})


def _person(session: Session, name: str, kind: str, party: str | None) -> m.PersonRow:
    query = select(m.PersonRow).where(m.PersonRow.name == name, m.PersonRow.kind == kind)
    if kind == "member":
        query = query.where(m.PersonRow.party == party)
    person = session.exec(query).first()
    if person is None:
        if party and not session.get(m.PartyRow, party):
            session.add(m.PartyRow(name=party))
            session.flush()
        person = m.PersonRow(name=name, kind=kind, party=party if kind == "member" else None)
        session.add(person)
        session.flush()
    return person


def _save_people(session: Session, doc: Document, doc_id: str) -> None:
    seen: set[tuple[int, str]] = set()
    for asker in doc.askers:
        person = _person(session, asker.name, "member", asker.party)
        if (person.id, "asker") not in seen:
            seen.add((person.id, "asker"))
            session.add(m.DocumentPersonRow(document_id=doc_id, person_id=person.id, relation="asker"))
    for a in doc.answerers:
        ministry = ministry_name(a.ministry)
        if ministry and not session.get(m.MinistryRow, ministry):
            session.add(m.MinistryRow(name=ministry, abbreviation=MINISTRY_ABBREVIATIONS.get(ministry)))
            session.flush()
        if not a.name:
            continue
        relation = "co-answerer" if a.mede_namens else "answerer"
        person = _person(session, a.name, "government", None)
        if (person.id, relation) not in seen:
            seen.add((person.id, relation))
            session.add(
                m.DocumentPersonRow(
                    document_id=doc_id, person_id=person.id, relation=relation, role=a.role, ministry=ministry
                )
            )


def load_document(session: Session, doc_id: str) -> Document | None:
    row = session.get(m.DocumentRow, doc_id)
    return Document.model_validate_json(row.document_json) if row else None

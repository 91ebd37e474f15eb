"""Storage: one SQLModel schema on SQLite (the embedded default, a file in the data folder) or
PostgreSQL (`--db postgresql://…` or KAMERVRAGEN_DB). A document is replaced as a whole, in
one transaction, so a reader never sees half of it."""

from __future__ import annotations

import fcntl
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine, delete, select, update

from indexer import models as m
from indexer.commitment_ids import commitment_keys
from indexer.fact_tables import StatementRow
from indexer.pairs import document_pairs
from kamervragen.model import Document
from kamervragen.parties import ministry_abbreviations

MINISTRY_ABBREVIATIONS = ministry_abbreviations()

CHILD_TABLES = (
    m.DocumentPersonRow,
    m.QuestionRow,
    m.AnswerRow,
    m.PairRow,
    m.FootnoteRow,
    m.FigureRow,
    m.ReferenceRow,
    m.CommitmentRow,
    StatementRow,
)


def store_generation(session: Session) -> int:
    """The store's generation (`models.StoreGenerationRow`): a key for what is computed from the
    stored documents, read by primary key so every request may ask it. Any transaction that
    changes a document or the search index has moved it on when it commits, in every worker
    process and machine."""
    value = session.exec(select(m.StoreGenerationRow.generation).where(m.StoreGenerationRow.id == 1)).first()
    return int(value or 0)


def bump_generation(session: Session) -> None:
    """Move the store's generation on when the caller's transaction commits: readers see the new
    number only with the new data. The row is written just before COMMIT (`_bump_on_commit`),
    not here: concurrent writers (indexing runs on two machines) wait for each other on this one
    row, and a transaction holding it while it went on to lock a shared row (a measure, a
    person) that another held could deadlock with it."""
    session.info[_CHANGED] = True


_CHANGED = "kamervragen_store_changed"


@event.listens_for(Session, "before_commit")
def _bump_on_commit(session: Session) -> None:
    if not session.info.pop(_CHANGED, False):
        return
    row = m.StoreGenerationRow
    moved = session.exec(update(row).where(row.id == 1).values(generation=row.generation + 1))  # type: ignore[call-overload]
    if not moved.rowcount:  # a table emptied by hand: start it again
        session.add(m.StoreGenerationRow(id=1, generation=1))
        session.flush()


@event.listens_for(Session, "after_soft_rollback")
def _forget_on_rollback(session: Session, previous_transaction) -> None:
    """A rolled-back change moves nothing."""
    session.info.pop(_CHANGED, None)


def database_url(data_dir: Path, db: str | None = None) -> str:
    """--db wins, then KAMERVRAGEN_DB, then SQLite in the data folder."""
    url = db or os.environ.get("KAMERVRAGEN_DB")
    if url:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{data_dir / 'kamervragen.sqlite'}"


class StoreRejected(ValueError):
    """A document that cannot be stored as it is (a value longer than its column allows)."""


def make_engine(url: str) -> Engine:
    """An engine with the schema in place. Creating the schema is serialised between processes
    (two runs, or a run and a server, starting at once on a fresh folder) by a lock file beside
    the SQLite database or a PostgreSQL advisory lock."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn, _record) -> None:  # readers keep reading while one writer writes
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        _create_schema_sqlite(engine, url)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        with engine.begin() as conn:
            conn.execute(sql_text("SELECT pg_advisory_xact_lock(72217103)"))  # one schema creator
            _create_schema(conn)
    return engine


def _create_schema_sqlite(engine: Engine, url: str) -> None:
    database = url.split(":///", 1)[1] if ":///" in url else ""
    if not database or database == ":memory:":
        with engine.begin() as conn:
            _create_schema(conn)
        return
    lock = Path(database).with_name(Path(database).name + ".schema-lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with engine.begin() as conn:
            _create_schema(conn)
    finally:
        os.close(fd)


def _create_schema(conn) -> None:
    """Bring the schema to the newest migration (indexer/migrate.py): a new knowledge base gets
    every table, one made by an older version is upgraded in place."""
    from indexer.migrate import upgrade

    upgrade(conn)


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


def _checked(row):
    """The row, when every value fits its column; SQLite would store an over-long value that
    PostgreSQL refuses, so both engines get the same answer (and the user a clear reason)."""
    for column in row.__table__.columns:
        length = getattr(column.type, "length", None)  # String, and SQLModel's AutoString
        if length:
            value = getattr(row, column.key, None)
            if isinstance(value, str) and len(value) > length:
                raise StoreRejected(
                    f"{row.__tablename__}.{column.key} holds {len(value)} characters, more than the "
                    f"{length} allowed: {value[:60]!r}…"
                )
    return row


def delete_document(session: Session, doc_id: str) -> None:
    """Remove a document and every row that belongs to it."""
    for table in CHILD_TABLES:
        session.exec(delete(table).where(table.document_id == doc_id))
    row = session.get(m.DocumentRow, doc_id)
    if row is not None:
        session.delete(row)
    session.flush()
    bump_generation(session)


def _shingles(doc: Document) -> set[str]:
    text = " ".join([doc.subject or "", *(q.text for q in doc.questions[:8]), doc.notice or ""])
    letters = re.sub(r"[\W\d_]+", "", text.casefold())[:4000]
    return {letters[i : i + 5] for i in range(0, max(len(letters) - 4, 0))}


def same_publication(a: Document, b: Document) -> bool:
    """Whether two parsed files are renderings of one publication (XML and PDF, a Word letter and
    its text): same kind and mostly the same letters in subject and questions. Spaces and
    punctuation are ignored, since text extraction glues and splits words differently."""
    if a.kind != b.kind:
        return False
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return bool(a.subject and a.subject.casefold() == (b.subject or "").casefold())
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.6


def save_document(session: Session, doc: Document, doc_id: str, source: str, content_hash: str) -> bool:
    """Insert or replace one document and its rows; True when it replaced an existing one.
    Raises StoreRejected when a value does not fit its column (the caller's transaction then
    rolls back, so nothing of the document changes)."""
    existing = session.get(m.DocumentRow, doc_id)
    for table in CHILD_TABLES:
        session.exec(delete(table).where(table.document_id == doc_id))
    if existing:
        session.delete(existing)
        session.flush()
    if doc.case_number and not session.get(m.CaseRow, doc.case_number):
        session.add(_checked(m.CaseRow(case_number=doc.case_number, subject=doc.subject)))
        session.flush()
    data = {**doc.to_json_dict(), "id": doc_id}  # the id the knowledge base knows it by
    session.add(
        _checked(
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
    )
    session.flush()
    _save_people(session, doc, doc_id)
    for q in doc.questions:
        session.add(_checked(m.QuestionRow(document_id=doc_id, number=q.number, text=q.text)))
    for i, a in enumerate(doc.answers):
        session.add(
            _checked(
                m.AnswerRow(document_id=doc_id, ordinal=i, numbers=",".join(map(str, a.numbers)), text=a.text)
            )
        )
    for p in pair_rows(doc, doc_id):
        session.add(_checked(p))
    for f in doc.footnotes:
        session.add(_checked(m.FootnoteRow(document_id=doc_id, number=f.number, text=f.text, url=f.url)))
    for f in doc.statistics:
        session.add(_checked(m.FigureRow(document_id=doc_id, **_columns_of(f, m.FigureRow))))
    for r in doc.references:
        session.add(
            _checked(m.ReferenceRow(document_id=doc_id, ref_id=r.id, **_columns_of(r, m.ReferenceRow)))
        )
    keys = commitment_keys(doc_id, ((c.location, c.text) for c in doc.commitments))
    for c, key in zip(doc.commitments, keys, strict=True):
        columns = _columns_of(c, m.CommitmentRow)
        session.add(
            _checked(
                m.CommitmentRow(
                    document_id=doc_id, origin="schriftelijk", key=key, answered=doc.received, **columns
                )
            )
        )
    bump_generation(session)
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
            session.add(_checked(m.PartyRow(name=party)))
            session.flush()
        person = m.PersonRow(name=name, kind=kind, party=party if kind == "member" else None)
        session.add(_checked(person))
        session.flush()
    return person


def _save_people(session: Session, doc: Document, doc_id: str) -> None:
    seen: set[tuple[int, str]] = set()
    for asker in doc.askers:
        person = _person(session, asker.name, "member", asker.party)
        if (person.id, "asker") not in seen:
            seen.add((person.id, "asker"))
            session.add(
                _checked(m.DocumentPersonRow(document_id=doc_id, person_id=person.id, relation="asker"))
            )
    for a in doc.answerers:
        ministry = ministry_name(a.ministry)
        if ministry and not session.get(m.MinistryRow, ministry):
            session.add(
                _checked(m.MinistryRow(name=ministry, abbreviation=MINISTRY_ABBREVIATIONS.get(ministry)))
            )
            session.flush()
        if not a.name:
            continue
        relation = "co-answerer" if a.mede_namens else "answerer"
        person = _person(session, a.name, "government", None)
        if (person.id, relation) not in seen:
            seen.add((person.id, relation))
            session.add(
                _checked(
                    m.DocumentPersonRow(
                        document_id=doc_id,
                        person_id=person.id,
                        relation=relation,
                        role=a.role,
                        ministry=ministry,
                    )
                )
            )


def load_document(session: Session, doc_id: str) -> Document | None:
    row = session.get(m.DocumentRow, doc_id)
    return Document.model_validate_json(row.document_json) if row else None

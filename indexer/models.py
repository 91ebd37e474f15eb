"""Tables of the knowledge base. The parsed document is also kept whole (`document_json`) so the
API can return exactly what the parser produced; the other tables make it queryable."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


def _now() -> datetime:
    return datetime.now(UTC)


class CaseRow(SQLModel, table=True):
    """A zaak: the question set, its answer and its notices share one case number."""

    __tablename__ = "cases"
    case_number: str = Field(primary_key=True, max_length=20)
    subject: str | None = None


class DocumentRow(SQLModel, table=True):
    __tablename__ = "documents"
    id: str = Field(primary_key=True, max_length=80)
    source: str
    content_hash: str = Field(index=True, max_length=64)
    kind: str = Field(index=True, max_length=20)
    case_number: str | None = Field(default=None, index=True, foreign_key="cases.case_number", max_length=20)
    vergaderjaar: str | None = Field(default=None, max_length=9)
    aanhangsel_number: int | None = None
    subject: str | None = None
    submitted: date | None = Field(default=None, index=True)
    received: date | None = Field(default=None, index=True)
    delay_days: int | None = None
    format: str | None = Field(default=None, max_length=10)
    notice: str | None = None
    notice_type: str | None = Field(default=None, max_length=30)
    document_json: str
    index_state: str = Field(default="pending", index=True, max_length=10)
    updated_at: datetime = Field(default_factory=_now)


class PartyRow(SQLModel, table=True):
    __tablename__ = "parties"
    name: str = Field(primary_key=True, max_length=80)


class MinistryRow(SQLModel, table=True):
    __tablename__ = "ministries"
    name: str = Field(primary_key=True, max_length=160)
    abbreviation: str | None = Field(default=None, max_length=20)


class PersonRow(SQLModel, table=True):
    """A member of parliament or of government, by name as printed (surname with prefix)."""

    __tablename__ = "people"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=120)
    kind: str = Field(max_length=20)  # member / government
    party: str | None = Field(default=None, foreign_key="parties.name", max_length=80)


class DocumentPersonRow(SQLModel, table=True):
    __tablename__ = "document_people"
    document_id: str = Field(primary_key=True, foreign_key="documents.id", max_length=80)
    person_id: int = Field(primary_key=True, foreign_key="people.id")
    relation: str = Field(primary_key=True, max_length=20)  # asker / answerer / co-answerer
    role: str | None = Field(default=None, max_length=40)
    ministry: str | None = Field(default=None, max_length=160)


class QuestionRow(SQLModel, table=True):
    __tablename__ = "questions"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    number: int
    text: str


class AnswerRow(SQLModel, table=True):
    __tablename__ = "answers"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    ordinal: int
    numbers: str = Field(max_length=200)  # "4,5"
    text: str


class PairRow(SQLModel, table=True):
    """A question with the answer that answers it: the unit of search."""

    __tablename__ = "pairs"
    id: str = Field(primary_key=True, max_length=100)  # "<document id>#q<first number>"
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    question_numbers: str = Field(max_length=200)
    question_text: str
    answer_text: str | None = None


class FootnoteRow(SQLModel, table=True):
    __tablename__ = "footnotes"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    number: int
    text: str
    url: str | None = None


class FigureRow(SQLModel, table=True):
    __tablename__ = "figures"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    location: str = Field(max_length=20)
    value: float
    unit: str = Field(max_length=20)
    subject: str | None = None
    qualifier: str | None = None
    as_of: str | None = Field(default=None, max_length=20)
    source: str | None = None
    role: str = Field(max_length=20)
    confirmed: bool = False
    text: str


class ReferenceRow(SQLModel, table=True):
    __tablename__ = "references"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    location: str = Field(max_length=20)
    kind: str = Field(index=True, max_length=20)
    ref_id: str | None = Field(default=None, index=True)
    url: str | None = None
    text: str


class CommitmentRow(SQLModel, table=True):
    __tablename__ = "commitments"
    # the register counts by status from this index alone, without reading the rows
    __table_args__ = (Index("ix_commitments_register", "due", "answered", "key", "tk_status", "document_id"),)
    id: int | None = Field(default=None, primary_key=True)
    # None for a commitment made orally in a debate (the Kamer's Toezegging register, imported
    # by the sync): it has no document here, and a rebuild, which removes the rows of documents
    # no file gives, never touches it
    document_id: str | None = Field(default=None, index=True, foreign_key="documents.id", max_length=80)
    location: str = Field(max_length=20)
    who: str | None = None
    topic: str | None = None
    due: date | None = Field(default=None, index=True)
    vague: bool = False
    due_text: str | None = None
    conditional: bool = False
    text: str
    origin: str | None = Field(default=None, max_length=20)  # "schriftelijk" or "mondeling"
    # the register's stable id (indexer.commitment_ids) and the answer's date, kept on the row so
    # the register's status and order need no join; None on rows a version before it stored
    key: str | None = Field(default=None, index=True, max_length=160)
    answered: date | None = Field(default=None, index=True)
    # an oral commitment's own facts from the Toezegging register (a written one takes them from
    # its document): the minister's role and ministry, the register's status ("Openstaand",
    # "Voldaan") and the Kamerbrief that fulfilled it
    role: str | None = Field(default=None, max_length=80)
    ministry: str | None = Field(default=None, max_length=160)
    tk_status: str | None = Field(default=None, max_length=40)
    tk_letter: str | None = None


class FulfilmentRow(SQLModel, table=True):
    """Evidence that a commitment was kept: a later answer refers back to the promise's document
    on the same topic. Filled by the pipeline (indexer.fulfilment), never by hand; no foreign
    keys, so removing either document only leaves rows the next refresh deletes."""

    __tablename__ = "fulfilments"
    id: int | None = Field(default=None, primary_key=True)
    commitment_key: str = Field(index=True, max_length=160)
    document_id: str = Field(index=True, max_length=80)  # the promise's document
    evidence_document_id: str = Field(index=True, max_length=80)
    evidence_location: str = Field(max_length=20)
    evidence_date: date | None = None
    rule: str = Field(max_length=20)  # aanhangsel / kamerstuk / zaak / toegezegd
    sentence: str


class AnswerMentionRow(SQLModel, table=True):
    """'Zoals toegezegd in antwoord op vragen van het lid Azmani': an answer naming an earlier
    answer by its asker. Kept so that a promise indexed after the answer that fulfils it is
    still found (files arrive in any order)."""

    __tablename__ = "answer_mentions"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(index=True, max_length=80)
    location: str = Field(max_length=20)
    member: str = Field(index=True, max_length=120)  # surname, lower case
    sentence: str


class SourceFileRow(SQLModel, table=True):
    """The state of each file indexed: re-indexing a file whose hash is unchanged does nothing."""

    __tablename__ = "source_files"
    path: str = Field(primary_key=True)
    content_hash: str = Field(max_length=64)
    document_id: str | None = Field(default=None, max_length=80)
    status: str = Field(max_length=20)
    message: str | None = None
    updated_at: datetime = Field(default_factory=_now)


class IngestLogRow(SQLModel, table=True):
    """One line per file per run: what happened to it, and why it failed if it did."""

    __tablename__ = "ingest_log"
    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(index=True, max_length=40)
    path: str
    content_hash: str | None = Field(default=None, max_length=64)
    document_id: str | None = Field(default=None, max_length=80)
    status: str = Field(max_length=20)  # added / updated / unchanged / failed
    message: str | None = None
    at: datetime = Field(default_factory=_now)


class StoreGenerationRow(SQLModel, table=True):
    """One row whose number goes up in every transaction that changes the stored documents or
    the search index built from them: what is computed from them (cached searches, the answer
    times of every case) is kept under it. Reading one row by key costs nothing at any size,
    where counting the documents cost milliseconds per request at 150,000; and a rebuild that
    changes no document still moves it. It is bumped inside the writing transaction, so a
    reader never sees the new number with the old data."""

    __tablename__ = "store_generation"
    id: int = Field(default=1, primary_key=True)
    generation: int = 0

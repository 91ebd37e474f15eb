"""Tables of the fact ledger: statements (every figure of every document, with its measure) and
measures (what a group of statements reports). Kept apart from `indexer.models` because they
belong to one feature; `indexer.store` registers them with the rest of the schema.

Ids are stable: a statement's id derives from its document id, location and span, a measure's
from its policy area and key (`kamervragen.extract.statements`), so re-indexing gives the same
ids and links to them keep working."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class StatementRow(SQLModel, table=True):
    __tablename__ = "statements"
    id: str = Field(primary_key=True, max_length=16)
    document_id: str = Field(index=True, foreign_key="documents.id", max_length=80)
    pair_id: str | None = Field(default=None, index=True, max_length=100)
    question_numbers: str = Field(default="", max_length=200)
    location: str = Field(max_length=20)
    start: int
    end: int
    text: str
    value: float = Field(index=True)
    unit: str = Field(index=True, max_length=20)
    subject: str | None = None
    qualifier: str | None = None
    as_of: str | None = Field(default=None, max_length=20)
    period: str | None = None
    source: str | None = None
    part_of: float | None = None
    role: str = Field(max_length=20)
    verdict: str | None = Field(default=None, max_length=20)  # confirmed / corrected
    corrects: bool = False
    updates: str | None = Field(default=None, max_length=16)  # the question statement it updates
    sentence: str
    ref_date: str | None = Field(default=None, index=True, max_length=10)  # ISO, sortable
    date: dt.date | None = None
    ministry: str | None = Field(default=None, max_length=160)
    measure_id: str = Field(index=True, max_length=12)


class MeasureRow(SQLModel, table=True):
    """What statements report. Never deleted with a document: a measure without statements is
    simply not shown, and comes back with the same id when a statement of it does."""

    __tablename__ = "measures"
    id: str = Field(primary_key=True, max_length=12)
    key: str | None = None
    label: str
    unit: str = Field(index=True, max_length=20)
    ministry: str | None = Field(default=None, index=True, max_length=160)

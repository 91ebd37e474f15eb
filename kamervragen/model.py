"""The document model: what one Kamervragen publication says, independent of its file format.

Every reader (PDF, text, DOCX, XML, HTML) produces this same model, so the indexer and the web
layer never need to know where a document came from.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from kamervragen.spans import Commitment, Entity, Figure, Reference


class Kind(StrEnum):
    """What a publication is; decides whether answers are expected."""

    ANSWER = "answer"
    QUESTIONS = "questions"
    NOTICE = "notice"
    ORAL = "oral"


class Asker(BaseModel):
    """A member who put the questions, surname with prefix as printed ("Van Nispen")."""

    name: str
    party: str | None = None


class Answerer(BaseModel):
    """A member of government who answers; `mede_namens` marks the co-signing ones."""

    name: str | None = None
    role: str | None = None
    ministry: str | None = None
    mede_namens: bool = False


class Footnote(BaseModel):
    number: int
    text: str
    url: str | None = None


class CrossReference(BaseModel):
    """ "Zie het antwoord op vraag 4": a link from one answer to another question."""

    question_number: int
    text: str


class Question(BaseModel):
    number: int
    text: str
    footnotes: list[int] = Field(default_factory=list)


class Answer(BaseModel):
    numbers: list[int]
    text: str
    footnotes: list[int] = Field(default_factory=list)
    cross_references: list[CrossReference] = Field(default_factory=list)


class Document(BaseModel):
    """One publication: a question set, its answer, a notice, or oral questions."""

    id: str | None = None
    case_number: str | None = None
    kind: Kind = Kind.QUESTIONS
    vergaderjaar: str | None = None
    aanhangsel_number: int | None = None
    subject: str | None = None
    askers: list[Asker] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)
    answerers: list[Answerer] = Field(default_factory=list)
    submitted: date | None = None
    received: date | None = None
    questions: list[Question] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    notice: str | None = None
    notice_type: str | None = None  # "delay" or "answered_elsewhere"
    notice_reason: str | None = None
    format: str | None = None
    header: str | None = None
    references: list[Reference] = Field(default_factory=list)
    statistics: list[Figure] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    # what the parser could not make whole ("question 5 missing: numbers jump from 4 to 6"),
    # so that a lost question is reported instead of silently absent
    warnings: list[str] = Field(default_factory=list)

    @property
    def delay_days(self) -> int | None:
        """Days between submission and answer: the figure MPs' assistants track for lateness."""
        if self.submitted and self.received:
            return (self.received - self.submitted).days
        return None

    def to_json_dict(self) -> dict:
        data = self.model_dump(mode="json")
        data["delay_days"] = self.delay_days
        return data

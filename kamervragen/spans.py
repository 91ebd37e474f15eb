"""Typed extraction results. Every item carries where it stands (`location`: "q3" for question
3, "a4" for the answer block starting at question 4, "fn2" for footnote 2, "header", "notice")
and its span (`start`/`end` character offsets into that text, and the matched `text`)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class Span(BaseModel):
    location: str
    start: int
    end: int
    text: str


class Reference(Span):
    """A citation: kamerstuk, aanhangsel, handelingen, law, treaty, article, staatsblad,
    staatscourant, ecli, eu, zaak, document, motie or url. `id` is normalised (None when unknown):
    a BWBR id for a law, a BWBV id for a treaty, a CELEX number for an EU act."""

    kind: str
    id: str | None = None
    url: str | None = None


class Figure(Span):
    """A number that counts or measures something, with what it counts and as of when."""

    value: float
    unit: str
    subject: str | None = None
    qualifier: str | None = None
    as_of: str | None = None
    period: str | None = None
    source: str | None = None
    part_of: float | None = None
    role: str = "answer"
    confirmed: bool = False
    corrected: bool = False  # the answer said this figure of the question is wrong


class Commitment(Span):
    """A promise in an answer, with who made it and when it is due. `due_text` keeps the time
    words as written ("voor de zomer"); `conditional` marks a promise that depends on an
    uncertain condition ("indien", "mocht") or only promises to consider ("bezien")."""

    who: str | None = None
    topic: str | None = None
    due: date | None = None
    vague: bool = False
    due_text: str | None = None
    conditional: bool = False


class Entity(Span):
    """A person, party, ministry or organisation named in the text."""

    label: str
    name: str


class AnswerMention(Span):
    """A sentence saying that a promise made in an earlier answer is kept ("zoals toegezegd in
    antwoord op vragen van het lid Azmani"); `members` are the askers' surnames as written."""

    members: list[str]

"""Support for the case and answer-time tests: a database of their own on each engine, and
constructed documents (a question set, a notice of delay, an answer) written for the tests.

PostgreSQL tests share one server with other test runs, so these use a database made for this
process, never the shared one's tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import fresh_database
from sqlalchemy.engine import Engine
from sqlmodel import Session

from indexer import models  # noqa: F401 - registers the tables
from indexer.store import database_url, make_engine, save_document
from kamervragen.model import Answer, Answerer, Asker, Document, Kind, Question
from kamervragen.spans import Reference

SERVER = os.environ.get("KAMERVRAGEN_TEST_DB")
ENGINES = ["sqlite"] + (["postgresql"] if SERVER else [])


@pytest.fixture
def own_postgres() -> str | None:
    """A new, empty PostgreSQL database for this test alone (None without a test server)."""
    return fresh_database("cases") if SERVER else None


@pytest.fixture(params=ENGINES)
def db(request, own_postgres) -> str | None:
    """None for SQLite in the data folder, or the URL of this test's empty PostgreSQL database."""
    return None if request.param == "sqlite" else own_postgres


@pytest.fixture
def engine(db, tmp_path) -> Iterator[Engine]:
    engine = make_engine(database_url(tmp_path, db))
    yield engine
    engine.dispose()


def save(engine: Engine, *docs: Document) -> None:
    for doc in docs:
        with Session(engine) as session:
            save_document(session, doc, doc.id or "", source=f"{doc.id}.txt", content_hash=doc.id or "")
            session.commit()


def see_also(target: str) -> Reference:
    """The "Zie ook Aanhangsel Handelingen …" line of a header, naming `target`."""
    return Reference(location="header", start=0, end=8, text="Zie ook", kind="aanhangsel", id=target)


def questions(zaak: str, submitted: date, ministry: str = "Justitie en Veiligheid") -> Document:
    return Document(
        id=f"kv-tk-{zaak}",
        case_number=zaak,
        kind=Kind.QUESTIONS,
        subject=f"constructed questions {zaak}",
        submitted=submitted,
        askers=[Asker(name="Testlid", party="SP")],
        addressees=[f"minister van {ministry}"],
        questions=[Question(number=1, text="Is dit een geconstrueerde vraag?")],
    )


def _aanhangsel(
    number: int, zaak: str | None, submitted: date | None, received: date | None, **fields
) -> Document:
    """A notice or answer in the Aanhangsel of vergaderjaar 2024-2025."""
    return Document(
        id=f"ah-tk-20242025-{number}",
        case_number=zaak,
        aanhangsel_number=number,
        vergaderjaar="2024-2025",
        submitted=submitted,
        received=received,
        **fields,
    )


def notice(
    number: int,
    zaak: str | None,
    submitted: date | None,
    received: date,
    kind: str = "delay",
    refs: list[Reference] | None = None,
) -> Document:
    return _aanhangsel(
        number,
        zaak,
        submitted,
        received,
        kind=Kind.NOTICE,
        answerers=[Answerer(name="Bewindspersoon", role="minister", ministry="Justitie en Veiligheid")],
        notice="De vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord.",
        notice_type=kind,
        notice_reason="de afstemming kost meer tijd" if kind == "delay" else None,
        references=refs or [],
    )


def answer(
    number: int,
    zaak: str | None,
    submitted: date | None,
    received: date | None,
    refs: list[Reference] | None = None,
    minister: str = "Bewindspersoon",
    ministry: str = "Justitie en Veiligheid",
) -> Document:
    return _aanhangsel(
        number,
        zaak,
        submitted,
        received,
        kind=Kind.ANSWER,
        answerers=[Answerer(name=minister, role="minister", ministry=ministry)],
        questions=[Question(number=1, text="Is dit een geconstrueerde vraag?")],
        answers=[Answer(numbers=[1], text="Ja.")],
        references=refs or [],
    )


def write_answer_file(folder: Path, number: int, zaak: str, received: str) -> Path:
    """A ministry letter answering questions, in the shape the parser reads ("AH 604 / 2024Z…")."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"answer-{number}.txt"
    path.write_text(
        f"AH {number}\n{zaak}\n"
        "Antwoord van staatssecretaris Testpersoon (Volksgezondheid, Welzijn en Sport) "
        f"(ontvangen {received})\n\n"
        "Vraag 1\nIs de vraag van dit geconstrueerde testgeval duidelijk?\n\n"
        "Antwoord op vraag 1\nJa, dit antwoord is voor de test geschreven.\n",
        encoding="utf-8",
    )
    return path

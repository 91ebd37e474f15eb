"""Constructed answers for the commitments register tests (our own words, no corpus text), and a
PostgreSQL database of their own so that other test runs sharing the server cannot collide."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import fresh_database

DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("KAMERVRAGEN_TEST_DB") else [])
SEED = Path(__file__).resolve().parent.parent / "corpus" / "azmani-inburgering-2013.txt"
SEED_ID = "ah-tk-20132014-512"


def own_database_url() -> str:
    """A new, empty PostgreSQL database on KAMERVRAGEN_TEST_DB's server for one test."""
    return fresh_database("register")


def seed_with_id(folder: Path, name: str = "promise.txt") -> Path:
    """The founding document with its official id printed above it, as a header would."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{SEED_ID}\n\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def answer(
    doc_id: str,
    answer_text: str,
    *,
    subject: str = "de resultaten van de inburgering",
    asker: str = "Azmani (VVD)",
    answerer: str = "minister Asscher (Sociale Zaken en Werkgelegenheid)",
    received: str | None = "2 mei 2014",
    submitted: str = "10 april 2014",
    case: str | None = None,
    question: str = "Kunt u aangeven hoe het staat met de inburgering?",
) -> str:
    """An answer in the printed text layout; `received=None` leaves out the answer's date."""
    date = f" (ontvangen {received})" if received else ""
    return (
        f"{doc_id}\n{case or ''}\n\n"
        f"Vragen van het lid {asker} aan de minister van Sociale Zaken en Werkgelegenheid over "
        f"{subject} (ingezonden {submitted}).\n\n"
        f"Antwoord van {answerer}{date}\n\n"
        f"Vraag 1\n{question}\n\n"
        f"Antwoord 1\n{answer_text}\n"
    )


def write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


KEPT = (
    "Ja. Zoals aangekondigd in mijn antwoord (Aanhangsel Handelingen II 2013/14, nr. 512) stuur ik u "
    "hierbij de resultaten van de inburgering van nieuwe inburgeringsplichtigen over 2013."
)
ELSEWHERE = (
    "Ja. Zoals aangekondigd in mijn antwoord (Aanhangsel Handelingen II 2013/14, nr. 999) stuur ik u "
    "hierbij de resultaten van de inburgering van nieuwe inburgeringsplichtigen over 2013."
)
OTHER_TOPIC = (
    "In mijn antwoord (Aanhangsel Handelingen II 2013/14, nr. 512) noemde ik de lening. "
    "De WW-uitkeringen van havenarbeiders in Rotterdam stijgen dit jaar niet."
)
BY_ASKER = (
    "Zoals toegezegd in antwoord op vragen van het lid Azmani (VVD) stuur ik u hierbij de resultaten "
    "van de inburgering van nieuwe inburgeringsplichtigen over 2013."
)

"""Official document ids: the key under which the knowledge base stores a publication.

One publication comes in several renderings (typeset PDF, its text, the ministry's Word letter,
KOOP XML and XHTML); all of them must get the same id so that they become one document. The
forms are those of officielebekendmakingen.nl:

- `ah-tk-20242025-604`: an answer or notice in the Aanhangsel van de Handelingen (Tweede Kamer;
  `ah-ek-…` for the Eerste Kamer), vergaderjaar without dash and the Aanhangsel number;
- `kv-tk-2024Z18294`: a question set (or oral questions) by its zaak number.

An id is only ever read from the document's own header or metadata, never from its body.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kamervragen.model import Document, Kind

# the shapes officielebekendmakingen uses for Kamervragen ("kv-2989900822" is an old one)
_ID = re.compile(r"^(?:ah-(?:tk|ek)-\d{8}-\d{1,5}|kv-(?:tk|ek)-(?:\d{4}Z\d{5}|\d{6,12})|kv-\d{6,12})$")
_ID_IN_URL = re.compile(r"(?:^|/)((?:ah|kv)-[A-Za-z0-9-]+?)(?=/|\.[a-z]{3,4}$|$)")


def clean_id(value: str | None) -> str | None:
    """`value` when it has the shape of an official Kamervragen id, else None (never "/" or
    whitespace in an id: those would break the store's keys and URLs)."""
    if not value:
        return None
    value = value.strip()
    return value if _ID.match(value) else None


def id_from_url(url: str | None) -> str | None:
    """The id inside a metadata record URL ("https://…/ah-tk-20202021-3235/metadata.xml")."""
    if not url:
        return None
    for m in _ID_IN_URL.finditer(url.strip()):
        found = clean_id(m.group(1))
        if found:
            return found
    return None


def prinsjesdag(year: int) -> date:
    """The third Tuesday of September: the day a new vergaderjaar (parliamentary year) opens."""
    first = date(year, 9, 1)
    first_tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + timedelta(days=14)


def vergaderjaar_of(day: date) -> str:
    """The vergaderjaar a date falls in, as "2024-2025"."""
    start = day.year if day >= prinsjesdag(day.year) else day.year - 1
    return f"{start}-{start + 1}"


def aanhangsel_id(chamber: str, vergaderjaar: str, number: int) -> str | None:
    """`ah-tk-20242025-604` from its parts; None when the vergaderjaar is not two years."""
    years = re.findall(r"\d{4}", vergaderjaar)
    if len(years) != 2 or number <= 0:
        return None
    return clean_id(f"ah-{chamber}-{years[0]}{years[1]}-{number}")


def question_set_id(chamber: str, zaak: str) -> str | None:
    """`kv-tk-2024Z18294` from a zaak number ("2024Z 18294" as printed is accepted)."""
    return clean_id(f"kv-{chamber}-{''.join(zaak.split())}")


def fill_official_id(doc: Document, chamber: str) -> None:
    """Build the official id from header facts when the document does not print it.

    An answer or notice with an Aanhangsel number ("AH 604") is ah-…; its vergaderjaar is the
    printed one or the one its answer date falls in. A question set with a zaak number is kv-….
    """
    if doc.id:
        return
    if doc.kind in (Kind.ANSWER, Kind.NOTICE) and doc.aanhangsel_number:
        vergaderjaar = doc.vergaderjaar or (vergaderjaar_of(doc.received) if doc.received else None)
        if vergaderjaar:
            doc.id = aanhangsel_id(chamber, vergaderjaar, doc.aanhangsel_number)
            doc.vergaderjaar = vergaderjaar if doc.id else doc.vergaderjaar
    elif doc.kind in (Kind.QUESTIONS, Kind.ORAL) and doc.case_number:
        doc.id = question_set_id(chamber, doc.case_number)

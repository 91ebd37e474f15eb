"""How documents are named and linked for readers: a title instead of a generated id, the link to
the official publication, and a file name instead of a path on the server."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session, col, select

from indexer import models as m
from indexer.search.backend import Hit, SearchResponse
from kamervragen.ids import clean_id
from kamervragen.patterns import OFFICIAL_ID

OFFICIAL_SITE = "https://zoek.officielebekendmakingen.nl"
TITLE_LENGTH = 90


def official_url(document_id: str | None) -> str | None:
    """The publication on officielebekendmakingen.nl, for ids that name one (ah-tk-…, kv-tk-…);
    ids made from file names or hashes have no official page."""
    if document_id and (OFFICIAL_ID.fullmatch(document_id) or clean_id(document_id) == document_id):
        return f"{OFFICIAL_SITE}/{document_id}.html"  # clean_id: also the older kv-2989900822 form
    return None


TOEZEGGING_NUMMER = re.compile(r"TZ\d{6}-\d{1,6}")
KAMER_TOEZEGGING = "https://www.tweedekamer.nl/kamerstukken/toezeggingen/detail?id="


def toezegging_url(nummer: str | None) -> str | None:
    """The Kamer's own page of an oral commitment, for a Nummer shaped like the register's
    ("TZ202106-001"); an entity id or anything else names no page there."""
    if nummer and TOEZEGGING_NUMMER.fullmatch(nummer):
        return KAMER_TOEZEGGING + nummer
    return None


def document_place(document_id: str, location: str) -> str:
    """The document page at the question a location ("a4", "q4") belongs to; the page itself
    for other places (a notice, a footnote)."""
    anchor = f"#vraag-{location[1:]}" if location[1:].isdigit() else ""
    return f"/documents/{document_id}{anchor}"


def public_source(path: str | None) -> str | None:
    """The file name only: where the data folder lies on the server is nobody's business."""
    if not path:
        return path
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1]


def short_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """The opening of a question as a title: its first sentence, cut at a word under `limit`."""
    text = re.sub(r"\s+", " ", text).strip()
    sentence = re.match(r".+?[?.!](?=\s|$)", text)
    text = sentence.group(0) if sentence else text
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def titles(session: Session, items: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """A readable title per (document id, subject): the subject, else the opening of the first
    question, else a plain "Kamervragen" - never the generated id."""
    items = list(items)
    missing = {doc_id for doc_id, subject in items if not subject}
    first: dict[str, tuple[int, str]] = {}
    if missing:
        rows = session.exec(
            select(m.QuestionRow.document_id, m.QuestionRow.number, m.QuestionRow.text).where(
                col(m.QuestionRow.document_id).in_(missing)
            )
        ).all()
        for doc_id, number, text in rows:
            if doc_id not in first or number < first[doc_id][0]:
                first[doc_id] = (number, text)
    return {
        doc_id: subject or (short_title(first[doc_id][1]) if doc_id in first else "Kamervragen")
        for doc_id, subject in items
    }


class PublicHit(Hit):
    """A search hit as the API publishes it: the file name, and the official page when known."""

    official_url: str | None = None


class PublicSearchResponse(SearchResponse):
    results: list[PublicHit]


def public_hit(hit: Hit) -> PublicHit:
    """Built without validating again what the backend's model validated (model_construct):
    only the source and the official page are new, and both are plain strings."""
    data = dict(hit)
    data["source"] = public_source(hit.source) or ""
    return PublicHit.model_construct(**data, official_url=official_url(hit.document_id))


def public_response(response: SearchResponse) -> PublicSearchResponse:
    data = dict(response)
    data["results"] = [public_hit(h) for h in response.results]
    return PublicSearchResponse.model_construct(**data)

"""Tweede Kamer open data: the OData v4 service and the SyncFeed (Atom), read by pure functions.

OData answers are JSON pages (`value`, `@odata.nextLink`, 250 rows a page). Deleted rows come back
with `Verwijderd: true` and null fields, so queries filter `Verwijderd eq false` and the readers
drop such rows anyway. The SyncFeed gives every change to an entity since a skiptoken, deletions
included (`tk:verwijderd="true"`), as XML of the tkData v1-0 schema inside Atom entries.

What kamervragen keeps from it: the zaak (case) of each set of written questions with its
documents (question set, notices, answer) and its actors (who asked, for which party at the time,
whom it was addressed to), and the Toezegging register (commitments made orally in debates)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from urllib.parse import parse_qs, quote, urlsplit

from indexer.sync.koop import BadResponse, parse_xml_bytes

DEFAULT_ODATA_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
DEFAULT_SYNCFEED_URL = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed"
ZAAK_SOORT = "Schriftelijke vragen"
DOCUMENT_SOORTEN = (
    "Schriftelijke vragen",
    "Antwoord schriftelijke vragen",
    "Antwoord schriftelijke vragen (nader)",
    "Mededeling (uitstel antwoord)",
    "Mededeling",
)
ACTOR_RELATIONS = ("Indiener", "Medeindiener", "Gericht aan")
FEED_CATEGORIES = ("Zaak", "ZaakActor", "Document", "Toezegging")

TK = "http://www.tweedekamer.nl/xsd/tkData/v1-0"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Actor:
    id: str
    zaak_id: str | None
    naam: str | None
    fractie: str | None  # the party at the time (ActorFractie), not today's
    relatie: str | None
    functie: str | None = None


@dataclass
class TkDocument:
    id: str
    zaak_ids: list[str]
    soort: str | None
    nummer: str | None  # DocumentNummer, 2024D12345
    vergaderjaar: str | None = None
    aanhangselnummer: str | None = None


@dataclass
class Zaak:
    id: str
    nummer: str | None
    soort: str | None
    onderwerp: str | None = None
    gewijzigd: str | None = None
    actors: list[Actor] = field(default_factory=list)
    documents: list[TkDocument] = field(default_factory=list)


@dataclass
class Toezegging:
    id: str
    nummer: str | None
    tekst: str | None
    status: str | None
    datum_nakoming: str | None
    ministerie: str | None
    naam: str | None
    functie: str | None
    kamerbrief_nakoming: str | None
    gewijzigd: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass
class FeedEntry:
    category: str
    id: str
    deleted: bool
    updated: str | None
    entity: Zaak | Actor | TkDocument | Toezegging | None  # None for deletions and other soorten


@dataclass
class FeedPage:
    entries: list[FeedEntry]
    next_skiptoken: str | None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (entry id, why skipped)


# --- OData ----------------------------------------------------------------------------------


def odata_url(base: str, entity: str, since: date | None = None, until: date | None = None) -> str:
    """The first page of a query for `entity` rows changed in [since, until], never deleted ones."""
    clauses = ["Verwijderd eq false"]
    expand = ""
    if entity == "Zaak":
        clauses.append(f"Soort eq '{ZAAK_SOORT}'")
        expand = "&$expand=ZaakActor,Document"
    if since:
        clauses.append(f"GewijzigdOp ge {since.isoformat()}T00:00:00Z")
    if until:
        clauses.append(f"GewijzigdOp le {until.isoformat()}T23:59:59Z")
    flt = quote(" and ".join(clauses), safe="'=:")
    return f"{base.rstrip('/')}/{entity}?$filter={flt}&$orderby=GewijzigdOp{expand}"


def parse_odata_page(data: bytes) -> tuple[list[dict], str | None]:
    """(rows that are not deleted, URL of the next page or None). Raises BadResponse."""
    try:
        page = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        head = data[:200].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            raise BadResponse("an HTML page instead of an OData answer") from exc
        raise BadResponse(f"invalid or truncated JSON instead of an OData answer: {exc}") from exc
    if not isinstance(page, dict) or not isinstance(page.get("value"), list):
        error = page.get("error") if isinstance(page, dict) else None
        raise BadResponse(f"an OData answer without rows: {str(error)[:200] if error else 'no value'}")
    rows = [r for r in page["value"] if isinstance(r, dict) and not r.get("Verwijderd")]
    next_link = page.get("@odata.nextLink")
    return rows, next_link if isinstance(next_link, str) and next_link else None


def _s(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def zaak_from_odata(row: dict) -> Zaak:
    """A Zaak row with its expanded ZaakActor and Document rows (deleted ones dropped)."""
    zaak = Zaak(
        id=str(row.get("Id")),
        nummer=_s(row.get("Nummer")),
        soort=_s(row.get("Soort")),
        onderwerp=_s(row.get("Onderwerp")),
        gewijzigd=_s(row.get("GewijzigdOp")),
    )
    for a in row.get("ZaakActor") or []:
        if isinstance(a, dict) and not a.get("Verwijderd") and a.get("Relatie") in ACTOR_RELATIONS:
            zaak.actors.append(
                Actor(
                    id=str(a.get("Id")),
                    zaak_id=zaak.id,
                    naam=_s(a.get("ActorNaam")),
                    fractie=_s(a.get("ActorFractie")),
                    relatie=_s(a.get("Relatie")),
                    functie=_s(a.get("Functie")),
                )
            )
    for d in row.get("Document") or []:
        if isinstance(d, dict) and not d.get("Verwijderd") and d.get("Soort") in DOCUMENT_SOORTEN:
            zaak.documents.append(
                TkDocument(
                    id=str(d.get("Id")),
                    zaak_ids=[zaak.id],
                    soort=_s(d.get("Soort")),
                    nummer=_s(d.get("DocumentNummer")),
                    vergaderjaar=_s(d.get("Vergaderjaar")),
                    aanhangselnummer=_s(d.get("Aanhangselnummer")),
                )
            )
    return zaak


def toezegging_from_odata(row: dict) -> Toezegging:
    return Toezegging(
        id=str(row.get("Id")),
        nummer=_s(row.get("Nummer")),
        tekst=_s(row.get("Tekst")),
        status=_s(row.get("Status")),
        datum_nakoming=_s(row.get("DatumNakoming")),
        ministerie=_s(row.get("Ministerie")),
        naam=_s(row.get("Naam")),
        functie=_s(row.get("Functie")),
        kamerbrief_nakoming=_s(row.get("KamerbriefNakoming")),
        gewijzigd=_s(row.get("GewijzigdOp")),
    )


# --- SyncFeed -------------------------------------------------------------------------------


def feed_url(base: str, category: str, skiptoken: str | None) -> str:
    url = f"{base}?category={category}"
    return url + (f"&skiptoken={skiptoken}" if skiptoken else "")


def skiptoken_of(url: str | None) -> str | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("skiptoken")
    return values[0] if values else None


def _child(el, name: str) -> str | None:
    found = el.find(f"{{{TK}}}{name}")
    return _s(found.text) if found is not None and found.text else None


def _ref(el, name: str) -> list[str]:
    return [r.get("ref") for r in el.findall(f"{{{TK}}}{name}") if r.get("ref")]


def _attr(el, name: str) -> str | None:
    return el.get(f"{{{TK}}}{name}") or el.get(name)


def _entity(el) -> Zaak | Actor | TkDocument | Toezegging | None:
    """The kamervragen-relevant entity in a feed entry's content, else None."""
    tag = el.tag.rsplit("}", 1)[-1]
    ident = el.get("id") or ""
    if tag == "zaak":
        soort = _child(el, "soort")
        if soort != ZAAK_SOORT:
            return None
        return Zaak(ident, _child(el, "nummer"), soort, _child(el, "onderwerp"), _attr(el, "bijgewerkt"))
    if tag == "zaakActor":
        relatie = _child(el, "relatie")
        if relatie not in ACTOR_RELATIONS:
            return None
        zaak = _ref(el, "zaak")
        return Actor(
            ident,
            zaak[0] if zaak else None,
            _child(el, "actorNaam"),
            _child(el, "actorFractie"),
            relatie,
            _child(el, "functie"),
        )
    if tag == "document":
        soort = _child(el, "soort")
        if soort not in DOCUMENT_SOORTEN:
            return None
        return TkDocument(
            ident,
            _ref(el, "zaak"),
            soort,
            _child(el, "documentNummer"),
            _child(el, "vergaderjaar"),
            _child(el, "aanhangselnummer"),
        )
    if tag == "toezegging":
        return Toezegging(
            id=ident,
            nummer=_child(el, "nummer"),
            tekst=_child(el, "tekst"),
            status=_child(el, "status"),
            datum_nakoming=_child(el, "datumNakoming"),
            ministerie=_child(el, "ministerie"),
            naam=_child(el, "naam"),
            functie=_child(el, "functie"),
            kamerbrief_nakoming=_child(el, "kamerbriefNakoming"),
            gewijzigd=_attr(el, "bijgewerkt"),
        )
    return None


def parse_feed_page(data: bytes) -> FeedPage:
    """Entries of one SyncFeed page and the skiptoken of the next page (None on the last page).
    An entry that cannot be read is listed in `problems`; the page is still used."""
    root = parse_xml_bytes(data, "a SyncFeed page")
    if root.tag != f"{{{ATOM}}}feed":
        raise BadResponse(f"not an Atom feed but <{root.tag}>")
    next_token = None
    for link in root.findall(f"{{{ATOM}}}link"):
        if link.get("rel") == "next":
            next_token = skiptoken_of(link.get("href"))
    page = FeedPage(entries=[], next_skiptoken=next_token)
    for entry in root.findall(f"{{{ATOM}}}entry"):
        title = entry.findtext(f"{{{ATOM}}}title") or "?"
        category = entry.find(f"{{{ATOM}}}category")
        content = entry.find(f"{{{ATOM}}}content")
        body = next(iter(content), None) if content is not None else None
        if body is None or not isinstance(body.tag, str):
            page.problems.append((title, "an entry without content"))
            continue
        ident = body.get("id")
        if not ident:
            page.problems.append((title, "an entry without entity id"))
            continue
        deleted = (_attr(body, "verwijderd") or "").lower() == "true"
        page.entries.append(
            FeedEntry(
                category=category.get("term") if category is not None else body.tag.rsplit("}", 1)[-1],
                id=ident,
                deleted=deleted,
                updated=_attr(body, "bijgewerkt") or entry.findtext(f"{{{ATOM}}}updated"),
                entity=None if deleted else _entity(body),
            )
        )
    return page


# --- linking --------------------------------------------------------------------------------


def aanhangsel_key(vergaderjaar: str | None, nummer: str | None) -> str | None:
    """`ah-tk-20202021-3235` from a TK document's vergaderjaar ("2020-2021") and number."""
    years = re.findall(r"\d{4}", vergaderjaar or "")
    if len(years) != 2 or not (nummer or "").strip().isdigit():
        return None
    return f"ah-tk-{years[0]}{years[1]}-{int(nummer)}"

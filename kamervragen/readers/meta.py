"""Metadata that publishers put beside the text (XML `meta` tags, HTML `<meta>` elements)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from kamervragen.header import surname
from kamervragen.ids import aanhangsel_id, clean_id, id_from_url, question_set_id
from kamervragen.model import Answerer, Asker, Document
from kamervragen.normalize import nfc

Meta = dict[str, list[str]]


def collect_meta(elements: Iterable) -> Meta:
    """name → every content value, in document order (`OVERHEIDop.indiener` repeats per asker)."""
    meta: Meta = {}
    for el in elements:
        name, content = el.get("name"), el.get("content")
        if name and content is not None and content.strip():
            meta.setdefault(name, []).append(nfc(" ".join(content.split())))
    return meta


def element_text(el, sep: str = "") -> str:
    """The text inside an XML element, without what unresolved entities, comments and processing
    instructions would put in (lxml's itertext gives "&name;" for an unresolved entity)."""
    out: list[str] = []

    def walk(node, top: bool) -> None:
        if isinstance(node.tag, str):
            if node.text:
                out.append(node.text)
            for child in node:
                walk(child, False)
        if not top and node.tail:
            out.append(node.tail)

    walk(el, True)
    return sep.join(out)


def _first(meta: Meta, *names: str) -> str | None:
    for name in names:
        if meta.get(name):
            return meta[name][0]
    return None


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _chamber(meta: Meta) -> str:
    return "ek" if "Eerste Kamer" in (_first(meta, "DC.creator") or "") else "tk"


def meta_id(meta: Meta) -> str | None:
    """The official id: `DC.identifier`, else the id in the metadata record URL, else built
    from vergaderjaar + Aanhangsel number (answers) or the zaak number (question sets)."""
    for value in meta.get("DC.identifier", []) + meta.get("dcterms.identifier", []):
        found = clean_id(value) or id_from_url(value)  # the identifier is sometimes given as a URL
        if found:
            return found
    for name in ("OVERHEIDop.externMetadataRecord", "DCTERMS.isFormatOf", "OVERHEIDop.metadataRecord"):
        for value in meta.get(name, []):
            if id_from_url(value):
                return id_from_url(value)
    number = _first(meta, "OVERHEIDop.aanhangselNummer", "OVERHEIDop.aanhangsel")
    vergaderjaar = _first(meta, "OVERHEIDop.vergaderjaar")
    if number and number.isdigit() and vergaderjaar:
        return aanhangsel_id(_chamber(meta), vergaderjaar, int(number))
    zaak = _first(meta, "OVERHEIDop.vraagnummer")
    if zaak and not number and re.fullmatch(r"\d{4}Z\d{5}", zaak):
        return question_set_id(_chamber(meta), zaak)
    return None


def _meta_askers(indieners: list[str], from_text: list[Asker]) -> list[Asker]:
    """Askers from `OVERHEIDop.indiener` ("R.H. (Romke) de Jong"), parties taken from the text."""
    parties = {a.name.casefold(): a.party for a in from_text}
    out = []
    for value in indieners:
        name = surname(re.sub(r"\([^)]*\)", " ", value))
        out.append(Asker(name=name, party=parties.get(name.casefold())))
    return out


def apply_meta(doc: Document, meta: Meta, body=None) -> None:
    """Publisher metadata is authoritative: it overrides what was read from the text."""
    ident = meta_id(meta)
    if ident:
        doc.id = ident
        if ident.startswith("ah-"):
            doc.aanhangsel_number = int(ident.rsplit("-", 1)[1])
            y = ident.split("-")[2]
            doc.vergaderjaar = f"{y[:4]}-{y[4:]}"
        elif re.search(r"\d{4}Z\d{5}$", ident):
            doc.case_number = ident.rsplit("-", 1)[1]
    years = re.findall(r"\d{4}", _first(meta, "OVERHEIDop.vergaderjaar") or "")
    if len(years) == 2:
        doc.vergaderjaar = f"{years[0]}-{years[1]}"
    number = _first(meta, "OVERHEIDop.aanhangselNummer", "OVERHEIDop.aanhangsel")
    if number and number.isdigit():
        doc.aanhangsel_number = int(number)
    zaak = _first(meta, "OVERHEIDop.vraagnummer")
    if zaak and re.fullmatch(r"\d{4}Z\d{5}", zaak):
        doc.case_number = zaak
    doc.submitted = _iso(_first(meta, "OVERHEIDop.datumIndiening")) or doc.submitted
    doc.received = _iso(_first(meta, "OVERHEIDop.datumOntvangst")) or doc.received
    indieners = meta.get("OVERHEIDop.indiener", [])
    if indieners and len(indieners) > len(doc.askers):
        doc.askers = _meta_askers(indieners, doc.askers)
    if not doc.subject:
        title = _first(meta, "DC.title") or ""
        m = re.search(r"\bover\s+(.+)$", title)
        doc.subject = m.group(1).rstrip(" .") if m else doc.subject
    if body is None:
        return
    for om in body.iter("kamervraagomschrijving"):
        onderwerp = om.find(".//kamervraagonderwerp")
        if onderwerp is not None and not doc.subject:
            doc.subject = nfc(" ".join(element_text(onderwerp).split())) or None
        if om.get("type") == "antwoord" and not doc.answerers:
            achternaam = om.find(".//naam/achternaam")
            if achternaam is not None and achternaam.text:
                doc.answerers = [Answerer(name=surname(nfc(achternaam.text)))]

"""Metadata that publishers put beside the text (XML `meta` tags, HTML `<meta>` elements)."""

from __future__ import annotations

import re
from datetime import date

from kamervragen.header import parse_askers, surname
from kamervragen.model import Answerer, Document


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def apply_meta(doc: Document, meta: dict[str, str], body=None) -> None:
    """Publisher metadata is authoritative: it overrides what was read from the text."""
    ident = meta.get("DC.identifier") or meta.get("dcterms.identifier")
    if ident and re.match(r"^(ah|kv)-(tk|ek)-", ident):
        doc.id = ident
        if ident.startswith("ah-"):
            doc.aanhangsel_number = int(ident.rsplit("-", 1)[1])
        else:
            doc.case_number = ident.rsplit("-", 1)[1]
    if meta.get("OVERHEIDop.vergaderjaar"):
        years = re.findall(r"\d{4}", meta["OVERHEIDop.vergaderjaar"])
        if len(years) == 2:
            doc.vergaderjaar = f"{years[0]}-{years[1]}"
    if meta.get("OVERHEIDop.aanhangsel") and meta["OVERHEIDop.aanhangsel"].isdigit():
        doc.aanhangsel_number = int(meta["OVERHEIDop.aanhangsel"])
    doc.submitted = _iso(meta.get("OVERHEIDop.datumIndiening")) or doc.submitted
    doc.received = _iso(meta.get("OVERHEIDop.datumOntvangst")) or doc.received
    if not doc.askers and meta.get("OVERHEIDop.indiener"):
        doc.askers = parse_askers(meta["OVERHEIDop.indiener"])
    if body is None:
        return
    for om in body.iter("kamervraagomschrijving"):
        onderwerp = om.find(".//kamervraagonderwerp")
        if onderwerp is not None and not doc.subject:
            doc.subject = " ".join("".join(onderwerp.itertext()).split()) or None
        if om.get("type") == "antwoord" and not doc.answerers:
            achternaam = om.find(".//naam/achternaam")
            if achternaam is not None and achternaam.text:
                doc.answerers = [Answerer(name=surname(achternaam.text))]

"""Officiele-publicaties XML (root `officiele-publicatie`, body `kamervragen`, or the older
`vraagdoc` layout). Parsed with entities and network access off; metadata from `meta` tags wins
over what the text says."""

from __future__ import annotations

import re
from datetime import date

from kamervragen.errors import NotAKamervraag, ParseError
from kamervragen.header import parse_askers, surname
from kamervragen.model import Answerer, Document
from kamervragen.textparse import parse_text

_BLOCK = {
    "al", "tekstregel", "kamervraagnummer", "kamervraagomschrijving", "row", "omschr",
    "toelicht", "titel", "kop", "li", "ondertekening", "kamervraagonderwerp",
}


def _text(el, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in {"noot", "metadata"}:
        if el.tail:
            out.append(el.tail)
        return
    if tag == "nootref":
        ref = el.get("refid") or ""
        out.append(f"[^{el.get('nr') or _noot_numbers.get(ref, ref)}]")
        if el.tail:
            out.append(el.tail)
        return
    if tag in {"nr", "nummer"}:
        out.append("\n" + _heading(el) + "\n")
        if el.tail:
            out.append(el.tail)
        return
    if tag == "entry":
        out.append(" | ")
    if tag == "kamervraagopmerking":
        out.append("\n\nMededeling\n")
    if tag in _BLOCK:
        out.append("\n")
    if el.text:
        out.append(el.text)
    for child in el:
        _text(child, out)
    if tag in _BLOCK or tag in {"vraag", "antwoord"}:
        out.append("\n\n" if tag in {"vraag", "antwoord"} else "\n")
    if el.tail:
        out.append(el.tail)


_noot_numbers: dict[str, str] = {}


def _heading(el) -> str:
    """A bare `<nr>5</nr>` inside `vraag` or `antwoord` becomes "Vraag 5" / "Antwoord 5"."""
    text = " ".join("".join(el.itertext()).split())
    if re.fullmatch(r"[\d\s,en-]+", text):
        parent = el.getparent()
        kind = "Antwoord" if parent is not None and parent.tag == "antwoord" else "Vraag"
        return f"{kind} {text}"
    return text


def parse_xml(data: bytes) -> Document:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed or truncated XML: {exc}") from exc
    for el in root.iter(etree.Entity):
        el.getparent().remove(el) if el.getparent() is not None else None
    meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    body = root.find(".//kamervragen")
    if body is None:
        body = root.find(".//vraagdoc")
    if body is None and root.tag not in {"kamervragen", "vraagdoc"}:
        raise NotAKamervraag(f"XML root <{root.tag}> holds no <kamervragen> or <vraagdoc>")
    if body is None:
        body = root

    _noot_numbers.clear()
    notes: dict[int, str] = {}
    for i, noot in enumerate(root.iter("noot"), start=1):
        nr_el = noot.find("noot.nr")
        nr = (nr_el.text or "").strip() if nr_el is not None else str(i)
        if noot.get("id"):
            _noot_numbers[noot.get("id")] = nr
        text = " ".join(" ".join(al.itertext()) for al in noot.iter("noot.al")) or ""
        if nr.isdigit():
            notes[int(nr)] = " ".join(text.split())
    out: list[str] = []
    _text(body, out)
    text = "".join(out)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n\s*\n+", "\n\n", text)
    doc = parse_text(text, fmt="xml", footnotes=notes)
    _apply_meta(doc, meta, body)
    return doc


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _apply_meta(doc: Document, meta: dict[str, str], body) -> None:
    ident = meta.get("DC.identifier")
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
    for om in body.iter("kamervraagomschrijving"):
        onderwerp = om.find(".//kamervraagonderwerp")
        if onderwerp is not None and not doc.subject:
            doc.subject = " ".join("".join(onderwerp.itertext()).split()) or None
        if om.get("type") == "antwoord" and not doc.answerers:
            achternaam = om.find(".//naam/achternaam")
            if achternaam is not None and achternaam.text:
                doc.answerers = [Answerer(name=surname(achternaam.text))]

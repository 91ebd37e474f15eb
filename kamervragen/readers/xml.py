"""Officiele-publicaties XML (root `officiele-publicatie`, body `kamervragen`, or the older
`vraagdoc` layout). Parsed with entities and network access off; metadata from `meta` tags wins
over what the text says."""

from __future__ import annotations

import re

from kamervragen.errors import NotAKamervraag, ParseError
from kamervragen.ids import fill_official_id
from kamervragen.model import Document
from kamervragen.normalize import nfc
from kamervragen.readers.meta import apply_meta, collect_meta, element_text
from kamervragen.textparse import chamber_of, parse_text

_BLOCK = {
    "al",
    "tekstregel",
    "kamervraagnummer",
    "kamervraagomschrijving",
    "row",
    "omschr",
    "toelicht",
    "titel",
    "kop",
    "li",
    "ondertekening",
    "kamervraagonderwerp",
}


def _text(el, out: list[str], refs: dict[str, str]) -> None:
    """Text of an element with headings on their own lines and note references as "[^n]"."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag:
        # an unresolved entity, a comment or a processing instruction: no text of its own,
        # but the text after it belongs to the document
        if el.tail:
            out.append(el.tail)
        return
    if tag in {"noot", "metadata"}:
        if el.tail:
            out.append(el.tail)
        return
    if tag == "nootref":
        ref = el.get("refid") or ""
        out.append(f"[^{el.get('nr') or refs.get(ref, ref)}]")
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
    if tag in {"vraag", "antwoord"} and el.find("nr") is None and el.find("nummer") is None:
        first = el.find("al")
        first_text = element_text(first).strip() if first is not None else ""
        if not re.match(r"(?:Vraag|Antwoord)\b", first_text):
            out.append("\n\n" + ("Vraag" if tag == "vraag" else "Antwoord") + "\n")
    if tag == "kamervraagopmerking":
        out.append("\n\nMededeling\n")
    if tag in _BLOCK:
        out.append("\n")
    if el.text:
        out.append(el.text)
    for child in el:
        _text(child, out, refs)
    if tag in _BLOCK or tag in {"vraag", "antwoord"}:
        out.append("\n\n" if tag in {"vraag", "antwoord"} else "\n")
    if el.tail:
        out.append(el.tail)


def _heading(el) -> str:
    """A bare `<nr>5</nr>` inside `vraag` or `antwoord` becomes "Vraag 5" / "Antwoord 5"."""
    text = " ".join(element_text(el).split())
    text = text.rstrip(".:")
    if re.fullmatch(r"[\d\s,en-]+", text):
        parent = el.getparent()
        kind = "Antwoord" if parent is not None and parent.tag == "antwoord" else "Vraag"
        return f"{kind} {text}"
    return text


def safe_parser():
    """The one way this project reads XML it did not write: no entities, no DTD, no network."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def parse_xml(data: bytes) -> Document:
    from lxml import etree

    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed or truncated XML: {exc}") from exc
    meta = collect_meta(root.iter("meta"))
    body = root.find(".//kamervragen")
    if body is None:
        body = root.find(".//vraagdoc")
    if body is None and root.tag not in {"kamervragen", "vraagdoc"}:
        raise NotAKamervraag(f"XML root <{root.tag}> holds no <kamervragen> or <vraagdoc>")
    if body is None:
        body = root

    refs: dict[str, str] = {}
    notes: dict[int, str] = {}
    for i, noot in enumerate(root.iter("noot"), start=1):
        nr_el = noot.find("noot.nr")
        nr = (nr_el.text or "").strip() if nr_el is not None else str(i)
        if noot.get("id"):
            refs[noot.get("id")] = nr
        text = " ".join(element_text(al, " ") for al in noot.iter("noot.al")) or ""
        if nr.isdigit():
            notes[int(nr)] = nfc(" ".join(text.split()))
    out: list[str] = []
    _text(body, out, refs)
    text = "".join(out)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n\s*\n+", "\n\n", text)
    doc = parse_text(text, fmt="xml", footnotes=notes)
    apply_meta(doc, meta, body)
    if doc.id is None:
        # no identifier in the metadata: the number the publication prints in its own header
        number = " ".join((body.findtext(".//kamervraagnummer") or "").split())
        if number.isdigit() and doc.aanhangsel_number is None:
            doc.aanhangsel_number = int(number)
        elif re.fullmatch(r"\d{4}Z\d{5}", number) and doc.case_number is None:
            doc.case_number = number
        kop = " ".join(element_text(el, " ") for el in body.iter("kamervraagkop", "vraagdockop"))
        fill_official_id(doc, chamber_of([kop]))
    return doc

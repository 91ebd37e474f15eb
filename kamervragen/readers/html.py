"""Officielebekendmakingen HTML pages (div.vraag / div.antwoord, div.voet.noot footnotes).

The page becomes lines of text with "[^n]" markers and a footnote appendix, so the shared text
parser applies the same rules as for every other format. Scripts, styles and event handlers
never reach the output: only text nodes are read.
"""

from __future__ import annotations

import re

from kamervragen.errors import ParseError
from kamervragen.model import Document
from kamervragen.normalize import nfc
from kamervragen.readers.meta import Meta, apply_meta, collect_meta
from kamervragen.readers.text import utf16_text
from kamervragen.textparse import parse_text

BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "br",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "blockquote",
}
SKIP = {"script", "style", "noscript", "template", "head", "iframe", "object", "svg"}


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _inline(text: str) -> str:
    """Source line breaks inside an element are spaces in HTML; blocks make the real breaks."""
    return re.sub(r"\s+", " ", text)


def _walk(el, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP or not tag:
        # comments and processing instructions have no document text, but their tail has
        if el.tail:
            out.append(_inline(el.tail))
        return
    cls = _classes(el)
    if "nootnum" in cls and tag in {"a", "span", "sup"} and tag != "span":
        num = (el.text_content() or "").strip()
        out.append(f"[^{num}]" if num.isdigit() else "")
        if el.tail:
            out.append(_inline(el.tail))
        return
    if tag == "sup" and (el.text_content() or "").strip().isdigit():
        out.append(f"[^{el.text_content().strip()}]")
        if el.tail:
            out.append(_inline(el.tail))
        return
    if "nummer" in cls and (el.text_content() or "").strip().rstrip(".").isdigit():
        kind = "Antwoord" if el.xpath('ancestor::div[contains(@class, "antwoord")]') else "Vraag"
        out.append(f"\n{kind} {el.text_content().strip().rstrip('.')}\n")
        if el.tail:
            out.append(_inline(el.tail))
        return
    if tag in BLOCK:
        out.append("\n")
    if el.text:
        out.append(_inline(el.text))
    for child in el:
        _walk(child, out)
    if tag in BLOCK:
        out.append("\n")
    if el.tail:
        out.append(_inline(el.tail))


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def html_unicode(data: bytes) -> str:
    """The page as text: UTF-16 (by BOM, or by its NUL pattern when the BOM is missing), else
    the UTF-8 BOM, else its `<meta charset>`, else UTF-8 (cp1252 when that fails).

    A meta charset of UTF-16 on bytes that are not UTF-16 is a mislabel and is ignored.
    """
    wide = utf16_text(data)
    if wide is not None:
        return wide.lstrip("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    m = _CHARSET.search(data[:4096])
    if m and not m.group(1).lower().startswith(b"utf-16"):
        try:
            return data.decode(m.group(1).decode("ascii").lower(), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_text(data: bytes) -> tuple[str, dict[int, str], Meta]:
    from lxml import etree, html

    text = html_unicode(data)
    # lxml refuses a str that still declares its encoding; the text is decoded already
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = html.document_fromstring(text, parser=html.HTMLParser(no_network=True, recover=True))
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}") from exc
    meta = collect_meta(root.iter("meta"))
    notes: dict[int, str] = {}
    for note in root.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " noot ")]'):
        num_el = note.xpath('.//*[contains(@class, "nootnum")]')
        num = num_el[0].text_content().strip() if num_el else ""
        if not num.isdigit():
            continue
        num_el[0].drop_tree()
        text = " ".join(note.text_content().split())
        notes[int(num)] = nfc(text)
        note.drop_tree()
    for noten in root.xpath('//*[@id="noten"]'):
        noten.drop_tree()
    body = root.find("body")
    out: list[str] = []
    _walk(body if body is not None else root, out)
    text = "".join(out)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    # paragraphs as blank-line separated blocks; wrapped source lines inside <p> are joined
    blocks = [" ".join(b.split()) for b in re.split(r"\n{1,}", text)]
    return "\n\n".join(b for b in blocks if b), notes, meta


def parse_html(data: bytes) -> Document:
    text, notes, meta = html_text(data)
    doc = parse_text(text, fmt="html", footnotes=notes, find_footnotes=False)
    apply_meta(doc, meta)
    return doc

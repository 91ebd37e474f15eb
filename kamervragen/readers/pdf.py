"""Typeset Aanhangsel PDFs, read with pdfminer.six: layout tells body, footnotes and footers apart.

Body text has one dominant font size; footnotes are set smaller in the lower part of the page;
running footers sit in the bottom margin. Superscript digits inside body lines are footnote
references and become "[^n]" markers for the text parser. Footer lines are passed on (the text
parser drops them and keeps the official id they carry).

pdfminer's own layout analysis is switched off: the glyphs with their positions and sizes are
all this reader needs, and grouping them into lines here is several times faster. (It is off only
through the page aggregator: `extract_pages(laparams=None)` substitutes its default LAParams and
ran the analysis anyway, 30% of the time of a PDF.)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from kamervragen.errors import ParseError, UnsupportedInput
from kamervragen.model import Document
from kamervragen.normalize import join_lines
from kamervragen.textparse import parse_text

_FOOTER_ZONE = 0.885  # fraction of the page height below which only furniture is printed
_FURNITURE = re.compile(r"ISSN 0921|Tweede Kamer, vergaderjaar|^(?:ah|kv)-tk-")


@dataclass(slots=True)
class Glyph:
    text: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Page:
    height: float
    lines: list[list[Glyph]]


def _glyphs(layout, height: float) -> list[Glyph]:
    from pdfminer.layout import LTChar, LTContainer

    out: list[Glyph] = []
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            text = item.get_text()
            if text.strip():
                out.append(
                    Glyph(text, round(item.size, 1), item.x0, item.x1, height - item.y1, height - item.y0)
                )
        elif isinstance(item, LTContainer):
            stack.extend(reversed(list(item)))
    return out


def _group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs whose vertical extents overlap form a line (superscripts included)."""
    lines: list[tuple[float, float, list[Glyph]]] = []
    for g in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        if lines:
            top, bottom, members = lines[-1]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            if overlap > 0.4 * min(bottom - top, g.bottom - g.top):
                members.append(g)
                lines[-1] = (min(top, g.top), max(bottom, g.bottom), members)
                continue
        lines.append((g.top, g.bottom, [g]))
    return [sorted(members, key=lambda g: g.x0) for _, _, members in lines]


def _pages(data: bytes) -> list[Page]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[Page] = []
    try:
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)  # no layout analysis: glyphs only
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.get_pages(BytesIO(data)):
            interpreter.process_page(page)
            layout = device.get_result()
            height = layout.height
            pages.append(Page(height, _group_lines(_glyphs(layout, height))))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnsupportedInput("encrypted PDF: cannot read it without the password") from exc
    except PDFSyntaxError as exc:
        raise ParseError(f"damaged or truncated PDF: {exc}") from exc
    except Exception as exc:  # pdfminer raises many kinds for broken files
        raise ParseError(f"damaged or unreadable PDF: {exc}") from exc
    return pages


def pdf_text(data: bytes) -> tuple[str, dict[int, str]]:
    """Body text with "[^n]" markers and page furniture kept, and the footnotes by number."""
    pages = _pages(data)
    sizes = Counter(g.size for page in pages for line in page.lines for g in line)
    if not sizes:
        raise ParseError("the PDF has no text layer (scanned images need OCR first)")
    body_size = sizes.most_common(1)[0][0]
    body_lines: list[str] = []
    notes: dict[int, list[str]] = {}
    current: int | None = None
    for page in pages:
        for line in page.lines:
            size = Counter(g.size for g in line).most_common(1)[0][0]
            text = _line_text(line, size)
            top = min(g.top for g in line)
            if top > page.height * _FOOTER_ZONE or _FURNITURE.search(text):
                body_lines.append(text)
                continue
            if size < body_size * 0.92 and top > page.height * 0.4:
                m = re.match(r"^\[\^(\d{1,3})\]\s*(.*)$", text)
                if m:
                    current = int(m.group(1))
                    notes[current] = [m.group(2)]
                    continue
                if current is not None:
                    notes[current].append(text)
                    continue
            body_lines.append(text)
        body_lines.append("")
    return "\n".join(body_lines), {n: join_lines(v) for n, v in notes.items()}


_CID = re.compile(r"\(cid:(\d+)\)")


def _cid_text(m: re.Match) -> str:
    """Glyphs without a Unicode mapping: the bullet (129 in these fonts) is the one that matters."""
    return "•" if m.group(1) in {"129", "149", "183"} else ""


def _line_text(glyphs: list[Glyph], size: float) -> str:
    """Text of one line; superscript digits become "[^n]", gaps between glyphs become spaces."""
    out: list[str] = []
    prev: Glyph | None = None
    sup = ""
    baseline = max((g.bottom for g in glyphs if g.size >= size * 0.9), default=0.0)
    for g in glyphs:
        # a footnote reference is set smaller *and* raised above the baseline
        is_sup = g.text.isdigit() and g.size < size * 0.8 and g.bottom < baseline - size * 0.15
        if sup and not is_sup:
            out.append(f"[^{sup}]")
            sup = ""
        if prev is not None and not is_sup and g.x0 - prev.x1 > min(g.size, prev.size) * 0.18:
            out.append(" ")
        if is_sup:
            sup += g.text
        else:
            out.append(_CID.sub(_cid_text, g.text))
        prev = g
    if sup:
        out.append(f"[^{sup}]")
    return "".join(out).strip()


def parse_pdf(data: bytes) -> Document:
    text, footnotes = pdf_text(data)
    return parse_text(text, fmt="pdf", footnotes=footnotes, find_footnotes=False)

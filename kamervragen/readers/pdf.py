"""Typeset Aanhangsel PDFs, read with pdfplumber: layout tells body, footnotes and footers apart.

Body text has one dominant font size; footnotes are set smaller in the lower part of the page;
running footers sit in the bottom margin. Superscript digits inside body lines are footnote
references and become "[^n]" markers for the text parser. Footer lines are passed on (the text
parser drops them and keeps the official id they carry).
"""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO

from kamervragen.errors import ParseError, UnsupportedInput
from kamervragen.model import Document
from kamervragen.normalize import join_lines
from kamervragen.textparse import parse_text

_FOOTER_ZONE = 0.885  # fraction of the page height below which only furniture is printed
_FURNITURE = re.compile(r"ISSN 0921|Tweede Kamer, vergaderjaar|^(?:ah|kv)-tk-")


def _open(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(BytesIO(data))
        _ = pdf.pages  # forces the page tree: truncated files fail here
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise UnsupportedInput("encrypted PDF: cannot read it without the password") from exc
    except PDFSyntaxError as exc:
        raise ParseError(f"damaged or truncated PDF: {exc}") from exc
    except Exception as exc:
        raise ParseError(f"unreadable PDF: {exc}") from exc


def pdf_text(data: bytes) -> tuple[str, dict[int, str]]:
    """Body text with "[^n]" markers and page furniture kept, and the footnotes by number."""
    pdf = _open(data)
    try:
        pages = []
        sizes: Counter = Counter()
        for page in pdf.pages:
            lines = page.extract_text_lines(return_chars=True, strip=True)
            pages.append((page, lines))
            for line in lines:
                sizes.update(round(c["size"], 1) for c in line["chars"] if c["text"].strip())
    except ParseError:
        raise
    except Exception as exc:
        pdf.close()
        raise ParseError(f"damaged PDF: {exc}") from exc
    try:
        if not sizes:
            raise ParseError("the PDF has no text layer (scanned images need OCR first)")
        body_size = sizes.most_common(1)[0][0]
        body_lines: list[str] = []
        notes: dict[int, list[str]] = {}
        current: int | None = None
        for page, lines in pages:
            for line in lines:
                chars = [c for c in line["chars"] if c["text"].strip()]
                if not chars:
                    continue
                size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
                text = _line_text(chars, size)
                top = line["top"]
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
    finally:
        pdf.close()
    return "\n".join(body_lines), {n: join_lines(v) for n, v in notes.items()}


def _line_text(chars: list[dict], size: float) -> str:
    """Text of one line; superscript digits become "[^n]", gaps between glyphs become spaces."""
    out: list[str] = []
    prev: dict | None = None
    sup = ""
    for c in chars:
        is_sup = c["text"].isdigit() and c["size"] < size * 0.8
        if sup and not is_sup:
            out.append(f"[^{sup}]")
            sup = ""
        gap = c["x0"] - prev["x1"] if prev is not None else 0
        if prev is not None and not is_sup and gap > min(c["size"], prev["size"]) * 0.18:
            out.append(" ")
        if is_sup:
            sup += c["text"]
        else:
            out.append(c["text"])
        prev = c
    if sup:
        out.append(f"[^{sup}]")
    return "".join(out).strip()


def parse_pdf(data: bytes) -> Document:
    text, footnotes = pdf_text(data)
    return parse_text(text, fmt="pdf", footnotes=footnotes, find_footnotes=False)

"""`parse`: one entry point for every format a user has. Sniffs the bytes, picks a reader."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from kamervragen.errors import NotAKamervraag, ParseError, UnsupportedInput
from kamervragen.model import Document
from kamervragen.readers.text import decode_text, utf16_text
from kamervragen.textparse import parse_text

MAX_BYTES = 50 * 1024 * 1024


_PROLOG = re.compile(rb"^(?:\s*<!--.*?-->|\s*<!doctype\s+(?!html)[^\[>]*(?:\[.*?\])?\s*>)+\s*", re.DOTALL)


def detect_format(data: bytes, name: str = "") -> str:
    """'pdf', 'docx', 'xml', 'html' or 'text', from the content first and the name second."""
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise UnsupportedInput("a zip archive that is not a Word (.docx) document")
    wide = utf16_text(data[:2048])
    if wide is not None:
        # a UTF-16 page or file (Windows "Unicode" export): sniff its text, not its bytes
        head = wide.lstrip("\ufeff").lstrip().encode("utf-8", errors="replace")
    lowered = head[:1024].lower()
    if lowered.startswith(b"\xef\xbb\xbf"):
        lowered = lowered[3:]
    # comments and a DOCTYPE before the root element say nothing about the format
    lowered = _PROLOG.sub(b"", lowered.lstrip()) if lowered.lstrip().startswith(b"<!") else lowered
    if lowered.startswith((b"<?xml", b"<officiele-publicatie", b"<kamervragen", b"<vraagdoc")):
        if b"<html" in lowered:
            return "html"
        return "xml"
    if lowered.startswith(b"<!doctype html") or b"<html" in lowered or lowered.startswith(b"<div"):
        return "html"
    if name.lower().endswith((".xml",)) and lowered.startswith(b"<"):
        return "xml"
    return "text"


def parse(
    source: str | Path | bytes,
    *,
    name: str = "",
    extract: bool = True,
    max_unzipped_bytes: int | None = None,
) -> Document:
    """Parse a file path or the bytes of a document into a Document.

    Raises ParseError (with a message fit for the user) for anything that is not a readable
    Kamervraag: empty or binary input, encrypted or truncated PDFs, broken XML, other documents.
    With `extract` (the default) references, figures, commitments and entities are filled in.
    `max_unzipped_bytes` caps what a .docx may unpack to (default
    `kamervragen.readers.docx.MAX_UNZIPPED_BYTES`, 100 MB).
    """
    doc = _read(source, name, max_unzipped_bytes)
    if extract:
        from kamervragen.extract import extract_document

        extract_document(doc)
    return doc


def _read(source: str | Path | bytes, name: str, max_unzipped: int | None = None) -> Document:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = name or path.name
        if not path.is_file():
            raise ParseError(f"not a file: {path}")
        if path.stat().st_size > MAX_BYTES:
            raise ParseError(f"file too large ({path.stat().st_size} bytes; limit {MAX_BYTES})")
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ParseError(f"input too large ({len(data)} bytes; limit {MAX_BYTES})")
    if not data.strip():
        raise ParseError("empty file")
    fmt = detect_format(data, name)
    if fmt == "pdf":
        from kamervragen.readers.pdf import parse_pdf

        return parse_pdf(data)
    if fmt == "docx":
        from kamervragen.readers.docx import parse_docx

        return parse_docx(data, max_unzipped)
    if fmt == "xml":
        from kamervragen.readers.xml import parse_xml

        return parse_xml(data)
    if fmt == "html":
        from kamervragen.readers.html import parse_html

        return parse_html(data)
    text = decode_text(data)
    if text.lstrip()[:1] in {"{", "["}:
        raise NotAKamervraag("JSON data (a metadata record?), not the text of a Kamervraag")
    return parse_text(text, fmt="text")

"""Ministry Word letters (.docx): body paragraphs and letterhead tables in reading order, Word
footnotes as footnotes; then the shared text parser does the rest."""

from __future__ import annotations

import zipfile
from io import BytesIO

from kamervragen.errors import ParseError
from kamervragen.model import Document
from kamervragen.normalize import nfc
from kamervragen.textparse import parse_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# A .docx is a zip: a few MB can unpack to many GB (a zip bomb, or just a huge embedded image)
# and python-docx holds every part in memory. Parts larger than this in total are refused.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


def check_unzipped_size(data: bytes, limit: int | None = None) -> None:
    """Refuse a package whose parts unpack to more than `limit` bytes, judged by the sizes the
    zip declares and by what actually comes out (declared sizes can lie)."""
    limit = MAX_UNZIPPED_BYTES if limit is None else limit
    too_big = f"Word document unpacks to more than {limit} bytes (limit for decompressed parts)"
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(info.file_size for info in infos) > limit:
                raise ParseError(too_big)
            total = 0
            for info in infos:
                with zf.open(info) as part:
                    while chunk := part.read(1 << 20):
                        total += len(chunk)
                        if total > limit:
                            raise ParseError(too_big)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ParseError(f"unreadable Word document: {exc}") from exc


def _paragraph_text(p) -> str:
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t" and el.text:
            parts.append(el.text)
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}footnoteReference":
            parts.append(f"[^{el.get(f'{W}id')}]")
    return "".join(parts)


def _table_lines(tbl) -> list[str]:
    lines = []
    for row in tbl.iter(f"{W}tr"):
        cells = []
        for cell in row.iter(f"{W}tc"):
            cells.append(" / ".join(_paragraph_text(p) for p in cell.iter(f"{W}p")))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def docx_text(data: bytes, max_unzipped: int | None = None) -> tuple[str, dict[int, str]]:
    """Body text (one paragraph per line, blank lines between) and the Word footnotes."""
    import docx  # python-docx

    check_unzipped_size(data, max_unzipped)

    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ParseError(f"unreadable Word document: {exc}") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            lines.append(_paragraph_text(child))
            lines.append("")
        elif child.tag == f"{W}tbl":
            lines.extend(_table_lines(child))
            lines.append("")
    footnotes: dict[int, str] = {}
    for part in document.part.package.iter_parts():
        if str(part.partname).endswith("/footnotes.xml"):
            from lxml import etree

            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            root = etree.fromstring(part.blob, parser)
            for note in root.iter(f"{W}footnote"):
                nid = int(note.get(f"{W}id", "0"))
                if nid <= 0:
                    continue  # separators
                text = " ".join(_paragraph_text(p) for p in note.iter(f"{W}p")).strip()
                if text:
                    footnotes[nid] = nfc(text)
    return "\n".join(lines), footnotes


def parse_docx(data: bytes, max_unzipped: int | None = None) -> Document:
    text, footnotes = docx_text(data, max_unzipped)
    return parse_text(text, fmt="docx", footnotes=footnotes)

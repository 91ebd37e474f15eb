"""Which files in the folders a user names are documents to read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

DOCUMENT_SUFFIXES = {".pdf", ".txt", ".docx", ".xml", ".html", ".htm", ".md"}


def document_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders walked in sorted order for the formats the parser reads
    (other files, such as JSONL dumps of OCR pages, are left out)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        else:
            out.append(path)
    return out

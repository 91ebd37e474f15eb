"""Parsers that misbehave on purpose, for the pipeline's limits and refusals. The index pipeline
takes its parser as "module:function" (it runs in worker processes), so the tests name these.
Files are parsed normally unless their name says otherwise."""

from __future__ import annotations

import time

from kamervragen.model import Asker, Document
from kamervragen.parser import parse as real_parse


def parse(data: bytes, name: str = "") -> Document:
    if name.startswith("slow-"):
        time.sleep(600)  # a file that makes the parser hang
    if name.startswith("hungry-"):
        hoard = [bytearray(64 * 1024 * 1024) for _ in range(1024)]  # 64 GB, far past any limit
        del hoard
    doc = real_parse(data, name=name)
    if name.startswith("longname-"):  # an OCR header read as one very long asker name
        doc.askers = [Asker(name="Tweede Kamer der Staten-Generaal " * 5, party=None)]
    if name.startswith("clash-"):  # a different document that claims another one's id
        doc.id = "ah-tk-20242025-575"
    return doc

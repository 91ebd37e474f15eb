"""Stable ids for commitments, so a link to one survives re-indexing: the document id, the
location of the answer ("a2") and a short hash of the sentence's words. The words, not the
character offsets: a parser fix earlier in the answer moves the offsets of every later
sentence, while the promise itself reads the same. The same sentence twice in one answer
gets "-2", "-3" in order of appearance."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_WORDS = re.compile(r"\w+")
SEPARATOR = "~"  # never in a document id (indexer.pipeline.document_key keeps [A-Za-z0-9._-])


def _digest(text: str) -> str:
    words = " ".join(_WORDS.findall(text.casefold()))
    return hashlib.sha1(words.encode()).hexdigest()[:10]


def commitment_keys(document_id: str, items: Iterable[tuple[str, str]]) -> list[str]:
    """One key per (location, text), in the order given."""
    seen: dict[str, int] = {}
    keys = []
    for location, text in items:
        key = SEPARATOR.join((document_id, location, _digest(text)))
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


def document_of(key: str) -> str | None:
    """The document id a key belongs to, or None for a string that is no key."""
    parts = key.split(SEPARATOR)
    return parts[0] if len(parts) == 3 and parts[0] else None


ORAL_PREFIX = "tk-toezegging-"
"""Keys of commitments made orally (the Kamer's Toezegging register): the prefix and the TK's
Nummer ("TZ202106-001"), or its entity id when the Nummer is missing; never a SEPARATOR, so
no key of a written commitment looks like one."""


def oral_key(nummer: str | None, tk_id: str) -> str:
    return ORAL_PREFIX + (nummer or tk_id).strip()


def is_oral_key(key: str) -> bool:
    return key.startswith(ORAL_PREFIX) and len(key) > len(ORAL_PREFIX) and SEPARATOR not in key

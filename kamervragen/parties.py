"""Party names as printed after an asker ("(P.v.d.A.)", "(GL-PvdA)") → one canonical name.

The table is `data/parties.tsv` (sources in `data/parties.PROVENANCE.md`). A parenthesis that
is not shaped like a party ("(ingezonden 22 augustus 1977)", a ministry, a sentence) is no party.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_NOT_A_PARTY = re.compile(
    rf"\b(?:{_MONTHS}|ingezonden|ontvangen|vergaderjaar|kamerstuk|nr|zie|minister|staatssecretaris)\b"
    r"|\d{3,}|[?!;:]",
    re.IGNORECASE,
)
MAX_PARTY_CHARS = 45


def party_key(text: str) -> str:
    """Compare key: case-folded, without dots, spaces and apostrophes, "/" read as "-"."""
    return re.sub(r"[.\s'’`]", "", text.casefold()).replace("/", "-").replace("–", "-")


def _load_table(filename: str) -> list[list[str]]:
    text = resources.files("kamervragen.data").joinpath(filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _parties() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _load_table("parties.tsv"):
        canonical = row[0].strip()
        variants = row[1].split("|") if len(row) > 1 else []
        for name in (canonical, *variants):
            if name.strip():
                table[party_key(name)] = canonical
    return table


@lru_cache(maxsize=1)
def _ministries() -> dict[str, str]:
    """Ministry names from the organisations table, keyed without spaces (to undo PDF gluing)."""
    return {
        re.sub(r"\W", "", row[1]).casefold(): row[1]
        for row in _load_table("organisations.tsv")
        if row[0] == "MINISTRY" and len(row) > 1
    }


@lru_cache(maxsize=1)
def ministry_abbreviations() -> dict[str, str]:
    """{ministry name: official abbreviation}: the first alias of each ministry in the
    organisations table, the one list of ministries the extraction and the store share."""
    return {
        row[1]: row[2].split("|")[0]
        for row in _load_table("organisations.tsv")
        if row[0] == "MINISTRY" and len(row) > 2 and row[2]
    }


def canonical_party(text: str | None) -> str | None:
    """The canonical party for a printed form; an unknown but party-shaped name as printed;
    None for text that is not a party."""
    if not text:
        return None
    text = " ".join(text.split()).strip(" ,.;")
    known = _parties().get(party_key(text))
    if known:
        return known
    if not text or len(text) > MAX_PARTY_CHARS or len(text.split()) > 4 or _NOT_A_PARTY.search(text):
        return None
    if not (text[0].isupper() or text[0].isdigit()) or party_key(text) in _ministry_keys():
        return None
    return text


@lru_cache(maxsize=1)
def _ministry_keys() -> set[str]:
    return {party_key(name) for name in _ministries().values()}


def respace_ministry(name: str) -> str:
    """A ministry name with the spaces PDF extraction lost put back ("Klimaaten Groene Groei"
    → "Klimaat en Groene Groei"), when it is a known ministry; else unchanged."""
    return _ministries().get(re.sub(r"\W", "", name).casefold(), name)

"""Law names and abbreviations resolved to BWB ids, from the table shipped as package data.

The table (19,685 regulations, see data/bwb-laws.PROVENANCE.md) has titles and a few aliases;
common abbreviations are added from data/law_aliases.tsv. Only names that look like a law
are matched (they contain wet, wetboek, besluit, regeling, verdrag, ... or are a known
abbreviation), so ordinary words never become laws, and an unknown law never gets an id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_LAWLIKE = re.compile(r"wet\b|wetboek|grondwet|besluit|regeling|verdrag|handvest|code\b|statuut", re.I)
_WORD = re.compile(r"[\w'’-]+")
BW_BOOKS = {
    "1": "BWBR0002656",
    "2": "BWBR0003045",
    "3": "BWBR0005291",
    "4": "BWBR0002761",
    "5": "BWBR0005288",
    "6": "BWBR0005289",
    "7": "BWBR0005290",
    "7a": "BWBR0006000",
    "8": "BWBR0005034",
    "10": "BWBR0030068",
}


@dataclass(frozen=True)
class LawMatch:
    start: int
    end: int
    text: str
    bwb_id: str | None


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


@dataclass
class LawIndex:
    """Token sequences of law names keyed by their first two tokens (thousands of titles begin
    with "Wet"), longest first; one-word names ("Participatiewet") in a dict of their own."""

    by_first: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]
    abbreviations: dict[str, str]

    def lookup(self, tokens: list[str], i: int) -> tuple[int, str] | None:
        """(number of tokens, bwb id) of the longest law name starting at token i."""
        first = tokens[i].lower()
        if i + 1 < len(tokens):
            window = tuple(t.lower() for t in tokens[i : i + 15])
            for seq, bwb in self.by_first.get(window[:2], ()):
                if window[: len(seq)] == seq:
                    return len(seq), bwb
        single = self.by_first.get((first,))
        return (1, single[0][1]) if single else None


@lru_cache(maxsize=1)
def law_index() -> LawIndex:
    by_first: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    seen: set[tuple[str, ...]] = set()

    def add(name: str, bwb: str) -> None:
        seq = _tokens(name)
        if not seq or seq in seen or len(seq) > 14:
            return
        seen.add(seq)
        by_first.setdefault(seq[:2], []).append((seq, bwb))

    abbreviations: dict[str, str] = {}
    table = resources.files("kamervragen.data").joinpath("law_aliases.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        alias, bwb = line.split("\t")[:2]
        abbreviations[alias] = bwb
        if not alias.isupper() and len(alias) > 3:
            add(alias, bwb)
    rows = resources.files("kamervragen.data").joinpath("bwb-laws.tsv").read_text(encoding="utf-8")
    for line in rows.splitlines()[1:]:
        bwb, title, aliases = ([*line.split("\t"), "", ""])[:3]
        # citation titles first: they are short and what people write
        for name in [title, *[a for a in aliases.split("|") if a]]:
            if _LAWLIKE.search(name) and not re.match(r"(?i)(wet|besluit|regeling) van \d", name):
                add(name, bwb)
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    return LawIndex(by_first, abbreviations)


def find_laws(text: str) -> list[LawMatch]:
    """Law names and abbreviations in text, longest match first, never overlapping."""
    index = law_index()
    words = list(_WORD.finditer(text))
    tokens = [w.group(0) for w in words]
    out: list[LawMatch] = []
    i = 0
    while i < len(words):
        word = tokens[i]
        if not word[:1].isupper() and word not in ("wet", "wetboek") and word not in index.abbreviations:
            i += 1
            continue
        hit = None
        if word[:1].isupper() or word.lower() in {"wet", "wetboek"}:
            hit = index.lookup(tokens, i)
        if hit and not (hit[0] == 1 and word[:1].islower()):
            n, bwb = hit
            start, end = words[i].start(), words[i + n - 1].end()
            out.append(LawMatch(start, end, text[start:end], bwb))
            i += n
            continue
        abbr = _abbreviation(tokens, i, index)
        if abbr:
            n, bwb = abbr
            start, end = words[i].start(), words[i + n - 1].end()
            out.append(LawMatch(start, end, text[start:end], bwb))
            i += n
            continue
        unknown = _unknown_law(tokens, i)
        if unknown:
            start, end = words[i].start(), words[i + unknown - 1].end()
            out.append(LawMatch(start, end, text[start:end], None))
            i += unknown
            continue
        i += 1
    return out


def _abbreviation(tokens: list[str], i: int, index: LawIndex) -> tuple[int, str] | None:
    two = " ".join(tokens[i : i + 2])
    if i + 1 < len(tokens) and two in index.abbreviations:
        return 2, index.abbreviations[two]
    if tokens[i] in index.abbreviations:
        return 1, index.abbreviations[tokens[i]]
    return None


_UNKNOWN_HEAD = re.compile(r"^(?:[A-Z][a-zà-ÿ]+wet|Wet|Wetsvoorstel)$")


def _unknown_law(tokens: list[str], i: int) -> int | None:
    """A capitalised law name not in the table ("Wet internationalisering in balans")."""
    if not _UNKNOWN_HEAD.match(tokens[i]):
        return None
    if tokens[i] in {"Wet", "Wetsvoorstel"}:
        if i + 1 >= len(tokens) or tokens[i + 1] in {"en", "of", "is", "van", "op"}:
            return None
        n = 1
        while i + n < len(tokens) and n < 7 and (tokens[i + n][:1].islower() or tokens[i + n] in {"en"}):
            if tokens[i + n] in {"is", "wordt", "zal", "heeft", "de", "het", "een", "die", "dat", "niet"}:
                break
            n += 1
        return n if n >= 2 else None
    return 1


def bw_book(article: str) -> str | None:
    """'7:658' cites Book 7 of the Burgerlijk Wetboek."""
    m = re.match(r"(\d{1,2}a?):", article.lower())
    return BW_BOOKS.get(m.group(1)) if m else None


@lru_cache(maxsize=1)
def law_titles() -> dict[str, str]:
    """BWB id → the law's citation title, for showing a law where only its id is stored."""
    rows = resources.files("kamervragen.data").joinpath("bwb-laws.tsv").read_text(encoding="utf-8")
    titles = {}
    for line in rows.splitlines()[1:]:
        bwb, title = ([*line.split("\t"), ""])[:2]
        if bwb and title:
            titles[bwb] = title
    return titles
